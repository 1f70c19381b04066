"""Templates write `{{ … }}` as escaped text without Jinja's Markup wrapper
(sitegen/render/output.py): what they write must be exactly what stock Jinja writes."""

from __future__ import annotations

from dataclasses import replace

import jinja2.compiler
import markupsafe
from hypothesis import given
from hypothesis import strategies as st
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


def test_a_site_is_written_byte_for_byte_as_stock_jinja_writes_it(tmp_path, monkeypatch):
    config = sample_copy(tmp_path / "site")
    title = "title: Про впровадження"  # what HTML escapes, written by the templates
    edit(config, SEED_001, title, 'title: Про <b>обов\'язкове</b> & "швидке" впровадження')
    ours = replace(config, output=str(tmp_path / "ours"))
    assert build(ours, strict=True, cache=False).published is not None
    monkeypatch.setattr(sitegen.render.theme, "OutputCodeGenerator", jinja2.compiler.CodeGenerator)
    stock = replace(config, output=str(tmp_path / "stock"))
    assert build(stock, strict=True, cache=False).published is not None
    written = tree(tmp_path / "ours")
    assert written == tree(tmp_path / "stock")
    assert any(
        "обов&#39;язкове&lt;/b&gt; &amp; &#34;".encode() in page for page in written.values()
    )
