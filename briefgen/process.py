"""The article stage: parse, annotate and render every article's body.

Each article's work is a pure function of the article file and the site
fingerprint (see :mod:`briefgen.cache`), so it is cached by content hash and,
on a cold build, spread over processes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .annotations import Annotation, check_annotations, number_annotations
from .body import RESERVED, fill_body, render_skeleton
from .cache import Cache
from .cachekeys import article_key
from .content import Article, Block, Mark
from .mdparse import extract_text
from .pool import imap_parallel
from .site import Site
from .webannotation import article_annotations


@dataclass
class ArticleResult:
    """What the article stage produces for one article (and caches)."""

    text: str
    blocks: list[Block]
    marks: list[Mark]
    unprose: list[tuple[int, int]]
    code_spans: list[tuple[int, int]]
    link_spans: list[tuple[int, int]]
    annotations: list[Annotation]
    skeleton: str
    requests: list[tuple]
    warnings: list[Any]
    html: str = ""
    templates: str = ""  # fingerprint of the templates html was rendered with
    exported: bytes = b""  # annotations.json

    def apply(self, article: Article) -> None:
        article.text = self.text
        article.blocks = self.blocks
        article.marks = self.marks
        article.unprose = self.unprose
        article.code_spans = self.code_spans
        article.link_spans = self.link_spans
        article.annotations = self.annotations
        article.html = self.html
        article.annotations_json = self.exported


def annotate_article(site: Site, article: Article) -> None:
    """Parse ``article`` and collect every plugin's annotations (in place)."""
    assert site.md is not None
    body = article.body
    for ch in RESERVED:
        body = body.replace(ch, "\ufffd")
    tokens = site.md.parse(body, {})
    extract_text(article, tokens)
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


def _work(site: Site, index: int) -> ArticleResult:
    article = site.articles[index]
    before = len(site.warnings)
    annotate_article(site, article)
    skeleton, requests = render_skeleton(site, article)
    result = ArticleResult(
        article.text,
        article.blocks,
        article.marks,
        article.unprose,
        article.code_spans,
        article.link_spans,
        article.annotations,
        skeleton,
        requests,
        site.warnings[before:],
    )
    result.html = fill_body(site, article, skeleton, requests)
    result.templates = site.fingerprints["templates"]
    # Exported here, in the worker, and cached with the rest: annotations are
    # final once the article stage is done (the index hook only reads them).
    result.exported = article_annotations(site, article)
    # The result holds it all now (applied to the article by the caller); a
    # pool worker that kept it on its copy of the article would grow with
    # every article it did.
    ArticleResult("", [], [], [], [], [], [], "", [], []).apply(article)
    article.tokens = []
    return result


def process_articles(
    site: Site,
    cache: Cache,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    done: Callable[[Article, str], None] | None = None,
) -> dict[int, str]:
    """Run the article stage for every article, from the cache where possible.

    ``done(article, key)`` is called as each article is ready (the build
    writes its annotations.json away at once). Returns the cache key of each article
    (by ``id(article)``), which page fingerprints use to stand for the article.
    """
    keys: dict[int, str] = {}
    todo: list[int] = []
    templates = site.fingerprints["templates"]
    for i, article in enumerate(site.articles):
        key = article_key(site, article)
        keys[id(article)] = key
        result: ArticleResult | None = cache.get("articles", key)
        if result is None:
            todo.append(i)
            continue
        result.apply(article)
        for w in result.warnings:
            site.warn(w.message, file=w.file, line=w.line, source=w.source)
        if result.templates != templates:
            article.html = fill_body(site, article, result.skeleton, result.requests)
            result.html, result.templates = article.html, templates
            cache.put("articles", key, result)
        if done:
            done(article, key)
        if progress:
            progress(1)
    if todo:
        results = imap_parallel(_work, site, todo, jobs=jobs, progress=progress)
        for i, result in zip(todo, results, strict=True):
            article = site.articles[i]
            result.apply(article)
            for w in result.warnings:
                site.warn(w.message, file=w.file, line=w.line, source=w.source)
            cache.put("articles", keys[id(article)], result)
            if done:
                done(article, keys[id(article)])
    cache.retain("articles", set(keys.values()))
    return keys
