"""Small text tools: words, sentences and first-person cues over a block.

All positions are offsets into ``article.text``; functions take the text and
a ``(lo, hi)`` window (usually one block) so nothing has to be copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, FIRST_PERSON, QUOTE_MARKS

_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*\.?|\S")
_BOUNDARY = re.compile(r"[.!?]+[”»\"’)\]]*(?=\s+[\"“”«»„(\[]?\s?[A-Z0-9À-ÖØ-Þ])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation character of the text."""

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


def tokenize(text: str, lo: int, hi: int) -> list[Token]:
    """Words and punctuation in ``text[lo:hi]``; a word's final full stop is
    split off unless the word is an abbreviation or an initial (``U.S.``)."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text, lo, hi):
        word = m.group()
        if len(word) > 1 and word.endswith(".") and not _keeps_stop(word):
            tokens.append(Token.of(m.start(), m.end() - 1, word[:-1]))
            tokens.append(Token.of(m.end() - 1, m.end(), "."))
        else:
            tokens.append(Token.of(m.start(), m.end(), word))
    return tokens


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


def sentence_span(starts: list[int], hi: int, pos: int) -> tuple[int, int]:
    """The sentence (start, end) of a block holding ``pos``."""
    start = starts[0]
    end = hi
    for s in starts:
        if s <= pos:
            start = s
        else:
            end = s
            break
    return start, end


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
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def has_first_person(text: str) -> bool:
    """True when ``text`` speaks in the first or second person."""
    return FIRST_PERSON.search(text) is not None


def has_marks(text: str) -> bool:
    return any(ch in QUOTE_MARKS for ch in text)


def normalize(text: str) -> str:
    """Collapse white space (block separators included) to single spaces."""
    return _SPACE.sub(" ", text).strip()
