"""Figures in a match phrase, found however an article writes them.

News copy writes one amount many ways: ``$180 billion``, ``$180bn``,
``US$180 billion``, ``180 billion dollars``, ``USD 180 billion``; one share
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
_CURRENCIES: dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {
    "$": _DOLLAR,
    "usd": _DOLLAR,
    "dollar": _DOLLAR,
    "dollars": _DOLLAR,
    "€": _EURO,
    "eur": _EURO,
    "euro": _EURO,
    "euros": _EURO,
    "£": _POUND,
    "gbp": _POUND,
    "pound": _POUND,
    "pounds": _POUND,
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
_SYMBOLS = ("$", "€", "£")
#: A currency's sign or code is not part of another's ("A$", "HK$").
_NOT_BEFORE_CURRENCY = r"[\w$€£]"
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
    if _currency_before(tokens, j):
        currency, j = _currency_token(tokens, j)
    number, j = _number(tokens, j)
    if number is None:
        return None
    value, written = number
    scale = None
    if j < len(tokens) and tokens[j] in _SCALES:
        scale, j = tokens[j], j + 1
    if currency is None and j < len(tokens) and tokens[j] not in _SYMBOLS:
        currency, j = _currency_token(tokens, j)
    heads = _number_heads(value, written)
    needles = _needles(value, written)
    other = _other_scale(written, scale) if scale is not None else None
    if currency is None and scale is None:
        percent = j < len(tokens) and tokens[j] in _PERCENT_WORDS
        if percent or tokens[j : j + 2] == ["per", "cent"]:
            taken = j + (1 if percent else 2) - i
            return Figure(_either([head + _PERCENT for head in heads]), taken, needles)
        if value not in _NUMBER_NAMES and not _grouped(value, written):
            return None
        return Figure(_either(heads), j - i, needles)
    # Each way of writing the amount: (its number's patterns, its scale's).
    amounts = [(heads, _size(scale, currency is not None))]
    if other is not None:
        # 3.5 billion ~ 3,500 million: the same value on the next scale.
        other_written, other_scale = other
        other_value = int(other_written) if other_written.isdigit() else None
        amounts.append(
            (_number_heads(other_value, other_written), _size(other_scale, currency is not None))
        )
        needles = (*needles, *_needles(other_value, other_written))
    if currency is None:
        return Figure(_either([h + size for hs, size in amounts for h in hs]), j - i, needles)
    before, after = currency
    amount = _either([_either(hs) + size for hs, size in amounts])
    branches = [
        _lead(first, _NOT_BEFORE_CURRENCY) + rest + r"\s*" + amount for first, rest in before
    ]
    later = r"\s*(?:" + "|".join(after) + r")(?!\w)"
    branches += [h + size + later for hs, size in amounts for h in hs]
    return Figure(_either(branches), j - i, needles)


#: Scale words from the smallest, by their first form.
_SCALE_ORDER = ("thousand", "million", "billion", "trillion")


def _size(scale: str | None, currency: bool) -> str:
    """The pattern of a scale word after a number (nothing without one);
    single letters only with a currency ("$5m", but "5m" may be metres)."""
    if scale is None:
        return ""
    forms, letters = _SCALES[scale]
    return r"\s*(?:" + "|".join(forms + letters if currency else forms) + r")(?!\w)"


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


def _currency_token(
    tokens: Sequence[str], j: int
) -> tuple[tuple[tuple[tuple[str, str], ...], tuple[str, ...]] | None, int]:
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
    whole = written.replace(",", "")
    return (int(whole) if whole.isdigit() else None, written), k


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


def _number_heads(value: int | None, written: str) -> list[str]:
    """The ways of writing the number, each a pattern opening with a plain
    character (see :func:`_lead`), never inside a longer number or word:
    its figures as written, its thousands set apart or not, by a comma, a
    space or (as German and other European copy does) a point (see
    :func:`_grouped`), and its name when it has one ("thirty")."""
    if _grouped(value, written):
        digits = str(value)
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[k : k + 3] for k in range(head, len(digits), 3)]
        body = r"[,.\s]?".join(groups)  # 12,000 ~ 12 000 ~ 12000 ~ 12.000 (German)
    else:
        # A decimal point or, as much of Europe writes it, a comma: 23.4 ~ 23,4.
        body = re.escape(written).replace(r"\.", "[.,]")
    heads = [_lead(body[0], r"[\w.,]") + body[1:] + r"(?![\d]|[.,]\d)"]
    name = _NUMBER_NAMES.get(value) if value is not None else None
    if name is not None:
        heads.append(_lead(name[0], r"\w") + name[1:] + r"(?!\w)")
    return heads
