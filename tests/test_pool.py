"""Spreading work over processes: results in order, and no long tail."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time

import pytest

from briefgen import pool
from briefgen.pool import _chunks, imap_parallel


def _square_and_pid(state: dict, i: int) -> tuple[int, int]:
    return state["base"] + i * i, os.getpid()


def test_results_come_back_in_order_from_several_processes() -> None:
    indices = list(range(200))
    results = list(imap_parallel(_square_and_pid, {"base": 7}, indices, jobs=2, first_here=3))
    assert [r for r, _ in results] == [7 + i * i for i in indices]
    assert {pid for _, pid in results[:3]} == {os.getpid()}  # the first ones done here
    assert len({pid for _, pid in results[3:]} - {os.getpid()}) >= 1


def test_this_process_is_one_of_the_jobs() -> None:
    # jobs=2 forks one worker: this process does its share of the work
    # (beyond the first items) instead of only waiting for results, and a
    # second worker's copy of the memory they share is never made.
    results = list(imap_parallel(_square_and_pid, {"base": 0}, range(400), jobs=2))
    assert [r for r, _ in results] == [i * i for i in range(400)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2


def test_chunks_shrink_to_single_items_at_the_end() -> None:
    for n, jobs in [(1000, 2), (3390, 2), (50, 4), (7, 2)]:
        chunks = _chunks(list(range(n)), jobs)
        assert [i for c in chunks for i in c] == list(range(n))
        assert all(len(c) <= 32 for c in chunks)
        assert [len(c) for c in chunks[-jobs:]] == [1] * min(jobs, len(chunks))
        assert [len(c) for c in chunks] == sorted((len(c) for c in chunks), reverse=True)


def _fail_at_150(state: dict, i: int) -> int:
    if i == 150:
        raise ValueError("item 150 is bad")
    return i


def test_the_workers_are_gone_when_the_results_are_in() -> None:
    # Every way out leaves no worker behind: all results read, an error in a
    # worker, or the caller stopping early.
    assert sum(1 for _ in imap_parallel(_square_and_pid, {"base": 0}, range(200), jobs=2)) == 200
    assert multiprocessing.active_children() == []
    with pytest.raises(ValueError, match="item 150 is bad"):
        list(imap_parallel(_fail_at_150, {}, range(200), jobs=2))
    assert multiprocessing.active_children() == []
    results = imap_parallel(_square_and_pid, {"base": 0}, range(200), jobs=2)
    next(results)
    results.close()
    assert multiprocessing.active_children() == []


def _fail_at_once(state: dict, i: int) -> int:
    raise ValueError("the first item is bad")


def test_workers_stopped_while_starting_under_a_parents_sigterm_handler(monkeypatch) -> None:
    # The preview handles SIGTERM itself. A worker is stopped with SIGTERM
    # when the pool ends early (an error); one that gets it while still
    # starting, before it puts SIGTERM back to the default, must not
    # survive it (the pool would wait for it for good).
    started = pool._worker_init
    workers = multiprocessing.Value("i", 0)

    def slow_start() -> None:
        with workers.get_lock():
            workers.value += 1
            first = workers.value == 1
        if not first:  # the first one fails at once; the pool ends meanwhile
            time.sleep(1.0)
        started()

    monkeypatch.setattr(pool, "_worker_init", slow_start)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    done = threading.Event()

    def run() -> None:
        with contextlib.suppress(ValueError):
            list(imap_parallel(_fail_at_once, {}, range(60), jobs=3))  # two workers
        done.set()

    try:
        runner = threading.Thread(target=run, daemon=True)
        runner.start()
        assert done.wait(15), "the pool is still waiting for a worker"
    finally:
        signal.signal(signal.SIGTERM, previous)
        for child in multiprocessing.active_children():
            child.kill()
    assert multiprocessing.active_children() == []
