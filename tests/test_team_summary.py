"""The team summary as a training-needs analysis: seats from each person's plan, days,
gaps by kind, succession, --group-by, --compare and the summary in long-form CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pmo_advisor.advisor import Advisor
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.roster import RosterRow
from pmo_advisor.team import TeamRun
from pmo_advisor.teamtally import changes, days_of
from tests.conftest import Run

Runner = Callable[..., Run]

HEADER = "name,years,scope,activities,focus,team_size,qualifications,title\n"
#: Three analysts short of level 3 by different numbers of years, a PMO manager, and
#: someone starting out.
ROWS = (
    "Ann,2,programme,analyse-performance;compile-status,reporting,0,,PMO Analyst\n"
    "Bob,3,programme,analyse-performance;compile-status,reporting,0,,Project Support Officer\n"
    "Cy,4,programme,plan-schedule;run-raid,planning,0,,Planner\n"
    "Di,8,programme,manage-pmo-team;run-pmo;set-standards,governance,3,,PMO Manager\n"
    "Ed,1,project,keep-records;compile-status,,0,,Project Support Officer\n"
)
#: Activity ids as they would appear in prose: "(plan-schedule)".
ACTIVITY_ID = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")


def roster(tmp_path: Path, text: str, name: str = "team.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def team_json(run: Runner, *args: str) -> dict[str, Any]:
    result = run("team", *args, "--format", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def plans(rows: str, knowledge: Knowledge) -> dict[str, Any]:
    """Each person's own assessment, as ``assess`` gives it, by name."""
    advisor = Advisor()
    found = {}
    for line in rows.splitlines():
        name, years, scope, activities, focus, team, held, title = line.split(",")
        found[name] = advisor.assess(
            {
                "years": int(years),
                "scope": scope,
                "activities": activities.split(";"),
                "focus": [focus] if focus else [],
                "team_size": int(team),
                "qualifications": held.split(";") if held else [],
                "title": title,
            }
        )
    return found


# --- seats from each person's plan ----------------------------------------------------


def test_seats_now_and_next_are_each_persons_plan(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    summary = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")["summary"]
    advice = plans(ROWS, knowledge)
    for when in ("now", "next"):
        expected: dict[str, list[str]] = {}
        for name, one in advice.items():
            step = one.plan.step(when)
            for course in step.courses if step else ():
                expected.setdefault(course.course_id, []).append(name)
        found = {c["id"]: c[f"people_{when}"] for c in summary["courses"] if c[f"seats_{when}"]}
        assert found == expected
        for course in summary["courses"]:
            assert course[f"seats_{when}"] == len(course[f"people_{when}"])


def test_seats_keeps_its_first_meaning(run: Runner, tmp_path: Path, knowledge: Knowledge) -> None:
    # `seats` still counts every course on every person's full list: JSON only grows.
    summary = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")["summary"]
    advice = plans(ROWS, knowledge)
    for course in summary["courses"]:
        listed = [n for n, a in advice.items() if course["id"] in {c.course_id for c in a.courses}]
        assert course["seats"] == len(listed)


def test_a_choice_is_one_seat_of_the_course_recommended(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    summary = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")["summary"]
    by_id = {c["id"]: c for c in summary["courses"]}
    for choice in knowledge.plan.choices:
        chosen = [by_id[m] for m in choice.members if m in by_id and by_id[m]["seats_now"]]
        for course in chosen:
            # The course recommended, with the others of its choice as alternatives.
            assert set(course["alternatives"]) <= set(choice.members) - {course["id"]}
            assert course["alternatives"]
        people = [n for c in chosen for n in c["people_now"]]
        assert len(people) == len(set(people))  # nobody holds two seats of one choice


def test_days_and_provider_come_from_the_data(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    summary = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")["summary"]
    days_now = days_next = 0.0
    without = 0
    for course in summary["courses"]:
        record = knowledge.course(course["id"])
        assert course["provider"] == record.provider
        assert course["length"] == (None if record.length is None else str(record.length))
        assert course["hours"] == record.hours
        assert course["days"] == days_of(course["length"])
        if course["days"] is None:
            without += course["seats_now"] + course["seats_next"]
        else:
            days_now += course["days"] * course["seats_now"]
            days_next += course["days"] * course["seats_next"]
    training = summary["training"]
    assert training["days_now"] == days_now and training["days_next"] == days_next
    assert training["seats_without_days"] == without
    assert training["seats_now"] == sum(c["seats_now"] for c in summary["courses"])
    assert training["days_now"] > 0


@pytest.mark.parametrize(
    ("length", "days"),
    [
        ("3 days (some providers run it in two)", 3),
        ("1 day", 1),
        ("half a day", 0.5),
        ("2.5 days", 2.5),
        (None, None),
        ("self-paced", None),
        ("35 hours", None),
    ],
)
def test_days_are_read_from_the_length_as_the_data_says_it(
    length: str | None, days: float | None
) -> None:
    assert days_of(length) == days


def test_every_length_in_the_data_in_days_is_read(knowledge: Knowledge) -> None:
    for course_id in knowledge.course_ids:
        length = knowledge.course(course_id).length
        if length is not None and "day" in str(length):
            assert days_of(str(length)) is not None, (course_id, length)


def test_the_course_seats_table_shows_now_next_and_days(run: Runner, tmp_path: Path) -> None:
    result = run("team", roster(tmp_path, HEADER + ROWS), "--summary", "--format", "markdown")
    assert result.code == 0, result.err
    assert "| Course | Or instead | Provider | Length | Now | Next | Training days |" in result.out
    assert "## Training days" in result.out
    assert "| In all |" in result.out


# A pool of answers, from starting out to leading several PMOs, with held courses that
# retire members of a choice.
_ACTIVITIES = [
    "keep-records",
    "compile-status",
    "analyse-performance",
    "plan-schedule",
    "run-raid",
    "control-costs",
    "run-pmo",
    "manage-pmo-team",
    "set-standards",
    "lead-pmo-managers",
    "portfolio-strategy",
]
_PEOPLE = st.fixed_dictionaries(
    {
        "years": st.integers(0, 25),
        "scope": st.sampled_from(["project", "programme", "portfolio", "enterprise"]),
        "activities": st.lists(st.sampled_from(_ACTIVITIES), min_size=1, max_size=4, unique=True),
        "team_size": st.integers(0, 12),
        "qualifications": st.lists(
            st.sampled_from(["p3o-foundation", "prince2", "essentials-pmo-analysts", "apm-pfq"]),
            max_size=2,
            unique=True,
        ),
        "market": st.sampled_from([None, "uk", "us"]),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(_PEOPLE, min_size=1, max_size=12))
def test_now_seats_never_exceed_the_people_and_a_choice_counts_once(
    people: list[dict[str, Any]],
) -> None:
    advisor = Advisor()
    rows = [
        {"name": f"P{i}", **{k: v for k, v in answers.items() if v is not None}}
        for i, answers in enumerate(people)
    ]
    summary = advisor.team(rows).summary
    knowledge = advisor.knowledge
    for course in summary.courses:
        assert course.now.count <= summary.people
        assert course.next.count <= summary.people
        assert course.course_id not in course.alternatives
    for choice in knowledge.plan.choices:
        seats = [c for c in summary.courses if c.course_id in choice.members]
        # Each person takes at most one member of a choice in each step: a choice is
        # counted once per person, whichever member their plan recommends.
        assert sum(c.now.count for c in seats) <= summary.people
        names = [n for c in seats for n in c.now.people]
        assert len(names) == len(set(names))
        names = [n for c in seats for n in c.next.people]
        assert len(names) == len(set(names))
    assert summary.training.seats_now == sum(c.now.count for c in summary.courses)


# --- shared gaps by kind --------------------------------------------------------------


def test_shared_gaps_are_grouped_by_kind_in_the_third_person(run: Runner, tmp_path: Path) -> None:
    summary = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary")["summary"]
    years = [g for g in summary["gaps_by_kind"] if g["kind"] == "years" and g["level"] == 3]
    # 2, 3 and 4 years: three sentences, one kind.
    assert len(years) == 1
    assert years[0]["text"] == "Fewer than five years for level 3"
    assert sorted(years[0]["people"]) == ["Ann", "Bob", "Cy"]
    assert years[0]["count"] == 3
    sentences = [g for g in summary["shared_gaps"] if g["gap"].startswith("Experience: you")]
    assert not sentences  # each sentence differs, so none is shared by two people
    for gap in summary["gaps_by_kind"]:
        assert gap["count"] >= 2
        assert not ACTIVITY_ID.search(gap["text"]), gap["text"]
        assert not re.search(r"\byou(r)?\b", gap["text"], re.IGNORECASE), gap["text"]
    # Ids stay in JSON, as the subject.
    subjects = {g["subject"] for g in summary["gaps_by_kind"] if g["kind"] == "activity"}
    assert subjects and all(ACTIVITY_ID.fullmatch(s) for s in subjects)


def test_the_shared_gaps_table_has_no_ids(run: Runner, tmp_path: Path) -> None:
    result = run("team", roster(tmp_path, HEADER + ROWS), "--summary", "--format", "plain")
    assert result.code == 0, result.err
    table = result.out.split("Shared gaps\n", 1)[1].split("\n\n", 1)[0]
    assert "Fewer than five years for level 3" in table
    assert not ACTIVITY_ID.search(table.replace("Best-fit", ""))


def test_every_gap_has_its_kind(knowledge: Knowledge) -> None:
    advisor = Advisor()
    for line in ROWS.splitlines():
        name = line.split(",")[0]
        advice = plans(line, knowledge)[name]
        assert advice.next is not None
        assert len(advice.next.gap_kinds) == len(advice.next.gaps)
        for kind in advice.next.gap_kinds:
            assert kind.text and kind.level == advice.next.level.number
    # A suggestion's gaps have kinds too.
    suggestion = advisor.suggest(2)
    assert suggestion.next is not None
    assert len(suggestion.next.gap_kinds) == len(suggestion.next.gaps)


# --- succession -----------------------------------------------------------------------


BORDERLINE = (
    "Up,12,portfolio,manage-pmo-team,,6,,\n"
    "Low,1,portfolio,plan-schedule,,0,,\n"
    "Top,20,enterprise,run-pmo,,12,,\n"
    "Mid,3,programme,plan-schedule,,0,,\n"
)


def test_succession_is_split_into_ready_and_not_yet(run: Runner, tmp_path: Path) -> None:
    data = team_json(run, roster(tmp_path, HEADER + BORDERLINE))
    people = {p["name"]: p for p in data["people"]}
    summary = data["summary"]
    ready = {n: g for g in summary["ready_to_step_up"] for n in g["people"]}
    not_yet = {n: g for g in summary["not_yet_at_level"] for n in g["people"]}
    for name, person in people.items():
        other = person["borderline_with"]
        if other is None:
            assert name not in ready and name not in not_yet
        elif other > person["level"]["number"]:
            group = ready[name]
            assert group["to"] == other and group["level"] == person["level"]["number"]
            assert group["role"] == person["next"]["roles"][0]["title"]
        else:
            assert not_yet[name]["with"] == other
    assert ready or not_yet


def test_succession_tables_say_which_is_which(run: Runner, tmp_path: Path) -> None:
    result = run("team", roster(tmp_path, HEADER + BORDERLINE), "--format", "markdown")
    assert result.code == 0, result.err
    assert "## Succession" in result.out
    assert "| Level | Ready for | People | Who |" in result.out
    assert "## Not yet fully at their level" in result.out


# --- the people table -----------------------------------------------------------------


def test_the_people_table_shows_both_titles_labelled(run: Runner, tmp_path: Path) -> None:
    result = run("team", roster(tmp_path, HEADER + ROWS), "--format", "markdown")
    assert result.code == 0, result.err
    header = next(line for line in result.out.splitlines() if line.startswith("| Name"))
    assert "| Title | Best-fit title |" in header
    bob = next(line for line in result.out.splitlines() if line.startswith("| Bob "))
    cells = [c.strip() for c in bob.strip("|").split("|")]
    assert cells[3] == "Project Support Officer"
    assert cells[4] and cells[4] != cells[3]


def test_the_people_table_shows_each_persons_courses_for_now(
    run: Runner, tmp_path: Path, knowledge: Knowledge
) -> None:
    # What each person's budget line is: their plan's courses for now, one of each
    # choice, as the course seats count them; never two equivalents side by side.
    result = run("team", roster(tmp_path, HEADER + ROWS), "--format", "markdown")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    header = [c.strip() for c in next(x for x in lines if x.startswith("| Name")).split("|")]
    column = header.index("Courses now")
    names = {c.name: c.id for c in knowledge.courses}
    for name, advice in plans(ROWS, knowledge).items():
        row = next(x for x in lines if x.startswith(f"| {name} "))
        shown = row.split("|")[column].strip()
        now = advice.plan.step("now")
        assert now is not None
        assert shown == ", ".join(c.name for c in now.courses)
        ids = [names[c.name] for c in now.courses]
        for course in now.courses:
            assert not set(course.alternatives) & set(ids), f"{name}: two of one choice"


@pytest.mark.parametrize("columns", ["120", "80"])
def test_rich_wraps_the_people_table_without_cutting_words(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    rows = ROWS + "Fi,12,enterprise,lead-pmo-managers;portfolio-strategy,,8,,Head of PMO\n"
    path = roster(tmp_path, HEADER + rows)
    result = run("team", path, "--format", "rich")
    assert result.code == 0, result.err
    assert "…" not in result.out
    assert all(cell_len(line) <= int(columns) for line in result.out.splitlines())
    markdown = run("team", path, "--format", "markdown").out
    people = next(line for line in markdown.splitlines() if line.startswith("| Di "))
    words = {w for cell in people.strip("|").split("|") for w in cell.split()}
    shown = set(re.split(r"[\s│┃|]+", result.out))
    assert words <= shown, words - shown  # every word whole, in the rich text too
    if columns == "120":
        assert "┃ Name" in result.out  # at 120 the people fit as a table, wrapped


# --- --group-by -----------------------------------------------------------------------


def test_group_by_an_answer_key(run: Runner, tmp_path: Path) -> None:
    data = team_json(run, roster(tmp_path, HEADER + ROWS), "--summary", "--group-by", "Scope")
    assert data["group_by"] == "Scope"
    groups = {g["value"]: g["summary"] for g in data["groups"]}
    assert set(groups) == {"programme", "project"}
    assert groups["programme"]["people"] == 4 and groups["project"]["people"] == 1
    overall = data["summary"]
    for key in ("seats_now", "seats_next", "days_now", "days_next"):
        assert sum(g["training"][key] for g in groups.values()) == overall["training"][key]
    assert groups["project"]["courses"] and all(
        c["people"] == ["Ed"] for c in groups["project"]["courses"] if c["seats"]
    )


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "csv"])
def test_group_by_shows_each_group_and_the_whole_team(
    run: Runner, tmp_path: Path, fmt: str
) -> None:
    result = run(
        "team", roster(tmp_path, HEADER + ROWS), "--summary", "--format", fmt, "--group-by", "scope"
    )
    assert result.code == 0, result.err
    for heading in ("Levels", "Course seats", "By scope", "Course seats by scope"):
        assert heading in result.out
    assert "programme" in result.out and "project" in result.out


@dataclass(frozen=True)
class Row(RosterRow):
    """A row as a roster with an id column and kept columns gives it."""

    id: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


def _rows(people: list[tuple[str, str | None, str, int]]) -> Iterator[Row]:
    for line, (name, person_id, department, years) in enumerate(people, 2):
        # Under two years: record keeping, level 1; else planning, level 2.
        activities = ["keep-records"] if years < 2 else ["plan-schedule"]
        answers = {"years": years, "scope": "programme", "activities": activities}
        yield Row(
            line,
            None,
            name,
            None,
            answers,
            id=person_id,
            extra=(("Department", department), ("Line Manager", "Jo")),
        )


def test_group_by_a_kept_column(knowledge: Knowledge) -> None:
    people = [("Ann", "1", "Finance", 2), ("Bob", "2", "IT", 3), ("Cy", "3", "Finance", 4)]
    run = TeamRun(knowledge, _rows(people), label="hr.csv", group_by="department")
    groups = run.groups
    assert groups is not None
    assert [g.value for g in groups] == ["Finance", "IT"]
    assert [g.summary.people for g in groups] == [2, 1]
    finance = groups[0].summary
    years = next(g for g in finance.gaps_by_kind if g.kind == "years")
    # Each listed with their id, as the roster has an id column.
    assert years.people.people == ("Ann (1)", "Cy (3)")


def test_group_by_a_column_the_roster_lacks(run: Runner, tmp_path: Path) -> None:
    result = run("team", roster(tmp_path, HEADER + ROWS), "--group-by", "Department")
    assert result.code == 2
    assert "--group-by Department: the roster has no such column" in result.err


# --- --compare ------------------------------------------------------------------------


OLD_ROWS = (
    "Ann,1,project,keep-records;compile-status,,0,,PMO Analyst\n"
    "Bob,3,programme,analyse-performance;compile-status,reporting,0,,Project Support Officer\n"
    "Zed,3,programme,plan-schedule;run-raid,planning,0,,Planner\n"
)


def test_compare_names_who_joined_left_and_moved(run: Runner, tmp_path: Path) -> None:
    new = roster(tmp_path, HEADER + ROWS)
    old = roster(tmp_path, HEADER + OLD_ROWS, "old.csv")
    data = team_json(run, new, "--summary", "--compare", old)
    change = data["compare"]
    assert change["roster"] == old
    assert change["joined"] == {"count": 3, "people": ["Cy", "Di", "Ed"]}
    assert change["left"] == {"count": 1, "people": ["Zed"]}
    assert change["moved"] == [{"from": 1, "to": 2, "count": 1, "people": ["Ann"]}]
    closed = {(g["kind"], g["level"]) for g in change["gaps_closed"]}
    opened = {(g["kind"], g["level"]) for g in change["gaps_opened"]}
    assert ("years", 2) in closed  # Ann had under two years for level 2
    assert ("years", 3) in opened  # and now has under five for level 3
    for gap in change["gaps_closed"] + change["gaps_opened"]:
        assert gap["people"] == ["Ann"]  # Bob's answers did not change


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "csv"])
def test_compare_in_every_format(run: Runner, tmp_path: Path, fmt: str) -> None:
    new = roster(tmp_path, HEADER + ROWS)
    old = roster(tmp_path, HEADER + OLD_ROWS, "old.csv")
    result = run("team", new, "--summary", "--format", fmt, "--compare", old)
    assert result.code == 0, result.err
    for text in ("Changes", "Joined", "Left", "Moved from level 1 to 2", "Gaps closed"):
        assert text in result.out


def test_compare_matches_by_id_before_name(knowledge: Knowledge) -> None:
    old = TeamRun(
        knowledge,
        _rows([("Ann Lee", "7", "IT", 1), ("Bob", "8", "IT", 3), ("Cy", None, "IT", 3)]),
        label="old.csv",
        index_people=True,
    )
    old.summary  # noqa: B018
    # Ann Lee married and changed her name (same id); another Bob joined (a new id);
    # Cy has no id on either roster and is matched by name.
    new = TeamRun(
        knowledge,
        _rows([("Ann Kay", "7", "IT", 6), ("Bob", "9", "IT", 3), ("Cy", None, "IT", 3)]),
        label="new.csv",
        index_people=True,
    )
    new.summary  # noqa: B018
    change = changes(old, new)
    # Listed with their ids, so that the Bob who joined and the one who left are told apart.
    assert change.joined.people == ("Bob (9)",)
    assert change.left.people == ("Bob (8)",)
    assert [(m.from_level, m.to_level, m.people.people) for m in change.moved] == [
        (1, 2, ("Ann Kay (7)",))
    ]


def test_compare_refuses_two_standard_inputs(run: Runner) -> None:
    result = run("team", "-", "--compare", "-")
    assert result.code == 2 and "standard input" in result.err


# --- the summary as long-form CSV -----------------------------------------------------


def test_summary_csv_is_long_form(run: Runner, tmp_path: Path) -> None:
    path = roster(tmp_path, HEADER + ROWS)
    result = run("team", path, "--summary", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == ["table", "key", "value"]
    assert all(len(row) == 3 for row in rows)
    values = {(t, k): v for t, k, v in rows[1:]}
    assert values["Team", "People"] == "5"
    assert values["Levels", "Level 2: People"] == "3"
    summary = team_json(run, path, "--summary")["summary"]
    for course in summary["courses"]:
        if course["seats_now"]:
            assert values["Course seats", f"{course['name']}: Now"] == str(course["seats_now"])
    days = summary["training"]["days_now"] + summary["training"]["days_next"]
    assert float(values["Training days", "In all: Days"]) == days


def test_the_team_schema_describes_the_new_parts(run: Runner, tmp_path: Path) -> None:
    import jsonschema

    from pmo_advisor.schemas import SCHEMAS

    schema = SCHEMAS["team"]()
    text = json.dumps(schema)
    for key in ("seats_now", "seats_next", "gaps_by_kind", "ready_to_step_up", "compare"):
        assert key in text
    new = roster(tmp_path, HEADER + ROWS)
    old = roster(tmp_path, HEADER + OLD_ROWS, "old.csv")
    data = team_json(run, new, "--compare", old, "--group-by", "scope")
    jsonschema.Draft202012Validator(schema).validate(data)
