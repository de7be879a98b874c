"""Loading content: Markdown files with YAML front matter.

``content/articles/`` holds the briefings (one file each, or a folder with an
``index.md`` and the files it links to). Other folders under ``content/`` are
collections that plugins claim; their files are loaded as :class:`Document`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import ReadFile, tree_files
from .errors import ContentError
from .yamlfile import Located, load_yaml

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it.token import Token

    from .annotations import Annotation, AnnotationShelf

ARTICLES = "articles"
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_SLUG_OK = re.compile(r"^[\w][\w.-]*$")


def slugify(text: str) -> str:
    """A URL-safe slug: ASCII where possible, lowercase, words joined by '-'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s_]+", "-", text).strip("-") or "item"


@dataclass(eq=False)
class Document:
    """A Markdown file with front matter.

    ``meta`` is the front matter; ``located.line_of(key)`` gives the line of a
    key in the file; ``body`` is the Markdown after the front matter and
    ``body_line`` the line it starts on.
    """

    path: Path
    relpath: str
    slug: str
    meta: dict[str, Any]
    body: str
    body_line: int
    located: Located
    digest: str = ""
    stat: tuple[int, int] = (0, 0)  # size and modification time when read

    def line_of(self, *path: str | int) -> int:
        return self.located.line_of(*path)

    def error(self, message: str, *path: str | int, hint: str | None = None) -> ContentError:
        """A ContentError pointing at ``path`` in this file's front matter."""
        return ContentError(message, file=self.relpath, line=self.line_of(*path), hint=hint)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article's text: its span and what it is."""

    start: int
    end: int
    kind: str  # paragraph, heading, code, table, html
    line: int  # line in the source file

    def __reduce__(self) -> tuple[Any, ...]:
        # As constructor arguments: a frozen dataclass with slots is otherwise
        # unpickled field by field in Python, ten times slower (every cached
        # article holds dozens of blocks).
        return (Block, (self.start, self.end, self.kind, self.line))


@dataclass(frozen=True, slots=True)
class Mark:
    """An explicit mark such as ``[text]{entity=donald-trump}``."""

    start: int
    end: int
    attrs: dict[str, str]
    classes: tuple[str, ...]
    line: int

    def __reduce__(self) -> tuple[Any, ...]:
        return (Mark, (self.start, self.end, self.attrs, self.classes, self.line))


@dataclass(eq=False)
class Article(Document):
    """A briefing. Parsing fills ``text``, ``blocks``, ``marks`` and ``tokens``;
    annotating fills ``annotations``; rendering fills ``html`` (the W3C
    export of the annotations goes straight to annotations.json beside the
    page)."""

    title: str = ""
    date: dt.date = dt.date(1970, 1, 1)
    updated: dt.date | None = None
    summary: str = ""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    draft: bool = False
    url: str = ""
    bundle_dir: Path | None = None  # folder of a folder article, for its files
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    unprose: list[tuple[int, int]] = field(default_factory=list)
    code_spans: list[tuple[int, int]] = field(default_factory=list)
    link_spans: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    #: What each plugin took from the article for its index, by plugin name
    #: (see the ``briefgen_index_article`` hook).
    indexed: dict[str, Any] = field(default_factory=dict)
    #: The rendered body, as UTF-8 (see :attr:`html`).
    html_utf8: bytes = b""

    def defer_body(self, load: Callable[[Article], tuple[Any, ...]]) -> None:
        """Leave the fields the body's work fills (:data:`BODY_FIELDS`) to be
        loaded when one of them is first read: ``load(article)`` gives their
        values, in that order. A build that takes an article's work from
        the cache reads them only for the few articles whose pages it
        makes; the pages of others need only their annotations and index
        records. A field set meanwhile keeps the value it was given."""
        for name in BODY_FIELDS:
            self.__dict__.pop(name, None)
        self.__dict__[_LOAD_BODY] = load

    def set_body(self, values: tuple[Any, ...]) -> None:
        """Set the :data:`BODY_FIELDS`, in that order (and load none)."""
        self.__dict__.pop(_LOAD_BODY, None)
        for name, value in zip(BODY_FIELDS, values, strict=True):
            setattr(self, name, value)

    def defer_annotations(self, shelf: AnnotationShelf) -> None:
        """Leave ``annotations`` to be taken from ``shelf`` when first read
        (see :class:`~briefgen.annotations.AnnotationShelf`); until then
        :meth:`annotations_of` and the site index read only the kinds they
        ask for. Setting ``annotations`` meanwhile puts the shelf aside."""
        self.__dict__.pop("annotations", None)
        self.__dict__[_SHELF] = shelf

    def annotations_of(self, kind: str) -> list[Annotation]:
        """The article's annotations of ``kind``, in order. The same objects
        as in ``annotations``; cheaper than filtering it when the article
        came from the cache, as only that kind's are loaded."""
        shelf = self.shelf()
        if shelf is not None:
            return list(shelf.of_kind(kind))
        return [ann for ann in self.annotations if ann.kind == kind]

    def shelf(self) -> AnnotationShelf | None:
        """The shelf ``annotations`` are still to be taken from (see
        :meth:`defer_annotations`), or None when they are at hand."""
        if "annotations" in self.__dict__:
            return None
        return self.__dict__.get(_SHELF)

    def defer_source(self) -> None:
        """Leave ``body``, the Markdown after the front matter, to be read
        from the file when first asked for: a build that takes the article's
        work from the cache never needs it. The file must then still hold
        the bytes of ``digest``; if it changed meanwhile the build stops
        with a message to build again (its work would be filed under the
        other bytes' key)."""
        self.__dict__.pop("body", None)
        self.__dict__[_UNREAD] = True

    def _read_source(self) -> str:
        with open(self.path, "rb") as fh:
            raw = fh.read()
        if hashlib.sha256(raw).hexdigest() != self.digest:
            raise ContentError(
                "the file changed while the site was being built",
                file=self.relpath,
                hint="build again",
            )
        return split_front_matter(_decoded(raw, self.relpath), self.relpath)[1]

    def __getattr__(self, name: str) -> Any:
        # Called only for a name the instance does not hold: a body field
        # left to be loaded (see defer_body), annotations left on their
        # shelf, the source left unread (see defer_source), or no attribute
        # at all.
        if name == "body" and self.__dict__.pop(_UNREAD, False):
            body = self.__dict__["body"] = self._read_source()
            return body
        if name == "annotations":
            shelf = self.__dict__.get(_SHELF)
            if shelf is None:
                raise AttributeError(f"'Article' object has no attribute {name!r}")
            annotations = self.__dict__["annotations"] = shelf.all()
            return annotations
        load = self.__dict__.get(_LOAD_BODY) if name in BODY_FIELDS else None
        if load is None:
            raise AttributeError(f"'Article' object has no attribute {name!r}")
        self._load_body()
        return self.__dict__[name]

    def _load_body(self) -> None:
        load = self.__dict__.pop(_LOAD_BODY, None)
        if load is not None:
            for name, value in zip(BODY_FIELDS, load(self), strict=True):
                self.__dict__.setdefault(name, value)

    def __getstate__(self) -> dict[str, Any]:
        self._load_body()
        return self.__dict__

    @property
    def html(self) -> str:
        """The rendered body. Kept encoded: news copy has curly quotes and
        dashes, which make a ``str`` take two bytes per character; a large
        site holds every body until its page is rendered."""
        return self.html_utf8.decode("utf-8")

    @html.setter
    def html(self, value: str) -> None:
        self.html_utf8 = value.encode("utf-8")

    def is_prose(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is ordinary prose: in a paragraph, list
        item, quote or table, and not in code, a heading or a link."""
        return not _overlaps(self.unprose, start, end)

    def in_code(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` touches inline code or a code block."""
        return _overlaps(self.code_spans, start, end)

    def in_link(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` touches the text of a link."""
        return _overlaps(self.link_spans, start, end)

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset`` in ``text``, or None between blocks."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.blocks) and self.blocks[lo].start <= offset:
            return self.blocks[lo]
        return None

    def line_at(self, offset: int) -> int:
        """The source line (in the file) of the block holding ``offset``."""
        block = self.block_at(offset)
        if block is None:
            return self.body_line
        return block.line + self.text.count("\n", block.start, offset)


#: The fields of an :class:`Article` made from its body with its
#: annotations, which :meth:`Article.defer_body` may leave to be loaded.
BODY_FIELDS = ("text", "blocks", "unprose", "code_spans", "link_spans", "html_utf8")
_LOAD_BODY = "_load_body_fields"
_SHELF = "_annotation_shelf"
_UNREAD = "_source_unread"
# The dataclass's defaults stay in its __init__; without them on the class,
# a field an instance does not hold reaches Article.__getattr__.
for _name in BODY_FIELDS:
    if _name in Article.__dict__:
        delattr(Article, _name)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets any of the sorted, disjoint ``spans``."""
    lo, hi = 0, len(spans)
    while lo < hi:  # first span ending after start
        mid = (lo + hi) // 2
        if spans[mid][1] <= start:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] < end


def split_front_matter(text: str, relpath: str) -> tuple[str | None, str, int]:
    """Split a file into (front matter text, body, first line of the body)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != "---":
        return None, text, 1
    # Line by line to the closing fence, not the whole file: the body is
    # most of it, and is taken as it stands.
    start = pos = end + 1
    i = 1
    while end >= 0:
        end = text.find("\n", pos)
        if _FENCE.match(text[pos:] if end < 0 else text[pos:end]):
            return text[start : max(start, pos - 1)], "" if end < 0 else text[end + 1 :], i + 2
        pos, i = end + 1, i + 1
    raise ContentError(
        "front matter is not closed",
        file=relpath,
        line=1,
        hint="end the front matter with a line holding only ---",
    )


class FrontMatterMemo:
    """Parsed front matter remembered by the digest of its file, so that
    files which did not change are not parsed again (reading YAML with the
    line of every key is the slow part of loading a large site).

    Entries are kept pickled and unpickled on each use: every document gets
    data of its own, whatever a build does to it."""

    def __init__(self, entries: dict[str, bytes] | None = None) -> None:
        self.entries = dict(entries or {})

    def get(self, digest: str) -> tuple[Any, dict[tuple, int], int] | None:
        """The front matter's data, the line of each key and the line the
        body starts on."""
        raw = self.entries.get(digest)
        return None if raw is None else pickle.loads(raw)

    def put(self, digest: str, data: Any, lines: dict[tuple, int], body_line: int) -> None:
        self.entries[digest] = pickle.dumps((data, lines, body_line), protocol=5)

    def only(self, digests: set[str]) -> dict[str, bytes]:
        """The entries of these files (those of the site as it is now)."""
        return {d: raw for d, raw in self.entries.items() if d in digests}


def read_document(
    path: Path,
    root: Path,
    slug: str | None = None,
    memo: FrontMatterMemo | None = None,
    read: dict[str, ReadFile] | None = None,
) -> Document:
    """Read one Markdown file with (optional) front matter; taken from
    ``read`` (by full path) when the input check already read it there."""
    relpath = _relative(path, root)
    found = read.pop(os.fspath(path), None) if read else None
    if found is not None and found.data is not None:
        raw, digest, stat = found
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
            st = os.fstat(fh.fileno())
        digest = hashlib.sha256(raw).hexdigest()
        stat = (st.st_size, st.st_mtime_ns)
    fm, body, body_line = split_front_matter(_decoded(raw, relpath), relpath)
    known = memo.get(digest) if memo is not None and fm is not None else None
    if fm is None:
        located = Located(data={}, file=relpath, first_line=1)
    elif known is not None:
        located = Located(data=known[0], file=relpath, first_line=2, lines=known[1])
    else:
        located = load_yaml(fm, relpath, first_line=2, error_cls=ContentError, what="front matter")
        if located.data is None:
            located.data = {}
        if not isinstance(located.data, dict):
            raise ContentError(
                "front matter must be a mapping (key: value lines)", file=relpath, line=2
            )
        if memo is not None:
            memo.put(digest, located.data, located.lines, body_line)
    if slug is None:
        slug = _slug_of(path)
    return Document(
        path=path,
        relpath=relpath,
        slug=slug,
        meta=located.data,
        body=body,
        body_line=body_line,
        located=located,
        digest=digest,
        stat=stat,
    )


def _decoded(raw: bytes, relpath: str) -> str:
    """A Markdown file's text, with Unix line ends."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            f"not UTF-8 text (byte {exc.start})", file=relpath, hint="save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n") if "\r" in text else text


def _slug_of(path: Path) -> str:
    return path.parent.name if path.name == "index.md" else path.stem


def _unread_document(
    path: Path, root: Path, memo: FrontMatterMemo | None, read: dict[str, ReadFile] | None
) -> Document | None:
    """The document of a file the input check did not read (its size and
    time are those of a digest it knew), when its front matter is in
    ``memo``: made without reading the file, its ``body`` left empty (see
    :meth:`Article.defer_source`). None otherwise."""
    found = read.get(os.fspath(path)) if read and memo is not None else None
    if found is None or found.data is not None:
        return None
    known = memo.get(found.digest) if memo is not None else None
    if known is None or len(known) < 3:
        return None
    data, lines, body_line = known
    relpath = _relative(path, root)
    located = Located(data=data, file=relpath, first_line=2, lines=lines)
    return Document(
        path, relpath, _slug_of(path), data, "", body_line, located, found.digest, found.stat
    )


def parse_date(doc: Any, key: str, value: Any) -> dt.date:
    """A front-matter date (YAML date, datetime or ISO text), or the error
    ``doc.error(message, key)`` makes (a :class:`Document`, or anything with
    the same ``error`` method)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise doc.error(f"'{key}' must be a date like 2025-03-18, not {value!r}", key)


def _as_str_list(doc: Document, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")] if key == "tags" else [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise doc.error(f"'{key}' must be a list of names", key)
    return [str(v).strip() for v in value if str(v).strip()]


def make_article(doc: Document, permalink: str) -> Article:
    """Check an article's front matter and build the :class:`Article`."""
    meta = doc.meta
    if not meta:
        raise ContentError(
            "article has no front matter",
            file=doc.relpath,
            line=1,
            hint="start the file with ---, a 'title:' and a 'date:' line, and ---",
        )
    for key in ("title", "date"):
        if key not in meta or meta[key] in (None, ""):
            raise doc.error(
                f"article is missing '{key}'",
                hint=f"add a '{key}:' line to the front matter",
            )
    title = meta["title"]
    if not isinstance(title, str | int | float):
        raise doc.error("'title' must be text", "title")
    date = parse_date(doc, "date", meta["date"])
    updated = parse_date(doc, "updated", meta["updated"]) if meta.get("updated") else None
    summary = meta.get("summary") or ""
    if not isinstance(summary, str):
        raise doc.error("'summary' must be text", "summary")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        raise doc.error("'draft' must be true or false", "draft")
    slug = doc.slug
    if "slug" in meta:
        slug = str(meta["slug"]).strip()
        if not _SLUG_OK.match(slug):
            raise doc.error(
                f"'slug' {slug!r} may hold only letters, digits, '-', '_' and '.'", "slug"
            )
    elif not _SLUG_OK.match(slug):
        slug = slugify(slug)
    url = permalink.format(
        slug=slug, year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}"
    )
    return Article(
        path=doc.path,
        relpath=doc.relpath,
        slug=slug,
        meta=meta,
        body=doc.body,
        body_line=doc.body_line,
        located=doc.located,
        digest=doc.digest,
        stat=doc.stat,
        title=str(title).strip(),
        date=date,
        updated=updated,
        summary=summary.strip(),
        authors=_as_str_list(doc, "authors", meta.get("authors")),
        tags=_as_str_list(doc, "tags", meta.get("tags")),
        draft=draft,
        url=url,
        bundle_dir=doc.path.parent if doc.path.name == "index.md" else None,
    )


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, with forward slashes."""
    full, prefix = os.fspath(path), os.fspath(root) + os.sep
    if full.startswith(prefix) and os.sep == "/":
        return full[len(prefix) :]
    return path.relative_to(root).as_posix()


def _markdown_files(folder: Path) -> list[str]:
    """The paths of the .md files under ``folder`` (links followed, as
    :func:`tree_files` does for the fingerprint of the inputs), leaving out
    those in or under a name starting with '.' or '_', sorted by path
    (folder by folder). Strings: a large site has thousands, and a ``Path``
    costs more to make than the look at an unchanged file it is made for."""
    files = tree_files(folder, skip=(".", "_"), strict=True)
    return [path for rel, path in files if rel.endswith(".md")]


def load_articles(
    source: Path,
    permalink: str,
    *,
    drafts: bool = False,
    reuse: list[Article] | None = None,
    memo: FrontMatterMemo | None = None,
    reread: Collection[tuple[int, int]] = (),
    read: dict[str, ReadFile] | None = None,
) -> list[Article]:
    """Load every article under ``content/articles``, newest first.

    A folder article is ``<slug>/index.md``; other Markdown files inside such a
    folder are its attachments, not articles. Articles in ``reuse`` whose file
    has the same size and modification time are taken as they are, unless the
    file is one of ``reread`` (device and inode numbers: files reported
    changed, read again even when an edit kept their size within one tick of
    a coarse clock). Files in ``read`` are taken from there (see
    :func:`read_document`).
    """
    known = {os.fspath(a.path): a for a in reuse or ()}
    folder = source / "content" / ARTICLES
    if not folder.is_dir():
        return []
    articles: list[Article] = []
    files = _markdown_files(folder)
    index = os.sep + "index.md"
    bundles = tuple(p[: -len("index.md")] for p in files if p.endswith(index))
    for path in files:
        if bundles and not path.endswith(index) and path.startswith(bundles):
            continue  # a folder article's attachment
        old = known.get(path)
        if old is not None:
            try:
                st = os.stat(path)
                if (st.st_size, st.st_mtime_ns) == old.stat and (
                    (st.st_dev, st.st_ino) not in reread
                ):
                    articles.append(old)
                    continue
            except OSError:
                pass
        doc = _unread_document(Path(path), source, memo, read)
        if doc is not None:
            article = make_article(doc, permalink)
            article.defer_source()
        else:
            article = make_article(
                read_document(Path(path), source, memo=memo, read=read), permalink
            )
        if article.draft and not drafts:
            continue
        articles.append(article)
    seen: dict[str, Article] = {}
    for a in articles:
        if a.url in seen:
            raise ContentError(
                f"two articles have the URL {a.url} (the other is {seen[a.url].relpath})",
                file=a.relpath,
                line=a.line_of("slug") if "slug" in a.meta else 1,
                hint="give one of them a different 'slug:'",
            )
        seen[a.url] = a
    articles.sort(key=lambda a: (a.date, a.updated or a.date, a.title, a.slug), reverse=True)
    return articles


def collection_folders(source: Path) -> list[str]:
    """Names of the folders under content/ other than articles."""
    content = source / "content"
    if not content.is_dir():
        return []
    return sorted(
        p.name
        for p in content.iterdir()
        if p.is_dir() and p.name != ARTICLES and not p.name.startswith((".", "_"))
    )


def load_collection(
    source: Path,
    name: str,
    memo: FrontMatterMemo | None = None,
    read: dict[str, ReadFile] | None = None,
) -> list[Document]:
    """Every Markdown file under ``content/<name>/``, sorted by path (those in
    ``read`` taken from there: see :func:`read_document`)."""
    folder = source / "content" / name
    if not folder.is_dir():
        return []
    docs = [read_document(Path(p), source, memo=memo, read=read) for p in _markdown_files(folder)]
    seen: dict[str, Document] = {}
    for d in docs:
        if d.slug in seen:
            raise ContentError(
                f"two files in content/{name}/ have the slug '{d.slug}' "
                f"(the other is {seen[d.slug].relpath})",
                file=d.relpath,
                hint="rename one of them",
            )
        seen[d.slug] = d
    return docs
