"""The public Advisor: typed results, answers as a mapping, team mode read once, and
to_json giving exactly what the commands print."""

from __future__ import annotations

import dataclasses
import json
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pmo_advisor import Advisor, Assessment, InputError, to_json
from pmo_advisor.answers import validate
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import Catalogue, Ladder, Roadmap, TitleListing, TitleLookups
from pmo_advisor.model import Advice
from pmo_advisor.teampeople import People
from pmo_advisor.teamreport import TeamMember, TeamReport
from tests.conftest import DATA, Run

Runner = Callable[..., Run]

ANSWERS = {"years": 4, "scope": "programme", "activities": ["plan-schedule"]}
SET_FLAGS = ("--set", "years=4", "--set", "scope=programme", "--set", "activities=plan-schedule")


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


def test_assess_returns_a_frozen_assessment(advisor: Advisor) -> None:
    result = advisor.assess(ANSWERS)
    assert Assessment is Advice
    assert isinstance(result, Assessment)
    assert result.kind == "assessment"
    assert 1 <= result.level.number <= 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = result.level  # type: ignore[misc]


def test_a_mapping_and_validated_answers_give_the_same_assessment(
    advisor: Advisor, knowledge: Knowledge
) -> None:
    answers = validate(ANSWERS, knowledge, "the test")
    assert advisor.assess(answers) == advisor.assess(ANSWERS)
    # Lists may be comma-separated text, as in an answers file or a spreadsheet cell.
    text = {**ANSWERS, "activities": "plan-schedule"}
    assert advisor.assess(text) == advisor.assess(ANSWERS)


def test_a_mapping_is_checked_as_an_answers_file_is(advisor: Advisor) -> None:
    with pytest.raises(InputError, match="years: must be from 0 to 60"):
        advisor.assess({**ANSWERS, "years": 99})
    with pytest.raises(InputError, match="unknown"):
        advisor.assess({**ANSWERS, "yeers": 4})
    with pytest.raises(InputError, match="answers must be a mapping"):
        advisor.assess(["years", 4])  # type: ignore[arg-type]


def test_route_and_market(advisor: Advisor) -> None:
    chosen = advisor.assess(ANSWERS, route="specialist")
    assert chosen.plan is not None and chosen.plan.route == "specialist"
    with pytest.raises(InputError, match="route"):
        advisor.assess(ANSWERS, route="sideways")
    in_uk = advisor.assess(ANSWERS, market="uk")
    assert in_uk.plan is not None and in_uk.plan.market == "uk"
    # The answers' own market wins over the one given for answers that name none.
    own = advisor.assess({**ANSWERS, "market": "us"}, market="uk")
    assert own.plan is not None and own.plan.market == "us"


def test_to_json_is_what_assess_prints(advisor: Advisor, run: Runner) -> None:
    printed = run("assess", *SET_FLAGS, "--format", "json")
    assert printed.code == 0
    assert to_json(advisor.assess(ANSWERS)) == printed.out


@pytest.mark.parametrize(
    ("command", "call", "kind"),
    [
        (("levels",), lambda a: a.ladder(), Ladder),
        (("suggest", "--level", "2"), lambda a: a.suggest(2), Advice),
        (
            ("suggest", "-l", "3", "--scope", "portfolio", "--focus", "planning", "--held", "pmp"),
            lambda a: a.suggest(3, scope="portfolio", focus=["planning"], held=["pmi-pmp"]),
            Advice,
        ),
        (("titles",), lambda a: a.titles(), TitleListing),
        (("titles", "--level", "2"), lambda a: a.titles(level=2), TitleListing),
        (("titles", "Senior PMO Analyst"), lambda a: a.titles("Senior PMO Analyst"), TitleLookups),
        (("courses", "--level", "3"), lambda a: a.courses(level=3), Catalogue),
        (
            ("courses", "--kind", "certification"),
            lambda a: a.courses(kind="certification"),
            Catalogue,
        ),
        (("activities", "--level", "2"), lambda a: a.activities(level=2), object),
        (("plan", "--from", "1", "--to", "3"), lambda a: a.plan(3, start=1), Roadmap),
    ],
)
def test_every_result_is_what_its_command_prints(
    advisor: Advisor, run: Runner, command: tuple[str, ...], call: Any, kind: type
) -> None:
    result = call(advisor)
    assert isinstance(result, kind)
    assert dataclasses.is_dataclass(result)
    printed = run(*command, "--format", "json")
    assert printed.code == 0, printed.err
    assert to_json(result) == printed.out


def test_a_plan_from_answers_is_what_plan_prints(
    advisor: Advisor, run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps(ANSWERS))
    printed = run("plan", "--answers", str(path), "--to", "4", "--format", "json")
    assert printed.code == 0, printed.err
    assert to_json(advisor.plan(4, answers=ANSWERS)) == printed.out
    with pytest.raises(InputError, match="give one of the two"):
        advisor.plan(4)


def test_bad_values_are_refused(advisor: Advisor) -> None:
    with pytest.raises(InputError, match="level"):
        advisor.suggest(7)
    with pytest.raises(InputError, match="focus area"):
        advisor.suggest(2, focus=["knitting"])
    with pytest.raises(InputError, match="scope"):
        advisor.titles(scope="galaxy")
    with pytest.raises(InputError, match="course"):
        advisor.suggest(2, held=["no-such-course"])


def test_an_advisor_of_a_data_folder_and_of_a_knowledge_base(knowledge: Knowledge) -> None:
    assert Advisor(knowledge).knowledge is knowledge
    assert Advisor(str(DATA)).knowledge == knowledge
    assert Advisor(DATA).assess(ANSWERS) == Advisor().assess(ANSWERS)


def test_an_advisor_pickles(advisor: Advisor) -> None:
    copy = pickle.loads(pickle.dumps(advisor))
    assert copy.knowledge == advisor.knowledge
    assert copy.assess(ANSWERS) == advisor.assess(ANSWERS)


# --- team mode ------------------------------------------------------------------------


def _people(count: int) -> list[dict[str, Any]]:
    scopes = ("project", "programme", "portfolio")
    activities = ("plan-schedule", "keep-records", "run-pmo")
    return [
        {
            "name": f"Person {i}",
            "years": i % 12,
            "scope": scopes[i % 3],
            "activities": [activities[i % 3]],
            "qualifications": ["prince2"] if i % 4 == 0 else [],
        }
        for i in range(count)
    ]


def test_team_people_come_as_the_rows_are_read(advisor: Advisor) -> None:
    pulled = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal pulled
        for row in _people(100):
            pulled += 1
            yield row

    reading = advisor.team(rows())
    assert pulled == 0  # nothing is read before the people are asked for
    first = next(reading.people)
    assert isinstance(first, TeamMember) and first.name == "Person 0"
    assert pulled == 1
    rest = list(reading.people)
    assert len(rest) == 99 and pulled == 100
    assert reading.summary.people == 100
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.summary.people = 0  # type: ignore[misc]


def test_the_summary_alone_reads_every_row_and_keeps_no_one(advisor: Advisor) -> None:
    reading = advisor.team(_people(50))
    assert reading.summary.people == 50
    assert list(reading.people) == []  # read already, and not kept


def test_invalid_rows_and_repeated_names_are_counted_not_yielded(advisor: Advisor) -> None:
    rows: list[Any] = [*_people(3), {"name": "Bad", "years": "x"}, _people(1)[0], "not a row"]
    reading = advisor.team(rows)
    assert [member.name for member in reading.people] == ["Person 0", "Person 1", "Person 2"]
    assert reading.summary.people == 3
    assert reading.invalid.count == 2
    assert reading.summary.invalid_count == 2
    assert "years: must be a number" in reading.summary.invalid[0].reason
    assert reading.duplicates.items == [("Person 0", "line 5")]


def test_team_is_what_the_team_command_prints(
    advisor: Advisor, run: Runner, tmp_path: Path
) -> None:
    rows = _people(40)
    path = tmp_path / "team.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    printed = run("team", str(path), "--format", "json")
    assert printed.code == 0, printed.err
    reading = advisor.team(rows)
    people = People()
    for member in reading.people:
        people.append(member.name, member.advice)
    assert to_json(TeamReport(str(path), reading.summary, people=people)) == printed.out
    assert to_json(advisor.team(rows)) == printed.out  # a run read whole
    summary_only = run("team", str(path), "--format", "json", "--summary")
    assert to_json(TeamReport(str(path), advisor.team(rows).summary)) == summary_only.out


def test_a_roster_and_its_rows_as_mappings_read_alike(advisor: Advisor, tmp_path: Path) -> None:
    from pmo_advisor.roster import open_roster

    rows = _people(30)
    path = tmp_path / "team.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    roster = open_roster(str(path), None)
    try:
        from_file = advisor.team(roster)
        people = list(from_file.people)
        summary = from_file.summary
    finally:
        roster.close()
    from_rows = advisor.team(rows)
    assert list(from_rows.people) == people
    assert from_rows.summary == summary


@pytest.mark.terminal
def test_importing_the_package_loads_nothing_until_asked() -> None:
    import subprocess
    import sys

    script = (
        "import sys, pmo_advisor\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('pmo_advisor.'))\n"
        "print(loaded)\n"
        "pmo_advisor.Advisor\n"
        "print('pmo_advisor.advisor' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown == ["[]", "True"]


def test_the_library_page_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/library.md's Advisor example, run as a reader would paste it."""
    import re

    from tests.conftest import REPO

    page = (REPO / "docs" / "library.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- advisor example -->\s*```python\n(.*?)```", page, re.DOTALL)
    assert found, "docs/library.md has no Advisor example"
    exec(compile(found.group(1), "docs/library.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("['") and "Ann 2" in printed and "Bob 1" in printed
