"""Build errors as the writer sees them: in the terminal, over the page in the
browser (the overlay drawn by ``client.js`` from :func:`error_payload`), and
as a page of its own while there is no good build to show at all.
"""

from __future__ import annotations

import html
import traceback
from pathlib import Path
from typing import Any

from ..errors import (
    BriefgenError,
    ConfigError,
    ContentError,
    PluginError,
    StrictModeError,
    TemplateError,
)

_TITLES: tuple[tuple[type[BriefgenError], str], ...] = (
    (ConfigError, "Configuration error"),
    (ContentError, "Content error"),
    (TemplateError, "Template error"),
    (PluginError, "Plugin error"),
    (StrictModeError, "Warnings with --strict"),
)


def _site_relative(file: str | None, source: Path) -> str | None:
    if not file:
        return None
    path = Path(file)
    if path.is_absolute():
        try:
            return path.resolve().relative_to(source.resolve()).as_posix()
        except ValueError:
            return str(path)
    return file


def error_payload(exc: BaseException, source: Path) -> dict[str, Any]:
    """What the overlay shows for ``exc``: title, file, line, where
    ("file:line"), message and hint. Plain data: the browser inserts it as
    text, never as markup."""
    if isinstance(exc, BriefgenError):
        title = next((t for cls, t in _TITLES if isinstance(exc, cls)), "Build failed")
        file = _site_relative(exc.file, source)
        line = exc.line
        message = exc.message
        hint = exc.hint
    else:  # a bug in briefgen or a plugin: say so rather than hide it
        title = "Unexpected error"
        file, line = None, None
        message = f"{type(exc).__name__}: {exc}"
        hint = "this is a bug in briefgen or a plugin; the terminal shows the traceback"
    where = f"{file}:{line}" if file and line else file
    return {
        "title": title,
        "file": file,
        "line": line,
        "where": where,
        "message": message,
        "hint": hint,
    }


def terminal_report(payload: dict[str, Any], exc: BaseException | None = None) -> str:
    """The error as printed in the terminal (with a traceback for bugs)."""
    where = f"{payload['where']}: " if payload.get("where") else ""
    text = f"error: {where}{payload['message']}"
    if payload.get("hint"):
        text += f"\n  hint: {payload['hint']}"
    if exc is not None and not isinstance(exc, BriefgenError):
        text += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return text


def error_page(payload: dict[str, Any]) -> bytes:
    """A page for when no build has succeeded yet, so there is no last good
    page to show the error over. Every value is escaped."""

    def esc(value: object) -> str:
        return html.escape(str(value), quote=True)

    parts = [
        "<!doctype html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(payload['title'])} · briefgen serve</title>",
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
        "padding:0 1rem;color:#1d1b22;background:#fff}pre{white-space:pre-wrap;"
        "background:#f4f2f7;padding:1rem;border-radius:4px}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(payload['title'])}: the site could not be built</h1>",
    ]
    if payload.get("where"):
        parts.append(f"<p><code>{esc(payload['where'])}</code></p>")
    parts.append(f"<pre>{esc(payload['message'])}</pre>")
    if payload.get("hint"):
        parts.append(f"<p>Hint: {esc(payload['hint'])}</p>")
    parts += [
        "<p>Fix the problem and save: this page updates by itself.</p>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(parts) + "\n").encode()
