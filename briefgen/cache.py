"""The persistent build cache and the fingerprints it is keyed by.

The cache lives in ``.briefgen-cache/`` in the site folder (never inside the
output, never watched). What is stored, and the key that must match:

- per article, the parse, the annotations and the body skeleton, keyed by the
  article file's bytes and path plus the *site fingerprint*: briefgen's version
  and code, the configuration, every enabled plugin's name, version, code and
  settings, and every file of every claimed collection (entities,
  fact-checks, ...). A collection's owner may split its documents (see
  ``briefgen_collection_shared``): then the key holds only what of them can
  change any article, and the record lists the documents it refers to with
  their fingerprints, checked when it is read. The rendered body is kept
  too, with the fingerprint of the templates it was rendered with; and its
  annotations.json. These records, two per article, are kept in pack files
  (see :mod:`briefgen.packs`), not a file each;
- per output file, the key of everything its page was rendered from, so an
  unchanged page is taken from the previous output instead of rendered again.

A key that is not found is simply work to do; nothing is ever taken from the
cache unless every input that could change it is the same, byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from .digests import read_bytes
from .packs import PackStore, drop_old_stores

CACHE_DIR = ".briefgen-cache"
#: The article stage's records (see :mod:`briefgen.process`): its work
#: without the body, the body (text, blocks, HTML), the body skeleton
#: (needed when templates change) and annotations.json.
ARTICLES = "articles"
BODIES = "bodies"
SKELETONS = "skeletons"
EXPORTS = "exports"
#: Kinds kept in pack files: many records a build (one written again under
#: its key supersedes the old one). The other kinds are a file per key,
#: which a write replaces.
PACKED = frozenset({ARTICLES, BODIES, SKELETONS, EXPORTS})
#: Scopes of packed records kept (see :meth:`Cache.use_scope`): the current
#: one and those used last.
KEPT_SCOPES = 3


class Cache:
    """A folder of records addressed by kind and key: those of the kinds in
    :data:`PACKED` in pack files, each other one in a file of its own. Writes
    are atomic."""

    def __init__(self, root: Path, *, enabled: bool = True, remember: bool = True) -> None:
        self.root = root
        self.enabled = enabled
        self.remember = remember
        self.scope = "-"
        self.packs = PackStore(f"{root}/packs/{self.scope}")
        self.hits = 0
        self.misses = 0
        # Records of this process, in front of the folder: a builder kept by
        # the preview server finds them without reading or unpickling. A
        # one-off build does not remember them (less memory).
        self.memory: dict[tuple[str, str], Any] = {}
        self._folders: set[str] = set()  # record folders known to exist
        self._writer: threading.Thread | None = None  # see write_json_soon
        self._sweeper: threading.Thread | None = None  # see _throw_away

    def _path(self, kind: str, key: str) -> str:
        # A string, not a Path: asked for every article of every build.
        return f"{self.root}/{kind}/{key[:2]}/{key}"

    def get(self, kind: str, key: str) -> Any | None:
        if not self.enabled:
            return None
        record = self.memory.get((kind, key))
        if record is not None:
            self.hits += 1
            return record
        data = self.read(kind, key)
        try:
            record = None if data is None else pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            record = None
        if record is None:
            self.misses += 1
            return None
        self.hits += 1
        if self.remember:
            self.memory[(kind, key)] = record
        return record

    def stale(self, kind: str, key: str) -> None:
        """A record :meth:`get` returned turned out to be out of date (its
        caller checked more than the key): count a miss and forget it."""
        self.hits -= 1
        self.misses += 1
        self.memory.pop((kind, key), None)

    def put(self, kind: str, key: str, record: Any) -> None:
        if not self.enabled:
            return
        self.keep(kind, key, record)
        self.write(kind, key, pickle.dumps(record, protocol=5))

    def keep(self, kind: str, key: str, record: Any) -> None:
        """Remember ``record`` in this process only (when remembering)."""
        if self.enabled and self.remember:
            self.memory[(kind, key)] = record

    def write(self, kind: str, key: str, data: bytes) -> None:
        """Store an already pickled record on disk (safe from a worker
        process: a record of a packed kind goes to the process's own pack,
        any other is written to a temporary file and renamed)."""
        if not self.enabled:
            return
        if kind in PACKED:
            with contextlib.suppress(OSError):  # only costs time, as below
                self.packs.write(kind, key, data)
            return
        path = self._path(kind, key)
        folder = os.path.dirname(path)
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            # A cache that cannot be written only costs time (and a folder
            # removed meanwhile is made again next time).
            self._folders.discard(folder)

    def read(self, kind: str, key: str) -> bytes | None:
        """The bytes :meth:`write` stored, read from disk each time (never
        remembered in memory: for large, rarely needed files)."""
        if not self.enabled:
            return None
        if kind in PACKED:
            return self.packs.read(kind, key)
        try:
            return read_bytes(self._path(kind, key))
        except OSError:
            return None

    def use_scope(self, scope: str) -> None:
        """Keep packed records under ``scope`` from now on: builds of
        another scope neither read them nor let go of them. The article
        stage's scope is what can change any article's work (briefgen, the
        configuration, the plugins, whether drafts are in, what of the
        claimed collections every article may use), so a preview with
        drafts beside builds without them, or an alias or a setting tried
        and put back, each find their own records."""
        if scope != self.scope:
            self.packs.close()
            self.scope = scope
            self.packs = PackStore(f"{self.root}/packs/{scope}")
        if self.enabled:
            self.packs.touch()

    def compact(self, live: Mapping[str, Collection[str]]) -> None:
        """Let go of the records of each packed kind in ``live`` whose key is
        not in ``live[kind]`` (see :meth:`briefgen.packs.PackStore.compact`),
        in this scope; of the other scopes, those written to last are kept
        (:data:`KEPT_SCOPES` in all). Called in the main process once a
        build's workers are done."""
        if not self.enabled:
            return
        with contextlib.suppress(OSError):
            self.packs.compact(live)
        drop_old_stores(f"{self.root}/packs", self.scope, KEPT_SCOPES)
        old = [f"{self.root}/{kind}" for kind in live if kind in PACKED]
        self._throw_away([folder for folder in old if os.path.isdir(folder)])

    def _throw_away(self, folders: list[str]) -> None:
        """Delete ``folders`` (a record a file, as caches before pack files
        had them: tens of thousands of files, a minute or more to delete on
        a slow disk) without holding up the build: each is moved into
        ``trash/`` at once, and a thread empties the trash, this build's
        and what an earlier process left there (a command-line build may
        exit before it is done)."""
        trash = f"{self.root}/trash"
        for folder in folders:
            with contextlib.suppress(OSError):
                os.makedirs(trash, exist_ok=True)
                os.replace(folder, f"{trash}/{os.path.basename(folder)}-{os.getpid()}-{id(self)}")
        if os.path.isdir(trash) and (self._sweeper is None or not self._sweeper.is_alive()):
            self._sweeper = threading.Thread(
                target=shutil.rmtree,
                args=(trash,),
                kwargs={"ignore_errors": True},
                name="briefgen-cache-trash",
                daemon=True,
            )
            self._sweeper.start()

    def retain(self, kind: str, keys: set[str]) -> None:
        """Forget the in-memory records of ``kind`` not in ``keys``."""
        for entry in [e for e in self.memory if e[0] == kind and e[1] not in keys]:
            del self.memory[entry]

    def read_json(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        self.flush()
        try:
            return json.loads((self.root / name).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, value: Any) -> None:
        if not self.enabled:
            return
        # dumps, not dump: only a one-shot dump uses the C encoder.
        self._write_text(name, json.dumps(value, sort_keys=True))

    def write_json_soon(self, name: str, value: dict[str, Any]) -> None:
        """:meth:`write_json` from a thread of its own, for a large record
        the caller need not wait for (the preview's page manifest: 15 MB at
        10,000 articles, half a second a build). ``value`` must not change
        afterwards. The JSON is made a part at a time, so other threads run
        in between. An earlier write is finished first; :meth:`flush` (and
        any read) waits for the last one."""
        if not self.enabled:
            return
        self.flush()
        self._writer = threading.Thread(
            target=self._write_json_parts, args=(name, value), name="briefgen-cache-writer"
        )
        self._writer.start()

    def close(self) -> None:
        """Finish writing and close the files held open (a pack, see
        :mod:`briefgen.packs`); a later write starts a new pack."""
        self.flush()
        self.packs.close()

    def flush(self) -> None:
        """Wait for a write :meth:`write_json_soon` started."""
        if self._writer is not None:
            self._writer.join()
            self._writer = None

    def _write_json_parts(self, name: str, value: dict[str, Any]) -> None:
        keys = sorted(value)
        parts = [
            json.dumps({k: value[k] for k in keys[i : i + _JSON_PART]}, sort_keys=True)[1:-1]
            for i in range(0, len(keys), _JSON_PART)
        ]
        self._write_text(name, "{" + ", ".join(parts) + "}")

    def _write_text(self, name: str, text: str) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.root / name)
        except OSError:
            pass


#: Entries of a dictionary encoded at once by :meth:`Cache.write_json_soon`
#: (a few milliseconds: the thread holds the interpreter no longer).
_JSON_PART = 1000
