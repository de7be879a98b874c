"""Which file events cause a rebuild, and how bursts are coalesced."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from test_serve_support import SITE, save_atomically, wait_until
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from briefgen.serve.watcher import (
    CHANGED,
    CREATED,
    REMOVED,
    WRITTEN,
    Coalescer,
    Debouncer,
    PathFilter,
    SiteWatcher,
    event_changes,
    is_editor_temporary,
)
from briefgen.testing import write_files

# ------------------------------------------------------------ which paths


@pytest.mark.parametrize(
    "name",
    [".grid-talks.md.swp", "grid-talks.md~", ".#grid-talks.md", "4913", "#grid-talks.md#", "x.swx"],
)
def test_editor_temporaries_are_ignored(name: str) -> None:
    assert is_editor_temporary(name)


def test_real_files_are_not_temporaries() -> None:
    assert not is_editor_temporary("grid-talks.md")
    assert not is_editor_temporary("site.yml")


def test_filter_keeps_sources_and_drops_output_and_caches(tmp_path: Path) -> None:
    f = PathFilter(tmp_path, ignored=[tmp_path / "public"])
    for kept in (
        "site.yml",
        "content/articles/a.md",
        "content/entities/kyiv.md",
        "templates/base.html",
        "themes/mine/static/x.css",
        "static/logo.svg",
        "plugins/glossary.py",
    ):
        assert f.relevant(tmp_path / kept) == tmp_path / kept, kept
    for dropped in (
        "public/index.html",
        "public",
        ".briefgen-cache/x",
        "plugins/__pycache__/glossary.cpython-311.pyc",
        "content/articles/.a.md.swp",
        "content/articles/4913",
        "README.md",
        ".git/index",
        "notes/todo.md",
    ):
        assert f.relevant(tmp_path / dropped) is None, dropped
    assert f.relevant("/elsewhere/site.yml") is None


def test_output_folder_inside_a_watched_folder_is_ignored(tmp_path: Path) -> None:
    f = PathFilter(tmp_path, ignored=[tmp_path / "static" / "out"])
    assert f.relevant(tmp_path / "static" / "out" / "index.html") is None
    assert f.relevant(tmp_path / "static" / "outline.css") is not None


def test_both_ends_of_a_move_are_reported() -> None:
    event = FileMovedEvent("/s/content/articles/.a.md.tmp", "/s/content/articles/a.md")
    assert event_changes(event) == [
        ("/s/content/articles/.a.md.tmp", REMOVED),
        ("/s/content/articles/a.md", WRITTEN),
    ]


def test_events_that_change_nothing_are_dropped() -> None:
    assert event_changes(FileOpenedEvent("/s/site.yml")) == []
    assert event_changes(FileClosedNoWriteEvent("/s/site.yml")) == []
    assert event_changes(DirModifiedEvent("/s/content")) == []
    assert event_changes(FileModifiedEvent("/s/site.yml")) == [("/s/site.yml", CHANGED)]
    assert event_changes(FileCreatedEvent("/s/content/x.md")) == [("/s/content/x.md", CREATED)]
    assert event_changes(FileClosedEvent("/s/content/x.md")) == [("/s/content/x.md", WRITTEN)]


# ------------------------------------------------------------ coalescing


def test_debouncer_waits_for_a_quiet_period() -> None:
    d = Debouncer(quiet=0.1, max_wait=2.0)
    assert d.due_in(0.0) is None
    for i in range(20):  # twenty saves, 50 ms apart
        d.add([Path(f"/s/a{i % 3}.md")], now=i * 0.05)
        assert d.due_in(i * 0.05) == pytest.approx(0.1)
    assert d.due_in(0.95 + 0.05) == pytest.approx(0.05)
    assert d.due_in(0.95 + 0.1) == 0
    assert d.take() == [Path("/s/a0.md"), Path("/s/a1.md"), Path("/s/a2.md")]
    assert d.due_in(2.0) is None


def test_debouncer_gives_up_waiting_after_max_wait() -> None:
    d = Debouncer(quiet=0.1, max_wait=1.0)
    t = 0.0
    while t < 3.0:  # a save every 50 ms for three seconds
        d.add([Path("/s/a.md")], now=t)
        if d.due_in(t) == 0:
            break
        t += 0.05
    assert t == pytest.approx(1.0)


def test_a_finished_write_needs_a_shorter_quiet_period() -> None:
    d = Debouncer(quiet=0.075, settled_quiet=0.025)
    d.add([Path("/s/a.md")], now=0.0)
    assert d.due_in(0.0) == pytest.approx(0.075)  # still being written
    d.add([Path("/s/a.md")], now=0.001, what=WRITTEN)  # closed after writing
    assert d.due_in(0.001) == pytest.approx(0.025)


def test_changes_soon_after_a_rebuild_started_are_a_burst() -> None:
    d = Debouncer(quiet=0.075, settled_quiet=0.025, burst_quiet=0.25)
    d.add([Path("/s/a.md")], now=0.0, what=WRITTEN)
    assert d.due_in(0.025) == 0
    d.take(now=0.025)
    d.add([Path("/s/a.md")], now=0.05, what=WRITTEN)  # the next save of a fast loop
    assert d.due_in(0.05) == pytest.approx(0.25)
    d.take(now=0.3)
    d.add([Path("/s/a.md")], now=2.0, what=WRITTEN)  # a save a while later
    assert d.due_in(2.0) == pytest.approx(0.025)


def test_changes_made_during_a_rebuild_wait_longer() -> None:
    d = Debouncer(quiet=0.075, max_wait=2.0, burst_quiet=0.25)
    d.add([Path("/s/a.md")], now=0.0, rebuilding=True)
    d.add([Path("/s/a.md")], now=0.2)  # a gap that would end a normal batch
    assert d.due_in(0.3) == pytest.approx(0.15)
    d.take()
    d.add([Path("/s/a.md")], now=5.0)  # a lone save afterwards: the short wait again
    assert d.due_in(5.0) == pytest.approx(0.075)


def test_a_file_created_and_removed_within_a_batch_is_dropped() -> None:
    d = Debouncer(quiet=0.1)
    tmp, real = Path("/s/content/articles/sedX1"), Path("/s/content/articles/a.md")
    d.add([tmp], now=0.0, what=CREATED)
    d.add([tmp], now=0.0)
    d.add([tmp], now=0.01, what=REMOVED)  # renamed over the real file
    d.add([real], now=0.01)
    assert d.take() == [real]
    d.add([tmp], now=1.0, what=CREATED)
    d.add([tmp], now=1.0, what=REMOVED)
    assert not d.pending
    assert d.due_in(1.0) is None


def test_a_file_that_existed_before_the_batch_stays_when_removed() -> None:
    d = Debouncer(quiet=0.1)
    old = Path("/s/content/articles/old.md")
    d.add([old], now=0.0)
    d.add([old], now=0.0, what=REMOVED)
    d.add([old], now=0.0, what=CREATED)
    d.add([old], now=0.0, what=REMOVED)
    assert d.take() == [old]


def test_a_burst_gives_one_rebuild() -> None:
    batches: list[list[Path]] = []
    c = Coalescer(batches.append, quiet=0.05, max_wait=5.0)
    c.start()
    try:
        for i in range(200):
            c.add([Path(f"/s/content/articles/a{i % 10}.md")])
        assert c.wait_idle(5)
    finally:
        c.stop()
    assert len(batches) == 1
    assert len(batches[0]) == 10


def test_changes_during_a_rebuild_make_one_more_batch() -> None:
    started = threading.Event()
    release = threading.Event()
    batches: list[list[Path]] = []

    def slow_rebuild(batch: list[Path]) -> None:
        batches.append(batch)
        started.set()
        release.wait(5)

    c = Coalescer(slow_rebuild, quiet=0.02, max_wait=5.0)
    c.start()
    try:
        c.add([Path("/s/a.md")])
        assert started.wait(5)
        for i in range(50):  # saves while the first rebuild runs
            c.add([Path(f"/s/b{i % 2}.md")])
        release.set()
        assert c.wait_idle(5)
    finally:
        c.stop()
    assert batches == [[Path("/s/a.md")], [Path("/s/b0.md"), Path("/s/b1.md")]]


def test_a_rebuild_that_gives_way_is_built_again_with_the_newer_changes() -> None:
    # A rebuild under way asks whether newer changes are due; when it gives
    # way, its batch goes back and is built with them, at once.
    started = threading.Event()
    batches: list[list[Path]] = []
    seen: list[bool] = []

    def rebuild(batch: list[Path]) -> None:
        batches.append(batch)
        if len(batches) > 1:
            return
        seen.append(c.newer_due())  # nothing newer yet
        started.set()
        wait_until(c.newer_due, what="the newer change to be due")
        c.put_back(batch)  # what a superseded rebuild does

    c = Coalescer(rebuild, quiet=0.02, max_wait=5.0, burst_quiet=0.05)
    c.start()
    try:
        c.add([Path("/s/a.md"), Path("/s/b.md")])
        assert started.wait(5)
        c.add([Path("/s/c.md")])
        c.add([Path("/s/a.md")])
        assert c.wait_idle(5)
    finally:
        c.stop()
    assert seen == [False]
    assert batches == [
        [Path("/s/a.md"), Path("/s/b.md")],
        [Path("/s/c.md"), Path("/s/a.md"), Path("/s/b.md")],
    ]


def test_paths_put_back_do_not_delay_the_batch() -> None:
    d = Debouncer(quiet=0.1, max_wait=2.0, burst_quiet=0.25)
    d.add([Path("/s/new.md")], now=1.0, rebuilding=True)
    d.put_back([Path("/s/old.md"), Path("/s/new.md")], now=1.2)
    assert d.due_in(1.2) == pytest.approx(0.05)
    assert d.take() == [Path("/s/new.md"), Path("/s/old.md")]
    d.put_back([Path("/s/old.md")], now=3.0)  # nothing under way: a batch of its own
    assert d.due_in(3.0) == pytest.approx(0.1)
    assert d.take() == [Path("/s/old.md")]


def test_a_failing_action_does_not_stop_the_coalescer() -> None:
    calls: list[list[Path]] = []

    def flaky(batch: list[Path]) -> None:
        calls.append(batch)
        if len(calls) == 1:
            raise RuntimeError("boom")

    c = Coalescer(flaky, quiet=0.01)
    c.start()
    try:
        c.add([Path("/s/a.md")])
        wait_until(lambda: calls, what="first call")
        assert c.wait_idle(5)
        c.add([Path("/s/b.md")])
        wait_until(lambda: len(calls) == 2, what="second call")
    finally:
        c.stop()


# ------------------------------------------------------------ real file events


@pytest.fixture
def watched(tmp_path: Path):
    write_files(tmp_path, SITE)
    (tmp_path / "public").mkdir()
    seen: list[Path] = []
    lock = threading.Lock()

    def record(paths: list[Path], what: str) -> None:
        with lock:
            seen.extend(paths)

    watcher = SiteWatcher(tmp_path, record, ignored=[tmp_path / "public"])
    watcher.start()
    try:
        yield tmp_path, seen
    finally:
        watcher.stop()


def test_writes_to_the_output_folder_are_not_seen(watched) -> None:
    root, seen = watched
    for i in range(5):
        (root / "public" / f"page{i}.html").write_text("x")
    (root / ".briefgen-cache").mkdir()
    (root / ".briefgen-cache" / "hashes").write_text("x")
    (root / "notes.txt").write_text("not a source")
    # A source change after them shows the watcher is running.
    (root / "content" / "articles" / "grid-talks.md").write_text("changed")
    wait_until(lambda: seen, what="a source event")
    time.sleep(0.2)
    assert {p.relative_to(root).as_posix() for p in seen} == {"content/articles/grid-talks.md"}


def test_save_through_a_temporary_file_reports_the_real_file(watched) -> None:
    root, seen = watched
    target = root / "content" / "articles" / "port-deal.md"
    save_atomically(target, "new text")
    wait_until(lambda: target in seen, what="the renamed file")
    assert all(not p.name.startswith(".") for p in seen)


def test_a_temporary_with_an_ordinary_name_does_not_reach_the_batch(tmp_path: Path) -> None:
    # sed -i, for one, writes "sedAbC12" beside the file and renames it over.
    write_files(tmp_path, SITE)
    batches: list[list[Path]] = []
    coalescer = Coalescer(batches.append)
    watcher = SiteWatcher(tmp_path, coalescer.add)
    coalescer.start()
    watcher.start()
    try:
        target = tmp_path / "content" / "articles" / "port-deal.md"
        tmp = target.with_name("sedAbC12")
        tmp.write_text("edited")
        os.replace(tmp, target)
        wait_until(lambda: batches, what="a rebuild")
        assert coalescer.wait_idle(5)
    finally:
        watcher.stop()
        coalescer.stop()
    assert batches == [[target]]


def test_deleting_an_article_is_seen(watched) -> None:
    root, seen = watched
    target = root / "content" / "articles" / "port-deal.md"
    os.remove(target)
    wait_until(lambda: target in seen, what="the deletion")


def test_a_watched_folder_made_later_is_watched(watched) -> None:
    root, seen = watched
    (root / "templates").mkdir()
    wait_until(lambda: root / "templates" in seen, what="the new folder")
    time.sleep(0.1)  # the new watch is set up from the observer's thread
    (root / "templates" / "base.html").write_text("x")
    wait_until(lambda: root / "templates" / "base.html" in seen, what="a file in it")


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_edits_behind_linked_folders_are_seen(tmp_path: Path, poll: bool) -> None:
    # The build reads through links (a registry shared by several sites, a
    # desk's folder of articles), so the preview must see edits behind them,
    # without following a link back up the tree forever.
    root = write_files(tmp_path / "site", SITE)
    shared = write_files(
        tmp_path / "shared",
        {"registry/ada-park.md": "---\nname: Ada Park\n---\n", "desk/one.md": "x"},
    )
    (root / "content/entities").symlink_to(shared / "registry")
    (shared / "registry/desk").symlink_to(shared / "desk")  # a link inside a linked folder
    (root / "content/articles/loop").symlink_to(root / "content/articles")
    seen: list[Path] = []
    watcher = SiteWatcher(root, lambda paths, what: seen.extend(paths), poll=poll)
    watcher.start()
    try:
        time.sleep(0.6 if poll else 0.1)
        (shared / "registry/ada-park.md").write_text("---\nname: Ada Park\nrole: Mayor\n---\n")
        (shared / "desk/one.md").write_text("y")
        wait_until(
            lambda: (
                {
                    root / "content/entities/ada-park.md",
                    root / "content/entities/desk/one.md",
                }
                <= set(seen)
            ),
            what="edits behind the links",
        )
    finally:
        watcher.stop()
    assert all(root in p.parents for p in seen)


def test_a_link_made_later_is_watched(watched, tmp_path: Path) -> None:
    root, seen = watched
    shared = write_files(tmp_path / "elsewhere", {"note.md": "x"})
    (root / "content/desk").symlink_to(shared)
    wait_until(lambda: root / "content/desk" in seen, what="the new link")
    time.sleep(0.1)  # the new watch is set up from the observer's thread
    (shared / "note.md").write_text("y")
    wait_until(lambda: root / "content/desk/note.md" in seen, what="a file behind it")
