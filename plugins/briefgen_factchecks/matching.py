"""Finding match phrases in an article's text, forgiving of typography.

Both the phrase and the text are *folded* one character at a time:
lowercase, Unicode compatibility forms (NFKC: non-breaking and thin spaces,
``…``, full-width digits), curly quotes and guillemets to straight quotes,
every dash and minus sign to ``-``, any whitespace to a space, and invisible
characters (soft hyphens, zero-width spaces) dropped. Folding one character at
a time keeps a map from every folded character back to its offset in the
original text, so a match is reported as a span of ``article.text``.

The folded phrase becomes a regular expression that is tolerant of spacing:
between two words any run of whitespace (or a hyphen: ``30-day`` matches
``30 day``), and next to a symbol optional whitespace (``$180 billion`` matches
``$ 180 billion``). A phrase never starts or ends inside a word. A figure
in the phrase matches however the text writes it (``$180bn``, ``180 billion
dollars``, ``40 per cent``, ``thirty``): see :mod:`.quantities`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .quantities import figure_at

_QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e", '"'),
}
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_WORD = re.compile(r"\w+")
_NUMBER_UNIT = re.compile(r"(\d+)([^\W\d_]+)")


@functools.lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    if ch in _INVISIBLE:
        return ""
    if ch.isspace():
        return " "
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        c = _QUOTES.get(c, _DASHES.get(c, c))
        if c.isspace():
            out.append(" ")
        else:
            out.append(c.casefold())
    return "".join(out)


#: Characters ``str.lower()`` maps by context (a final sigma), not one by one.
_CONTEXTUAL = frozenset("\u03a3")


@functools.lru_cache(maxsize=4096)
def _lowers_alike(ch: str) -> bool:
    """Whether ``str.lower()`` folds ``ch`` exactly as :func:`fold_char`
    does, to one character, whatever surrounds it."""
    if ch in _CONTEXTUAL:
        return False
    low = ch.lower()
    return len(low) == 1 and low == fold_char(ch)


def fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded text and, for each of its characters,
    the offset in ``text`` of the character it came from."""
    folded, origin = _fold(text)
    return folded, list(range(len(text))) if origin is None else origin


def _fold(text: str) -> tuple[str, list[int] | None]:
    """:func:`fold`, with None for the origin when every character folds to
    exactly one (the usual case: offsets are unchanged).

    Most characters fold as ``str.lower()`` lowercases them, and lowercasing
    a whole text is much faster than translating it character by character,
    so only the others (curly quotes, dashes, spaces, ligatures...) are
    replaced one by one before the text is lowercased."""
    special = {ch: fold_char(ch) for ch in set(text) if not _lowers_alike(ch)}
    if not special:
        return text.lower(), None
    if any(folded.lower() != folded for folded in special.values()):
        # Lowercasing would change a replacement: translate it all instead.
        result = text.translate({ord(ch): fold_char(ch) for ch in set(text)})
    else:
        result = _class_of(special).sub(lambda m: special[m.group()], text).lower()
    irregular = [ch for ch, folded in special.items() if len(folded) != 1]
    if not irregular:
        return result, None
    origin: list[int] = []
    pos = 0
    for m in _class_of(irregular).finditer(text):
        i = m.start()
        origin.extend(range(pos, i))
        origin.extend([i] * len(special[text[i]]))
        pos = i + 1
    origin.extend(range(pos, len(text)))
    return result, origin


def _class_of(chars: Iterable[str]) -> re.Pattern[str]:
    """A regular expression matching any one of ``chars``."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def phrase_tokens(folded: str) -> list[tuple[str, bool]]:
    """Split a folded phrase (see :func:`fold`) into words and single
    symbols, each with whether whitespace came before it; a number written
    with its unit ("98mph") is two words with nothing between."""
    tokens: list[tuple[str, bool]] = []
    i, space = 0, False
    while i < len(folded):
        ch = folded[i]
        if ch == " ":
            space, i = True, i + 1
            continue
        word = _WORD.match(folded, i)
        if word:
            unit = _NUMBER_UNIT.fullmatch(word.group())
            if unit:  # "98mph" is the number 98 and the word "mph"
                tokens += [(unit.group(1), space), (unit.group(2), False)]
            else:
                tokens.append((word.group(), space))
            i = word.end()
        else:
            tokens.append((ch, space))
            i += 1
        space = False
    return tokens


def _is_word(token: str) -> bool:
    return bool(_WORD.fullmatch(token))


def phrase_pattern(phrase: str) -> str | None:
    """The regular expression (over folded text) for a match phrase, or None
    when the phrase holds nothing but spaces."""
    found = _phrase_search(phrase)
    return None if found is None else found[0]


def _phrase_search(phrase: str) -> tuple[str, Needles] | None:
    """:func:`phrase_pattern`, and what every match holds: each word of the
    phrase as it stands, and one of the strings of each figure (see
    :class:`.quantities.Figure`). Looking for them first is much faster
    than running the expression over a text that cannot match (an
    expression that opens with a figure has no fixed start)."""
    tokens = phrase_tokens(fold(phrase)[0])
    if not tokens:
        return None
    words = [token for token, _ in tokens]
    parts: list[str] = []
    literal: list[str] = []  # the words matched as they stand
    figures: list[tuple[str, ...]] = []
    starts_with_figure = False
    i = 0
    while i < len(tokens):
        token, _ = tokens[i]
        figure = figure_at(words, i)
        if figure is not None:  # "$180 billion" written any way: see .quantities
            if i == 0:
                starts_with_figure = True
            else:
                parts.append(r"\s*(?:-\s*)?")
            parts.append(figure.pattern)
            figures.append(figure.needles)
            i += figure.taken
            continue
        if i > 0:
            prev = tokens[i - 1][0]
            # A hyphen between two words joins them: "30-day" ~ "30 day" ~ "30 - day".
            if (
                token == "-"
                and _is_word(prev)
                and i + 1 < len(tokens)
                and _is_word(tokens[i + 1][0])
            ):
                parts.append(r"(?:\s*-\s*|\s+)")
                parts.append(re.escape(tokens[i + 1][0]))
                literal.append(tokens[i + 1][0])
                i += 2
                continue
            if (
                _is_word(prev)
                and _is_word(token)
                and (not tokens[i][1] or (prev.isdigit() and token.isalpha()))
            ):
                parts.append(r"\s*-?\s*")  # a number and its unit: "98mph" ~ "98 mph" ~ "98-mph"
            elif _is_word(prev) and _is_word(token):
                parts.append(r"(?:\s+|\s*-\s*)")
            else:
                parts.append(r"\s*")
        parts.append(re.escape(token))
        if _is_word(token):
            literal.append(token)
        i += 1
    first = tokens[0][0]
    if _is_word(first) and not starts_with_figure:
        # Not inside a word: checked after the first word, not before it, so
        # that the pattern starts with a literal the regex engine can seek.
        parts[0] = re.escape(first) + rf"(?<!\w.{{{len(first)}}})"
    if _is_word(tokens[-1][0]):
        parts.append(r"(?!\w)")
    return "".join(parts), (*((word,) for word in dict.fromkeys(literal)), *figures)


#: What a match holds: for each group, one of its strings (see :func:`_phrase_search`).
Needles = tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=1024)
def _searched(phrase: str) -> tuple[str, Needles] | None:
    """:func:`_phrase_search`, worked out once per phrase."""
    return _phrase_search(phrase)


@functools.lru_cache(maxsize=1024)
def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, once per process. Compiled only when first
    used: once a text holds every needle of a phrase or figure (a build
    that changes one article would otherwise compile every expression of
    the library for it, which takes longer than annotating it)."""
    return re.compile(pattern)


@dataclass(frozen=True)
class FoldedText:
    """An article's text folded once, to search it for many phrases."""

    text: str
    folded: str
    origin: list[int] | None  # None: offsets are the same in both

    @classmethod
    def of(cls, text: str) -> FoldedText:
        folded, origin = _fold(text)
        return cls(text, folded, origin)

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """Every match of ``phrase`` as (start, end) offsets into the original text."""
        found = _searched(phrase)
        if found is None:
            return []
        pattern, needles = found
        folded = self.folded
        for group in needles:
            if not any(needle in folded for needle in group):
                return []
        regex = compiled(pattern)
        origin = self.origin
        spans = []
        for m in regex.finditer(folded):
            start, end = m.span()
            if end <= start:
                continue
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
            spans.append((start, end))
        return spans
