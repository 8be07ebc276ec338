"""The JSON output (schema_version 1) of every command matches the documented shape.

The shapes below are the contract docs/json.md documents; a field may be added (here and
in docs/json.md), never renamed or removed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run

Runner = Callable[..., Run]


class Optional:
    """A key that only some results carry."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


class OneOf:
    """A value of one of several shapes."""

    def __init__(self, *shapes: Any) -> None:
        self.shapes = shapes


LEVEL = {"number": int, "stage": str, "title": str, "summary": str}
TITLE = {
    "title": str,
    "pmo_type": OneOf(None, str),
    "focus": [str],
    "levels": [int],
    "decided_by": OneOf(None, str),
}
ANSWERS = {
    "title": Optional(str),
    "years": OneOf(int, float),
    "scope": str,
    "activities": [str],
    "delivery": Optional([str]),
    "focus": Optional([str]),
    "team_size": Optional(int),
    "qualifications": Optional([str]),
    # Always there, null when no market was given or configured: it decides which
    # qualification schemes come first.
    "market": OneOf(None, str),
}
ADVICE = {
    "schema_version": int,
    "kind": str,
    "level": LEVEL,
    "borderline": bool,
    "borderline_with": OneOf(None, int),
    "reasons": [{"text": str, "answers": [str]}],
    "titles": [TITLE],
    "next": OneOf(
        None,
        {
            "level": LEVEL,
            "roles": [TITLE],
            "gaps": [str],
            "take_on": [str],
            "routes": [
                {
                    "kind": str,
                    "summary": str,
                    "focus": [str],
                    "roles": [TITLE],
                    "take_on": [str],
                }
            ],
        },
    ),
    "courses": [
        {
            "id": str,
            "name": str,
            "kind": str,
            "kind_id": str,
            "level": int,
            "length": OneOf(None, str),
            "reason": str,
            "prerequisites": [str],
            "prerequisite_note": OneOf(None, str),
            "provider": str,
            "awarding_body": OneOf(None, str),
            "hours": OneOf(None, int, float),
            "delivery_modes": [str],
            "url": OneOf(None, str),
        }
    ],
    "skills": [str],
    "answers": Optional(ANSWERS),
    "proposed_level": Optional(int),
    "confirmed_by": Optional([str]),
    "summary": Optional([str]),
    "plan": Optional(
        {
            "titles_now": [TITLE],
            "route": OneOf(None, str),
            "market": OneOf(None, str),
            "market_note": OneOf(None, str),
            "next_roles": [{"route": str, "roles": [TITLE]}],
            "steps": [
                {
                    "when": str,
                    "role": OneOf(None, str),
                    "actions": [{"text": str}],
                    "courses": [
                        {
                            "id": str,
                            "name": str,
                            "why": str,
                            "alternatives": [str],
                            "ready": bool,
                            "condition": OneOf(None, str),
                            "owner": OneOf(None, str),
                            "provider": str,
                            "kind": str,
                            "length": OneOf(None, str),
                            "hours": OneOf(None, int, float),
                            "url": OneOf(None, str),
                        }
                    ],
                }
            ],
        }
    ),
    "request": Optional({"level": int, "scope": OneOf(None, str), "focus": [str], "held": [str]}),
}
LADDER = {
    "schema_version": int,
    "kind": str,
    "levels": [{**LEVEL, "pmo_types": [str], "titles": [TITLE], "moves_up": OneOf(None, str)}],
}


def check(value: Any, shape: Any, where: str = "$") -> None:
    """Fail, naming the path, where value does not have the shape."""
    if isinstance(shape, OneOf):
        errors = []
        for option in shape.shapes:
            try:
                check(value, option, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: matches none of {errors}")
    if shape is None:
        assert value is None, f"{where}: expected null, got {value!r}"
    elif isinstance(shape, dict):
        assert isinstance(value, dict), f"{where}: expected an object"
        required = {k for k, v in shape.items() if not isinstance(v, Optional)}
        assert required <= set(value), f"{where}: missing {required - set(value)}"
        assert set(value) <= set(shape), f"{where}: undocumented {set(value) - set(shape)}"
        for key, item in value.items():
            inner = shape[key].shape if isinstance(shape[key], Optional) else shape[key]
            check(item, inner, f"{where}.{key}")
    elif isinstance(shape, list):
        assert isinstance(value, list), f"{where}: expected an array"
        for index, item in enumerate(value):
            check(item, shape[0], f"{where}[{index}]")
    elif shape is int:
        assert isinstance(value, int) and not isinstance(value, bool), (
            f"{where}: expected an integer"
        )
    elif shape is float:
        assert isinstance(value, float), f"{where}: expected a number"
    else:
        assert isinstance(value, shape), f"{where}: expected {shape.__name__}, got {value!r}"


LOOKUP = {
    "schema_version": int,
    "kind": str,
    "query": str,
    "matches": [
        {
            "title": str,
            "levels": [int],
            "pmo_type": OneOf(None, str),
            "score": float,
            "matched": str,
            "decided_by": OneOf(None, str),
        }
    ],
    "seniority": [{"word": str, "shift": str, "note": str}],
    "threshold": int,
    "delivery_role": OneOf(
        None,
        {
            "name": str,
            "levels": [int],
            "background": OneOf(None, str),
            "note": str,
            "evidence": OneOf(None, str),
        },
    ),
    "error": Optional(str),
    "reading": Optional(
        {
            "method": str,
            "levels": [int],
            "explanation": str,
            "deciding": [str],
            "ignored": [str],
            "focus": OneOf(None, str),
            "pmo_type": OneOf(None, str),
            "note": OneOf(None, str),
            "score": OneOf(None, float),
        }
    ),
}
TITLES = {"schema_version": int, "kind": str, "titles": [TITLE]}
COURSES = {
    "schema_version": int,
    "kind": str,
    "courses": [
        {
            "id": str,
            "name": str,
            "kind": str,
            "kind_id": str,
            "levels": [int],
            "focus": [str],
            "length": OneOf(None, str),
            "prerequisites": [str],
            "prerequisite_note": OneOf(None, str),
            "summary": str,
            "provider": str,
            "awarding_body": OneOf(None, str),
            "hours": OneOf(None, int, float),
            "delivery_modes": [str],
            "url": OneOf(None, str),
            "aliases": [str],
            "topics": [str],
            "satisfies": [str],
            "same_as": OneOf(None, str),
            "entry_met_by": [str],
            "entry_met_at_level": OneOf(None, int),
            "expects_delivery": [str],
            "owner": OneOf(None, str),
            "primary_focus": OneOf(None, str),
            "contexts": [str],
            "outranks": [str],
            "entry": OneOf(
                None,
                {
                    "condition": str,
                    "years": OneOf(None, int, float),
                    "waived_by": [str],
                    "holds_one_of": [str],
                    "or_level": OneOf(None, int),
                    "source": OneOf(None, str),
                },
            ),
        }
    ],
}
PLAN = {
    "schema_version": int,
    "kind": str,
    "from": int,
    "to": int,
    "focus": [str],
    "held": [str],
    "note": OneOf(None, str),
    "steps": [
        {
            "level": LEVEL,
            "roles": [TITLE],
            "specialists": [TITLE],
            "take_on": [{"id": str, "does": str}],
            "experience": str,
            "courses": ADVICE["courses"],
        }
    ],
    "answers": Optional(ANSWERS),
}
SHAPES = {
    "assessment": ADVICE,
    "suggestion": ADVICE,
    "ladder": LADDER,
    "title_lookup": LOOKUP,
    "titles": TITLES,
    "courses": COURSES,
    "plan": PLAN,
}

ASSESS = [
    "assess", "--set", "years=9.5", "--set", "scope=portfolio", "--set", "team_size=4",
    "--set", "activities=run-pmo,plan-schedule", "--set", "focus=planning",
    "--set", "qualifications=prince2", "--set", "title=Portfolio Office Lead",
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (ASSESS, "assessment"),
        (
            [
                "assess",
                "--set",
                "years=20",
                "--set",
                "scope=enterprise",
                "--set",
                "activities=lead-pmo-managers",
            ],
            "assessment",
        ),
        (["suggest", "--level", "1"], "suggestion"),
        (
            [
                "suggest",
                "--level",
                "2",
                "--scope",
                "programme",
                "--focus",
                "planning",
                "--held",
                "mor",
            ],
            "suggestion",
        ),
        (["suggest", "--level", "4"], "suggestion"),
        (["levels"], "ladder"),
        (["titles"], "titles"),
        (["titles", "Senior Head of PMO (interim)"], "title_lookup"),
        (["titles", "Chef de partie"], "title_lookup"),
        (["titles", "Senior Programme Manager"], "title_lookup"),
        (["courses", "--level", "2"], "courses"),
        (["plan", "--from", "1", "--to", "4", "--focus", "planning"], "plan"),
        (["plan", "--from", "3", "--to", "3"], "plan"),
    ],
)
def test_json_output_matches_the_contract(run: Runner, args: list[str], kind: str) -> None:
    result = run(*args, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["schema_version"] == 1
    assert data["kind"] == kind
    check(data, SHAPES[kind])
    if kind == "assessment":
        assert "answers" in data and "request" not in data
    if kind == "suggestion":
        assert "request" in data and "answers" not in data


def test_assessment_fields_carry_the_right_values(run: Runner) -> None:
    data = json.loads(run(*ASSESS, "--format", "json").out)
    assert data["level"]["number"] == 3
    assert data["borderline"] is False
    assert data["answers"]["years"] == 9.5
    assert "prince2" not in {c["id"] for c in data["courses"]}
    assert all(r["answers"] for r in data["reasons"])
    assert data["next"]["level"]["number"] == 4
    assert set(data["next"]["take_on"]) == {
        "lead-pmo-managers",
        "portfolio-strategy",
        "delivery-capability",
        "own-specialism",
    }


def test_the_docs_document_every_json_field() -> None:
    from tests.conftest import REPO

    section = (REPO / "docs" / "json.md").read_text(encoding="utf-8")

    def keys(shape: Any) -> set[str]:
        if isinstance(shape, Optional):
            return keys(shape.shape)
        if isinstance(shape, OneOf):
            return set().union(*(keys(s) for s in shape.shapes))
        if isinstance(shape, list):
            return keys(shape[0])
        if isinstance(shape, dict):
            return set(shape).union(*(keys(v) for v in shape.values()))
        return set()

    # The keys inside "answers" are the answers schema, documented in its own section.
    documented = set().union(*(keys(shape) for shape in SHAPES.values()))
    documented -= keys(ANSWERS) - {"title", "focus", "level"}
    for key in sorted(documented):
        assert f"`{key}`" in section, f"docs/json.md does not mention `{key}`"


def test_title_lookups_from_a_list_are_json_lines_of_the_same_shape(run: Runner) -> None:
    result = run("titles", "--from", "-", "--format", "json", stdin=b"PMO Analyst\nNurse\n")
    for line in result.out.splitlines():
        check(json.loads(line), LOOKUP)
