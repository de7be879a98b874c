"""Quotations in single marks, as British house styles write them.

Much British copy quotes in single marks and nests in double ones:
``‘We were told “wait”,’ she said.`` The rules of this plugin read double
marks, so an article's single-mark quotations are read with the two kinds
swapped: each pair ``‘…’`` that no double marks enclose becomes ``“…”`` and
the double marks inside it single ones. Every mark is one character either
way, so offsets are unchanged and annotations point into the real text.

A closing single mark is also an apostrophe, so a pair needs care:

- ``‘`` opens only at the start of a word (after a space, a bracket, a dash
  or the start of the block) before a letter, a digit or an ellipsis, and
  not before a decade (``the ‘90s``, typed for ``the ’90s``);
- its ``’`` is the first after it that ends a word (no letter or digit
  follows) and is not a plural possessive (``the workers’ union``: an ``s``
  before it, and a space and a lowercase word after it, unless a comma or a
  stop comes first, as in ``‘sound as the workers’,`` — there it closes);
- a pair never runs past its block; an opening mark with no closing one is
  left as it is (``the ‘90s``), unless it opens its paragraph: a quotation
  over several paragraphs opens each and closes only the last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article

_OPEN, _CLOSE = "\u2018", "\u2019"
_DOUBLE_OPEN, _DOUBLE_CLOSE = "\u201c", "\u201d"
#: What may come before an opening single mark.
_BEFORE_OPEN = frozenset(" \t\n([{—–-\u00a0")
_SWAP = str.maketrans({_DOUBLE_OPEN: _OPEN, _DOUBLE_CLOSE: _CLOSE})


def with_double_marks(text: str, blocks: list[tuple[int, int]]) -> str:
    """``text`` with each quotation in single marks written in double ones
    (and the double marks inside it in single ones); ``text`` itself when it
    has none. ``blocks`` are the (start, end) of the blocks to read."""
    if _OPEN not in text:
        return text
    chars: list[str] | None = None
    for lo, hi in blocks:
        for start, end in _pairs(text, lo, hi):
            if chars is None:
                chars = list(text)
            chars[start] = _DOUBLE_OPEN
            if end < 0:
                end = hi  # open to the end of the paragraph
            else:
                chars[end] = _DOUBLE_CLOSE
            chars[start + 1 : end] = text[start + 1 : end].translate(_SWAP)
    return text if chars is None else "".join(chars)


def _pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (opening, closing) offsets of the single-mark quotations of the
    block ``text[lo:hi]`` that no double marks enclose; closing -1 for one
    that runs on into the next block (it opens the block, or a sentence
    after a quotation of the block that closed)."""
    pairs = []
    inside_double = False
    i = lo
    while i < hi:
        ch = text[i]
        if ch == _DOUBLE_OPEN or (ch == '"' and not inside_double):
            inside_double = True
        elif ch == _DOUBLE_CLOSE or ch == '"':
            inside_double = False
        elif ch == _OPEN and not inside_double and _opens(text, i, lo, hi):
            end = _closing(text, i + 1, hi)
            if end is not None:
                pairs.append((i, end))
                i = end
            elif i == lo or (pairs and text[i + 1].isupper()):
                # A quotation over several paragraphs: the mark opens each
                # paragraph (or the part after its attribution: "‘…,’ he
                # said. ‘The players …") and closes only the last.
                pairs.append((i, -1))
        i += 1
    return pairs


def _opens(text: str, i: int, lo: int, hi: int) -> bool:
    before_ok = i == lo or text[i - 1] in _BEFORE_OPEN
    after = text[i + 1 : i + 4]
    if _DECADE.match(after):
        return False  # "the ‘90s", typed for "the ’90s"
    return before_ok and (after[:1].isalnum() or after[:1] in ".…")


_DECADE = re.compile(r"\d\ds\b|\d\d$")


def _closing(text: str, i: int, hi: int) -> int | None:
    """The closing mark of a quotation opened before ``i``: see the module."""
    while i < hi:
        ch = text[i]
        if ch == _CLOSE:
            after = text[i + 1] if i + 1 < hi else ""
            if not after.isalnum() and not _possessive(text, i, hi):
                return i
        i += 1
    return None


def _possessive(text: str, i: int, hi: int) -> bool:
    """Is the mark at ``i`` the apostrophe of a plural possessive: after an
    ``s``, before a space and a lowercase word (``the workers’ union``)?"""
    if i == 0 or text[i - 1] not in "sS":
        return False
    rest = text[i + 1 : min(hi, i + 3)]
    return len(rest) == 2 and rest[0] == " " and rest[1].islower()


class SingleMarksView:
    """An article whose :attr:`text` has its single-mark quotations in
    double marks (see :func:`with_double_marks`); everything else is the
    article's own."""

    def __init__(self, article: Article, text: str) -> None:
        self._article = article
        self.text = text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._article, name)


def reading_view(article: Article) -> Article:
    """The article as the quotation rules read it: itself, or a
    :class:`SingleMarksView` when it quotes in single marks."""
    text = article.text
    if _OPEN not in text:
        return article
    converted = with_double_marks(text, [(b.start, b.end) for b in article.blocks])
    if converted is text:
        return article
    return SingleMarksView(article, converted)  # type: ignore[return-value]
