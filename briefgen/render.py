"""Applying annotations to an article's tokens, once, in the engine.

Inline annotations become elements rendered by the partial
``annotations/<kind>.html``; the partial receives the already rendered inner
HTML as ``content`` and must output it exactly once. Asides are rendered by
``asides/<kind>.html`` and placed after the block that holds the end of their
span (after the whole table for a table cell).

Rule for overlapping spans (documented in docs/annotations.md):

1. Spans that nest are kept as nested elements, the outer one first.
2. Markdown's own inline elements (emphasis, links, ...) are never split: an
   annotation that crosses one is cut into pieces at the crossing.
3. When two annotations cross, the one that starts first (or, starting
   together, is longer; or, equal, came from the earlier plugin) stays whole and
   the other is cut where it crosses. Every piece is rendered with
   ``fragment.first`` / ``fragment.last`` so a partial can put an anchor only on
   the first piece.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from .annotations import Annotation
from .content import Article
from .mdparse import TEXT_TYPES

#: What a partial receives as ``content``; replaced by the inner HTML.
SENTINEL = "\ue000"


@dataclass(frozen=True)
class Fragment:
    """One piece of an inline annotation, as the partial sees it."""

    index: int
    first: bool
    last: bool


@dataclass
class _Piece:
    ann: Annotation
    order: int  # priority: lower is outer / stronger
    open: int  # slot index
    close: int
    frag: int = 0
    first: bool = True
    last: bool = True
    close_html: str = ""


PartialRenderer = Callable[[str, Annotation, Fragment], str]
AsideRenderer = Callable[[Annotation], str]


def apply_annotations(
    article: Article,
    render_partial: PartialRenderer,
    render_aside: AsideRenderer,
    render_text: Callable[[str], str] | None = None,
) -> list[Token]:
    """Return a new token list with the annotations of ``article`` applied.

    ``render_partial(kind, annotation, fragment)`` returns the partial's HTML
    with :data:`SENTINEL` where the content goes; ``render_aside(annotation)``
    returns the aside's HTML. ``render_text``, when given, is what the
    renderer does with a text token's content: a paragraph that is one run of
    text (most are) is then rendered here, straight to HTML.
    """
    tokens = article.tokens
    # Every annotation takes part: those not rendered inline still get an
    # anchor at their place (the partial callback decides what to emit).
    inline_anns = list(article.annotations)
    asides = [a for a in article.annotations if a.aside]
    if not inline_anns and not asides:
        return tokens
    order = {id(a): n for n, a in enumerate(article.annotations)}
    inline_anns.sort(key=lambda a: (a.start, -a.end, order[id(a)]))
    aside_after = _aside_positions(tokens, asides)
    out: list[Token] = []
    starts = [a.start for a in inline_anns]
    longest = max((a.end - a.start for a in inline_anns), default=0)
    for idx, token in enumerate(tokens):
        if token.type == "inline" and inline_anns and "briefgen_offsets" in token.meta:
            offsets = token.meta["briefgen_offsets"]
            lo, hi = offsets[0], offsets[-1]
            # candidates start before hi and no earlier than lo - longest
            first = bisect.bisect_left(starts, lo - longest)
            last = bisect.bisect_left(starts, hi)
            here = [a for a in inline_anns[first:last] if a.end > lo]
            if here:
                token = _copy_inline(token)
                token.children = _annotate_children(
                    token.children or [], offsets, here, render_partial, render_text
                )
        out.append(token)
        for ann in aside_after.get(idx, ()):
            html = Token("html_block", "", 0)
            html.content = render_aside(ann) + "\n"
            out.append(html)
    return out


def _copy_inline(token: Token) -> Token:
    new = Token(token.type, token.tag, token.nesting)
    new.map, new.level, new.content, new.meta = token.map, token.level, token.content, token.meta
    new.children = list(token.children or [])
    return new


def _aside_positions(tokens: list[Token], asides: list[Annotation]) -> dict[int, list[Annotation]]:
    """Map token index -> asides to insert after it."""
    if not asides:
        return {}
    # Each text-holding token: (start, end, index of the token to insert after).
    spots: list[tuple[int, int, int]] = []
    depth_table = 0
    table_close_for: dict[int, int] = {}
    pending_table: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            depth_table += 1
        elif tok.type == "table_close":
            depth_table -= 1
            for j in pending_table:
                table_close_for[j] = i
            pending_table = []
        start = tok.meta.get("briefgen_start") if tok.meta else None
        if start is None:
            continue
        if tok.type == "inline":
            end = tok.meta["briefgen_offsets"][-1]
            if depth_table:
                pending_table.append(len(spots))
                spots.append((start, end, -1))
            else:
                spots.append((start, end, _block_close(tokens, i)))
        else:  # fence / code_block
            spots.append((start, start + len(tok.content.rstrip("\n")), i))
    for j, i in table_close_for.items():
        spots[j] = (spots[j][0], spots[j][1], i)
    result: dict[int, list[Annotation]] = defaultdict(list)
    for ann in sorted(asides, key=lambda a: (a.end, a.start)):
        target = None
        for start, end, after in spots:
            if start <= ann.end - 1 < end or (start == end == ann.end):
                target = after
                break
            if start >= ann.end:
                break
            target = after  # between blocks: the last block before the end
        if target is None or target < 0:
            target = len(tokens) - 1
        result[target].append(ann)
    return result


def _block_close(tokens: list[Token], i: int) -> int:
    """Index of the token that closes the block holding inline token ``i``."""
    level = tokens[i].level
    for j in range(i + 1, len(tokens)):
        if tokens[j].nesting == -1 and tokens[j].level < level:
            return j
    return i


def _annotate_children(
    children: list[Token],
    offsets: list[int],
    anns: list[Annotation],
    render_partial: PartialRenderer,
    render_text: Callable[[str], str] | None = None,
) -> list[Token]:
    cuts = sorted({a.start for a in anns} | {a.end for a in anns})
    if render_text is not None and len(children) == 1 and children[0].type == "text":
        return _annotate_text(children[0].content, offsets, cuts, anns, render_partial, render_text)
    # 1. Split text children at every annotation boundary inside them.
    items: list[Token] = []
    starts: list[int] = []
    for child, start, end in zip(children, offsets, offsets[1:], strict=False):
        lo = bisect.bisect_right(cuts, start)
        hi = bisect.bisect_left(cuts, end, lo)
        if child.type == "text" and lo < hi:
            points = [start, *cuts[lo:hi], end]
            for a, b in itertools.pairwise(points):
                piece = Token("text", "", 0)
                piece.content = child.content[a - start : b - start]
                items.append(piece)
                starts.append(a)
        else:
            items.append(child)
            starts.append(start)
    end_pos = offsets[-1]
    slot_pos = [*starts, end_pos]  # position of slot k (before item k)
    widths = [
        len(it.content)
        if it.type in ("text", "code_inline")
        else (1 if it.type in TEXT_TYPES else 0)
        for it in items
    ]

    def first_slot(p: int) -> int:
        return bisect.bisect_left(slot_pos, p)

    def last_slot(p: int) -> int:
        return max(0, bisect.bisect_right(slot_pos, p) - 1)

    # Prefix counts: nesting tokens and text width before each item, so the
    # common case (plain text between the ends of a span) is checked at once.
    nesting_before = [0]
    text_before = [0]
    for it, width in zip(items, widths, strict=True):
        nesting_before.append(nesting_before[-1] + (1 if it.nesting else 0))
        text_before.append(text_before[-1] + width)

    def unmatched(o: int, c: int) -> list[int]:
        """Items in [o, c) that open or close an element not wholly inside."""
        if nesting_before[c] == nesting_before[o]:
            return []
        stack: list[int] = []
        bad: list[int] = []
        for k in range(o, c):
            nest = items[k].nesting
            if nest == 1:
                stack.append(k)
            elif nest == -1:
                if stack:
                    stack.pop()
                else:
                    bad.append(k)
        return sorted(bad + stack)

    def has_text(o: int, c: int) -> bool:
        return text_before[c] > text_before[o]

    accepted: list[_Piece] = []
    for order, ann in enumerate(anns):
        s, e = max(ann.start, slot_pos[0]), min(ann.end, end_pos)
        o, c = first_slot(s), last_slot(e)
        spans = None
        if o < c and nesting_before[c] == nesting_before[o]:
            spans = [(o, c)]  # the common case: plain text from end to end
        else:
            candidates = [
                (o, c),
                (last_slot(s), first_slot(e)),
                (first_slot(s), first_slot(e)),
                (last_slot(s), last_slot(e)),
            ]
            for o, c in candidates:
                if o < c and not unmatched(o, c):
                    spans = [(o, c)]
                    break
        if spans is None:
            o, c = candidates[0]
            spans = []
            prev = o
            for k in unmatched(o, c):
                spans.append((prev, k))
                prev = k + 1
            spans.append((prev, c))
        spans = [(o, c) for o, c in _cut(spans, accepted) if o < c and has_text(o, c)]
        _accept(accepted, ann, order, spans)
    # 2. Emit: at each slot, closes (inner first) then opens (outer first).
    return _emit(items, accepted, render_partial, _html)


def _annotate_text(
    text: str,
    offsets: list[int],
    cuts: list[int],
    anns: list[Annotation],
    render_partial: PartialRenderer,
    render_text: Callable[[str], str],
) -> list[Token]:
    """:func:`_annotate_children` for an inline token holding one text child,
    rendered here to a single HTML token: slots are the cut points inside the
    text, every span is plain text from end to end, only crossings cut."""
    start, end = offsets[0], offsets[-1]
    spans = [(max(a.start, start), min(a.end, end)) for a in anns]
    if all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1)):
        return [_html(_disjoint_html(text, start, end, anns, spans, render_partial, render_text))]
    points = [start, *(p for p in cuts if start < p < end), end]
    slot = {p: k for k, p in enumerate(points)}
    items = [render_text(text[a - start : b - start]) for a, b in itertools.pairwise(points)]
    accepted: list[_Piece] = []
    for order, (ann, (s, e)) in enumerate(zip(anns, spans, strict=True)):
        o, c = slot[s], slot[e]
        _accept(accepted, ann, order, [(o, c) for o, c in _cut([(o, c)], accepted) if o < c])
    return [_html("".join(_emit(items, accepted, render_partial, str)))]


def _disjoint_html(
    text: str,
    start: int,
    end: int,
    anns: list[Annotation],
    spans: list[tuple[int, int]],
    render_partial: PartialRenderer,
    render_text: Callable[[str], str],
) -> str:
    """:func:`_annotate_text` when no two spans overlap (nine paragraphs in
    ten): each annotation's partial wraps its own text, one after another;
    the text is cut and rendered at the same points as in the general case."""
    out: list[str] = []
    pos = start
    whole = Fragment(0, True, True)
    for ann, (s, e) in zip(anns, spans, strict=True):
        if s > pos:
            out.append(render_text(text[pos - start : s - start]))
        before, _, after = render_partial(ann.kind, ann, whole).partition(SENTINEL)
        out += (before, render_text(text[s - start : e - start]), after)
        pos = e
    if pos < end:
        out.append(render_text(text[pos - start :]))
    return "".join(out)


def _cut(spans: list[tuple[int, int]], accepted: list[_Piece]) -> list[tuple[int, int]]:
    """Cut ``spans`` where they cross a stronger annotation's piece."""
    for other in accepted:
        if other.close <= spans[0][0] or other.open >= spans[-1][1]:
            continue  # wholly before or after: nothing to cut
        cut: list[tuple[int, int]] = []
        for o, c in spans:
            if o < other.open < c < other.close:
                cut += [(o, other.open), (other.open, c)]
            elif other.open < o < other.close < c:
                cut += [(o, other.close), (other.close, c)]
            else:
                cut.append((o, c))
        spans = cut
    return spans


def _accept(
    accepted: list[_Piece], ann: Annotation, order: int, spans: list[tuple[int, int]]
) -> None:
    for i, (o, c) in enumerate(spans):
        accepted.append(_Piece(ann, order, o, c, frag=i, first=i == 0, last=i == len(spans) - 1))


def _emit(
    items: list[Any],
    accepted: list[_Piece],
    render_partial: PartialRenderer,
    as_item: Callable[[str], Any],
) -> list[Any]:
    """The items with each piece's opening and closing HTML (made an item by
    ``as_item``) at its slots."""
    opens: dict[int, list[_Piece]] = defaultdict(list)
    closes: dict[int, list[_Piece]] = defaultdict(list)
    for p in accepted:
        opens[p.open].append(p)
        closes[p.close].append(p)
    result: list[Any] = []
    done = 0  # items copied so far
    for k in sorted(opens.keys() | closes.keys()):
        result += items[done:k]
        done = k
        if k in closes:
            for p in sorted(closes[k], key=lambda p: (-p.open, -p.order)):
                result.append(as_item(p.close_html))
        if k in opens:
            for p in sorted(opens[k], key=lambda p: (-p.close, p.order)):
                html = render_partial(p.ann.kind, p.ann, Fragment(p.frag, p.first, p.last))
                before, _, after = html.partition(SENTINEL)
                p.close_html = after
                result.append(as_item(before))
    result += items[done:]
    return result


def _html(content: str) -> Token:
    tok = Token("html_inline", "", 0)
    tok.content = content
    return tok
