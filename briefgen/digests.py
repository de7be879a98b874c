"""Fingerprints of files, computed without loading a site.

What the cache keys and the "nothing changed" check are made of: digests of
files and folders, briefgen's own code, the installed plugins' code, and
every input of a site. Kept apart from the cache, with only the standard
library, so checking whether anything changed costs no heavy imports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes (``open`` and ``read``: cheaper than ``Path.read_bytes``
    for the many small files a build reads)."""
    with open(path, "rb") as fh:
        return fh.read()


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to the file descriptor ``fd``."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def hash_parts(*parts: Any) -> str:
    """SHA-256 of the parts, each followed by a NUL byte (text as UTF-8,
    bytes as they are, anything else as its ``str``)."""
    try:
        # All text, the usual case: the same bytes, encoded and hashed at once.
        text = "".join([part + "\x00" for part in parts])
    except TypeError:
        pass
    else:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        else:
            h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


#: A remembered digest is trusted only for a file last modified at least this
#: long before it was hashed: an edit within the same clock tick, keeping the
#: size, cannot hide behind an unchanged modification time.
_SETTLED_NS = 2_000_000_000


class ReadFile(NamedTuple):
    """A file as the input check read it: the build loads it from here
    rather than reading and hashing it again. ``data`` is None for a file
    the check did not read, its size and time being those its digest was
    taken from: the build reads it only if it must (see
    :func:`~briefgen.content.load_articles`)."""

    data: bytes | None
    digest: str
    stat: tuple[int, int]  # size and modification time (ns), taken before reading


#: Of the Markdown files the input check has to read, it keeps this many
#: bytes for the build to load (see :attr:`DigestMemo.read`).
KEEP_READ_BYTES = 128 * 1024 * 1024


class DigestMemo:
    """Content digests of files remembered by (size, mtime, inode), so that
    checking whether anything changed does not read every file again.

    With ``keep`` bytes to spare, the Markdown files it does read are kept
    in :attr:`read`, by path, up to that many bytes in all: a build made
    right after loads them from there, so a cold build of a large registry
    reads and hashes each file once, not twice, and loads the very bytes
    its record says it was made from. Those it did not read are there too,
    with their digest and no bytes: a build that finds what it needs of
    such a file in its cache does not read it at all."""

    def __init__(self, entries: dict[str, list[Any]] | None = None, *, keep: int = 0) -> None:
        self.entries = entries or {}
        self.used: dict[str, list[Any]] = {}
        self.read: dict[str, ReadFile] = {}
        self._room = keep
        self._keep = keep > 0

    def digest(self, path: str | Path) -> str:
        key = os.fspath(path)
        st = os.stat(key)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        known = self.entries.get(key)
        if known is not None and known[:3] == stamp and known[4] - st.st_mtime_ns > _SETTLED_NS:
            self.used[key] = known
            if self._keep and key.endswith(".md"):
                self.read[key] = ReadFile(None, known[3], (st.st_size, st.st_mtime_ns))
            return known[3]
        data = read_bytes(key)
        digest = hashlib.sha256(data).hexdigest()
        self.used[key] = [*stamp, digest, time.time_ns()]
        # Only a file that was not being written to as it was read (its size
        # is the one stat'ed before).
        if len(data) <= self._room and len(data) == st.st_size and key.endswith(".md"):
            self.read[key] = ReadFile(data, digest, (st.st_size, st.st_mtime_ns))
            self._room -= len(data)
        return digest


def file_digests(paths: Iterable[Path], memo: DigestMemo | None = None) -> list[tuple[str, str]]:
    """(path, digest) of each readable file of ``paths``, sorted by path."""
    return _digests(((p.as_posix(), p) for p in sorted(paths)), memo)


def tree_digest(folder: Path, memo: DigestMemo | None = None) -> list[tuple[str, str]]:
    """(path relative to ``folder``, digest) of every file under it (see
    :func:`tree_files`), sorted by path."""
    return _digests(tree_files(folder), memo)


def _digests(
    named: Iterable[tuple[str, str | Path]], memo: DigestMemo | None
) -> list[tuple[str, str]]:
    """(name, digest of the file) for each (name, path); files that cannot
    be read are left out. With ``memo``, settled files are not read again."""
    out = []
    for name, path in named:
        try:
            digest = memo.digest(path) if memo else hashlib.sha256(read_bytes(path)).hexdigest()
        except OSError:
            continue
        out.append((name, digest))
    return out


def tree_files(
    folder: Path | str, *, skip: tuple[str, ...] = (), strict: bool = False
) -> list[tuple[str, str]]:
    """Every file under ``folder`` as (path relative to it with ``/``, full
    path), sorted by path folder by folder; none when it is not a folder.

    Symbolic links are followed, to folders too: a site may link
    ``content/entities`` to a registry kept elsewhere, and what is read
    through the link must be fingerprinted like the rest. A link back to a
    folder it is in is not followed (it would never end). ``skip`` leaves
    out every file in or under a name starting with one of its prefixes
    (those folders are not walked).
    Walks with ``os.scandir`` and strings: on a registry of thousands of
    files, globbing and comparing ``Path`` objects cost more than reading
    the files. A folder that cannot be read is left out, or with ``strict``
    raises :class:`OSError` (``folder`` itself too)."""
    files, _ = _walk(folder, skip=skip, strict=strict)
    return files


def linked_folders(folder: Path | str) -> list[str]:
    """The symbolic links to folders that :func:`tree_files` goes through
    under ``folder`` (full paths, sorted): what a watcher of ``folder``
    must watch as well to see every file a build reads."""
    return _walk(folder, skip=(), strict=False)[1]


def _walk(
    folder: Path | str, *, skip: tuple[str, ...], strict: bool
) -> tuple[list[tuple[str, str]], list[str]]:
    """The files and the linked folders under ``folder`` (see
    :func:`tree_files`)."""
    found: list[tuple[tuple[str, ...], str]] = []
    links: list[str] = []

    def visit(current: str, parts: tuple[str, ...], above: frozenset[tuple[int, int]]) -> bool:
        try:
            st = os.stat(current)
            here = (st.st_dev, st.st_ino)
            if here in above:
                return False
            entries = os.scandir(current)
        except OSError:
            if strict:
                raise
            return False
        above = above | {here}
        with entries:
            for entry in entries:
                name = entry.name
                if skip and name.startswith(skip):
                    continue
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    if strict:
                        raise
                    continue
                if is_dir:
                    if visit(entry.path, (*parts, name), above) and entry.is_symlink():
                        links.append(entry.path)
                elif is_file:
                    found.append(((*parts, name), entry.path))
        return True

    visit(os.fspath(folder), (), frozenset())
    found.sort()
    return [("/".join(parts), path) for parts, path in found], sorted(links)


def stable_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=_default, ensure_ascii=False)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(map(repr, value)) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(type(value).__name__)


def bundled_themes_dir() -> Path:
    """Where the bundled themes are: inside the installed package, or beside
    it in a source checkout (editable install)."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes"
    return packaged if packaged.is_dir() else here.parent / "themes"


_ENGINE_FP: str | None = None


def engine_fingerprint() -> str:
    """briefgen's own code and bundled themes (computed once per process)."""
    global _ENGINE_FP
    if _ENGINE_FP is None:
        here = Path(__file__).resolve().parent
        # The preview server and the scaffolding do not change what a build
        # makes; leaving them out keeps caches valid across their changes.
        files = [p for p in here.rglob("*.py") if "serve" not in p.relative_to(here).parts]
        themes = tree_digest(bundled_themes_dir())
        _ENGINE_FP = hash_parts(
            __version__, *(d for _, d in file_digests(files)), stable_json(themes)
        )
    return _ENGINE_FP


def installed_plugins() -> list[Any]:
    """Entry-point plugins (name, version, code) without importing them."""
    import importlib.util
    from importlib import metadata

    out = []
    for ep in sorted(metadata.entry_points(group="briefgen"), key=lambda e: (e.name, e.value)):
        code = ""
        try:
            spec = importlib.util.find_spec(ep.module)
            if spec and spec.origin:
                origin = Path(spec.origin)
                files = (
                    list(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
                )
                code = hash_parts(*(d for _, d in file_digests(files)))
        except (ImportError, ValueError):
            code = "unimportable"
        out.append((ep.name, ep.value, ep.dist.version if ep.dist else "", code))
    return out


def input_fingerprint(
    source: Path, *, output: Path, drafts: bool, memo: DigestMemo | None = None
) -> str:
    """A hash of every input a build reads, computed without loading anything:
    site.yml and the site's content, templates, themes, static files and local
    plugins (by content), briefgen itself, and the installed plugins' code.
    With ``memo``, files whose size and time are unchanged are not read."""
    parts: list[Any] = [
        engine_fingerprint(),
        installed_plugins(),
        str(output),
        drafts,
        os.environ.get("BRIEFGEN_PLUGINS"),
    ]
    try:
        parts.append(hashlib.sha256((source / "site.yml").read_bytes()).hexdigest())
    except OSError:
        parts.append(None)
    for name in ("content", "templates", "themes", "static", "plugins"):
        parts.append((name, tree_digest(source / name, memo)))
    return hash_parts(stable_json(parts))


def walk_files(root: Path | str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``root`` as (path relative to it with ``/``, entry);
    symbolic links to folders are not followed."""
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    yield prefix + entry.name, entry


def output_state(output: Path) -> dict[str, list[int]]:
    """Size and modification time of every file in the output folder."""
    state: dict[str, list[int]] = {}
    for rel, entry in walk_files(output):
        st = entry.stat()
        state[rel] = [st.st_size, st.st_mtime_ns]
    return state
