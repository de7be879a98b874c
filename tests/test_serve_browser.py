"""The preview in a real browser: Debian's chromium driven by Playwright.

Every check here is made without touching the browser after the first
navigation: files are saved, the page is expected to follow by itself.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_serve_support import STYLED_BASE, PausingBuilder, article, save_atomically, serving

from briefgen.testing import launch_chromium, sync_playwright_or_skip

pytestmark = pytest.mark.browser

ARTICLE = "content/articles/grid-talks.md"
WAIT_MS = 10_000


@pytest.fixture(scope="module")
def browser():
    with sync_playwright_or_skip()() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture
def expect():
    from playwright.sync_api import expect

    return expect


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def open_article(page, session, slug: str = "grid-talks"):
    response = page.goto(f"{session.url}articles/{slug}/")
    assert response is not None and response.status == 200
    # Wait until the reload channel is open, as a writer's tab would be.
    deadline = time.monotonic() + 5
    while session.broker.clients < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert session.broker.clients >= 1


def test_an_edit_shows_up_by_itself(tmp_path: Path, page, expect) -> None:
    with serving(tmp_path) as session:
        open_article(page, session)
        expect(page.locator("main")).to_contain_text("Negotiators met in a hotel")
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Talks resumed after lunch."))
        expect(page.locator("main")).to_contain_text("Talks resumed after lunch.", timeout=WAIT_MS)


def test_an_open_page_reloads_once_for_a_save(tmp_path: Path, page, expect) -> None:
    # The open page comes early, from the build under way (see preview.py),
    # and is not reloaded again when that build is done.
    with serving(tmp_path) as session:
        pausing = session.preview.builder = PausingBuilder(session.preview.builder)
        open_article(page, session)
        loads: list[str] = []
        page.on("load", lambda p: loads.append(p.url))
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Talks resumed after lunch."))
        expect(page.locator("main")).to_contain_text("Talks resumed after lunch.", timeout=WAIT_MS)
        assert pausing.paused.is_set() and not session.preview.reports[-1].changed
        # The early page listens (the old page's stream is still counted: its
        # end is noticed only when the next event is written to it).
        deadline = time.monotonic() + 5
        while session.broker.clients < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        builds = len(session.preview.reports)
        pausing.go_on.set()  # the build ends: "reload" to every page
        while len(session.preview.reports) == builds and time.monotonic() < deadline + 5:
            page.wait_for_timeout(20)
        assert session.preview.reports[-1].early is not None
        # Time enough for a second reload to start (waiting through the
        # browser lets its events reach the handler above).
        page.wait_for_timeout(500)
        assert loads == [f"{session.url}articles/grid-talks/"]


def test_a_broken_article_shows_the_error_over_the_page_until_fixed(
    tmp_path: Path, page, expect
) -> None:
    with serving(tmp_path) as session:
        open_article(page, session)
        (tmp_path / ARTICLE).write_text("---\ntitle: [Grid talks\ndate: 2025-03-18\n---\nText.\n")
        overlay = page.get_by_role("alertdialog")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        expect(overlay).to_contain_text(f"{ARTICLE}:3")
        expect(overlay).to_contain_text("invalid front matter")
        expect(overlay).to_contain_text("Hint:")
        # The last good page is still there, under the overlay.
        expect(page.locator("main")).to_contain_text("Negotiators met in a hotel")
        assert overlay.evaluate("el => el.getRootNode().activeElement === el")  # focused
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Fixed and saved."))
        expect(page.locator("main")).to_contain_text("Fixed and saved.", timeout=WAIT_MS)
        expect(page.get_by_role("alertdialog")).to_have_count(0)


def test_the_overlay_shows_markup_in_messages_as_text(tmp_path: Path, page, expect) -> None:
    plugin = (
        "from briefgen import ContentError, hookimpl\n\n"
        "@hookimpl\n"
        "def briefgen_annotate(article, site):\n"
        "    if 'BOOM' in article.text:\n"
        "        raise ContentError('bad <img src=x onerror=window.hacked=1> here', "
        "file=article.relpath, line=7)\n"
        "    return []\n"
    )
    with serving(tmp_path, {"plugins/boom.py": plugin}) as session:
        open_article(page, session)
        (tmp_path / ARTICLE).write_text(article("Grid talks", "BOOM"))
        overlay = page.get_by_role("alertdialog")
        expect(overlay).to_contain_text("bad <img src=x onerror=window.hacked=1> here")
        expect(overlay.locator("img")).to_have_count(0)
        assert page.evaluate("window.hacked") is None


def test_a_save_through_a_temporary_file_and_rename(tmp_path: Path, page, expect) -> None:
    with serving(tmp_path) as session:
        open_article(page, session)
        save_atomically(tmp_path / ARTICLE, article("Grid talks", "Saved the careful way."))
        expect(page.locator("main")).to_contain_text("Saved the careful way.", timeout=WAIT_MS)


def test_twenty_saves_in_a_second(tmp_path: Path, page, expect) -> None:
    with serving(tmp_path) as session:
        open_article(page, session)
        before = len(session.preview.reports)
        start = time.monotonic()
        for i in range(20):  # one save every 50 ms, on a fixed schedule
            time.sleep(max(0.0, start + i * 0.05 - time.monotonic()))
            (tmp_path / ARTICLE).write_text(article("Grid talks", f"Draft number {i}."))
        expect(page.locator("main")).to_contain_text("Draft number 19.", timeout=WAIT_MS)
        assert session.coalescer.wait_idle(10)
        assert 1 <= len(session.preview.reports) - before <= 2


def test_a_deleted_article_turns_into_the_404_page(tmp_path: Path, page, expect) -> None:
    with serving(tmp_path) as session:
        open_article(page, session, "port-deal")
        (tmp_path / "content" / "articles" / "port-deal.md").unlink()
        expect(page.locator("main")).to_contain_text("Page not found", timeout=WAIT_MS)
        response = page.reload()
        assert response is not None and response.status == 404


def test_a_stylesheet_change_is_swapped_without_reloading(tmp_path: Path, page, expect) -> None:
    with serving(tmp_path, {"templates/base.html": STYLED_BASE}) as session:
        open_article(page, session)
        expect(page.locator("body")).to_have_css("color", "rgb(10, 10, 10)")
        page.evaluate("window.notReloaded = true")
        (tmp_path / "static" / "site.css").write_text("body { color: rgb(0, 90, 0); }\n")
        expect(page.locator("body")).to_have_css("color", "rgb(0, 90, 0)", timeout=WAIT_MS)
        assert page.evaluate("window.notReloaded") is True


def test_a_hidden_tab_catches_up_when_shown(tmp_path: Path, page, expect) -> None:
    set_visibility = """state => {
        Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    with serving(tmp_path) as session:
        open_article(page, session)
        page.evaluate(set_visibility, "hidden")  # the tab goes to the background
        before = len(session.preview.reports)
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Changed while hidden."))
        deadline = time.monotonic() + 10
        while len(session.preview.reports) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(session.preview.reports) > before
        time.sleep(0.5)  # a connected page would have reloaded by now
        expect(page.locator("main")).to_contain_text("Negotiators met in a hotel")
        page.evaluate(set_visibility, "visible")
        expect(page.locator("main")).to_contain_text("Changed while hidden.", timeout=WAIT_MS)
