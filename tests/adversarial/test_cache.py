"""The knowledge cache: a pickle is unpickled only from a regular file of the user's own
that nobody else can write; anything else, or anything damaged, is a miss rebuilt from
the data files. The cache directory is shared with nothing of ours but our own exact
file names, and no temporary file outlives a failed write."""

from __future__ import annotations

import dataclasses
import inspect
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

import pmo_advisor.knowledge
from pmo_advisor.knowledge import (
    Knowledge,
    _code,
    advert_phrases,
    bounds,
    cache,
    forget,
    load_knowledge,
    plan_records,
    records,
    title_grammar,
    validate,
)
from tests.conftest import Run

Runner = Callable[..., Run]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", str(directory))
    forget()
    return directory


def _fresh(run: Runner, *args: str) -> Run:
    forget()
    return run(*args)


COMMANDS = [
    ["levels", "--format", "json"],
    ["suggest", "--level", "3", "--format", "json"],
    ["courses", "--format", "json"],
    ["plan", "--from", "1", "--to", "4", "--format", "json"],
    ["titles", "Senior PMO Analyst", "--format", "json"],
]


def _plant_renamed(path: Path) -> None:
    """A well-formed knowledge base of other data under the real key: only its owner
    and mode tell it from the real one."""
    knowledge = pickle.loads(path.read_bytes())
    titles = tuple(dataclasses.replace(t, name="Renamed " + t.name) for t in knowledge.titles)
    fields = {f.name: getattr(knowledge, f.name) for f in dataclasses.fields(Knowledge) if f.init}
    path.write_bytes(pickle.dumps(Knowledge(**{**fields, "titles": titles})))


def test_the_cache_is_written_owner_only_and_read_back(cache_dir: Path) -> None:
    fresh = load_knowledge()
    (path,) = cache_dir.glob("knowledge-*.pickle")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    forget()
    again = load_knowledge()
    assert again == fresh and again is not fresh


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_cache_others_can_write_is_never_unpickled(
    run: Runner, cache_dir: Path, mode: int
) -> None:
    expected = [_fresh(run, *args).out for args in COMMANDS]
    (path,) = cache_dir.glob("knowledge-*.pickle")
    _plant_renamed(path)
    path.chmod(mode)
    for args, want in zip(COMMANDS, expected, strict=True):
        result = _fresh(run, *args)
        assert (result.code, result.out) == (0, want), result.err
    # ... and it was written again from the data, for its owner alone.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert pickle.loads(path.read_bytes()) == load_knowledge()


def test_a_cache_of_another_user_is_never_unpickled(
    run: Runner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = _fresh(run, *COMMANDS[-1]).out
    (path,) = cache_dir.glob("knowledge-*.pickle")
    _plant_renamed(path)
    someone_else = os.getuid() + 1
    monkeypatch.setattr(cache.os, "getuid", lambda: someone_else)
    result = _fresh(run, *COMMANDS[-1])
    assert (result.code, result.out) == (0, want)


def test_a_cache_of_ones_own_is_believed(run: Runner, cache_dir: Path) -> None:
    # The other side of the two tests above, so that they can fail: the same planted
    # file, the user's own and private, is what the advisor reads.
    _fresh(run, "levels")
    (path,) = cache_dir.glob("knowledge-*.pickle")
    _plant_renamed(path)
    result = _fresh(run, "levels", "--format", "json")
    assert result.code == 0 and '"Renamed PMO Manager"' in result.out


def test_a_changed_data_file_is_a_new_key(
    run: Runner, cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_DATA", str(data_copy))
    _fresh(run, "levels")
    (first,) = cache_dir.glob("knowledge-*.pickle")
    levels = data_copy / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8").replace("Administrator", "Admin", 1))
    result = _fresh(run, "levels", "--format", "json")
    assert result.code == 0 and '"stage": "PMO Admin"' in result.out
    (second,) = cache_dir.glob("knowledge-*.pickle")
    assert second.name != first.name  # and the old one is tidied away


@pytest.mark.parametrize(
    "content",
    [b"", b"\n", b"{}", b"not a pickle", b"\xff\xfe", b"\x80\x05K\x01.", b"(" * 100_000],
    ids=["empty", "newline", "json", "text", "binary", "a-number", "deep"],
)
def test_a_corrupt_cache_file_is_a_miss(run: Runner, cache_dir: Path, content: bytes) -> None:
    want = _fresh(run, "levels", "--format", "json").out
    (path,) = cache_dir.glob("knowledge-*.pickle")
    path.write_bytes(content)
    result = _fresh(run, "levels", "--format", "json")
    assert (result.code, result.out) == (0, want)
    assert isinstance(pickle.loads(path.read_bytes()), Knowledge)


def test_a_cache_cut_short_is_a_miss(run: Runner, cache_dir: Path) -> None:
    want = _fresh(run, "levels", "--format", "json").out
    (path,) = cache_dir.glob("knowledge-*.pickle")
    whole = path.read_bytes()
    for size in (1, len(whole) // 3, len(whole) - 1):
        path.write_bytes(whole[:size])
        result = _fresh(run, "levels", "--format", "json")
        assert (result.code, result.out) == (0, want)


NOT_OURS = [
    "knowledge-notes.pickle", "knowledge-.pickle", "knowledge-ABC.pickle",
    "knowledge-old.pickle.bak", "notes.txt", ".knowledge-x", "knowledge-" + "0" * 39 + ".pickle",
    "knowledge-" + "g" * 40 + ".pickle", "knowledge-" + "0" * 40 + ".json",
]  # fmt: skip


def test_files_that_are_not_ours_are_never_removed(run: Runner, cache_dir: Path) -> None:
    cache_dir.mkdir()
    for name in NOT_OURS:
        (cache_dir / name).write_text("{}")
    stale = cache_dir / ("knowledge-" + "0" * 40 + ".pickle")
    stale.write_text("{}")
    assert _fresh(run, "levels").code == 0
    names = sorted(p.name for p in cache_dir.iterdir())
    assert set(NOT_OURS) <= set(names)
    assert stale.name not in names  # an old cache of ours is tidied away
    assert len(names) == len(NOT_OURS) + 1


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_cache_write_leaves_no_temporary_file(
    run: Runner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    def broken(*args: object) -> None:
        raise failure

    monkeypatch.setattr(cache.os, "replace", broken)
    result = _fresh(run, "levels")
    assert result.code == (130 if isinstance(failure, KeyboardInterrupt) else 0), result.err
    assert os.listdir(cache_dir) == []


def test_the_cache_key_covers_every_record_class() -> None:
    """A cache written by code whose record classes differ (a checkout between releases)
    is a miss: each class is in the key by its module's source."""
    code = _code()
    for module in (records, plan_records, title_grammar, advert_phrases):
        by_source = inspect.getsource(module).encode() in code
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                assert by_source, f"{module.__name__}.{value.__qualname__}"


def test_the_cache_key_covers_the_code_that_checks_the_data_and_builds_its_indexes() -> None:
    """The indexes Knowledge builds once (each level's courses, what a course counts as)
    are pickled with it, and the bounds and checks decide what data is let in: a cache
    written by code that built or checked them otherwise is a miss."""
    code = _code()
    for module in (pmo_advisor.knowledge, bounds, validate):
        assert inspect.getsource(module).encode() in code, module.__name__
