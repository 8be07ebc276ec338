"""Safe YAML reading with guards against documents that are valid YAML but hostile.

PyYAML's safe loader never runs code, but it still follows aliases (a "billion laughs"
document expands to billions of items once walked) and nests as deep as the text does.
Every document is therefore streamed through the parser first, which needs no recursion,
and rejected if it uses anchors or aliases, tags (``!!set``, ``!!binary``, ``!!int``:
they build values no answer or data file holds, or read numbers in other bases), merge
keys (``<<``, which would slip repeated keys past the check), nests too deep, repeats a
key, or (when a limit is given) holds a collection longer than the limit: counted while
parsing, so a huge list is refused after reading only as much as the limit.

The dumper quotes every text that either YAML 1.1 or the reading here would take for
something else (``1e3``, ``no``, ``0x1F``), so whatever is written reads back the same.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pmo_advisor.inputs import MAX_DEPTH
from pmo_advisor.numerals import Numeral, read_float, read_int

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
    _Loader.add_constructor("tag:yaml.org,2002:float", _decimal_float)


# Numbers go through the same bounded readers as JSON's: one too large to convert stays
# as written, for the range check to refuse, rather than overflowing or taking long.
def _decimal_int(loader: yaml.SafeLoader, node: yaml.Node) -> int | Numeral:
    return read_int(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


def _decimal_float(loader: yaml.SafeLoader, node: yaml.Node) -> float | Numeral:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.lstrip("+-").startswith("."):  # .inf, .nan and .5: YAML's own spellings
        return float(loader.construct_yaml_float(node))  # type: ignore[arg-type]
    return read_float(text)


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
# "<<" would merge another mapping in; it is refused, and never read as a merge.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:merge"]
    for first, entries in _Loader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """Quotes text that any resolver, YAML 1.1's or this module's, reads as non-text."""


_Dumper.yaml_implicit_resolvers = {
    first: [*yaml.SafeDumper.yaml_implicit_resolvers.get(first, []), *entries]
    for first, entries in _Loader.yaml_implicit_resolvers.items()
}
for _first, _entries in yaml.SafeDumper.yaml_implicit_resolvers.items():
    _Dumper.yaml_implicit_resolvers.setdefault(_first, list(_entries))


def dump_yaml_text(data: Any, *, allow_unicode: bool) -> str:
    """``data`` (plain values only) as YAML that :func:`load_yaml_text` reads back equal."""
    return str(
        yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=allow_unicode, width=88)
    )


class YamlProblem(ValueError):
    """The text is not YAML that pmo-advisor will read; the message says why."""


def load_yaml_text(text: str, *, max_items: int | None = None) -> Any:
    """Parse one YAML (or JSON) document safely; raise YamlProblem when it cannot be used.

    With ``max_items``, a list or mapping holding more items than that is refused."""
    try:
        _check_events(text, max_items)
        return yaml.load(text, Loader=_Loader)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_describe(exc)) from None
    except yaml.reader.ReaderError as exc:  # a NUL or other control character
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        raise YamlProblem(
            f"not valid YAML: it holds a character YAML does not allow (U+{code:04X}) at"
            f" character {exc.position + 1}; is it a text file?"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML ({exc})") from None
    except ValueError:  # a date that is no date, such as 2001-13-45
        raise YamlProblem("holds a date that is not a real date") from None


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "syntax error"
    mark = exc.problem_mark or exc.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"not valid YAML: {problem}{where}"


class _Open:
    """A collection being parsed: its items so far and, for a mapping, its keys."""

    __slots__ = ("expect_key", "items", "keys")

    def __init__(self, mapping: bool) -> None:
        self.keys: set[str] | None = set() if mapping else None
        self.expect_key = True
        self.items = 0


def _line(event: yaml.Event) -> str:
    return str(event.start_mark.line + 1) if event.start_mark else "?"


def _check_events(text: str, max_items: int | None) -> None:
    stack: list[_Open] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                "YAML anchors and aliases (& and *) are not accepted; write the values out"
            )
        if isinstance(event, yaml.NodeEvent):
            _check_tag(event)
        if isinstance(event, yaml.NodeEvent) and stack:
            _check_item(stack[-1], event, max_items)
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            stack.append(_Open(isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
        if len(stack) > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep")


def _check_tag(event: yaml.NodeEvent) -> None:
    # Only values written plainly are read: a tag is always something typed on purpose.
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise YamlProblem(
            f"YAML tags such as {_short_tag(str(tag))} are not accepted (line {_line(event)});"
            " write plain values: numbers in decimal, lists in [ ] or one '- item' a line"
        )


def _short_tag(tag: str) -> str:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return tag if len(tag) <= 30 else tag[:27] + "..."


def _check_item(parent: _Open, event: yaml.NodeEvent, max_items: int | None) -> None:
    if parent.keys is not None:
        if parent.expect_key and isinstance(event, yaml.ScalarEvent):
            if event.value == "<<" and event.implicit[0]:
                raise YamlProblem(
                    f"YAML merge keys (<<) are not accepted (line {_line(event)});"
                    " write each key out once"
                )
            if event.value in parent.keys:
                raise YamlProblem(f"key {event.value!r} appears twice (line {_line(event)})")
            parent.keys.add(event.value)
        parent.expect_key = not parent.expect_key
        if not parent.expect_key:  # a key: one more item
            parent.items += 1
    else:
        parent.items += 1
    if max_items is not None and parent.items > max_items:
        what = "mapping" if parent.keys is not None else "list"
        raise YamlProblem(
            f"a {what} has more than {max_items} items (line {_line(event)});"
            f" at most {max_items} are read"
        )
