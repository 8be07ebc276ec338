"""JSON: one object per result (``schema_version`` 1), a public contract in the README.

Fields are only ever added, never renamed or removed. Strings are written as UTF-8, with
every character a terminal could act on escaped, so the output is valid and safe to cat.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pmo_advisor.knowledge import Level, Title
from pmo_advisor.model import SCHEMA_VERSION, Advice, Ladder
from pmo_advisor.render import Renderer

# Inside JSON strings: C1 controls, bidirectional controls, line and paragraph separators
# and lone surrogates; json.dumps already escapes C0 controls.
_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class JsonRenderer(Renderer):
    """Indented JSON, one object, ending with a newline."""

    def advice(self, advice: Advice) -> str:
        """An assessment or a suggestion as JSON."""
        return dumps(advice_data(advice))

    def ladder(self, ladder: Ladder) -> str:
        """The career ladder as JSON."""
        return dumps(
            {
                "schema_version": SCHEMA_VERSION,
                "kind": "ladder",
                "levels": [
                    {
                        **level_data(rung.level),
                        "pmo_types": list(rung.level.pmo_types),
                        "titles": [title_data(t) for t in rung.titles],
                        "moves_up": rung.level.moves_up,
                    }
                    for rung in ladder.rungs
                ],
            }
        )


def dumps(data: Any) -> str:
    """JSON text that is valid UTF-8 and safe to print."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def level_data(level: Level) -> dict[str, Any]:
    """A level as the JSON output shows it."""
    return {
        "number": level.number,
        "stage": level.stage,
        "title": level.title,
        "summary": level.summary,
    }


def title_data(title: Title) -> dict[str, Any]:
    """A title as the JSON output shows it."""
    return {
        "title": title.name,
        "pmo_type": title.pmo_type,
        "focus": list(title.focus),
        "levels": list(title.levels),
        "decided_by": title.decided_by,
    }


def advice_data(advice: Advice) -> dict[str, Any]:
    """An assessment or a suggestion as plain JSON-ready data."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": advice.kind,
        "level": level_data(advice.level),
        "borderline": advice.borderline,
        "borderline_with": advice.borderline_with,
        "reasons": [{"text": r.text, "answers": list(r.answers)} for r in advice.reasons],
        "titles": [title_data(t) for t in advice.titles],
        "next": None,
        "courses": [
            {
                "id": c.course_id,
                "name": c.name,
                "kind": c.kind,
                "level": c.level,
                "length": c.length,
                "reason": c.reason,
                "prerequisites": list(c.prerequisites),
                "prerequisite_note": c.prerequisite_note,
            }
            for c in advice.courses
        ],
        "skills": list(advice.skills),
    }
    if advice.next is not None:
        data["next"] = {
            "level": level_data(advice.next.level),
            "roles": [title_data(t) for t in advice.next.roles],
            "gaps": list(advice.next.gaps),
            "take_on": list(advice.next.take_on),
        }
    if advice.answers is not None:
        data["answers"] = advice.answers.given()
    if advice.request is not None:
        request = advice.request
        data["request"] = {
            "level": request.level,
            "scope": request.scope,
            "focus": list(request.focus),
            "held": list(request.held),
        }
    return data
