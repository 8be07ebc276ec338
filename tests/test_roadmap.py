"""Career roadmaps and the course catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.knowledge import Knowledge, load_knowledge
from pmo_advisor.roadmap import plan
from pmo_advisor.rules import catalogue, held_closure
from tests.conftest import Run

Runner = Callable[..., Run]
KNOWLEDGE = load_knowledge()
levels = st.integers(min_value=1, max_value=4)


@settings(max_examples=200, deadline=None)
@given(
    levels,
    levels,
    st.lists(st.sampled_from(KNOWLEDGE.focus_ids), max_size=3, unique=True),
    st.lists(st.sampled_from(KNOWLEDGE.course_ids), max_size=8, unique=True),
)
def test_roadmap_properties(start: int, target: int, focus: list[str], held: list[str]) -> None:
    roadmap = plan(KNOWLEDGE, start, target, focus=focus, held=held)
    numbers = [step.level.number for step in roadmap.steps]
    if target <= start:
        assert numbers == [] and roadmap.note
        return
    # Every level between from and to appears once, in order.
    assert numbers == list(range(start + 1, target + 1))
    order = [c.course_id for step in roadmap.steps for c in step.courses]
    assert len(order) == len(set(order))
    # What is held counts with its prerequisites and the courses it is an equivalent for.
    counted = held_closure(held, KNOWLEDGE)
    assert not set(order) & counted
    for index, course_id in enumerate(order):
        course = KNOWLEDGE.course(course_id)
        before = held_closure([*held, *order[:index]], KNOWLEDGE)
        if before & set(course.entry_met_by):
            continue  # a course held, or taken on the way, admits to it instead
        for prerequisite in course.prerequisites:
            if prerequisite not in counted:
                assert prerequisite in order[:index], (course_id, prerequisite)


def test_prerequisites_come_first_across_steps(knowledge: Knowledge) -> None:
    order = [c.course_id for s in plan(knowledge, 1, 4).steps for c in s.courses]
    assert order.index("p3o-foundation") < order.index("p3o-practitioner")
    assert order.index("essentials-pmo-analysts") < order.index("essentials-pmo-managers")
    assert order.index("mop-foundation") < order.index("mop-practitioner")


def test_a_planning_focus_shapes_a_specialist_route(knowledge: Knowledge) -> None:
    step = plan(knowledge, 1, 3, focus=["planning"]).steps[0]
    names = [t.name for t in step.specialists]
    assert names[:2] == ["Project Planner", "Project Scheduler"]
    assert all("planning" in t.focus for t in step.specialists)
    assert step.take_on[0].id == "plan-schedule"
    assert not any(t.is_specialist for t in step.roles)


def test_a_target_not_above_is_explained(knowledge: Knowledge) -> None:
    assert "already" in (plan(knowledge, 3, 3).note or "")
    assert "behind you" in (plan(knowledge, 3, 1).note or "")


def test_catalogue_filters(knowledge: Knowledge) -> None:
    found = catalogue(knowledge, 3, ["governance"], "certification")
    assert found.courses
    for course in found.courses:
        assert (
            3 in course.levels and "governance" in course.focus and course.kind == "certification"
        )


def test_plan_from_answers_skips_work_done_and_courses_held(run: Runner, tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text(
        "years: 6\nscope: programme\nactivities: [plan-schedule, run-pmo]\nteam_size: 2\n"
        "qualifications: [essentials-pmo-managers]\n"
    )
    result = run("plan", "--answers", str(answers), "--to", "4", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["from"] == 3 and data["to"] == 4
    assert [s["level"]["number"] for s in data["steps"]] == [4]
    assert "essentials-pmo-managers" in data["held"]
    assert data["answers"]["scope"] == "programme"


def test_plan_needs_a_start(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Kept answers would be a start: there are none in an empty data directory.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty"))
    result = run("plan", "--to", "3")
    assert result.code == 2
    assert "--from N (your level) or --answers FILE" in result.err
    both = run("plan", "--from", "1", "--answers", "x.yaml", "--to", "3")
    assert both.code == 2


def test_plan_bad_levels(run: Runner) -> None:
    assert "--to must be 1, 2, 3 or 4, not '9'" in run("plan", "--from", "1", "--to", "9").err
    assert "--from must be 1, 2, 3 or 4" in run("plan", "--from", "x", "--to", "3").err
    # Without --to, the plan goes to the next level up (and stays at the top).
    for start, end in (("1", 2), ("4", 4)):
        data = json.loads(run("plan", "--from", start, "--format", "json").out)
        assert (data["from"], data["to"]) == (int(start), end)


def test_courses_command(run: Runner) -> None:
    data = json.loads(run("courses", "--kind", "Specialist", "--format", "json").out)
    assert data["kind"] == "courses"
    assert {c["kind"] for c in data["courses"]} == {"specialist course"}
    bad = run("courses", "--kind", "webinar")
    assert bad.code == 2 and "unknown course kind 'webinar'" in bad.err


def test_a_held_practitioner_implies_its_foundation(knowledge: Knowledge) -> None:
    order = [
        c.course_id
        for s in plan(knowledge, 2, 4, held=["mop-practitioner"]).steps
        for c in s.courses
    ]
    assert "mop-foundation" not in order
    assert "mop-practitioner" not in order


def test_plan_with_both_starts_says_so(run: Runner) -> None:
    result = run("plan", "--from", "1", "--answers", "x.yaml", "--to", "3")
    assert result.code == 2
    assert "give --from N or --answers FILE, not both" in result.err


def test_plan_from_incomplete_answers_says_what_to_add(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "partial.yaml"
    path.write_text("years: 3\n")
    result = run("plan", "--answers", str(path), "--to", "3")
    assert result.code == 2
    assert "lacks answers a plan needs: scope, activities" in result.err
    assert "--set" not in result.err


def test_plan_with_a_focus_follows_the_specialist_route(knowledge: Knowledge, run: Runner) -> None:
    roadmap = plan(knowledge, 2, 4, focus=["planning"])
    firsts = [step.take_on[0].id for step in roadmap.steps]
    assert firsts == ["lead-specialism", "own-specialism"]
    for step in roadmap.steps:
        assert step.specialists, f"no planning role at level {step.level.number}"
        assert all("planning" in t.focus for t in step.specialists)
    text = run("plan", "--from", "2", "--to", "4", "--focus", "planning", "--format", "plain").out
    assert text.index("Specialist route (planning):") < text.index("PMO route:")


def test_plan_without_a_focus_keeps_the_management_route(knowledge: Knowledge) -> None:
    roadmap = plan(knowledge, 2, 3)
    assert roadmap.steps[0].take_on[0].id == "manage-pmo-team"
    assert roadmap.steps[0].specialists == ()
