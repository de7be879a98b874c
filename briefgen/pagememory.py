"""What a long-running builder remembers of its pages from one build to the next.

After an edit on a large site nearly every page is kept as it was, and each
one still cost a key (from its declared sources) and two looks at the file
system (its previous file, and the same file in the folder being staged):
37,000 pages at 10,000 articles, 1.5-3 s a rebuild. A builder that keeps its
site in memory (the preview's) knows more than that: an unchanged article is
the very same object from build to build, and it placed every file itself.

So :class:`PageMemory` keeps, for each page of the last build that
succeeded, what its sources were and since when its file is the same (and,
for each article's annotations.json, since when it is the same). A page
whose url, template, kind, title, layout and sources are what they were,
with none of those articles or split documents changed and the site's
fingerprint the same, has the key it had: it is not worked out again. If its
file has not been rendered or replaced since the build whose output the
staging folder holds, the file is in the staging folder already: nothing is
looked at; an unchanged article's annotations.json likewise. Everything
else goes the ordinary way.

Only for output folders nothing else writes to (the preview's, which the
same trust lets :class:`~briefgen.output.FolderListings` remember).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .cachekeys import PageKeys
from .content import Article
from .pages import Page


class PageMemory:
    """The pages and annotation files of a kept builder's last successful
    build (see the module).

    Per build: :meth:`begin` first; :meth:`file_in_staging` and
    :meth:`note_file` for each article's annotations.json; :meth:`start`
    before the page stage, :meth:`same_sources` and :meth:`in_staging` for
    each page, :meth:`note` for each page as it ends up; and :meth:`commit`
    once the build is published, :meth:`abandoned` when it failed (the
    memory stays as it was) or :meth:`stopped` when it gave way. These
    three also follow which build's output each folder holds."""

    def __init__(self) -> None:
        self.build = 0
        #: output path -> (url, template, kind, title, layout, sources,
        #: source key, the build since which its file is the same).
        self._pages: dict[str, tuple[Any, ...]] = {}
        self._pending: dict[str, tuple[Any, ...]] = {}
        #: output path of an annotations.json -> since when it is the same.
        self._files: dict[str, int] = {}
        self._pending_files: dict[str, int] = {}
        #: id(article) -> (the article, its key), as the last build had them.
        self._articles: dict[int, tuple[Article, str | None]] = {}
        self._refs: dict[str, str] = {}
        self._prefix = ""
        #: Folder -> the build whose output it holds as that build left it.
        self._holds: dict[str, int] = {}
        #: Folder -> the files builds that gave way staged into it since.
        self._touched: dict[str, set[str]] = {}
        # This build's view:
        self._usable = False
        self._dirty: set[int] = set()
        self._dirty_refs: set[str] = set()
        self._staging_holds: int | None = None
        self._staging_touched: set[str] = set()
        self._same: set[str] = set()  # the pages same_sources said yes to
        self._next: tuple[dict[int, tuple[Article, str | None]], dict[str, str], str] | None = None

    def begin(self, staging: str) -> None:
        """A build begins; its files go to the folder ``staging``."""
        self.build += 1
        self._staging_holds = self._holds.get(staging)
        self._staging_touched = self._touched.get(staging, set())
        self._pending, self._pending_files = {}, {}
        self._same = set()

    def file_in_staging(self, rel: str, key: str, entry: Any) -> bool:
        """Is the annotations.json ``rel``, made from ``key`` (``entry``: its
        manifest entry of the last build), in the staging folder already?"""
        holds = self._staging_holds
        if holds is None or entry is None or len(entry) != 3 or entry[0] != key:
            return False
        since = self._files.get(rel)
        return since is not None and since <= holds and rel not in self._staging_touched

    def note_file(self, rel: str, kept: bool) -> None:
        """The annotations.json ``rel`` is staged: the one the last build
        published (``kept``), or maybe a new file."""
        since = self._files.get(rel) if kept else None
        self._pending_files[rel] = self.build if since is None else since

    def start(self, keys: PageKeys, articles: Sequence[Article], refs: dict[str, str]) -> None:
        """A build's page stage begins: ``keys`` are its page keys (with the
        articles' keys), ``refs`` the split documents' fingerprints."""
        self._usable = keys.prefix == self._prefix and bool(self._pages)
        known = self._articles
        now: dict[int, tuple[Article, str | None]] = {}
        dirty: set[int] = set()
        for article in articles:
            key = keys.keys.get(id(article))
            old = known.get(id(article))
            if old is None or old[0] is not article or old[1] != key or key is None:
                dirty.add(id(article))
            now[id(article)] = (article, key)
        self._dirty = dirty
        old_refs = self._refs
        self._dirty_refs = {
            ref for ref in old_refs.keys() | refs.keys() if old_refs.get(ref) != refs.get(ref)
        }
        self._next = (now, dict(refs), keys.prefix)

    def same_sources(self, page: Page, rel: str, entry: Any) -> bool:
        """Is ``page`` (published at ``rel``, with the manifest ``entry`` of
        the last build) made from the very sources it was, none of them
        changed, so that its key is the one in ``entry``?"""
        if not self._usable or page.sources is None:
            return False
        old = self._pages.get(rel)
        if old is None or entry is None or entry[5:] != [old[6]]:
            return False
        url, template, kind, title, layout, sources = old[:6]
        if (
            url != page.url
            or template != page.template
            or kind != page.kind
            or title != page.title
            or layout != page.layout
        ):
            return False
        # The same objects (a tuple comparison looks at identity first); an
        # equal new article is caught by the dirty set, which holds every
        # article that is not the very object of the last build.
        new = tuple(page.sources)
        if new != sources or not self._dirty.isdisjoint(map(id, new)):
            return False
        if self._dirty_refs and not self._dirty_refs.isdisjoint(s for s in new if type(s) is str):
            return False
        self._same.add(rel)  # its record need not be made again (see note)
        return True

    def in_staging(self, rel: str) -> bool:
        """Is the file of page ``rel``, kept by :meth:`same_sources`, in the
        staging folder already (the same file since before the build whose
        output that folder holds)?"""
        holds = self._staging_holds
        old = self._pages.get(rel)
        return (
            holds is not None
            and old is not None
            and old[7] <= holds
            and rel not in self._staging_touched
        )

    def note(self, page: Page, rel: str, entry: Any, kept: bool) -> None:
        """How page ``rel`` ended up: its manifest ``entry``, and whether its
        file is the one the last build published (``kept``; else it was
        rendered, and its file may be new)."""
        if page.sources is None or entry is None or len(entry) < 6:
            return
        old = self._pages.get(rel)
        if kept and rel in self._same and old is not None and old[6] == entry[5]:
            self._pending[rel] = old  # as it was, to the last field
            return
        since = old[7] if kept and old is not None else self.build
        self._pending[rel] = (
            page.url,
            page.template,
            page.kind,
            page.title,
            page.layout,
            tuple(page.sources),
            entry[5],
            since,
        )

    def commit(self, output: str, spare: str) -> None:
        """The build was published into ``output``; ``spare`` now holds what
        ``output`` held before."""
        assert self._next is not None
        self._articles, self._refs, self._prefix = self._next
        self._pages, self._pending, self._next = self._pending, {}, None
        self._files, self._pending_files = self._pending_files, {}
        before = self._holds.pop(output, None)
        self._holds[output] = self.build
        # The folders swapped: the one staged into is the output, complete.
        self._touched.pop(spare, None)
        self._touched.pop(output, None)
        if before is None:
            self._holds.pop(spare, None)
        else:
            self._holds[spare] = before

    def abandoned(self, staging: str) -> None:
        """The build failed after staging files into ``staging``."""
        self._holds.pop(staging, None)
        self._touched.pop(staging, None)
        self._pending, self._pending_files, self._next = {}, {}, None

    def stopped(self, staging: str, touched: set[str]) -> None:
        """The build gave way after staging the files ``touched`` into
        ``staging``: the folder holds what it held but for those."""
        if staging in self._holds:
            self._touched[staging] = self._touched.get(staging, set()) | touched
        self._pending, self._pending_files, self._next = {}, {}, None
