"""The build context that every stage and every hook receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import BuildWarning
from .stash import Stash

T = TypeVar("T")

if TYPE_CHECKING:  # pragma: no cover
    import jinja2
    from markdown_it import MarkdownIt

    from .annotations import Annotation
    from .config import Config
    from .content import Article, Document
    from .plugins import PluginManager
    from .templatedeps import TemplateDigests
    from .theme import Theme


@dataclass(slots=True)
class Hit:
    """One annotation in one article, as the site index returns it (treat it
    as read-only; it is not frozen because a site has a hundred thousand of
    them, and a frozen dataclass takes twice as long to make)."""

    article: Article
    annotation: Annotation

    @property
    def url(self) -> str:
        """The annotation's place in its article (site path with fragment)."""
        return f"{self.article.url}#{self.annotation.id}"

    @property
    def exact(self) -> str:
        return self.article.text[self.annotation.start : self.annotation.end]


class SiteIndex:
    """Every annotation of the site, by kind and by the refs it carries.

    Lists are ordered newest article first, then by position in the article.

    Hits are made when first asked for, one kind at a time: a build that
    asks only for quotations and claims never makes a hit for each of the
    hundred thousand entity mentions of a large site. ``refs`` and
    ``counts`` make none.

    ``previous`` is the index of the build before, in a long-running builder
    (the preview's): an article that is the same object with the same list
    of annotations as then brings the hits made for it from there instead of
    making them again. Only an index made with ``keep_parts`` can serve as
    ``previous`` (the hits it made then stay in memory as long as the index
    made from it).
    """

    def __init__(
        self,
        articles: list[Article],
        previous: SiteIndex | None = None,
        *,
        keep_parts: bool = False,
    ) -> None:
        self._articles = articles  # newest first
        #: Each article's own hits made so far, by id(article): (the article,
        #: its annotations list, its hits by kind). Holding both objects
        #: keeps their ids from being reused while the entry lives.
        self._parts: dict[int, tuple[Article, Any, dict[str, list[Hit]]]] = {}
        self._known = previous._parts if previous is not None and previous._keep else {}
        self._keep = keep_parts
        self._by_kind: dict[str, list[Hit]] = {}
        self._by_ref: dict[str, list[Hit]] | None = None
        self._by_ref_of_kind: dict[str, dict[str, list[Hit]]] = {}
        self._totals: tuple[dict[str, int], list[str]] | None = None

    def by_kind(self, kind: str) -> list[Hit]:
        return list(self._of_kind(kind))

    def referencing(self, ref: str, kind: str | None = None) -> list[Hit]:
        if kind is not None:
            found = self._by_ref_of_kind.get(kind)
            if found is None:
                found = self._by_ref_of_kind[kind] = _by_ref(self._of_kind(kind))
            return list(found.get(ref, ()))
        if self._by_ref is None:
            self._by_ref = _by_ref(self._all_hits())
        return list(self._by_ref.get(ref, ()))

    def refs(self, prefix: str = "") -> list[str]:
        return [ref for ref in self._summary()[1] if ref.startswith(prefix)]

    def counts(self) -> dict[str, int]:
        return dict(self._summary()[0])

    def _summary(self) -> tuple[dict[str, int], list[str]]:
        """Annotations by kind and every ref, sorted: one pass over the
        annotations, made on first use (a build asks several times)."""
        if self._totals is None:
            # In C where it can be: a large site has a million annotations.
            counts: Counter[str] = Counter()
            refs: set[str] = set()
            for article in self._articles:
                shelf = article.shelf()
                if shelf is not None:  # taken from the cache: nothing to unpickle
                    counts.update(shelf.counts)
                    refs.update(shelf.refs)
                    continue
                annotations = article.annotations
                counts.update(map(_KIND, annotations))
                refs.update(chain.from_iterable(map(_REFS, annotations)))
            self._totals = dict(sorted(counts.items())), sorted(refs)
        return self._totals

    def _of_kind(self, kind: str) -> list[Hit]:
        """Every hit of ``kind``, in index order (made on first use)."""
        hits = self._by_kind.get(kind)
        if hits is None:
            hits = self._by_kind[kind] = []
            for article in self._articles:
                hits += self._hits(article, kind)
        return hits

    def _all_hits(self) -> list[Hit]:
        """Every hit, in index order (each kind's, interleaved as the
        annotations are)."""
        out: list[Hit] = []
        for article in self._articles:
            made = {
                id(hit.annotation): hit
                for kind in {ann.kind for ann in article.annotations}
                for hit in self._hits(article, kind)
            }
            out += [made[id(ann)] for ann in article.annotations]
        return out

    def _hits(self, article: Article, kind: str) -> list[Hit]:
        """One article's hits of ``kind``, made once per article and kind
        (and brought from ``previous`` when the article did not change)."""
        part = self._parts.get(id(article))
        if part is None:
            # The annotations as they stand: the list, or the shelf they are
            # still to be taken from (only the kinds asked for are loaded).
            held = article.shelf() or article.annotations
            part = self._known.get(id(article))
            if part is None or part[0] is not article or part[1] is not held:
                part = (article, held, {})
            self._parts[id(article)] = part
        hits = part[2].get(kind)
        if hits is None:
            held = part[1]
            if type(held) is list:
                hits = [Hit(article, ann) for ann in held if ann.kind == kind]
            else:
                hits = [Hit(article, ann) for ann in held.of_kind(kind)]
            part[2][kind] = hits
        return hits


_KIND = attrgetter("kind")
_REFS = attrgetter("refs")


def _by_ref(hits: list[Hit]) -> dict[str, list[Hit]]:
    """``hits`` by each ref they carry, in their order."""
    found: dict[str, list[Hit]] = {}
    for hit in hits:
        for ref in hit.annotation.refs:
            known = found.get(ref)
            if known is None:
                found[ref] = [hit]
            else:
                known.append(hit)
    return found


@dataclass
class Site:
    """Everything one build knows. Hooks receive it as ``site``.

    - ``config``: the validated site.yml (``site.config.title``, ...).
    - ``settings(name)``: a plugin's validated settings.
    - ``collection(name)``: the documents of a claimed ``content/<name>/``.
    - ``articles``: the articles, newest first.
    - ``index``: the site-wide :class:`SiteIndex` (after annotation).
    - ``data``: a dict where plugins keep what they prepare, by plugin name.
    - ``warn(message, file=, line=)``: report a warning (``--strict`` fails).
    """

    config: Config
    plugins: PluginManager
    collections: dict[str, list[Document]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[BuildWarning] = field(default_factory=list)
    index: SiteIndex | None = None
    themes: list[Theme] = field(default_factory=list)
    env: jinja2.Environment | None = None
    md: MarkdownIt | None = None
    drafts: bool = False
    output_dir: Path | None = None
    plugin_template_dirs: list[Path] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: The plugin that claimed each collection.
    owners: dict[str, str] = field(default_factory=dict)
    #: Fingerprints of the documents whose changes reach only the articles
    #: that refer to them, by ref (see ``briefgen_collection_shared``).
    ref_fingerprints: dict[str, str] = field(default_factory=dict)
    #: Fingerprints of templates by name, for this build.
    template_digests: TemplateDigests | None = None
    #: What :meth:`cached` keeps between builds (set up by the build).
    stash: Stash = field(default_factory=Stash)

    @property
    def source(self) -> Path:
        return self.config.source

    @property
    def title(self) -> str:
        return self.config.title

    def settings(self, plugin: str) -> dict[str, Any]:
        return self.plugins.settings.get(plugin, {})

    def collection(self, name: str) -> list[Document]:
        return self.collections.get(name, [])

    def cached(self, name: str, inputs: Any, make: Callable[[], T]) -> T:
        """What ``make()`` returned for ``inputs`` in an earlier build, else
        ``make()`` now, kept for later builds.

        For something slow to make from files a plugin reads, such as a
        registry compiled from a collection. ``name`` says what it is,
        starting with the plugin's name (``"entities/registry"``); each
        name keeps one result, the latest. ``inputs`` (JSON-ready data: the
        path and digest of every file ``make`` reads, say) must change
        whenever what ``make`` returns could; briefgen adds its own version
        and code, the configuration, and every plugin's code and settings.
        The result must be picklable (it is written to the build cache the
        second time the same inputs are asked for) and must not be changed
        once made: a long-running builder hands the same object to every
        build. Without a cache (``--no-cache``), ``make()`` runs every time.
        """
        return self.stash.get(name, inputs, make)

    def warn(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        source: str | None = None,
    ) -> None:
        warning = BuildWarning(message, file, line, source)
        if warning not in self.warnings:
            self.warnings.append(warning)

    def article_by_url(self, url: str) -> Article | None:
        for a in self.articles:
            if a.url == url:
                return a
        return None

    def absolute_url(self, path: str) -> str:
        """A full URL for a site path, when base_url is absolute (else the path
        under base_url's path)."""
        base = self.config.absolute_base
        if base:
            return base + path.lstrip("/")
        return self.config.base_path.rstrip("/") + path
