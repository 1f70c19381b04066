"""The build cache never fails a build, never leaves a torn or stray file behind, and stays
the size of the site however often it is built."""

from __future__ import annotations

from pathlib import Path

from sitegen.cache import LAYOUT, Store, build_store
from sitegen.cli import main
from support import sample_copy


def entries(root: Path, kind: str = "") -> list[Path]:
    return sorted(p for p in (root / LAYOUT / kind).rglob("*") if p.is_file())


def test_an_entry_that_cannot_be_written_is_skipped_without_a_stray_file(tmp_path):
    store = Store(tmp_path)
    store.save("parse", "lost.md", {"lost": 1})
    (blocked,) = entries(tmp_path)
    blocked.unlink()
    blocked.mkdir()  # the rename over it fails, as on a full or read-only disk
    store.save("parse", "kept.md", {"kept": 2})
    store.save("parse", "lost.md", {"lost": 3})
    store.save_pickled("parse", "lost.md", b"not written")
    assert store.load("parse", "kept.md") == {"kept": 2}
    assert store.load("parse", "lost.md") is None
    assert [p.suffix for p in entries(tmp_path)] == [""]  # kept.md's; no temporary file


def test_a_stale_entry_is_a_miss_and_its_slot_is_reused(tmp_path):
    store = Store(tmp_path)
    store.save("parse", "content/a.md", "first", stamp="1")
    assert store.load("parse", "content/a.md", "1") == "first"
    assert store.load("parse", "content/a.md", "2") is None
    assert store.load("parse", "content/b.md", "1") is None
    store.save("parse", "content/a.md", "second", stamp="2")
    assert store.load("parse", "content/a.md", "2") == "second"
    assert store.load("parse", "content/a.md", "1") is None
    assert len(entries(tmp_path)) == 1


def test_a_build_store_deletes_older_layouts_and_a_fresh_one_everything(tmp_path):
    old = tmp_path / "parse" / "ab" / "ab12"  # where sitegen kept entries before layout 2
    old.parent.mkdir(parents=True)
    old.write_bytes(b"an old entry")
    (tmp_path / "stray").write_bytes(b"")
    Store(tmp_path).save("parse", "content/a.md", "kept", stamp="1")
    kept = build_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [LAYOUT]
    assert kept.load("parse", "content/a.md", "1") == "kept"
    fresh = build_store(tmp_path, fresh=True)
    assert fresh.load("parse", "content/a.md", "1") is None
    assert list(tmp_path.iterdir()) == []


def test_the_cache_does_not_grow_as_a_resolution_is_edited_again_and_again(tmp_path, capsys):
    config = sample_copy(tmp_path / "site")
    cache = config.root / ".sitegen-cache"
    source = sorted((config.content_dir / "resolutions").rglob("*.md"))[0]
    original = source.read_text("utf-8")
    command = ["--lang", "en", "-C", str(config.root), "build", "--strict"]
    assert main(command) == 0
    before = {kind: len(entries(cache, kind)) for kind in ("parse", "page-keys", "report")}
    for edition in range(1, 4):
        source.write_text(original.replace("вебинар ", f"вебинар (ред. {edition}) ", 1), "utf-8")
        assert main(command) == 0
        after = {kind: len(entries(cache, kind)) for kind in before}
        assert after == before, f"edition {edition}"
    capsys.readouterr()
    source.write_text(original, "utf-8")
    assert main(command) == 0
    assert capsys.readouterr().err.rstrip().endswith("pages rendered: 1")


def test_the_parse_results_of_deleted_and_renamed_sources_go(tmp_path):
    config = sample_copy(tmp_path / "site")
    cache = config.root / ".sitegen-cache"
    command = ["--lang", "en", "-C", str(config.root), "build", "--strict"]
    assert main(command) == 0
    sources = sorted((config.content_dir / "resolutions").rglob("*.md"))
    sources[0].rename(sources[0].with_name("renamed.md"))
    sources[1].unlink()
    assert main(command) == 0
    assert len(entries(cache, "parse")) == sum(1 for _ in config.content_dir.rglob("*.md"))
