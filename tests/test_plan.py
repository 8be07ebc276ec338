"""The development plan (advice.plan): properties over the whole answer space, proven
with Hypothesis, and the examples a career coach would check by hand."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from pmo_advisor.answers import Answers, validate
from pmo_advisor.knowledge import load_knowledge
from pmo_advisor.model import Advice, Plan, PlanCourse
from pmo_advisor.rules import assess
from pmo_advisor.rules.courses import held_closure, retired_by, themes_of
from pmo_advisor.rules.plan import contexts_of

KNOWLEDGE = load_knowledge()
LIMITS = KNOWLEDGE.plan.limits
PROPERTY = settings(max_examples=150, deadline=None)

#: The shipped scope ids, narrowest first.
SCOPES = load_knowledge().scope_ids


# --- helpers -------------------------------------------------------------------------


def given_answers(**raw: Any) -> Answers:
    return validate(raw, KNOWLEDGE, "test answers")


def advise(**raw: Any) -> Advice:
    return assess(given_answers(**raw), KNOWLEDGE)


def courses(plan: Plan) -> list[PlanCourse]:
    return [c for step in plan.steps for c in step.courses]


def recommended(plan: Plan) -> set[str]:
    """The ids of the courses the plan recommends (alternatives left out)."""
    return {c.course_id for c in courses(plan)}


def placed(plan: Plan) -> list[str]:
    """Every course id the plan names, recommended or alternative, with repeats."""
    return [i for c in courses(plan) for i in (c.course_id, *c.alternatives)]


def step_ids(plan: Plan, when: str) -> list[str]:
    step = plan.step(when)
    return [] if step is None else [c.course_id for c in step.courses]


def can_sit(course_id: str, years: float, held: tuple[str, ...], level: int) -> bool:
    """Whether the data's entry requirement for a course is met, read straight from
    courses.yaml: enough years (or a credential that waives them), and one of the
    credentials it asks for (or work at the level that stands in for them). What a
    person holds counts with what it implies (held_closure)."""
    entry = KNOWLEDGE.course(course_id).entry
    if entry is None:
        return True
    counted = held_closure(held, KNOWLEDGE)
    if entry.years is not None and years < entry.years and not counted & set(entry.waived_by):
        return False
    if entry.holds_one_of and not counted & set(entry.holds_one_of):
        return entry.or_level is not None and level >= entry.or_level
    return True


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))


# --- strategies (the house style of tests/test_rules.py) ----------------------------

activity_ids = st.sampled_from(KNOWLEDGE.activity_ids)
focus_ids = st.sampled_from(KNOWLEDGE.focus_ids)
course_ids = st.sampled_from(KNOWLEDGE.course_ids)
delivery_ids = st.sampled_from(KNOWLEDGE.delivery_ids)
market_ids = st.sampled_from(KNOWLEDGE.market_ids)
# The thresholds the plan reads (entry years, title_fit, experience_first) are hit often.
years = st.sampled_from([0, 1, 1.5, 2, 2.5, 3, 4, 5, 8, 10, 15]) | st.floats(
    min_value=0, max_value=60, allow_nan=False, allow_infinity=False
)
teams = st.integers(min_value=0, max_value=500)
title_names = st.sampled_from(
    [
        *(t.name for t in KNOWLEDGE.titles),
        "Project Controls Analyst - Rail",
        "Resource Analyst",
        "Agile PMO Analyst",
        "Returner PMO Analyst",
        "Digital PMO Lead",
    ]
)


@st.composite
def raw_answers(draw: st.DrawFn) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "years": draw(years),
        "scope": draw(st.sampled_from(SCOPES)),
        "activities": draw(st.lists(activity_ids, min_size=1, max_size=6)),
    }
    if draw(st.booleans()):
        raw["focus"] = draw(st.lists(focus_ids, max_size=3))
    if draw(st.booleans()):
        raw["team_size"] = draw(teams)
    if draw(st.booleans()):
        raw["qualifications"] = draw(st.lists(course_ids, max_size=5))
    if draw(st.booleans()):
        raw["title"] = draw(st.one_of(st.text(max_size=40), title_names))
    if draw(st.booleans()):
        raw["delivery"] = draw(st.lists(delivery_ids, max_size=3))
    if draw(st.booleans()):
        raw["market"] = draw(market_ids)
    return raw


# --- 1. nothing held, nor retired by what is held ----------------------------------


@PROPERTY
@given(raw_answers())
def test_a_plan_never_holds_a_held_or_retired_course(raw: dict[str, Any]) -> None:
    answers = given_answers(**raw)
    plan = assess(answers, KNOWLEDGE).plan
    retired = retired_by(answers.qualifications, KNOWLEDGE)
    assert set(answers.qualifications) <= retired
    for course in courses(plan):
        assert course.course_id not in retired, course.course_id
        assert not set(course.alternatives) & retired, (course.course_id, course.alternatives)


# --- 2. the limits ----------------------------------------------------------------------


@PROPERTY
@given(raw_answers())
# Found by Hypothesis: five courses ready and two for later make seven distinct courses.
@example(
    {
        "years": 0,
        "scope": "project",
        "activities": ["analyse-performance"],
        "focus": ["planning", "training", "governance"],
        "delivery": ["projects"],
    }
)
def test_a_plan_keeps_within_its_limits(raw: dict[str, Any]) -> None:
    plan = advise(**raw).plan
    whens = [s.when for s in plan.steps]
    assert len(whens) == len(set(whens)) and set(whens) <= {"now", "next", "later"}
    now = plan.step("now")
    assert now is not None
    assert len(now.actions) <= LIMITS.now_actions
    assert len(now.courses) <= LIMITS.now_courses
    assert len(step_ids(plan, "next")) <= LIMITS.next_courses
    assert len(step_ids(plan, "later")) <= LIMITS.later_courses
    assert len(recommended(plan)) <= LIMITS.courses
    assert len(plan.titles_now) <= LIMITS.titles_now
    ids = placed(plan)
    assert len(ids) == len(set(ids)), ids


# --- 3. now holds only what the person can sit ------------------------------------------


@PROPERTY
@given(raw_answers())
def test_now_holds_only_courses_the_person_can_sit(raw: dict[str, Any]) -> None:
    answers = given_answers(**raw)
    advice = assess(answers, KNOWLEDGE)
    for course_id in step_ids(advice.plan, "now"):
        course = next(c for c in advice.plan.step("now").courses if c.course_id == course_id)
        assert course.ready, course_id
        assert can_sit(course_id, answers.years, answers.qualifications, advice.level.number), (
            course_id
        )
    for course in courses(advice.plan):
        # Whatever is not ready says what the person still needs.
        assert course.ready or course.condition, course.course_id


@PROPERTY
@given(raw_answers())
def test_one_year_in_is_never_offered_an_experience_certificate_now(raw: dict[str, Any]) -> None:
    # PMP, PMI-SP and AACE PSP ask for years of experience nobody has after one year.
    plan = advise(**{**raw, "years": 1}).plan
    assert not {"pmi-pmp", "pmi-sp", "aace-psp"} & set(step_ids(plan, "now"))
    for course in courses(plan):
        if course.course_id in {"pmi-pmp", "pmi-sp", "aace-psp"}:
            assert not course.ready and course.condition


# --- 4. holding more never asks for more ------------------------------------------------


def _opened_by(course_id: str, extra: set[str]) -> bool:
    """Whether something in ``extra`` is what a course asks for first: a prerequisite,
    what meets its entry instead, waives its years or is the credential it needs."""
    course = KNOWLEDGE.course(course_id)
    keys = set(course.prerequisites) | set(course.entry_met_by)
    if course.entry is not None:
        keys |= set(course.entry.waived_by) | set(course.entry.holds_one_of)
    return bool(keys & extra)


def _where(raw: dict[str, Any], held: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    counted = held_closure(held, KNOWLEDGE)
    themes = themes_of(counted, raw.get("title"), KNOWLEDGE)
    return contexts_of(raw.get("title"), counted, themes, KNOWLEDGE), themes


@PROPERTY
@given(raw_answers(), course_ids)
@example(  # (f), in next: found by this property, kept so that it is always tried
    raw={
        "years": 0,
        "scope": "project",
        "activities": ["analyse-performance"],
        "focus": ["planning", "training", "governance"],
        "delivery": ["projects"],
    },
    extra="prince2-agile-practitioner",
)
def test_holding_another_credential_never_adds_an_unexplained_course(
    raw: dict[str, Any], extra: str
) -> None:
    """Adding a held credential never adds a course to the plan, except where a coach
    would add it. The strict form (recommended ids with the credential a subset of those
    without) fails, and each exception below is a counterexample judged correct:

    a. the credential moves the placement (qualifications are evidence of a level): the
       plan is then another level's plan;
    b. it retires a course the plan named (held, outranked, or a member of a held
       choice): the freed place goes to the next course wanted (setting-up-a-pmo held
       -> project-sponsorship-and-the-pmo);
    c. the new course was an alternative before: the choice now prefers another member
       (p3o-foundation held -> p3o-practitioner, whose prerequisite is now met, rather
       than essentials-pmo-managers);
    d. the credential is what the course asks for first: a prerequisite, entry_met_by,
       holds_one_of or waived_by (the next rung up a ladder);
    e. the credential puts the person in a context or theme the course is tied to
       (aace-ccp held -> engineering -> primavera-p6; an agile course -> safe-lpm);
    f. it switches experience_first on (a certificate above their level with under two
       years): now's courses go, and with them the unready ones they sent to later, so
       later has room for the project management practitioner certificate once they
       have led projects (setting-up-a-pmo held by a 1-year level-2 planner ->
       prince2-7-practitioner in later); for someone who has led projects already, the
       plan puts that certificate in next, and the room freed lets it in there
       (prince2-agile-practitioner held by a new level-2 analyst who has led projects
       -> apm-pmq in next).
    Anything else is a plan asking for more because someone holds more."""
    held = list(raw.get("qualifications", []))
    before = advise(**raw)
    after = advise(**{**raw, "qualifications": [*held, extra]})
    new = recommended(after.plan) - recommended(before.plan)
    if not new:
        return
    placement = (before.level, before.next, before.proposed_level, before.borderline_with)
    if placement != (after.level, after.next, after.proposed_level, after.borderline_with):
        return  # (a)
    if set(placed(before.plan)) & retired_by([*held, extra], KNOWLEDGE):
        return  # (b)
    gained = held_closure([*held, extra], KNOWLEDGE) - held_closure(held, KNOWLEDGE)
    contexts, themes = _where(raw, held)
    contexts_after, themes_after = _where(raw, [*held, extra])
    first = KNOWLEDGE.plan.experience_first.action.strip()
    switched = first not in {a.text for a in before.plan.step("now").actions} and first in {
        a.text for a in after.plan.step("now").actions
    }
    practitioner = next(
        c for c in KNOWLEDGE.plan.choices if c.id == "project-management-practitioner"
    )
    unexplained = []
    for course_id in sorted(new):
        course = KNOWLEDGE.course(course_id)
        if course_id in placed(before.plan):  # (c)
            continue
        if _opened_by(course_id, gained):  # (d)
            continue
        if set(course.contexts) & (contexts_after - contexts):  # (e)
            continue
        if set(course.topics) & (themes_after - themes):  # (e)
            continue
        room = set(step_ids(after.plan, "later"))
        if raw.get("delivery"):
            room |= set(step_ids(after.plan, "next"))
        if switched and course_id in room and course_id in practitioner.members:  # (f)
            continue
        unexplained.append(course_id)
    note(f"before: {sorted(recommended(before.plan))}, after: {sorted(recommended(after.plan))}")
    assert not unexplained, (extra, unexplained)


@PROPERTY
@given(raw_answers(), course_ids)
def test_a_credential_that_switches_experience_first_on_empties_now(
    raw: dict[str, Any], extra: str
) -> None:
    # Experience first means work, not another course, in the next twelve months.
    plan = advise(**{**raw, "qualifications": [*raw.get("qualifications", []), extra]}).plan
    now = plan.step("now")
    assert now is not None
    if KNOWLEDGE.plan.experience_first.action.strip() in {a.text for a in now.actions}:
        assert not now.courses


# --- 5. deterministic -------------------------------------------------------------------


@PROPERTY
@given(raw_answers(), st.randoms(use_true_random=False))
def test_the_plan_is_deterministic_whatever_the_order_of_qualifications(
    raw: dict[str, Any], rnd: Any
) -> None:
    plan = advise(**raw).plan
    assert advise(**raw).plan == plan
    held = list(raw.get("qualifications", []))
    rnd.shuffle(held)
    assert advise(**{**raw, "qualifications": held}).plan == plan


# --- titles, contexts and old editions over the answer space ----------------------------


@PROPERTY
@given(raw_answers())
def test_titles_now_fit_the_years(raw: dict[str, Any]) -> None:
    answers = given_answers(**raw)
    for title in assess(answers, KNOWLEDGE).plan.titles_now:
        found = words(title.name)
        if answers.years >= 3:
            assert not found & {"apprentice", "graduate", "trainee", "junior"}, title.name
        if answers.years < 2:
            assert not found & {"lead", "head", "manager", "director", "consultant"}, title.name


@PROPERTY
@given(raw_answers())
def test_a_context_course_only_for_someone_who_works_there(raw: dict[str, Any]) -> None:
    # Primavera P6 (and the other engineering courses) are tools of project controls in
    # engineering: the title's words or a course held must place the person there.
    answers = given_answers(**raw)
    plan = assess(answers, KNOWLEDGE).plan
    counted = held_closure(answers.qualifications, KNOWLEDGE)
    title_words = set(re.findall(r"[a-z0-9]+", (answers.title or "").casefold()))
    themes = themes_of(counted, answers.title, KNOWLEDGE)
    contexts = {
        c.id
        for c in KNOWLEDGE.plan.contexts
        if title_words & set(c.words) or counted & set(c.courses) or themes & set(c.topics)
    }
    for course_id in placed(plan):
        tied = set(KNOWLEDGE.course(course_id).contexts)
        assert not tied or tied & contexts, (course_id, tied, contexts)


@PROPERTY
@given(raw_answers())
def test_an_old_edition_is_never_in_a_plan(raw: dict[str, Any]) -> None:
    # Superseded courses (pmo-cp, the BCS PPSO courses) are kept only so old answers load.
    held = [*raw.get("qualifications", []), "pmo-cp", "bcs-ppso-foundation"]
    for answers in (raw, {**raw, "qualifications": held}):
        for course_id in placed(advise(**answers).plan):
            assert not KNOWLEDGE.course(course_id).superseded, course_id


# --- examples ---------------------------------------------------------------------------

PMO_MANAGER = {
    "years": 4,
    "scope": "programme",
    "activities": ["run-pmo", "manage-pmo-team"],
    "team_size": 3,
}
PMO_ANALYST = {
    "years": 3,
    "scope": "programme",
    "activities": ["analyse-performance", "compile-status"],
    "focus": ["reporting"],
}


def _choice(choice_id: str) -> Any:
    return next(c for c in KNOWLEDGE.plan.choices if c.id == choice_id)


def _now_member(plan: Plan, choice_id: str) -> PlanCourse:
    members = set(_choice(choice_id).members)
    step = plan.step("now")
    assert step is not None
    return next(c for c in step.courses if c.course_id in members)


def test_a_us_market_picks_the_pmi_member_of_a_choice() -> None:
    # US employers ask most for PMI: PMI-PMOCP, with the other schemes named beside it.
    advice = advise(**PMO_MANAGER, market="us")
    assert advice.level.number == 3
    picked = _now_member(advice.plan, "pmo-manager-certificate")
    assert picked.course_id == "pmi-pmocp" and picked.ready
    others = set(_choice("pmo-manager-certificate").members) - {"pmi-pmocp"}
    assert set(picked.alternatives) == others


def test_a_uk_market_picks_a_house_of_pmo_or_peoplecert_member() -> None:
    # UK employers ask most for House of PMO and PeopleCert, not PMI.
    for raw in (PMO_MANAGER, PMO_ANALYST):
        plan = advise(**raw, market="uk").plan
        choice = "pmo-manager-certificate" if raw is PMO_MANAGER else "pmo-analyst-certificate"
        owner = KNOWLEDGE.course(_now_member(plan, choice).course_id).owner
        assert owner in {"House of PMO", "PeopleCert"}, owner


def test_no_market_picks_the_default_and_says_so() -> None:
    # Without a market the international default stands, and the plan says how to change it.
    plan = advise(**PMO_ANALYST).plan
    assert _now_member(plan, "pmo-analyst-certificate").course_id == "p3o-foundation"
    assert _choice("pmo-analyst-certificate").default == "p3o-foundation"
    assert plan.market is None and plan.market_note
    assert advise(**PMO_ANALYST, market="us").plan.market_note is None


def test_pmi_sp_held_retires_pmi_capm() -> None:
    # PMI-SP outranks CAPM: a scheduler holding it needs no grounding certificate.
    raw = {
        "years": 2.5,
        "scope": "project",
        "activities": ["keep-records"],
        "focus": ["planning"],
        "market": "us",
    }
    assert "pmi-capm" in placed(advise(**raw).plan)
    after = advise(**raw, qualifications=["pmi-sp"]).plan
    assert not set(placed(after)) & set(_choice("project-management-foundation").members)


def test_aace_psp_held_means_no_pmi_sp() -> None:
    # AACE PSP is the rung above PMI-SP on the scheduling ladder.
    raw = {"years": 5, "scope": "programme", "activities": ["plan-schedule"], "focus": ["planning"]}
    assert "pmi-sp" in placed(advise(**raw).plan)
    assert "pmi-sp" not in placed(advise(**raw, qualifications=["aace-psp"]).plan)


def test_pl_300_held_means_no_excel_data_analysis() -> None:
    # PL-300 (Power BI) outranks the Excel data analysis course.
    raw = {
        "years": 2.5,
        "scope": "project",
        "activities": ["compile-status"],
        "focus": ["reporting"],
        # Grounded in project management already, so the second course deepens reporting.
        "qualifications": ["prince2-7-foundation"],
    }
    assert "excel-data-analysis" in placed(advise(**raw).plan)
    after = advise(**{**raw, "qualifications": ["prince2-7-foundation", "microsoft-pl-300"]}).plan
    assert "excel-data-analysis" not in placed(after)


def test_one_year_planner_gets_experience_certificates_only_later() -> None:
    # One year of scheduling is not the two PMI-SP asks for: later, with the condition.
    plan = advise(years=1, scope="project", activities=["plan-schedule"], focus=["planning"]).plan
    assert not {"pmi-pmp", "pmi-sp", "aace-psp"} & set(step_ids(plan, "now"))
    later = {c.course_id: c for c in plan.step("later").courses}
    assert "pmi-sp" in later and not later["pmi-sp"].ready and later["pmi-sp"].condition


def test_primavera_p6_only_for_engineering_planners() -> None:
    # P6 is the scheduling tool of engineering project controls, not of telecoms resourcing.
    planner = {
        "years": 3,
        "scope": "programme",
        "activities": ["plan-schedule"],
        "focus": ["planning"],
    }
    for title in ("Resource Analyst", "Resource Analyst - Telecoms"):
        assert "primavera-p6" not in placed(advise(**planner, title=title).plan)
    rail = advise(**planner, title="Project Controls Analyst - Rail").plan
    assert "primavera-p6" in recommended(rail)


def test_titles_now_at_the_edges_of_experience() -> None:
    # A three-year analyst is past trainee titles; a one-year manager is not yet a head.
    seasoned = advise(**{**PMO_ANALYST, "years": 3}).plan.titles_now
    assert seasoned and not any(
        words(t.name) & {"apprentice", "graduate", "trainee", "junior"} for t in seasoned
    )
    new = advise(**{**PMO_MANAGER, "years": 1}).plan.titles_now
    assert not any(
        words(t.name) & {"lead", "head", "manager", "director", "consultant"} for t in new
    )


def test_a_retired_qualification_held_is_never_in_a_plan() -> None:
    # pmo-cp and bcs-ppso-foundation are old editions: held, they count; never offered.
    for raw in (
        PMO_MANAGER,
        PMO_ANALYST,
        {"years": 1, "scope": "project", "activities": ["keep-records"]},
    ):
        for market in (None, "us", "uk"):
            plan = advise(
                **raw, market=market, qualifications=["pmo-cp", "bcs-ppso-foundation"]
            ).plan
            ids = set(placed(plan))
            assert not ids & {"pmo-cp", "bcs-ppso-foundation", "bcs-ppso-practitioner"}
            # pmo-cp counts as PMI-PMOCP, which retires its whole choice.
            assert not ids & set(_choice("pmo-manager-certificate").members)


def test_a_scheme_started_now_is_carried_on_next() -> None:
    # P3O Foundation now meets P3O Practitioner's prerequisite next: one scheme's ladder,
    # not PMI's certificate for want of a Foundation the plan has just recommended.
    plan = advise(years=4, scope="programme", activities=["plan-schedule"], focus=["planning"]).plan
    now, following = step_ids(plan, "now"), step_ids(plan, "next")
    if "p3o-foundation" in now:
        assert "pmi-pmocp" not in following
    managed = assess(
        given_answers(years=4, scope="programme", activities=["plan-schedule"]),
        KNOWLEDGE,
        route="management",
    ).plan
    assert "p3o-foundation" in step_ids(managed, "now")
    assert "p3o-practitioner" in step_ids(managed, "next")
