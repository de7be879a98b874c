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
  stop comes first, as in ``‘sound as the workers’,`` — there it closes —
  or the word is one no possessive is followed by, ``… companies’ and``);
  when every ``’`` after it reads as a possessive, the first of them closes,
  unless the quotation may run on into the next paragraph (see below);
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
            # May it run on into the next block? Then it needs a closing mark
            # that is no possessive; else the first possessive may close it.
            runs_on = i == lo or (bool(pairs) and text[i + 1].isupper())
            end = _closing(text, i + 1, hi, possessive_closes=not runs_on)
            if end is not None:
                pairs.append((i, end))
                i = end
            elif runs_on:
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


def _closing(text: str, i: int, hi: int, *, possessive_closes: bool) -> int | None:
    """The closing mark of a quotation opened before ``i``: see the module.
    With ``possessive_closes``, the first mark that reads as a plural
    possessive when no other closes it."""
    possessive = None
    while i < hi:
        ch = text[i]
        if ch == _CLOSE:
            after = text[i + 1] if i + 1 < hi else ""
            if not after.isalnum():
                if not _possessive(text, i, hi):
                    return i
                if possessive is None:
                    possessive = i
        i += 1
    return possessive if possessive_closes else None


def _possessive(text: str, i: int, hi: int) -> bool:
    """Is the mark at ``i`` the apostrophe of a plural possessive: after an
    ``s``, before a space and a lowercase word that could be what is
    possessed (``the workers’ union``, not ``… companies’ and disclosed``)?"""
    if i == 0 or text[i - 1] not in "sS":
        return False
    rest = text[i + 1 : min(hi, i + 3)]
    if not (len(rest) == 2 and rest[0] == " " and rest[1].islower()):
        return False
    word = _WORD.match(text, i + 2, hi)
    return word is None or word.group() not in _NOT_POSSESSED


_WORD = re.compile(r"[a-z]+")
#: Words that never follow a plural possessive as what it possesses: after
#: ``companies’`` they say the mark closes a quotation.
_NOT_POSSESSED_WORDS = """
    and or but nor in on at to for from with by as of than that which who whom when where
    while because if so yet was were is are be been has have had said says told will would
    could should can may might not also after before during since until into over under
    about against between through per via then he she they it we i you his her their its
    across among amid around without within toward towards despite inside outside beyond
    near upon like unlike including the a an this these those every each
"""
_NOT_POSSESSED = frozenset(_NOT_POSSESSED_WORDS.split())


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
