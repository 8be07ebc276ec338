"""Long lists shared out between this process's copies, the results kept in order.

A list of many thousand titles takes seconds on one processor; the machine usually has
more than one. Workers are copies of this process made with ``fork``, after the
knowledge is loaded, so none of them loads it again; each gets a batch at a time and
sends back the batch's finished text, and the batches' texts come back in input order.
Only a few batches are out at once, so a list of any length costs the same memory.
Where ``fork`` is not there or not safe (Windows, macOS) or there is one processor,
the work is done here, one batch after another: the output is the same.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")

#: The work the workers do, set before they are made: a forked worker finds it here,
#: where a function sent through a pipe would have to be found by name.
_work: Callable[[Any], Any] | None = None


def processors() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_share() -> bool:
    """Whether work can be shared with forked workers here: where ``fork`` is safe (not
    on macOS, whose system libraries may not survive it, and not on Windows, which has
    none) and there is more than one processor."""
    import multiprocessing
    import sys

    if sys.platform == "darwin":
        return False
    return processors() > 1 and "fork" in multiprocessing.get_all_start_methods()


def in_order(work: Callable[[Item], str], batches: Iterable[Item]) -> Iterator[str]:
    """``work(batch)`` for each batch, in order, shared out between one worker per
    processor. At most two batches per worker are out at once. An error in a worker is
    raised here, as if the work had been done here; when the caller stops early (an
    error, Ctrl-C, a closed pipe) the workers are stopped with it."""
    import multiprocessing

    global _work
    _work = work
    workers = processors()
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start)
    out: deque[Any] = deque()
    try:
        for batch in batches:
            out.append(pool.apply_async(_do, (batch,)))
            if len(out) >= 2 * workers:
                yield out.popleft().get()
        while out:
            yield out.popleft().get()
        pool.close()
    finally:
        # Whatever is still out is not wanted: stopped at once, not waited for.
        pool.terminate()
        pool.join()
        _work = None


def _worker_start() -> None:
    # Ctrl-C and a closed terminal reach every process of the terminal's group: the
    # workers leave them to this process, which stops them and says "interrupted" once.
    # A worker is stopped with SIGTERM, which must end it there and then, not through
    # the clean-up this process inherited for it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _do(batch: Any) -> str:
    assert _work is not None, "set before the workers were made"
    text: str = _work(batch)
    return text
