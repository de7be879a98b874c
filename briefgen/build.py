"""The build: one entry point shared by the CLI, the server and the tests.

    load (config, plugins, theme, content) -> annotate each article
    -> index -> pages -> render -> publish (atomic)

Each stage is a function over the :class:`~briefgen.site.Site`; none reaches
into another's internals. Work per article (:func:`process_article`) depends
only on the article, the configuration and what plugins prepared in
``briefgen_build_start``, so it can be cached by content hash and spread over
processes.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import __version__
from .cache import CACHE_DIR, Cache
from .cachekeys import (
    IndexedRecords,
    PageKeys,
    base_fingerprint,
    site_fingerprints,
    site_summary,
)
from .config import Config, load_config
from .content import (
    ARTICLES,
    Article,
    FrontMatterMemo,
    collection_folders,
    load_articles,
    load_collection,
)
from .digests import ReadFile, engine_fingerprint, output_state
from .errors import (
    BriefgenError,
    BuildSuperseded,
    BuildWarning,
    PluginError,
    StrictModeError,
)
from .lastbuild import BuildResult, check_inputs, inputs_now, last_build_name
from .mdparse import create_markdown
from .output import MARKER, STAGED, FolderListings, Staging, check_output_folder
from .pagegen import (
    EarlyPages,
    Reuse,
    collect_pages,
    early_article_pages,
    new_entry,
    render_pages,
    reuse_if_unchanged,
    sitemap,
    static_files,
)
from .pagememory import PageMemory
from .pages import Page
from .plugins import load_plugins
from .pool import default_jobs
from .process import Export, process_articles
from .site import Site, SiteIndex
from .stash import Stash
from .theme import create_environment, theme_chain

# ---------------------------------------------------------------- loading


def load_site(
    source: Path | str,
    *,
    output: Path | str | None = None,
    drafts: bool = False,
    config: Config | None = None,
    memo: FrontMatterMemo | None = None,
    cache: Cache | None = None,
    read: dict[str, ReadFile] | None = None,
) -> Site:
    """Read site.yml, load plugins and theme, and load all content (taking
    the front matter of unchanged files from ``memo`` when given, and the
    files in ``read`` from there: see :func:`~briefgen.content.read_document`).
    What plugins keep with ``site.cached`` goes to ``cache`` (none: not kept)."""
    source = Path(source).resolve()
    config = config or load_config(source)
    plugins = load_plugins(config)
    site = Site(config=config, plugins=plugins, drafts=drafts)
    site.output_dir = Path(output).resolve() if output else config.output_dir
    site.themes = theme_chain(
        config.theme, source, config_file=config.file, line=config.line_of("theme")
    )
    _load_collections(site, memo, read)
    site.articles = load_articles(source, config.permalink, drafts=drafts, memo=memo, read=read)
    _make_environment(site)
    site.md = create_markdown(raw_html=config.raw_html)
    plugins.call("briefgen_markdown", md=site.md, site=site)
    site.stash = Stash(cache, base_fingerprint(site))
    plugins.call("briefgen_build_start", site=site)
    site.fingerprints = site_fingerprints(site)
    return site


def _make_environment(site: Site) -> None:
    """The Jinja environment: site templates, theme chain, plugin templates."""
    site.plugin_template_dirs = [
        Path(p) for _, dirs in site.plugins.call("briefgen_template_dirs", site=site) for p in dirs
    ]
    site.env = create_environment(site.source, site.themes, site.plugin_template_dirs)
    site.env.globals.update(site=site, config=site.config, briefgen_version=__version__)
    site.plugins.call("briefgen_jinja_env", env=site.env, site=site)


def _load_collections(
    site: Site, memo: FrontMatterMemo | None = None, read: dict[str, ReadFile] | None = None
) -> None:
    claimed: dict[str, str] = {}
    for plugin, names in site.plugins.call("briefgen_collections", site=site):
        for name in names:
            if name == ARTICLES:
                raise PluginError(
                    f"plugin '{plugin}' claims content/{ARTICLES}/, which belongs to the engine",
                    plugin=plugin,
                    hook="briefgen_collections",
                )
            if name in claimed:
                raise PluginError(
                    f"plugins '{claimed[name]}' and '{plugin}' both claim content/{name}/",
                    plugin=plugin,
                    hook="briefgen_collections",
                    hint="turn one of them off in site.yml",
                )
            claimed[name] = plugin
            site.owners[name] = plugin
            site.collections[name] = load_collection(site.source, name, memo, read)
    _warn_unclaimed(site)


def _warn_unclaimed(site: Site) -> None:
    for name in collection_folders(site.source):
        if name not in site.collections:
            site.warn(
                f"content/{name}/ is not claimed by any plugin and is ignored",
                file=f"content/{name}",
                source="briefgen",
            )


# ---------------------------------------------------------------- stages


Progress = Callable[[str, int, int], None]


def annotate_site(
    site: Site,
    *,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    export: Export | None = None,
    done: Callable[[Article, str, Any], None] | None = None,
    previous_index: SiteIndex | None = None,
    keep_index_parts: bool = False,
    own: dict[int, str] | None = None,
) -> dict[int, str]:
    """Run the article stage for every article, then build the site index.

    Without ``cache``, the site's own is used, as a build uses it: an
    article a build (or an earlier call) annotated is taken from there, and
    what is annotated here is kept there. ``jobs`` is the number of
    processes (default: one per core). ``export``, ``done`` and ``own`` are
    as for :func:`~briefgen.process.process_articles`; ``previous_index``
    and ``keep_index_parts`` are as for :class:`~briefgen.site.SiteIndex`
    (a builder that will build again passes them). Returns each article's
    cache key (by ``id(article)``)."""
    cache = cache or Cache(site.source / CACHE_DIR)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    total, count = len(site.articles), 0

    def step(n: int) -> None:
        nonlocal count
        count += n
        if progress:
            progress("articles", count, total)

    keys = process_articles(
        site, cache, jobs=jobs, progress=step, export=export, done=done, own=own
    )
    site.index = SiteIndex(site.articles, previous_index, keep_parts=keep_index_parts)
    site.plugins.call("briefgen_index", site=site)
    return keys


# ---------------------------------------------------------------- build


def build(
    source: Path | str = ".",
    *,
    output: Path | str | None = None,
    strict: bool = False,
    drafts: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the site in ``source`` into its output folder, atomically.

    Raises :class:`BriefgenError` (with file and line) on bad input; the
    previously published output is then left exactly as it was. ``jobs`` is
    the number of processes (default: the number of cores); ``use_cache``
    False ignores and does not update ``.briefgen-cache/``.
    """
    t0 = time.perf_counter()
    inputs = check_inputs(source, output, drafts=drafts, strict=strict) if use_cache else None
    if inputs is not None and inputs.unchanged is not None:
        inputs.unchanged.timings["total"] = time.perf_counter() - t0
        return inputs.unchanged
    builder = Builder(
        source, output=output, drafts=drafts, jobs=jobs, use_cache=use_cache, keep=False
    )
    try:
        return builder.rebuild(
            strict=strict,
            progress=progress,
            inputs=inputs.fingerprint if inputs else None,
            read=inputs.read if inputs else None,
            published=inputs.published if inputs else None,
        )
    finally:
        builder.cache.close()


class Builder:
    """Builds a site again and again, redoing only what changed.

    The CLI's ``build`` uses it once. The preview server keeps one and calls
    :meth:`rebuild` with the paths that changed: the loaded site (content,
    plugins, templates, registries) and the work per article stay in memory,
    so one changed article costs that article and the pages that show it.
    Whatever the changes, the output is the same as a clean build's.
    """

    def __init__(
        self,
        source: Path | str,
        *,
        output: Path | str | None = None,
        drafts: bool = False,
        jobs: int | None = None,
        use_cache: bool = True,
        record: bool = True,
        keep: bool = True,
        listings: Path | None = None,
    ) -> None:
        self.source = Path(source).resolve()
        self.output = Path(output).resolve() if output else None
        self.drafts = drafts
        self.jobs = default_jobs() if jobs is None else max(1, jobs)
        self.use_cache = use_cache
        self.record = record  # write the record the CLI's "nothing changed" check reads
        # Keep each article's cached work in memory for the next rebuild (the
        # preview); a one-off build leaves it on disk and needs less memory.
        self.keep = keep
        self.site: Site | None = None
        self.cache = Cache(self.source / CACHE_DIR, enabled=use_cache, remember=keep)
        self._front_matter: FrontMatterMemo | None = None
        self._front_matter_saved: set[str] = set()
        # What each output folder (and its spare) holds, as the last build
        # into it left it. ``listings`` says the output folders are this
        # builder's alone (the preview's): what they hold is kept there
        # between runs (see FolderListings), and what each page was made
        # from is remembered from build to build (see PageMemory).
        own = listings is not None
        self._listings = FolderListings(Path(listings)) if own else None
        self._published: dict[str, set[str]] = self._listings.load() if self._listings else {}
        self._pages_memory = PageMemory() if own and keep else None
        self._previous_index: SiteIndex | None = None
        # Where the records plugins took from each article sit, for page
        # keys: kept between builds, like the index's parts.
        self._indexed_records = IndexedRecords() if keep else None
        #: The output folder of the last build that succeeded, and (kept
        #: between builds only) its page manifest, as written to the cache.
        self._last_output: Path | None = None
        self._last_manifest: dict[str, Any] | None = None

    def rebuild(
        self,
        changed_paths: Sequence[Path] = (),
        *,
        strict: bool = False,
        progress: Progress | None = None,
        output: Path | str | None = None,
        inputs: str | None = None,
        early: EarlyPages | None = None,
        read: dict[str, ReadFile] | None = None,
        published: Collection[str] | None = None,
    ) -> BuildResult:
        """Build after ``changed_paths`` changed (all of them on the first call).

        ``output`` builds into another folder than the last time (the preview
        alternates between two, so the one being served is never written).
        ``inputs`` is the fingerprint of the inputs taken just before (see
        :func:`~briefgen.lastbuild.check_inputs`); the build's record says it
        was made from them. Without it, they are fingerprinted here.
        ``early`` asks for some pages before the build is done (see
        :class:`~briefgen.pagegen.EarlyPages`); the output is the same.
        ``read``: the Markdown files the fingerprint was taken from, as read
        then (see :class:`~briefgen.digests.DigestMemo`), loaded from there
        rather than read again; emptied once the site is loaded.
        ``published``: the files of the output folder, as the last build
        published them (see :func:`~briefgen.lastbuild.published_files`),
        which is then not walked."""
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        if output is not None:
            self.output = Path(output).resolve()
        if self.record and self.use_cache and inputs is None:
            found = inputs_now(self.source, self.output, self.drafts)
            inputs, read = (found.fingerprint, found.read) if found else (None, None)
        # A build makes millions of small objects and few cycles: collecting
        # less often saves a tenth of the time or more.
        thresholds = gc.get_threshold()
        gc.set_threshold(100_000, 50, 100)
        enabled = gc.isenabled()
        try:
            # What loading makes (documents, registries, templates, plugins'
            # tables) lives for the whole build and holds few cycles: the
            # collector is kept out of it while it is made (on a registry of
            # 10,000 entities it would look at a few million objects, more
            # than once), then told never to look at it.
            gc.disable()
            try:
                site = self._load(changed_paths, read or {})
            finally:
                if read:
                    read.clear()  # what was not loaded (drafts, say) is not needed
                gc.freeze()
                if enabled:
                    gc.enable()
            if self.output is not None and site.output_dir != self.output:
                site.output_dir = self.output
                check_output_folder(self.output, site.source)
            timings["load"] = time.perf_counter() - t0
            return self._finish(site, strict, progress, timings, t0, inputs, early, published)
        except BuildSuperseded:
            # Given way once the articles were annotated: the site is as
            # loaded, and the next build goes on from it.
            raise
        except BaseException:
            self.site = None  # a failed build starts from scratch next time
            raise
        finally:
            gc.unfreeze()
            gc.set_threshold(*thresholds)

    # -- loading -----------------------------------------------------------

    def _load(self, changed: Sequence[Path], read: dict[str, ReadFile]) -> Site:
        site = self.site
        kinds = {self._classify(Path(p)) for p in changed}
        if site is None or not changed or "all" in kinds:
            site = load_site(
                self.source,
                output=self.output,
                drafts=self.drafts,
                memo=self._memo(),
                cache=self.cache,
                read=read,
            )
            assert site.output_dir is not None
            check_output_folder(site.output_dir, site.source)
            self._keep_compiled_templates(site)
            self.site = site
            return site
        if "templates" in kinds:
            _make_environment(site)
        for kind in kinds:
            if kind.startswith("collection:"):
                name = kind.split(":", 1)[1]
                if name in site.collections:
                    site.collections[name] = load_collection(site.source, name, self._memo(), read)
        if "articles" in kinds:
            # A file reported changed is read again even when its size and
            # time look the same (an edit within one tick of a coarse clock).
            # Known by device and inode: a stat per article where it is
            # listed, not a resolve() of every article's path.
            site.articles = load_articles(
                site.source,
                site.config.permalink,
                drafts=self.drafts,
                reuse=site.articles,
                memo=self._memo(),
                reread=_file_ids(changed),
                read=read,
            )
        site.warnings = []
        _warn_unclaimed(site)
        self._previous_index, site.index = site.index, None
        site.plugins.call("briefgen_build_start", site=site)
        site.fingerprints = site_fingerprints(site)
        self._keep_compiled_templates(site)
        return site

    def _memo(self) -> FrontMatterMemo:
        """The parsed front matter of earlier builds (kept in the cache)."""
        if self._front_matter is None:
            entries = self.cache.get("meta", _front_matter_record())
            self._front_matter = FrontMatterMemo(entries)
        return self._front_matter

    def _keep_compiled_templates(self, site: Site) -> None:
        """Keep Jinja's compiled templates in the cache folder, so a build
        (and each of its worker processes) does not compile them again.

        Jinja checks each template's source and its own version; the folder is
        keyed by briefgen's code, the plugins' code and settings and the
        configuration, which cover everything else that changes how Jinja
        compiles (extensions, options)."""
        assert site.env is not None
        if not self.cache.enabled:
            return
        name = "jinja-" + site.fingerprints["base"][:16]
        folder = self.cache.root / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for old in self.cache.root.glob("jinja-*"):
                if old.name != name:
                    shutil.rmtree(old, ignore_errors=True)
        except OSError:
            return  # a cache that cannot be written only costs time
        site.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))

    def _classify(self, path: Path) -> str:
        """What a changed file affects: 'articles', 'collection:<name>',
        'templates', 'static', or 'all' (configuration, plugins, anything else)."""
        try:
            rel = path.resolve().relative_to(self.source)
        except ValueError:
            return "all"
        parts = rel.parts
        if not parts:
            return "all"
        if parts[0] == "content" and len(parts) > 2:
            return "articles" if parts[1] == ARTICLES else f"collection:{parts[1]}"
        if parts[0] == "templates":
            return "templates"
        if parts[0] == "themes" and path.suffix != ".yml":
            return "static" if "static" in parts else "templates"
        if parts[0] == "static":
            return "static"
        return "all"

    # -- the rest of the build ---------------------------------------------

    def _finish(
        self,
        site: Site,
        strict: bool,
        progress: Progress | None,
        timings: dict[str, float],
        t0: float,
        inputs: str | None,
        early: EarlyPages | None = None,
        published: Collection[str] | None = None,
    ) -> BuildResult:
        assert site.output_dir is not None
        cache = self.cache
        hits_before = cache.hits
        # Files are staged beside the output as they are made; the output is
        # swapped for them only once everything is made (see output.py).
        staging = Staging(site.output_dir, self._published, published)
        try:
            made = self._make(site, staging, progress, timings, early)
            if strict and site.warnings:
                raise StrictModeError.of(site.warnings)
            t = time.perf_counter()
            for rel, value in made.files.items():
                if value is not STAGED:
                    staging.put(rel, value)
        except BuildSuperseded:
            touched = staging.stopped()
            if self._pages_memory is not None:
                self._pages_memory.stopped(str(staging.spare), touched)
            raise
        except BaseException:
            staging.abandon()
            if self._pages_memory is not None:
                self._pages_memory.abandoned(str(staging.spare))
            raise
        try:
            stats = staging.finish(set(made.files))
        except BaseException:
            if self._pages_memory is not None:  # the staging folder was written to
                self._pages_memory.abandoned(str(staging.spare))
            raise
        if self._listings is not None:
            self._listings.save(self._published)
        if self._pages_memory is not None:
            self._pages_memory.commit(str(staging.output), str(staging.spare))
        written = self._remember(site, made, inputs)
        self._last_output = site.output_dir
        self._last_manifest = written if self.keep else None
        timings["write"] = time.perf_counter() - t
        try:
            site.plugins.call("briefgen_build_finish", site=site, output=site.output_dir)
        except BriefgenError as exc:
            site.warn(f"after the build: {exc}", source="briefgen_build_finish")
        timings["total"] = time.perf_counter() - t0
        index = site.index
        return BuildResult(
            output=site.output_dir,
            articles=len(site.articles),
            pages=len(made.pages),
            files=len(made.files),
            annotations=index.counts() if index else {},
            warnings=list(site.warnings),
            timings=timings,
            rendered=made.rendered,
            cache_hits=cache.hits - hits_before,
            **stats,
        )

    def _make(
        self,
        site: Site,
        staging: Staging,
        progress: Progress | None,
        timings: dict[str, float],
        early: EarlyPages | None = None,
    ) -> _Made:
        """Annotate the articles and render the pages, staging files as they
        come; return every file of the new output (staged or still to put)."""
        assert site.output_dir is not None
        files: dict[str, bytes | Path | Reuse | object] = {}

        def staged(rel: str, written: bool) -> None:
            # A file staging.place() wrote or kept, in whichever process.
            staging.note(rel, written)
            files[rel] = STAGED

        # Files are reused from the previous output: this folder's, or, when
        # the last build went to another folder (the preview alternates
        # between two), that one's, which is newer and was made by this very
        # builder: a first build into the second folder then links what it
        # can from the first instead of rendering the whole site again.
        origin = site.output_dir
        previous = None
        if self._last_output is not None and self.cache.enabled:
            origin = self._last_output
            previous = self._last_manifest  # not read back (15 MB at 10,000 articles)
        if previous is None:
            previous = self.cache.read_json(_manifest_name(origin)) or {}
        manifest: dict[str, Any] = {}
        memory = self._pages_memory
        if memory is not None:
            memory.begin(str(staging.spare))

        # With pages wanted early (the preview), the annotations.json files
        # this process places wait until those pages are sent: on a large
        # site that is thousands of links, which the open page need not wait for.
        later: list[Callable[[], None]] | None = [] if early is not None else None
        main = os.getpid()

        def export(article: Article, key: str, data: Callable[[], bytes]) -> tuple[str, Any, Any]:
            # Runs in whichever process made the article (see process.py).
            rel = article.url.lstrip("/") + "annotations.json"
            if later is not None and os.getpid() == main:
                return rel, _LATER, (key, data)
            return place(rel, key, data)

        def place(rel: str, key: str, data: Callable[[], bytes]) -> tuple[str, Any, bool]:
            entry = previous.get(rel)
            if memory is not None and memory.file_in_staging(rel, key, entry):
                return rel, entry, False
            reuse = reuse_if_unchanged(origin, rel, key, entry)
            if reuse is not None:
                return rel, entry, staging.place(rel, reuse)
            return rel, new_entry(key), staging.place(rel, data())

        def article_done(article: Article, key: str, exported: tuple[str, Any, Any]) -> None:
            rel, entry, written = exported
            if entry is _LATER:
                assert later is not None
                later.append(lambda: article_done(article, key, place(rel, *written)))
                return
            staged(rel, written)
            manifest[rel] = entry
            if memory is not None:  # from a worker, never the same object: maybe new
                memory.note_file(rel, kept=entry is previous.get(rel))

        t = time.perf_counter()
        own: dict[int, str] = {}
        keys = annotate_site(
            site,
            cache=self.cache,
            jobs=self.jobs,
            progress=progress,
            export=export,
            done=article_done,
            previous_index=self._previous_index,
            keep_index_parts=self.keep,
            own=own,
        )
        self._previous_index = None  # site.index holds what is still needed
        timings["articles"] = time.perf_counter() - t
        t = time.perf_counter()
        page_keys = PageKeys(site, keys, site_summary(site), self._indexed_records, own)
        if memory is not None:
            memory.start(page_keys, site.articles, site.ref_fingerprints)
        if early is not None:
            early_article_pages(site, early, page_keys, previous, origin)
            early.checkpoint(page_stage=False)
        for step in later or ():
            step()
        pages = collect_pages(site, (lambda: early.checkpoint(page_stage=False)) if early else None)
        total, done = len(pages), 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("pages", done, total)

        reused, rendered = render_pages(
            site,
            pages,
            page_keys,
            previous=previous,
            manifest=manifest,
            jobs=self.jobs,
            progress=step,
            place=staging.place,
            placed=staged,
            early=early,
            reuse_from=origin,
            memory=memory,
        )
        files.update(reused)
        if site.config.sitemap:
            files["sitemap.xml"] = sitemap(site, pages)
        for rel, path in static_files(site).items():
            files.setdefault(rel, path)
        timings["pages"] = time.perf_counter() - t
        return _Made(files, pages, manifest, _manifest_name(site.output_dir), rendered)

    def _remember(self, site: Site, made: _Made, inputs: str | None) -> dict[str, Any]:
        """Write the page manifest and the record of this build to the cache;
        return the manifest as written."""
        assert site.output_dir is not None
        cache, manifest = self.cache, made.manifest
        for rel, entry in manifest.items():
            if entry is not None and entry[1] is None:
                try:
                    st = os.stat(site.output_dir / rel)
                    entry[1:3] = [st.st_size, st.st_mtime_ns]
                except OSError:
                    manifest[rel] = None
        written = {k: v for k, v in manifest.items() if v}
        if self._listings is not None:
            # The preview: the manifest on disk is for its next start only
            # (this builder keeps its own), so the build need not wait for it.
            cache.write_json_soon(made.manifest_name, written)
        else:
            cache.write_json(made.manifest_name, written)
        if self._front_matter is not None:
            docs = [*site.articles, *(d for ds in site.collections.values() for d in ds)]
            entries = self._front_matter.only({d.digest for d in docs})
            if entries.keys() != self._front_matter_saved:
                cache.put("meta", _front_matter_record(), entries)
                self._front_matter_saved = set(entries)
        if self.record and inputs is not None:
            cache.write_json(
                last_build_name(site.output_dir),
                {
                    "input": inputs,
                    "output": _published_state(site.output_dir, made),
                    "result": {
                        "articles": len(site.articles),
                        "pages": len(made.pages),
                        "files": len(made.files),
                        "annotations": site.index.counts() if site.index else {},
                    },
                    "warnings": [[w.message, w.file, w.line, w.source] for w in site.warnings],
                },
            )
        return written


def _published_state(output: Path, made: _Made) -> dict[str, list[int]]:
    """What :func:`~briefgen.digests.output_state` finds in the output just
    published, without walking its thousands of folders: pages and
    annotations.json as the manifest has them (stat'ed when written; a kept
    file is the very file its entry describes), every other file stat'ed."""
    state: dict[str, list[int]] = {}
    try:
        for rel in (*made.files, MARKER):
            entry = made.manifest.get(rel)
            if entry:
                state[rel] = [entry[1], entry[2]]
            else:
                st = os.stat(output / rel)
                state[rel] = [st.st_size, st.st_mtime_ns]
    except OSError:
        return output_state(output)
    return state


def _file_ids(paths: Sequence[Path]) -> set[tuple[int, int]]:
    """The device and inode numbers of the files among ``paths`` that exist."""
    ids = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids


#: An article's annotations.json, to be placed later (see ``Builder._make``).
_LATER = object()


def _manifest_name(output: Path) -> str:
    """The cache file of the page manifest of the output folder ``output``."""
    return "pages-" + hashlib.sha256(str(output).encode()).hexdigest()[:16] + ".json"


def _front_matter_record() -> str:
    """The cache record holding parsed front matter (see FrontMatterMemo),
    one per version of briefgen's code, which decides how files are read."""
    return "front-matter-" + engine_fingerprint()[:16]


@dataclass
class _Made:
    """What a build made, before it is published."""

    files: dict[str, Any]  # every output file: staged, or content to put
    pages: list[Page]
    manifest: dict[str, Any]
    manifest_name: str
    rendered: int


def check(
    source: Path | str = ".",
    *,
    drafts: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
) -> list[BuildWarning]:
    """Load and annotate the whole site without writing any output; return
    the warnings (the same ones ``build --strict`` fails on). Articles are
    taken from the cache a build keeps, and those annotated here are kept
    there (unless ``use_cache`` is False), over ``jobs`` processes."""
    cache = Cache(Path(source).resolve() / CACHE_DIR, enabled=use_cache)
    try:
        site = load_site(source, drafts=drafts, cache=cache)  # plugins' kept tables too
        annotate_site(site, cache=cache, jobs=jobs)
        collect_pages(site)
    finally:
        cache.close()
    return list(site.warnings)
