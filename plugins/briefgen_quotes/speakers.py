"""Attribution: reading who spoke from the words around a quotation.

The rules, each named by what it sets as ``Attribution.how``:

- ``after``: a clause right after the quotation, behind a comma or a closing
  mark: ``“…,” said Stubb.``, ``“…,” Stubb said.``, ``…, Kremlin spokesperson
  Dmitry Peskov said on Wednesday.``, ``“…,” he told reporters.``
- ``according-to``: ``“…,” according to a statement from Marco Rubio.``
- ``before``: a clause right before the opening mark: ``Stubb said: “…”``,
  ``Zelenskyy told reporters on Wednesday, “…”``.
- ``sentence``: a speech verb earlier in the quotation's sentence: ``Waltz said
  their teams would meet for talks “focused on …”``.

The speaker phrase inside each clause is read by :mod:`.phrases`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from operator import attrgetter

from .lexicon import (
    ASKING_VERBS,
    AUXILIARIES,
    BEFORE_ATTRIBUTION,
    BETWEEN_SUBJECT_AND_VERB,
    CALENDAR,
    CONNECTORS,
    DASHES,
    GROUP_WORDS,
    LISTENER_NOUNS,
    LISTENER_PRONOUNS,
    NAME_SUFFIXES,
    NOT_ROLES,
    NOT_SPEECH_BEFORE_TO,
    NOUN_LIKE_VERBS,
    OBJECT_VERBS,
    OPENING_PREPOSITIONS,
    ORG_HEADS,
    PLURAL_VERBS,
    PRONOUNS,
    QUOTE_MARKS,
    REPORTING_VERBS,
    SET_OFF,
    SPEECH_ADVERBS,
    SPEECH_VERBS,
    TITLE_WORDS,
    TRAILING_STARTERS,
)
from .model import Attribution, Speaker
from .phrases import (
    ADVERB_LY,
    DETERMINERS,
    POSSESSIVE_PRONOUNS,
    appositive_role,
    could_speak,
    described_after,
    described_back,
    described_doer,
    is_aside,
    is_modifier,
    is_participle,
    is_possessive,
    is_rank,
    make_speaker,
    person_word,
    pronoun_opens,
    role_back,
    sentence_subject,
    strip_determiner,
    subject_after,
    subject_before,
    time_after,
    token_at,
)
from .text import Token, Tokenized

_ENDS = frozenset(".!?;")
_MAX_TRAILING = 30
_START = attrgetter("start")
_STOPS = frozenset(",;:") | QUOTE_MARKS


# ---------------------------------------------------------------- after


#: An adverb of manner after a verb of speech ("quietly", "flatly").


def _clause_end(
    text: str, toks: Sequence[Token], k: int, n: int, *, objects: bool
) -> tuple[int, str, int] | None:
    """Where an attribution clause ends, given the index ``k`` of the first
    token after its speaker and verb: (offset, stop, index of the stop token).
    None when what follows is not an attribution's tail (a new clause)."""
    if k >= n:
        return (toks[n - 1].end if n else 0), "end", n
    if objects and toks[k].is_word and toks[k].lower not in TRAILING_STARTERS:
        # "told reporters", "told the BBC": a short listener.
        m = k
        while m < n and m - k < 5 and toks[m].is_word and toks[m].lower not in TRAILING_STARTERS:
            if toks[m].lower in ("that", "it", "them") or toks[m].lower in SPEECH_VERBS:
                return None
            if m > k and _time_ago(toks, m, n) is not None:
                break  # "told the Ledger two weeks ago"
            m += 1
        while m < n and toks[m].is_word and toks[m].capitalized and _named_on(toks, m, k):
            m += 1  # "told the House Ways and Means Committee": the name to its end
        if m < n and toks[m].lower == "to":
            return None  # "Ash told us to relax": what was asked, a clause of its own
        return _clause_end(text, toks, m, n, objects=False)
    t = toks[k]
    if t.lower == "back" or (t.lower in NAME_SUFFIXES and k and toks[k - 1].capitalized):
        # "Priya shouts back over the engine.", "said Malviya ji."
        return _clause_end(text, toks, k + 1, n, objects=False)
    ago = _time_ago(toks, k, n)
    if ago is not None:  # "said a day later", "told us two weeks ago"
        return _clause_end(text, toks, ago, n, objects=False)
    if (ADVERB_LY.fullmatch(t.lower) or t.lower in SPEECH_ADVERBS) and (
        k + 1 >= n
        or not toks[k + 1].is_word
        or toks[k + 1].lower in TRAILING_STARTERS
        or _time_ago(toks, k + 1, n) is not None
    ):
        # "he said quietly.", "she says flatly, …", "Kjeldsen said onstage.",
        # "she said live on stage": an adverb of manner, place or time.
        return _clause_end(text, toks, k + 1, n, objects=False)
    if t.text == "(":
        # "Gagnon said (translated).": a note on the words, no part of the clause.
        close = next((m for m in range(k + 1, min(n, k + 6)) if toks[m].text == ")"), None)
        if close is not None:
            return _clause_end(text, toks, close + 1, n, objects=False)
    if t.text in _ENDS:
        return t.start, ".", k
    if t.text == ":":
        return t.start, ":", k
    if t.text in DASHES:
        # "—No habrá transición —warned Lozano—. …": a dash closes an
        # attribution set off by dashes, as Spanish dialogue writes it.
        return t.start, "dash", k
    if t.text == ",":
        if k + 1 < n and (
            is_participle(toks[k + 1])
            or toks[k + 1].lower in TRAILING_STARTERS
            or toks[k + 1].lower in CALENDAR
            or toks[k + 1].lower == "that"  # "…, that has followed …": "who", translated
            or _aside_adverb(toks[k + 1])  # "…,” he says, now awake and holding a mug. “…"
            or _closing_aside(toks, k + 1, n)  # "…, said the striker, emotional."
        ):
            # '…,” he says, tucking into a full English. “…', '…,” she said,
            # to cheers from the benches. “…': the participle's clause or the
            # phrase belongs to the attribution, to the end of its sentence.
            m = _sentence_end(toks, k + 1, n)
            if m is not None:
                return toks[m].start, ".", m
        return t.start, ",", k
    if t.text in QUOTE_MARKS:
        return t.start, "mark", k
    if t.is_word and (t.lower in TRAILING_STARTERS or t.lower in CALENDAR):
        m = k
        while m < n and m - k <= _MAX_TRAILING:
            u = toks[m]
            if u.text in _ENDS:
                return u.start, ".", m
            if u.text in QUOTE_MARKS:
                return u.start, "mark", m
            if u.text in ",:" and m + 1 < n and toks[m + 1].text in QUOTE_MARKS:
                return u.start, u.text if u.text == ":" else ",", m
            if (
                u.text == ","
                and m + 1 < n
                and is_participle(toks[m + 1])
                and _sentence_end(toks, m + 1, n) is None
            ):
                # "… she told reporters on arrival, adding that a package was
                # “in the pipeline”": a clause of its own, with quoted words.
                return u.start, ",", m
            m += 1
        if m >= n:
            return toks[n - 1].end, "end", n
    return None


def _named_on(toks: Sequence[Token], m: int, k: int) -> bool:
    """Does the capitalised word at token ``m`` go on a name that started at
    or after token ``k`` (a capitalised word or a connector right before it)?"""
    before = toks[m - 1]
    return m > k and (before.capitalized or (before.lower in CONNECTORS and m - 2 >= k))


def _time_ago(toks: Sequence[Token], k: int, n: int) -> int | None:
    """The index after a span of time that starts at token ``k`` and says
    when ("an hour later", "two weeks ago", "a few days earlier"), or None."""
    m = k
    if m < n and toks[m].lower in ("a", "an") and m + 1 < n and toks[m + 1].lower == "few":
        m += 1
    if m >= n or not (toks[m].lower in _AMOUNTS or toks[m].text.isdigit()):
        return None
    m += 1
    if m + 1 < n and toks[m].lower in _TIME_UNITS and toks[m + 1].lower in _AGO:
        return m + 2
    return None


#: A span of time before "later" or "ago": how many, of what.
_AMOUNTS = frozenset(
    {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"few", "several", "some", "many"}
)
_TIME_UNITS = frozenset(
    {"moment", "moments", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"}
    | {"month", "months", "year", "years", "decade", "decades", "night", "nights"}
)
_AGO = frozenset({"later", "ago", "earlier", "afterwards", "before"})


def _tells_us(toks: Sequence[Token], verb: int, lead: tuple[int, bool, bool]) -> bool:
    """ "“They tell us it's only a building": a present "tell(s) us/me"
    right after a mark is the quoted speaker's own words, not an
    attribution of the quotation before."""
    return (
        toks[verb].lower in ("tell", "tells")
        and verb + 1 < len(toks)
        and toks[verb + 1].lower in ("us", "me")
        and lead[1]
        and not lead[2]
    )


def _modifiers_back(toks: Sequence[Token], first: int, floor: int) -> int | None:
    """The first of up to three lowercase words before a role that starts at
    token ``first`` ("athletic | director", "county fire | marshal"), or None."""
    k = first - 1
    while k >= floor and first - k <= 3 and toks[k].is_word and not toks[k].capitalized:
        low = toks[k].lower
        if low in NOT_ROLES or low in REPORTING_VERBS or low in DETERMINERS:
            return None
        k -= 1
    return k + 1 if k + 1 < first else None


def _named_after_mark(toks: Sequence[Token], verb: int, floor: int) -> bool:
    """Is the word at token ``verb``, a verb that is a noun too, right after
    a quotation and the name or pronoun of who spoke ("“…,” Dave recalls.",
    "“…,” she notes")?"""
    if toks[verb].lower not in NOUN_LIKE_VERBS:
        return False
    m = verb - 1
    while m >= floor and verb - m <= 3 and toks[m].is_word and toks[m].lower not in DETERMINERS:
        if not (toks[m].capitalized or toks[m].lower in PRONOUNS):
            return False
        m -= 1
    return floor <= m < verb - 1 and toks[m].text in QUOTE_MARKS


def _sentence_end(toks: Sequence[Token], m: int, n: int) -> int | None:
    """The index of the stop that ends the sentence from token ``m`` on;
    None when a quotation mark or the block's end comes first."""
    while m < n and toks[m].text not in _ENDS and toks[m].text not in QUOTE_MARKS:
        m += 1
    return m if m < n and toks[m].text in _ENDS else None


def _lead_start(toks: Sequence[Token], k: int, floor: int) -> tuple[int, bool, bool] | None:
    """Walk back over the punctuation before token ``k`` (", ", ",” ", "?” ").
    Returns (index of the first lead token, has a mark, has a comma-like
    stop), or None when the clause is not set off from what precedes."""
    i = k - 1
    marks = comma = False
    while i >= floor and toks[i].text in BEFORE_ATTRIBUTION:
        if toks[i].text in QUOTE_MARKS:
            marks = True
        elif toks[i].text in SET_OFF:
            comma = True
        i -= 1
    first = i + 1
    if first == k:
        return None
    if first <= floor and i < floor:
        return None  # nothing before the lead
    if not (marks or comma):
        return None
    if not marks and any(toks[m].text == "." for m in range(first, k)):
        return None
    return first, marks, comma


def subject_at(text: str, block: Tokenized, verb: int) -> Speaker | None:
    """:func:`.phrases.subject_before` the verb at token ``verb`` of a block,
    read once per block (the finder and the resolver both ask). The speaker
    is shared: callers must not change it."""
    key = ("subject", verb)
    if key not in block.memo:
        block.memo[key] = subject_before(text, block.toks, verb)
    return block.memo[key]  # type: ignore[return-value]


def attribution_at(text: str, block: Tokenized, verb: int) -> Attribution | None:
    """:func:`attribution_after` the verb at token ``verb`` of a block, read
    once per block. The attribution is shared: callers must not change it."""
    key = ("after", verb)
    if key not in block.memo:
        block.memo[key] = attribution_after(
            text, block.toks, verb, subject=lambda: subject_at(text, block, verb)
        )
    return block.memo[key]  # type: ignore[return-value]


def attribution_after(
    text: str,
    toks: Sequence[Token],
    verb: int,
    floor: int = 0,
    subject: Callable[[], Speaker | None] | None = None,
) -> Attribution | None:
    """An attribution clause around the speech verb at token ``verb`` that
    follows a quotation: "…,” said NAME" / "…,” NAME said" / "…, NAME said.".
    ``subject`` gives :func:`.phrases.subject_before` the verb when the
    caller has it (it is not changed here)."""
    n = len(toks)
    v = toks[verb]
    low = v.lower
    if low == "according":
        return _according_to(text, toks, verb, floor)
    if low == "saying":
        return _quoted_after(text, toks, verb, floor)
    if v.capitalized or (low not in SPEECH_VERBS and not _named_after_mark(toks, verb, floor)):
        return None
    # Inverted: ", said Kremlin spokesperson Dmitry Peskov." / ", has affirmed X." /
    # ", told us X."
    before = verb
    while before - 1 > floor and toks[before - 1].lower in AUXILIARIES:
        before -= 1
    lead = _lead_start(toks, before, floor)
    after = verb
    if after + 1 < n and low in OBJECT_VERBS and _listener(toks[after + 1], toks, after + 2):
        after += 1
    elif low in _TELL and not (
        lead is not None and low == "tells" and toks[before - 1].text in DASHES
    ):
        # "…,” Braithwaite told the BBC": whom she told, never who spoke; but
        # "…, – tells the paramedic X. – …", as translation from Ukrainian or
        # Russian writes a speaker (no subject before the verb, a dash).
        lead = None
    if lead is not None:
        # "…, informed on Thursday the Ministry of Climate": when, before who.
        after = time_after(toks, after + 1) - 1
        found = subject_after(text, toks, after)
        inverted = _inverted(text, toks, verb, found, n)
        if inverted is None and found is not None:
            # "said the minister responsible for the agency.": the longer
            # description with a title, when the phrase reading ends before
            # its clause does.
            # Or an organisation's ("said the regional military administration.").
            described = described_after(text, toks, after)
            words = described[0].name.lower().split() if described is not None else []
            if words and (words[-1] in ORG_HEADS or any(w in TITLE_WORDS for w in words)):
                inverted = _inverted(text, toks, verb, described, n)
        elif found is None:
            found = described_after(text, toks, after) or _said_in(text, toks, after)
            inverted = _inverted(text, toks, verb, found, n)
        if inverted is not None:
            speaker, k, end = inverted
            # With its auxiliaries: "…,” has affirmed X".
            return _after(toks, toks[before].start, speaker, low, end, lead, k)
    # Normal order: ", Stubb said." / ",” he told reporters."
    if is_passive(toks, verb, floor):
        return None  # "…, it was said.": nobody named said it
    found = subject() if subject is not None else subject_before(text, toks, verb, floor)
    speaker = found or described_back(text, toks, verb, floor)
    if speaker is None:
        return None
    if _by_agent(toks, verb) and not could_speak(speaker):
        return None  # "…” the stocks declared by importers": a participle, no subject
    first = token_at(toks, speaker.phrase_start)
    if first is None:
        return None
    lead = _lead_start(toks, first, floor)
    if lead is None and found is not None and found.kind != "name":
        # '…,” one volunteer shouted': the description reaches further back.
        described = described_back(text, toks, verb, floor)
        at = None if described is None else token_at(toks, described.phrase_start)
        if at is not None and at < first:
            speaker, first, lead = described, at, _lead_start(toks, at, floor)
    if lead is None and speaker.kind == "name":
        # '”, veteran councillor Rhea Osei argued', '…, athletic director Greg
        # Salinas said': a role (or the start of one) the word lists do not know.
        role = role_back(toks, first, floor, most=4)
        if role is None and (
            speaker.role
            # "…,” fire behaviour specialist Owen Breck said": a word for a person.
            or (
                first > floor
                and not toks[first - 1].capitalized
                and person_word(toks[first - 1].lower)
            )
        ):
            role = _modifiers_back(toks, first, floor)
        name = token_at(toks, speaker.start)
        if role is not None and name is not None and toks[role].lower not in DETERMINERS:
            lead = _lead_start(toks, role, floor)
            if lead is not None:
                speaker = replace(  # a copy: the subject may be shared
                    speaker,
                    role=text[toks[role].start : toks[name - 1].end],
                    phrase_start=toks[role].start,
                )
    if lead is None or _tells_us(toks, verb, lead):
        return None
    end = _clause_end(text, toks, verb + 1, n, objects=low in OBJECT_VERBS)
    if end is None:
        return None
    if not lead[2] and any(toks[m].text in ".!?" for m in range(lead[0], first)):
        # '…“as a matter of priority.” Minister Jonas Virtanen told ERT that
        # smoking had fallen.': a new sentence that reports other words.
        m = verb + 1
        while m < n and toks[m].start < end[0]:
            if toks[m].lower == "that":
                return None
            m += 1
    return _after(toks, speaker.phrase_start, speaker, low, end, lead, verb + 1)


#: What "by" may name after a verb of speech that is how, not who: "said by
#: phone", "told reporters by satellite link".
_BY_MEANS = frozenset(
    {"phone", "telephone", "video", "videolink", "email", "e-mail", "text", "letter"}
    | {"radio", "satellite", "mail", "post", "zoom", "messenger", "fax", "cable"}
)


def _by_agent(toks: Sequence[Token], verb: int) -> bool:
    """Does "by" and who did it follow the verb at token ``verb`` (a past
    participle: "the stocks declared by importers"), rather than how it was
    said ("said by phone")?"""
    k = verb + 1
    if k + 1 >= len(toks) or toks[k].lower != "by":
        return False
    nxt = toks[k + 1]
    return nxt.is_word and nxt.lower not in _BY_MEANS


def _after(
    toks: Sequence[Token],
    start: int,
    speaker: Speaker,
    verb: str,
    end: tuple[int, str, int],
    lead: tuple[int, bool, bool],
    tail: int,
) -> Attribution:
    """An attribution after a quotation, from offset ``start`` to the clause
    end ``end`` (see :func:`_clause_end`), its lead (see :func:`_lead_start`)
    and the index ``tail`` of the first token after its speaker and verb."""
    return Attribution(
        start=start,
        end=end[0],
        speaker=speaker,
        verb=verb,
        how="after",
        stop=end[1],
        lead=toks[lead[0]].start,
        tail=toks[tail].start if tail < len(toks) else end[0],
    )


def _inverted(
    text: str, toks: Sequence[Token], verb: int, found: tuple[Speaker, int] | None, n: int
) -> tuple[Speaker, int, tuple[int, str, int]] | None:
    """The speaker after an inverted verb at token ``verb`` (``found``: the
    phrase and the index after it), with the name or role after it, the
    index after all of it and where the clause ends; None when no clause
    end follows (another clause, or whom the verb asks to do something)."""
    if found is None:
        return None
    speaker, k = found
    named = _name_after_description(text, toks, speaker, k, n)
    if named is not None:
        speaker, k = named
    role_end = _appositive_after(text, toks, speaker, k, n)
    if role_end is not None:
        k = role_end
    end = None if _asked_to(toks, verb, k) else _clause_end(text, toks, k, n, objects=False)
    return None if end is None else (speaker, k, end)


def _asked_to(toks: Sequence[Token], verb: int, k: int) -> bool:
    """Is the phrase after the verb at ``verb`` (up to token ``k``) whom it
    asks to do something, not who speaks ("…, urged the government to
    involve farmers", "asked the court not to …"): a verb with an object,
    not an inverted attribution?"""
    if toks[verb].lower not in ASKING_VERBS or k >= len(toks):
        return False
    if toks[k].lower == "not":
        k += 1
    return k < len(toks) and toks[k].lower == "to"


#: Verbs whose inverted subject is their listener ("told the BBC"), unless
#: a listener pronoun comes first ("told us Jane Doe").
_TELL = frozenset({"tell", "tells", "told"})


def _aside_adverb(tok: Token) -> bool:
    """Does ``tok`` open an aside about the speaker after the attribution's
    comma ("now awake", "still smiling", "visibly moved")?"""
    low = tok.lower
    return (
        tok.is_word
        and not tok.capitalized
        and (
            low in ("now", "still", "again", "finally", "then")
            or (len(low) > 4 and low.endswith("ly"))
        )
    )


def _closing_aside(toks: Sequence[Token], k: int, n: int) -> bool:
    """Do one to three words in lower case from token ``k`` end the
    sentence, an aside about the speaker ("…, said the striker, emotional.",
    "…, visibly moved.") that is no clause of its own?"""
    m = k
    while m < n and m - k < 3 and toks[m].is_word and not toks[m].capitalized:
        if toks[m].lower in REPORTING_VERBS or toks[m].lower in ("that", "and", "but"):
            return False
        m += 1
    return k < m < n and toks[m].text in _ENDS


def _listener(tok: Token, toks: Sequence[Token], k: int) -> bool:
    """Is ``tok``, right after an inverted "told", its listener, with the
    speaker from token ``k`` on ("told us Jane Doe", "told journalists the
    67-year-old Halyna Myronenko")?"""
    if tok.lower in LISTENER_PRONOUNS:
        return True
    return (
        tok.lower in LISTENER_NOUNS
        and k < len(toks)
        and toks[k].is_word
        and (toks[k].capitalized or toks[k].lower in DETERMINERS)
    )


def _said_in(text: str, toks: Sequence[Token], verb: int) -> tuple[Speaker, int] | None:
    """ "«…», – stressed in the prosecutor's office.": a calque of an
    impersonal verb, as machine translation writes it; the organisation
    after "in" or "at" speaks. With the index after it."""
    k = verb + 1
    n = len(toks)
    if k >= n or toks[k].lower not in ("in", "at"):
        return None
    m = k + 1
    while m < n and m - k <= 7 and toks[m].is_word:
        m += 1
    if m == k + 1 or (m < n and toks[m].is_word):
        return None
    if toks[m - 1].lower not in ORG_HEADS and not any(
        toks[i].lower in ORG_HEADS and toks[i + 1].lower == "of" for i in range(k + 1, m - 1)
    ):
        return None  # "in the Ministry of Energy", "in the akimat of Akzhar region": its head
    speaker = make_speaker(text, toks[k + 1 : m])
    if speaker is None or speaker.kind not in ("description", "name", "group"):
        return None  # "in the regional police": a group word that is an organisation too
    return speaker, m


def _name_after_description(
    text: str, toks: Sequence[Token], speaker: Speaker, k: int, n: int
) -> tuple[Speaker, int] | None:
    """'said the spokesperson of the opposition, Eva Dolezal.': the name
    after the comma speaks, the description is the role. The description
    may go on with "of", "for", "at" or "from" and a few words the phrase
    did not take in ("the deputy head of the mission, Henrik Sandvik"), or
    be a role that leads to an organisation's name ("the spokesperson of
    the Greens, Eva Dolezal")."""
    described = speaker.end
    more = None  # where the words the phrase did not take in start
    if speaker.kind == "name":
        if not (speaker.role and _LEADS_TO.search(speaker.role)):
            return None
        more = k  # "the head of the Kupiansk | city administration, X"
    elif speaker.kind not in ("description", "group"):
        return None
    elif k < n and toks[k].lower in _LEADS and speaker.phrase_start < toks[k].start:
        more = k + 1
        if more >= n or not toks[more].is_word:
            return None
    elif k < n and _LEADS_IN.search(speaker.name) and _goes_on(toks[k]):
        # "said the head of the regional military | administration Ihor
        # Dovhaliuk": the phrase stopped at words a role may hold.
        more = k
    if more is not None and more < n and toks[more].is_word:
        m = more
        while m < n and m - more < 8 and toks[m].is_word and toks[m].lower not in REPORTING_VERBS:
            m += 1
        if m >= n or toks[m].text != ",":
            named = _name_ending(text, toks, speaker, more, m)
            if named is None and more == k and (m >= n or toks[m].text in _ENDS):
                # No name: the whole description speaks ("… – said the head
                # of the regional military administration.").
                whole = make_speaker(text, toks[token_at(toks, speaker.phrase_start) : m])
                return (whole, m) if whole is not None and whole.kind == "description" else None
            return named
        described, k = toks[m - 1].end, m
    if k >= n or toks[k].text != ",":
        return None
    m = k + 1
    while m < n and toks[m].is_word:
        m += 1
    if m < n and toks[m].text not in ".,;!?" and toks[m].text not in QUOTE_MARKS:
        return None
    named = make_speaker(text, toks[k + 1 : m]) if m > k + 1 else None
    if named is None or named.kind != "name" or (named.role and not is_rank(named.role)):
        return None  # a rank before the name gives way to the description ("General X")
    named.role = strip_determiner(text[speaker.phrase_start : described])
    named.phrase_start = speaker.phrase_start
    return named, m


def _name_ending(
    text: str, toks: Sequence[Token], speaker: Speaker, more: int, m: int
) -> tuple[Speaker, int] | None:
    """A description's words from token ``more`` up to ``m`` (the end of
    its clause) that end in a name with no comma before it, as translated
    copy writes: "said the head of the city military administration Taras
    Hrytsenko." The name is the last two to four capitalised words, after a
    word in lower case that is no preposition."""
    if m < len(toks) and toks[m].text not in _ENDS and toks[m].text not in QUOTE_MARKS:
        return None
    c = m
    while c > more and toks[c - 1].is_word and toks[c - 1].capitalized:
        c -= 1
    if not 2 <= m - c <= 4 or c == more:
        return None
    before = toks[c - 1]
    if before.capitalized or before.lower in CONNECTORS or before.lower in TRAILING_STARTERS:
        return None
    named = make_speaker(text, toks[c:m])
    if named is None or named.kind != "name" or named.role:
        return None
    named.role = strip_determiner(text[speaker.phrase_start : before.end])
    named.phrase_start = speaker.phrase_start
    return named, m


#: Words that carry a description on to what it is part of ("the head | of the mission").
_LEADS = frozenset({"of", "for", "at", "from"})
_LEADS_TO = re.compile(r"\b(?:of|for|at|from)(?:\s+the)?$", re.IGNORECASE)
_LEADS_IN = re.compile(r"\s(?:of|for|at|from)\s", re.IGNORECASE)


def _goes_on(tok: Token) -> bool:
    """Can ``tok``, right after a description that holds "of" (or "for",
    "at", "from"), be more of it: a word that qualifies a noun and opens no
    trailing phrase?"""
    return is_modifier(tok) and tok.lower not in TRAILING_STARTERS


def _appositive_after(
    text: str, toks: Sequence[Token], speaker: Speaker, k: int, n: int
) -> int | None:
    """After "said NAME", a ", ROLE." appositive: set the role and return the
    index of the sentence's end; None when there is none."""
    if k >= n or toks[k].text != ",":
        return None
    m = k + 1
    while m < n and toks[m].text not in _ENDS and toks[m].text not in QUOTE_MARKS:
        if toks[m].text == ",":
            break
        m += 1
    if k + 1 < m and is_aside(toks[k + 1]):  # "said Maria Lopez, 34, a nurse", ", R-Texas."
        if m < n and toks[m].text == ",":
            return _appositive_after(text, toks, speaker, m, n) or m
        return m
    if k + 1 < m and (toks[k + 1].lower in ("who", "whose") or is_participle(toks[k + 1])):
        # "said Tom Pryor, who was her deputy for 14 years." / ", tucking into
        # a full English.": the clause runs to the end of the sentence.
        return _sentence_end(toks, m, n)
    role = appositive_role(text, toks[k + 1 : m])
    if role is None:
        return None
    if not speaker.role:
        speaker.role = role
    return m


def _according_to(text: str, toks: Sequence[Token], at: int, floor: int) -> Attribution | None:
    n = len(toks)
    if at + 1 >= n or toks[at + 1].lower != "to" or toks[at].capitalized:
        return None
    lead = _lead_start(toks, at, floor)
    if lead is None:
        return None
    m = at + 2
    while m < n and toks[m].text not in _ENDS and toks[m].text not in _STOPS:
        if toks[m].lower in ("who", "which", "that", "when", "where"):
            break
        if toks[m].lower == "in" and m + 1 < n and toks[m + 1].lower in DETERMINERS:
            break  # "according to X in a reaction to RTL Nieuws": where X said it
        m += 1
    speaker = source_speaker(text, toks[at + 2 : m])
    if speaker is None:
        return None
    stop = "end" if m >= n else ("." if toks[m].text in _ENDS else toks[m].text)
    return Attribution(
        start=toks[at].start,
        end=toks[m - 1].end,
        speaker=speaker,
        verb="according to",
        how="according-to",
        stop="mark" if stop in QUOTE_MARKS else stop,
        lead=toks[lead[0]].start,
    )


def source_speaker(text: str, toks: Sequence[Token]) -> Speaker | None:
    """The speaker behind "according to X": "a statement from NAME and NAME"
    gives the names, "Zelenskyy's office" gives Zelenskyy."""
    toks = list(toks)
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].lower in ("from", "by") and i + 1 < len(toks):
            toks = toks[i + 1 :]
            break
    for i, t in enumerate(toks):
        if is_possessive(t) and t.capitalized and i + 1 < len(toks):
            rest = toks[i + 1 :]
            if all(not r.capitalized for r in rest):
                end = t.end - (2 if t.text.endswith(("'s", "’s")) else 1)
                return make_speaker(text, [*toks[:i], Token.of(t.start, end, text[t.start : end])])
    phrase = [t for t in toks if t.is_word or t.text in "()"]
    if not phrase:
        return None
    return make_speaker(text, toks)


# ---------------------------------------------------------------- before


def attribution_before(
    text: str, toks: Sequence[Token], floor: int, opener: int, first: int | None = None
) -> Attribution | None:
    """A speech verb with a subject before the opening mark at offset
    ``opener``, in tokens ``floor`` onwards: ``before`` when only a listener,
    an adverbial, "that" and a colon or comma stand between, else
    ``sentence``. ``first`` is the token the sentence starts at, when it
    starts before ``floor`` (after a quotation earlier in the sentence): the
    subject of a second verb joined by "and" opens the sentence there."""
    last = max(floor, bisect_left(toks, opener, key=_START))  # the first token from the mark on
    according: Attribution | None = None
    for k in range(last - 1, floor - 1, -1):
        t = toks[k]
        if t.lower == "according" and k + 1 < last and toks[k + 1].lower == "to":
            according = according or _according_before(text, toks, k, last)
            continue
        if t.capitalized or not t.is_word:
            if (
                t.capitalized
                and t.lower in SPEECH_VERBS
                and k == (floor if first is None else first)
            ):
                # "Said the minister: “…”": the verb opens the sentence.
                inverted = _inverted_before(text, toks, k, last)
                if inverted is not None:
                    return inverted
            continue
        if (
            (
                t.lower not in REPORTING_VERBS
                and not _after_plural(text, toks, k, floor)
                and not _put_it(toks, k, last)
            )
            or (t.lower in NOT_SPEECH_BEFORE_TO and k + 1 < last and toks[k + 1].lower == "to")
            or _as_noun(toks, k, floor)
            # "the Government will consider the proposal “…”": what someone
            # will do to a thing, no verb of speech; an earlier one may speak.
            or (t.lower not in SPEECH_VERBS and k > floor and toks[k - 1].lower in _MODALS)
        ):
            continue
        # The nearest verb only: an earlier one belongs to another clause.
        if is_passive(toks, k, floor):
            # "X was accused of presiding over a “managed retreat”": X is
            # whom the words are about; who said them follows "by", if anyone.
            agent = _agent(text, toks, k)
            if agent is None:
                # "… but was told the matter had been “resolved internally”":
                # nobody said it here; an earlier verb of the sentence may have.
                continue
            return Attribution(agent.phrase_start, agent.end, agent, t.lower, "sentence")
        quoted = _quoted_as_saying(text, toks, k, floor)
        if quoted is not None:
            return Attribution(quoted.phrase_start, t.end, quoted, t.lower, "sentence")
        if _coordinated(toks, k, floor):
            # "A spokesperson declined to comment but said …": the sentence's subject.
            start = floor if first is None else first
            speaker = sentence_subject(text, toks, start, described=True)
            if speaker is not None and toks[k - 1].lower in ("and", "but"):
                # "The court heard X demanded money and told …": the subject
                # of the clause the verbs are in, after "heard" or "said".
                speaker = _reported_subject(text, toks, speaker, k) or speaker
            if speaker is None:
                speaker = described_doer(text, toks, start)  # "The bailiff stood up and said"
            if speaker is None and pronoun_opens(toks, start):
                t = toks[start]  # "She said …, adding that …": she says it
                speaker = Speaker(t.start, t.end, t.lower, kind="pronoun")
        else:
            # "The robot says: “…”": a description of words the lists do not know.
            speaker = subject_before(text, toks, k, floor) or described_back(text, toks, k, floor)
            start = floor if first is None else first
            if speaker is None or _after_opening_preposition(toks, speaker, start):
                # "Against the NOS said Vermeulen: “…”": the subject follows the verb.
                inverted = _inverted_before(text, toks, k, last)
                if inverted is not None:
                    return inverted
        if speaker is None:
            return according
        how = "before" if _tight(toks, k + 1, last, t.lower) else "sentence"
        return Attribution(speaker.phrase_start, t.end, speaker, t.lower, how)
    return according


def _reported_subject(
    text: str, toks: Sequence[Token], subject: Speaker, verb: int
) -> Speaker | None:
    """The subject of a clause reported by ``subject`` ("The court heard |
    X demanded …", "Police said (that) | X …"), when it comes before token
    ``verb``; else None."""
    k = bisect_left(toks, subject.end, key=_START)  # the word after the subject
    if k + 1 >= verb or toks[k].lower not in _REPORTING_CLAUSE:
        return None
    k += 1
    if toks[k].lower == "that":
        k += 1
    inner = sentence_subject(text, toks, k, described=True) if k < verb else None
    if inner is None or inner.start != toks[k].start or inner.end > toks[verb].start:
        return None
    return inner if could_speak(inner) else None


#: Verbs that report a clause with a subject of its own.
_REPORTING_CLAUSE = frozenset({"heard", "said", "says", "alleged", "claimed"})
#: Words before a verb that make it something to be done, not said.
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should", "to"})


def _after_opening_preposition(toks: Sequence[Token], speaker: Speaker, start: int) -> bool:
    """Is ``speaker`` the object of a preposition that opens the sentence
    at token ``start`` ("Against the NOS", "In the chamber"), and so no
    subject of the verb after it?"""
    i = token_at(toks, speaker.phrase_start)
    if i is None:
        return False
    if toks[i].lower in OPENING_PREPOSITIONS and i == start:
        return True  # the preposition taken into a name: "Against the NOS"
    # Back over a determiner and a few words in lower case: "To the
    # broadcaster Sportwelt TV said …".
    lowest = i - 4
    while i > max(start, lowest) and toks[i - 1].is_word and not toks[i - 1].capitalized:
        i -= 1
    return i - 1 == start and toks[start].lower in OPENING_PREPOSITIONS


def _inverted_before(text: str, toks: Sequence[Token], k: int, last: int) -> Attribution | None:
    """A verb of speech at token ``k`` with its subject right after it, then
    a colon or comma and the opening mark at token ``last``: "Said the
    minister: “…”", "Against the NOS said Vermeulen: “…”"."""
    found = subject_after(text, toks, k, last) or described_after(text, toks, k)
    if found is None:
        return None
    speaker, m = found
    if speaker.kind not in ("name", "description") or m != last - 1 or toks[m].text not in ":,":
        return None
    return Attribution(toks[k].start, speaker.end, speaker, toks[k].lower, "before")


def _as_noun(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is the word at token ``k`` a noun after a determiner or a
    possessive, perhaps with one word between: a noun in -ing ("his written
    warning", "a stark warning", "the saying"), not a participle of speech,
    or the plural of a noun that is a verb of speech too ("the estimates",
    "its revenue estimates")?"""
    low = toks[k].lower
    if not (low.endswith("ing") or low in _PLURAL_NOUNS):
        return False
    j = k - 1
    marker = _NOUN_MARKERS
    if j > floor and toks[j].is_word and not toks[j].capitalized and toks[j].lower not in marker:
        j -= 1  # an adjective: "written"
    return j >= floor and toks[j].lower in marker


#: Plurals of nouns that are verbs of speech too ("she estimates" / "the estimates").
_PLURAL_NOUNS = frozenset({"estimates", "claims", "notes", "reports", "remarks", "comments"})
#: Words before a noun that say whose or which it is.
_NOUN_MARKERS = DETERMINERS | POSSESSIVE_PRONOUNS | {"my", "your", "this", "that"}


def _put_it(toks: Sequence[Token], k: int, last: int) -> bool:
    """ "As one official put it, “…”": "put it" says how someone said it."""
    return toks[k].lower == "put" and k + 1 < last and toks[k + 1].lower == "it"


def _after_plural(text: str, toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is the word at token ``k`` the bare form of a verb of speech after a
    plural subject ("The researchers estimate", "they claim", "The
    conclusions, agreed by 26 leaders, state")?"""
    if toks[k].lower not in PLURAL_VERBS or k - 1 < floor:
        return False
    before = toks[k - 1].lower
    if before in ("they", "we") or before in GROUP_WORDS:
        return True
    subject = subject_before(text, toks, k, floor) or described_back(text, toks, k, floor)
    if subject is None or subject.kind == "name":
        return False
    head = subject.name.rsplit(None, 1)[-1]
    return head.endswith("s") and not is_possessive(toks[k - 1])


#: Auxiliaries of a passive verb ("was accused", "has been described").
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being"})


def is_passive(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is the verb at token ``k`` a passive one ("was accused", "is widely
    described")? An adverb may stand between."""
    j = k - 1
    if j >= floor and toks[j].lower.endswith("ly"):
        j -= 1
    return j >= floor and toks[j].lower in _PASSIVE


def _agent(text: str, toks: Sequence[Token], k: int) -> Speaker | None:
    """Who a passive verb at token ``k`` names after "by", in its sentence
    ("was described as “a disgrace” by Tariq Nadeem")."""
    m = k + 1
    while m < len(toks) and toks[m].text not in _ENDS:
        if toks[m].lower == "by":
            found = subject_after(text, toks, m)
            return found[0] if found is not None else None
        m += 1
    return None


def _quoted_as_saying(text: str, toks: Sequence[Token], k: int, floor: int) -> Speaker | None:
    """ "dpa quoted Lavrov as saying …", "the statement quoted Marit Solheim,
    the UN coordinator, as saying": the one quoted, when the verb at token
    ``k`` is "saying" after "quoted NAME as" (an appositive after the name
    set off by commas)."""
    found = _quoted_at(toks, k, floor)
    return None if found is None else _quoted_name(text, toks, found, k)


def _quoted_name(text: str, toks: Sequence[Token], quoted: int, k: int) -> Speaker | None:
    """The name after "quoted" (token ``quoted``) up to "as saying" (token
    ``k``) or to the comma before an appositive."""
    named = make_speaker(text, toks[quoted + 1 : _name_end(toks, quoted + 1, k - 1)])
    return named if named is not None and named.kind != "pronoun" else None


def _quoted_at(toks: Sequence[Token], k: int, floor: int) -> int | None:
    """The index of "quoted" when the verb at token ``k`` is "saying" after
    "quoted NAME(, appositive,) as"."""
    if toks[k].lower != "saying" or k - 1 <= floor or toks[k - 1].lower != "as":
        return None
    for q in range(k - 2, max(floor, k - 16) - 1, -1):
        if toks[q].lower == "quoted":
            return q if q + 1 < k - 1 else None
        if toks[q].text in _ENDS or toks[q].text in QUOTE_MARKS:
            return None
    return None


def _name_end(toks: Sequence[Token], start: int, stop: int) -> int:
    """Where a name from token ``start`` ends: at the first comma before ``stop``."""
    m = start
    while m < stop and toks[m].text != ",":
        m += 1
    return m


def _quoted_after(text: str, toks: Sequence[Token], k: int, floor: int) -> Attribution | None:
    """ "“…,” the statement quoted Marit Solheim, the UN coordinator, as
    saying.": an attribution after the quotation, for the one quoted, when
    what quoted them (a document, an agency) is set off from it."""
    q = _quoted_at(toks, k, floor)
    speaker = None if q is None else _quoted_name(text, toks, q, k)
    if q is None or speaker is None:
        return None
    source = subject_before(text, toks, q, floor) or described_back(text, toks, q, floor)
    first = q if source is None else token_at(toks, source.phrase_start)
    lead = None if first is None else _lead_start(toks, first, floor)
    end = _clause_end(text, toks, k + 1, len(toks), objects=False)
    if lead is None or end is None:
        return None
    return Attribution(
        start=toks[first].start,
        end=end[0],
        speaker=speaker,
        verb="saying",
        how="after",
        stop=end[1],
        lead=toks[lead[0]].start,
        tail=toks[k + 1].start if k + 1 < len(toks) else end[0],
    )


def _coordinated(toks: Sequence[Token], k: int, floor: int) -> bool:
    """Is the verb at token ``k`` the second of two joined by "and" or
    "but" ("declined to comment but said", "and warned"), or a participle
    after a comma ("hit back, saying")?"""
    j = k - 1
    while j > floor and toks[j].lower in BETWEEN_SUBJECT_AND_VERB:
        j -= 1
    if j > floor and toks[j].text == "," and toks[k].lower.endswith("ing"):
        return True
    return j > floor and toks[j].lower in ("and", "but", "yet")


def _according_before(text: str, toks: Sequence[Token], k: int, last: int) -> Attribution | None:
    m = k + 2
    while m < last and toks[m].text not in ",;:" and toks[m].text not in QUOTE_MARKS:
        m += 1
    speaker = source_speaker(text, toks[k + 2 : m])
    if speaker is None:
        return None
    if (
        speaker.kind == "description"
        and m < last
        and toks[m].text == ","
        and any(t.lower in TITLE_WORDS for t in toks[k + 2 : m])
    ):
        # "According to the government spokesman, Hamadoun Tall, “…”": the
        # name after the description, right before the quotation, speaks;
        # the description is its role.
        e = m + 1
        while e < last and toks[e].text not in ",;:" and toks[e].text not in QUOTE_MARKS:
            e += 1
        right_before = e >= last - 1  # only a comma or a colon before the mark
        named = make_speaker(text, toks[m + 1 : e]) if m + 1 < e and right_before else None
        if (
            named is not None
            and named.kind == "name"
            and not named.others
            and (not named.role or is_rank(named.role))
        ):
            named.role = strip_determiner(speaker.name)
            named.phrase_start = speaker.phrase_start
            speaker, m = named, e
    return Attribution(toks[k].start, toks[m - 1].end, speaker, "according to", "according-to")


def _tight(toks: Sequence[Token], k: int, last: int, verb: str) -> bool:
    """Do only a listener ("reporters"), an adverbial ("on Monday"), "that"
    and a colon or comma stand between the verb (token ``k - 1``) and the
    opening mark (token ``last``)?"""
    between = list(toks[k:last])
    if not between:
        return True
    if between[-1].text not in ",:" and between[-1].lower != "that":
        return False
    body = between[:-1]
    if body and body[-1].lower == "that":
        body = body[:-1]
    if verb in OBJECT_VERBS:
        m = 0
        while m < len(body) and m < 5 and body[m].lower not in TRAILING_STARTERS:
            m += 1
        body = body[m:]
    return not body or (body[0].lower in TRAILING_STARTERS and len(body) <= 12)
