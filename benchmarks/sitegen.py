"""Synthetic briefing sites for benchmarks: the same articles for briefgen and its peers.

Everything here is invented: names are built from syllables, and the prose comes
from sentence patterns written for this file, filled in by a random generator
seeded with ``seed``. The same arguments always give byte-identical files, and
article ``i`` (and entity ``i``) does not depend on how many others are made.

    corpus = make_corpus(n_articles=1000, n_entities=200, n_factchecks=20, seed=7)
    write_briefgen(Path("site"), corpus)              # site.yml + content/
    write_briefgen(Path("big"), corpus, registry_size=10_000)
    write_pelican(Path("pelican"), corpus)            # the same articles for peers
    write_mkdocs(Path("mkdocs"), corpus)
    write_hugo(Path("hugo"), corpus)

or, from the shell, ``python benchmarks/sitegen.py OUT --articles 100``.

Each article carries front matter (title, date, summary, tags, authors), two or
three ``##`` headings, a bulleted list, a link, an optional ALL-CAPS dateline,
mentions of registry entities (full name, surname, possessive, alias, acronym,
accented and lowercase variants) and quotations in every style the quote
plugin handles; some articles carry sentences with fact-check match phrases.
The standard library is all this module needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Article",
    "Corpus",
    "Entity",
    "FactCheck",
    "article_text",
    "entity_text",
    "factcheck_text",
    "generate",
    "make_corpus",
    "slugify",
    "write_article",
    "write_briefgen",
    "write_entity",
    "write_hugo",
    "write_mkdocs",
    "write_pelican",
]

VERDICTS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")

# ---------------------------------------------------------------- vocabulary

ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z")
ONSETS += ("br", "dr", "kr", "tr", "st", "sk", "vr", "zh", "kh", "ch", "sv", "gr")
NUCLEI = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "ia")
CODAS = ("", "", "", "", "n", "r", "l", "s", "k", "v", "sk", "nd", "rt", "sh")

SECTORS = (
    "Grain", "Water", "Rail", "Energy", "Fisheries", "Housing", "Port", "Transit",
    "Health", "Forestry", "Mining", "Textile", "Salt", "Timber", "Dairy", "Ferry",
)  # fmt: skip
BODIES = (
    "Authority", "Council", "Board", "Agency", "Union", "Institute", "Commission",
    "Trust", "Company", "Cooperative", "Bank", "Federation",
)  # fmt: skip
PLACE_FORMS = ("{w}", "{w}", "{w}", "{w}", "Port {w}", "{w} Bay", "Upper {w}", "{w} Heights")
ROLES = (
    "Finance minister", "Transport minister", "Deputy mayor", "Union leader",
    "Opposition leader", "Regional governor", "Trade envoy", "Chief negotiator",
    "Harbour master", "Energy commissioner", "Central bank governor", "Health minister",
    "Foreign minister", "Senior adviser", "Farmers' union chair", "Party chair",
)  # fmt: skip
ORG_ROLES = (
    "Regulator of the {s} sector", "Trade body for {s} firms", "Public {s} operator",
    "Research body on {s} policy", "State-owned {s} lender",
)  # fmt: skip
PLACE_ROLES = ("Port city", "Regional capital", "Border town", "Farming district", "Island")

TOPICS = (
    "the grain corridor", "the water tariff", "the coastal rail link", "the fisheries quota",
    "the northern border crossing", "the energy levy", "the housing fund", "the port lease",
    "the bridge repair programme", "the school meals scheme", "the wind farm tender",
    "the salt works licence", "the flood barrier", "the bus fare freeze", "the pension reform",
    "the customs agreement", "the dairy subsidy", "the airport expansion",
    "the timber export ban", "the hospital budget", "the broadband rollout",
    "the ferry contract", "the mining royalty", "the reservoir plan",
)  # fmt: skip
TAGS = (
    "budget", "transport", "energy", "housing", "agriculture", "trade", "health", "labour",
    "environment", "elections", "courts", "fisheries", "infrastructure", "regions", "water",
    "pensions", "diplomacy", "industry",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
SMALL = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
SCARE_WORDS = ("windfall", "temporary", "emergency", "sunset", "bridge")
COMMODITIES = ("bread", "diesel", "fertiliser", "timber", "fish", "cement")
WORD_SLOTS = {
    "topic": TOPICS,
    "weekday": WEEKDAYS,
    "month": MONTHS,
    "small": SMALL,
    "ordinal": ORDINALS,
    "scare": SCARE_WORDS,
    "commodity": COMMODITIES,
}

# Slots: {person} {org} {place} (a mention; add 's for the possessive, a capital
# first letter for the canonical full name), {topic}, {weekday}, {month}, {small},
# {ordinal}, {scare}, {commodity}, {number}.
STATEMENTS = (
    "{person} met {org} officials in {place} on {weekday} to discuss {topic}.",
    "Talks on {topic} resumed on {weekday} after a pause of {small} weeks.",
    "{org's} board is expected to vote on {topic} before the end of {month}.",
    "Officials in {place} said the first payments under {topic} could arrive within "
    "{small} months.",
    "The dispute over {topic} has dragged on since {month}, when {person} first raised it "
    "in a letter to {org}.",
    "{person's} office did not respond to a request for comment.",
    "Residents of {place} have complained for years that {topic} was drawn up without them.",
    "A draft seen by this briefing sets out {small} conditions, the first of which "
    "concerns {topic}.",
    "Critics in {place} say the timetable leaves little room for public consultation.",
    "{org} published its own figures on {weekday}, which differ from the government's by a "
    "wide margin.",
    "The proposal would shift responsibility for {topic} from the regional council to {org}.",
    "Negotiators from {place} and {place} are due to meet again next {weekday}.",
    "{person} has backed {topic} since taking office, though the details have changed "
    "several times.",
    "The last comparable agreement, signed {small} years ago, collapsed within months.",
    "Unions representing workers in {place} have threatened a strike if {topic} goes ahead "
    "unchanged.",
    "{org} said it would publish a full assessment of {topic} by {month}.",
    "A spokesperson for {org} declined to say when the review would end.",
    "Opposition members questioned whether {org} had the staff to carry out the checks it "
    "promised.",
    "Local newspapers in {place} reported long queues at the offices handling applications.",
    "The government has so far set aside {number} million for the first phase of {topic}.",
    "Turnout at the public hearings in {place} was lower than organisers had hoped.",
    "{person} and {person} spoke by phone for more than an hour on {weekday}.",
    "Neither side has published the text of the agreement.",
    "Analysts at {org} expect the cost of {topic} to rise once inflation is taken into account.",
    "The plan still needs the approval of the regional assembly in {place}.",
    "Shipping firms using {place's} harbour have warned of delays of up to {small} days.",
    "{org} has been criticised before for missing its own deadlines.",
    "In {place}, farmers blocked a road for several hours in protest at {topic}.",
    "The measure passed its first reading by {number} votes to {small}.",
    "A so-called “{scare}” clause would let either side walk away after {small} years.",
    "Officials described the mood at the talks as businesslike rather than warm.",
    "The latest figures from {org} show applications rising for the {ordinal} month in a row.",
    "{person} told a press conference in {place} that the details would follow.",
    "Several members of {org} have asked for an independent audit of {topic}.",
    "The previous government abandoned a similar scheme after a court challenge in {place}.",
    "Prices for {commodity} in {place} have climbed by a third since the spring.",
    "Few expect a final decision before the regional elections in {month}.",
    "The talks in {place} ended without a joint statement.",
    "{person's} allies in {org} have urged patience while the figures are checked.",
    "The road from {place} to {place} was closed for most of {weekday} as crews inspected "
    "the damage.",
)
QUOTES = (
    "We are not going to sign anything that leaves {place} worse off",
    "This is the most serious offer we have had in years",
    "Nobody should expect the problem to disappear overnight",
    "The numbers simply do not add up",
    "We have been patient, but patience has its limits",
    "Our door remains open, and it will stay open",
    "If the money arrives on time, the work can start in {month}",
    "People in {place} deserve a straight answer",
    "We listened to every objection and changed the plan where it made sense",
    "There is no version of this deal that works without {org}",
    "I have asked for a full report by the end of the week",
    "The timetable is tight but it is achievable",
    "We will not be rushed into a bad agreement",
    "Families cannot plan when the rules change every month",
    "Every delay costs us another season",
    "This agreement protects the jobs that matter most in the region",
    "We expect the other side to keep its word",
    "The review found problems that should have been fixed long ago",
    "Nobody in this building wants a strike",
    "It is a start, not a solution",
)
SPLIT_QUOTES = (
    ("The first phase is funded", "the second is not"),
    ("We have made our offer", "and now it is up to them"),
    ("Nobody wanted this dispute", "but we will not walk away from it"),
    ("The money is there", "what is missing is the will to spend it"),
    ("I understand the anger", "and I share some of it"),
)
REPORTED = (
    "The talks would resume after the holiday",
    "The first payments would be made in {month}",
    "{org} had not been consulted on the final draft",
    "The plan for {topic} was still under review",
    "No decision had been taken on {topic}",
)
LIST_ITEMS = (
    "a review of {topic} within {small} months",
    "new reporting rules for {org}",
    "a fund for households in {place}",
    "a joint committee with members from {place} and {place}",
    "an end to the dispute over {topic}",
    "quarterly figures published by {org}",
)
HEADINGS = (
    "What {org} agreed",
    "The dispute over {topic}",
    "Reaction in {place}",
    "What happens next",
    "Who pays",
    "The view from {place}",
)
TITLES = (
    "{surname} presses {org} over {bare_topic}",
    "{place} and {place2} resume talks on {bare_topic}",
    "{org} delays vote on {bare_topic}",
    "{surname} says {bare_topic} will go ahead",
    "Doubts grow in {place} over {bare_topic}",
)
MONEY_NOUNS = ("grants", "loans", "subsidies", "tax credits", "bonds", "repair funds")
GROUPS = ("households", "farms", "schools", "clinics", "small firms", "commuters", "pensioners")
# Sentences that make a checked claim, for money phrases and for percent phrases.
CLAIM_SENTENCES = {
    "money": (
        "{claimant} said on {weekday} that {phrase} had already been paid out.",
        "In a speech in {place}, {claimant} claimed that {phrase} would reach the region by "
        "{month}.",
        "{claimant} has repeatedly said that {phrase} were set aside for {topic}.",
    ),
    "percent": (
        "{claimant} said on {weekday} that {phrase} would lose out under {topic}.",
        "In a speech in {place}, {claimant} claimed that {phrase} had signed up by {month}.",
        "{claimant} has repeatedly said that {phrase} depend on {topic}.",
    ),
}


def _words(*texts: str) -> set[str]:
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}


# Invented names must never be ordinary words of the prose around them.
_PROSE_WORDS = _words(
    *STATEMENTS, *QUOTES, *REPORTED, *LIST_ITEMS, *HEADINGS, *TITLES,
    *CLAIM_SENTENCES["money"], *CLAIM_SENTENCES["percent"],
    *(a + " " + b for a, b in SPLIT_QUOTES), *SECTORS, *BODIES, *ROLES, *TOPICS, *TAGS,
    *WEEKDAYS, *MONTHS, *SMALL, *ORDINALS, *SCARE_WORDS, *COMMODITIES, *MONEY_NOUNS, *GROUPS,
    *ORG_ROLES, *PLACE_ROLES, *PLACE_FORMS, "he she said warned added told reporters insisted",
)  # fmt: skip


def slugify(text: str) -> str:
    """ASCII, lowercase, words joined by '-' (as briefgen derives slugs)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s_]+", "-", text).strip("-") or "item"


def _fold(text: str) -> str:
    """What matching may treat as equal: no diacritics, no case."""
    return slugify(text)


def _accent(word: str) -> str:
    """``word`` with an accent on its first plain vowel (``Kolvane`` -> ``Kólvane``)."""
    for i, ch in enumerate(word):
        if ch in "aeiou":
            return word[:i] + "áéíóú"["aeiou".index(ch)] + word[i + 1 :]
    return word


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Entity:
    """One registry entry (``content/entities/<slug>.md``)."""

    slug: str
    name: str
    kind: str  # person, organization, place
    aliases: tuple[str, ...] = ()
    role: str = ""
    description: str = ""
    case_insensitive: bool = False
    #: How the text refers to it after the first mention: a surname, an acronym...
    short: str = ""
    pronoun: str = ""


@dataclass(frozen=True)
class FactCheck:
    """One fact-check (``content/factchecks/<slug>.md``)."""

    slug: str
    claim: str
    claimant: str  # an entity slug
    verdict: str
    match: tuple[str, ...]
    date: dt.date
    sources: tuple[tuple[str, str], ...]  # (title, url)
    explanation: str


@dataclass(frozen=True)
class Article:
    """One briefing: front matter and a Markdown body shared by every generator."""

    slug: str
    title: str
    date: dt.date
    summary: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    body: str
    factchecks: tuple[str, ...] = ()  # slugs of the checks whose phrases it holds


@dataclass
class Corpus:
    """A generated site's content, before it is written in any generator's format."""

    seed: int
    entities: list[Entity]
    factchecks: list[FactCheck]
    articles: list[Article]
    names: NameFactory = field(repr=False)

    def registry(self, size: int | None = None) -> list[Entity]:
        """The entities, padded with ones no article mentions up to ``size``."""
        extra = max(0, (size or 0) - len(self.entities))
        return self.entities + self.names.entities(len(self.entities), extra)


# ---------------------------------------------------------------- names


class NameFactory:
    """Invented, pairwise distinct names for entities, drawn from syllables.

    Entity ``i`` is the same whatever the number asked for, so a padded
    registry starts with exactly the entities of the small one.
    """

    KINDS = ("person", "organization", "place", "person", "person", "organization", "place")

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"{seed}:names")
        self._made: list[Entity] = []
        self._taken: set[str] = set()  # folded surface forms and words in use
        firsts = random.Random(f"{seed}:first-names")
        endings = ("a", "o", "en", "in", "el")
        self.first_names = [self._fresh_word(firsts, 2, endings) for _ in range(60)]
        self.authors = [
            f"{self.first_names[i]} {self._fresh_word(firsts, 2).capitalize()}" for i in range(8)
        ]

    def _fresh_word(self, rng: random.Random, syllables: int, suffix: tuple = ("",)) -> str:
        while True:
            word = "".join(
                rng.choice(ONSETS) + rng.choice(NUCLEI) + (rng.choice(CODAS) if i else "")
                for i in range(syllables)
            ) + rng.choice(suffix)
            word = word.capitalize()
            if 4 <= len(word) <= 11 and word.lower() not in _PROSE_WORDS and self._claim(word):
                return word

    def _claim(self, *forms: str) -> bool:
        """Reserve surface forms; False (reserving none) when one is taken."""
        folded = [_fold(f) for f in forms]
        if len(set(folded)) < len(folded) or any(f in self._taken for f in folded):
            return False
        self._taken.update(folded)
        return True

    def entities(self, start: int, count: int) -> list[Entity]:
        """Entities ``start`` .. ``start + count - 1``."""
        while len(self._made) < start + count:
            self._made.append(self._make(len(self._made)))
        return self._made[start : start + count]

    def _make(self, index: int) -> Entity:
        rng = self._rng
        kind = self.KINDS[index % len(self.KINDS)]
        while True:
            if kind == "person":
                entity = self._person(rng)
            elif kind == "organization":
                entity = self._organization(rng)
            else:
                entity = self._place(rng)
            if entity is not None:
                return entity

    def _person(self, rng: random.Random) -> Entity | None:
        first = rng.choice(self.first_names)
        surname = self._fresh_word(rng, rng.choice((2, 2, 3)))
        name = f"{first} {surname}"
        aliases = [f"{first[0]}. {surname}"]
        if not self._claim(name, aliases[0]):
            return None
        variant = surname.replace("v", "w")  # a second spelling, as transliterations have
        if variant != surname and rng.random() < 0.5 and self._claim(variant):
            aliases.append(f"{first} {variant}")
        role = rng.choice(ROLES)
        pronoun = rng.choice(("he", "she"))
        desc = (
            f"{name} is a {role.lower()} who has taken part in several rounds of talks "
            f"on {rng.choice(TOPICS)}. Before entering public life {pronoun} worked in "
            f"the {rng.choice(SECTORS).lower()} trade for {rng.choice(SMALL)} years."
        )
        return Entity(
            slugify(name), name, "person", tuple(aliases), role, desc, False, surname, pronoun
        )

    def _organization(self, rng: random.Random) -> Entity | None:
        word = self._fresh_word(rng, 3)
        sector, body = rng.choice(SECTORS), rng.choice(BODIES)
        name = f"{word} {sector} {body}"
        acronym = word[0] + sector[0] + body[0]
        aliases = [f"{word} {body}"]
        if not self._claim(name, aliases[0]):
            return None
        if self._claim(acronym):
            aliases.append(acronym)
        short = aliases[-1] if rng.random() < 0.5 else aliases[0]
        role = rng.choice(ORG_ROLES).format(s=sector.lower())
        desc = (
            f"The {name} was set up {rng.choice(SMALL)} years ago. It reports to the "
            f"regional assembly and publishes quarterly figures on {rng.choice(TOPICS)}."
        )
        return Entity(slugify(name), name, "organization", tuple(aliases), role, desc, False, short)

    def _place(self, rng: random.Random) -> Entity | None:
        word = self._fresh_word(rng, rng.choice((2, 3)))
        name = rng.choice(PLACE_FORMS).format(w=word)
        if name != word and not self._claim(name):
            return None
        # An older spelling, as transliterated place names have.
        variant = name.replace(word, word.replace("k", "c") + "a")
        aliases = [variant] if rng.random() < 0.5 and self._claim(variant) else []
        desc = (
            f"{name} lies on the {rng.choice(('northern', 'southern', 'eastern', 'western'))} "
            f"edge of the region and is known for its {rng.choice(COMMODITIES)} trade."
        )
        insensitive = name == word and rng.random() < 0.35
        return Entity(
            slugify(name),
            name,
            "place",
            tuple(aliases),
            rng.choice(PLACE_ROLES),
            desc,
            insensitive,
            name,
        )


# ---------------------------------------------------------------- articles


class Cast:
    """The entities one article talks about, and how it refers to each."""

    def __init__(
        self, rng: random.Random, people: list[Entity], orgs: list[Entity], places: list[Entity]
    ) -> None:
        self.rng = rng
        self.pools = {"person": people, "org": orgs, "place": places}
        self.seen: dict[str, int] = {}

    def pick(self, slot: str, avoid: set[str] | frozenset[str] = frozenset()) -> Entity:
        """A random entity for ``slot`` (person, org, place), preferring one not in ``avoid``."""
        pool = [e for e in self.pools[slot] if e.slug not in avoid] or self.pools[slot]
        return self.rng.choice(pool)

    def mention(self, entity: Entity, *, possessive: bool = False, role: bool = False) -> str:
        """The next mention of ``entity``: its full name the first time, then the
        forms news copy uses (surname, acronym, alias, accented or lowercase)."""
        rng, count = self.rng, self.seen.get(entity.slug, 0)
        self.seen[entity.slug] = count + 1
        name = entity.name
        if entity.kind == "organization":
            name = "the " + (entity.short if count and rng.random() < 0.6 else entity.name)
        elif count and entity.kind == "person":
            roll = rng.random()
            if roll < 0.75:
                name = entity.short
            elif roll < 0.82:
                name = _accent(entity.short)
            elif roll < 0.9 and entity.aliases:
                name = entity.aliases[0]
            elif roll < 0.93:
                name = entity.name.lower()
        elif entity.case_insensitive and rng.random() < 0.3:
            name = name.lower()
        if role and entity.kind == "person" and not count:
            name = f"{entity.role} {name}"
        if possessive:
            name += rng.choice(("'s", "’s"))
        return name

    def fill(self, pattern: str, **fixed: str) -> str:
        """``pattern`` with its slots filled (entity slots by :meth:`mention`)."""
        rng = self.rng
        used: set[str] = set()

        def slot(match: re.Match[str]) -> str:
            key, possessive = match.group(1), bool(match.group(2))
            if key in fixed:
                return fixed[key]
            if key in self.pools:
                entity = self.pick(key, used)  # "A and B", not "A and A"
                used.add(entity.slug)
                return self.mention(entity, possessive=possessive)
            if key == "number":
                return str(rng.randrange(21, 480))
            return rng.choice(WORD_SLOTS[key])

        return re.sub(r"\{(\w+)('s)?\}", slot, pattern)

    def sentence(self, pattern: str, **fixed: str) -> str:
        text = self.fill(pattern, **fixed)
        return text[0].upper() + text[1:]


QUOTE_STYLES = ("after", "before", "straight", "guillemets", "split", "reported", "role", "per")


def _quote(cast: Cast, style: str, speaker: Entity) -> str:
    """One or two sentences quoting ``speaker`` in ``style``."""
    rng = cast.rng
    quote = cast.fill(rng.choice(QUOTES))
    verb = rng.choice(("said", "said", "added", "warned", "told reporters"))
    if style == "after":
        if rng.random() < 0.5:
            return f"“{quote},” said {cast.mention(speaker)}."
        return f"“{quote},” {cast.mention(speaker)} {verb}."
    if style == "before":
        return f"{cast.mention(speaker)} {verb}: “{quote}.”"
    if style == "straight":
        return f'"{quote}," {cast.mention(speaker)} said.'
    if style == "guillemets":
        return f"« {quote} », said {cast.mention(speaker)}."
    if style == "split":
        first, second = rng.choice(SPLIT_QUOTES)
        return (
            f"{cast.mention(speaker)} said: “{quote}.” "
            f"“{first},” {speaker.pronoun} said, “{second}.”"
        )
    if style == "reported":
        clause = cast.sentence(rng.choice(REPORTED))
        if rng.random() < 0.5:
            return f"{clause}, said {cast.mention(speaker)}."
        return f"{clause}, {cast.mention(speaker)} said."
    if style == "role":
        return f"{cast.mention(speaker, role=True)} said: “{quote}.”"
    # "according to"
    return f"“{quote},” according to {cast.mention(speaker)}."


def _factcheck_sentence(cast: Cast, check: FactCheck, claimant: Entity) -> str:
    phrase = check.match[0]
    if cast.rng.random() < 0.25:
        phrase = phrase.replace("$", "$ ")  # copy that puts a space after the sign
    return cast.sentence(
        cast.rng.choice(CLAIM_SENTENCES["percent" if "percent" in phrase else "money"]),
        claimant=cast.mention(claimant),
        phrase=phrase,
    )


def _zipf_pick(rng: random.Random, items: list[Entity], k: int) -> list[Entity]:
    """``k`` distinct items, the first ones far more often (as news coverage is)."""
    if len(items) <= k:
        return list(items)
    chosen: dict[str, Entity] = {}
    while len(chosen) < k:
        index = min(int(rng.paretovariate(1.0)) - 1, len(items) - 1)
        if rng.random() < 0.7:
            index = rng.randrange(len(items))
        chosen.setdefault(items[index].slug, items[index])
    return list(chosen.values())


def make_article(
    index: int,
    seed: int,
    entities: list[Entity],
    checks: list[tuple[FactCheck, Entity]],
    authors: list[str],
) -> Article:
    """Article ``index``: about 9 KB of Markdown mentioning ``entities``, with the
    match phrases of ``checks`` (a fact-check and its claimant) in its text."""
    rng = random.Random(f"{seed}:article:{index}")
    by_kind: dict[str, list[Entity]] = {"person": [], "organization": [], "place": []}
    for entity in entities:
        by_kind[entity.kind].append(entity)
    people = _zipf_pick(rng, by_kind["person"], rng.randint(2, 4))
    orgs = _zipf_pick(rng, by_kind["organization"], rng.randint(1, 2))
    places = _zipf_pick(rng, by_kind["place"], rng.randint(1, 3))
    for _, claimant in checks:
        pool = people if claimant.kind == "person" else orgs if claimant.kind != "place" else places
        if claimant not in pool:
            pool.append(claimant)
    fallback = Entity("nobody", "Nobody", "person", short="Nobody", pronoun="they")
    cast = Cast(rng, people or [fallback], orgs or [fallback], places or [fallback])
    topic = rng.choice(TOPICS)

    lead, place = cast.pick("person"), cast.pick("place")
    title = cast.fill(
        rng.choice(TITLES),
        surname=lead.short or lead.name,
        org=rng.choice(cast.pools["org"]).name,
        place=place.name,
        place2=next((p.name for p in cast.pools["place"] if p is not place), "the capital"),
        bare_topic=topic.removeprefix("the "),
    )
    title = title[0].upper() + title[1:]
    summary = (
        f"{lead.name} and officials in {place.name} disagree over {topic}, "
        f"with a decision expected by {rng.choice(MONTHS)}."
    )

    styles = list(QUOTE_STYLES)
    rng.shuffle(styles)
    pending_claims = list(checks)
    target = rng.uniform(7700, 9100)
    n_sections = rng.choice((2, 3, 3))
    parts: list[str] = []
    size = 0

    def add(block: str) -> None:
        nonlocal size
        parts.append(block)
        size += len(block) + 2

    def paragraph(first: str = "") -> str:
        sentences = [first] if first else []
        for _ in range(rng.randint(2, 4)):
            sentences.append(cast.sentence(rng.choice(STATEMENTS)))
        if styles or rng.random() < 0.4:
            style = styles.pop() if styles else rng.choice(QUOTE_STYLES)
            sentences.insert(
                rng.randint(1, len(sentences)), _quote(cast, style, cast.pick("person"))
            )
        if pending_claims and rng.random() < 0.4:
            check, claimant = pending_claims.pop()
            sentences.append(_factcheck_sentence(cast, check, claimant))
        return " ".join(sentences)

    opening = cast.sentence(
        "{person} and {org} remain far apart on {topic}, officials in {place} said on {weekday}.",
        person=cast.mention(lead),
        place=cast.mention(place),
        topic=topic,
    )
    if place.kind == "place" and rng.random() < 0.4:
        opening = f"{place.name.upper()} — {opening}"
    add(paragraph(opening))
    add(paragraph())
    link_at = rng.randrange(n_sections)
    for section in range(n_sections):
        add("## " + cast.sentence(HEADINGS[(index + section) % len(HEADINGS)]).rstrip("."))
        if section == 0:
            add("The draft sets out " + rng.choice(SMALL[:3]) + " main steps:")
            items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
            add("\n".join(f"- {cast.fill(item)};" for item in items))
        if section == link_at:
            org = cast.pick("org")
            add(
                cast.sentence(rng.choice(STATEMENTS))
                + f" The full text was published on [{org.name}'s website]"
                f"(https://example.org/{org.slug}/documents/{index}/)."
            )
        if index % 5 == 0 and section == 1:
            speaker = cast.pick("person")
            add("“" + cast.fill(rng.choice(QUOTES)) + ". " + cast.fill(rng.choice(QUOTES)) + ".")
            add(f"“{cast.fill(rng.choice(QUOTES))},” said {cast.mention(speaker)}.")
        while size < target * (section + 1) / n_sections:
            add(paragraph())
    while pending_claims:
        check, claimant = pending_claims.pop()
        add(_factcheck_sentence(cast, check, claimant))
    return Article(
        slug=f"{index + 1:05d}-{slugify(title)[:48].strip('-')}",
        title=title,
        date=dt.date(2023, 1, 1) + dt.timedelta(days=index * 7 // 10),
        summary=summary,
        tags=tuple(sorted(rng.sample(TAGS, rng.randint(2, 4)))),
        authors=tuple(rng.sample(authors, rng.randint(1, 2))),
        body="\n\n".join(parts) + "\n",
        factchecks=tuple(check.slug for check, _ in checks),
    )


# ---------------------------------------------------------------- fact-checks


def make_factchecks(rng: random.Random, count: int, entities: list[Entity]) -> list[FactCheck]:
    """``count`` fact-checks with distinct match phrases (none inside another)."""
    claimants = [e for e in entities if e.kind != "place"] or entities
    checks: list[FactCheck] = []
    phrases: list[str] = []
    while len(checks) < count and claimants:
        if rng.random() < 0.5:
            phrase = f"${rng.randrange(2, 95)} billion in {rng.choice(MONEY_NOUNS)}"
            claim = f"The government has delivered {phrase} through {rng.choice(TOPICS)}."
        else:
            phrase = f"{rng.randrange(11, 90)} percent of {rng.choice(GROUPS)}"
            claim = f"{phrase[0].upper()}{phrase[1:]} depend on {rng.choice(TOPICS)}."
        if any(phrase in p or p in phrase for p in phrases):
            continue
        phrases.append(phrase)
        claimant = rng.choice(claimants[:40])
        verdict = VERDICTS[len(checks) % len(VERDICTS)]
        sources = tuple(
            (
                f"{rng.choice(entities).name}: report {rng.randrange(1, 40)}",
                f"https://example.org/sources/{slugify(phrase)}/{k}",
            )
            for k in range(rng.randint(1, 3))
        )
        explanation = (
            f"The figure comes from a briefing note, but the published accounts of "
            f"{rng.choice(TOPICS)} show a different total. Officials we asked could not say "
            f"where the number came from. We rate the claim **{verdict.replace('-', ' ')}**."
        )
        checks.append(
            FactCheck(
                slug=slugify(phrase),
                claim=claim,
                claimant=claimant.slug,
                verdict=verdict,
                match=(phrase,),
                date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 700)),
                sources=sources,
                explanation=explanation,
            )
        )
    return checks


def make_corpus(n_articles: int, n_entities: int, n_factchecks: int, seed: int = 0) -> Corpus:
    """Generate a site's content in memory."""
    names = NameFactory(seed)
    entities = names.entities(0, n_entities)
    checks = make_factchecks(random.Random(f"{seed}:factchecks"), n_factchecks, entities)
    by_slug = {e.slug: e for e in entities}
    pick = random.Random(f"{seed}:claims")
    articles = []
    for i in range(n_articles):
        chosen: list[FactCheck] = []
        if checks and i < len(checks):
            chosen.append(checks[i])  # every check appears at least once
        if checks and pick.random() < 0.3:
            extra = pick.choice(checks)
            if extra not in chosen:
                chosen.append(extra)
        pairs = [(c, by_slug[c.claimant]) for c in chosen]
        articles.append(make_article(i, seed, entities, pairs, names.authors))
    return Corpus(seed, entities, checks, articles, names)


# ---------------------------------------------------------------- writing


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(key: str, items: tuple[str, ...] | list[str]) -> str:
    return f"{key}:\n" + "".join(f"  - {_q(item)}\n" for item in items)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _front_matter(article: Article) -> str:
    return (
        f"title: {_q(article.title)}\n"
        f"date: {article.date.isoformat()}\n"
        f"summary: {_q(article.summary)}\n"
        + _yaml_list("tags", article.tags)
        + _yaml_list("authors", article.authors)
    )


def article_text(article: Article) -> str:
    """A briefgen (also MkDocs and Hugo) article file: YAML front matter + body."""
    return f"---\n{_front_matter(article)}---\n\n{article.body}"


def entity_text(entity: Entity) -> str:
    """A registry file, in the format of the entities plugin."""
    text = f"---\nname: {_q(entity.name)}\nkind: {entity.kind}\n"
    if entity.aliases:
        text += _yaml_list("aliases", entity.aliases)
    if entity.role:
        text += f"role: {_q(entity.role)}\n"
    if entity.case_insensitive:
        text += "case_insensitive: true\n"
    return text + f"---\n\n{entity.description}\n"


def factcheck_text(check: FactCheck) -> str:
    """A fact-check file, in the format of the fact-check plugin."""
    sources = "".join(f"  - title: {_q(t)}\n    url: {u}\n" for t, u in check.sources)
    return (
        f"---\nclaim: {_q(check.claim)}\nclaimant: {check.claimant}\n"
        f"verdict: {_q(check.verdict)}\n"
        + _yaml_list("match", check.match)
        + f"date: {check.date.isoformat()}\nsources:\n{sources}---\n\n{check.explanation}\n"
    )


def write_article(root: Path, article: Article) -> Path:
    """Write one article of a briefgen site (for benchmarks that change one)."""
    path = root / "content" / "articles" / f"{article.slug}.md"
    _write(path, article_text(article))
    return path


def write_entity(root: Path, entity: Entity) -> Path:
    """Write one entity of a briefgen site."""
    path = root / "content" / "entities" / f"{entity.slug}.md"
    _write(path, entity_text(entity))
    return path


def write_briefgen(root: Path, corpus: Corpus, *, registry_size: int | None = None) -> Path:
    """Write a complete briefgen site; ``registry_size`` pads the entity registry
    with entities no article mentions."""
    root = Path(root)
    _write(
        root / "site.yml",
        "title: Synthetic briefings\n"
        "description: A generated site for measuring build speed.\n"
        "base_url: https://example.org/briefings/\n",
    )
    for article in corpus.articles:
        write_article(root, article)
    for entity in corpus.registry(registry_size):
        write_entity(root, entity)
    for check in corpus.factchecks:
        _write(root / "content" / "factchecks" / f"{check.slug}.md", factcheck_text(check))
    return root


def write_pelican(root: Path, corpus: Corpus) -> Path:
    """The same articles as a Pelican project (native ``Key: value`` metadata)."""
    root = Path(root)
    _write(
        root / "pelicanconf.py",
        'AUTHOR = "Briefing desk"\nSITENAME = "Synthetic briefings"\nSITEURL = ""\n'
        'PATH = "content"\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\nDEFAULT_PAGINATION = 10\n'
        "RELATIVE_URLS = True\n# Feeds off, as in the development settings of "
        "pelican-quickstart.\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "TRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n",
    )
    for a in corpus.articles:
        header = (
            f"Title: {a.title}\nDate: {a.date.isoformat()}\nSlug: {a.slug}\n"
            f"Tags: {', '.join(a.tags)}\nAuthors: {', '.join(a.authors)}\n"
            f"Summary: {a.summary}\n"
        )
        _write(root / "content" / f"{a.slug}.md", f"{header}\n{a.body}")
    return root


def write_mkdocs(root: Path, corpus: Corpus) -> Path:
    """The same articles as an MkDocs project with the built-in ``mkdocs`` theme.

    The navigation lists only the home page: MkDocs' default, every page in
    every page's navigation, would grow the output with the square of N.
    """
    root = Path(root)
    _write(
        root / "mkdocs.yml",
        "site_name: Synthetic briefings\nsite_url: https://example.org/briefings/\n"
        "theme:\n  name: mkdocs\nnav:\n  - Home: index.md\n",
    )
    _write(root / "docs" / "index.md", "# Synthetic briefings\n\nA generated site.\n")
    for a in corpus.articles:
        _write(root / "docs" / "articles" / f"{a.slug}.md", article_text(a))
    return root


HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>
{{ end }}
""",  # noqa: E501
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
{{ range $paginator.Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2 January 2006" }}</p><p>{{ .Params.summary }}</p></article>
{{ end }}
{{ with $paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
{{ end }}
""",
}


def write_hugo(root: Path, corpus: Corpus) -> Path:
    """The same articles as a Hugo site, each rendered through a template."""
    root = Path(root)
    _write(
        root / "hugo.toml",
        'baseURL = "https://example.org/briefings/"\ntitle = "Synthetic briefings"\n'
        'languageCode = "en"\n[pagination]\n  pagerSize = 10\n',
    )
    for name, text in HUGO_LAYOUTS.items():
        _write(root / "layouts" / "_default" / name, text)
    for a in corpus.articles:
        _write(root / "content" / "posts" / f"{a.slug}.md", article_text(a))
    return root


def generate(
    root: Path | str,
    n_articles: int,
    n_entities: int,
    n_factchecks: int,
    seed: int = 0,
    *,
    registry_size: int | None = None,
) -> Corpus:
    """Write a complete briefgen site into ``root`` and return its content."""
    corpus = make_corpus(n_articles, n_entities, n_factchecks, seed)
    write_briefgen(Path(root), corpus, registry_size=registry_size)
    return corpus


WRITERS: dict[str, Callable[[Path, Corpus], Path]] = {
    "briefgen": write_briefgen,
    "pelican": write_pelican,
    "mkdocs": write_mkdocs,
    "hugo": write_hugo,
}


def iter_formats(name: str) -> Iterator[str]:
    return iter(WRITERS) if name == "all" else iter([name])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic briefing site.")
    parser.add_argument("output", type=Path, help="folder to write (one sub-folder per format)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--factchecks", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--registry-size", type=int, help="pad the briefgen registry to this")
    parser.add_argument("--format", choices=[*WRITERS, "all"], default="briefgen")
    args = parser.parse_args(argv)
    corpus = make_corpus(args.articles, args.entities, args.factchecks, args.seed)
    for name in iter_formats(args.format):
        target = args.output / name
        if name == "briefgen":
            write_briefgen(target, corpus, registry_size=args.registry_size)
        else:
            WRITERS[name](target, corpus)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
