"""The build: one entry point shared by the CLI, the server and the tests.

    load (config, plugins, theme, content) -> annotate each article
    -> index -> pages -> render -> publish (atomic)

Each stage is a function over the :class:`~briefgen.site.Site`; none reaches
into another's internals. Work per article (:func:`process_article`) depends
only on the article, the configuration and what plugins prepared in
``briefgen_build_start``, so it can be cached by content hash and spread over
processes.
"""

from __future__ import annotations

import math
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import __version__
from .annotations import check_annotations, number_annotations
from .config import Config, load_config
from .content import ARTICLES, Article, collection_folders, load_articles, load_collection, slugify
from .errors import BriefgenError, BuildWarning, PluginError, StrictModeError, TemplateError
from .mdparse import create_markdown, extract_text
from .output import check_output_folder, publish
from .pages import Page, relative_url
from .plugins import load_plugins
from .render import SENTINEL, Fragment, apply_annotations
from .site import Site, SiteIndex
from .theme import create_environment, render_template, theme_chain
from .webannotation import article_annotations, dumps


@dataclass
class BuildResult:
    """What a build did: counts, warnings and where the time went."""

    output: Path
    articles: int = 0
    pages: int = 0
    files: int = 0
    annotations: dict[str, int] = field(default_factory=dict)
    warnings: list[BuildWarning] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: int = 0
    unchanged: int = 0
    removed: int = 0


# ---------------------------------------------------------------- loading


def load_site(
    source: Path | str,
    *,
    output: Path | str | None = None,
    drafts: bool = False,
    config: Config | None = None,
) -> Site:
    """Read site.yml, load plugins and theme, and load all content."""
    source = Path(source).resolve()
    config = config or load_config(source)
    plugins = load_plugins(config)
    site = Site(config=config, plugins=plugins, drafts=drafts)
    site.output_dir = Path(output).resolve() if output else config.output_dir
    site.themes = theme_chain(
        config.theme, source, config_file=config.file, line=config.line_of("theme")
    )
    plugin_dirs = [
        Path(p) for _, dirs in plugins.call("briefgen_template_dirs", site=site) for p in dirs
    ]
    site.env = create_environment(source, site.themes, plugin_dirs)
    site.env.globals.update(site=site, config=config, briefgen_version=__version__)
    plugins.call("briefgen_jinja_env", env=site.env, site=site)
    site.md = create_markdown(raw_html=config.raw_html)
    plugins.call("briefgen_markdown", md=site.md, site=site)
    _load_collections(site)
    site.articles = load_articles(source, config.permalink, drafts=drafts)
    plugins.call("briefgen_build_start", site=site)
    return site


def _load_collections(site: Site) -> None:
    claimed: dict[str, str] = {}
    for plugin, names in site.plugins.call("briefgen_collections", site=site):
        for name in names:
            if name == ARTICLES:
                raise PluginError(
                    f"plugin '{plugin}' claims content/{ARTICLES}/, which belongs to the engine",
                    plugin=plugin,
                    hook="briefgen_collections",
                )
            if name in claimed:
                raise PluginError(
                    f"plugins '{claimed[name]}' and '{plugin}' both claim content/{name}/",
                    plugin=plugin,
                    hook="briefgen_collections",
                    hint="turn one of them off in site.yml",
                )
            claimed[name] = plugin
            site.collections[name] = load_collection(site.source, name)
    for name in collection_folders(site.source):
        if name not in claimed:
            site.warn(
                f"content/{name}/ is not claimed by any plugin and is ignored",
                file=f"content/{name}",
                source="briefgen",
            )


# ---------------------------------------------------------------- articles


def process_article(site: Site, article: Article) -> Article:
    """Parse, annotate and render the body of one article (in place)."""
    assert site.md is not None
    tokens = site.md.parse(article.body, {})
    extract_text(article, tokens)
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
    article.html = render_body(site, article)
    return article


def render_body(site: Site, article: Article) -> str:
    """The article's body HTML with its annotations applied."""
    env = site.env
    assert env is not None and site.md is not None
    cache: dict[tuple[str, bool], Any] = {}
    base = site.config.base_path

    def url(target: str) -> str:
        return relative_url(article.url, target, base)

    common = {"article": article, "page": {"url": article.url}, "url": url}

    def partial(kind: str, annotation: Any, fragment: Fragment) -> str:
        name = f"annotations/{kind}.html"
        html = _render_partial(
            site,
            name,
            kind,
            cache,
            {
                **common,
                "annotation": annotation,
                "fragment": fragment,
                "content": Markup(SENTINEL),
            },
        )
        if html.count(SENTINEL) != 1:
            raise TemplateError(
                f"{name} must output {{{{ content }}}} exactly once",
                file=name,
                hint="the engine puts the annotated text where {{ content }} stands",
            )
        return html

    def aside(annotation: Any) -> str:
        name = f"asides/{annotation.kind}.html"
        return _render_partial(
            site,
            name,
            annotation.kind,
            cache,
            {**common, "annotation": annotation},
        ).strip()

    tokens = apply_annotations(article, partial, aside)
    return site.md.renderer.render(tokens, site.md.options, {})


def _render_partial(site: Site, name: str, kind: str, cache: dict, context: dict) -> str:
    env = site.env
    assert env is not None
    template = cache.get((name, False))
    if template is None:
        try:
            template = env.get_template(name)
        except Exception as exc:
            plugin = site.plugins.kind_plugins.get(kind, "?")
            raise TemplateError(
                f"no usable template {name} for annotations of kind '{kind}' "
                f"(declared by plugin '{plugin}'): {exc}",
                hint=f"add templates/{name} to the site or the theme, or have the plugin ship it",
            ) from exc
        cache[(name, False)] = template
    try:
        return template.render(context).strip()
    except Exception as exc:
        from .theme import template_error

        raise template_error(exc, name) from exc


def annotate_site(site: Site) -> None:
    """Process every article and build the site index."""
    for article in site.articles:
        process_article(site, article)
    site.index = SiteIndex(site.articles)
    site.plugins.call("briefgen_index", site=site)


# ---------------------------------------------------------------- pages


def engine_pages(site: Site) -> list[Page]:
    """Home (paginated), articles, tags, feed, sitemap and 404."""
    cfg = site.config
    pages: list[Page] = []
    articles = site.articles
    per = cfg.per_page
    count = max(1, math.ceil(len(articles) / per))
    for n in range(1, count + 1):
        url = "/" if n == 1 else f"/page/{n}/"
        pagination = {
            "number": n,
            "count": count,
            "previous": None if n == 1 else ("/" if n == 2 else f"/page/{n - 1}/"),
            "next": f"/page/{n + 1}/" if n < count else None,
        }
        pages.append(
            Page(
                url,
                "home.html",
                {
                    "articles": articles[(n - 1) * per : n * per],
                    "pagination": pagination,
                },
                title=cfg.title,
                kind="home",
            )
        )
    tags: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in articles:
        for tag in article.tags:
            slug = slugify(tag)
            tags[slug].append(article)
            names.setdefault(slug, tag)
    for article in articles:
        pages.append(
            Page(
                article.url,
                "article.html",
                {
                    "article": article,
                    "tag_links": [
                        (names[slugify(t)], f"/tags/{slugify(t)}/") for t in article.tags
                    ],
                },
                title=article.title,
                kind="article",
            )
        )
    tag_list = [
        {"name": names[s], "slug": s, "url": f"/tags/{s}/", "count": len(tags[s])}
        for s in sorted(tags, key=lambda s: names[s].lower())
    ]
    pages.append(Page("/tags/", "tags.html", {"tags": tag_list}, title="Tags", kind="tags"))
    for item in tag_list:
        pages.append(
            Page(
                item["url"],
                "tag.html",
                {
                    "tag": item,
                    "articles": tags[item["slug"]],
                },
                title=f"Tagged “{item['name']}”",
                kind="tag",
            )
        )
    pages.append(Page("/404.html", "404.html", {}, title="Page not found", kind="404"))
    if cfg.feed:
        pages.append(
            Page("/feed.xml", "feed.xml", {"articles": articles[:20]}, title=cfg.title, kind="feed")
        )
    return pages


def collect_pages(site: Site) -> list[Page]:
    pages = engine_pages(site)
    owners = {p.url: "briefgen" for p in pages}
    for plugin, extra in site.plugins.call("briefgen_pages", site=site):
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
            owners[page.url] = plugin
            page.plugin = plugin
            pages.append(page)
    return pages


def render_page(site: Site, page: Page) -> bytes:
    context: dict[str, Any] = dict(page.context)
    for _, extra in site.plugins.call("briefgen_template_context", page=page, site=site):
        for key, value in extra.items():
            # Lists (article_parts, head_parts, ...) from several plugins add up.
            if isinstance(value, list) and isinstance(context.get(key), list):
                context[key] = context[key] + value
            else:
                context[key] = value
    from_url = None if page.kind == "404" else page.url
    base = site.config.base_path

    def url(target: str) -> str:
        return relative_url(from_url, target, base)

    context.update(page=page, url=url, absolute_url=site.absolute_url)
    assert site.env is not None
    return render_template(site.env, page.template, context).encode("utf-8")


def sitemap(site: Site, pages: list[Page]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    dates = {a.url: (a.updated or a.date) for a in site.articles}
    for page in sorted(pages, key=lambda p: p.url):
        if not page.url.endswith("/"):
            continue
        from xml.sax.saxutils import escape

        lines.append(
            f"  <url><loc>{escape(site.absolute_url(page.url))}</loc>"
            + (f"<lastmod>{dates[page.url].isoformat()}</lastmod>" if page.url in dates else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def static_files(site: Site) -> dict[str, Path]:
    """Theme static files (base theme first), plugin static files, the site's
    ``static/`` folder, and the files of folder articles."""
    files: dict[str, Path] = {}

    def add_tree(folder: Path, prefix: str, *, override: bool) -> None:
        if not folder.is_dir():
            return
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                rel = prefix + path.relative_to(folder).as_posix()
                if override or rel not in files:
                    files[rel] = path

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
        for path in sorted(article.bundle_dir.rglob("*")):
            if path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
                files[prefix + path.relative_to(article.bundle_dir).as_posix()] = path
    return files


# ---------------------------------------------------------------- build


def build(
    source: Path | str = ".",
    *,
    output: Path | str | None = None,
    strict: bool = False,
    drafts: bool = False,
) -> BuildResult:
    """Build the site in ``source`` into its output folder, atomically.

    Raises :class:`BriefgenError` (with file and line) on bad input; the
    previously published output is then left exactly as it was.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    site = load_site(source, output=output, drafts=drafts)
    assert site.output_dir is not None
    check_output_folder(site.output_dir, site.source)
    timings["load"] = time.perf_counter() - t0
    t = time.perf_counter()
    annotate_site(site)
    timings["annotate"] = time.perf_counter() - t
    t = time.perf_counter()
    pages = collect_pages(site)
    files: dict[str, bytes | Path] = {}
    for page in pages:
        files[page.output_path] = render_page(site, page)
    for article in site.articles:
        files[article.url.lstrip("/") + "annotations.json"] = dumps(
            article_annotations(site, article)
        )
    if site.config.sitemap:
        files["sitemap.xml"] = sitemap(site, pages)
    for rel, path in static_files(site).items():
        files.setdefault(rel, path)
    timings["render"] = time.perf_counter() - t
    if strict and site.warnings:
        raise StrictModeError(
            f"{len(site.warnings)} warning(s) with --strict:\n  "
            + "\n  ".join(str(w) for w in site.warnings),
            hint="fix the warnings, or build without --strict",
        )
    t = time.perf_counter()
    stats = publish(files, site.output_dir)
    timings["write"] = time.perf_counter() - t
    try:
        site.plugins.call("briefgen_build_finish", site=site, output=site.output_dir)
    except BriefgenError as exc:
        site.warn(f"after the build: {exc}", source="briefgen_build_finish")
    timings["total"] = time.perf_counter() - t0
    index = site.index
    return BuildResult(
        output=site.output_dir,
        articles=len(site.articles),
        pages=len(pages),
        files=len(files),
        annotations=index.counts() if index else {},
        warnings=list(site.warnings),
        timings=timings,
        **stats,
    )


def check(source: Path | str = ".", *, drafts: bool = False) -> list[BuildWarning]:
    """Load and annotate the whole site without writing anything; return the
    warnings (the same ones ``build --strict`` fails on)."""
    site = load_site(source, drafts=drafts)
    annotate_site(site)
    collect_pages(site)
    return list(site.warnings)


def clean(output: Path) -> None:  # pragma: no cover - used by the CLI
    shutil.rmtree(output, ignore_errors=True)
