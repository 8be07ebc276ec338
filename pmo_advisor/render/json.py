"""JSON: one object per result (``schema_version`` 1), a public contract in the README.

Fields are only ever added, never renamed or removed. Strings are written as UTF-8, with
every character a terminal could act on escaped, so the output is valid and safe to cat.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmo_advisor.knowledge import Course, DeliveryRole, Level, Title
from pmo_advisor.model import (
    COURSE_KIND_IDS,
    SCHEMA_VERSION,
    ActivityListing,
    Advice,
    Catalogue,
    CourseAdvice,
    Ladder,
    Plan,
    Roadmap,
    TitleListing,
    TitleLookup,
    TitleLookups,
    TitleReading,
)
from pmo_advisor.render import Renderer
from pmo_advisor.text import json_safe

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmo_advisor.render import Result
    from pmo_advisor.teamreport import TeamReport, TeamSummary


class JsonRenderer(Renderer):
    """Indented JSON, one object, ending with a newline."""

    def document(self, result: Result) -> str:
        """A result as one indented JSON object."""
        return dumps(result_data(result))

    def table(self, lookups: TitleLookups) -> str:
        """JSON lines: one compact object per title looked up, in input order."""
        # Made safe once for the whole batch: the same text as line by line, as a line's
        # JSON never holds a newline, at a fraction of the cost for long lists.
        encode = _COMPACT.encode
        return _safe(
            "".join(
                encode(lookup_data(lookup, lookups.threshold)) + "\n" for lookup in lookups.lookups
            )
        )

    def team(self, report: TeamReport) -> str:
        """A team report as one indented JSON object: the same text as
        ``dumps(team_data(report))``."""
        return "".join(self.team_pieces(report))

    def team_pieces(self, report: TeamReport) -> Iterator[str]:
        """The team report's JSON a person at a time, built from one piece of text per
        distinct advice: a large roster costs a short string per person, and the whole
        text is never held at once."""
        if not report.people:
            yield dumps(team_data(report))
            return
        from pmo_advisor.teamreport import with_parts

        yield f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "kind": "team",\n  "people": [\n'
        for index, (member, piece) in enumerate(with_parts(report.people, _person_piece)):
            name = _safe(json.dumps(member.name, ensure_ascii=False))
            between = ",\n" if index else ""
            yield f'{between}    {{\n      "name": {name},\n    {piece}'
        summary = _safe(json.dumps(team_summary_data(report.summary), ensure_ascii=False, indent=2))
        yield '\n  ],\n  "summary": ' + summary.replace("\n", "\n  ") + "\n}\n"


def _person_piece(advice: Advice) -> str:
    """One person's JSON in a team report, all but its opening and name line, nested
    two levels deep."""
    text = json.dumps({"name": "", **person_data(advice)}, ensure_ascii=False, indent=2)
    return _safe(text.split("\n", 2)[2]).replace("\n", "\n    ")


#: JSON lines' encoder, built once: ``json.dumps`` builds one per call.
_COMPACT = json.JSONEncoder(ensure_ascii=False)


def _safe(text: str) -> str:
    """JSON text that is valid UTF-8 (a byte that was not UTF-8, as in a file name, is
    U+FFFD, as in titles) with every character a terminal could act on written as a \\u
    escape: the one rule of :mod:`pmo_advisor.text`."""
    return json_safe(text)


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text that is valid UTF-8 and safe to print."""
    return _safe(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"


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
    if isinstance(result, ActivityListing):
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "activities",
            "activities": [
                {"id": a.id, "level": a.level, "focus": a.focus, "track": a.track, "does": a.does}
                for a in result.activities
            ],
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
    if lookup.reading is not None:
        data["reading"] = reading_data(lookup.reading)
    return data


def reading_data(reading: TitleReading) -> dict[str, Any]:
    """How an advert title was read, as JSON-ready data."""
    return {
        "method": reading.method,
        "levels": list(reading.levels),
        "explanation": reading.explanation,
        "deciding": list(reading.deciding),
        "ignored": list(reading.ignored),
        "focus": reading.focus,
        "pmo_type": reading.pmo_type,
        "note": reading.note,
        "score": reading.score,
    }


def role_data(role: DeliveryRole) -> dict[str, Any]:
    """A delivery role, as JSON-ready data."""
    return {
        "name": role.name,
        "levels": list(role.levels),
        "background": role.background,
        "note": role.note,
        "evidence": role.evidence,
    }


def course_data(course: Course) -> dict[str, Any]:
    """A catalogue course as JSON-ready data."""
    return {
        "id": course.id,
        "name": course.name,
        "kind": course.kind,
        "kind_id": COURSE_KIND_IDS[course.kind],
        "levels": list(course.levels),
        "focus": list(course.focus),
        "length": course.length,
        "prerequisites": list(course.prerequisites),
        "prerequisite_note": course.prerequisite_note,
        "summary": course.summary,
        "provider": course.provider,
        "awarding_body": course.awarding_body,
        "hours": _hours(course.hours),
        "delivery_modes": list(course.delivery_modes),
        "url": course.url,
        "aliases": list(course.aliases),
        "topics": list(course.topics),
        "satisfies": list(course.satisfies),
        "same_as": course.same_as,
        "entry_met_by": list(course.entry_met_by),
        "entry_met_at_level": course.entry_met_at_level,
        "expects_delivery": list(course.expects_delivery),
        "owner": course.owner,
        "primary_focus": course.primary_focus,
        "contexts": list(course.contexts),
        "outranks": list(course.outranks),
        "entry": None
        if course.entry is None
        else {
            "condition": course.entry.condition,
            "years": course.entry.years,
            "waived_by": list(course.entry.waived_by),
            "holds_one_of": list(course.entry.holds_one_of),
            "or_level": course.entry.or_level,
            "source": course.entry.source,
        },
    }


def plan_data(plan: Plan) -> dict[str, Any]:
    """A person's development plan as JSON-ready data."""
    return {
        "titles_now": [title_data(t) for t in plan.titles_now],
        "route": plan.route,
        "market": plan.market,
        "market_note": plan.market_note,
        "next_roles": [
            {"route": kind, "roles": [title_data(t) for t in roles]}
            for kind, roles in plan.next_roles
        ],
        "steps": [
            {
                "when": step.when,
                "role": step.role,
                "actions": [{"text": a.text} for a in step.actions],
                "courses": [
                    {
                        "id": c.course_id,
                        "name": c.name,
                        "why": c.why,
                        "alternatives": list(c.alternatives),
                        "ready": c.ready,
                        "condition": c.condition,
                        "owner": c.owner,
                        "provider": c.provider,
                        "kind": c.kind,
                        "length": c.length,
                        "hours": _hours(c.hours),
                        "url": c.url,
                    }
                    for c in step.courses
                ],
            }
            for step in plan.steps
        ],
    }


def _hours(hours: float | None) -> float | int | None:
    """Whole hours as a whole number: 14, not 14.0."""
    return int(hours) if hours is not None and hours.is_integer() else hours


def course_advice_data(course: CourseAdvice) -> dict[str, Any]:
    """A recommended course as JSON-ready data."""
    return {
        "id": course.course_id,
        "name": course.name,
        "kind": course.kind,
        "kind_id": COURSE_KIND_IDS[course.kind],
        "level": course.level,
        "length": course.length,
        "reason": course.reason,
        "prerequisites": list(course.prerequisites),
        "prerequisite_note": course.prerequisite_note,
        "provider": course.provider,
        "awarding_body": course.awarding_body,
        "hours": _hours(course.hours),
        "delivery_modes": list(course.delivery_modes),
        "url": course.url,
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
        data["answers"] = roadmap.answers.echoed()
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
        data["answers"] = advice.answers.echoed()
        data["proposed_level"] = advice.proposed_level
        data["confirmed_by"] = list(advice.confirmed_by)
        data["summary"] = list(advice.summary)
        data["plan"] = None if advice.plan is None else plan_data(advice.plan)
    if advice.request is not None:
        request = advice.request
        data["request"] = {
            "level": request.level,
            "scope": request.scope,
            "focus": list(request.focus),
            "held": list(request.held),
        }
    return data


def team_data(report: TeamReport) -> dict[str, Any]:
    """A team report as JSON-ready data; ``people`` is left out with ``--summary``."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "kind": "team"}
    if report.people is not None:
        from pmo_advisor.teamreport import with_parts

        # People with the same answers share one advice: its data is built once.
        data["people"] = [
            {"name": member.name, **part} for member, part in with_parts(report.people, person_data)
        ]
    data["summary"] = team_summary_data(report.summary)
    return data


def person_data(advice: Advice) -> dict[str, Any]:
    """One person's advice in short, with the assessment's own field names: the best
    title, the next step's first role and first gap, and the first courses to take."""
    full = advice_data(advice)
    data: dict[str, Any] = {
        key: full[key] for key in ("level", "borderline", "borderline_with") if key in full
    }
    data["titles"] = full["titles"][:1]
    step = full["next"]
    if step is not None:
        step = {**step, "roles": step["roles"][:1], "gaps": step["gaps"][:1]}
    data["next"] = step
    from pmo_advisor.teamreport import TEAM_TOP_COURSES

    data["courses"] = full["courses"][:TEAM_TOP_COURSES]
    # The same plan as the person's own assessment.
    data["plan"] = full.get("plan")
    if "answers" in full:
        data["answers"] = full["answers"]
    return data


def team_summary_data(summary: TeamSummary) -> dict[str, Any]:
    """The team summary as JSON-ready data."""
    return {
        "people": summary.people,
        "levels": {str(level): count for level, count in summary.levels},
        "borderline": [
            {
                "level": group.level,
                "with": group.with_level,
                "count": group.people.count,
                "people": list(group.people.people),
            }
            for group in summary.borderline
        ],
        "courses": [
            {
                "id": course.course_id,
                "name": course.name,
                "seats": course.seats.count,
                "people": list(course.seats.people),
            }
            for course in summary.courses
        ],
        "focus_coverage": {
            focus: {str(level): count for level, count in enumerate(counts, 1)}
            for focus, counts in summary.focus_coverage
        },
        "shared_gaps": [
            {
                "level": gap.level,
                "gap": gap.gap,
                "count": gap.people.count,
                "people": list(gap.people.people),
            }
            for gap in summary.shared_gaps
        ],
        "held": [
            {
                "id": held.course_id,
                "name": held.name,
                "count": held.people.count,
                "people": list(held.people.people),
            }
            for held in summary.held
        ],
        "invalid": [
            {"line": row.line, "file": row.file, "reason": row.reason} for row in summary.invalid
        ],
        # Every row skipped: "invalid" keeps only the first PROBLEMS_KEPT.
        "invalid_count": max(summary.invalid_count, len(summary.invalid)),
    }
