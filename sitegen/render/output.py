"""How a template writes `{{ … }}`: escaped into a plain string, not into a `Markup`.

Jinja's autoescape passes every value a template writes through MarkupSafe's `escape`, which
wraps the escaped text in a `Markup` made by a Python `__new__`, only for the page to join it
into one string at once. A cold 10,000-document build writes tens of millions of values (a
task of a list writes ~25), and those wrappers were the largest single self-time of its
profile. A theme's environment compiles its templates with `OutputCodeGenerator` (Jinja's
`Environment.code_generator_class`), whose modules write with `output_escape`: the same
characters escaped, by MarkupSafe's own C function, as a `str`. What is written is the same
text; a value written inside a macro, a `{% set %}` block or a `{% filter %}` block is still
joined into `Markup` by Jinja (tests/render/test_output.py compares whole sites byte for byte).
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import escape

try:
    from markupsafe import _escape_inner  # MarkupSafe 3's C core of `escape`
except ImportError:  # a MarkupSafe without it: its public `escape`, as fast as Jinja's own

    def _escape_inner(text: str, /) -> str:
        return str(escape(text))


def output_escape(value: Any) -> str:
    """`markupsafe.escape(value)` as text: HTML's special characters of a string escaped, an
    object with `__html__` (Markup, a macro's output) as it renders itself."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class OutputCodeGenerator(CodeGenerator):
    """Jinja's code generator, whose template modules write with `output_escape`: their
    `escape` (imported from jinja2.runtime at the top) is rebound at the end of the module,
    before any of its functions runs."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(node, frame)
        self.writeline(f"from {__name__} import output_escape as escape")
