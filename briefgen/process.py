"""The article stage: parse, annotate and render every article's body.

Each article's work is a pure function of the article file and the site
fingerprint (see :mod:`briefgen.cache`), so it is cached by content hash and,
on a cold build, spread over processes.
"""

from __future__ import annotations

import operator
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from .annotations import Annotation, AnnotationShelf, check_annotations, number_annotations
from .body import RESERVED, fill_body, render_skeleton
from .cache import ARTICLES, BODIES, EXPORTS, SKELETONS, Cache
from .cachekeys import article_key, effective_key, ref_fingerprints, refs_current
from .content import BODY_FIELDS, Article, Block, Mark
from .digests import hash_parts as _hash
from .errors import PluginError
from .mdparse import extract_text
from .pool import imap_parallel, in_worker
from .site import Site
from .templatedeps import recording
from .webannotation import article_annotations


class Extras(NamedTuple):
    """The parts of an article's work needed only when templates change:
    the body skeleton and its requests. A cache record of their own (kind
    ``skeletons``, by the article's key), read only then: a fifth of the
    work's size, which other builds need neither read nor keep in memory.

    annotations.json is not kept here either: it is most of an article's data (90
    KB of a 9 KB article's 136 KB record, before it went) and is needed only
    when the published copy cannot be kept, so it is a cache record of its
    own (kind ``exports``, by the article's effective key), read only then."""

    skeleton: str
    requests: list[tuple]


@dataclass
class ArticleResult:
    """What the article stage produces for one article (and caches; its
    :class:`Extras` are cached apart).

    Its body (the text, its blocks and spans, and the HTML: see
    :meth:`body`) is a cache record of its own (kind ``bodies``, by the
    article's key), read only for the articles whose pages a build makes: a
    result taken from the cache comes without it (``apart``), and gives its
    article a way to load it when first read (see
    :meth:`~briefgen.content.Article.defer_body`). The body is two thirds of
    an article's work in bytes and a third of the time to unpickle it, and
    a build that changes one article needs it for that article alone.
    """

    text: str
    blocks: list[Block]
    marks: list[Mark]
    unprose: list[tuple[int, int]]
    code_spans: list[tuple[int, int]]
    link_spans: list[tuple[int, int]]
    annotations: list[Annotation]
    warnings: list[Any]
    html: bytes = b""  # the rendered body, UTF-8
    templates: str = ""  # fingerprint of the templates html was rendered with
    template_names: tuple[str, ...] = ()  # ... and their names
    #: (ref, fingerprint) of each split document the annotations refer to
    #: (see ``briefgen_collection_shared``): the result holds while they do.
    refs: tuple[tuple[str, str], ...] = ()
    #: What plugins took from the article for their indexes (``indexed``).
    indexed: dict[str, Any] = field(default_factory=dict)
    #: True when the body is not here (see the class doc); its fields are empty.
    apart: bool = False
    #: Where the annotations are in a result taken from the cache (see
    #: :class:`~briefgen.annotations.AnnotationShelf`); ``annotations`` is
    #: then empty. See :meth:`annotation_list`.
    shelf: AnnotationShelf | None = None

    def body(self) -> tuple[Any, ...]:
        """The fields made from the body, in the order of ``BODY_FIELDS``."""
        return (self.text, self.blocks, self.unprose, self.code_spans, self.link_spans, self.html)

    def put_body(self, body: tuple[Any, ...]) -> None:
        """Take the fields made from the body (as :meth:`body` gives them)."""
        self.text, self.blocks, self.unprose, self.code_spans, self.link_spans, self.html = body
        self.apart = False

    def without_body(self) -> ArticleResult:
        """A copy of the result with its body left out and its annotations
        on a shelf (what the record of kind ``articles`` holds)."""
        return replace(
            self,
            text="",
            blocks=[],
            unprose=[],
            code_spans=[],
            link_spans=[],
            html=b"",
            apart=True,
            annotations=[],
            shelf=self.shelf if self.shelf is not None else AnnotationShelf(self.annotations),
        )

    def annotation_list(self) -> list[Annotation]:
        """The annotations, from the shelf when they are on one."""
        return self.shelf.all() if self.shelf is not None else self.annotations

    def apply(self, article: Article, load: Callable[[Article], tuple] | None = None) -> None:
        """Give the article what the result holds; a result without its body
        gives ``load`` instead, which the article calls when it first needs
        the body (see :func:`body_loader`)."""
        article.marks = self.marks
        if self.shelf is not None:
            article.defer_annotations(self.shelf)
        else:
            article.annotations = self.annotations
        article.indexed = self.indexed
        if self.apart:
            assert load is not None, "a result without its body needs a loader"
            article.defer_body(load)
        else:
            article.set_body(self.body())


def _store(
    cache: Cache, key: str, result: ArticleResult, extras: bytes | None, relpath: str = ""
) -> tuple[bytes, bytes]:
    """Write the article's cache records: the result without its body, the
    body, and (when given) its pickled :class:`Extras`. Returns the first
    two pickles (every result a worker makes goes through here; see
    :func:`_joined`)."""
    assert not result.apart, "a result is stored with its body"
    try:
        slim = pickle.dumps(result.without_body(), protocol=5)
    except Exception as exc:
        error = _unpicklable_index(result, relpath)
        if error is not None:
            raise error from exc
        raise
    body = pickle.dumps(result.body(), protocol=5)
    cache.write(ARTICLES, key, slim)
    cache.write(BODIES, key, body)
    if extras is not None:
        cache.write(SKELETONS, key, extras)
    return slim, body


def _joined(stored: tuple[bytes, bytes]) -> ArticleResult:
    """The result of the two pickles :func:`_store` returned."""
    result: ArticleResult = pickle.loads(stored[0])
    result.put_body(pickle.loads(stored[1]))
    return result


def _apply(site: Site, cache: Cache, key: str, result: ArticleResult, article: Article) -> None:
    """``result.apply(article)``, the body left to be loaded from the
    record of ``key`` when the result does not hold it."""
    result.apply(article, body_loader(site, cache, key) if result.apart else None)


def body_loader(site: Site, cache: Cache, key: str) -> Callable[[Article], tuple]:
    """What loads the body of the article of ``key`` (see
    :meth:`~briefgen.content.Article.defer_body`): its record, or when that
    is lost (a damaged cache, or one another build compacted meanwhile),
    the body parsed and rendered again with the article's annotations."""

    def load(article: Article) -> tuple[Any, ...]:
        stored = cache.read(BODIES, key)
        try:
            body = None if stored is None else pickle.loads(stored)
        except Exception:  # a damaged record: the body is made again
            body = None
        if type(body) is tuple and len(body) == len(BODY_FIELDS):
            return body
        return _remake_body(site, article)

    return load


def _remake_body(site: Site, article: Article) -> tuple[Any, ...]:
    """The body's fields made again: parsed as when the article was
    annotated, and rendered with the annotations it has."""
    parse_body(site, article)
    skeleton, requests = render_skeleton(site, article)
    html = fill_body(site, article, skeleton, requests).encode()
    article.tokens = []
    return _body_of(article, html)


def _complete(result: ArticleResult, article: Article) -> None:
    """Give a result taken from the cache without its body, and filled
    again since (its ``html`` is new), the rest of its body, from the
    article."""
    if result.apart:
        result.put_body(_body_of(article, result.html))


def _body_of(article: Article, html: bytes) -> tuple[Any, ...]:
    """The article's body fields (in the order of ``BODY_FIELDS``), with
    ``html`` for the rendered body."""
    return (
        article.text,
        article.blocks,
        article.unprose,
        article.code_spans,
        article.link_spans,
        html,
    )


def _exported(cache: Cache, site: Site, article: Article, key: str) -> bytes:
    """The annotations.json of an article taken from the cache: as stored
    with its work, else made again from its annotations."""
    found = cache.read(EXPORTS, key)
    return found if found is not None else article_annotations(site, article)


def parse_body(site: Site, article: Article) -> list[Any]:
    """Parse the article's body, filling its text, blocks, marks and spans
    (see :func:`~briefgen.mdparse.extract_text`); returns the tokens."""
    assert site.md is not None
    body = article.body
    for ch in RESERVED:
        body = body.replace(ch, "\ufffd")
    tokens = site.md.parse(body, {})
    extract_text(article, tokens)
    return tokens


def annotate_article(site: Site, article: Article) -> None:
    """Parse ``article`` and collect every plugin's annotations (in place)."""
    tokens = parse_body(site, article)
    for block in article.blocks:
        if block.kind == "heading" and tokens and _is_h1(tokens, article, block):
            site.warn(
                "a level-1 heading in the body: the title is already the page's heading; "
                "use ## for sections",
                file=article.relpath,
                line=block.line,
                source="briefgen",
            )
    article.annotations = []
    for plugin, func, argnames in site.plugins.impls("briefgen_annotate"):
        found = site.plugins.call_one(
            plugin,
            func,
            argnames,
            "briefgen_annotate",
            {"article": article, "site": site},
            article.relpath,
        )
        if found:
            article.annotations = article.annotations + check_annotations(
                found,
                text_length=len(article.text),
                kinds=site.plugins.kinds,
                plugin=plugin,
                article=article.relpath,
            )
    article.annotations = number_annotations(article.annotations)


REFRESH = "briefgen_refresh_annotations"


def refresh_article(
    site: Site, cache: Cache, article: Article, key: str, result: ArticleResult
) -> ArticleResult | None:
    """A cached result whose annotations carry the refs of documents that
    changed (only in the part ``briefgen_collection_shared`` leaves out),
    brought up to date without annotating the article again: each plugin
    with the hook (:data:`REFRESH`) gives its annotations their new data, the
    body is filled again from its skeleton, and the plugins' index records
    are taken again (``article`` holds the new annotations; ``result``
    itself is left as it was). None when the article must be annotated
    again: a plugin without the hook or that declines, a changed document
    no longer split, or a lost skeleton."""
    known = site.ref_fingerprints
    changed = {ref for ref, fp in result.refs if known.get(ref) != fp}
    if not changed or not changed <= known.keys():
        return None
    impls = {plugin: (func, names) for plugin, func, names in site.plugins.impls(REFRESH)}
    owners = {ann.plugin for ann in result.annotation_list() if not changed.isdisjoint(ann.refs)}
    if not owners <= impls.keys():
        return None
    skeleton = _skeleton(cache, key)
    if skeleton is None:
        return None
    _apply(site, cache, key, result, article)
    annotations = list(article.annotations)
    for plugin, (func, names) in impls.items():
        places = [i for i, ann in enumerate(annotations) if ann.plugin == plugin]
        own = [annotations[i] for i in places]
        kwargs = {"article": article, "annotations": list(own), "refs": set(changed), "site": site}
        new = site.plugins.call_one(plugin, func, names, REFRESH, kwargs, article.relpath)
        if new is None:
            return None
        for i, ann in zip(places, _checked_refresh(site, article, plugin, own, new), strict=True):
            annotations[i] = ann
        article.annotations = list(annotations)  # what later plugins see, as in annotation
    article.annotations = annotations
    refreshed = replace(
        result,
        annotations=annotations,
        shelf=None,
        indexed=index_article(site, article),
        refs=ref_fingerprints(site, annotations),
    )
    fill(site, article, refreshed, *skeleton)
    _complete(refreshed, article)
    return refreshed


def _skeleton(cache: Cache, key: str) -> Extras | None:
    """The body skeleton and requests cached for the article of ``key``,
    or None when the record is lost."""
    stored = cache.read(SKELETONS, key)
    return None if stored is None else pickle.loads(stored)  # an Extras, as _work stored it


def _checked_refresh(
    site: Site, article: Article, plugin: str, old: list[Annotation], new: Any
) -> list[Annotation]:
    """What a plugin returned from :data:`REFRESH`, checked as annotations
    and against what it had: the same spans, kinds, refs and flags."""
    if type(new) is list and len(new) == len(old) and all(map(operator.is_, new, old)):
        return old  # the very annotations it had (checked when they were made)
    checked = check_annotations(
        list(new) if isinstance(new, list | tuple) else [new],
        text_length=len(article.text),
        kinds=site.plugins.kinds,
        plugin=plugin,
        article=article.relpath,
        hook=REFRESH,
    )
    same = len(checked) == len(old) and all(
        (a.start, a.end, a.kind, a.refs, a.inline, a.aside)
        == (b.start, b.end, b.kind, b.refs, b.inline, b.aside)
        for a, b in zip(old, checked, strict=False)
    )
    if not same:
        raise PluginError(
            f"plugin '{plugin}' changed more than the data of annotations in {REFRESH}",
            plugin=plugin,
            hook=REFRESH,
            file=article.relpath,
            hint="return the same annotations, in the same order, with the same spans, "
            "kinds, refs and flags (only data may change), or None",
        )
    for a, b in zip(old, checked, strict=True):
        b.id = a.id
    return checked


def index_article(site: Site, article: Article) -> dict[str, Any]:
    """What each plugin takes from the annotated ``article`` for its index
    (``briefgen_index_article``), by plugin name."""
    indexed: dict[str, Any] = {}
    kwargs = {"article": article, "site": site}
    for plugin, func, argnames in site.plugins.impls("briefgen_index_article"):
        value = site.plugins.call_one(
            plugin, func, argnames, "briefgen_index_article", kwargs, article.relpath
        )
        if value is not None:
            indexed[plugin] = value
    return indexed


def _unpicklable_index(result: ArticleResult, relpath: str) -> PluginError | None:
    """The error to report when ``result`` could not be pickled because of
    a value a plugin's ``briefgen_index_article`` returned (looked for only
    then: the values are pickled with the result anyway)."""
    for plugin, value in result.indexed.items():
        try:
            pickle.dumps(value, protocol=5)
        except Exception as exc:
            return PluginError(
                f"plugin '{plugin}' returned a value from briefgen_index_article "
                f"that cannot be pickled: {exc}",
                plugin=plugin,
                hook="briefgen_index_article",
                file=relpath,
                hint="return plain data (dicts, lists, strings, numbers) or instances "
                "of classes defined at the top level of a module",
            )
    return None


def fill(
    site: Site, article: Article, result: ArticleResult, skeleton: str, requests: list
) -> None:
    """Render the body's partials into ``result.html``, noting the templates
    they used (the body is filled again only when one of those changes)."""
    assert site.template_digests is not None
    with recording(site.env) as names:
        result.html = fill_body(site, article, skeleton, requests).encode()
    result.template_names = tuple(sorted(names))
    result.templates = site.template_digests.of_all(names)


def page_token(key: str, result: ArticleResult) -> str:
    """What stands for an article in page keys: its key and the templates
    its body was filled with."""
    return _hash(key, result.templates)


def _is_h1(tokens: list, article: Article, block: Block) -> bool:
    for token in tokens:
        if (
            token.type == "heading_open"
            and token.tag == "h1"
            and token.map
            and article.body_line + token.map[0] == block.line
        ):
            return True
    return False


def make_article_result(site: Site, article: Article) -> tuple[ArticleResult, Extras, bytes]:
    """Parse, annotate and render one article; the result holds it all but
    its annotations.json, returned beside it."""
    before = len(site.warnings)
    annotate_article(site, article)
    indexed = index_article(site, article)
    skeleton, requests = render_skeleton(site, article)
    result = ArticleResult(
        article.text,
        article.blocks,
        article.marks,
        article.unprose,
        article.code_spans,
        article.link_spans,
        article.annotations,
        site.warnings[before:],
    )
    fill(site, article, result, skeleton, requests)
    result.refs = ref_fingerprints(site, article.annotations)
    result.indexed = indexed
    # Exported here, in the worker: annotations are final once the article
    # stage is done (the index hook only reads them).
    exported = article_annotations(site, article)
    extras = Extras(skeleton, requests)
    _let_go(article)
    return result, extras, exported


def _let_go(article: Article) -> None:
    """Empty the article of its work once a result holds it all (the caller
    applies that result): a pool worker that kept it on its copy of the
    article would grow with every article it did."""
    ArticleResult("", [], [], [], [], [], [], []).apply(article)
    article.tokens = []


#: ``export(article, key, annotations_json)``: writes the article's
#: annotations.json away, in whichever process made the article; what it
#: returns is handed to ``done`` in the main process. ``annotations_json``
#: is a function giving the bytes (not called when the published file is kept).
Export = Callable[[Article, str, Callable[[], bytes]], Any]


@dataclass
class _Stage:
    """What the article stage's workers need (inherited when they fork)."""

    site: Site
    cache: Cache
    keys: list[str]
    export: Export | None
    #: Cached results to bring up to date (see :func:`refresh_article`), by index.
    stale: dict[int, ArticleResult] = field(default_factory=dict)


def _work(stage: _Stage, index: int) -> tuple[Any, Any, bool]:
    """One article's work, with its cache records and annotations.json
    written from here: its stale result refreshed, or else the article
    annotated (again). A pool worker returns the result pickled; the main
    process running the work itself, the result. Last, whether it was a
    refresh."""
    site, cache = stage.site, stage.cache
    article, key = site.articles[index], stage.keys[index]
    stale = stage.stale.get(index)
    result = refresh_article(site, cache, article, key, stale) if stale else None
    extras = None
    if result is None:
        result, extras, annotations_json = make_article_result(site, article)
    else:
        annotations_json = article_annotations(site, article)
        _let_go(article)
    exported_key = effective_key(key, result.refs)
    exported = (
        stage.export(article, exported_key, lambda: annotations_json) if stage.export else None
    )
    worker = in_worker()
    if not cache.enabled and not worker:
        return result, exported, extras is None
    # By the effective key, which names these very bytes (it changes with
    # the documents the annotations refer to, where the record's key does not).
    cache.write(EXPORTS, exported_key, annotations_json)
    skeleton = None if extras is None else pickle.dumps(extras, protocol=5)  # else the same
    slim = _store(cache, key, result, skeleton, article.relpath)
    return (slim if worker else result), exported, extras is None


def process_articles(
    site: Site,
    cache: Cache,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    export: Export | None = None,
    done: Callable[[Article, str, Any], None] | None = None,
    own: dict[int, str] | None = None,
) -> dict[int, str]:
    """Run the article stage for every article, from the cache where possible.

    ``export`` (see :data:`Export`) writes each article's annotations.json
    away as soon as it is made; ``done(article, key, exported)`` is then
    called in the main process with what ``export`` returned. Returns the
    key of each article's result (by ``id(article)``: its cache key, the
    documents it refers to and the templates its body was filled with),
    which page fingerprints use to stand for it; into ``own``, by the same
    ids, its cache key alone, which stands for what the article holds of
    its own (see ``Page.own_content``). At the end the cache lets
    go of the article records no article of this build uses any more (see
    :meth:`briefgen.cache.Cache.compact`).
    """
    # What can change any article's work: a change to it starts a scope of
    # records of its own, and putting it back finds the old one.
    cache.use_scope(_hash(site.fingerprints["base"], site.fingerprints["shared"])[:16])
    keys: dict[int, str] = {}
    by_index: list[str] = []
    todo: list[int] = []
    stale: dict[int, ArticleResult] = {}
    exported_keys: list[str] = []
    digests = site.template_digests
    assert digests is not None

    def finish(
        article: Article, key: str, result: ArticleResult, exported: Any, applied: bool = False
    ) -> None:
        if not applied:
            _apply(site, cache, key, result, article)
        for w in result.warnings:
            site.warn(w.message, file=w.file, line=w.line, source=w.source)
        if done:
            done(article, key, exported)

    for i, article in enumerate(site.articles):
        key = article_key(site, article)
        by_index.append(key)
        result = cache.get(ARTICLES, key)
        if result is None:
            todo.append(i)
            continue
        if not refs_current(site, result.refs):
            # A document it refers to changed in a way that reaches only
            # the articles referring to it (see briefgen_collection_shared):
            # the plugins bring the annotations up to date, or the article
            # is annotated again (with the rest of the work, below).
            stale[i] = result
            todo.append(i)
            continue
        if result.templates != digests.of_all(result.template_names):
            skeleton = _skeleton(cache, key)
            if skeleton is None:  # lost (a damaged cache): the work is done again
                cache.stale(ARTICLES, key)
                todo.append(i)
                continue
            _apply(site, cache, key, result, article)
            fill(site, article, result, *skeleton)
            _complete(result, article)
            _store(cache, key, result, None)  # the skeleton is the same
        cache.keep(ARTICLES, key, result)
        exported_key = effective_key(key, result.refs)
        exported_keys.append(exported_key)
        keys[id(article)] = page_token(exported_key, result)
        if own is not None:
            own[id(article)] = key
        # Before its annotations.json can be made again.
        _apply(site, cache, key, result, article)
        exported = (
            export(
                article,
                exported_key,
                lambda a=article, k=exported_key: _exported(cache, site, a, k),
            )
            if export
            else None
        )
        finish(article, key, result, exported, applied=True)
        if progress:
            progress(1)
    if todo:
        stage = _Stage(site, cache, by_index, export, stale)
        results = imap_parallel(_work, stage, todo, jobs=jobs, progress=progress, first_here=1)
        for i, (made, exported, refreshed) in zip(todo, results, strict=True):
            article, key = site.articles[i], by_index[i]
            if i in stale and not refreshed:
                cache.stale(ARTICLES, key)  # annotated again after all
            result = _joined(made) if isinstance(made, tuple) else made
            cache.keep(ARTICLES, key, result)
            exported_key = effective_key(key, result.refs)
            exported_keys.append(exported_key)
            keys[id(article)] = page_token(exported_key, result)
            if own is not None:
                own[id(article)] = key
            finish(article, key, result, exported)
    live = set(by_index)
    cache.retain(ARTICLES, live)
    cache.compact({ARTICLES: live, BODIES: live, SKELETONS: live, EXPORTS: set(exported_keys)})
    return keys
