"""The persistent build cache and the fingerprints it is keyed by.

The cache lives in ``.briefgen-cache/`` in the site folder (never inside the
output, never watched). What is stored, and the key that must match:

- per article, the parse, the annotations and the body skeleton, keyed by the
  article file's bytes and path plus the *site fingerprint*: briefgen's version
  and code, the configuration, every enabled plugin's name, version, code and
  settings, and every file of every claimed collection (entities,
  fact-checks, ...). The rendered body is kept too, with the fingerprint of
  the templates it was rendered with;
- per output file, the key of everything its page was rendered from, so an
  unchanged page is taken from the previous output instead of rendered again.

A key that is not found is simply work to do; nothing is ever taken from the
cache unless every input that could change it is the same, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .annotations import Annotation
from .content import Article, Document
from .pages import Page
from .site import Hit, Site

CACHE_DIR = ".briefgen-cache"
_FORMAT = "5"  # bump when the layout of cached records changes


def _hash(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        else:
            h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _file_digests(paths: Iterable[Path]) -> list[tuple[str, str]]:
    out = []
    for p in sorted(paths):
        try:
            out.append((p.as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()))
        except OSError:
            continue
    return out


_CODE_FP: dict[int, tuple[Any, str]] = {}


def code_fingerprint(module: Any) -> str:
    """A hash of a module's source: every .py file of its package, or its file.

    Computed once per module object: in a long-running process (the preview)
    the code that runs is the code that was imported, whatever the files say
    now, so results are keyed by that code.
    """
    known = _CODE_FP.get(id(module))
    if known is not None and known[0] is module:
        return known[1]
    file = getattr(module, "__file__", None)
    if not file:
        return _hash(getattr(module, "__name__", repr(module)))
    path = Path(file)
    if path.name == "__init__.py":
        files = [p for p in path.parent.rglob("*") if p.is_file() and p.suffix in (".py",)]
    else:
        files = [path]
    digest = _hash(*(d for _, d in _file_digests(files)))
    _CODE_FP[id(module)] = (module, digest)
    return digest


def _tree_digest(folder: Path) -> list[tuple[str, str]]:
    if not folder.is_dir():
        return []
    return [
        (Path(p).relative_to(folder).as_posix(), d)
        for p, d in _file_digests(p for p in folder.rglob("*") if p.is_file())
    ]


def site_fingerprints(site: Site) -> dict[str, str]:
    """Fingerprints of everything a build depends on besides the articles."""
    cfg = site.config
    config = {f.name: getattr(cfg, f.name) for f in fields(cfg) if f.name not in ("located",)}
    config["source"] = str(cfg.source)
    engine = engine_fingerprint()
    plugins = [
        (i.name, i.version, code_fingerprint(i.module), site.plugins.settings.get(i.name))
        for i in site.plugins.enabled
    ]
    collections = [
        (name, [(d.relpath, d.digest) for d in docs])
        for name, docs in sorted(site.collections.items())
    ]
    template_dirs = [site.source / "templates", *(t.templates for t in site.themes)]
    template_dirs += list(site.plugin_template_dirs)
    templates = [(str(d), _tree_digest(d)) for d in template_dirs]
    base = _hash(
        _FORMAT, __version__, engine, stable_json(config), stable_json(plugins), site.drafts
    )
    return {
        "base": base,
        "collections": _hash(stable_json(collections)),
        "templates": _hash(stable_json(templates)),
    }


def article_key(site: Site, article: Article) -> str:
    fp = site.fingerprints
    return _hash(fp["base"], fp["collections"], article.relpath, article.url, article.digest)


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


_ENGINE_FP: str | None = None


def engine_fingerprint() -> str:
    """briefgen's own code and bundled themes (computed once per process)."""
    global _ENGINE_FP
    if _ENGINE_FP is None:
        from .theme import bundled_themes_dir

        here = Path(__file__).resolve().parent
        # The preview server and the scaffolding do not change what a build
        # makes; leaving them out keeps caches valid across their changes.
        files = [p for p in here.rglob("*.py") if "serve" not in p.relative_to(here).parts]
        themes = _tree_digest(bundled_themes_dir())
        _ENGINE_FP = _hash(__version__, *(d for _, d in _file_digests(files)), stable_json(themes))
    return _ENGINE_FP


def _installed_plugins() -> list[Any]:
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
                code = _hash(*(d for _, d in _file_digests(files)))
        except (ImportError, ValueError):
            code = "unimportable"
        out.append((ep.name, ep.value, ep.dist.version if ep.dist else "", code))
    return out


def input_fingerprint(source: Path, *, output: Path, drafts: bool) -> str:
    """A hash of every input a build reads, computed without loading anything:
    site.yml and the site's content, templates, themes, static files and local
    plugins (by content), briefgen itself, and the installed plugins' code."""
    parts: list[Any] = [
        engine_fingerprint(),
        _installed_plugins(),
        str(output),
        drafts,
        os.environ.get("BRIEFGEN_PLUGINS"),
    ]
    try:
        parts.append(hashlib.sha256((source / "site.yml").read_bytes()).hexdigest())
    except OSError:
        parts.append(None)
    for name in ("content", "templates", "themes", "static", "plugins"):
        parts.append((name, _tree_digest(source / name)))
    return _hash(stable_json(parts))


def output_state(output: Path) -> dict[str, list[int]]:
    """Size and modification time of every file in the output folder."""
    state: dict[str, list[int]] = {}
    for dirpath, _dirs, filenames in os.walk(output):
        for name in filenames:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            state[os.path.relpath(path, output)] = [st.st_size, st.st_mtime_ns]
    return state


class Uncacheable(Exception):
    """A page context holds something that cannot be fingerprinted."""


def context_fingerprint(
    value: Any, keys: dict[int, str], depth: int = 0, memo: dict[int, str] | None = None
) -> Any:
    """A JSON-able image of a page context, for its cache key.

    Articles stand for their cache key (which covers their text and
    annotations), so a page is rendered again whenever an article it shows
    changed in any way. With ``memo`` (valid while every context is alive),
    each container is fingerprinted once and stands for a hash after that,
    so objects shared by many pages are walked once.
    """
    if depth > 12:
        raise Uncacheable("context nested too deeply")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Article):
        return ["article", keys.get(id(value)) or _hash(value.digest, value.url)]
    if isinstance(value, Document):
        return ["doc", value.relpath, value.digest]
    if isinstance(value, Annotation):
        return ["ann", value.to_dict()]
    if isinstance(value, Hit):
        return ["hit", keys.get(id(value.article)), value.annotation.id]
    if isinstance(value, Page):
        return ["page", value.url, value.template, value.title, value.kind]
    if isinstance(value, Site):
        return "site"
    if memo is not None and id(value) in memo:
        return memo[id(value)]
    deeper = depth + 1
    result: Any
    if isinstance(value, dict):
        result = {str(k): context_fingerprint(v, keys, deeper, memo) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        result = [context_fingerprint(v, keys, deeper, memo) for v in value]
    elif isinstance(value, set | frozenset):
        result = sorted(repr(context_fingerprint(v, keys, deeper, memo)) for v in value)
    elif is_dataclass(value) and not isinstance(value, type):
        result = [type(value).__qualname__] + [
            context_fingerprint(getattr(value, f.name), keys, deeper, memo) for f in fields(value)
        ]
    else:
        try:
            result = ["pickle", hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()]
        except Exception as exc:
            raise Uncacheable(f"{type(value).__name__} cannot be fingerprinted") from exc
    if memo is not None:
        result = "#" + _hash(stable_json(result))
        memo[id(value)] = result
    return result


class Cache:
    """A folder of pickled records addressed by key. Writes are atomic."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        # Records of this process, in front of the folder: a builder kept by
        # the preview server finds them without reading or unpickling.
        self.memory: dict[tuple[str, str], Any] = {}

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> Any | None:
        if not self.enabled:
            return None
        record = self.memory.get((kind, key))
        if record is not None:
            self.hits += 1
            return record
        try:
            data = self._path(kind, key).read_bytes()
            record = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        self.memory[(kind, key)] = record
        return record

    def put(self, kind: str, key: str, record: Any) -> None:
        if not self.enabled:
            return
        self.memory[(kind, key)] = record
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(pickle.dumps(record, protocol=5))
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def retain(self, kind: str, keys: set[str]) -> None:
        """Forget the in-memory records of ``kind`` not in ``keys``."""
        for entry in [e for e in self.memory if e[0] == kind and e[1] not in keys]:
            del self.memory[entry]

    def read_json(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            return json.loads((self.root / name).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, value: Any) -> None:
        if not self.enabled:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, sort_keys=True)
            os.replace(tmp, self.root / name)
        except OSError:
            pass


def page_key(site: Site, page_fp: Any, site_summary: str) -> str:
    fp = site.fingerprints
    return _hash(fp["base"], fp["collections"], fp["templates"], site_summary, stable_json(page_fp))


def site_summary(site: Site) -> str:
    """What any page may show of any article without holding it in its
    context: the list of articles and their metadata (title, date, tags, ...).

    Everything else a page shows must come through its context (including
    what ``briefgen_template_context`` adds), where each article stands for
    its full cache key; templates do not read ``site.index`` or article
    bodies directly. So an edit to one article re-renders the pages that
    show it (its own, home and tag pages listing it, entity and fact-check
    pages it feeds, the feed), not the whole site.
    """
    parts = [
        (a.url, a.title, a.date, a.updated, a.summary, a.tags, a.authors, a.meta)
        for a in site.articles
    ]
    return _hash(stable_json(parts))
