"""Figures in a match phrase, found however an article writes them.

News copy writes one amount many ways: ``$180 billion``, ``$180bn``,
``$180-billion``, ``US$180 billion``, ``180 billion U.S. dollars``, ``USD 180
billion`` (and a currency with a letter for its sign, ``R2.3bn`` ~ ``ZAR 2.3
billion`` ~ ``2.3 billion rand``; see ``_MONEY`` for every currency); one share
as ``40 percent``, ``40 per cent``, ``40%`` or ``40 pct``; basis points as
``25 basis points``, ``25bps`` or ``25bp``; a small number as
``30`` or ``thirty``. A phrase names a figure one way; :func:`figure_at`
turns the figure at a place of the phrase's tokens into a regular
expression (over folded text, see :mod:`.matching`) for every way, and the
rest of the phrase is matched as before. The value must be the same: the
number as written (thousands separators optional), the scale word and the
currency; ``$180 million`` never matches ``$180 billion``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple


class _Scale(NamedTuple):
    """A scale word: every way of writing it, words and (with a currency
    only) single letters, the power of ten it stands for, and the letters
    that are the scale without a currency too, glued to the number."""

    forms: tuple[str, ...]
    letters: tuple[str, ...]
    power: int
    glued: tuple[str, ...] = ()


#: Scale words, by each way a phrase may write them. With a currency, single
#: letters are scales too ("$5m"); without one, "5m" may be metres, so they
#: are not, but for "k" glued to a number ("38k tickets"), which is a
#: thousand whatever is counted. South Asian copy counts in lakh (100,000)
#: and crore (10 million).
_SCALES: dict[str, _Scale] = {}
for _scale in (
    _Scale(("thousand", "thousands"), ("k",), 3, ("k",)),
    _Scale(("lakh", "lakhs"), (), 5),
    _Scale(("million", "millions", "mn", "mln"), ("m",), 6),
    _Scale(("crore", "crores"), (), 7),
    _Scale(("billion", "billions", "bn", "bln"), ("b",), 9),
    _Scale(("trillion", "trillions", "tn", "trn"), ("t",), 12),
):
    for _word in (*_scale.forms, *_scale.letters):
        _SCALES[_word] = _scale


class _Currency(NamedTuple):
    """The ways of writing a currency before an amount, each (its first
    character, the rest as a regular expression: a figure's pattern opens
    with plain characters, so that the regular expression engine can look
    for them quickly, see :func:`_lead`), and after it (regular expressions)."""

    before: tuple[tuple[str, str], ...]
    after: tuple[str, ...]


#: Currencies: their signs, their codes and their names. Signs and codes are
#: written before an amount ("$180 billion", "USD 180 billion"), names and
#: codes after it ("180 billion dollars", "180 billion USD"): a name before a
#: number is a word ("Labour won 412 seats", "Euro 2024"). A name's ending
#: in brackets is its plural's ("dollar(s)", "krone(r)"). A sign or name two
#: currencies share is either's: "¥" is the yen's and the yuan's, so a
#: phrase's "¥312 billion" is found as "312 billion yen" or "312 billion
#: yuan", and the text's "¥312 billion" for either; but "yen" and "JPY" are
#: never "yuan", "CNY" or "RMB" (nor "PKR" the Indian rupee's, "Danish
#: kroner" the Norwegian krone's). A sign of one letter is a sign only glued
#: to an amount ("R2.3bn", "P12.3 billion", see :func:`figure_at`). Dollars
#: with letters before "$" are currencies of their own: "R$ 42,3 billion" is
#: Brazil's real, "C$4.2 billion" ~ "4.2 billion Canadian dollars", never
#: "$4.2 billion".
_MONEY = (
    ("$, us$", "usd", "dollar(s), us dollar(s), u.s. dollar(s)"),
    ("€", "eur", "euro(s)"),
    ("£", "gbp", "pound(s), british pound(s), pound(s) sterling"),
    ("r", "zar", "rand(s), south african rand(s)"),
    ("₦, n", "ngn", "naira"),
    ("₽", "rub", "ruble(s), rouble(s)"),
    ("¥, jp¥", "jpy", "yen, japanese yen"),
    ("¥, cn¥", "cny, rmb", "yuan, chinese yuan, renminbi"),
    ("₩", "krw", "won, south korean won"),
    ("₹, rs, rs.", "inr", "rupee(s), indian rupee(s)"),
    ("rs, rs.", "pkr", "pakistani rupee(s)"),
    ("sfr, sfr.", "chf", "swiss franc(s)"),
    ("₺", "try, tl", "lira(s), turkish lira(s)"),
    ("rp", "idr", "rupiah, indonesian rupiah"),
    ("kr, kr.", "nok", "krone(r), norwegian krone(r)"),
    ("kr, kr.", "dkk", "krone(r), danish krone(r)"),
    ("kr, kr.", "sek", "krona, kronor, swedish krona, swedish kronor"),
    ("₫", "vnd", "dong, vietnamese dong"),
    ("gh¢, gh₵", "ghs", "cedi(s), ghanaian cedi(s)"),
    ("ksh, sh", "kes", "shilling(s), kenyan shilling(s)"),
    ("₱, p", "php", "peso(s), philippine peso(s)"),
    ("mx$", "mxn", "mexican peso(s)"),
    ("r$", "brl", "reais, brazilian reais"),
    ("a$", "aud", "australian dollar(s)"),
    ("c$", "cad", "canadian dollar(s)"),
    ("nz$", "nzd", "new zealand dollar(s)"),
    ("hk$", "hkd", "hong kong dollar(s)"),
    ("s$", "sgd", "singapore dollar(s)"),
)
_PART = re.compile(r"\w+(?:\(\w+\))?|\S")


def _ending(part: str) -> tuple[str, str]:
    """A word of a currency's sign or name and its plural's ending, if it
    has one ("dollar(s)": "dollar", "s")."""
    base, _, ending = part.removesuffix(")").partition("(")
    return base, ending


def _part_pattern(part: str) -> str:
    """A word or symbol of a currency's sign or name, as a regular expression."""
    base, ending = _ending(part)
    return re.escape(base) + (f"(?:{re.escape(ending)})?" if ending else "")


def _way(sign: str) -> tuple[str, str]:
    """A way of writing a currency before an amount: its first character,
    and the rest as a regular expression (its parts may be set apart: "US $")."""
    first, *rest = _PART.findall(sign)
    return first[0], "".join([re.escape(first[1:]), *(r"\s*" + _part_pattern(p) for p in rest)])


def _keys(written: str) -> list[tuple[str, ...]]:
    """The tokens a phrase writes a currency's sign or name with, each way
    ("dollar(s)": "dollar" and "dollars")."""
    keys: list[tuple[str, ...]] = [()]
    for part in _PART.findall(written):
        base, ending = _ending(part)
        forms = (base, base + ending) if ending else (base,)
        keys = [(*key, form) for key in keys for form in forms]
    return keys


def _currency(before: Sequence[tuple[str, str]], after: Sequence[str]) -> _Currency:
    """A currency written these ways, each once; the longest names first, so
    that a match takes all of one ("pounds sterling", not "pounds")."""
    return _Currency(
        tuple(dict.fromkeys(before)), tuple(sorted(dict.fromkeys(after), key=len, reverse=True))
    )


def _name_pattern(name: str) -> str:
    """A currency's name or code after an amount, as a regular expression."""
    return r"\s*".join(map(_part_pattern, _PART.findall(name)))


def _register(table: dict[tuple[str, ...], _Currency], written: str, money: _Currency) -> None:
    """Enter ``money`` in ``table`` under each way a phrase writes
    ``written``; a way two currencies share is either's ("¥")."""
    for key in _keys(written):
        old = table.get(key)
        table[key] = (
            money if old is None else _currency(old.before + money.before, old.after + money.after)
        )


def _tables() -> tuple[
    dict[tuple[str, ...], _Currency], dict[tuple[str, ...], _Currency], dict[str, _Currency]
]:
    """Currencies by the tokens a phrase writes them with before an amount
    (signs and codes) and after it (names and codes), and by the single
    letters that are a sign only glued to an amount."""
    before: dict[tuple[str, ...], _Currency] = {}
    after: dict[tuple[str, ...], _Currency] = {}
    letters: dict[str, _Currency] = {}
    for signs, codes, names in _MONEY:
        ahead = [*signs.split(", "), *codes.split(", ")]
        behind = [*names.split(", "), *codes.split(", ")]
        money = _currency([_way(way) for way in ahead], [_name_pattern(way) for way in behind])
        for sign in ahead:
            if len(sign) == 1 and sign.isalpha():
                letters[sign] = money
            else:
                _register(before, sign, money)
        for name in behind:
            _register(after, name, money)
    return before, after, letters


_BEFORE, _AFTER, _LETTER_SIGNS = _tables()
_LONGEST = max(len(key) for key in (*_BEFORE, *_AFTER))
#: A word of up to three letters with a number glued to it ("r2", "rs500").
#: When the number is an amount (see :func:`figure_at`), the letters are its
#: currency's sign: "R2.3 billion" (rand), "N48.2bn" (naira), "RUB4.8bn",
#: "Rs500 million" (rupees), "Rp5.2 trillion" (rupiah), and "K2.5m", a
#: currency of its own that only the same letters write.
_GLUED = re.compile(r"([^\W\d_]{1,3})(\d+)")
#: The symbols of the signs ("$", "€", "¢" of "GH¢"), not their letters.
_SYMBOLS = "".join(
    dict.fromkeys(
        char for signs, _, _ in _MONEY for char in signs if not char.isalnum() and char not in ", ."
    )
)
#: What the figures of a number never follow: a word or a longer number; and
#: of an amount with a scale, a longer number (see :func:`figure_at`).
_IN_WORD = r"[\w.,]"
_IN_NUMBER = r"[\d.,]"
#: A currency's sign or code is not part of another's ("A$", "HK$", "CN¥").
_NOT_BEFORE_CURRENCY = rf"[\w{re.escape(_SYMBOLS)}]"
_PERCENT = r"\s*(?:%|(?:per\s*cent|pct|pc)(?!\w))"
_PERCENT_WORDS = {"percent", "pct", "pc", "%"}
#: Basis points, in words ("25 basis points", "a 25-basis-point cut") or
#: abbreviated ("25bps", "25 bps", "25bp").
_BASIS_POINTS = r"\s*-?\s*(?:basis(?:\s*-\s*|\s+)points?|bps?)(?!\w)"

#: Numbers written in words, and in figures.
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen \
fourteen fifteen sixteen seventeen eighteen nineteen twenty"
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = {word: value for value, word in enumerate(_ONES.split())}
_NUMBER_WORDS.update({word: 30 + 10 * k for k, word in enumerate(_TENS.split())})
_NUMBER_NAMES = {value: word for word, value in _NUMBER_WORDS.items()}

_DIGITS = re.compile(r"\d+")
#: A group of thousands after the first figures of a number.
_THOUSANDS = re.compile(r"\d{3}")


class Figure(NamedTuple):
    """A figure of a phrase: its regular expression, how many of the
    phrase's tokens it takes, and strings one of which any match holds."""

    pattern: str
    taken: int
    needles: tuple[str, ...]


def figure_at(tokens: Sequence[str], i: int) -> Figure | None:
    """The figure that starts at ``tokens[i]`` (the folded words and symbols
    of a phrase); None when no figure starts there, or when it is a number
    that can only be written one way (it is matched as written)."""
    j = i
    currency = None
    glued = _GLUED.fullmatch(tokens[i])
    if glued is not None:  # "R2.3": the letters are read as the number's currency
        letters, digits = glued.groups()
        currency = _LETTER_SIGNS.get(letters) or _BEFORE.get((letters,)) or _own(letters)
        tokens = [*tokens[:i], digits, *tokens[i + 1 :]]
    elif _currency_before(tokens, j):
        currency, j = _currency_token(tokens, j, _BEFORE)
    number, j = _number(tokens, j)
    if number is None:
        return None
    value, written = number
    scale = None
    if j + 1 < len(tokens) and tokens[j] == "-" and tokens[j + 1] in _SCALES:
        j += 1  # "$4.2-billion": a hyphen joins the number and its scale
    if j < len(tokens) and tokens[j] in _SCALES:
        scale, j = tokens[j], j + 1
    if glued is not None and scale is None and written.isdigit():
        return None  # no amount: "K2", "G7", "N95" are names, matched as written
    if currency is None:
        currency, j = _currency_token(tokens, j, _AFTER)
    if currency is None and scale is None:
        heads = _number_heads(value, written)
        percent = j < len(tokens) and tokens[j] in _PERCENT_WORDS
        if percent or tokens[j : j + 2] == ["per", "cent"]:
            taken = j + (1 if percent else 2) - i
            return Figure(_either([h + _PERCENT for h in heads]), taken, _needles(value, written))
        points = _basis_points(tokens, j)
        if points:
            pattern = _either([h + _BASIS_POINTS for h in heads])
            return Figure(pattern, j + points - i, _needles(value, written))
        if value not in _NUMBER_NAMES and not _grouped(value, written):
            return None
    # Each way of writing the amount: its number (value and figures) and scale.
    amounts = [(*_valued(number), size) for number, size in _ways(written, scale)]
    needles = tuple(dict.fromkeys(n for v, w, _ in amounts for n in _needles(v, w)))
    if currency is None:
        # Letters glued to an amount are its currency's sign, whichever it
        # is: "R14.6 billion" holds "14.6 billion", as "$14.6 billion" does;
        # but a number without a scale is never inside a word ("PM14.6").
        bare = [
            head + _size(s, False)
            for v, w, s in amounts
            for head in _number_heads(v, w, _IN_NUMBER if s else _IN_WORD)
        ]
        return Figure(_either(bare), j - i, needles)
    before, after = currency
    # Right after its sign ("R2.3bn"), a number needs no word boundary; a
    # sum of money in figures may have zero cents ("R$ 1.203.450,00").
    amount = _either(
        [
            _either(_number_heads(v, w, None, cents=s is None)) + _size(s, True)
            for v, w, s in amounts
        ]
    )
    branches = [
        _lead(first, _NOT_BEFORE_CURRENCY) + rest + r"\s*" + amount for first, rest in before
    ]
    if after:
        later = r"\s*(?:" + "|".join(after) + r")(?!\w)"
        branches += [
            head + _size(s, True) + later
            for v, w, s in amounts
            for head in _number_heads(v, w, cents=s is None)
        ]
    return Figure(_either(branches), j - i, needles)


def _basis_points(tokens: Sequence[str], j: int) -> int:
    """How many of the phrase's tokens from ``tokens[j]`` write basis points
    ("basis points", "bps", "bp", perhaps after a hyphen and with one between
    the words: "-basis-point"); 0 when they do not."""
    k = j + 1 if tokens[j : j + 1] == ["-"] else j
    if tokens[k : k + 1] in (["bp"], ["bps"]):
        return k + 1 - j
    if tokens[k : k + 1] != ["basis"]:
        return 0
    k += 2 if tokens[k + 1 : k + 2] == ["-"] else 1
    return k + 1 - j if tokens[k : k + 1] in (["point"], ["points"]) else 0


def _own(letters: str) -> _Currency:
    """The currency whose sign is ``letters`` and nothing else ("K")."""
    return _Currency(((letters[0], re.escape(letters[1:])),), ())


#: The scales an amount is written on, from the smallest: as most copy
#: writes them, and as South Asian copy does (lakh below a crore).
_WESTERN = ("thousand", "million", "billion", "trillion")
_LAKH, _CRORE = (10 ** _SCALES[word].power for word in ("lakh", "crore"))
#: The figures of one number: thousands set apart by commas, a decimal point.
_ONE_NUMBER = re.compile(r"[\d,]+(?:\.\d+)?")


def _size(scale: str | None, currency: bool) -> str:
    """The pattern of a scale word after a number, apart or joined by a
    hyphen ("$4.2-billion"; nothing without one); single letters only with a
    currency ("$5m", but "5m" may be metres), but for those that are the
    scale glued to any number ("38k")."""
    if scale is None:
        return ""
    forms, letters, _, glued = _SCALES[scale]
    words = r"\s*-?\s*(?:" + "|".join(forms + letters if currency else forms) + ")"
    if glued and not currency:
        words = "(?:" + "|".join((words, *glued)) + ")"
    return words + r"(?!\w)"


def _ways(written: str, scale: str | None) -> list[tuple[str, str | None]]:
    """The ways of writing the amount ``written`` on ``scale``, each its
    figures and its scale (the scale's first form, or None): as written; in
    figures, when it is a whole number ("1.25" million is "1,250,000", "2.5"
    lakh "250,000"); and on each scale where its number is from 1 to under a
    million with at most two decimals ("3.5" billion is "3,500" million,
    "452,000" is "452" thousand), lakh below a crore and crore from one ("5"
    crore is "50" million, "12" lakh "1.2" million). Figures that are no
    one number ("1.2.3") are written one way."""
    if not _ONE_NUMBER.fullmatch(written):
        return [(written, scale)]
    total = Decimal(written.replace(",", "")).scaleb(_SCALES[scale].power if scale else 0)
    indian = "crore" if total >= _CRORE else "lakh" if total >= _LAKH else None
    ways = [(written, scale and _SCALES[scale].forms[0])]
    if total % 1 == 0:
        ways.append((f"{int(total):,}", None))
    for other in (*_WESTERN, *([indian] if indian else [])):
        number = total.scaleb(-_SCALES[other].power)
        if 1 <= number < 10**6 and (number * 100) % 1 == 0:
            ways.append((f"{number.normalize():,f}", other))
    once: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for figures, size in ways:  # each once: "15000" is matched as "15,000" is
        once.setdefault((figures.replace(",", ""), size), (figures, size))
    return list(once.values())


def _either(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _lead(first: str, not_after: str) -> str:
    """The character ``first``, not after one of the class ``not_after``:
    the assertion comes after the character, so that a pattern opening with
    it opens with a plain character the regular expression engine can seek
    (a pattern opening with an assertion is tried at every position)."""
    char = re.escape(first)
    return rf"{char}(?<!{not_after}{char})"


def _currency_before(tokens: Sequence[str], j: int) -> bool:
    """Does a currency sign or code stand at ``tokens[j]``, before a number?"""
    currency, k = _currency_token(tokens, j, _BEFORE)
    return currency is not None and k < len(tokens) and _DIGITS.fullmatch(tokens[k]) is not None


def _currency_token(
    tokens: Sequence[str], j: int, table: dict[tuple[str, ...], _Currency]
) -> tuple[_Currency | None, int]:
    """The currency written at ``tokens[j]`` in the longest way ``table``
    knows (``$``, ``us`` + ``$``, ``usd``; ``dollars``, ``us`` + ``dollars``)
    and the index after it."""
    for n in range(min(_LONGEST, len(tokens) - j), 0, -1):
        currency = table.get(tuple(tokens[j : j + n]))
        if currency is not None:
            return currency, j + n
    return None, j


def _number(tokens: Sequence[str], j: int) -> tuple[tuple[int | None, str] | None, int]:
    """The number at ``tokens[j]`` (its value when it is a whole number, and
    its figures as written, ``1.5`` or ``1,000``) and the index after it.
    Thousands set apart by a space ("15 000", two tokens: figures in a row
    are apart only by white space) are read as by a comma ("15,000")."""
    if j >= len(tokens):
        return None, j
    token = tokens[j]
    if token in _NUMBER_WORDS:
        value = _NUMBER_WORDS[token]
        return (value, str(value)), j + 1
    if not _DIGITS.fullmatch(token):
        return None, j
    written, k = token, j + 1
    if len(token) <= 3:
        while k < len(tokens) and _THOUSANDS.fullmatch(tokens[k]):
            written += "," + tokens[k]
            k += 1
    while k + 1 < len(tokens) and tokens[k] in (".", ",") and _DIGITS.fullmatch(tokens[k + 1]):
        written += tokens[k] + tokens[k + 1]
        k += 2
    return _valued(_read(written)), k


#: Figures written as much of Europe writes them, thousands set apart by
#: points and a decimal comma, where no other reading fits: two groups of
#: three or more ("1.250.000", "1.203.450,00"), or one and a decimal comma
#: ("1.250,5"). One group alone ("1.250") is read as a decimal, 1.25.
_POINTED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d+")
_SWAPPED = str.maketrans(".,", ",.")
#: A decimal comma: a comma before other than a group of three figures ("42,3").
_DECIMAL_COMMA = re.compile(r"\d+,(?!\d{3}$)\d+")


def _read(written: str) -> str:
    """A number's figures as English copy writes them ("1,250,000.5"):
    thousands set apart by commas, a decimal point."""
    if _POINTED.fullmatch(written):
        return written.translate(_SWAPPED)
    if _DECIMAL_COMMA.fullmatch(written):
        return written.replace(",", ".")
    return written


def _valued(written: str) -> tuple[int | None, str]:
    """A number's figures as written, with its value when it is a whole
    number ("1,000", "18,100"; None for "1.5")."""
    whole = written.replace(",", "")
    return int(whole) if whole.isdigit() else None, written


def _grouped(value: int | None, written: str) -> bool:
    """Is the number one whose thousands may be set apart ("1,000", "1 000",
    "1000")? When the phrase sets them apart, or from 10,000 up: "2024" is
    more likely a year than "2,024" people."""
    return value is not None and value >= 1000 and ("," in written or value >= 10_000)


def _needles(value: int | None, written: str) -> tuple[str, ...]:
    """What any way of writing the number holds: its last figures (the last
    group of thousands, when they may be set apart, with its decimals) or
    its name."""
    if _grouped(value, written):
        return (str(value)[-3:],)
    name = _NUMBER_NAMES.get(value) if value is not None else None
    if name:
        return (written, name)
    integer, point, fraction = written.partition(".")
    if point:  # 23.4 ~ 23,4; 1,250.5 ~ 1.250,5
        whole = integer.replace(",", "")
        last = whole[-3:] if _grouped(int(whole), integer) else integer
        return (f"{last}.{fraction}", f"{last},{fraction}")
    return (written,)


def _number_heads(
    value: int | None, written: str, not_after: str | None = _IN_WORD, cents: bool = False
) -> list[str]:
    """The ways of writing the number, each a pattern opening with a plain
    character (see :func:`_lead`), its figures never after a character of
    the class ``not_after`` (by default inside a longer number or word; None
    right after a currency's sign, which may be a letter) and its name never
    inside a word: its figures as written, its thousands set apart or not,
    by a comma, a space or (as German and other European copy does) a point
    (see :func:`_grouped`), a decimal point or comma, zero cents after a
    whole number when ``cents`` (a sum of money: "$5.00", "R$ 1.203.450,00"),
    and its name when it has one ("thirty")."""
    integer, point, fraction = written.partition(".")
    whole = int(integer.replace(",", ""))
    if _grouped(whole, integer):
        digits = str(whole)
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[k : k + 3] for k in range(head, len(digits), 3)]
        body = r"[,.\s]?".join(groups)  # 12,000 ~ 12 000 ~ 12000 ~ 12.000 (German)
    else:
        body = integer
    if point:
        # A decimal point or, as much of Europe writes it, a comma: 23.4 ~ 23,4.
        body += "[.,]" + fraction.replace(".", "[.,]")
    elif cents:
        body += "(?:[.,]00?)?"
    heads = [_start(body[0], not_after) + body[1:] + r"(?![\d]|[.,]\d)"]
    name = _NUMBER_NAMES.get(value) if value is not None else None
    if name is not None:
        heads.append(_start(name[0], not_after and r"\w") + name[1:] + r"(?!\w)")
    return heads


def _start(first: str, not_after: str | None) -> str:
    """The first character of a number: :func:`_lead`, or just the
    character when nothing is ruled out before it."""
    return re.escape(first) if not_after is None else _lead(first, not_after)
