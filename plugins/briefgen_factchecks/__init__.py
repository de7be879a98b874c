"""The bundled fact-check plugin: verdicts beside the claims they judge.

The newsroom's fact-checks live in ``content/factchecks/<slug>.md`` (or in an
article's front matter under ``factchecks:``). Their match phrases locate the
claim in articles; the sentence that makes it is highlighted and a callout
with the verdict, the explanation and the sources follows its paragraph.
``/factchecks/`` lists every check by verdict, ``/factchecks/<slug>/`` shows
one with every article where the claim appears, and each page that shows a
check carries schema.org ClaimReview. See ``docs/factchecks.md``.

Written against the public hook API only, like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import Setting, hookimpl

from .checking import check_site
from .claims import KIND, find_claims
from .library import COLLECTION, FactCheck, Library, load_library
from .pages import INDEX_URL, factcheck_pages, page_context
from .scale import Scale, build_scale

if TYPE_CHECKING:  # pragma: no cover
    from jinja2 import Environment

    from briefgen import Annotation, Article, Page, Site

NAME = "factchecks"
HERE = Path(__file__).resolve().parent

__all__ = ["FactCheck", "Library", "Scale"]


def library_of(site: Site) -> Library | None:
    """The fact-check library prepared for this build (None before it is)."""
    return site.data.get(NAME)


@hookimpl
def briefgen_settings() -> dict[str, Setting]:
    return {
        "verdicts": Setting(
            dict,
            {},
            "Changes to the verdict scale, merged over the default (true, mostly-true, "
            "mixed, misleading, mostly-false, false, unproven): name -> {label, rating "
            "1-5 or null, description, icon}; name: false removes a verdict.",
        ),
        "max_matches_per_article": Setting(
            int,
            1,
            "How many sentences of one article a match phrase may be found in before "
            "it is reported (a fact-check's own max_matches overrides it).",
        ),
        "organization": Setting(
            str,
            "",
            "The name of the organisation publishing the fact-checks, for ClaimReview "
            "(default: the site's title).",
        ),
    }


@hookimpl
def briefgen_collections() -> list[str]:
    return [COLLECTION]


@hookimpl
def briefgen_annotation_kinds() -> dict[str, str]:
    return {KIND: "a sentence making a claim that the newsroom has fact-checked"}


@hookimpl
def briefgen_template_dirs() -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def briefgen_static_dirs() -> list[Path]:
    return [HERE / "static"]


@hookimpl
def briefgen_jinja_env(env: Environment, site: Site) -> None:
    env.globals["nav"].append(("Fact-checks", INDEX_URL))

    def factcheck(slug: str) -> FactCheck | None:
        """The fact-check with this slug, for templates."""
        library = library_of(site)
        return library.checks.get(slug) if library else None

    env.globals["factcheck"] = factcheck


@hookimpl
def briefgen_build_start(site: Site) -> None:
    settings = site.settings(NAME)
    config = site.config
    if settings.get("max_matches_per_article", 1) < 1:
        raise config.error(
            "'max_matches_per_article' must be 1 or more",
            "plugins",
            NAME,
            "max_matches_per_article",
        )
    scale = build_scale(settings.get("verdicts") or {}, config)
    site.data[NAME] = load_library(
        site,
        scale,
        max_matches=settings.get("max_matches_per_article", 1),
        organization=settings.get("organization", ""),
    )


@hookimpl
def briefgen_annotate(article: Article, site: Site) -> list[Annotation]:
    library = library_of(site)
    return find_claims(article, library) if library else []


@hookimpl
def briefgen_refresh_annotations(
    annotations: list[Annotation], refs: set[str]
) -> list[Annotation] | None:
    # A claim carries its claimant's entity ref. Of the entity, only its name
    # (in the claim's data) and its aliases (which name it in a restatement)
    # count, and a change to either reaches every article anyway. A
    # fact-check's own changes annotate again.
    if any(ref.startswith(f"{COLLECTION}/") for ref in refs):
        return None
    return annotations


@hookimpl
def briefgen_index(site: Site) -> None:
    library = library_of(site)
    if library:
        check_site(site, library)


@hookimpl
def briefgen_pages(site: Site) -> list[Page]:
    library = library_of(site)
    return factcheck_pages(site, library) if library else []


@hookimpl
def briefgen_template_context(page: Page, site: Site) -> dict[str, Any] | None:
    library = library_of(site)
    return page_context(page, site, library) if library else None
