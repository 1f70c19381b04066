# Copied unchanged from the shared benchmark material (shared/bench/) so that the benchmark
# runs from a clean clone; only these two comment lines were added.
"""Physical-ish lower bounds for a Python SSG over a corpus made by gen_corpus.py.

Usage: python lower_bound.py STAGE CORPUS [OUTDIR]

Stages, each including the ones before it:
  a  read every file and parse its YAML front matter (yaml.CSafeLoader when available)
  b  + render every body with markdown-it-py (CommonMark preset)
  c  + render a trivial Jinja2 page per resolution, one page per addressee and an addressee
     list, and write them to OUTDIR (same URL layout as the peers: resolutions/<year>/<id>/)
  d  stage c with the per-resolution work spread over a multiprocessing pool (os.cpu_count())

No parsing of sections, clauses or deadlines, no slugs beyond a hash, no atomic writes: this
is the floor a real build stands on, not a build. Time it from outside as a whole process;
the internal time is printed to stderr for reference.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import jinja2
from markupsafe import Markup
import yaml
from markdown_it import MarkdownIt

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MD = MarkdownIt("commonmark")
ENV = jinja2.Environment(
    autoescape=True,
    loader=jinja2.DictLoader(
        {
            "page.html": (
                '<!doctype html>\n<html lang="uk"><head><meta charset="utf-8"><title>{{ m.title }}</title></head>\n'
                "<body>\n<header><p>{{ m.body }} · {{ m.date }} · № {{ m.number }}</p>\n"
                '<ul>{% for a in m.addressees %}<li><a href="/addressees/{{ slug(a) }}/">{{ a }}</a></li>{% endfor %}'
                "</ul></header>\n<main><h1>{{ m.title }}</h1>\n{{ html }}</main>\n</body></html>\n"
            ),
            "list.html": (
                '<!doctype html>\n<html lang="uk"><head><meta charset="utf-8"><title>{{ title }}</title></head>\n'
                "<body><h1>{{ title }}</h1>\n<ul>{% for url, text in items %}"
                '<li><a href="{{ url }}">{{ text }}</a></li>{% endfor %}</ul>\n</body></html>\n'
            ),
        }
    ),
)


def slug(name: str) -> str:
    return hashlib.blake2s(name.encode(), digest_size=6).hexdigest()


def load(path: Path) -> tuple[dict, str]:
    _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(header, Loader=LOADER), body


def build_one(job: tuple[str, Path, Path | None, str]) -> tuple[str, str, list[str]]:
    """Load one resolution, then render and write it as far as `stage` asks."""
    stage, path, outdir, rel = job
    meta, body = load(path)
    if stage >= "b":
        html = MD.render(body)
    url = f"/resolutions/{rel}/"
    if stage >= "c":
        page = ENV.get_template("page.html").render(m=meta, html=Markup(html), slug=slug)
        target = outdir / url.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return url, meta["title"], meta["addressees"]


def write_indexes(outdir: Path, results: list[tuple[str, str, list[str]]]) -> int:
    """One page per addressee listing its resolutions, and the addressee list."""
    by_addressee: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for url, title, addressees in results:
        for name in addressees:
            by_addressee[name].append((url, title))
    template = ENV.get_template("list.html")
    for name, items in by_addressee.items():
        target = outdir / "addressees" / slug(name) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=name, items=items), encoding="utf-8")
    overview = [(f"/addressees/{slug(n)}/", f"{n} ({len(v)})") for n, v in by_addressee.items()]
    (outdir / "addressees" / "index.html").write_text(
        template.render(title="Адресати", items=overview), encoding="utf-8"
    )
    return len(by_addressee) + 1


def main() -> None:
    stage, corpus = sys.argv[1], Path(sys.argv[2])
    outdir = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    if stage not in "abcd" or (stage >= "c" and outdir is None):
        sys.exit(__doc__)
    start = time.perf_counter()
    paths = sorted(corpus.rglob("*.md"))
    jobs = [(min(stage, "c"), p, outdir, p.relative_to(corpus).with_suffix("").as_posix()) for p in paths]
    if stage == "d":
        with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
            results = pool.map(build_one, jobs, chunksize=64)
    else:
        results = [build_one(job) for job in jobs]
    pages = len(results)
    if stage >= "c":
        pages += write_indexes(outdir, results)
    print(f"stage {stage}: {len(paths)} files, {pages} pages, {time.perf_counter() - start:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
