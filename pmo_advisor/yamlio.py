"""Safe YAML reading with guards against documents that are valid YAML but hostile.

PyYAML's safe loader never runs code, but it still follows aliases (a "billion laughs"
document expands to billions of items once walked) and nests as deep as the text does.
Every document is therefore streamed through the parser first, which needs no recursion,
and rejected if it uses anchors or aliases, nests too deep, or repeats a key.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: Deeper than any answers file or data file needs; far below Python's recursion limit.
MAX_DEPTH = 32

# The libyaml bindings are several times faster; PyYAML may be built without them.
_Base: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, reading plain values the way YAML 1.2 and people do.

    YAML 1.1, which PyYAML follows, reads ``017`` as 15 (octal), ``0x1F`` as 31,
    ``1_0`` as 10, ``1:30`` as 90 and ``no`` as false. Here only ``true`` and ``false``
    are booleans and only plain decimal numbers are numbers; everything else is text.
    """


def _yaml_12_resolvers() -> None:
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag not in _REPLACED]
        for first, entries in _Base.yaml_implicit_resolvers.items()
    }
    _Loader.yaml_implicit_resolvers = resolvers
    for tag, pattern, firsts in _YAML_12:
        _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(firsts))
    _Loader.add_constructor("tag:yaml.org,2002:int", _decimal_int)


def _decimal_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    return int(str(loader.construct_scalar(node)), 10)  # type: ignore[arg-type]


_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_YAML_12 = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
)
_yaml_12_resolvers()


class YamlProblem(ValueError):
    """The text is not YAML that pmo-advisor will read; the message says why."""


def load_yaml_text(text: str) -> Any:
    """Parse one YAML (or JSON) document safely; raise YamlProblem when it cannot be used."""
    try:
        _check_events(text)
        return yaml.load(text, Loader=_Loader)
    except YamlProblem:
        raise
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
