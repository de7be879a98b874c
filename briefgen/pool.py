"""Spreading work over the machine's cores.

Workers are forked after the build has loaded everything (configuration,
plugins, templates, registries), so they start with the same state as the
main process and receive only indices. The main process works too, as one of
the ``jobs``, between handing out chunks and taking results back. Results
come back in input order, so the output never depends on how work was split.
Where ``fork`` is not available, or for small batches, work runs in the main
process alone.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_STATE: Any = None
_FUNC: Callable[[Any, int], Any] | None = None
_IN_WORKER = False

#: Below this many items a pool costs more than it saves.
MIN_PARALLEL = 48


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process (which stops the pool) and
    do not inherit handlers a long-running parent installed. A SIGTERM that
    came while the worker was starting (held back, see :func:`_sigterm_held`)
    ends it now."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


@contextlib.contextmanager
def _sigterm_held() -> Iterator[None]:
    """Hold SIGTERM back in this thread while it forks workers: they start
    with it held, until :func:`_worker_init` has put its default back.

    Otherwise a worker that the pool stops (with SIGTERM) while it is still
    starting meets the handler of a parent that handles SIGTERM itself (the
    preview does), which does not end it, and the pool waits for it for
    good."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def in_worker() -> bool:
    """Whether this is a pool worker (its results are pickled to the main
    process) rather than the main process running the work itself."""
    return _IN_WORKER


def _run_chunk(indices: list[int]) -> list[Any]:
    assert _FUNC is not None
    return [_FUNC(_STATE, i) for i in indices]


def run_parallel(
    func: Callable[[Any, int], Any],
    state: Any,
    indices: Sequence[int],
    *,
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> list[Any]:
    """``[func(state, i) for i in indices]``, over ``jobs`` forked processes."""
    return list(imap_parallel(func, state, indices, jobs=jobs, progress=progress))


def imap_parallel(
    func: Callable[[Any, int], Any],
    state: Any,
    indices: Sequence[int],
    *,
    jobs: int,
    progress: Callable[[int], None] | None = None,
    first_here: int = 0,
) -> Iterator[Any]:
    """``func(state, i)`` for each of ``indices``, in order, as results come
    in from ``jobs`` forked processes (so the caller can write each away).

    The first ``first_here`` items are done in this process before the
    workers fork: what they make on first use (compiled templates, tables a
    plugin builds lazily) is then made once and inherited, not once per
    worker."""
    global _STATE, _FUNC
    indices = list(indices)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or len(indices) < MIN_PARALLEL or not can_fork:
        first_here = len(indices)
    for i in indices[:first_here]:
        yield func(state, i)
        if progress:
            progress(1)
    indices = indices[first_here:]
    if not indices:
        return
    _STATE, _FUNC = state, func
    chunks = _chunks(indices, jobs)
    # Objects that exist before the fork are left out of garbage collection,
    # so a worker's collector does not touch (and so copy) every page of
    # memory it shares with the main process. (A caller that froze objects
    # itself unfreezes them.)
    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        ctx = multiprocessing.get_context("fork")
        with _sigterm_held():
            # This process is one of the ``jobs``: a worker fewer, whose
            # copy of every page it touches (a forked worker's memory grows
            # as it works on shared data) is not made.
            pool = ctx.Pool(jobs - 1, initializer=_worker_init)
        try:
            for chunk_result in _shared_out(pool, jobs - 1, chunks):
                yield from chunk_result
                if progress:
                    progress(len(chunk_result))
            # Every result is in: the workers finish and exit by themselves,
            # rather than being stopped with SIGTERM as Pool's own exit does
            # (see _sigterm_held for what that once cost the preview).
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
    finally:
        _STATE, _FUNC = None, None
        if not frozen_by_caller:
            gc.unfreeze()


def _shared_out(pool: Any, workers: int, chunks: list[list[int]]) -> Iterator[list[Any]]:
    """The results of ``chunks``, chunk by chunk in order. Chunks are handed
    out in order: each worker has two waiting at all times, so it never
    waits for this process, which takes the next chunk itself whenever it
    has no finished chunk to give back."""
    sent: dict[int, Any] = {}  # chunk -> its AsyncResult, not given back yet
    here: dict[int, list[Any]] = {}  # chunks done in this process
    handed = given = 0
    while given < len(chunks):
        waiting = sum(1 for result in sent.values() if not result.ready())
        while handed < len(chunks) and waiting < 2 * workers:
            sent[handed] = pool.apply_async(_run_chunk, (chunks[handed],))
            handed += 1
            waiting += 1
        if given in here:
            yield here.pop(given)
        elif sent[given].ready() if given in sent else False:
            yield sent.pop(given).get()
        elif handed < len(chunks):
            here[handed] = _run_chunk(chunks[handed])
            handed += 1
            continue
        else:
            sent[given].wait()
            continue
        given += 1


def _chunks(indices: list[int], jobs: int) -> list[list[int]]:
    """``indices`` in chunks that shrink as the work runs out: large ones
    first (fewer messages), single items at the end, so that no worker is
    left with a long chunk while the others have finished."""
    chunks = []
    k, n = 0, len(indices)
    while k < n:
        size = max(1, min(32, (n - k) // (jobs * 4)))
        chunks.append(indices[k : k + size])
        k += size
    return chunks
