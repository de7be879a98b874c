"""From a request's path to a file of the built site, and nothing else.

Browsers normalise ``/a/../b`` before sending it, but other clients need not,
so the request target is checked as sent: it is percent-decoded once (bad
encodings are refused), split on ``/``, and refused when a segment is ``.``
or ``..``, holds a backslash or a NUL, or names a drive. The file found is
then resolved (symlinks followed) and refused unless it is still inside the
served folder.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote, unquote, urlsplit

from ..output import MARKER

#: Types of the files a briefing site holds. Fixed here rather than taken
#: from the system's mime.types, which differs between machines.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".wasm": "application/wasm",
}


def content_type(path: str | Path) -> str:
    """The Content-Type to send for a file."""
    suffix = Path(path).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(str(path), strict=True)
    return guessed or "application/octet-stream"


class BadRequest(ValueError):
    """The request target is malformed or tries to leave the site."""


@dataclass(frozen=True)
class Target:
    """A request target, decoded and checked."""

    segments: tuple[str, ...]
    trailing_slash: bool
    query: str = ""

    @property
    def path(self) -> str:
        """The decoded path, e.g. ``/articles/x/``."""
        path = "/" + "/".join(self.segments)
        return path + "/" if self.trailing_slash and self.segments else path


def parse_target(raw: str) -> Target:
    """Check and split the target of a request line (``/a/b/?q``)."""
    if raw.startswith(("http://", "https://")):  # absolute form, allowed by HTTP/1.1
        parts = urlsplit(raw)
        path, query = parts.path or "/", parts.query
    elif raw.startswith("/"):
        path, _, query = raw.partition("?")
        path = path.partition("#")[0]
    else:
        raise BadRequest("the request target must be a path starting with '/'")
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError as exc:
        raise BadRequest("the path is not valid percent-encoded UTF-8") from exc
    if "\x00" in decoded or "\\" in decoded:
        raise BadRequest("the path holds a NUL or a backslash")
    segments = tuple(s for s in decoded.split("/") if s)
    for segment in segments:
        if segment in (".", ".."):
            raise BadRequest("the path has '.' or '..' segments")
        if PureWindowsPath(segment).drive or PurePosixPath(segment).is_absolute():
            raise BadRequest("the path names a drive")
    return Target(segments, decoded.endswith("/"), query)


@dataclass(frozen=True)
class Found:
    """What to answer: 200 with ``file``, 301 to ``location``, 403, or 404
    (with ``file`` the site's 404 page, when it has one)."""

    status: int
    file: Path | None = None
    location: str | None = None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def strip_base(segments: tuple[str, ...], base_path: str) -> tuple[str, ...]:
    """Drop the site's base path (``/briefings/``) from the front, so the
    preview answers both ``/x/`` and ``/briefings/x/`` (the 404 page links
    from the base path)."""
    base = tuple(s for s in base_path.split("/") if s)
    if base and segments[: len(base)] == base:
        return segments[len(base) :]
    return segments


def locate(root: Path, target: Target, base_path: str = "/") -> Found:
    """Map ``target`` to a file under ``root``: ``/x/`` serves ``x/index.html``,
    ``/x`` (a folder) redirects to ``/x/``; anything that resolves outside
    ``root`` is refused."""
    real_root = os.path.realpath(root)
    segments = strip_base(target.segments, base_path)
    if segments and segments[-1] == MARKER:
        return _not_found(real_root)
    real = os.path.realpath(os.path.join(real_root, *segments))
    if not _inside(real, real_root):
        return Found(403)
    if os.path.isdir(real):
        if not target.trailing_slash and target.segments:
            location = "/" + "/".join(quote(s, safe="") for s in target.segments) + "/"
            return Found(301, location=location + (f"?{target.query}" if target.query else ""))
        real = os.path.realpath(os.path.join(real, "index.html"))
        if not _inside(real, real_root):
            return Found(403)
    elif target.trailing_slash:
        return _not_found(real_root)  # /feed.xml/ is not /feed.xml
    if os.path.isfile(real):
        return Found(200, Path(real))
    return _not_found(real_root)


def _not_found(real_root: str) -> Found:
    page = os.path.join(real_root, "404.html")
    return Found(404, Path(page) if os.path.isfile(page) and not os.path.islink(page) else None)
