"""The questionnaire's last answers: kept per user, replayed and reviewed with --last,
and never kept when turned off or when nobody was asked."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Run

Runner = Callable[..., Run]
ANSWERED = {"years": 3, "scope": "project", "activities": ["plan-schedule"], "focus": ["planning"]}


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "pmo-advisor" / "last-answers.yaml"


@pytest.fixture
def questionnaire(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """A terminal where the person answers ANSWERED to whatever is still open; records
    what the questionnaire started from."""
    started: list[dict[str, Any]] = []

    def ask(knowledge: object, given: Mapping[str, Any], **options: bool) -> dict[str, Any]:
        started.append(dict(given))
        return {**ANSWERED, **given}

    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: not no_input)
    monkeypatch.setattr("pmo_advisor.questionnaire.ask_for_answers", ask)
    return started


def test_the_questionnaire_keeps_the_answers_and_last_replays_them(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = run("assess")
    assert first.code == 0, first.err
    kept = yaml.safe_load(data_home.read_text(encoding="utf-8"))
    assert kept == {"schema_version": 1, **ANSWERED}
    assert data_home.stat().st_mode & 0o777 == 0o600
    assert data_home.parent.stat().st_mode & 0o777 == 0o700
    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: False)
    again = run("assess", "--last")
    assert again.code == 0, again.err
    assert again.out == first.out


def test_last_on_a_terminal_starts_the_questionnaire_from_the_kept_answers(
    run: Runner, data_home: Path, questionnaire: list[dict[str, Any]]
) -> None:
    assert run("assess").code == 0
    assert run("assess", "--last", "--set", "years=8").code == 0
    assert questionnaire[-1]["years"] == "8"  # --set still overrides what was kept
    assert questionnaire[-1]["activities"] == ["plan-schedule"]
    assert yaml.safe_load(data_home.read_text(encoding="utf-8"))["years"] == 8


@pytest.mark.parametrize(
    ("flag", "env", "config"),
    [("--no-save", None, None), (None, "1", None), (None, None, "save_last = false\n")],
)
def test_keeping_can_be_turned_off(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    flag: str | None,
    env: str | None,
    config: str | None,
) -> None:
    if env:
        monkeypatch.setenv("PMO_ADVISOR_NO_SAVE", env)
    if config:
        (tmp_path / "config.toml").write_text(config, encoding="utf-8")
        monkeypatch.setenv("PMO_ADVISOR_CONFIG", str(tmp_path / "config.toml"))
    result = run("assess", *([flag] if flag else []))
    assert result.code == 0, result.err
    assert questionnaire  # the questions were asked
    assert not data_home.exists()


def test_nothing_is_kept_when_nobody_was_asked(run: Runner, data_home: Path) -> None:
    result = run(
        "assess", "--set", "years=2", "--set", "scope=project", "--set", "activities=keep-records"
    )
    assert result.code == 0, result.err
    assert not data_home.exists()


def test_last_with_nothing_kept_says_how_to_keep_some(run: Runner, data_home: Path) -> None:
    result = run("assess", "--last")
    assert result.code == 2
    assert "no answers have been kept yet" in result.err
    assert str(data_home) in result.err
    assert result.out == ""


def test_last_and_an_answers_file_do_not_mix(run: Runner, data_home: Path, tmp_path: Path) -> None:
    result = run("assess", "--last", "--answers", str(tmp_path / "me.yaml"))
    assert result.code == 2
    assert "--answers FILE or --last, not both" in result.err


def test_failing_to_keep_answers_does_not_fail_the_run(
    run: Runner,
    tmp_path: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    result = run("assess")
    assert result.code == 0, result.err
    assert result.out.startswith("For: ")


def test_kept_answers_keep_the_market_and_last_uses_it(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run("assess", "--set", "market=australia-nz").code == 0
    assert yaml.safe_load(data_home.read_text(encoding="utf-8"))["market"] == "australia-nz"
    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: False)
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "uk")  # the kept answer wins over it
    again = run("assess", "--last", "--format", "json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["answers"]["market"] == "australia-nz"


def test_a_configured_market_is_offered_to_the_questionnaire_but_not_kept(
    run: Runner, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[Any] = []

    def ask(knowledge: object, given: Mapping[str, Any], **options: Any) -> dict[str, Any]:
        offered.append(options.get("defaults"))
        return {**ANSWERED, **given}

    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: True)
    monkeypatch.setattr("pmo_advisor.questionnaire.ask_for_answers", ask)
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "india")
    result = run("assess", "--format", "json")
    assert result.code == 0, result.err
    assert offered == [{"market": "india"}]
    assert json.loads(result.out)["answers"]["market"] == "india"
    assert "market" not in yaml.safe_load(data_home.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "accepted", "offered", "replayed"),
    [([], True, True, True), ([], False, True, False), (["--fresh"], True, False, False)],
)
def test_bare_pmo_advisor_offers_the_kept_answers_first(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    accepted: bool,
    offered: bool,
    replayed: bool,
) -> None:
    assert run("assess").code == 0  # keeps ANSWERED
    offers: list[float] = []

    def offer(kept: float, **options: bool) -> bool:
        offers.append(kept)
        return accepted

    monkeypatch.setattr("pmo_advisor.questionnaire.offer_kept_answers", offer)
    kept = data_home.stat().st_mtime
    assert run(*args).code == 0
    assert offers == ([kept] if offered else [])
    assert (questionnaire[-1] == ANSWERED) == replayed
    assert (questionnaire[-1] == {}) == (not replayed)


def test_no_offer_without_kept_answers(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("pmo_advisor.questionnaire.offer_kept_answers", pytest.fail)
    assert run().code == 0
    assert questionnaire == [{}]


def test_the_day_the_answers_were_kept_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from pmo_advisor.questionnaire import offer_kept_answers

    asked: list[str] = []

    def confirm(question: str, **options: bool) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr("pmo_advisor.questionnaire.plain.confirm", confirm)
    year = time.localtime().tm_year
    kept = time.mktime((year, 12, 6, 12, 0, 0, 0, 0, -1))
    assert offer_kept_answers(kept, no_color=True, plain=True)
    day = "6 December" if kept <= time.time() else f"6 December {year}"
    assert asked == [f"Start from your answers of {day}?"]
    earlier = time.mktime((year - 1, 12, 6, 12, 0, 0, 0, 0, -1))
    offer_kept_answers(earlier, no_color=True, plain=True)
    assert asked[-1] == f"Start from your answers of 6 December {year - 1}?"


def test_the_kept_line_is_said_after_the_result(
    run: Runner,
    data_home: Path,
    questionnaire: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr("pmo_advisor.cli.present.tell", said.append)
    written: list[str] = []
    monkeypatch.setattr(
        "pmo_advisor.cli.assess.write", lambda text, *args: written.append(f"{len(said)}")
    )
    assert run("assess").code == 0
    assert written == ["0"]  # nothing said before the result was written
    assert said[0].startswith("Kept your answers in")


def test_a_note_at_a_terminal_breaks_between_words_never_inside_a_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from pmo_advisor.cli import present

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("COLUMNS", "60")
    path = "/home/someone/.local/share/pmo-advisor/last-answers.yaml"
    present.tell(f"Kept your answers in {path}; 'pmo-advisor assess --last' starts from them.")
    lines = screen.getvalue().splitlines()
    assert lines == [
        "Kept your answers in",
        f"{path};",
        "'pmo-advisor assess --last' starts from them.",
    ]
    # Where the command would start a line's last words, it moves down whole.
    screen.seek(0)
    screen.truncate()
    monkeypatch.setenv("COLUMNS", "80")
    kept = "/tmp/qx/data/pmo-advisor/last-answers.yaml"
    present.tell(f"Kept your answers in {kept}; 'pmo-advisor assess --last' starts from them.")
    assert screen.getvalue().splitlines() == [
        f"Kept your answers in {kept};",
        "'pmo-advisor assess --last' starts from them.",
    ]
