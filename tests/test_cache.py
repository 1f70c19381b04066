"""The build cache never fails a build and never leaves a torn or stray file behind."""

from __future__ import annotations

from sitegen.cache import Store


def test_an_entry_that_cannot_be_written_is_skipped_without_a_stray_file(tmp_path):
    store = Store(tmp_path)
    store.save("parse", "ab12", {"kept": 1})
    blocked = tmp_path / "parse" / "ab" / "ab34"
    blocked.mkdir()  # the rename over it fails, as on a full or read-only disk
    store.save("parse", "ab34", {"lost": 2})
    store.save_pickled("parse", "ab34", b"not written")
    assert store.load("parse", "ab12") == {"kept": 1}
    assert store.load("parse", "ab34") is None
    assert sorted(p.name for p in blocked.parent.iterdir()) == ["ab12", "ab34"]
