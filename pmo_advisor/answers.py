"""Answers from their sources: an answers file, standard input and ``--set`` flags.

Every source ends in the same validation (:func:`validate`), so the same rules and the
same messages hold wherever an answer came from. Files are read with limits: at most
1 MB, UTF-8 (a byte-order mark is allowed), YAML or JSON, a mapping at the top.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from pydantic import ValidationError

from pmo_advisor.errors import InputError
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.model import (
    ANSWER_KEYS,
    LIST_KEYS,
    MAX_TEAM,
    MAX_TITLE,
    MAX_YEARS,
    REQUIRED_KEYS,
    SCHEMA_VERSION,
    Answers,
)
from pmo_advisor.nearest import did_you_mean
from pmo_advisor.yamlio import YamlProblem, load_yaml_text

#: Largest answers file or standard input accepted, in bytes.
MAX_ANSWERS_BYTES = 1_000_000

#: Keys an answers file may hold besides the answers themselves.
_FILE_ONLY_KEYS = ("schema_version",)


def read_answers_file(source: str, stdin: BinaryIO) -> dict[str, Any]:
    """The raw answers in a file, or in standard input when ``source`` is ``-``."""
    if source == "-":
        label = "standard input"
        if stdin.isatty():
            raise InputError(
                "--answers - reads standard input, but standard input is a terminal",
                "Pipe the answers in, e.g. pmo-advisor assess --answers - < answers.yaml",
            )
        data = stdin.read(MAX_ANSWERS_BYTES + 1)
    else:
        label = source
        data = _read_path(Path(source))
    if len(data) > MAX_ANSWERS_BYTES:
        raise InputError(
            f"{label} is larger than 1 MB",
            "An answers file needs only a few lines; check that this is the right file.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "Save the answers file as UTF-8.",
        ) from None
    if not text.strip():
        raise InputError(f"{label} is empty", _FORMAT_HINT)
    document = _parse(text, label, looks_json=source.endswith(".json"))
    if not isinstance(document, dict):
        kind = "a list" if isinstance(document, list) else f"a single {type(document).__name__}"
        raise InputError(
            f"{label} must hold a mapping of answer keys to values, not {kind}", _FORMAT_HINT
        )
    for key in document:
        if not isinstance(key, str):
            raise InputError(f"{label}: answer keys must be text, got {key!r}", _FORMAT_HINT)
    version = document.pop("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise InputError(
            f"{label}: schema_version {version!r} is not supported",
            f"This version of pmo-advisor reads answers in schema {SCHEMA_VERSION}.",
        )
    return document


_FORMAT_HINT = (
    "Write one answer per line, e.g.\n  years: 4\n  scope: programme\n"
    "  activities: [plan-schedule, run-raid]\nSee the README's answers-file section."
)


def _read_path(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory", "Give the path of an answers file.")
        with path.open("rb") as handle:
            return handle.read(MAX_ANSWERS_BYTES + 1)
    except FileNotFoundError:
        raise InputError(
            f"answers file {path} does not exist",
            "Check the path, or use - to read standard input.",
        ) from None
    except PermissionError:
        raise InputError(f"answers file {path} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"answers file {path} cannot be read: {exc.strerror or exc}") from None


def _parse(text: str, label: str, *, looks_json: bool) -> Any:
    if looks_json or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_unique_keys)
        except RecursionError:
            raise InputError(f"{label} is nested too deeply", _FORMAT_HINT) from None
        except json.JSONDecodeError as exc:
            if looks_json:
                raise InputError(
                    f"{label} is not valid JSON: {exc.msg} at line {exc.lineno},"
                    f" column {exc.colno}",
                    _FORMAT_HINT,
                ) from None
    try:
        return load_yaml_text(text)
    except YamlProblem as exc:
        raise InputError(f"{label}: {exc}", _FORMAT_HINT) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"key {key!r} appears twice", "Give each answer once.")
        result[key] = value
    return result


def parse_set_flags(flags: Sequence[str]) -> dict[str, Any]:
    """Answers given as ``--set KEY=VALUE``; list answers are comma-separated."""
    answers: dict[str, Any] = {}
    for flag in flags:
        key, sep, value = flag.partition("=")
        if not sep:
            raise InputError(
                f"--set {flag!r} needs the form KEY=VALUE",
                "For example: --set years=4 --set activities=plan-schedule,run-raid",
            )
        key = _known_key(key.strip().lower().replace("-", "_"), f"--set {flag!r}")
        value = value.strip()
        if key in LIST_KEYS:
            answers[key] = [item.strip() for item in value.split(",") if item.strip()]
        else:
            answers[key] = value if value else None
    return answers


def _known_key(key: str, where: str) -> str:
    if key in ANSWER_KEYS:
        return key
    near = did_you_mean(key, ANSWER_KEYS)
    hint = f"; did you mean {near!r}?" if near else ""
    shown = key if len(key) <= 60 else key[:57] + "..."
    raise InputError(
        f"{where}: unknown answers key {shown!r}{hint}",
        f"Answer keys: {', '.join(ANSWER_KEYS)}.",
    )


def validate(raw: Mapping[str, Any], knowledge: Knowledge, source: str) -> Answers:
    """Answers from raw data, checked against answers schema 1 and the knowledge base.

    ``source`` names where the answers came from, for messages.
    """
    for key in raw:
        _known_key(key, source)
    missing = [key for key in REQUIRED_KEYS if raw.get(key) is None]
    if missing:
        raise InputError(
            f"missing answers: {', '.join(missing)}",
            "Give them in an answers file (--answers FILE) or as flags:\n"
            + "\n".join(f"  {_how_to_give(key, knowledge)}" for key in missing),
        )
    try:
        return Answers.model_validate(dict(raw), context={"knowledge": knowledge})
    except ValidationError as exc:
        problems = [f"  {_describe(err)}" for err in exc.errors()]
        raise InputError(
            f"invalid answers in {source}:\n" + "\n".join(problems),
            "Fix the answers and try again; the README lists every key and its values.",
        ) from None


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
    "too_short": "needs at least one item",
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
        message = f"must be from 0 to {limit}, got {_shown(err['input'])}"
    elif kind == "string_too_long":
        message = f"must be at most {MAX_TITLE} characters"
    elif kind in _PLAIN_MESSAGES:
        message = f"{_PLAIN_MESSAGES[kind]}, got {_shown(err['input'])}"
    else:
        message = str(err["msg"])
    return f"{key}: {message}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def dump_answers(answers: Answers, *, as_json: bool) -> str:
    """Answers as a file that ``--answers`` reads back: YAML, or JSON when asked."""
    data = {"schema_version": SCHEMA_VERSION, **answers.given()}
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88))
