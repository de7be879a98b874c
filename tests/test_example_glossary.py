"""examples/glossary: a site with a local glossary plugin, built as its README
says, with terms marked, definitions shown and glossary pages published."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ruff_executable

from briefgen.testing import BuiltSite, build_site, launch_chromium, sync_playwright_or_skip

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "glossary"


def copy_example(folder: Path) -> Path:
    """The example, copied so that building it writes nothing in the repository."""
    ignore = shutil.ignore_patterns("public", ".briefgen-cache", "__pycache__", ".*_cache")
    return Path(shutil.copytree(EXAMPLE, folder, ignore=ignore))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    with pytest.MonkeyPatch.context() as env:
        env.delenv("BRIEFGEN_PLUGINS", raising=False)
        return build_site(copy_example(tmp_path_factory.mktemp("example") / "site"), strict=True)


def uses(built: BuiltSite, slug: str) -> dict[str, str]:
    """Marked text -> the term it is a use of, in one briefing."""
    article = built.article(slug)
    return {article.exact(a): a.data["term"] for a in article.of_kind("term")}


def test_the_readme_command_builds_the_example_without_warnings(tmp_path: Path, run_cli) -> None:
    readme = (EXAMPLE / "README.md").read_text("utf-8")
    assert "briefgen build --source examples/glossary" in readme
    copy_example(tmp_path / "examples" / "glossary")
    code, out, err = run_cli("build", "--source", tmp_path / "examples/glossary", "--strict")
    assert code == 0, err
    assert "warning" not in err
    assert re.search(r"annotations: .*\b14 term\b", out), out


def test_each_briefing_marks_the_first_use_of_each_term(built: BuiltSite) -> None:
    assert uses(built, "dredging-the-approach-channel") == {
        "harbour authority": "harbour authority",
        "Dredging": "dredging",
        "draught": "draught",
        "TEU": "TEU",
        "Pilots": "pilot",
        "the sea wall": "breakwater",
    }
    for article in built.site.articles:
        terms = [a.data["term"] for a in article.annotations if a.kind == "term"]
        assert len(terms) == len(set(terms)), article.slug


def test_authors_mark_what_matching_cannot_find(built: BuiltSite) -> None:
    # [[the sea wall|breakwater]] and [a place at the quay]{term=berth}
    assert uses(built, "dredging-the-approach-channel")["the sea wall"] == "breakwater"
    waiting = uses(built, "why-waiting-ships-cost-more")
    assert waiting["a place at the quay"] == "berth"
    # The quay inside the marked words is not marked again; its next use is.
    assert waiting["quays"] == "quay" and "quay" not in waiting
    body = built.article("dredging-the-approach-channel").body_html
    assert "[[" not in body and "|breakwater" not in body


def test_a_term_shows_its_definition_and_an_abbreviation_its_expansion(
    built: BuiltSite,
) -> None:
    article = built.article("dredging-the-approach-channel")
    [teu] = [a for a in article.of_kind("term") if a.data["term"] == "TEU"]
    assert (
        f'<span class="term" id="{teu.id}" tabindex="0" aria-describedby="{teu.id}-def">'
        '<dfn><abbr title="twenty-foot equivalent unit">TEU</abbr></dfn>'
        f'<span class="term-def" id="{teu.id}-def" role="tooltip">The unit in which'
    ) in article.body_html
    assert 'href="../../glossary.css"' in article.html


def test_the_glossary_lists_every_term_and_each_term_page_quotes_its_uses(
    built: BuiltSite,
) -> None:
    slugs = sorted(p.stem for p in (EXAMPLE / "content/glossary").glob("*.md"))
    index = built.page("/glossary/")
    assert [m for m in re.findall(r'<dt id="term-([\w-]+)">', index)] == slugs
    assert "Not used in any briefing yet." not in index
    berth = built.page("/glossary/berth/")
    hits = built.site.index.referencing("glossary/berth")
    assert len(hits) == 2
    for hit in hits:
        assert f'href="../..{hit.url}"' in berth
    assert "before <mark>a place at the quay</mark> came free." in berth


def test_every_briefing_ends_with_its_terms(built: BuiltSite) -> None:
    html = built.article("shore-power-at-the-cruise-quay").html
    terms = re.findall(r'<li><a href="../../glossary/([\w-]+)/">', html)
    assert terms == ["berth", "harbour-authority", "quay", "shore-power"]


def test_definitions_can_go_in_a_box_after_the_paragraph(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "site")
    yml = site / "site.yml"
    yml.write_text(yml.read_text().replace("definitions: popover", "definitions: aside"))
    built = build_site(site, strict=True)
    body = built.article("why-waiting-ships-cost-more").body_html
    assert 'class="term-def"' not in body
    assert re.search(
        r"with customers this week\.</p>\s*"
        r'<aside class="term-aside" aria-label="Glossary: demurrage">',
        body,
        re.S,
    ), body


def test_the_readme_settings_table_matches_the_plugin() -> None:
    spec = importlib.util.spec_from_file_location(
        "example_glossary", EXAMPLE / "plugins/glossary.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    settings = module.briefgen_settings()
    readme = (EXAMPLE / "README.md").read_text("utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", readme, re.M))
    assert rows == {name: str(s.default) for name, s in settings.items()}


def test_the_example_is_lint_clean() -> None:
    ruff = ruff_executable()
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [ruff, *command, "--no-cache", "."],
            cwd=EXAMPLE,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


POPOVER_JS = """(id) => {
    const box = document.getElementById(id + "-def");
    const style = getComputedStyle(box);
    const rect = box.getBoundingClientRect();
    return {visible: style.visibility === "visible" && style.opacity === "1",
            left: rect.left, right: rect.right, bottom: rect.bottom,
            width: window.innerWidth, height: window.innerHeight};
}"""


@pytest.mark.browser
def test_the_definition_pops_up_on_focus_and_hover_and_stays_on_screen(
    built: BuiltSite,
) -> None:
    sync_playwright = sync_playwright_or_skip()
    article = built.article("dredging-the-approach-channel")
    [draught] = [a for a in article.of_kind("term") if a.data["term"] == "draught"]
    url = (built.output / "articles/dredging-the-approach-channel/index.html").as_uri()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for width in (1200, 390):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.emulate_media(reduced_motion="reduce")
                page.goto(url)
                assert not page.evaluate(POPOVER_JS, draught.id)["visible"]
                page.focus(f"#{draught.id}")
                box = page.evaluate(POPOVER_JS, draught.id)
                assert box["visible"], width
                assert box["left"] >= 0 and box["right"] <= box["width"], (width, box)
                page.mouse.move(0, 0)
                page.evaluate("document.activeElement.blur()")
                assert not page.evaluate(POPOVER_JS, draught.id)["visible"]
                page.hover(f"#{draught.id}")
                assert page.evaluate(POPOVER_JS, draught.id)["visible"]
                page.close()
            page = browser.new_page()
            page.emulate_media(media="print")
            page.goto(url)
            assert page.evaluate(POPOVER_JS, draught.id)["visible"]
            before = page.evaluate(
                "(id) => getComputedStyle(document.getElementById(id + '-def'), '::before')"
                ".content",
                draught.id,
            )
            assert before == '" ("'
        finally:
            browser.close()
