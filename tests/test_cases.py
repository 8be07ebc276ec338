"""The advice as a career coach would give it: every person in tests/cases/people.yaml is
placed where the coach places them, with the coach's doubts and routes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmo_advisor.answers import validate
from pmo_advisor.knowledge import Knowledge, load_knowledge
from pmo_advisor.rules import assess
from tests.conftest import read_yaml

CASES: list[dict[str, Any]] = read_yaml(Path(__file__).parent / "cases" / "people.yaml")["people"]
KNOWLEDGE = load_knowledge()


def test_the_table_covers_every_level_and_enough_people() -> None:
    assert len(CASES) >= 60
    names = [c["name"] for c in CASES]
    assert len(set(names)) == len(names), "case names must be unique"
    placed = set()
    for case in CASES:
        placed.update(case["levels"] if "levels" in case else [case["level"]])
        assert case["why"].strip(), case["name"]
        assert ("level" in case) != ("levels" in case), case["name"]
    assert placed == {1, 2, 3, 4}
    assert sum("delivery" in c["answers"] for c in CASES) >= 6
    assert sum(c.get("first_route") == "specialist" for c in CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_coach_would_sign_the_placement(case: dict[str, Any]) -> None:
    answers = validate(case["answers"], KNOWLEDGE, "the case table")
    advice = assess(answers, KNOWLEDGE)
    got = advice.level.number
    story = f"{case['name']}: placed at {got}, borderline with {advice.borderline_with}"
    if "levels" in case:
        assert got in case["levels"], story
        assert advice.borderline_with is not None, story
        if "borderline_with" in case:
            assert advice.borderline_with == case["borderline_with"], story
        else:
            # Hesitating between the two levels: the result names the other one.
            other = set(case["levels"]) - {got}
            assert advice.borderline_with in other, story
    else:
        assert got == case["level"], story
        assert advice.borderline_with == case.get("borderline_with"), story
    _optional_checks(case, advice, KNOWLEDGE)


def _optional_checks(case: dict[str, Any], advice: Any, knowledge: Knowledge) -> None:
    if "first_title_focus" in case:
        first = advice.titles[0]
        assert case["first_title_focus"] in first.focus, (case["name"], first.name)
    if "first_route" in case:
        assert advice.next is not None and advice.next.routes, case["name"]
        assert advice.next.routes[0].kind == case["first_route"], case["name"]
    for name in case.get("not_titles", ()):
        assert name not in {t.name for t in advice.titles}, (case["name"], name)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_no_reason_contradicts_the_numbers_it_quotes(case: dict[str, Any]) -> None:
    """A reason that quotes years agrees with the comparison made on them: never "you
    have 5 years" beside "ask for five or more" as a shortfall."""
    answers = validate(case["answers"], KNOWLEDGE, "the case table")
    advice = assess(answers, KNOWLEDGE)
    texts = [r.text for r in advice.reasons]
    if advice.next is not None:
        texts += list(advice.next.gaps)
    for level in KNOWLEDGE.levels:
        minimum = level.typical.min_years
        for text in texts:
            if "you have" in text and level.experience_note in text and "Experience:" in text:
                shown = float(text.split("you have ")[1].split(" year")[0])
                assert shown < minimum, (case["name"], text)


def _plan_courses(advice: Any, when: str | None = None) -> list[Any]:
    steps = advice.plan.steps if when is None else [s for s in advice.plan.steps if s.when == when]
    return [c for s in steps for c in s.courses]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_coach_would_sign_the_plan(case: dict[str, Any]) -> None:
    """The plan's `now` courses are ones the coach accepts, it holds what the coach
    insists on, and nothing the coach rules out appears anywhere in it."""
    answers = validate(case["answers"], KNOWLEDGE, "the case table")
    advice = assess(answers, KNOWLEDGE)
    assert advice.plan is not None
    now = [c.course_id for c in _plan_courses(advice, "now")]
    story = f"{case['name']}: now {now}"
    assert set(now) <= set(case["now_courses"]), story
    if "now_needs" in case:
        assert set(now) & set(case["now_needs"]), story
    named = {c.course_id for c in _plan_courses(advice)}
    named |= {a for c in _plan_courses(advice) for a in c.alternatives}
    assert not named & set(case.get("plan_never", ())), f"{case['name']}: {sorted(named)}"


def test_every_person_in_the_table_has_a_judged_plan() -> None:
    assert len(CASES) >= 100
    for case in CASES:
        assert "now_courses" in case and case["plan_why"].strip(), case["name"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_result_fits_one_screen(case: dict[str, Any]) -> None:
    """The default result, in plain text at 100 columns, is at most 45 lines: the level
    and why, the titles that fit and the plan."""
    from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for

    answers = validate(case["answers"], KNOWLEDGE, "the case table")
    advice = assess(answers, KNOWLEDGE)
    text = renderer_for(OutputFormat.plain, KNOWLEDGE, RenderOptions(width=100)).render(advice)
    lines = text.splitlines()
    assert len(lines) <= 45, f"{case['name']}: {len(lines)} lines\n{text}"
    assert "--full" in lines[-1]
