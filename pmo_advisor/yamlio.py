"""Safe YAML reading with guards against documents that are valid YAML but hostile.

PyYAML's safe loader never runs code, but it still follows aliases (a "billion laughs"
document expands to billions of items once walked) and nests as deep as the text does.
Every document is therefore streamed through the parser first, which needs no recursion,
and rejected if it uses anchors or aliases, nests too deep, or repeats a key.
"""

from __future__ import annotations

from typing import Any

import yaml

#: Deeper than any answers file or data file needs; far below Python's recursion limit.
MAX_DEPTH = 32

# The libyaml bindings are several times faster; PyYAML may be built without them.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """The text is not YAML that pmo-advisor will read; the message says why."""


def load_yaml_text(text: str) -> Any:
    """Parse one YAML (or JSON) document safely; raise YamlProblem when it cannot be used."""
    _check_events_safely(text)
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML ({exc})") from None
    except ValueError:  # Python refuses to read integers thousands of digits long
        raise YamlProblem("holds a number too long to read") from None


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "syntax error"
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"not valid YAML: {problem}{where}"


def _check_events_safely(text: str) -> None:
    try:
        _check_events(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML ({exc})") from None


def _check_events(text: str) -> None:
    # Each open collection: for a mapping, the keys seen so far and whether the next
    # node is a key; for a sequence, None.
    stack: list[tuple[set[str], list[bool]] | None] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                "YAML anchors and aliases (& and *) are not accepted; write the values out"
            )
        if isinstance(event, yaml.NodeEvent) and stack and stack[-1] is not None:
            keys, expect_key = stack[-1]
            if expect_key[0] and isinstance(event, yaml.ScalarEvent):
                if event.value in keys:
                    line = event.start_mark.line + 1 if event.start_mark else "?"
                    raise YamlProblem(f"key {event.value!r} appears twice (line {line})")
                keys.add(event.value)
            expect_key[0] = not expect_key[0]
        if isinstance(event, yaml.MappingStartEvent):
            stack.append((set(), [True]))
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append(None)
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
        if len(stack) > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep")
