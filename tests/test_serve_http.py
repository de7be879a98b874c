"""The preview server over real sockets: files, errors, reload events."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from test_serve_support import (
    SITE,
    EventStream,
    PausingBuilder,
    article,
    get,
    port_of,
    raw_request,
    save_atomically,
    serving,
    wait_until,
)

from briefgen.errors import BriefgenError
from briefgen.serve import PreviewSession
from briefgen.serve.livereload import inject_script
from briefgen.testing import write_files

ARTICLE = "content/articles/grid-talks.md"


@pytest.fixture
def session(tmp_path: Path):
    """A preview of its own, for tests that change the site."""
    with serving(tmp_path) as s:
        yield s


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    """One preview for the tests that only read."""
    with serving(tmp_path_factory.mktemp("shared")) as s:
        yield s


# ------------------------------------------------------------ files


def test_pretty_url_serves_the_article_with_the_reload_script(shared: PreviewSession) -> None:
    status, headers, body = get(shared, "/articles/grid-talks/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert int(headers["content-length"]) == len(body)
    assert b"Negotiators met in a hotel" in body
    assert body.count(b"/__briefgen__/livereload.js") == 1
    assert body.index(b"livereload.js") < body.rindex(b"</body>")


def test_folder_without_slash_redirects(shared: PreviewSession) -> None:
    status, headers, _ = get(shared, "/articles/grid-talks")
    assert status == 301
    assert headers["location"] == "/articles/grid-talks/"


def test_missing_page_gets_the_site_404_page(shared: PreviewSession) -> None:
    status, headers, body = get(shared, "/articles/never-written/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert b"Page not found" in body  # the theme's 404 page, not a bare message
    assert b"livereload.js" in body  # so it turns into the page once it exists


@pytest.mark.parametrize(
    ("path", "ctype"),
    [
        ("/site.css", "text/css; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/data/figures.json", "application/json"),
        ("/fonts/body.woff2", "font/woff2"),
        ("/feed.xml", "application/xml"),
        ("/articles/grid-talks/annotations.json", "application/json"),
        ("/__briefgen__/livereload.js", "text/javascript; charset=utf-8"),
    ],
)
def test_content_types(shared: PreviewSession, path: str, ctype: str) -> None:
    status, headers, body = get(shared, path)
    assert (status, headers["content-type"]) == (200, ctype)
    assert headers["x-content-type-options"] == "nosniff"
    assert b"livereload.js" not in body or path.endswith(".js")


def test_head_sends_headers_only(shared: PreviewSession) -> None:
    status, headers, body = raw_request(port_of(shared), "/logo.svg", method="HEAD")
    assert status == 200
    assert int(headers["content-length"]) > 0
    assert body == b""


def test_the_base_path_works_too(shared: PreviewSession) -> None:
    status, _, body = get(shared, "/briefings/articles/grid-talks/")
    assert status == 200
    assert b"Negotiators" in body


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/articles/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/%5c%2e%2e%5csecret.txt",
        "/..%2f..%2fsecret.txt",
        "/%00/secret.txt",
        "/C:%5cWindows%5cwin.ini",
    ],
)
def test_nothing_outside_the_output_is_served(shared: PreviewSession, target: str) -> None:
    root = shared.preview.snapshot.root
    assert root is not None
    for folder in (root.parent, shared.source):
        (folder / "secret.txt").write_text("TOP SECRET")
    status, _, body = get(shared, target)
    assert status in (400, 403, 404)
    assert b"TOP SECRET" not in body
    assert b"root:" not in body


def test_symlink_out_of_the_build_is_refused(session: PreviewSession, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    root = session.preview.snapshot.root
    assert root is not None
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    status, _, body = get(session, "/leak.txt")
    assert status == 403
    assert b"TOP SECRET" not in body


def test_serves_a_private_copy_not_the_published_folder(
    session: PreviewSession, tmp_path: Path
) -> None:
    root = session.preview.snapshot.root
    assert root is not None
    assert not (tmp_path / "public").exists()
    assert tmp_path / ".briefgen-cache" / "serve" in root.parents


def test_a_second_preview_of_the_site_gets_a_folder_of_its_own(
    session: PreviewSession, tmp_path: Path
) -> None:
    with serving(tmp_path) as second:
        assert second.folder.temporary
        assert second.workdir != session.workdir
        assert get(second, "/articles/grid-talks/")[0] == 200
    assert not second.workdir.exists()  # a temporary folder is removed
    assert session.workdir.is_dir()  # the first preview's is not touched


def test_build_output_has_no_reload_script(tmp_path: Path) -> None:
    from briefgen.build import build

    write_files(tmp_path, SITE)
    result = build(tmp_path)
    for page in result.output.rglob("*.html"):
        assert "__briefgen__" not in page.read_text("utf-8")


def test_inject_script_goes_before_the_last_body_end() -> None:
    html = b"<html><body><pre>&lt;/body&gt;</pre></BODY></html>"
    out = inject_script(html, "v1")
    assert out.index(b"<script") > out.index(b"</pre>")
    assert out.endswith(b"</BODY></html>")
    assert inject_script(b"<p>fragment</p>", "v1").startswith(b"<p>fragment</p><script")


# ------------------------------------------------------------ binding


def test_binds_to_loopback_only_by_default(shared: PreviewSession) -> None:
    assert shared.server is not None
    assert shared.server.server_address[0] == "127.0.0.1"
    assert shared.url == f"http://127.0.0.1:{port_of(shared)}/"


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    write_files(tmp_path, SITE)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        session = PreviewSession(tmp_path, port=port)
        with pytest.raises(BriefgenError, match=f"port {port} on 127.0.0.1 is already in use"):
            session.start()
    # The preview folder was let go: the next preview gets it.
    with serving(tmp_path) as again:
        assert again.workdir == session.workdir
        assert not again.folder.temporary


def test_default_port_taken_moves_to_the_next(tmp_path: Path, monkeypatch) -> None:
    from briefgen.serve import server

    write_files(tmp_path, SITE)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(server, "DEFAULT_PORT", port)
        try:
            session = PreviewSession(tmp_path)
            session.start()
        except BriefgenError:
            pytest.skip("the port after the taken one is taken too")
        try:
            assert port_of(session) > port
            assert session.port_note == (
                f"port {port} is in use; serving on port {port_of(session)} instead"
            )
        finally:
            session.stop()


# ------------------------------------------------------------ live reload


def test_a_page_connecting_gets_the_current_state(shared: PreviewSession) -> None:
    stream = EventStream(shared)
    try:
        event, data = stream.next()
        assert event == "state"
        assert data == {"version": shared.preview.snapshot.version, "error": None}
    finally:
        stream.close()


def test_a_save_rebuilds_and_sends_reload(session: PreviewSession, tmp_path: Path) -> None:
    stream = EventStream(session)
    try:
        assert stream.next()[0] == "state"
        before = session.preview.snapshot.version
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Talks resumed after lunch."))
        event, data = stream.next()
        assert event == "reload"
        assert data["version"] == session.preview.snapshot.version != before
        _, _, body = get(session, "/articles/grid-talks/")
        assert b"Talks resumed after lunch." in body
        assert f'data-version="{data["version"]}"'.encode() in body
    finally:
        stream.close()
    report = session.preview.reports[-1]
    assert report.changed == [ARTICLE]
    assert report.seconds > 0


def test_a_rebuild_gives_way_to_a_newer_save(session: PreviewSession, tmp_path: Path) -> None:
    """A save made while the rebuild of the one before is under way does
    not wait for the rest of it: once the open page is shown, that rebuild
    stops (nothing published) and the next one builds both saves."""
    preview = session.preview
    held = preview.builder = PausingBuilder(preview.builder)
    get(session, "/briefings/articles/grid-talks/")  # open in a browser
    old = preview.snapshot
    (tmp_path / ARTICLE).write_text(article("Grid talks resume", "Talks went on at dawn."))
    assert held.paused.wait(10)
    other = tmp_path / "content/articles/port-deal.md"
    other.write_text(article("Port deal signed", "The deal was signed.", date="2025-03-10"))
    wait_until(session.coalescer.newer_due, what="the second save to be due")
    held.go_on.set()
    wait_until(lambda: preview.snapshot != old, what="a new build")
    assert session.coalescer.wait_idle(10)
    events = [r.event for r in preview.reports[1:]]
    assert events == ["superseded", "reload"]
    stopped, done = preview.reports[1:]
    assert stopped.early is not None and stopped.result is None
    assert set(done.changed) == {ARTICLE, "content/articles/port-deal.md"}
    assert b"Talks went on at dawn." in get(session, "/briefings/articles/grid-talks/")[2]
    assert b"The deal was signed." in get(session, "/briefings/articles/port-deal/")[2]


def test_an_open_page_is_served_from_the_build_under_way(
    session: PreviewSession, tmp_path: Path
) -> None:
    preview = session.preview
    pausing = preview.builder = PausingBuilder(preview.builder)
    _, _, page = get(session, "/briefings/articles/grid-talks/")  # open in a browser
    old = preview.snapshot
    stream = EventStream(session, old.version)
    try:
        stream.next()
        (tmp_path / ARTICLE).write_text(article("Grid talks resume", "Talks went on at dawn."))
        event, data = stream.next()
        assert (event, data["paths"]) == ("early", ["/briefings/articles/grid-talks/"])
        assert pausing.paused.wait(10)
        # The build is not done: the site served is still the last complete one ...
        assert preview.snapshot == old and data["version"] != old.version
        assert "Grid talks resume" not in (old.root / "index.html").read_text()
        # ... but the open page is the new one, with the new build's version,
        _, _, early = get(session, "/briefings/articles/grid-talks/")
        assert b"Talks went on at dawn." in early
        assert f'data-version="{data["version"]}"'.encode() in early
        # which it is told is current when it connects (it does not reload again).
        again = EventStream(session, data["version"])
        assert again.next() == ("state", {"version": data["version"], "error": None})
        again.close()
        # The same page by another address, or asked for with HEAD, is not early.
        assert b"Talks went on" not in get(session, "/articles/grid-talks/")[2]
        pausing.go_on.set()
        event, done = stream.next()
        assert (event, done["version"]) == ("reload", data["version"])
        assert preview.snapshot.version == data["version"]
        # The build published exactly the page served early.
        assert get(session, "/briefings/articles/grid-talks/")[2] == early
    finally:
        pausing.go_on.set()
        stream.close()
    assert "the changed open page(s) after " in preview.out.getvalue()  # type: ignore[attr-defined]
    assert page != early


def test_a_stylesheet_change_swaps_css_without_reload(
    session: PreviewSession, tmp_path: Path
) -> None:
    stream = EventStream(session)
    try:
        stream.next()
        (tmp_path / "static" / "site.css").write_text("body { color: rgb(0, 90, 0); }\n")
        event, data = stream.next()
        assert event == "css"
        assert data["version"] == session.preview.snapshot.version
        assert b"rgb(0, 90, 0)" in get(session, "/site.css")[2]
    finally:
        stream.close()


def test_bad_front_matter_shows_the_error_then_a_fix_clears_it(
    session: PreviewSession, tmp_path: Path
) -> None:
    good = session.preview.snapshot
    stream = EventStream(session, good.version)
    try:
        stream.next()
        (tmp_path / ARTICLE).write_text("---\ntitle: [Grid talks\ndate: 2025-03-18\n---\nText.\n")
        event, data = stream.next()
        assert event == "build-error"
        assert data["file"] == ARTICLE
        assert data["line"] == 3
        assert data["where"] == f"{ARTICLE}:3"
        assert "front matter" in data["message"]
        assert data["hint"]
        assert data["version"] == good.version
        # The last good build stays served.
        assert session.preview.snapshot == good
        status, _, body = get(session, "/articles/grid-talks/")
        assert status == 200
        assert b"Negotiators met" in body
        # A page opened now is told about the error at once.
        late = EventStream(session, good.version)
        assert late.next() == ("state", {"version": good.version, "error": session.preview.error})
        late.close()
        # The fix.
        save_atomically(tmp_path / ARTICLE, article("Grid talks", "Fixed and saved."))
        # The page fetched above comes first, then the whole build.
        event, data = stream.next()
        assert (event, data["paths"]) == ("early", ["/articles/grid-talks/"])
        event, done = stream.next()
        assert (event, done["version"]) == ("reload", data["version"])
        assert session.preview.error is None
        assert b"Fixed and saved." in get(session, "/articles/grid-talks/")[2]
    finally:
        stream.close()
    out = session.preview.out.getvalue()  # type: ignore[attr-defined]
    assert f"error: {ARTICLE}:3: invalid front matter" in out
    assert "the last good build stays served" in out


def test_error_text_is_data_not_markup(tmp_path: Path) -> None:
    plugin = (
        "from briefgen import ContentError, hookimpl\n\n"
        "@hookimpl\n"
        "def briefgen_annotate(article, site):\n"
        "    if 'BOOM' in article.text:\n"
        "        raise ContentError('bad <img src=x onerror=alert(1)> here', "
        "file=article.relpath, line=7, hint='remove <b>BOOM</b>')\n"
        "    return []\n"
    )
    with serving(tmp_path, {"plugins/boom.py": plugin}) as session:
        stream = EventStream(session)
        try:
            stream.next()
            (tmp_path / ARTICLE).write_text(article("Grid talks", "BOOM"))
            event, data = stream.next()
        finally:
            stream.close()
    assert event == "build-error"
    assert "bad <img src=x onerror=alert(1)> here" in data["message"]
    assert data["hint"] == "remove <b>BOOM</b>"


def test_deleting_an_article_removes_its_page(session: PreviewSession, tmp_path: Path) -> None:
    (tmp_path / "content" / "articles" / "port-deal.md").unlink()
    wait_until(lambda: get(session, "/articles/port-deal/")[0] == 404, what="the 404")
    assert get(session, "/articles/grid-talks/")[0] == 200


def test_requests_during_rebuilds_always_get_a_whole_page(
    session: PreviewSession, tmp_path: Path
) -> None:
    failures: list[tuple[str, int, bytes]] = []
    done = threading.Event()

    def hammer() -> None:
        while not done.is_set():
            for path in ("/", "/articles/grid-talks/", "/articles/port-deal/", "/site.css"):
                status, _, body = get(session, path)
                if status != 200 or (path.endswith("/") and b"</html>" not in body):
                    failures.append((path, status, body[:200]))

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(8):
            before = len(session.preview.reports)
            (tmp_path / ARTICLE).write_text(article("Grid talks", f"Revision {i}."))
            wait_until(lambda b=before: len(session.preview.reports) > b, what="a rebuild")
    finally:
        done.set()
        for t in threads:
            t.join()
    assert failures == []


def test_a_request_while_the_folder_is_swapped_waits_for_it(session: PreviewSession) -> None:
    # A builder that publishes in place renames its folder away for a moment.
    root = session.preview.snapshot.root
    assert root is not None
    aside = root.with_name(root.name + ".aside")
    os.replace(root, aside)
    threading.Timer(0.1, os.replace, (aside, root)).start()
    status, _, body = get(session, "/articles/grid-talks/")
    assert status == 200
    assert b"Negotiators met" in body


def test_first_build_failing_serves_an_error_page_then_the_site(tmp_path: Path) -> None:
    broken = {ARTICLE: "---\ntitle: Grid talks\ndate: not a date\n---\nText.\n"}
    with serving(tmp_path, broken) as session:
        status, _, body = get(session, "/articles/grid-talks/")
        assert status == 503
        assert b"the site could not be built" in body
        assert b"&#x27;date&#x27; must be a date" in body  # escaped
        assert b"livereload.js" in body
        (tmp_path / ARTICLE).write_text(article("Grid talks", "Dated now."))
        wait_until(lambda: get(session, "/articles/grid-talks/")[0] == 200, what="a good build")


def test_a_broken_site_yml_at_start_is_shown_not_fatal(tmp_path: Path) -> None:
    with serving(tmp_path, {"site.yml": "title: [Preview test\n"}) as session:
        status, _, body = get(session, "/")
        assert status == 503
        assert b"site.yml" in body
        (tmp_path / "site.yml").write_text("title: Preview test\n")
        wait_until(lambda: get(session, "/")[0] == 200, what="a good build")


def test_a_burst_of_saves_gives_one_or_two_rebuilds(
    session: PreviewSession, tmp_path: Path
) -> None:
    path = tmp_path / ARTICLE
    before = len(session.preview.reports)
    for i in range(20):
        path.write_text(article("Grid talks", f"Draft number {i}."))
        time.sleep(0.01)
    wait_until(lambda: b"Draft number 19." in get(session, "/articles/grid-talks/")[2])
    assert session.coalescer.wait_idle(10)
    assert 1 <= len(session.preview.reports) - before <= 2
