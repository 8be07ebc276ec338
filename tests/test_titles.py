"""The title translator: real-world advert titles map to the right level."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.titles import THRESHOLD, TitleMatcher
from tests.conftest import Run

Runner = Callable[..., Run]

# (advert title, the level it must map to)
ADVERTS = [
    ("Project Administrator", 1),
    ("Proj Admin - Leeds", 1),
    ("Project Coordinator (12 month FTC)", 1),
    ("project co-ordinator", 1),
    ("Junior Project Support Officer", 1),
    ("PROJECT SUPPORT OFFICER - REMOTE", 1),
    ("PMO Administrator, Finance Directorate", 1),
    ("Graduate Project Support", 1),
    ("Snr PMO Analyst - London (Contract)", 2),
    ("PMO Analyst", 2),
    ("IT PMO Analyst", 2),
    ("Senior Programme Office Analyst", 2),
    ("Program Office Analyst", 2),
    ("Programme Support Officer | Infrastructure", 2),
    ("Portfolio Office Co-ordinator", 2),
    ("Portfolio Analyst \u2013 Digital Transformation", 2),
    ("Project Office Support Officer", 2),
    ("PMO Officer (Hybrid)", 2),
    ("Project Management Officer", 2),
    ("Project Planner / Scheduler", 2),
    ("Snr Project Planner", 2),
    ("Planning Analyst, Rail", 2),
    ("Project Controls Analyst", 2),
    ("Project Controller - Oil & Gas", 2),
    ("Scheduler (Primavera P6)", 2),
    ("Project Assistant", 2),
    ("PMO Coordinator", 2),
    ("PMO Mgr", 3),
    ("PMO Manager - 6 month contract", 3),
    ("Senior PMO Manager", 3),
    ("PMO Lead", 3),
    ("Programme PMO Manager", 3),
    ("Programme Office Lead - Transformation", 3),
    ("Portfolio Office Manager", 3),
    ("Project Management Office Manager", 3),
    ("Project Office Lead", 3),
    ("PMO Director", 4),
    ("Director of PMO", 4),
    ("Director, Project Management Office", 4),
    ("Portfolio Director", 4),
    ("Head of Project Management", 4),
    ("Head of Projects", 4),
    ("Head of PMO", 4),
    ("Head of Enterprise PMO", 4),
    ("EPMO Manager", 4),
    ("ePMO Lead", 4),
    ("Director, Program Management Office", 4),
    ("Program Management Office Director", 4),
    ("Head of Program Management Office", 4),
    ("Head of Project Office", 4),
    ("PMO Co-ord", 2),
    ("P.M.O. Analyst", 2),
    ("Planner London", 2),
    ("Programe Office Analyst", 2),
    ("PMO Manger", 3),
]


@pytest.fixture(scope="module")
def matcher() -> TitleMatcher:
    from pmo_advisor.knowledge import load_knowledge

    return TitleMatcher(load_knowledge())


@pytest.mark.parametrize(("advert", "level"), ADVERTS, ids=[a for a, _ in ADVERTS])
def test_advert_titles_map_to_their_level(matcher: TitleMatcher, advert: str, level: int) -> None:
    lookup = matcher.lookup(advert)
    assert lookup.matches, f"no match for {advert!r}"
    assert level in lookup.matches[0].title.levels


def test_hit_rate_of_the_advert_table(matcher: TitleMatcher) -> None:
    hits = sum(
        1
        for advert, level in ADVERTS
        if (found := matcher.lookup(advert).matches) and level in found[0].title.levels
    )
    assert len(ADVERTS) >= 40
    assert hits == len(ADVERTS)


def test_every_knowledge_base_title_finds_itself_with_the_top_score(
    matcher: TitleMatcher, knowledge: Knowledge
) -> None:
    for title in knowledge.titles:
        for name in (title.name, *title.aliases):
            best = matcher.lookup(name).matches[0]
            assert best.title == title, (name, best.title.name)
            assert best.score == 100


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


def test_scripted_paths_without_titles_do_not_load_rapidfuzz() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\nfrom pmo_advisor.entry import main\n"
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
