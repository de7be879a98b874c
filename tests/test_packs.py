"""The cache's pack files: records of many processes in a few files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from briefgen import packs
from briefgen.packs import PackStore


def in_child(work: Callable[[], None]) -> None:
    """Run ``work`` in a forked process (a process of its own, as a build's
    worker or another build is) and wait for it to exit."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            work()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_records_are_read_back_by_this_and_another_store(tmp_path: Path) -> None:
    store = PackStore(str(tmp_path))
    store.write("articles", "k1", b"first record")
    store.write("exports", "k1", b"same key, another kind")
    store.write("articles", "k2", b"x" * 200_000)
    assert store.read("articles", "k1") == b"first record"
    assert store.read("exports", "k1") == b"same key, another kind"
    assert store.read("articles", "k2") == b"x" * 200_000
    assert store.read("articles", "k3") is None
    later = PackStore(str(tmp_path))  # the next build, in a process of its own
    assert later.read("articles", "k1") == b"first record"
    assert later.read("articles", "k2") == b"x" * 200_000
    # Three records, one pack and its index.
    assert [name.rsplit(".")[1] for name in files(tmp_path)] == ["idx", "pack"]


def test_each_process_writes_a_pack_of_its_own(tmp_path: Path) -> None:
    store = PackStore(str(tmp_path))
    store.write("articles", "main", b"from the main process")
    assert store.read("articles", "main") == b"from the main process"
    # A forked worker inherits the store and writes to a new pack.
    in_child(lambda: store.write("articles", "worker", b"from a worker"))
    assert len(files(tmp_path)) == 4
    assert store.read("articles", "worker") is None  # not looked for yet
    store.refresh()
    assert store.read("articles", "worker") == b"from a worker"
    assert store.read("articles", "main") == b"from the main process"


def test_a_damaged_pack_or_index_is_work_to_do_not_wrong_bytes(tmp_path: Path) -> None:
    store = PackStore(str(tmp_path))
    store.write("articles", "a", b"alpha")
    store.write("articles", "b", b"bravo")
    store.close()
    [pack] = tmp_path.glob("*.pack")
    [index] = tmp_path.glob("*.idx")
    # The pack overwritten where a's header is; an index line cut short.
    data = pack.read_bytes()
    pack.write_bytes(b"articles z 5\n" + data[len(b"articles a 5\n") :])
    index.write_bytes(index.read_bytes() + b"articles c 40")
    fresh = PackStore(str(tmp_path))
    assert fresh.read("articles", "a") is None
    assert fresh.read("articles", "b") == b"bravo"
    assert fresh.read("articles", "c") is None
    # A pack cut short: its records past the end are not found.
    pack.write_bytes(pack.read_bytes()[:-3])
    assert PackStore(str(tmp_path)).read("articles", "b") is None


def test_a_key_written_again_is_read_from_the_newest_pack(tmp_path: Path) -> None:
    # A record made anew (its templates changed, say) under the same key.
    in_child(lambda: PackStore(str(tmp_path)).write("articles", "k", b"old body"))
    in_child(lambda: PackStore(str(tmp_path)).write("articles", "k", b"new body"))
    assert PackStore(str(tmp_path)).read("articles", "k") == b"new body"


def test_compaction_drops_what_a_build_no_longer_uses(tmp_path: Path) -> None:
    def first_build() -> None:
        store = PackStore(str(tmp_path))
        for i in range(10):
            store.write("articles", f"a{i}", f"article {i} ".encode() * 100)
        store.write("stash", "s", b"a kind the build does not name")

    in_child(first_build)
    [old_pack] = tmp_path.glob("*.pack")
    store = PackStore(str(tmp_path))
    # Nine of ten records still used: the pack stays as it is.
    store.compact({"articles": {f"a{i}" for i in range(9)}})
    assert old_pack.exists()
    # Three of ten: more than half of it is not used any more. What is
    # used goes to this process's pack; the old pack and its index go.
    store.write("articles", "a10", b"an article edited since")
    store.compact({"articles": {"a1", "a2", "a3", "a10"}})
    assert not old_pack.exists()
    assert len(files(tmp_path)) == 2
    for reader in (store, PackStore(str(tmp_path))):
        assert reader.read("articles", "a2") == b"article 2 " * 100
        assert reader.read("articles", "a10") == b"an article edited since"
        assert reader.read("articles", "a5") is None
        assert reader.read("stash", "s") == b"a kind the build does not name"


def test_compaction_leaves_the_packs_of_running_processes_alone(tmp_path: Path) -> None:
    store = PackStore(str(tmp_path))
    store.write("articles", "a", b"x" * 1000)
    # Another store of this very process (a preview running beside a build
    # would be another process): its pack's writer is alive.
    other = PackStore(str(tmp_path))
    other.compact({"articles": set()})
    assert store.read("articles", "a") == b"x" * 1000
    assert len(files(tmp_path)) == 2
    # Once the writer has gone, the pack is compacted away.
    in_child(lambda: PackStore(str(tmp_path)).write("articles", "b", b"y" * 1000))
    other.compact({"articles": {"a"}})
    assert other.read("articles", "b") is None
    assert len(files(tmp_path)) == 2


def test_many_small_packs_are_merged(tmp_path: Path) -> None:
    # Every one-article build starts a pack of its own.
    for i in range(packs.MAX_PACKS + 2):
        in_child(lambda i=i: PackStore(str(tmp_path)).write("articles", f"a{i}", b"z" * 100))
    assert len(list(tmp_path.glob("*.pack"))) == packs.MAX_PACKS + 2
    store = PackStore(str(tmp_path))
    live = {f"a{i}" for i in range(packs.MAX_PACKS + 2)}
    store.compact({"articles": live})
    assert len(list(tmp_path.glob("*.pack"))) == 1
    later = PackStore(str(tmp_path))
    assert all(later.read("articles", key) == b"z" * 100 for key in live)


def test_a_pack_without_an_index_is_removed(tmp_path: Path) -> None:
    # A process stopped between making its pack and its index.
    (tmp_path / f"{1:016x}-999999999-00000000.pack").write_bytes(b"partial")
    store = PackStore(str(tmp_path))
    store.compact({"articles": set()})
    assert files(tmp_path) == []


def test_a_pack_is_in_use_while_its_writer_has_it_open(tmp_path: Path) -> None:
    assert packs._writer_alive(f"{1:016x}-1-abcd0123")  # init runs for good
    assert not packs._writer_alive(f"{1:016x}-999999999-abcd0123")
    assert not packs._writer_alive("not-a-pack")
    # This process: while a store has the pack open for writing.
    store = PackStore(str(tmp_path))
    store.write("articles", "a", b"x")
    [pack] = tmp_path.glob("*.pack")
    assert packs._writer_alive(pack.stem)
    store.close()
    assert not packs._writer_alive(pack.stem)
    store.write("articles", "b", b"y")  # a new pack
    del store  # dropped with its builder: closed
    assert not any(packs._writer_alive(p.stem) for p in tmp_path.glob("*.pack"))


def test_old_stores_go_but_not_one_still_written_to(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        in_child(lambda name=name: PackStore(str(tmp_path / name)).write("k", name, b"x"))
        time.sleep(0.01)  # written to in this order
    busy = PackStore(str(tmp_path / "e"))
    busy.write("k", "e", b"y")  # oldest of all, and still open
    for path in (*(tmp_path / "e").iterdir(), tmp_path / "e"):  # used long ago
        os.utime(path, (1, 1))
    packs.drop_old_stores(str(tmp_path), "d", keep=2)
    assert files(tmp_path) == ["c", "d", "e"]
    busy.close()
    packs.drop_old_stores(str(tmp_path), "d", keep=2)
    assert files(tmp_path) == ["c", "d"]


def test_a_store_read_from_lately_counts_as_used(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        in_child(lambda name=name: PackStore(str(tmp_path / name)).write("k", name, b"x"))
        time.sleep(0.01)
    PackStore(str(tmp_path / "a")).touch()  # a build that found all it needed there
    packs.drop_old_stores(str(tmp_path), "c", keep=2)
    assert files(tmp_path) == ["a", "c"]


def test_a_pack_of_small_records_all_in_use_is_left_as_it_is(tmp_path: Path) -> None:
    # Headers are longer than these records: they count as in use with them.
    def write() -> None:
        store = PackStore(str(tmp_path))
        for i in range(5):
            store.write("k", f"r{i}", b"x")

    in_child(write)
    assert len(files(tmp_path)) == 2
    before = files(tmp_path)
    PackStore(str(tmp_path)).compact({"k": {f"r{i}" for i in range(5)}})
    assert files(tmp_path) == before
