"""The build context that every stage and every hook receives."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
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

    ``previous`` is the index of the build before, in a long-running builder
    (the preview's): an article that is the same object with the same list
    of annotations as then brings its hits from there instead of making them
    again, so a rebuild after one edit does not make a hundred thousand.
    Only an index made with ``keep_parts`` (each article's hits on their own,
    a few megabytes at a thousand articles) can serve as ``previous``.
    """

    def __init__(
        self,
        articles: list[Article],
        previous: SiteIndex | None = None,
        *,
        keep_parts: bool = False,
    ) -> None:
        self._by_kind: dict[str, list[Hit]] = defaultdict(list)
        self._by_ref: dict[str, list[Hit]] = defaultdict(list)
        #: Each article's own hits, by id(article): (the article, its
        #: annotations list, hits by kind, hits by ref). Holding both objects
        #: keeps their ids from being reused while the entry lives.
        self._parts: dict[int, tuple[Article, list, dict, dict]] = {}
        known = previous._parts if previous is not None else {}
        by_kind, by_ref = self._by_kind, self._by_ref
        for article in articles:  # articles are kept newest first
            part = known.get(id(article))
            if part is None or part[0] is not article or part[1] is not article.annotations:
                part = _article_hits(article)
            if keep_parts:
                self._parts[id(article)] = part
            for kind, hits in part[2].items():
                by_kind[kind] += hits
            for ref, hits in part[3].items():
                by_ref[ref] += hits

    def by_kind(self, kind: str) -> list[Hit]:
        return list(self._by_kind.get(kind, ()))

    def referencing(self, ref: str, kind: str | None = None) -> list[Hit]:
        hits = self._by_ref.get(ref, ())
        return [h for h in hits if kind is None or h.annotation.kind == kind]

    def refs(self, prefix: str = "") -> list[str]:
        return sorted(r for r in self._by_ref if r.startswith(prefix))

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self._by_kind.items())}


def _article_hits(article: Article) -> tuple[Article, list, dict, dict]:
    """One article's part of the index (see :attr:`SiteIndex._parts`)."""
    by_kind: dict[str, list[Hit]] = {}
    by_ref: dict[str, list[Hit]] = {}
    for ann in article.annotations:
        hit = Hit(article, ann)
        hits = by_kind.get(ann.kind)
        if hits is None:
            by_kind[ann.kind] = [hit]
        else:
            hits.append(hit)
        for ref in ann.refs:
            hits = by_ref.get(ref)
            if hits is None:
                by_ref[ref] = [hit]
            else:
                hits.append(hit)
    return article, article.annotations, by_kind, by_ref


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
