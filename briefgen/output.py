"""Publishing: write the whole site to a fresh folder, then swap it in.

A failed build never touches the published folder. Files whose bytes did not
change are hard-linked from the previous output, so their modification times
(and inodes) stay as they were, which keeps rsync and browser caches happy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import BriefgenError

MARKER = ".briefgen-output"


def check_output_folder(output: Path, source: Path) -> None:
    """Refuse output folders that would destroy sources or someone else's files."""
    output, source = output.resolve(), source.resolve()
    if output == source or output in source.parents:
        raise BriefgenError(
            f"output folder {output} is the site folder or holds it",
            hint="build into a sub-folder such as public/",
        )
    if (output / "site.yml").exists() or (output / "content").is_dir():
        raise BriefgenError(
            f"output folder {output} holds a site.yml or content/; refusing to replace it",
            hint="choose an empty folder or one briefgen built",
        )
    if output.exists() and not output.is_dir():
        raise BriefgenError(f"output {output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise BriefgenError(
            f"output folder {output} is not empty and was not built by briefgen",
            hint="empty it, or choose another folder with --output or 'output:' in site.yml",
        )


def publish(files: dict[str, bytes | Path], output: Path) -> dict[str, int]:
    """Write ``files`` (relative path -> bytes, or a file to copy) as ``output``.

    Returns counts of files ``written``, ``unchanged`` and ``removed``.
    """
    output = output.resolve()
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{output.name}.new-{os.getpid()}"
    old = parent / f".{output.name}.old-{os.getpid()}"
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    stats = {"written": 0, "unchanged": 0, "removed": 0}
    try:
        staging.mkdir()
        (staging / MARKER).write_bytes(b"built by briefgen; replaced on every build\n")
        made_dirs: set[Path] = set()
        for rel in sorted(files):
            target = staging / rel
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            content = files[rel]
            previous = output / rel
            if _same(previous, content):
                try:
                    os.link(previous, target)
                    stats["unchanged"] += 1
                    continue
                except OSError:
                    pass
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
            stats["written"] += 1
        if output.exists():
            stats["removed"] = sum(
                1
                for p in output.rglob("*")
                if p.is_file()
                and p.name != MARKER
                and p.relative_to(output).as_posix() not in files
            )
            os.replace(output, old)
        os.replace(staging, output)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
    return stats


def _same(previous: Path, content: bytes | Path) -> bool:
    try:
        if not previous.is_file():
            return False
        if isinstance(content, Path):
            if previous.stat().st_size != content.stat().st_size:
                return False
            return previous.read_bytes() == content.read_bytes()
        if previous.stat().st_size != len(content):
            return False
        return previous.read_bytes() == content
    except OSError:
        return False
