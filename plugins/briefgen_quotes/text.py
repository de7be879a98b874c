"""Small text tools: words, sentences and first-person cues over a block.

All positions are offsets into ``article.text``; functions take the text and
a ``(lo, hi)`` window (usually one block) so nothing has to be copied.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from .lexicon import ABBREVIATIONS, FIRST_PERSON, QUOTE_MARKS, REPORTING_VERBS

#: In a piece of text without white space: a word with an optional final
#: full stop, or any other character.
_PART = re.compile(r"\w+(?:[-'’.&]\w+)*\.?|\S")
#: A sentence's end. It opens with one character class, not a repetition,
#: which the regular expression engine searches for much faster.
_BOUNDARY = re.compile(r"[.!?][.!?]*[”»\"’)\]]*(?=\s+[\"“”«»„(\[]?\s?[A-Z0-9À-ÖØ-Þ])")
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")
#: Words that may report speech: every speech verb is a reporting verb.
VERB_CUES = REPORTING_VERBS | {"according"}


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
            first.isupper() or first.isdigit(),
        )


_new_token = tuple.__new__


def tokenize(text: str, lo: int, hi: int) -> list[Token]:
    """Words and punctuation in ``text[lo:hi]``; a word's final full stop is
    split off unless the word is an abbreviation or an initial (``U.S.``)."""
    return _tokenize(text, lo, hi)[0]


def _tokenize(text: str, lo: int, hi: int) -> tuple[list[Token], list[int]]:
    """:func:`tokenize`, and the indices of the tokens in :data:`VERB_CUES`.

    The plugin's innermost loop. Tokens never hold white space, so the text
    is split at white space first (``str.split`` and ``\\s`` agree on what
    it is) and most pieces are one plain word, a token as it stands; only
    pieces with punctuation are split further (:func:`_split_piece`). Tokens
    are built directly as tuples (see :class:`Token`)."""
    tokens: list[Token] = []
    add = tokens.append
    pos = lo - 1
    for piece in text[lo:hi].split():
        pos += 1  # past the white space after the previous piece
        if text[pos].isspace():  # more white space than one character
            pos = text.find(piece, pos)
        start = pos
        pos += len(piece)
        if piece.isalnum():  # one word: ``\w`` is exactly ``str.isalnum()`` or ``_``
            first = piece[0]
            cap = first.isupper() or first.isdigit()
            add(_new_token(Token, (start, pos, piece, piece.lower(), True, cap)))
        else:
            _split_piece(piece, start, add)
    cues = list(compress(count(), map(VERB_CUES.__contains__, map(_LOWER, tokens))))
    return tokens, cues


_START, _LOWER = itemgetter(0), itemgetter(3)


def _split_piece(piece: str, start: int, add: Callable[[Token], None]) -> None:
    """The tokens of one piece of text between white space that is not a
    plain word, in order (``add`` takes each). A word with one mark after
    it ("said," "Peskov.") or before it ("“We") is split directly; other
    pieces by the regular expression, whose matches are contiguous inside a
    piece, so that their lengths give the offsets."""
    end = start + len(piece)
    core, last = piece[:-1], piece[-1]
    if core.isalnum() and last != "_":  # "said," "Peskov."
        cap = _cap(core[0])
        if last == "." and _keeps_stop(piece):  # "Mr."
            add(_new_token(Token, (start, end, piece, piece.lower(), True, cap)))
        else:
            add(_new_token(Token, (start, end - 1, core, core.lower(), True, cap)))
            add(_new_token(Token, (end - 1, end, last, last.lower(), False, _cap(last))))
        return
    first, rest = piece[0], piece[1:]
    if rest.isalnum() and first != "_":  # "“We"
        add(_new_token(Token, (start, start + 1, first, first.lower(), False, _cap(first))))
        add(_new_token(Token, (start + 1, end, rest, rest.lower(), True, _cap(rest[0]))))
        return
    for part in _PART.findall(piece):
        end = start + len(part)
        first = part[0]
        cap = _cap(first)
        if not (first.isalnum() or first == "_"):  # a single character that is not a word's
            add(_new_token(Token, (start, end, part, part.lower(), False, cap)))
        elif part[-1] == "." and not _keeps_stop(part):  # the stop ends a sentence
            word = part[:-1]
            add(_new_token(Token, (start, end - 1, word, word.lower(), True, cap)))
            add(_new_token(Token, (end - 1, end, ".", ".", False, False)))
        else:
            add(_new_token(Token, (start, end, part, part.lower(), True, cap)))
        start = end


def _cap(char: str) -> bool:
    """Does a token that starts with ``char`` count as capitalised?"""
    return char.isupper() or char.isdigit()


def _keeps_stop(word: str) -> bool:
    core = word[:-1]
    if "." in core:  # U.S., e.g.
        return True
    if len(core) == 1 and core.isupper():  # an initial: J. Smith
        return True
    return core.lower() in ABBREVIATIONS


def sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where sentences start in ``text[lo:hi]`` (``lo`` first)."""
    starts = [lo]
    for m in _BOUNDARY.finditer(text, lo, hi):
        stop = m.start()
        if text[stop] == ".":
            # "Mr. Smith", "U.S. officials": not a boundary after an abbreviation.
            word_start = stop
            while word_start > lo and (
                text[word_start - 1].isalnum() or text[word_start - 1] == "."
            ):
                word_start -= 1
            if _keeps_stop(text[word_start : stop + 1]):
                continue
        nxt = m.end()
        while nxt < hi and text[nxt].isspace():
            nxt += 1
        if nxt < hi:
            starts.append(nxt)
    return starts


@dataclass(frozen=True, slots=True)
class Tokenized:
    """One block's tokens and sentence starts."""

    toks: list[Token]
    starts: list[int]  # sentence starts, the block's start first
    cues: list[int]  # the indices of tokens in VERB_CUES, in order
    #: What the rules read from these tokens, by rule and token index, for
    #: the rules asked the same question twice (see :mod:`.speakers`).
    memo: dict[tuple[str, int], object] = field(default_factory=dict)

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
            toks, cues = _tokenize(self.text, lo, hi)
            starts = sentence_starts(self.text, lo, hi)
            found = Tokenized(toks, starts, cues)
            self._blocks[lo, hi] = found
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
    """How many words ``text`` holds."""
    return len(_WORDS.findall(text))


def has_first_person(text: str) -> bool:
    """True when ``text`` speaks in the first or second person."""
    return FIRST_PERSON.search(text) is not None


def has_marks(text: str) -> bool:
    return any(ch in QUOTE_MARKS for ch in text)


def normalize(text: str) -> str:
    """Collapse white space (block separators included) to single spaces,
    none at either end."""
    return " ".join(text.split())
