"""The fact-check pages and the page context that carries ClaimReview.

- ``/factchecks/``: every fact-check grouped by verdict (in the order of the
  scale), with counts, and the scale itself explained;
- ``/factchecks/<slug>/``: one check in full, with every article (and the
  sentence in it) where the claim appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen import Page

from .claims import KIND, callout_id
from .jsonld import claim_review

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Hit, Site

    from .library import FactCheck, Library
    from .scale import Verdict

INDEX_URL = "/factchecks/"
#: Page kinds, for templates and context hooks.
INDEX_KIND = "factchecks"
CHECK_KIND = "factcheck"


@dataclass(frozen=True)
class Appearance:
    """One article where a claim appears, with the places in it."""

    article: Article
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Entry:
    """A fact-check as listed on ``/factchecks/``."""

    check: FactCheck
    articles: int


@dataclass(frozen=True)
class Group:
    """The fact-checks of one verdict."""

    verdict: Verdict
    entries: tuple[Entry, ...]

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def anchor(self) -> str:
        return f"verdict-{self.verdict.name}"


def appearances(site: Site, check: FactCheck) -> list[Appearance]:
    """The articles where ``check``'s claim appears, newest first."""
    assert site.index is not None
    by_article: dict[str, list[Hit]] = {}
    order: list[Article] = []
    for hit in site.index.referencing(check.ref, kind=KIND):
        if hit.article.url not in by_article:
            by_article[hit.article.url] = []
            order.append(hit.article)
        by_article[hit.article.url].append(hit)
    return [Appearance(a, tuple(by_article[a.url])) for a in order]


def factcheck_pages(site: Site, library: Library) -> list[Page]:
    """The index page and one page per fact-check, each declaring its
    sources: the checks it shows (the document, or the article that holds a
    one-off check), their claimants' entities and the articles where the
    claims appear. Of those articles they show titles, dates and the
    claims' sentences, their own content (``own_content``): a new role for
    someone else named in them leaves the pages as they were."""
    pages = []
    counts: dict[str, int] = {}
    every: list[Any] = []
    by_relpath = {a.relpath: a for a in site.articles}
    for check in library.checks.values():
        found = appearances(site, check)
        counts[check.slug] = len(found)
        held = by_relpath.get(check.article) if check.article else None
        sources = [check.ref, *(a.article for a in found)]
        if check.claimant.ref:
            sources.append(check.claimant.ref)
        if held is not None:
            sources.append(held)
        every += sources
        pages.append(
            Page(
                check.url,
                "factchecks/check.html",
                {"check": check, "verdict": check.verdict, "appearances": found},
                title=f"Fact-check: {check.claim}",
                kind=CHECK_KIND,
                sources=sources,
                own_content=True,
            )
        )
    groups = []
    for verdict in library.scale.verdicts:
        checks = [c for c in library.checks.values() if c.verdict.name == verdict.name]
        checks.sort(key=lambda c: c.claim.casefold())
        checks.sort(key=lambda c: c.date.toordinal() if c.date else 0, reverse=True)
        groups.append(Group(verdict, tuple(Entry(c, counts[c.slug]) for c in checks)))
    index = Page(
        INDEX_URL,
        "factchecks/index.html",
        {"groups": groups, "total": len(library.checks), "scale": library.scale},
        title="Fact-checks",
        kind=INDEX_KIND,
        sources=every,
        own_content=True,
    )
    return [index, *pages]


def page_context(page: Page, site: Site, library: Library) -> dict[str, Any]:
    """What every page gets: the stylesheet, and ClaimReview for each check
    the page shows."""
    reviews: list[dict[str, Any]] = []
    if page.kind == "article" and "article" in page.context:
        article = page.context["article"]
        shown: list[str] = []
        for ann in article.annotations_of(KIND):
            slug = ann.data.get("factcheck")
            if slug in library.checks and slug not in shown:
                shown.append(slug)
        for slug in shown:
            reviews.append(
                claim_review(
                    library.checks[slug],
                    library,
                    site,
                    review_url=f"{article.url}#{callout_id(slug)}",
                    appearances=[article],
                )
            )
    elif page.kind == CHECK_KIND and "check" in page.context:
        check = page.context["check"]
        reviews.append(
            claim_review(
                check,
                library,
                site,
                review_url=check.url,
                appearances=[a.article for a in page.context["appearances"]],
            )
        )
    return {"head_parts": ["factchecks/head.html"], "factcheck_jsonld": reviews}
