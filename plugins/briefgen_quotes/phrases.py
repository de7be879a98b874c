"""Speaker phrases: who a clause names, split into a role and a name.

"Kremlin spokesperson Dmitry Peskov" is the role "Kremlin spokesperson" and the
name "Dmitry Peskov": the name is what follows the last title or lower-case
word; a run of capitalised words with no title is all name ("Russian Defense
Ministry"). "Rubio and Waltz" are two speakers. The subject of a verb of speech
is read backwards from the verb ("Stubb said", "Velmar's foreign minister,
Sabine Kofler, said", "Gould-Davies, senior fellow at IISS, said"), the speaker
of an inverted verb forwards ("said Stubb", "shouted one protester").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from .lexicon import (
    BETWEEN_SUBJECT_AND_VERB,
    CALENDAR,
    CAPITAL_TITLES,
    CONNECTORS,
    DASHES,
    DOCUMENT_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    IRREGULAR_PARTICIPLES,
    LY_NOUNS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAMES,
    NOT_ROLES,
    OBJECT_PRONOUNS,
    ORG_HEADS,
    PAST_VERBS,
    PORTFOLIO_WORDS,
    POST_NOMINALS,
    PRONOUNS,
    QUOTE_MARKS,
    REPORTING_VERBS,
    ROLE_WORDS,
    STYLES,
    TIME_ADVERBS,
    TIME_PREPOSITIONS,
    TITLE_WORDS,
    TRAILING_STARTERS,
)
from .model import Speaker
from .text import Token

DETERMINERS = frozenset({"the", "a", "an"})
#: Possessive pronouns that open a role as a determiner does ("His barrister, X, said").
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "our"})
#: Words that open a noun phrase: "the statement", "its note", "Her neighbour".
_OPENING_DETERMINERS = DETERMINERS | POSSESSIVE_PRONOUNS
#: Connectors that cannot open a speaker phrase ("of", "and", but not "the").
_LEADING_CONNECTORS = CONNECTORS - DETERMINERS
#: Words that may sit in a role or describe a speaker (see :func:`_is_common`).
_COMMON = ROLE_WORDS | GROUP_WORDS | DOCUMENT_WORDS
#: Lower-case words that may be part of a speaker phrase, and capitalised
#: words that may not (see :func:`phrase_token`).
_PHRASE_WORDS = _COMMON | CONNECTORS | DETERMINERS
_NOT_PHRASE_NAMES = NOT_NAMES - DETERMINERS


_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")
#: A lowercase possessive that may stand in a speaker phrase: of these words.
_OWNED = ("'s", "’s")
_OWNERS = _COMMON | ORG_HEADS
_LOWER = attrgetter("lower")
_START = attrgetter("start")


def token_at(toks: Sequence[Token], offset: int) -> int | None:
    """The index of the token starting at ``offset``, if one does."""
    lo = bisect_left(toks, offset, key=_START)
    if lo < len(toks) and toks[lo].start == offset:
        return lo
    return None


def pronoun_opens(toks: Sequence[Token], first: int) -> bool:
    """Does a sentence open with "He" or "She" and a word in lowercase (a
    verb: "She closed her speech")?"""
    return (
        first + 1 < len(toks)
        and toks[first].capitalized
        and toks[first].lower in ("he", "she")
        and toks[first + 1].is_word
        and not toks[first + 1].capitalized
    )


def is_possessive(tok: Token) -> bool:
    return tok.text.endswith(_POSSESSIVE_ENDS)


#: Endings of nouns for people ("protester", "economist", "spokeswoman",
#: "resident", "consultant", "employee", "the 45-year-old").
_PERSON_ENDINGS = (
    "er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "person",
    "people", "dent", "dents", "ant", "ants", "ee", "ees", "year-old", "year-olds",
)  # fmt: skip


def could_speak(speaker: Speaker, verb: str = "") -> bool:
    """Can a speaker phrase after ``verb`` speak: a name, a pronoun, or a
    description whose head is a title, a role, a group, a document, an
    organisation or a word for a person? "the allegations", "a new parking
    plan", "the fund" cannot: after a verb of speech they are its object
    ("…, denied the allegations."); nor can a document after a verb of
    writing ("…, wrote a letter to the minister")."""
    if speaker.kind not in ("description", "group"):
        return True
    words = speaker.name.lower().split()
    head = words[-1]
    if head not in _COMMON and head not in ORG_HEADS:
        # "the president of the FAD": the title before what it is of.
        head = next((words[i - 1] for i in range(1, len(words)) if words[i] == "of"), head)
    if verb in _WRITING and head in DOCUMENT_WORDS and head not in ORG_HEADS:
        return False
    return head in _COMMON or head in ORG_HEADS or head in _BODIES or person_word(head)


#: Verbs of writing, whose object may be a document.
_WRITING = frozenset({"wrote", "writes", "write", "posted", "posts", "sent", "published", "issued"})


def person_word(low: str) -> bool:
    """Is the lower-case word ``low`` a word for a person or people, by its
    ending or as one of a few short ones ("shopper", "economist", "fan")?"""
    return (low.endswith(_PERSON_ENDINGS) and low not in _NOT_PEOPLE) or low in _PEOPLE


_PEOPLE = frozenset(
    {"fan", "fans", "guest", "guests", "chef", "chefs", "pupil", "pupils"}
    | {"academic", "academics", "critic", "critics", "cleric", "clerics", "medic", "medics"}
    | {"paramedic", "paramedics", "mechanic", "mechanics", "sceptic", "sceptics", "skeptic"}
    | {"skeptics"}
)
#: Words with a person's ending that are no word for a person ("the first song she ever").
_NOT_PEOPLE = frozenset(
    {"ever", "never", "however", "whatever", "whenever", "wherever", "whether", "other"}
    | {"another", "either", "neither", "rather", "together", "further", "after", "over"}
    | {"under", "her", "per", "later", "earlier", "for", "or", "nor"}
)


#: Other words for a body that speaks ("indicated the entity", as
#: translated copy calls an institution named before).
_BODIES = frozenset(
    {"entity", "institution", "body", "organisation", "organization", "newspaper", "outlet"}
)


def _is_common(tok: Token) -> bool:
    """A word that may sit in a role or describe a speaker ("spokesperson"):
    a role, group or document word."""
    return tok.lower in _COMMON


#: A US party and state after a lawmaker's name: "R-Texas", "D-N.M.", "D-Calif".
_PARTY_LABEL = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")


#: An age as copy writes it before a name or for a person ("the 24-year-old").
AGED = re.compile(r"\d+-years?-old")


def is_aside(tok: Token) -> bool:
    """Is ``tok`` an age or a party label, which sits between commas after
    a name and says nothing of who it is ("Archer, 46,", "Whitcomb, R-Texas,")?"""
    return tok.text.isdigit() or _PARTY_LABEL.fullmatch(tok.text) is not None


def is_participle(tok: Token) -> bool:
    """Does ``tok`` open a participle's clause ("questioned", "speaking",
    "written")?"""
    low = tok.lower
    if tok.capitalized:
        return False
    return (
        (len(low) > 5 and low.endswith(("ed", "ing")))
        or low in IRREGULAR_PARTICIPLES
        or low in _SHORT_PARTICIPLES
    )


#: Participles of five letters (shorter words in -ing are mostly nouns:
#: "thing", "king", "sting"; and a word of five in -ed may be one: "speed").
_SHORT_PARTICIPLES = frozenset(
    {"using", "being", "going", "doing", "lying", "dying"}
    | {"dated", "based", "named", "aimed", "timed", "asked", "hired", "fired", "cited"}
)


def phrase_token(tok: Token) -> bool:
    """May ``tok`` be part of a speaker phrase? A parenthesis, a capitalised
    word that is not in :data:`.lexicon.NOT_NAMES` (determiners are), a
    common word, a connector or a determiner, or the possessive of a common
    word or an organisation word ("the agency's spokesman")."""
    if not tok.is_word:
        return tok.text in "()&"  # "&" joins the words of a name: "Kestrel & Finch"
    low = tok.lower
    if tok.capitalized:
        # An acronym is a name even when it spells a word ("WHO", "IT").
        return low not in _NOT_PHRASE_NAMES or (len(low) > 1 and tok.text.isupper())
    return low in _PHRASE_WORDS or (low.endswith(_OWNED) and low[:-2] in _OWNERS)


# ---------------------------------------------------------------- phrases


#: Speakers by the text of their phrase, with offsets from the phrase's
#: start: names recur in an article and across articles, and the tokens of
#: a phrase are those of its text, so its speaker is read once.
_PHRASES: dict[str, Speaker | None] = {}
#: :data:`_PHRASES` starts afresh when it holds this many phrases.
_MAX_PHRASES = 20_000


def make_speaker(text: str, toks: Sequence[Token], role: str | None = None) -> Speaker | None:
    """Turn the tokens of a speaker phrase into a :class:`Speaker` (a new
    one on every call: callers may change it).

    The phrase is split into coordinated speakers on "and", and each into a
    role and a name: the name is what follows the last title or common word
    ("White House press secretary | Karoline Leavitt"); a phrase of capitalised
    words with no title is all name ("Russian Defense Ministry").
    """
    if not toks or not any(t.text[:1].isalpha() for t in toks):
        return None  # "29": an age, no one
    if len(toks) > 3 and toks[-1].text == ")" and toks[-3].text == "(" and is_aside(toks[-2]):
        toks = toks[:-3]  # "Rosa Delgado (D-N.M.)"
    start = toks[0].start
    phrase = text[start : toks[-1].end]
    if phrase in _PHRASES:
        found = _PHRASES[phrase]
    else:
        if len(_PHRASES) >= _MAX_PHRASES:
            _PHRASES.clear()
        found = _PHRASES[phrase] = _read_speaker(text, toks, -start)
    if found is None:
        return None
    speaker = found.moved(start)
    if role and not speaker.role:
        speaker.role = role
    return speaker


def _read_speaker(text: str, toks: Sequence[Token], by: int) -> Speaker | None:
    """:func:`make_speaker`, its offsets moved ``by`` characters."""
    lo, hi = 0, len(toks)
    while lo < hi and (toks[lo].lower in _LEADING_CONNECTORS or toks[lo].text in ")"):
        if _opens_surname(toks, lo):
            break  # "Van der Berg", "de Gaulle"
        lo += 1
    while hi > lo and (toks[hi - 1].lower in CONNECTORS or toks[hi - 1].text == "("):
        hi -= 1
    if lo == hi:
        return None
    toks = list(toks[lo:hi])
    if hi - lo == 1 and (toks[0].lower in PRONOUNS or toks[0].lower in OBJECT_PRONOUNS):
        t = toks[0]
        pronoun = OBJECT_PRONOUNS.get(t.lower, t.lower)
        return Speaker(t.start + by, t.end + by, pronoun, kind="pronoun")
    speakers = []
    for part in _split_coordination(toks):
        speaker = _one_speaker(text, part)
        if speaker is not None:
            speakers.append(speaker)
    if not speakers:
        return None
    first = speakers[0]
    first.phrase_start = toks[0].start
    first.others = speakers[1:]
    return first.moved(by)


def _opens_surname(toks: Sequence[Token], i: int) -> bool:
    """Do name particles start at ``toks[i]`` and run on to a capitalised
    word ("Van der Berg", "de Gaulle")?"""
    j = i
    while j < len(toks) and toks[j].lower in NAME_PARTICLES:
        j += 1
    return i < j < len(toks) and toks[j].is_word and toks[j].capitalized


def _split_coordination(toks: list[Token]) -> list[list[Token]]:
    """Split "Marco Rubio and Mike Waltz" into two phrases; leave
    "Institute for Strategic Studies" and "Russia and Eurasia" roles alone."""
    if "and" not in map(_LOWER, toks):
        return [toks]  # "&" joins a firm's name: "Kestrel & Finch", "Procter & Gamble"
    for i, t in enumerate(toks):
        if t.lower == "and" and 0 < i < len(toks) - 1:
            left, right = toks[:i], toks[i + 1 :]
            if _in_portfolio(left) or _portfolio_before_title(left, right):
                break  # "MEC for Cooperative Governance and Traditional Affairs Pieter van Wyk"
            if _person_like(left) and _person_like(right):
                return [left, *_split_coordination(right)]
    return [toks]


def _portfolio_before_title(left: list[Token], right: list[Token]) -> bool:
    """Are ``left`` and the start of ``right`` (joined by "and") the words
    of a portfolio written before its title ("Work and Pensions Secretary
    Liz Kendall", "Economy, Trade and Industry Minister Ren Fujisaki")?"""
    return all(t.lower in PORTFOLIO_WORDS or t.text == "," for t in left) and (
        right[0].lower in PORTFOLIO_WORDS
    )


def _portfolio_comma(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is token ``k`` a comma between the capitalised words of a title's
    portfolio ("Minister of Housing, Infrastructure and Communities",
    "Economy, Trade and Industry Minister")?"""
    if toks[k].text != "," or k + 1 >= len(toks) or not toks[k + 1].capitalized:
        return False
    if (
        k - 1 >= floor
        and toks[k - 1].lower in PORTFOLIO_WORDS
        and toks[k + 1].lower in PORTFOLIO_WORDS
    ):
        return True
    return k - 1 >= floor and _in_portfolio(list(toks[max(floor, k - 8) : k]))


def _in_portfolio(toks: list[Token]) -> bool:
    """Do ``toks`` end inside a title's portfolio: a title, "of" or "for",
    then one or two capitalised words, perhaps with a comma ("Minister of
    Housing, Infrastructure", "MEC for Cooperative Governance"; not
    "Secretary of State Marco Rubio", where a name follows)?"""
    words = 0
    for i in range(len(toks) - 1, 0, -1):
        t = toks[i]
        if t.lower in ("of", "for"):
            return toks[i - 1].lower in TITLE_WORDS and 0 < words <= 2
        if t.capitalized:
            words += 1
        elif t.text != ",":
            return False
    return False


def _person_like(toks: list[Token]) -> bool:
    last = toks[-1]
    return (
        last.is_word
        and last.capitalized
        and last.lower not in NOT_NAMES
        and last.lower not in TITLE_WORDS
        and not is_possessive(last)
        and len(toks) <= 7
    )


def _one_speaker(text: str, toks: list[Token]) -> Speaker | None:
    det = toks[0] if toks[0].lower in DETERMINERS else None
    body = toks[1:] if det else toks
    while body and body[0].lower.rstrip(".") in HONORIFICS and len(body) > 1:
        body = body[1:]
    while len(body) > 1 and AGED.fullmatch(body[0].lower):
        body = body[1:]  # "the 67-year-old Halyna Myronenko"
    if len(body) > 4 and body[-1].text == ")" and body[-2].is_word:
        # "Nuala Breathnach TD (Dublin Central)": the seat, after the member's letters
        opened = next((i for i in range(len(body) - 2, 0, -1) if body[i].text == "("), 0)
        if opened > 1 and body[opened - 1].text in POST_NOMINALS:
            body = body[:opened]
    while len(body) > 2 and body[-1].text in POST_NOMINALS:
        body = body[:-1]  # "Simon Archer KC", "Jo Dale MP"
    if not body:
        return None
    if det is not None and det.lower == "the" and _all_role_words(body):
        # "the Opposition Leader", "the Leader of the Opposition": a title,
        # capitalised as British and Australian copy does.
        return Speaker(
            toks[0].start, body[-1].end, text[toks[0].start : body[-1].end], kind="description"
        )
    # The last word that belongs to a role: a title, a common word, a possessive.
    cut = len(body) - 1
    while cut >= 0 and not (body[cut].is_word and _ends_role(body, cut)):
        cut -= 1
    name = body[cut + 1 :]
    role_toks = body[: cut + 1]
    if name and role_toks and name[0].lower in ("of", "for"):
        # "Secretary of State Marco Rubio": the portfolio belongs to the role.
        # Up to the end: "the Minister of Foreign Affairs" names no one.
        k = 0
        while k < len(name) and (
            name[k].lower in ("of", "for")
            or name[k].lower in PORTFOLIO_WORDS
            # "Minister of Housing, Infrastructure and Communities Ana Ruiz"
            or (
                name[k].text in (",", "and", "&")
                and k + 1 < len(name)
                and name[k + 1].lower in PORTFOLIO_WORDS
            )
        ):
            k += 1
        role_toks, name = role_toks + name[:k], name[k:]
    while name and name[0].lower in CONNECTORS:  # name particles are connectors
        if name[0].lower in NAME_PARTICLES and any(t.capitalized for t in name[1:]):
            break
        role_toks.append(name.pop(0))
    if (
        det is not None
        and det.lower == "the"
        and name
        and len(role_toks) > 2
        and role_toks[-1].lower == "the"
        and role_toks[-2].lower == "of"
        and not any(t.lower.startswith("spokes") for t in role_toks)
    ):
        # "the president of the Region": what the title is of, no one's name
        # (a spokesperson, though, speaks for it: "the spokesperson of the Greens").
        name = []
    if (
        len(role_toks) > 1
        and role_toks[-1].lower in ("for", "at")
        and (not role_toks[-2].capitalized or role_toks[-2].lower in TITLE_WORDS)
    ):
        # "the member for Bolton West", "a lawyer for Delaney", "an engineer
        # at Wendover Council": whom the role serves or where, not who holds it.
        name = []
    elif any(
        t.lower in _SOURCES and n.lower in ("of", "in", "at", "from", "within")
        for t, n in pairwise(role_toks)
    ):
        name = []  # "A source of the Harbour Office": someone unnamed inside it
    # "Noor Vance of the Brannock Cycling Club", "Kwon Ji-hye of the law firm
    # Daeyang": a person, then where from (whatever role words follow).
    for i in range(2, min(4, len(body))):  # two or three words before "of"
        if body[i].lower in ("of", "from", "at"):
            head = body[:i]
            if (
                all(h.is_word and h.capitalized and h.lower not in TITLE_WORDS for h in head)
                and head[-1].lower not in ORG_HEADS
                and (cut < 0 or _where_from_only(body, i))
            ):
                name, role_toks = head, body[i:]
            break
    if not name or not any(t.capitalized and t.is_word for t in name):
        # No name: a description ("the ministry") or a group ("officials",
        # "analysts at the port bank": the word before where they are from).
        head = next(
            (body[i - 1].lower for i in range(1, len(body)) if body[i].lower in WHERE_FROM),
            body[-1].lower,
        )
        kind = "group" if head in GROUP_WORDS else "description"
        if (
            not det
            and kind == "description"
            and not any(t.capitalized for t in body)
            and head not in DOCUMENT_WORDS
            and head not in TITLE_WORDS
        ):
            return None
        start = toks[0].start
        return Speaker(start, body[-1].end, text[start : body[-1].end], kind=kind)
    while len(name) > 1 and name[0].lower.rstrip(".") in HONORIFICS:
        name = name[1:]  # "Opposition leader Mr Tom Reid": nor of the name
    role = text[role_toks[0].start : role_toks[-1].end] if role_toks else None
    start, end = name[0].start, name[-1].end
    return Speaker(start, end, text[start:end], role=role, phrase_start=toks[0].start)


def _all_role_words(body: Sequence[Token]) -> bool:
    """Is a phrase all role words (and "of the" between them), ending in one?"""
    return body[-1].lower in ROLE_WORDS and all(
        t.lower in ROLE_WORDS or t.lower in ("of", "the", "for") for t in body
    )


def _ends_role(body: list[Token], i: int) -> bool:
    """Does word ``i`` of a speaker phrase belong to the role in front of the
    name: a lower-case word, a possessive, a title ("President", but not in
    "Justice Department"), or a group word opening the phrase ("Officials")?"""
    t = body[i]
    low = t.lower
    if (not t.capitalized and low not in CONNECTORS) or t.text.endswith(_POSSESSIVE_ENDS):
        return True
    if _is_title(low) and not (i + 1 < len(body) and _org_head(body)):
        return True
    if t.text in POST_NOMINALS and i + 1 < len(body) and body[i + 1].lower not in CONNECTORS:
        return True  # "Clydemuir West MSP Anne Doherty": a member, before the name
    if (
        i == 0
        and low in TITLE_WORDS
        and 3 <= len(body) <= 4
        and all(t.capitalized for t in body[1:])
        and not _org_head(body)
    ):
        return True  # "Resident Maria Lopez", "Reader Joan Tully": a name of two words after
    return i == 0 and low in GROUP_WORDS


@lru_cache(maxsize=4096)  # called for every word of every speaker phrase
def _is_title(low: str) -> bool:
    """ "President", "Sen.", "Secretary-General", "Vice-President"."""
    return any(part.rstrip(".") in CAPITAL_TITLES for part in low.split("-"))


def _org_head(rest: list[Token]) -> bool:
    """Does the rest of a phrase name an organisation ("Justice Department")?"""
    return bool(rest) and rest[-1].lower in ORG_HEADS


def appositive_role(text: str, toks: Sequence[Token]) -> str | None:
    """The role in "NAME, ROLE, said" / "said NAME, ROLE." or None when the
    words between the commas are a parenthetical ("for his part")."""
    if not toks or len(toks) > 25:
        return None
    first = toks[0]
    if not first.is_word or first.lower in NOT_ROLES:
        return None
    if any(t.text in QUOTE_MARKS for t in toks):
        return None
    if first.capitalized and first.lower not in TITLE_WORDS and not is_possessive(first):
        # "NAME, Kremlin spokesperson," is a role; "NAME, Ukraine," is not.
        if not any(_is_common(t) for t in toks):
            return None
    elif not first.capitalized and not (
        first.lower in DETERMINERS
        or _is_common(first)
        or first.lower in ("senior", "former")
        or _before_title(toks)
    ):
        return None
    return text[first.start : toks[-1].end]


def _before_title(toks: Sequence[Token]) -> bool:
    """Do the phrase's first words, in lower case, lead to a title word
    ("floor leader of the ruling party", "majority leader"): a role the
    word lists know only by its last word?"""
    for t in toks[1:4]:
        if _is_title(t.lower) or t.lower in TITLE_WORDS:
            return True
        if not t.is_word or t.capitalized or t.lower in NOT_ROLES or t.lower in CONNECTORS:
            return False
    return False


# ---------------------------------------------------------------- subjects


#: Parts of a day after a weekday ("on Tuesday night"), and periods after
#: "last" or "this" ("last week", "earlier this month").
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_PERIODS = _DAY_PARTS | {"week", "weekend", "month", "year"}


#: An adverb in -ly ("quietly", "publicly"; see also :data:`.lexicon.LY_NOUNS`).
ADVERB_LY = re.compile(r"[a-z]{3,}ly")


def skip_between(toks: Sequence[Token], j: int, floor: int) -> int:
    """The index of the last token of a subject whose verb follows token
    ``j``: before the words that may stand between them ("has", "also",
    "used to", "on Tuesday", "late on Monday", "earlier this week")."""
    while j >= floor:
        low = toks[j].lower
        if not toks[j].capitalized and (
            low in BETWEEN_SUBJECT_AND_VERB or (ADVERB_LY.fullmatch(low) and low not in LY_NOUNS)
        ):
            j -= 1  # "has", "also", "nevertheless", "quietly"
            continue
        if low == "to" and j > floor and toks[j - 1].lower == "used":
            j -= 2  # "Her father used to say …"
            continue
        if (
            low == "to"
            and j - 2 >= floor
            and toks[j - 1].lower in _HEARSAY
            and toks[j - 2].lower in ("is", "are", "was", "were")
        ):
            j -= 3  # "Ruiz is understood to have told …", "is said to have said"
            continue
        if low in NAME_SUFFIXES and j > floor and toks[j - 1].capitalized:
            j -= 1  # "Malviya ji said"
            continue
        if low in DOCUMENT_WORDS and not toks[j].capitalized:
            # "Sharma in a statement said", "X, in a press release, said":
            # the document it was said in stands between subject and verb.
            back = range(j - 1, max(floor, j - 4) - 1, -1)
            i = next((i for i in back if toks[i].lower == "in"), None)
            if i is not None and i + 1 < j and toks[i + 1].lower in _OPENING_DETERMINERS:
                j = i - 1 if i - 1 >= floor and toks[i - 1].text != "," else i - 2
                continue
        k = _time_back(toks, j, floor)
        if k == j:
            return j
        j = k
    return j


#: Participles of hearsay before "to" and a verb ("is understood to have told").
_HEARSAY = frozenset({"understood", "said", "reported", "believed", "thought", "alleged", "known"})


def _time_back(toks: Sequence[Token], j: int, floor: int) -> int:
    """The index before a time phrase that ends at token ``j`` ("on
    Tuesday", "late on Monday", "on Tuesday night", "last week", "earlier
    this month", and the wire's bare "Tuesday"), else ``j``."""
    k = j
    if toks[k].lower in _DAY_PARTS and k > floor and toks[k - 1].lower in CALENDAR:
        k -= 1
    if toks[k].lower in CALENDAR:
        k -= 1
    elif toks[k].lower in _PERIODS and k > floor and toks[k - 1].lower in ("last", "this"):
        k -= 2
    else:
        return j
    if k >= floor and toks[k].lower == "on":
        k -= 1
    if k >= floor and toks[k].lower in ("late", "early", "earlier", "later"):
        k -= 1
    return k


def time_after(toks: Sequence[Token], k: int) -> int:
    """The index after a time phrase that starts at token ``k`` ("on
    Thursday", "late on Monday", "on Tuesday night", "last week",
    "yesterday"), else ``k``: the mirror of :func:`_time_back`, for a verb
    that comes before its subject ("said on Thursday the minister")."""
    n = len(toks)
    m = k
    if m < n and toks[m].lower in ("late", "early", "earlier", "later"):
        m += 1
    if m < n and toks[m].lower == "on":
        m += 1
    if m < n and toks[m].lower in CALENDAR:
        m += 1
        if m < n and toks[m].lower in _DAY_PARTS:
            m += 1
        return m
    if m == k and m + 1 < n and toks[m].lower in ("last", "this") and toks[m + 1].lower in _PERIODS:
        return m + 2
    if m == k and m < n and toks[m].lower in ("yesterday", "today", "tonight"):
        return m + 1
    return k


def subject_before(text: str, toks: Sequence[Token], verb: int, floor: int = 0) -> Speaker | None:
    """The speaker phrase that ends right before token ``verb`` ("Stubb said",
    "Kremlin spokesperson Dmitry Peskov has said", "Gould-Davies, senior
    fellow at IISS, said"). Tokens before ``floor`` are out of reach."""
    j = skip_between(toks, verb - 1, floor)
    if j < floor:
        return None
    who = _who_clause_back(toks, j, floor)
    if who is not None:
        # "A neighbor who asked not to be named told …": the one the clause
        # (with no commas) is about.
        return described_back(text, toks, who, floor) or _phrase_back(text, toks, who - 1, floor)
    if toks[j].lower == "who" and j - 1 > floor and toks[j - 1].text == ",":
        # "…, María López, who assured that": the one the clause is about
        # ("one driver, who asked not to be named, said": a description).
        return _phrase_back(text, toks, j - 2, floor) or described_back(text, toks, j - 1, floor)
    if toks[j].text == ",":
        k = _comma_back(toks, j, floor)
        if k is not None and _state_after_place(toks, k, j, floor):
            k = _comma_back(toks, k, floor)  # "…, a sophomore from Dayton, Ohio, said"
        if k is None:
            return None
        inner = toks[k + 1 : j]
        if inner and is_rank(inner[0].text):
            # "the president of the House, senator Antônia Lins, said": a
            # title in lower case before the name between the commas.
            named = _name_between_commas(text, toks, inner, k, floor)
            if named is not None:
                return named
        if inner and (
            inner[0].lower in DETERMINERS
            # "presenter Mo Adeyemi": a word for a person right before the name.
            or (
                len(inner) > 2
                and not inner[0].capitalized
                and person_word(inner[0].lower)
                and inner[1].capitalized
            )
            or _name_from(text, inner)
        ):
            # "Her daughter, the cellist Lucia Vance-Okoro, said": a role and
            # a name between the commas; "Baek's lawyer, Kwon Ji-hye of the
            # law firm Daeyang, told": a name and where from. The name speaks.
            named = _name_between_commas(text, toks, inner, k, floor, any_role=True)
            if named is not None:
                return named
        role = appositive_role(text, toks[k + 1 : j])
        if inner and (is_aside(inner[0]) or is_participle(inner[0]) or inner[0].lower in _WHERE):
            # An age, a party, a participle's clause or where someone is from:
            # "Smith, 54, said", "Whitcomb, R-Texas, said", "The minister,
            # questioned on Tuesday, said", "Okonkwo, of GMP's major incident team, said".
            role = None
        elif role is None and not (inner and inner[0].lower in NOT_ROLES):
            return _name_between_commas(text, toks, inner, k, floor)
        before = k - 1
        while True:
            # An age or a party before the role or clause: "Archer, 46, a
            # former nurse, said", "Arroyo, D-Calif., who chairs the caucus, said".
            m = before - 1 if before > floor and toks[before].text == "." else before
            if not (m - 1 >= floor and is_aside(toks[m]) and toks[m - 1].text == ","):
                break
            before = m - 2
        speaker = _phrase_back(text, toks, before, floor)
        if speaker is None and role is None:
            # "The conclusions, agreed by 26 leaders, state": a description.
            speaker = described_back(text, toks, before + 1, floor)
        if speaker is None or speaker.kind == "pronoun":
            return None
        if role and not speaker.role:
            speaker.role = role
        return speaker
    speaker = _phrase_back(text, toks, j, floor)
    if speaker is not None and speaker.kind in ("name", "description"):
        p = token_at(toks, speaker.phrase_start)
        if p is not None and p - 2 >= floor and _inside_of(toks[p - 2].lower, toks[p - 1].lower):
            # "An official at the Harbour Office said", "A source of the
            # harbour office said": the one inside speaks.
            described = described_back(text, toks, verb, floor)
            if described is not None and described.phrase_start < speaker.phrase_start:
                return described
    if speaker is not None and speaker.others:
        speaker = _listed_before(text, toks, speaker, floor)
    if speaker is not None and speaker.kind == "name" and speaker.phrase_start == speaker.start:
        first = token_at(toks, speaker.start)
        start = None if first is None else role_of_before(toks, first, floor)
        if start is not None:
            # "the governor of the region Sergei Tikhonov said"
            speaker.role = strip_determiner(text[toks[start].start : toks[first - 1].end])
            speaker.phrase_start = toks[start].start
    return speaker


def _who_clause_back(toks: Sequence[Token], j: int, floor: int) -> int | None:
    """The index of "who" when a relative clause with no commas ends at
    token ``j`` ("a neighbor | who asked not to be named | told"), right
    after a word for a person; else None."""
    for k in range(j, max(floor, j - _WHO_CLAUSE_WORDS) - 1, -1):
        t = toks[k]
        if not t.is_word:
            return None
        if t.lower == "who":
            before = toks[k - 1] if k - 1 >= floor else None
            if before is None or before.capitalized or k == j:
                return None
            low = before.lower
            return k if _someone(low) else None
    return None


#: How many words a relative clause between a subject and its verb may hold.
_WHO_CLAUSE_WORDS = 10


def _listed_before(text: str, toks: Sequence[Token], speaker: Speaker, floor: int) -> Speaker:
    """ "Ruth Okon, Musa Garba and Ada Eze said": the full names listed
    before ``speaker`` (names joined by "and") with commas are speakers too,
    the first of them first; not a place the sentence opened with ("In
    New York, …": a preposition before it)."""
    names = [speaker, *speaker.others]
    k = token_at(toks, speaker.phrase_start)
    while k is not None and k - 2 >= floor and toks[k - 1].text == ",":
        before = _phrase_back(text, toks, k - 2, floor)
        if before is None or before.kind != "name" or before.others or before.role:
            break
        first = token_at(toks, before.phrase_start)
        if first is None or (first > floor and toks[first - 1].text != ","):
            break
        names.insert(0, before)
        k = first
    if names[0] is speaker:
        return speaker
    names[0].others = names[1:]
    return names[0]


def _comma_back(toks: Sequence[Token], j: int, floor: int) -> int | None:
    """The comma before token ``j`` in its clause (no other punctuation or
    mark between), or None."""
    k = j - 1
    while k >= floor and toks[k].text not in ",.;:!?" and toks[k].text not in QUOTE_MARKS:
        k -= 1
    return k if k >= floor and toks[k].text == "," else None


def _state_after_place(toks: Sequence[Token], k: int, j: int, floor: int) -> bool:
    """Are the words between the commas at tokens ``k`` and ``j`` the state
    or country of a place named right before (", from Dayton, Ohio,", "of
    Ballarat, Victoria,"), not a name of their own?"""
    inner = toks[k + 1 : j]
    if not 0 < len(inner) <= 3 or not all(t.is_word and t.capitalized for t in inner):
        return False
    m = k - 1
    while m >= floor and k - m <= 3 and toks[m].is_word and toks[m].capitalized:
        m -= 1
    if m >= k - 1 or m < floor:
        return False
    # "of" only right after a comma: "the mayor of Saint-Aubin, Kay Dunn," is a role.
    return toks[m].lower in ("from", "in") or (
        toks[m].lower == "of" and m - 1 >= floor and toks[m - 1].text == ","
    )


def _name_between_commas(
    text: str,
    toks: Sequence[Token],
    inner: Sequence[Token],
    comma: int,
    floor: int,
    *,
    any_role: bool = False,
) -> Speaker | None:
    """ "Velmar's foreign minister, Sabine Kofler, said": the name sits
    between the commas and the role before them. A rank written before the
    name ("A Pentagon spokesman, Brig. Gen. Pat Ryder, said") gives way to
    that role; with ``any_role``, so does a role that ends in a title or a
    word for a person ("the cellist")."""
    named = make_speaker(text, inner) if inner else None
    if named is None or named.kind != "name" or named.others:
        return None
    if named.role and not (
        is_rank(named.role)
        or (any_role and _person_role(named.role))
        or named.role.split(None, 1)[0].lower() in _WHERE  # "X of the law firm Y"
    ):
        return None
    if not named.role and is_rank(inner[0].text):
        return None  # "Secretary of the Provincial Party Committee": a title, no name
    start = role_back(toks, comma, floor)
    if start is None:
        return None
    if start > floor and toks[start - 1].lower in ("by", "from", "with", "through", "via", "to"):
        # "Governor X, in a statement signed by his press secretary, Mr Y,
        # described": the role and name are inside a phrase set off after
        # the subject, who comes before it.
        c = start - 1
        while c > floor and toks[c].text != ",":
            if toks[c].text in ".;:!?" or toks[c].text in QUOTE_MARKS:
                return None
            c -= 1
        return _phrase_back(text, toks, c - 1, floor) if toks[c].text == "," else None
    named.role = strip_determiner(text[toks[start].start : toks[comma - 1].end])
    named.phrase_start = toks[start].start
    return named


def _where_from_only(body: Sequence[Token], i: int) -> bool:
    """Do the words from the preposition at ``body[i]`` on say only where
    someone is from ("of the law firm Daeyang"), with no title of theirs
    ("… Bay of Plenty president Neville Strachan")?"""
    return (
        i + 1 < len(body)
        and body[i + 1].lower in DETERMINERS
        and not any(t.lower in TITLE_WORDS for t in body[i + 1 :])
    )


def _name_from(text: str, inner: Sequence[Token]) -> bool:
    """Is ``inner`` a name and where the person is from ("Kwon Ji-hye of
    the law firm Daeyang")?"""
    named = make_speaker(text, inner) if inner[0].capitalized else None
    return (
        named is not None
        and named.kind == "name"
        and bool(named.role)
        and named.role.split(None, 1)[0].lower() in _WHERE
    )


def _person_role(role: str) -> bool:
    """Does ``role`` end in a title or a word for a person ("the cellist",
    "the veteran barrister"; not "the oldest in")?"""
    last = role.rsplit(None, 1)[-1].lower()
    return last in TITLE_WORDS or person_word(last)


def is_rank(role: str) -> bool:
    """Is ``role`` only titles and their abbreviations ("Brig. Gen.", "Det. Supt.")?"""
    words = role.lower().replace(".", " ").split()
    return bool(words) and all(w in CAPITAL_TITLES for w in words)


#: Conjunctions that may open a sentence before its subject ("But the
#: company's lawyer, X, said").
_SENTENCE_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "still"})


def _then_as_role(toks: Sequence[Token], k: int) -> bool:
    """Is "then" at token ``k`` part of a role, right after "the" ("the then
    chief executive", like "the former chief executive")?"""
    return toks[k].lower == "then" and k > 0 and toks[k - 1].lower == "the"


def _in_name(toks: Sequence[Token], k: int, stop: int) -> bool:
    """Is the connector at token ``k`` inside a capitalised name ("Institute
    for Fiscal Accountability", "Bank of Ghana")?"""
    return (
        toks[k].lower in ("for", "of", "and")
        and 0 < k < stop - 1
        and toks[k - 1].capitalized
        and toks[k + 1].capitalized
    )


def _bracketed(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Does token ``k`` close one word in brackets ("(LCP)", "(SNP)")?"""
    return toks[k].text == ")" and k - 2 > floor and toks[k - 2].text == "(" and toks[k - 1].is_word


def role_back(toks: Sequence[Token], stop: int, floor: int, most: int = 8) -> int | None:
    """The first token of a role that ends before token ``stop`` and starts
    a clause ("A council engineer", "Velmar's foreign minister"), or None.
    An acronym in brackets at its end is read past ("the president of the
    Federation of Peasant Communities (Fecoc)")."""
    if stop - 3 > floor and toks[stop - 1].text == ")" and toks[stop - 3].text == "(":
        stop -= 3
    k = stop - 1
    while k >= floor and stop - k <= most and (toks[k].is_word or _bracketed(toks, k, floor)):
        if not toks[k].is_word:
            k -= 3  # a party or an acronym in brackets: "The mayor (LCP) of …"
            continue
        low = toks[k].lower
        if low in DETERMINERS or low in POSSESSIVE_PRONOUNS or low == "whose":
            # "the group's president", "his barrister", "whose president";
            # "the governor of | the region": the role the of-phrase belongs to.
            return _role_of(toks, k, floor) if low in DETERMINERS else k
        if low in _SENTENCE_CONJUNCTIONS and toks[k].capitalized:
            break  # "But Keely's solicitor, X, said": the conjunction is no part of it
        if (
            low in REPORTING_VERBS
            or low == "that"
            or (low in NOT_ROLES and not _then_as_role(toks, k) and not _in_name(toks, k, stop))
        ):
            return None
        k -= 1
    first = k + 1
    if first >= stop or (
        k >= floor and toks[k].is_word and toks[k].lower not in _SENTENCE_CONJUNCTIONS
    ):
        return None  # no words, or too many
    lead = toks[first]
    if lead.lower in DETERMINERS or is_possessive(lead) or _is_common(lead):
        return first
    if lead.capitalized and lead.lower not in NOT_NAMES:
        return first
    return None


#: Who speaks unnamed from inside an organisation ("a source of the palace",
#: as translated copy writes "a source in").
_SOURCES = frozenset({"source", "sources", "insider", "insiders"})


def _inside_of(low: str, preposition: str) -> bool:
    """Do ``low`` and ``preposition`` say someone speaks from inside what
    follows ("an official at", "officials in", "a source of")?"""
    if preposition == "of":
        return low in _SOURCES
    return preposition in ("in", "at", "from", "within") and (_someone(low) or low in _SOURCES)


def _someone(low: str) -> bool:
    """Is ``low`` a word for a person, a title or a group of people?"""
    return person_word(low) or low in TITLE_WORDS or low in GROUP_WORDS


def _role_of(toks: Sequence[Token], k: int, floor: int) -> int:
    """The first token of the role whose of-phrase starts at token ``k``
    ("the governor of | the region", "the head of | the city military
    administration"), or whose at-phrase does ("an economist at | the
    Institute"), else ``k``."""
    of = k - 1
    if of - 1 < floor:
        return k
    before = toks[of - 1].lower
    if toks[of].lower == "of" and (before in TITLE_WORDS or before in _SOURCES):
        pass  # "the governor of | the region", "a source of | the palace"
    elif toks[of].lower in ("at", "with") and person_word(before):
        pass  # "an economist at | the Institute for Fiscal Accountability"
    else:
        return k
    start = role_back(toks, of, floor, most=4)
    return k if start is None else start


def role_of_before(toks: Sequence[Token], first: int, floor: int) -> int | None:
    """The first token of a role with an of-phrase that ends right before a
    name at token ``first``, with no comma between ("the governor of the
    region | Sergei Tikhonov said", "the head of Zarechensk district |
    X said"), or None."""
    k = first - 1
    while k > floor and first - k <= 5 and toks[k].is_word and toks[k].lower != "of":
        if toks[k].lower in REPORTING_VERBS or toks[k].lower in NOT_ROLES:
            return None
        k -= 1
    if k <= floor or k == first - 1 or toks[k].lower != "of":
        return None
    start = _role_of(toks, k + 1, floor)
    return None if start == k + 1 else start


def strip_determiner(phrase: str) -> str:
    """A role without the determiner or possessive pronoun in front ("the
    group's president", "His barrister")."""
    first, _, rest = phrase.partition(" ")
    low = first.lower()
    if rest and (low in DETERMINERS or low in POSSESSIVE_PRONOUNS or low == "whose"):
        return rest
    return phrase


def sentence_subject(
    text: str, toks: Sequence[Token], first: int, *, described: bool = False
) -> Speaker | None:
    """A name that opens a sentence ("Idris Haddad was more guarded",
    "Oskaria's chief negotiator, Idris Haddad, …"), for resolving "he said";
    with ``described``, a description too ("A DHS spokesperson declined").
    The name may follow an opening phrase or two set off by commas
    ("Speaking after the session, Lavrov said …", "Born in Gateshead in
    1944, the daughter of a riveter, Nell left school at 16")."""
    found = _subject_at(text, toks, first, described)
    start = first
    titled = None  # "After the match, the coach was clear": with ``described``, if no name follows
    for _ in range(_OPENERS):
        if found is not None and (found.start > toks[start].start or " " in found.name):
            return found
        # None, or one word that opened the sentence: "Born in 1944, Nell
        # left", "Speaking to reporters, Lavrov said".
        after = _after_opener(toks, first)
        timed = after is None and found is None
        if timed:
            after = _after_time_phrase(toks, first)  # "At one point Judge Lindqvist …"
        if after is None or (found is not None and toks[after - 1].start == found.end):
            return found or titled  # "Brackstone, 31, passed": the name, then an aside
        first = after
        later = _subject_at(text, toks, first, described)
        if later is not None and later.kind == "name":
            return _named_next(text, toks, later) or later
        if later is not None and timed:
            return later
        if later is not None and titled is None and definite_title(later):
            titled = later
    return found or titled


def definite_title(speaker: Speaker) -> bool:
    """ "The Premier", "the foreign minister", "the coach": a definite
    description that ends in a title."""
    words = speaker.name.lower().split()
    return len(words) > 1 and words[0] == "the" and words[-1] in TITLE_WORDS


def _named_next(text: str, toks: Sequence[Token], name: Speaker) -> Speaker | None:
    """The name that acts after ``name`` and a comma, when ``name`` closes
    the opening phrase ("In a statement signed by his press secretary, Mr.
    Tunde Alabi-Oke, Governor Kwari said …": Kwari speaks); None when a
    role or an aside follows the comma instead ("Ana Ruiz, the mayor, said")."""
    k = bisect_left(toks, name.end, key=_START)
    if k + 1 >= len(toks) or toks[k].text != ",":
        return None
    subject = _subject_at(text, toks, k + 1, False)
    if subject is None or subject.kind != "name" or subject.others:
        return None  # "Ana Ruiz, Tom Reid and Lea Voss said": a list of names
    after = bisect_left(toks, subject.end, key=_START)
    if after < len(toks) and toks[after].is_word and not toks[after].capitalized:
        return subject
    return None


#: Opening phrases looked past for a sentence's subject, and the words each may hold.
_OPENERS = 2
_OPENER_WORDS = 16


def after_style(toks: Sequence[Token], k: int) -> int:
    """The index after a style that opens a speaker phrase at token ``k``
    ("His Highness", "Her Excellency", "His Royal Highness"), else ``k``."""
    m = k + 1
    if m < len(toks) and toks[k].lower in ("his", "her") and toks[m].lower == "royal":
        m += 1
    if m < len(toks) and toks[k].lower in ("his", "her") and toks[m].lower in STYLES:
        return m + 1
    return k


def _after_opener(toks: Sequence[Token], first: int) -> int | None:
    """Where a sentence goes on after the phrase that opens it, up to a
    comma within a few words, holding words and figures only (no other
    punctuation, but a title in marks after its first word: "Contacted by
    «Le Courrier», …"); None when it opens with no such phrase."""
    for k in range(first, min(len(toks) - 1, first + _OPENER_WORDS + 1)):
        t = toks[k]
        if t.text == ",":
            return k + 1 if k > first else None
        if not (t.is_word or t.text[:1].isdigit() or t.text in "'’-") and (
            t.text not in QUOTE_MARKS or k == first
        ):
            return None
    return None


def _after_time_phrase(toks: Sequence[Token], first: int) -> int | None:
    """Where a sentence goes on after a phrase of time that opens it with
    no comma, before a capitalised word: "Later Judge Lindqvist …", "At one
    point U.S. District Judge …", "On Tuesday Ms Okoro …". A preposition
    needs a word of the phrase between it and the capital ("At Westminster
    Ms Okoro" is a place, not a time); None when there is no such phrase."""
    n = len(toks)
    if first + 1 >= n:
        return None
    word = toks[first].lower
    if word in TIME_ADVERBS:
        after = toks[first + 1]
        return first + 1 if after.capitalized or after.lower in DETERMINERS else None
    if word not in TIME_PREPOSITIONS:
        return None
    k = first + 1
    while k < n and k - first <= _TIME_PHRASE_WORDS:
        t = toks[k]
        if t.capitalized and t.lower not in CALENDAR:
            return k if k > first + 1 else None
        if t.lower in DETERMINERS and k > first + 1 and toks[k - 1].lower not in _INSIDE_PHRASE:
            return k  # "At one point the lawyer …", not "At the end of the day"
        if not (t.is_word or t.text[:1].isdigit()):
            return None
        k += 1
    return None


#: How many words a phrase of time opening a sentence may hold.
_TIME_PHRASE_WORDS = 6
#: Words after which "the" or "a" goes on with the phrase of time ("At the end of the day").
_INSIDE_PHRASE = TIME_PREPOSITIONS | {"of", "for", "to", "from", "with", "into"}


def _subject_at(text: str, toks: Sequence[Token], first: int, described: bool) -> Speaker | None:
    """:func:`sentence_subject` with no opening phrase looked past."""
    n = len(toks)
    if first + 1 < n and toks[first].capitalized and toks[first].lower in _SENTENCE_CONJUNCTIONS:
        first += 1  # "But the Dente-Akyem MP was not impressed."
    first = after_style(toks, first)  # "His Highness the Emir Sheikh X …"
    k = first
    while k < n and phrase_token(toks[k]) and toks[k].text not in "()":
        k += 1
        if (
            k + 3 < n
            and _bracketed(toks, k + 2, k - 1)
            and (toks[k + 3].text == "," or phrase_token(toks[k + 3]))
        ):
            # A party in brackets inside a role: "The mayor (LCP) of Saint-Aubin,
            # Josiane Peyrat, …", "The mayor of Bourg (PRV), Odile Sarrazin, …".
            k += 3
        if (
            k + 1 < n
            and toks[k - 1].lower in ("of", "for")
            and toks[k].is_word
            and not toks[k].capitalized
        ):
            # "Foxes director of cricket Gareth Pym was": a portfolio the
            # lists do not know, then the name.
            j = k
            while j < n and j - k < 2 and toks[j].is_word and not toks[j].capitalized:
                j += 1
            if j < n and toks[j].capitalized and phrase_token(toks[j]):
                k = j
    if described and k < n and toks[k].is_word and not toks[k].capitalized:
        # "A port spokeswoman declined": words the lists do not know, up to
        # the last word of a role or group within a few words.
        last = next(
            (j for j in range(min(n, first + 5) - 1, k - 1, -1) if toks[j].lower in _COMMON),
            None,
        )
        if last is not None and all(t.is_word for t in toks[k:last]):
            k = last + 1
    if k == first or k >= n:
        return None
    if toks[k].is_word and not toks[k].capitalized and any(t.lower == "of" for t in toks[first:k]):
        # "the president of the Syndicat mixte du bassin (SMBV), Gérard
        # Fontanel, contests": an organisation's name with words in lower
        # case, then the name between commas.
        comma = k
        while comma < n and comma - k < 12 and (toks[comma].is_word or toks[comma].text in "()"):
            comma += 1
        if comma < n and toks[comma].text == ",":
            named = _named_between(text, toks, comma)
            if named is not None:
                return named
    if toks[k].text == ",":
        named = _named_between(text, toks, k)
        if named is not None:
            return named
    elif toks[k].text in DASHES:
        # "Nell — she was never Eleanor to anyone — left school at 16": an
        # aside between dashes, then the verb.
        close = next((j for j in range(k + 1, min(n, k + 25)) if toks[j].text in DASHES), None)
        if close is None or close + 1 >= n:
            return None
        after = toks[close + 1]
        if not after.is_word or after.capitalized:
            return None
    elif toks[k].text == "(":
        # "Anne-Marie Doherty (SNP) defended …": a party, a seat or an age
        # in brackets, then the verb.
        close = next((j for j in range(k + 1, min(n, k + 8)) if toks[j].text == ")"), None)
        if close is None or close + 1 >= n:
            return None
        after = toks[close + 1]
        if not after.is_word or after.capitalized:
            return None
    elif not toks[k].is_word or toks[k].capitalized:
        return None
    speaker = make_speaker(text, toks[first:k])
    if speaker is None or not (speaker.kind == "name" or (described and speaker.kind != "pronoun")):
        return None
    return speaker


def _named_between(text: str, toks: Sequence[Token], comma: int) -> Speaker | None:
    """The name between the comma at token ``comma`` and the next one
    ("…, Josiane Peyrat, did not"), not an age or where someone is from."""
    n = len(toks)
    m = comma + 1
    while m < n and toks[m].text not in ",.;:!?" and toks[m].text not in QUOTE_MARKS:
        m += 1
    if (
        m < n
        and toks[m].text == ","
        and toks[comma + 1].lower not in _WHERE
        and not is_aside(toks[comma + 1])  # "Ollie Brackstone, 31, passed"
    ):
        named = make_speaker(text, toks[comma + 1 : m])
        if named is not None and named.kind == "name" and not named.role:
            return named
    return None


def _phrase_back(text: str, toks: Sequence[Token], j: int, floor: int) -> Speaker | None:
    if j < floor:
        return None
    if toks[j].lower in PRONOUNS:
        before = toks[j - 1] if j - 1 >= floor else None
        if before is None or not before.is_word or before.lower in ("and", "but", "as", "so"):
            t = toks[j]
            return Speaker(t.start, t.end, t.lower, kind="pronoun")
        if before.lower in ("that", "what", "when", "if", "because", "then", "where"):
            t = toks[j]
            return Speaker(t.start, t.end, t.lower, kind="pronoun")
        if toks[j].lower in ("he", "she", "they", "we") and not before.capitalized:
            # "After the couple's dance in week three he branded …", "a result
            # they described as …": only a subject can be "he" or "they" (an
            # object is "him", "them"), whatever comes before.
            t = toks[j]
            return Speaker(t.start, t.end, t.lower, kind="pronoun")
        return None
    k = j
    depth = 0
    while k >= floor:
        t = toks[k]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            if depth == 0:
                break
            depth -= 1
        elif not phrase_token(t) and depth == 0 and not _portfolio_comma(toks, k, floor):
            break
        k -= 1
    phrase = list(toks[k + 1 : j + 1])
    owner = toks[k] if k >= floor else None
    if (
        owner is not None
        and owner.lower in _GROUP_PLACES
        and phrase
        and (phrase[0].capitalized or phrase[0].lower in DETERMINERS)
        and k > floor
        and toks[k - 1].lower in GROUP_WORDS
    ):
        # "analysts at Harbourline Capital said", "officials at the ministry
        # said": the group speaks, wherever it works.
        who = _phrase_back(text, toks, k - 1, floor)
        if who is not None and who.kind in ("description", "group"):
            end = phrase[-1].end
            return Speaker(who.phrase_start, end, text[who.phrase_start : end], kind=who.kind)
    if (
        owner is not None
        and owner.lower in _GROUP_PLACES
        and phrase
        and k > floor
        and person_word(toks[k - 1].lower)
        and (who := _indefinite_before(text, toks, k, floor)) is not None
    ):
        # "A former senior engineer at Wendover Council told": one of its
        # people speaks, as written, not the council.
        end = phrase[-1].end
        return Speaker(who.start, end, text[who.start : end], kind="description")
    if (
        owner is not None
        and owner.lower in ("in", "from")
        and phrase
        and phrase[0].capitalized
        and k > floor
        and _name_word(toks[k - 1])
    ):
        # "Jess in Marlow Bridge writes", "Jess from Marlow Bridge": someone
        # named, and where she is.
        return _named_back(text, toks, k - 1, floor)
    if owner is not None and owner.lower == "in" and phrase and phrase[0].capitalized:
        # "The defence ministry in Dravograd spoke", "officials in Moscow
        # said": where the speakers are, not who ("Local newspapers in Upper
        # Vezhal reported": nobody the lists know).
        who = _phrase_back(text, toks, k - 1, floor) if toks[k - 1].lower in _COMMON else None
        if who is None or who.kind not in ("description", "group"):
            return None
        start = who.phrase_start
        return Speaker(start, phrase[-1].end, text[start : phrase[-1].end], kind=who.kind)
    if phrase and (q := post_modifier(toks, k, floor)) is not None:
        # "A source close to the couple told", "a person familiar with
        # Ms Ruiz's plans said": the one described speaks, not whom they know.
        who = _indefinite_before(text, toks, q, floor, capitals=True) or _plural_before(
            text, toks, q, floor
        )
        if who is not None:
            end = phrase[-1].end
            return Speaker(who.start, end, text[who.start : end], kind=who.kind)
    if owner and owner.lower in POSSESSIVE_PRONOUNS and phrase and not phrase[0].capitalized:
        phrase.insert(0, owner)  # "her daughter said": whose daughter
    elif owner and owner.lower in ("one", "another") and phrase and _titled_head(phrase[-1]):
        return _description(text, [owner, *phrase])  # "One Labour MP said": one of them
    elif phrase and not phrase[0].capitalized and phrase[0].lower not in _DESCRIBERS:
        # "the port authority said": words the lists do not know between a
        # determiner and a common word.
        d = k
        while d >= max(floor, k - 2) and is_modifier(toks[d]):
            d -= 1
        if d >= floor and d < k and (toks[d].lower in DETERMINERS or is_possessive(toks[d])):
            # ... or an owner: "Norhaven's port ministry", "the city's water utility".
            if is_possessive(toks[d]) and d > floor and toks[d - 1].lower in DETERMINERS:
                d -= 1
            phrase = list(toks[d : j + 1])
    # A determiner ends the phrase on the left: "... with the ministry" -> "the ministry".
    for i in range(len(phrase) - 1, -1, -1):
        if phrase[i].lower in ("a", "an") or (
            phrase[i].lower == "the" and i > 0 and phrase[i - 1].lower not in CONNECTORS
        ):
            phrase = phrase[i:]
            break
    if not phrase:
        return None
    if len(phrase) > 2 and phrase[0].lower in ("a", "an") and _titled_head(phrase[-1]):
        return _description(text, phrase)  # "A Fine Gael TD said": one of them
    return make_speaker(text, phrase)


#: Prepositions between a group and where it works ("analysts at X").
_GROUP_PLACES = frozenset({"at", "with", "from"})
#: Prepositions between someone and where they are ("a man in the back row").
_PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "near", "behind", "outside", "inside"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})


def _described_before_place(
    text: str, toks: Sequence[Token], at: int, floor: int
) -> Speaker | None:
    """The indefinite description before a place phrase starting at token
    ``at`` ("A man | in the back row", "one protester | outside the gates")."""
    p = at - 1
    if p < floor:
        return None
    if toks[p].lower in _PLACE_PREPOSITIONS:
        who = _indefinite_before(text, toks, p, floor)
        titled = p - 2 >= floor and toks[p - 1].lower in TITLE_WORDS and toks[p - 2].lower == "the"
        if who is None and titled:  # "the minister in the presidency said"
            return _description(text, toks[p - 2 : p])
        return who
    q = post_modifier(toks, p, floor)
    if q is None:
        return None
    return _indefinite_before(text, toks, q, floor, capitals=True) or _plural_before(
        text, toks, q, floor
    )


def _name_word(tok: Token) -> bool:
    """May ``tok`` end a name before where someone is or is from: a
    capitalised word that no list knows ("Jess", not "Officials")?"""
    return tok.capitalized and tok.lower not in _COMMON


def _named_back(text: str, toks: Sequence[Token], j: int, floor: int) -> Speaker | None:
    """The name that ends at token ``j`` before where someone is or is from
    ("Jess | in Marlow Bridge", "MP Rami Khoury | from the Cedar Renewal
    bloc"), or None when the phrase there is no name."""
    named = _phrase_back(text, toks, j, floor)
    return named if named is not None and named.kind == "name" else None


def _plural_before(text: str, toks: Sequence[Token], q: int, floor: int) -> Speaker | None:
    """The bare plural that ends before token ``q`` ("Sources | close to
    …", "people | familiar with …"), or None: a word for people."""
    p = q - 1
    if p < floor or not toks[p].is_word or not toks[p].lower.endswith(("s", "people")):
        return None
    if not (toks[p].lower in GROUP_WORDS or person_word(toks[p].lower)):
        return None
    return _description(text, toks[p:q])


def _indefinite_before(
    text: str, toks: Sequence[Token], q: int, floor: int, *, capitals: bool = False
) -> Speaker | None:
    """The short indefinite description that ends before token ``q`` ("A
    man", "one senior official"; with ``capitals``, capitalised words too:
    "a Port Authority official"), or None."""
    for d in range(q - 1, max(floor, q - 4) - 1, -1):
        if toks[d].lower in _INDEFINITE:
            return _description(text, toks[d:q]) if q - d >= 2 else None
        if not toks[d].is_word or (toks[d].capitalized and not capitals):
            return None
    return None


#: Words that describe someone by whom or what they know, and the
#: preposition each takes ("a source close to", "a person familiar with").
_POST_MODIFIERS = {
    "close": "to",
    "closest": "to",
    "near": "to",
    "privy": "to",
    "loyal": "to",
    "linked": "to",
    "familiar": "with",
    "briefed": "on",
    "aware": "of",
    "involved": "in",
    "knowledge": "of",
}


_KNOWING = re.compile(r"\b(?:" + "|".join(f"{w} {p}" for w, p in _POST_MODIFIERS.items()) + r")\b")


def knowing_at(description: str) -> int:
    """Where in a description the words that say whom or what the one
    described knows start ("A source | close to the couple"), or -1."""
    m = _KNOWING.search(description)
    return m.start() if m else -1


def post_modifier(toks: Sequence[Token], p: int, floor: int) -> int | None:
    """When token ``p`` is the preposition of a phrase that describes
    someone by whom or what they know ("close to", "familiar with", "with
    knowledge of"), the index of the phrase's first word; else None."""
    if p - 1 < floor or _POST_MODIFIERS.get(toks[p - 1].lower) != toks[p].lower:
        return None
    q = p - 1
    if toks[q].lower == "knowledge":  # "with knowledge of", "with direct knowledge of"
        q -= 1
        if q >= floor and toks[q].lower == "direct":
            q -= 1
        if q < floor or toks[q].lower != "with":
            return None
    elif q - 1 >= floor and toks[q - 1].lower in ("very", "closely", "directly"):
        q -= 1
    return q


def subject_after(
    text: str, toks: Sequence[Token], verb: int, limit: int | None = None
) -> tuple[Speaker, int] | None:
    """The speaker phrase right after an inverted verb ("said Stubb"), and
    the index of the first token after it."""
    n = len(toks) if limit is None else limit
    k = verb + 1
    if k >= n:
        return None
    if toks[k].lower in PRONOUNS:
        t = toks[k]
        return Speaker(t.start, t.end, t.lower, kind="pronoun"), k + 1
    start = k
    described = _description_after(text, toks, k, n)
    if described is not None:
        return described
    # "said port spokeswoman Ana Ruiz": a role of words the lists do not know.
    while k < n and k - start < 4 and toks[k].is_word and not toks[k].capitalized:
        low = toks[k].lower
        if low in NOT_ROLES or low in TRAILING_STARTERS or low in REPORTING_VERBS:
            break
        k += 1
    if k == start or k >= n or not (toks[k].capitalized and toks[k].lower not in NOT_NAMES):
        k = start
    depth = 0
    while k < n:
        t = toks[k]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and not phrase_token(t):
            titled = _title_ahead(toks, k, n) if k > start else None
            if titled is None:
                break
            k = titled  # "said CDU faction chief Sebastian Lechte": a role the lists do not know
            continue
        elif k > start and t.lower in DETERMINERS and toks[k - 1].lower not in CONNECTORS:
            break  # "said Stubb the ..." : a new phrase begins
        k += 1
    while k > start and toks[k - 1].lower in CONNECTORS:
        k -= 1
    if k == start:
        return None
    speaker = make_speaker(text, toks[start:k])
    if speaker is None:
        return None
    return speaker, k


def _title_ahead(toks: Sequence[Token], k: int, n: int) -> int | None:
    """When lowercase words from token ``k`` end in a title right before a
    name ("CDU | faction chief | Sebastian Lechte"), the index of the name's
    first token; else None."""
    m = k
    while m < n and m - k < 3 and toks[m].is_word and not toks[m].capitalized:
        low = toks[m].lower
        if low in NOT_ROLES or low in TRAILING_STARTERS or low in REPORTING_VERBS:
            return None
        m += 1
    if m == k or m >= n or toks[m - 1].lower not in TITLE_WORDS:
        return None
    return m if toks[m].capitalized and toks[m].lower not in NOT_NAMES else None


_DESCRIBERS = frozenset({"a", "an", "the", "one", "another"})
#: Indefinite pronouns that speak as they stand ("someone asks").
_SOMEONE = frozenset({"someone", "somebody"})


def _description_after(
    text: str, toks: Sequence[Token], k: int, n: int
) -> tuple[Speaker, int] | None:
    """:func:`described_after` the verb before token ``k`` when it holds a
    capitalised word, ends in a common word and ends its clause ("shouted
    a Conservative backbencher.", "said a senior Labour source,"): the
    phrase reading would take its capitalised word for a name."""
    if toks[k].lower not in ("a", "an", "one", "another"):
        return None
    found = described_after(text, toks, k - 1)
    if found is None:
        return None
    m = found[1]
    if any(post_modifier(toks, i, k + 1) is not None for i in range(k + 2, m)):
        return found  # "said a source close to Ana Ruiz": not Ana Ruiz
    if (m < n and toks[m].is_word) or (toks[m - 1].capitalized and not _titled_head(toks[m - 1])):
        return None
    return found if any(t.capitalized for t in toks[k + 1 : m]) else None


def is_modifier(tok: Token) -> bool:
    """May ``tok`` be a word that qualifies a common noun after a
    determiner ("the *port* authority")?"""
    low = tok.lower
    return (
        tok.is_word
        and not tok.capitalized
        and low not in CONNECTORS
        and low not in PRONOUNS
        and low not in REPORTING_VERBS
        and low not in _NOT_IN_DESCRIPTION
        and low not in DETERMINERS
    )


_NOT_IN_DESCRIPTION = frozenset({"that", "who", "which", "when", "while", "if", "and", "but"})


def described_back(text: str, toks: Sequence[Token], verb: int, floor: int) -> Speaker | None:
    """'…,” one protester said': a short description that starts with a
    determiner, whatever its nouns. Words between the subject and its verb
    are no part of it ("The embassy later said")."""
    verb = max(skip_between(toks, verb - 1, floor) + 1, floor)
    k = verb - 1
    if k >= floor and toks[k].lower in _SOMEONE:
        return _description(text, toks[k:verb])  # "“What breed?” someone asks."
    while k >= floor and verb - k <= 6 and toks[k].is_word:
        if toks[k].lower in _DESCRIBERS:
            # "A man in the back row shouted": the one in the place speaks.
            who = _described_before_place(text, toks, k, floor)
            if who is not None:
                end = toks[verb - 1].end
                return Speaker(who.start, end, text[who.start : end], kind=who.kind)
            if (
                k - 2 >= floor
                and toks[k - 1].lower in ("of", "from")
                and _name_word(toks[k - 2])
                and (named := _named_back(text, toks, k - 2, floor)) is not None
            ):
                # "MP Rami Khoury from the Cedar Renewal bloc said": the name
                # speaks, and where he is from is no part of it.
                return named
            # "The head of | the cabinet indicated": the title the phrase belongs to.
            return _description(text, toks[_role_of(toks, k, floor) : verb])
        if toks[k].lower in REPORTING_VERBS or toks[k].lower in _NOT_IN_DESCRIPTION:
            return None
        k -= 1
    return None


def described_after(text: str, toks: Sequence[Token], verb: int) -> tuple[Speaker, int] | None:
    """'…,” shouted one protester outside the gates.'"""
    k = verb + 1
    if k >= len(toks) or toks[k].lower not in _DESCRIBERS:
        return None
    m = k + 1
    while m < len(toks) and m - k <= 5 and toks[m].is_word:
        low = toks[m].lower
        if low in _FINITE:
            return None  # "said the ward was full": a clause, not who said it
        if low in TRAILING_STARTERS or low in _NOT_IN_DESCRIPTION or low in REPORTING_VERBS:
            break
        m += 1
    if m == k + 1:
        return None
    if m < len(toks) and post_modifier(toks, m, k + 1) is not None:
        # "said a source close to the couple": whom the source knows is part of it.
        e = m + 1
        while e < len(toks) and e - m <= 4 and toks[e].is_word:
            if toks[e].lower in TRAILING_STARTERS or toks[e].lower in _NOT_IN_DESCRIPTION:
                break
            e += 1
        if e > m + 1:
            m = e
    return _description(text, toks[k:m]), m


#: Verbs that make what follows "said the …" a clause ("the ward was full").
_FINITE = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"}
    | {"should", "may", "might", "must", "did", "does"}
)


#: Words that open where someone is from, between commas after the name.
_WHERE = frozenset({"of", "from"})
#: Words before where someone is or comes from ("a former engineer | at …").
WHERE_FROM = _WHERE | {"at", "in", "for", "with"}


def _titled_head(tok: Token) -> bool:
    """Is ``tok`` a title ("minister") or a member's letters ("TD", "MP")?"""
    return tok.lower in TITLE_WORDS or tok.text in POST_NOMINALS


def described_doer(text: str, toks: Sequence[Token], first: int) -> Speaker | None:
    """The description that opens a sentence at token ``first`` before its
    first verb, in the past tense: "The bailiff stood up and said …", "Her
    neighbour paused and added …" (a determiner or a possessive, then up to
    three words in lower case)."""
    n = len(toks)
    if first >= n or toks[first].lower not in _OPENING_DETERMINERS:
        return None
    for k in range(first + 2, min(n, first + 5)):
        t = toks[k]
        if not t.is_word or t.capitalized:
            return None
        if _past_tense(t.lower):
            return _description(text, toks[first:k])
    return None


def _past_tense(word: str) -> bool:
    """Is ``word`` a verb in the past tense by its form ("paused", "stood"),
    not a noun in -ed ("bed", "creed")?"""
    if word in PAST_VERBS:
        return True
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _description(text: str, toks: Sequence[Token]) -> Speaker:
    head = toks[-1].lower
    kind = "group" if head in GROUP_WORDS or head.endswith("ers") else "description"
    return Speaker(toks[0].start, toks[-1].end, text[toks[0].start : toks[-1].end], kind=kind)
