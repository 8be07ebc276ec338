"""The knowledge cache: any cache that cannot be rebuilt exactly is a miss, rebuilt from
the data files; the cache directory is shared with nothing of ours but our own exact
file names, and no temporary file outlives a failed write."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmo_advisor.knowledge import snapshot
from tests.conftest import Run

Runner = Callable[..., Run]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", str(directory))
    monkeypatch.setattr("pmo_advisor.knowledge._LOADED", {})
    return directory


def _fresh(run: Runner, monkeypatch: pytest.MonkeyPatch, *args: str) -> Run:
    monkeypatch.setattr("pmo_advisor.knowledge._LOADED", {})
    return run(*args)


def _records(path: Path) -> dict[str, Any]:
    body = path.read_bytes().partition(b"\n")[2]
    records: dict[str, Any] = json.loads(body)
    return records


def _rewrite(path: Path, records: dict[str, Any], *, keep_digest: bool) -> None:
    header, _, _ = path.read_bytes().partition(b"\n")
    body = json.dumps(records).encode()
    if not keep_digest:
        header = json.dumps(
            {"key": json.loads(header)["key"], "sha256": snapshot.hashlib.sha256(body).hexdigest()}
        ).encode()
    path.write_bytes(header + b"\n" + body)


def _two_levels(r: dict[str, Any]) -> None:
    r["levels"] = r["levels"][:2]


def _missing_prerequisite(r: dict[str, Any]) -> None:
    course = next(c for c in r["courses"] if c["prerequisites"])
    r["courses"] = [c for c in r["courses"] if c["id"] not in course["prerequisites"]]


def _number_as_text(r: dict[str, Any]) -> None:
    r["levels"][0]["number"] = "one"


def _renamed_titles(r: dict[str, Any]) -> None:
    for title in r["titles"]:
        title["name"] = "Renamed " + title["name"]


def _bool_for_number(r: dict[str, Any]) -> None:
    r["levels"][0]["number"] = True


def _unknown_scope(r: dict[str, Any]) -> None:
    r["titles"][0]["pmo_type"] = "galaxy"


def _missing_field(r: dict[str, Any]) -> None:
    del r["levels"][0]["stage"]


def _extra_field(r: dict[str, Any]) -> None:
    r["levels"][0]["colour"] = "red"


def _object_for_list(r: dict[str, Any]) -> None:
    r["courses"] = {"a": 1}


def _null_text(r: dict[str, Any]) -> None:
    r["scopes"][0]["name"] = None


def _escape_in_text(r: dict[str, Any]) -> None:
    r["levels"][0]["stage"] = "\x1b[31mAdmin"


def _unknown_scheme_owner(r: dict[str, Any]) -> None:
    r["markets"][0]["prefers"] = ["Somebody Else"]


def _duplicate_market(r: dict[str, Any]) -> None:
    r["markets"][1]["id"] = r["markets"][0]["id"]


EDITS = [
    _two_levels, _missing_prerequisite, _number_as_text, _renamed_titles, _bool_for_number,
    _unknown_scope, _missing_field, _extra_field, _object_for_list, _null_text, _escape_in_text,
    _unknown_scheme_owner, _duplicate_market,
]  # fmt: skip
COMMANDS = [
    ["levels", "--format", "json"],
    ["suggest", "--level", "3", "--format", "json"],
    ["courses", "--format", "json"],
    ["plan", "--from", "1", "--to", "4", "--format", "json"],
    ["titles", "Senior PMO Analyst", "--format", "json"],
]


@pytest.mark.parametrize("keep_digest", [True, False], ids=["edited", "edited-and-rehashed"])
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__.strip("_") for e in EDITS])
def test_an_edited_cache_is_a_miss_rebuilt_from_the_data(
    run: Runner,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[dict[str, Any]], None],
    keep_digest: bool,
) -> None:
    expected = [_fresh(run, monkeypatch, *args).out for args in COMMANDS]
    (path,) = cache.glob("knowledge-*.json")
    records = _records(path)
    edit(records)
    _rewrite(path, records, keep_digest=keep_digest)
    edited = path.read_bytes()
    if not keep_digest and edit is _renamed_titles:
        # Well-formed and consistent, with a matching digest: nothing tells it from a
        # cache of other data files, so it is believed; it must at least not crash.
        for args in COMMANDS:
            result = _fresh(run, monkeypatch, *args)
            assert result.code == 0, result.err
        return
    for args, want in zip(COMMANDS, expected, strict=True):
        result = _fresh(run, monkeypatch, *args)
        assert result.code == 0, result.err
        assert result.out == want
    assert path.read_bytes() != edited  # and it was written again from the data


@pytest.mark.parametrize(
    "content",
    [b"", b"\n", b"{}", b"{}\n{}", b"not json", b"\xff\xfe", b'{"key": 1}\n[]', b"[" * 100_000],
    ids=["empty", "newline", "object", "two-objects", "text", "binary", "wrong-key", "deep"],
)
def test_a_corrupt_cache_file_is_a_miss(
    run: Runner, cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    want = _fresh(run, monkeypatch, "levels", "--format", "json").out
    (path,) = cache.glob("knowledge-*.json")
    path.write_bytes(content)
    result = _fresh(run, monkeypatch, "levels", "--format", "json")
    assert (result.code, result.out) == (0, want)


NOT_OURS = [
    "knowledge-notes.json", "knowledge-.json", "knowledge-ABC.json", "knowledge-old.json.bak",
    "notes.txt", ".knowledge-x", "knowledge-" + "0" * 39 + ".json", "knowledge-" + "g" * 40 + ".json",
]  # fmt: skip


def test_files_that_are_not_ours_are_never_removed(
    run: Runner, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir()
    for name in NOT_OURS:
        (cache / name).write_text("{}")
    stale = cache / ("knowledge-" + "0" * 40 + ".json")
    stale.write_text("{}")
    assert _fresh(run, monkeypatch, "levels").code == 0
    names = sorted(p.name for p in cache.iterdir())
    assert [n for n in names if n not in NOT_OURS] == [
        n for n in names if n.startswith("knowledge-") and n not in NOT_OURS
    ]
    assert set(NOT_OURS) <= set(names)
    assert stale.name not in names  # an old cache of ours is tidied away


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_cache_write_leaves_no_temporary_file(
    run: Runner, cache: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    def broken(*args: object) -> None:
        raise failure

    monkeypatch.setattr(snapshot.os, "replace", broken)
    result = _fresh(run, monkeypatch, "levels")
    assert result.code == (130 if isinstance(failure, KeyboardInterrupt) else 0), result.err
    assert os.listdir(cache) == []
