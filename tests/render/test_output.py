"""Templates write `{{ … }}` as escaped text without Jinja's Markup wrapper, and call plain
callables without Jinja's questions (sitegen/render/output.py): what they write must be exactly
what stock Jinja writes."""

from __future__ import annotations

from dataclasses import replace

import jinja2.compiler
import jinja2.runtime
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import pass_context, pass_environment, pass_eval_context
from markupsafe import Markup

import sitegen.render.theme
from sitegen.build import build
from sitegen.render.output import output_escape
from sitegen.render.theme import environment, load_theme
from support import ROOT, edit, sample_copy, tree

SEED_001 = "content/resolutions/2020/1-2020-3.md"


class Shown:
    """An object a template writes through its own `__html__`."""

    def __html__(self) -> str:
        return "<abbr>ОК</abbr>"

    def __str__(self) -> str:
        return "<not this>"


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none()))
def test_a_value_is_escaped_as_markupsafe_escapes_it(value):
    written = output_escape(value)
    assert type(written) is str
    assert written == str(markupsafe.escape(value))


def test_markup_and_objects_that_render_themselves_are_written_as_they_are():
    assert output_escape(Markup("<b>м'який</b>")) == "<b>м'який</b>"
    assert output_escape(Shown()) == "<abbr>ОК</abbr>"
    assert output_escape('<b>м\'який & "твердий"</b>') == (
        "&lt;b&gt;м&#39;який &amp; &#34;твердий&#34;&lt;/b&gt;"
    )


def test_macros_blocks_and_filters_write_what_stock_jinja_writes(monkeypatch):
    source = (
        "{% macro cell(x) %}<td>{{ x }}</td>{% endmacro %}"
        "{{ cell(text) }}{{ cell(cell(text)) }}"
        "{% set block %}<p>{{ text }}</p>{% endset %}{{ block }}{{ block | upper }}"
        "{% filter upper %}{{ text }}{% endfilter %}"
        "{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}"
        "{% call wrap() %}{{ text }}{% endcall %}"
        "{% for n in [1, 2.5, none] %}{{ n }}{{ text ~ n }}{% endfor %}"
        "{{ shown }}{{ text | e }}{{ text | safe }}"
        "{% autoescape false %}{{ text }}{% endautoescape %}"
    )
    values = {"text": '<b>м\'який & "твердий"</b>', "shown": Shown()}
    theme = load_theme(ROOT, "default")
    assert "output_escape" in environment(theme).compile(source, raw=True)  # the fast path
    ours = environment(theme).from_string(source).render(values)
    monkeypatch.setattr(sitegen.render.theme, "OutputCodeGenerator", jinja2.compiler.CodeGenerator)
    stock = environment(theme).from_string(source).render(values)
    assert ours == stock
    assert "&lt;td&gt;" not in ours and "&lt;b&gt;м&#39;який" in ours  # escaped once, not twice


@pass_context
def looked_up(context, name):
    """What a template's context holds under `name` (a loop variable inside a loop)."""
    return context.get(name, "-")


class Greeter:
    """A callable object that wants the environment: Jinja calls its `__call__` with it."""

    @pass_environment
    def __call__(self, environment, name):
        return f"{type(environment).__name__}:{name}"

    def shout(self, name):
        return name.upper()


def exhausted():
    raise StopIteration


CALLS = (
    "{% macro cell(x, y=1) %}<td>{{ x }}/{{ y }}/{{ kwargs }}/{{ varargs }}</td>{% endmacro %}"
    "{% block main %}{% for n in [1, 2] %}"
    "{{ cell(n) }}{{ cell(n, y=n, z=3) }}{{ cell(n, 2, 3) }}{{ looked_up('n') }}"
    "{{ greet(n) }}{{ greeter.shout('ок') }}{{ fmt('{}-{}', n, t) }}{{ max(n, 2) }}"
    "{{ autoescaped() }}{{ (exhausted() is undefined) }}{{ length([n]) }}"
    "{% endfor %}{{ looked_up('n') }}{% endblock %}"
)


@pytest.mark.parametrize(
    "source", [CALLS, CALLS.replace("{% block main %}", "").replace("{% endblock %}", "")]
)
def test_calls_are_what_stock_jinja_makes_of_them(source, monkeypatch):
    values = {
        "looked_up": looked_up,
        "greet": Greeter(),
        "greeter": Greeter(),
        "fmt": str.format,
        "max": max,
        "t": "<т>",
        "autoescaped": pass_eval_context(lambda eval_ctx: eval_ctx.autoescape),
        "exhausted": exhausted,
        "length": len,
    }
    theme = load_theme(ROOT, "default")
    macro_calls = []
    stock_call = jinja2.runtime.Context.call
    monkeypatch.setattr(
        jinja2.runtime.Context,
        "call",
        lambda *args, **kwargs: macro_calls.append(args[1]) or stock_call(*args, **kwargs),
    )
    ours = environment(theme).from_string(source).render(values)
    assert not any(isinstance(called, jinja2.runtime.Macro) for called in macro_calls)
    monkeypatch.setattr(sitegen.render.theme, "OutputContext", jinja2.runtime.Context)
    stock = environment(theme).from_string(source).render(values)
    assert ours == stock
    assert "<td>2/2/{&#39;z&#39;: 3}/()</td>" in ours and "Environment:1" in ours


def test_a_site_is_written_byte_for_byte_as_stock_jinja_writes_it(tmp_path, monkeypatch):
    config = sample_copy(tmp_path / "site")
    title = "title: Про впровадження"  # what HTML escapes, written by the templates
    edit(config, SEED_001, title, 'title: Про <b>обов\'язкове</b> & "швидке" впровадження')
    ours = replace(config, output=str(tmp_path / "ours"))
    assert build(ours, strict=True, cache=False).published is not None
    monkeypatch.setattr(sitegen.render.theme, "OutputCodeGenerator", jinja2.compiler.CodeGenerator)
    monkeypatch.setattr(sitegen.render.theme, "OutputContext", jinja2.runtime.Context)
    stock = replace(config, output=str(tmp_path / "stock"))
    assert build(stock, strict=True, cache=False).published is not None
    written = tree(tmp_path / "ours")
    assert written == tree(tmp_path / "stock")
    assert any(
        "обов&#39;язкове&lt;/b&gt; &amp; &#34;".encode() in page for page in written.values()
    )
