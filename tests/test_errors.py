"""Bad input: one clear message with file and line, exit 1, output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article, tree

from briefgen.build import Builder
from briefgen.errors import BriefgenError
from briefgen.testing import write_files


@pytest.fixture(autouse=True)
def _engine_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "")


@pytest.fixture
def site(tmp_path: Path, run_cli) -> Path:
    """A site that has been built once successfully."""
    write_files(tmp_path, {"content/articles/good.md": article("Good")})
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 0, err
    return tmp_path


def fails(run_cli, site: Path, *expected: str, args: tuple[str, ...] = ()) -> str:
    """Build, assert it fails cleanly with every expected fragment, and that
    the published output is exactly what it was before."""
    before = tree(site / "public")
    code, out, err = run_cli("build", "--source", site, *args)
    assert code == 1, (out, err)
    assert "Traceback" not in err
    assert err.startswith("error: ")
    for fragment in expected:
        assert fragment in err, err
    assert tree(site / "public") == before
    return err


def test_bad_front_matter_yaml(site: Path, run_cli) -> None:
    (site / "content/articles/bad.md").write_text(
        "---\ntitle: Fine\ndate: 2025-03-01\ntags: [a, b\nsummary: x\n---\nBody\n"
    )
    fails(run_cli, site, "content/articles/bad.md:5:", "invalid front matter", "hint:")


def test_unclosed_front_matter(site: Path, run_cli) -> None:
    (site / "content/articles/bad.md").write_text("---\ntitle: Fine\ndate: 2025-03-01\nBody\n")
    fails(run_cli, site, "content/articles/bad.md:1:", "front matter is not closed")


@pytest.mark.parametrize("field", ["title", "date"])
def test_missing_required_field(site: Path, run_cli, field: str) -> None:
    text = article("Missing").replace(f"{field}:", "other:", 1)
    (site / "content/articles/bad.md").write_text(text)
    fails(run_cli, site, "content/articles/bad.md:", f"missing '{field}'")


def test_bad_date(site: Path, run_cli) -> None:
    (site / "content/articles/bad.md").write_text(article("X", date="next tuesday"))
    fails(run_cli, site, "content/articles/bad.md:3:", "'date' must be a date")


def test_bad_site_yml(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\nplugins:\n  - a\n - b\n")
    fails(run_cli, site, "site.yml:4:", "invalid YAML")


def test_unknown_setting(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\nbase_ulr: /x/\n")
    fails(run_cli, site, "site.yml:2:", "unknown setting 'base_ulr'")


def test_wrong_setting_type(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\nper_page: many\n")
    fails(run_cli, site, "site.yml:2:", "'per_page' must be a whole number")


def test_unknown_plugin(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\nplugins:\n  glossry: {}\n")
    fails(run_cli, site, "site.yml:3:", "unknown plugin 'glossry'")


def test_unknown_theme(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\ntheme: fancy\n")
    fails(run_cli, site, "site.yml:2:", "unknown theme 'fancy'", "briefing")


def test_a_theme_flag_that_is_not_true_or_false(site: Path, run_cli) -> None:
    (site / "site.yml").write_text("title: T\ntheme: plain\n")
    (site / "themes/plain/templates").mkdir(parents=True)
    (site / "themes/plain/theme.yml").write_text(
        "name: plain\nextends: briefing\nown_content_listings: sometimes\n"
    )
    fails(run_cli, site, "theme.yml:3:", "'own_content_listings' must be true or false")


def test_missing_template(site: Path, run_cli) -> None:
    (site / "templates").mkdir()
    (site / "templates/home.html").write_text('{% extends "base.html" %}{% include "nope.html" %}')
    fails(run_cli, site, "template 'nope.html' does not exist")


def test_template_syntax_error(site: Path, run_cli) -> None:
    (site / "templates").mkdir()
    (site / "templates/tags.html").write_text("line one\n{% if %}\n")
    fails(run_cli, site, "templates/tags.html:2:", "template syntax error")


def test_template_render_error(site: Path, run_cli) -> None:
    (site / "templates").mkdir()
    (site / "templates/tags.html").write_text("ok\n{{ page.no_such_thing.deeper }}\n")
    fails(run_cli, site, "templates/tags.html:2:", "failed to render")


def test_plugin_that_raises_is_named(site: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "boom")
    (site / "plugins").mkdir()
    (site / "plugins/boom.py").write_text(
        "from briefgen import hookimpl\n\n"
        "@hookimpl\ndef briefgen_annotate(article):\n"
        "    raise ValueError('cannot cope')\n"
    )
    fails(
        run_cli,
        site,
        "plugin 'boom'",
        "briefgen_annotate",
        "content/articles/good.md",
        "cannot cope",
    )


def test_plugin_that_fails_to_import_is_named(site: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "broken")
    (site / "plugins").mkdir()
    (site / "plugins/broken.py").write_text("import os\n\nx = 1 +\n")
    fails(run_cli, site, "plugins/broken.py:3:", "'broken' failed to import")


def test_plugin_with_wrong_signature(site: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "odd")
    (site / "plugins").mkdir()
    (site / "plugins/odd.py").write_text(
        "from briefgen import hookimpl\n\n@hookimpl\ndef briefgen_annotate(article, colour):\n"
        "    return None\n"
    )
    fails(run_cli, site, "plugin 'odd'", "briefgen_annotate", "colour")


def test_plugin_with_unknown_hook(site: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "typo")
    (site / "plugins").mkdir()
    (site / "plugins/typo.py").write_text(
        "from briefgen import hookimpl\n\n@hookimpl\ndef briefgen_anotate(article):\n"
        "    return None\n"
    )
    fails(run_cli, site, "plugin 'typo'", "unknown hook 'briefgen_anotate'")


def test_plugin_setting_validation(site: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "conf")
    (site / "plugins").mkdir()
    (site / "plugins/conf.py").write_text(
        "from briefgen import hookimpl, Setting\n\n@hookimpl\ndef briefgen_settings():\n"
        "    return {'limit': Setting(int, 3, 'how many')}\n"
    )
    (site / "site.yml").write_text("title: T\nplugins:\n  conf:\n    limit: lots\n")
    fails(run_cli, site, "site.yml:4:", "setting 'limit' of plugin 'conf' must be int")
    (site / "site.yml").write_text("title: T\nplugins:\n  conf:\n    limt: 2\n")
    fails(run_cli, site, "site.yml:4:", "plugin 'conf' has no setting 'limt'", "limit")


def test_duplicate_urls(site: Path, run_cli) -> None:
    (site / "content/articles/other.md").write_text(article("Other", slug="good"))
    fails(run_cli, site, "two articles have the URL /articles/good/")


def test_strict_turns_warnings_into_errors(site: Path, run_cli) -> None:
    (site / "content/stray").mkdir()
    (site / "content/stray/x.md").write_text("hi\n")
    code, _, err = run_cli("build", "--source", site)
    assert code == 0 and "not claimed by any plugin" in err
    fails(run_cli, site, "warning(s) with --strict", "content/stray", args=("--strict",))
    code, out, _ = run_cli("check", "--source", site)
    assert code == 1 and "content/stray: content/stray/ is not claimed" in out


def test_output_folder_that_is_the_source_is_refused(site: Path, run_cli) -> None:
    fails(run_cli, site, "site folder", args=("--output", str(site)))
    (site / "site.yml").write_text("title: T\noutput: .\n")
    fails(run_cli, site, "site.yml:2:", "'output'")


def test_output_folder_with_foreign_files_is_refused(site: Path, run_cli, tmp_path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "precious.txt").write_text("keep me")
    code, _, err = run_cli("build", "--source", site, "--output", other)
    assert code == 1 and "was not built by briefgen" in err
    assert (other / "precious.txt").read_text() == "keep me"


def test_no_site_yml(tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1 and "no site.yml" in err and "briefgen init" in err


def test_debug_shows_traceback(site: Path, run_cli) -> None:
    (site / "content/articles/bad.md").write_text("---\ntitle: [\n---\n")
    code, _, err = run_cli("--debug", "build", "--source", site)
    assert code == 1 and "Traceback" in err and "error: " in err


def test_impossible_date(site: Path, run_cli) -> None:
    (site / "content/articles/bad.md").write_text(
        "---\ntitle: Fine\nsummary: s\ndate: 2025-02-30\n---\nBody\n"
    )
    fails(run_cli, site, "content/articles/bad.md:4:", "day is out of range")


def test_files_staged_by_a_failed_build_never_reach_the_output(site: Path, run_cli) -> None:
    # Files are written beside the output as they are made; a build that
    # fails after making some must not let them into a later output.
    (site / "content/articles/extra.md").write_text(article("Extra"))
    (site / "templates").mkdir()
    (site / "templates/tags.html").write_text("{{ page.no_such_thing.deeper }}\n")
    fails(run_cli, site, "templates/tags.html:1:")
    (site / "content/articles/extra.md").unlink()
    (site / "templates/tags.html").unlink()
    code, _, err = run_cli("build", "--source", site)
    assert code == 0, err
    assert sorted(p for p in tree(site / "public") if "articles/" in p) == [
        "articles/good/annotations.json",
        "articles/good/index.html",
    ]


def test_a_failed_first_build_leaves_nothing_behind(tmp_path: Path, run_cli) -> None:
    write_files(
        tmp_path,
        {
            "content/articles/a.md": article("A"),
            "templates/tags.html": "{{ page.no_such_thing.deeper }}\n",
        },
    )
    code, _, err = run_cli("build", "--source", tmp_path)
    assert code == 1 and "templates/tags.html:1:" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".briefgen-cache",
        "content",
        "site.yml",
        "templates",
    ]


def test_a_kept_builder_forgets_what_a_failed_build_staged(site: Path) -> None:
    # The preview's builder remembers what each folder holds; after a failed
    # build it must not trust that memory for the folder it was filling.
    builder = Builder(site)
    builder.rebuild()
    builder.rebuild()  # now both folders exist and the builder knows them
    extra = site / "content/articles/extra.md"
    extra.write_text(article("Extra"))
    (site / "templates").mkdir()
    bad = site / "templates/tags.html"
    bad.write_text("{{ page.no_such_thing.deeper }}\n")
    with pytest.raises(BriefgenError):
        builder.rebuild([extra, bad])
    extra.unlink()
    bad.unlink()
    for _ in range(2):  # into one folder, then the other
        builder.rebuild([extra, bad])
        assert sorted(p for p in tree(site / "public") if "articles/" in p) == [
            "articles/good/annotations.json",
            "articles/good/index.html",
        ]
