"""The build end to end: output, determinism, atomicity, site features."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import article, recorded, same_as_clean, tree

from briefgen import output
from briefgen.build import Builder, build
from briefgen.errors import StrictModeError
from briefgen.lastbuild import BuildResult
from briefgen.testing import build_site, write_files


@pytest.fixture(autouse=True)
def _engine_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about the engine; bundled plugins have their own.
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "")


def test_site_with_only_a_title_builds(tmp_path: Path) -> None:
    built = build_site(tmp_path, {"site.yml": "title: Only a title\n"})
    html = built.page("/")
    assert "<title>Only a title</title>" in html
    assert "No briefings yet" in html
    assert built.exists("/404.html") and built.exists("/feed.xml")


def test_articles_pages_tags_and_feed(tmp_path: Path) -> None:
    built = build_site(
        tmp_path,
        {
            "content/articles/one.md": article("First briefing", "2025-03-18"),
            "content/articles/two.md": article("Second briefing", "2025-03-19"),
        },
    )
    home = built.page("/")
    # newest first
    assert home.index("Second briefing") < home.index("First briefing")
    page = built.page("/articles/one/")
    assert "<h1" in page and "First briefing" in page
    assert 'datetime="2025-03-18"' in page
    assert "A short summary." in page
    assert built.exists("/tags/alpha/") and built.exists("/tags/beta-gamma/")
    assert "First briefing" in built.page("/tags/beta-gamma/")
    feed = built.page("/feed.xml")
    assert feed.count("<entry>") == 2


def test_tags_written_two_ways_make_one_tag_listing_each_article_once(tmp_path: Path) -> None:
    def brief(title: str, date: str, tags: str) -> str:
        return f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\n\nText of {title}.\n"

    built = build_site(
        tmp_path,
        {
            "content/articles/one.md": brief("First briefing", "2025-03-18", "[Energy, energy]"),
            "content/articles/two.md": brief("Second briefing", "2025-03-19", "[ENERGY]"),
        },
    )
    page = built.page("/tags/energy/")
    assert page.count("First briefing") == page.count("Second briefing") == 1
    assert not built.exists("/tags/energy-2/")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    files = {
        f"content/articles/a{i}.md": article(f"Article {i}", f"2025-03-{i + 1:02d}")
        for i in range(12)
    }
    write_files(tmp_path / "site", files)
    build(tmp_path / "site", output=tmp_path / "out1")
    build(tmp_path / "site", output=tmp_path / "out2")
    assert tree(tmp_path / "out1") == tree(tmp_path / "out2")


def test_rebuild_keeps_unchanged_files_untouched(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "content/articles/a.md": article("A"),
            "content/articles/b.md": article("B", "2025-03-17"),
        },
    )
    build(tmp_path)
    page_b = tmp_path / "public/articles/b/index.html"
    before = page_b.stat()
    (tmp_path / "content/articles/a.md").write_text(article("A changed"))
    result = build(tmp_path)
    after = page_b.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert result.unchanged > 0
    assert "A changed" in (tmp_path / "public/articles/a/index.html").read_text()


def test_a_failed_build_leaves_files_shared_with_the_spare_folder_as_they_were(
    tmp_path: Path,
) -> None:
    """An unchanged page is a hard link between the output and the folder
    the next build is staged in; a build that changes the page and then
    fails (a warning with --strict, after every file is staged) must not
    have written into the published file."""
    write_files(
        tmp_path,
        {
            "content/articles/a.md": article("A"),
            "content/articles/b.md": article("B", "2025-03-17"),
        },
    )
    build(tmp_path)
    (tmp_path / "content/articles/a.md").write_text(article("A changed"))
    build(tmp_path)  # b's page is now the same file in both folders
    page_b = tmp_path / "public/articles/b/index.html"
    spare_b = tmp_path / ".public.previous/articles/b/index.html"
    assert page_b.stat().st_ino == spare_b.stat().st_ino
    published = tree(tmp_path / "public")
    warned = article("B rewritten", "2025-03-17") + "\n# A second title\n"
    (tmp_path / "content/articles/b.md").write_text(warned)
    with pytest.raises(StrictModeError):
        build(tmp_path, strict=True)
    assert "B rewritten" in spare_b.read_text()  # staged, then the build failed
    assert tree(tmp_path / "public") == published


def _cli_build(root: Path) -> BuildResult:
    """A build as ``briefgen build`` makes it, and its result."""
    from briefgen import cli

    made: list[BuildResult] = []
    real = Builder.rebuild

    def rebuild(self: Builder, *args: Any, **kwargs: Any) -> BuildResult:
        made.append(real(self, *args, **kwargs))
        return made[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Builder, "rebuild", rebuild)
        assert cli.main(["build", "--source", str(root), "--quiet"]) == 0
    return made[-1]


@pytest.mark.parametrize("make", [build, _cli_build], ids=["build", "cli"])
def test_the_output_is_known_from_the_last_build_s_record_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], BuildResult]
) -> None:
    """A build does not walk the output folder it replaces when the last
    build's record says what it holds (the folder's marker is the one that
    build wrote): the count of files removed comes from there, and a file
    put in the folder by hand goes with it all the same. A folder the
    record does not describe is walked."""
    root = write_files(
        tmp_path / "site",
        {"content/articles/a.md": article("A"), "content/articles/b.md": article("B")},
    )
    make(root)
    walked = recorded(monkeypatch, output, "_listing", lambda folder: Path(folder).name)
    (root / "content/articles/b.md").unlink()
    (root / "public/by-hand.txt").write_text("not built\n")
    result = make(root)
    assert walked == []
    assert result.removed == 2  # b's page and its annotations.json
    assert not (root / "public/by-hand.txt").exists()
    assert same_as_clean(root, tmp_path)
    (root / "public" / output.MARKER).write_bytes(b"another build's\n")
    (root / "content/articles/a.md").write_text(article("A again"))
    make(root)
    assert walked == ["public"]
    assert same_as_clean(root, tmp_path)


def test_staging_remembers_no_listing_it_took_from_a_record(tmp_path: Path) -> None:
    """What a build was told the output holds may miss files put there by
    hand, so a builder that remembers listings between builds does not
    take it as the listing of the folder it stages into next time."""
    out = tmp_path / "out"
    (out / "page").mkdir(parents=True)
    (out / "page/index.html").write_text("old\n")
    (out / output.MARKER).write_text("built\n")
    (out / "by-hand.txt").write_text("not built\n")
    state: dict[str, set[str]] = {}
    staging = output.Staging(out, state, published={"page/index.html"})
    staging.put("page/index.html", b"new\n")
    staging.finish({"page/index.html"})
    assert str(staging.spare) not in state  # the old output, by-hand.txt and all
    assert state[str(out)] == {"page/index.html"}
    assert (out / "page/index.html").read_text() == "new\n"


def test_a_staged_file_is_written_over_only_when_it_has_no_other_name(tmp_path: Path) -> None:
    """A file the staging folder holds alone (the build before last's copy
    of a page the last build changed) is written over in place, cut to its
    new length; a hard link to another file, or a symbolic link, is
    replaced, and what it pointed to is left as it was."""
    alone, linked, pointer = tmp_path / "alone", tmp_path / "linked", tmp_path / "pointer"
    alone.write_bytes(b"an older and longer page\n")
    published, elsewhere = tmp_path / "published", tmp_path / "elsewhere"
    published.write_bytes(b"published page\n")
    elsewhere.write_bytes(b"not ours\n")
    os.link(published, linked)
    pointer.symlink_to(elsewhere)
    with alone.open("rb") as same_file:  # sees new bytes only if written over
        for path in (alone, linked, pointer):
            output._write_new(str(path), b"new page\n")
            assert path.read_bytes() == b"new page\n" and not path.is_symlink()
        assert same_file.read() == b"new page\n"
    assert published.read_bytes() == b"published page\n"
    assert elsewhere.read_bytes() == b"not ours\n"


def test_deleted_article_disappears_from_output(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"content/articles/a.md": article("A"), "content/articles/b.md": article("B")}
    )
    build(tmp_path)
    (tmp_path / "content/articles/b.md").unlink()
    build(tmp_path)
    assert not (tmp_path / "public/articles/b").exists()


def test_pagination(tmp_path: Path) -> None:
    files = {
        f"content/articles/a{i}.md": article(f"Article {i:02d}", f"2025-01-{i + 1:02d}")
        for i in range(25)
    }
    files["site.yml"] = "title: T\nper_page: 10\n"
    built = build_site(tmp_path, files)
    assert built.exists("/page/2/") and built.exists("/page/3/")
    assert not built.exists("/page/4/")
    assert "Article 24" in built.page("/") and "Article 14" not in built.page("/")
    assert "Article 04" in built.page("/page/3/")
    assert 'rel="next"' in built.page("/") and 'rel="prev"' in built.page("/page/3/")


def test_drafts_only_with_flag(tmp_path: Path) -> None:
    files = {"content/articles/d.md": article("Draft piece", draft="true")}
    built = build_site(tmp_path, files)
    assert not built.exists("/articles/d/")
    built = build_site(tmp_path, drafts=True)
    assert built.exists("/articles/d/")


def test_slug_and_permalink_pattern(tmp_path: Path) -> None:
    files = {
        "site.yml": "title: T\npermalink: /{year}/{month}/{slug}/\n",
        "content/articles/whatever.md": article("X", slug="my-slug"),
    }
    built = build_site(tmp_path, files)
    assert built.exists("/2025/03/my-slug/")


def test_folder_article_publishes_its_files(tmp_path: Path) -> None:
    body = article("Map story") + "\n![A map](map.svg)\n"
    files = {
        "content/articles/map-story/index.md": body,
        "content/articles/map-story/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/articles/map-story/sources/notes.md": "# Notes\n\nNot an article.\n",
        "content/articles/other.md": article("Other story"),
        "static/robots.txt": "User-agent: *\n",
    }
    built = build_site(tmp_path, files)
    # A Markdown file inside a folder article is one of its files, not an article.
    assert sorted(a.slug for a in built.site.articles) == ["map-story", "other"]
    assert built.exists("/articles/map-story/map.svg")
    assert 'src="map.svg"' in built.page("/articles/map-story/")
    assert built.page("/robots.txt") == "User-agent: *\n"


def test_static_files_through_links_but_not_hidden_ones(tmp_path: Path) -> None:
    vendor = write_files(tmp_path / "vendor", {"maps/base.js": "// base\n"})
    files = {
        "content/articles/note.md": article("Note"),
        "static/_redirects": "/old /new 301\n",
        "static/.git/config": "[core]\n",
        "static/css/.DS_Store": "junk",
        "content/articles/map-story/index.md": article("Map story"),
        "content/articles/map-story/.notes/todo.txt": "private",
    }
    write_files(tmp_path / "site", files)
    (tmp_path / "site/static/vendor").symlink_to(vendor)
    build(tmp_path / "site")
    published = tree(tmp_path / "site/public")
    assert published["vendor/maps/base.js"] == b"// base\n"
    assert published["_redirects"] == b"/old /new 301\n"
    leaked = [rel for rel in published if any(n in rel for n in (".git", ".DS_Store", ".notes"))]
    assert not leaked


GC_WATCH = """
import gc
from briefgen import hookimpl

SEEN = []

@hookimpl
def briefgen_build_start(site):
    SEEN.append(("start", gc.isenabled()))
    if site.config.title == "Broken":
        raise ValueError("no registry today")

@hookimpl
def briefgen_annotate(article, site):
    SEEN.append(("annotate", gc.isenabled()))
    return []
"""


def test_loading_runs_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import sys

    monkeypatch.setenv("BRIEFGEN_PLUGINS", "gc_watch")
    root = write_files(
        tmp_path, {"plugins/gc_watch.py": GC_WATCH, "content/articles/a.md": article("A")}
    )
    assert gc.isenabled()
    build(root, jobs=1)
    seen = sys.modules["briefgen_local_gc_watch"].SEEN
    assert seen == [("start", False), ("annotate", True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    (root / "site.yml").write_text("title: Broken\n")
    with pytest.raises(Exception, match="no registry today"):
        build(root, jobs=1)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # as before, after a failure too


def test_markdown_features(tmp_path: Path) -> None:
    body = article("Features") + (
        "\n## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and a note[^1].\n\n"
        "[^1]: The footnote.\n\n[marked]{.highlight} text.\n"
    )
    html = build_site(tmp_path, {"content/articles/f.md": body}).page("/articles/f/")
    assert '<h2 id="a-heading">' in html
    assert "<table>" in html and "<s>gone</s>" in html
    assert 'class="footnote-ref"' in html and "The footnote." in html
    assert '<span class="highlight">marked</span>' in html


def test_raw_html_off_by_default_and_unsafe_links_never(tmp_path: Path) -> None:
    body = article("Safe") + (
        "\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) "
        '[ok](https://example.org){onclick="alert(2)"} ![x](data:text/html;base64,AAAA)\n'
        '[styled](https://example.org){href="javascript:alert(3)" .fine}\n'
    )
    html = build_site(tmp_path, {"content/articles/s.md": body}).page("/articles/s/")
    body_html = html.split('class="briefing-body"')[1]
    assert "<script>" not in body_html and "&lt;script&gt;" in body_html
    assert "javascript:" not in html.replace("[bad](javascript:alert(1))", "")
    tags = re.findall(r"<[^>]+>", body_html)
    assert not [t for t in tags if "onclick" in t or "javascript:" in t or "data:text" in t]
    assert '<a href="https://example.org" class="fine">styled</a>' in body_html


def test_raw_html_when_enabled(tmp_path: Path) -> None:
    files = {
        "site.yml": "title: T\nraw_html: true\n",
        "content/articles/r.md": article("Raw") + '\n<div class="box">raw</div>\n',
    }
    html = build_site(tmp_path, files).page("/articles/r/")
    assert '<div class="box">raw</div>' in html


def test_links_work_under_a_sub_path(tmp_path: Path) -> None:
    files = {
        "site.yml": "title: T\nbase_url: https://example.org/briefings/\n",
        "content/articles/a.md": article("A"),
    }
    built = build_site(tmp_path, files)
    out = built.output
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        for ref in re.findall(r'(?:href|src)="([^"#]*)', page.read_text()):
            if not ref or ref.startswith(("http:", "https:", "mailto:")):
                continue
            assert not ref.startswith("/"), f"{page}: absolute link {ref}"
            target = (page.parent / ref).resolve()
            if ref.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(out)} links to missing {ref}"
    # the 404 page is served at any address, so its links carry the base path
    assert 'href="/briefings/static/briefing.css"' in built.page("/404.html")
    assert "https://example.org/briefings/articles/a/" in built.page("/feed.xml")
    assert "<loc>https://example.org/briefings/articles/a/</loc>" in built.page("/sitemap.xml")


def test_init_creates_a_site_that_builds(tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.delenv("BRIEFGEN_PLUGINS")  # with every bundled plugin on
    code, _out, err = run_cli("init", tmp_path / "new", "--title", "Harbour news")
    assert code == 0, err
    code, _out, err = run_cli("build", "--source", tmp_path / "new")
    assert code == 0, err
    assert (tmp_path / "new/public/articles/harbour-budget/index.html").is_file()
    assert "Harbour news" in (tmp_path / "new/public/index.html").read_text()
    code, _, err = run_cli("init", tmp_path / "new")
    assert code == 1 and "not empty" in err


def test_version_and_help(run_cli, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli("--version")
    assert exc.value.code == 0
    assert re.match(r"briefgen \d+\.\d+", capsys.readouterr().out)
    for command in ("build", "check", "init", "plugins", "hooks"):
        with pytest.raises(SystemExit) as exc:
            run_cli(command, "--help")
        assert exc.value.code == 0
        assert "usage: briefgen " + command in capsys.readouterr().out


def test_site_paths_in_markdown_work_under_a_sub_path(tmp_path: Path) -> None:
    body = article("Links") + "\nSee [all tags](/tags/) and ![logo](/static/logo.svg).\n"
    files = {
        "site.yml": "title: T\nbase_url: https://example.org/briefings/\n",
        "content/articles/l.md": body,
        "static/static/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    }
    html = build_site(tmp_path, files).page("/articles/l/")
    assert '<a href="../../tags/">all tags</a>' in html
    assert 'src="../../static/logo.svg"' in html


def test_level_one_heading_in_body_is_a_warning(tmp_path: Path) -> None:
    body = article("Heading") + "\n# Another title\n\nText.\n"
    built = build_site(tmp_path, {"content/articles/h.md": body})
    assert any("content/articles/h.md:10: a level-1 heading" in w for w in built.warnings)
