"""Helpers for testing briefgen plugins (the bundled ones use them too).

    from briefgen.testing import build_site

    def test_marks_terms(tmp_path):
        built = build_site(tmp_path, {
            "site.yml": "title: Test\\n",
            "content/articles/a.md": "---\\ntitle: A\\ndate: 2025-01-01\\n---\\nHello.",
            "plugins/glossary.py": PLUGIN_SOURCE,
        })
        article = built.article("a")
        assert [a.kind for a in article.annotations] == ["term"]
        assert "<dfn" in article.body_html

``build_site`` writes the files into a folder, builds the site for real
(the same :func:`briefgen.build.build` as the CLI) and returns a
:class:`BuiltSite` for looking at the result without parsing files by hand.
"""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .annotations import Annotation
from .build import Builder, BuildResult
from .content import Article
from .plugins import ENV_RESTRICT
from .site import Site

__all__ = ["BuiltArticle", "BuiltSite", "build_site", "write_files"]


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text) under ``root``. Text is
    dedented, so triple-quoted strings can be indented in tests. A
    ``site.yml`` with a title is added when none is given."""
    root = Path(root)
    files = dict(files)
    files.setdefault("site.yml", "title: Test site\n")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@dataclass
class BuiltArticle:
    """One article of a built site."""

    article: Article
    output: Path

    @property
    def text(self) -> str:
        """The article's plain text, which annotation offsets point into."""
        return self.article.text

    @property
    def annotations(self) -> list[Annotation]:
        return self.article.annotations

    def of_kind(self, kind: str) -> list[Annotation]:
        return [a for a in self.article.annotations if a.kind == kind]

    def exact(self, annotation: Annotation) -> str:
        """The text an annotation covers."""
        return self.article.text[annotation.start : annotation.end]

    @property
    def body_html(self) -> str:
        """The article body as rendered, annotations applied."""
        return self.article.html

    @property
    def html(self) -> str:
        """The whole published page."""
        return (self.output / self.article.url.lstrip("/") / "index.html").read_text("utf-8")

    @property
    def exported(self) -> dict[str, Any]:
        """The published annotations.json (W3C Web Annotation)."""
        path = self.output / self.article.url.lstrip("/") / "annotations.json"
        return json.loads(path.read_text("utf-8"))


@dataclass
class BuiltSite:
    """A site built by :func:`build_site`."""

    root: Path
    output: Path
    site: Site
    result: BuildResult

    def article(self, slug: str) -> BuiltArticle:
        for article in self.site.articles:
            if article.slug == slug:
                return BuiltArticle(article, self.output)
        raise KeyError(f"no article with slug {slug!r}")

    def page(self, url: str) -> str:
        """The published file at site path ``url`` (``/tags/x/`` or ``/feed.xml``)."""
        rel = url.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        return (self.output / rel).read_text("utf-8")

    def exists(self, url: str) -> bool:
        rel = url.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        return (self.output / rel).is_file()

    @property
    def warnings(self) -> list[str]:
        return [str(w) for w in self.result.warnings]


def build_site(
    root: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    strict: bool = False,
    drafts: bool = False,
    plugins: list[str] | None = None,
) -> BuiltSite:
    """Write ``files`` under ``root`` (if given), build the site, and return it.

    The build is the real one (published into ``root/public`` unless site.yml
    says otherwise); the returned :class:`BuiltSite` also holds the
    :class:`~briefgen.site.Site` that build made, annotated and indexed, so
    tests can look at articles and the site index directly.
    ``plugins`` names the plugins to load (default: every installed and local
    plugin), so a test does not depend on plugins it is not about.
    """
    if files:
        write_files(root, files)
    saved = os.environ.get(ENV_RESTRICT)
    if plugins is not None:
        os.environ[ENV_RESTRICT] = ",".join(plugins)
    try:
        builder = Builder(root, drafts=drafts)
        result = builder.rebuild(strict=strict)
        site = builder.site
        assert site is not None
    finally:
        if plugins is not None:
            if saved is None:
                os.environ.pop(ENV_RESTRICT, None)
            else:
                os.environ[ENV_RESTRICT] = saved
    return BuiltSite(Path(root), result.output, site, result)


#: Debian's chromium, which browser tests drive through Playwright (never a
#: browser that Playwright downloads).
CHROMIUM = "/usr/bin/chromium"
#: Headless, and quiet on a machine without network access; --no-sandbox
#: because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sync_playwright_or_skip() -> Any:
    """Playwright's ``sync_playwright``, for a browser test.

    On a machine without Debian's chromium or without playwright the test is
    skipped with the command to install it; in CI (``CI`` set), where both are
    installed by ``.ci/run``, their absence is a failure, never a skip.
    """
    import pytest

    problem = None
    if not os.access(CHROMIUM, os.X_OK):
        problem = f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = problem or "playwright is not installed (pip install playwright)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return sync_playwright


def launch_chromium(playwright: Any) -> Any:
    """Start Debian's chromium from a ``sync_playwright()`` context."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
