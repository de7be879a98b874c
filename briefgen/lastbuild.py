"""The record of the last build, and the check that nothing changed since.

Kept apart from :mod:`briefgen.build` and light on imports: when no input
changed, ``briefgen build`` answers from this record without importing the
Markdown parser, Jinja or any plugin.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .cache import CACHE_DIR, Cache
from .config import load_config
from .digests import KEEP_READ_BYTES, DigestMemo, ReadFile, input_fingerprint, output_state
from .errors import BriefgenError, BuildWarning, StrictModeError
from .output import MARKER

#: Where the digests of input files are remembered, in the cache folder.
DIGESTS = "digests.json"


@dataclass
class BuildResult:
    """What a build did: counts, warnings and where the time went."""

    output: Path
    articles: int = 0
    pages: int = 0
    files: int = 0
    annotations: dict[str, int] = field(default_factory=dict)
    warnings: list[BuildWarning] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered: int = 0
    cache_hits: int = 0
    nothing_changed: bool = False


def last_build_name(output: Path) -> str:
    return "last-build-" + hashlib.sha256(str(output).encode()).hexdigest()[:16] + ".json"


def current_inputs(
    cache: Cache, source: Path, output: Path, drafts: bool
) -> tuple[str, dict[str, ReadFile]]:
    """:func:`input_fingerprint`, reading only the files whose size or time
    changed since the last check (their digests are kept in the cache); and
    the Markdown files it read, by path (see :class:`DigestMemo`)."""
    memo = DigestMemo(cache.read_json(DIGESTS), keep=KEEP_READ_BYTES)
    fingerprint = input_fingerprint(source, output=output, drafts=drafts, memo=memo)
    cache.write_json(DIGESTS, memo.used)
    return fingerprint, memo.read


class Inputs(NamedTuple):
    """The inputs of a build as they are now (see :func:`inputs_now`)."""

    output: Path
    cache: Cache
    fingerprint: str
    #: The Markdown files read to fingerprint them, for the build to load.
    read: dict[str, ReadFile]


def inputs_now(source: Path | str, output: Path | str | None, drafts: bool) -> Inputs | None:
    """The output folder, the cache and the fingerprint of the inputs as they
    are now; None when site.yml cannot be read (the build will say why)."""
    source = Path(source).resolve()
    try:
        config = load_config(source)
    except BriefgenError:
        return None
    out = Path(output).resolve() if output else config.output_dir
    cache = Cache(source / CACHE_DIR)
    return Inputs(out, cache, *current_inputs(cache, source, out, drafts))


def published_files(output: Path, last: dict[str, Any]) -> frozenset[str] | None:
    """The files of the output folder as the build recorded in ``last``
    published them, when the folder's marker is the one that build wrote
    (each build writes it anew): what a build needs to know of the folder
    it replaces, without walking its thousands of folders. Files put there
    by hand since are not in it; they go with the folder all the same."""
    recorded = last.get("output")
    if not isinstance(recorded, dict):
        return None
    try:
        st = os.stat(output / MARKER)
    except OSError:
        return None
    if recorded.get(MARKER) != [st.st_size, st.st_mtime_ns]:
        return None
    return frozenset(recorded.keys() - {MARKER})


@dataclass
class InputCheck:
    """What the check made before a build found: the inputs' fingerprint as
    the build starts (what its record will say it was made from), the
    Markdown files it read for it (the build loads them from there), the
    last build's result when nothing changed since, and otherwise the files
    the last build published, when its output folder is still the one it
    published (see :func:`published_files`)."""

    fingerprint: str | None = None
    unchanged: BuildResult | None = None
    read: dict[str, ReadFile] = field(default_factory=dict)
    published: frozenset[str] | None = None


def check_inputs(
    source: Path | str, output: Path | str | None, *, drafts: bool, strict: bool = False
) -> InputCheck:
    """Fingerprint the inputs; when they are those of the last build and its
    output is intact, also give that build's result, without loading anything.

    The fingerprint is taken before anything is read, so a file edited while
    a build runs makes the next build look again instead of being missed."""
    found = inputs_now(source, output, drafts)
    if found is None:
        return InputCheck()
    out, cache, fingerprint, read = found
    last = cache.read_json(last_build_name(out))
    if not last or not out.is_dir():
        return InputCheck(fingerprint, read=read)
    if fingerprint != last["input"]:
        return InputCheck(fingerprint, read=read, published=published_files(out, last))
    try:
        if output_state(out) != last["output"]:
            return InputCheck(fingerprint, read=read)
    except OSError:
        return InputCheck(fingerprint, read=read)
    warnings = [BuildWarning(*w) for w in last["warnings"]]
    if strict and warnings:
        raise StrictModeError.of(warnings)
    r = last["result"]
    return InputCheck(
        fingerprint,
        BuildResult(
            output=out,
            articles=r["articles"],
            pages=r["pages"],
            files=r["files"],
            annotations=r["annotations"],
            warnings=warnings,
            unchanged=r["files"],
            nothing_changed=True,
        ),
    )
