"""The bundled quotes plugin: who said what, and pull-quote boxes.

It finds direct quotations (and reported speech that ends in "…, said NAME.")
in every article, attributes each to its speaker, resolves the speaker to an
entity when an entity plugin ran before it, turns the strongest quotations
into pull-quote boxes, and publishes ``/quotes/``, an index of speakers, with a
page of quotations per speaker. See ``docs/quotes.md``.

Modules: :mod:`.finder` (detection), :mod:`.speakers` (attribution
clauses), :mod:`.phrases` (speaker phrases: role and name), :mod:`.resolve`
(pronouns and entities), :mod:`.boxes` (boxes and their score), :mod:`.pages`
(the ``/quotes/`` pages), :mod:`.lexicon` (word lists), :mod:`.text` (words and
sentences), :mod:`.model` (the data passed between them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import Annotation, ConfigError, Setting, hookimpl

from .boxes import auto_boxes, manual_boxes
from .finder import find_quotations, quote_text
from .model import Quotation
from .pages import KIND, URL, ArticleGroup, article_groups, quote_pages
from .resolve import resolve
from .singles import reading_view
from .text import ArticleTokens

if TYPE_CHECKING:  # pragma: no cover
    from jinja2 import Environment

    from briefgen import Article, Page, Site

NAME = "quotes"
HERE = Path(__file__).resolve().parent
#: The literal mark syntax an author might try; it is not valid attrs syntax.
_BAD_MARK = "]{quote box}"


@hookimpl
def briefgen_settings() -> dict[str, Setting]:
    return {
        "max_boxes": Setting(int, 2, "most pull-quote boxes chosen automatically per article"),
        "auto": Setting(bool, True, "choose pull-quote boxes automatically"),
        "page": Setting(
            bool, True, "publish /quotes/ (an index of speakers) and a page per speaker"
        ),
        "per_page": Setting(
            int, 0, "quotations per speaker page; 0: the site's per_page, as tag pages"
        ),
    }


@hookimpl
def briefgen_annotation_kinds() -> dict[str, str]:
    return {KIND: "a direct quotation or reported speech, with its speaker"}


@hookimpl
def briefgen_template_dirs() -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def briefgen_static_dirs() -> list[Path]:
    return [HERE / "static"]


@hookimpl
def briefgen_jinja_env(env: Environment, site: Site) -> None:
    if site.settings(NAME).get("page", True):
        env.globals["nav"].append(("Quotes", URL))


@hookimpl
def briefgen_build_start(site: Site) -> None:
    settings = site.settings(NAME)
    hints = {
        "max_boxes": "use 0 (or auto: false) for no automatic boxes",
        "per_page": "use 0 for the site's per_page",
    }
    for key, hint in hints.items():
        if settings.get(key, 0) < 0:
            raise ConfigError(
                f"plugins: quotes: {key} must be 0 or more, not {settings[key]}",
                file=site.config.file,
                line=site.config.line_of("plugins", NAME, key),
                hint=hint,
            )


@hookimpl(trylast=True)  # after the entity plugin, whose mentions name speakers
def briefgen_annotate(article: Article, site: Site) -> list[Annotation]:
    settings = site.settings(NAME)
    if _BAD_MARK in article.body:
        site.warn(
            "'[…]{quote box}' is not mark syntax; write '[…]{.pullquote}' or '[…]{quote=box}'",
            file=article.relpath,
            line=article.body_line + article.body[: article.body.index(_BAD_MARK)].count("\n"),
            source=NAME,
        )
    article = reading_view(article)  # quotations in single marks read as double
    tokens = ArticleTokens(article.text)  # every step reads the same blocks
    quotations = find_quotations(article, tokens)
    chosen = manual_boxes(article, quotations, site, tokens)
    resolve(article, quotations, tokens)
    if chosen is None and settings.get("auto", True):
        auto_boxes(article.text, quotations, settings.get("max_boxes", 2))
    return [to_annotation(article, q) for q in quotations]


@hookimpl
def briefgen_refresh_annotations(annotations: list[Annotation]) -> list[Annotation] | None:
    # A quotation carries the refs of the entities who said it, found by the
    # entity plugin's mentions: by their name and kind, which are the part of
    # an entity that reaches every article. But a speaker named by a title
    # ("the mayor") is whoever mentioned before holds it, by the roles the
    # mentions carry, which may just have changed: annotate again.
    if any(type(a.data) is dict and a.data.get("by_title") for a in annotations):
        return None
    return annotations


def to_annotation(article: Article, q: Quotation) -> Annotation:
    """The ``quote`` annotation for one quotation."""
    speaker = q.speaker
    ids = [r.entity for r in ([speaker] if speaker else []) + q.others if r.entity]
    data: dict[str, Any] = {
        "text": quote_text(article.text, q),
        "speaker": speaker.name if speaker else None,
        "speaker_id": speaker.entity if speaker else None,
        "role": speaker.role if speaker else None,
        "rule": q.rule,
        "attribution": q.attribution.how if q.attribution else ("context" if speaker else None),
        "box": q.box,
    }
    if q.others:
        data["speakers"] = [r.name for r in [*([speaker] if speaker else []), *q.others]]
    if q.box:
        data["box_source"] = q.box_source
    if any(r.by_title for r in ([speaker] if speaker else []) + q.others):
        data["by_title"] = True
    refs = tuple(dict.fromkeys(f"entities/{i}" for i in ids))
    return Annotation(q.start, q.end, KIND, data, refs, inline=True, aside=q.box)


@hookimpl
def briefgen_pages(site: Site) -> list[Page]:
    settings = site.settings(NAME)
    if not settings.get("page", True):
        return []
    return quote_pages(site, settings.get("per_page") or site.config.per_page, NAME)


@hookimpl
def briefgen_index_article(article: Article) -> tuple[int, tuple[ArticleGroup, ...]]:
    # Each article's quotations grouped by speaker, cached with it: the
    # pages then add up groups instead of going through every quotation.
    return article_groups(article)


@hookimpl
def briefgen_template_context(page: Page) -> dict[str, Any]:
    return {"head_parts": ["quotes/head.html"]}
