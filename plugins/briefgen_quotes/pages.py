"""The quotes pages: an index of speakers, and a page per speaker.

- ``/quotes/``: every speaker, most quoted first (then by name; unattributed
  quotations last), with their role, how many quotations they have and the
  newest one, shortened.
- ``/quotes/<slug>/``: everything one speaker said, newest first, paginated
  like tag pages (``/quotes/<slug>/page/2/``, ...).
- ``/quotes/unattributed/``: the quotations the text names no speaker for.

A speaker's slug is the entity id for a registered entity, else the slug of
the name (``Ana Ruiz`` → ``ana-ruiz``, the id ``briefgen entities suggest``
would give her, so the address survives registering her later). See
:func:`assign_slugs` for collisions.

What each page holds is chosen so that an edited article re-renders as few of
them as possible (the engine re-renders a page when its context changes): a
speaker page holds only the index hits it shows, so only the pages showing
the article's quotations change; the index holds plain values (names,
counts, the shortened newest quotation), so it changes only when what it
shows does. A speaker page declares as its sources only the articles it
shows, with a ``layout`` for the rest (see :func:`_layout`), so that the
build need not even look at the speaker's other pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from briefgen import Page
from briefgen.content import slugify
from briefgen.pagegen import paginate

if TYPE_CHECKING:  # pragma: no cover
    from briefgen import Annotation, Article, Hit, Site

KIND = "quote"
URL = "/quotes/"
INDEX_TEMPLATE = "quotes.html"
SPEAKER_TEMPLATE = "quotes/speaker-page.html"
#: The slug of the quotations with no speaker.
UNATTRIBUTED = "unattributed"
#: The group key of the quotations with no speaker.
NO_SPEAKER = "none"
#: How many words of a speaker's newest quotation the index shows.
TEASER_WORDS = 25


@dataclass(frozen=True)
class Speaker:
    """Who a page of quotations is by, as listing pages show them."""

    name: str
    slug: str
    entity: str | None
    role: str | None
    count: int  # quotations
    articles: int  # briefings quoting them
    unattributed: bool = False  # the quotations that name no speaker

    @property
    def url(self) -> str:
        """The speaker's first quotes page."""
        return f"{URL}{self.slug}/"

    @property
    def entity_url(self) -> str | None:
        """The speaker's entity page, when the speaker is a registered entity."""
        return f"/entities/{self.entity}/" if self.entity else None


@dataclass(frozen=True)
class Teaser:
    """A speaker's newest quotation, shortened, for the index."""

    text: str
    url: str  # its place in its article
    title: str  # the article's
    date: dt.date


@dataclass(frozen=True)
class IndexEntry:
    """One line of ``/quotes/``."""

    speaker: Speaker
    latest: Teaser


@dataclass
class SpeakerQuotes:
    """A speaker and their quotations (index hits), newest first; ``runs``:
    each quoting article and how many of the quotations it gives, in order."""

    speaker: Speaker
    hits: list[Hit] = field(default_factory=list)
    runs: list[tuple[Article, int]] = field(default_factory=list)


@dataclass
class _Group:
    """A speaker's quotations while they are being gathered."""

    key: str
    entity: str | None
    base: str  # the slug before collisions are settled
    names: Counter[str] = field(default_factory=Counter)
    role: str | None = None
    hits: list[Hit] = field(default_factory=list)
    runs: list[tuple[Article, int]] = field(default_factory=list)


#: One speaker's quotations in one article, as ``briefgen_index_article``
#: keeps them: the group key, entity, slug base, the names given (in order,
#: with counts), the first role given, and the quotations' places among the
#: article's quotations (None: all of them).
ArticleGroup = tuple[str, str | None, str, dict[str, int], str | None, tuple[int, ...] | None]


@lru_cache(maxsize=4096)  # asked for every quotation of a speaker without an entity
def name_slug(name: str) -> str:
    """The slug of a speaker's name: the engine's slug (ASCII, lower case,
    words joined by '-'), or, for a name with no letter or digit it can keep
    (one in Cyrillic, say), ``speaker-`` and a short hash of the name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if re.search(r"[A-Za-z0-9]", ascii_name):
        return slugify(name)
    return "speaker-" + hashlib.sha1(name.casefold().encode("utf-8")).hexdigest()[:8]


def teaser(text: str, words: int = TEASER_WORDS) -> str:
    """``text`` cut to its first ``words`` words, with an ellipsis if cut."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:—–-") + "…"


def _speaker_of(data: dict[str, Any]) -> tuple[str, str | None, str, str]:
    """A quotation's group key, entity, slug base and name: by entity id,
    else by the slug of the name (so ``José García`` and ``Jose Garcia`` are
    one speaker), else unattributed."""
    name = (data.get("speaker") or "").strip()
    entity = data.get("speaker_id") or None
    if entity:
        return f"entity:{entity}", entity, str(entity), name
    if name:
        base = name_slug(name)
        return f"name:{base}", None, base, name
    return NO_SPEAKER, None, UNATTRIBUTED, name


def _gather(hits: list[Hit]) -> list[_Group]:
    """Hits grouped by speaker (see :func:`_speaker_of`), worked out from
    the hits themselves, one article's run of them at a time."""
    pieces = []
    for _, run in groupby(hits, key=_article_id):
        own = list(run)
        pieces.append((own, _group_quotations([hit.annotation for hit in own])))
    return _merge(pieces)


def _article_id(hit: Hit) -> int:
    return id(hit.article)


def article_groups(article: Article) -> tuple[int, tuple[ArticleGroup, ...]]:
    """How many quotations ``article`` has and how they group by speaker
    (see :data:`ArticleGroup`): what :func:`gather_indexed` adds up, worked
    out once with the article and cached with it."""
    return _group_quotations([a for a in article.annotations if a.kind == KIND])


def gather_indexed(articles: list[Article], hits: list[Hit], name: str) -> list[_Group] | None:
    """:func:`_gather` from what each article's ``indexed[name]`` says (see
    :func:`article_groups`): a step per article and speaker instead of one
    per quotation (200,000 of them at 10,000 articles). None when the
    articles' quotations are not the ``hits`` in order (an article without
    its groups, or quotation annotations from elsewhere)."""
    pieces = []
    start = 0
    for article in articles:
        indexed = article.indexed.get(name)
        if indexed is None:
            return None
        count = indexed[0]
        if not count:
            continue
        own = hits[start : start + count]
        start += count
        if len(own) != count or own[0].article is not article or own[-1].article is not article:
            return None
        pieces.append((own, indexed))
    return _merge(pieces) if start == len(hits) else None


def _group_quotations(quotations: list[Annotation]) -> tuple[int, tuple[ArticleGroup, ...]]:
    """How many ``quotations`` (one article's, in order) there are and how
    they group by speaker (see :data:`ArticleGroup`)."""
    found: dict[str, list[Any]] = {}
    for place, annotation in enumerate(quotations):
        data = annotation.data
        key, entity, base, name = _speaker_of(data)
        group = found.get(key)
        if group is None:
            group = found[key] = [key, entity, base, {}, None, []]
        if name:
            group[3][name] = group[3].get(name, 0) + 1
        if group[4] is None and data.get("role"):
            group[4] = str(data["role"])  # the newest role given
        group[5].append(place)
    count = len(quotations)
    groups = tuple(
        (key, entity, base, names, role, None if len(places) == count else tuple(places))
        for key, entity, base, names, role, places in found.values()
    )
    return count, groups


def _merge(
    pieces: list[tuple[list[Hit], tuple[int, tuple[ArticleGroup, ...]]]],
) -> list[_Group]:
    """The speakers' groups from each article's hits and their grouping, in
    the order of the hits."""
    groups: dict[str, _Group] = {}
    for own, (count, parts) in pieces:
        article = own[0].article
        for key, entity, base, names, role, places in parts:
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(key, entity, base)
            for spelling, times in names.items():  # Counter.update, without its checks
                group.names[spelling] += times
            if group.role is None and role:
                group.role = role
            if places is None:
                group.hits += own
                group.runs.append((article, count))
            else:
                group.hits += [own[i] for i in places]
                group.runs.append((article, len(places)))
    return list(groups.values())


def _first_quoted(group: _Group) -> tuple[str, str]:
    """When a speaker was first quoted: the oldest article's date and URL."""
    return min((article.date.isoformat(), article.url) for article, _ in group.runs)


def assign_slugs(groups: list[_Group]) -> dict[str, str]:
    """A unique slug per group key, the same whatever the counts are.

    Entities come first and always get their id (ids are unique); then the
    unattributed quotations (``unattributed``); then names, the speaker
    quoted first keeping the plain slug of the name and later ones getting
    ``-2``, ``-3``, ... So adding a briefing never moves an existing
    speaker's page, unless it is dated before that speaker's first quotation.
    """
    used: set[str] = set()
    slugs: dict[str, str] = {}

    def order(group: _Group) -> tuple[Any, ...]:
        if group.entity:
            return (0, group.base)
        if group.key == NO_SPEAKER:
            return (1,)
        return (2, *_first_quoted(group), group.base)

    for group in sorted(groups, key=order):
        slug, n = group.base, 2
        while slug in used:
            slug, n = f"{group.base}-{n}", n + 1
        used.add(slug)
        slugs[group.key] = slug
    return slugs


def group_by_speaker(
    hits: list[Hit],
    entities: dict[str, dict[str, Any]] | None = None,
    groups: list[_Group] | None = None,
) -> list[SpeakerQuotes]:
    """Quotation hits grouped by speaker, in the order of the index.

    Speakers with the most quotations come first, then by name; unattributed
    quotations last. Each speaker keeps the index order of their hits: newest
    article first, then by position in the article. ``entities`` (id ->
    registry data, as the entities plugin publishes it in ``site.data``)
    gives registered speakers their name and role from the registry.
    ``groups``: the hits already gathered (see :func:`gather_indexed`).
    """
    if groups is None:
        groups = _gather(hits)
    slugs = assign_slugs(groups)
    entities = entities or {}
    out: list[SpeakerQuotes] = []
    for group in groups:
        known = entities.get(group.entity or "", {})
        if group.key == NO_SPEAKER:
            name = "Unattributed"
        elif known.get("name"):
            name = known["name"]
        else:  # the spelling used most (the newest on a tie)
            name = group.names.most_common(1)[0][0] if group.names else group.base
        speaker = Speaker(
            name=str(name),
            slug=slugs[group.key],
            entity=group.entity,
            role=known.get("role") or group.role,
            count=len(group.hits),
            articles=len(group.runs),
            unattributed=group.key == NO_SPEAKER,
        )
        out.append(SpeakerQuotes(speaker, group.hits, group.runs))
    out.sort(
        key=lambda s: (
            s.speaker.unattributed,
            -s.speaker.count,
            s.speaker.name.casefold(),
            s.speaker.slug,
        )
    )
    return out


def index_entry(quotes: SpeakerQuotes) -> IndexEntry:
    """What ``/quotes/`` shows of a speaker: plain values only."""
    newest = quotes.hits[0]
    latest = Teaser(
        teaser(str(newest.annotation.data.get("text") or newest.exact)),
        newest.url,
        newest.article.title,
        newest.article.date,
    )
    return IndexEntry(quotes.speaker, latest)


def quote_pages(site: Site, per_page: int, name: str) -> list[Page]:
    """``/quotes/`` and every speaker's pages, ``per_page`` quotations each
    (``name``: the plugin's, under which articles keep their groups)."""
    hits = site.index.by_kind(KIND) if site.index else []
    registry = site.data.get("entities")
    entities = registry.get("entities") if isinstance(registry, dict) else None
    groups = gather_indexed(site.articles, hits, name) or _gather(hits)
    speakers = group_by_speaker(hits, entities, groups)
    quoting = {id(article) for group in groups for article, _ in group.runs}
    quoted = [article for article in site.articles if id(article) in quoting]
    entities_named = [f"entities/{s.speaker.entity}" for s in speakers if s.speaker.entity]
    pages = [
        Page(
            URL,
            INDEX_TEMPLATE,
            {"entries": [index_entry(s) for s in speakers], "total": len(hits)},
            title="Quotes",
            kind="quotes",
            sources=[*quoted, *entities_named],
            own_content=True,
        )
    ]
    for quotes in speakers:
        speaker = quotes.speaker
        heading = "Unattributed quotations" if speaker.unattributed else f"{speaker.name}: quotes"
        layout = _layout(quotes)
        for url, chunk, pagination in paginate(quotes.hits, speaker.url, per_page):
            title = heading
            if pagination["count"] > 1:
                title += f", page {pagination['number']} of {pagination['count']}"
            pages.append(
                Page(
                    url,
                    SPEAKER_TEMPLATE,
                    {"speaker": speaker, "hits": chunk, "pagination": pagination},
                    title=title,
                    kind="quotes-speaker",
                    sources=_sources(speaker, chunk),
                    layout=layout,
                    # The quotations' words, their articles' titles and dates,
                    # and the speaker (whose entity is a source): no card of
                    # another entity, so another's new role leaves it as it is.
                    own_content=True,
                )
            )
    return pages


def _sources(speaker: Speaker, chunk: list[Hit]) -> list[Any]:
    """The sources of one page of a speaker's quotations: the articles
    quoted on it, once each, and the speaker's entity."""
    found: list[Any] = list({id(h.article): h.article for h in chunk}.values())
    if speaker.entity:
        found.append(f"entities/{speaker.entity}")
    return found


def _layout(quotes: SpeakerQuotes) -> str:
    """What every page of a speaker shows beyond its own quotations: the
    speaker as listed (name, role, counts), and how the quotations fall onto
    pages, which is how many each quoting article gives, in order. An edit
    that changes neither re-renders only the pages showing that article."""
    runs = [(article.url, count) for article, count in quotes.runs]
    text = repr((quotes.speaker, runs))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
