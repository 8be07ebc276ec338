"""Each answers key is defined once, in the Answers model; everything that presents or
reads the keys agrees with those definitions."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from pmo_advisor.answers import ANSWER_KEYS, KEYS, LIST_KEYS, REQUIRED_KEYS, Answers
from pmo_advisor.answers.model import BY_ID, ROSTER_HEADERS
from pmo_advisor.answers.schema import docs_table, json_schema, usage_lines
from pmo_advisor.answers.sources import parse_set_flags
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.questionnaire.questions import build_questions
from tests.conftest import Run

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pmo_advisor"
TABLE_HEAD = "| key | type | required | meaning |"


def test_every_answers_field_is_defined_once_and_only_answers_keys_are() -> None:
    defined = [f.name for f in fields(Answers) if "key" in f.metadata]
    assert defined == [key.id for key in KEYS]
    assert sorted(ANSWER_KEYS) == sorted(defined)
    # Only what a person answers is a key: the bookkeeping field is not.
    assert "team_size_given" not in ANSWER_KEYS
    assert ANSWER_KEYS[0] == "title"  # the questionnaire opens with the easiest question


def test_the_questionnaire_asks_each_key_as_defined(knowledge: Knowledge) -> None:
    questions = build_questions(lambda: knowledge)
    assert [q.key for q in questions] == list(ANSWER_KEYS)
    for question in questions:
        key = BY_ID[question.key]
        assert (question.kind, question.prompt, question.help, question.label) == (
            key.kind,
            key.prompt,
            key.help,
            key.label,
        )
        assert question.required == key.required
        if key.pool is not None and question.options:
            offered = {o.value for o in question.options}
            assert offered <= set(key.pool(knowledge)), question.key


def test_a_typed_answer_is_checked_by_its_key_bounds(knowledge: Knowledge) -> None:
    questions = {q.key: q for q in build_questions(lambda: knowledge)}
    for key in ("years", "team_size"):
        parse = questions[key].parse
        assert parse is not None
        high = BY_ID[key].high
        assert parse(str(high)) == high
        with pytest.raises(ValueError, match=f"must be from 0 to {high}"):
            parse(str(high + 1))


def test_set_flags_split_exactly_the_list_keys() -> None:
    raw = parse_set_flags([f"{key}=a,b" for key in ANSWER_KEYS])
    for key in ANSWER_KEYS:
        assert raw[key] == (["a", "b"] if key in LIST_KEYS else "a,b"), key


def test_the_json_schema_follows_the_definitions() -> None:
    for standalone in (True, False):
        schema = json_schema(standalone=standalone)
        properties = [p for p in schema["properties"] if p != "schema_version"]
        assert properties == [key.id for key in KEYS]
        assert schema["required"] == list(REQUIRED_KEYS)
    numbers = {k.id: k for k in KEYS if k.kind == "number"}
    schema = json_schema(standalone=False)
    for key_id, key in numbers.items():
        assert schema["properties"][key_id]["maximum"] == key.high


def test_each_key_is_a_roster_header(tmp_path: Path, run: object) -> None:
    assert set(ROSTER_HEADERS.values()) == set(ANSWER_KEYS)
    for key in ANSWER_KEYS:
        assert ROSTER_HEADERS[key] == key
    # As a spreadsheet heads them: any case, spaces for underscores.
    header = ",".join(["Name", *(k.replace("_", " ").title() for k in ANSWER_KEYS)])
    row = ",".join(
        [
            "Ann",
            "PMO Analyst",
            "4",
            "programme",
            "plan-schedule",
            "projects",
            "planning",
            "0",
            "prince2",
            "uk",
        ]
    )
    roster = tmp_path / "roster.csv"
    roster.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result: Run = run("team", str(roster), "--format", "json")  # type: ignore[operator]
    assert result.code == 0, result.err
    assert '"name": "Ann"' in result.out


def _answers_tables() -> list[tuple[Path, str]]:
    """Each Markdown table of answers keys in the README and the documentation."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    tables = []
    for page in pages:
        if not page.exists():
            continue
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.strip() == TABLE_HEAD:
                table = []
                for row in lines[number:]:
                    if not row.startswith("|"):
                        break
                    table.append(row)
                tables.append((page, "\n".join(table) + "\n"))
    return tables


def test_the_documented_answers_table_is_the_one_the_definitions_give() -> None:
    tables = _answers_tables()
    assert tables, f"no table of answers keys ({TABLE_HEAD}) in the README or docs/"
    for page, table in tables:
        assert table == docs_table(), (
            f"{page.relative_to(ROOT)}: the answers table differs from the keys'"
            " definitions in pmo_advisor/answers/model.py; print docs_table() from"
            " pmo_advisor.answers.schema for the table they give"
        )


@pytest.mark.terminal
def test_assess_help_lists_each_key_as_defined() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "pmo_advisor", "assess", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "120", "PATH": "", "NO_COLOR": "1"},
    ).stdout
    block = help_text.split("Answer keys, for --set KEY=VALUE or an answers file:", 1)[1]
    listed: list[tuple[str, str]] = []
    for line in block.splitlines()[1:]:
        found = re.match(r"\s*(\w+)\s{2,}(.+)", line)
        if not line.strip() or "Example:" in line:
            break
        if found and found.group(1) in ANSWER_KEYS:
            listed.append((found.group(1), found.group(2).strip()))
        else:  # a line continued under the one above
            listed[-1] = (listed[-1][0], f"{listed[-1][1]} {line.strip()}")
    assert listed == usage_lines()


def test_no_module_lists_the_answer_keys_again() -> None:
    """A collection naming most answer keys outside the model would be a second place
    to change when a key is added."""
    keys = set(ANSWER_KEYS)
    found = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if source == PACKAGE / "answers" / "model.py":
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in keys}
                if len(named) >= 5:
                    found.append(f"{source.relative_to(PACKAGE)}:{node.lineno}")
    assert not found


def test_questionary_stays_behind_the_terminal_questions() -> None:
    # questionary in the full-screen questions alone; prompt_toolkit, which it is built
    # on, there and in the lists built on its public API.
    users: dict[str, set[str]] = {"questionary": set(), "prompt_toolkit": set()}
    for source in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for library in {n.split(".")[0] for n in names} & set(users):
                users[library].add(source.relative_to(PACKAGE).as_posix())
    assert users["questionary"] == {"questionnaire/terminal.py"}
    assert users["prompt_toolkit"] == {"questionnaire/terminal.py", "questionnaire/choices.py"}


@pytest.mark.terminal
def test_plain_prompts_load_no_full_screen_library() -> None:
    code = (
        "import sys, pmo_advisor.questionnaire, pmo_advisor.questionnaire.plain;"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('questionary', 'prompt_toolkit')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


def _imports_within(package: Path, prefix: str) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for source in sorted(package.glob("*.py")):
        name = f"{prefix}.{source.stem}" if source.stem != "__init__" else prefix
        graph[name] = set()
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            within = isinstance(node, ast.ImportFrom) and (
                node.module == prefix or (node.module or "").startswith(prefix + ".")
            )
            if within and isinstance(node, ast.ImportFrom) and node.module != name:
                graph[name].add(str(node.module))
    return graph


@pytest.mark.parametrize("package", ["answers", "questionnaire"])
def test_no_import_circle_within(package: str) -> None:
    graph = _imports_within(PACKAGE / package, f"pmo_advisor.{package}")

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circles = [name for name in graph if reaches(name, name, set())]
    assert not circles


def test_set_completion_offers_the_ids_of_every_key_that_has_them(knowledge: Knowledge) -> None:
    from pmo_advisor.completion import set_values

    for key in KEYS:
        offered = set_values(f"{key.id}=")
        if key.pool is None:
            assert offered == [], key.id
        else:
            assert offered == [f"{key.id}={i}" for i in key.pool(knowledge)], key.id


def test_a_key_s_other_roster_headers_name_its_column() -> None:
    from pmo_advisor.roster.header import KNOWN, compact

    for key in KEYS:
        for header in (key.id, key.label, *key.roster_headers):
            assert KNOWN[compact(header)] == key.id, header
