"""One matcher over every surface form of the registry.

The forms are compiled into word tries (a dict keyed by the first word's
folded key, then by ``(separator, next word)`` pairs), one per way of
comparing case:

- ``exact``: case-sensitive forms, keyed by folded words (diacritics removed;
  case is compared on the first word only, see :func:`.registry.form_key`);
- ``lower``: case-insensitive forms, keyed by folded lowercase words;
- ``upper``: every form in capitals, used only inside an ALL-CAPS dateline.

Scanning a block of text costs the same whatever the size of the registry:
the words of the block are collected with one regular expression, the ones
that can start a form are picked out by set operations against a per-word
cache (each distinct word is classified once, by at most five dict look-ups),
and only their occurrences walk a trie, one dict look-up per following word.

The matcher proposes :class:`Candidate` spans; deciding which of them are
mentions (longest first, context, ambiguity) is the linker's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .registry import Form, key_words
from .text import (
    NEXT_WORD_RE,
    WORD_RE,
    all_common,
    dateline_end,
    fold,
    fold_separator,
    is_word_char,
    sentence_initial,
)

#: Key of a trie node's list of forms ending there: (tail, form index, plural ok).
TERM = ""
_EXACT, _LOWER, _DECAP, _UPPER, _PLURAL, _PLURAL_LOWER = 1, 2, 4, 8, 16, 32
_CACHE_LIMIT = 400_000


class Candidate(NamedTuple):
    """A span of text that reads as one form of the registry.

    ``mode`` says how case was compared: ``exact``, ``lower`` (a
    case-insensitive form), ``decap`` (a lowercase form capitalised at the start
    of a sentence) or ``upper`` (an ALL-CAPS dateline). ``fused`` is true when
    a person's name was found with a plural or possessive ``s`` fused to it
    (``Poutines``), which the span leaves out.
    """

    start: int
    end: int
    form: int
    mode: str
    fused: bool = False


class Matcher:
    """Finds every occurrence of every form in a block of text."""

    def __init__(self, forms: Sequence[Form], persons: set[str] | frozenset[str]) -> None:
        self.forms: list[Form] = list(forms)
        self.exact: dict[str, dict] = {}
        self.lower: dict[str, dict] = {}
        self.upper: dict[str, dict] = {}
        self.plural_exact: dict[str, list[int]] = {}
        self.plural_lower: dict[str, list[int]] = {}
        for index, form in enumerate(self.forms):
            self._insert(index, form, form.entity in persons)
        #: Per form: is it made of ordinary English words only?
        self.common: list[bool] = [
            f.common if f.common is not None else all_common(f.text) for f in self.forms
        ]
        #: Units of work done so far (words classified, occurrences examined,
        #: trie steps); the tests compare it across registries.
        self.work = 0
        self.clear_cache()

    # ------------------------------------------------------------ compiling

    def _insert(self, index: int, form: Form, person: bool) -> None:
        parts = form.parts
        if parts is None:
            return
        raw, seps, tail = parts
        words = key_words(raw, form.case_insensitive)
        plural = person and not tail
        root = self.lower if form.case_insensitive else self.exact
        self._add_path(root, words, seps, (tail, index, plural))
        upper = [fold(w).upper() for w in raw]
        self._add_path(self.upper, upper, seps, (tail, index, False))
        if plural and len(words) == 1:
            table = self.plural_lower if form.case_insensitive else self.plural_exact
            table.setdefault(words[0], []).append(index)

    @staticmethod
    def _add_path(root: dict, words: Sequence[str], seps: Sequence[str], entry: tuple) -> None:
        node = root.setdefault(words[0], {})
        for sep, word in zip(seps, words[1:], strict=True):
            node = node.setdefault((sep, word), {})
        node.setdefault(TERM, []).append(entry)

    # ------------------------------------------------------------ the cache

    def clear_cache(self) -> None:
        """Forget which words were classified (the cache only saves work)."""
        self._flags: dict[str, int] = {}
        self._starts: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_flags"], state["_starts"] = {}, set()
        return state

    def _classify(self, word: str) -> int:
        """Which tries (if any) a form starting with ``word`` could be in."""
        self.work += 1
        f = fold(word)
        low = f.lower()
        flags = 0
        if f in self.exact:
            flags |= _EXACT
        if low in self.lower:
            flags |= _LOWER
        if f[0].isupper():
            decap = f[0].lower() + f[1:]
            if decap != f and decap in self.exact:
                flags |= _DECAP
        if len(f) > 1 and f.isupper() and f in self.upper:
            flags |= _UPPER
        if len(f) > 2 and low.endswith("s"):
            if f[:-1] in self.plural_exact:
                flags |= _PLURAL
            if low[:-1] in self.plural_lower:
                flags |= _PLURAL_LOWER
        return flags

    def _starting_words(self, text: str, lo: int, hi: int) -> list[str]:
        words = set(WORD_RE.findall(text, lo, hi))
        new = words.difference(self._flags)
        if new:
            if len(self._flags) > _CACHE_LIMIT:
                self.clear_cache()
            for word in new:
                flags = self._classify(word)
                self._flags[word] = flags
                if flags:
                    self._starts.add(word)
        return sorted(words & self._starts)

    # ------------------------------------------------------------ scanning

    def scan(self, text: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
        """Every candidate span in ``text[lo:hi]`` (one block: a candidate
        never runs past ``hi``), in no particular order."""
        hi = len(text) if hi is None else hi
        out: list[Candidate] = []
        dateline = -1
        size = len(text)
        for word in self._starting_words(text, lo, hi):
            flags = self._flags[word]
            if flags & _UPPER and dateline < 0:
                dateline = dateline_end(text, lo, hi)
            n = len(word)
            i = text.find(word, lo, hi)
            while i != -1:
                j = i + n
                self.work += 1
                if (i == lo or not is_word_char(text[i - 1])) and (
                    j >= size or not is_word_char(text[j])
                ):
                    self._start(text, lo, hi, i, j, word, flags, dateline, out)
                i = text.find(word, j, hi)
        return out

    def _start(
        self,
        text: str,
        lo: int,
        hi: int,
        i: int,
        j: int,
        word: str,
        flags: int,
        dateline: int,
        out: list[Candidate],
    ) -> None:
        f = fold(word)
        if flags & _EXACT:
            self._walk(text, hi, self.exact[f], i, j, "exact", out)
        if flags & _LOWER:
            self._walk(text, hi, self.lower[f.lower()], i, j, "lower", out)
        if flags & _DECAP and sentence_initial(text, i, lo):
            self._walk(text, hi, self.exact[f[0].lower() + f[1:]], i, j, "decap", out)
        if flags & _UPPER and i < dateline:
            self._walk(text, hi, self.upper[f], i, j, "upper", out)
        if flags & (_PLURAL | _PLURAL_LOWER) and not (i > lo and _after_the(text, i, lo)):
            if flags & _PLURAL:
                for index in self.plural_exact[f[:-1]]:
                    out.append(Candidate(i, j - 1, index, "exact", True))
            if flags & _PLURAL_LOWER:
                for index in self.plural_lower[f.lower()[:-1]]:
                    out.append(Candidate(i, j - 1, index, "lower", True))

    @staticmethod
    def _key(word: str, mode: str) -> str:
        """The key of a word after the first: case matters only in capitals."""
        f = fold(word)
        return f.upper() if mode == "upper" else f.lower()

    def _walk(
        self,
        text: str,
        hi: int,
        node: dict,
        start: int,
        end: int,
        mode: str,
        out: list[Candidate],
    ) -> None:
        """Follow the trie from the first word; every form ending on the way
        is a candidate (so the longest and the shorter ones are all proposed)."""
        pos = end
        size = len(text)
        while True:
            self.work += 1
            for tail, index, _plural in node.get(TERM, ()):
                stop = pos
                if tail:
                    if fold_separator(text[pos : pos + len(tail)]) != tail:
                        continue
                    stop = pos + len(tail)
                if stop < size and is_word_char(text[stop]):
                    continue
                out.append(Candidate(start, stop, index, mode))
            if len(node) == (TERM in node):
                return  # a leaf: no form goes on (most names end here)
            m = NEXT_WORD_RE.match(text, pos, hi)
            if m is None:
                return
            sep = fold_separator(m.group(1))
            key = self._key(m.group(2), mode)
            child = node.get((sep, key))
            if child is None:
                if len(key) > 2 and key[-1] in "sS":
                    fused = node.get((sep, key[:-1]))
                    for _tail, index, plural in (fused or {}).get(TERM, ()):
                        if plural:
                            out.append(Candidate(start, m.end(2) - 1, index, mode, True))
                return
            node = child
            pos = m.end(2)


def _after_the(text: str, i: int, lo: int) -> bool:
    """True after "the": "the Trumps" is a family, not one person."""
    before = text[max(lo, i - 4) : i]
    return before.lower() in ("the ", "the\u00a0")
