"""The library from many threads: the same results as from one, and one knowledge base.

Threads switch every microsecond here, so that a check-then-act on a shared cache (the
Advisor's memo evicting its oldest entry, the knowledge base being built) is caught
between its two halves far more often than in real use.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pmo_advisor import advisor, api, assess_many
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.memo import IdentityMemo
from tests.conftest import REPO

THREADS = 8
SETS = 2000


@pytest.fixture
def fast_switching() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _answer_sets(knowledge: Knowledge) -> list[dict[str, Any]]:
    activities = knowledge.activity_ids
    pairs = list(itertools.combinations(activities, 2))
    sets = [
        {
            "years": i % 61,
            "scope": knowledge.scope_ids[i % len(knowledge.scope_ids)],
            "activities": list(pairs[i % len(pairs)]),
            "team_size": i // len(pairs),
        }
        for i in range(SETS)
    ]
    sets[::97] = [{**row, "years": 99} for row in sets[::97]]  # some errors among them
    return sets


@pytest.mark.long
def test_eight_threads_get_what_one_thread_gets(
    knowledge: Knowledge, fast_switching: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    sets = _answer_sets(knowledge)
    assert len({repr(row) for row in sets}) == SETS
    expected = list(assess_many(sets, knowledge, errors="include"))
    # A memo smaller than the answer sets, so that every thread evicts all the time, in
    # an Advisor that all the threads share.
    monkeypatch.setattr(advisor, "MEMO_SIZE", 64)
    monkeypatch.setattr(api, "_ADVISORS", IdentityMemo(8, once=True))  # a new Advisor
    results: list[list[dict[str, Any]]] = [[] for _ in range(THREADS)]
    failures: list[BaseException] = []
    # Each thread takes an eighth of the sets, all at once: every set is asked for once,
    # and every answer set is a miss that evicts another thread's entry.
    share = SETS // THREADS
    start = [index * share for index in range(THREADS)]

    def work(index: int) -> None:
        rows = [sets[(start[index] + i) % SETS] for i in range(share)]
        try:
            results[index] = list(assess_many(rows, knowledge, errors="include"))
        except BaseException as exc:  # reported below, with the thread's results
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for index, got in enumerate(results):
        assert got == [expected[(start[index] + i) % SETS] for i in range(share)]


# Run in a fresh process: the knowledge base is built at most once per process, so this
# one's is built already. The builder is slowed down, so that without a lock all eight
# threads would be inside it at once; the count is then exact, not a matter of luck.
_LOAD_IN_THREADS = """
import sys, threading, time
import pmo_advisor.knowledge as knowledge_module
from pmo_advisor import load_knowledge

sys.setswitchinterval(1e-6)
builds = []
real_load = knowledge_module._load

def counted_load(directory):
    builds.append(directory)
    time.sleep(0.2)
    return real_load(directory)

knowledge_module._load = counted_load
start = threading.Barrier(8)
found = []

def ask():
    start.wait()
    found.append(load_knowledge())

threads = [threading.Thread(target=ask) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(builds), len(found), len({id(k) for k in found}))
"""


@pytest.mark.terminal
def test_concurrent_loads_build_the_knowledge_base_once() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_IN_THREADS],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    builds, found, distinct = done.stdout.split()
    assert (builds, found, distinct) == ("1", "8", "1"), done.stderr
