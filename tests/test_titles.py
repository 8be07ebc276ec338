"""The title translator: real-world advert titles map to the right level."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.titles import THRESHOLD, TitleMatcher
from tests.conftest import Run

Runner = Callable[..., Run]

# Advert titles, delivery titles and other jobs, as data: the translator's spec.
TABLE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "data" / "advert_titles.yaml").read_text(encoding="utf-8")
)
ADVERTS: list[dict[str, Any]] = TABLE["adverts"]
DELIVERY: list[dict[str, Any]] = TABLE["delivery"]
OTHER_JOBS: list[str] = TABLE["not_pmo"]


@pytest.fixture(scope="module")
def matcher() -> TitleMatcher:
    from pmo_advisor.knowledge import load_knowledge

    return TitleMatcher(load_knowledge())


def test_the_table_is_big_enough_and_covers_every_level_and_focus(knowledge: Knowledge) -> None:
    assert len(ADVERTS) >= 150
    assert len(OTHER_JOBS) >= 40
    titles = [a["title"] for a in ADVERTS + DELIVERY] + OTHER_JOBS
    assert len(set(titles)) == len(titles), "each title once"
    assert {n for a in ADVERTS for n in a["levels"]} == {1, 2, 3, 4}
    assert {a["focus"] for a in ADVERTS if "focus" in a} == set(knowledge.focus_ids)


@pytest.mark.parametrize("advert", ADVERTS, ids=[a["title"] for a in ADVERTS])
def test_advert_titles_mean_their_levels(matcher: TitleMatcher, advert: dict[str, Any]) -> None:
    lookup = matcher.lookup(advert["title"])
    assert lookup.matches, f"no match for {advert['title']!r}"
    best = lookup.matches[0].title
    assert list(best.levels) == advert["levels"], best.name
    if "focus" in advert:
        assert advert["focus"] in best.focus, best.name
    else:
        assert not best.is_specialist, best.name
    assert lookup.delivery_role is None


@pytest.mark.parametrize("advert", DELIVERY, ids=[a["title"] for a in DELIVERY])
def test_delivery_titles_are_delivery_roles(matcher: TitleMatcher, advert: dict[str, Any]) -> None:
    lookup = matcher.lookup(advert["title"])
    assert lookup.matches == ()
    assert lookup.delivery_role is not None
    assert lookup.delivery_role.name == advert["role"]


@pytest.mark.parametrize("title", OTHER_JOBS)
def test_other_jobs_match_nothing(matcher: TitleMatcher, title: str) -> None:
    lookup = matcher.lookup(title)
    assert lookup.matches == ()
    assert lookup.delivery_role is None


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
def test_issue_9_reproductions(matcher: TitleMatcher, advert: str, title: str) -> None:
    best = matcher.lookup(advert).matches[0]
    assert best.title.name == title
    assert best.score == 100


def test_every_knowledge_base_title_finds_itself_with_the_top_score(
    matcher: TitleMatcher, knowledge: Knowledge
) -> None:
    for title in knowledge.titles:
        for name in (title.name, *title.aliases):
            lookup = matcher.lookup(name)
            best = lookup.matches[0]
            assert best.title == title, (name, best.title.name)
            assert best.score == 100
            assert lookup.delivery_role is None, name


def test_every_delivery_role_finds_itself_and_no_pmo_title(
    matcher: TitleMatcher, knowledge: Knowledge
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
def test_nonsense_gives_no_match(matcher: TitleMatcher, nonsense: str) -> None:
    assert matcher.lookup(nonsense).matches == ()


def test_seniority_is_explained_not_ignored(matcher: TitleMatcher) -> None:
    senior = matcher.lookup("Senior PMO Analyst")
    assert [s.word for s in senior.seniority] == ["senior"]
    assert senior.seniority[0].shift == "up"
    junior = matcher.lookup("Jr Project Planner")
    assert [s.word for s in junior.seniority] == ["junior"]
    # A seniority word that is part of the title itself is not set aside.
    assert matcher.lookup("PMO Lead").seniority == ()
    assert matcher.lookup("Head of PMO").seniority == ()


def test_a_title_at_two_levels_answers_with_both(matcher: TitleMatcher) -> None:
    best = matcher.lookup("Head of PMO").matches[0]
    assert best.title.levels == (3, 4)
    assert best.title.decided_by


def test_matches_are_best_first_and_confident(matcher: TitleMatcher) -> None:
    matches = matcher.lookup("Programme Office Analyst").matches
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= THRESHOLD for score in scores)


def test_an_over_long_title_is_an_error_for_that_title(matcher: TitleMatcher) -> None:
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
    assert plain == [
        "PMO Analyst\tPMO Analyst\t2\tany\t100",
        "Head of PMO\tHead of PMO\t3 or 4\tany\t100",
    ]
    markdown = run("titles", "--from", "-", "--format", "markdown", stdin=b"PMO Analyst\n").out
    assert "| PMO Analyst | PMO Analyst | 2 | any | 100 |" in markdown


def test_a_title_and_from_together_are_refused(run: Runner) -> None:
    result = run("titles", "PMO Analyst", "--from", "-")
    assert result.code == 2
    assert "not both" in result.err


@pytest.mark.terminal
def test_scripted_paths_without_titles_do_not_load_rapidfuzz() -> None:
    import subprocess
    import sys

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
    from pmo_advisor.model import TitleLookups
    from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
    from pmo_advisor.titles import TitleMatcher

    matcher = TitleMatcher(knowledge)
    lookups = TitleLookups(
        tuple(matcher.lookup(q) for q in ("PMO Analyst", "Nurse")), True, THRESHOLD
    )
    text = renderer_for(OutputFormat.rich, knowledge, RenderOptions(width=40)).render(lookups)
    assert text.splitlines() == [
        "PMO Analyst",
        "  PMO Analyst (level 2, any, 100)",
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
    assert "evidence of PMO level 3" in out
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


def _load_error(data: Path) -> tuple[int, str]:
    env = {**os.environ, "PMO_ADVISOR_DATA": str(data)}
    done = subprocess.run(
        [sys.executable, "-m", "pmo_advisor", "titles", "PMO Analyst"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.terminal
def test_a_focus_area_without_a_level_3_title_is_refused(data_copy: Path) -> None:
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
    code, err = _load_error(data_copy)
    assert code == 3
    assert "titles.yaml: titles: no specialist title for focus area 'risk' at level 3" in err


@pytest.mark.terminal
def test_an_alias_naming_another_title_is_refused(data_copy: Path) -> None:
    _replace(data_copy / "titles.yaml", "aliases: [PMO Support Analyst,", "aliases: [PMO Officer,")
    code, err = _load_error(data_copy)
    assert code == 3
    assert (
        "titles.yaml: titles[12].aliases[0]: 'PMO Officer' already belongs to 'PMO Officer'" in err
    )


@pytest.mark.terminal
def test_a_delivery_role_with_an_unknown_background_is_refused(data_copy: Path) -> None:
    _replace(data_copy / "titles.yaml", "background: projects", "background: project")
    code, err = _load_error(data_copy)
    assert code == 3
    assert "titles.yaml: delivery_roles[0].background: unknown delivery background 'project'" in err


@pytest.mark.terminal
def test_an_uppercase_tool_name_is_refused(data_copy: Path) -> None:
    _replace(data_copy / "title_words.yaml", "  - primavera p6\n", "  - Primavera P6\n")
    code, err = _load_error(data_copy)
    assert code == 3
    assert "title_words.yaml: tools[0]: must be lowercase" in err


# --- what the matcher remembers never changes an answer -------------------------------


def test_remembered_answers_equal_fresh_ones(knowledge: Knowledge) -> None:
    queries = [a["title"] for a in ADVERTS + DELIVERY] + OTHER_JOBS
    warm = TitleMatcher(knowledge)
    first = [warm.lookup(q) for q in queries]
    again = [warm.lookup(q.upper()) for q in queries] + [warm.lookup(q) for q in queries]
    fresh = [TitleMatcher(knowledge).lookup(q) for q in queries[:20]]
    assert again[len(queries) :] == first
    assert fresh == first[:20]
    # Case never counts, so the upper-case pass agrees title for title.
    assert [lk.matches for lk in again[: len(queries)]] == [lk.matches for lk in first]


def test_a_full_memory_starts_afresh(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    import pmo_advisor.titles as titles_module

    monkeypatch.setattr(titles_module, "_MEMORY", 3)
    small = TitleMatcher(knowledge)
    queries = [a["title"] for a in ADVERTS[:40]]
    answers = [small.lookup(q) for q in queries]
    assert len(small._lookup_memory) <= 3
    assert len(small._segment_memory) <= 3
    assert answers == [TitleMatcher(knowledge).lookup(q) for q in queries]
