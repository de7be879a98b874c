"""schema.org ClaimReview for the pages that show a fact-check.

Follows Google's fact-check structured-data guidelines: ``claimReviewed``,
``reviewRating`` (a ``Rating`` with the textual verdict as ``alternateName``
and, for verdicts on the numeric scale, ``ratingValue`` between
``worstRating`` 1 and ``bestRating`` 5), ``url`` (the page hosting the check,
with an anchor on article pages), ``author`` (the publishing organisation),
``datePublished`` and ``itemReviewed`` (a ``Claim`` with its author, where it
appeared and when).

A verdict with no numeric rating (``unproven``) gets no ``ratingValue``:
Google requires only ``alternateName`` in the rating and asks that numbers
lie within the scale, so a made-up number (or -1) would misstate the verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .scale import BEST_RATING, WORST_RATING, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Site

    from .library import Claimant, FactCheck, Library

CONTEXT = "https://schema.org"


def rating(verdict: Verdict) -> dict[str, Any]:
    """The ``reviewRating`` of a verdict."""
    data: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": verdict.label,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
    }
    if verdict.rating is not None:
        data["ratingValue"] = verdict.rating
    return data


def claimant(person: Claimant, site: Site) -> dict[str, Any]:
    """The author of the claim: a Person or an Organization."""
    data: dict[str, Any] = {"@type": person.kind, "name": person.name}
    if person.url:
        data["url"] = site.absolute_url(person.url)
    if person.same_as:
        data["sameAs"] = list(person.same_as)
    return data


def appearance(article: Article, site: Site) -> dict[str, Any]:
    """An article in which the claim appears."""
    return {
        "@type": "CreativeWork",
        "url": site.absolute_url(article.url),
        "headline": article.title,
        "datePublished": article.date.isoformat(),
    }


def claim_review(
    check: FactCheck,
    library: Library,
    site: Site,
    *,
    review_url: str,
    appearances: list[Article],
) -> dict[str, Any]:
    """The ClaimReview of ``check`` on the page at site path ``review_url``
    (an article's address with the callout's anchor, or the check's page),
    where the claim is known to appear in ``appearances``."""
    earliest = min((a.date for a in appearances), default=None)
    published = check.date or earliest
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": claimant(check.claimant, site),
    }
    claim_date = check.claim_date or earliest
    if claim_date:
        item["datePublished"] = claim_date.isoformat()
    if appearances:
        item["appearance"] = [appearance(a, site) for a in appearances]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": site.absolute_url(review_url),
        "claimReviewed": check.claim,
        "reviewRating": rating(check.verdict),
        "author": {
            "@type": "Organization",
            "name": library.organization,
            "url": site.absolute_url("/"),
        },
        "itemReviewed": item,
    }
    if published:
        data["datePublished"] = published.isoformat()
    return data
