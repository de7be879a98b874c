"""The entity registry: one Markdown file per entity in ``content/entities/``.

Front matter::

    name: Vladimir Putin          # required: the canonical name
    kind: person                  # person, organization, place or other
    role: President of Russia     # optional: a short description
    wikidata: Q7747               # optional: a Wikidata id
    case_insensitive: false       # optional: true, any case; false, never lowercase
    aliases:                      # optional: other surface forms
      - Poutine
      - {text: kyiv, case_insensitive: true}   # one form in any case
      - {text: Brown, common: true}            # treat as an ordinary word

Every problem is a :class:`briefgen.ContentError` naming the file and line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from briefgen import ContentError, Document

from .text import NAME_SYMBOLS, WORD_RE, fold, fold_lower, is_titlecase, split_form
from .words import (
    ARABIC_ARTICLES,
    COMMON,
    DROPPED_PARTICLES,
    FAMILY_FIRST,
    PARTICLES,
    PATRONYMIC_PARTICLES,
    PLACE_WORDS,
    PRONOUNS,
    SUFFIXES,
    TITLES,
    TWO_LETTER_WORDS,
    VIETNAMESE_FAMILY,
)

KINDS = ("person", "organization", "place", "other")
_KIND_SPELLINGS = {"organisation": "organization"}
_QID = re.compile(r"^Q[1-9][0-9]*$")
_KNOWN_KEYS = ("name", "kind", "aliases", "role", "wikidata", "case_insensitive")
_ALIAS_KEYS = ("text", "case_insensitive", "common")

Warn = Callable[[str, str, int], None]


#: Origins of the forms derived from a person's name: part of it, so no
#: mention by them names the person in full.
DERIVED = frozenset({"surname", "given"})


@dataclass(frozen=True)
class Form:
    """One surface form of an entity, as the matcher compiles it.

    ``origin`` is ``name``, ``alias``, ``surname`` (a person's surname,
    derived from the name and multi-word aliases, never listed by hand) or
    ``given`` (a person's given name alone, derived the same way; always
    ``needs_naming``).
    ``common`` overrides the built-in list of ordinary English words.
    ``lowered``: a capitalised form that may also be written all in
    lowercase once the article has named its entity ("kyiv" after "Kyiv";
    see :func:`may_be_lowered`). ``needs_naming``: a form that is a mention
    only once the article names its entity otherwise (a first surname,
    "López" after "María López García").
    """

    text: str
    entity: str
    origin: str
    case_insensitive: bool = False
    common: bool | None = None
    line: int = 1
    lowered: bool = False
    needs_naming: bool = False

    @property
    def explicit(self) -> bool:
        return self.origin not in DERIVED

    #: Words, separators and trailing punctuation (see ``split_form``).
    parts: tuple[list[str], list[str], str] | None = field(init=False, compare=False, repr=False)
    #: See :func:`form_key`; None when the text cannot be matched.
    key: tuple[str, tuple] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts, key = _parts_and_key(self.text, self.case_insensitive)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "key", key)

    @classmethod
    def make(
        cls,
        text: str,
        entity: str,
        origin: str,
        case_insensitive: bool = False,
        common: bool | None = None,
        line: int = 1,
        lowered: bool = False,
        needs_naming: bool = False,
    ) -> Form:
        """``Form(...)``, made in half the time: a registry makes one
        for every name, alias and surname (30,000 for 10,000 entities), and
        a frozen dataclass sets each field through ``object.__setattr__``."""
        form = object.__new__(cls)
        parts, key = _parts_and_key(text, case_insensitive)
        form.__dict__.update(
            text=text,
            entity=entity,
            origin=origin,
            case_insensitive=case_insensitive,
            common=common,
            line=line,
            lowered=lowered,
            needs_naming=needs_naming,
            parts=parts,
            key=key,
        )
        return form

    @property
    def lower_key(self) -> tuple | None:
        """The key with every word lowercased, to compare across modes."""
        return None if self.key is None else _lower_key(self.key[1])

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickled with its parts and key as they were made, not split and
        # folded again (a registry kept by site.cached holds thousands).
        return _restore_form, (dict(self.__dict__),)


def _parts_and_key(
    text: str, case_insensitive: bool
) -> tuple[tuple[list[str], list[str], str] | None, tuple[str, tuple] | None]:
    """A form's ``parts`` and ``key`` (see :class:`Form`)."""
    parts = split_form(text)
    if parts is None:
        return None, None
    words, seps, tail = parts
    mode = "lower" if case_insensitive else "exact"
    return parts, (mode, (key_words(words, case_insensitive), tuple(seps), tail))


def _restore_form(state: dict[str, Any]) -> Form:
    form = object.__new__(Form)
    form.__dict__.update(state)
    return form


@dataclass
class Entity:
    """A registered person, organisation, place or other thing."""

    id: str
    name: str
    kind: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    wikidata: str = ""
    #: True: every form in any case; False: never in lowercase; None (unset):
    #: see :func:`may_be_lowered`.
    case_insensitive: bool | None = None
    file: str = ""
    line: int = 1
    body: str = ""
    #: Folded first words of the person's name and aliases ("Donald" for
    #: Donald Trump), so "Donald J. Trump" reads as the same person.
    given_names: frozenset[str] = frozenset()

    @property
    def ref(self) -> str:
        return f"entities/{self.id}"

    @property
    def url(self) -> str:
        return f"/entities/{self.id}/"

    def card(self) -> dict[str, Any]:
        """Plain data about the entity, for annotations and other plugins."""
        data: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.role:
            data["role"] = self.role
        return data

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.card(),
            "role": self.role,
            "aliases": list(self.aliases),
            "wikidata": self.wikidata,
            "url": self.url,
            "file": self.file,
        }


def form_key(form: Form) -> tuple[str, tuple] | None:
    """The key under which the matcher stores a form: its mode (``exact`` or
    ``lower``) and its folded words, separators and trailing punctuation.

    Case is compared on the first word only (unless the form is
    case-insensitive): copy often lowercases the rest of a name ("the Caspian
    Pipeline consortium"), but a lowercase first word is ordinary prose."""
    return form.key


def may_be_lowered(text: str, entity: Entity) -> bool:
    """May a name or alias be written all in lowercase once the article has
    named the entity (machine-translated copy writes "kyiv", "the european
    commission")? When it starts with a capital and is not an acronym
    ("US" is not "us"), and is a place's or of two words or more: a single
    word of a person or an organisation in lowercase ("trump", "target") is
    too often an ordinary word, and so is a place's that is an English word
    (:data:`.words.PLACE_WORDS`: "split", "turkey"). Forms made of ordinary
    English words never match in lowercase anyway (see the linker)."""
    parts = split_form(text)
    if parts is None:
        return False
    words = parts[0]
    if not words[0][:1].isupper() or not any(c.islower() for c in words[0]):
        return False
    if len(words) > 1:
        return True
    return entity.kind == "place" and fold_lower(words[0]) not in PLACE_WORDS


def key_words(words: list[str], case_insensitive: bool) -> tuple[str, ...]:
    """The folded words of a form as the matcher compares them."""
    first = fold_lower(words[0]) if case_insensitive else fold(words[0])
    return (first, *(fold_lower(w) for w in words[1:]))


def _lower_key(key: tuple) -> tuple:
    words, seps, tail = key
    return tuple(w.lower() for w in words), seps, tail


@dataclass
class Registry:
    """Every entity (by id) and every surface form the matcher looks for."""

    entities: dict[str, Entity] = field(default_factory=dict)
    forms: list[Form] = field(default_factory=list)
    _names: dict[str, str | None] = field(default_factory=dict, repr=False)
    _cards: dict[str, tuple[dict[str, Any], tuple[str]]] = field(default_factory=dict, repr=False)

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def card_and_refs(self, entity_id: str) -> tuple[dict[str, Any], tuple[str]]:
        """An entity's :meth:`Entity.card` and the refs of an annotation
        about it, made once per entity (do not modify the card)."""
        known = self._cards.get(entity_id)
        if known is None:
            entity = self.entities[entity_id]
            known = self._cards[entity_id] = (entity.card(), (entity.ref,))
        return known

    def lookup(self, name: str) -> str | None:
        """The id of the entity called ``name`` (its name, an alias, or a
        surname only one person has), ignoring case and diacritics; else None.
        Meant for other plugins, e.g. to attribute a quotation to a speaker."""
        return self._names.get(_name_key(name))

    def as_data(self) -> dict[str, dict[str, Any]]:
        return {eid: e.as_dict() for eid, e in self.entities.items()}


def _name_key(text: str) -> str:
    """``text`` as :meth:`Registry.lookup` compares it: its folded words, and
    the ``+`` or ``!`` that ends it ("Canal+" is not "Canal")."""
    return " ".join(fold_lower(w) for w in WORD_RE.findall(text)) + _symbols(text.rstrip())


def _symbols(text: str) -> str:
    """The ``+`` and ``!`` at the end of a name ("++" of "C++"), if any."""
    end = len(text)
    while end and text[end - 1] in NAME_SYMBOLS:
        end -= 1
    return text[end:]


def surname_of(text: str) -> str | None:
    """A person's surname from a full name: the last word with any particles
    before it ("von der Leyen"), ignoring suffixes ("Jr."). None for one word."""
    parts = text.replace(",", " ").split()
    while parts and parts[-1].lower() in SUFFIXES:
        parts.pop()
    if len(parts) < 2:
        return None
    if _family_first(parts):
        return parts[0]  # "Xi Jinping" is Xi
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in PARTICLES:
        i -= 1
    surname = " ".join(parts[i:])
    letters = [c for c in surname if c.isalpha()]
    if len(letters) < 2 or surname.endswith("."):
        return None
    return surname


_JOINED_SYLLABLES = re.compile(r"[A-Z][a-z]+-[a-z]+")
#: A syllable's vowels, as romanised Chinese, Korean and Vietnamese write
#: them in one group ("iao" of "Xiaoping", "eo" of "Seoyeon"); "y" and "w"
#: open a syllable there ("Liyuan", "Huawei").
_VOWELS = re.compile(r"[aeiou]+")


def _family_first(parts: list[str]) -> bool:
    """Does a name put its family name first: a Chinese, Korean or
    Vietnamese family name and one given name ("Xi Jinping", "Moon Jae-in",
    "Nguyen Phu"), Kim with a given name in two short words ("Kim Jong
    Un"), or a Vietnamese name of three words or more (:func:`_vietnamese`)?"""
    if _vietnamese(parts):
        return True
    first = fold_lower(parts[0])
    if len(parts) == 2:
        # A given name of two syllables joined in lower case ("Do-yun",
        # "Ing-wen") is Korean or Taiwanese, after the family name
        # whatever it is ("Kim Do-yun", "Lee Jae-kwan", "Tsai Ing-wen").
        if _JOINED_SYLLABLES.fullmatch(parts[1]) is not None:
            return True
        return first in FAMILY_FIRST and _syllables(parts[1]) <= 2
    return (
        len(parts) == 3
        and first in ("kim", "lee", "park")
        and all(len(p) <= 4 and p[:1].isupper() for p in parts[1:])
    )


def _syllables(word: str) -> int:
    """The syllables of a romanised word, counted by its groups of vowels:
    a Chinese, Korean or Vietnamese given name written in one word has one
    or two ("Jinping", "Lianshu", "Seoyeon", "Phu"); a word of three or more
    ("Fujisaki", "Takahashi", "Barrington") is no such given name, so "Ren
    Fujisaki" is a Western-order name whose given name is a listed family
    name."""
    return len(_VOWELS.findall(fold_lower(word)))


def _vietnamese(parts: list[str]) -> bool:
    """Is it a Vietnamese name of three words or more ("Nguyen Van Hung",
    "Lê Thị Thu Hà"): a family name, middle names ("Van", "Thi" are no
    particles) and last the given name people are called by?"""
    return len(parts) >= 3 and fold_lower(parts[0]) in VIETNAMESE_FAMILY


def double_surname_of(text: str, surname: str) -> str | None:
    """A person's two surnames, as Spanish and Portuguese names have them
    and copy writes them without the given name ("López García" from "María
    López García", "Ruiz de la Fuente" from "José Antonio Ruiz de la
    Fuente"); also a middle name before a surname ("Huckabee Sanders").
    None for names of fewer than three words, an initial before the surname
    ("Donald J. Trump"), or a father's given name after "bin", "ibn", "bint",
    "ben" or "ould" ("Sultan" in "Talal bin Sultan Al-Rawahi": see
    :data:`.words.PATRONYMIC_PARTICLES`). ``surname`` is :func:`surname_of`
    the name."""
    parts = text.replace(",", " ").split()
    while parts and parts[-1].lower() in SUFFIXES:
        parts.pop()
    i = len(parts) - len(surname.split())
    if i < 2 or _family_first(parts):
        return None
    word = parts[i - 1]
    if word.endswith(".") or len(word) < 2 or not word[0].isupper() or word.lower() in PARTICLES:
        return None
    if i >= 3 and parts[i - 2].lower() in PATRONYMIC_PARTICLES:
        return None  # "Talal bin Sultan Al-Rawahi": Sultan is his father
    return f"{word} {surname}"


def _alone(word: str) -> bool:
    """May a word of a name stand alone for the person (the first of two
    surnames, a given name): a word of three letters or more ("López",
    "Tsang", "Greta"), or of two in title case that is no ordinary English
    word ("Ho" of "Clarence Ho Ka-lok", "Ng", "Mo" of "Mo Adeyemi", "Jo";
    not "Oh", "Ok", "Mr", "Do")?"""
    if len(word) > 2:
        return True
    low = fold_lower(word)
    return (
        len(word) == 2
        and is_titlecase(word)
        and word.isalpha()
        and not any(low in words for words in (COMMON, PRONOUNS, TITLES, TWO_LETTER_WORDS))
    )


def surname_without_article(surname: str) -> str | None:
    """A surname without the Arabic article joined to it, as wire copy often
    writes it ("Tayeb" from "al-Tayeb", "Sisi" from "el-Sisi"), the article
    in any case ("Gohary" from "El-Gohary", "Thani" from "Al-Thani"); None
    when it has none, or when what is left is a title or an ordinary word
    ("Sheikh" from "al-Sheikh")."""
    article, hyphen, rest = surname.partition("-")
    if (
        not hyphen
        or article.lower() not in ARABIC_ARTICLES
        or len(rest) < 3
        or not is_titlecase(rest)
    ):
        return None
    low = fold_lower(rest)
    return None if low in TITLES or low in COMMON else rest


def surname_without_particle(surname: str) -> str | None:
    """A surname without the one particle that opens it, as copy names
    Portuguese, Spanish and French people ("Almeida" from "de Almeida",
    "Villepin" from "de Villepin"; see :data:`.words.DROPPED_PARTICLES`);
    None for a surname with another particle or more than one ("von der
    Leyen", "de la Fuente"), and when what is left has two letters or is a
    title or an ordinary word ("de Long")."""
    parts = surname.split()
    if len(parts) != 2 or parts[0].lower() not in DROPPED_PARTICLES:
        return None
    rest = parts[1]
    low = fold_lower(rest)
    if len(rest) < 3 or not is_titlecase(rest) or low in COMMON or low in TITLES:
        return None
    return rest


def given_name_of(text: str, surname: str) -> str | None:
    """The given name a person may be called by alone: the first word of a
    name whose surname (:func:`surname_of`) comes after it, with no
    initial, title or particle, of two letters only when :func:`_alone`
    ("Greta" from "Greta Halloran", "Mo" from "Mo Adeyemi"); the last
    word of a Vietnamese name ("Hung" from "Nguyen Van Hung"); None for
    other names read family name first ("Xi Jinping"). A hyphenated given
    name is one word ("Jean-Pierre", "T-Bone")."""
    parts = text.replace(",", " ").split()
    if _vietnamese(parts):
        return parts[-1]
    first = parts[0] if parts else ""
    if len(parts) < 2 or parts[0] == surname.split()[0] or _family_first(parts):
        return None
    if not _alone(first) or "." in first or not all(map(is_titlecase, first.split("-"))):
        return None
    if first.lower() in TITLES or first.lower() in PARTICLES:
        return None
    return first


def _given_name(text: str) -> str | None:
    parts = text.split()
    if len(parts) < 2:
        return None
    first = parts[0].rstrip(".,")
    if first.lower() in TITLES or len(first) < 2:
        return None
    return fold(first)


class _Loader:
    """Reads the entity documents one by one and checks them."""

    def __init__(self, warn: Warn | None) -> None:
        self.warn = warn
        self.registry = Registry()
        #: (mode, key) -> (form, file) of every explicit form seen so far.
        self.claimed: dict[tuple, tuple[Form, str]] = {}

    def load(self, doc: Document) -> None:
        meta = doc.meta or {}
        self._check_keys(doc, meta)
        name = meta.get("name")
        if isinstance(name, int | float) and not isinstance(name, bool):
            name = str(name)
        if not isinstance(name, str) or not name.strip():
            raise doc.error(
                "entity has no 'name'" if name in (None, "") else "'name' must be text",
                "name",
                hint="add a line 'name: <the canonical name>' to the front matter",
            )
        name = name.strip()
        kind = meta.get("kind", "other")
        kind = _KIND_SPELLINGS.get(str(kind).strip().lower(), str(kind).strip().lower())
        if kind not in KINDS:
            raise doc.error(
                f"unknown entity kind {meta.get('kind')!r}",
                "kind",
                hint=f"use one of: {', '.join(KINDS)}",
            )
        role = meta.get("role") or ""
        if not isinstance(role, str):
            raise doc.error("'role' must be text", "role")
        wikidata = meta.get("wikidata") or ""
        if wikidata and (not isinstance(wikidata, str) or not _QID.match(wikidata.strip())):
            raise doc.error(
                f"'wikidata' must be a Wikidata id such as Q7747, not {wikidata!r}",
                "wikidata",
                hint="copy the id (Q followed by digits) from the item's Wikidata page",
            )
        ci = meta.get("case_insensitive")
        if ci is not None and not isinstance(ci, bool):
            raise doc.error("'case_insensitive' must be true or false", "case_insensitive")
        entity = Entity(
            id=doc.slug,
            name=name,
            kind=kind,
            role=role.strip(),
            wikidata=str(wikidata).strip(),
            case_insensitive=ci,
            file=doc.relpath,
            line=doc.line_of(),
            body=doc.body,
        )
        aliases = list(self._aliases(doc, meta.get("aliases")))
        # A case set by hand on any form (the entity's, or an alias's) is
        # the author's choice for every form: none is lowered by default.
        lowered = ci is None and all(spec[2] is None for spec in aliases)
        forms = [self._form(doc, entity, name, "name", None, None, doc.line_of("name"), lowered)]
        for spec in aliases:
            forms.append(self._form(doc, entity, *spec, lowered))
        seen: set[tuple] = set()
        for form in forms:
            key = form_key(form)
            assert key is not None  # checked in _form
            if key in seen:
                continue
            seen.add(key)
            self._claim(doc, form, key)
            if form.origin == "alias":
                entity.aliases.append(form.text)
            self.registry.forms.append(form)
        if kind == "person":
            entity.given_names = frozenset(
                g for g in (_given_name(f.text) for f in forms) if g is not None
            )
        self.registry.entities[entity.id] = entity

    def _check_keys(self, doc: Document, meta: dict) -> None:
        if self.warn is None:
            return
        for key in meta:
            if key in _KNOWN_KEYS:
                continue
            close = difflib.get_close_matches(str(key), _KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                self.warn(
                    f"unknown key '{key}' in an entity file; did you mean '{close[0]}'?",
                    doc.relpath,
                    doc.line_of(key),
                )

    def _aliases(self, doc: Document, raw: Any) -> Iterable[tuple]:
        """(text, origin, case_insensitive, common, line) for each alias."""
        if raw is None:
            return
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise doc.error(
                "'aliases' must be a list",
                "aliases",
                hint="write one alias per line, each starting with '- '",
            )
        for i, item in enumerate(raw):
            line = doc.line_of("aliases", i)
            ci: bool | None = None
            common: bool | None = None
            if isinstance(item, dict):
                unknown = [k for k in item if k not in _ALIAS_KEYS]
                if unknown:
                    raise ContentError(
                        f"unknown key '{unknown[0]}' in an alias",
                        file=doc.relpath,
                        line=line,
                        hint=f"an alias mapping may have: {', '.join(_ALIAS_KEYS)}",
                    )
                text = item.get("text")
                ci = item.get("case_insensitive")
                common = item.get("common")
                for flag, value in (("case_insensitive", ci), ("common", common)):
                    if value is not None and not isinstance(value, bool):
                        raise ContentError(
                            f"'{flag}' of an alias must be true or false",
                            file=doc.relpath,
                            line=line,
                        )
            else:
                text = item
            if isinstance(text, bool) or text is None:
                raise ContentError(
                    f"alias {i + 1} is {text!r}, not a name",
                    file=doc.relpath,
                    line=line,
                    hint="YAML reads bare no, yes, on, off and empty items specially: "
                    "put the alias in quotes",
                )
            if isinstance(text, int | float):
                text = str(text)
            if not isinstance(text, str):
                raise ContentError(
                    "an alias must be text or a mapping with 'text'",
                    file=doc.relpath,
                    line=line,
                )
            yield text.strip(), "alias", ci, common, line

    def _form(
        self,
        doc: Document,
        entity: Entity,
        text: str,
        origin: str,
        ci: bool | None,
        common: bool | None,
        line: int,
        lowered: bool,
    ) -> Form:
        lowered = lowered and may_be_lowered(text, entity)
        if ci is None:
            # The entity-wide switch leaves acronyms alone: "US" must not match "us".
            ci = bool(entity.case_insensitive) and any(c.islower() for c in text)
        form = Form.make(text, entity.id, origin, ci, common, line, lowered=lowered and not ci)
        if form_key(form) is None:
            raise ContentError(
                f"{origin} {text!r} cannot be matched: it must hold letters or digits, "
                "separated only by spaces, hyphens, apostrophes, full stops, commas, "
                "'&', '/', '+' or '!' (a '+' or '!' may also end it, as in 'Canal+')",
                file=doc.relpath,
                line=line,
            )
        return form

    def _claim(self, doc: Document, form: Form, key: tuple[str, tuple]) -> None:
        mode, words = key
        low = form.lower_key
        probes = [key, ("exact-lower", words) if mode == "lower" else ("lower", low)]
        for probe in probes:
            other = self.claimed.get(probe)
            if other is None:
                continue
            first, first_file = other
            if first.entity == form.entity:
                continue
            raise ContentError(
                f"the {form.origin} '{form.text}' is claimed by two entities: "
                f"'{first.entity}' ({first_file}:{first.line}) and '{form.entity}' "
                f"({doc.relpath}:{form.line})",
                file=doc.relpath,
                line=form.line,
                hint="keep it in one of the two files, or tell the mentions apart "
                "by hand with [text]{entity=<id>} marks",
            )
        self.claimed[key] = (form, doc.relpath)
        if mode == "exact":
            # Register the lowercased key, so a later case-insensitive form finds it.
            self.claimed.setdefault(("exact-lower", low), (form, doc.relpath))


def _add_surnames(registry: Registry, claimed: dict[tuple, tuple[Form, str]]) -> None:
    """Derive each person's surname forms and given name, unless a form of
    another entity already claims the same text (an explicit alias always
    wins)."""
    by_entity: dict[str, list[Form]] = {}
    for form in registry.forms:
        by_entity.setdefault(form.entity, []).append(form)
    for entity in registry.entities.values():
        if entity.kind != "person":
            continue
        seen: set[tuple] = set()
        for form in by_entity.get(entity.id, ()):
            surname = surname_of(form.text)
            if surname is None:
                continue
            # (the form, whether it needs the article to name the person otherwise;
            # a Vietnamese family name, "Nguyen", is too many people's before that)
            spellings = [(surname, _vietnamese(form.text.split()))]
            if surname[0].islower():
                # "van der Berg" alone is written "Van der Berg", as Dutch and
                # Belgian copy does anywhere (not only opening a sentence).
                spellings.append((surname[0].upper() + surname[1:], False))
            for bare in (surname_without_article(surname), surname_without_particle(surname)):
                if bare is not None:
                    # "Tayeb", once the article has named Ibrahim al-Tayeb;
                    # "Almeida", once it has named Rui Vaz de Almeida.
                    spellings.append((bare, True))
            double = double_surname_of(form.text, surname)
            if double is not None:
                spellings.append((double, False))
                first = double.split()[0]
                if _alone(first):
                    # "López", once the article has named María López García;
                    # "Ho", once it has named Clarence Ho Ka-lok.
                    spellings.append((first, True))
            # (the form, whether it needs the article to name the person otherwise, origin)
            derived_forms = [(spelling, needs, "surname") for spelling, needs in spellings]
            given = given_name_of(form.text, surname)
            if given is not None:
                # "Greta", once the article has named Greta Halloran.
                derived_forms.append((given, True, "given"))
            for spelling, needs_naming, origin in derived_forms:
                derived = Form.make(
                    spelling,
                    entity.id,
                    origin,
                    bool(entity.case_insensitive) and any(c.islower() for c in spelling),
                    None,
                    form.line,
                    needs_naming=needs_naming,
                )
                key = derived.key
                if key is None or key in seen:
                    continue
                seen.add(key)
                low = derived.lower_key
                if key in claimed or ("lower", low) in claimed or ("exact-lower", low) in claimed:
                    continue  # its own alias already, or another entity's (which wins)
                registry.forms.append(derived)


def build_registry(
    docs: Iterable[Document], warn: Warn | None = None, *, surnames: bool = True
) -> Registry:
    """Check the entity documents and build the :class:`Registry`.

    Raises :class:`briefgen.ContentError` (file and line) for an entity without
    a name, an unknown kind, a malformed alias or Wikidata id, or a form that
    two entities claim. ``warn(message, file, line)`` reports likely typos.
    """
    loader = _Loader(warn)
    for doc in docs:
        loader.load(doc)
    registry = loader.registry
    if surnames:
        _add_surnames(registry, loader.claimed)
    names: dict[str, str | None] = {}
    for form in registry.forms:
        assert form.key is not None
        # The words of the key are folded, all but the first in lowercase.
        first, *rest = form.key[1][0]
        k = " ".join((first.lower(), *rest)) + _symbols(form.key[1][2])
        if k in names and names[k] != form.entity:
            names[k] = None  # shared surname: not a unique name
        else:
            names.setdefault(k, form.entity)
    registry._names = names
    return registry
