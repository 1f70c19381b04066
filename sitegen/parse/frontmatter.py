"""Front matter: YAML nodes → typed fields with file positions, checked against a per-kind schema.

We compose YAML into nodes rather than load it into dicts, because editors need the line of
the offending field, and because walking nodes ourselves keeps YAML safe (no tags) and bounded
(an alias bomb hits the node budget instead of expanding).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import yaml

from sitegen.diagnostics import Diagnostic, error, text, warning
from sitegen.model import Source

NODE_BUDGET = 5_000
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10× faster
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)


class _Invalid(Exception):
    """A field's value has the wrong shape; carries the message (a catalogue Text)."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.problem = text(f"problem.{key}", **args)


def _text(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Invalid("text")


def _date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Invalid("date-type")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid("not-a-date", value=value) from None


def _texts(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (_text(value),)
    if isinstance(value, list):
        return tuple(_text(item) for item in value)
    raise _Invalid("texts")


def _addressees(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, list) or not value:
        raise _Invalid("addressees")
    result = []
    for item in value:
        if isinstance(item, dict):
            unknown = set(item) - {"name", "aliases"}
            if unknown or "name" not in item:
                raise _Invalid("addressee-shape")
            result.append((_text(item["name"]), _texts(item.get("aliases"))))
        else:
            result.append((_text(item), ()))
    return tuple(result)


def _slug(value: object) -> str:
    """A page's own URL segment: never a path, so content cannot write outside output/."""
    slug = _text(value)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", slug):
        raise _Invalid("slug", value=slug)
    return slug


def _choice(*allowed: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in allowed:
            raise _Invalid("choice", choices=", ".join(allowed))
        return str(value)

    return check


@dataclass(frozen=True, slots=True)
class Field:
    convert: Callable[[object], object]
    required: bool = False


_COMMON = {
    "title": Field(_text, True),
    "lang": Field(_choice("uk", "ru", "en")),
    "tags": Field(_texts),
}
SCHEMAS: dict[str, dict[str, Field]] = {
    "resolutions": {
        **_COMMON,
        "kind": Field(_text),
        "body": Field(_text, True),
        "date": Field(_date, True),
        "number": Field(_text),
        "addressees": Field(_addressees, True),
        "control": Field(_text),
        "signed": Field(_text),
        "review": Field(_text),
        "status": Field(_choice("in_force", "repealed", "superseded")),
        "superseded_by": Field(_text),
        "refs": Field(_texts),
    },
    "materials": {
        **_COMMON,
        "subtitle": Field(_text),
        "date": Field(_date),
        "author": Field(_text),
        "author_role": Field(_text),
        "implements": Field(_texts),
        "source_note": Field(_text),
    },
    "pages": {**_COMMON, "slug": Field(_slug)},
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Checked, typed fields and the file line of every key (for later diagnostics)."""

    values: dict[str, object]
    lines: dict[str, int]

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def parse_front_matter(source: Source) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Source front matter → FrontMatter; None when it is too broken to build the document."""
    try:
        root = yaml.compose(source.front_matter, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at_end = mark is not None and mark.index >= len(source.front_matter.rstrip())
        if exc.context_mark and at_end:
            mark = exc.context_mark  # an unclosed bracket or quote: point at where it opened
        line = source.front_matter_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "malformed YAML"
        return None, [error(source.path, line, "front-matter.yaml", column, problem=problem)]
    except yaml.YAMLError as exc:
        line = source.front_matter_line
        return None, [error(source.path, line, "front-matter.yaml", problem=str(exc))]
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        return None, [error(source.path, source.front_matter_line, "front-matter.shape")]
    return _check(source, root)


def _check(source: Source, root: yaml.MappingNode) -> tuple[FrontMatter | None, list[Diagnostic]]:
    schema = SCHEMAS[source.section]
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    problems: list[Diagnostic] = []
    budget = [NODE_BUDGET]
    for key_node, value_node in root.value:
        key = str(key_node.value)
        line = source.front_matter_line + key_node.start_mark.line
        lines[key] = line
        if key not in schema:
            hint = difflib.get_close_matches(key, schema, n=1)
            fix = (
                text("hint.did-you-mean-alone", name=hint[0])
                if hint
                else text("hint.known-fields", fields=", ".join(schema))
            )
            problems.append(
                warning(source.path, line, "front-matter.unknown-key", field=key, hint=fix)
            )
            continue
        try:
            values[key] = schema[key].convert(_plain(value_node, budget))
        except _Invalid as exc:
            problems.append(
                error(source.path, line, "front-matter.type", field=key, problem=exc.problem)
            )
        except RecursionError:
            too_deep = text("problem.too-deep")
            problems.append(
                error(source.path, line, "front-matter.type", field=key, problem=too_deep)
            )
    for key, spec in schema.items():
        if spec.required and key not in lines:
            problems.append(
                error(source.path, source.front_matter_line, "front-matter.required", field=key)
            )
    if any(p.code in {"front-matter.required", "front-matter.type"} for p in problems):
        return None, problems
    return FrontMatter(values, lines), problems


def _plain(node: yaml.Node, budget: list[int]) -> object:
    """YAML node → plain value; timestamps stay text so that we can report impossible dates."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Invalid("too-large")
    if node.tag not in _PLAIN_TAGS:
        raise _Invalid("tag", tag=node.tag)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL:
            return None
        if node.tag in (_STR, _TIMESTAMP):
            return node.value
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, budget) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _plain(v, budget) for k, v in node.value}
    raise _Invalid("unsupported YAML value")


def _scalar(node: yaml.ScalarNode) -> object:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    except yaml.YAMLError:
        return node.value
    finally:
        loader.dispose()
