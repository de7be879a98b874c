"""How the preview gets a complete copy of the site after a change.

The preview calls one function, ``builder.rebuild(changed_paths)``, and serves
the folder named by the result's ``output``. :class:`EngineRebuilder` calls
:func:`briefgen.build.build` (which itself re-does only what its cache says
changed); a builder that uses ``changed_paths`` to do less plugs in with the
same method.

Builds alternate between two folders: the one being served is never written
to, the other receives the next build (through ``build``'s own staging
folder and swap), and the preview switches to it once it is complete. Each
output folder keeps its name from one build to the next, so the engine's
per-output cache (pages rendered, files unchanged) keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from ..build import Builder as SiteBuilder
from ..build import BuildResult
from ..pagegen import EarlyPages


class Builder(Protocol):
    """Anything that can (re)build the site for the preview."""

    def rebuild(
        self, changed_paths: Sequence[Path], early: EarlyPages | None = None
    ) -> BuildResult:
        """Build the site after ``changed_paths`` (absolute paths; empty for
        the first build) changed. ``result.output`` must be a folder holding
        the complete site, not written to again until the build after next.
        Raises :class:`~briefgen.errors.BriefgenError` for bad input, leaving
        the folders of earlier builds as they were. ``early`` asks for the
        pages open in a browser as soon as they are made (a builder may
        ignore it: the pages then reload when the build is done)."""
        ...


class EngineRebuilder:
    """Rebuilds with one :class:`briefgen.build.Builder`, alternately into
    ``workdir/a`` and ``workdir/b``. The builder keeps the loaded site and the
    work per article between builds, so a rebuild redoes only what the
    changed files feed."""

    FOLDERS = ("a", "b")

    def __init__(self, source: Path, workdir: Path, *, drafts: bool = False) -> None:
        self.source = Path(source)
        self.workdir = Path(workdir)
        self.drafts = drafts
        self._done = 0
        # The two folders are the preview's alone: what they hold is
        # remembered between runs, so a restarted preview does not list them.
        self._builder = SiteBuilder(
            self.source, drafts=drafts, record=False, listings=self.workdir / "listings"
        )

    def rebuild(
        self, changed_paths: Sequence[Path], early: EarlyPages | None = None
    ) -> BuildResult:
        output = self.workdir / self.FOLDERS[self._done % len(self.FOLDERS)]
        result = self._builder.rebuild(changed_paths, output=output, early=early)
        # Only a build that succeeded moves on: after a failure the same
        # folder (not the one served) is the target again.
        self._done += 1
        return result
