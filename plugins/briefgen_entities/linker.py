"""Deciding which candidate spans of an article are mentions, and of whom.

The rules, in the order they apply (docs/entities.md explains them for
writers):

1. Explicit marks win: ``[text]{entity=<id>}`` is a mention of that entity;
   ``[text]{entity=none}`` is never one. An unknown id is a ContentError.
2. Only prose is matched: not headings, code, links, or URLs written out.
3. Leftmost-longest: the earliest candidate wins, and of those starting at
   one place the longest that passes the checks below.
4. Ordinary words: a form made only of common English words (``Brown``,
   ``May``, ``White House`` in lowercase) is not a mention in lowercase, and
   where its only capital comes from the start of a sentence (or an ALL-CAPS
   dateline) it needs evidence: the entity was already mentioned. Months and
   days need evidence too, and are never names after "in", "on", ... or
   before a number.
5. Part of a longer name: ``Washington Post``, ``Trump Tower``,
   ``Donald Trump Jr.`` are not mentions.
6. Surnames (derived, never listed): a capitalised word right before one
   that is not a title or a known given name means someone else (``Ivanka
   Trump``); a known given name joins the mention (``Vladimir V. Putin``).
   When two registered people share the surname, it links to the one whose
   full name appeared last before it; with neither, it stays unlinked and the
   build warns.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import NamedTuple

from briefgen import Annotation, Article, ContentError

from .matcher import Candidate, Matcher
from .registry import Entity, Form, Registry
from .text import (
    NEXT_WORD_RE,
    WORD_RE,
    fold,
    fold_lower,
    has_upper,
    in_url,
    is_titlecase,
    previous_word,
    sentence_initial,
)
from .words import (
    CALENDAR,
    COMMON,
    CONTINUATIONS,
    DATE_PREPOSITIONS,
    DESCRIPTORS,
    SUFFIXES,
    TITLES,
)

_SKIPPED_BLOCKS = ("heading", "code")
_NONE = ("none", "", "false", "no")
_SPACE = (" ", "\u00a0", "\u202f")

Warn = Callable[[str, str, int], None]


class Mention(NamedTuple):
    """One mention found in an article: span, entity, and how it was found
    (``name``, ``alias``, ``surname`` or ``mark``). A named tuple, as every
    candidate that passes the checks makes one."""

    start: int
    end: int
    entity: str
    how: str
    prose: bool = True


class _Article:
    """What the checks need to know about the article being linked."""

    def __init__(self, article: Article, registry: Registry, matcher: Matcher) -> None:
        self.article = article
        self.text = article.text
        self.registry = registry
        self.matcher = matcher
        self.first_seen: dict[str, int] = {}
        self.last_full: dict[str, int] = {}
        self.last_end = -1  # where the last mention found ends

    def seen(self, entity: str, start: int, full: bool) -> None:
        self.first_seen.setdefault(entity, start)
        if full:
            self.last_full[entity] = start

    def evidence(self, entity: str, pos: int) -> bool:
        return self.first_seen.get(entity, pos) < pos


def entity_marks(
    article: Article, registry: Registry
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The explicit marks of the article: mentions, and suppressed spans."""
    mentions: list[Mention] = []
    suppressed: list[tuple[int, int]] = []
    for mark in article.marks:
        if "entity" not in mark.attrs or mark.start >= mark.end:
            continue
        value = mark.attrs["entity"].strip()
        if value.lower() in _NONE:
            suppressed.append((mark.start, mark.end))
            continue
        if value not in registry:
            close = difflib.get_close_matches(value, list(registry.entities), n=3)
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else "the id is the entity file's name without .md, e.g. "
                "content/entities/donald-trump.md is donald-trump"
            )
            raise ContentError(
                f"unknown entity '{value}' in [{article.text[mark.start : mark.end]}]"
                f"{{entity={value}}}",
                file=article.relpath,
                line=mark.line,
                hint=hint,
            )
        mentions.append(
            Mention(mark.start, mark.end, value, "mark", article.is_prose(mark.start, mark.end))
        )
    return mentions, suppressed


def find_mentions(
    article: Article, registry: Registry, matcher: Matcher, warn: Warn | None = None
) -> list[Mention]:
    """Every mention of a registered entity in ``article``, in text order."""
    state = _Article(article, registry, matcher)
    marks, suppressed = entity_marks(article, registry)
    blocked = sorted([(m.start, m.end) for m in marks] + suppressed)
    _title_evidence(state, [article.title, article.summary])
    found: list[tuple[Candidate, int, int]] = []
    for block in article.blocks:
        if block.kind in _SKIPPED_BLOCKS:
            continue
        for cand in matcher.scan(state.text, block.start, block.end):
            found.append((cand, block.start, block.end))
    found.sort(key=lambda item: (item[0].start, -item[0].end, item[0].form))
    mentions: list[Mention] = []
    pending_marks = sorted(marks, key=lambda m: m.start)
    mark_index = 0
    pos = 0
    i = 0
    while i < len(found):
        start = found[i][0].start
        group = []
        while i < len(found) and found[i][0].start == start:
            group.append(found[i])
            i += 1
        while mark_index < len(pending_marks) and pending_marks[mark_index].start < start:
            mark = pending_marks[mark_index]
            state.seen(mark.entity, mark.start, full=True)
            mark_index += 1
        if start < pos:
            continue
        mention = _choose(state, group, blocked, warn)
        if mention is not None:
            mentions.append(mention)
            state.seen(mention.entity, mention.start, full=mention.how != "surname")
            pos = state.last_end = mention.end
    mentions.extend(marks)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


def _choose(
    state: _Article,
    group: list[tuple[Candidate, int, int]],
    blocked: list[tuple[int, int]],
    warn: Warn | None,
) -> Mention | None:
    """The mention the candidates starting at one place make, if any."""
    by_end: dict[int, list[Candidate]] = {}
    for cand, _, _ in group:
        if cand.end in by_end:
            by_end[cand.end].append(cand)
        else:
            by_end[cand.end] = [cand]
    lo = group[0][1]
    hi = group[0][2]
    for end in sorted(by_end, reverse=True):
        cands = by_end[end]
        start = cands[0].start
        if blocked and _overlaps(blocked, start, end):
            continue
        if not state.article.is_prose(start, end) or in_url(state.text, start, end):
            continue
        forms = [(c, state.matcher.forms[c.form]) for c in cands]
        if len(forms) > 1:
            forms = [(c, f) for c, f in forms if f.explicit] or forms
        entities = sorted({f.entity for _, f in forms}) if len(forms) > 1 else [forms[0][1].entity]
        if len(entities) > 1:
            chosen = _disambiguate(state, entities, start)
            if chosen is None:
                if warn is not None and _plausible(state, *forms[0], lo, hi) is not None:
                    _warn_ambiguous(state, entities, start, end, warn)
                continue
            forms = [(c, f) for c, f in forms if f.entity == chosen]
        for cand, form in forms:
            mention = _plausible(state, cand, form, lo, hi)
            if mention is not None:
                return mention
    return None


def _disambiguate(state: _Article, entities: list[str], start: int) -> str | None:
    """Of people sharing a surname, the one named in full most recently."""
    named = [(state.last_full[e], e) for e in entities if state.last_full.get(e, start) < start]
    return max(named)[1] if named else None


def _warn_ambiguous(state: _Article, entities: list[str], start: int, end: int, warn: Warn) -> None:
    surface = state.text[start:end]
    names = " or ".join(f"{state.registry.entities[e].name} ({e})" for e in entities)
    nobody = "neither" if len(entities) == 2 else "none of them"
    warn(
        f"'{surface}' could be {names}, and {nobody} is named in full before it, "
        f"so it is not linked; write [{surface}]{{entity=<id>}} to link it",
        state.article.relpath,
        state.article.line_at(start),
    )


def _next_word(text: str, pos: int, hi: int) -> tuple[str, str] | None:
    m = NEXT_WORD_RE.match(text, pos, hi)
    return (m.group(1), m.group(2)) if m else None


def _continues_name(after: tuple[str, str] | None) -> bool:
    """True when the next word makes the match part of a longer name."""
    if after is None or after[0] not in _SPACE:
        return False
    word = after[1]
    return (is_titlecase(word) or word.isupper()) and fold_lower(word) in CONTINUATIONS


def _plausible(state: _Article, cand: Candidate, form: Form, lo: int, hi: int) -> Mention | None:
    """The mention ``cand`` makes, or None when its context says otherwise."""
    text = state.text
    entity = state.registry.entities[form.entity]
    start, end = cand.start, cand.end
    if _ordinary_word(state, cand, form, lo, hi):
        return None
    after = _next_word(text, end, hi)
    if _continues_name(after):
        return None  # "Washington Post", "Trump Tower"
    if entity.kind == "person" and after is not None:
        sep, word = after
        if sep.strip() in ("", ",") and word.lower() in SUFFIXES and form.origin != "alias":
            return None  # "Donald Trump Jr." is someone else
    how = form.origin
    if form.origin == "surname":
        start = _surname_start(state, entity, start, lo)
        if start is None:
            return None
        if start != cand.start:
            how = "name"
    return Mention(start, end, entity.id, how)


def _ordinary_word(state: _Article, cand: Candidate, form: Form, lo: int, hi: int) -> bool:
    """True when the text uses the form's words as ordinary English words."""
    if not state.matcher.common[cand.form]:
        return False
    surface = state.text[cand.start : cand.end]
    words = WORD_RE.findall(surface)
    if not has_upper(surface):
        return True
    if len(words) == 1 and fold_lower(words[0]) in CALENDAR:
        prev = previous_word(state.text, cand.start, lo)
        if prev is not None and prev[2].lower() in DATE_PREPOSITIONS:
            return True
        after = _next_word(state.text, cand.end, hi)
        if after is not None and after[1][:1].isdigit():
            return True
        return not state.evidence(form.entity, cand.start)
    by_position = (
        is_titlecase(words[0])
        and not any(has_upper(w) for w in words[1:])
        and sentence_initial(state.text, cand.start, lo)
    )
    if by_position or cand.mode in ("upper", "decap"):
        return not state.evidence(form.entity, cand.start)
    return False


def _surname_start(state: _Article, entity: Entity, start: int, lo: int) -> int | None:
    """Where a mention by surname starts: earlier when a given name (and an
    initial) of the same person comes first; None when another capitalised
    name does, which makes it someone else's surname."""
    text = state.text
    prev = previous_word(text, start, lo)
    if prev is None:
        return start
    p_start, p_end, word = prev
    sep = text[p_end:start]
    if sep in _SPACE and fold(word) in entity.given_names:
        return p_start
    if sep in (". ", ".\u00a0") and len(word) == 1 and word.isupper():
        before = previous_word(text, p_start, lo)
        if (
            before is not None
            and text[before[1] : p_start] in _SPACE
            and fold(before[2]) in entity.given_names
        ):
            return before[0]
        return None  # "George W. Bush" when only another Bush is registered
    if sep not in _SPACE or not word[:1].isupper() or p_end == state.last_end:
        return start
    low = fold_lower(word)
    if low in COMMON or low in TITLES or low in DESCRIPTORS or low.endswith("ly"):
        return start
    return None  # "Ivanka Trump": another person with the same surname


def _title_evidence(state: _Article, texts: list[str]) -> None:
    """Entities the title or summary names plainly count as already seen."""
    for text in texts:
        if not text:
            continue
        spans: dict[tuple[int, int], set[str]] = {}
        forms: dict[tuple[int, int], Form] = {}
        for cand in state.matcher.scan(text):
            form = state.matcher.forms[cand.form]
            if state.matcher.common[cand.form]:
                continue
            spans.setdefault((cand.start, cand.end), set()).add(form.entity)
            forms[(cand.start, cand.end)] = form
        for span, entities in spans.items():
            if len(entities) == 1:
                (entity,) = entities
                state.seen(entity, -1, full=forms[span].origin != "surname")


def to_annotations(
    text: str, mentions: list[Mention], registry: Registry, link: str = "first"
) -> list[Annotation]:
    """Turn mentions into ``entity`` annotations under the link policy:
    ``first`` links the first mention of each entity in prose and keeps the
    rest as annotations that are not links; ``all`` links every one."""
    linked: set[str] = set()
    annotations = []
    for mention in mentions:
        entity = registry.entities[mention.entity]
        inline = mention.prose and (link == "all" or entity.id not in linked)
        if inline:
            linked.add(entity.id)
        data = {
            **entity.card(),
            "surface": text[mention.start : mention.end],
            "match": mention.how,
        }
        annotations.append(
            Annotation(
                mention.start,
                mention.end,
                "entity",
                data=data,
                refs=(entity.ref,),
                inline=inline,
            )
        )
    return annotations
