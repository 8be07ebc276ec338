"""Answers checked and their mistakes worded, wherever they came from.

Answers arrive from an answers file, standard input, ``--set`` flags, a roster row, the
library or (on a terminal) the questionnaire; all of them end in :func:`validate`, so
the same rules and the same messages hold wherever an answer came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pmo_advisor.answers.checks import describe, given_only, oversized
from pmo_advisor.answers.model import ANSWER_KEYS, BY_ID, REQUIRED_KEYS, Answers, InvalidAnswers
from pmo_advisor.errors import InputError

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge


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
    except InvalidAnswers as exc:
        raise InputError(
            f"invalid answers in {source}:\n" + "\n".join(exc.lines()),
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


def known_key(key: object, where: str) -> str:
    """``key`` if it is an answers key; otherwise an InputError naming the nearest one."""
    if not isinstance(key, str):  # a mapping from a program may have any keys
        raise InputError(
            f"{where}: answers keys must be text, got {describe(key)}",
            f"Answer keys: {', '.join(ANSWER_KEYS)}.",
        )
    if key in ANSWER_KEYS:
        return key
    from pmo_advisor.nearest import did_you_mean

    near = did_you_mean(key, ANSWER_KEYS)
    hint = f"; did you mean {near!r}?" if near else ""
    shown = key if len(key) <= 60 else key[:57] + "..."
    raise InputError(
        f"{where}: unknown answers key {shown!r}{hint}",
        f"Answer keys: {', '.join(ANSWER_KEYS)}.",
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
    except InvalidAnswers as exc:
        return exc.lines(with_missing=False)
    return []


def _how_to_give(key: str, knowledge: Knowledge) -> str:
    """How to give a missing answer as a flag, from its definition's example."""
    definition = BY_ID[key]
    ids = ", ".join(definition.pool(knowledge)) if definition.pool else ""
    return definition.example.format(high=definition.high, ids=ids)
