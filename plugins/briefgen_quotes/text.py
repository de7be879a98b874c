"""Small text tools: words, sentences and first-person cues over a block.

All positions are offsets into ``article.text``; functions take the text and
a ``(lo, hi)`` window (usually one block) so nothing has to be copied.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .lexicon import (
    ABBREVIATIONS,
    CALENDAR,
    DASHES,
    FIRST_PERSON,
    NOUN_LIKE_VERBS,
    REPORTING_VERBS,
)

#: In a piece of text without white space: a number with its thousands set
#: apart by commas ("86,000": the comma is no comma of the sentence), a word
#: with an optional final full stop or plus ("Canal+", "C++"), two hyphens (a dash, see
#: :data:`DASHES`), or any other character.
_PART = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\w+(?:[-–'’.&]\w+)*(?:\+\+?|\.)?|--|\S")
#: A sentence's end and the white space after it: the match ends where the
#: next sentence starts. It opens with one character class, not a
#: repetition, which the regular expression engine searches for much faster.
_BOUNDARY = re.compile(r"[.!?][.!?]*[”»\"’)\]]*\s+(?=[\"“”«»„(\[]?\s?[A-Z0-9À-ÖØ-Þ])")
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")
#: A dash of :data:`DASHES` in the text, two hyphens before one.
DASH = re.compile("|".join(sorted(DASHES, key=lambda dash: (-len(dash), dash))))
#: Words that may report speech: every speech verb is a reporting verb.
VERB_CUES = REPORTING_VERBS | NOUN_LIKE_VERBS | {"according"}


#: A capitalised word as the patterns of names write it ("Ferris", "O'Neill", "Jr.").
CAPITAL_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"

#: Capital letters for character classes (``[{UPPER}]``): Latin with its
#: accents ("BRASÍLIA", "SÃO PAULO", "ŁÓDŹ"; Latin Extended-A pairs its
#: capitals with small letters, so both are in), Greek and Cyrillic.
UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁ"


class Token(NamedTuple):
    """A word or a punctuation character of the text.

    A named tuple: an article has thousands of tokens, and a tuple is built
    several times faster than a (frozen) dataclass instance."""

    start: int
    end: int
    text: str
    lower: str = ""
    is_word: bool = False
    capitalized: bool = False

    @classmethod
    def of(cls, start: int, end: int, text: str) -> Token:
        first = text[:1]
        return cls(
            start,
            end,
            text,
            text.lower(),
            first.isalnum() or first == "_",
            first.isupper() or first.isdigit() or _particle_name(text),
        )


#: Particles written in lowercase and joined to the name they belong to
#: ("al-Tayeb", "el-Sisi", "ad-Din", "bin-Salman"): such a word is a name.
_JOINED_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn"})


def _particle_name(word: str) -> bool:
    """Is ``word`` a lowercase particle joined to a capitalised name ("al-Tayeb")?"""
    particle, dash, rest = word.partition("-")
    return bool(dash) and rest[:1].isupper() and particle in _JOINED_PARTICLES


_new_token = tuple.__new__


def tokenize(text: str, lo: int, hi: int) -> list[Token]:
    """Words and punctuation in ``text[lo:hi]``; a word's final full stop is
    split off unless the word is an abbreviation or an initial (``U.S.``)."""
    return _tokenize(text, lo, hi)[0]


def _tokenize(text: str, lo: int, hi: int) -> tuple[list[Token], list[int]]:
    """:func:`tokenize`, and the indices of the tokens in :data:`VERB_CUES`.

    The plugin's innermost loop. Tokens never hold white space, so the text
    is split at white space first (``str.split`` and ``\\s`` agree on what
    it is). Each piece is worked out once (see :func:`_learn`): most are
    plain words, a token as they stand; a piece with punctuation ("said,"
    "“We" "U.S.") has a shape, its tokens relative to its start. Tokens are
    built directly as tuples (see :class:`Token`), and verb cues are noted
    as the words go by."""
    tokens: list[Token] = []
    add = tokens.append
    cues: list[int] = []
    pieces = text[lo:hi].split()
    # Is there more white space than one character between two pieces (or
    # any before the first)? Usually not, and the next piece is not looked for.
    spaced = sum(map(len, pieces)) + len(pieces) - 1 != hi - lo
    pos = lo - 1
    for piece in pieces:
        pos += 1  # past the white space after the previous piece
        if spaced and text[pos].isspace():
            pos = text.find(piece, pos)
        start = pos
        pos += len(piece)
        word = _PLAIN.get(piece)
        if word is not None:  # a plain word seen before: the usual case
            lower, capitalized, cue = word
            if cue:
                cues.append(len(tokens))
            add(_new_token(Token, (start, pos, piece, lower, True, capitalized)))
            continue
        parts, hits = _SHAPES.get(piece) or _learn(piece)
        if hits:
            cues.extend(len(tokens) + i for i in hits)
        for a, b, part, lower, is_word, capitalized in parts:
            add(_new_token(Token, (start + a, start + b, part, lower, is_word, capitalized)))
    return tokens, cues


_START = itemgetter(0)

#: What a plain word (``str.isalnum()``) stands for: its lower case, whether
#: it is capitalised, whether it is a verb cue; by word.
_PLAIN: dict[str, tuple[str, bool, bool]] = {}
#: The tokens of any other piece (offsets from the piece's start) and the
#: indices of the verb cues among them, by piece ("said," "Peskov.").
_SHAPES: dict[str, tuple[tuple[Token, ...], tuple[int, ...]]] = {}
#: Both start afresh when they hold this many pieces.
_MAX_LEARNED = 100_000


def _learn(piece: str) -> tuple[tuple[Token, ...], tuple[int, ...]]:
    """The tokens of ``piece`` as if it started at offset 0 (see
    :func:`_piece_tokens`) and the indices of the verb cues among them,
    remembered in :data:`_PLAIN` or :data:`_SHAPES`."""
    parts = tuple(_piece_tokens(piece))
    hits = tuple(i for i, t in enumerate(parts) if t.lower in VERB_CUES)
    if len(_PLAIN) + len(_SHAPES) >= _MAX_LEARNED:
        _PLAIN.clear()
        _SHAPES.clear()
    if piece.isalnum():  # a plain word: one token, as it stands
        _PLAIN[piece] = parts[0].lower, parts[0].capitalized, bool(hits)
    else:
        _SHAPES[piece] = parts, hits
    return parts, hits


def _piece_tokens(piece: str) -> Iterator[Token]:
    """The tokens of one piece of text between white space, as if it started
    at offset 0: the matches of :data:`_PART`, which are contiguous inside a
    piece (so that their lengths give the offsets), with a word's final full
    stop split off unless :func:`_keeps_stop`."""
    start = 0
    for part in _PART.findall(piece):
        end = start + len(part)
        first = part[0]
        is_word = first.isalnum() or first == "_"
        if is_word and part[-1] == "." and not _keeps_stop(part):  # the stop ends a sentence
            yield Token.of(start, end - 1, part[:-1])
            yield Token.of(end - 1, end, ".")
        else:
            yield Token.of(start, end, part)
        start = end


@lru_cache(maxsize=4096)  # asked for every word that ends in a full stop
def _keeps_stop(word: str) -> bool:
    """Is the full stop at the end of ``word`` part of it (an abbreviation
    or an initial), rather than the end of a sentence?"""
    core = word[:-1]
    if "." in core:  # U.S., e.g. (not "$16.6bn.": a figure ends its sentence)
        return all(part.replace("-", "").isalpha() for part in core.split("."))
    if core.isupper():  # an initial (J. Smith) keeps it; an acronym (the DET.) does not
        return len(core) == 1
    return core.lower() in ABBREVIATIONS


#: Words that go on a time after "a.m." or "p.m." ("10 p.m. Eastern").
_TIME_ZONES = CALENDAR | {"eastern", "pacific", "central", "mountain", "local"}
_NEXT_WORD = re.compile(r"[\"“”«»„(\[]?\s?(\w+)")


def _time_then_sentence(word: str, text: str, at: int) -> bool:
    """After "a.m." or "p.m.", does the capitalised word at ``at`` start a
    sentence ("at 10 p.m. Turnout was high")? Not a day, a month or a time
    zone ("10 p.m. Tuesday", "10 p.m. ET")."""
    if word.lower() not in ("a.m.", "p.m."):
        return False
    m = _NEXT_WORD.match(text, at)
    if m is None:
        return False
    nxt = m.group(1)
    return not (nxt.lower() in _TIME_ZONES or (len(nxt) > 1 and nxt.isupper()))


#: A news agency in brackets after a dateline's place: "(AP)", "(dpa/lni)".
_AGENCY = r"\([A-Za-z]+(?:/[A-Za-z]+)?\)"
#: A label that opens a block and is no part of its first sentence: a
#: dateline, a time stamp ("15:58 — "), a speaker label ("Q: ", "A: ") or a
#: place in capitals ("AMARAVATI: "). A dateline is a place in capitals
#: ("SEOUL, June 3 (Hanseong) — ", "KYIV — "), or a place in any case with
#: its agency in brackets: up to three capitalised words ("Hanover
#: (dpa/lni) - ") or a place, a country or date and the agency ("Jakarta,
#: Indonesia (AP) — ", "Valencia, 8 apr (EFE).- "); then a dash, which may be
#: two hyphens (see :data:`DASH`). Capitals are any upper-case letters,
#: accented ones too ("BRASÍLIA -- ", "SÃO PAULO — "; see :data:`UPPER`).
_CAP = f"[{UPPER}]"
_LABEL = re.compile(
    rf"(?:(?:{_CAP}[{UPPER} .'’-]+(?:,[\w .]+)?(?:\s*{_AGENCY})?"
    rf"|{_CAP}[\w.'’/-]*(?: {_CAP}[\w.'’/-]*){{0,2}} {_AGENCY}"
    rf"|{_CAP}[\w.'’ -]{{0,40}},[^()\n]{{1,30}}{_AGENCY}\s*\.?)\s*(?:{DASH.pattern}|-)"
    rf"|\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?\s*(?:{DASH.pattern}|[:-])"
    rf"|(?:[QA]|{_CAP}[{UPPER}'’-]+(?: {_CAP}[{UPPER}'’-]+)*):)\s+(?=[^\W\d_]|[\"“‘«])"
)


#: "X" as a platform's name, not an initial: "… in a post on X." ends its sentence.
_PLATFORM = re.compile(r"\b(?:on|via)\s+X\.$")


def sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where sentences start in ``text[lo:hi]``: the first after
    any label that opens the block (see :data:`_LABEL`), else ``lo``."""
    label = _LABEL.match(text, lo, hi)
    starts = [label.end() if label else lo]
    for m in _BOUNDARY.finditer(text, lo, hi):
        stop = m.start()
        if text[stop] == ".":
            # "Mr. Smith", "U.S. officials": not a boundary after an abbreviation.
            word_start = stop
            while word_start > lo and (
                text[word_start - 1].isalnum() or text[word_start - 1] == "."
            ):
                word_start -= 1
            word = text[word_start : stop + 1]
            if (
                _keeps_stop(word)
                and not _time_then_sentence(word, text, m.end())
                and not _PLATFORM.search(text, max(lo, word_start - 12), stop + 1)
            ):
                continue
        starts.append(m.end())
    return starts


class Tokenized:
    """One block's tokens, and its sentence starts (found when first asked:
    many blocks are only searched for speech verbs and quotation marks)."""

    __slots__ = ("_starts", "cues", "hi", "lo", "memo", "text", "toks")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text, self.lo, self.hi = text, lo, hi
        toks, cues = _tokenize(text, lo, hi)
        self.toks: list[Token] = toks
        self.cues: list[int] = cues  # the indices of tokens in VERB_CUES, in order
        self._starts: list[int] | None = None
        #: What the rules read from these tokens, by rule and token index, for
        #: the rules asked the same question twice (see :mod:`.speakers`).
        self.memo: dict[tuple[str, int], object] = {}

    @property
    def starts(self) -> list[int]:
        """Where the block's sentences start, the block's start first."""
        if self._starts is None:
            self._starts = sentence_starts(self.text, self.lo, self.hi)
        return self._starts

    def index_at(self, pos: int) -> int:
        """The index of the first token starting at or after ``pos``
        (``len(toks)`` when there is none)."""
        return bisect_left(self.toks, pos, key=_START)


@dataclass
class ArticleTokens:
    """The tokens of an article's blocks, each block tokenised once: finding
    quotations, boxing and resolving speakers all read the same blocks."""

    text: str
    _blocks: dict[tuple[int, int], Tokenized] = field(default_factory=dict)

    def block(self, lo: int, hi: int) -> Tokenized:
        """``text[lo:hi]`` tokenised (computed on first use)."""
        found = self._blocks.get((lo, hi))
        if found is None:
            found = self._blocks[lo, hi] = Tokenized(self.text, lo, hi)
        return found


def sentence_span(starts: list[int], hi: int, pos: int) -> tuple[int, int]:
    """The sentence (start, end) of a block holding ``pos`` (``starts`` in
    increasing order, as :func:`sentence_starts` gives them)."""
    i = bisect_right(starts, pos)  # sentences starting at or before ``pos``
    return starts[i - 1] if i else starts[0], starts[i] if i < len(starts) else hi


def strip_span(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Shrink ``(start, end)`` past white space (and ``chars``) at both ends."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def words(text: str) -> int:
    """How many words ``text`` holds: the matches of :data:`_WORDS`, which
    hold no white space, counted piece by piece between white space."""
    return sum(map(_piece_words, text.split()))


@lru_cache(maxsize=8192)  # pieces recur ("said," "the")
def _piece_words(piece: str) -> int:
    return 1 if piece.isalnum() else len(_WORDS.findall(piece))


def has_first_person(text: str) -> bool:
    """True when ``text`` speaks in the first or second person."""
    return FIRST_PERSON.search(text) is not None


def normalize(text: str) -> str:
    """Collapse white space (block separators included) to single spaces,
    none at either end."""
    return " ".join(text.split())
