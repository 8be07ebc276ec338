"""JSON: one object per result (``schema_version`` 1), a public contract in the README.

Fields are only ever added, never renamed or removed. Strings are written as UTF-8, with
every character a terminal could act on escaped, so the output is valid and safe to cat.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pmo_advisor.knowledge import Course, DeliveryRole, Level, Title
from pmo_advisor.model import (
    SCHEMA_VERSION,
    Advice,
    Catalogue,
    CourseAdvice,
    Ladder,
    Roadmap,
    TitleListing,
    TitleLookup,
    TitleLookups,
)
from pmo_advisor.render import Renderer

if TYPE_CHECKING:
    from pmo_advisor.render import Result

# Inside JSON strings: C1 controls, bidirectional controls, line and paragraph separators
# and lone surrogates; json.dumps already escapes C0 controls.
_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class JsonRenderer(Renderer):
    """Indented JSON, one object, ending with a newline."""

    def document(self, result: Result) -> str:
        """A result as one indented JSON object."""
        return dumps(result_data(result))

    def table(self, lookups: TitleLookups) -> str:
        """JSON lines: one compact object per title looked up, in input order."""
        return "".join(
            dumps(lookup_data(lookup, lookups.threshold), indent=None) for lookup in lookups.lookups
        )


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text that is valid UTF-8 and safe to print."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def result_data(result: Result) -> dict[str, Any]:
    """Any result as plain JSON-ready data."""
    if isinstance(result, Advice):
        return advice_data(result)
    if isinstance(result, Ladder):
        return ladder_data(result)
    if isinstance(result, TitleListing):
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "titles",
            "titles": [title_data(t) for t in result.titles],
        }
    if isinstance(result, TitleLookups):
        return lookup_data(result.lookups[0], result.threshold)
    if isinstance(result, Catalogue):
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "courses",
            "courses": [course_data(c) for c in result.courses],
        }
    return roadmap_data(result)


def ladder_data(ladder: Ladder) -> dict[str, Any]:
    """The career ladder as JSON-ready data."""
    return {
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


def lookup_data(lookup: TitleLookup, threshold: int) -> dict[str, Any]:
    """One advert title looked up, as JSON-ready data."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "title_lookup",
        "query": lookup.query,
        "matches": [
            {
                "title": m.title.name,
                "levels": list(m.title.levels),
                "pmo_type": m.title.pmo_type,
                "score": m.score,
                "matched": m.matched,
                "decided_by": m.title.decided_by,
            }
            for m in lookup.matches
        ],
        "seniority": [{"word": s.word, "shift": s.shift, "note": s.note} for s in lookup.seniority],
        "threshold": threshold,
        "delivery_role": None if lookup.delivery_role is None else role_data(lookup.delivery_role),
    }
    if lookup.error:
        data["error"] = lookup.error
    return data


def role_data(role: DeliveryRole) -> dict[str, Any]:
    """A delivery role, as JSON-ready data."""
    return {
        "name": role.name,
        "levels": list(role.levels),
        "background": role.background,
        "note": role.note,
    }


def course_data(course: Course) -> dict[str, Any]:
    """A catalogue course as JSON-ready data."""
    return {
        "id": course.id,
        "name": course.name,
        "kind": course.kind,
        "levels": list(course.levels),
        "focus": list(course.focus),
        "length": course.length,
        "prerequisites": list(course.prerequisites),
        "prerequisite_note": course.prerequisite_note,
        "summary": course.summary,
    }


def course_advice_data(course: CourseAdvice) -> dict[str, Any]:
    """A recommended course as JSON-ready data."""
    return {
        "id": course.course_id,
        "name": course.name,
        "kind": course.kind,
        "level": course.level,
        "length": course.length,
        "reason": course.reason,
        "prerequisites": list(course.prerequisites),
        "prerequisite_note": course.prerequisite_note,
    }


def roadmap_data(roadmap: Roadmap) -> dict[str, Any]:
    """A career roadmap as JSON-ready data."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "plan",
        "from": roadmap.start,
        "to": roadmap.target,
        "focus": list(roadmap.focus),
        "held": list(roadmap.held),
        "note": roadmap.note,
        "steps": [
            {
                "level": level_data(step.level),
                "roles": [title_data(t) for t in step.roles],
                "specialists": [title_data(t) for t in step.specialists],
                "take_on": [{"id": a.id, "does": a.does} for a in step.take_on],
                "experience": step.experience,
                "courses": [course_advice_data(c) for c in step.courses],
            }
            for step in roadmap.steps
        ],
    }
    if roadmap.answers is not None:
        data["answers"] = roadmap.answers.given()
    return data


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
        "courses": [course_advice_data(c) for c in advice.courses],
        "skills": list(advice.skills),
    }
    if advice.next is not None:
        data["next"] = {
            "level": level_data(advice.next.level),
            "roles": [title_data(t) for t in advice.next.roles],
            "gaps": list(advice.next.gaps),
            "take_on": list(advice.next.take_on),
            "routes": [
                {
                    "kind": route.kind,
                    "summary": route.summary,
                    "focus": list(route.focus),
                    "roles": [title_data(t) for t in route.roles],
                    "take_on": list(route.take_on),
                }
                for route in advice.next.routes
            ],
        }
    if advice.answers is not None:
        data["answers"] = advice.answers.given()
        data["proposed_level"] = advice.proposed_level
        data["confirmed_by"] = list(advice.confirmed_by)
    if advice.request is not None:
        request = advice.request
        data["request"] = {
            "level": request.level,
            "scope": request.scope,
            "focus": list(request.focus),
            "held": list(request.held),
        }
    return data
