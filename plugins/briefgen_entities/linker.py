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
   before a number. A capitalised name written all in lowercase ("kyiv"),
   where the registry allows it (see ``registry.may_be_lowered``), needs
   the entity named properly somewhere in the article (before or after).
5. Part of a longer name: ``Washington Post``, ``Trump Tower``,
   ``Donald Trump Jr.`` are not mentions.
6. Surnames (derived, never listed): a capitalised word right before one
   that is not a title (nor the head of the person's own role: ``Regent
   Sitompul`` for the "Regent of Karangsari"; nor the plural of one opening a
   list of names: ``Justices Kettering and Ashby``), an ordinary word, a known given name
   or a word the article put before the person's full name means someone
   else (``Ivanka Trump``); a known given name joins the mention (``Vladimir V. Putin``,
   ``Olga Petrovna Zaitseva``). A given name alone is no mention inside
   another name (``Greta Thunberg``, ``Abu Mohammed``), nor is a surname or
   family name before a capitalised word that reads as the rest of one
   (``Noor Vance``, ``Mayor Lin Abara``, ``Xi Mingze``); an ordinary word, a
   title, the head of an institution or a government, a word of the
   person's own name or a registered place or organisation does not
   (``Macron Tuesday said``, ``the Trump Administration``, ``Putin Russia``).
   A nickname in quotation marks inside a name is read through: neither it
   (when derived from an alias) nor the words before it are mentions, and
   the surname after it is (``Teodoro “Dodong” Alcaraz``).
   When two registered people share the surname, it links to the one whose
   full name appeared last before it; with neither, it stays unlinked and the
   build warns.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import groupby
from operator import attrgetter
from typing import Any, NamedTuple

from briefgen import Annotation, Article, ContentError

from .matcher import Candidate, Matcher
from .registry import DERIVED, Entity, Form, Registry
from .text import (
    NEXT_WORD_RE,
    WORD,
    WORD_RE,
    fold,
    fold_lower,
    has_upper,
    in_url,
    is_patronymic,
    is_titlecase,
    previous_word,
    sentence_initial,
)
from .words import (
    ARABIC_ARTICLES,
    CALENDAR,
    COMMON,
    CONTINUATIONS,
    DATE_PREPOSITIONS,
    DESCRIPTORS,
    INSTITUTIONS,
    NAME_ABBREVIATIONS,
    ORGANIZATION_HINTS,
    PARTICLES,
    PRONOUNS,
    SUFFIXES,
    TENURE_WORDS,
    TITLES,
)

_SKIPPED_BLOCKS = ("heading", "code")
_NONE = ("none", "", "false", "no")
_SPACE = (" ", "\u00a0", "\u202f")

Warn = Callable[[str, str, int], None]
_end_of = attrgetter("end")


class Mention(NamedTuple):
    """One mention found in an article: span, entity, and how it was found
    (``name``, ``alias``, ``surname`` or ``mark``). A named tuple, as every
    candidate that passes the checks makes one."""

    start: int
    end: int
    entity: str
    how: str
    prose: bool = True


#: ``_mention((start, end, entity, how, prose))``: a :class:`Mention`, made
#: without the Python-level ``__new__`` of a named tuple (see
#: :data:`.matcher._candidate`).
_mention = partial(tuple.__new__, Mention)


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
        self.all_prose = False  # the block being linked is prose throughout
        #: Entities written in lowercase or spelled otherwise before the
        #: article names them (see :func:`find_mentions`), and those known to
        #: be named somewhere.
        self.unnamed_early: set[str] = set()
        self.named: frozenset[str] = frozenset()

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
    """Every mention of a registered entity in ``article``, in text order.

    A name written in lowercase ("kyiv"), or a person's name spelled another
    way ("Poutine", "Selenskyj"), is a mention once the article names the
    entity as the registry writes it, before or after: when the name comes
    later, the article is linked a second time knowing it."""
    state = _Article(article, registry, matcher)
    mentions = _link(state, warn)
    late = frozenset(state.unnamed_early.intersection(state.first_seen))
    if not late:
        return mentions
    state = _Article(article, registry, matcher)
    state.named = late
    return _link(state, warn)


def _link(state: _Article, warn: Warn | None) -> list[Mention]:
    """:func:`find_mentions`, with what ``state`` knows beforehand."""
    article, registry, matcher = state.article, state.registry, state.matcher
    text = state.text
    marks, suppressed = entity_marks(article, registry)
    blocked = sorted([(m.start, m.end) for m in marks] + suppressed)
    _title_evidence(state, [article.title, article.summary])
    mentions: list[Mention] = []
    pending_marks = sorted(marks, key=lambda m: m.start)
    mark_index = 0
    pos = 0
    blocks = [(b.start, b.end) for b in article.blocks if b.kind not in _SKIPPED_BLOCKS]
    for lo, hi, occurrences in matcher.block_occurrences(text, blocks):
        # Most blocks hold no link or code: then every span in them is prose.
        state.all_prose = article.is_prose(lo, hi)
        for occurrence in occurrences:
            start = occurrence[0]
            if start < pos:
                continue  # inside the mention found last
            cands = matcher.candidates(text, lo, hi, occurrence)
            if not cands:
                continue
            # Marks before this place count as mentions seen (evidence).
            while mark_index < len(pending_marks) and pending_marks[mark_index].start < start:
                mark = pending_marks[mark_index]
                state.seen(mark.entity, mark.start, full=True)
                mark_index += 1
            mention = _choose(state, cands, lo, hi, blocked, warn)
            if mention is not None:
                mentions.append(mention)
                state.seen(mention.entity, mention.start, full=mention.how not in DERIVED)
                pos = state.last_end = mention.end
    if marks:  # the mentions found are in text order already
        mentions.extend(marks)
        mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


#: Candidates that are mentions only in an article that names the entity as
#: the registry writes it: a name in lowercase, another spelling of a name.
_NEEDS_NAMING = frozenset({"lowered", "variant"})


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


def _linkable(state: _Article, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    """Whether a mention may be found at ``start:end`` at all: prose, not
    inside a URL, not under an explicit mark."""
    if blocked and _overlaps(blocked, start, end):
        return False
    if not state.all_prose and not state.article.is_prose(start, end):
        return False
    return not in_url(state.text, start, end)


def _longest_first(cand: Candidate) -> tuple[int, int]:
    return -cand.end, cand.form


def _choose(
    state: _Article,
    cands: list[Candidate],
    lo: int,
    hi: int,
    blocked: list[tuple[int, int]],
    warn: Warn | None,
) -> Mention | None:
    """The mention the candidates starting at one place (in the block
    ``lo:hi``) make, if any: the longest that passes the checks."""
    if len(cands) == 1:  # the common case: one form starts here
        cand = cands[0]
        if not _linkable(state, cand.start, cand.end, blocked):
            return None
        return _plausible(state, cand, state.matcher.forms[cand.form], lo, hi)
    cands = sorted(_fused_only_where_no_name(state, cands), key=_longest_first)
    start = cands[0].start
    for end, same_end in groupby(cands, key=_end_of):
        if not _linkable(state, start, end, blocked):
            continue
        forms = [(c, state.matcher.forms[c.form]) for c in same_end]
        if len(forms) > 1:
            # A name or alias first, then a surname, then a given name.
            forms = (
                [(c, f) for c, f in forms if f.explicit]
                or [(c, f) for c, f in forms if f.origin != "given"]
                or forms
            )
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


def _fused_only_where_no_name(state: _Article, cands: list[Candidate]) -> list[Candidate]:
    """The candidates, less those that re-read a word as a person's name and
    a fused ``s`` where the whole word is itself a form that reads as one:
    "Hinrichs" is Anke Hinrichs's surname, never Hinrich Tammen's given name
    and an ``s`` (the fused ``s`` is for machine-translated "Putins")."""
    if not any(c.fused for c in cands):
        return cands
    forms = state.matcher.forms
    whole = {c.end - 1 for c in cands if not c.fused and _named(state, c, forms[c.form])}
    return [c for c in cands if not (c.fused and c.end in whole)]


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


_HYPHENS = frozenset("-\u2010\u2011")
#: A company's legal form after its name: the same company, not a longer name.
_LEGAL_FORMS = frozenset({"inc", "ltd", "corp", "plc", "llc", "co", "ag", "sa", "gmbh", "nv"})


def _part_of_longer_name(state: _Article, form: Form, end: int, hi: int) -> bool:
    """True when the word after a match ending at ``end`` makes it part of a
    longer name: "Washington Post", "Trump Tower", a capitalised word joined
    by a hyphen that starts no name of the registry ("Kalnik-Inform"), or
    (for a person's name or surname) "Donald Trump Jr.", someone else."""
    text = state.text
    if end < hi and text[end] in _HYPHENS:
        # "Kalnik-Inform", an agency; but "Kalnik-based", "Kalnik-Varessia talks".
        m = NEXT_WORD_RE.match(text, end, hi)
        return (
            m is not None
            and m.group(1) in _HYPHENS
            and is_titlecase(m.group(2))
            and not state.matcher.starts_form(m.group(2))
        )
    if end >= hi or not (text[end].isspace() or text[end] == ","):
        return False  # only after a space or a comma can the next word tell
    m = NEXT_WORD_RE.match(text, end, hi)
    if m is None:
        return False
    sep, word = m.group(1, 2)
    if fold_lower(word) in _LEGAL_FORMS and state.registry.entities[form.entity].kind != "person":
        return False  # "Northgate Systems Inc." is Northgate Systems
    if (
        sep in _SPACE
        and not word.islower()
        and (is_titlecase(word) or word.isupper())
        and fold_lower(word) in CONTINUATIONS
    ):
        return True
    if sep in _SPACE and is_titlecase(word) and not state.matcher.starts_form(word):
        # "Salford Royal Hospital", "Beira Central Hospital": one more word first.
        after = NEXT_WORD_RE.match(text, m.end(), hi)
        if (
            after is not None
            and after.group(1) in _SPACE
            and is_titlecase(after.group(2))
            and fold_lower(after.group(2)) in CONTINUATIONS
        ):
            return True
    return (
        form.origin != "alias"
        and word.lower() in SUFFIXES
        and sep.strip() in ("", ",")
        and state.registry.entities[form.entity].kind == "person"
    )


def _after_institution(state: _Article, start: int, lo: int) -> bool:
    """Does "University of" (or "Bank of the", "Museum of"...) come right
    before ``start``, making the match part of an institution's name
    ("University of Lagos", "Bank of England")?"""
    text = state.text
    prev = previous_word(text, start, lo)
    if prev is not None and prev[2] == "the" and text[prev[1] : start] in _SPACE:
        prev = previous_word(text, prev[0], lo)
    if prev is None or prev[2] != "of" or text[prev[1] : start].strip():
        return False
    head = previous_word(text, prev[0], lo)
    return (
        head is not None
        and text[head[1] : prev[0]] in _SPACE
        and is_titlecase(head[2])
        and fold_lower(head[2]) in INSTITUTIONS
    )


def _plausible(state: _Article, cand: Candidate, form: Form, lo: int, hi: int) -> Mention | None:
    """The mention ``cand`` makes, or None when its context says otherwise."""
    if state.matcher.is_common(cand.form) and _ordinary_word(state, cand, form, lo, hi):
        return None
    if not _named(state, cand, form) and not (
        (cand.mode == "variant" or form.origin == "surname")
        and _after_given_name(state, form.entity, cand.start, lo)
    ):
        state.unnamed_early.add(form.entity)
        return None  # "kyiv" is Kyiv, "Poutine" Putin, once the article names them
    if _part_of_longer_name(state, form, cand.end, hi) or _after_institution(state, cand.start, lo):
        return None
    if form.origin == "given" and (
        _in_full_name(state.text, cand.start, cand.end, lo, hi)
        or _abbreviation(state.text, cand.start, cand.end, lo, hi)
    ):
        return None  # "Greta Thunberg" is someone else than Greta Halloran; "Springfield, Mo."
    if (
        cand.end < hi
        and state.text[cand.end] in _CLOSING_QUOTES
        and form.origin in DERIVED
        and _nickname_in_name(state.text, cand.end, lo, hi)
    ):
        return None  # "Teodoro “Dodong” Alcaraz": the surname is the mention
    start, how = cand.start, form.origin
    if how == "surname":
        if _abbreviated_given_name(state.text, cand.start, cand.end, hi):
            return None  # "Rep. Ma. Lourdes Cuenca" is no Ma Lianshu
        if cand.end - cand.start == 2 and _interjection(state.text, cand.start, cand.end, lo, hi):
            return None  # "Ho, ho, ho!" is no Clarence Ho Ka-lok
        entity = state.registry.entities[form.entity]
        after = _name_after(state.text, cand.end, hi) or _after_nickname(state.text, cand.end, hi)
        # "Osman Ali", "Noor Vance": the start of someone else's name; but a
        # first surname before a word for her government or her time in
        # office is hers ("the López Government", as "the Trump Administration").
        uncertain = form.needs_naming or cand.mode == "variant"
        if after is not None and (
            (uncertain and fold_lower(after) not in TENURE_WORDS)
            or _another_name(state, entity, after)
        ):
            return None
        start = _surname_start(state, entity, start, cand.end, lo, hi)
        if start is None:
            return None
        if start != cand.start:
            how = "name"
    return _mention((start, cand.end, form.entity, how, True))


def _named(state: _Article, cand: Candidate, form: Form) -> bool:
    """May ``cand`` be a mention as far as naming goes: a form that needs
    no naming, or one whose entity the article names (see
    :data:`_NEEDS_NAMING` and :attr:`.registry.Form.needs_naming`)?"""
    return (
        not (cand.mode in _NEEDS_NAMING or form.needs_naming)
        or form.entity in state.named
        or state.evidence(form.entity, cand.start)
    )


def _ordinary_word(state: _Article, cand: Candidate, form: Form, lo: int, hi: int) -> bool:
    """True when the text uses the form's words as ordinary English words."""
    if not state.matcher.is_common(cand.form):
        return False
    surface = state.text[cand.start : cand.end]
    words = WORD_RE.findall(surface)
    if not has_upper(surface):
        return True
    if len(words) == 1 and fold_lower(words[0]) in PRONOUNS:
        # "He" of He Lifeng: a pronoun wherever a sentence may start.
        return cand.mode == "upper" or _may_open_sentence(state.text, cand.start, lo)
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


#: What may stand between the words of a repeated interjection ("Ho ho",
#: "Ho, ho", "Ho-ho").
_REPEATED = re.compile(r"[ \u00a0\u202f]*[,\-\u2010\u2011]?[ \u00a0\u202f]*")


def _interjection(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the two-letter word at ``start:end`` an interjection rather than
    a surname ("Ho" of Clarence Ho Ka-lok): repeated ("Ho, ho, ho",
    "ho-ho"), or opening a sentence with an exclamation mark ("Ho!")?"""
    word = text[start:end].lower()
    after = _next_word(text, end, hi)
    if after is not None and after[1].lower() == word and _REPEATED.fullmatch(after[0]):
        return True
    prev = previous_word(text, start, lo)
    if prev is not None and prev[2].lower() == word and _REPEATED.fullmatch(text, prev[1], start):
        return True
    return end < hi and text[end] == "!" and sentence_initial(text, start, lo)


def _abbreviated_given_name(text: str, start: int, end: int, hi: int) -> bool:
    """Is the word at ``start:end`` a given name abbreviated with a full
    stop ("Ma." for María in "Ma. Lourdes Cuenca"): one of
    :data:`.words.NAME_ABBREVIATIONS`, a full stop right after it, and then
    a capitalised word that may be a name: no ordinary word, title or
    descriptor ("thanked Ma. Later" ends a sentence)?"""
    if end >= hi or text[end] != "." or fold_lower(text[start:end]) not in NAME_ABBREVIATIONS:
        return False
    after = _next_word(text, end + 1, hi)
    return (
        after is not None
        and after[0] in _SPACE
        and is_titlecase(after[1])
        and not _ordinary_capital(after[1])
    )


#: What may stand between a full stop and the next sentence's first word.
_OPENING_MARKS = frozenset("\"'“‘«([")


def _may_open_sentence(text: str, pos: int, lo: int) -> bool:
    """May a sentence start at ``pos``: where :func:`.text.sentence_initial`
    says one does, and after any full stop but a title's ("the U.S. He
    said", "Inc. He said"; not "Dr. He")?"""
    if sentence_initial(text, pos, lo):
        return True
    j = pos - 1
    while j >= lo and (text[j].isspace() or text[j] in _OPENING_MARKS):
        j -= 1
    if j < lo or text[j] != ".":
        return False
    prev = previous_word(text, j + 1, lo)
    return prev is None or prev[1] != j or fold_lower(prev[2]) not in TITLES


#: The quotation marks that open and close a nickname, as English, German,
#: French, Swiss and Scandinavian copy writes them: straight and curly,
#: low ("„Kette“", "‚Kette‘") and guillemets either way ("«Kette»",
#: "»Kette«", "‹Kette›").
_NICK_OPEN = "'\"‘“„‚«»‹›"
_NICK_CLOSE = "'\"’”“‘»«›‹"
_NICK_MARKS = "".join(dict.fromkeys(_NICK_OPEN + _NICK_CLOSE))
#: A nickname in quotation marks after a given name, and the word after it
#: (the group); the end of one and the word after it; one right before a
#: surname.
_NICKNAME = re.compile(
    rf"[ \u00a0\u202f]+[{_NICK_OPEN}][^\W\d_][^{_NICK_MARKS}\n]{{0,24}}[{_NICK_CLOSE}]"
    rf"[ \u00a0\u202f]+({WORD})"
)
_NICKNAME_END = re.compile(rf"[{_NICK_CLOSE}][ \u00a0\u202f]({WORD})")
_NICKNAME_BEFORE = re.compile(
    rf"[{_NICK_OPEN}][^\W\d_][^{_NICK_MARKS}\n]{{0,24}}[{_NICK_CLOSE}][ \u00a0\u202f]$"
)
_CLOSING_QUOTES = frozenset(_NICK_CLOSE)


def _after_nickname(text: str, end: int, hi: int) -> str | None:
    """The capitalised word after a nickname in quotation marks right after
    ``end`` ("Darren ‘Dazza’ Pickford"); None when there is none."""
    nickname = _NICKNAME.match(text, end, hi)
    if nickname is None or not nickname.group(1)[:1].isupper():
        return None
    return nickname.group(1)


def _nickname_in_name(text: str, end: int, lo: int, hi: int) -> bool:
    """Does a match ending at ``end``, where a closing quotation mark
    follows, end a nickname in marks between a capitalised word of a name
    and a capitalised word ("Teodoro “Dodong” Alcaraz", "Ma. Lourdes “Malou”
    Cuenca"): part of the name, no mention of its own?"""
    after = _NICKNAME_END.match(text, end, hi)
    if after is None or not after.group(1)[:1].isupper():
        return False
    quote = _nickname_before(text, after.start(1), lo)
    return quote is not None and _name_word_before(text, quote, lo)


def _nickname_before(text: str, start: int, lo: int) -> int | None:
    """Where a nickname in quotation marks that a space ends right before
    ``start`` opens, when a space comes before it ("Teodoro “Dodong”
    Alcaraz"); None when there is none."""
    if start - 2 < lo or text[start - 2] not in _CLOSING_QUOTES or text[start - 1] not in _SPACE:
        return None
    m = _NICKNAME_BEFORE.search(text, max(lo, start - 30), start)
    if m is None or m.start() == lo or text[m.start() - 1] not in _SPACE:
        return None
    return m.start()


def _in_full_name(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the word at ``start:end`` part of a longer name: the start of one
    (see :func:`_name_after`), or a capitalised word right before it other
    than a title (the plural of one before a list: "Comrades Hân and Tuấn")
    or an ordinary word opening the sentence ("Monday Greta said"; "Abu
    Mohammed" and "Jan Greta" are other names)?"""
    if _name_after(text, end, hi) is not None or _after_nickname(text, end, hi) is not None:
        return True  # "Greta Thunberg", "Darren ‘Dazza’ Pickford"
    if not _name_word_before(text, start, lo):
        return False
    # "Comrades Hân and Tuấn": a title for each name, as for surnames
    prev = previous_word(text, start, lo)
    return not (prev is not None and _plural_title(prev[2]) and _LIST_GOES_ON.match(text, end, hi))


#: What, right after a full stop (and spaces), goes on with the sentence,
#: as a lowercase letter does: a comma, a colon, a dash or a bracket.
_GOES_ON = frozenset(",;:(-\u2013\u2014")


def _abbreviation(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the two-letter word at ``start:end`` (a given name: "Mo", "Jo",
    "Ed") an abbreviation, with a full stop after it: one the sentence goes
    on after ("Ed. note", "KANSAS CITY, Mo. —", "Mo., police said"), or a
    US state's after a place and a comma ("in Springfield, Mo. The")?"""
    if end - start != 2 or end >= hi or text[end] != ".":
        return False
    i = end + 1
    while i < hi and text[i] in _SPACE:
        i += 1
    if i < hi and (text[i].islower() or text[i] in _GOES_ON):
        return True
    prev = previous_word(text, start, lo)
    return (
        prev is not None
        and text[prev[1] : start] in (", ", ",\u00a0")
        and prev[2][:1].isupper()
        and not sentence_initial(text, prev[0], lo)
    )


def _name_word_before(text: str, start: int, lo: int) -> bool:
    """Is there a capitalised word right before ``start``, after a space,
    that may be part of a name: no title, and no ordinary word opening the
    sentence ("Monday Greta said")?"""
    prev = previous_word(text, start, lo)
    if prev is None or text[prev[1] : start] not in _SPACE or not is_titlecase(prev[2]):
        return False
    if fold_lower(prev[2]) in TITLES:
        return False
    return not (_ordinary_capital(prev[2]) and sentence_initial(text, prev[0], lo))


def _name_after(text: str, end: int, hi: int) -> str | None:
    """The capitalised word a name may go on with after ``end``: after a
    space, perhaps after surname particles ("Greta Thunberg", "Pieter van
    Dijk", "Hamad bin Jassim", "Walid al-Otaibi"); None when there is none."""
    m = NEXT_WORD_RE.match(text, end, hi)
    particle = False
    while m is not None and (m.group(1) in _SPACE or (particle and m.group(1) in _HYPHENS)):
        word = m.group(2)
        if is_titlecase(word):
            return word
        particle = word in PARTICLES
        if not particle:
            return None
        m = NEXT_WORD_RE.match(text, m.end(), hi)
    return None


#: Capitalised words that, right after a person's surname, make it no part
#: of another person's name: ordinary words ("Macron Tuesday said", "the
#: Trump White House"), titles and descriptors ("the Trump Justice
#: Department", "the Starmer Labour government") and the heads of
#: institutions and governments ("the Trump Administration"). Unlike before
#: a surname (:func:`_ordinary_capital`), a word in -ly is no adverb here:
#: "Kelly" and "Connolly" are names.
_NO_NAME_AFTER = COMMON | TITLES | DESCRIPTORS | INSTITUTIONS | ORGANIZATION_HINTS | TENURE_WORDS


def _another_name(state: _Article, entity: Entity, word: str) -> bool:
    """Does the capitalised ``word`` right after the person's surname make
    the two someone else's name ("Noor Vance", "Lin Abara", "Xi Mingze")?
    Not when it is one of :data:`_NO_NAME_AFTER` ("Macron Tuesday said",
    "the Trump Administration"), a word of the person's own name or
    aliases ("Putin Vladimir Vladimirovich") or a registered place or
    organisation ("the Biden Ukraine policy"). Words that make a longer
    name ("Trump Tower") are :func:`_part_of_longer_name`'s."""
    low = fold_lower(word)
    if low in _NO_NAME_AFTER:
        return False
    names = (entity.name, *entity.aliases)
    if any(fold_lower(w) == low for name in names for w in WORD_RE.findall(name)):
        return False
    other = state.registry.lookup(word)
    return other is None or state.registry.entities[other].kind == "person"


def _after_given_name(state: _Article, entity_id: str, start: int, lo: int) -> bool:
    """Does one of the person's given names come right before ``start``
    ("Viktor Tschernenko" for Viktor Chernenko, "Ibrahim Tayeb" for Ibrahim
    al-Tayeb): the person named in full, in another spelling?"""
    entity = state.registry.entities[entity_id]
    prev = previous_word(state.text, start, lo)
    return prev is not None and _given_name_start(state, entity, prev, start, lo) is not None


def _given_name_start(
    state: _Article, entity: Entity, prev: tuple[int, int, str], start: int, lo: int
) -> int | None:
    """Where one of the person's given names starts when it is ``prev``, the
    word right before the surname at ``start``, or the word before an
    initial or a patronymic that is ("Vladimir Putin", "Donald J. Trump",
    "Olga Petrovna Zaitseva"); None when it is not."""
    text = state.text
    p_start, p_end, word = prev
    sep = text[p_end:start]
    if sep in _SPACE and fold(word) in entity.given_names:
        return p_start
    if _middle_name(word, sep):
        before = previous_word(text, p_start, lo)
        if (
            before is not None
            and text[before[1] : p_start] in _SPACE
            and fold(before[2]) in entity.given_names
        ):
            return before[0]
    return None


def _middle_name(word: str, sep: str) -> bool:
    """Is ``word``, followed by ``sep`` and a surname, an initial ("J.") or
    a patronymic ("Petrovna", "Vladimirovich"): words that stand between a
    given name and a surname?"""
    if len(word) == 1:
        return word.isupper() and sep in (". ", ".\u00a0")
    return sep in _SPACE and is_patronymic(word)


def _surname_start(
    state: _Article, entity: Entity, start: int, end: int, lo: int, hi: int
) -> int | None:
    """Where a mention by surname at ``start:end`` starts: earlier when a
    given name (and an initial or a patronymic) of the same person comes
    first; None when another capitalised name does, which makes it someone
    else's surname."""
    text = state.text
    prev = previous_word(text, start, lo)
    if prev is None:
        return start
    given = _given_name_start(state, entity, prev, start, lo)
    if given is not None:
        return given
    _, p_end, word = prev
    sep = text[p_end:start]
    if _middle_name(word, sep):
        return None  # "George W. Bush" when only another Bush is registered
    if sep in _HYPHENS and fold_lower(word) in ARABIC_ARTICLES:
        return None  # "Marzouq Al-Sabkhi": the name with its article was no mention
    if sep not in _SPACE or not word[:1].isupper() or p_end == state.last_end:
        return start
    if (
        _ordinary_capital(word)
        or fold_lower(word) == role_head(entity.role)
        or _before_full_name(state, entity, word)
    ):
        return start  # "Governor Sitompul", "Regent Sitompul" (a regent), "Monday Sitompul"
    if _plural_title(word) and _LIST_GOES_ON.match(text, end, hi):
        return start  # "Justices Kettering and Ashby": a title for each name
    return None  # "Ivanka Trump": another person with the same surname


#: Where the head of a role ends: before what it is of, for, at, in, from,
#: to or with, or at a comma, a semicolon or a bracket.
_ROLE_HEAD_END = re.compile(r"\s+(?:of|for|at|in|from|to|with)\s+|[,;(]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def role_head(role: str) -> str | None:
    """The head of a registry role, folded and lowercase: the last word
    before what the role is of, for, at ... ("regent" of "Regent of
    Karangsari", "attorney" of "District Attorney of Ashford County",
    "harbourmaster" of "Harbourmaster, Port Elling"); None for no role.
    Right before the person's surname it is a title, as the listed ones
    are ("Regent Sitompul")."""
    words = WORD_RE.findall(_ROLE_HEAD_END.split(role, maxsplit=1)[0])
    return fold_lower(words[-1]) if words else None


def _ordinary_capital(word: str) -> bool:
    """Is a capitalised word one that need not be part of a name: an
    ordinary word ("Monday", "Later"), a title ("President"), a descriptor
    ("Ukrainian") or an adverb?"""
    low = fold_lower(word)
    return low in COMMON or low in TITLES or low in DESCRIPTORS or low.endswith("ly")


#: Plural endings and the singular's in their place ("Justices", "Deputies",
#: "Chairmen").
_PLURALS = (("s", ""), ("es", ""), ("ies", "y"), ("men", "man"))
#: What goes on with a list of names after one: "Kettering and Ashby",
#: "Kettering, Ashby and Feldstein".
_LIST_GOES_ON = re.compile(r",|[ \u00a0\u202f]+and[ \u00a0\u202f]")


def _plural_title(word: str) -> bool:
    """Is ``word`` the plural of a title ("Justices", "Presidents", "Drs")?"""
    low = fold_lower(word)
    return any(
        low.endswith(plural) and low[: len(low) - len(plural)] + singular in TITLES
        for plural, singular in _PLURALS
    )


def _before_full_name(state: _Article, entity: Entity, word: str) -> bool:
    """Did the article write ``word`` right before the person's full name,
    the last time it named them ("shepherdess Anke Hinrichs", then
    "Shepherdess Hinrichs"): the person's role, not another name?"""
    full = state.last_full.get(entity.id, -1)
    if full <= 0:
        return False
    prev = previous_word(state.text, full, 0)
    return (
        prev is not None
        and state.text[prev[1] : full] in _SPACE
        and fold_lower(prev[2]) == fold_lower(word)
    )


def _title_evidence(state: _Article, texts: list[str]) -> None:
    """Entities the title or summary names plainly count as already seen."""
    for text in texts:
        if not text:
            continue
        spans: dict[tuple[int, int], set[str]] = {}
        forms: dict[tuple[int, int], Form] = {}
        for cand in state.matcher.scan(text):
            form = state.matcher.forms[cand.form]
            if state.matcher.is_common(cand.form) or cand.mode in _NEEDS_NAMING:
                continue
            if form.needs_naming:
                continue
            spans.setdefault((cand.start, cand.end), set()).add(form.entity)
            forms[(cand.start, cand.end)] = form
        for span, entities in spans.items():
            if len(entities) == 1:
                (entity,) = entities
                state.seen(entity, -1, full=forms[span].origin not in DERIVED)


def to_annotations(
    text: str, mentions: list[Mention], registry: Registry, link: str = "first"
) -> list[Annotation]:
    """Turn mentions into ``entity`` annotations under the link policy:
    ``first`` links the first mention of each entity in prose and keeps the
    rest as annotations that are not links; ``all`` links every one.

    Mentions of one entity written the same way and matched the same way
    share one ``data`` dict (annotation data is read-only once returned): a
    large site holds every article's annotations at once, most of them
    repeated mentions."""
    linked: set[str] = set()
    link_all = link == "all"
    annotations = []
    data = _MentionData(registry)
    for start, end, eid, how, prose in mentions:
        inline = prose and (link_all or eid not in linked)
        if inline:
            linked.add(eid)
        card, refs = data(eid, text[start:end], how)
        annotations.append(Annotation(start, end, "entity", card, refs, inline))
    return annotations


def refresh_annotations(
    annotations: list[Annotation], registry: Registry
) -> list[Annotation] | None:
    """Entity annotations made again from the registry as it is now, with
    the same spans and refs: what :func:`to_annotations` would give the same
    mentions (a new role shows in the data). None when one names an entity
    the registry no longer has."""
    data = _MentionData(registry)
    refreshed = []
    for ann in annotations:
        old = ann.data
        if old.get("id") not in registry.entities:
            return None
        card, refs = data(old["id"], old["surface"], old["match"])
        refreshed.append(
            Annotation(ann.start, ann.end, ann.kind, card, refs, ann.inline, ann.aside)
        )
    return refreshed


class _MentionData:
    """The data and refs of mentions, one dict per entity, form as written
    and way of matching (see :func:`to_annotations`)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.made: dict[tuple[str, str, str], tuple[dict[str, Any], tuple[str]]] = {}

    def __call__(self, eid: str, surface: str, how: str) -> tuple[dict[str, Any], tuple[str]]:
        key = (eid, surface, how)
        known = self.made.get(key)
        if known is None:
            card, refs = self.registry.card_and_refs(eid)
            known = self.made[key] = ({**card, "surface": surface, "match": how}, refs)
        return known
