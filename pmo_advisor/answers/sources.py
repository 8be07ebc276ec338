"""Reading answers from their sources, and saving answers.

An answers file or standard input is read with limits: at most 1 MB, UTF-8 (a byte-order
mark is allowed), YAML or JSON, a mapping at the top. ``--set KEY=VALUE`` flags become
the same raw mapping; a roster row (:mod:`pmo_advisor.roster`) is read alike.
:func:`pmo_advisor.answers.validate` checks the result.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from pmo_advisor.answers.checks import MAX_LIST, describe
from pmo_advisor.answers.model import BY_ID
from pmo_advisor.answers.validation import known_key
from pmo_advisor.errors import InputError
from pmo_advisor.inputs import MAX_DEPTH, read_text
from pmo_advisor.model import SCHEMA_VERSION
from pmo_advisor.numerals import read_float, read_int
from pmo_advisor.prose import split_list
from pmo_advisor.safetext import is_safe, quoted

if TYPE_CHECKING:
    from pmo_advisor.answers.model import Answers

#: Largest answers file or standard input accepted, in bytes.
MAX_ANSWERS_BYTES = 1_000_000

#: Keys an answers file may hold besides the answers themselves.
_FILE_ONLY_KEYS = ("schema_version",)


def read_answers_file(source: str, stdin: BinaryIO | None, *, typed: bool = True) -> dict[str, Any]:
    """The raw answers in a file, or in standard input when ``source`` is ``-``.
    ``typed``: as for :func:`read_text`; false for a file the program found itself."""
    text, label = read_text(
        source,
        stdin,
        flag="--answers",
        what="answers file",
        limit=MAX_ANSWERS_BYTES,
        typed=typed,
    )
    if not text.strip():
        raise InputError(f"{label} is empty", _FORMAT_HINT)
    document = parse_answers_text(text, label, looks_json=source.endswith(".json"))
    if document is None:
        raise InputError(f"{label} holds no answers", _FORMAT_HINT)
    if not isinstance(document, dict):
        raise InputError(
            f"{label} must hold a mapping of answer keys to values, not {describe(document)}",
            _FORMAT_HINT,
        )
    for key in document:
        if not isinstance(key, str):
            raise InputError(
                f"{label}: answer keys must be text, got {describe(key)}", _FORMAT_HINT
            )
    version = document.pop("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        raise InputError(
            f"{label}: schema_version must be {SCHEMA_VERSION}, got {describe(version)}",
            f"This version of pmo-advisor reads answers in schema {SCHEMA_VERSION};"
            " leave schema_version out or set it to 1.",
        )
    return document


_FORMAT_HINT = (
    "Write one answer per line, e.g.\n  years: 4\n  scope: programme\n"
    "  activities: [plan-schedule, run-raid]\nRun 'pmo-advisor assess --help' for every key."
)
_JSON_HINT = (
    'Write one JSON object, e.g. {"years": 4, "scope": "programme", "activities":'
    ' ["plan-schedule", "run-raid"]}\nRun \'pmo-advisor assess --help\' for every key.'
)


def parse_answers_text(text: str, label: str, *, looks_json: bool) -> Any:
    """The document in an answers text (a file, standard input, a JSON Lines roster
    line): JSON when it looks like JSON, else YAML, each read within the same limits;
    ``label`` names it in messages."""
    if looks_json or text.lstrip().startswith(("{", "[")):
        try:
            # Numbers through the bounded readers: one too large to convert is kept as
            # written, for the range check to refuse, never converted.
            document = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_int=read_int,
                parse_float=read_float,
            )
            _check_shape(document, label)
            return document
        except _DuplicateKey as exc:
            raise InputError(
                f"{label}: key {exc.key!r} appears twice", "Give each answer once."
            ) from None
        except RecursionError:
            raise InputError(f"{label} is nested too deeply", _FORMAT_HINT) from None
        except json.JSONDecodeError as exc:
            if looks_json:
                raise InputError(
                    f"{label} is not valid JSON: {exc.msg} at line {exc.lineno},"
                    f" column {exc.colno}",
                    _JSON_HINT,
                ) from None
    # Loaded here: the YAML parser costs start-up time that --set alone never needs.
    from pmo_advisor.yamlio import YamlProblem, load_yaml_text

    try:
        return load_yaml_text(text, max_items=MAX_LIST)
    except YamlProblem as exc:
        raise InputError(f"{label}: {exc}", _FORMAT_HINT) from None


def _check_shape(document: Any, label: str) -> None:
    # The same limits the YAML reader applies while parsing: depth and items per list or
    # mapping. No recursion: the document may be deeper than Python's limit allows.
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(
                    f"{label} is nested more than {MAX_DEPTH} levels deep", _FORMAT_HINT
                )
            if len(value) > MAX_LIST:
                what = "mapping" if isinstance(value, dict) else "list"
                raise InputError(
                    f"{label}: a {what} has more than {MAX_LIST} items;"
                    f" at most {MAX_LIST} are read",
                    _FORMAT_HINT,
                )
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_set_flags(flags: Sequence[str]) -> dict[str, Any]:
    """Answers given as ``--set KEY=VALUE``; list answers are comma-separated."""
    answers: dict[str, Any] = {}
    for flag in flags:
        key, sep, value = flag.partition("=")
        if not sep:
            raise InputError(
                f"--set {quoted(flag)} needs the form KEY=VALUE",
                "For example: --set years=4 --set activities=plan-schedule,run-raid",
            )
        key = known_key(key.strip().lower().replace("-", "_"), f"--set {quoted(flag)}")
        value = value.strip()
        if BY_ID[key].is_list:
            answers[key] = split_list(value)
        else:
            answers[key] = value if value else None
    return answers


def dump_answers(answers: Answers, *, as_json: bool) -> str:
    """Answers as a file that ``--answers`` reads back: YAML, or JSON when asked."""
    data = {"schema_version": SCHEMA_VERSION, **answers.given()}
    # A title holding control or bidirectional characters is written escaped, so that
    # showing the file in a terminal cannot act on them.
    readable = is_safe(answers.title or "")
    if as_json:
        return json.dumps(data, ensure_ascii=not readable, indent=2) + "\n"
    from pmo_advisor.yamlio import dump_yaml_text

    return dump_yaml_text(data, allow_unicode=readable)
