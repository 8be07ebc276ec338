"""The course catalogue: its coverage, the records' new fields and their validation, how
held courses count (aliases, equivalents, old editions), and that every course reason is
true and no list holds two ways of taking the same thing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.answers import validate
from pmo_advisor.knowledge import Course, DeliveryMode, course_key, load_knowledge
from pmo_advisor.model import SuggestionRequest
from pmo_advisor.nearest import did_you_mean
from pmo_advisor.questionnaire.questions import build_questions, default_for
from pmo_advisor.roadmap import plan
from pmo_advisor.rules import assess, held_closure, recommend_courses, suggest
from tests.conftest import Run
from tests.test_knowledge import _edit as edit
from tests.test_knowledge import _problem

KNOWLEDGE = load_knowledge()
Runner = Any

# --- coverage ---------------------------------------------------------------------------

QUALIFICATIONS = {
    "PeopleCert": [
        "prince2-7-foundation", "prince2-7-practitioner", "msp-5-foundation",
        "msp-5-practitioner", "mop-foundation", "mop-practitioner", "mor-4-foundation",
        "mor-4-practitioner", "p3o-foundation", "p3o-practitioner",
        "prince2-agile-foundation", "prince2-agile-practitioner",
    ],
    "APM": ["apm-pfq", "apm-pmq", "apm-ppq", "apm-chpp"],
    "PMI": [
        "pmi-capm", "pmi-pmp", "pmi-pgmp", "pmi-pfmp", "pmi-sp", "pmi-rmp", "pmi-acp",
        "pmi-pmocp",
    ],
    "AIPMO": ["aipmo-ipmo-foundation", "aipmo-ipmo-practitioner", "aipmo-ipmo-expert"],
}  # fmt: skip
#: Qualifications no longer awarded, with what replaced each: people who hold them can
#: say so, and they count as what replaced them, but they are never recommended.
RETIRED = {
    # BCS's PPSO certificates passed to House of PMO on 1 February 2021.
    "bcs-ppso-foundation": "essentials-pmo-administrators",
    "bcs-ppso-practitioner": "essentials-pmo-managers",
    # PMI replaced the PMO Global Alliance's PMO-CP on 4 February 2025.
    "pmo-cp": "pmi-pmocp",
    # The P3G qualification is the Professional; "Practitioner" was a trainer's name.
    "project-programme-portfolio-governance-practitioner": "p3g-professional",
}
ESSENTIALS = [
    "essentials-pmo-administrators", "essentials-pmo-analysts", "essentials-pmo-managers",
    "essentials-pmo-directors",
]  # fmt: skip
PMO_LEARNING_SPECIALIST = [
    "setting-up-a-pmo", "the-lean-agile-pmo", "benefits-management-and-the-role-of-the-pmo",
    "project-sponsorship-and-the-pmo", "assurance-for-pmo-professionals",
    "cv-development-for-pmo-professionals", "facilitation-fundamentals-for-the-pmo",
    "coaching-skills-for-the-pmo", "foundations-of-pmo-leadership",
    "unlocking-business-agility-through-portfolio-management",
    "the-pmos-guide-to-effective-retrospectives",
]  # fmt: skip
#: Ids that answers files written before this catalogue may hold.
OLD_IDS = [
    "essentials-pmo-administrators", "essentials-pmo-analysts", "essentials-pmo-managers",
    "essentials-pmo-directors", "p3o-foundation", "p3o-practitioner", "mop-foundation",
    "mop-practitioner", "project-programme-portfolio-governance-practitioner",
    "aipmo-ipmo-expert", *PMO_LEARNING_SPECIALIST, "apm-pfq", "prince2", "msp",
    "management-of-portfolios", "mor", "managing-benefits", "agilepm",
    "better-business-cases", "change-management", "pmo-coaching-and-mentoring",
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), sorted(RETIRED.items()))
def test_a_retired_qualification_counts_when_held_and_is_never_recommended(
    old: str, new: str
) -> None:
    course = KNOWLEDGE.course(old)
    assert course.superseded and not course.recommendable
    assert new in held_closure([old], KNOWLEDGE)
    assert KNOWLEDGE.course(new).recommendable
    for level in (1, 2, 3, 4):
        offered = {c.course_id for c in _recommended(level, (), ())}
        assert old not in offered
        assert new not in {c.course_id for c in _recommended(level, (old,), ())}


@pytest.mark.parametrize("body", sorted(QUALIFICATIONS))
def test_the_qualifications_people_hold_are_all_there(body: str) -> None:
    for course_id in QUALIFICATIONS[body]:
        course = KNOWLEDGE.course(course_id)
        assert course.recommendable, course_id
        assert course.awarding_body is not None
        assert body.casefold() in {course.provider.casefold(), course.awarding_body.casefold()}


def test_foundation_and_practitioner_are_separate_entries() -> None:
    for scheme in ("prince2-7", "msp-5", "mop", "mor-4", "p3o", "prince2-agile"):
        practitioner = KNOWLEDGE.course(f"{scheme}-practitioner")
        assert practitioner.prerequisites == (f"{scheme}-foundation",)


def test_essentials_and_pmo_learning_courses_are_kept() -> None:
    for course_id in ESSENTIALS:
        assert KNOWLEDGE.course(course_id).awarding_body == "APMG International"
    for course_id in PMO_LEARNING_SPECIALIST:
        course = KNOWLEDGE.course(course_id)
        assert (course.kind, course.provider) == ("specialist course", "PMO Learning")


@pytest.mark.parametrize("course_id", OLD_IDS)
def test_every_old_id_still_loads(course_id: str) -> None:
    answers = validate(
        {"years": 3, "scope": "project", "activities": ["keep-records"],
         "qualifications": [course_id]},
        KNOWLEDGE,
        "test",
    )  # fmt: skip
    assert answers.qualifications == (course_id,)


@pytest.mark.parametrize("focus", KNOWLEDGE.focus_ids)
@pytest.mark.parametrize("level", [2, 3, 4])
def test_every_focus_area_gets_a_course_at_every_level_its_track_reaches(
    focus: str, level: int
) -> None:
    advice = suggest(SuggestionRequest(level=level, focus=(focus,)), KNOWLEDGE)
    for_focus = [
        c
        for c in advice.courses
        if c.level == level and focus in KNOWLEDGE.course(c.course_id).focus
    ]
    assert for_focus, (focus, level, [c.course_id for c in advice.courses])


@pytest.mark.parametrize("level", [2, 3, 4])
def test_agile_is_a_topic_with_a_course_at_every_level(level: int) -> None:
    assert any(
        "agile" in c.topics and level in c.levels and c.recommendable for c in KNOWLEDGE.courses
    )


SPECIALISTS = [
    ("reporting", ["microsoft-pl-300"]),
    ("data", ["microsoft-pl-300", "ppm-tool-administration", "dama-cdmp"]),
    ("planning", ["pmi-sp", "aace-psp", "primavera-p6", "microsoft-project"]),
    ("finance", ["earned-value-management", "aace-ccp"]),
    ("risk", ["mor-4-practitioner", "pmi-rmp"]),
    ("benefits", ["managing-benefits-foundation", "managing-benefits-practitioner"]),
    ("training", ["coaching-skills-for-the-pmo", "facilitation-fundamentals-for-the-pmo"]),
]


@pytest.mark.parametrize(("focus", "course_ids"), SPECIALISTS)
def test_the_specialist_skills_people_use_are_catalogued(focus: str, course_ids: list[str]) -> None:
    for course_id in course_ids:
        assert focus in KNOWLEDGE.course(course_id).focus


def test_agile_portfolios_have_safe_lpm() -> None:
    assert "agile" in KNOWLEDGE.course("safe-lpm").topics


def test_trade_marks_are_shown() -> None:
    marks = re.compile(r"\b(P3O|MoP|MSP|PRINCE2|MoR|AgilePM|SAFe)\b")
    for course in KNOWLEDGE.courses:
        for name in marks.findall(course.name):
            assert re.search(rf"{name}( Agile)?®", course.name), course.name


# --- every reason is true ---------------------------------------------------------------


def test_a_course_is_tied_only_to_what_its_summary_covers(data_copy: Path) -> None:
    # Each focus area and activity says in the data what a summary must use to claim it
    # (summary_words); a course claiming more than its summary covers is refused.
    _edit(
        data_copy,
        "    focus: [governance, finance, resources]\n",
        "    focus: [governance, finance, resources, benefits]\n",
    )
    assert re.search(
        r"courses\.yaml: courses\[\d+\]\.focus\[3\]: the summary does not cover 'benefits'"
        r" \(it says none of 'benefit'\)",
        _problem(data_copy),
    )


def test_better_business_cases_is_not_offered_to_track_budgets() -> None:
    bbc = KNOWLEDGE.course("better-business-cases")
    assert "control-costs" not in bbc.activities and "finance" not in bbc.focus
    for level in (1, 2, 3):
        advice = suggest(SuggestionRequest(level=level, focus=("finance",)), KNOWLEDGE)
        for course in advice.courses:
            if course.course_id == "better-business-cases":
                assert "budget" not in course.reason


# --- equivalents, old editions and near-duplicates ---------------------------------------


def _recommended(level: int, held: tuple[str, ...] = (), focus: tuple[str, ...] = ()) -> list[Any]:
    request = SuggestionRequest(level=level, focus=focus, held=held)
    return list(suggest(request, KNOWLEDGE).courses)


@pytest.mark.parametrize("level", [2, 3, 4])
def test_p3o_practitioner_held_demands_neither_foundation_nor_analysts(level: int) -> None:
    courses = _recommended(level, held=("p3o-practitioner",), focus=("governance",))
    ids = [c.course_id for c in courses]
    assert "p3o-foundation" not in ids
    assert "essentials-pmo-analysts" not in ids
    for course in courses:
        assert "essentials-pmo-analysts" not in course.prerequisites


def test_prince2_practitioner_meets_the_managers_prerequisite() -> None:
    courses = {c.course_id: c for c in _recommended(3, held=("prince2-7-practitioner",))}
    assert courses["essentials-pmo-managers"].prerequisites == ()
    assert "essentials-pmo-analysts" not in courses


def test_the_old_prince2_counts_as_prince2_7_foundation() -> None:
    counted = held_closure(["prince2"], KNOWLEDGE)
    assert "prince2-7-foundation" in counted
    advice = recommend_courses(KNOWLEDGE, 3, (), ("risk", "governance"), ("prince2",))
    ids = [c.course_id for c in advice]
    assert "prince2-7-foundation" not in ids
    for course in advice:
        assert "prince2-7-foundation" not in course.prerequisites


@pytest.mark.parametrize(
    ("held", "not_again"),
    [
        ("management-of-portfolios", "mop-foundation"),
        ("mop-foundation", "management-of-portfolios"),
        ("managing-benefits", "managing-benefits-foundation"),
        ("agilepm", "agilepm-foundation"),
        ("msp", "msp-5-foundation"),
        ("mor", "mor-4-foundation"),
        ("mop-practitioner", "mop-foundation"),
    ],
)
def test_a_course_counted_as_held_is_never_recommended(held: str, not_again: str) -> None:
    assert not_again in held_closure([held], KNOWLEDGE)
    for level in (2, 3, 4):
        for focus in KNOWLEDGE.focus_ids:
            ids = [c.course_id for c in _recommended(level, (held,), (focus,))]
            assert not_again not in ids


def test_mop_foundation_and_the_mop_elearning_never_come_together() -> None:
    for level in (2, 3, 4):
        for focus in KNOWLEDGE.focus_ids:
            ids = {c.course_id for c in _recommended(level, focus=(focus,))}
            assert not {"mop-foundation", "management-of-portfolios"} <= ids


@st.composite
def raw_answers(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "years": draw(st.integers(min_value=0, max_value=30)),
        "scope": draw(st.sampled_from(KNOWLEDGE.scope_ids)),
        "activities": draw(
            st.lists(st.sampled_from(KNOWLEDGE.activity_ids), min_size=1, max_size=6)
        ),
        "focus": draw(st.lists(st.sampled_from(KNOWLEDGE.focus_ids), max_size=3)),
        "team_size": draw(st.integers(min_value=0, max_value=20)),
        "qualifications": draw(st.lists(st.sampled_from(KNOWLEDGE.course_ids), max_size=6)),
    }


def _root(course_id: str) -> str:
    return KNOWLEDGE.course(course_id).same_as or course_id


def _chain(course_id: str) -> set[str]:
    found: set[str] = set()
    stack = list(KNOWLEDGE.course(course_id).prerequisites)
    while stack:
        current = stack.pop()
        found.add(current)
        stack += KNOWLEDGE.course(current).prerequisites
    return found


def _check_list(courses: list[Any], held: list[str], working_at: int) -> None:
    ids = [c.course_id for c in courses]
    counted = held_closure(held, KNOWLEDGE)
    assert len(ids) == len(set(ids))
    assert [c.level for c in courses] == sorted(c.level for c in courses)
    # One way of taking each thing; nothing held, old or counted as held.
    assert len({_root(i) for i in ids}) == len(ids)
    assert all(KNOWLEDGE.course(i).recommendable for i in ids)
    assert not set(ids) & counted
    # Foundation and Practitioner of a scheme together only as prerequisite-then-course.
    for index, course in enumerate(courses):
        if _entry_met(KNOWLEDGE.course(course.course_id), counted, working_at):
            # No prerequisite is needed: a course before it is there for its own sake.
            assert course.prerequisites == ()
            continue
        for earlier in ids[:index]:
            if earlier in _chain(course.course_id):
                assert earlier in course.prerequisites or any(
                    earlier in _chain(p) for p in course.prerequisites
                )


def _entry_met(course: Course, counted: set[str], working_at: int) -> bool:
    """As the catalogue says: a course held that admits to it, or work at its level."""
    at = course.entry_met_at_level
    return (at is not None and working_at >= at) or bool(counted & set(course.entry_met_by))


@settings(max_examples=150, deadline=None)
@given(raw_answers())
def test_no_list_holds_near_duplicates_or_anything_held(raw: dict[str, Any]) -> None:
    answers = validate(raw, KNOWLEDGE, "test")
    advice = assess(answers, KNOWLEDGE)
    _check_list(list(advice.courses), list(answers.qualifications), advice.level.number)
    roadmap = plan(
        KNOWLEDGE,
        min(advice.level.number, 3),
        4,
        focus=answers.focus,
        held=answers.qualifications,
        done=answers.activities,
    )
    # Each step counts what earlier steps recommend as taken.
    taken = list(answers.qualifications)
    for step in roadmap.steps:
        _check_list(list(step.courses), taken, step.level.number - 1)
        taken += [c.course_id for c in step.courses]
    every = [c.course_id for step in roadmap.steps for c in step.courses]
    assert len({_root(i) for i in every}) == len(every)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.lists(st.sampled_from(KNOWLEDGE.focus_ids), max_size=3, unique=True),
    st.lists(st.sampled_from(KNOWLEDGE.course_ids), max_size=5, unique=True),
)
def test_a_gap_reason_names_work_the_course_covers(
    level: int, focus: list[str], held: list[str]
) -> None:
    for course in _recommended(level, tuple(held), tuple(focus)):
        record = KNOWLEDGE.course(course.course_id)
        if course.reason.startswith("Prepares you to "):
            does = course.reason.removeprefix("Prepares you to ").split(", level")[0]
            activity = next(a for a in KNOWLEDGE.activities if a.does == does)
            assert activity.id in record.activities
            if activity.track == "specialist" and activity.focus is None:
                assert set(focus) & set(record.focus), (course.course_id, focus)
        if course.reason.startswith("Deepens your focus on "):
            assert set(focus) & set(record.focus)


def test_superseded_editions_are_never_recommended_or_listed(run: Runner) -> None:
    old = {c.id for c in KNOWLEDGE.courses if c.superseded}
    assert {"prince2", "msp", "mor"} <= old
    for level in (1, 2, 3, 4):
        for focus in KNOWLEDGE.focus_ids:
            assert not {c.course_id for c in _recommended(level, focus=(focus,))} & old
    listed = json.loads(run("courses", "--format", "json").out)["courses"]
    assert not {c["id"] for c in listed} & old
    assert "6th edition" not in run("courses").out
    options = next(
        q for q in build_questions(lambda: KNOWLEDGE) if q.key == "qualifications"
    ).options
    assert not {o.value for o in options} & old


# --- aliases and hints ------------------------------------------------------------------

ALIASES = [
    ("pmp", "pmi-pmp"),
    ("PMP", "pmi-pmp"),
    ("PRINCE2 Practitioner", "prince2-7-practitioner"),
    ("prince2 practitioner", "prince2-7-practitioner"),
    ("PRINCE2® Practitioner", "prince2-7-practitioner"),
    ("prince2-7-practitioner", "prince2-7-practitioner"),
    ("PRINCE2® 7 Practitioner", "prince2-7-practitioner"),
    ("APM PMQ", "apm-pmq"),
    ("PMQ", "apm-pmq"),
    ("pmq", "apm-pmq"),
    ("PMI-SP", "pmi-sp"),
    ("PMI-RMP", "pmi-rmp"),
    ("IPMO-Foundation", "aipmo-ipmo-foundation"),
    ("IPMO-F", "aipmo-ipmo-foundation"),
    ("PMO-CP", "pmo-cp"),
    ("ChPP", "apm-chpp"),
    ("PL-300", "microsoft-pl-300"),
    ("SAFe LPM", "safe-lpm"),
    ("  MoP Foundation ", "mop-foundation"),
    ("prince2", "prince2"),
    ("MSP", "msp"),
]


@pytest.mark.parametrize(("typed", "course_id"), ALIASES)
def test_common_spellings_resolve_to_one_course(typed: str, course_id: str) -> None:
    assert KNOWLEDGE.course_id_for(typed) == course_id


@pytest.mark.parametrize(("typed", "course_id"), ALIASES[:12])
def test_spellings_are_accepted_wherever_a_course_id_is(
    run: Runner, tmp_path: Path, typed: str, course_id: str
) -> None:
    held = json.loads(run("suggest", "--level", "2", "--held", typed, "--format", "json").out)
    assert held["request"]["held"] == [course_id]
    base = ["--set", "years=3", "--set", "scope=project", "--set", "activities=keep-records"]
    by_set = run("assess", *base, "--set", f"qualifications={typed}", "--format", "json")
    assert json.loads(by_set.out)["answers"]["qualifications"] == [course_id]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "years: 3\nscope: project\nactivities: [keep-records]\n"
        f"qualifications: [{json.dumps(typed)}]\n",
        encoding="utf-8",
    )
    by_file = run("assess", "--answers", str(answers), "--format", "json")
    assert json.loads(by_file.out)["answers"]["qualifications"] == [course_id]
    roadmap = run("plan", "--from", "2", "--to", "3", "--held", typed, "--format", "json")
    assert json.loads(roadmap.out)["held"] == [course_id]


def test_every_spelling_names_one_course_and_finds_itself() -> None:
    for course in KNOWLEDGE.courses:
        for text in (course.id, course.name, *course.aliases):
            assert KNOWLEDGE.course_id_for(text) == course.id, text


HINTS = [
    ("prince3", "prince2"),
    ("prince-2", "prince2"),
    ("pmpp", "pmi-pmp"),
    ("p3o-foundaton", "p3o-foundation"),
    ("essentials-pmo-analyst", "essentials-pmo-analysts"),
    ("mop-practioner", "mop-practitioner"),
    ("PRINCE2 Practioner", "prince2-7-practitioner"),
    ("Primavera P7", "primavera-p6"),
    ("pmi", None),
    ("msc", None),
    ("psm", None),
    ("abc", None),
    ("xyz", None),
    ("scrum master", None),
    ("itil", None),
    ("first aid", None),
    ("x" * 500, None),
]


@pytest.mark.parametrize(("typed", "hint"), HINTS)
def test_a_hint_only_when_it_is_likely_right(run: Runner, typed: str, hint: str | None) -> None:
    result = run("suggest", "--level", "2", "--held", typed)
    assert result.code == 2 and result.out == ""
    assert "unknown course" in result.err
    if hint is None:
        assert "did you mean" not in result.err
    else:
        assert f"did you mean {hint!r}?" in result.err


def test_pmp_is_never_answered_with_msp(run: Runner) -> None:
    result = run("suggest", "--level", "2", "--held", "pmp")
    assert result.code == 0 and "msp" not in result.err
    assert did_you_mean("pmp", ["msp", "psp"]) is None


@pytest.mark.parametrize(
    ("typed", "choices", "hint"),
    [
        ("jsn", ["json", "rich"], "json"),
        ("yeras", ["years", "scope"], "years"),
        ("team-size", ["team_size", "title"], "team_size"),
        ("programe", ["programme", "project"], "programme"),
        ("planing", ["planning", "training"], "planning"),
        ("pmp", ["msp"], None),
        ("pmi", ["pmp", "rmp"], None),
        ("risc", ["risk", "rise"], None),
        ("", ["risk"], None),
        ("reporting", ["reporting"], None),
    ],
)
def test_did_you_mean_table(typed: str, choices: list[str], hint: str | None) -> None:
    assert did_you_mean(typed, choices) == hint


def test_courses_lists_the_spellings(run: Runner) -> None:
    text = run("courses", "--format", "plain").out
    assert "Also known as: PMP, PMI PMP" in text
    markdown = run("courses", "--format", "markdown").out
    assert "Also known as: PMP" in markdown
    data = json.loads(run("courses", "--format", "json").out)
    pmp = next(c for c in data["courses"] if c["id"] == "pmi-pmp")
    assert "PMP" in pmp["aliases"]


# --- the courses command: filters and fields --------------------------------------------


def _listed(run: Runner, *args: str) -> list[dict[str, Any]]:
    result = run("courses", *args, "--format", "json")
    assert result.code == 0, result.err
    courses: list[dict[str, Any]] = json.loads(result.out)["courses"]
    return courses


@pytest.mark.parametrize(
    ("flag", "kind"),
    [
        ("certification", "certification"),
        ("course", "course"),
        ("specialist", "specialist course"),
        ("Specialist Course", "specialist course"),
        ("elearning", "eLearning"),
        ("eLearning", "eLearning"),
        ("professional-status", "professional status"),
        ("coaching", "coaching"),
    ],
)
def test_kind_filter(run: Runner, flag: str, kind: str) -> None:
    listed = _listed(run, "--kind", flag)
    assert listed and {c["kind"] for c in listed} == {kind}


def test_level_focus_and_provider_filters(run: Runner) -> None:
    listed = _listed(run, "--level", "4", "--focus", "risk")
    assert listed and all(4 in c["levels"] and "risk" in c["focus"] for c in listed)
    assert {"mor-4-practitioner", "pmi-rmp"} <= {c["id"] for c in listed}
    pmi = _listed(run, "--provider", "pmi")
    assert {c["id"] for c in pmi} == set(QUALIFICATIONS["PMI"])
    awarded = _listed(run, "--provider", "APMG International")
    assert "essentials-pmo-analysts" in {c["id"] for c in awarded}
    assert "Courses (provider: pmi)" in run("courses", "--provider", "pmi").out


def test_bad_filters_are_refused(run: Runner) -> None:
    result = run("courses", "--provider", "Acme Training")
    assert result.code == 2 and "unknown provider 'Acme Training'" in result.err
    result = run("courses", "--kind", "webinar")
    assert result.code == 2 and "professional-status" in result.err


def test_json_carries_the_new_fields(run: Runner) -> None:
    listed = {c["id"]: c for c in _listed(run)}
    managers = listed["essentials-pmo-managers"]
    assert managers["provider"] == "PMO Learning"
    assert managers["awarding_body"] == "APMG International"
    # APMG's product page: a three-day course.
    assert managers["hours"] == 21
    assert managers["entry_met_at_level"] == 3
    assert {"prince2-7-practitioner", "pmi-pmp", "apm-pmq"} <= set(managers["entry_met_by"])
    assert listed["essentials-pmo-analysts"]["entry_met_by"] == []
    assert listed["essentials-pmo-analysts"]["entry_met_at_level"] is None
    assert managers["delivery_modes"] == ["classroom", "virtual", "in-house"]
    assert managers["url"].startswith("https://apmg-international.com/")
    assert listed["management-of-portfolios"]["same_as"] == "mop-foundation"
    assert listed["p3o-practitioner"]["satisfies"] == ["essentials-pmo-analysts"]
    assert listed["safe-lpm"]["topics"] == ["agile"]
    assert listed["earned-value-management"]["url"] is None
    for course in listed.values():
        assert isinstance(course["provider"], str) and course["delivery_modes"]
        assert course["hours"] is None or course["hours"] > 0
    advice = json.loads(run("suggest", "--level", "3", "--format", "json").out)
    first = advice["courses"][0]
    assert {"provider", "awarding_body", "hours", "delivery_modes", "url"} <= set(first)


def test_text_formats_show_owner_trainer_and_hours(run: Runner) -> None:
    for fmt in ("plain", "markdown", "rich"):
        out = run("courses", "--level", "3", "--kind", "certification", "--format", fmt).out
        assert "Owned by House of PMO; awarded by APMG International; taught by PMO Learning" in out
        assert "2 days (about 14 hours)" in out
    advice = run("suggest", "--level", "3", "--format", "plain").out
    # The owner, never the trainer: P3O® is PeopleCert's, whoever teaches it.
    assert "P3O® Practitioner (certification, PeopleCert, for level 3, 2 days)" in advice
    assert "PMO Learning, for level" not in advice


# --- the reproductions ----------------------------------------------------------


def test_pmp_is_held_not_corrected(run: Runner) -> None:
    result = run("suggest", "--level", "3", "--held", "pmp", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["request"]["held"] == ["pmi-pmp"]


def test_prince2_practitioner_is_held_not_corrected(run: Runner) -> None:
    result = run("suggest", "--level", "3", "--held", "PRINCE2 Practitioner", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["request"]["held"] == ["prince2-7-practitioner"]


@pytest.mark.parametrize("typed", ["APM PMQ", "PMI-SP", "IPMO-Foundation", "PMO-CP"])
def test_qualifications_that_could_not_be_recorded_can(run: Runner, typed: str) -> None:
    base = ["--set", "years=3", "--set", "scope=project", "--set", "activities=keep-records"]
    result = run("assess", *base, "--set", f"qualifications={typed}", "--format", "json")
    assert result.code == 0, result.err
    assert len(json.loads(result.out)["answers"]["qualifications"]) == 1


def test_the_catalogue_no_longer_sells_prince2_6th_edition(run: Runner) -> None:
    assert "6th edition" not in run("courses", "--kind", "elearning").out
    assert "PRINCE2® 7 Foundation" in run("courses").out


@pytest.mark.parametrize(
    ("activity", "focus", "level"),
    [
        ("manage-tools-data", "data", 2),
        ("analyse-performance", "reporting", 2),
        ("track-capacity", "resources", 2),
        ("lead-specialism", "resources", 3),
        ("lead-specialism", "data", 3),
        ("own-specialism", "reporting", 4),
    ],
)
def test_specialists_get_a_course_for_their_specialism(
    activity: str, focus: str, level: int
) -> None:
    answers = validate(
        {"years": 6, "scope": "portfolio", "activities": [activity], "focus": [focus],
         "team_size": 3},
        KNOWLEDGE,
        "test",
    )  # fmt: skip
    advice = assess(answers, KNOWLEDGE)
    assert advice.level.number == level
    assert any(
        c.level == level
        and focus in KNOWLEDGE.course(c.course_id).focus
        and not c.reason.startswith("A core")
        for c in advice.courses
    ), [c.course_id for c in advice.courses]


def test_essentials_for_analysts_is_not_demanded_from_a_p3o_practitioner(run: Runner) -> None:
    result = run("suggest", "--level", "3", "--held", "p3o-practitioner", "--format", "json")
    courses = {c["id"] for c in json.loads(result.out)["courses"]}
    assert "essentials-pmo-analysts" not in courses
    # P3O Practitioner and Essentials for PMO Managers certify the same role: holding one,
    # a PMO manager needs none of the others.
    assert not courses & {"essentials-pmo-managers", "aipmo-ipmo-practitioner", "pmi-pmocp"}


# --- validation: every new field and cross-check ------------------------------------------


def _edit(data: Path, old: str, new: str) -> None:
    edit(data / "courses.yaml", old, new)


PROBLEMS = [
    ("  - id: pmi-sp\n", "  - id: pmi-sp\n    satisfies: [pmi-rmpp]\n", r"\.satisfies\[0\]: unknown course 'pmi-rmpp'"),
    ("  - id: pmi-sp\n", "  - id: pmi-sp\n    satisfies: [pmi-sp]\n", r"\.satisfies: 'pmi-sp' cannot satisfy itself"),
    ("  - id: pmi-sp\n", "  - id: pmi-sp\n    satisfies: [pmi-rmp]\n", None),
    ("  - id: msp\n", "  - id: msp\n    satisfies: [pmi-sp]\n", None),
    ("    same_as: mop-foundation\n", "    same_as: mop-foundaton\n", r"\.same_as: unknown course 'mop-foundaton'"),
    ("    same_as: mop-foundation\n", "    same_as: management-of-portfolios\n", r"\.same_as: 'management-of-portfolios' cannot be the same as itself"),
    ("    same_as: mop-foundation\n", "    same_as: agilepm\n", r"\.same_as: 'agilepm' is itself the same as 'agilepm-foundation'"),
    ("    same_as: msp-5-foundation\n    superseded: true\n", "    superseded: true\n", r"\.superseded: an old edition needs same_as"),
    ("  - id: agilepm\n", "  - id: agilepm\n    core: true\n", r"\.core: a course that is never recommended cannot be core"),
    ("    prerequisites: [agilepm-foundation]\n", "    prerequisites: [agilepm]\n", r"\.prerequisites\[0\]: 'agilepm' is never recommended"),
    ("    topics: [agile]\n", "    topics: [Agile Ways]\n", r"\.topics\[0\]: 'Agile Ways' is not an id"),
    ("    url: https://scaledagile.com/\n", "    url: http://scaledagile.com/\n", r"\.url: 'http://scaledagile.com/' is not an https address"),
    ("    url: https://scaledagile.com/\n", "    url: https://scaled agile.com/\n", r"\.url: 'https://scaled agile.com/' is not an https address"),
    ("    aliases: [SAFe LPM, LPM,", "    aliases: [SAFe LPM, PMP,", r"\.aliases\[1\]: 'PMP' already names course 'pmi-pmp'"),
    ("    aliases: [SAFe LPM, LPM,", "    aliases: [SAFe LPM, pmi-sp,", r"\.aliases\[1\]: 'pmi-sp' already names course 'pmi-sp'"),
    ("    aliases: [SAFe LPM, LPM,", "    aliases: [SAFe LPM, '®',", r"\.aliases\[1\]: '®' has no letters or digits"),
    ("    delivery_modes: [classroom, virtual]\n    focus: [governance, finance", "    delivery_modes: [classroom, webinar]\n    focus: [governance, finance", r"\.delivery_modes\[1\]: .*'webinar'"),
    ("    delivery_modes: [classroom, virtual]\n    focus: [governance, finance", "    delivery_modes: []\n    focus: [governance, finance", r"\.delivery_modes: "),
    ("    kind: professional status\n", "    kind: diploma\n", r"\.kind: .*'diploma'"),
    ("    length: 2 days\n    hours: 14\n    delivery_modes: [classroom, virtual]\n", "    length: 2 days\n    hours: -1\n    delivery_modes: [classroom, virtual]\n", r"\.hours: "),
    ("    length: 2 days\n    hours: 14\n    delivery_modes: [classroom, virtual]\n", "    length: 2 days\n    hours: '14'\n    delivery_modes: [classroom, virtual]\n", r"\.hours: "),
    ("    provider: Scaled Agile\n", "", r"\.provider: missing required key"),
    ("    awarding_body: Scaled Agile\n", "    awarding_body: ''\n", r"\.awarding_body: "),
    ("      - apm-chpp\n    entry_met_at_level: 3\n", "      - apm-chpq\n    entry_met_at_level: 3\n", r"\.entry_met_by\[12\]: unknown course 'apm-chpq'"),
    ("      - apm-chpp\n    entry_met_at_level: 3\n", "      - essentials-pmo-managers\n    entry_met_at_level: 3\n", r"\.entry_met_by: 'essentials-pmo-managers' cannot admit to itself"),
    ("      - apm-chpp\n    entry_met_at_level: 3\n", "      - management-of-portfolios\n    entry_met_at_level: 3\n", r"\.entry_met_by\[12\]: 'management-of-portfolios' is never recommended"),
    ("      - apm-chpp\n    entry_met_at_level: 3\n", "      - apm-chpp\n    entry_met_at_level: 5\n", r"\.entry_met_at_level: "),
    ("  - id: pmi-sp\n", "  - id: pmi-sp\n    entry_met_at_level: 3\n", r": entry_met_by and entry_met_at_level stand in for prerequisites"),
    ("    expects_delivery: [programmes]\n", "    expects_delivery: [programs]\n", r"\.expects_delivery\[0\]: unknown delivery background 'programs'"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), PROBLEMS)
def test_every_problem_in_a_course_record_is_named(
    data_copy: Path, old: str, new: str, expected: str | None
) -> None:
    _edit(data_copy, old, new)
    if expected is None:  # a valid change: loads
        assert load_knowledge(data_copy)
        return
    message = _problem(data_copy)
    assert re.search(r"courses\.yaml: courses\[\d+\]" + expected, message), message


def test_a_satisfies_cycle_is_refused(data_copy: Path) -> None:
    _edit(data_copy, "  - id: pmi-sp\n", "  - id: pmi-sp\n    satisfies: [aace-psp]\n")
    _edit(data_copy, "  - id: aace-psp\n", "  - id: aace-psp\n    satisfies: [pmi-sp]\n")
    message = _problem(data_copy)
    assert "'pmi-sp' leads back to itself through satisfies" in message
    assert "use same_as" in message


def test_the_course_key_ignores_case_marks_and_punctuation() -> None:
    assert course_key("  PRINCE2®  7 — Practitioner ") == "prince2-7-practitioner"
    assert course_key("Managing Benefits™") == "managing-benefits"
    assert course_key("®") == ""


def test_hostile_course_lists_are_refused_quickly(run: Runner) -> None:
    values = ",".join(f"nonsense-course-{i}" for i in range(200))
    result = run("suggest", "--level", "2", "--held", values)
    assert result.code == 2 and "unknown course 'nonsense-course-0'" in result.err


def test_unknown_answers_course_names_each_one(run: Runner) -> None:
    base = ["--set", "years=3", "--set", "scope=project", "--set", "activities=keep-records"]
    result: Run = run("assess", *base, "--set", "qualifications=pmp,pmi,prince3")
    assert result.code == 2
    assert "unknown course 'pmi'" in result.err
    assert "unknown course 'prince3'; did you mean 'prince2'?" in result.err
    assert "'pmp'" not in result.err


def test_the_docs_list_every_course_with_its_spellings() -> None:
    answers = (Path(__file__).resolve().parent.parent / "docs" / "answers.md").read_text(
        encoding="utf-8"
    )
    section = answers[answers.index("## Courses\n") :]
    rows = {
        line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| `")
    }
    for course in KNOWLEDGE.courses:
        row = rows[f"`{course.id}`"]
        for alias in course.aliases:
            assert alias in row, (course.id, alias)


def test_the_docs_list_every_kind_and_delivery_mode() -> None:
    docs = "".join(
        page.read_text(encoding="utf-8")
        for page in (Path(__file__).resolve().parent.parent / "docs").glob("*.md")
    )
    for mode in get_args(DeliveryMode):
        assert f"`{mode}`" in docs, mode
    for kind in KNOWLEDGE.course_kinds:
        assert f"`{kind.lower().replace(' ', '-')}`" in docs or f"`{kind}`" in docs, kind


def test_the_questionnaire_ticks_courses_given_by_name_or_old_edition() -> None:
    question = next(q for q in build_questions(lambda: KNOWLEDGE) if q.key == "qualifications")
    given = {"qualifications": ["pmp", "prince2", "p3o-foundation", "PRINCE2 Practitioner"]}
    ticked = default_for(question, given, lambda: KNOWLEDGE)
    assert ticked == ["pmi-pmp", "prince2-7-foundation", "p3o-foundation", "prince2-7-practitioner"]
    assert set(ticked) <= {o.value for o in question.options}
    assert default_for(question, {"qualifications": "pmq,mor"}, lambda: KNOWLEDGE) == [
        "apm-pmq",
        "mor-4-foundation",
    ]


# --- naming courses in lists ------------------------------------------------------------


SPELLINGS = [
    (course.id, spelling)
    for course in KNOWLEDGE.courses
    for spelling in (course.id, course.name, *course.aliases)
]


@pytest.mark.parametrize(("course_id", "spelling"), SPELLINGS, ids=[s for _, s in SPELLINGS])
def test_every_name_the_catalogue_shows_is_accepted_where_lists_are_written(
    course_id: str, spelling: str
) -> None:
    # A name with a comma in it ("BCS Programme and Project Support Office (PPSO),
    # practitioner level") is cut by the list separator and must still mean its course,
    # alone and between others.
    from pmo_advisor.prose import split_list

    assert KNOWLEDGE.courses_named(split_list(spelling)) == ([course_id], [])
    assert KNOWLEDGE.courses_named(split_list(f"pmp, {spelling}; msp")) == (
        ["pmi-pmp", course_id, "msp"],
        [],
    )
    answers = validate(
        {"years": 3, "scope": "project", "activities": ["compile-status"],
         "qualifications": f"prince2, {spelling}"},
        KNOWLEDGE,
        "test",
    )  # fmt: skip
    assert set(answers.qualifications) >= {course_id}


def test_pieces_of_different_courses_are_not_joined_into_another() -> None:
    from pmo_advisor.prose import split_list

    # "PRINCE2, Agile" is PRINCE2 and an unknown "Agile", not PRINCE2 Agile.
    assert KNOWLEDGE.courses_named(split_list("prince2, agile")) == (["prince2"], ["agile"])
    assert KNOWLEDGE.courses_named(split_list("Project, prince2")) == (["prince2"], ["Project"])


def test_held_takes_a_course_name_with_a_comma(run: Runner) -> None:
    name = KNOWLEDGE.course("p3g-professional").name
    assert "," in name
    before = run("suggest", "--level", "3", "--focus", "governance", "--format", "json")
    assert "p3g-professional" in [c["id"] for c in json.loads(before.out)["courses"]]
    result = run(
        "suggest", "--level", "3", "--focus", "governance", "--held", f"{name};pmp",
        "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    listed = [c["id"] for c in json.loads(result.out)["courses"]]
    assert "p3g-professional" not in listed


@pytest.mark.parametrize(
    ("held", "never"),
    [("pmi-pmp", {"pmi-capm"}), ("apm-pmq", {"apm-pfq"}), ("apm-ppq", {"apm-pmq", "apm-pfq"})],
)
def test_a_later_step_of_a_ladder_counts_as_the_earlier_ones(held: str, never: set[str]) -> None:
    # APM runs PFQ, PMQ, PPQ and PMI CAPM, PMP: nobody is sent back down their own ladder.
    assert never <= held_closure([held], KNOWLEDGE)
    for level in (1, 2, 3):
        recommended = {c.course_id for c in _recommended(level, (held,), ())}
        assert not recommended & never, (held, level)


def test_a_list_never_offers_a_course_beside_one_that_counts_as_it() -> None:
    def covers(course_id: str) -> set[str]:
        found: set[str] = set()
        stack = list(KNOWLEDGE.course(course_id).satisfies)
        while stack:
            if (next_id := stack.pop()) not in found:
                found.add(next_id)
                stack += KNOWLEDGE.course(next_id).satisfies
        return found

    # APM's PPQ covers its PMQ: offered for the same level, only PPQ is worth taking. A
    # course covered by one for the level above stays, as what to take now.
    for level in (2, 3, 4):
        for focus in KNOWLEDGE.focus_ids:
            courses = {c.course_id: c.level for c in _recommended(level, (), (focus,))}
            for course_id, at in courses.items():
                for covered in covers(course_id) & courses.keys():
                    assert courses[covered] < at, (level, focus, course_id, covered)
    now = [c.course_id for c in _recommended(2, (), ("governance",)) if c.level == 2]
    assert "essentials-pmo-analysts" in now


# --- facts checked against the owners' pages in late 2026 ---------------------------------


def _data_text() -> str:
    return (Path(__file__).resolve().parent.parent / "data" / "courses.yaml").read_text(
        encoding="utf-8"
    )


def test_pmi_pmocp_replaced_pmo_cp_and_has_entry_requirements() -> None:
    # pmi.org: PMI-PMOCP replaced PMO-CP on 4 February 2025; three years or a PMP.
    new = KNOWLEDGE.course("pmi-pmocp")
    assert new.recommendable and new.owner == "PMI"
    assert new.entry is not None and new.entry.years == 3
    assert new.entry.waived_by == ("pmi-pmp",)
    assert "10 hours of PMO education" in new.entry.condition
    assert KNOWLEDGE.course("pmo-cp").same_as == "pmi-pmocp"
    assert KNOWLEDGE.course_id_for("PMI-PMOCP") == "pmi-pmocp"


def test_pmi_acp_asks_for_agile_experience_and_training() -> None:
    # PMI's November 2024 update: 28 hours and 24 months of agile experience.
    entry = KNOWLEDGE.course("pmi-acp").entry
    assert entry is not None and entry.years == 2
    assert "28 hours" in entry.condition and "pmi-pmp" in entry.waived_by


def test_the_governance_qualification_is_the_p3g_professional_awarded_by_p3gqa() -> None:
    course = KNOWLEDGE.course("p3g-professional")
    assert "Professional" in course.name and "Practitioner" not in course.name
    assert course.awarding_body == "P3GQA" and course.owner == "P3GQA"
    old = KNOWLEDGE.course("project-programme-portfolio-governance-practitioner")
    assert old.superseded and old.same_as == "p3g-professional"


def test_essentials_for_pmo_directors_has_an_entry_requirement() -> None:
    entry = KNOWLEDGE.course("essentials-pmo-directors").entry
    assert entry is not None and entry.or_level == 3
    assert {"essentials-pmo-managers", "p3o-practitioner", "pmi-pmp"} <= set(entry.holds_one_of)


def test_essentials_for_pmo_administrators_is_three_days_on_apmgs_page() -> None:
    course = KNOWLEDGE.course("essentials-pmo-administrators")
    assert course.length is not None and course.length.startswith("3 days")
    assert course.hours == 21


def test_pl_300_carries_microsofts_name() -> None:
    assert KNOWLEDGE.course("microsoft-pl-300").name.startswith(
        "Microsoft Certified: Power BI Data Analyst Associate"
    )


def test_project_online_is_no_example_of_a_current_tool() -> None:
    # Microsoft retires Project Online on 30 September 2026.
    assert "Project Online" not in " ".join(c.summary for c in KNOWLEDGE.courses)


def test_prince2_programme_management_is_msp() -> None:
    # PeopleCert has sold MSP as "PRINCE2 Programme Management" since 2024.
    assert KNOWLEDGE.course_id_for("PRINCE2 Programme Management") == "msp-5-practitioner"
    assert KNOWLEDGE.course_id_for("PRINCE2 Programme Management Foundation") == "msp-5-foundation"


def test_owners_are_not_trainers() -> None:
    # House of PMO owns the Essentials, PeopleCert P3O; PMO Learning only teaches them.
    assert KNOWLEDGE.course("essentials-pmo-analysts").owner == "House of PMO"
    assert KNOWLEDGE.course("p3o-foundation").owner == "PeopleCert"
    assert KNOWLEDGE.course("p3o-foundation").provider == "PMO Learning"
    for course in KNOWLEDGE.courses:
        if course.owner == "PMO Learning":
            assert course.kind in ("specialist course", "coaching", "eLearning"), course.id


def test_a_plan_names_the_owner_and_never_the_trainer_as_owner(run: Runner) -> None:
    result = run(
        "assess", "--set", "years=3", "--set", "scope=programme", "--set",
        "activities=analyse-performance,run-raid", "--format", "plain",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "P3O® Foundation (PeopleCert)" in result.out
    assert "PMO Learning" not in result.out


def test_every_entry_requirement_and_retirement_names_its_source() -> None:
    text = _data_text()
    for course in KNOWLEDGE.courses:
        if course.entry is not None and course.entry.years is not None:
            assert course.entry.source, course.id
    for marker in ("1 February 2021", "4 February 2025", "P3GQA", "30 September 2026"):
        assert marker in text, marker
