"""Themes and the Jinja environment.

A theme is a folder with ``theme.yml`` (``name``, optional ``extends``),
``templates/`` and ``static/``. Templates are looked up in the site's
``templates/`` folder, then the theme, then the theme it extends (and so on),
then the folders plugins ship. ``<theme>:<template>`` names one theme's own
copy, so a site template can extend the one it overrides:
``{% extends "briefing:base.html" %}``.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from .content import slugify
from .digests import bundled_themes_dir
from .errors import ConfigError, TemplateError
from .templatedeps import RecordingEnvironment
from .yamlfile import load_yaml

THEME_FILE = "theme.yml"


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    extends: str | None
    #: ``own_content_listings: true`` in theme.yml: the theme's home and tag
    #: pages show of each article only what it holds of its own (see
    #: :func:`listings_of_own_content`).
    own_content_listings: bool = False

    @property
    def templates(self) -> Path:
        return self.path / "templates"

    @property
    def static(self) -> Path:
        return self.path / "static"


def find_theme(name: str, source: Path, *, config_file: Path, line: int | None) -> Theme:
    for base in (source / "themes", bundled_themes_dir()):
        folder = base / name
        if (folder / THEME_FILE).is_file():
            located = load_yaml(
                (folder / THEME_FILE).read_text(encoding="utf-8"),
                folder / THEME_FILE,
                error_cls=ConfigError,
                what="theme.yml",
            )
            data = located.data or {}
            if not isinstance(data, dict):
                raise ConfigError("theme.yml must be a mapping", file=folder / THEME_FILE, line=1)
            extends = data.get("extends")
            own = data.get("own_content_listings", False)
            if not isinstance(own, bool):
                raise ConfigError(
                    "'own_content_listings' must be true or false",
                    file=folder / THEME_FILE,
                    line=located.line_of("own_content_listings"),
                )
            return Theme(
                str(data.get("name") or name), folder, str(extends) if extends else None, own
            )
    available = sorted(
        {
            p.name
            for base in (source / "themes", bundled_themes_dir())
            if base.is_dir()
            for p in base.iterdir()
            if (p / THEME_FILE).is_file()
        }
    )
    raise ConfigError(
        f"unknown theme '{name}'",
        file=config_file,
        line=line,
        hint=f"available themes: {', '.join(available) or 'none'}; a site theme lives "
        "in themes/<name>/ with a theme.yml",
    )


def theme_chain(name: str, source: Path, *, config_file: Path, line: int | None) -> list[Theme]:
    """The theme and every theme it extends, the theme itself first."""
    chain: list[Theme] = []
    while name:
        if any(t.name == name for t in chain):
            raise ConfigError(
                f"theme '{name}' extends itself (through {' -> '.join(t.name for t in chain)})",
                file=chain[-1].path / THEME_FILE,
                line=1,
            )
        theme = find_theme(name, source, config_file=config_file, line=line)
        chain.append(theme)
        name = theme.extends or ""
        config_file, line = theme.path / THEME_FILE, 1
    return chain


#: The engine's listings (see :func:`listings_of_own_content`).
LISTING_TEMPLATES = ("home.html", "tag.html")


def listings_of_own_content(source: Path, chain: list[Theme], env: jinja2.Environment) -> bool:
    """Whether the home and tag pages show of each article only what it
    holds of its own (its metadata; not its body, nor the cards other
    documents put into its annotations), so that they may declare
    ``own_content`` (see :class:`briefgen.Page`): when the site's theme
    says so in its theme.yml and the site overrides none of the templates
    those pages are drawn with (an override may show more): their page
    templates and every template these extend, include or import by name.
    Templates included by a name the context gives (the plugins' head
    parts) are the plugins' to keep to it (see
    ``briefgen_template_context``)."""
    if not chain or not chain[0].own_content_listings:
        return False
    site_templates = source / "templates"
    if not site_templates.is_dir():
        return True
    seen: set[str] = set()
    todo = list(LISTING_TEMPLATES)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if ":" not in name and (site_templates / name).is_file():
            return False
        try:
            text, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            todo.extend(n for n in meta.find_referenced_templates(env.parse(text)) if n)
        except jinja2.TemplateNotFound:
            continue  # not there: rendering will say so if it is needed
        except jinja2.TemplateError:
            return False  # rendering will report it
    return True


def create_environment(
    source: Path, chain: list[Theme], plugin_dirs: list[Path]
) -> jinja2.Environment:
    """A Jinja environment with autoescaping on, looking templates up in order."""
    search = [source / "templates", *(t.templates for t in chain), *plugin_dirs]
    main = jinja2.FileSystemLoader([str(p) for p in search if p.is_dir()])
    prefixed = jinja2.PrefixLoader(
        {t.name: jinja2.FileSystemLoader(str(t.templates)) for t in chain}, delimiter=":"
    )
    env = RecordingEnvironment(
        loader=jinja2.ChoiceLoader([main, prefixed]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["date"] = format_date
    env.filters["isodate"] = lambda d: d.isoformat() if d else ""
    env.filters["slugify"] = slugify
    # Site navigation: (label, site path). Plugins append to it in
    # briefgen_jinja_env, e.g. env.globals["nav"].append(("People", "/entities/")).
    env.globals["nav"] = [("Briefings", "/"), ("Tags", "/tags/")]
    return env


def format_date(value: dt.date | None, pattern: str = "%d %B %Y") -> str:
    """strftime without the platform's locale or leading zeros on the day."""
    if value is None:
        return ""
    return _format_date(value, pattern)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@lru_cache(maxsize=8192)
def _format_date(value: dt.date, pattern: str) -> str:
    # Cached: a site has few distinct dates, shown on many pages.
    month = _MONTHS[value.month - 1]
    text = pattern.replace("%d", str(value.day)).replace("%B", month)
    text = text.replace("%b", month[:3])
    return value.strftime(text) if "%" in text else text


def template_error(exc: Exception, name: str, search: list[str] | None = None) -> TemplateError:
    """Turn a Jinja exception into a TemplateError with the template's file and line."""
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = exc.name or name
        return TemplateError(
            f"template '{missing}' does not exist",
            file=None,
            hint="add it to the site's templates/ folder or the theme; looked in: "
            + ", ".join(search or []),
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"template syntax error: {exc.message}",
            file=exc.filename or exc.name or name,
            line=exc.lineno,
            hint="fix the template tag on this line",
        )
    file, line = None, None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")) and os.path.exists(filename):
            file, line = filename, lineno
    return TemplateError(
        f"template '{name}' failed to render: {type(exc).__name__}: {exc}",
        file=file,
        line=line,
        hint="check the variable names used on this line",
    )


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except TemplateError:
        raise
    except jinja2.TemplateNotFound as exc:
        loader = env.loader
        search: list[str] = []
        if isinstance(loader, jinja2.ChoiceLoader) and isinstance(
            loader.loaders[0], jinja2.FileSystemLoader
        ):
            search = [str(p) for p in loader.loaders[0].searchpath]
        raise template_error(exc, name, search) from exc
    except Exception as exc:
        raise template_error(exc, name) from exc
