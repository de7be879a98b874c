"""Text normalisation shared by the registry, the matcher and the linker.

Matching works on *words* (runs of letters and digits) and the short
*separators* between them. A word is compared through :func:`fold`, which
removes diacritics (NFKD, then drops combining marks) and spells out the few
letters NFKD leaves alone (``ß``, ``ł``, ``ø``...). A separator is compared
through :func:`fold_separator`, which maps curly apostrophes to ``'``, every
dash to ``-`` and any run of spaces (non-breaking ones included) to one space.

Each word keeps its offsets in the original text, so folding never has to
preserve lengths: the offset map from folded text back to the article is the
list of word positions itself. This is also why lowercasing is done word by
word on folded words: ``'İ'.lower()`` is two characters and ``'ß'.casefold()``
is ``'ss'``, which would shift offsets in a whole-text approach.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .words import ABBREVIATIONS, COMMON, PATRONYMIC_ENDINGS

#: Blocks of combining marks that may follow a letter inside a word.
_MARK_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_MARKS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _MARK_RANGES)
#: A word: letters and digits, with any combining marks that follow them.
WORD = rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*"
WORD_RE = re.compile(WORD)
#: What may stand between two words of one name: "Gould-Davies", "U.S.",
#: "Washington, D.C.", "Ukraine's air force", "AT&T".
SEPARATOR_CHARS = "\\s'’‘ʼ`´.,&/\\-‐‑‒–—―"
SEPARATOR_CHARS_SET = frozenset(" \t\n\u00a0\u202f'’‘ʼ`´.,&/-‐‑‒–—―")
NEXT_WORD_RE = re.compile(rf"([{SEPARATOR_CHARS}]{{1,3}})({WORD})")
#: Symbols a name may hold at the end of a word, as brands write them
#: ("Canal+", "C++", "Yahoo!", "E! News", "Disney+ Hotstar"), or join words
#: with ("A+E Networks"): part of a registered form, never of a separator
#: the linker reads between the words of the text.
NAME_SYMBOLS = "+!"
#: :data:`NEXT_WORD_RE` for walking a registered form's words, whose
#: separators may hold :data:`NAME_SYMBOLS`.
FORM_NEXT_WORD_RE = re.compile(rf"([{SEPARATOR_CHARS}{NAME_SYMBOLS}]{{1,3}})({WORD})")

#: Marks that ``WORD`` keeps inside a word but :func:`is_word_char` does not
#: count as continuing one (they have no combining class, e.g. U+034F): next
#: to one, a word's spelling found in the text need not be a word there.
LOOSE_MARKS = frozenset(
    ch
    for lo, hi in _MARK_RANGES
    for ch in map(chr, range(lo, hi + 1))
    if not unicodedata.combining(ch) and not ch.isalnum()
)
#: How far into a paragraph a dateline may reach (see :func:`dateline_end`).
DATELINE_REACH = 80

_LETTERS = {
    "ß": "ss",
    "ẞ": "SS",
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ħ": "h",
    "Ħ": "H",
    "ı": "i",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "Þ": "TH",
    "ð": "d",
    "Ð": "D",
}
_SEPARATORS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)
_SPACES = re.compile(r"\s+")
#: Characters skipped when looking back for the end of the previous sentence.
_OPENERS = set(" \t\n\u00a0\u202f\"'“”‘’«»‹›([{*_")
_SENTENCE_END = set(".!?:…")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without diacritics or ligatures, case kept: ``Élisabeth`` ->
    ``Elisabeth``, ``Władimir`` -> ``Wladimir``, ``Straße`` -> ``Strasse``."""
    if word.isascii():
        return word
    out = []
    for ch in unicodedata.normalize("NFKD", word):
        if unicodedata.combining(ch):
            continue
        out.append(_LETTERS.get(ch, ch))
    return "".join(out)


def fold_lower(word: str) -> str:
    """The case-insensitive key of a word: folded first, then lowercased, so
    ``İ`` gives ``i`` (not ``i`` plus a combining dot)."""
    return fold(word).lower()


#: Letters that transliterations of one name write differently (French
#: "Poutine", German "Peskow", "Selenskyj", English "Zelenskyy"), one way.
_SPELLINGS = (
    ("tsch", "ch"),  # German: Tschernenko, Chernenko
    ("tch", "ch"),  # French: Tchernenko
    ("sch", "sh"),
    ("ou", "u"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("w", "v"),
)
_SPELLING_LETTERS = str.maketrans({"z": "s", "j": "i", "y": "i"})
_DOUBLED = re.compile(r"(.)\1+")


def spelling_key(word: str) -> str:
    """What the spellings of a name have in common once transliteration is
    set aside: folded, lowercase, ``tsch`` ``tch`` ``sch`` ``ou`` ``kh``
    ``ph`` ``ck`` ``w`` ``z`` ``j`` ``y`` written one way, doubled letters once, no final ``e``:
    ``Zelenskyy``, ``Zelensky``, ``Zelenskiy`` and ``Selenskyj`` give
    ``selenski``; ``Poutine`` and ``Putin`` give ``putin``."""
    key = fold_lower(word)
    for a, b in _SPELLINGS:
        key = key.replace(a, b)
    key = _DOUBLED.sub(r"\1", key.translate(_SPELLING_LETTERS))
    return key[:-1] if key.endswith("e") and len(key) > 4 else key


@lru_cache(maxsize=4096)
def fold_separator(sep: str) -> str:
    """A separator with typographic variants unified (see the module doc)."""
    return _SPACES.sub(" ", sep.translate(_SEPARATORS))


@lru_cache(maxsize=4096)
def is_word_char(ch: str) -> bool:
    """True for characters that continue a word (so a name cannot end there).
    Cached: it is asked about the characters around every match."""
    if ch.isalnum() or ch == "_":
        return True
    return ch > "\u02ff" and bool(unicodedata.combining(ch))


#: What may end a form after its last word: "U.S.", "Jones'", "Canal+",
#: "C++", "Yahoo!".
_TAIL_CHARS = frozenset(".'" + NAME_SYMBOLS)


def split_form(text: str) -> tuple[list[str], list[str], str] | None:
    """Split a surface form into words, the separators between them (folded)
    and any trailing punctuation (``U.S.`` -> ``[U, S]``, ``[.]``, ``.``).

    Returns None when the form holds no word, or when two of its words are
    separated by something a name cannot contain. A ``+`` or ``!`` (see
    :data:`NAME_SYMBOLS`) is kept as written: ``Canal+`` -> ``[Canal]``,
    ``[]``, ``+``; ``Yahoo! Finance`` -> ``[Yahoo, Finance]``, ``[! ]``, ``""``.
    """
    text = text.strip()
    if text.replace(" ", "").isalnum() and "  " not in text:
        words = text.split(" ")  # the common case: plain words and single spaces
        return words, [" "] * (len(words) - 1), ""
    words: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in WORD_RE.finditer(text):
        between = text[pos : m.start()]
        if words:
            if not between or len(between) > 3 or WORD_RE.search(between):
                return None
            if any(c not in SEPARATOR_CHARS_SET and c not in NAME_SYMBOLS for c in between):
                return None
            seps.append(fold_separator(between))
        elif between:
            return None  # leading punctuation
        words.append(m.group())
        pos = m.end()
    if not words:
        return None
    tail = fold_separator(text[pos:])
    if tail and not set(tail) <= _TAIL_CHARS:
        return None
    return words, seps, tail


def all_common(text: str) -> bool:
    """True when every word of ``text`` is an ordinary English word."""
    return all(fold_lower(w) in COMMON for w in WORD_RE.findall(text))


def is_titlecase(word: str) -> bool:
    """``Brown`` but not ``brown`` nor ``BROWN`` (one capital, then lowercase)."""
    return word[:1].isupper() and not any(c.isupper() for c in word[1:])


def is_patronymic(word: str) -> bool:
    """``Petrovna``, ``Vladimirovich``, ``Oleksandrivna``: a capitalised word
    with the ending of an East Slavic patronymic."""
    return is_titlecase(word) and len(word) > 5 and fold_lower(word).endswith(PATRONYMIC_ENDINGS)


def has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def previous_word(text: str, pos: int, lo: int) -> tuple[int, int, str] | None:
    """The word that ends right before ``pos`` (within ``text[lo:]``)."""
    end = pos
    while end > lo and not is_word_char(text[end - 1]):
        end -= 1
    start = end
    while start > lo and is_word_char(text[start - 1]):
        start -= 1
    if start == end:
        return None
    return start, end, text[start:end]


def sentence_initial(text: str, pos: int, lo: int) -> bool:
    """True when the word at ``pos`` starts a sentence: it is the first word of
    its block, or follows ``.``, ``!``, ``?``, ``:`` (skipping quotes and
    brackets), except after abbreviations and initials (``Dr.``, ``U.S.``, ``J.``)."""
    j = pos - 1
    while j >= lo and text[j] in _OPENERS:
        j -= 1
    if j < lo:
        return True
    ch = text[j]
    if ch not in _SENTENCE_END:
        return False
    if ch == ".":
        prev = previous_word(text, j + 1, lo)
        if prev is not None and prev[1] == j:
            word = prev[2]
            if len(word) == 1 and word.isupper():
                return False  # an initial, or the end of "U.S."
            if word.lower() in ABBREVIATIONS:
                return False
    return True


_DATELINE_RE = re.compile(
    rf"((?:{WORD})(?:[ \-'’.]{{1,2}}(?:{WORD}))*)\.?\s*(?:,|—|–|--|-|\(|:)",
)


def dateline_end(text: str, lo: int, hi: int) -> int:
    """Where the ALL-CAPS dateline at the start of a paragraph ends
    (``KYIV, Ukraine —`` -> after ``KYIV``; ``NEW YORK —`` and ``NEW YORK:``
    -> after ``YORK``), or ``lo`` when the paragraph has none."""
    if lo >= hi or not text[lo].isupper():
        return lo
    m = _DATELINE_RE.match(text, lo, min(hi, lo + DATELINE_REACH))
    if not m:
        return lo
    head = m.group(1)
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 2 or any(not c.isupper() for c in letters):
        return lo
    return m.end(1)


_URL_RE = re.compile(
    r"[a-z][a-z0-9+.\-]*://\S+|www\.\S+|\S+@\S+\.\S+"
    r"|(?:[\w\-]+\.)+(?:com|org|net|gov|edu|int|mil|info|io|ua|ru|uk|fi|de|fr|eu|us)(?:/\S*)?",
    re.IGNORECASE,
)
_URL_NEIGHBOURS = frozenset("./@:")


def in_url(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a URL, a domain name or an
    e-mail address written out in prose (names are never linked there).

    Only words touching ``.``, ``/``, ``@`` or ``:`` can be, so the
    whitespace-delimited chunk around the span is examined only then."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before not in _URL_NEIGHBOURS and after not in _URL_NEIGHBOURS:
        return False
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    chunk = text[lo:hi].strip("()[]<>\"'“”‘’,;!?")
    m = _URL_RE.match(chunk)
    return m is not None and m.end() >= len(chunk.rstrip("."))
