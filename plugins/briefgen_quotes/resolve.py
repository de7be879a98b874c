"""Resolving speakers: pronouns to the last named speaker, names to entities.

Entities come only from the annotations that ran before this plugin (kind
``entity``, ``data`` with ``id``, ``name`` and ``kind``, ``refs`` with
``entities/<id>``): no other plugin is imported. A speaker matches an entity
when an entity annotation lies inside the speaker's name, else when the name
as written equals an entity's name, one of the entity's mentions in the
article, or (for a one-word name) the last word of a person's name
("Gould-Davies"); a description such as "the ministry" matches the last
entity mentioned before it whose name ends in that word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .finder import PROSE_KINDS
from .lexicon import (
    CORPORATE_WORDS,
    DOCUMENT_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    NATIONALITY_NOUNS,
    ORG_HEADS,
    POST_NOMINALS,
    PUBLIC_BODY_WORDS,
    QUOTE_MARKS,
    REPORTING_VERBS,
    TITLE_WORDS,
)
from .model import Quotation, Resolved, Speaker
from .phrases import (
    AGED,
    WHERE_FROM,
    definite_title,
    described_back,
    knowing_at,
    make_speaker,
    person_word,
    phrase_token,
    pronoun_opens,
    sentence_subject,
)
from .speakers import attribution_at, is_passive, subject_at
from .text import CAPITAL_WORD, ArticleTokens, Tokenized, sentence_span

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Annotation, Article

ENTITY_KIND = "entity"
_PERSON = "person"


class Mention(NamedTuple):
    """An entity annotation of the article."""

    start: int
    end: int
    id: str
    name: str
    kind: str
    role: str  # the entity's role, as the registry gives it ("" for none)


class Entities:
    """The entity mentions of one article, indexed for matching speakers."""

    def __init__(self, text: str, annotations: list[Annotation]) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        add = self.mentions.append
        for ann in annotations:
            if ann.kind != ENTITY_KIND:
                continue
            data = ann.data or {}
            ident = data.get("id") or _ref_id(ann.refs)
            if not ident:
                continue
            name = str(data.get("name") or text[ann.start : ann.end])
            kind = str(data.get("kind") or "")
            role = data.get("role")
            role = role if type(role) is str else ""
            add(_new_mention(Mention, (ann.start, ann.end, str(ident), name, kind, role)))
        # In text order, the longest first where they start together.
        self.mentions.sort(key=_END, reverse=True)
        self.mentions.sort(key=_START)
        self.starts = list(map(_START, self.mentions))
        # Lookups by the name or mention as written (below), by a person's
        # surname and by any word of an organisation's name (built when first
        # needed, as few speakers need them): each in text order.
        self.by_name: dict[str, list[Mention]] = defaultdict(list)
        keys: dict[tuple[str, str], tuple[str, ...]] = {}  # an entity is mentioned often
        for m in self.mentions:
            written = text[m.start : m.end]
            names = keys.get((m.name, written))
            if names is None:
                names = keys[m.name, written] = _lookup_names(m.name, written)
            for name in names:
                self.by_name[name].append(m)

    @cached_property
    def by_surname(self) -> dict[str, list[Mention]]:
        """Person mentions by the last word of the person's name."""
        found: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            if m.kind == _PERSON:
                found[_last(m.name)].append(m)
        return found

    @cached_property
    def by_word(self) -> dict[str, list[Mention]]:
        """Other mentions by every word of the name, of the mention and of
        the entity's role."""
        found: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            if m.kind != _PERSON:
                # Its role too: "the agency" is the WHO, a "United Nations health agency".
                words = f"{m.name} {self.text[m.start : m.end]} {m.role}".lower().split()
                for word in set(words):
                    found[word].append(m)
        return found

    def inside(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap ``text[start:end]``."""
        i = bisect_left(self.starts, end)
        found = []
        while i > 0 and self.mentions[i - 1].start >= start - _LONGEST:
            i -= 1
            if self.mentions[i].end > start:
                found.append(self.mentions[i])
        return found[::-1]

    @cached_property
    def with_roles(self) -> list[tuple[Mention, frozenset[str]]]:
        """Person mentions whose entity has a role, with the role's words
        (see :func:`title_words`), in text order."""
        roles: dict[str, frozenset[str]] = {}
        found = []
        for m in self.mentions:
            if m.kind == _PERSON and m.role:
                words = roles.get(m.role)
                if words is None:
                    words = roles[m.role] = frozenset(title_words(m.role))
                found.append((m, words))
        return found

    @cached_property
    def titles(self) -> frozenset[str]:
        """:data:`TITLE_WORDS` and the head of each role the article's people
        hold in the registry ("Sheriff of Granville County": sheriff;
        "Regent of Tanamera": regent): a title the lists do not know names
        its holder as one they know does."""
        heads = set()
        for _, _, _, _, kind, role in self.mentions:
            if kind == _PERSON and role:
                words = title_words(_ROLE_HEAD.split(role, 1)[0])
                if words:
                    heads.add(words[-1])
        return TITLE_WORDS | heads if heads - TITLE_WORDS else TITLE_WORDS

    def holding(self, title: list[str], before: int) -> Mention | None:
        """The last person mentioned before ``before`` whose role holds
        every word of ``title`` (see :meth:`title`), among them one of
        :data:`TITLE_WORDS` as it stands ("minister" in "Foreign minister of
        Velmar"; "Velmari" may stand for "Velmar": see :func:`_same_word`)."""
        i = bisect_left(self.with_roles, before, key=_MENTION_START)
        for m, role in reversed(self.with_roles[:i]):
            if any(w in role for w in title if w in self.titles) and all(
                w in role or _names_country(w, role) or any(_same_word(w, r) for r in role)
                for w in title
            ):
                return m
        return None

    def _initials_for(self, speaker: Speaker, named: Mention, before: int) -> Mention | None:
        """ "the CS for Treasury": the person whose role the initials
        abbreviate and that names the organisation ``named`` (see
        :meth:`_by_initials`)."""
        found = _INITIALS_FOR.match(self.text, speaker.phrase_start, speaker.end)
        if found is None or not self.with_roles:
            return None
        person = self._by_initials(found.group(1).lower(), before)
        if person is None:
            return None
        role = set(title_words(person.role))
        return person if role.issuperset(title_words(named.name)) else None

    def _by_initials(self, initials: str, before: int) -> Mention | None:
        """The last person mentioned before ``before`` whose role has words,
        one of them a title, that ``initials`` abbreviates ("cm": "Chief
        Minister of Andhra Pradesh"; "pm": "Prime minister of Velmar")."""
        n = len(initials)
        i = bisect_left(self.with_roles, before, key=_MENTION_START)
        for m, _ in reversed(self.with_roles[:i]):
            # Each part of a hyphenated word has its letter: "AG" for
            # "Attorney-General", "NCMP" for "Non-Constituency Member of Parliament".
            words = [part for word in title_words(m.role) for part in word.split("-") if part]
            for j in range(len(words) - n + 1):
                run = words[j : j + n]
                if "".join(w[0] for w in run) == initials and not self.titles.isdisjoint(run):
                    return m
        return None

    def title(self, speaker: Speaker, phrase: list[Mention]) -> list[str] | None:
        """The words of the title a speaker is named by ("the mayor", "the
        head of the Velmar Growers Union", "the agency's spokesman"; the
        names of the entities ``phrase`` holds count as their registry
        names), or None when the speaker is not a definite title."""
        text, lo = self.text, speaker.phrase_start
        first = text[lo : speaker.end].split(None, 1)
        if not first or first[0].lower() in INDEFINITE:
            return None
        if not phrase and first[0].lower() != "the":
            return None  # "Officials", "Velmar" or a name: not a title
        pieces = []
        for m in phrase:
            pieces += [text[lo : m.start], m.name]
            lo = m.end
        pieces.append(text[lo : speaker.end])
        words = title_words(" ".join(pieces))
        return words if any(w in self.titles for w in words) else None

    def _owner(self, mention: Mention, speaker: Speaker) -> bool:
        """Is a person named in a speaker phrase someone the speaker works
        for, not the speaker: in the role before a name ("Trump adviser
        Steve Witkoff"), or a possessive the phrase goes on after ("Delaney's
        solicitor")? ("A lawyer for Delaney": see :meth:`serving`.)"""
        if speaker.kind == "name" and mention.end <= speaker.start:
            return True
        after = self.text[mention.end : mention.end + 2]
        return (after in ("'s", "’s") or after[:1] in ("'", "’")) and mention.end + 2 < speaker.end

    def is_title(self, speaker: Speaker) -> bool:
        """Is the speaker named by a title, whoever holds it (see :meth:`title`)?
        A role that changes can change who that is."""
        phrase = self.inside(speaker.phrase_start, speaker.end)
        if any(m.kind == _PERSON for m in phrase):
            return False
        return speaker.kind != "pronoun" and self.title(speaker, phrase) is not None

    def _titled(self, speaker: Speaker, phrase: list[Mention], before: int) -> Mention | None:
        """The person a definite title names, by their role (see :meth:`holding`)."""
        if not self.with_roles:
            return None
        # The entities' registry names, or the words as written ("the BBN
        # leader" for a role "Leader of the BBN", the party being
        # "Burgerbeweging Nederland").
        for names in [phrase, []] if phrase else [[]]:
            words = self.title(speaker, names)
            found = None if words is None else self.holding(words, before)
            if found is not None:
                return found
        return None

    def match(self, speaker: Speaker, before: int) -> tuple[Mention, bool] | None:
        """The entity a (non-pronoun) speaker stands for, and whether it was
        found by its role (see :meth:`holding`); or None."""
        if speaker.kind in ("description", "group") and (at := knowing_at(speaker.name)) > 0:
            # "a source close to the Port Authority": the one described
            # speaks, not whom or what they know.
            name = speaker.name[:at].rstrip()
            speaker = replace(speaker, end=speaker.start + len(name), name=name)
        phrase = self.inside(speaker.phrase_start, speaker.end)
        if (
            phrase
            and speaker.kind != "pronoun"
            and any(m.kind != _PERSON for m in phrase)
            and _someone_of(self.text[speaker.phrase_start : speaker.end])
        ):
            # "One Fianna Fáil TD said", "a senior EU diplomat said": someone
            # of the party speaks, not the party (its spokesman speaks for it).
            phrase = [m for m in phrase if m.kind == _PERSON]
            if not phrase:
                return None  # "a former engineer at Wendover Council": as written
        if phrase:
            phrase = [m for m in phrase if not (m.kind == _PERSON and self._owner(m, speaker))]
            people = [m for m in phrase if m.kind == _PERSON]
            if people:
                return people[-1], False
            named = [
                m
                for m in phrase
                if m.start < speaker.end and speaker.start < m.end and not self._where(m, speaker)
            ]
            if named:
                # "The head of the union": the union's head, when the
                # registry knows who that is; else the union itself.
                titled = self._titled(speaker, phrase, before) or self._initials_for(
                    speaker, named[-1], before
                )
                return (titled, True) if titled is not None else (named[-1], False)
        name = _clean(speaker.name)
        if not name:
            return None
        low = name.lower()
        if low in self.by_name:
            return _nearest(self.by_name[low], before), False
        if speaker.kind == "name" and " " not in name and low in self.by_surname:
            people = self.by_surname[low]
            if len({m.id for m in people}) == 1:
                return _nearest(people, before), False
        if speaker.kind == "description":
            titled = self._titled(speaker, [], before)
            if titled is not None:
                return titled, True
        initials = _THE_INITIALS.fullmatch(self.text, speaker.phrase_start, speaker.end)
        if initials is not None and speaker.kind in ("name", "description"):
            # "the CM", "the DA", "the D.A.": the person whose role is
            # "Chief Minister of …", "District Attorney of …".
            titled = self._by_initials(initials.group(1).replace(".", "").lower(), before)
            if titled is not None:
                return titled, True
        if speaker.kind != "description":
            return None
        words = low.split()
        head = words[-1] if words else ""
        owner = words[-2][:-2] if len(words) > 1 and words[-2].endswith(("'s", "’s")) else ""
        if head in DOCUMENT_WORDS and head not in ORG_HEADS and owner:
            head = owner  # "the bank's statement": the bank's.
        elif head in ORG_HEADS and owner in self.titles:
            return None  # "the minister's office said": the minister's, whichever office
        if (head in ORG_HEADS or head in DOCUMENT_WORDS) and head in self.by_word:
            # "the agency said": the last one named before, never one named later.
            named = _last_before(self.by_word[head], before)
            if named is not None:
                return named, False
        if head in CORPORATE_WORDS:
            company = self._company_before(before)
            if company is not None:
                return company, False
        return None

    def aged(self, epithet: str, before: int) -> Resolved | None:
        """The person the text gave the age of ``epithet`` ("24-year-old")
        last before offset ``before``: "Penhaligon, 24,", "Penhaligon, the
        24-year-old seamer", "24-year-old Josh Penhaligon" (a registered
        person named within a few words of the age)."""
        if AGED.fullmatch(epithet) is None:
            return None
        age = epithet.split("-", 1)[0]
        text = self.text
        found = None
        for hit in re.finditer(rf"(?<![\w.,]){age}(?:-year-old\b|(?=[,)]))", text[:before]):
            head = text[max(0, hit.start() - 16) : hit.start()]
            if head.lower().endswith("the ") and not head[:-4].rstrip().endswith(","):
                # "The 38-year-old has been upset since Keels moved out": the
                # epithet used again, for someone given the age before; only
                # after a comma does it give the age ("Reynolds, the 38-year-old …").
                continue
            near = [
                mention
                for mention in self.inside(max(0, hit.start() - _AGE_REACH), hit.end() + _AGE_REACH)
                if mention.kind == _PERSON
            ]
            if near:
                # The person closest to the age.
                found = min(
                    near, key=lambda n: min(abs(n.end - hit.start()), abs(n.start - hit.end()))
                )
        return None if found is None else Resolved(found.name, found.id, found.kind)

    def introduced_since(self, mention: Mention, speaker: Speaker) -> bool:
        """Did the text introduce someone else by the title of ``speaker``
        ("a senior lawmaker", "one official") between ``mention`` and it?
        Not by a title that lacks a word of it ("a State Department
        spokesperson" is not "the Chinese spokesperson")."""
        words = title_words(self.text[speaker.phrase_start : speaker.end])
        if not words:
            return False
        between = self.text[mention.end : speaker.phrase_start]
        head = re.escape(words[-1])
        # "a senior lawmaker": up to four words between, none a determiner.
        words_between = r"(?:(?!(?:the|a|an|his|her|its|their)\b)[\w-]+\s+){0,4}?"
        qualifiers = words[:-1]
        for found in re.finditer(rf"(?i)\b(?:a|an|one|another)\s+{words_between}{head}\b", between):
            at = mention.end + found.start()
            if _APPOSITION.search(self.text, max(0, at - 40), at):
                continue  # "Roopra, a former deputy governor, …": she, no one new
            if all(w in title_words(found.group()) for w in qualifiers):
                return True
        return False

    def serving(self, mention: Mention, speaker: Speaker) -> bool:
        """Does a speaker phrase name ``mention`` as the one the speaker works
        for, right after "for", "to" or "of" ("a spokesman for Delaney", "the
        lawyer of Delaney"; not "the mayor of Brugnato Pierluigi Dal Pozzo")?"""
        return _serves_before(self.text[speaker.phrase_start : mention.start])

    def _where(self, mention: Mention, speaker: Speaker) -> bool:
        """Is ``mention`` a place that is only part of the speaker's name or
        phrase ("police in Beira", "Freight Ireland", "Moscow's foreign
        ministry"), where the speakers are or what they are named after,
        not who speaks? A place speaks only as the whole name ("Moscow said")."""
        if mention.kind != "place":
            return False
        name = _clean(self.text[speaker.start : speaker.end]).lower().removeprefix("the ")
        return name != self.text[mention.start : mention.end].lower()

    def _company_before(self, before: int) -> Mention | None:
        """The last organisation mentioned before ``before`` (and not long
        before) that is no public body: "the company said" after "Northway
        Water" (and after the prosecutor that charged it)."""
        i = bisect_left(self.mentions, before, key=_START)
        for m in reversed(self.mentions[max(0, i - 12) : i]):
            if before - m.end > _COMPANY_REACH:
                return None
            if m.kind in (_PERSON, "place"):
                continue
            if PUBLIC_BODY_WORDS.isdisjoint(title_words(f"{m.name} {m.role}")):
                return m
        return None


#: How far back (in characters) "the company" reaches for its organisation.
_COMPANY_REACH = 1500

_new_mention = tuple.__new__  # a mention as a plain tuple: no checks, built many times

#: Words that open a description of someone not named before ("a minister").
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any"})
#: Words of a title or role that say nothing of who holds it.
_TITLE_FILLERS = frozenset({"the", "a", "an", "of", "for", "at", "to", "in", "on", "and", "s"})
#: One spelling for words that name the same post.
_TITLE_SPELLINGS = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokespeople": "spokesperson",
    "advisor": "adviser",
    "defense": "defence",
    "councilor": "councillor",
}
_TITLE_WORD = re.compile(r"\w+(?:-\w+)*")


def title_words(text: str) -> list[str]:
    """The words of a title or role that say which post it is, lowercase,
    spelled one way: "the Kremlin's spokesman" -> kremlin, spokesperson;
    "CFO" -> chief, financial."""
    words = []
    text = _INITIALS.sub(lambda m: m.group(1).replace(".", ""), text.lower())
    for word in _TITLE_WORD.findall(text):
        word = _TITLE_SPELLINGS.get(word, word)
        if AGED.fullmatch(word):
            continue  # "the 31-year-old captain": the captain
        if word in _TITLE_INITIALS:
            words += _TITLE_INITIALS[word]
        elif word not in _TITLE_FILLERS:
            words.append(word)
    return words


#: Titles known by their initials, and the words they stand for.
_TITLE_INITIALS = {
    "ceo": ("chief", "executive"),
    "cfo": ("chief", "financial"),
    "coo": ("chief", "operating"),
    "cto": ("chief", "technology"),
    "mp": ("member", "parliament"),
    "mep": ("member", "european", "parliament"),
}


#: Words of a title that stand for a country written otherwise in a role:
#: adjectives of nationality whose country's name does not start with the
#: same five letters (see :func:`_same_word`; "the French president" is the
#: one whose role is "President of France"), and countries and unions known
#: by their initials ("the US president" is "President of the United
#: States"). Each has the ways a role may name it, every word of one needed.
_COUNTRIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "american": (("united", "states"), ("america",)),
    "british": (("britain",), ("united", "kingdom")),
    "chinese": (("china",),),
    "danish": (("denmark",),),
    "dutch": (("netherlands",),),
    "eu": (("european", "union"), ("eu",)),
    "finnish": (("finland",),),
    "french": (("france",),),
    "greek": (("greece",),),
    "iranian": (("iran",),),
    "iraqi": (("iraq",),),
    "irish": (("ireland",),),
    "nato": (("nato",), ("north", "atlantic", "treaty")),
    "polish": (("poland",),),
    "scottish": (("scotland",),),
    "spanish": (("spain",),),
    "swedish": (("sweden",),),
    "swiss": (("switzerland",),),
    "turkish": (("turkey",), ("turkiye",), ("türkiye",)),
    "uk": (("united", "kingdom"), ("britain",), ("uk",)),
    "un": (("united", "nations"), ("un",)),
    "us": (("united", "states"), ("america",), ("us",)),
    "welsh": (("wales",),),
}
#: A title in initials after "the": "the CM", "the DA", "the D.A.".
_THE_INITIALS = re.compile(r"[Tt]he\s+((?:[A-Z]\.?){2,4})")
#: Initials as a title may write them: "U.S." is "US".
_INITIALS = re.compile(r"\b((?:[a-z]\.){2,})(?!\w)")


def _names_country(word: str, role: frozenset[str]) -> bool:
    """Does a word of a title stand for a country the role names (see
    :data:`_COUNTRIES`)?"""
    return any(role.issuperset(way) for way in _COUNTRIES.get(word, ()))


def _same_word(a: str, b: str) -> bool:
    """Do two words of five letters or more start with the same five
    ("Velmari" and "Velmar", "German" and "Germany"): a place and the
    adjective made from it, written either way in a title or a role."""
    return len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]


def _lookup_names(name: str, written: str) -> tuple[str, ...]:
    """The keys of :attr:`Entities.by_name` for a mention of ``name``
    written ``written``: the name, and the mention as written when it differs."""
    name, written = name.lower(), _clean(written).lower()
    return (name,) if written == name else (name, written)


#: Longer entity mentions than this are not looked for behind a speaker.
_LONGEST = 200
_START, _END = attrgetter("start"), attrgetter("end")
_MENTION_START = lambda pair: pair[0].start  # noqa: E731 (a key for bisect)
_FIRST = itemgetter(0)
_POS = attrgetter("pos")


def _nearest(mentions: list[Mention], before: int) -> Mention:
    """The last of ``mentions`` (in text order) before ``before``, else the first."""
    return _last_before(mentions, before) or mentions[0]


def _last_before(mentions: list[Mention], before: int) -> Mention | None:
    """The last of ``mentions`` (in text order) before ``before``, or None."""
    i = bisect_left(mentions, before, key=_START)
    return mentions[i - 1] if i else None


def _ref_id(refs: tuple[str, ...]) -> str | None:
    for ref in refs:
        if ref.startswith("entities/"):
            return ref.split("/", 1)[1]
    return None


#: How far (in characters) from an age a person named is the one it describes.
_AGE_REACH = 40

_SERVES = re.compile(r"\b(?:for|to|of)(?:\s+the)?$", re.IGNORECASE)


#: A title in initials serving an organisation: "the CS for Treasury".
_INITIALS_FOR = re.compile(r"(?i:the)\s+([A-Z]{2,4})\s+(?:for|of|at)\s")


def _someone_of(phrase: str) -> bool:
    """Is ``phrase`` an indefinite description of a person by a title or a
    word for a person, with the organisation they belong to ("One Fianna
    Fáil TD", "a senior EU diplomat", "a Labour source", "one TikTok user",
    "a Crumbhouse shopper"), but not one who speaks for it ("a Kremlin
    spokesman")?"""
    words = phrase.lower().split()
    if len(words) < 3 or words[0] not in INDEFINITE:
        return False
    # The word before where they are: "a former engineer | at Wendover Council".
    at = next((i for i, w in enumerate(words) if w in WHERE_FROM), len(words))
    head = words[at - 1]
    if _TITLE_SPELLINGS.get(head, head) == "spokesperson":
        return False  # one who speaks for the organisation
    return head in TITLE_WORDS or head in _INSIDERS or head in _MEMBERS or person_word(head)


#: Words for a person that stand, after "the", for the last one named as
#: "she" or "he" would ("– tells the woman.", "the man said").
_GENDERED = {"woman": "she", "girl": "she", "lady": "she", "man": "he", "boy": "he"}
#: Where a role's title ends: before what it is of, for, at, in, from, to
#: or with, or at a comma, a semicolon or a bracket ("Senator from Ohio").
_ROLE_HEAD = re.compile(r"\s+(?:of|for|at|in|from|to|with)\s+|[,;(]", re.IGNORECASE)
#: A name and a comma right before an indefinite title: the title describes it.
_APPOSITION = re.compile(rf"{CAPITAL_WORD},\s*$")
#: Documents someone issues, which speak for them once introduced ("In a
#: statement, X said …" then "the statement added").
_PAPERS = frozenset({"statement", "letter", "readout", "release", "memo", "email", "note"})
#: Words for people who speak from inside an organisation without a title.
_INSIDERS = frozenset({"source", "insider", "figure", "veteran"})
#: A member's letters, as a description's head ("One Labour MP").
_MEMBERS = frozenset(w.lower() for w in POST_NOMINALS)


def _serves_before(words: str) -> bool:
    """Do the words of a description before a name make the name the one
    the speaker works for ("a spokesman for | Delaney")?"""
    return bool(_SERVES.search(words.rstrip()))


def _role_before(words: str) -> str | None:
    """The role in the words of a speaker phrase before the entity it names
    ("Kremlin spokesperson" before "Dmitry Peskov"); None when they are only
    honorifics or name particles ("Mr" before "Archer", "Van der" before
    "Berg")."""
    role = _clean(words)
    if all(w.rstrip(".").lower() in _NOT_A_ROLE for w in role.split()):
        return None
    return role


_NOT_A_ROLE = HONORIFICS | NAME_PARTICLES


@lru_cache(maxsize=4096)  # called for every speaker and entity mention
def _clean(name: str) -> str:
    """A name without a determiner in front or a possessive behind."""
    name = name.strip()
    if name.lower() in ("the", "a", "an"):
        return ""
    for det in ("the ", "The ", "a ", "an "):
        if name.startswith(det):
            name = name[len(det) :]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def _last(name: str) -> str:
    parts = name.lower().split()
    return parts[-1] if parts else ""


# ---------------------------------------------------------------- who spoke when


@dataclass
class _Said:
    pos: int
    who: Resolved
    person: bool | None  # known to be a person (True), not one (False), unknown (None)
    #: A group that opened a sentence ("Analysts at Morgan Ridley raised
    #: their target."): only "they" stands for it; it said nothing itself.
    group: bool = False
    #: The speaker of the sentence's main clause, when this one speaks in a
    #: clause inside it ("Archer told jurors of emails in which Delaney
    #: asked …"): a later pronoun stands for the main one where it can.
    main: _Said | None = None


class Speakers:
    """Everyone the article has speak, in order, for resolving pronouns.

    Read lazily, in text order: a block's speakers are read when a question
    about a later offset needs them, so the blocks after the last quotation
    that needs them are never read."""

    def __init__(
        self,
        article: Article,
        entities: Entities,
        quotations: list[Quotation],
        tokens: ArticleTokens | None = None,
    ) -> None:
        self.entities = entities
        self.said: list[_Said] = []
        self.pronouns: dict[str, str] = {}  # who "he" or "she" stood for so far
        self.full_names: dict[str, list[_Said]] = defaultdict(list)  # by surname
        self._text = article.text
        self._tokens = tokens or ArticleTokens(article.text)
        self._quoted = sorted(part for q in quotations for part in q.parts)
        self._quoted_starts = [a for a, _ in self._quoted]
        self._blocks = [b for b in article.blocks if b.kind in PROSE_KINDS]
        self._next = 0  # the first block not read yet
        self._read = 0  # every speaker named before this offset is noted
        # Sources named by "according to", by offset.
        sources = [
            (a.start, a.speaker, _SPOKE)
            for q in quotations
            if (a := q.attribution) is not None
            and a.how == "according-to"
            and a.speaker.kind != "pronoun"
        ]
        self._sources = deque(sorted(sources, key=_FIRST))

    def read_to(self, pos: int) -> None:
        """Note every speaker named before offset ``pos``, in text order:
        the subjects of reporting verbs, names opening sentences, and the
        sources of "according to"."""
        if pos <= self._read:
            return
        found: list[tuple[int, Speaker, str]] = []
        while self._next < len(self._blocks) and self._blocks[self._next].start < pos:
            block = self._blocks[self._next]
            self._next += 1
            found += self._named_in(block.start, block.end)
            self._read = block.end
        # Blocks do not overlap: nothing unread starts before ``_read``.
        self._read = max(self._read, pos)
        while self._sources and self._sources[0][0] < self._read:
            found.append(self._sources.popleft())
        main: _Said | None = None
        for at, speaker, how in sorted(found, key=_FIRST):
            count = len(self.said)
            self.add(
                at,
                speaker,
                subject_only=how in (_SUBJECT, _INTRODUCED),
                introduced=how == _INTRODUCED,
            )
            if len(self.said) == count:
                continue
            said = self.said[-1]
            if how == _EMBEDDED and main is not None:
                said.main = main
            elif how == _SPOKE:
                main = said

    def _in_quotation(self, pos: int) -> bool:
        i = bisect_left(self._quoted_starts, pos + 1)
        return i > 0 and pos < self._quoted[i - 1][1]

    def _named_in(self, lo: int, hi: int) -> list[tuple[int, Speaker, str]]:
        """Who the block ``text[lo:hi]`` names: (offset, speaker, how: the
        subject of a verb of speech, of one in a clause inside a sentence
        whose main verb's subject came first, or only a sentence's subject)."""
        text = self._text
        tokenized = self._tokens.block(lo, hi)
        toks = tokenized.toks
        found: list[tuple[int, Speaker, str]] = []
        last_verb = -1  # the last verb of speech with a subject, in this sentence
        for k in tokenized.cues:
            tok = toks[k]
            if tok.capitalized or tok.lower not in REPORTING_VERBS:
                continue
            if self._in_quotation(tok.start):
                continue  # words inside a quotation are not the article's
            if is_passive(toks, k, 0):
                continue  # "The agency has been criticised": about it, not by it
            speaker = subject_at(text, tokenized, k)
            if speaker is None:
                after = attribution_at(text, tokenized, k)
                speaker = after.speaker if after else None
            if speaker is None:
                # "One driver said she had not wanted to strike.": a description
                # that opens its clause (not "… the checks it promised").
                speaker = described_back(text, toks, k, 0)
                if speaker is not None and not _opens_clause(tokenized, speaker.start):
                    speaker = None
            if speaker is None:
                continue
            embedded = last_verb >= 0 and _subordinate(tokenized, last_verb, k)
            if not embedded:
                last_verb = k
            if speaker.kind != "pronoun":
                found.append((tok.start, speaker, _EMBEDDED if embedded else _SPOKE))
        for start in tokenized.starts:
            first = tokenized.index_at(start)
            if first >= len(toks) or self._in_quotation(start):
                continue
            subject = sentence_subject(text, toks, first)
            if subject is None and pronoun_opens(toks, first):
                # "She closed her speech with a message: …": she is speaking.
                t = toks[first]
                subject = Speaker(t.start, t.end, t.lower, kind="pronoun")
            if subject is None and toks[first].lower in _GROUP_OPENERS:
                # "Analysts at Morgan Ridley raised their target.": for "they";
                # "The Premier did not rule out a deal.": the person by title.
                subject = sentence_subject(text, toks, first, described=True)
                if subject is not None and not (subject.kind == "group" or definite_title(subject)):
                    subject = None
            if subject is not None:
                how = _SUBJECT
                if subject.kind == "name" and _introduced(tokenized, subject):
                    how = _INTRODUCED  # "Tom, 41, a software tester, had cycled in."
                found.append((toks[first].start, subject, how))
        return found

    def add(
        self, pos: int, speaker: Speaker, *, subject_only: bool = False, introduced: bool = False
    ) -> Resolved | None:
        """Note that ``speaker`` spoke (or, ``subject_only``, opened a
        sentence) at ``pos``. A sentence's subject counts only when it is a
        known person, a name of two words or more ("Idris Haddad"), or one
        the text ``introduced`` as a person (an age or a description after it)."""
        if speaker.kind == "pronoun":
            resolved = self.last_before(pos, speaker.name)
        else:
            resolved = self.named(speaker, pos)
        if resolved is None:
            return None
        person = None
        if speaker.kind == "pronoun":
            person = True
        elif speaker.kind == "description" and _last(speaker.name) in TITLE_WORDS:
            person = True  # "A BBC spokeswoman": a person, though she speaks for the BBC
        elif resolved.kind:
            person = resolved.kind == _PERSON
        elif speaker.kind in ("description", "group"):
            person = False  # a description with a title is a person, above
        if introduced:
            person = True
        if subject_only and not (
            person or speaker.kind == "group" or (resolved.kind is None and " " in resolved.name)
        ):
            return None
        said = _Said(pos, resolved, person, subject_only and speaker.kind == "group")
        self.said.append(said)  # callers add in text order
        if said.group:
            return resolved
        # Full names, for a surname alone later on (co-speakers too; not
        # "officials in Moscow" for "Moscow").
        if speaker.kind == "name":
            self._note_full_name(said)
        for other in speaker.others:
            who = self.named(other, pos)
            if who is not None:
                self._note_full_name(_Said(pos, who, person))
        return resolved

    def _note_full_name(self, said: _Said) -> None:
        who = said.who
        if not who.entity and " " in who.name:
            self.full_names[_last(who.name)].append(said)

    def named(self, speaker: Speaker, pos: int) -> Resolved | None:
        """Resolve a speaker given by name or description."""
        if speaker.kind == "pronoun":
            return None
        found = self.entities.match(speaker, pos)
        if (
            found is not None
            and found[0].kind == _PERSON
            and not found[1]
            and self.entities.serving(found[0], speaker)
        ):
            # "a lawyer for Delaney": someone who speaks for the person named.
            text = self.entities.text
            phrase = _clean(text[speaker.phrase_start : speaker.end])
            return Resolved(phrase, None, None, None, self.entities.is_title(speaker))
        if found is not None and found[1] and self.entities.introduced_since(found[0], speaker):
            # "A senior lawmaker of the NPA … said …; “…,” the lawmaker said":
            # the one just introduced, not the registered lawmaker.
            phrase = self.entities.text[speaker.phrase_start : speaker.end].strip()
            return Resolved(phrase or speaker.name, None, None, None, True)
        if found is not None:
            mention, titled = found
            role = speaker.role
            text = self.entities.text
            if titled:  # the title as written is the role: "head of the Velmar Growers Union"
                role = _clean(text[speaker.phrase_start : speaker.end]) or role
            elif speaker.phrase_start < mention.start and (
                not role or mention.start > speaker.start
            ):
                # "the mayor of Brugnato Pierluigi Dal Pozzo": the role is all
                # that comes before the person, the place too.
                role = _role_before(text[speaker.phrase_start : mention.start])
            by_title = titled or self.entities.is_title(speaker)
            return Resolved(mention.name, mention.id, mention.kind or None, role, by_title)
        phrase = self.entities.text[speaker.phrase_start : speaker.end]
        epithet = phrase[4:].strip()
        if phrase[:4].lower() == "the " and (
            AGED.fullmatch(epithet) or epithet in NATIONALITY_NOUNS
        ):
            # "the 31-year-old said", "the Pole said": the person the article
            # gave that age, else the person just named.
            who = self.entities.aged(epithet, speaker.phrase_start) or self.last_before(
                pos, _PERSON
            )
            if who is not None:
                return who
        if phrase[:4].lower() == "the " and epithet.lower() in _GENDERED:
            # "– tells the woman.": like "she", the last woman named.
            who = self.last_before(pos, _GENDERED[epithet.lower()])
            if who is not None:
                return who
        issuer = self._issuer(speaker, pos)
        if issuer is not None:
            return issuer
        name = _clean(speaker.name) if speaker.kind == "name" else speaker.name
        if speaker.kind == "name" and " " not in name:
            # "Ruiz" after "Ana Ruiz": the full name the article used before.
            self.read_to(pos)
            earlier = self.full_names.get(name.lower(), [])
            i = bisect_left(earlier, pos, key=_POS)
            if i:
                who = earlier[i - 1].who
                return Resolved(who.name, None, None, speaker.role or who.role)
        return Resolved(name, None, None, speaker.role, self.entities.is_title(speaker))

    def _issuer(self, speaker: Speaker, pos: int) -> Resolved | None:
        """Who issued the document a bare "the statement" (letter, readout
        ...) speaking at ``pos`` is: the one the article had speak in the
        sentence that introduced "a statement" ("In a statement, a
        Crumbhouse spokesperson said …", "Crumbhouse issued a statement"),
        in this paragraph or the one before; or None."""
        text = self.entities.text
        words = text[speaker.phrase_start : speaker.end].lower().split()
        if not 2 <= len(words) <= 3 or words[0] != "the" or words[-1] not in _PAPERS:
            return None  # "the statement", "the press release"
        self.read_to(pos)
        floor = self._paragraph_start(speaker.phrase_start, back=1)
        found = None
        for m in re.finditer(
            rf"\b(?:a|an|the|its|their|his|her)\s+(?:[\w-]+\s+){{0,2}}{words[-1]}\b",
            text[floor : speaker.phrase_start],
            re.IGNORECASE,
        ):
            found = floor + m.start()
        if found is None:
            return None
        lo = self._paragraph_start(found, back=0)
        near = [s for s in self.said if lo <= s.pos < speaker.phrase_start and not s.group]
        if not near:
            return None
        return min(near, key=lambda s: abs(s.pos - found)).who

    def _paragraph_start(self, pos: int, back: int) -> int:
        """Where the paragraph holding ``pos`` starts, or the one ``back``
        paragraphs before it."""
        if not self._blocks:
            return 0
        i = max(0, bisect_right(self._blocks, pos, key=_START) - 1 - back)
        return self._blocks[i].start

    def last_before(self, pos: int, pronoun: str, asker: Resolved | None = None) -> Resolved | None:
        """The last named speaker before ``pos`` that ``pronoun`` can stand
        for: "he" and "she" a person (or someone not known not to be one),
        never someone an earlier "she" (or "he") stood for; ``person``
        (for "the 31-year-old") a person of either. Never ``asker``, for a
        pronoun that answers them ("“…?” she asked. “…,” he replied")."""
        self.read_to(pos)
        other = {"he": "she", "she": "he"}.get(pronoun)
        skip = None if asker is None else _key(asker)
        for k in range(self._before(pos) - 1, -1, -1):
            said = self.said[k]
            if not self._fits(said, pronoun, other) or _key(said.who) == skip:
                continue
            if said.main is not None and self._fits(said.main, pronoun, other):
                continue  # the main clause's speaker, just before, is the one
            if pronoun in ("he", "she"):
                self.pronouns.setdefault(_key(said.who), pronoun)
            return said.who
        if pronoun in ("he", "she", _PERSON):
            mentions = self.entities.mentions
            for k in range(bisect_left(self.entities.starts, pos) - 1, -1, -1):
                m = mentions[k]
                if m.kind == _PERSON:  # the last person mentioned before ``pos``
                    return Resolved(m.name, m.id, m.kind)
        return None

    def _fits(self, said: _Said, pronoun: str, other: str | None) -> bool:
        """May ``pronoun`` stand for ``said`` (see :meth:`last_before`)?"""
        if said.group and pronoun != "they":
            return False
        if pronoun in ("he", "she", _PERSON) and said.person is False:
            return False
        if pronoun in ("it", "they") and said.person is True:
            return False
        return not (other and self.pronouns.get(_key(said.who)) == other)

    def lead_in(self, lo: int, hi: int, pos: int) -> Resolved | None:
        """Who a sentence of the block ``text[lo:hi]`` opens with when a
        quotation starting at ``pos`` follows its colon, and that is someone
        described by a title: 'A senior minister was less hopeful: "..."'
        (a name opening the sentence is noted anyway, see :meth:`read_to`)."""
        tokenized = self._tokens.block(lo, hi)
        toks = tokenized.toks
        k = tokenized.index_at(pos)
        if k < 2 or toks[k - 1].text not in QUOTE_MARKS or toks[k - 2].text != ":":
            return None
        first = tokenized.index_at(sentence_span(tokenized.starts, hi, toks[k - 2].start)[0])
        end = first
        while end < k - 2 and phrase_token(toks[end]):
            end += 1
        speaker = make_speaker(self._text, toks[first:end])
        if speaker is None or speaker.kind != "description" or speaker.others:
            return None
        if not any(w in TITLE_WORDS for w in title_words(speaker.name)):
            return None
        return self.named(speaker, speaker.start)

    def _before(self, pos: int) -> int:
        """How many of ``said`` (in text order) come before ``pos``."""
        return bisect_left(self.said, pos, key=_POS)

    def last_said(self, floor: int, pos: int) -> Resolved | None:
        """The last speaker named at or after ``floor`` and before ``pos``."""
        self.read_to(pos)
        k = self._before(pos)
        while k and self.said[k - 1].group:
            k -= 1
        if k and self.said[k - 1].pos >= floor:
            return self.said[k - 1].who
        return None


#: First words of the groups and titles that open sentences for pronouns.
_GROUP_OPENERS = GROUP_WORDS | {"the"}
#: How a speaker was found (see ``Speakers._named_in``): a sentence's
#: subject may be introduced as a person ("Tom, 41, …").
_SPOKE, _EMBEDDED, _SUBJECT, _INTRODUCED = "spoke", "embedded", "subject", "introduced"


def _introduced(tokenized: Tokenized, subject: Speaker) -> bool:
    """Is a one-word name introduced as a person by what follows it between
    commas: an age or a description ("Tom, 41,", "Tom, a software tester,")?"""
    if " " in subject.name:
        return False
    toks = tokenized.toks
    k = tokenized.index_at(subject.end)
    return (
        k + 1 < len(toks)
        and toks[k].text == ","
        and (toks[k + 1].text.isdigit() or toks[k + 1].lower in ("a", "an"))
    )


#: Words that open a clause inside a sentence.
_SUBORDINATORS = frozenset(
    {"which", "who", "whom", "whose", "that", "where", "when", "because", "after", "if"}
)


def _opens_clause(tokenized: Tokenized, offset: int) -> bool:
    """Does the token at ``offset`` open a sentence or follow a comma?"""
    k = tokenized.index_at(offset)
    return k == 0 or tokenized.toks[k - 1].text in ",;:" or offset in tokenized.starts


def _subordinate(tokenized: Tokenized, verb: int, k: int) -> bool:
    """Is the verb at token ``k`` in a clause that a word after the verb at
    token ``verb`` of the same sentence opens ("told jurors of emails in
    which Delaney asked")?"""
    toks = tokenized.toks
    starts = tokenized.starts
    if bisect_right(starts, toks[verb].start) != bisect_right(starts, toks[k].start):
        return False
    return any(toks[m].lower in _SUBORDINATORS for m in range(verb + 1, k))


def _key(who: Resolved) -> str:
    """Who ``who`` is, for telling speakers apart: the entity, else the
    name without its article ("a reporter" and "the reporter" are one)."""
    if who.entity:
        return who.entity
    name = who.name.lower()
    first, _, rest = name.partition(" ")
    return rest if rest and first in ("a", "an", "the") else name


def resolve(
    article: Article, quotations: list[Quotation], tokens: ArticleTokens | None = None
) -> None:
    """Fill ``speaker`` (and ``others``) of each quotation: pronouns become
    the last named speaker before them, names become entities when the
    article's entity annotations know them. A quotation with no attribution
    takes the last speaker named in its paragraph or the one before
    (attribution ``context``). ``tokens`` are the article's tokens, when
    already computed."""
    entities = Entities(article.text, article.annotations)
    speakers = Speakers(article, entities, quotations, tokens)
    previous: Quotation | None = None
    for q in quotations:
        a = q.attribution
        if a is None:
            if q.rule not in ("mark", "front-matter"):  # the author's span may be narrative
                q.speaker = _context(article, speakers, q)
            continue
        asker = _asker(article.text, previous) if a.verb in ANSWER_VERBS else None
        q.speaker = _resolve_one(speakers, a.speaker, asker)
        q.others = [r for r in (_resolve_one(speakers, o) for o in a.speaker.others) if r]
        previous = q


def _asker(text: str, previous: Quotation | None) -> Resolved | None:
    """Who asked the question an answer replies to: the speaker of the
    quotation before it, when that one is a question."""
    if previous is None or previous.speaker is None:
        return None
    # The mark inside the quotation, or right after its words ("—Will you
    # accept it? —the reporter asked.": a quotation with no marks ends before it).
    asked = text[: previous.end].rstrip(_CLOSING).endswith("?")
    return previous.speaker if asked or text.startswith("?", previous.end) else None


#: A passive verb of telling right before a quotation: "was told to “…",
#: "were ordered not to «…": the words are someone else's, and nobody named.
_TOLD_TO = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?"
    r"(?:told|ordered|asked|urged|instructed|warned|advised|directed)\s+(?:not\s+)?to\s*"
    r"[“\"«‘'„]\s*$"
)
#: What may stand after a question's mark: closing quotation marks.
_CLOSING = "”»’\"' "
#: Verbs of answering: whoever answers is not who asked.
ANSWER_VERBS = frozenset(
    {"replied", "replies", "reply", "answered", "answers", "responded", "responds", "retorted"}
)


def _resolve_one(
    speakers: Speakers, speaker: Speaker, asker: Resolved | None = None
) -> Resolved | None:
    if speaker.kind == "pronoun":
        return speakers.last_before(speaker.start, speaker.name, asker)
    return speakers.named(speaker, speaker.start)


def _context(article: Article, speakers: Speakers, q: Quotation) -> Resolved | None:
    block = article.block_at(q.start)
    if block is None:
        return None
    if _TOLD_TO.search(article.text, max(block.start, q.start - 60), q.start):
        return None  # "Vermeulen was told to “stay out”": someone unnamed told him
    lead = speakers.lead_in(block.start, block.end, q.start)
    if lead is not None:
        return lead
    blocks = article.blocks
    index = bisect_left(blocks, block.start, key=_START)  # blocks are in text order
    while blocks[index] != block:
        index += 1
    floor = blocks[index - 1].start if index else block.start
    return speakers.last_said(floor, q.start)
