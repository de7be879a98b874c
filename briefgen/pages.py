"""Pages: what gets rendered through a template to a file in the output."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .content import Article, Document


@dataclass
class Page:
    """One output file rendered from a template.

    - ``url``: where it is published, e.g. ``/entities/kyiv/`` (written as
      ``entities/kyiv/index.html``) or ``/feed.xml`` (written as is).
    - ``template``: the template to render, e.g. ``entity.html``.
    - ``context``: variables for the template (``page``, ``site`` and ``url()``
      are always there).
    - ``title``: the page title; ``kind``: what it is (``article``, ``home``,
      ``tag``, or a plugin's own word), for templates and context hooks.
    - ``sources``: what the context was made from, for the cache (optional).
      Each item is an :class:`~briefgen.Article` (all of it: its text,
      metadata and annotations), a :class:`~briefgen.Document` of a
      collection, or a ref such as ``entities/kyiv`` (that document, present
      or not). Beyond these, a context
      may depend only on what every page depends on: the configuration,
      plugins and their settings, the parts of collections that can change
      any article, and the list of articles with their metadata. A page
      that declares its sources is rendered again when one of them, or one
      of those, or a template it used, changed; otherwise it is kept
      without its context being made or even looked at, which is what
      makes a build after a small change fast on a large site. Without
      ``sources`` the whole context is fingerprinted on every build, which
      is always right but costs time on every page. See
      :func:`briefgen.hookspecs.briefgen_template_context` for what context
      hooks may add to a page that declares its sources.
    - ``layout``: with ``sources``, a string standing for what else the
      context was worked out from: how the items of a paginated listing fall
      onto its pages and the counts it shows, when they come from more than
      this page's sources (the articles quoting a speaker, not only those
      quoted on page 3). A page of such a listing can then declare only the
      articles it shows as its sources, with the same ``layout`` on every
      page (a digest of how many items each article gives, in order, and of
      the counts), and is kept when neither changed. Part of the sources'
      fingerprint; ignored without ``sources``.
    - ``own_content``: with ``sources``, True when the page shows of its
      source articles only what each holds of its own: its metadata, its
      text, its annotations' spans, kinds and refs, and whatever their data
      draws from the article itself and from the shared parts of
      collections (see ``briefgen_collection_shared``); not its rendered
      body, and not what the documents its annotations refer to add to
      their data (an entity's role in a mention's card). Documents the page
      does show (its speaker's entity, say) are listed among its sources.
      Such a page is kept when only those other documents changed, where
      any page showing the articles is otherwise made again (a role edit
      touches every article that mentions the entity). What
      ``briefgen_template_context`` hooks add to it must keep to the same.
    """

    url: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    kind: str = "page"
    plugin: str = ""
    sources: Collection[Article | Document | str] | None = None
    layout: str = ""
    own_content: bool = False

    @cached_property
    def output_path(self) -> str:
        """Path of the file inside the output folder (POSIX separators)."""
        path = self.url.lstrip("/")
        if not path or path.endswith("/"):
            path += "index.html"
        return path


def url_maker(from_url: str | None, base_path: str = "/") -> Callable[[str], str]:
    """``relative_url`` from one page, as the ``url()`` its templates call
    (a page calls it dozens of times). A site path outside the page's first
    folder, the usual case, needs no comparison: it is as many ``../`` as
    the page is deep, then the path."""
    if from_url is None:
        return lambda target: relative_url(None, target, base_path)
    depth = from_url.count("/") - 1
    up = "../" * depth
    top = "/" + from_url.split("/")[1] + "/" if depth else ""

    def url(target: str) -> str:
        if depth and target[:1] == "/" and target[1:2] != "/" and not target.startswith(top):
            return up + target[1:]
        return relative_url(from_url, target, base_path)

    return url


def relative_url(from_url: str | None, target: str, base_path: str = "/") -> str:
    """The link from the page at ``from_url`` to the site path ``target``.

    Site paths start with '/'. Links between pages are relative, so a site
    works under any sub-path (and from the file system). With no ``from_url``
    (the 404 page, which is served at any address), the link is absolute from
    the site's ``base_path``. Anything that is not a site path (``https://``,
    ``mailto:``, ``#frag``) is returned unchanged.
    """
    if not target.startswith("/") or target.startswith("//"):
        return target
    if from_url is None:
        return base_path.rstrip("/") + target
    path, hash_, frag = target.partition("#")
    from_parts = from_url.split("/")[1:-1]  # directories of the page
    to_parts = path.split("/")[1:]  # the last part is a file name or ""
    common = 0
    for a, b in zip(from_parts, to_parts[:-1], strict=False):
        if a != b:
            break
        common += 1
    rel = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    return (rel or "./") + hash_ + frag
