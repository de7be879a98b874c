"""Entity pages, the entity index, and the "In this briefing" list.

Everything here reads the site-wide index (``site.index``), never another
plugin's code: what other plugins say about an entity reaches its page as
annotations of their own kinds whose refs include ``entities/<id>``, each
kind rendered by the template ``related/<kind>.html`` when some plugin, theme
or site ships one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from briefgen import Article, Hit, Page, Site
from briefgen.pagegen import paginate

from .registry import KINDS, Entity, Registry

KIND_GROUPS = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}
KIND_NAMES = {
    "person": "person",
    "organization": "organisation",
    "place": "place",
    "other": "other",
}
SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
SNIPPET_WIDTH = 90
CO_MENTIONS = 10
GENERIC_RELATED = "entities/related-generic.html"
#: The kind of the annotations entity pages count (whichever plugin made them).
ENTITY_KIND = "entity"
REF_PREFIX = "entities/"


@dataclass
class ArticleMentions:
    """How one article mentions one entity, and the article's title and date
    as the templates show them (the date formatted once per article, not
    once per entity). Only what the pages show, not the article itself (its
    text and annotations would be kept with every entity it names). Taken
    from the article in ``briefgen_index_article``, so a page key stands for
    it by the article's key (an entity page is rendered again when a
    briefing on it changes, and written only when its bytes do)."""

    title: str
    count: int
    url: str  # the first mention, as a site path with its fragment
    before: str
    exact: str
    after: str
    date_iso: str = ""  # the article's date through the ``isodate`` filter
    date_text: str = ""  # ... and through ``date(config.date_format)``


@dataclass
class EntityStats:
    """Everything the site says about one entity."""

    entity: Entity
    mentions: int = 0
    articles: list[ArticleMentions] = field(default_factory=list)
    co_mentions: list[tuple[Entity, int]] = field(default_factory=list)


@dataclass(frozen=True)
class IndexEntry:
    """An entity as ``/entities/`` lists it: the counts, not the mentions
    themselves (which would make the index slow to fingerprint)."""

    entity: Entity
    mentions: int
    briefings: int


def snippet(article: Article, start: int, end: int, width: int = SNIPPET_WIDTH) -> tuple[str, ...]:
    """(before, exact, after) around a span, cut at spaces inside its block,
    with an ellipsis where the block goes on."""
    text = article.text
    block = article.block_at(start)
    lo_limit = block.start if block else 0
    hi_limit = block.end if block else len(text)
    lo = max(lo_limit, start - width)
    if lo > lo_limit:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = min(hi_limit, end + width)
    if hi < hi_limit:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    before = ("…" if lo > lo_limit else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < hi_limit else "")
    return (
        before.replace("\n", " "),
        text[start:end].replace("\n", " "),
        after.replace("\n", " ").rstrip(),
    )


def _article_dates(site: Site) -> Callable[[Article], tuple[str, str]]:
    """The date of an article as the entity page shows it (ISO, and in the
    site's format), through the template filters, so a theme or plugin that
    replaces them is followed."""
    assert site.env is not None
    isodate, date = site.env.filters["isodate"], site.env.filters["date"]
    pattern = site.config.date_format
    return lambda article: (isodate(article.date), date(article.date, pattern))


def article_mentions(site: Site, article: Article) -> dict[str, ArticleMentions]:
    """How ``article`` mentions each entity, by entity id in order of first
    mention: what :func:`entity_stats` needs from it (the plugin's
    ``briefgen_index_article``). Every entity annotation counts, whoever made
    it; whether an id is in the registry is for :func:`entity_stats` to say."""
    anns = [a for a in article.annotations if a.kind == ENTITY_KIND]
    ids = [a.data.get("id") if type(a.data) is dict else None for a in anns]
    counts = Counter(i for i in ids if isinstance(i, str))
    if not counts:
        return {}
    # Each entity's first mention: written last when read backwards.
    firsts = dict(zip(reversed(ids), reversed(anns), strict=True))
    date_iso, date_text = _article_dates(site)(article)
    found = {}
    for eid, n in counts.items():
        ann = firsts[eid]
        before, exact, after = snippet(article, ann.start, ann.end)
        found[eid] = ArticleMentions(
            article.title,
            n,
            f"{article.url}#{ann.id}",
            before,
            exact,
            after,
            date_iso,
            date_text,
        )
    return found


def entity_stats(
    site: Site,
    registry: Registry,
    plugin: str,
    in_article: dict[str, dict[str, int]] | None = None,
    sources: dict[str, list[Article]] | None = None,
) -> dict[str, EntityStats]:
    """Mentions per entity and article (newest article first), and the
    entities most often mentioned in the same articles (in the most of them
    first, then the one named first in the newest of them: never by
    anything counted outside the articles that mention the entity, so that
    its page depends on those alone), from
    what :func:`article_mentions` took from each article
    (``article.indexed`` under ``plugin``, this plugin's name).
    ``in_article``, when given, receives each article's mentions per entity
    (by article URL, in order of first mention; see
    :func:`in_this_briefing`); ``sources``, the articles that mention each
    entity (by id)."""
    stats = {eid: EntityStats(entity) for eid, entity in registry.entities.items()}
    co: dict[str, Counter[str]] = defaultdict(Counter)
    for article in site.articles:  # newest first
        mentions = article.indexed.get(plugin)
        if mentions is None:  # not indexed through the hook (an article made elsewhere)
            mentions = article_mentions(site, article)
        found = [eid for eid in mentions if eid in stats]
        if not found:
            continue
        if in_article is not None:
            in_article[article.url] = {eid: mentions[eid].count for eid in found}
        for eid in found:
            m = mentions[eid]
            s = stats[eid]
            s.mentions += m.count
            s.articles.append(m)
            co[eid].update(found)  # the entity itself too, taken out below
            if sources is not None:
                sources.setdefault(eid, []).append(article)
    for eid, counter in co.items():
        del counter[eid]
        # Counters keep the order of first counting, and the sort is stable:
        # among entities in as many articles, the one named first in the
        # newest of them comes first.
        ranked = sorted(counter.items(), key=lambda item: -item[1])
        stats[eid].co_mentions = [(registry.entities[o], n) for o, n in ranked[:CO_MENTIONS]]
    return stats


def related_groups(site: Site) -> dict[str, list[dict[str, Any]]]:
    """What other plugins annotated about each entity (by ref), grouped by
    kind, each group with the templates that may show it (its kind's own,
    else the generic list). Made once per build
    from the index's non-entity annotations (entity mentions are most of the
    annotations that refer to an entity, and none of them is needed here)."""
    assert site.index is not None
    by_ref: dict[str, dict[str, list[Hit]]] = defaultdict(dict)
    for kind in sorted(site.index.counts()):
        if kind == "entity":
            continue
        for hit in site.index.by_kind(kind):
            for ref in hit.annotation.refs:
                if ref.startswith(REF_PREFIX):
                    by_ref[ref].setdefault(kind, []).append(hit)
    # A list: the page includes the first of them that exists as it is
    # rendered, so the choice is among the templates the render used, and
    # adding related/<kind>.html later renders the page again.
    return {
        ref: [
            {"kind": k, "template": [f"related/{k}.html", GENERIC_RELATED], "hits": hits}
            for k, hits in kinds.items()
        ]
        for ref, kinds in by_ref.items()
    }


def _json_ld(site: Site, entity: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(entity.kind, "Thing"),
        "name": entity.name,
        "url": site.absolute_url(entity.url),
    }
    if entity.role:
        data["description"] = entity.role
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.wikidata:
        data["sameAs"] = wikidata_url(entity.wikidata)
    return data


def wikidata_url(qid: str) -> str:
    return f"https://www.wikidata.org/wiki/{qid}"


def entity_pages(
    site: Site,
    registry: Registry,
    stats: dict[str, EntityStats],
    label: str,
    sources: dict[str, list[Article]],
    per_page: int = 10,
) -> list[Page]:
    """``/entities/`` and the pages of each entity: ``/entities/<id>/`` with
    its facts, the first ``per_page`` briefings that mention it and what
    other plugins say about it, then ``/entities/<id>/page/N/`` with the
    next briefings. ``sources`` holds the articles that mention each entity
    (by id; see :func:`entity_stats`). Each page declares what it is made
    of: the first page, the entities it names, the articles that mention
    them or say something else about them (see :func:`related_groups`) and
    the documents those other things refer to (a claim's fact-check); a
    later page, the entity and the articles it lists. Every page shows of
    its articles only what each holds of its own (``own_content``): titles,
    dates, words around a mention, the spans of other plugins' annotations
    and what their data draws from the documents among the page's sources,
    never a mention's card; so a new role for one entity leaves the pages of
    the others that list the same briefings as they were."""
    assert site.md is not None
    pages = []
    groups = []
    related = related_groups(site)
    for kind in KINDS:
        members = sorted(
            (
                IndexEntry(s.entity, s.mentions, len(s.articles))
                for s in stats.values()
                if s.entity.kind == kind
            ),
            key=lambda e: e.entity.name.lower(),
        )
        if members:
            groups.append({"kind": kind, "label": KIND_GROUPS[kind], "entities": members})
    pages.append(
        Page(
            "/entities/",
            "entities/index.html",
            {"groups": groups, "heading": label or "Entities"},
            title=label or "Entities",
            kind="entities",
            sources=[
                *(s.entity.ref for s in stats.values()),
                *{id(a): a for eid in stats for a in sources.get(eid, ())}.values(),
            ],
            own_content=True,
        )
    )
    for eid in sorted(stats):
        entity = stats[eid].entity
        mentioning = sources.get(eid, [])
        chunks = paginate(stats[eid].articles, entity.url, per_page)
        common = {
            "entity": entity,
            "kind_name": KIND_NAMES[entity.kind],
            "kind_group": KIND_GROUPS[entity.kind],
            "index_label": label or "Entities",
        }
        body = entity.body.strip()
        shown = related.get(entity.ref, [])
        url, chunk, pagination = chunks[0]
        pages.append(
            Page(
                url,
                "entities/entity.html",
                {
                    **common,
                    "stats": stats[eid],
                    "mentions": chunk,
                    "pagination": pagination,
                    "description": Markup(site.md.render(body)) if body else Markup(""),
                    "wikidata_url": wikidata_url(entity.wikidata) if entity.wikidata else "",
                    "related": shown,
                    "json_ld": _json_ld(site, entity),
                },
                title=entity.name,
                kind="entity",
                sources=[
                    entity.ref,
                    *(other.ref for other, _ in stats[eid].co_mentions),
                    *mentioning,
                    *(hit.article for group in shown for hit in group["hits"]),
                    # What the hits' data may draw on (see Page.own_content).
                    *{r for group in shown for hit in group["hits"] for r in hit.annotation.refs},
                ],
                own_content=True,
            )
        )
        # The later pages show the entity and a stretch of the list, one item
        # per briefing, in the site's order: the briefings on a page say which
        # items it shows (the number of pages is in its title).
        for i, (url, chunk, pagination) in enumerate(chunks[1:], 1):
            pages.append(
                Page(
                    url,
                    "entities/entity.html",
                    {**common, "mentions": chunk, "pagination": pagination},
                    title=f"{entity.name}, page {pagination['number']} of {pagination['count']}",
                    kind="entity",
                    sources=[entity.ref, *mentioning[i * per_page : (i + 1) * per_page]],
                    own_content=True,
                )
            )
    return pages


def in_this_briefing(seen: dict[str, int], registry: Registry) -> list[dict[str, Any]]:
    """The entities an article mentions (``seen``: mentions per entity, in
    reading order, as :func:`entity_stats` found them), grouped by kind."""
    groups = []
    for kind in KINDS:
        members = [
            {"entity": registry.entities[eid], "count": n}
            for eid, n in seen.items()
            if registry.entities[eid].kind == kind
        ]
        if members:
            groups.append({"kind": kind, "label": KIND_GROUPS[kind], "entities": members})
    return groups
