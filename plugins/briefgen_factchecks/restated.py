"""Finding a claim restated in an article's own words.

A fact-check is looked for by its claim (and by each of its match phrases)
in an article where no match phrase is found as written: the article rarely
repeats a claim word for word ("The United States has spent $350 billion on
aid to Ukraine" becomes "Trump again said the United States had spent $350bn
helping Ukraine"), so a sentence restates the claim when it holds every one
of its *figures* and enough of its *content words*, in the claim's order:

- content words are the claim's words but for the little ones (articles,
  pronouns, auxiliaries, prepositions, reporting verbs, dates), compared by
  a crude stem (``spending`` ~ ``spends`` ~ ``spend``; ``states`` ~
  ``state``);
- figures are amounts, shares and numbers, found however the text writes
  them (see :mod:`.quantities`): ``$350 billion`` ~ ``$350bn``. A year is a
  content word, not a figure: restatements often leave it out;
- with a figure, half of the content words must be there (a figure is
  strong evidence, and a restatement changes verbs and tenses); without
  one, three quarters and at least three; in a sentence that names the
  claimant (a word of its name, or one of its aliases: "MChS"), a third
  with a figure and half (at least two) without.

Each article gets at most as many such sentences as the check may match
(``max_matches``), the best first: a restatement locates *the* sentence that
makes the claim, and a looser one further down is more likely a mention of
the subject than the claim made again.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .matching import compiled, fold, phrase_tokens
from .quantities import figure_at
from .sentences import CALENDAR

#: Words that say nothing of a claim's content.
_LITTLE_WORDS = """a an the this that these those it its it's they them their there here he him his
    she her we our us i you your who whom whose which what when where why how
    is are was were be been being am has have had having do does did done will would
    shall should can could may might must not no nor never also too very just only
    and or but if then than so as of to in on at by for from with without into onto
    over under about after before during since until upon via per against between
    among more less most least much many some any all each every other such own same
    said says say saying told tells tell claimed claims claim stated states
    according added adding insisted argued noted
    last next year years month months week weeks day days today yesterday tomorrow
    now ago already still yet again ever"""
_LITTLE = frozenset(_LITTLE_WORDS.split()) | CALENDAR
#: "states" is a reporting verb above, but a claim's "United States" means
#: the country: these words are content words after one of these.
_NAMES_BEFORE = {"states": frozenset({"united"})}
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem of a folded word, so that the forms a restatement uses
    compare equal: ``spending``/``spends``/``spend``, ``increased``/
    ``increases``/``increase``, ``countries``/``country``."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                if suffix in ("ies", "ied"):
                    word += "y"
                break
    elif len(word) == 4 and word[-1] == "s" and word[-2] not in "sui":
        word = word[:-1]  # "wars", "jobs"; not "gas", "bus", "this"
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2]:  # "stopped" -> "stopp" -> "stop"
        word = word[:-1]
    return word


def _content_stems(words: Iterable[str]) -> tuple[str, ...]:
    """The stems of the content words among ``words``, in order, each once."""
    stems: dict[str, None] = {}
    previous = ""
    for word in words:
        wordlike = len(word) > 1 and (word.isalpha() or _YEAR.fullmatch(word))
        if wordlike and (word not in _LITTLE or previous in _NAMES_BEFORE.get(word, ())):
            stems[stem(word)] = None
        previous = word
    return tuple(stems)


_WORDS = re.compile(r"\w+(?:'s)?")


class TextProbe:
    """A folded text, asked by many restatements whether it may hold them
    (see :meth:`Restatement.possible`): what they ask is worked out once."""

    def __init__(self, folded: str) -> None:
        self.folded = folded

    @functools.cached_property
    def digits(self) -> str:
        """Every run of digits in the text, once each: a number's figures
        are found here much faster than in the whole text."""
        return " ".join(set(_DIGITS.findall(self.folded)))

    @functools.cached_property
    def stems(self) -> frozenset[str]:
        """The stems of every word of the text."""
        return frozenset(map(stem, set(_WORDS.findall(self.folded))))

    def holds(self, needle: str) -> bool:
        """Does the text hold ``needle``?"""
        return needle in (self.digits if needle.isdigit() else self.folded)


_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class ProseSentence:
    """A sentence of an article, ready to be compared with claims."""

    start: int
    end: int
    folded: str  # see .matching.fold
    stems: tuple[str, ...]  # of every word, in order
    stem_set: frozenset[str]

    @classmethod
    def of(cls, start: int, end: int, text: str) -> ProseSentence:
        folded = fold(text)[0]
        stems = tuple(stem(word) for word in _WORDS.findall(folded))
        return cls(start, end, folded, stems, frozenset(stems))


@dataclass(frozen=True)
class Restatement:
    """What a sentence must hold to restate one claim."""

    stems: tuple[str, ...]  # the claim's content words, in order
    figures: tuple[str, ...]  # patterns (see .matching.compiled)
    needles: tuple[tuple[str, ...], ...]  # for each figure, one of which it holds
    names: frozenset[str]  # stems of the claimant's name
    aliases: tuple[frozenset[str], ...] = ()  # stems of each of its aliases

    def possible(self, text: TextProbe) -> bool:
        """Whether a text may hold a restatement: every figure, and enough
        of the words for the most forgiving case. Much faster than scoring
        its sentences one by one: figures and words are looked for as plain
        strings first (see :class:`.quantities.Figure`), as the figures'
        patterns have no fixed start."""
        for needles in self.needles:
            if not any(text.holds(needle) for needle in needles):
                return False
        n = len(self.stems)
        least = math.ceil(n / 3) if self.figures else max(2, math.ceil(n / 2))
        # A stem is part of every word it is the stem of (but for a "y" put
        # back: "countries" -> "country"), so this much must be in the text.
        folded = text.folded
        if sum(stem.removesuffix("y") in folded for stem in self.stems) < least:
            return False
        if not all(compiled(figure).search(folded) for figure in self.figures):
            return False
        return len(text.stems.intersection(self.stems)) >= least

    def score(self, sentence: ProseSentence) -> int | None:
        """How many of the claim's content words the sentence holds in the
        claim's order, when it restates the claim; None when it does not.

        Half of them with a figure, three quarters (at least three) without;
        a sentence that names the claimant (a word of its name, or every
        word of one of its aliases) needs a third with a figure (in any
        order: "estimates by the World Bank put the damage at $2.3bn" for
        "Damage is estimated at $2.3 billion") and half (at least two)
        without."""
        n = len(self.stems)
        named = not self.names.isdisjoint(sentence.stem_set) or any(
            alias <= sentence.stem_set for alias in self.aliases
        )
        if self.figures:
            needed = math.ceil(n / 3 if named else n / 2)
        elif named:
            needed = max(2, math.ceil(n / 2))
        else:
            needed = max(3, math.ceil(n * 3 / 4))
        shared = len(sentence.stem_set.intersection(self.stems))
        if n < needed or shared < needed:
            return None
        hits = shared if named and self.figures else _in_order(self.stems, sentence.stems)
        if hits < needed:
            return None
        if not all(compiled(figure).search(sentence.folded) for figure in self.figures):
            return None
        return hits


def _in_order(wanted: tuple[str, ...], found: tuple[str, ...]) -> int:
    """How many of ``wanted`` appear in ``found`` in the same order (the
    length of their longest common subsequence)."""
    row = [0] * (len(wanted) + 1)
    for word in found:
        diagonal = 0
        for j, want in enumerate(wanted, 1):
            above = row[j]
            row[j] = diagonal + 1 if word == want else max(row[j], row[j - 1])
            diagonal = above
    return row[-1]


@functools.lru_cache(maxsize=1024)
def restatement_of(
    claim: str, claimant: str = "", aliases: tuple[str, ...] = ()
) -> Restatement | None:
    """What restates ``claim`` (made by ``claimant``, a name, also called
    ``aliases``); None when the claim holds too little to be told apart
    from other sentences (fewer than two content words and no figure)."""
    tokens = [token for token, _ in phrase_tokens(fold(claim)[0])]
    figures: list[str] = []
    needles: list[tuple[str, ...]] = []
    words: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _is_decimal(tokens, i) and figure_at(tokens, i) is None:
            # A decimal written one way only ("a 2.5 rise").
            number = "".join(tokens[i : i + 3])
            figures.append(_as_written(number))
            needles.append((number,))
            i += 3
            continue
        plain = _YEAR.fullmatch(token) or token in ("one", "zero")  # a content word
        figure = None if plain else figure_at(tokens, i)
        if figure is not None:
            figures.append(figure.pattern)
            needles.append(figure.needles)
            i += figure.taken
            continue
        if token.isdigit() and not plain:
            # A number written one way only ("500 troops").
            figures.append(_as_written(token))
            needles.append((token,))
        else:
            words.append(token)
        i += 1
    stems = _content_stems(words)
    if not figures and len(stems) < 2:
        return None
    # The claimant's names, but for the words the claim itself holds ("the
    # Port pilots' union" on the port is not named by "port"); an alias
    # left with no word names nobody.
    names = _name_stems(claimant).difference(stems)
    others = (_name_stems(alias).difference(stems) for alias in aliases)
    return Restatement(stems, tuple(figures), tuple(needles), names, tuple(o for o in others if o))


def _name_stems(name: str) -> frozenset[str]:
    """The stems of a name's content words of three letters or more."""
    return frozenset(
        _content_stems(word for word, _ in phrase_tokens(fold(name)[0]) if len(word) > 2)
    )


def _as_written(number: str) -> str:
    """A number matched as written, never inside a longer one (a pattern)."""
    return rf"(?<![\w.,]){re.escape(number)}(?!\d|[.,]\d)"


def _is_decimal(tokens: list[str], i: int) -> bool:
    """A number with a decimal point at ``tokens[i]`` ("2.5" is three tokens)."""
    return (
        i + 2 < len(tokens)
        and tokens[i].isdigit()
        and tokens[i + 1] == "."
        and tokens[i + 2].isdigit()
    )
