"""The record of the last build, and the check that nothing changed since.

Kept apart from :mod:`briefgen.build` and light on imports: when no input
changed, ``briefgen build`` answers from this record without importing the
Markdown parser, Jinja or any plugin.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CACHE_DIR, Cache
from .config import load_config
from .digests import DigestMemo, input_fingerprint, output_state
from .errors import BriefgenError, BuildWarning, StrictModeError

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


def current_inputs(cache: Cache, source: Path, output: Path, drafts: bool) -> str:
    """:func:`input_fingerprint`, reading only the files whose size or time
    changed since the last check (their digests are kept in the cache)."""
    memo = DigestMemo(cache.read_json(DIGESTS))
    fingerprint = input_fingerprint(source, output=output, drafts=drafts, memo=memo)
    cache.write_json(DIGESTS, memo.used)
    return fingerprint


def unchanged_build(
    source: Path | str, output: Path | str | None, *, drafts: bool, strict: bool
) -> BuildResult | None:
    """When no input changed since the last build and its output is intact,
    the result of that build, without loading anything; else None."""
    source = Path(source).resolve()
    try:
        config = load_config(source)
    except BriefgenError:
        return None
    out = Path(output).resolve() if output else config.output_dir
    cache = Cache(source / CACHE_DIR)
    last = cache.read_json(last_build_name(out))
    if not last or not out.is_dir():
        return None
    if current_inputs(cache, source, out, drafts) != last["input"]:
        return None
    try:
        if output_state(out) != last["output"]:
            return None
    except OSError:
        return None
    warnings = [BuildWarning(*w) for w in last["warnings"]]
    if strict and warnings:
        raise StrictModeError.of(warnings)
    r = last["result"]
    return BuildResult(
        output=out,
        articles=r["articles"],
        pages=r["pages"],
        files=r["files"],
        annotations=r["annotations"],
        warnings=warnings,
        unchanged=r["files"],
        nothing_changed=True,
    )
