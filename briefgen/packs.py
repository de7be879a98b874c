"""Pack files: the cache's many per-article records in a few files.

A build stores two records per article (its parse and annotations, and its
annotations.json). As a file each, a cold build of 1,000 articles made
2,000 files in 500 folders; where making a file costs half a millisecond of
system time or more (seen on the 2-core benchmark machine), that is seconds
of a cold build. Here each process that writes appends its records to a
pack of its own and notes each one in the pack's index, a line of text.

In the store's folder:

- ``<name>.pack``: the records, each a header line ``<kind> <key> <length>``
  and then its bytes;
- ``<name>.idx``: a line ``<kind> <key> <offset> <length>`` per record,
  written after the record itself, so that an index never names bytes that
  are not there (a line a crash cut short is ignored, and every read checks
  the record's header).

A pack's ``name`` is the time it was started (hexadecimal nanoseconds, so
that names sort by age), the id of the process writing it and a random
part. Records are never changed once written: processes never write to the
same file (a build's workers, a preview and a command-line build on the
same site at once) and readers need no lock. A key written again (a record
made anew because what it was checked against changed) is read from the
newest pack that has it. :meth:`PackStore.compact` drops the records a build no longer
uses, a pack at a time, and only packs whose writer has exited.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
import weakref
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from .digests import write_all

PACK = ".pack"
INDEX = ".idx"
#: More packs than this (each command-line build that makes a record starts
#: one), and the small ones are merged.
MAX_PACKS = 8
#: A pack under this size counts as small (see :data:`MAX_PACKS`).
SMALL_PACK = 4 << 20


#: The packs this process has open for writing (see :func:`_writer_alive`).
_WRITING: set[str] = set()


@dataclass
class _Writer:
    """This process's pack, open for appending."""

    pid: int
    name: str
    pack: int  # file descriptors
    index: int
    size: int = 0  # bytes in the pack
    index_size: int = 0  # bytes in its index

    def close(self) -> None:
        for fd in (self.pack, self.index):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.pid == os.getpid():
            _WRITING.discard(self.name)


@dataclass
class _Files:
    """The files a store holds open, closed with :meth:`close` or when the
    store is garbage (a build's cache dropped with its builder)."""

    readers: dict[str, int] = field(default_factory=dict)  # pack name -> descriptor
    writer: _Writer | None = None

    def close(self) -> None:
        for fd in self.readers.values():
            os.close(fd)
        self.readers.clear()
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.close()


class PackStore:
    """Records of bytes by ``(kind, key)`` in the pack files of ``folder``
    (made when the first record is written). Kinds and keys are words without
    spaces (the cache's keys are hex digests)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        #: (kind, key) -> (pack name, offset of the record's header, length)
        self._index: dict[tuple[str, str], tuple[str, int, int]] = {}
        self._read_upto: dict[str, int] = {}  # pack name -> bytes of its index read
        self._loaded = False
        self._orphans: set[str] = set()  # packs without an index (a crash)
        self._files = _Files()
        weakref.finalize(self, self._files.close)

    def read(self, kind: str, key: str) -> bytes | None:
        """The bytes stored for ``(kind, key)``, or None."""
        if not self._loaded:
            self.refresh()
        where = self._index.get((kind, key))
        if where is None:
            return None
        name, offset, length = where
        header = _header(kind, key, length)
        try:
            fd = self._files.readers.get(name)
            if fd is None:
                fd = self._files.readers[name] = os.open(self._path(name, PACK), os.O_RDONLY)
            data = _pread(fd, len(header) + length, offset)
        except OSError:  # a pack another process compacted away: work to do
            return None
        if len(data) != len(header) + length or not data.startswith(header):
            return None
        return data[len(header) :]

    def write(self, kind: str, key: str, data: bytes) -> None:
        """Append a record to this process's pack (started on first use, and
        anew in a forked child). Raises OSError when it cannot be written;
        the next write then starts a new pack."""
        writer = self._files.writer
        if writer is None or writer.pid != os.getpid():
            writer = self._files.writer = self._start_pack()
        try:
            header = _header(kind, key, len(data))
            offset = writer.size
            write_all(writer.pack, header + data)
            writer.size += len(header) + len(data)
            line = f"{kind} {key} {offset} {len(data)}\n".encode("ascii")
            write_all(writer.index, line)
            writer.index_size += len(line)
        except OSError:
            self._files.writer = None
            writer.close()
            raise
        self._index[(kind, key)] = (writer.name, offset, len(data))
        self._read_upto[writer.name] = writer.index_size  # its own lines are known

    def refresh(self) -> None:
        """Take in the records other processes (a build's workers, another
        build) noted since the last look, and forget the packs gone."""
        self._loaded = True
        try:
            files = os.listdir(self.folder)
        except OSError:
            files = []
        present = {f[: -len(INDEX)] for f in files if f.endswith(INDEX)}
        self._orphans = {f[: -len(PACK)] for f in files if f.endswith(PACK)} - present
        gone = [name for name in self._read_upto if name not in present]
        if gone:
            self._forget(set(gone))
        for name in sorted(present):  # the newest last, to win
            done = self._read_upto.get(name, 0)
            try:
                with open(self._path(name, INDEX), "rb") as fh:
                    fh.seek(done)
                    chunk = fh.read()
            except OSError:
                continue
            end = chunk.rfind(b"\n") + 1
            if not end:
                continue
            self._read_upto[name] = done + end
            index = self._index
            for line in chunk[:end].decode("ascii", "replace").splitlines():
                parts = line.split(" ")
                if len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit():
                    index[(parts[0], parts[1])] = (name, int(parts[2]), int(parts[3]))

    def compact(self, live: Mapping[str, Collection[str]]) -> None:
        """Drop the records of each kind in ``live`` whose key is not in
        ``live[kind]`` (records of other kinds are kept). A pack is rewritten
        (its records still in use appended to this process's pack, then the
        pack deleted) when more than half of it is no longer used, or when
        there are more than :data:`MAX_PACKS` packs and it is small; only
        packs no process is writing to are touched (see
        :func:`_writer_alive`). Raises OSError when the folder cannot be
        written."""
        self.refresh()
        used: dict[str, int] = {}
        for (kind, key), (name, _, length) in self._index.items():
            keys = live.get(kind)
            if keys is None or key in keys:
                used[name] = used.get(name, 0) + len(_header(kind, key, length)) + length
        packs = list(self._read_upto)
        doomed = set()
        for name in packs:
            if _writer_alive(name):
                continue
            try:
                size = os.stat(self._path(name, PACK)).st_size
            except OSError:
                continue
            dead = size - used.get(name, 0)
            if dead * 2 > size or (len(packs) > MAX_PACKS and size < SMALL_PACK):
                doomed.add(name)
        doomed |= {name for name in self._orphans if not _writer_alive(name)}
        if not doomed:
            return
        for (kind, key), (name, _, _) in list(self._index.items()):
            if name not in doomed:
                continue
            keys = live.get(kind)
            data = self.read(kind, key) if keys is None or key in keys else None
            if data is not None:
                self.write(kind, key, data)
        self._forget(doomed)
        for name in doomed:
            for suffix in (INDEX, PACK):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self._path(name, suffix))

    def touch(self) -> None:
        """Note that a build uses this store now (when it exists), for
        :func:`drop_old_stores`."""
        with contextlib.suppress(OSError):
            os.utime(self.folder)

    def close(self) -> None:
        """Close the files this store holds open (it can still be used: the
        next write starts a new pack)."""
        self._files.close()

    def _forget(self, names: set[str]) -> None:
        for entry in [e for e, where in self._index.items() if where[0] in names]:
            del self._index[entry]
        for name in names:
            self._read_upto.pop(name, None)
            fd = self._files.readers.pop(name, None)
            if fd is not None:
                os.close(fd)

    def _start_pack(self) -> _Writer:
        os.makedirs(self.folder, exist_ok=True)
        pid = os.getpid()
        name = f"{time.time_ns():016x}-{pid}-{secrets.token_hex(4)}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
        pack = os.open(self._path(name, PACK), flags, 0o644)
        try:
            index = os.open(self._path(name, INDEX), flags, 0o644)
        except OSError:
            os.close(pack)
            raise
        _WRITING.add(name)
        return _Writer(pid, name, pack, index)

    def _path(self, name: str, suffix: str) -> str:
        return f"{self.folder}/{name}{suffix}"


def drop_old_stores(parent: str, current: str, keep: int) -> None:
    """Delete the store folders under ``parent`` other than ``current`` and
    the ``keep - 1`` others used last (see :meth:`PackStore.touch`), leaving
    alone any with a pack still being written to."""
    try:
        others = [e for e in os.scandir(parent) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    others = [e for e in others if e.name != current]
    if len(others) < keep:
        return
    others.sort(key=lambda e: _last_used(e.path), reverse=True)
    for entry in others[keep - 1 :]:
        try:
            names = os.listdir(entry.path)
        except OSError:
            continue
        packs = {n.rpartition(".")[0] for n in names if n.endswith((PACK, INDEX))}
        if not any(_writer_alive(name) for name in packs):
            shutil.rmtree(entry.path, ignore_errors=True)


def _last_used(folder: str) -> float:
    try:
        return max(
            os.stat(folder).st_mtime,
            *(e.stat().st_mtime for e in os.scandir(folder) if e.name.endswith(INDEX)),
        )
    except OSError:
        return 0.0


def _header(kind: str, key: str, length: int) -> bytes:
    return f"{kind} {key} {length}\n".encode("ascii")


def _pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # no pread (Windows)
    return os.read(fd, size)


def _writer_alive(name: str) -> bool:
    """Whether pack ``name`` may still be written to: its process still runs
    (a reused process id only keeps a pack longer) and, when that is this
    process, a store here has it open."""
    parts = name.split("-")
    pid = parts[1] if len(parts) == 3 else ""
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return name in _WRITING
    if os.name != "posix":  # os.kill(pid, 0) would not just ask there
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True
