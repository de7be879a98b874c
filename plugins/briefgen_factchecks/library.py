"""The fact-check library: loading and checking fact-checks.

Fact-checks come from two places:

- ``content/factchecks/<slug>.md``: front matter (``claim``, ``claimant``,
  ``verdict``, ``match``, ``date``, ``sources``, ...) and the explanation as
  the Markdown body; their phrases are looked for in every article;
- an article's own front matter, ``factchecks:`` (a list of the same mappings,
  each with a ``slug``, and the explanation under ``explanation``); their
  phrases are looked for in that article only.

Anything that makes a check unusable is a :class:`briefgen.ContentError`
with the file and line; doubtful things are warnings.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from briefgen import ContentError
from briefgen.content import parse_date

from .matching import phrase_pattern
from .scale import Scale, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Article, Document, Site

COLLECTION = "factchecks"
ENTITIES = "entities"

#: Front matter keys of a fact-check (a one-off check also has slug and explanation).
KEYS = (
    "claim",
    "claimant",
    "claimant_kind",
    "verdict",
    "match",
    "date",
    "claim_date",
    "sources",
    "max_matches",
)
ONE_OFF_KEYS = (*KEYS, "slug", "explanation")
CLAIMANT_KINDS = {
    "person": "Person",
    "organization": "Organization",
    "organisation": "Organization",
}

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


@dataclass(frozen=True)
class Source:
    """A source a fact-check cites."""

    title: str
    url: str


@dataclass(frozen=True)
class Claimant:
    """Who made the claim: an entity of the site, or just a name."""

    name: str
    entity: str | None = None  # the entity's slug
    kind: str = "Organization"  # schema.org type: Person or Organization
    same_as: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # the entity's other names ("MChS")

    @property
    def ref(self) -> str | None:
        return f"{ENTITIES}/{self.entity}" if self.entity else None

    @property
    def url(self) -> str | None:
        """The entity's page on the site, when the claimant is an entity."""
        return f"/{ENTITIES}/{self.entity}/" if self.entity else None


@dataclass(frozen=True)
class FactCheck:
    """One fact-check, ready to match and render."""

    slug: str
    claim: str
    claimant: Claimant
    verdict: Verdict
    phrases: tuple[str, ...]
    date: dt.date | None
    claim_date: dt.date | None
    sources: tuple[Source, ...]
    explanation: str  # HTML
    file: str  # the file that holds the check
    line: int  # where the check starts in that file
    phrase_lines: tuple[int, ...]
    match_line: int
    max_matches: int | None = None
    article: str | None = None  # relpath of the article of a one-off check
    #: Whether the claim is looked for in other words where no phrase is
    #: found (see :mod:`.restated`): not for ``match: []``, which leaves the
    #: check to marks by hand.
    restate: bool = True

    @property
    def ref(self) -> str:
        return f"{COLLECTION}/{self.slug}"

    @property
    def url(self) -> str:
        return f"/{COLLECTION}/{self.slug}/"

    def applies_to(self, article: Article) -> bool:
        """Whether this check's phrases are looked for in ``article``."""
        return self.article is None or self.article == article.relpath


@dataclass(frozen=True)
class Entities:
    """The site's entities, as claimants: by slug and by lowercased name or alias."""

    loaded: bool
    by_slug: dict[str, Claimant]
    by_name: dict[str, str]
    registry: Any = None  # the entities plugin's registry, when it runs first

    def lookup(self, name: str) -> str | None:
        """The entity called ``name`` by the entities plugin's rules (ignoring
        diacritics, or a surname only one person has), when that plugin runs."""
        lookup = getattr(self.registry, "lookup", None)
        return lookup(name) if callable(lookup) else None

    @classmethod
    def of(cls, site: Site) -> Entities:
        docs = site.collection(ENTITIES)
        by_slug: dict[str, Claimant] = {}
        by_name: dict[str, str] = {}
        for doc in docs:
            meta = doc.meta or {}
            name = str(meta.get("name") or doc.slug).strip()
            kind = "Person" if str(meta.get("kind", "")).lower() == "person" else "Organization"
            same_as = ()
            wikidata = str(meta.get("wikidata") or "").strip()
            if re.fullmatch(r"Q\d+", wikidata):
                same_as = (f"https://www.wikidata.org/wiki/{wikidata}",)
            aliases = meta.get("aliases") or []
            names = []
            for alias in [name, *(aliases if isinstance(aliases, list) else [aliases])]:
                if isinstance(alias, dict):  # {text: ..., case_insensitive: ...}
                    alias = alias.get("text") or ""
                if isinstance(alias, str) and alias.strip():
                    names.append(" ".join(alias.split()))
                    by_name.setdefault(names[-1].casefold(), doc.slug)
            by_slug[doc.slug] = Claimant(name, doc.slug, kind, same_as, tuple(names[1:]))
        state = site.data.get(ENTITIES)
        registry = state.get("registry") if isinstance(state, dict) else None
        return cls(ENTITIES in site.collections, by_slug, by_name, registry)


@dataclass(frozen=True)
class Library:
    """Every fact-check of the site and the verdict scale."""

    scale: Scale
    checks: dict[str, FactCheck]
    max_matches: int
    organization: str

    def for_article(self, article: Article) -> list[FactCheck]:
        return [c for c in self.checks.values() if c.applies_to(article)]

    def limit(self, check: FactCheck) -> int:
        """How many places one phrase of ``check`` may match in one article."""
        return check.max_matches if check.max_matches is not None else self.max_matches


class _Entry:
    """One fact-check's mapping inside a file, for reading values with lines."""

    def __init__(self, doc: Document, meta: dict[str, Any], prefix: tuple = ()) -> None:
        self.doc = doc
        self.meta = meta
        self.prefix = prefix

    def line(self, *keys: str | int) -> int:
        return self.doc.line_of(*self.prefix, *keys)

    def error(self, message: str, *keys: str | int, hint: str | None = None) -> ContentError:
        return ContentError(message, file=self.doc.relpath, line=self.line(*keys), hint=hint)


def load_library(
    site: Site, scale: Scale, *, max_matches: int = 1, organization: str = ""
) -> Library:
    """Read every fact-check of the site (library files and one-off checks in
    articles) and check it. Raises ContentError for unusable checks."""
    entities = Entities.of(site)
    checks: dict[str, FactCheck] = {}
    for doc in site.collection(COLLECTION):
        entry = _Entry(doc, doc.meta or {})
        _warn_unknown_keys(site, entry, KEYS)
        explanation = site.md.render(doc.body) if site.md and doc.body.strip() else ""
        check = _read_check(entry, doc.slug, scale, entities, explanation, line=1)
        if check.date is None:
            site.warn(
                f"fact-check '{check.slug}' has no date: add 'date:' with the day it was checked",
                file=doc.relpath,
                line=1,
            )
        checks[check.slug] = check
    for article in site.articles:
        for check in _one_off_checks(site, article, scale, entities):
            if check.slug in checks:
                other = checks[check.slug]
                raise ContentError(
                    f"fact-check slug '{check.slug}' is already used by {other.file}",
                    file=check.file,
                    line=check.line,
                    hint="give this one-off fact-check another slug",
                )
            checks[check.slug] = check
    for check in checks.values():
        if not check.sources:
            site.warn(
                f"fact-check '{check.slug}' cites no sources: add 'sources:' "
                "(a list of title and url)",
                file=check.file,
                line=check.line,
            )
    return Library(scale, checks, max_matches, organization or site.title)


def _one_off_checks(
    site: Site, article: Article, scale: Scale, entities: Entities
) -> list[FactCheck]:
    raw = article.meta.get(COLLECTION)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise article.error(
            "'factchecks' must be a list of fact-checks (each with slug, claim, claimant, "
            "verdict, match, sources)",
            COLLECTION,
        )
    found: list[FactCheck] = []
    for i, item in enumerate(raw):
        entry = _Entry(article, item if isinstance(item, dict) else {}, (COLLECTION, i))
        if not isinstance(item, dict):
            raise entry.error("each item of 'factchecks' must be a mapping (slug, claim, ...)")
        _warn_unknown_keys(site, entry, ONE_OFF_KEYS)
        slug = item.get("slug")
        if not isinstance(slug, str) or not _SLUG.match(slug.strip()):
            raise entry.error(
                "a fact-check in an article needs a 'slug' (lowercase letters, digits and '-')",
                "slug",
                hint="the slug names the check's page, /factchecks/<slug>/",
            )
        text = item.get("explanation") or ""
        if not isinstance(text, str):
            raise entry.error("'explanation' must be Markdown text", "explanation")
        explanation = site.md.render(text) if site.md and text.strip() else ""
        check = _read_check(
            entry,
            slug.strip(),
            scale,
            entities,
            explanation,
            line=article.line_of(COLLECTION, i),
            article=article,
        )
        if any(c.slug == check.slug for c in found):
            raise entry.error(f"two fact-checks in this article have the slug '{check.slug}'")
        found.append(check)
    return found


def _read_check(
    entry: _Entry,
    slug: str,
    scale: Scale,
    entities: Entities,
    explanation: str,
    *,
    line: int,
    article: Article | None = None,
) -> FactCheck:
    meta = entry.meta
    claim = meta.get("claim")
    if not isinstance(claim, str) or not claim.strip():
        raise entry.error(
            "fact-check has no claim" if claim in (None, "") else "'claim' must be text",
            "claim",
            hint="add 'claim:' with the claim as it was checked, in one sentence",
        )
    verdict = _read_verdict(entry, scale)
    claimant = _read_claimant(entry, entities)
    phrases, phrase_lines = _read_phrases(entry)
    date = _read_date(entry, "date")
    if date is None and article is not None:
        date = article.updated or article.date
    max_matches = meta.get("max_matches")
    if max_matches is not None and (
        isinstance(max_matches, bool) or not isinstance(max_matches, int) or max_matches < 1
    ):
        raise entry.error("'max_matches' must be a whole number, 1 or more", "max_matches")
    return FactCheck(
        slug=slug,
        claim=" ".join(claim.split()),
        claimant=claimant,
        verdict=verdict,
        phrases=phrases,
        date=date,
        claim_date=_read_date(entry, "claim_date"),
        sources=_read_sources(entry),
        explanation=explanation,
        file=entry.doc.relpath,
        line=line,
        phrase_lines=phrase_lines,
        match_line=entry.line("match") if "match" in meta else line,
        max_matches=max_matches,
        article=article.relpath if article is not None else None,
        restate=meta.get("match") != [],
    )


def _read_verdict(entry: _Entry, scale: Scale) -> Verdict:
    value = entry.meta.get("verdict")
    choices = "; ".join(f"{v.name} ({v.label})" for v in scale.verdicts)
    if value is None or value == "":
        raise entry.error(
            "fact-check has no verdict", "verdict", hint=f"add 'verdict:' with one of: {choices}"
        )
    verdict = scale.resolve(value)
    if verdict is None:
        raise entry.error(
            f"unknown verdict {value!r}; the verdict scale is: {scale.describe()}",
            "verdict",
            hint="use one of the names above, or add the verdict to the scale under "
            "plugins: factchecks: verdicts: in site.yml",
        )
    return verdict


def _read_claimant(entry: _Entry, entities: Entities) -> Claimant:
    value = entry.meta.get("claimant")
    if not isinstance(value, str) or not value.strip() or not any(c.isalpha() for c in value):
        raise entry.error(
            "'claimant' must be an entity id (a file in content/entities/) or a name, "
            f"not {value!r}",
            "claimant",
            hint="write who made the claim, e.g. 'claimant: donald-trump' or "
            "'claimant: Ministry of Finance'",
        )
    text = " ".join(value.split())
    kind = _read_claimant_kind(entry)
    if text in entities.by_slug:
        return entities.by_slug[text]
    slug = entities.by_name.get(text.casefold()) or entities.lookup(text)
    if slug is not None and slug in entities.by_slug:
        return entities.by_slug[slug]
    if _looks_like_id(text):
        close = difflib.get_close_matches(text, list(entities.by_slug), n=3, cutoff=0.6)
        if close:
            hint = f"did you mean {' or '.join(close)}?"
        elif not entities.loaded:
            hint = (
                "no plugin loads content/entities/ (is the entities plugin turned off?); "
                "write the claimant's name instead"
            )
        else:
            hint = (
                "add the entity to content/entities/, or write the claimant's name as "
                "readers should see it (with capitals), e.g. 'Reuters'"
            )
        raise entry.error(
            f"claimant '{text}' looks like an entity id but there is no entity '{text}'",
            "claimant",
            hint=hint,
        )
    return Claimant(text, None, kind or "Organization")


def _looks_like_id(text: str) -> bool:
    """Text with no spaces and no capitals reads as an id, not a name."""
    return not any(c.isspace() or c.isupper() for c in text)


def _read_claimant_kind(entry: _Entry) -> str | None:
    value = entry.meta.get("claimant_kind")
    if value is None:
        return None
    kind = CLAIMANT_KINDS.get(str(value).strip().lower())
    if kind is None:
        raise entry.error(
            f"'claimant_kind' must be person or organization, not {value!r}", "claimant_kind"
        )
    return kind


def _read_phrases(entry: _Entry) -> tuple[tuple[str, ...], tuple[int, ...]]:
    value = entry.meta.get("match")
    if value is None:
        return (), ()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        items, lines = [value], [entry.line("match")]
    elif isinstance(value, list):
        items, lines = value, [entry.line("match", i) for i in range(len(value))]
    else:
        raise entry.error("'match' must be a list of phrases", "match")
    phrases = []
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise entry.error(f"match phrase {item!r} must be text", "match", i)
        phrase = " ".join(str(item).split())
        if phrase_pattern(phrase) is None:
            raise entry.error("match phrase is empty", "match", i)
        phrases.append(phrase)
    return tuple(phrases), tuple(lines)


def _read_date(entry: _Entry, key: str) -> dt.date | None:
    value = entry.meta.get(key)
    if value is None or value == "":
        return None
    return parse_date(entry, key, value)


def _read_sources(entry: _Entry) -> tuple[Source, ...]:
    value = entry.meta.get("sources")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise entry.error("'sources' must be a list, each with a title and a url", "sources")
    sources = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            url, title = item.strip(), ""
        elif isinstance(item, dict):
            url, title = item.get("url"), item.get("title") or ""
        else:
            raise entry.error("each source must have a title and a url", "sources", i)
        if not isinstance(url, str) or not url.strip():
            raise entry.error("source has no url", "sources", i)
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise entry.error(
                f"source URL {url!r} is not an http(s) address",
                "sources",
                i,
                *(("url",) if isinstance(item, dict) else ()),
                hint="give the full address, starting with https://",
            )
        if not isinstance(title, str):
            raise entry.error("a source's title must be text", "sources", i, "title")
        sources.append(Source(" ".join(title.split()) or parts.netloc, url))
    return tuple(sources)


def _warn_unknown_keys(site: Site, entry: _Entry, known: tuple[str, ...]) -> None:
    """Warn about keys that look like misspelt known keys (``macth:``); other
    extra keys are the newsroom's own metadata and are left alone."""
    for key in entry.meta:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
        if close:
            site.warn(
                f"unknown fact-check key '{key}' (did you mean '{close[0]}'?)",
                file=entry.doc.relpath,
                line=entry.line(key),
            )
