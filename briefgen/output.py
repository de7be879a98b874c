"""Publishing: the output folder is replaced as a whole, only on success.

A build writes each file, as soon as it is made, into a second folder beside
the output (``.<output>.previous``: the output before the last build), and
only when everything is made swaps the two with renames, so the published
folder is never half-written and a failed build leaves it exactly as it was.
Keeping the previous output around makes the next build cheap: its folders
already exist and files that did not change are hard links to the published
ones, so they keep their inode and modification time (rsync and browser
caches see them unchanged). Writing files as they come, instead of holding
the whole site in memory until the end, keeps a large build's memory small.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import re
import shutil
import stat
import uuid
from collections.abc import Collection
from pathlib import Path
from typing import Any

from .digests import read_bytes, walk_files, write_all
from .errors import BriefgenError

MARKER = ".briefgen-output"
#: In a build's list of files: already staged.
STAGED = object()
_MARKER_TEXT = b"built by briefgen; replaced on every build\n"


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


def spare_folder(output: Path) -> Path:
    return output.parent / f".{output.name}.previous"


class Staging:
    """The next output, filled file by file beside the published one, then
    swapped in by :meth:`finish`.

    ``state`` (kept by a long-running builder) remembers which files each
    folder holds, so they need not be listed again on every build.
    ``published``: the files of the output, as the last build recorded them
    (files put there by hand since are not in it); otherwise the output is
    listed. Only the count of files removed and the look for a published
    file holding the bytes of a new one depend on it: the staging folder,
    which becomes the output, is always pruned from what it holds.
    """

    def __init__(
        self,
        output: Path,
        state: dict[str, set[str]] | None = None,
        published: Collection[str] | None = None,
    ) -> None:
        self.output = output = output.resolve()
        output.parent.mkdir(parents=True, exist_ok=True)
        self.spare = spare = spare_folder(output)
        self.state = state
        marker = spare / MARKER
        if state is not None and not marker.exists():
            # New, or left by a build that was stopped before it finished (a
            # preview stopped mid-rebuild): whatever it holds is pruned by
            # :meth:`finish`, and every file staged is written or checked
            # afresh, so it is reused as it is (deleting the 40,000 files of
            # a large site's interrupted build took seconds).
            state.pop(str(spare), None)
        spare.mkdir(exist_ok=True)
        # The marker says the folder holds a finished build (and what
        # :class:`FolderListings` remembered of it): not while staging.
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
        self.stats = {"written": 0, "unchanged": 0, "removed": 0}
        known = state if state is not None else {}
        self.live_files: set[str] = set()
        #: Is ``live_files`` all the output holds (not the last build's record)?
        self._listed = True
        if str(output) in known and output.is_dir():
            self.live_files = known[str(output)]
        elif published is not None and output.is_dir():
            self.live_files = set(published)
            self._listed = False
        elif output.is_dir():
            self.live_files = _listing(output)
        self.put_files: set[str] = set()
        #: What :meth:`place` staged in this process (put_files holds what
        #: was noted, from any process).
        self.placed: set[str] = set()
        self._made: set[str] = set()
        # Plain strings from here on: this runs once per output file.
        self._spare_dir, self._output_dir = os.fspath(spare), os.fspath(output)

    def put(self, rel: str, content: Any) -> None:
        """Stage one file: bytes, a ``Path`` to copy, or an object with a
        ``path`` attribute naming a file of the current output to keep."""
        self.note(rel, self.place(rel, content))

    def place(self, rel: str, content: Any) -> bool:
        """The file-system half of :meth:`put`, which a worker process may do
        (the staging folder is shared; pass the result to :meth:`note` in the
        main process). Returns whether the file was written (False: the
        published one was kept)."""
        self.placed.add(rel)
        target = f"{self._spare_dir}/{rel}"
        current = f"{self._output_dir}/{rel}"
        keep = getattr(content, "path", None)
        if keep is None and rel in self.live_files and same_file(current, content):
            keep = current
        if keep is not None and _same_inode(target, keep, getattr(content, "inode", None)):
            # Already there, from the build before the last one (the usual
            # case for a kept file): its folder exists too.
            return False
        parent = target.rpartition("/")[0]
        if parent not in self._made:
            _make_folder(parent)
            self._made.add(parent)
        if keep is not None:
            _replace_with_link(keep, target)
            return False
        _write_new(target, content)
        return True

    def note(self, rel: str, written: bool) -> None:
        """Count a file :meth:`place` staged as part of the output."""
        self.put_files.add(rel)
        self.stats["written" if written else "unchanged"] += 1

    def stopped(self) -> set[str]:
        """The build gave way before finishing (see
        :class:`~briefgen.errors.BuildSuperseded`), in the process that
        placed or noted every file staged so far: the output stays as it
        was, and the staging folder is known still, holding what it held
        plus the files staged since (returned), which the next build stages
        again or prunes."""
        touched = self.placed | self.put_files
        state = self.state
        if state is not None and str(self.spare) in state:
            state[str(self.spare)] = state[str(self.spare)] | touched
            (self.spare / MARKER).write_bytes(_MARKER_TEXT)
        return touched

    def abandon(self) -> None:
        """The build failed: the output stays as it was. The staged files
        are pruned by the next build (which forgets what the spare held), or
        removed now when there is no output yet."""
        if self.state is not None:
            self.state.pop(str(self.spare), None)
        if not self.output.exists():
            shutil.rmtree(self.spare, ignore_errors=True)

    def finish(self, wanted: set[str]) -> dict[str, int]:
        """Remove what is not ``wanted`` from the staged folder and swap it in.
        Returns counts of files ``written``, ``unchanged`` and ``removed``."""
        missing = wanted - self.put_files
        if missing:
            raise ValueError(f"not staged: {sorted(missing)[:5]}")
        output, spare, state = self.output, self.spare, self.state
        self.stats["removed"] = len(self.live_files - wanted)
        known = state if state is not None else {}
        if str(spare) in known:
            _remove(spare, known[str(spare)] - wanted)
        else:
            _prune(spare, wanted)
        (spare / MARKER).write_bytes(_MARKER_TEXT)
        # Swap: the spare becomes the output, the output becomes the spare.
        swap = output.parent / f".{output.name}.swap-{os.getpid()}"
        if swap.exists():
            shutil.rmtree(swap)
        if output.exists():
            os.replace(output, swap)
            os.replace(spare, output)
            os.replace(swap, spare)
        else:
            os.replace(spare, output)
        if state is not None:
            if self._listed:  # it is what the spare holds now
                state[str(spare)] = self.live_files
            else:
                state.pop(str(spare), None)
            state[str(output)] = wanted
        return self.stats


_LISTING_NAME = re.compile(r"listing-[0-9a-f]{32}\.pickle")


class FolderListings:
    """What each output folder of a long-running builder holds, remembered
    in a folder of its own between runs, for :class:`Staging`'s ``state``.

    Without it a new process lists the output and its spare on its first
    build into them; on a large site whose folders the kernel no longer has
    in memory that took seconds each (40,000 files: 8-9 s). Only for output
    folders nothing else writes to (the preview's, in the cache folder): a
    listing is trusted while the folder's marker is the very file written
    when the build that left it finished (a build staging into a folder
    removes its marker first, so a stopped build's leftovers are listed
    afresh). A listing is written only when it is new: from one build to the
    next the files are usually the same, and the record of which folder holds
    which listing is a small file."""

    RECORD = "folders.json"

    def __init__(self, root: Path) -> None:
        self.root = root
        #: The listings on disk: (the set, its file name), for reuse.
        self._known: list[tuple[set[str], str]] = []

    def load(self) -> dict[str, set[str]]:
        """The listings of the folders whose marker is as it was."""
        try:
            record = json.loads((self.root / self.RECORD).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        state: dict[str, set[str]] = {}
        loaded: dict[str, set[str]] = {}
        for folder, entry in record.items() if isinstance(record, dict) else ():
            if not isinstance(entry, dict) or _marker_token(folder) != entry.get("marker"):
                continue
            name = entry.get("files")
            if not isinstance(name, str) or not _LISTING_NAME.fullmatch(name):
                continue
            files = loaded.get(name)
            if files is None:
                try:
                    files = pickle.loads(read_bytes(self.root / name))
                except (OSError, pickle.UnpicklingError, EOFError, ValueError):
                    continue
                if not isinstance(files, set):
                    continue
                loaded[name] = files
                self._known.append((files, name))
            state[folder] = files
        self._forget_others()
        return state

    def save(self, state: dict[str, set[str]]) -> None:
        """Remember ``state`` (as :meth:`Staging.finish` left it). A memory
        that cannot be written only costs the next run the listing."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            record = {}
            for folder, files in state.items():
                token = _marker_token(folder)
                if token is not None:
                    record[folder] = {"marker": token, "files": self._name_of(files)}
            used = {entry["files"] for entry in record.values()}
            self._known = [(files, name) for files, name in self._known if name in used]
            _write_atomic(self.root / self.RECORD, json.dumps(record).encode())
        except OSError:
            return
        self._forget_others()

    def _name_of(self, files: set[str]) -> str:
        for known, name in self._known:
            if known is files or known == files:
                return name
        name = f"listing-{uuid.uuid4().hex}.pickle"
        _write_atomic(self.root / name, pickle.dumps(files, protocol=5))
        self._known.append((files, name))
        return name

    def _forget_others(self) -> None:
        """Delete listing files no folder refers to any more."""
        keep = {name for _, name in self._known}
        with contextlib.suppress(OSError), os.scandir(self.root) as entries:
            for entry in entries:
                if _LISTING_NAME.fullmatch(entry.name) and entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _marker_token(folder: str | Path) -> list[int] | None:
    """Which file the marker of ``folder`` is (device, inode, time), or None
    when it has none."""
    try:
        st = os.stat(os.path.join(folder, MARKER))
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_mtime_ns]


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = _temporary(os.fspath(path))
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _listing(folder: Path) -> set[str]:
    found = {rel for rel, _ in walk_files(folder)}
    found.discard(MARKER)
    return found


def _remove(root: Path, stale: set[str]) -> None:
    """Delete the files ``stale`` under ``root`` and the folders they leave empty."""
    for rel in sorted(stale, reverse=True):
        path = root / rel
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        parent = path.parent
        while parent != root:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def _same_inode(a: str | Path, b: str | Path, b_inode: tuple[int, int] | None = None) -> bool:
    """Are ``a`` and ``b`` one file? ``b_inode``: ``b``'s (inode, device),
    when the caller has just looked."""
    try:
        sa = os.stat(a)
        if b_inode is None:
            sb = os.stat(b)
            b_inode = (sb.st_ino, sb.st_dev)
    except OSError:
        return False
    return (sa.st_ino, sa.st_dev) == b_inode


def _make_folder(path: str) -> None:
    """``os.makedirs(path, exist_ok=True)``, in one system call when only
    the last folder is missing (each page of a first build has a folder
    of its own, in a folder that exists)."""
    try:
        os.mkdir(path)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)


def _temporary(target: str) -> str:
    folder, _, name = target.rpartition("/")
    return f"{folder}/.{name}.tmp-{os.getpid()}"


def _replace_with_link(source: str | Path, target: str) -> None:
    tmp = _temporary(target)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copy2(source, tmp)
    os.replace(tmp, target)


#: A new file, never an existing one (see :func:`_write_new`).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
#: An existing file, to write over (never through a symbolic link).
_OLD_FILE = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def _write_new(target: str, content: bytes | Path) -> None:
    # Never write into a file that has another name: it may be a hard link
    # to the live output. The staging folder is private until it is swapped
    # in, so no temporary file and rename is needed, and a file cut short by
    # a crash is written again by the next build that stages it.
    if isinstance(content, Path):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        shutil.copyfile(content, target)
        return
    # Most files of a build are new to the staging folder (all of a first
    # build's): created exclusively, with a plain descriptor (cheaper than a
    # Python file object for the thousands a build writes).
    try:
        fd = os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        fd = _open_over(target)
        if fd is not None:  # written over in place, then cut to the new length
            try:
                write_all(fd, content)
                os.ftruncate(fd, len(content))
            finally:
                os.close(fd)
            return
        os.unlink(target)
        fd = os.open(target, _NEW_FILE, 0o666)
    try:
        write_all(fd, content)
    finally:
        os.close(fd)


def _open_over(target: str) -> int | None:
    """The staged file ``target``, open for writing, when it is a regular
    file with no other name (the output of the build before last, which the
    last build changed); else None (a hard link to the published file, or
    anything else, which must be unlinked first). Writing over such a file
    costs a fraction of deleting it: a file system that discards freed
    blocks at once (as SSD-backed virtual disks are often mounted) takes a
    tenth of a millisecond or more to delete a page."""
    try:
        fd = os.open(target, _OLD_FILE)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    if st.st_nlink == 1 and stat.S_ISREG(st.st_mode):
        return fd
    os.close(fd)
    return None


def _prune(root: Path, keep: set[str]) -> None:
    """Delete files under ``root`` not in ``keep`` (and emptied folders)."""

    def visit(folder: str, prefix: str) -> bool:
        """Prune ``folder``; whether it is empty now."""
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if visit(entry.path, rel + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif rel in keep or rel == MARKER:
                    empty = False
                else:
                    os.unlink(entry.path)
        return empty

    visit(os.fspath(root), "")


def same_file(previous: str | Path, content: Any) -> bool:
    """Does the file ``previous`` hold exactly ``content`` (bytes, or the
    bytes of the file at a ``Path``)?"""
    try:
        if isinstance(content, Path):
            if os.stat(previous).st_size != content.stat().st_size:
                return False
            return read_bytes(previous) == content.read_bytes()
        if os.stat(previous).st_size != len(content):
            return False
        return read_bytes(previous) == content
    except OSError:
        return False
