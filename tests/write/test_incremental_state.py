"""Random sequences of edits, additions, deletions and renames of content, templates and settings:
after every step the incremental build's output/ is byte for byte a clean build's."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sitegen.build import build
from sitegen.config import load_config
from support import ROOT, tree

# The last one's slug is the first one's, and it sorts first: when it comes, the first one's
# pages move to "-2" (every list linking to them changes, though none of its documents did).
ADDRESSEES = (
    "Міський методичний центр",
    "Директори закладів освіти",
    "Батьківські комітети",
    "МІСЬКИЙ МЕТОДИЧНИЙ ЦЕНТР",
)
DEADLINES = ("Квітень 2020 р.", "Постійно", "до 1 вересня 2020 року", "Травень 2021 р.")
TASKS = ("Провести семінар.", "Оприлюднити план на сайті.", "Подати звіт до управління.")
BASE = (ROOT / "themes/default/templates/base.html").read_text("utf-8")


def resolution(number: int, addressee: str, deadline: str, task: str, day: int) -> str:
    return f"""---
title: Про виконання завдання {number}
body: Колегія управління освіти
date: 2020-03-{day:02d}
number: "{number}"
addressees: [{addressee}]
---
{addressee}:

1.1. {task}
{deadline}
"""


class IncrementalBuilds(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="sitegen-state-"))
        self.site = self.folder / "site"
        (self.site / "content/resolutions").mkdir(parents=True)
        (self.site / "sitegen.toml").write_text('title = "Архів"\ntoday = 2020-06-15\n', "utf-8")
        self.files: dict[str, int] = {}  # file name → resolution number
        self.next_number = 1
        for _ in range(2):
            self.add(0, 0, 0)

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.site / "content/resolutions" / name

    @rule(
        addressee=st.integers(0, len(ADDRESSEES) - 1),
        deadline=st.integers(0, len(DEADLINES) - 1),
        task=st.integers(0, len(TASKS) - 1),
    )
    def add(self, addressee: int, deadline: int, task: int) -> None:
        number = self.next_number
        self.next_number += 1
        name = f"r{number}.md"
        text = resolution(number, ADDRESSEES[addressee], DEADLINES[deadline], TASKS[task], number)
        self.path(name).write_text(text, "utf-8")
        self.files[name] = number

    @precondition(lambda self: self.files)
    @rule(data=st.data(), part=st.sampled_from(("task", "deadline", "addressee", "title")))
    def edit(self, data: st.DataObject, part: str) -> None:
        name = data.draw(st.sampled_from(sorted(self.files)))
        path = self.path(name)
        text = path.read_text("utf-8")
        choices = {"task": TASKS, "deadline": DEADLINES, "addressee": ADDRESSEES}.get(part)
        if choices is None:
            text = text.replace("title: Про", "title: Ще раз про", 1)
        else:
            old = next((c for c in choices if c in text), None)
            new = data.draw(st.sampled_from(choices))
            if old is not None:
                text = text.replace(old, new)
        path.write_text(text, "utf-8")

    @precondition(lambda self: len(self.files) > 1)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.files)))
        self.path(name).unlink()
        del self.files[name]

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def rename(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.files)))
        new_name = f"renamed-{name}"
        if new_name not in self.files:
            self.path(name).rename(self.path(new_name))
            self.files[new_name] = self.files.pop(name)

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def break_and_keep(self, data: st.DataObject) -> None:
        """A broken file fails the build; the next step's build must still be right."""
        name = data.draw(st.sampled_from(sorted(self.files)))
        path = self.path(name)
        path.write_text(path.read_text("utf-8").replace("date: 2020", "date: 1999-13-01 #", 1))
        self.check()
        path.write_text(path.read_text("utf-8").replace("date: 1999-13-01 #", "date: 2020", 1))

    @rule(comment=st.sampled_from(("", "{# a #}", "{# b #}")))
    def template(self, comment: str) -> None:
        override = self.site / "templates/base.html"
        if comment:
            override.parent.mkdir(exist_ok=True)
            override.write_text(BASE.replace("</body>", f"{comment}</body>"), "utf-8")
        else:
            override.unlink(missing_ok=True)

    @rule(
        title=st.sampled_from(("Архів", "Архів рішень")),
        today=st.sampled_from(("2020-06-15", "2021-06-01")),
    )
    def settings(self, title: str, today: str) -> None:
        (self.site / "sitegen.toml").write_text(f'title = "{title}"\ntoday = {today}\n', "utf-8")

    @invariant()
    def check(self) -> None:
        config, problems = load_config(self.site)
        assert not problems
        assert isinstance(config.today, date)
        incremental = build(config, strict=True)
        clean_out = self.folder / "clean"
        shutil.rmtree(clean_out, ignore_errors=True)
        clean = build(replace(config, output=str(clean_out)), strict=True, cache=False)
        assert (incremental.published is None) == (clean.published is None)
        assert [d.code for d in incremental.report.diagnostics] == [
            d.code for d in clean.report.diagnostics
        ]
        if clean.published is not None:
            assert tree(config.output_dir) == tree(clean_out)


IncrementalBuilds.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_incremental_output_equals_a_clean_build = IncrementalBuilds.TestCase
