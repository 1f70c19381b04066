"""A file saved while the site is being built is reported, never parsed under the old digest."""

from __future__ import annotations

from sitegen.cache import Store
from sitegen.load import load_sources
from sitegen.parse import parse_documents
from support import sample_copy


def test_a_file_saved_after_load_is_an_error_of_this_build_only(tmp_path):
    config = sample_copy(tmp_path / "site")
    files, _ = load_sources(config.content_dir, config.root)
    saved = files[0]
    target = config.root / saved.path
    original = target.read_bytes()
    target.write_bytes(original + "\nДодано.\n".encode())
    store = Store(tmp_path / "cache")

    documents, problems = parse_documents(files, config, jobs=1, store=store)

    changed = [p for p in problems if p.code == "source.changed"]
    assert [(p.path, p.line) for p in changed] == [(saved.path, 1)]
    assert "build again" in changed[0].message
    assert "зберіть сайт ще раз" in changed[0].format("uk")
    assert saved.path not in {r.source for r in documents.resolutions}
    # The next build lists the new bytes and parses them; nothing stale was cached.
    again, _ = load_sources(config.content_dir, config.root)
    documents, problems = parse_documents(again, config, jobs=1, store=store)
    assert "source.changed" not in {p.code for p in problems}
    assert saved.path in {r.source for r in documents.resolutions}
    # Nor under the digest load had listed: undoing the save gives the file back.
    target.write_bytes(original)
    files, _ = load_sources(config.content_dir, config.root)
    documents, problems = parse_documents(files, config, jobs=1, store=store)
    assert "source.changed" not in {p.code for p in problems}
    assert saved.path in {r.source for r in documents.resolutions}
