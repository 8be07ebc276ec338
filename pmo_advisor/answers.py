"""Answers schema 1: what a person tells the advisor, and how it is validated.

Answers arrive from an answers file, standard input, ``--set`` flags or (on a terminal)
the questionnaire; all of them end in :func:`validate`, so the same rules and the same
messages hold wherever an answer came from. The schema is a public contract documented
in the README: keys are only ever added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from pydantic_core import CoreSchema, SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from pmo_advisor.checks import (
    ANSWER_KEYS,
    MAX_LIST,
    MAX_TEAM,
    MAX_TITLE,
    MAX_YEARS,
    REQUIRED_KEYS,
    Numeral,
    check_team_size,
    check_title,
    check_years,
    describe,
    given_only,
    known_key,
    oversized,
    split_list,
)
from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge, Scope
from pmo_advisor.nearest import unknown_choice, unknown_course


@dataclass(frozen=True, slots=True)
class Answers:
    """What a person told the advisor about their work (answers schema 1), validated.

    Make one with :meth:`from_mapping` (or :func:`validate`, which words the errors):
    ids are checked against the knowledge base, matched case-insensitively,
    de-duplicated and put in the knowledge base's order, so that the order they were
    given in never matters.
    """

    years: float
    """Years working in project support, PMO or project delivery."""
    scope: Scope
    """The widest scope of PMO work the person does."""
    activities: tuple[str, ...]
    """Activity ids for what the person does regularly."""
    delivery: tuple[str, ...] = ()
    """Delivery background ids: projects or programmes managed, delivery staff led."""
    focus: tuple[str, ...] = ()
    """Focus area ids for what their PMO work centres on."""
    team_size: int = 0
    """How many people report to them."""
    title: str | None = None
    """Their current job title, if they gave one."""
    qualifications: tuple[str, ...] = ()
    """Course ids for courses and certifications they already hold."""
    market: str | None = None
    """The market id for where they work, if they gave one: it decides which
    qualification schemes are recommended first."""
    team_size_given: bool = False
    """Whether team_size was answered, rather than left at its default of 0."""

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], knowledge: Knowledge) -> Answers:
        """The answers in ``raw`` (the keys of an answers file), checked against answers
        schema 1 and ``knowledge``; raises pydantic_core's ValidationError, with every
        problem, when they do not pass."""
        data = _validator().validate_python(dict(raw), context={"knowledge": knowledge})
        return cls(**data, team_size_given="team_size" in raw)

    def given(self) -> dict[str, Any]:
        """The answers as plain data in schema 1, leaving out optional keys not given."""
        result: dict[str, Any] = {}
        for key in ANSWER_KEYS:
            value = getattr(self, key)
            if key == "team_size" and not self.team_size_given:
                continue
            if key in REQUIRED_KEYS or value not in (None, ()):
                result[key] = list(value) if isinstance(value, tuple) else value
        years = float(result["years"])
        result["years"] = int(years) if years.is_integer() else years
        return result

    def echoed(self) -> dict[str, Any]:
        """The answers as results echo them: those given, and ``market`` always (null
        when there is none), so that a reader can tell which market the recommended
        schemes were chosen for."""
        return {**self.given(), "market": self.market}


@cache
def _validator() -> SchemaValidator:
    return SchemaValidator(answers_core_schema())


def answers_core_schema() -> CoreSchema:
    """The schema answers are validated with, in pydantic-core's terms.

    Answers are validated by pydantic-core directly rather than through a pydantic
    model: importing pydantic's model machinery and building a model's validator took
    longer than everything else ``assess`` does. The published JSON Schema is generated
    from this same schema, so the two cannot drift apart.
    """

    def optional(schema: CoreSchema, default: Any) -> cs.TypedDictField:
        return cs.typed_dict_field(cs.with_default_schema(schema, default=default), required=False)

    def ids(key: str, *, at_least: int | None = None) -> CoreSchema:
        items = cs.tuple_schema([cs.str_schema()], variadic_item_index=0, min_length=at_least)
        return cs.with_info_before_validator_function(_known_ids(key), items)

    fields = {
        # The bounds repeat what the checks enforce, so that the published schema says
        # them too.
        "years": cs.typed_dict_field(
            cs.no_info_before_validator_function(check_years, cs.float_schema(ge=0, le=MAX_YEARS)),
            required=True,
        ),
        "scope": cs.typed_dict_field(
            cs.with_info_before_validator_function(
                _scope_id, cs.literal_schema(list(get_args(Scope)))
            ),
            required=True,
        ),
        "activities": cs.typed_dict_field(ids("activities", at_least=1), required=True),
        "delivery": optional(ids("delivery"), ()),
        "focus": optional(ids("focus"), ()),
        # No default: a team size not given is not known, which is not the same as 0.
        "team_size": cs.typed_dict_field(
            cs.no_info_before_validator_function(check_team_size, cs.int_schema(ge=0, le=MAX_TEAM)),
            required=False,
        ),
        "title": optional(
            cs.no_info_before_validator_function(
                _title, cs.nullable_schema(cs.str_schema(max_length=MAX_TITLE))
            ),
            None,
        ),
        "qualifications": optional(ids("qualifications"), ()),
        "market": optional(
            cs.with_info_before_validator_function(_market_id, cs.nullable_schema(cs.str_schema())),
            None,
        ),
    }
    return cs.typed_dict_schema(
        fields, cls_name="Answers", extra_behavior="forbid", config={"title": "Answers"}
    )


def _scope_id(value: Any, info: cs.ValidationInfo) -> Any:
    knowledge = _knowledge(info)
    scopes = knowledge.scope_ids
    if not isinstance(value, str):
        raise ValueError(f"must be one of {', '.join(scopes)}, got {describe(value)}")
    found = knowledge.scope_id_for(value)
    if found is None:
        raise ValueError(unknown_choice("scope", value, scopes))
    return found


def _market_id(value: Any, info: cs.ValidationInfo) -> Any:
    if value is None:
        return None
    markets = _knowledge(info).market_ids
    if not isinstance(value, str):
        raise ValueError(f"must be one of {', '.join(markets)}, got {describe(value)}")
    if not value.strip():
        return None  # a blank cell or "--set market=": not given
    found = _knowledge(info).market_id_for(value)
    if found is None:
        raise ValueError(unknown_choice("market", value.strip(), markets))
    return found


def _title(value: Any) -> str | None:
    return None if value is None else check_title(value)


#: Each list answer's ids, and what one of them is called in messages.
_ID_POOLS: dict[str, tuple[Callable[[Knowledge], tuple[str, ...]], str]] = {
    "activities": (lambda knowledge: knowledge.activity_ids, "activity"),
    "delivery": (lambda knowledge: knowledge.delivery_ids, "delivery background"),
    "focus": (lambda knowledge: knowledge.focus_ids, "focus area"),
    "qualifications": (lambda knowledge: knowledge.course_ids, "course"),
}


def _known_ids(key: str) -> cs.WithInfoValidatorFunction:
    pool_of, what = _ID_POOLS[key]

    def known(value: Any, info: cs.ValidationInfo) -> Any:
        if isinstance(value, str):  # "plan-schedule, run-raid", as --set takes it
            value = split_list(value)
        if not isinstance(value, list | tuple):
            # Only a list is a list: not a set, a mapping or anything else that could be
            # turned into one.
            raise ValueError(f"must be a list of {what} ids, got {describe(value)}")
        if len(value) > MAX_LIST:
            raise ValueError(f"has {len(value)} items; at most {MAX_LIST} are read")
        knowledge = _knowledge(info)
        pool = pool_of(knowledge)
        for item in value:
            if not isinstance(item, str) or isinstance(item, Numeral):
                raise ValueError(f"each item must be {_a(what)} id (text), got {describe(item)}")
        items = [item.strip() for item in value]
        if what == "course":  # a course may also be named, or spelt as people do
            named, not_named = knowledge.courses_named(items)
            given = set(named)
            unknown = [unknown_course(item, knowledge) for item in not_named]
        else:
            given = {item.casefold() for item in items if item.casefold() in pool}
            unknown = [unknown_choice(what, i, pool) for i in items if i.casefold() not in pool]
        if unknown:  # every mistake at once, so one fix is enough
            raise ValueError(unknown[0] if len(unknown) == 1 else "\n    " + "\n    ".join(unknown))
        return ordered(given, pool)

    return known


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _knowledge(info: cs.ValidationInfo) -> Knowledge:
    context = info.context
    if not isinstance(context, dict) or not isinstance(context.get("knowledge"), Knowledge):
        raise TypeError("answers must be validated with context={'knowledge': Knowledge}")
    knowledge: Knowledge = context["knowledge"]
    return knowledge


def validate(raw: Mapping[str, Any], knowledge: Knowledge, source: str) -> Answers:
    """Answers from raw data, checked against answers schema 1 and the knowledge base.

    ``source`` names where the answers came from, for messages.
    """
    for key in raw:
        known_key(key, source)
    _check_sizes(raw, source)
    raw = given_only(raw)
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        # Every mistake at once, the bad answers with the missing ones, so that one
        # round of fixes is enough.
        problems = _problems(raw, knowledge)
        how = "\n".join(f"  {_how_to_give(key, knowledge)}" for key in missing)
        if not problems:
            raise InputError(
                f"missing answers: {', '.join(missing)}",
                f"Give them in an answers file (--answers FILE) or as flags:\n{how}",
            )
        raise InputError(
            f"invalid answers in {source}:\n"
            + "\n".join(problems)
            + f"\n  missing answers: {', '.join(missing)}",
            f"Fix the answers, and give the missing ones in the file or as flags:\n{how}",
        )
    try:
        return Answers.from_mapping(raw, knowledge)
    except ValidationError as exc:
        problems = [f"  {_describe(err)}" for err in exc.errors()]
        raise InputError(
            f"invalid answers in {source}:\n" + "\n".join(problems),
            "Fix the answers and try again.",
        ) from None


def check_partial(raw: Mapping[str, Any], knowledge: Knowledge, source: str) -> None:
    """Check the answers given so far, before the missing ones are asked for, so that a
    mistake in a file or a flag is reported before any question is."""
    for key in raw:
        known_key(key, source)
    _check_sizes(raw, source)
    problems = _problems(given_only(raw), knowledge)
    if problems:
        raise InputError(
            f"invalid answers in {source}:\n" + "\n".join(problems),
            "Fix the answers and try again.",
        )


def _check_sizes(raw: Mapping[str, Any], source: str) -> None:
    # Before validation, which would split a huge text or check a huge list item by item.
    problems = oversized(raw)
    if problems:
        raise InputError(
            f"invalid answers in {source}:\n" + "\n".join(f"  {p}" for p in problems),
            "Fix the answers and try again.",
        )


def _problems(given: Mapping[str, Any], knowledge: Knowledge) -> list[str]:
    """What is wrong with the answers given, leaving aside the ones not given yet."""
    try:
        Answers.from_mapping(given, knowledge)
    except ValidationError as exc:
        return [f"  {_describe(err)}" for err in exc.errors() if err["type"] != "missing"]
    return []


def _how_to_give(key: str, knowledge: Knowledge) -> str:
    if key == "years":
        return f"--set years=4  (years in project support, PMO or delivery, 0 to {MAX_YEARS})"
    if key == "scope":
        return f"--set scope=programme  (one of: {', '.join(knowledge.scope_ids)})"
    return (
        "--set activities=plan-schedule,run-raid  (what you do regularly; ids: "
        + ", ".join(knowledge.activity_ids)
        + ")"
    )


_PLAIN_MESSAGES = {
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "finite_number": "must be a finite number",
    "string_type": "must be text",
    "tuple_type": "must be a list",
    "too_short": "needs at least one",
    "literal_error": "must be one of the listed values",
    "extra_forbidden": "is not an answers key",
}


def _describe(err: Mapping[str, Any]) -> str:
    key = ".".join(str(part) for part in err["loc"])
    kind = err["type"]
    context = err.get("ctx") or {}
    if kind == "value_error":
        message = str(context.get("error", err["msg"]))
    elif kind in ("greater_than_equal", "less_than_equal"):
        limit = MAX_YEARS if key == "years" else MAX_TEAM
        message = f"must be from 0 to {limit}, got {str(err['input'])[:20]}"
    elif kind == "string_too_long":
        message = f"must be at most {MAX_TITLE} characters"
    elif kind == "int_parsing_size":
        message = f"must be from 0 to {MAX_TEAM}"
    elif kind in _PLAIN_MESSAGES:
        message = f"{_PLAIN_MESSAGES[kind]}, got {describe(err['input'])}"
    else:
        message = str(err["msg"])
    return f"{key}:{message}" if message.startswith("\n") else f"{key}: {message}"


def ordered(ids: Iterable[str], canonical: Sequence[str]) -> tuple[str, ...]:
    """Ids in the knowledge base's order, without repeats."""
    wanted = set(ids)
    return tuple(i for i in canonical if i in wanted)
