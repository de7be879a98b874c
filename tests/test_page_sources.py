"""Pages that declare their sources: kept without a context while their
sources stay as they were, made again when one changes, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WORDS_PLUGIN, article, recorded, same_as_clean

import briefgen.build as building
from briefgen import pagegen
from briefgen.build import Builder, build
from briefgen.errors import BuildSuperseded, PluginError
from briefgen.output import Staging
from briefgen.pagegen import EarlyPages
from briefgen.testing import write_files

#: A plugin with one page, /shelf/, made from the article a0 and the words
#: "harbour" and "quay" (which does not exist at first); ``SOURCES`` is
#: replaced by each test.
SHELF = (
    WORDS_PLUGIN
    + """
from briefgen import Page

@hookimpl
def briefgen_collection_shared(site, collection):
    # A word's "note" reaches only what refers to the word.
    return {f"words/{d.slug}": d.meta["word"] for d in site.collection(collection)}

@hookimpl
def briefgen_pages(site):
    a0 = next(a for a in site.articles if a.slug == "a0")
    words = [f"{d.meta['word']} ({d.meta['note']})" for d in site.collection("words")]
    context = {"title": a0.title, "words": sorted(words)}
    return [Page("/shelf/", "shelf.html", context, title="Shelf", kind="shelf", sources=SOURCES)]
"""
)


def make(root: Path, sources: str = '[a0, "words/harbour", "words/quay"]') -> Path:
    files = {
        f"content/articles/a{i}.md": article(f"Article {i}", f"2025-01-{i + 1:02d}")
        + f"\nThe text of part {i}.\n"
        for i in range(4)
    }
    files.update(
        {
            "plugins/shelf.py": SHELF.replace("SOURCES", sources),
            "content/words/harbour.md": "---\nword: harbour\nnote: boats\n---\n",
            "templates/shelf.html": "<p>{{ title }}: {{ words | join(', ') }}</p>",
        }
    )
    return write_files(root, files)


@pytest.fixture(autouse=True)
def _only_shelf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "shelf")


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The site, built once."""
    root = make(tmp_path / "site")
    build(root, jobs=1)
    return root


def contexts_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the pages a build (in this process) makes a context for."""
    return recorded(monkeypatch, pagegen, "page_context", lambda site, page: page.url)


def test_pages_whose_sources_did_not_change_get_no_context(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = contexts_made(monkeypatch)
    edit(built / "content/articles/a2.md", "part 2", "part two")
    result = build(built, jobs=1)
    # The edited article's own page and the listings that show it; not the
    # shelf, the other articles' pages, the tag index or the 404 page.
    assert set(asked) == {"/articles/a2/", "/", "/tags/alpha/", "/tags/beta-gamma/", "/feed.xml"}
    assert result.written == 2  # the article's page and annotations.json
    assert "part two" in (built / "public/articles/a2/index.html").read_text()
    assert same_as_clean(built, tmp_path)


@pytest.mark.parametrize(
    ("changed", "old", "new", "shown"),
    [
        ("articles/a0.md", "Article 0", "Article zero", "Article zero: harbour (boats)"),
        ("words/harbour.md", "harbour", "haven", "Article 0: haven (boats)"),
        ("words/harbour.md", "boats", "ferries", "Article 0: harbour (ferries)"),  # not shared
        ("words/quay.md", "", "", "Article 0: harbour (boats), quay (cranes)"),  # added
    ],
)
def test_a_page_is_made_again_when_one_of_its_sources_changes(
    tmp_path: Path, changed: str, old: str, new: str, shown: str
) -> None:
    root = make(tmp_path / "site")
    build(root)
    path = root / "content" / changed
    if path.exists():
        edit(path, old, new)
    else:
        path.write_text("---\nword: quay\nnote: cranes\n---\n")
    build(root)
    assert f"<p>{shown}</p>" in (root / "public/shelf/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_changed_sources_showing_the_same_context_render_nothing(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = contexts_made(monkeypatch)
    rendered = recorded(monkeypatch, pagegen, "render_page", lambda site, page, ctx: page.url)
    edit(built / "content/articles/a0.md", "part 0", "part zero")  # not the title
    build(built, jobs=1)
    assert "/shelf/" in asked  # a source changed: the context is made and compared
    assert "/shelf/" not in rendered  # ... and it is the same, so the page is kept
    assert "/articles/a0/" in rendered


def test_the_context_decides_for_pages_without_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site", sources="None")
    build(root, jobs=1)
    asked = contexts_made(monkeypatch)
    edit(root / "content/words/harbour.md", "boats", "ferries")
    build(root, jobs=1)
    assert "/shelf/" in asked
    assert "<p>Article 0: harbour (ferries)</p>" in (root / "public/shelf/index.html").read_text()


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ('"words/harbour"', "page /shelf/ from plugin 'shelf' has sources of type str"),
        ("[a0, 42]", "page /shelf/ from plugin 'shelf' lists int among its sources"),
    ],
)
def test_sources_that_are_not_articles_or_refs_are_an_error(
    tmp_path: Path, sources: str, message: str
) -> None:
    root = make(tmp_path / "site", sources=sources)
    with pytest.raises(PluginError, match=message) as caught:
        build(root)
    assert caught.value.plugin == "shelf"
    assert not (root / "public").exists()


def test_only_the_pages_left_after_the_sources_go_to_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages kept by their sources are settled in the main process; the few
    left after an edit are not worth starting page workers for, the dozens
    a template edit leaves are."""
    files = {
        f"content/articles/n{i}.md": article(f"Note {i}", f"2025-02-{i % 28 + 1:02d}")
        for i in range(60)
    }
    root = make(tmp_path / "site")
    write_files(root, files)
    calls = recorded(
        monkeypatch,
        pagegen,
        "imap_parallel",
        lambda func, state, indices, **kw: (len(indices), kw["jobs"]),
    )
    first = build(root, jobs=2)
    ((count, jobs),) = calls  # a first build: every page but one per template, on two workers
    assert jobs == 2 and count > first.pages * 3 / 4
    calls.clear()
    edit(root / "content/articles/n7.md", "First paragraph", "Opening paragraph")
    build(root, jobs=2)
    ((count, jobs),) = calls
    assert jobs == 1 and count < first.pages / 4
    assert same_as_clean(root, tmp_path)
    # A template edit leaves every article page to render again, under a
    # quarter of the site's pages (each note has tags of its own) but enough
    # for the workers of a one-off build.
    write_files(
        root,
        {
            f"content/articles/n{i}.md": article(f"Note {i}", f"2025-02-{i % 28 + 1:02d}").replace(
                "tags: [alpha, Beta Gamma]", f"tags: [t{i}a, t{i}b, t{i}c, t{i}d]"
            )
            for i in range(60)
        },
    )
    first = build(root, jobs=2)
    calls.clear()
    theme = Path(building.__file__).parents[1] / "themes/briefing/templates/article.html"
    write_files(root, {"templates/article.html": theme.read_text() + "<!-- local -->\n"})
    result = build(root, jobs=2)
    ((count, jobs),) = calls
    # Every article page but the first, rendered before the workers start.
    assert jobs == 2 and count == result.articles - 1 < first.pages / 4
    assert same_as_clean(root, tmp_path)


def test_pages_wanted_early_come_before_the_kept_pages_are_looked_at(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's open page (an article's) is ready before the build goes
    through the rest of the site, even the pages it keeps."""
    looked_at = recorded(monkeypatch, pagegen, "_kept_by_sources", lambda state, i: i)
    seen_before: list[int] = []
    edit(built / "content/articles/a1.md", "part 1", "part one")
    builder = Builder(built, jobs=1)

    def ready(path: str, html: bytes) -> None:
        seen_before.append(len(looked_at))

    early = EarlyPages(lambda: ["articles/a1/index.html"], ready)
    result = builder.rebuild(early=early)
    assert seen_before == [0]  # ready before any page was looked at
    assert len(looked_at) >= result.pages


#: Once it has made its pages, this plugin adds a part to article pages.
NOTE = """
from briefgen import hookimpl

@hookimpl
def briefgen_pages(site):
    site.data["noted"] = True
    return []

@hookimpl
def briefgen_template_context(page, site):
    if page.kind == "article" and site.data.get("noted"):
        return {"article_parts": ["note.html"]}
    return None
"""


@pytest.mark.parametrize("plugin", ["shelf", "note"])
def test_an_early_article_page_comes_before_plugin_pages_and_ends_as_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugin: str
) -> None:
    """An open article's page is sent before plugins make their pages (a
    large site's take a while); when a plugin's pages change what it shows,
    the page is sent again, so the last bytes sent are the published ones."""
    root = make(tmp_path / "site")
    if plugin == "note":
        write_files(root, {"plugins/shelf.py": NOTE, "templates/note.html": "<p>noted</p>"})
    build(root, jobs=1)
    edit(root / "content/articles/a1.md", "part 1", "part one")
    pages_made = recorded(monkeypatch, building, "collect_pages", lambda site, *a: True)
    placed = recorded(monkeypatch, Staging, "place", lambda staging, rel, content: rel)
    exports: list[int] = []
    sent: list[tuple[int, bytes]] = []

    def ready(path: str, html: bytes) -> None:
        exports.append(sum(rel.endswith("annotations.json") for rel in placed))
        sent.append((len(pages_made), html))

    early = EarlyPages(lambda: ["articles/a1/index.html"], ready)
    Builder(root, jobs=1).rebuild(early=early)
    published = (root / "public/articles/a1/index.html").read_bytes()
    assert b"part one" in published
    assert sent[0][0] == 0  # before collect_pages
    assert exports[0] == 0  # and before the articles' annotations.json are placed
    assert sum(rel.endswith("annotations.json") for rel in placed) == 4
    assert sent[-1][1] == published
    if plugin == "note":
        assert [b"noted" in html for _, html in sent] == [False, True]
    else:
        assert len(sent) == 1  # the same bytes are not sent twice


@pytest.mark.parametrize("open_page", ["articles/a1/index.html", "index.html"])
def test_a_build_gives_way_to_newer_changes_once_the_open_page_is_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_page: str
) -> None:
    """The preview's build after a save stops when newer changes are due,
    once the open page (an article's or another) is sent: nothing is
    published, the loaded site is kept, and the next build, with both
    changes, publishes what a clean build makes."""
    root = make(tmp_path / "site")
    builder = Builder(root, jobs=1)
    builder.rebuild()
    before = (root / "public/articles/a1/index.html").read_bytes()
    edit(root / "content/articles/a1.md", "part 1", "part one")
    asked: list[int] = []
    sent: list[tuple[str, int]] = []

    def superseded() -> bool:
        asked.append(len(sent))
        return True

    def ready(path: str, html: bytes) -> None:
        sent.append((path, len(asked)))

    early = EarlyPages(lambda: [open_page], ready, superseded=superseded)
    with pytest.raises(BuildSuperseded):
        builder.rebuild([root / "content/articles/a1.md"], early=early)
    assert sent == [(open_page, 0)] and asked == [1]  # asked once the page was sent
    assert (root / "public/articles/a1/index.html").read_bytes() == before
    assert builder.site is not None  # the next build goes on from what was loaded
    loaded = recorded(monkeypatch, building, "load_articles", lambda *a, **k: k.get("reread"))
    edit(root / "content/articles/a2.md", "part 2", "part two")
    changed = [root / "content/articles/a1.md", root / "content/articles/a2.md"]
    builder.rebuild(changed, early=EarlyPages(lambda: [open_page], ready, superseded=lambda: False))
    assert len(loaded) == 1 and len(loaded[0]) == 2  # the two changed files, not all
    assert b"part one" in (root / "public/articles/a1/index.html").read_bytes()
    assert same_as_clean(root, tmp_path)


def test_a_build_gives_way_between_plugins_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Newer changes that come while plugins make their pages (a while, on
    a large site) stop the build before the next plugin's."""
    root = make(tmp_path / "site")
    builder = Builder(root, jobs=1)
    builder.rebuild()
    edit(root / "content/articles/a1.md", "part 1", "part one")
    asked: list[int] = []
    made = recorded(monkeypatch, pagegen, "engine_pages", lambda site: True)
    rendered = recorded(monkeypatch, building, "render_pages", lambda *a, **k: True)

    def superseded() -> bool:
        asked.append(len(made))
        return len(asked) == 3  # after the article's page, before the engine's pages, then

    early = EarlyPages(lambda: ["articles/a1/index.html"], lambda *a: None, superseded)
    with pytest.raises(BuildSuperseded):
        builder.rebuild([root / "content/articles/a1.md"], early=early)
    assert asked == [0, 0, 1] and not rendered  # asked before the shelf plugin's pages
    builder.rebuild([root / "content/articles/a1.md"])
    assert same_as_clean(root, tmp_path)


def test_a_document_given_as_an_object_counts_like_its_ref(tmp_path: Path) -> None:
    root = make(tmp_path / "site", sources='[a0, *site.collection("words")]')
    build(root)
    edit(root / "content/words/harbour.md", "boats", "ferries")  # not shared
    build(root)
    assert "<p>Article 0: harbour (ferries)</p>" in (root / "public/shelf/index.html").read_text()
    assert same_as_clean(root, tmp_path)


#: A page made from the article a0 and a count over a3, which is not among
#: its sources: the count goes into the page's layout.
COUNTER = """
from briefgen import Page, hookimpl

@hookimpl
def briefgen_pages(site):
    a0, a3 = (next(a for a in site.articles if a.slug == s) for s in ("a0", "a3"))
    words = len(a3.body.split())
    return [
        Page("/count/", "count.html", {"title": a0.title, "words": words},
             title="Count", kind="count", sources=[a0], layout=f"words {words}")
    ]
"""


def test_a_page_s_layout_stands_for_what_it_counts_beyond_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    template = "<p>{{ title }}: {{ words }}</p>"
    write_files(root, {"plugins/shelf.py": COUNTER, "templates/count.html": template})
    build(root, jobs=1)
    before = (root / "public/count/index.html").read_text()
    asked = contexts_made(monkeypatch)
    edit(root / "content/articles/a2.md", "part 2", "part two")  # neither a source nor counted
    build(root, jobs=1)
    assert "/count/" not in asked
    edit(root / "content/articles/a3.md", "part 3", "part three of four")  # the layout changes
    build(root, jobs=1)
    assert "/count/" in asked
    after = (root / "public/count/index.html").read_text()
    assert after != before and after.startswith("<p>Article 0: ")
    assert same_as_clean(root, tmp_path)
