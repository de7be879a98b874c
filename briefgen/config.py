"""The site's configuration: ``site.yml``, its defaults and its validation.

Every key has a documented default, so a ``site.yml`` holding only a title
builds. Unknown keys are errors (a typo should not be silently ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .yamlfile import Located, load_yaml

CONFIG_FILE = "site.yml"

#: Every top-level key of site.yml, its default and what it means. The README's
#: reference table is checked against this by the test suite.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "title": ("Briefings", "The site's name, shown in the header and the browser tab."),
    "description": ("", "One sentence about the site, used on the home page and in the feed."),
    "base_url": (
        "/",
        "Where the site is published, e.g. `https://example.org/briefings/`. Links are "
        "relative, so the site works under any sub-path; the full URL is used for the "
        "feed, the sitemap, canonical links and structured data.",
    ),
    "language": ("en", "The language of the content (the `lang` of every page)."),
    "theme": ("briefing", "The theme: a folder in the site's `themes/` or a bundled theme."),
    "output": ("public", "The folder the site is built into (relative to the site)."),
    "permalink": (
        "/articles/{slug}/",
        "URL pattern of an article; may use `{slug}`, `{year}`, `{month}`, `{day}`.",
    ),
    "per_page": (10, "Briefings per page on the home page (older ones go to /page/2/, ...)."),
    "raw_html": (False, "Let Markdown contain raw HTML. Off by default, as in Hugo."),
    "date_format": ("%d %B %Y", "strftime pattern for dates shown on pages."),
    "feed": (True, "Write an Atom feed of the latest briefings at /feed.xml."),
    "sitemap": (True, "Write /sitemap.xml (needs an absolute base_url to be useful)."),
    "plugins": (
        {},
        "Plugin settings: `name: {setting: value}`; `name: false` turns a plugin off. "
        "Plugins are called in the order listed here, then the rest in load order.",
    ),
}

_PERMALINK_FIELDS = {"slug", "year", "month", "day"}


@dataclass
class Config:
    """The validated site configuration."""

    source: Path
    title: str = "Briefings"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    theme: str = "briefing"
    output: str = "public"
    permalink: str = "/articles/{slug}/"
    per_page: int = 10
    raw_html: bool = False
    date_format: str = "%d %B %Y"
    feed: bool = True
    sitemap: bool = True
    plugins: dict[str, Any] = field(default_factory=dict)
    located: Located | None = None

    @property
    def file(self) -> Path:
        return self.source / CONFIG_FILE

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def absolute_base(self) -> str | None:
        """base_url when it is absolute (scheme and host), else None."""
        parts = urlsplit(self.base_url)
        if parts.scheme and parts.netloc:
            return self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return None

    @property
    def output_dir(self) -> Path:
        return (self.source / self.output).resolve()

    def line_of(self, *path: str | int) -> int | None:
        return self.located.line_of(*path) if self.located else None

    def error(self, message: str, *path: str | int, hint: str | None = None) -> ConfigError:
        """A ConfigError pointing at ``path`` in site.yml."""
        return ConfigError(message, file=self.file, line=self.line_of(*path), hint=hint)


def _check_type(cfg: Config, key: str, value: Any, expected: Any) -> None:
    want = type(expected)
    ok = isinstance(value, want) and not (want is int and isinstance(value, bool))
    if not ok:
        raise cfg.error(
            f"'{key}' must be {_type_name(want)}, not {_type_name(type(value))} ({value!r})",
            key,
        )


def _type_name(t: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", dict: "a mapping"}.get(
        t, t.__name__
    )


def load_config(source: Path) -> Config:
    """Read and validate ``source/site.yml``; a missing file is an error."""
    source = Path(source).resolve()
    path = source / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(
            f"no {CONFIG_FILE} in {source}",
            file=path,
            hint="run briefgen in a site folder, pass --source, or create one with "
            "`briefgen init DIR`",
        )
    text = path.read_text(encoding="utf-8")
    located = load_yaml(text, path, error_cls=ConfigError, what="YAML in site.yml")
    data = located.data
    if data is None:
        data = {}
    cfg = Config(source=source, located=located)
    if not isinstance(data, dict):
        raise cfg.error("site.yml must be a mapping of settings (key: value)")
    for key, value in data.items():
        if key not in DEFAULTS:
            known = ", ".join(sorted(DEFAULTS))
            raise cfg.error(f"unknown setting '{key}'", key, hint=f"known settings: {known}")
        default = DEFAULTS[key][0]
        if key == "plugins" and value is None:
            value = {}
        if key in ("description",) and value is None:
            value = ""
        _check_type(cfg, key, value, default)
        setattr(cfg, key, value)
    _validate(cfg)
    return cfg


def _validate(cfg: Config) -> None:
    if not cfg.title.strip():
        raise cfg.error("'title' must not be empty", "title")
    parts = urlsplit(cfg.base_url)
    if parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
        raise cfg.error(
            f"'base_url' must be an http(s) URL or a path, not {cfg.base_url!r}",
            "base_url",
            hint="for example https://example.org/briefings/",
        )
    fields = set(re.findall(r"{(\w+)}", cfg.permalink))
    unknown = fields - _PERMALINK_FIELDS
    if unknown or "slug" not in fields:
        raise cfg.error(
            f"'permalink' {cfg.permalink!r} must contain {{slug}} and may use only "
            + ", ".join(f"{{{f}}}" for f in sorted(_PERMALINK_FIELDS)),
            "permalink",
        )
    if not cfg.permalink.startswith("/") or not cfg.permalink.endswith("/"):
        raise cfg.error("'permalink' must start and end with '/'", "permalink")
    if cfg.per_page < 1:
        raise cfg.error("'per_page' must be at least 1", "per_page")
    out = cfg.output_dir
    if out == cfg.source or out in cfg.source.parents:
        raise cfg.error(
            f"'output' {cfg.output!r} is the site folder itself (or holds it); "
            "building would delete your sources",
            "output",
            hint="use a sub-folder such as public",
        )
    if (out / CONFIG_FILE).exists() or (out / "content").is_dir():
        raise cfg.error(
            f"'output' {cfg.output!r} holds a site.yml or content/ folder; refusing to replace it",
            "output",
            hint="choose an empty folder or one briefgen built",
        )
    for name, settings in cfg.plugins.items():
        if settings is None:
            cfg.plugins[name] = {}
        elif not isinstance(settings, dict | bool):
            raise cfg.error(
                f"settings of plugin '{name}' must be a mapping, or false to turn it off",
                "plugins",
                name,
            )
