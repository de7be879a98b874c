"""What cache keys are made of: fingerprints of a site, an article, a page.

See :mod:`briefgen.cache` for what is cached under these keys. Each key
covers every input that could change the cached result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .annotations import Annotation
from .content import Article, Document
from .digests import engine_fingerprint, file_digests, stable_json, tree_digest
from .digests import hash_parts as _hash
from .errors import PluginError
from .pages import Page
from .site import Hit, Site

_FORMAT = "8"  # bump when the layout of cached records changes

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
    digest = _hash(*(d for _, d in file_digests(files)))
    _CODE_FP[id(module)] = (module, digest)
    return digest


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
    shared, site.ref_fingerprints = _split_collections(site)
    template_dirs = [site.source / "templates", *(t.templates for t in site.themes)]
    template_dirs += list(site.plugin_template_dirs)
    templates = [(str(d), tree_digest(d)) for d in template_dirs]
    base = _hash(
        _FORMAT, __version__, engine, stable_json(config), stable_json(plugins), site.drafts
    )
    return {
        "base": base,
        "collections": _hash(stable_json(collections)),
        "shared": _hash(stable_json(shared)),
        "templates": _hash(stable_json(templates)),
    }


def _split_collections(site: Site) -> tuple[list[Any], dict[str, str]]:
    """What of the collections can change any article (as JSON-ready data),
    and a fingerprint of each document whose other changes reach only the
    articles that refer to it (see ``briefgen_collection_shared``)."""
    shared: list[Any] = []
    by_ref: dict[str, str] = {}
    answers = _shared_parts(site)
    for name, docs in sorted(site.collections.items()):
        found = answers.get(name)
        if found is None:
            shared.append((name, [(d.relpath, d.digest) for d in docs]))
            continue
        whole = []
        for doc in docs:
            ref = f"{name}/{doc.slug}"
            if ref in found[0]:
                by_ref[ref] = _hash(doc.relpath, doc.digest)
            else:
                whole.append((doc.relpath, doc.digest))
        shared.append((name, found[1], whole))
    return shared, by_ref


def _shared_parts(site: Site) -> dict[str, tuple[set[str], str]]:
    """Each owner's answer to ``briefgen_collection_shared``, checked: the
    refs it names, and the whole answer as JSON."""
    answers: dict[str, tuple[set[str], str]] = {}
    hook = "briefgen_collection_shared"
    for plugin, func, argnames in site.plugins.impls(hook):
        for name, owner in site.owners.items():
            if owner != plugin or name not in site.collections:
                continue
            answer = site.plugins.call_one(
                plugin, func, argnames, hook, {"site": site, "collection": name}
            )
            if answer is None:
                continue
            if not isinstance(answer, dict) or not all(isinstance(k, str) for k in answer):
                raise PluginError(
                    f"plugin '{plugin}' returned {type(answer).__name__} from {hook}, "
                    "not a dict of refs",
                    plugin=plugin,
                    hook=hook,
                )
            try:
                text = stable_json(answer)
            except (TypeError, ValueError) as exc:
                raise PluginError(
                    f"plugin '{plugin}' returned data that is not JSON from {hook}: {exc}",
                    plugin=plugin,
                    hook=hook,
                ) from exc
            answers[name] = (set(answer), text)
    return answers


def article_key(site: Site, article: Article) -> str:
    """The key of an article's cached work: the article itself, and what of
    the site can change any article. Results that depend on documents they
    refer to are checked against those as well (:func:`refs_current`)."""
    fp = site.fingerprints
    return _hash(fp["base"], fp["shared"], article.relpath, article.url, article.digest)


def ref_fingerprints(site: Site, annotations: list[Annotation]) -> tuple[tuple[str, str], ...]:
    """The fingerprints of the split documents (``site.ref_fingerprints``)
    that ``annotations`` refer to, sorted by ref."""
    known = site.ref_fingerprints
    if not known:
        return ()
    refs = {ref for ann in annotations for ref in ann.refs if ref in known}
    return tuple((ref, known[ref]) for ref in sorted(refs))


def refs_current(site: Site, recorded: tuple[tuple[str, str], ...]) -> bool:
    """Whether every document a cached result referred to is as it was."""
    known = site.ref_fingerprints
    return all(known.get(ref) == fp for ref, fp in recorded)


def effective_key(key: str, recorded: tuple[tuple[str, str], ...]) -> str:
    """What stands for an article's result in page keys and its published
    annotations.json: its cache key, and the documents it referred to."""
    return _hash(key, *(part for pair in recorded for part in pair)) if recorded else key


class Uncacheable(Exception):
    """A page context holds something that cannot be fingerprinted."""


class PageKeys:
    """Cache keys of pages, from their contexts.

    A context is written out as a flat list of typed, length-prefixed tokens
    (so two different contexts never give the same list) and hashed with
    everything else a page depends on. Articles stand for their cache key
    (which covers their text and annotations), so a page is rendered again
    whenever an article it shows changed in any way. Large containers are
    hashed once and stand for that hash after that, so objects shared by
    many pages (registries, lists of hits) are walked once: the memo is by
    object identity and holds the objects it knows (an object dropped after
    its page was done cannot be confused with a new one at the same
    address), so one PageKeys serves one build's page stage.
    """

    #: Containers at least this long are hashed once and remembered; smaller
    #: ones cost less to walk again than to hash.
    MEMO_SIZE = 8
    MAX_DEPTH = 12

    def __init__(self, site: Site, article_keys: dict[int, str], summary: str) -> None:
        fp = site.fingerprints
        self.prefix = _hash(fp["base"], fp["collections"], fp["templates"], summary)
        self.keys = article_keys
        self.memo: dict[int, tuple[Any, str]] = {}

    def key(self, page: Page, context: Any) -> str:
        """The page's key; raises :class:`Uncacheable` for a context holding
        something that cannot be fingerprinted."""
        out: list[str] = []
        self._feed([page.url, page.template, page.kind, page.title], out, 0)
        self._feed(context, out, 0)
        return _hash(self.prefix, "\x1f".join(out))

    def _feed(self, value: Any, out: list[str], depth: int) -> None:
        kind = type(value)
        if kind is str or isinstance(value, str):
            out.append(f"s{len(value)}")
            out.append(value)
        elif value is None or kind is bool or kind is int or kind is float:
            out.append(f"{kind.__name__[0]}{value!r}")
        elif kind is Hit:
            out.append(f"H{self.keys.get(id(value.article))}/{value.annotation.id}")
        elif kind is Article or isinstance(value, Article):
            out.append(f"A{self.keys.get(id(value)) or _hash(value.digest, value.url)}")
        else:
            self._feed_other(value, out, depth)

    def _feed_other(self, value: Any, out: list[str], depth: int) -> None:
        if depth > self.MAX_DEPTH:
            raise Uncacheable("context nested too deeply")
        if isinstance(value, dt.date):
            out.append(f"D{value.isoformat()}")
            return
        if isinstance(value, Document):
            self._feed(["doc", value.relpath, value.digest], out, depth)
            return
        if isinstance(value, Annotation):
            self._feed(value.to_dict(), out, depth)
            return
        if isinstance(value, Page):
            self._feed(["page", value.url, value.template, value.title, value.kind], out, depth)
            return
        if isinstance(value, Site):
            out.append("site")
            return
        known = self.memo.get(id(value))
        if known is not None:
            out.append(known[1])
            return
        deeper = depth + 1
        mine: list[str] = []
        size = 0
        if isinstance(value, dict):
            mine.append(f"d{len(value)}")
            size = len(value)
            for k, v in sorted(value.items(), key=_by_key):
                self._feed(str(k), mine, deeper)
                self._feed(v, mine, deeper)
        elif isinstance(value, list | tuple):
            mine.append(f"l{len(value)}")
            size = len(value)
            keys, feed = self.keys, self._feed
            for v in value:
                # Lists of hits (entity pages, quote pages) are the bulk.
                if type(v) is Hit:
                    mine.append(f"H{keys.get(id(v.article))}/{v.annotation.id}")
                else:
                    feed(v, mine, deeper)
        elif isinstance(value, set | frozenset):
            parts = []
            for v in value:
                part: list[str] = []
                self._feed(v, part, deeper)
                parts.append("\x1f".join(part))
            mine.append(f"e{len(parts)}")
            size = len(parts)
            mine.append(_hash(*sorted(parts)))
        elif is_dataclass(value) and not isinstance(value, type):
            names = _field_names(type(value))
            mine.append(f"c{type(value).__qualname__}/{len(names)}")
            size = len(names) + 1
            for name in names:
                self._feed(getattr(value, name), mine, deeper)
        else:
            try:
                pickled = pickle.dumps(value, protocol=5)
            except Exception as exc:
                raise Uncacheable(f"{type(value).__name__} cannot be fingerprinted") from exc
            mine.append(f"p{hashlib.sha256(pickled).hexdigest()}")
        if size >= self.MEMO_SIZE:
            digest = "#" + _hash("\x1f".join(mine))
            self.memo[id(value)] = (value, digest)
            out.append(digest)
        else:
            out.extend(mine)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _by_key(item: tuple[Any, Any]) -> str:
    return str(item[0])


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
