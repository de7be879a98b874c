"""Small text tools: words, sentences and first-person cues over a block.

All positions are offsets into ``article.text``; functions take the text and
a ``(lo, hi)`` window (usually one block) so nothing has to be copied.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import ABBREVIATIONS, FIRST_PERSON, QUOTE_MARKS, REPORTING_VERBS

#: A word (group 1) with an optional final full stop (group 2), or any other
#: non-space character (group 3).
_TOKEN = re.compile(r"(\w+(?:[-'’.&]\w+)*)(\.?)|(\S)")
_BOUNDARY = re.compile(r"[.!?]+[”»\"’)\]]*(?=\s+[\"“”«»„(\[]?\s?[A-Z0-9À-ÖØ-Þ])")
_SPACE = re.compile(r"\s+")
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
    pieces with punctuation go through the regular expression. Tokens are
    built directly as tuples (see :class:`Token`)."""
    tokens: list[Token] = []
    cues: list[int] = []
    add = tokens.append
    find = text.find
    pos = lo
    for piece in text[lo:hi].split():
        start = find(piece, pos)
        pos = start + len(piece)
        if piece.isalnum():  # one word: ``\w`` is exactly ``str.isalnum()`` or ``_``
            low = piece.lower()
            if low in VERB_CUES:
                cues.append(len(tokens))
            cap = piece[0].isupper() or piece[0].isdigit()
            add(_new_token(Token, (start, pos, piece, low, True, cap)))
            continue
        for m in _TOKEN.finditer(text, start, pos):
            begin, end = m.span()
            word = m.group()
            if m.lastindex == 3:  # a single character that is not a word's
                cap = word.isupper() or word.isdigit()
                add(_new_token(Token, (begin, end, word, word.lower(), False, cap)))
                continue
            first = word[0]
            cap = first.isupper() or first.isdigit()
            split = word[-1] == "." and not _keeps_stop(word)
            if split:
                end -= 1
                word = word[:-1]
            low = word.lower()
            if low in VERB_CUES:
                cues.append(len(tokens))
            add(_new_token(Token, (begin, end, word, low, True, cap)))
            if split:
                add(_new_token(Token, (end, end + 1, ".", ".", False, False)))
    return tokens, cues


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
        # "Mr. Smith", "U.S. officials": not a boundary after an abbreviation.
        word_start = stop
        while word_start > lo and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
            word_start -= 1
        word = text[word_start : stop + 1]
        if text[stop] == "." and word.endswith(".") and _keeps_stop(word):
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
    offsets: list[int]  # where each token starts
    cues: list[int]  # the indices of tokens in VERB_CUES, in order

    def index_at(self, pos: int) -> int:
        """The index of the first token starting at or after ``pos``
        (``len(toks)`` when there is none)."""
        return bisect_left(self.offsets, pos)


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
            found = Tokenized(toks, starts, [t.start for t in toks], cues)
            self._blocks[lo, hi] = found
        return found


def sentence_span(starts: list[int], hi: int, pos: int) -> tuple[int, int]:
    """The sentence (start, end) of a block holding ``pos`` (``starts`` in
    increasing order, as :func:`sentence_starts` gives them)."""
    i = bisect_right(starts, pos)  # sentences starting at or before ``pos``
    return starts[i - 1] if i else starts[0], starts[i] if i < len(starts) else hi


def strip_span(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Shrink ``(start, end)`` past white space (and ``chars``) at both ends."""
    skip = set(chars)
    while start < end and (text[start].isspace() or text[start] in skip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in skip):
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
    """Collapse white space (block separators included) to single spaces."""
    return _SPACE.sub(" ", text).strip()
