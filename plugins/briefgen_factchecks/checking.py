"""Checking the checks, once every article is annotated.

Warnings (``file:line: message``; ``briefgen check`` and ``build --strict``
fail on them):

- a fact-check that appears in no article (no phrase found in prose, no
  sentence restating its claim, and no hand mark names it);
- a match phrase found in more places (sentences) of one article than the
  check allows (``max_matches``, default the ``max_matches_per_article``
  setting): usually a phrase too short or too common to locate one claim;
- a hand mark ``[…]{claim=slug}`` that names no fact-check, or a one-off
  check of another article (the text is left as it is).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING

from .claims import KIND, MARK_ATTR

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Site

    from .library import FactCheck, Library


def check_site(site: Site, library: Library) -> None:
    """Report every problem above with ``site.warn``."""
    _unused_checks(site, library)
    _overmatched_phrases(site, library)
    _unknown_marks(site, library)


def _unused_checks(site: Site, library: Library) -> None:
    assert site.index is not None
    for check in library.checks.values():
        if site.index.referencing(check.ref, kind=KIND):
            continue
        where = "its article" if check.article else "any article"
        if check.phrases:
            phrases = ", ".join(f'"{p}"' for p in check.phrases)
            restated = ", and no sentence restates its claim" if check.restate else ""
            message = (
                f"fact-check '{check.slug}' appears in no article: no match phrase "
                f"({phrases}) is found in the prose of {where}{restated}"
            )
        elif check.restate:
            message = (
                f"fact-check '{check.slug}' appears in no article: no sentence of {where} "
                "restates its claim and none marks it with "
                f"{{claim={check.slug}}}; add 'match:' phrases that locate it"
            )
        else:
            message = (
                f"fact-check '{check.slug}' appears in no article: it has no match "
                f"phrases and no article marks a claim with {{claim={check.slug}}}"
            )
        site.warn(message, file=check.file, line=check.match_line)


def _overmatched_phrases(site: Site, library: Library) -> None:
    assert site.index is not None
    places: dict[tuple[str, str], list[tuple[Article, int]]] = defaultdict(list)
    for hit in site.index.by_kind(KIND):
        data = hit.annotation.data
        if data.get("source") != "match":
            continue
        for phrase in data.get("phrases", []):
            places[(data["factcheck"], phrase)].append((hit.article, hit.annotation.start))
    for (slug, phrase), spots in places.items():
        check = library.checks.get(slug)
        if check is None:
            continue
        by_article: dict[str, list[tuple[Article, int]]] = defaultdict(list)
        for article, start in spots:
            by_article[article.relpath].append((article, start))
        limit = library.limit(check)
        for relpath, found in by_article.items():
            if len(found) <= limit:
                continue
            lines = ", ".join(str(a.line_at(start)) for a, start in found)
            site.warn(
                f"match phrase \"{phrase}\" of fact-check '{slug}' is found in "
                f"{len(found)} places in {relpath} (lines {lines}), more than the "
                f"{limit} expected: make the phrase longer, or set 'max_matches:' "
                "in the fact-check",
                file=check.file,
                line=_phrase_line(check, phrase),
            )


def _phrase_line(check: FactCheck, phrase: str) -> int:
    if phrase in check.phrases:
        return check.phrase_lines[check.phrases.index(phrase)]
    return check.match_line


def _unknown_marks(site: Site, library: Library) -> None:
    for article in site.articles:
        for mark in article.marks:
            if MARK_ATTR not in mark.attrs:
                continue
            slug = mark.attrs[MARK_ATTR].strip()
            check = library.checks.get(slug)
            if check is not None and check.applies_to(article):
                continue
            if check is not None:
                site.warn(
                    f"[…]{{claim={slug}}} names a one-off fact-check of {check.article}, "
                    "which only that article can mark; move it to "
                    f"content/factchecks/{slug}.md to use it here",
                    file=article.relpath,
                    line=mark.line,
                )
                continue
            close = difflib.get_close_matches(slug, list(library.checks), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            site.warn(
                f"[…]{{claim={slug}}} names no fact-check{hint}; add "
                f"content/factchecks/{slug or '<slug>'}.md or fix the slug",
                file=article.relpath,
                line=mark.line,
            )
