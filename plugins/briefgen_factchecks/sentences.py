"""Splitting a block of news copy into sentences.

A rule-based splitter, made for the copy briefings are written in. A sentence
ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes and brackets
after it: ``”``, ``“`` after ``„``, ``«`` or ``»``, straight ones) that is
followed by whitespace and then by something that can start a sentence: a
capital letter, a digit or an opening quote or bracket (``„`` and ``»`` too).
So:

- decimals and figures (``$1.5 billion``, ``3.2%``) never end a sentence, as
  no space follows the point;
- ``“Is it over?” he asked.`` is one sentence, as a lowercase word follows;
- titles (``Dr.``, ``Mr.``, ``Sen.``, ``St.``) never end a sentence;
- letters written against a figure are no abbreviation: a decade or a
  figure with its unit (``the 1990s.``, ``the '90s.``, ``£10m.``) ends a
  sentence like a word;
- after other abbreviations (``Feb.``, ``etc.``, ``Inc.``), initials and
  initialisms (``J.``, ``U.S.``, ``U.N.``) a sentence ends only when the
  next word is one that typically starts a sentence (``The``, ``He``, ``But``
  ...): ``the U.S. Congress`` is one sentence, ``aid from the U.S. The figure``
  two;
- after ``a.m.`` and ``p.m.`` a capitalised word starts a sentence unless it
  is a day, a month or a time zone (``10 p.m. Tuesday``, ``10 p.m. ET``).

The end of a block (paragraph, list item, table cell) always ends a sentence,
and a label that opens a block (a dateline, "GENEVA — "; a time stamp,
"15:58 — "; "Q: ", "A: ") is no part of its first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Capital letters for character classes (``[{UPPER}]``): Latin with its
#: accents ("BRASÍLIA", "SÃO PAULO", "ŁÓDŹ"; Latin Extended-A pairs its
#: capitals with small letters, so both are in), Greek and Cyrillic.
UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁ"


#: Abbreviations that come before a name and so never end a sentence.
TITLES = _words(
    """mr mrs ms mx dr prof sen rep gov gen lt col capt cmdr adm maj sgt cpl pvt rev
    hon st mt ft pres amb sec supt insp det fr messrs mme mlle smt"""
)

#: Abbreviations that may end a sentence, but usually do not.
ABBREVIATIONS = _words(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs
    fri sat sun inc ltd co corp plc llc bros dept univ assn est approx vs etc al cf
    no nos vol fig jr sr ph e.g i.e a.m p.m u.s u.k u.n e.u ave blvd rd"""
)

#: Words that often start a sentence; after an abbreviation they decide.
STARTERS = _words(
    """a an the this that these those there here it its he she his her they them their
    we our us i you your but and or so yet nor for if when while after before as
    although though because since until unless however meanwhile still also then now
    in on at by from with without of to into under over during despite among between
    some many most much more few several both all each every no not none one two
    what which who whom whose why how where officials analysts critics"""
)

#: Days and months.
CALENDAR = _words(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday"""
)

#: Words that go on a time after "a.m." or "p.m." ("10 p.m. Eastern").
_TIME_ZONES = _words("eastern pacific central mountain local")

#: A terminator and the closing quotes and brackets after it: any mark
#: that closes a quotation, English (”, ’), German („…“, ‚…‘, »…«),
#: French and Swiss («…», a space before the closing guillemet: "« Nous
#: vivons. » Les …") or straight.
_END = re.compile(r"(?:[.!?]+|…)(?:[\"'”’“‘»«›‹)\]]|[ \u00a0\u202f][»›](?=\s|$))*")
_OPENERS = "\"'“‘„‚«»‹›([¿¡"
#: The word before a full stop, whole: the "t" of "spät" is no initial.
_PREV_WORD = re.compile(r"(?<![^\W\d_])([A-Za-z][A-Za-z.]*)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def _next_word(text: str, pos: int) -> str:
    """The word starting at ``pos`` (after any opening quotes or brackets)."""
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    m = re.match(r"[^\W_]+", text[pos:])
    return m.group() if m else text[pos : pos + 1]


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the terminator ``text[start:end]`` ends a sentence."""
    if end < len(text) and not text[end].isspace():
        return False
    rest = end
    while rest < len(text) and text[rest].isspace():
        rest += 1
    if rest >= len(text):
        return True
    nxt = _next_word(text, rest)
    if not nxt:
        return False
    first = nxt[0]
    starts_like_sentence = first.isupper() or first.isdigit() or text[rest] in _OPENERS
    if not starts_like_sentence:
        return False
    if text[start] != "." or text[start:end].startswith(".."):
        return True
    m = _PREV_WORD.search(text[max(0, start - 40) : start])
    if not m:
        return True
    prev = m.group(1)
    key = prev.lower().rstrip(".")
    if key in ("a.m", "p.m"):
        # "Polls closed at 10 p.m. Turnout was high" is two sentences;
        # "10 p.m. Tuesday" and "10 p.m. ET" one.
        low = nxt.lower()
        zone = low in CALENDAR or low in _TIME_ZONES or (len(nxt) > 1 and nxt.isupper())
        return first.isupper() and not zone
    if m.start() > 0 and m.string[m.start() - 1].isdigit():
        return True  # letters on a figure are no abbreviation: "the 1990s.", "'90s.", "£10m."
    if key in TITLES:
        return False
    if key in ABBREVIATIONS or _INITIALS.match(prev.rstrip(".")):
        return nxt.lower() in STARTERS and first.isupper()
    return True


#: A label opening a block that is no part of its first sentence: a
#: dateline ("GENEVA — ", "KYIV, Ukraine (AP) — ", "Valencia, 8 apr
#: (EFE).- ", "Hanover (dpa/lni) - "), a time stamp ("15:58 — ", "10.30am: "),
#: a speaker label ("Q: ", "A: ") or a place in capitals ("AMARAVATI: ").
#: Capitals are any upper-case letters, accented ones too ("BRASÍLIA -- ",
#: "SÃO PAULO — ", "ÉVORA: "; see :data:`UPPER`).
_AGENCY = r"\([A-Za-z]+(?:/[A-Za-z]+)?\)"
_CAP = f"[{UPPER}]"
#: A place in capitals before a colon ("AMARAVATI: ", "SÃO TOMÉ: ").
_CAPS_PLACE = rf"{_CAP}[{UPPER}'’-]+(?: {_CAP}[{UPPER}'’-]+)*"
_DATELINE = re.compile(
    rf"(?:(?:{_CAP}[{UPPER}.'’ -]+(?:,[^—–\n]{{1,40}}?)?(?:\s*{_AGENCY})?"
    rf"|{_CAP}[\w.'’/-]*(?: {_CAP}[\w.'’/-]*){{0,2}} {_AGENCY}"
    rf"|{_CAP}[\w.'’ -]{{0,40}},[^()\n]{{1,30}}{_AGENCY}\s*\.?"
    r"|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)\s*[—–-]{1,2}"
    rf"|(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?|[QA]|{_CAPS_PLACE}):)"
    rf"\s+(?=[{UPPER}0-9\"“‘'«])"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets, without the
    whitespace between them, nor a dateline before the first."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _END.finditer(text):
        if _ends_sentence(text, m.start(), m.end()):
            spans.append((begin, m.end()))
            begin = m.end()
    spans.append((begin, len(text)))
    dateline = _DATELINE.match(text)
    if dateline is not None:
        # A full stop inside the dateline ends no sentence: "PINE RIDGE,
        # Calif. (KVRT) — The fire grew …".
        while len(spans) > 1 and dateline.end() >= spans[0][1]:
            spans[0:2] = [(spans[0][0], spans[1][1])]
        if dateline.end() < spans[0][1]:
            spans[0] = (dateline.end(), spans[0][1])
    result = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            result.append((lo, hi))
    return result


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) of ``text`` that hold ``text[start:end]``."""
    return span_around(sentence_spans(text), start, end)


def span_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the ``spans`` (:func:`sentence_spans` of a text, in order)
    that hold ``start:end``; so a text's sentences can be split once for
    many matches."""
    lo, hi = start, end
    i = bisect_right(spans, start, key=_END_OF)  # the first sentence ending after start
    while i < len(spans) and spans[i][0] < end:
        s, e = spans[i]
        lo, hi = min(lo, s), max(hi, e)
        i += 1
    return lo, hi


_END_OF = itemgetter(1)
