"""Pull-quote boxes: the author's choice, or the strongest quotations.

An author boxes a quotation by hand with a mark, ``[“…”]{.pullquote}`` or
``[“…”]{quote=box}``, or with a ``pullquotes:`` list of snippets in the front
matter. An article with any hand-made box gets no automatic ones; ``pullquotes:
[]`` (or ``false``) turns boxes off for one article.

Otherwise up to ``max_boxes`` quotations are chosen by :func:`score`, the best
first, never the same speaker twice.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .finder import attribute_span, quote_text, quote_words
from .lexicon import QUOTE_MARKS
from .model import Quotation
from .text import ArticleTokens, strip_span

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Mark, Site

#: Word counts that make a good box; shorter or longer ones score less.
SWEET_SPOT = (12, 35)
#: Quotations outside these word counts are never boxed automatically.
MIN_WORDS, MAX_WORDS = 6, 60
FRONT_MATTER_KEY = "pullquotes"


def is_box_mark(mark: Mark) -> bool:
    """``[…]{.pullquote}``, ``[…]{quote=box}`` or ``[…]{pullquote=…}``."""
    return (
        "pullquote" in mark.classes or mark.attrs.get("quote") == "box" or "pullquote" in mark.attrs
    )


def manual_boxes(
    article: Article,
    quotations: list[Quotation],
    site: Site,
    tokens: ArticleTokens | None = None,
) -> bool | None:
    """Box what the author asked for, adding a quotation where the finder
    found none. Returns True when the author chose boxes, False when the
    front matter turns them off, None when automatic choice applies."""
    tokens = tokens or ArticleTokens(article.text)
    chosen = False
    for mark in article.marks:
        if is_box_mark(mark):
            _box_span(article, quotations, mark.start, mark.end, "mark", tokens)
            chosen = True
    wanted = _front_matter(article)
    if wanted is False:
        return chosen or False
    for i, snippet in enumerate(wanted or ()):
        span = find_snippet(article.text, snippet)
        if span is None:
            site.warn(
                f"pull quote {snippet[:60]!r} is not in the article's text",
                file=article.relpath,
                line=article.line_of(FRONT_MATTER_KEY, i),
                source="quotes",
            )
            continue
        _box_span(article, quotations, span[0], span[1], "front-matter", tokens)
        chosen = True
    return True if chosen else None


def _front_matter(article: Article) -> list[str] | bool | None:
    if FRONT_MATTER_KEY not in article.meta:
        return None
    value: Any = article.meta[FRONT_MATTER_KEY]
    if value is None or value is False or value == []:
        return False
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise article.error(
            f"'{FRONT_MATTER_KEY}' must be a list of quotations (text from the article)",
            FRONT_MATTER_KEY,
            hint='for example: pullquotes: ["We will not go for that."] or pullquotes: false',
        )
    return value


def find_snippet(text: str, snippet: str) -> tuple[int, int] | None:
    """Where ``snippet`` occurs in ``text``, ignoring case, spacing,
    punctuation and the kind of quotation marks."""
    found = re.findall(r"\w+", snippet)
    if not found:
        return None
    pattern = r"\W+".join(re.escape(w) for w in found)
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _box_span(
    article: Article,
    quotations: list[Quotation],
    start: int,
    end: int,
    source: str,
    tokens: ArticleTokens,
) -> None:
    start, end = strip_span(article.text, start, end, "".join(QUOTE_MARKS))
    if start >= end:
        return
    hit = [q for q in quotations if q.start < end and start < q.end]
    if not hit:
        q = Quotation(parts=[(start, end)], rule=source)
        q.attribution = attribute_span(article, start, end, tokens)
        quotations.append(q)
        quotations.sort(key=lambda x: x.start)
        hit = [q]
    for q in hit:
        q.box = True
        q.box_source = source


def score(text: str, q: Quotation) -> float | None:
    """How good a box ``q`` makes; None when it should not be boxed.

    - length: 1.0 inside :data:`SWEET_SPOT` words, falling linearly to 0 at
      :data:`MIN_WORDS` and :data:`MAX_WORDS` (outside those: never);
    - speaker: +1.0 for a known entity, +0.5 for a name as written, and no
      box at all without a speaker;
    - +0.5 for a whole sentence (a capital letter first, and a full stop,
      question or exclamation mark, or the comma before "she said", last);
    - +0.5 for words in quotation marks (verbatim), none for reported speech.
    """
    said = quote_text(text, q)
    n = quote_words(text, q)
    if q.speaker is None or not MIN_WORDS <= n <= MAX_WORDS:
        return None
    lo, hi = SWEET_SPOT
    if n < lo:
        length = (n - MIN_WORDS) / (lo - MIN_WORDS)
    elif n > hi:
        length = (MAX_WORDS - n) / (MAX_WORDS - hi)
    else:
        length = 1.0
    value = length
    value += 1.0 if q.speaker.entity else 0.5
    if said[:1].isupper() and text[q.end - 1] in ".!?,":
        value += 0.5
    if q.rule not in ("reported", "unopened"):
        value += 0.5
    return round(value, 3)


def speaker_key(q: Quotation) -> str:
    """What "the same speaker" means: the entity, else the name."""
    if q.speaker is None:
        return ""
    return q.speaker.entity or q.speaker.name.lower()


def auto_boxes(text: str, quotations: list[Quotation], limit: int) -> None:
    """Box up to ``limit`` quotations by :func:`score`, best first, one per
    speaker; ties go to the earlier quotation."""
    ranked = []
    for q in quotations:
        value = score(text, q)
        if value is not None:
            q.score = value
            ranked.append(q)
    ranked.sort(key=lambda q: (-q.score, q.start))
    seen: set[str] = set()
    for q in ranked:
        if limit <= 0:
            break
        key = speaker_key(q)
        if key in seen:
            continue
        seen.add(key)
        q.box = True
        q.box_source = "auto"
        limit -= 1
