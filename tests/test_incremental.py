"""The builder the preview server keeps: each rebuild after a change gives
the same bytes as a clean build of the same input, doing only what it must."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import article, clean_tree, recorded, tree
from test_cache import make

from briefgen import cache as cache_module
from briefgen import output
from briefgen.build import Builder
from briefgen.cache import Cache
from briefgen.serve.builders import EngineRebuilder
from briefgen.site import SiteIndex


@pytest.fixture(autouse=True)
def _only_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")


@pytest.fixture(params=["plain", "own folders"])
def builder(request: pytest.FixtureRequest, tmp_path: Path) -> Builder:
    """A kept builder; "own folders" is the preview's kind, which remembers
    what its folders hold and what its pages were made from."""
    root = make(tmp_path / "site")
    listings = tmp_path / "listings" if request.param == "own folders" else None
    b = Builder(root, output=tmp_path / "out", jobs=1, listings=listings)
    b.rebuild()
    return b


def same_as_clean(b: Builder, tmp_path: Path) -> None:
    assert tree(tmp_path / "out") == clean_tree(b.source, tmp_path)


def test_article_edit(builder: Builder, tmp_path: Path) -> None:
    path = builder.source / "content/articles/a2.md"
    path.write_text(path.read_text().replace("ends with part 2", "ends with part two"))
    result = builder.rebuild([path])
    assert result.cache_hits == result.articles - 1
    assert 0 < result.rendered < result.pages / 2
    assert "part two" in (tmp_path / "out/articles/a2/index.html").read_text()
    same_as_clean(builder, tmp_path)


@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_an_edit_keeping_size_and_time_is_read_again(
    builder: Builder, tmp_path: Path, how: str
) -> None:
    # Coarse clocks: a same-length edit within one tick looks unchanged by
    # size and time; the file reported changed is read again all the same.
    path = builder.source / "content/articles/a2.md"
    before = path.stat()
    text = path.read_text().replace("part 2.", "part 7.")
    if how == "in place":
        path.write_text(text)
    else:  # as editors save: a new file renamed over the old one
        tmp = path.with_name(".a2.md.tmp")
        tmp.write_text(text)
        tmp.replace(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    builder.rebuild([path])
    assert "part 7." in (tmp_path / "out/articles/a2/index.html").read_text()
    same_as_clean(builder, tmp_path)


def test_the_index_keeps_the_hits_of_unchanged_articles(builder: Builder, tmp_path: Path) -> None:
    site = builder.site
    assert site is not None and site.index is not None
    before = {id(hit) for hit in site.index.by_kind("word")}
    path = builder.source / "content/articles/a2.md"
    path.write_text(path.read_text().replace("The harbour", "The harbour by the harbour"))
    builder.rebuild([path])
    assert site.index is not None
    after = site.index.by_kind("word")
    fresh = SiteIndex(site.articles).by_kind("word")
    assert [(h.article, h.annotation) for h in after] == [(h.article, h.annotation) for h in fresh]
    assert len(after) == len(before) + 1
    for hit in after:
        assert (id(hit) in before) == (hit.article.slug != "a2"), hit.article.slug
    same_as_clean(builder, tmp_path)


def test_article_added_and_deleted(builder: Builder, tmp_path: Path) -> None:
    new = builder.source / "content/articles/fresh.md"
    new.write_text(article("Fresh news", "2025-12-01") + "\nThe harbour again.\n")
    builder.rebuild([new])
    assert (tmp_path / "out/articles/fresh/index.html").is_file()
    same_as_clean(builder, tmp_path)
    old = builder.source / "content/articles/a0.md"
    old.unlink()
    builder.rebuild([old])
    assert not (tmp_path / "out/articles/a0").exists()
    same_as_clean(builder, tmp_path)


def test_collection_edit(builder: Builder, tmp_path: Path) -> None:
    word = builder.source / "content/words/quay.md"
    word.write_text("---\nword: quay\n---\n")
    result = builder.rebuild([word])
    assert result.annotations["word"] == 12
    same_as_clean(builder, tmp_path)


def test_template_edit(builder: Builder, tmp_path: Path) -> None:
    partial = builder.source / "templates/annotations/word.html"
    partial.write_text("<i>{{ content }}</i>")
    result = builder.rebuild([partial])
    assert result.cache_hits == result.articles
    assert "<i>harbour</i>" in (tmp_path / "out/articles/a1/index.html").read_text()
    same_as_clean(builder, tmp_path)


def test_page_template_edit_rerenders_the_pages_using_it(builder: Builder, tmp_path: Path) -> None:
    card = builder.source / "templates/partials/article-card.html"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text('<p class="card">{{ item.title }}</p>\n')
    result = builder.rebuild([card])
    assert 0 < result.rendered < result.pages / 2  # home and tag pages only
    assert '<p class="card">Article 1</p>' in (tmp_path / "out/index.html").read_text()
    same_as_clean(builder, tmp_path)


def test_site_yml_edit(builder: Builder, tmp_path: Path) -> None:
    cfg = builder.source / "site.yml"
    cfg.write_text("title: A new name\n")
    builder.rebuild([cfg])
    assert "A new name" in (tmp_path / "out/index.html").read_text()
    same_as_clean(builder, tmp_path)


def test_static_file(builder: Builder, tmp_path: Path) -> None:
    static = builder.source / "static/notes.txt"
    static.parent.mkdir()
    static.write_text("hello")
    builder.rebuild([static])
    assert (tmp_path / "out/notes.txt").read_text() == "hello"
    same_as_clean(builder, tmp_path)


def test_failed_rebuild_then_recovery(builder: Builder, tmp_path: Path) -> None:
    path = builder.source / "content/articles/a1.md"
    good = path.read_text()
    before = tree(tmp_path / "out")
    path.write_text("---\ntitle: [broken\n---\n")
    with pytest.raises(Exception, match="invalid front matter"):
        builder.rebuild([path])
    assert tree(tmp_path / "out") == before
    path.write_text(good.replace("Article 1", "Article one"))
    builder.rebuild([path])
    assert "Article one" in (tmp_path / "out/articles/a1/index.html").read_text()
    same_as_clean(builder, tmp_path)


def test_a_build_into_the_other_folder_links_what_the_last_build_made(tmp_path: Path) -> None:
    """The preview alternates between two folders: the first build into the
    second one renders only what changed and links the rest from the first
    (it used to render the whole site), and each folder ends up as a clean
    build of its input."""
    root = make(tmp_path / "site")
    b = Builder(root, jobs=1)
    first, second = tmp_path / "a", tmp_path / "b"
    made = b.rebuild(output=first)
    assert made.rendered == made.pages
    path = root / "content/articles/a2.md"
    path.write_text(path.read_text().replace("ends with part 2", "ends with part two"))
    result = b.rebuild([path], output=second)
    assert 0 < result.rendered < result.pages / 2
    assert tree(second) == clean_tree(root, tmp_path)
    kept = "articles/a1/index.html"
    assert (second / kept).stat().st_ino == (first / kept).stat().st_ino
    path.write_text(path.read_text().replace("part two", "part 2"))
    result = b.rebuild([path], output=first)
    assert 0 < result.rendered < result.pages / 2
    assert tree(first) == clean_tree(root, tmp_path)


def test_a_kept_builder_does_not_read_back_the_page_manifest_it_wrote(
    builder: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It keeps the one it wrote (at 10,000 articles, reading it back took a
    # quarter of a second per build).
    read = recorded(monkeypatch, Cache, "read_json", lambda cache, name: name)
    path = builder.source / "content/articles/a2.md"
    path.write_text(path.read_text().replace("ends with part 2", "ends with part two"))
    result = builder.rebuild([path])
    assert 0 < result.rendered < result.pages / 2
    assert not [name for name in read if name.startswith("pages-")]
    same_as_clean(builder, tmp_path)


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every folder a build lists or prunes by walking it."""
    found: list[str] = []
    recorded(monkeypatch, output, "_listing", lambda folder: found.append(str(folder)))
    recorded(monkeypatch, output, "_prune", lambda folder, keep: found.append(str(folder)))
    return found


def test_a_restarted_builder_remembers_what_its_folders_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new process (a restarted preview) learns what its two folders and
    their spares hold from what the last one remembered, instead of walking
    them (seconds on a large site), and still removes what is no longer made."""
    root = make(tmp_path / "site")
    first, second, memory = tmp_path / "a", tmp_path / "b", tmp_path / "listings"
    earlier = Builder(root, jobs=1, listings=memory)
    for folder in (first, second, first, second):  # each folder and its spare
        earlier.rebuild(output=folder)
    gone = root / "content/articles/a3.md"
    gone.unlink()
    expected = clean_tree(root, tmp_path)
    walks = _walks(monkeypatch)
    later = Builder(root, jobs=1, listings=memory)
    for folder in (first, second, first):
        later.rebuild([gone], output=folder)
        assert tree(folder) == expected
    assert walks == []
    assert not (tmp_path / ".a.previous/articles/a3").exists()


def test_a_folder_left_by_a_stopped_build_is_walked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build stopped while staging (the preview killed mid-rebuild) left
    # files in the spare that no listing names: it is not trusted.
    root = make(tmp_path / "site")
    folder, memory = tmp_path / "a", tmp_path / "listings"
    for _ in range(2):
        Builder(root, jobs=1, listings=memory).rebuild(output=folder)
    stopped = output.Staging(folder, {})
    stopped.place("stray/index.html", b"left by a stopped build")
    expected = clean_tree(root, tmp_path)
    walks = _walks(monkeypatch)
    Builder(root, jobs=1, listings=memory).rebuild(output=folder)
    assert walks == [str(tmp_path / ".a.previous")]
    assert tree(folder) == expected


def test_a_folder_another_build_went_to_is_walked_again(tmp_path: Path) -> None:
    # Something else built into the folder meanwhile (a builder that keeps
    # no listings): what was remembered of it no longer holds.
    root = make(tmp_path / "site")
    folder, memory = tmp_path / "a", tmp_path / "listings"
    for _ in range(2):
        Builder(root, jobs=1, listings=memory).rebuild(output=folder)
    extra = root / "content/articles/extra.md"
    extra.write_text(article("Extra", "2025-05-05"))
    Builder(root, jobs=1).rebuild(output=folder)
    extra.unlink()
    expected = clean_tree(root, tmp_path)
    later = Builder(root, jobs=1, listings=memory)
    for _ in range(2):  # the folder, then its spare, which holds the extra page
        later.rebuild([extra], output=folder)
        assert tree(folder) == expected


def test_a_restarted_preview_does_not_walk_its_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    work = tmp_path / "work"
    earlier = EngineRebuilder(root, work)
    for _ in range(4):  # both folders and their spares
        earlier.rebuild([])
    walks = _walks(monkeypatch)
    later = EngineRebuilder(root, work)
    for _ in range(2):
        later.rebuild([])
    assert walks == []


def test_the_preview_writes_its_page_manifest_while_it_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The manifest on disk is only for the preview's next start: it is
    # written by a thread of its own (at 10,000 articles it took half a
    # second of every rebuild), and complete by the time anything reads it.
    writers = recorded(
        monkeypatch,
        Cache,
        "_write_json_parts",
        lambda cache, name, value: threading.current_thread(),
    )
    monkeypatch.setattr(cache_module, "_JSON_PART", 3)  # written in many parts
    root = make(tmp_path / "site")
    work = tmp_path / "work"
    earlier = EngineRebuilder(root, work)
    for _ in range(2):
        earlier.rebuild([])
    assert len(writers) == 2 and threading.main_thread() not in writers
    later = EngineRebuilder(root, work)
    for _ in range(2):  # each folder, from its manifest: nothing rendered
        assert later.rebuild([]).rendered == 0
