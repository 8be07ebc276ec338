"""The market answer: checked wherever answers come from, and taken from the first of the
flag or --set, the answers file or roster column, PMO_ADVISOR_MARKET and the config file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmo_advisor import settings
from pmo_advisor.answers import Answers, validate
from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge
from tests.conftest import Run

Runner = Callable[..., Run]

BASE = ["--set", "years=4", "--set", "scope=programme", "--set", "activities=plan-schedule"]
REQUIRED = {"years": 4, "scope": "programme", "activities": ["plan-schedule"]}


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("PMO_ADVISOR_CONFIG", str(path))
    settings.forget()
    yield path
    settings.forget()


def _market(result: Run) -> Any:
    assert result.code == 0, result.err
    return json.loads(result.out)["answers"]["market"]


def _bad(result: Run, *needles: str) -> str:
    assert result.code == 2, (result.code, result.err)
    assert result.out == ""
    assert result.err.count("pmo-advisor: error:") == 1
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)
    return result.err


# --- validation ------------------------------------------------------------------------


def test_a_market_is_matched_case_insensitively(knowledge: Knowledge) -> None:
    answers = validate({**REQUIRED, "market": " Middle-East "}, knowledge, "test")
    assert answers.market == "middle-east"


def test_a_market_left_out_or_blank_is_no_market(knowledge: Knowledge) -> None:
    assert validate(REQUIRED, knowledge, "test").market is None
    assert validate({**REQUIRED, "market": ""}, knowledge, "test").market is None
    assert Answers.from_mapping({**REQUIRED, "market": "  "}, knowledge).market is None


def test_an_unknown_market_is_named_with_the_one_meant(knowledge: Knowledge) -> None:
    with pytest.raises(InputError) as caught:
        validate({**REQUIRED, "market": "ukk"}, knowledge, "me.yaml")
    assert caught.value.message == (
        "invalid answers in me.yaml:\n  market: unknown market 'ukk'; did you mean 'uk'?"
        " (choose from: uk, us, europe, australia-nz, india, middle-east, africa, other)"
    )


@pytest.mark.parametrize(("value", "shown"), [(3, "got 3"), (["uk"], "got a list")])
def test_a_market_that_is_not_text_is_refused(
    knowledge: Knowledge, value: object, shown: str
) -> None:
    with pytest.raises(InputError) as caught:
        validate({**REQUIRED, "market": value}, knowledge, "me.yaml")
    assert "market: must be one of uk, us, europe" in caught.value.message
    assert shown in caught.value.message


def test_every_source_of_a_bad_market_ends_in_one_message(
    run: Runner, tmp_path: Path, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bad(run("assess", *BASE, "--set", "market=mars"), "market: unknown market 'mars'")
    _bad(run("assess", *BASE, "--market", "indai"), "in --set and --market", "'india'")
    path = tmp_path / "me.yaml"
    path.write_text("years: 4\nscope: project\nactivities: [keep-records]\nmarket: 7\n")
    _bad(run("assess", "-a", str(path)), f"invalid answers in {path}", "market: must be one of")
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "austrlia-nz")
    _bad(run("assess", *BASE), "PMO_ADVISOR_MARKET: unknown market", "'australia-nz'")
    monkeypatch.delenv("PMO_ADVISOR_MARKET")
    config_file.write_text('market = "afrika"\n', encoding="utf-8")
    _bad(run("assess", *BASE), f"config file {config_file}: market: unknown market 'afrika'")
    config_file.write_text("market = true\n", encoding="utf-8")
    _bad(run("assess", *BASE), f"config file {config_file}: market must be a market id")


def test_a_bad_configured_market_is_reported_before_any_question(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr("pmo_advisor.cli.present.can_prompt", lambda no_input=False: True)
    monkeypatch.setattr(
        "pmo_advisor.questionnaire.ask_for_answers", lambda *a, **k: asked.append(a) or {}
    )
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "nowhere")
    _bad(run("assess"), "PMO_ADVISOR_MARKET: unknown market 'nowhere'")
    assert asked == []


# --- precedence ------------------------------------------------------------------------


def test_the_flag_wins_then_the_file_then_the_environment_then_the_config_file(
    run: Runner, tmp_path: Path, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _market(run("assess", *BASE, "-f", "json")) is None  # none anywhere
    config_file.write_text('market = "uk"\n', encoding="utf-8")
    assert _market(run("assess", *BASE, "-f", "json")) == "uk"
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "India")
    assert _market(run("assess", *BASE, "-f", "json")) == "india"
    path = tmp_path / "me.yaml"
    path.write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\nmarket: africa\n")
    assert _market(run("assess", "-a", str(path), "-f", "json")) == "africa"
    assert _market(run("assess", "-a", str(path), "--set", "market=us", "-f", "json")) == "us"
    assert _market(run("assess", "-a", str(path), "--market", "europe", "-f", "json")) == "europe"


def test_an_empty_environment_variable_leaves_the_config_file_in_charge(
    run: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('market = "australia-nz"\n', encoding="utf-8")
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "")
    assert _market(run("assess", *BASE, "-f", "json")) == "australia-nz"
    config_file.write_text('market = ""\n', encoding="utf-8")
    assert _market(run("assess", *BASE, "-f", "json")) is None


def test_config_shows_the_market_and_where_it_comes_from(
    run: Runner, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('market = "uk"\n', encoding="utf-8")
    assert f'market = "uk"  # from config file {config_file}' in run("config").out
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "us")
    assert 'market = "us"  # from PMO_ADVISOR_MARKET' in run("config").out


def test_a_configured_market_is_used_but_not_saved_with_the_answers(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "uk")
    saved = tmp_path / "me.yaml"
    assert _market(run("assess", *BASE, "-f", "json", "--save-answers", str(saved))) == "uk"
    assert "market" not in yaml.safe_load(saved.read_text(encoding="utf-8"))
    given = tmp_path / "given.yaml"
    assert run("assess", *BASE, "--market", "us", "--save-answers", str(given)).code == 0
    assert yaml.safe_load(given.read_text(encoding="utf-8"))["market"] == "us"


def test_a_plan_from_answers_takes_the_market_the_same_way(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\n")
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "middle-east")
    result = run("plan", "-a", str(path), "--to", "3", "-f", "json")
    assert _market(result) == "middle-east"
    path.write_text("years: 4\nscope: programme\nactivities: [plan-schedule]\nmarket: us\n")
    assert _market(run("plan", "-a", str(path), "--to", "3", "-f", "json")) == "us"


# --- rosters ---------------------------------------------------------------------------


def _people(result: Run) -> dict[str, Any]:
    assert result.code == 0, result.err
    return {p["name"]: p["answers"]["market"] for p in json.loads(result.out)["people"]}


def test_a_roster_market_column_wins_over_the_environment(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = (
        b"name,years,scope,activities,Market\n"
        b"Ann,4,programme,plan-schedule,US\n"
        b"Bob,2,project,keep-records,\n"
    )
    assert _people(run("team", "-", "-f", "json", stdin=roster)) == {"Ann": "us", "Bob": None}
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "uk")
    assert _people(run("team", "-", "-f", "json", stdin=roster)) == {"Ann": "us", "Bob": "uk"}


def test_a_bad_market_cell_is_reported_like_any_bad_cell(run: Runner) -> None:
    roster = (
        b"name,years,scope,activities,market\n"
        b"Ann,4,programme,plan-schedule,mars\n"
        b"Bob,2,project,keep-records,europe\n"
    )
    # ("usa" is a name people type for the US, accepted since markets have aliases.)
    err = _bad(run("team", "-", stdin=roster), "1 invalid row in standard input")
    assert (
        "standard input line 2: invalid answers in the row:\n  market: unknown market 'mars'" in err
    )
    skipped = run("team", "-", "--skip-invalid", "-f", "json", stdin=roster)
    assert _people(skipped) == {"Bob": "europe"}


def test_a_json_lines_roster_takes_a_market_key(run: Runner) -> None:
    line = {"name": "Ann", **REQUIRED, "market": "india"}
    result = run("team", "-", "-f", "json", stdin=json.dumps(line).encode() + b"\n")
    assert _people(result) == {"Ann": "india"}


def test_a_bad_configured_market_stops_a_team_run_before_it_reads_the_roster(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_MARKET", "moon")
    _bad(run("team", "-", stdin=b"not a roster"), "PMO_ADVISOR_MARKET: unknown market 'moon'")


@pytest.mark.parametrize(
    ("typed", "market"),
    [
        ("United Kingdom", "uk"),
        ("usa", "us"),
        ("Australia", "australia-nz"),
        ("new zealand", "australia-nz"),
        ("Middle East", "middle-east"),
        ("AUSTRALIA-NZ", "australia-nz"),
    ],
)
def test_a_market_is_accepted_by_the_name_people_type(typed: str, market: str) -> None:
    # The result shows "United Kingdom": typing that name back must work.
    from pmo_advisor.knowledge import load_knowledge

    knowledge = load_knowledge()
    answers = validate(
        {"years": 3, "scope": "programme", "activities": ["run-raid"], "market": typed},
        knowledge,
        "test",
    )
    assert answers.market == market
