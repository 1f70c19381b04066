"""Themes: the template search path, the translation catalogue and the Jinja environment.

Lookup order is the site's `templates/`, then the theme, then the theme it `extends`
(theme.toml), so a site overrides one template without copying the rest. The same order holds
for static files and for catalogue entries.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined

from sitegen.render.output import OutputCodeGenerator, OutputContext

BUILTIN_THEMES = Path(__file__).resolve().parents[2] / "themes"
FALLBACK_LANGUAGE = "en"
ASKED = 4096  # questions a language's `t` keeps answered (titles as values make no end)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: `serve` reloads on each save


class ThemeError(Exception):
    """A theme that cannot be used at all (missing, or a broken catalogue): a config error."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """User-facing strings per language; plural entries are keyed by CLDR category."""

    messages: Mapping[str, Mapping[str, object]]
    # Each language's `t`, made once: what it was asked is kept from page to page.
    _translators: dict[str, Callable[..., str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def text(self, lang: str, key: str, count: int | None = None, **values: object) -> str:
        for candidate in (lang, FALLBACK_LANGUAGE):
            entry = self.messages.get(candidate, {}).get(key)
            if entry is None:
                continue
            if isinstance(entry, Mapping):
                category = Locale.parse(candidate).plural_form(count or 0)
                entry = entry.get(category, entry.get("other"))
            return str(entry).format(count=count, **values)
        raise KeyError(f"no translation for '{key}' in '{lang}' or '{FALLBACK_LANGUAGE}'")

    def translator(self, lang: str) -> Callable[..., str]:
        """The templates' `t` for a language, which keeps what it was asked (the last ASKED
        questions): a month page asks for the same few texts (a deadline's kind, a task's
        state, "п. 2.3") for each of thousands of tasks, and every resolution page for its
        clauses' "п. 2.1", "п. 2.2", … A memo per page missed half the questions of a build."""
        made = self._translators.get(lang)
        if made is None:
            made = self._translators[lang] = self._remembering(lang)
        return made

    def _remembering(self, lang: str) -> Callable[..., str]:
        asked: dict[tuple, str] = {}

        def t(key: str, count: int | None = None, **values: object) -> str:
            question = (key, count, *values.items())
            try:
                return asked[question]
            except KeyError:
                if len(asked) >= ASKED:  # values such as titles make questions without end
                    asked.clear()
                asked[question] = answer = self.text(lang, key, count, **values)
                return answer
            except TypeError:  # a value that cannot be a key: nothing the default theme passes
                return self.text(lang, key, count, **values)

        return t


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    template_dirs: tuple[Path, ...]  # site first, then the theme chain
    static_dirs: tuple[Path, ...]  # lowest precedence first, so later copies win
    catalogue: Catalogue
    digest: str  # of every template, static file and catalogue: a change re-renders all


def load_theme(site_root: Path, name: str) -> Theme:
    chain = _chain(site_root, name)
    template_dirs = (site_root / "templates", *(d / "templates" for d in chain))
    static_dirs = (*(d / "static" for d in reversed(chain)), site_root / "static")
    messages: dict[str, dict[str, object]] = {}
    for directory in (*reversed(chain), site_root):
        for path in sorted((directory / "translations").glob("*.yaml")):
            messages.setdefault(path.stem, {}).update(_entries(path, path.read_bytes()))
    files = [d for d in (*template_dirs, *static_dirs) if d.is_dir()]
    files += [d / "translations" for d in (*chain, site_root) if (d / "translations").is_dir()]
    return Theme(name, template_dirs, static_dirs, Catalogue(messages), _digest(files))


@functools.lru_cache(maxsize=64)
def _entries(path: Path, content: bytes) -> Mapping[str, object]:
    """A catalogue file's entries, parsed once per content: `serve` loads the theme on every
    save, and the catalogues were most of that."""
    try:
        return yaml.load(content.decode("utf-8"), Loader=_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: invalid YAML: {exc}") from exc


def _chain(site_root: Path, name: str) -> list[Path]:
    chain: list[Path] = []
    while name:
        directory = next(
            (d / name for d in (site_root / "themes", BUILTIN_THEMES) if (d / name).is_dir()), None
        )
        if directory is None:
            raise ThemeError(f"theme '{name}' not found in themes/ or the built-in themes")
        if directory in chain:
            raise ThemeError(f"theme '{name}' extends itself")
        chain.append(directory)
        settings = directory / "theme.toml"
        parent = tomllib.loads(settings.read_text(encoding="utf-8")) if settings.exists() else {}
        name = str(parent.get("extends", ""))
    return chain


def _digest(directories: list[Path]) -> str:
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def environment(theme: Theme) -> Environment:
    theme_loader = FileSystemLoader([str(d) for d in theme.template_dirs[1:]])
    loader = ChoiceLoader(
        [
            FileSystemLoader(str(theme.template_dirs[0])),
            theme_loader,
            PrefixLoader({"theme": theme_loader}),
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.code_generator_class = OutputCodeGenerator  # values written as str, not Markup
    env.context_class = OutputContext  # plain callables called straight away
    return env
