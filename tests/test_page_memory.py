"""What the preview's builder remembers of its pages between builds: a page
made from the very sources it was, none of them changed, gets neither a key
nor a look at its file, and every output is still a clean build's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article, clean_tree, recorded, tree
from test_cache_refs import PLUGIN, edit, make

from briefgen import output, pagegen
from briefgen.cachekeys import PageKeys
from briefgen.errors import BriefgenError, BuildSuperseded
from briefgen.pagegen import EarlyPages
from briefgen.serve.builders import EngineRebuilder

#: A page per listed word that says only what the word's document says:
#: its sole source is the document's ref, so only that ref's fingerprint
#: tells it changed.
WORD_PAGES = """
from briefgen import Page

@hookimpl
def briefgen_pages(site):
    return [
        Page(f"/words/{d.slug}/", "word.html", {"note": d.meta.get("note", "")},
             title=d.meta["word"], kind="word", sources=[f"words/{d.slug}"])
        for d in site.collection("words")
    ]
"""


@pytest.fixture(autouse=True)
def _only_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")


def site_with_word_pages(root: Path) -> Path:
    make(root, PLUGIN + WORD_PAGES)
    (root / "templates/word.html").write_text("<p>{{ page.title }}: {{ note }}</p>\n")
    return root


class Preview:
    """The preview's builder, alternating between two folders as it does."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.builder = EngineRebuilder(root, work)

    def rebuild(self, *changed: Path) -> Path:
        return self.builder.rebuild(list(changed)).output


def settled(tmp_path: Path) -> Preview:
    """A preview that has built enough times for every folder to hold a
    build of this builder (a page's file is then in the staging folder)."""
    preview = Preview(site_with_word_pages(tmp_path / "site"), tmp_path / "work")
    for _ in range(5):
        preview.rebuild()
    return preview


def test_a_kept_page_gets_no_key_and_no_look_at_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = settled(tmp_path)
    keyed = recorded(monkeypatch, PageKeys, "source_key", lambda keys, page: page.url)
    looked = recorded(monkeypatch, pagegen, "reuse_if_unchanged", lambda out, rel, *a: rel)
    placed = recorded(monkeypatch, output.Staging, "place", lambda staging, rel, *a: rel)
    path = preview.root / "content/articles/a5.md"
    edit(path, "left the square", "left the old square")
    out = preview.rebuild(path)
    assert "left the old square" in (out / "articles/a5/index.html").read_text()
    # Only pages that show a5 (its own, home, its tags and the feed; a5
    # mentions no word) are looked at; the word pages are not.
    assert "/articles/a5/" in keyed and "/" in keyed
    assert not [url for url in keyed if url.startswith(("/words/", "/articles/a1"))]
    # Nor are the files of a1 (its page, its annotations.json).
    assert not [rel for rel in looked + placed if rel.startswith(("words/", "articles/a1/"))]
    assert tree(out) == clean_tree(preview.root, tmp_path)


def test_a_page_whose_document_changed_is_made_again(tmp_path: Path) -> None:
    # The word page's only source is the word's ref: its document changing
    # is the one thing that can tell.
    preview = settled(tmp_path)
    word = preview.root / "content/words/harbour.md"
    edit(word, "where boats dock", "where ferries tie up")
    for _ in range(2):  # into each folder
        out = preview.rebuild(word)
        assert "where ferries tie up" in (out / "words/harbour/index.html").read_text()
        assert tree(out) == clean_tree(preview.root, tmp_path)


def test_every_kind_of_change_gives_a_clean_build(tmp_path: Path) -> None:
    preview = settled(tmp_path)
    root = preview.root
    a2, new = root / "content/articles/a2.md", root / "content/articles/a9.md"
    harbour, template = root / "content/words/harbour.md", root / "templates/word.html"
    steps = [
        lambda: edit(a2, "part 2", "part two"),
        lambda: new.write_text(article("Article 9", "2025-09-19") + "\nAt the quay.\n"),
        lambda: edit(harbour, "word: harbour", "word: pier"),
        lambda: edit(template, "{{ note }}", "{{ note | upper }}"),
        lambda: edit(a2, "part two", "part 2"),
        lambda: new.unlink(),
        lambda: edit(harbour, "word: pier", "word: harbour"),
        lambda: None,
    ]
    for step in steps:
        step()
        out = preview.rebuild(a2, new, harbour, template)
        assert tree(out) == clean_tree(root, tmp_path)


def test_a_failed_build_is_not_remembered(tmp_path: Path) -> None:
    # The failed build staged the word pages with a new template before a
    # broken tag page stopped it; both changes are then undone. The folder
    # it was staging into holds those pages: they must not be taken for the
    # pages the last good build made.
    preview = settled(tmp_path)
    root = preview.root
    word, bad = root / "templates/word.html", root / "templates/tag.html"
    edit(word, "<p>", "<p class=new>")
    # Only the last tag page fails: the first page of each template is made
    # before the others, so a word page is staged by then.
    bad.write_text('{% if "beta" in page.url %}{{ page.no_such_thing.deeper }}{% endif %}\n')
    with pytest.raises(BriefgenError):
        preview.rebuild(word, bad)
    bad.unlink()
    edit(word, "<p class=new>", "<p>")
    for _ in range(2):  # into each folder
        out = preview.rebuild(word, bad)
        assert tree(out) == clean_tree(root, tmp_path)


@pytest.mark.parametrize(
    ("changed", "old", "new", "wanted", "untouched"),
    [
        # The open page (a word page) in a new template.
        ("templates/word.html", "<p>", "<p class=new>", "words/quay/index.html", "articles/a1"),
        # An article's new annotations.json, staged once the home page was.
        ("content/articles/a1.md", "left the", "walked out of the", "index.html", "articles/a3"),
    ],
)
def test_a_build_that_gave_way_leaves_its_folders_known_and_clean(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    changed: str,
    old: str,
    new: str,
    wanted: str,
    untouched: str,
) -> None:
    # The preview's build after a change staged the open page and what came
    # before it, then gave way to a newer change: the first is undone. The
    # folder it staged into is not listed again, and the files it staged
    # there are not taken for the last good build's.
    preview = settled(tmp_path)
    path = preview.root / changed
    edit(path, old, new)
    early = EarlyPages(lambda: [wanted], lambda rel, html: None, lambda: True)
    staged = recorded(monkeypatch, output.Staging, "place", lambda staging, rel, *a: rel)
    with pytest.raises(BuildSuperseded):
        preview.builder.rebuild([path], early=early)
    assert staged  # the build gave way in the page stage
    edit(path, new, old)
    pruned = recorded(monkeypatch, output, "_prune", lambda root, keep: root)
    listed = recorded(monkeypatch, output, "_listing", lambda root: root)
    looked = recorded(monkeypatch, pagegen, "reuse_if_unchanged", lambda out, rel, *a: rel)
    for i in range(4):  # into each folder, and its spare
        out = preview.rebuild(path)
        if i == 0:  # the files no build touched are still known to be there
            assert f"{untouched}/index.html" not in looked
            assert f"{untouched}/annotations.json" not in looked
        assert tree(out) == clean_tree(preview.root, tmp_path)
    work = str(tmp_path / "work")
    assert [p for p in pruned + listed if str(p).startswith(work)] == []


def test_a_build_that_fails_while_publishing_is_not_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Everything was staged (the word pages with a new template) when
    # publishing failed (a full disk, say); the template change is undone.
    preview = settled(tmp_path)
    word = preview.root / "templates/word.html"
    edit(word, "<p>", "<p class=new>")

    def full_disk(staging: output.Staging, wanted: set[str]) -> dict[str, int]:
        raise OSError("no space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(output.Staging, "finish", full_disk)
        with pytest.raises(OSError):
            preview.rebuild(word)
    edit(word, "<p class=new>", "<p>")
    for _ in range(2):  # into each folder
        out = preview.rebuild(word)
        assert tree(out) == clean_tree(preview.root, tmp_path)


def test_a_page_rendered_again_for_its_template_is_new_in_the_next_builds(
    tmp_path: Path,
) -> None:
    # Its sources are as they were, but its file is not: the folders being
    # staged into still hold the page in the old template.
    preview = settled(tmp_path)
    word = preview.root / "templates/word.html"
    edit(word, "{{ note }}", "{{ note | upper }}")
    for _ in range(4):  # past both folders and both spares
        out = preview.rebuild(word)
        assert "A STONE LANDING" in (out / "words/quay/index.html").read_text()
        assert tree(out) == clean_tree(preview.root, tmp_path)
