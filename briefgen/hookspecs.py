"""Every hook a briefgen plugin can implement, in the order a build calls them.

This module is the one source of truth for the plugin API: the hook reference
in ``docs/hooks.md`` is generated from these docstrings (``briefgen hooks
--markdown``) and a test fails when the two differ.

A plugin is a module or object with functions decorated with
``@briefgen.hookimpl`` whose names are hook names below. An implementation may
accept any subset of a hook's arguments, by name. Every hook that receives
``site`` also offers ``settings``: the plugin's own validated settings from
``site.yml`` (the same as ``site.settings("<name>")``, without having to know
the name the plugin was installed or saved under). Hooks are called once per
plugin, in plugin order (see ``docs/plugins.md``); a hook that returns values
collects them from every plugin. When an implementation raises, the build stops
with an error naming the plugin, the hook and the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from jinja2 import Environment
    from markdown_it import MarkdownIt

    from .annotations import Annotation
    from .content import Article
    from .pages import Page
    from .plugins import Command, Setting
    from .site import Site

hookspec = pluggy.HookspecMarker("briefgen")


@hookspec
def briefgen_settings() -> dict[str, Setting] | None:
    """Declare the settings the plugin accepts in ``site.yml``.

    When: once, right after the plugins are loaded, before anything else.

    Returns: a mapping of setting name to :class:`briefgen.Setting` (type,
    default, help). The engine validates the ``plugins: {<name>: {...}}`` block
    of ``site.yml`` against it, reporting unknown keys and wrong types with the
    line in ``site.yml``; the plugin reads the result with
    ``site.settings("<name>")``. Return ``None`` (or do not implement the hook)
    when the plugin has no settings.
    """


@hookspec
def briefgen_collections(site: Site, settings: dict[str, Any]) -> list[str] | None:
    """Claim folders under ``content/`` as collections of this plugin.

    When: once per build, after the configuration is read and plugins are
    loaded, before any content is read.

    Gets: ``site``, the build context.

    Returns: names of folders under ``content/`` (for example ``["entities"]``).
    The engine loads every ``*.md`` file under each claimed folder as a
    :class:`briefgen.Document` (front matter with line numbers, Markdown body)
    and makes them available as ``site.collection(name)``. ``articles`` belongs
    to the engine; a folder nobody claims is reported as a warning.
    """


@hookspec
def briefgen_annotation_kinds() -> dict[str, str] | None:
    """Declare the annotation kinds the plugin produces.

    When: once, after the plugins are loaded.

    Returns: a mapping of kind name to a one-line description, e.g.
    ``{"entity": "a mention of a known person, organisation or place"}``.
    An annotation of an undeclared kind is an error. Each kind whose
    annotations render inline needs a template ``annotations/<kind>.html``,
    and each kind with asides needs ``asides/<kind>.html``, in the theme, the
    site's ``templates/`` or a folder the plugin returns from
    :func:`briefgen_template_dirs`.
    """


@hookspec
def briefgen_template_dirs(site: Site, settings: dict[str, Any]) -> list[Path] | None:
    """Add folders of Jinja templates (partials, pages) that the plugin ships.

    When: once per build, when the template environment is created.

    Returns: folders to search after the site's ``templates/`` and after the
    theme chain, so a site or theme can override any template a plugin ships.
    """


@hookspec
def briefgen_static_dirs(site: Site, settings: dict[str, Any]) -> list[Path] | None:
    """Add folders of static files (CSS, images, scripts) to publish.

    When: once per build, while the output is written.

    Returns: folders whose contents are copied to ``/static/`` in the output,
    after the theme's static files (a plugin cannot replace a theme's file).
    Templates link them with ``url('/static/<file>')``.
    """


@hookspec
def briefgen_jinja_env(env: Environment, site: Site, settings: dict[str, Any]) -> None:
    """Adjust the Jinja environment: add filters, tests and globals.

    When: once per build, after the environment is created (collections and
    articles are loaded by then, not yet parsed).

    Gets: ``env``, the :class:`jinja2.Environment` (autoescaping is on and
    must stay on), and ``site``. Returns nothing.
    """


@hookspec
def briefgen_markdown(md: MarkdownIt, site: Site, settings: dict[str, Any]) -> None:
    """Add Markdown syntax by modifying the markdown-it-py parser.

    When: once per build, after the engine has set up its own extensions
    (tables, footnotes, strikethrough, heading anchors, ``[text]{attrs}``).

    Gets: ``md``, the :class:`markdown_it.MarkdownIt` instance (call
    ``md.use(...)`` or add rules), and ``site``. Returns nothing. Syntax that
    marks text for annotation should produce ``span_open``/``span_close``
    tokens with attributes in ``meta["insecure_attrs"]``, as ``[text]{k=v}``
    does; they reach :func:`briefgen_annotate` as ``article.marks``.
    """


@hookspec
def briefgen_build_start(site: Site, settings: dict[str, Any]) -> None:
    """Prepare for a build: read collections, build registries, check input.

    When: once per build, after content is loaded and before any article is
    annotated. Collections are in ``site.collection(name)``; articles in
    ``site.articles`` (not yet parsed).

    Gets: ``site``. Store what the plugin prepares in ``site.data[<name>]``
    (it must be picklable: articles may be annotated in other processes).
    Raise :class:`briefgen.ContentError` with the file and line for bad
    input; call ``site.warn(...)`` for problems that should not stop a build
    unless ``--strict``. Returns nothing.

    It runs, with the loading of content, while Python's cyclic garbage
    collector is paused: a registry of many thousands of small objects is
    built without the collector looking at it, and once loaded it is kept
    out of every later collection. Objects that refer to each other in a
    cycle and are dropped here are freed only after the build.
    """


@hookspec
def briefgen_collection_shared(
    site: Site, collection: str, settings: dict[str, Any]
) -> dict[str, Any] | None:
    """Say what of each document in a collection can change any article.

    When: once per build and per collection, after
    :func:`briefgen_build_start`; only the plugin that claims the collection
    is asked.

    Gets: ``site`` and ``collection``, the folder's name (its documents are
    ``site.collection(collection)``).

    Returns: None (the default), and any change to a document of the
    collection annotates every article again. Or a dict mapping each
    document's ref (``"<collection>/<slug>"``) to JSON-serialisable data: the
    part of the document that annotation may use for articles that do not
    refer to it (for entities: names, aliases, kind, matching flags). The
    rest of a document (a role, a description) then changes only articles
    whose annotations carry its ref: those are annotated again (or only
    their annotations' data brought up to date, see
    :func:`briefgen_refresh_annotations`), every other article is taken from
    the cache. A document left out of the dict counts as wholly shared. This
    is a promise about every plugin's
    :func:`briefgen_annotate`: none may let the rest of a document change an
    annotation that does not carry the document's ref. It is also one about
    pages: a page may show the rest of a document only through its context
    (the document itself, or an object holding what the page shows of it)
    or through articles whose annotations carry the document's ref, never
    through a template global that reads the collection; pages are rendered
    again only when what they hold changed.
    """


@hookspec
def briefgen_annotate(
    article: Article, site: Site, settings: dict[str, Any]
) -> list[Annotation] | None:
    """Find annotations in one article.

    When: once per article, after it is parsed, in plugin order.

    Gets: ``article``, whose ``text`` is the plain text of the body (blocks
    separated by blank lines), with ``blocks`` (each block's span and kind:
    paragraph, heading, code, ...), ``is_prose(start, end)`` (false inside
    code, headings and links), ``marks`` (explicit ``[text]{key=value}``
    marks), ``meta`` (front matter) and ``annotations`` (what plugins called
    earlier returned, already checked); and ``site``.

    Returns: a list of :class:`briefgen.Annotation` (start and end offsets
    into ``article.text``, a declared kind, JSON-serialisable data) or None.
    The engine checks them (in bounds, known kind), gives each an id, and
    renders them: inline spans through ``annotations/<kind>.html`` and asides
    through ``asides/<kind>.html`` after the block that holds the span's end.
    Nested spans are kept; crossing spans are both kept and the later one is
    split where it crosses.
    """


@hookspec
def briefgen_refresh_annotations(
    article: Article,
    annotations: list[Annotation],
    refs: set[str],
    site: Site,
    settings: dict[str, Any],
) -> list[Annotation] | None:
    """Bring this plugin's annotations of an article up to date after the
    rest of documents they refer to changed, instead of annotating the
    article again.

    When: in the article stage, for an article taken from the cache whose
    annotations carry the refs of documents that changed only in the part
    :func:`briefgen_collection_shared` leaves out (an entity's role, say):
    nothing else its work depends on changed. Asked of every plugin that
    implements it, in plugin order, in the main process, whether or not its
    own annotations carry those refs: a plugin whose annotations read what
    other plugins' annotations hold (an entity mention's role, say) finds
    out here that it changed. If a plugin whose annotations carry one of
    those refs does not implement the hook, or any plugin returns None, the
    article is annotated again from scratch (every plugin's
    :func:`briefgen_annotate`), as it is without the hook. A plugin that
    implements neither this hook nor annotations carrying those refs is
    taken to be unaffected.

    Gets: ``article`` as its cached work left it (``text``, ``blocks``,
    ``meta``, and ``annotations``: every plugin's, numbered, those of the
    plugins asked before this one already refreshed); this plugin's
    own ``annotations`` of it, in order; ``refs``, the refs of the documents
    that changed; and ``site``, loaded for this build.

    Returns: the annotations again, in the same order, with the same spans,
    kinds, refs and ``inline`` and ``aside`` flags, each with the ``data``
    :func:`briefgen_annotate` would give it now (anything else stops the
    build with an error naming the plugin); or None. The engine then renders
    the article's body again and runs :func:`briefgen_index_article` again.
    Only data may change this way: a plugin whose spans (which text is
    annotated) could depend on the rest of a document returns None. Treat
    the annotations it gets as read-only (the cached work holds them):
    return new ones where data changes (``dataclasses.replace(annotation,
    data=...)``), the same objects where it does not. An article refreshed
    this way must come out exactly as one annotated again would.
    """


@hookspec
def briefgen_index_article(article: Article, site: Site, settings: dict[str, Any]) -> Any:
    """Take from one article what this plugin's :func:`briefgen_index` needs.

    When: once per article whose annotations are made (not for an article
    taken from the cache), after every plugin's :func:`briefgen_annotate`,
    in the same process (a pool worker during a parallel build), in plugin
    order.

    Gets: ``article`` with its final ``annotations`` (checked, with their
    ids), ``text``, ``blocks`` and front matter; and ``site``.

    Returns: any picklable value, or None for nothing (a value that cannot
    be pickled stops the build with an error naming the plugin and the
    article). The engine keeps it with the article's cached work and hands
    it back as ``article.indexed[<plugin name>]`` (``article.indexed.get(...)``)
    in every later build that takes the article from the cache, so
    :func:`briefgen_index` reads it instead of going through the article's
    annotations again. A long-running builder (the preview's) keeps the same
    objects from build to build. So the value must depend only on what the
    article's cache key holds: the article file, the configuration, the
    plugins' code and settings, the shared part of collections (see
    :func:`briefgen_collection_shared`) and the documents its annotations
    refer to; not on other articles, and not on the rest of a collection
    (which entries exist): filter by those in :func:`briefgen_index`. Treat
    it as read-only once returned: page keys write a dataclass instance
    found in it (the value itself, or one in a dict, list or tuple value)
    as the article's key and its place, not field by field, when a page's
    context lists such records.
    """


@hookspec
def briefgen_index(site: Site, settings: dict[str, Any]) -> None:
    """Build site-wide indexes once every article is annotated.

    When: once per build, after all articles are annotated and rendered to
    HTML, before pages are rendered.

    Gets: ``site``, with ``site.articles`` (each with its ``annotations``
    and what plugins took from it in ``indexed``, see
    :func:`briefgen_index_article`) and ``site.index`` (the engine's index
    of annotations by kind and by the refs they carry, e.g.
    ``site.index.referencing("entities/donald-trump")``). Store derived data
    in ``site.data[<name>]``. Returns nothing.
    """


@hookspec
def briefgen_pages(site: Site, settings: dict[str, Any]) -> list[Page] | None:
    """Contribute extra pages (entity pages, an index of quotes, ...).

    When: once per build, after :func:`briefgen_index`.

    Returns: a list of :class:`briefgen.Page` (URL ending in ``/`` or a file
    name, template name, context). Two pages with one URL is an error naming
    both plugins.

    Give each page its ``sources`` (the articles and documents its context
    was made from) where you can: a build then keeps every page whose
    sources did not change without making its context or looking at it.
    Undeclared pages are fingerprinted from their whole context on every
    build (see :class:`briefgen.Page`).
    """


@hookspec
def briefgen_template_context(
    page: Page, site: Site, settings: dict[str, Any]
) -> dict[str, Any] | None:
    """Add variables to the context of a page about to be rendered.

    When: once per page (articles, home, tags, plugin pages) whose context
    the build needs: for a page that declares its ``sources``, only when
    one of them changed (its context is then compared with the last
    build's, and rendered if it differs); for a page that does not, on
    every build (its key is made from its whole context).

    Gets: ``page`` (its ``kind``, ``url``, ``template``, ``context`` and
    ``sources``) and ``site``. Returns: a mapping merged into the page's
    context, or None.

    What you add for a page that declares its ``sources`` must follow from
    those and from what every page depends on (configuration, plugins,
    settings, the shared parts of collections, the list of articles with
    their metadata): such a page is not rendered again, and this hook not
    called, unless one of them changed. Adding what the page's own context
    holds (its article's annotations, the documents they refer to) is
    fine; adding, say, counts over the whole site index is not, since an
    edit elsewhere would leave the page stale. For a page that declares
    ``own_content``, add nothing that the documents its source articles
    refer to put into them (an entity's role): see :class:`briefgen.Page`
    (the home and tag pages declare it when the theme does, see
    :func:`briefgen.theme.listings_of_own_content`).
    """


@hookspec
def briefgen_build_finish(site: Site, output: Path, settings: dict[str, Any]) -> None:
    """Run after a successful build, once the new output is in place.

    When: once per build, after the output folder has been swapped in.

    Gets: ``site`` and ``output``, the published folder. Returns nothing.
    An exception here is reported, but the output stays published.
    """


@hookspec
def briefgen_commands() -> list[Command] | None:
    """Add sub-commands to the ``briefgen`` command line.

    When: when the command line is parsed (plugins of the site in the
    current folder or ``--source`` are loaded first).

    Returns: a list of :class:`briefgen.Command`; each adds ``briefgen
    <name> ...`` with its own arguments. Commands run with the loaded
    :class:`briefgen.Site` (configuration, plugins, content; not yet
    annotated: call ``briefgen.build.annotate_site(site)`` to run every
    article through the plugins and build ``site.index``, taking the
    articles a build annotated from its cache) and return an exit status.
    """
