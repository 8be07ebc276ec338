"""Long title lists shared out between forked workers: the same output, in order, and
the same errors, as when one process reads them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pmo_advisor import workers
from pmo_advisor.advisor import Advisor
from pmo_advisor.cli import commands
from tests.conftest import Run

Runner = Callable[..., Run]

pytestmark = [
    pytest.mark.terminal,  # starts a pool of processes
    pytest.mark.skipif(not workers.can_share(), reason="needs fork and two processors"),
]

TITLES = [
    "Senior PMO Analyst - London",
    "Programme Administrator (FTC)",
    "Head of PMO | Finance",
    "Chef de partie",
    "Scrum Master",
    "Programmme Office Analyst",
]


def _list(count: int) -> bytes:
    return "".join(f"{TITLES[i % len(TITLES)]} ref {i}\n" for i in range(count)).encode()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of 7 titles, shared out three at a time after two of them, so a short list
    # is shared out in many parts that can come back out of order.
    monkeypatch.setattr(commands, "TITLE_BATCH", 7)
    monkeypatch.setattr(commands, "TITLES_BEFORE_SHARING", 14)
    monkeypatch.setattr(commands, "SHARED_BATCHES", 3)


@pytest.mark.parametrize("chosen", ["json", "plain", "markdown", "rich"])
@pytest.mark.usefixtures("small_batches")
def test_shared_out_lists_write_what_one_process_writes(
    run: Runner, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    roster = _list(500) + b"\xff not UTF-8\n"
    shared = run("titles", "--from", "-", "--format", chosen, stdin=roster)
    monkeypatch.setattr(workers, "can_share", lambda: False)
    alone = run("titles", "--from", "-", "--format", chosen, stdin=roster)
    assert shared.code == alone.code == 0
    assert shared.out == alone.out
    if chosen == "json":
        assert len(shared.out.splitlines()) == 501
        assert '"query": "Chef de partie ref 459"' in shared.out.splitlines()[459]


@pytest.mark.usefixtures("small_batches")
def test_an_error_in_a_worker_ends_the_run_as_here(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Advisor.lookup_title

    def failing(self: Advisor, query: str, **kwargs: Any) -> Any:
        if query.endswith("ref 300"):
            raise RuntimeError("broken on purpose")
        return real(self, query, **kwargs)

    monkeypatch.setattr(Advisor, "lookup_title", failing)
    result = run("titles", "--from", "-", "--format", "json", stdin=_list(500))
    assert result.code == 1
    assert "broken on purpose" in result.err
    assert "Traceback" not in result.err
    # Every result before the failing batch was written, in order, and none after it.
    queries = [line.split('"query": "')[1].split('"')[0] for line in result.out.splitlines()]
    assert queries == [f"{TITLES[i % len(TITLES)]} ref {i}" for i in range(len(queries))]
    assert len(queries) <= 300


def test_short_lists_are_read_here(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("shared out a list shorter than the threshold")

    monkeypatch.setattr(workers, "in_order", refuse)
    count = commands.TITLES_BEFORE_SHARING
    result = run("titles", "--from", "-", "--format", "json", stdin=_list(count))
    assert result.code == 0
    assert len(result.out.splitlines()) == count
