"""The page stage: which pages a site has, and rendering them.

The engine makes the home page (paginated), article pages, tag pages, the
feed, the sitemap and the 404 page; plugins add theirs through
``briefgen_pages``. Rendering a page whose inputs did not change since the
last build is skipped: the previous output file is kept (see
:mod:`briefgen.cache`).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from html import escape as _html_escape
from pathlib import Path
from typing import Any

from .cachekeys import PageKeys, Uncacheable
from .content import Article, Document, slugify
from .digests import tree_files
from .errors import BuildSuperseded, PluginError
from .pagememory import PageMemory
from .pages import Page, url_maker
from .pool import MIN_PARALLEL, imap_parallel
from .site import Site
from .templatedeps import TemplateDigests, recording
from .theme import listings_of_own_content, render_template


def paginate(
    items: list[Any], first_url: str, per_page: int
) -> list[tuple[str, list[Any], dict[str, Any]]]:
    """Split ``items`` into pages: ``first_url``, then ``first_url + 'page/N/'``."""
    count = max(1, math.ceil(len(items) / per_page))

    def url(n: int) -> str:
        return first_url if n == 1 else f"{first_url}page/{n}/"

    pages = []
    for n in range(1, count + 1):
        pagination = {
            "number": n,
            "count": count,
            "previous": url(n - 1) if n > 1 else None,
            "next": url(n + 1) if n < count else None,
        }
        pages.append((url(n), items[(n - 1) * per_page : n * per_page], pagination))
    return pages


def engine_pages(site: Site) -> list[Page]:
    """Home (paginated), articles, tags (paginated), feed and 404, each with
    its sources: the articles it shows (a page's article list comes from
    their metadata, which every page depends on anyway)."""
    cfg = site.config
    articles = site.articles
    assert site.env is not None
    own = listings_of_own_content(site.source, site.themes, site.env)
    pages: list[Page] = []
    for url, chunk, pagination in paginate(articles, "/", cfg.per_page):
        pages.append(
            Page(
                url,
                "home.html",
                {"articles": chunk, "pagination": pagination},
                title=cfg.title,
                kind="home",
                sources=chunk,
                own_content=own,
            )
        )
    tags, names, slug_of = _tags(articles)
    pages.extend(_article_pages(articles, names, slug_of))
    tag_list = [
        {"name": names[s], "slug": s, "url": f"/tags/{s}/", "count": len(tags[s])}
        for s in sorted(tags, key=lambda s: (names[s].lower(), s))
    ]
    pages.append(
        Page("/tags/", "tags.html", {"tags": tag_list}, title="Tags", kind="tags", sources=())
    )
    for item in tag_list:
        for url, chunk, pagination in paginate(tags[item["slug"]], item["url"], cfg.per_page):
            pages.append(
                Page(
                    url,
                    "tag.html",
                    {"tag": item, "articles": chunk, "pagination": pagination},
                    title=f"Tagged “{item['name']}”",
                    kind="tag",
                    sources=chunk,
                    own_content=own,
                )
            )
    pages.append(Page("/404.html", "404.html", {}, title="Page not found", kind="404", sources=()))
    if cfg.feed:
        latest = articles[:20]
        pages.append(
            Page(
                "/feed.xml",
                "feed.xml",
                {"articles": latest},
                title=cfg.title,
                kind="feed",
                sources=latest,
            )
        )
    return pages


def article_pages(site: Site, articles: list[Article]) -> list[Page]:
    """The pages of ``articles`` (some of the site's), as :func:`engine_pages`
    makes them."""
    _, names, slug_of = _tags(site.articles)
    return _article_pages(articles, names, slug_of)


def _tags(
    articles: list[Article],
) -> tuple[dict[str, list[Article]], dict[str, str], dict[str, str]]:
    """The articles of each tag slug, the name shown for each slug (its
    first spelling) and the slug of each spelling."""
    tags: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    slug_of: dict[str, str] = {}  # a site has few tags and many uses of each
    for article in articles:
        # Each article once per tag, however many of its tags share a slug
        # (a set per article: a check against the tag's whole list made this
        # quadratic in the number of articles).
        slugs: set[str] = set()
        for tag in article.tags:
            slug = slug_of.get(tag)
            if slug is None:
                slug = slug_of[tag] = slugify(tag)
            if slug not in slugs:
                slugs.add(slug)
                tags[slug].append(article)
            names.setdefault(slug, tag)
    return tags, names, slug_of


def _article_pages(
    articles: list[Article], names: dict[str, str], slug_of: dict[str, str]
) -> list[Page]:
    pages = []
    for article in articles:
        links = [(names[slug_of[t]], f"/tags/{slug_of[t]}/") for t in article.tags]
        pages.append(
            Page(
                article.url,
                "article.html",
                {"article": article, "tag_links": links},
                title=article.title,
                kind="article",
                sources=(article,),
            )
        )
    return pages


def collect_pages(site: Site, between: Callable[[], None] | None = None) -> list[Page]:
    """Engine pages plus every plugin's, checking that no two share a URL.
    ``between()`` is called before the engine's pages and each plugin's (a
    preview build looks there whether it should give way: on a large site
    each plugin takes a while)."""
    if between is not None:
        between()
    pages = engine_pages(site)
    owners = {p.url: "briefgen" for p in pages}
    # Sources lists checked so far, by id (each kept, so ids stay unique):
    # the pages of a paginated listing often share one list of thousands.
    checked: dict[int, Any] = {}
    for plugin, func, argnames in site.plugins.impls("briefgen_pages"):
        if between is not None:
            between()
        extra = site.plugins.call_one(plugin, func, argnames, "briefgen_pages", {"site": site})
        if extra is None:
            continue
        for page in extra:
            if not isinstance(page, Page):
                raise PluginError(
                    f"plugin '{plugin}' returned {type(page).__name__} from briefgen_pages, "
                    "not briefgen.Page",
                    plugin=plugin,
                    hook="briefgen_pages",
                )
            if not page.url.startswith("/"):
                raise PluginError(
                    f"page URL {page.url!r} from plugin '{plugin}' must start with '/'",
                    plugin=plugin,
                    hook="briefgen_pages",
                )
            if page.url in owners:
                raise PluginError(
                    f"plugins '{owners[page.url]}' and '{plugin}' both make the page {page.url}",
                    plugin=plugin,
                    hook="briefgen_pages",
                )
            sources = page.sources
            if sources is not None and checked.get(id(sources)) is not sources:
                _check_sources(page, plugin)
                checked[id(sources)] = sources
            owners[page.url] = plugin
            page.plugin = page.plugin or plugin
            pages.append(page)
    return pages


def _check_sources(page: Page, plugin: str) -> None:
    """A page's ``sources`` hold articles, other documents and refs
    (strings) only."""
    sources = page.sources
    if not isinstance(sources, list | tuple | set | frozenset):
        raise PluginError(
            f"page {page.url} from plugin '{plugin}' has sources of type "
            f"{type(sources).__name__}: give a list (or set) of articles, documents and refs",
            plugin=plugin,
            hook="briefgen_pages",
        )
    for kind in set(map(type, sources)):  # by type: entity pages list thousands
        if kind is not str and not issubclass(kind, Document):
            raise PluginError(
                f"page {page.url} from plugin '{plugin}' lists {kind.__name__} "
                "among its sources, which may hold only articles, documents and refs "
                "such as 'entities/kyiv'",
                plugin=plugin,
                hook="briefgen_pages",
            )


def page_context(site: Site, page: Page) -> dict[str, Any]:
    """The page's own context plus what plugins add for it."""
    context: dict[str, Any] = dict(page.context)
    for _, extra in site.plugins.call("briefgen_template_context", page=page, site=site):
        for key, value in extra.items():
            # Lists (article_parts, head_parts, ...) from several plugins add up.
            if isinstance(value, list) and isinstance(context.get(key), list):
                context[key] = context[key] + value
            else:
                context[key] = value
    return context


def render_page(site: Site, page: Page, context: dict[str, Any] | None = None) -> bytes:
    if context is None:
        context = page_context(site, page)
    url = url_maker(None if page.kind == "404" else page.url, site.config.base_path)
    context = {**context, "page": page, "url": url, "absolute_url": site.absolute_url}
    assert site.env is not None
    return render_template(site.env, page.template, context).encode("utf-8")


class Reuse:
    """An output file to take unchanged from the previous build, with its
    inode and device as they were found (so staging it need not look again)."""

    __slots__ = ("inode", "path")

    def __init__(self, path: str | Path, inode: tuple[int, int] | None = None) -> None:
        self.path = path
        self.inode = inode


@dataclass
class EarlyPages:
    """Pages wanted before the rest of a build is done: the preview shows
    the pages open in a browser as soon as they are rendered, while the
    other pages are still being checked.

    ``wanted()`` is asked once, as soon as the articles are annotated, for
    output paths (``articles/x/index.html``), and ``ready(path, html)`` is
    called in the main process with each of those pages that was rendered
    again (a page kept from the previous build did not change). An
    article's own page is rendered at once, before plugins make their
    pages (on a large site that takes a while); the other pages wanted come
    first in the page stage. There every wanted page is rendered as the
    build publishes it, and ``ready`` is called again for any whose bytes
    differ from what it was given first (a plugin's pages could change what
    an article's page shows), so the last bytes given for a page are always
    those the build publishes.

    ``superseded()``, when given, says whether newer changes are waiting:
    once the pages wanted are given (or found unchanged), the build asks it
    now and then until its pages are made (see :meth:`checkpoint`) and gives
    way, raising :class:`~briefgen.errors.BuildSuperseded`."""

    wanted: Callable[[], Collection[str]]
    ready: Callable[[str, bytes], None]
    superseded: Callable[[], bool] | None = None
    _asked: frozenset[str] | None = field(default=None, init=False, repr=False)
    _sent: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)
    #: Every page wanted is an article's, dealt with before the page stage.
    _articles_done: bool = field(default=False, init=False, repr=False)

    def paths(self) -> frozenset[str]:
        """The output paths wanted (``wanted()``, asked once)."""
        if self._asked is None:
            self._asked = frozenset(self.wanted())
        return self._asked

    def send(self, path: str, html: bytes) -> None:
        """Give ``ready`` a page, unless these very bytes were given already."""
        if self._sent.get(path) != html:
            self._sent[path] = html
            self.ready(path, html)

    def checkpoint(self, *, page_stage: bool = True) -> None:
        """Raise :class:`~briefgen.errors.BuildSuperseded` when newer changes
        are waiting and the pages wanted are dealt with: in the page stage,
        after they come first; before it, only when they were all articles'
        pages (see :func:`early_article_pages`)."""
        if self.superseded is None or not (page_stage or self._articles_done):
            return
        if self.superseded():
            raise BuildSuperseded("newer changes are waiting")


def early_article_pages(
    site: Site, early: EarlyPages, keys: PageKeys, previous: dict[str, Any], origin: Path
) -> None:
    """Render the articles' own pages among the pages ``early`` wants, unless
    their previous output is kept (``previous``: the manifest of the output
    folder ``origin``), and send them (see :class:`EarlyPages`): called once
    the articles are annotated, before plugins make their pages."""
    wanted = early.paths()
    chosen = [a for a in site.articles if _output_path(a.url) in wanted] if wanted else []
    early._articles_done = len(chosen) == len(wanted)
    if not chosen:  # no article's page is open: nothing to do before the page stage
        return
    for page in article_pages(site, chosen):
        if _kept(site, keys, previous, origin, page) is None:
            early.send(page.output_path, render_page(site, page))


#: How many pages the page stage checks between two looks at whether a
#: preview build is superseded (a few milliseconds' work).
_CHECK_EVERY = 512


def _output_path(url: str) -> str:
    return Page(url, "").output_path


@dataclass
class _Rendering:
    """What the page workers need (inherited when they fork)."""

    site: Site
    pages: list[Page]
    keys: PageKeys
    previous: dict[str, Any]
    origin: Path  # the output folder ``previous`` describes
    place: Callable[[str, Any], Any] | None
    early: EarlyPages | None = None
    wanted: frozenset[str] = frozenset()
    memory: PageMemory | None = None


def _page_work(state: _Rendering, i: int) -> tuple[bool, Any, Any]:
    """Page ``i``, wherever it runs: the previous output file when the page
    declares its sources and they are as they were; else its context and
    key, then the previous output file when it was made from the same key,
    else a fresh render. With ``place``, the file is staged from here (page
    files are not sent back to the main process). Returns (rendered,
    manifest entry, the file or what ``place`` said)."""
    done = _kept_by_sources(state, i)
    if done is not None:
        return done
    site, page = state.site, state.pages[i]
    rel = page.output_path
    out, digests = state.origin, site.template_digests
    assert digests is not None
    previous = state.previous.get(rel)
    sources = state.keys.source_key(page) if page.sources is not None else None
    context = page_context(site, page)
    try:
        key: str | None = state.keys.key(page, context)
    except Uncacheable:
        key = None
    kept = reuse_if_unchanged(out, rel, key, previous, digests)
    entry = previous[:5] if kept is not None else None
    if kept is not None:
        made: Any = kept
        rendered = False
    else:
        with recording(site.env) as names:
            made = render_page(site, page, context)
        entry = new_entry(key, sorted(names), digests) if key else None
        rendered = True
        if state.early is not None and rel in state.wanted:
            state.early.send(rel, made)
    if sources is not None and entry is not None and entry[5:] != [sources]:
        entry = [*entry[:5], sources]
    return rendered, entry, made if state.place is None else state.place(rel, made)


def _kept_by_sources(state: _Rendering, i: int) -> tuple[bool, Any, Any] | None:
    """Page ``i`` as :func:`_page_work` returns it, when it declares its
    sources, they are as they were for its previous output file, and that
    file can be kept; else None. Its context is not made."""
    page = state.pages[i]
    found = _kept(state.site, state.keys, state.previous, state.origin, page, state.memory)
    if found is None:
        return None
    entry, kept = found
    if kept is None:  # in the staging folder already: "not written"
        return False, entry, False
    return False, entry, kept if state.place is None else state.place(page.output_path, kept)


def _kept(
    site: Site,
    keys: PageKeys,
    previous: dict[str, Any],
    origin: Path,
    page: Page,
    memory: PageMemory | None = None,
) -> tuple[Any, Reuse | None] | None:
    """The manifest entry and previous output file of ``page``, when it
    declares its sources, they are as they were for that file (described by
    ``previous``, the manifest of the output folder ``origin``), and the
    file can be kept; else None. With ``memory`` (see :class:`PageMemory`),
    the file is None when it is in the staging folder already."""
    if page.sources is None:
        return None
    rel = page.output_path
    entry = previous.get(rel)
    if entry is None:
        return None
    if memory is None or not memory.same_sources(page, rel, entry):
        if entry[5:] != [keys.source_key(page)]:
            return None
    elif memory.in_staging(rel):
        return (entry, None) if templates_current(entry, site.template_digests) else None
    kept = reuse_if_unchanged(origin, rel, entry[0], entry, site.template_digests)
    return None if kept is None else (entry, kept)


def new_entry(
    key: str, templates: Sequence[str] = (), digests: TemplateDigests | None = None
) -> list[Any]:
    """A manifest entry for an output file made from ``key`` (and, for a
    page, rendered with ``templates``): [key, size, time, templates, their
    fingerprint]. Size and time are filled in once the file is published."""
    if digests is None:
        return [key, None, None]
    return [key, None, None, list(templates), digests.of_all(templates)]


def templates_current(entry: Any, digests: TemplateDigests | None) -> bool:
    """Is the manifest ``entry`` well formed and, for a page, were the
    templates it was rendered with the same as now?"""
    if len(entry) not in (3, 5, 6):
        return False
    return len(entry) < 5 or (digests is not None and digests.of_all(entry[3]) == entry[4])


def reuse_if_unchanged(
    out_dir: Path, rel: str, key: str | None, entry: Any, digests: TemplateDigests | None = None
) -> Reuse | None:
    """The previous output file ``rel`` when the manifest ``entry`` says it
    was made from ``key`` (and, for a page, from templates that are still the
    same) and it is untouched since."""
    if not key or not entry or entry[0] != key or not templates_current(entry, digests):
        return None
    target = f"{out_dir}/{rel}"  # a string: asked for every file of every build
    try:
        st = os.stat(target)
    except OSError:
        return None
    if st.st_size != entry[1] or st.st_mtime_ns != entry[2]:
        return None
    return Reuse(target, (st.st_ino, st.st_dev))


def render_pages(
    site: Site,
    pages: list[Page],
    page_keys: PageKeys,
    *,
    previous: dict[str, Any],
    manifest: dict[str, Any],
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    place: Callable[[str, Any], Any] | None = None,
    placed: Callable[[str, Any], None] | None = None,
    early: EarlyPages | None = None,
    reuse_from: Path | None = None,
    memory: PageMemory | None = None,
) -> tuple[dict[str, bytes | Reuse], int]:
    """Render every page whose inputs changed; reuse the previous output of
    the others (``previous`` is the last build's manifest: path -> key, size,
    time; each page's entry goes into ``manifest``; ``page_keys`` fingerprint
    the pages, from the articles' keys). Pages kept by their
    sources are settled in this process; the contexts, keys and renders of
    the others are spread over ``jobs`` processes when they are a good part
    of the site. With ``place``, each page's
    file (rendered bytes, or a :class:`Reuse`) is staged by ``place(path,
    file)`` in the process that made it, and ``placed(path, what place
    returned)`` is called in the main process. Returns the files (without
    ``place``: rendered bytes or :class:`Reuse`) and how many pages were
    rendered. ``early`` names pages to do first (see :class:`EarlyPages`).
    ``reuse_from``: the output folder ``previous`` describes, when not the
    site's own (its files are reused from there). ``memory`` (with
    ``place`` only): what a kept builder remembers of the last build's
    pages (see :class:`PageMemory`); it is told how each page ended up."""
    files: dict[str, bytes | Reuse] = {}
    wanted = early.paths() if early is not None else frozenset()
    origin = reuse_from if reuse_from is not None else site.output_dir
    assert origin is not None
    assert memory is None or place is not None
    state = _Rendering(site, pages, page_keys, previous, origin, place, early, wanted, memory)
    # The pages wanted early, then one page of each template not yet among
    # them, first and in this process: every template is then compiled (when
    # it must be rendered) before the workers fork.
    here = [i for i, page in enumerate(pages) if page.output_path in wanted]
    templates = {pages[i].template for i in here}
    for i, page in enumerate(pages):
        if page.template not in templates:
            templates.add(page.template)
            here.append(i)
    chosen = set(here)
    order = [*here, *(i for i in range(len(pages)) if i not in chosen)]
    results: dict[int, tuple[bool, Any, Any]] = {}
    for i in here:
        results[i] = _page_work(state, i)
        if progress:
            progress(1)
    if early is not None:
        early.checkpoint()
    rest = order[len(here) :]
    if previous:
        # Pages kept by their sources need a key and a look at the file
        # each: after an edit, most of the site. Done here, so that only
        # the pages left go to the workers. A one-off build starts them for
        # a few dozen pages (a template edit renders hundreds again); the
        # preview, a large process whose workers copy what they touch of
        # it, only when a quarter of the site is left.
        todo = []
        for n, i in enumerate(rest, 1):
            if early is not None and not n % _CHECK_EVERY:
                early.checkpoint()
            kept = _kept_by_sources(state, i)
            if kept is None:
                todo.append(i)
            else:
                results[i] = kept
        if progress and len(todo) < len(rest):
            progress(len(rest) - len(todo))
        if len(todo) < (MIN_PARALLEL if memory is None else max(MIN_PARALLEL, len(pages) // 4)):
            jobs = 1
        rest = todo
    done = imap_parallel(_page_work, state, rest, jobs=jobs, progress=progress)
    results.update(zip(rest, done, strict=True))
    count = 0
    for i in order:
        rendered, entry, made = results[i]
        rel = pages[i].output_path
        manifest[rel] = entry
        count += rendered
        if memory is not None:
            memory.note(pages[i], rel, entry, kept=not rendered)
        if place is None:
            files[rel] = made
        elif placed is not None:
            placed(rel, made)
    return files, count


def sitemap(site: Site, pages: list[Page]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    dates = {a.url: (a.updated or a.date) for a in site.articles}
    for page in sorted(pages, key=lambda p: p.url):
        if not page.url.endswith("/"):
            continue
        lastmod = f"<lastmod>{dates[page.url].isoformat()}</lastmod>" if page.url in dates else ""
        lines.append(f"  <url><loc>{_xml_escape(site.absolute_url(page.url))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def _xml_escape(text: str) -> str:
    # html.escape, not xml.sax.saxutils: the latter imports urllib.request
    # (and with it ssl and email), a noticeable part of start-up.
    return _html_escape(text, quote=False)


def static_files(site: Site) -> dict[str, Path]:
    """Theme static files (base theme first), plugin static files, the site's
    ``static/`` folder, and the files of folder articles."""
    files: dict[str, Path] = {}

    def add_tree(folder: Path, prefix: str, *, override: bool) -> None:
        for rel, path in _published_files(folder):
            rel = prefix + rel
            if override or rel not in files:
                files[rel] = Path(path)

    for theme in reversed(site.themes):
        add_tree(theme.static, "static/", override=True)
    for _, dirs in site.plugins.call("briefgen_static_dirs", site=site):
        for folder in dirs:
            add_tree(Path(folder), "static/", override=False)
    add_tree(site.source / "static", "", override=True)
    for article in site.articles:
        if article.bundle_dir is None:
            continue
        prefix = article.url.lstrip("/")
        for rel, path in _published_files(article.bundle_dir):
            if not rel.endswith(".md"):
                files[prefix + rel] = Path(path)
    return files


def _published_files(folder: Path) -> list[tuple[str, str]]:
    """The files under ``folder`` that are published as they are: all but
    those in or under a name starting with '.' (``.git``, ``.DS_Store``).
    Linked folders are followed, as the fingerprint of the inputs does."""
    return tree_files(folder, skip=(".",))
