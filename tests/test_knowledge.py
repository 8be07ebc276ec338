"""The knowledge base: the shipped data is valid and complete, and every kind of problem
in a data file is caught with its file and key path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pmo_advisor.errors import ExitCode, KnowledgeError
from pmo_advisor.knowledge import Knowledge, forget, load_knowledge

REQUIRED_FOCUS = {
    "reporting", "planning", "training", "governance", "risk", "finance", "resources",
    "benefits", "data",
}  # fmt: skip
REQUIRED_ACTIVITIES = {
    1: {"keep-records", "organise-meetings", "compile-status"},
    2: {
        "analyse-performance", "plan-schedule", "control-costs", "run-raid",
        "train-practitioners", "manage-tools-data", "track-capacity", "track-benefits",
        "assurance-reviews",
    },
    3: {"manage-pmo-team", "run-pmo", "design-pmo", "set-standards"},
    4: {"lead-pmo-managers", "portfolio-strategy", "delivery-capability"},
}  # fmt: skip
REQUIRED_COURSES = {
    "essentials-pmo-administrators", "essentials-pmo-analysts", "essentials-pmo-managers",
    "essentials-pmo-directors", "p3o-foundation", "p3o-practitioner", "mop-foundation",
    "mop-practitioner", "prince2", "msp", "apm-pfq", "agilepm", "mor", "managing-benefits",
    "setting-up-a-pmo", "foundations-of-pmo-leadership",
}  # fmt: skip
FACT_SHEET_TITLES = {
    1: ["Project Administrator", "Project Co-ordinator", "Project Support Officer"],
    2: [
        "Project Office Co-ordinator", "Project Office Analyst", "Project Office Support",
        "Programme Office Co-ordinator", "Programme Office Analyst", "Programme Office Support",
        "Portfolio Office Co-ordinator", "Portfolio Office Analyst", "Portfolio Office Support",
        "Project Management Officer", "PMO Officer", "Project Assistant", "Project Planner",
        "Project Scheduler", "Project Controller",
    ],
    3: [
        "PMO Manager", "PMO Lead", "Project Office Manager", "Programme Office Manager",
        "Portfolio Office Manager", "Project Office Lead", "Programme Office Lead",
        "Portfolio Office Lead", "Head of PMO", "ePMO Manager",
    ],
    4: ["Head of PMO", "PMO Director", "Portfolio Director", "Head of Project Management",
        "ePMO Manager"],
}  # fmt: skip


def test_the_ladder_has_four_levels_with_their_stage_names(knowledge: Knowledge) -> None:
    assert [(lv.number, lv.stage) for lv in knowledge.levels] == [
        (1, "PMO Administrator"),
        (2, "PMO Analyst"),
        (3, "PMO Manager"),
        (4, "PMO Director"),
    ]


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_fact_sheet_title_sits_at_its_level(knowledge: Knowledge, level: int) -> None:
    names = {t.name for t in knowledge.titles_at(level)}
    assert set(FACT_SHEET_TITLES[level]) <= names


def test_titles_at_two_levels_say_what_decides(knowledge: Knowledge) -> None:
    two = {t.name: t for t in knowledge.titles if len(t.levels) == 2}
    assert set(two) >= {"Head of PMO", "ePMO Manager"}
    assert all(t.decided_by for t in two.values())


def test_specialist_titles_carry_their_focus(knowledge: Knowledge) -> None:
    focus = {t.name: t.focus for t in knowledge.titles}
    assert "planning" in focus["Project Planner"]
    assert "planning" in focus["Project Scheduler"]
    assert "finance" in focus["Project Controller"]


def test_required_ids_exist(knowledge: Knowledge) -> None:
    assert set(knowledge.focus_ids) >= REQUIRED_FOCUS
    for level, ids in REQUIRED_ACTIVITIES.items():
        assert {a.id for a in knowledge.activities_at(level)} >= ids
    assert set(knowledge.course_ids) >= REQUIRED_COURSES


def test_trade_marks_are_shown(knowledge: Knowledge) -> None:
    marks = re.compile(
        r"\b(P3O|MoP|MSP|PRINCE2|MoR)\b|Management of (Portfolios|Risk)|Managing Successful"
    )
    marked = [c.name for c in knowledge.courses if marks.search(c.name)]
    assert len(marked) >= 8
    for name in marked:
        assert "®" in name, name


def test_prerequisites_from_the_facts(knowledge: Knowledge) -> None:
    assert knowledge.course("p3o-practitioner").prerequisites == ("p3o-foundation",)
    assert "essentials-pmo-analysts" in knowledge.course("essentials-pmo-managers").prerequisites


# --- every kind of problem is caught -------------------------------------------------


def _problem(data: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data)
    assert caught.value.exit_code == ExitCode.INVALID_KNOWLEDGE
    return caught.value.message


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_key_is_named_with_file_and_path(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "  - id: planning\n", "  - id: planning\n    colour: red\n")
    message = _problem(data_copy)
    assert f"{data_copy / 'focus.yaml'}: focus[1].colour: unknown key" in message


def test_bad_type_is_named(data_copy: Path) -> None:
    _edit(data_copy / "activities.yaml", "    level: 3\n", '    level: "three"\n')
    message = _problem(data_copy)
    assert "activities.yaml: activities[12].level:" in message
    assert "'three'" in message


def test_number_given_as_text_is_a_bad_type(data_copy: Path) -> None:
    _edit(
        data_copy / "titles.yaml",
        "levels: [1], pmo_type: project,",
        'levels: ["1"], pmo_type: project,',
    )
    assert "titles.yaml: titles[0].levels[0]:" in _problem(data_copy)


def test_missing_key_is_named(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "    name: Training\n", "")
    assert "focus.yaml: focus[2].name: missing required key" in _problem(data_copy)


def test_unknown_pmo_type_is_named(data_copy: Path) -> None:
    _edit(
        data_copy / "titles.yaml",
        "pmo_type: programme, aliases: [Programme Office Support Officer",
        "pmo_type: programe, aliases: [Programme Office Support Officer",
    )
    message = _problem(data_copy)
    assert "titles.yaml: titles[8].pmo_type:" in message
    assert "programe" in message


def test_dangling_focus_reference_in_a_title(data_copy: Path) -> None:
    _edit(
        data_copy / "titles.yaml",
        "focus: [planning], aliases: [Planner,",
        "focus: [planing], aliases: [Planner,",
    )
    message = _problem(data_copy)
    assert "titles.yaml: titles[16].focus[0]: unknown focus area 'planing'" in message


def test_dangling_prerequisite_in_a_course(data_copy: Path) -> None:
    _edit(
        data_copy / "courses.yaml",
        "prerequisites: [p3o-foundation]",
        "prerequisites: [p3o-foundaton]",
    )
    message = _problem(data_copy)
    assert re.search(
        r"courses\.yaml: courses\[\d+\]\.prerequisites\[0\]: unknown course 'p3o-foundaton'",
        message,
    )


def test_dangling_activity_in_a_course(data_copy: Path) -> None:
    _edit(
        data_copy / "courses.yaml",
        "activities: [design-pmo, run-pmo]",
        "activities: [design-a-pmo, run-pmo]",
    )
    assert "unknown activity 'design-a-pmo'" in _problem(data_copy)


def test_duplicate_id(data_copy: Path) -> None:
    _edit(data_copy / "courses.yaml", "  - id: msp\n", "  - id: prince2\n")
    assert re.search(
        r"courses\.yaml: courses\[\d+\]: duplicate course id 'prince2'", _problem(data_copy)
    )


def test_duplicate_title(data_copy: Path) -> None:
    _edit(data_copy / "titles.yaml", "name: PMO Lead,", "name: PMO Manager,")
    assert "duplicate title 'pmo manager'" in _problem(data_copy)


def test_prerequisite_cycle(data_copy: Path) -> None:
    _edit(
        data_copy / "courses.yaml",
        "    activities: [assurance-reviews]\n    aliases: [P3O Foundation",
        "    activities: [assurance-reviews]\n    prerequisites: [p3o-practitioner]\n"
        "    aliases: [P3O Foundation",
    )
    assert "depends on itself" in _problem(data_copy)


def test_invalid_yaml_is_named_with_its_line(data_copy: Path) -> None:
    (data_copy / "levels.yaml").write_text("levels:\n  - number: [1\n", encoding="utf-8")
    message = _problem(data_copy)
    assert "levels.yaml: not valid YAML" in message
    assert "line" in message


def test_yaml_alias_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "  - id: reporting\n", "  - id: &x reporting\n")
    assert "anchors and aliases" in _problem(data_copy)


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "courses.yaml").unlink()
    assert "courses.yaml: file is missing" in _problem(data_copy)


def test_not_a_directory(tmp_path: Path) -> None:
    assert "not a directory" in _problem(tmp_path / "nowhere")


def test_several_problems_are_reported_together(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "    name: Training\n", "")
    _edit(
        data_copy / "scopes.yaml",
        "    name: Project PMO\n",
        "    name: Project PMO\n    extra: 1\n",
    )
    message = _problem(data_copy)
    assert "focus.yaml" in message
    assert "scopes.yaml" in message


@pytest.mark.terminal
def test_cli_exits_3_naming_the_problem(data_copy: Path) -> None:
    _edit(
        data_copy / "titles.yaml",
        "focus: [planning], aliases: [Planner,",
        "focus: [planing], aliases: [Planner,",
    )
    env = {**os.environ, "PMO_ADVISOR_DATA": str(data_copy)}
    done = subprocess.run(
        [sys.executable, "-m", "pmo_advisor", "suggest", "--level", "2"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    assert "unknown focus area 'planing'" in done.stderr
    assert "Traceback" not in done.stderr


# --- the cache of the validated knowledge base ---------------------------------------


def test_cached_knowledge_equals_validated_knowledge(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    fresh = load_knowledge(data_copy)
    assert list((tmp_path / "cache").glob("knowledge-*.pickle"))
    # A second process-level load, from the cache this time.
    forget()
    cached = load_knowledge(data_copy)
    assert cached == fresh
    assert cached is not fresh


def test_a_changed_data_file_is_validated_again(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    load_knowledge(data_copy)
    forget()
    _edit(
        data_copy / "titles.yaml",
        "focus: [planning], aliases: [Planner,",
        "focus: [planing], aliases: [Planner,",
    )
    assert "planing" in _problem(data_copy)


def test_a_file_read_again_unchanged_shares_its_records_and_a_changed_one_is_read_afresh(
    data_copy: Path,
) -> None:
    from pmo_advisor.knowledge.datafiles import FILE_NAMES
    from pmo_advisor.knowledge.validate import validate

    texts = {name: (data_copy / name).read_text(encoding="utf-8") for name in FILE_NAMES}
    first, problems = validate(texts, lambda name: f"first/{name}")
    assert problems == []
    texts["focus.yaml"] = texts["focus.yaml"].replace("  - id: planning\n", "  - id: planing\n")
    again, problems = validate(texts, lambda name: f"again/{name}")
    assert again["courses"] is first["courses"]
    assert "planing" in {f.id for f in again["focus_areas"]}
    assert "planning" in {f.id for f in first["focus_areas"]}
    # The same problems, named after the files as this call names them.
    texts["courses.yaml"] += "\nstray: [\n"
    _, problems = validate(texts, lambda name: f"third/{name}")
    _, again_problems = validate(texts, lambda name: f"fourth/{name}")
    assert problems and all(p.startswith("third/") for p in problems)
    assert again_problems == [p.replace("third/", "fourth/", 1) for p in problems]


def test_a_corrupt_cache_is_ignored(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", str(cache))
    fresh = load_knowledge(data_copy)
    (path,) = cache.glob("knowledge-*.pickle")
    path.write_text('{"key": "' + path.stem.removeprefix("knowledge-") + '", "records": {}}')
    forget()
    assert load_knowledge(data_copy) == fresh


def test_caching_can_be_turned_off(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_ADVISOR_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_knowledge(data_copy)
    assert not (tmp_path / "xdg").exists()


def test_an_id_that_is_not_lowercase_words_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "  - id: planning\n", "  - id: Planning Area\n")
    assert "focus.yaml: focus[1].id: 'Planning Area' is not an id" in _problem(data_copy)


def test_values_are_not_converted_between_types(data_copy: Path) -> None:
    _edit(data_copy / "courses.yaml", "    core: true\n", '    core: "yes"\n')
    assert re.search(r"courses\.yaml: courses\[0\]\.core: .*'yes'", _problem(data_copy))


@pytest.mark.terminal
def test_using_the_knowledge_base_does_not_import_pydantic() -> None:
    code = (
        "import sys\nfrom pmo_advisor.knowledge import load_knowledge\nload_knowledge()\n"
        "print(*(name in sys.modules for name in ('pydantic', 'yaml')))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # fills the cache
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_an_experience_note_must_quote_the_years_the_rules_use(data_copy: Path) -> None:
    _edit(
        data_copy / "levels.yaml",
        "usually ask for ten or more",
        "usually ask for eight or more",
    )
    message = _problem(data_copy)
    assert "levels.yaml: levels[3].experience_note: quotes 'eight' years" in message
    assert "typical.min_years is 10" in message


def test_evidence_must_name_known_activities_and_backgrounds(data_copy: Path) -> None:
    _edit(data_copy / "levels.yaml", "[run-pmo, design-pmo, lead-specialism]", "[run-a-pmo]")
    _edit(data_copy / "levels.yaml", "delivery: [programmes]", "delivery: [programs]")
    message = _problem(data_copy)
    assert re.search(
        r"levels\[2\]\.evidence\.signals\[1\]\.activities\[0\]: unknown activity 'run-a-pmo'",
        message,
    )
    assert "unknown delivery background 'programs'" in message


def test_evidence_counts_must_fit_the_signals(data_copy: Path) -> None:
    _edit(
        data_copy / "levels.yaml",
        "      needs: 3\n      firm: 4\n",
        "      needs: 5\n      firm: 4\n",
    )
    assert "levels[3].evidence: needs (5) <= firm (4)" in _problem(data_copy)


def test_a_signal_without_a_test_is_refused(data_copy: Path) -> None:
    _edit(
        data_copy / "levels.yaml",
        "        - id: wide-scope\n          scope: portfolio\n",
        "        - id: wide-scope\n",
    )
    assert "a signal needs at least one test" in _problem(data_copy)


def test_levels_two_to_four_need_evidence_and_routes(knowledge: Knowledge) -> None:
    assert knowledge.level(1).evidence is None
    for number in (2, 3, 4):
        level = knowledge.level(number)
        assert level.evidence is not None and level.routes is not None
        # The fact sheet's "Reading evidence": levels 3 and 4 hinge on leading people.
    assert any(s.defining and s.team for s in knowledge.level(3).evidence.signals)  # type: ignore[union-attr]


def test_delivery_backgrounds_are_validated_like_ids(data_copy: Path) -> None:
    _edit(data_copy / "delivery.yaml", "  - id: projects\n", "  - id: Projects!\n")
    assert "delivery.yaml: backgrounds[0].id: 'Projects!' is not an id" in _problem(data_copy)


def test_the_loader_and_the_validator_name_the_same_data_files() -> None:
    # The loader keeps its own list so that a cached start never imports the validator.
    from pmo_advisor.knowledge.datafiles import FILE_NAMES as _FILE_NAMES
    from pmo_advisor.knowledge.validate import FILES

    assert set(_FILE_NAMES) == set(FILES)


@pytest.mark.parametrize(
    ("file_name", "old", "new", "expected"),
    [
        # A level number levels.yaml does not define
        (
            "titles.yaml",
            "{name: Project Administrator, levels: [1],",
            "{name: Project Administrator, levels: [5],",
            "titles[0].levels[0]: unknown level 5 (known: 1, 2, 3, 4)",
        ),
        # Len(1, 2) on a title's levels
        (
            "titles.yaml",
            "{name: Project Administrator, levels: [1],",
            "{name: Project Administrator, levels: [1, 2, 3],",
            "titles[0].levels: Tuple should have at most 2 items",
        ),
        # Interval(gt=0, le=2000) on a course's hours
        ("courses.yaml", "    hours: 14\n", "    hours: 0\n", "Input should be greater than 0"),
        # Len(1, 100) on a provider
        (
            "courses.yaml",
            "    provider: PMO Learning\n",
            f"    provider: {'P' * 101}\n",
            "provider: String should have at most 100 characters",
        ),
        # MinLen(1) on a course's delivery modes
        (
            "courses.yaml",
            "    delivery_modes: [classroom, virtual, in-house]\n",
            "    delivery_modes: []\n",
            "delivery_modes: Tuple should have at least 1 item after validation, not 0",
        ),
        # Ge(0) on the team a level typically has
        (
            "levels.yaml",
            "      min_team: 0\n",
            "      min_team: -1\n",
            "min_team: Input should be greater than or equal to 0",
        ),
    ],
)
def test_the_bounds_records_declare_are_enforced(
    data_copy: Path, file_name: str, old: str, new: str, expected: str
) -> None:
    _edit(data_copy / file_name, old, new)
    assert expected in _problem(data_copy)


# --- markets ----------------------------------------------------------------------------


def test_markets_are_the_eight_in_the_order_offered(knowledge: Knowledge) -> None:
    assert knowledge.market_ids == (
        "uk", "us", "europe", "australia-nz", "india", "middle-east", "africa", "other",
    )  # fmt: skip
    assert knowledge.market("australia-nz").name == "Australia and New Zealand"


def test_markets_prefer_the_schemes_the_fact_sheet_names(knowledge: Knowledge) -> None:
    prefers = {m.id: m.prefers for m in knowledge.markets}
    assert prefers == {
        "uk": ("House of PMO", "PeopleCert", "APM"),
        "us": ("PMI",),
        "india": ("PMI",),
        "middle-east": ("PMI",),
        "australia-nz": ("PMI", "PeopleCert", "AIPM"),
        # No data of their own: the international default applies.
        "europe": (),
        "africa": (),
        # No preference at all.
        "other": (),
    }


def test_an_unknown_scheme_owner_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "markets.yaml", "prefers: [PMI]", "prefers: [PMl]")
    message = _problem(data_copy)
    assert "markets.yaml: markets[1].prefers[0]: Input should be 'PMI'" in message


def test_a_duplicate_market_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "markets.yaml", "  - id: india\n", "  - id: us\n")
    assert "markets.yaml: markets[4]: duplicate market id 'us'" in _problem(data_copy)


def test_an_owner_preferred_twice_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "markets.yaml", "prefers: [PMI]", "prefers: [PMI, PMI]")
    assert "markets.yaml: markets[1].prefers[1]: duplicate scheme owner 'PMI'" in _problem(
        data_copy
    )


def test_a_market_id_must_be_an_id(data_copy: Path) -> None:
    _edit(data_copy / "markets.yaml", "  - id: uk\n", "  - id: United Kingdom\n")
    assert "markets.yaml: markets[0].id: 'United Kingdom' is not an id" in _problem(data_copy)


# --- the vocabulary comes from the data files alone ---------------------------------------


def test_a_new_scope_in_scopes_yaml_is_known_everywhere(data_copy: Path) -> None:
    _edit(
        data_copy / "scopes.yaml",
        "  - id: enterprise\n",
        "  - id: group\n    name: Group PMO\n    description: Serves a group of companies.\n"
        "  - id: enterprise\n",
    )
    _edit(data_copy / "titles.yaml", "pmo_type: programme,", "pmo_type: group,")
    knowledge = load_knowledge(data_copy)
    assert knowledge.scope_ids == ("project", "programme", "portfolio", "group", "enterprise")
    assert knowledge.scope_rank("group") == 3
    assert "group" in {t.pmo_type for t in knowledge.titles}


def test_a_scope_scopes_yaml_does_not_define_is_named(data_copy: Path) -> None:
    _edit(data_copy / "levels.yaml", "      min_scope: project\n", "      min_scope: team\n")
    message = _problem(data_copy)
    assert re.search(
        r"levels\.yaml: levels\[\d\]\.typical\.min_scope: unknown scope 'team'", message
    )
    assert "(known: project, programme, portfolio, enterprise)" in message


def test_course_kinds_come_from_courses_yaml(data_copy: Path) -> None:
    _edit(data_copy / "courses.yaml", "kinds: [certification,", "kinds: [diploma, certification,")
    _edit(data_copy / "courses.yaml", "    kind: professional status\n", "    kind: diploma\n")
    knowledge = load_knowledge(data_copy)
    assert knowledge.course_kinds[0] == "diploma"
    assert any(c.kind == "diploma" for c in knowledge.courses)


def test_a_course_kind_named_twice_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "courses.yaml", "kinds: [certification,", "kinds: [course, certification,")
    assert "courses.yaml: kinds[2]: duplicate course kind 'course'" in _problem(data_copy)


def test_the_ladder_is_as_long_as_levels_yaml_says(data_copy: Path) -> None:
    # Without level 4, everything that names it is named as an unknown level.
    levels = data_copy / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    levels.write_text(text[: text.index("  - number: 4")], encoding="utf-8")
    message = _problem(data_copy)
    assert re.search(
        r"activities\.yaml: activities\[\d+\]\.level: unknown level 4 \(known: 1, 2, 3\)", message
    )
    assert re.search(r"titles\.yaml: titles\[\d+\]\.levels\[\d\]: unknown level 4", message)


def test_levels_must_be_numbered_one_two_three(data_copy: Path) -> None:
    _edit(data_copy / "levels.yaml", "  - number: 2\n", "  - number: 5\n")
    message = _problem(data_copy)
    assert "levels.yaml: levels: must number the levels 1, 2, 3 and so on, lowest first" in message


def test_summary_words_must_be_a_regular_expression(data_copy: Path) -> None:
    _edit(data_copy / "focus.yaml", "summary_words: 'risk'", "summary_words: 'risk('")
    assert "focus.yaml: focus[4].summary_words: not a regular expression" in _problem(data_copy)
