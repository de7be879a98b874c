"""One matcher over every surface form of the registry.

The forms are compiled into word tries (a dict from the first word's folded
key to a :class:`Node`, then nodes keyed by ``(separator, next word)``
pairs), one per way of comparing case, each trie's paths from one first
word laid when a word of the text first asks for them:

- ``exact``: case-sensitive forms, keyed by folded words (diacritics removed;
  case is compared on the first word only, see :func:`.registry.form_key`);
- ``lower``: case-insensitive forms, keyed by folded lowercase words;
- ``lowered``: capitalised forms that may be written all in lowercase (see
  :attr:`.registry.Form.lowered`), keyed by folded lowercase words, looked
  up only for words written in lowercase;
- ``upper``: every form in capitals, used only inside an ALL-CAPS dateline
  and, for a person's forms, right after a title in any case ("Senator
  CATTANACH:", a transcript's label).

A capitalised word that starts no form may still be another spelling of a
person's one-word name or surname ("Poutine", "Selenskyj" for a registered
"Putin", "Zelenskyy"): see :meth:`Matcher.spelled_as` (mode ``variant``).

Scanning a block of text costs the same whatever the size of the registry:
the block is split at white space (no word crosses white space), each
distinct chunk is split into words once (a per-chunk cache), and each
distinct word is classified once, by at most six dict look-ups, into the
trie nodes a form starting with it continues from (a per-word cache). Set
operations against the caches pick out the chunks holding such a word; only
the occurrences of those words walk a trie, one dict look-up per following
word. The linker looks at all the blocks of an article at once (see
:meth:`Matcher.block_occurrences`), and walks only from the occurrences that
the mentions found before it leave free.

The matcher proposes :class:`Candidate` spans; deciding which of them are
mentions (longest first, context, ambiguity) is the linker's job.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from operator import itemgetter
from typing import Any, NamedTuple

from .registry import Form
from .text import (
    DATELINE_REACH,
    FORM_NEXT_WORD_RE,
    LOOSE_MARKS,
    WORD_RE,
    all_common,
    dateline_end,
    fold,
    fold_lower,
    fold_separator,
    is_word_char,
    previous_word,
    sentence_initial,
    spelling_key,
)
from .words import COMMON, PLACE_WORDS, TITLES

_CACHE_LIMIT = 400_000
_start_of = itemgetter(0)


class Node:
    """A node of a word trie: the forms ending here, as ``(tail, form index,
    plural ok)``, and the nodes that follow, by ``(separator, word key)``."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.ends: list[tuple[str, int, bool]] = []
        self.children: dict[tuple[str, str], Node] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as arguments, not slot by slot: a third faster to store
        # a registry's tries (see site.cached).
        return _node, (self.children, self.ends)


def _node(children: dict[tuple[str, str], Node], ends: list[tuple[str, int, bool]]) -> Node:
    node = Node.__new__(Node)
    node.children = children
    node.ends = ends
    return node


class Candidate(NamedTuple):
    """A span of text that reads as one form of the registry.

    ``mode`` says how case was compared: ``exact``, ``lower`` (a
    case-insensitive form), ``lowered`` (a capitalised form written in
    lowercase, which needs evidence), ``decap`` (a lowercase form capitalised
    at the start of a sentence), ``upper`` (an ALL-CAPS dateline, or capitals
    after a title) or
    ``variant`` (another spelling of a person's name, which needs evidence). ``fused`` is true when
    a person's name was found with a plural or possessive ``s`` fused to it
    (``Poutines``), which the span leaves out.
    """

    start: int
    end: int
    form: int
    mode: str
    fused: bool = False


class Starter(NamedTuple):
    """What a word can start: the trie node to follow from it in each mode
    (None where no form starts with it), and the persons' one-word forms it
    spells with a plural or possessive ``s`` fused to the end."""

    exact: Node | None
    lower: Node | None
    decap: Node | None
    upper: Node | None
    plural: tuple[int, ...]
    plural_lower: tuple[int, ...]
    #: When the candidates do not depend on the text around the word (it
    #: starts only forms that end with it, compared exactly or in lowercase):
    #: the trie steps a walk takes, and the candidates' ``(form, mode)``.
    fixed: tuple[int, tuple[tuple[int, str], ...]] | None = None
    #: Other words starting at the same place, as ``(end, starter)``: only
    #: next to a loose mark (see :meth:`Matcher.occurrences`).
    also: tuple[tuple[int, Starter], ...] = ()
    #: The node of the ``lowered`` trie (a word written in lowercase only).
    lowered: Node | None = None
    #: The persons' one-word forms the word is another spelling of, as it
    #: stands and with a fused ``s`` (see :meth:`Matcher.spelled_as`).
    variant: tuple[int, ...] = ()
    variant_fused: tuple[int, ...] = ()


#: ``_candidate((start, end, form, mode, fused))`` makes a :class:`Candidate`
#: as ``Candidate(...)`` would, but in C: a named tuple's own ``__new__`` is
#: a Python function, and articles propose a hundred candidates or more.
_candidate = partial(tuple.__new__, Candidate)


#: A word of a block that can start a form: ``(start, end, starter)`` (a
#: plain tuple: articles hold many, and named tuples cost more to make).
Occurrence = tuple[int, int, Starter]


class Matcher:
    """Finds every occurrence of every form in a block of text."""

    def __init__(self, forms: Sequence[Form], persons: set[str] | frozenset[str]) -> None:
        self.forms: list[Form] = list(forms)
        self.persons = frozenset(persons)
        #: Persons' one-word forms by spelling key (see :meth:`spelled_as`),
        #: made when first asked for.
        self._spellings: dict[str, list[int]] | None = None
        #: The tries, by the key of a form's first word, each made when a
        #: word of the text first asks for it (see :meth:`_root`).
        self.exact: dict[str, Node] = {}
        self.lower: dict[str, Node] = {}
        self.upper: dict[str, Node] = {}
        self.lowered: dict[str, Node] = {}
        #: The forms of each trie not made yet, as ``(form index, plural
        #: ok)`` in the order of the forms, by the key of their first word.
        self._waiting: dict[str, dict[str, list[tuple[int, bool]]]] = {
            "exact": {},
            "lower": {},
            "upper": {},
            "lowered": {},
        }
        self.plural_exact: dict[str, list[int]] = {}
        self.plural_lower: dict[str, list[int]] = {}
        for index, form in enumerate(self.forms):
            self._enrol(index, form, form.entity in persons)
        #: Per form index: is it made of ordinary English words only? Filled
        #: in as forms are proposed (see :meth:`is_common`).
        self._common: dict[int, bool] = {}
        #: Units of work done so far (words classified, occurrences examined,
        #: trie steps); the tests compare it across registries.
        self.work = 0
        self.clear_cache()

    # ------------------------------------------------------------ compiling

    def _enrol(self, index: int, form: Form, person: bool) -> None:
        """Note ``form`` under its first word's key in the tries it belongs
        to; its paths are laid when the key is first asked for. A registry
        of 10,000 entities has some 25,000 forms, and an article's words ask
        for a few hundred keys: laying every path at once took most of the
        time of building the matcher."""
        parts = form.parts
        if parts is None:
            return
        raw, _seps, tail = parts
        assert form.key is not None  # made with the parts
        words = form.key[1][0]  # the form's folded words (see key_words)
        plural = person and not tail
        waiting = self._waiting
        mode = "lower" if form.case_insensitive else "exact"
        waiting[mode].setdefault(words[0], []).append((index, plural))
        if form.lowered:
            waiting["lowered"].setdefault(words[0].lower(), []).append((index, False))
        waiting["upper"].setdefault(fold(raw[0]).upper(), []).append((index, False))
        if plural and len(words) == 1:
            table = self.plural_lower if form.case_insensitive else self.plural_exact
            table.setdefault(words[0], []).append(index)

    def _root(self, mode: str, key: str) -> Node | None:
        """The root of the ``mode`` trie (``exact``, ``lower``, ``lowered``
        or ``upper``) for forms whose first word has ``key``, made now if it
        was waiting; None when no form starts so."""
        roots: dict[str, Node] = getattr(self, mode)
        node = roots.get(key)
        if node is not None:
            return node
        waiting = self._waiting[mode].pop(key, None)
        if waiting is None:
            return None
        for index, plural in waiting:
            raw, seps, tail = self.forms[index].parts  # type: ignore[misc]
            if mode == "upper":
                words: Sequence[str] = [fold(w).upper() for w in raw]
            elif mode == "lowered":
                first, *rest = self.forms[index].key[1][0]  # type: ignore[index]
                words = [first.lower(), *rest]
            else:
                words = self.forms[index].key[1][0]  # type: ignore[index]
            self._add_path(roots, words, seps, (tail, index, plural))
        return roots[key]

    @staticmethod
    def _add_path(
        root: dict[str, Node], words: Sequence[str], seps: Sequence[str], entry: tuple
    ) -> None:
        node = root.get(words[0])
        if node is None:
            node = root[words[0]] = Node()
        for key in zip(seps, words[1:], strict=True):
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = Node()
            node = child
        node.ends.append(entry)

    def is_common(self, index: int) -> bool:
        """Is the form ``index`` made of ordinary English words only (unless
        its entity file says otherwise)?"""
        common = self._common.get(index)
        if common is None:
            form = self.forms[index]
            common = form.common if form.common is not None else all_common(form.text)
            self._common[index] = common
        return common

    # ------------------------------------------------------------ the caches

    def clear_cache(self) -> None:
        """Forget which chunks and words were classified (the caches only
        save work)."""
        #: Word -> its Starter, or None when no form starts with it.
        self._words: dict[str, Starter | None] = {}
        #: White-space-delimited chunk -> the words in it that start a form.
        self._chunks: dict[str, tuple[str, ...]] = {}
        #: The chunks holding at least one such word.
        self._starting_chunks: set[str] = set()
        #: The chunks holding a loose mark (see :data:`.text.LOOSE_MARKS`).
        self._loose_chunks: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_words"], state["_chunks"] = {}, {}
        state["_spellings"] = None
        state["_starting_chunks"], state["_loose_chunks"] = set(), set()
        return state

    def _classify(self, word: str) -> Starter | None:
        """Where (if anywhere) a form starting with ``word`` goes on."""
        self.work += 1
        f = fold(word)
        low = f.lower()
        exact = self._root("exact", f)
        lower = self._root("lower", low)
        lowered = self._root("lowered", low) if f == low else None
        decap = None
        if f[0].isupper():
            uncapitalised = f[0].lower() + f[1:]
            if uncapitalised != f:
                decap = self._root("exact", uncapitalised)
        upper = self._root("upper", f) if len(f) > 1 and f.isupper() else None
        plural: tuple[int, ...] = ()
        plural_lower: tuple[int, ...] = ()
        fused = _may_hold_fused_s(low)
        if fused:
            plural = tuple(self.plural_exact.get(f[:-1], ()))
            plural_lower = tuple(self.plural_lower.get(low[:-1], ()))
        variant: tuple[int, ...] = ()
        variant_fused: tuple[int, ...] = ()
        if exact is lower is decap is upper is None and not plural and f[0].isupper():
            variant = self.spelled_as(f)
            if not variant and fused:
                variant_fused = self.spelled_as(f[:-1])
        if (
            exact is lower is decap is upper is lowered is None
            and not plural
            and not plural_lower
            and not variant
            and not variant_fused
        ):
            return None
        return Starter(
            exact,
            lower,
            decap,
            upper,
            plural,
            plural_lower,
            None
            if decap or upper or plural or plural_lower or variant or variant_fused
            else _fixed(exact, lower, lowered),
            lowered=lowered,
            variant=variant,
            variant_fused=variant_fused,
        )

    def starts_form(self, word: str) -> bool:
        """Does some form of the registry start with ``word`` (in any of the
        ways of comparing case)?"""
        starter = self._words.get(word, False)
        if starter is False:
            starter = self._classify(word)
        return starter is not None

    def spelled_as(self, word: str) -> tuple[int, ...]:
        """The one-word forms of a single person that ``word`` (capitalised,
        folded, five letters or more, not an ordinary word, not in capitals)
        is another spelling of, by :func:`.text.spelling_key`; empty when
        none, or when the spelling could be more than one person's. Forms
        that are ordinary words have no other spellings ("Browne" is not
        "Brown")."""
        if len(word) < 5 or word.isupper() or all_common(word):
            return ()
        if self._spellings is None:
            self._spellings = {}
            for index, form in enumerate(self.forms):
                parts = form.parts
                if (
                    form.entity in self.persons
                    and parts is not None
                    and len(parts[0]) == 1
                    and not self.is_common(index)  # "Brown" is not "Browne"
                ):
                    self._spellings.setdefault(spelling_key(form.text), []).append(index)
        found = self._spellings.get(spelling_key(word), [])
        if len({self.forms[i].entity for i in found}) != 1:
            return ()
        return tuple(found)

    def _add_chunk(self, chunk: str) -> None:
        """Split a new chunk into words, classifying the words not seen yet."""
        starting = []
        for word in dict.fromkeys(WORD_RE.findall(chunk)):
            if word not in self._words:
                self._words[word] = self._classify(word)
            if self._words[word] is not None:
                starting.append(word)
        self._chunks[chunk] = tuple(starting)
        if starting:
            self._starting_chunks.add(chunk)
        if not chunk.isascii() and not LOOSE_MARKS.isdisjoint(chunk):
            self._loose_chunks.add(chunk)

    def _starting_words(self, text: str, lo: int, hi: int) -> tuple[list[str], bool]:
        """The distinct words of ``text[lo:hi]`` that start a form, sorted,
        and whether a loose mark is there too.

        Words are the matches of ``WORD_RE``, which never hold white space,
        so the words of a text are those of its white-space-delimited chunks;
        most chunks were seen before, and set operations find the few that
        hold a word worth looking for."""
        chunks = set(text[lo:hi].split())
        new = chunks.difference(self._chunks)
        if new:
            if len(self._chunks) + len(self._words) > _CACHE_LIMIT:
                self.clear_cache()
                new = chunks
            for chunk in new:
                self._add_chunk(chunk)
        words: set[str] = set()
        for chunk in chunks.intersection(self._starting_chunks):
            words.update(self._chunks[chunk])
        loose = bool(self._loose_chunks) and not self._loose_chunks.isdisjoint(chunks)
        return sorted(words), loose

    # ------------------------------------------------------------ scanning

    def scan(self, text: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
        """Every candidate span in ``text[lo:hi]`` (one block: a candidate
        never runs past ``hi``), in text order."""
        hi = len(text) if hi is None else hi
        out: list[Candidate] = []
        for occurrence in self.occurrences(text, lo, hi):
            out.extend(self.candidates(text, lo, hi, occurrence))
        return out

    def occurrences(self, text: str, lo: int, hi: int) -> list[Occurrence]:
        """The words of the block ``text[lo:hi]`` that can start a form, in
        text order: each spelling of such a word (the one ``WORD_RE`` finds
        in the block) wherever it stands between characters that do not
        continue a word.

        Next to a loose mark (see :data:`.text.LOOSE_MARKS`), two words can
        start at one place: "Ab" inside "Ab" + U+034F + "cd" when "Ab" is a
        word elsewhere in the block. Such occurrences are merged into one
        (see :attr:`Starter.also`)."""
        words, loose = self._starting_words(text, lo, hi)
        found = self._find(text, lo, hi, words)
        return _merge_same_start(found) if loose else found

    def block_occurrences(
        self, text: str, blocks: Iterable[tuple[int, int]]
    ) -> Iterator[tuple[int, int, list[Occurrence]]]:
        """``(lo, hi, occurrences)`` for each block ``text[lo:hi]`` in turn,
        as :meth:`occurrences` finds them, but looking at the whole text at
        once, which costs less than block by block. The blocks must be in
        text order and separated by white space (as an article's are).

        It is the same: a word never holds white space, so its spellings are
        found in the same places; and a spelling between characters that do
        not continue a word is a word of its own block, unless a loose mark
        stands next to it (then the text is looked at block by block)."""
        words, loose = self._starting_words(text, 0, len(text))
        if loose:
            for lo, hi in blocks:
                yield lo, hi, self.occurrences(text, lo, hi)
            return
        found = self._find(text, 0, len(text), words)
        first = 0
        for lo, hi in blocks:
            first = bisect_left(found, lo, first, key=_start_of)
            last = bisect_left(found, hi, first, key=_start_of)
            yield lo, hi, found[first:last]
            first = last

    def _find(self, text: str, lo: int, hi: int, words: list[str]) -> list[Occurrence]:
        """Where ``words`` stand in ``text[lo:hi]`` as words, in text order."""
        found: list[Occurrence] = []
        size = len(text)
        examined = 0
        for word in words:
            starter = self._words[word]
            assert starter is not None
            n = len(word)
            i = text.find(word, lo, hi)
            while i != -1:
                j = i + n
                examined += 1
                if (i == lo or not is_word_char(text[i - 1])) and (
                    j >= size or not is_word_char(text[j])
                ):
                    found.append((i, j, starter))
                i = text.find(word, j, hi)
        self.work += examined
        found.sort(key=_start_of)
        return found

    def candidates(self, text: str, lo: int, hi: int, occurrence: Occurrence) -> list[Candidate]:
        """The candidates starting at ``occurrence`` (in the block
        ``text[lo:hi]``): every form it begins, in each way of comparing case
        that applies there."""
        i, j, starter = occurrence
        if starter.fixed is not None and not starter.also:  # most words
            steps, ends = starter.fixed
            self.work += steps
            return [_candidate((i, j, index, mode, False)) for index, mode in ends]
        out: list[Candidate] = []
        if starter.exact is not None:
            self._walk(text, hi, starter.exact, i, j, "exact", out)
        if starter.lower is not None:
            self._walk(text, hi, starter.lower, i, j, "lower", out)
        if starter.lowered is not None:
            self._walk(text, hi, starter.lowered, i, j, "lowered", out)
        if starter.decap is not None and sentence_initial(text, i, lo):
            self._walk(text, hi, starter.decap, i, j, "decap", out)
        if starter.upper is not None:
            if i < lo + DATELINE_REACH and i < dateline_end(text, lo, hi):
                self._walk(text, hi, starter.upper, i, j, "upper", out)
            elif _after_title(text, i, lo):
                # "Senator CATTANACH:": a person's name only, after a title.
                titled: list[Candidate] = []
                self._walk(text, hi, starter.upper, i, j, "upper", titled)
                out.extend(c for c in titled if self.forms[c.form].entity in self.persons)
        if (starter.variant or starter.variant_fused) and not (i > lo and _after_the(text, i, lo)):
            for index in starter.variant:
                out.append(_candidate((i, j, index, "variant", False)))
            for index in starter.variant_fused:
                out.append(_candidate((i, j - 1, index, "variant", True)))
        if (starter.plural or starter.plural_lower) and not (i > lo and _after_the(text, i, lo)):
            for index in starter.plural:
                out.append(_candidate((i, j - 1, index, "exact", True)))
            for index in starter.plural_lower:
                out.append(_candidate((i, j - 1, index, "lower", True)))
        for end, other in starter.also:
            out.extend(self.candidates(text, lo, hi, (i, end, other)))
        return out

    def _walk(
        self,
        text: str,
        hi: int,
        node: Node,
        start: int,
        end: int,
        mode: str,
        out: list[Candidate],
    ) -> None:
        """Follow the trie from the first word (``start:end``, which ends
        where a word does); every form ending on the way is a candidate (so
        the longest and the shorter ones are all proposed). A word after the
        first is compared in lowercase, or in capitals in ``upper`` mode."""
        pos = end
        size = len(text)
        while True:
            self.work += 1
            for tail, index, _plural in node.ends:
                stop = pos
                if tail:
                    if fold_separator(text[pos : pos + len(tail)]) != tail:
                        continue
                    stop = pos + len(tail)
                if stop != end and stop < size and is_word_char(text[stop]):
                    continue
                out.append(_candidate((start, stop, index, mode, False)))
            if not node.children:
                return  # a leaf: no form goes on (most names end here)
            m = FORM_NEXT_WORD_RE.match(text, pos, hi)
            if m is None:
                return
            sep, word = m.group(1, 2)
            sep = fold_separator(sep)
            key = fold(word).upper() if mode == "upper" else fold(word).lower()
            child = node.children.get((sep, key))
            if child is None:
                if _may_hold_fused_s(key.lower()):
                    fused = node.children.get((sep, key[:-1]))
                    for _tail, index, plural in fused.ends if fused else ():
                        if plural:
                            out.append(_candidate((start, m.end(2) - 1, index, mode, True)))
                return
            node = child
            pos = m.end(2)


def _fixed(
    exact: Node | None, lower: Node | None, lowered: Node | None = None
) -> tuple[int, tuple[tuple[int, str], ...]] | None:
    """:attr:`Starter.fixed` for a word that starts forms only in these trie
    nodes (not by position, in a dateline or with a fused ``s``): when every
    form it starts ends with it, with no trailing punctuation, walking the
    tries proposes the word itself as each of them."""
    walked = [
        (node, mode)
        for node, mode in ((exact, "exact"), (lower, "lower"), (lowered, "lowered"))
        if node is not None
    ]
    if any(node.children or any(tail for tail, _, _ in node.ends) for node, _ in walked):
        return None
    return len(walked), tuple((index, mode) for node, mode in walked for _, index, _ in node.ends)


def _may_hold_fused_s(low: str) -> bool:
    """May the word ``low`` (folded, lowercase) be a person's name with a
    plural or possessive ``s`` fused to it, as machine-translated copy
    writes "Poutines" for Putin's? Not an ordinary English word ("This",
    "Thus", "Has", "Yes" are never Thi, Thu, Ha or Ye and an ``s``), nor a
    name of one or two letters and an ``s``."""
    return len(low) > 3 and low.endswith("s") and low not in COMMON and low not in PLACE_WORDS


#: What may stand between a title and the name after it ("Mr FITZALLAN",
#: "Mr. FITZALLAN").
_TITLE_SEPARATORS = frozenset({" ", "\u00a0", "\u202f", ". ", ".\u00a0"})


def _after_title(text: str, i: int, lo: int) -> bool:
    """Does a title in any case come right before ``i`` ("Senator
    CATTANACH:", "Mr FITZALLAN:", "Dr. OSEI"): a person's name in capitals
    after it is a name, as in a dateline, though the title is not in
    capitals?"""
    prev = previous_word(text, i, lo)
    return (
        prev is not None
        and text[prev[1] : i] in _TITLE_SEPARATORS
        and fold_lower(prev[2]) in TITLES
    )


def _after_the(text: str, i: int, lo: int) -> bool:
    """True after "the": "the Trumps" is a family, not one person."""
    before = text[max(lo, i - 4) : i]
    return before.lower() in ("the ", "the\u00a0")


def _merge_same_start(found: list[Occurrence]) -> list[Occurrence]:
    """Occurrences with one occurrence per start: the later ones starting
    where an earlier one does are kept in its starter's ``also``."""
    merged: list[Occurrence] = []
    for i, j, starter in found:
        if merged and merged[-1][0] == i:
            first_end, first = merged[-1][1], merged[-1][2]
            merged[-1] = (i, first_end, first._replace(also=(*first.also, (j, starter))))
        else:
            merged.append((i, j, starter))
    return merged
