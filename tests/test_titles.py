"""The title translator: real-world advert titles map to the right level."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.titles import THRESHOLD, TitleReader
from tests.conftest import Run, read_yaml

Runner = Callable[..., Run]

# Advert titles, delivery titles and other jobs, as data: the translator's spec.
TABLE: dict[str, Any] = read_yaml(Path(__file__).parent / "data" / "advert_titles.yaml")
ADVERTS: list[dict[str, Any]] = TABLE["adverts"]
DELIVERY: list[dict[str, Any]] = TABLE["delivery"]
OTHER_JOBS: list[str] = TABLE["not_pmo"]


@pytest.fixture(scope="module")
def matcher() -> TitleReader:
    from pmo_advisor.knowledge import load_knowledge

    return TitleReader(load_knowledge())


def test_the_table_is_big_enough_and_covers_every_level_and_focus(knowledge: Knowledge) -> None:
    assert len(ADVERTS) + len(DELIVERY) + len(OTHER_JOBS) >= 400
    assert len(OTHER_JOBS) >= 80
    titles = [a["title"] for a in ADVERTS + DELIVERY] + OTHER_JOBS
    assert len(set(titles)) == len(titles), "each title once"
    assert {n for a in ADVERTS for n in a["levels"]} == {1, 2, 3, 4}
    assert {a["focus"] for a in ADVERTS if "focus" in a} == set(knowledge.focus_ids)


@pytest.mark.parametrize("advert", ADVERTS, ids=[a["title"] for a in ADVERTS])
def test_advert_titles_mean_their_levels(matcher: TitleReader, advert: dict[str, Any]) -> None:
    lookup = matcher.lookup(advert["title"])
    reading = lookup.reading
    assert reading is not None
    assert reading.method in ("listed", "near spelling", "parts"), reading.explanation
    assert list(reading.levels) == advert["levels"], reading.explanation
    assert reading.focus == advert.get("focus"), reading.explanation
    assert lookup.delivery_role is None
    # One answer: every listed match agrees with the reading's specialism.
    if lookup.matches and reading.method != "parts":
        assert reading.explanation.startswith("read as")


@pytest.mark.parametrize("advert", DELIVERY, ids=[a["title"] for a in DELIVERY])
def test_delivery_titles_are_delivery_roles(matcher: TitleReader, advert: dict[str, Any]) -> None:
    lookup = matcher.lookup(advert["title"])
    assert lookup.matches == ()
    assert lookup.delivery_role is not None
    assert lookup.delivery_role.name == advert["role"]
    assert lookup.reading is not None and lookup.reading.method == "delivery role"
    assert lookup.delivery_role.evidence is not None
    assert lookup.delivery_role.evidence in lookup.reading.explanation


@pytest.mark.parametrize("title", OTHER_JOBS)
def test_other_jobs_match_nothing(matcher: TitleReader, title: str) -> None:
    lookup = matcher.lookup(title)
    assert lookup.matches == ()
    assert lookup.delivery_role is None
    assert lookup.reading is not None and lookup.reading.levels == ()


# Issue 9: advert titles that matched nothing, or the wrong thing, and what they mean.
REPRODUCTIONS = [
    ("Resource Manager", "Resource Manager"),
    ("Planning Manager", "Planning Manager"),
    ("PMO Apprentice", "PMO Apprentice"),
    ("Transformation Office Lead", "Transformation Office Lead"),
    ("Programme PMO Lead", "Programme Office Lead"),
    ("Head of Programme Office", "Head of Programme Office"),
    ("VP PMO", "PMO Director"),
    ("Risk Analyst", "Risk Analyst"),
    ("PMO Team Leader", "PMO Team Leader"),
    ("Enterprise PMO Director", "Enterprise PMO Director"),
    ("Clarity PPM Administrator", "PPM Tool Administrator"),
    ("Primavera P6 Scheduler", "Project Scheduler"),
    # Thrown out as "not a PMO job": "financial" is a PMO word.
    ("PMO Financial Analyst", "PMO Finance Analyst"),
    # Shown as PMO Officer: the commonest advert title is a title of its own.
    ("PMO Analyst", "PMO Analyst"),
    # Resources work, not planning.
    ("Capacity Planning Analyst", "Resource Analyst"),
    ("Resource Planner", "Resource Analyst"),
]


@pytest.mark.parametrize(("advert", "title"), REPRODUCTIONS, ids=[a for a, _ in REPRODUCTIONS])
def test_issue_9_reproductions(matcher: TitleReader, advert: str, title: str) -> None:
    best = matcher.lookup(advert).matches[0]
    assert best.title.name == title
    assert best.score == 100


def test_every_knowledge_base_title_finds_itself_with_the_top_score(
    matcher: TitleReader, knowledge: Knowledge
) -> None:
    for title in knowledge.titles:
        for name in (title.name, *title.aliases):
            lookup = matcher.lookup(name)
            best = lookup.matches[0]
            assert best.title == title, (name, best.title.name)
            assert best.score == 100
            assert lookup.delivery_role is None, name


def test_every_delivery_role_finds_itself_and_no_pmo_title(
    matcher: TitleReader, knowledge: Knowledge
) -> None:
    for role in knowledge.delivery_roles:
        for name in (role.name, *role.aliases):
            lookup = matcher.lookup(name)
            assert lookup.delivery_role == role, name
            assert lookup.matches == (), name


def test_every_focus_area_has_a_track_through_levels_2_to_4(knowledge: Knowledge) -> None:
    for focus in knowledge.focus_ids:
        for level in (2, 3, 4):
            assert any(focus in t.focus for t in knowledge.titles_at(level)), (focus, level)


# Jobs outside the PMO, and titles that add a word of another job to a PMO title.
NOT_PMO = [
    "Chef de partie", "", "   ", "Software Engineer", "xyz", "Nurse", "-", "Project Manager",
    "Senior Project Manager", "Programme Manager", "Program Manager", "Prog Mgr",
    "Assistant Project Manager", "Project Manager - PMO", "PMO Project Manager",
    "Analyst Programmer", "Programmer Analyst", "Financial Planning Analyst",
    "Demand Planning Analyst", "Investment Portfolio Manager", "Portfolio Manager",
    "Programme Support Worker", "Project Support Director", "Project Support Manager",
    "Programme Support Manager", "Cost Controller Manager", "Portfolio Analyst Director",
    "Programme Director", "Project Director", "Office Manager", "Business Analyst",
    "Change Manager", "Event Planner",
]  # fmt: skip


@pytest.mark.parametrize("nonsense", NOT_PMO)
def test_nonsense_gives_no_match(matcher: TitleReader, nonsense: str) -> None:
    assert matcher.lookup(nonsense).matches == ()


def test_seniority_is_explained_not_ignored(matcher: TitleReader) -> None:
    senior = matcher.lookup("Senior PMO Analyst")
    assert [s.word for s in senior.seniority] == ["senior"]
    assert senior.seniority[0].shift == "up"
    junior = matcher.lookup("Jr Project Planner")
    assert [s.word for s in junior.seniority] == ["junior"]
    # A seniority word that is part of the title itself is not set aside.
    assert matcher.lookup("PMO Lead").seniority == ()
    assert matcher.lookup("Head of PMO").seniority == ()


def test_a_title_at_two_levels_answers_with_both(matcher: TitleReader) -> None:
    best = matcher.lookup("Head of PMO").matches[0]
    assert best.title.levels == (3, 4)
    assert best.title.decided_by


def test_matches_are_best_first_and_confident(matcher: TitleReader) -> None:
    matches = matcher.lookup("Programme Office Analyst").matches
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= THRESHOLD for score in scores)


def test_an_over_long_title_is_an_error_for_that_title(matcher: TitleReader) -> None:
    lookup = matcher.lookup("x" * 501)
    assert lookup.error == "longer than 500 characters"
    assert lookup.matches == ()


# --- the command ---------------------------------------------------------------------


def test_titles_without_a_query_lists_every_title(run: Runner, knowledge: Knowledge) -> None:
    data = json.loads(run("titles", "--format", "json").out)
    assert data["kind"] == "titles"
    assert {t["title"] for t in data["titles"]} == {t.name for t in knowledge.titles}


def test_titles_filters(run: Runner) -> None:
    data = json.loads(run("titles", "--level", "3", "--scope", "programme", "--format", "json").out)
    assert all(3 in t["levels"] and t["pmo_type"] in (None, "programme") for t in data["titles"])


def test_a_query_in_json(run: Runner) -> None:
    result = run("titles", "Snr PMO Analyst - London (Contract)", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["query"] == "Snr PMO Analyst - London (Contract)"
    assert data["matches"][0]["title"] == "PMO Analyst"
    assert data["matches"][0]["levels"] == [2]
    assert data["seniority"][0]["word"] == "senior"


def test_no_match_says_so_and_exits_0(run: Runner) -> None:
    result = run("titles", "Chef de partie")
    assert result.code == 0
    assert "No confident match" in result.out
    data = json.loads(run("titles", "Chef de partie", "--format", "json").out)
    assert data["matches"] == []


def test_from_a_list_one_result_per_line(run: Runner, tmp_path: object) -> None:
    lines = ["PMO Analyst", "", "  ", "Head of PMO", "x" * 600, "Chef de partie"]
    stdin = ("\r\n".join(lines) + "\r\n").encode()
    result = run("titles", "--from", "-", "--format", "json", stdin=b"\xef\xbb\xbf" + stdin)
    assert result.code == 0
    records = [json.loads(line) for line in result.out.splitlines()]
    assert [r["query"] for r in records][0:2] == ["PMO Analyst", "Head of PMO"]
    assert len(records) == 4
    assert records[2]["error"] == "longer than 500 characters"
    assert records[3]["matches"] == []
    plain = run("titles", "--from", "-", stdin=b"PMO Analyst\nHead of PMO\n").out.splitlines()
    # A score only where a near spelling was matched.
    assert plain == [
        "PMO Analyst\tPMO Analyst\t2\tany\t",
        "Head of PMO\tHead of PMO\t3 or 4\tany\t",
    ]
    markdown = run("titles", "--from", "-", "--format", "markdown", stdin=b"PMO Analyst\n").out
    assert "| PMO Analyst | PMO Analyst | 2 | any |  |" in markdown
    read = run(
        "titles", "--from", "-", stdin=b"Programme Administrator\nProgrammme Office Analyst\n"
    ).out
    assert read.splitlines() == [
        "Programme Administrator\t(read as programme + administrator)\t1\tprogramme\t",
        "Programmme Office Analyst\tProgramme Office Analyst\t2\tprogramme\t94.74",
    ]


def test_a_title_and_from_together_are_refused(run: Runner) -> None:
    result = run("titles", "PMO Analyst", "--from", "-")
    assert result.code == 2
    assert "not both" in result.err


@pytest.mark.terminal
def test_scripted_paths_without_titles_do_not_load_rapidfuzz() -> None:

    code = (
        "import sys, io, contextlib\nfrom pmo_advisor.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['assess', '--set', 'years=3', '--set', 'scope=project', '--set', 'activities=keep-records', '--format', 'json'])\n"
        "print('rapidfuzz' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_matches_left_out_by_a_filter_are_mentioned(run: Runner) -> None:
    out = run("titles", "Head of PMO", "--level", "2").out
    assert "1 confident match left out by --level or --scope" in out


def test_a_level_filter_lists_only_that_level(run: Runner) -> None:
    out = run("titles", "--level", "4").out
    assert "Level 4: PMO Director" in out
    assert "Level 3:" not in out


def test_the_rich_table_stacks_in_a_narrow_terminal(knowledge: Knowledge) -> None:
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
    from pmo_advisor.titles import TitleReader

    matcher = TitleReader(knowledge)
    lookups = TitleLookups(
        tuple(matcher.lookup(q) for q in ("PMO Analyst", "Nurse")), True, THRESHOLD
    )
    text = renderer_for(OutputFormat.rich, knowledge, RenderOptions(width=40)).render(lookups)
    assert text.splitlines() == [
        "PMO Analyst",
        "  PMO Analyst (level 2, any)",
        "Nurse",
        "  (no confident match)",
    ]


# --- delivery roles in every format --------------------------------------------------


@pytest.mark.parametrize("fmt", ["rich", "plain", "markdown"])
def test_a_delivery_title_is_explained_in_every_format(run: Runner, fmt: str) -> None:
    result = run("titles", "Senior Programme Manager", "--format", fmt, "--no-color")
    assert result.code == 0
    out = " ".join(result.out.split())
    assert "Programme Manager is a delivery role, not a PMO title." in out
    assert "Read as the delivery role Programme Manager, not a PMO title" in out
    assert "evidence of level 3 delivery leadership" in out
    assert "designing and running PMO services" in out
    assert "No confident match" not in out


def test_a_delivery_title_in_json(run: Runner) -> None:
    data = json.loads(run("titles", "Scrum Master", "--format", "json").out)
    assert data["matches"] == []
    assert data["delivery_role"]["name"] == "Scrum Master"
    assert data["delivery_role"]["levels"] == [2]
    assert data["delivery_role"]["note"]
    assert json.loads(run("titles", "PMO Lead", "--format", "json").out)["delivery_role"] is None


def test_a_delivery_title_in_a_list(run: Runner) -> None:
    out = run("titles", "--from", "-", stdin=b"Scrum Master\nNurse\n").out.splitlines()
    assert out == [
        "Scrum Master\t(delivery role: Scrum Master)\t\t\t",
        "Nurse\t(no confident match)\t\t\t",
    ]


# --- the vocabulary is checked on load ------------------------------------------------


LoadError = Callable[[Path], tuple[int, str]]


@pytest.fixture
def load_error(run: Runner, monkeypatch: pytest.MonkeyPatch) -> LoadError:
    """What a command makes of a data folder it cannot load: its exit code and message."""

    def check(data: Path) -> tuple[int, str]:
        monkeypatch.setenv("PMO_ADVISOR_DATA", str(data))
        result = run("titles", "PMO Analyst")
        assert result.out == ""
        assert "Traceback" not in result.err
        return result.code, result.err

    return check


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_focus_area_without_a_level_3_title_is_refused(
    data_copy: Path, load_error: LoadError
) -> None:
    titles = data_copy / "titles.yaml"
    _replace(
        titles,
        "{name: Risk Manager, levels: [3], pmo_type: null, focus: [risk],",
        "{name: Risk Manager, levels: [3], pmo_type: null,",
    )
    _replace(
        titles,
        "levels: [3, 4]\n    pmo_type: null\n    focus: [risk]",
        "levels: [4]\n    pmo_type: null\n    focus: [risk]",
    )
    code, err = load_error(data_copy)
    assert code == 3
    assert "titles.yaml: titles: no specialist title for focus area 'risk' at level 3" in err


def test_an_alias_naming_another_title_is_refused(data_copy: Path, load_error: LoadError) -> None:
    _replace(data_copy / "titles.yaml", "aliases: [PMO Support Analyst,", "aliases: [PMO Officer,")
    code, err = load_error(data_copy)
    assert code == 3
    assert (
        "titles.yaml: titles[12].aliases[0]: 'PMO Officer' already belongs to 'PMO Officer'" in err
    )


def test_a_delivery_role_with_an_unknown_background_is_refused(
    data_copy: Path, load_error: LoadError
) -> None:
    _replace(data_copy / "titles.yaml", "background: projects", "background: project")
    code, err = load_error(data_copy)
    assert code == 3
    assert "titles.yaml: delivery_roles[0].background: unknown delivery background 'project'" in err


def test_an_uppercase_tool_name_is_refused(data_copy: Path, load_error: LoadError) -> None:
    _replace(data_copy / "title_words.yaml", "  - primavera p6\n", "  - Primavera P6\n")
    code, err = load_error(data_copy)
    assert code == 3
    assert "title_words.yaml: tools[0]: must be lowercase" in err


# --- what the matcher remembers never changes an answer -------------------------------


def test_remembered_answers_equal_fresh_ones(knowledge: Knowledge) -> None:
    queries = [a["title"] for a in ADVERTS + DELIVERY] + OTHER_JOBS
    warm = TitleReader(knowledge)
    first = [warm.lookup(q) for q in queries]
    again = [warm.lookup(q.upper()) for q in queries] + [warm.lookup(q) for q in queries]
    fresh = [TitleReader(knowledge).lookup(q) for q in queries[:20]]
    assert again[len(queries) :] == first
    assert fresh == first[:20]
    # Case never counts, so the upper-case pass agrees title for title.
    assert [lk.matches for lk in again[: len(queries)]] == [lk.matches for lk in first]


def test_the_memories_are_bounded(knowledge: Knowledge) -> None:
    from pmo_advisor.titles.lookup import LOOKUPS_REMEMBERED, READINGS_REMEMBERED

    reader = TitleReader(knowledge)
    answers = [reader.lookup(f"PMO Analyst - ref {n}") for n in range(LOOKUPS_REMEMBERED + 10)]
    assert reader._remembered.cache_info().currsize == LOOKUPS_REMEMBERED
    # Parts with no telling word (a place, a reference) are set aside before the
    # reading, so the titles above share one reading.
    assert reader._read.cache_info().currsize == 1 < READINGS_REMEMBERED
    assert {a.reading.levels for a in answers if a.reading} == {(2,)}
    assert answers[-1].reading is not None
    assert answers[-1].reading.ignored == ("ref", str(LOOKUPS_REMEMBERED + 9))


# --- issue 18: reading titles by their parts ----------------------------------------


def _listed_names(knowledge: Knowledge) -> set[str]:
    return {n.casefold() for t in knowledge.titles for n in (t.name, *t.aliases)}


def test_at_least_100_advert_titles_are_read_by_their_parts(
    matcher: TitleReader, knowledge: Knowledge
) -> None:
    listed = _listed_names(knowledge)
    by_parts = [a["title"] for a in ADVERTS if matcher.lookup(a["title"]).reading.method == "parts"]  # type: ignore[union-attr]
    assert len(by_parts) >= 100
    # Not in the vocabulary: the grammar is what passes them.
    assert not listed.intersection(t.casefold() for t in by_parts)


# What the issue reproduced, and what each title reads as now: (title, levels, method).
ISSUE_18 = [
    ("Programme Administrator", (1,), "parts"),
    ("Project Officer", (1, 2), "parts"),
    ("Project Support Analyst", (2,), "parts"),
    ("Trainee PMO Support Assistant", (1,), "parts"),
    ("PMO Assistant", (1, 2), "parts"),
    ("PMO Support Assistant", (1, 2), "parts"),
    ("Change & Transformation Office Coordinator", (1, 2), "parts"),
    ("MI Analyst - Portfolio Office", (2,), "parts"),
    ("Governance & Assurance Lead - PMO", (3,), "parts"),
    ("Planning & Scheduling Lead", (3,), "parts"),
    ("Portfolio Demand Manager", (3,), "parts"),
    ("SVP, Enterprise PMO", (4,), "parts"),
    ("Project Support Officer", (1,), "listed"),
    ("Programme Support Officer", (1,), "parts"),
    ("Project Assistant", (1, 2), "listed"),
    ("Programme Office Support", (1, 2), "listed"),
    ("PMO Coordinator", (1, 2), "parts"),
    ("PMO Officer", (1, 2), "listed"),
    ("AVP - PMO", (2, 3), "parts"),
    ("Associate Director, EPMO", (3, 4), "parts"),
    ("VP, Programme Office", (3, 4), "parts"),
    ("Head of Programme Office", (3,), "listed"),
    ("Head of PMO", (3, 4), "listed"),
    ("Maintenance Planner (SAP PM)", (), "other profession"),
    ("Workforce Planning Analyst (Contact Centre)", (), "other profession"),
    ("Programme Coordinator - Youth Services", (), "other profession"),
    ("Graduate PMO Analyst", (1,), "listed"),
    ("Graduate Project Planner", (1,), "listed"),
]


@pytest.mark.parametrize(("title", "levels", "method"), ISSUE_18, ids=[t for t, _, _ in ISSUE_18])
def test_issue_18_reproductions(
    matcher: TitleReader, title: str, levels: tuple[int, ...], method: str
) -> None:
    reading = matcher.lookup(title).reading
    assert reading is not None
    assert (reading.levels, reading.method) == (levels, method), reading.explanation
    assert reading.explanation.startswith("read as ")
    # A score only where a near spelling was matched.
    assert reading.score is None


def test_a_reading_is_said_in_the_readers_words(matcher: TitleReader) -> None:
    reading = matcher.lookup("Programme Administrator - London (FTC)").reading
    assert reading is not None
    assert reading.explanation == "read as programme + administrator: a support role, level 1"
    assert reading.deciding == ("Programme", "Administrator")
    assert reading.ignored == ("London", "FTC")


def test_a_reading_names_what_was_typed_not_the_lists_spelling(matcher: TitleReader) -> None:
    cost = matcher.lookup("Cost Engineer - Project Controls").reading
    assert cost is not None
    assert cost.explanation.startswith("read as 'Cost Engineer', a name listed for Project")
    assert "Cost Controller" not in cost.explanation
    rte = matcher.lookup("Release Train Engineer").reading
    assert rte is not None
    assert rte.explanation.startswith("read as 'Release Train Engineer', a delivery role")


def test_a_near_spelling_says_so_with_its_score(matcher: TitleReader) -> None:
    lookup = matcher.lookup("Programme Ofice Analyst")
    assert lookup.reading is not None
    assert lookup.reading.method == "near spelling"
    assert lookup.reading.score is not None and lookup.reading.score < 100
    assert lookup.matches[0].title.name == "Programme Office Analyst"
    assert "Ofice" in lookup.reading.deciding


def test_graduate_titles_give_one_answer(matcher: TitleReader) -> None:
    lookup = matcher.lookup("Graduate PMO Analyst")
    assert [m.title.name for m in lookup.matches] == ["Graduate PMO Analyst"]
    assert lookup.reading is not None and lookup.reading.levels == (1,)


def test_grades_say_the_level_depends_on_scope(matcher: TitleReader) -> None:
    for title in ("AVP - PMO", "Associate Director, EPMO", "SVP, Enterprise PMO"):
        reading = matcher.lookup(title).reading
        assert reading is not None
        assert "depending on the role's scope" in reading.explanation
        assert reading.note and "scope" in reading.note
    avp = matcher.lookup("AVP - PMO")
    assert avp.matches == ()  # not VP PMO with "assistant" set aside


def test_other_professions_are_ruled_out_with_the_reason(matcher: TitleReader) -> None:
    sap = matcher.lookup("Maintenance Planner (SAP PM)")
    assert sap.matches == () and sap.reading is not None
    assert sap.reading.note is not None and "SAP PM" in sap.reading.note
    # An office word places the job in a PMO whatever the department.
    pmo = matcher.lookup("PMO Analyst - Plant Maintenance")
    assert pmo.reading is not None and pmo.reading.levels == (2,)


def test_delivery_roles_say_what_they_are_evidence_of(matcher: TitleReader) -> None:
    def evidence(title: str) -> str:
        lookup = matcher.lookup(title)
        assert lookup.delivery_role is not None and lookup.delivery_role.evidence
        return lookup.delivery_role.evidence

    assert evidence("Scrum Master").startswith("level 2 facilitation and continuous improvement")
    assert evidence("Programme Manager").startswith("level 3 delivery leadership")
    assert evidence("Site Project Manager - Construction").startswith(
        "delivery outside change portfolios, not PMO evidence"
    )
    assert matcher.lookup("Site Project Manager").reading.levels == ()  # type: ignore[union-attr]


# Words an advert adds that say where, how or for whom, never which job.
PLACES = ["London", "Leeds", "Toronto", "Sydney", "Pune", "Remote", "Dublin"]
CONTRACTS = ["(FTC)", "(Contract)", "(Permanent)", "- 12 month FTC", "(Maternity Cover)"]
DEPARTMENTS = ["Digital", "Finance Directorate", "Technology", "Operations", "HR"]
PATTERNS = ["| Hybrid", "| Remote", "(Part Time)", "- Full Time"]


@settings(max_examples=300, deadline=None)
@given(
    advert=st.sampled_from(ADVERTS),
    additions=st.lists(
        st.one_of(
            st.sampled_from(PLACES).map(lambda p: f" - {p}"),
            st.sampled_from(CONTRACTS).map(lambda c: f" {c}"),
            st.sampled_from(DEPARTMENTS).map(lambda d: f" - {d}"),
            st.sampled_from(PATTERNS).map(lambda w: f" {w}"),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_place_contract_department_or_work_pattern_never_changes_the_level(
    shared_reader: TitleReader, advert: dict[str, Any], additions: list[str]
) -> None:
    plain = shared_reader.lookup(advert["title"]).reading
    dressed = shared_reader.lookup(advert["title"] + "".join(additions)).reading
    assert plain is not None and dressed is not None
    assert dressed.levels == plain.levels, dressed.explanation


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    spacing=st.sampled_from([" ", "  "]),
    case=st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
)
def test_every_listed_title_and_alias_finds_itself(
    shared_reader: TitleReader, knowledge: Knowledge, data: Any, spacing: str, case: Any
) -> None:
    title = data.draw(st.sampled_from(knowledge.titles))
    name = data.draw(st.sampled_from((title.name, *title.aliases)))
    lookup = shared_reader.lookup(case(spacing.join(name.split())))
    assert lookup.matches[0].title == title, name
    assert lookup.reading is not None
    assert lookup.reading.method == "listed"
    assert lookup.reading.levels == title.levels


@pytest.fixture(scope="module")
def shared_reader() -> TitleReader:
    from pmo_advisor.knowledge import load_knowledge

    return TitleReader(load_knowledge())


# --- the titles page (its examples are run with every page's, in test_docs) ----------

TITLES_PAGE = Path(__file__).parents[1] / "docs" / "titles.md"


def test_the_titles_page_has_three_worked_examples() -> None:
    from tests.test_docs import BLOCK

    text = TITLES_PAGE.read_text(encoding="utf-8")
    commands = [m["command"] for m in BLOCK.finditer(text) if "--from" not in m["command"]]
    assert len(commands) >= 3


def test_an_assessment_reads_a_title_by_its_parts_too(run: Runner) -> None:
    args = ["assess", "--set", "years=1", "--set", "scope=programme", "--format", "json"]
    args += ["--set", "activities=keep-records", "--set", "title=Programme Administrator"]
    data = json.loads(run(*args).out)
    said = [r["text"] for r in data["reasons"] if r["answers"] == ["title"]]
    assert said == [
        "Your title, Programme Administrator, usually means level 1 (read as programme +"
        " administrator), in line with where you are placed (title)."
    ]


# --- the title grammar is checked on load, like the rest of data/ ---------------------


def test_a_grammar_specialism_of_an_unknown_focus_area_is_refused(
    data_copy: Path, load_error: LoadError
) -> None:
    _replace(data_copy / "title_grammar.yaml", "    focus: planning\n", "    focus: planing\n")
    code, err = load_error(data_copy)
    assert code == 3
    assert "title_grammar.yaml: specialisms[0].focus: unknown focus area 'planing'" in err


def test_a_grammar_rule_without_its_reason_is_refused(
    data_copy: Path, load_error: LoadError
) -> None:
    _replace(
        data_copy / "title_grammar.yaml",
        "    why: Analysis is level 2 work on the ladder.\n",
        "",
    )
    code, err = load_error(data_copy)
    assert code == 3
    assert "title_grammar.yaml: functions[" in err and ".why:" in err


def test_an_uppercase_grammar_phrase_is_refused(data_copy: Path, load_error: LoadError) -> None:
    _replace(data_copy / "title_grammar.yaml", "[maintenance, plant,", "[Maintenance, plant,")
    code, err = load_error(data_copy)
    assert code == 3
    assert "title_grammar.yaml: other_professions[0].phrases[0]: must be lowercase" in err


def test_a_delivery_role_must_say_what_it_is_evidence_of(
    data_copy: Path, load_error: LoadError
) -> None:
    _replace(
        data_copy / "titles.yaml",
        "    evidence: level 2 facilitation and continuous improvement\n",
        "",
    )
    code, err = load_error(data_copy)
    assert code == 3
    assert "].evidence: say what experience in the role is evidence of" in err
