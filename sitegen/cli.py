"""Command line (DESIGN §2.1): parse arguments, call the pipeline, print, choose the exit code.

Exit codes: 0 success; 1 content errors (or warnings under --strict); 2 usage, config or
environment errors; 130 stopped by Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sitegen import scaffold
from sitegen.build import analyse, build
from sitegen.config import SiteConfig, load_config, normalize_base_url
from sitegen.diagnostics import Report, text
from sitegen.render import SearchUnavailable, ThemeError
from sitegen.serialize import site_resolution_json
from sitegen.workers import WorkerLost

OK, CONTENT_ERRORS, USAGE_ERRORS = 0, 1, 2
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C


def run() -> NoReturn:
    """The `sitegen` command: `main`, then the process ends without the interpreter's teardown.
    Freeing a 10,000-document archive's objects one by one took 0.25 s after every build (4 %
    of a one-file rebuild); the operating system takes the memory back at once. By then every
    file is written and closed, and every worker and Pagefind process has ended."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE_ERRORS
    if args.command == "init":
        return _init(args)
    if args.command == "import":  # needs no sitegen.toml: only the site folder to write into
        return _import(args)
    config, problems = load_config(Path(args.site).resolve())
    args.lang = args.lang or config.language
    if problems:
        _print(Report.of(problems), "text", args.lang)
        return USAGE_ERRORS
    config = config.with_overrides(
        output=getattr(args, "out", None),
        base_url=normalize_base_url(args.base_url) if getattr(args, "base_url", None) else None,
    )
    try:
        run = {"build": _build, "check": _check, "inspect": _inspect, "serve": _serve, "new": _new}
        return run[args.command](args, config)
    except ThemeError as exc:
        _say(args.lang, "cli.theme", detail=str(exc))
        return USAGE_ERRORS
    except SearchUnavailable as exc:  # a missing pagefind binary is a setup problem
        _say(args.lang, "cli.search", detail=str(exc))
        return USAGE_ERRORS
    except WorkerLost as exc:  # killed, most often by the kernel for want of memory
        _say(args.lang, "cli.worker-lost", detail=str(exc), jobs=getattr(args, "jobs", 1))
        return USAGE_ERRORS
    except KeyboardInterrupt:  # an editor's Ctrl+C (stopping `serve`, or a long build)
        _say(args.lang, "cli.interrupted")
        return INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="Publish resolutions as a site.")
    parser.add_argument("-C", "--site", default=".", help="the site folder (default: here)")
    parser.add_argument(
        "--lang", choices=("uk", "ru", "en"), help="language of messages (default: the site's)"
    )
    commands = parser.add_subparsers(dest="command")

    build_cmd = commands.add_parser("build", help="build the site into output/")
    build_cmd.add_argument("--strict", action="store_true", help="warnings fail the build")
    build_cmd.add_argument("--out", help="output folder (default: output)")
    build_cmd.add_argument("--base-url", help="URL or path the site is served under")
    build_cmd.add_argument(
        "--clean", action="store_true", help="rebuild everything, emptying .sitegen-cache/ first"
    )
    build_cmd.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that parse and render (default: cores)",
    )
    build_cmd.add_argument("--format", choices=("text", "github"), default="text")

    check_cmd = commands.add_parser("check", help="validate the content, build nothing")
    check_cmd.add_argument("--strict", action="store_true", help="warnings fail the check")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text")

    inspect_cmd = commands.add_parser("inspect", help="print the parsed model")
    inspect_cmd.add_argument("paths", nargs="+", help="content files or folders")
    inspect_cmd.add_argument("--json", action="store_true", required=True)

    serve_cmd = commands.add_parser("serve", help="build, serve, rebuild on change, live-reload")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--out", help="output folder (default: output)")

    new_cmd = commands.add_parser("new", help="create a resolution file from a template")
    new_cmd.add_argument("title", help="the resolution's title ('Про …')")
    new_cmd.add_argument("--kind", default="рішення", help="рішення, наказ, рекомендації, …")
    new_cmd.add_argument("--body", help="the issuing body, in the nominative")
    new_cmd.add_argument(
        "--doc-lang", choices=("uk", "ru"), help="the document's language (default: the site's)"
    )

    import_cmd = commands.add_parser(
        "import", help="turn .txt, .docx, .md, .doc, .odt documents into resolution files"
    )
    import_cmd.add_argument("files", nargs="+", type=Path, help="documents to import")
    import_cmd.add_argument(
        "-o", "--out", type=Path, help="folder to write into (default: content/resolutions/<year>)"
    )

    init_cmd = commands.add_parser("init", help="create a new site with sample content")
    init_cmd.add_argument("directory", nargs="?", default=".")
    return parser


def _say(lang: str, key: str, **values: object) -> None:
    """A line for the editor, in their language, on stderr."""
    print(f"sitegen: {text(key, **values).render(lang)}", file=sys.stderr)


def _print(report: Report, output_format: str, lang: str) -> None:
    for line in report.lines(output_format, lang):
        print(line, file=sys.stderr)
    if report.diagnostics and output_format == "text":
        print(report.summary(lang), file=sys.stderr)


def _build(args: argparse.Namespace, config: SiteConfig) -> int:
    started = time.perf_counter()
    result = build(config, strict=args.strict, jobs=max(1, args.jobs), fresh=args.clean)
    _print(result.report, args.format, args.lang)
    if result.published is None:
        _say(args.lang, "cli.nothing-written")
        return CONTENT_ERRORS
    elapsed = time.perf_counter() - started
    published = result.published
    kib, seconds = published.bytes // 1024, f"{elapsed:.2f}"
    _say(
        args.lang,
        "cli.built",
        files=published.files,
        rendered=len(published.rendered),
        kib=kib,
        out=config.output_dir,
        seconds=seconds,
    )
    return OK


def _check(args: argparse.Namespace, config: SiteConfig) -> int:
    report = analyse(config).report
    _print(report, args.format, args.lang)
    return CONTENT_ERRORS if report.blocks(args.strict) else OK


def _inspect(args: argparse.Namespace, config: SiteConfig) -> int:
    analysis = analyse(config)
    wanted = [Path(p).resolve() for p in args.paths]
    site = analysis.site
    objects = []
    for resolution in site.resolutions:
        path = (config.root / resolution.source).resolve()
        if not any(path == w or path.is_relative_to(w) for w in wanted):
            continue
        objects.append(site_resolution_json(site, resolution, config.base_url))
    objects.sort(key=lambda o: str(o["source"]))
    _print(analysis.report, "text", args.lang)
    print(json.dumps(objects, ensure_ascii=False, indent=2))
    return CONTENT_ERRORS if analysis.report.errors else OK


def _serve(args: argparse.Namespace, config: SiteConfig) -> int:
    from sitegen.serve import serve  # tornado and watchdog load only when serving

    _say(args.lang, "cli.serving", host=args.host, port=args.port)
    serve(config, args.host, args.port)
    return OK


def _new(args: argparse.Namespace, config: SiteConfig) -> int:
    try:
        path = scaffold.new_resolution(
            config,
            args.title,
            kind=args.kind,
            body=args.body,
            lang=args.doc_lang or config.language,
        )
    except FileExistsError as exc:
        _say(args.lang, "cli.exists", path=exc.filename)
        return USAGE_ERRORS
    print(path.relative_to(config.root).as_posix())
    return OK


def _import(args: argparse.Namespace) -> int:
    from sitegen.importers.files import import_file  # pymorphy3, mammoth: only when importing
    from sitegen.importers.report import report

    config, _ = load_config(Path(args.site).resolve())
    lang = args.lang or config.language
    failed = 0
    for path in args.files:
        outcome = import_file(path, Path(args.site), args.out)
        failed += outcome.error is not None
        for line in report(outcome, lang):
            print(line, file=sys.stderr if outcome.error else sys.stdout)
    return CONTENT_ERRORS if failed else OK


def _init(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    try:
        created = scaffold.init_site(target)
    except FileExistsError as exc:
        _say(args.lang or "uk", "cli.init-exists", path=exc.filename)
        return USAGE_ERRORS
    for path in created:
        print(path)
    return OK


if __name__ == "__main__":
    raise SystemExit(main())
