"""A clause's packed wording gives back exactly its text and HTML, and equal wording packs equal."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given
from hypothesis import strategies as st

from sitegen.wording import pack_wording, unpack_wording

# Any text a content file can hold: load refuses NUL.
texts = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@given(texts, texts)
def test_packed_wording_gives_back_text_and_html(text, html):
    packed = pack_wording(text, html)
    assert unpack_wording(packed) == (text, html)
    assert pack_wording(text, html) == packed
    if html != text:
        assert pack_wording(text, text) != packed


def test_a_clause_is_packed_small():
    text = (
        "Забезпечити систематичне висвітлення на сайтах закладів освіти інформації про хід "
        "виконання рішення колегії управління освіти та залучення громадськості."
    )
    packed = pack_wording(text, text)
    assert unpack_wording(packed) == (text, text)
    assert len(packed) < len(text.encode()) * 0.6


def test_a_long_clause_comes_back_whole():
    """A pasted table may make one clause longer than any window or buffer a compressor keeps."""
    row = "<tr><td>Ліцей № {0}</td><td>Забезпечити виконання до 1 вересня</td></tr>"
    html = "<table>" + "".join(row.format(n) for n in range(20_000)) + "</table>"
    text = " ".join(f"Ліцей № {n} Забезпечити виконання до 1 вересня" for n in range(20_000))
    packed = pack_wording(text, html)
    assert len(packed) < len(html.encode()) // 10
    assert unpack_wording(packed) == (text, html)


def test_threads_pack_and_unpack_at_once():
    """`serve` parses in its rebuild thread while it renders pages in another."""
    texts = [
        f"Пункт {n}: забезпечити виконання рішення до {n % 28 + 1} травня" * 20 for n in range(4000)
    ]

    def round_trip(part: int) -> bool:
        mine = texts[part::4]
        packed = [pack_wording(text, f"<p>{text}</p>") for text in mine]
        return [unpack_wording(p) for p in packed] == [(t, f"<p>{t}</p>") for t in mine]

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(round_trip, range(4)))
