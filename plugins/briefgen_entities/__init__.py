"""The bundled entities plugin: links every mention of a registered person,
organisation or place to a page that gathers what the site knows about it.

- The registry is ``content/entities/<id>.md`` (see :mod:`.registry`).
- Mentions become annotations of kind ``entity`` with data ``{id, name, kind,
  role?, surface, match}`` and refs ``("entities/<id>",)``; by default the
  first mention in an article is a link with a hover card and later ones are
  annotations only (setting ``link: all`` links every one).
- Pages: ``/entities/`` and ``/entities/<id>/``; an "In this briefing" list
  on article pages; a navigation entry.
- Other plugins find the registry in ``site.data["entities"]``: ``registry``
  (with ``lookup(name) -> id | None``) and ``entities`` (id -> plain data).

The user documentation is docs/entities.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen import Annotation, Article, Command, Page, Setting, Site, hookimpl

from .linker import find_mentions, refresh_annotations, to_annotations
from .matcher import Matcher
from .pages import (
    KIND_NAMES,
    ArticleMentions,
    article_mentions,
    entity_pages,
    entity_stats,
    in_this_briefing,
)
from .registry import Registry, build_registry
from .suggest import COMMAND

__version__ = "1.0.0"

NAME = "entities"
COLLECTION = "entities"
HERE = Path(__file__).resolve().parent


def _has_registry(site: Site) -> bool:
    """The plugin does nothing on a site without ``content/entities/``."""
    return (site.source / "content" / COLLECTION).is_dir()


@hookimpl
def briefgen_settings() -> dict[str, Setting]:
    return {
        "link": Setting(
            str,
            "first",
            "Which mentions are links: 'first' (the first mention of each entity in an "
            "article; later ones are annotated but not linked) or 'all'.",
            choices=("first", "all"),
        ),
        "nav_label": Setting(
            str,
            "People & places",
            "Label of the navigation entry for /entities/ (empty: no entry).",
        ),
        "pages": Setting(
            str,
            "referenced",
            "Which entities get a page: 'referenced' (those some annotation refers to: "
            "mentioned, quoted, or a fact-check's claimant) or 'all' (every registry entry).",
            choices=("referenced", "all"),
        ),
        "per_page": Setting(
            int,
            0,
            "Briefings listed on each page of an entity (0: the site's per_page, as "
            "tag pages); the first page also has the entity's facts and what else "
            "is said about it.",
            minimum=0,
        ),
    }


@hookimpl
def briefgen_collections(site: Site) -> list[str]:
    return [COLLECTION]


@hookimpl
def briefgen_annotation_kinds() -> dict[str, str]:
    return {"entity": "a mention of a registered person, organisation, place or other thing"}


@hookimpl
def briefgen_template_dirs(site: Site) -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def briefgen_static_dirs(site: Site) -> list[Path]:
    return [HERE / "static"] if _has_registry(site) else []


@hookimpl
def briefgen_jinja_env(env: Any, site: Site) -> None:
    env.globals["entity_kinds"] = KIND_NAMES
    label = site.settings(NAME).get("nav_label", "")
    if label and _has_registry(site):
        env.globals["nav"].append((label, "/entities/"))


@dataclass
class _Compiled:
    """A registry built from the entity files, with its matcher, and the
    warnings building it gave."""

    registry: Registry
    entities: dict[str, dict[str, Any]]
    matcher: Matcher
    warnings: list[tuple[str, str, int]]


def _compile(docs: list[Any]) -> _Compiled:
    warnings: list[tuple[str, str, int]] = []

    def warn(message: str, file: str, line: int) -> None:
        warnings.append((message, file, line))

    registry = build_registry(docs, warn)
    persons = {e.id for e in registry.entities.values() if e.kind == "person"}
    matcher = Matcher(registry.forms, persons)
    return _Compiled(registry, registry.as_data(), matcher, warnings)


@hookimpl
def briefgen_build_start(site: Site) -> None:
    if not _has_registry(site):
        return
    docs = site.collection(COLLECTION)
    # Kept from build to build: a registry of 10,000 entities takes about a
    # second to build, a few tenths to load. It is made from the entity
    # files alone (their paths and digests say all of them).
    compiled = site.cached(
        "entities/registry", [(d.relpath, d.digest) for d in docs], lambda: _compile(docs)
    )
    for message, file, line in compiled.warnings:
        site.warn(message, file=file, line=line, source=NAME)
    site.data[NAME] = {
        "registry": compiled.registry,
        "entities": compiled.entities,
        "matcher": compiled.matcher,
        "link": site.settings(NAME).get("link", "first"),
    }


#: Front-matter keys that describe an entity (its card and page) without
#: deciding which words are mentions of it; its Markdown body is the same.
_DESCRIPTIVE = frozenset({"role", "wikidata"})


@hookimpl
def briefgen_collection_shared(site: Site, collection: str) -> dict[str, Any] | None:
    """Names, aliases, kind and matching flags decide which articles mention
    an entity; a new role, Wikidata id or description changes only the
    articles that do (their mentions' cards)."""
    if collection != COLLECTION:
        return None
    return {
        f"{COLLECTION}/{doc.slug}": {k: v for k, v in doc.meta.items() if k not in _DESCRIPTIVE}
        for doc in site.collection(COLLECTION)
    }


@hookimpl
def briefgen_annotate(article: Article, site: Site) -> list[Annotation] | None:
    state = site.data.get(NAME)
    if not state:
        return None

    def warn(message: str, file: str, line: int) -> None:
        site.warn(message, file=file, line=line, source=NAME)

    mentions = find_mentions(article, state["registry"], state["matcher"], warn)
    return to_annotations(article.text, mentions, state["registry"], state["link"])


@hookimpl
def briefgen_refresh_annotations(
    annotations: list[Annotation], site: Site
) -> list[Annotation] | None:
    # A new role, Wikidata id or description changes only the cards in the
    # mentions' data; which text is a mention depends on the shared part.
    state = site.data.get(NAME)
    if not state:
        return None
    return refresh_annotations(annotations, state["registry"])


@hookimpl
def briefgen_index_article(article: Article, site: Site) -> dict[str, ArticleMentions] | None:
    # Worked out with the article (in a worker, and cached with it), so the
    # site-wide index below only adds up.
    if not site.data.get(NAME):
        return None
    return article_mentions(site, article)


@hookimpl
def briefgen_index(site: Site) -> None:
    state = site.data.get(NAME)
    if state:
        state["in_article"] = {}
        state["sources"] = {}
        state["stats"] = entity_stats(
            site, state["registry"], NAME, state["in_article"], state["sources"]
        )


@hookimpl
def briefgen_pages(site: Site) -> list[Page] | None:
    state = site.data.get(NAME)
    if not state or "stats" not in state:
        return None
    settings = site.settings(NAME)
    label = settings.get("nav_label", "")
    per_page = settings.get("per_page") or site.config.per_page
    stats = state["stats"]
    if settings.get("pages", "referenced") == "referenced":
        # A registry can hold thousands of entries; only pages someone can
        # reach from an annotation are worth writing.
        assert site.index is not None
        wanted = {ref.split("/", 1)[1] for ref in site.index.refs(f"{COLLECTION}/")}
        stats = {eid: s for eid, s in stats.items() if eid in wanted}
    return entity_pages(site, state["registry"], stats, label, state["sources"], per_page)


@hookimpl
def briefgen_template_context(page: Page, site: Site) -> dict[str, Any] | None:
    state = site.data.get(NAME)
    if not state:
        return None
    context: dict[str, Any] = {"head_parts": ["entities/head.html"]}
    if page.kind == "article" and "article" in page.context:
        context["article_parts"] = ["entities/in-this-briefing.html"]
        seen = state.get("in_article", {}).get(page.context["article"].url, {})
        context["entities_in_article"] = in_this_briefing(seen, state["registry"])
    return context


@hookimpl
def briefgen_commands() -> list[Command]:
    return [COMMAND]
