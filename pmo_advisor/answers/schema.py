"""What is published about the answers keys, derived from their definitions: the JSON
Schema of an answers file, the lines ``assess --help`` gives them and the
documentation's table. Nothing here is needed to read or check answers.
"""

from __future__ import annotations

from typing import Any

from pmo_advisor.answers.keys import Key
from pmo_advisor.answers.model import KEYS, REQUIRED_KEYS


def json_schema(*, standalone: bool = True) -> dict[str, Any]:
    """The JSON Schema of answers (schema 1): of an answers file, as ``--answers`` reads
    it and ``--save-answers`` writes it (``standalone``: with ``schema_version``, and a
    list also given as one comma-separated string); or of the validated answers a result
    holds. The caller adds the title and description of a standalone schema."""
    properties = {key.id: _property(key, standalone=standalone) for key in KEYS}
    if standalone:
        version = {"const": 1, "description": "optional; saved files carry it"}
        properties = {"schema_version": version, **properties}
    schema: dict[str, Any] = {
        "additionalProperties": False,
        "properties": properties,
        "required": list(REQUIRED_KEYS),
        "type": "object",
    }
    if not standalone:
        schema["title"] = "Answers"
    return schema


def _property(key: Key, *, standalone: bool) -> dict[str, Any]:
    schema: dict[str, Any]
    if key.kind == "number":
        kind = "integer" if key.whole else "number"
        # No default: a number not given is not known, which is not the same as 0.
        schema = {"maximum": key.high, "minimum": 0, "type": kind}
    elif key.kind == "text":
        text = {"maxLength": key.high, "type": "string"}
        schema = {"anyOf": [text, {"type": "null"}], "default": None}
    elif key.kind == "select" and key.required:
        schema = {"enum": list(_ids(key)), "type": "string"}
    elif key.kind == "select":
        # Not listed: an optional choice is also given by name (a market's "United
        # Kingdom"), which its ids alone would refuse.
        schema = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    else:
        array: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
        if key.at_least_one:
            array["minItems"] = 1
        schema = {} if key.required else {"default": []}
        if standalone:  # a list may be one comma-separated string too
            schema["anyOf"] = [array, {"type": "string"}]
        else:
            schema.update(array)
    schema["description"] = key.description.format(high=key.high)
    return schema


def _ids(key: Key) -> tuple[str, ...]:
    from pmo_advisor.knowledge import load_knowledge

    assert key.pool is not None, "a choice has ids"
    return tuple(key.pool(load_knowledge()))


def usage_lines() -> list[tuple[str, str]]:
    """Each key and the line ``assess --help`` gives it, in the documented order."""
    return [(key.id, key.usage.format(high=key.high)) for key in KEYS]


def docs_table() -> str:
    """The documentation's table of answers keys, in Markdown."""
    rows = ["| key | type | required | meaning |", "|---|---|---|---|"]
    rows += [
        f"| `{key.id}` | {key.doc_type.format(high=key.high)} |"
        f" {'yes' if key.required else 'no'} | {key.doc_meaning} |"
        for key in KEYS
    ]
    return "\n".join(rows) + "\n"
