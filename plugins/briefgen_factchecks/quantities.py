"""Figures in a match phrase, found however an article writes them.

News copy writes one amount many ways: ``$180 billion``, ``$180bn``,
``$180-billion``, ``US$180 billion``, ``180 billion dollars``, ``USD 180
billion`` (and a currency with a letter for its sign, ``R2.3bn`` ~ ``ZAR 2.3
billion`` ~ ``2.3 billion rand``); one share
as ``40 percent``, ``40 per cent``, ``40%`` or ``40 pct``; a small number as
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

#: Scale words, by the word a phrase may use, and every way of writing it.
#: With a currency, single letters are scales too ("$5m"); without one, "5m"
#: may be metres, so they are not.
_SCALES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
for _forms, _letters in (
    (("thousand", "thousands"), ("k",)),
    (("million", "millions", "mn", "mln"), ("m",)),
    (("billion", "billions", "bn", "bln"), ("b",)),
    (("trillion", "trillions", "tn", "trn"), ("t",)),
):
    for _word in (*_forms, *_letters):
        _SCALES[_word] = (_forms, _letters)

#: Currencies, by every token a phrase may write one with: the ways of
#: writing it before an amount and after it. Each way is (its first
#: character, the rest as a regular expression): a figure's pattern opens
#: with plain characters, so that the regular expression engine can look for
#: them quickly (see :func:`_lead`).
_DOLLAR = ((("$", ""), ("u", r"s\s*\$"), ("u", "sd")), (r"(?:us\s+)?dollars?", "usd"))
_EURO = ((("€", ""), ("e", "ur")), (r"euros?", "eur"))
_POUND = ((("£", ""), ("g", "bp")), (r"(?:british\s+)?pounds?(?:\s+sterling)?", "gbp"))
_RAND = ((("r", ""), ("z", "ar")), (r"rands?", "zar"))
_NAIRA = ((("₦", ""), ("n", ""), ("n", "gn")), ("naira", "ngn"))
_RUBLE = ((("₽", ""), ("r", "ub")), (r"ro?ubles?", "rub"))
_Currency = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]
_CURRENCIES: dict[str, _Currency] = {
    token: currency
    for currency, tokens in (
        (_DOLLAR, "$ usd dollar dollars"),
        (_EURO, "€ eur euro euros"),
        (_POUND, "£ gbp pound pounds"),
        (_RAND, "zar rand rands"),
        (_NAIRA, "₦ ngn naira"),
        (_RUBLE, "₽ rub ruble rubles rouble roubles"),
    )
    for token in tokens.split()
}
#: Dollars of their own, written with letters before "$" (and their codes):
#: "R$ 42,3 billion" is Brazil's real, never "$42.3 billion".
_PREFIXED_DOLLARS = {
    prefix: (((prefix[0], re.escape(prefix[1:]) + r"\s*\$"), (code[0], code[1:])), (code,))
    for prefix, code in (
        ("r", "brl"),
        ("a", "aud"),
        ("c", "cad"),
        ("nz", "nzd"),
        ("hk", "hkd"),
        ("s", "sgd"),
    )
}
#: A word of up to three letters with a number glued to it ("r2", "rs500").
#: When the number is an amount (see :func:`figure_at`), the letters are its
#: currency's sign: "R2.3 billion" (rand), "N48.2bn" (naira), "RUB4.8bn",
#: and "K2.5m", "Rp5.2 trillion", "Rs12,000", currencies of their own that
#: only the same letters write.
_GLUED = re.compile(r"([^\W\d_]{1,3})(\d+)")
#: Letters that are a currency's sign only when glued to an amount.
_LETTER_SIGNS = {"r": _RAND, "n": _NAIRA}
_SYMBOLS = ("$", "€", "£", "₦", "₽")
#: A currency's sign or code is not part of another's ("A$", "HK$").
_NOT_BEFORE_CURRENCY = rf"[\w{re.escape(''.join(_SYMBOLS))}]"
_PERCENT = r"\s*(?:%|(?:per\s*cent|pct|pc)(?!\w))"
_PERCENT_WORDS = {"percent", "pct", "pc", "%"}

#: Numbers written in words, and in figures.
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen \
fourteen fifteen sixteen seventeen eighteen nineteen twenty"
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = {word: value for value, word in enumerate(_ONES.split())}
_NUMBER_WORDS.update({word: 30 + 10 * k for k, word in enumerate(_TENS.split())})
_NUMBER_NAMES = {value: word for word, value in _NUMBER_WORDS.items()}

_DIGITS = re.compile(r"\d+")


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
        currency = _LETTER_SIGNS.get(letters) or _CURRENCIES.get(letters) or _own(letters)
        tokens = [*tokens[:i], digits, *tokens[i + 1 :]]
    elif _currency_before(tokens, j):
        currency, j = _currency_token(tokens, j)
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
    if currency is None and j < len(tokens) and tokens[j] not in _SYMBOLS:
        currency, j = _currency_token(tokens, j)
    needles = _needles(value, written)
    if currency is None and scale is None:
        heads = _number_heads(value, written)
        percent = j < len(tokens) and tokens[j] in _PERCENT_WORDS
        if percent or tokens[j : j + 2] == ["per", "cent"]:
            taken = j + (1 if percent else 2) - i
            return Figure(_either([head + _PERCENT for head in heads]), taken, needles)
        if value not in _NUMBER_NAMES and not _grouped(value, written):
            return None
        return Figure(_either(heads), j - i, needles)
    # Each way of writing the amount: (its number, as written, and its scale).
    amounts = [(value, written, scale)]
    other = _other_scale(written, scale) if scale is not None else None
    if other is not None:
        # 3.5 billion ~ 3,500 million: the same value on the next scale.
        other_value, other_written = _valued(other[0])
        amounts.append((other_value, other_written, other[1]))
        needles = (*needles, *_needles(other_value, other_written))
    signed = currency is not None
    alone = [(_number_heads(v, w), _size(s, signed)) for v, w, s in amounts]
    if currency is None:
        return Figure(_either([h + size for hs, size in alone for h in hs]), j - i, needles)
    before, after = currency
    # Right after its sign ("R2.3bn"), a number needs no word boundary.
    amount = _either(
        [_either(_number_heads(v, w, alone=False)) + _size(s, signed) for v, w, s in amounts]
    )
    branches = [
        _lead(first, _NOT_BEFORE_CURRENCY) + rest + r"\s*" + amount for first, rest in before
    ]
    if after:
        later = r"\s*(?:" + "|".join(after) + r")(?!\w)"
        branches += [h + size + later for hs, size in alone for h in hs]
    return Figure(_either(branches), j - i, needles)


def _own(letters: str) -> _Currency:
    """The currency whose sign is ``letters`` and nothing else ("Rp", "K")."""
    return ((letters[0], re.escape(letters[1:])),), ()


#: Scale words from the smallest, by their first form.
_SCALE_ORDER = ("thousand", "million", "billion", "trillion")


def _size(scale: str | None, currency: bool) -> str:
    """The pattern of a scale word after a number, apart or joined by a
    hyphen ("$4.2-billion"; nothing without one); single letters only with a
    currency ("$5m", but "5m" may be metres)."""
    if scale is None:
        return ""
    forms, letters = _SCALES[scale]
    return r"\s*-?\s*(?:" + "|".join(forms + letters if currency else forms) + r")(?!\w)"


def _other_scale(written: str, scale: str) -> tuple[str, str] | None:
    """The same amount on the next scale down, or up when it is a whole
    number there: "3.5" billion is "3,500" million, "3,500" million "3.5"
    billion. None when it would not be written that way."""
    rank = _SCALE_ORDER.index(_SCALES[scale][0][0])
    number = Decimal(written.replace(",", ""))
    up = number / 1000
    if rank + 1 < len(_SCALE_ORDER) and number >= 1000 and (up * 100) % 1 == 0:
        return f"{up.normalize():f}", _SCALE_ORDER[rank + 1]
    down = number * 1000
    if rank > 0 and number < 1000 and down % 1 == 0:
        return f"{int(down):,}", _SCALE_ORDER[rank - 1]
    return None


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
    currency, k = _currency_token(tokens, j)
    return currency is not None and k < len(tokens) and _DIGITS.fullmatch(tokens[k]) is not None


def _currency_token(tokens: Sequence[str], j: int) -> tuple[_Currency | None, int]:
    """The currency written at ``tokens[j]`` (``$``, ``us`` + ``$``, ``usd``,
    ``dollars``...) and the index after it."""
    if j + 1 < len(tokens) and tokens[j] == "us" and tokens[j + 1] in ("$", "dollars", "dollar"):
        return _currency_token(tokens, j + 1)
    if j + 1 < len(tokens) and tokens[j] in _PREFIXED_DOLLARS and tokens[j + 1] == "$":
        return _PREFIXED_DOLLARS[tokens[j]], j + 2
    currency = _CURRENCIES.get(tokens[j]) if j < len(tokens) else None
    return currency, j + 1 if currency is not None else j


def _number(tokens: Sequence[str], j: int) -> tuple[tuple[int | None, str] | None, int]:
    """The number at ``tokens[j]`` (its value when it is a whole number, and
    its figures as written, ``1.5`` or ``1,000``) and the index after it."""
    if j >= len(tokens):
        return None, j
    token = tokens[j]
    if token in _NUMBER_WORDS:
        value = _NUMBER_WORDS[token]
        return (value, str(value)), j + 1
    if not _DIGITS.fullmatch(token):
        return None, j
    written, k = token, j + 1
    while k + 1 < len(tokens) and tokens[k] in (".", ",") and _DIGITS.fullmatch(tokens[k + 1]):
        written += tokens[k] + tokens[k + 1]
        k += 2
    return _valued(written), k


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
    group of thousands, when they may be set apart) or its name."""
    if _grouped(value, written):
        return (str(value)[-3:],)
    name = _NUMBER_NAMES.get(value) if value is not None else None
    if name:
        return (written, name)
    if "." in written:
        return (written, written.replace(".", ","))  # 23.4 ~ 23,4
    return (written,)


def _number_heads(value: int | None, written: str, alone: bool = True) -> list[str]:
    """The ways of writing the number, each a pattern opening with a plain
    character (see :func:`_lead`), never inside a longer number or word
    (but for ``alone`` false: right after a currency's sign, which may be a
    letter): its figures as written, its thousands set apart or not, by a
    comma, a space or (as German and other European copy does) a point (see
    :func:`_grouped`), and its name when it has one ("thirty")."""
    if _grouped(value, written):
        digits = str(value)
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[k : k + 3] for k in range(head, len(digits), 3)]
        body = r"[,.\s]?".join(groups)  # 12,000 ~ 12 000 ~ 12000 ~ 12.000 (German)
    else:
        # A decimal point or, as much of Europe writes it, a comma: 23.4 ~ 23,4.
        body = re.escape(written).replace(r"\.", "[.,]")
    heads = [_start(body[0], r"[\w.,]", alone) + body[1:] + r"(?![\d]|[.,]\d)"]
    name = _NUMBER_NAMES.get(value) if value is not None else None
    if name is not None:
        heads.append(_start(name[0], r"\w", alone) + name[1:] + r"(?!\w)")
    return heads


def _start(first: str, not_after: str, alone: bool) -> str:
    """The first character of a number: :func:`_lead` when the number
    stands alone, else just the character."""
    return _lead(first, not_after) if alone else re.escape(first)
