"""How a template writes `{{ … }}` and calls `f(…)`: the two things its code does most.

Writing: escaped into a plain string, not into a `Markup`.

Jinja's autoescape passes every value a template writes through MarkupSafe's `escape`, which
wraps the escaped text in a `Markup` made by a Python `__new__`, only for the page to join it
into one string at once. A cold 10,000-document build writes tens of millions of values (a
task of a list writes ~25), and those wrappers were the largest single self-time of its
profile. A theme's environment compiles its templates with `OutputCodeGenerator` (Jinja's
`Environment.code_generator_class`), whose modules write with `output_escape`: the same
characters escaped, by MarkupSafe's own C function, as a `str`. What is written is the same
text; a value written inside a macro, a `{% set %}` block or a `{% filter %}` block is still
joined into `Markup` by Jinja (tests/render/test_output.py compares whole sites byte for byte).

Calling: every call a template makes (a macro, `t(…)`, `href(…)`: seven for each task of a list)
goes through its context's `call`, which asks the callable, and then its `__call__`, whether it
wants the context passed first (`pass_context` and its kin) — Python code around every call,
which was the largest self-time of a cold build's profile once the `Markup` wrappers were gone.
`OutputContext` (Jinja's `Environment.context_class`) calls a function, method or macro that
wants nothing passed straight away: its `__call__` cannot want anything (a method wrapper, or
`Macro.__call__`, which Jinja does not mark), so only the callable itself is asked.
"""

from __future__ import annotations

from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Macro
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


# Callables whose `__call__` Jinja never marks: for them, Context.call asks only the callable.
_PLAIN_CALLABLES = frozenset({FunctionType, MethodType, BuiltinFunctionType, Macro})


class OutputContext(Context):
    """Jinja's template context, whose `call` goes straight to a plain callable that wants no
    context, environment or evaluation context passed (`jinja_pass_arg`); any other call is
    Jinja's own."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(__obj) not in _PLAIN_CALLABLES
            or getattr(__obj, "jinja_pass_arg", None) is not None
        ):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)  # what Jinja hands calls made in blocks and loops
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Context.call
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )
