"""The persistent cache: each kind of change redoes what it must, and a cached
or parallel build is byte-identical to a clean one-process build."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    WORDS_PLUGIN,
    article,
    clean_tree,
    recorded,
    same_as_clean,
    tree,
    without_records,
)

from briefgen import packs, process
from briefgen.build import Builder, build, check
from briefgen.cache import BODIES, EXPORTS, KEPT_SCOPES, SKELETONS, Cache
from briefgen.content import Article
from briefgen.digests import DigestMemo, output_state
from briefgen.pagegen import EarlyPages
from briefgen.testing import write_files

ROOT = Path(__file__).resolve().parent.parent

PLUGIN = (
    WORDS_PLUGIN
    + """
@hookimpl
def briefgen_build_start(site):
    site.data["words"] = sorted(d.meta["word"] for d in site.collection("words"))

@hookimpl
def briefgen_annotate(article, site):
    out = []
    for w in site.data["words"]:
        for m in re.finditer(re.escape(w), article.text):
            out.append(Annotation(m.start(), m.end(), "word", {"w": w}, aside=True))
    return out
"""
)


@pytest.fixture(autouse=True)
def _only_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")


def make(root: Path, n: int = 6) -> Path:
    files = {
        f"content/articles/a{i}.md": article(
            f"Article {i}", f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        )
        + f"\nThe harbour and the quay, part {i}.\n\n"
        + "A long paragraph with nothing of note in it. " * 8
        + f"It ends with part {i}.\n"
        for i in range(n)
    }
    files.update(
        {
            "plugins/words.py": PLUGIN,
            "content/words/harbour.md": "---\nword: harbour\n---\n",
            "templates/annotations/word.html": "<mark>{{ content }}</mark>",
            "templates/asides/word.html": "<aside>{{ annotation.data.w }}</aside>",
        }
    )
    return write_files(root, files)


def test_nothing_changed_does_nothing(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    result = build(root)
    assert result.nothing_changed and result.unchanged == result.files
    assert same_as_clean(root, tmp_path)


def test_the_record_describes_the_published_output(tmp_path: Path) -> None:
    # The record of a build holds the size and time of every published file
    # (taken from the page manifest, not a walk of the output); the next
    # build trusts it to answer "nothing changed". After a build that kept
    # most pages and rewrote a few, it must match the folder exactly.
    root = make(tmp_path / "site")
    build(root)
    path = root / "content/articles/a2.md"
    path.write_text(path.read_text().replace("ends with part 2", "ends with part two"))
    build(root)
    [record] = (root / ".briefgen-cache").glob("last-build-*.json")
    assert json.loads(record.read_text())["output"] == output_state(root / "public")
    assert build(root).nothing_changed


def editing_plugin(plugin: Path, path: Path, old: str, new: str, *, late: bool) -> Path:
    """A local plugin that replaces ``old`` by ``new`` in the file ``path``:
    once the articles are annotated (``late``, in ``briefgen_index``), or
    as it is imported, before any content is loaded."""
    edit = f"p = Path({str(path)!r})\np.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    if late:
        edit = "@hookimpl\ndef briefgen_index(site):\n" + "".join(
            f"    {line}\n" for line in edit.splitlines()
        )
    plugin.write_text("from pathlib import Path\nfrom briefgen import hookimpl\n\n" + edit)
    return plugin


def test_an_edit_made_while_a_build_runs_is_built_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    build(root)
    path = root / "content/articles/a1.md"
    path.write_text(path.read_text().replace("part 1.", "part one."))
    # The edit below lands after the build has read the articles: that
    # build publishes "part one", the next must see "part uno".
    edit = editing_plugin(root / "plugins/late_edit.py", path, "part one.", "part uno.", late=True)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words,late_edit")
    build(root)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")
    assert "part one." in (root / "public/articles/a1/index.html").read_text()
    edit.unlink()
    result = build(root)
    assert not result.nothing_changed
    assert "part uno." in (root / "public/articles/a1/index.html").read_text()


def test_article_change_rerenders_its_pages_only(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    first = build(root)
    path = root / "content/articles/a0.md"
    # far from any annotation, so only the pages that show this article change
    path.write_text(path.read_text().replace("ends with part 0", "ends with part zero"))
    result = build(root)
    assert not result.nothing_changed
    assert result.cache_hits == first.articles - 1  # the other articles came from the cache
    assert 0 < result.rendered < first.pages / 2
    assert "part zero" in (root / "public/articles/a0/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_collection_change_reannotates(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    (root / "content/words/quay.md").write_text("---\nword: quay\n---\n")
    result = build(root)
    assert result.cache_hits == 0
    assert result.annotations["word"] == 12
    assert "<mark>quay</mark>" in (root / "public/articles/a1/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_template_change_rerenders_without_reparsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    build(root)
    # The body skeletons, which a template change needs, are read only then.
    read = recorded(monkeypatch, Cache, "read", lambda cache, kind, key: kind)
    target = root / "content/articles/a2.md"
    target.write_text(target.read_text() + "\nOne more line.\n")
    build(root)
    assert SKELETONS not in read
    (root / "templates/annotations/word.html").write_text("<b>{{ content }}</b>")
    result = build(root)
    assert result.cache_hits == result.articles  # parse and annotations reused
    assert read.count(SKELETONS) == result.articles
    assert "<b>harbour</b>" in (root / "public/articles/a2/index.html").read_text()
    assert same_as_clean(root, tmp_path)
    # The records stored again with the new bodies hold the same annotations
    # for the next build, which reads them back.
    other = root / "content/articles/a4.md"
    other.write_text(other.read_text() + "\nAnd one more.\n")
    again = build(root)
    assert again.cache_hits == again.articles - 1
    assert again.annotations == result.annotations
    assert same_as_clean(root, tmp_path)


def test_a_lost_skeleton_means_the_work_is_done_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site")
    build(root)
    without_records(monkeypatch, SKELETONS)
    made = recorded(monkeypatch, process, "make_article_result", lambda site, a: a.slug)
    (root / "templates/annotations/word.html").write_text("<b>{{ content }}</b>")
    build(root, jobs=1)
    assert sorted(made) == [f"a{i}" for i in range(6)]
    assert "<b>harbour</b>" in (root / "public/articles/a2/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_check_takes_the_articles_a_build_annotated_and_their_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    root = make(tmp_path / "site")
    heading = root / "content/articles/a3.md"
    heading.write_text(heading.read_text() + "\n# A second title\n")
    build(root)
    made = recorded(monkeypatch, process, "make_article_result", lambda site, a: a.slug)
    code, out, _ = run_cli("check", "--source", root)
    # The article's own warning comes with its cached work.
    assert code == 1 and "a3.md:" in out and "level-1 heading" in out
    assert made == []
    target = root / "content/articles/a2.md"
    target.write_text(target.read_text() + "\nOne more line.\n")
    found = check(root)
    assert made == ["a2"]
    assert [str(w) for w in found] == [str(w) for w in check(root, use_cache=False)]
    made.clear()
    build(root)  # takes the edited article from what the check kept
    assert made == [] and same_as_clean(root, tmp_path)


def test_bodies_are_read_only_for_the_pages_that_show_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "site", n=30)
    build(root)
    read = recorded(monkeypatch, Cache, "read", lambda cache, kind, key: kind)
    oldest = root / "content/articles/a0.md"
    oldest.write_text(oldest.read_text() + "\nOne more line.\n")
    result = build(root)
    # The other articles' work came from the cache, their bodies did not:
    # no page made shows one (the changed article's is made anew).
    assert result.cache_hits == result.articles - 1
    assert BODIES not in read
    assert same_as_clean(root, tmp_path)
    newest = root / "content/articles/a23.md"
    newest.write_text(newest.read_text() + "\nOne more line.\n")
    build(root)
    assert read.count(BODIES) == 19  # the feed shows the latest 20 in full
    assert same_as_clean(root, tmp_path)
    (root / "templates/annotations/word.html").write_text("<b>{{ content }}</b>")
    result = build(root)
    assert read.count(BODIES) == 19 + result.articles  # each body is filled again
    assert same_as_clean(root, tmp_path)


@pytest.mark.parametrize("template", ["annotations/word.html", "article.html"])
def test_lost_bodies_are_made_again_from_the_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    # A body record lost (a damaged cache, or one another build compacted)
    # when a template change needs the body: filling it again (a partial),
    # or showing it on the article's page (the page template, rendered by
    # page workers). The articles are not annotated again.
    root = make(tmp_path / "site", n=60)
    build(root)
    without_records(monkeypatch, BODIES)
    made = recorded(monkeypatch, process, "make_article_result", lambda site, a: a.slug)
    path = root / "templates" / template
    if not path.exists():
        path.write_text((ROOT / "themes/briefing/templates" / template).read_text())
    for shown in ("{{ content }}", "{{ article.html | safe }}"):
        path.write_text(path.read_text().replace(shown, shown + "<!-- new -->"))
    result = build(root, jobs=2)
    assert made == [] and result.cache_hits == result.articles
    assert "<!-- new -->" in (root / "public/articles/a2/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_an_article_loads_its_deferred_body_once_and_keeps_what_was_set() -> None:
    loads = []

    def load(article: Article) -> tuple:
        loads.append(article.slug)
        return ("the text", ["a block"], [(0, 3)], [], [], b"<p>the text</p>")

    art = Article(
        path=Path("a.md"), relpath="a.md", slug="a", meta={}, body="", body_line=1, located=None
    )
    art.defer_body(load)
    art.html_utf8 = b"<p>new</p>"  # set before the body is loaded: kept
    assert loads == []
    assert art.text == "the text" and art.blocks == ["a block"] and art.unprose == [(0, 3)]
    assert art.html == "<p>new</p>"
    assert loads == ["a"]
    art.defer_body(load)
    copy = pickle.loads(pickle.dumps(art))  # a pickle holds the body, not the loader
    assert copy.text == "the text" and loads == ["a", "a"]
    with pytest.raises(AttributeError):
        art.no_such_field  # noqa: B018
    art.set_body(("", [], [], [], [], b""))
    art.defer_body(load)
    art.set_body(("x", [], [], [], [], b""))  # a body set in full: nothing to load
    assert art.text == "x" and loads == ["a", "a"]


def test_template_change_rerenders_only_the_pages_that_use_it(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    first = build(root)
    article_page = root / "public/articles/a2/index.html"
    before = article_page.stat().st_mtime_ns
    card = ROOT / "themes/briefing/templates/partials/article-card.html"
    override = root / "templates/partials/article-card.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(card.read_text() + "<!-- card, revised -->\n")
    result = build(root)
    # The home page and the tag pages list articles with the card; article
    # pages, the feed and the 404 page do not use it.
    home = (root / "public/index.html").read_text()
    assert "card, revised" in home
    assert 0 < result.rendered < first.pages / 2
    assert result.cache_hits == result.articles
    assert article_page.stat().st_mtime_ns == before
    assert same_as_clean(root, tmp_path)
    override.unlink()  # the theme's card again
    build(root)
    assert "card, revised" not in (root / "public/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_a_template_added_under_a_missing_name_is_used(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    (root / "templates/404.html").write_text('{% include "notice.html" ignore missing %}gone\n')
    build(root)
    assert (root / "public/404.html").read_text() == "gone\n"
    (root / "templates/notice.html").write_text("Moved. ")
    result = build(root)
    assert result.rendered == 1
    assert (root / "public/404.html").read_text() == "Moved. gone\n"
    assert same_as_clean(root, tmp_path)


def test_compiled_templates_are_kept_per_configuration(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    (kept,) = (root / ".briefgen-cache").glob("jinja-*")
    assert any(kept.iterdir())
    (root / "site.yml").write_text("title: Another title\n")
    build(root)
    assert [p.name for p in (root / ".briefgen-cache").glob("jinja-*")] != [kept.name]
    (root / "templates/404.html").write_text("gone\n")
    build(root)
    assert (root / "public/404.html").read_text() == "gone\n"
    assert same_as_clean(root, tmp_path)


def test_theme_template_override_rerenders_pages(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    (root / "templates/404.html").write_text("gone\n")
    build(root)
    assert (root / "public/404.html").read_text() == "gone\n"
    assert same_as_clean(root, tmp_path)


def test_site_yml_change_rebuilds_everything(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    (root / "site.yml").write_text("title: Renamed site\n")
    result = build(root)
    assert result.cache_hits == 0
    assert "Renamed site" in (root / "public/articles/a3/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_plugin_code_change_reannotates(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    plugin = root / "plugins/words.py"
    plugin.write_text(plugin.read_text().replace('{"w": w}', '{"w": w.upper()}'))
    result = build(root)
    assert result.cache_hits == 0
    assert "<aside>HARBOUR</aside>" in (root / "public/articles/a4/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_briefgen_version_change_invalidates(tmp_path: Path, monkeypatch) -> None:
    root = make(tmp_path / "site")
    build(root)
    import briefgen.cachekeys
    import briefgen.digests

    monkeypatch.setattr(briefgen.cachekeys, "__version__", "999.0")
    monkeypatch.setattr(briefgen.digests, "__version__", "999.0")
    monkeypatch.setattr(briefgen.digests, "_ENGINE_FP", None)
    result = build(root)
    assert result.cache_hits == 0 and not result.nothing_changed


def test_deleted_article_and_static_file(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    (root / "static").mkdir()
    (root / "static/extra.txt").write_text("x")
    build(root)
    (root / "content/articles/a5.md").unlink()
    (root / "static/extra.txt").unlink()
    build(root)
    assert not (root / "public/articles/a5").exists()
    assert not (root / "public/extra.txt").exists()
    assert same_as_clean(root, tmp_path)


@pytest.mark.parametrize("name", ["index.html", "annotations.json"])
def test_edited_output_file_is_repaired(tmp_path: Path, name: str) -> None:
    root = make(tmp_path / "site")
    build(root)
    page = root / "public/articles/a1" / name
    page.write_text("tampered")
    build(root)
    assert "tampered" not in page.read_text()
    assert same_as_clean(root, tmp_path)


def test_unchanged_articles_keep_their_annotation_files(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    files = {n: root / f"public/articles/a{n}/annotations.json" for n in (1, 2)}
    before = {n: (f.stat().st_ino, f.stat().st_mtime_ns) for n, f in files.items()}
    article = root / "content/articles/a2.md"
    article.write_text(article.read_text().replace("The harbour", "The harbour wall"))
    build(root)
    assert (files[1].stat().st_ino, files[1].stat().st_mtime_ns) == before[1]
    assert files[2].stat().st_ino != before[2][0]
    assert '"exact":"harbour"' in files[2].read_text()
    assert same_as_clean(root, tmp_path)


def test_parallel_build_is_identical_to_one_process(tmp_path: Path) -> None:
    root = make(tmp_path / "site", n=70)  # enough to use the process pool
    build(root, jobs=2, use_cache=False)
    parallel = tree(root / "public")
    assert parallel == clean_tree(root, tmp_path)


def test_pages_wanted_early_come_from_the_main_process_as_published(tmp_path: Path) -> None:
    root = make(tmp_path / "site", n=70)  # enough to use the process pool
    build(root, jobs=2)
    a5 = root / "content/articles/a5.md"
    a5.write_text(a5.read_text().replace("The harbour", "The harbour wall"))
    made: list[tuple[str, bytes, int]] = []
    # a5 changed; a6 did not (its page is kept, not made again); none does not exist.
    wanted = {"articles/a5/index.html", "articles/a6/index.html", "articles/none/index.html"}
    early = EarlyPages(lambda: wanted, lambda rel, html: made.append((rel, html, os.getpid())))
    Builder(root, jobs=2, keep=False).rebuild(early=early)
    assert [(rel, pid) for rel, _, pid in made] == [("articles/a5/index.html", os.getpid())]
    assert made[0][1] == (root / "public/articles/a5/index.html").read_bytes()
    assert b"<mark>harbour</mark> wall" in made[0][1]
    assert same_as_clean(root, tmp_path)


def test_a_new_output_folder_takes_annotation_files_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cached build into an empty folder (a deploy that keeps only the
    # cache, the preview's second folder) does not make the files again.
    root = make(tmp_path / "site")
    build(root)
    made = recorded(monkeypatch, process, "article_annotations", lambda site, a: a.slug)
    build(root, output=tmp_path / "fresh", jobs=1)
    assert made == []
    assert tree(tmp_path / "fresh") == tree(root / "public")
    # Without the cached files they are made again, the same.
    without_records(monkeypatch, EXPORTS)
    build(root, output=tmp_path / "fresh2", jobs=1)
    assert sorted(made) == [f"a{i}" for i in range(6)]
    assert tree(tmp_path / "fresh2") == tree(root / "public")


def test_the_cache_keeps_its_records_in_a_few_files_that_do_not_grow_with_edits(
    tmp_path: Path,
) -> None:
    root = make(tmp_path / "site", n=70)  # enough to use the process pool
    cache = root / ".briefgen-cache"
    # Records of a file each, as earlier versions kept them: let go of.
    write_files(cache, {"articles/ab/abcdef": "old", "exports/cd/cdef01": "old"})
    build(root, jobs=2)
    assert not (cache / "articles").exists() and not (cache / "exports").exists()
    deadline = time.monotonic() + 30  # emptied by a thread of their own
    while (cache / "trash").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not (cache / "trash").exists()
    # What a build that exited before its thread was done left is emptied next.
    write_files(cache, {"trash/exports-1-2/ab/abcdef": "old"})
    # 140 records: in two packs (this process's and the worker's).
    [scope] = (cache / "packs").iterdir()  # one kind of build so far
    assert len(list(scope.glob("*.pack"))) == 2
    size = sum(p.stat().st_size for p in scope.iterdir())
    target = root / "content/articles/a3.md"
    text = target.read_text()
    for i in range(3 * packs.MAX_PACKS):
        target.write_text(text + f"\nEdit {i} of the harbour.\n")
        build(root, jobs=2)
    # Each build wrote a pack of its own; the small ones are merged, and
    # the superseded records of a3 are let go of.
    assert list((cache / "packs").iterdir()) == [scope]
    assert len(list(scope.glob("*.pack"))) <= packs.MAX_PACKS + 1
    assert sum(p.stat().st_size for p in scope.iterdir()) < 1.2 * size
    assert "Edit 23 of the" in (root / "public/articles/a3/index.html").read_text()
    assert not (cache / "trash").exists()
    assert build(root, jobs=2).nothing_changed
    assert same_as_clean(root, tmp_path)


def test_a_preview_and_a_command_line_build_share_the_cache(tmp_path: Path) -> None:
    root = make(tmp_path / "site", n=70)
    preview = Builder(root, keep=True)  # kept, as the preview keeps one
    preview.rebuild()
    [packs_dir] = (root / ".briefgen-cache" / "packs").iterdir()
    # Its own pack (its pool worker's has exited and may go).
    mine = {p for p in packs_dir.iterdir() if p.stem.split("-")[1] == str(os.getpid())}
    assert len(mine) == 2

    def command_line(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "briefgen", "build", "-s", str(root), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for i in range(3):  # more than half of the preview's records go out of use
        for n in range(40):
            article_file = root / f"content/articles/a{n}.md"
            article_file.write_text(article_file.read_text() + f"\nRound {i}.\n")
        command_line("-q")
    # The preview is still running: its pack is left alone.
    assert mine <= set(packs_dir.iterdir())
    target = root / "content/articles/a50.md"
    target.write_text(target.read_text() + "\nThe harbour again.\n")
    preview.rebuild([target])
    assert same_as_clean(root, tmp_path)
    # Every record the last builds made is found by the next process.
    (root / "templates/annotations/word.html").write_text("<b>{{ content }}</b>")
    assert "70 article(s) from the cache" in command_line()


def test_builds_of_another_kind_keep_their_own_records(tmp_path: Path) -> None:
    # A preview with drafts beside builds without them; a setting tried and
    # put back: each kind of build finds the records it made.
    root = make(tmp_path / "site", n=8)
    config = root / "site.yml"
    settings = config.read_text()
    build(root)
    assert build(root, drafts=True).cache_hits == 0
    target = root / "content/articles/a3.md"
    target.write_text(target.read_text() + "\nAn edit.\n")
    assert build(root).cache_hits == 7
    assert build(root, drafts=True).cache_hits == 7
    # Every other setting makes a kind of its own; the ones used last stay.
    for i in range(KEPT_SCOPES + 1):
        config.write_text(settings + f"description: take {i}\n")
        assert build(root).cache_hits == 0
    assert len(list((root / ".briefgen-cache/packs").iterdir())) == KEPT_SCOPES
    config.write_text(settings + f"description: take {KEPT_SCOPES}\n")
    target.write_text(target.read_text() + "\nAnother.\n")
    assert build(root).cache_hits == 7
    config.write_text(settings)  # long ago
    assert build(root).cache_hits == 0
    assert same_as_clean(root, tmp_path)


def test_records_written_by_workers_serve_the_next_build(tmp_path: Path) -> None:
    root = make(tmp_path / "site", n=70)  # enough to use the process pool
    build(root, jobs=2)
    (root / "templates/annotations/word.html").write_text("<b>{{ content }}</b>")
    (root / "public/articles/a3/annotations.json").unlink()
    result = build(root, jobs=2)
    assert result.cache_hits == 70  # bodies filled again from the records
    assert "<b>harbour</b>" in (root / "public/articles/a3/index.html").read_text()
    assert '"exact":"harbour"' in (root / "public/articles/a3/annotations.json").read_text()
    assert same_as_clean(root, tmp_path)


def test_failed_build_keeps_output_and_cache_usable(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    build(root)
    before = tree(root / "public")
    (root / "content/articles/a0.md").write_text("---\ntitle: [\n---\n")
    with pytest.raises(Exception, match="invalid front matter"):
        build(root)
    assert tree(root / "public") == before
    (root / "content/articles/a0.md").write_text(article("Fixed"))
    build(root)
    assert same_as_clean(root, tmp_path)


def test_the_staging_folder_of_a_stopped_build_is_reused_not_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build stopped midway (a preview stopped during a rebuild) leaves its
    staging folder without the marker a finished build writes: the next
    build stages into it as it is (deleting it took seconds on a large site),
    and nothing left in it reaches the output."""
    root = make(tmp_path / "site")
    build(root)
    spare = root / ".public.previous"
    shutil.rmtree(spare, ignore_errors=True)
    write_files(spare, {"articles/a1/index.html": "half a page", "stale/index.html": "old"})
    removed = recorded(monkeypatch, shutil, "rmtree", lambda path, *a, **k: Path(path))
    (root / "content/articles/a2.md").write_text(article("Edited"))
    build(root)
    assert spare not in removed
    assert not (root / "public/stale").exists()
    assert same_as_clean(root, tmp_path)


def test_an_edit_keeping_size_and_time_is_still_seen(tmp_path: Path) -> None:
    # Coarse file-system clocks: an edit within the same tick keeps the
    # modification time, and a same-length edit keeps the size.
    root = make(tmp_path / "site")
    path = root / "content/articles/a1.md"
    build(root)
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("part 1.", "part 9."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    result = build(root)
    assert not result.nothing_changed
    assert "part 9." in (root / "public/articles/a1/index.html").read_text()


def test_an_edit_behind_a_linked_folder_is_seen(tmp_path: Path) -> None:
    # A site may link a folder of its content to one kept elsewhere (a shared
    # registry, a desk's articles): the build reads through the link, so the
    # check for "nothing changed" must look through it too.
    root = make(tmp_path / "site")
    shared = write_files(
        tmp_path / "shared",
        {
            "articles/linked.md": article("Linked", "2025-06-01") + "\nFrom the desk.\n",
            "words/pier.md": "---\nword: pier\n---\n",
        },
    )
    (root / "content/articles/desk").symlink_to(shared / "articles")
    (root / "content/words/more").symlink_to(shared / "words")
    build(root)
    assert "From the desk." in (root / "public/articles/linked/index.html").read_text()
    (shared / "articles/linked.md").write_text(
        article("Linked", "2025-06-01") + "\nFrom the pier desk.\n"
    )
    result = build(root)
    assert not result.nothing_changed
    page = (root / "public/articles/linked/index.html").read_text()
    assert "From the <mark>pier</mark> desk." in page  # the linked collection is read too
    (shared / "words/pier.md").write_text("---\nword: desk\n---\n")
    assert not build(root).nothing_changed
    assert "<mark>desk</mark>" in (root / "public/articles/linked/index.html").read_text()


def test_a_link_back_up_the_tree_is_not_followed_forever(tmp_path: Path) -> None:
    root = make(tmp_path / "site")
    (root / "content/articles/loop").symlink_to(root / "content/articles")
    first = build(root)
    assert first.articles == 6
    assert build(root).nothing_changed


def test_a_build_loads_the_markdown_its_input_check_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cold build reads every file to fingerprint it, then loads the site:
    # the Markdown is loaded from what the check read, not read again. An
    # edit landing in between (here: as a local plugin is imported, after
    # the check) is then not half in this build: it publishes the text its
    # record names, and the next build publishes the edit.
    root = make(tmp_path / "site")
    path = root / "content/articles/a1.md"
    editing_plugin(root / "plugins/early_edit.py", path, "part 1.", "part uno.", late=False)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words,early_edit")
    build(root)
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "words")
    assert "part 1." in (root / "public/articles/a1/index.html").read_text()
    assert "part uno." in path.read_text()
    result = build(root)
    assert not result.nothing_changed
    assert "part uno." in (root / "public/articles/a1/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_the_digest_memo_keeps_the_markdown_it_reads_within_its_budget(tmp_path: Path) -> None:
    files = {name: tmp_path / name for name in ("style.css", "a.md", "b.md", "c.md")}
    for name, path in files.items():
        path.write_text(name[0] * 400)
    memo = DigestMemo(keep=1000)
    digests = {name: memo.digest(path) for name, path in files.items()}
    # Two Markdown files fit in 1,000 bytes; a stylesheet is never kept.
    assert sorted(memo.read) == [str(files["a.md"]), str(files["b.md"])]
    kept = memo.read[str(files["a.md"])]
    assert kept.data == files["a.md"].read_bytes() and kept.digest == digests["a.md"]
    assert kept.stat == (400, files["a.md"].stat().st_mtime_ns)
    # Settled files the memo knows are not read: kept with their digest alone.
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(files["a.md"], ns=(an_hour_ago, an_hour_ago))
    first = DigestMemo()
    first.digest(files["a.md"])
    again = DigestMemo(first.used, keep=1000)
    again.digest(files["a.md"])
    assert again.read == {str(files["a.md"]): (None, digests["a.md"], (400, an_hour_ago))}
    assert DigestMemo().read == {}  # keeps nothing unless asked


def _settle(root: Path) -> None:
    """Date every file of the site an hour back: settled, as files are
    that were not edited in the last moments (the digest memo trusts their
    size and time)."""
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(an_hour_ago, an_hour_ago))


def test_a_build_reads_no_unchanged_article_it_takes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The input check knows an unchanged article's digest without reading
    it and the cache knows its front matter: a build that takes its work
    from the cache does not read the file. One that must annotate it again
    (site.yml changed) reads it then, and the output is a clean build's."""
    from briefgen import content

    root = make(tmp_path / "site")
    _settle(root)
    build(root)
    read = recorded(monkeypatch, content, "read_document", lambda path, *a, **k: path.name)
    target = root / "content/articles/a2.md"
    target.write_text(target.read_text() + "\nOne more line.\n")
    result = build(root, jobs=1)
    assert [name for name in read if name.startswith("a")] == ["a2.md"]
    assert result.cache_hits == result.articles - 1
    assert same_as_clean(root, tmp_path)
    read.clear()
    late = recorded(monkeypatch, Article, "_read_source", lambda a: a.slug)
    (root / "site.yml").write_text((root / "site.yml").read_text() + "description: Quays\n")
    result = build(root, jobs=1)
    assert result.cache_hits == 0
    # Only the article edited a moment ago was read up front; the others
    # when they were annotated again.
    assert [name for name in read if name.startswith("a")] == ["a2.md"]
    assert sorted(late) == ["a0", "a1", "a3", "a4", "a5"]
    assert "harbour" in (root / "public/articles/a4/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_an_unread_article_that_changed_meanwhile_stops_the_build(tmp_path: Path) -> None:
    """An article loaded without reading it (see the test above) that
    changed by the time its body is needed: a clear error, not work filed
    under the key of bytes it no longer holds."""
    from briefgen.content import FrontMatterMemo, load_articles, read_document
    from briefgen.digests import ReadFile
    from briefgen.errors import ContentError

    root = make(tmp_path / "site", n=1)
    path = root / "content/articles/a0.md"
    memo = FrontMatterMemo()
    doc = read_document(path, root, memo=memo)
    known = {str(path): ReadFile(None, doc.digest, doc.stat)}
    [unread] = load_articles(root, "/articles/{slug}/", memo=memo, read=dict(known))
    assert "body" not in unread.__dict__  # not read yet
    assert unread.body == doc.body and unread.body_line == doc.body_line
    path.write_text(path.read_text().replace("part 0", "part nought"))
    [stale] = load_articles(root, "/articles/{slug}/", memo=memo, read=dict(known))
    with pytest.raises(ContentError, match="changed while the site was being built") as caught:
        _ = stale.body
    assert caught.value.file == "content/articles/a0.md"


def test_the_digest_memo_keeps_no_file_that_changed_size_as_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.digests

    path = tmp_path / "growing.md"
    path.write_text("short")
    # Written to between the memo's stat and its read: the bytes are not
    # those of the size and time it would note with them.
    monkeypatch.setattr(briefgen.digests, "read_bytes", lambda p: b"short, and longer now")
    memo = DigestMemo(keep=1000)
    memo.digest(path)
    assert memo.read == {}


def test_digests_of_settled_files_are_remembered(tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    path.write_text("first")
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    first = DigestMemo()
    digest = first.digest(path)
    # Not read again: a same-size change hidden behind the old time (which
    # only a deliberate reset of the clock can do) still gives the digest
    # remembered for the settled file.
    ino = path.stat().st_ino
    with path.open("r+") as fh:
        fh.write("FIRST")
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    assert path.stat().st_ino == ino
    assert DigestMemo(first.used).digest(path) == digest
    path.write_text("first")
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    # A file hashed moments after it was written is read again next time.
    path.write_text("again")
    fresh = DigestMemo(first.used)
    fresh.digest(path)
    assert DigestMemo(fresh.used).digest(path) == fresh.digest(path) != digest


def test_front_matter_of_unchanged_files_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.content

    root = make(tmp_path / "site")
    build(root)
    parsed: list[str] = []
    real = briefgen.content.load_yaml
    monkeypatch.setattr(
        briefgen.content,
        "load_yaml",
        lambda text, file, **kw: parsed.append(file) or real(text, file, **kw),
    )
    path = root / "content/articles/a3.md"
    path.write_text(path.read_text().replace("Article 3", "Article three"))
    build(root)
    assert parsed == ["content/articles/a3.md"]
    assert "Article three" in (root / "public/articles/a3/index.html").read_text()
    assert same_as_clean(root, tmp_path)


def test_page_keys_tell_contexts_apart() -> None:
    from dataclasses import dataclass
    from types import SimpleNamespace

    from briefgen.cachekeys import PageKeys
    from briefgen.pages import Page

    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, articles=[])
    keys = PageKeys(site, {}, "summary")  # type: ignore[arg-type]
    page = Page("/x/", "x.html", {})

    def key(context: dict) -> str:
        return keys.key(page, context)

    shared = list(range(20))  # hashed once, then stands for its hash
    assert key({"a": shared}) == key({"a": shared})
    different = [
        {"items": ["a\x1fb"]},
        {"items": ["a", "b"]},
        {"items": [1]},
        {"items": ["1"]},
        {"items": [True]},
        {"items": [1.0]},
        {"items": [None]},
        {"items": [[]]},
        {"items": [{}]},
        {"a": shared},
        {"a": [*shared, 20]},
    ]
    assert len({key(c) for c in different}) == len(different)
    # A template may iterate a mapping: its order is part of what it shows.
    assert key({"a": 1, "b": 2}) != key({"b": 2, "a": 1})
    assert keys.key(Page("/y/", "x.html", {}), {}) != key({})

    @dataclass
    class Card:
        name: str
        forms: frozenset

    words = ["quay", "harbour", "pier", "dock", "jetty", "wharf", "mole", "slip"]
    one, other = frozenset(words), frozenset(reversed(words))
    assert key({"c": Card("x", one)}) == key({"c": Card("x", other)})
    assert key({"c": Card("x", one)}) != key({"c": Card("x", one - {"pier"})})
    assert key({"c": Card("x", one)}) != key({"c": Card("y", one)})


def test_page_keys_tell_lists_of_plain_records_and_hits_apart() -> None:
    # An entity page holds thousands of plain records (one per briefing)
    # and groups of hits inside dictionaries; they are written as one
    # string each, which must still tell every value from another.
    from dataclasses import dataclass
    from types import SimpleNamespace

    from briefgen.cachekeys import PageKeys
    from briefgen.pages import Page
    from briefgen.site import Hit

    @dataclass
    class Mention:
        title: str
        count: object
        note: object = None

    @dataclass
    class Other:
        title: str
        count: object
        note: object = None

    first, second = SimpleNamespace(), SimpleNamespace()
    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, articles=[])
    keys = PageKeys(site, {id(first): "k1", id(second): "k2"}, "summary")  # type: ignore[arg-type]
    page = Page("/x/", "x.html", {})

    def key(context: dict) -> str:
        return keys.key(page, context)

    def mentions(*counts: object) -> list[Mention]:
        return [Mention(f"t{i}", c) for i, c in enumerate(counts)]

    assert key({"m": mentions(1, 2)}) == key({"m": mentions(1, 2)})  # new objects, same values
    # One string object named twice, or two equal strings: the same key.
    shared = "".join(["ti", "tle"])
    twice = [Mention(shared, 1, shared), Mention(shared, 2)]
    apart = [Mention("".join(["t", "itle"]), 1, "".join(["tit", "le"])), Mention("title", 2)]
    assert twice[0].title is twice[0].note and apart[0].title is not apart[0].note
    assert key({"m": twice}) == key({"m": apart})
    different = [
        {"m": mentions(1, 2)},
        {"m": mentions(2, 1)},
        {"m": mentions(1)},
        {"m": mentions("1", 2)},
        {"m": mentions(True, 2)},
        {"m": mentions(1.0, 2)},
        {"m": mentions(None, 2)},
        {"m": mentions(0.0, 2)},
        {"m": mentions(-0.0, 2)},
        {"m": [Mention("t0", 1, "a', 'b"), Mention("t1", 2)]},
        {"m": [Mention("t0", 1, "a"), Mention("b", 2)]},
        {"m": [Other("t0", 1), Other("t1", 2)]},
        {"m": [Mention("t0", 1), Other("t1", 2)]},  # mixed: written one by one
        {"m": [Mention("t0", [1]), Mention("t1", 2)]},  # not plain: likewise
        {"m": [Mention("t0", [2]), Mention("t1", 2)]},
    ]
    assert len({key(c) for c in different}) == len(different)

    def ann(n: int) -> SimpleNamespace:
        return SimpleNamespace(id=f"ann-{n}")

    def groups(*hits: Hit) -> dict:
        return {"related": [{"kind": "quote", "hits": list(hits)}]}

    assert key(groups(Hit(first, ann(1)))) == key(groups(Hit(first, ann(1))))
    hit_lists = [
        groups(Hit(first, ann(1)), Hit(second, ann(1))),
        groups(Hit(second, ann(1)), Hit(first, ann(1))),
        groups(Hit(first, ann(1)), Hit(second, ann(2))),
        groups(Hit(first, ann(1))),
        {"related": [{"kind": "claim", "hits": [Hit(first, ann(1))]}]},
    ]
    assert len({key(c) for c in hit_lists}) == len(hit_lists)


def test_page_keys_write_records_taken_from_articles_by_their_articles() -> None:
    # What plugins took from each article (article.indexed) depends only on
    # what the article's key holds: a list of such records stands for those
    # keys and the records' places, whatever their size; any other record
    # among them and the list is written value by value.
    from dataclasses import dataclass
    from types import SimpleNamespace

    from briefgen.cachekeys import PageKeys
    from briefgen.pages import Page

    @dataclass
    class Mention:
        title: str
        count: int

    def article(**records: Mention) -> SimpleNamespace:
        return SimpleNamespace(indexed={"probe": dict(records), "other": [Mention("o", 0)]})

    first = article(kyiv=Mention("First", 2), lviv=Mention("First", 5))
    second = article(kyiv=Mention("Second", 1))
    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, articles=[first, second])
    page = Page("/x/", "x.html", {})

    def key(context: dict, article_keys: dict | None = None) -> str:
        known = article_keys or {id(first): "k1", id(second): "k2"}
        return PageKeys(site, known, "summary").key(page, context)  # type: ignore[arg-type]

    kyiv = [first.indexed["probe"]["kyiv"], second.indexed["probe"]["kyiv"]]
    assert key({"m": kyiv}) == key({"m": list(kyiv)})
    # By the articles' keys: a changed article changes the key, values aside.
    assert key({"m": kyiv}) != key({"m": kyiv}, {id(first): "k1", id(second): "k3"})
    # Each record by its place: two records of one article and plugin differ.
    lviv = [first.indexed["probe"]["lviv"], second.indexed["probe"]["kyiv"]]
    other = [first.indexed["other"][0], second.indexed["probe"]["kyiv"]]
    assert len({key({"m": kyiv}), key({"m": lviv}), key({"m": other})}) == 3
    assert key({"m": kyiv}) != key({"m": kyiv[::-1]})
    # A record made elsewhere among them: written value by value.
    loose = [kyiv[0], Mention("Second", 1)]
    assert key({"m": loose}) == key({"m": [kyiv[0], Mention("Second", 1)]})
    assert key({"m": loose}) != key({"m": [kyiv[0], Mention("Second", 9)]})


def test_a_kept_builder_finds_records_of_unchanged_articles_where_they_were(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The preview's builder keeps where each article's records sit from
    # build to build, for the articles that are the same, with the same
    # indexed values and key; the others are looked through again.
    from dataclasses import dataclass
    from types import SimpleNamespace

    import briefgen.cachekeys as cachekeys
    from briefgen.cachekeys import IndexedRecords, PageKeys
    from briefgen.pages import Page

    @dataclass
    class Mention:
        title: str

    looked: list[str] = []
    real = cachekeys._records_in

    def records_in(indexed: dict, key: str) -> dict:
        looked.append(key)
        return real(indexed, key)

    monkeypatch.setattr(cachekeys, "_records_in", records_in)
    first = SimpleNamespace(indexed={"probe": {"a": Mention("First")}})
    second = SimpleNamespace(indexed={"probe": {"a": Mention("Second")}})
    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, articles=[first, second])
    page = Page("/x/", "x.html", {})
    kept = IndexedRecords()

    def build(article_keys: dict) -> str:
        keys = PageKeys(site, article_keys, "summary", kept)  # type: ignore[arg-type]
        listed = [first.indexed["probe"]["a"], second.indexed["probe"]["a"]]
        assert keys._settled(listed).tag == "indexed"  # type: ignore[union-attr]
        return keys.key(page, {"m": listed})

    one = build({id(first): "k1", id(second): "k2"})
    assert sorted(looked) == ["k1", "k2"]
    looked.clear()
    assert build({id(first): "k1", id(second): "k2"}) == one and looked == []
    # A changed article (a new key) is looked through again, and its records
    # stand for its new key.
    two = build({id(first): "k1", id(second): "k3"})
    assert looked == ["k3"] and two != one
    looked.clear()
    second.indexed = {"probe": {"a": Mention("Second, again")}}
    build({id(first): "k1", id(second): "k3"})
    assert looked == ["k3"]


def test_a_page_naming_a_source_many_times_counts_it_once() -> None:
    from types import SimpleNamespace

    from briefgen.cachekeys import PageKeys
    from briefgen.pages import Page

    articles = [SimpleNamespace() for _ in range(30)]
    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, ref_fingerprints={})
    tokens = {id(a): f"k{i}" for i, a in enumerate(articles)}
    keys = PageKeys(site, tokens, "summary")  # type: ignore[arg-type]

    def key(sources: list) -> str:
        return keys.source_key(Page("/e/", "e.html", {}, sources=sources))

    # An entity's first page: each briefing that mentions it, and again for
    # every quotation of it there.
    once = ["entities/x", *articles]
    many = ["entities/x", *articles, *articles[:10], *articles[:10], "entities/x"]
    assert key(many) == key(once)
    assert key(list(reversed(many))) == key(once)
    assert key(["entities/x", *articles[:29], *articles[:10]]) != key(once)
    before = key(many)
    tokens[id(articles[3])] = "k3 edited"  # an article named three times changed
    keys = PageKeys(site, tokens, "summary")  # type: ignore[arg-type]  # the next build's
    assert key(many) != before
    assert key(many) == key(once)


def test_page_keys_of_contexts_made_one_at_a_time() -> None:
    """Pages are keyed one after another and their contexts dropped: a new
    list made where a dropped one was must not pass for it."""
    from types import SimpleNamespace

    from briefgen.cachekeys import PageKeys
    from briefgen.pages import Page

    site = SimpleNamespace(fingerprints={"base": "b", "shared": "s"}, articles=[])
    keys = PageKeys(site, {}, "summary")  # type: ignore[arg-type]
    page = Page("/x/", "x.html", {})
    seen = {keys.key(page, {"items": [n * 100 + k for k in range(10)]}) for n in range(50)}
    assert len(seen) == 50


def test_page_keys_are_the_same_in_every_process(tmp_path: Path) -> None:
    """Keys made by another run (another hash seed: sets and string hashes
    are ordered differently) still match: nothing is rendered again."""
    import subprocess
    import sys

    shutil.copytree(ROOT / "content", tmp_path / "site/content")
    shutil.copy(ROOT / "site.yml", tmp_path / "site/site.yml")
    script = (
        "import sys\n"
        "from briefgen.build import build\n"
        "r = build(sys.argv[1], jobs=1)\n"
        "print(r.rendered, r.pages)\n"
    )
    env = {**os.environ, "BRIEFGEN_PLUGINS": "entities,factchecks,quotes"}
    runs = []
    for seed in ("1", "2"):
        for record in (tmp_path / "site/.briefgen-cache").glob("last-build-*.json"):
            record.unlink()  # so the build does not stop at "nothing changed"
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "site")],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        runs.append([int(n) for n in done.stdout.split()])
    (rendered, pages), (again, _) = runs
    assert rendered == pages > 20
    assert again == 0
