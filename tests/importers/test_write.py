"""The writer's output is read back exactly: Markdown and YAML special characters are escaped."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from sitegen.importers.document import Addressee, ImportedDocument, Point, Role
from sitegen.importers.roundtrip import differences, reread
from sitegen.importers.write import escape, render, scalar
from sitegen.model import Deadline, DeadlineKind
from sitegen.parse.markdown import markdown, plain_text

PERMANENT = Deadline("Постійно", DeadlineKind.PERMANENT)


@pytest.mark.parametrize(
    "text",
    [
        "- не список",
        "# не заголовок",
        "1. не пункт",
        "Текст із *зірочками* і _підкресленням_",
        "<script>alert(1)</script>",
        "[посилання](http://example.com)",
        "---",
    ],
)
def test_escaped_text_reads_back_as_written(text: str) -> None:
    tokens = markdown().parse(escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert plain_text(tokens[1].children or []) == text


@pytest.mark.parametrize(
    "value",
    ["Про: щось", "# не коментар", "984", "2020-03-04", "yes", '"в лапках"', "А # Б", "- х"],
)
def test_yaml_scalars_read_back_as_the_same_text(value: str) -> None:
    assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}


def test_a_minimal_document_round_trips() -> None:
    document = ImportedDocument(
        source="x.txt",
        encoding="UTF-8",
        lang="uk",
        kind="наказ",
        title="Про: перевірку # символів",
        body='Відділ освіти "Центр"',
        date=None,
        number="12-Р",
        addressees=(Addressee("Директори шкіл", "Директорам шкіл"),),
        preamble=("- пункт порядку денного",),
        formula="НАКАЗУЮ:",
        points=(
            Point("1", "Директорам шкіл:", Role.HEADING, addressees=("Директори шкіл",)),
            Point("1.1", "Провести *нараду*.", deadline_line="Постійно", deadline=PERMANENT),
        ),
        signatures=(),
    )
    text = render(document)
    assert reread(text, document).values is not None
    assert differences(document, text) == []
    wrong = replace(
        document, points=(document.points[0], replace(document.points[1], deadline=None))
    )
    assert [d.split(",")[0] for d in differences(wrong, render(wrong))] == [
        "clause 1.1: deadline None"
    ]  # the check notices when the file says something else than the import
