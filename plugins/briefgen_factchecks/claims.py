"""Finding the claims in one article: ``claim`` annotations.

A claim annotation covers the *sentence* that holds a match phrase (so the
reader sees which statement was checked), in an article where no phrase is
found the sentence that restates the claim (see :mod:`.restated`), or
exactly the text an author marked by hand with ``[…]{claim=slug}``. Phrases
are found only in prose: never in code or headings (link text counts as
prose). The first claim of
each fact-check in an article carries the callout (an aside after its
paragraph); later ones link to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen import Annotation

from .matching import FoldedText
from .restated import ProseSentence, Restatement, TextProbe, restatement_of
from .sentences import sentence_spans, span_around

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Block

    from .library import FactCheck, Library

KIND = "claim"
MARK_ATTR = "claim"
_NOT_PROSE_BLOCKS = frozenset({"heading", "code"})


def callout_id(slug: str) -> str:
    """The element id of a fact-check's callout in an article."""
    return f"factcheck-{slug}"


@dataclass
class _Found:
    check: FactCheck
    start: int
    end: int
    source: str  # "match", "claim" (restated) or "mark"
    phrases: list[str]


def find_claims(article: Article, library: Library) -> list[Annotation]:
    """Every claim annotation of ``article``."""
    found = _marked(article, library)
    text = FoldedText.of(article.text)
    sentences: dict[int, list[tuple[int, int]]] = {}  # by block start, split on first use
    prose: list[ProseSentence] | None = None  # every sentence of prose, made on first use
    probe: TextProbe | None = None  # what restatements ask of the article, made on first use
    for check in library.for_article(article):
        by_sentence: dict[tuple[int, int], list[str]] = {}
        for phrase in check.phrases:
            for start, end in text.find(phrase):
                if not _in_prose(article, start, end):
                    continue
                span = _sentence(article, start, end, sentences)
                phrases = by_sentence.setdefault(span, [])
                if phrase not in phrases:
                    phrases.append(phrase)
        marks = [f for f in found if f.check is check]
        for (start, end), phrases in by_sentence.items():
            if any(m.start < end and start < m.end for m in marks):
                continue  # the author marked this claim by hand
            found.append(_Found(check, start, end, "match", phrases))
        if check.restate and not by_sentence:
            if probe is None:
                probe = TextProbe(text.folded)
            restatements = _restatements(check, probe)
            if restatements:
                if prose is None:
                    prose = _prose_sentences(article, sentences)
                for start, end in _restated(restatements, prose, library.limit(check)):
                    if not any(m.start < end and start < m.end for m in marks):
                        found.append(_Found(check, start, end, "claim", []))
    found.sort(key=lambda f: (f.start, -f.end, f.check.slug))
    seen: set[str] = set()
    annotations = []
    for f in found:
        first = f.check.slug not in seen
        seen.add(f.check.slug)
        annotations.append(
            Annotation(
                f.start,
                f.end,
                KIND,
                data=claim_data(f.check, source=f.source, phrases=f.phrases, first=first),
                refs=tuple(r for r in (f.check.ref, f.check.claimant.ref) if r),
                inline=True,
                aside=first,
            )
        )
    return annotations


def claim_data(check: FactCheck, *, source: str, phrases: list[str], first: bool) -> dict[str, Any]:
    """The data of a claim annotation (exported in annotations.json)."""
    verdict = check.verdict
    return {
        "factcheck": check.slug,
        "verdict": verdict.name,
        "label": verdict.label,
        "rating": verdict.rating,
        "claim": check.claim,
        "claimant": check.claimant.name,
        "claimant_entity": check.claimant.entity,
        "url": check.url,
        "callout": callout_id(check.slug),
        "first": first,
        "source": source,
        "phrases": phrases,
    }


def _marked(article: Article, library: Library) -> list[_Found]:
    """Claims marked by hand. A one-off check can be marked only in its own
    article (so each article's claims depend on nothing but the article and
    the library). Marks naming no usable check are reported by the site-wide
    checks, not here."""
    found = []
    for mark in article.marks:
        slug = mark.attrs.get(MARK_ATTR, "").strip()
        check = library.checks.get(slug)
        if check is not None and check.applies_to(article) and mark.start < mark.end:
            found.append(_Found(check, mark.start, mark.end, "mark", []))
    return found


def _prose_sentences(
    article: Article, sentences: dict[int, list[tuple[int, int]]]
) -> list[ProseSentence]:
    """Every sentence of the article's prose blocks (``sentences`` keeps
    each block's, see :func:`_block_sentences`)."""
    result = []
    for block in article.blocks:
        if block.kind in _NOT_PROSE_BLOCKS or block.kind == "html":
            continue
        for lo, hi in _block_sentences(article, block, sentences):
            start, end = block.start + lo, block.start + hi
            result.append(ProseSentence.of(start, end, article.text[start:end]))
    return result


def _block_sentences(
    article: Article, block: Block, sentences: dict[int, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """The sentences of one block (offsets in the block), split once."""
    spans = sentences.get(block.start)
    if spans is None:
        spans = sentences[block.start] = sentence_spans(article.text[block.start : block.end])
    return spans


def _restatements(check: FactCheck, text: TextProbe) -> list[Restatement]:
    """What may restate the check in an article: its claim, and each match
    phrase of two content words or more (a shorter one would be found in too
    many sentences), when the article holds enough of their words and every
    figure."""
    found = []
    for i, words in enumerate((check.claim, *check.phrases)):
        restatement = restatement_of(words, check.claimant.name, check.claimant.aliases)
        if restatement is None or (i and len(restatement.stems) < 2):
            continue
        if restatement.possible(text):
            found.append(restatement)
    return found


def _restated(
    restatements: list[Restatement], prose: list[ProseSentence], limit: int
) -> list[tuple[int, int]]:
    """The spans of the (at most ``limit``) sentences that best restate the
    check, in the order of the text."""
    scored = []
    for sentence in prose:
        scores = [r.score(sentence) for r in restatements]
        best = max((score for score in scores if score is not None), default=None)
        if best is not None:
            scored.append((-best, sentence.start, sentence.end))
    return sorted((start, end) for _, start, end in sorted(scored)[:limit])


def _sentence(
    article: Article, start: int, end: int, sentences: dict[int, list[tuple[int, int]]]
) -> tuple[int, int]:
    """The sentence(s) holding ``start:end``; ``sentences`` keeps each
    block's sentences, as a long block may hold many matches."""
    block = article.block_at(start)
    assert block is not None  # _in_prose checked it
    spans = _block_sentences(article, block, sentences)
    lo, hi = span_around(spans, start - block.start, end - block.start)
    return block.start + lo, block.start + hi


def _in_prose(article: Article, start: int, end: int) -> bool:
    """Whether a match may count: inside one block, not a heading or code,
    and not in inline code."""
    block = article.block_at(start)
    if block is None or block.kind in _NOT_PROSE_BLOCKS or end > block.end:
        return False
    if article.is_prose(start, end):
        return True
    # Not prose: inline code or a link. Link text is fine for a claim.
    return not article.in_code(start, end)
