"""What cache keys are made of: fingerprints of a site, an article, a page.

See :mod:`briefgen.cache` for what is cached under these keys. Each key
covers every input that could change the cached result.
"""

from __future__ import annotations

import hashlib
import io
import operator
import pickle
from collections.abc import Callable, Collection
from dataclasses import fields, is_dataclass
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from . import __version__
from .annotations import Annotation
from .content import Article, Document
from .digests import engine_fingerprint, file_digests, stable_json
from .digests import hash_parts as _hash
from .errors import PluginError
from .pages import Page
from .site import Hit, Site
from .templatedeps import TemplateDigests

_FORMAT = "9"  # bump when the layout of cached records changes

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


def base_fingerprint(site: Site) -> str:
    """briefgen's version and code, the configuration, and every enabled
    plugin's name, version, code and settings: what can change any result
    made from the same files. Known before the plugins' ``build_start``."""
    cfg = site.config
    config = {f.name: getattr(cfg, f.name) for f in fields(cfg) if f.name not in ("located",)}
    config["source"] = str(cfg.source)
    plugins = [
        (i.name, i.version, code_fingerprint(i.module), site.plugins.settings.get(i.name))
        for i in site.plugins.enabled
    ]
    return _hash(
        _FORMAT,
        __version__,
        engine_fingerprint(),
        stable_json(config),
        stable_json(plugins),
        site.drafts,
    )


def site_fingerprints(site: Site) -> dict[str, str]:
    """Fingerprints of everything a build depends on besides the articles."""
    shared, site.ref_fingerprints = _split_collections(site)
    # Templates are fingerprinted one by one, as renders use them.
    assert site.env is not None
    site.template_digests = TemplateDigests(site.env)
    return {
        # Worked out before build_start for site.cached, from what has not
        # changed since (a builder that keeps its site loads it again when
        # the configuration or a plugin changes).
        "base": site.stash.base or base_fingerprint(site),
        "shared": _hash(stable_json(shared)),
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
                by_ref[ref] = document_fingerprint(doc)
            else:
                whole.append((doc.relpath, doc.digest))
        shared.append((name, found[1], whole))
    return shared, by_ref


def document_fingerprint(doc: Document) -> str:
    """What stands for one document of a collection in keys: its path and
    digest."""
    return _hash(doc.relpath, doc.digest)


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


@lru_cache(maxsize=1 << 16)  # asked for every article of every build of a kept builder
def effective_key(key: str, recorded: tuple[tuple[str, str], ...]) -> str:
    """What stands for an article's result in page keys and its published
    annotations.json: its cache key, and the documents it referred to."""
    return _hash(key, *(part for pair in recorded for part in pair)) if recorded else key


class Uncacheable(Exception):
    """A page context holds something that cannot be fingerprinted."""


#: Sources lists up to this long go into a page's key as they are; longer
#: ones, as one digest made once per list.
_SMALL_SOURCES = 16


class PageKeys:
    """Cache keys of pages, from their contexts.

    A context is pickled (in C, without pickle's memo, so equal contexts give
    equal bytes however their objects are shared) and hashed with the
    configuration, plugins, collections and the list of articles (the
    templates a page used are checked on their own: see
    :func:`~briefgen.pagegen.reuse_if_unchanged`). Pickling is exact, so two different contexts
    never give the same bytes. Some objects are written as tokens instead:

    - an article stands for its cache key (which covers its text and
      annotations), so a page is rendered again whenever an article it shows
      changed in any way; a hit for that key and its annotation's id; a
      document for its path and digest; a page for its URL, template, title
      and kind; the site for a constant;
    - a dataclass for its class and fields. One that holds containers is
      hashed once and then stands for that hash, so objects shared by many
      pages (registry entries, an entity's statistics) are pickled once per
      process; the sets in its fields are sorted first (pickle writes a set
      in hash order, which differs between runs), a list of hits is
      written as one string, and so is a list of plain records (instances
      of one dataclass holding only strings, numbers, booleans and None),
      also inside dictionaries and lists of them. The memo is by object
      identity and holds the objects it knows, so an object dropped after
      its page was done cannot be mistaken for a new one at the same
      address; one PageKeys serves one build's page stage;
    - a list of records plugins took from articles (the dataclass instances
      in ``article.indexed``, see ``briefgen_index_article``: an entity's
      mention in each briefing), as the keys of those articles and where each
      record sits there: such a record depends only on what its article's key
      holds, and is read-only (see :class:`IndexedRecords`).

    A set held directly in a context (not in a dataclass) is pickled in hash
    order, so that page is rendered again by every build: give templates
    sorted lists instead.

    Of the collections, the prefix holds what can change any article (see
    ``briefgen_collection_shared``); the rest of a split document reaches a
    page only through its context (a document, a registry entry) or through
    the articles that refer to it, whose keys hold its fingerprint. So a new
    role for one entity renders again the pages that show that entity, not
    every page.
    """

    def __init__(
        self,
        site: Site,
        article_keys: dict[int, str],
        summary: str,
        records: IndexedRecords | None = None,
        own_keys: dict[int, str] | None = None,
    ) -> None:
        fp = site.fingerprints
        self.prefix = _hash(fp["base"], fp["shared"], summary)
        self.keys = article_keys
        #: What stands for an article in the sources of a page that shows
        #: only its own content (see ``Page.own_content``): its cache key,
        #: without the documents it refers to or its body's templates (the
        #: whole keys when none are given).
        self.own_keys = own_keys if own_keys is not None else article_keys
        self.memo: dict[int, tuple[Any, str]] = {}
        self.site = site
        self._by_sources: dict[tuple[int, bool], tuple[Any, str]] = {}
        #: Where the records plugins took from articles sit (see
        #: :class:`IndexedRecords`; a long-running builder passes its own),
        #: worked out when first needed.
        self.records = records if records is not None else IndexedRecords()
        self._indexed: dict[int, tuple[Any, str]] | None = None

    def source_key(self, page: Page) -> str:
        """The key of a page that declares its ``sources``: the page itself
        (with its ``layout``) and the keys of those articles and the
        fingerprints of those documents (a ref naming no document stands for
        its absence), in a fixed order. Its context is not looked at (see
        :class:`Page`)."""
        sources = page.sources
        assert sources is not None
        own = page.own_content
        tokens = self.own_keys if own else self.keys
        if len(sources) <= _SMALL_SOURCES:  # most pages: an article's, a page of a listing
            digest = self._sources_digest(sources, tokens)
        else:
            # Pages may share one long list (those of an entity, say): it is
            # worked out once.
            known = self._by_sources.get((id(sources), own))
            if known is None or known[0] is not sources:
                known = (sources, self._sources_digest(sources, tokens))
                self._by_sources[id(sources), own] = known
            digest = known[1]
        # One string, hashed at once: made for every page of every build.
        text = "\x00".join(
            (
                self.prefix,
                "sources",
                page.url,
                page.template,
                page.kind,
                page.title,
                page.layout,
                "own" if own else "all",
                digest,
            )
        )
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _sources_digest(self, sources: Collection[Any], tokens: dict[int, str]) -> str:
        """One fingerprint of a page's sources, in any order, each counted
        once, an article standing for its token in ``tokens``."""
        if len(sources) > _SMALL_SOURCES:
            # A long list may name an article many times (an entity's first
            # page: each briefing that mentions it, and again for every
            # quotation of it there), and the keys are sorted: each once.
            sources = list({id(s): s for s in sources}.values())
        # In C where it can be (entity and index pages list hundreds of
        # articles): each article's key, then the refs.
        found = list(map(tokens.get, map(id, sources)))
        articles = [k for k in found if k is not None]
        refs = [s for s in sources if type(s) is str]
        if len(articles) + len(refs) != len(found):  # a document, or an article of no key
            articles = [_document_token(tokens, s) for s in sources if type(s) is not str]
        if refs:
            # Only split documents have a fingerprint of their own; every
            # other document (and which documents exist) is in the prefix.
            known = self.site.ref_fingerprints
            refs = [f"{ref}\x01{known.get(ref, '-')}" for ref in sorted(set(refs))]
        articles.sort()
        if len(found) <= _SMALL_SOURCES:  # hashed with the rest of the page's key
            return f"{len(refs)}\x02" + "\x02".join([*refs, *articles])
        return _hash("\x00".join(refs), "\x00".join(articles))

    def key(self, page: Page, context: Any) -> str:
        """The page's key; raises :class:`Uncacheable` for a context holding
        something that cannot be pickled, or a cycle."""
        if type(context) is dict:
            context = {k: self._settled(v) for k, v in context.items()}
        data = self._dumps((page.url, page.template, page.kind, page.title, context))
        return hashlib.sha256(self.prefix.encode() + data).hexdigest()

    def _dumps(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, self)
        try:
            pickler.dump(value)
        except Uncacheable:
            raise
        except (pickle.PicklingError, TypeError, AttributeError, ValueError) as exc:
            raise Uncacheable(f"a page context cannot be fingerprinted: {exc}") from exc
        return buffer.getvalue()

    def reduce(self, value: Any) -> Any:
        """What ``value`` is pickled as (see the class docstring), or
        NotImplemented for pickle's own way."""
        kind = type(value)
        if kind is Hit:
            return _token, ("hit", self.keys.get(id(value.article)), value.annotation.id)
        how = _how(kind)
        if how is None:
            return NotImplemented
        if how == "article":
            key = self.keys.get(id(value)) or _hash(value.digest, value.url)
            return _token, ("article", key)
        if how == "dataclass":
            values = _fields_of(kind)(value)
            if _CONTAINERS.isdisjoint(map(type, values)):
                # Flat (strings, numbers, objects): written out each time.
                return _token, ("fields", kind.__qualname__, *values)
            known = self.memo.get(id(value))
            if known is None:
                values = tuple(map(self._settled, values))
                digest = hashlib.sha256(self._dumps((kind.__qualname__, values))).hexdigest()
                known = self.memo[id(value)] = (value, digest)
            return _token, ("dataclass", known[1])
        if how == "document":
            return _token, ("document", value.relpath, value.digest)
        if how == "page":
            return _token, ("page", value.url, value.template, value.title, value.kind)
        if how == "site":
            return _token, ("site",)
        if how == "set":
            return _token, ("set", *value.items)
        return _token, (value.tag, value.text)  # how == "text"

    def _settled(self, value: Any) -> Any:
        """A set as its sorted elements; a list of hits (the bulk of entity
        and quote pages) as one string of their keys, not an object each;
        a list of dataclass instances of one class holding only strings,
        numbers, booleans and None (an entity's mentions, one per briefing)
        as one string of their values; the values of a dictionary, and of a
        list of dictionaries (what other plugins say on an entity page:
        groups of hits), likewise."""
        if isinstance(value, set | frozenset):
            return _Sorted(tuple(sorted(self._dumps(v) for v in value)))
        if type(value) is dict:
            return {k: self._settled(v) for k, v in value.items()}
        if type(value) is not list or not value:
            return value
        kind = type(value[0])
        if kind is dict:
            return [self._settled(v) for v in value]
        if kind is Hit:
            if set(map(type, value)) != {Hit}:
                return value
            # In C, hit by hit (an entity page may hold thousands).
            keys = map(self.keys.get, map(id, map(_ARTICLE, value)))
            return _Text("hits", " ".join(map("{}/{}".format, keys, map(_ANNOTATION_ID, value))))
        if _how(kind) == "dataclass":
            return self._indexed_list(value) or _flat_list(value, kind) or value
        return value

    def _indexed_list(self, items: list[Any]) -> _Text | None:
        """``items``, when each is a record some article's ``indexed`` holds,
        as where they sit (the article's key, the plugin, the record's place
        in what the plugin took); else None."""
        if self._indexed is None:
            self._indexed = self.records.places(self.site.articles, self.keys)
        found = list(map(self._indexed.get, map(id, items)))
        if None in found:
            return None
        return _Text("indexed", "\x01".join(map(_WHERE, found)))


class IndexedRecords:
    """Where each record plugins took from articles sits, by the record's
    identity (see :meth:`PageKeys._settled`). A long-running builder keeps
    one from build to build: an article that is the same object, with the
    same ``indexed`` and the same key as in the last build, brings its
    records' places from there."""

    def __init__(self) -> None:
        #: By id(article): the article, its ``indexed``, its key and its
        #: records' places (holding the objects keeps their ids unique).
        self._parts: dict[int, tuple[Any, Any, str, dict[int, tuple[Any, str]]]] = {}

    def places(self, articles: list[Article], keys: dict[int, str]) -> dict[int, tuple[Any, str]]:
        """The records of ``articles`` (those with a key in ``keys``), by
        id: each with its place, ``key NUL plugin NUL position``."""
        found: dict[int, tuple[Any, str]] = {}
        parts = {}
        known = self._parts
        for article in articles:
            key = keys.get(id(article))
            indexed = article.indexed
            if key is None or not indexed:
                continue
            part = known.get(id(article))
            if part is None or part[0] is not article or part[1] is not indexed or part[2] != key:
                part = (article, indexed, key, _records_in(indexed, key))
            parts[id(article)] = part
            found.update(part[3])
        self._parts = parts
        return found


def _records_in(indexed: dict[str, Any], key: str) -> dict[int, tuple[Any, str]]:
    """The dataclass instances in one article's ``indexed`` values (the
    value itself, or those in a dict, list or tuple value, numbered in
    order), by id, each with its place."""
    found = {}
    for plugin, value in indexed.items():
        kind = type(value)
        if kind is dict:
            records: Any = value.values()
        elif kind is list or kind is tuple:
            records = value
        else:
            records = (value,)
        for i, record in enumerate(records):
            if _how(type(record)) == "dataclass":
                found[id(record)] = (record, f"{key}\x00{plugin}\x00{i}")
    return found


def _document_token(keys: dict[int, str], source: Document) -> str:
    """What a document given as a page source stands for: an article's
    cache key (or its digest and URL, for one outside the build), another
    document's fingerprint."""
    if isinstance(source, Article):
        return keys.get(id(source)) or _hash(source.digest, source.url)
    return document_fingerprint(source)


class _Pickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, keys: PageKeys) -> None:
        # The pickler looks reducer_override up as it is made: set to the
        # PageKeys method itself, it costs no wrapper call per object.
        self.reducer_override = keys.reduce
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: the bytes depend on values, not on sharing


class _Sorted:
    """A set's elements, pickled each and sorted."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[bytes, ...]) -> None:
        self.items = items


class _Text:
    """A list written as one value, under a tag: ``hits``, the keys of
    their articles and their ids; ``flat``, plain records (see
    :func:`_flat_list`), as plain tuples; ``indexed``, records plugins took
    from articles, as their places (see :meth:`PageKeys._indexed_list`)."""

    __slots__ = ("tag", "text")

    def __init__(self, tag: str, text: Any) -> None:
        self.tag = tag
        self.text = text


def _flat_list(items: list[Any], kind: type) -> _Text | None:
    """``items``, instances of the dataclass ``kind`` whose fields hold only
    :data:`_PLAIN` values, as the class and a plain tuple of each item's
    values, which the key's pickler writes in one go (each value with its
    type, so none is taken for another); None for any other list. Pickling
    the items one by one asked :meth:`PageKeys.reduce` about every field of
    every item (thousands per entity page)."""
    if set(map(type, items)) != {kind}:
        return None
    rows = list(map(_fields_of(kind), items))
    if not _PLAIN.issuperset(map(type, chain.from_iterable(rows))):
        return None
    return _Text("flat", (kind.__module__, kind.__qualname__, rows))


def _token(*parts: Any) -> None:
    """Stands in pickled page contexts for what :meth:`PageKeys.reduce`
    writes as a token (never called: keys are never unpickled)."""


@cache
def _how(kind: type) -> str | None:
    """How :meth:`PageKeys.reduce` writes instances of ``kind``."""
    if issubclass(kind, Article):
        return "article"
    for base, how in ((Document, "document"), (Page, "page"), (Site, "site")):
        if issubclass(kind, base):
            return how
    if kind is _Sorted:
        return "set"
    if kind is _Text:
        return "text"
    return "dataclass" if is_dataclass(kind) else None


#: A dataclass holding one of these is hashed once per object (it may be
#: large, and shared by many pages), and its sets are sorted.
_CONTAINERS = frozenset({list, tuple, dict, set, frozenset})
_ARTICLE = operator.attrgetter("article")
_ANNOTATION_ID = operator.attrgetter("annotation.id")
_WHERE = operator.itemgetter(1)
#: Values that pickle writes exactly, type and all (see :func:`_flat_list`).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _fields_of(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The values of a dataclass's fields, as a tuple, in field order."""
    names = [f.name for f in fields(cls)]
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda obj: tuple(getattr(obj, n) for n in names)


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
