"""JSON: one object per result (``schema_version`` 1), a public contract in the README.

Every result is written by one walk over its dataclass: a field's place is its key's
place and its name is the key, unless the field's metadata says otherwise (see
:mod:`pmo_advisor.jsonfields`, which :mod:`pmo_advisor.schemas` reads too, so the
output and its JSON Schema have one definition). Fields are only ever added, never
renamed or removed. Strings are written as UTF-8, with every character a terminal could
act on escaped, so the output is valid and safe to cat.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pmo_advisor.jsonfields import (
    CONVERT,
    FLATTEN,
    HIDDEN,
    NAME,
    ONLY_WITH,
    SHOWN,
    Brief,
)
from pmo_advisor.memo import IdentityMemo
from pmo_advisor.model import Advice
from pmo_advisor.render import Renderer
from pmo_advisor.safetext import json_safe

if TYPE_CHECKING:
    from pmo_advisor.listings import TitleLookups
    from pmo_advisor.render import Result
    from pmo_advisor.teamreport import TeamReport

_NO_META: Mapping[str, Any] = {}


def to_json(result: Result | TeamReport) -> str:
    """A result's JSON, exactly as ``--format json`` writes it: one indented object, or
    for titles looked up from a list, one compact object per line."""
    if isinstance(result, Advice):  # the result written most, told apart first
        return dumps(data(result))
    if getattr(result, "kind", None) == "team":
        return "".join(team_pieces(result))  # type: ignore[arg-type]
    from pmo_advisor.listings import TitleLookups

    if isinstance(result, TitleLookups):
        if result.batch:
            return json_lines(result.lookups)
        return dumps(data(result.lookups[0]))
    return dumps(data(result))


class JsonRenderer(Renderer):
    """Indented JSON, one object, ending with a newline."""

    def document(self, result: Result) -> str:
        """A result as one indented JSON object."""
        return to_json(result)

    def table(self, lookups: TitleLookups) -> str:
        """JSON lines: one compact object per title looked up, in input order."""
        return json_lines(lookups.lookups)

    def team(self, report: TeamReport) -> str:
        """A team report as one indented JSON object: the same text as
        ``dumps(data(report))``."""
        return "".join(team_pieces(report))

    def team_pieces(self, report: TeamReport) -> Iterator[str]:
        """The team report's JSON a person at a time (see :func:`team_pieces`)."""
        return team_pieces(report)


def dumps(value: Any, indent: int | None = 2) -> str:
    """JSON text that is valid UTF-8 and safe to print."""
    return _safe(json.dumps(value, ensure_ascii=False, indent=indent)) + "\n"


def json_lines(results: Sequence[Any]) -> str:
    """One compact JSON object per result, a line each: the same text as
    ``dumps(data(result), indent=None)`` for each, written straight from the results
    (a list of many thousand titles is written at tens of thousands a second)."""
    return _safe("".join([_text(result, None, None) + "\n" for result in results]))


def _safe(text: str) -> str:
    """JSON text that is valid UTF-8 (a byte that was not UTF-8, as in a file name, is
    U+FFFD, as in titles) with every character a terminal could act on written as a \\u
    escape: the one rule of :mod:`pmo_advisor.safetext`."""
    if text.isascii() and "\x7f" not in text:
        # The usual case, and the quick one: JSON text holds no raw control character
        # but DEL (the encoder escaped the rest, and writes only newlines between lines).
        return text
    return json_safe(text)


def result_data(result: object) -> dict[str, Any]:
    """A result (or a part of one) as a plain JSON-ready object."""
    kind: Any = type(result)
    return _object(result, _class_specs(kind))


def data(value: Any, meta: Mapping[str, Any] = _NO_META) -> Any:
    """A result, or any value in one, as plain JSON-ready data: a dataclass as an
    object of its fields, in order, as their metadata says; tuples as lists."""
    return _value(value, meta.get(CONVERT), meta.get(SHOWN))


#: How one key is written: the attributes leading to its owner, its attribute, its key,
#: and from its metadata the conversion, the brief, the field it is left out without,
#: and whether its own keys go in the object holding it.
_Spec = tuple[tuple[str, ...], str, str, Any, "Brief | None", "str | None", bool]
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _spec(parents: tuple[str, ...], attribute: str, key: str, meta: Mapping[str, Any]) -> _Spec:
    return (
        parents,
        attribute,
        key,
        meta.get(CONVERT),
        meta.get(SHOWN),
        meta.get(ONLY_WITH),
        bool(meta.get(FLATTEN)),
    )


@cache  # one entry per result class: a few dozen
def _class_specs(cls: Any) -> tuple[_Spec, ...]:
    """How each written field of a dataclass is written (the class is typed Any: mypy
    takes a class for unhashable)."""
    return tuple(
        _spec((), f.name, f.metadata.get(NAME, f.name), f.metadata)
        for f in fields(cls)
        if not f.metadata.get(HIDDEN)
    )


@cache  # one entry per brief and class it is used on: a few dozen
def _brief_specs(shown: Brief, cls: Any) -> tuple[_Spec, ...]:
    """How each key of a brief is written, for a record of this class."""
    specs = []
    for entry in shown.entries:
        owner = cls
        for name in entry.parents:
            owner = _field_class(owner, name)
        field_meta = owner.__dataclass_fields__[entry.attribute].metadata
        specs.append(_spec(entry.parents, entry.attribute, entry.key, {**field_meta, **entry.meta}))
    return tuple(specs)


def _field_class(cls: Any, name: str) -> Any:
    """The class of a field's values, from its annotation (a class's name, read in the
    class's module where annotations are postponed)."""
    annotation = cls.__dataclass_fields__[name].type
    if isinstance(annotation, str):
        annotation = vars(sys.modules[cls.__module__])[annotation]
    return annotation


def _value(value: Any, convert: Any, shown: Brief | None) -> Any:
    if convert is not None and value is not None:
        value = convert(value)
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        # Most lists are of text: those items are taken as they are.
        return [item if type(item) in _PLAIN else _item(item, shown) for item in value]
    return _item(value, shown)


def _item(value: Any, shown: Brief | None) -> Any:
    kind: Any = type(value)
    if shown is not None:
        return _writer(_brief_specs(shown, kind))(value)
    if is_dataclass(value):
        return _writer(_class_specs(kind))(value)
    if isinstance(value, dict):
        return {key: _value(item, None, None) for key, item in value.items()}
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, Sequence):  # such as a team's people, packed
        return [_value(item, None, None) for item in value]
    raise TypeError(f"no JSON form for {kind.__name__}")


def _object(obj: Any, specs: tuple[_Spec, ...]) -> dict[str, Any]:
    """A record's keys as its specs say, in order."""
    return _writer(specs)(obj)


@cache  # one entry per class or brief, and per key a team report writes alone: a few dozen
def _writer(specs: tuple[_Spec, ...]) -> Callable[[Any], dict[str, Any]]:
    """A function that writes a record's keys as its specs say, in order. It is made
    from source, as :mod:`dataclasses` makes ``__init__``: a walk that asked each
    field's metadata for every record took five times as long as writing the keys out
    (the cost of a team report of different people)."""

    def member(number: int, spec: _Spec) -> str:
        written = f"value_of(item, convert{number}, shown{number})"
        if spec[6]:  # flattened
            return f"found.update({written})"
        if spec[3] is None:  # most values are plain: taken as they are
            return f"found[{spec[2]!r}] = item if type(item) in PLAIN else {written}"
        return f"found[{spec[2]!r}] = {written}"

    names = {"PLAIN": _PLAIN, "value_of": _value}
    return _made(specs, names, "found = {}", member, "found")


def _made(
    specs: tuple[_Spec, ...],
    names: dict[str, Any],
    start: str,
    member: Callable[[int, _Spec], str],
    result: str,
) -> Callable[[Any], Any]:
    """A writer made from source: ``start``, then for each spec that is written the
    statement ``member`` gives, with the value in ``item``, then ``result`` returned."""
    lines = ["def write(obj):", f"    {start}"]
    for number, spec in enumerate(specs):
        parents, attribute, _, convert, shown, only_with, _ = spec
        names[f"convert{number}"], names[f"shown{number}"] = convert, shown
        owner = ".".join(("obj", *parents))
        indent = "    "
        if only_with is not None:
            lines.append(f"    if {owner}.{only_with}:")
            indent = "        "
        lines.append(f"{indent}item = {owner}.{attribute}")
        lines.append(indent + member(number, spec))
    lines.append(f"    return {result}")
    exec("\n".join(lines), names)  # made from field names and keys only
    write: Callable[[Any], Any] = names["write"]
    return write


def members(obj: Any) -> Iterator[tuple[str, Any]]:
    """A dataclass's keys and JSON-ready values, in order."""
    yield from result_data(obj).items()


def team_pieces(report: TeamReport) -> Iterator[str]:
    """The team report's JSON, the same text as ``dumps(data(report))``, a person at a
    time: each member of an object is encoded whole and set in its place, and a
    person's object is their name and the members their advice makes, encoded once for
    people who share an advice. A large roster costs a short string per person, and the
    whole text is never held at once."""
    if not report.people:
        yield dumps(data(report))
        return
    from pmo_advisor.teamreport import TeamMember, with_parts

    member_class: Any = TeamMember
    *own_specs, advice_spec = _class_specs(member_class)

    def advice_members(advice: Advice) -> str:
        return _members_text(_object(TeamMember("", advice), (advice_spec,)), 6)

    opening = "{\n"
    report_class: Any = type(report)
    for spec in _class_specs(report_class):
        if spec[2] != "people":
            found = _object(report, (spec,))
            if found:  # a member left out while empty (groups, compare) writes nothing
                yield opening + _members_text(found, 2)
                opening = ",\n"
            continue
        yield f"{opening}  {_encode(spec[2])}: [\n"
        between = ""
        for member, advice_text in with_parts(report.people, advice_members):
            # The name, and the id and kept columns where the roster has them.
            name = _members_text(_object(member, tuple(own_specs)), 6)
            yield f"{between}    {{\n{name},\n{advice_text}\n    }}"
            between = ",\n"
        yield "\n  ]"
        opening = ",\n"
    yield "\n}\n"


#: One encoder for every piece, as json.dumps(..., ensure_ascii=False, indent=2) makes.
_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _encode(value: Any) -> str:
    """A value as JSON text, as :data:`_ENCODER` writes it; the plainest values without
    asking it, since each of its calls costs as much as encoding a short list."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is bool or value is None:
        return _CONSTANTS[value]
    return _ENCODER.encode(value)


def _members_text(found: Mapping[str, Any], indent: int) -> str:
    """An object's members as JSON text, ``indent`` spaces in: ``"key": value`` each,
    one after another."""
    text = ",\n".join(f"{_encode(key)}: {_encode(value)}" for key, value in found.items())
    pad = " " * indent
    # A JSON value's text holds no newline but between its parts: each line moves in.
    return pad + _safe(text).replace("\n", "\n" + pad)


#: Compact JSON, as json.dumps(..., ensure_ascii=False) writes it.
_COMPACT = json.JSONEncoder(ensure_ascii=False)
#: How json writes a string without escaping what is not ASCII (its C version where built).
_string: Callable[[str], str] = json.encoder.encode_basestring
#: Compact JSON text of frozen records many results share (a title's matches, a delivery
#: role), per record and brief.
_SHARED: IdentityMemo[str] = IdentityMemo(8_192)


def _text(value: Any, convert: Any, shown: Brief | None) -> str:
    """A value's compact JSON text: the same as ``_COMPACT.encode(_value(value, convert,
    shown))``, without building the plain data first."""
    kind: Any = type(value)
    if convert is not None and value is not None:
        return _COMPACT.encode(_value(value, convert, shown))
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return _COMPACT.encode(value)
    if kind is tuple or kind is list:
        return _list_text(value, shown)
    if not hasattr(kind, "__dataclass_fields__"):  # not a dataclass (as is_dataclass asks)
        return _COMPACT.encode(_value(value, None, shown))
    if shown is None:
        return _class_text_writer(kind)(value)
    if not _frozen(kind):
        return _brief_text_writer(shown, kind)(value)
    # Records written in brief (a title's matches, a delivery role) repeat across
    # results: each is written once and remembered.
    return _SHARED.get(value, lambda: _brief_text_writer(shown, kind)(value), shown)


def _list_text(value: Sequence[Any], shown: Brief | None) -> str:
    """A list's compact JSON text (items written as :func:`_text` writes them)."""
    if not value:
        return "[]"
    if type(value[0]) in _PLAIN:  # most lists are of text
        items = [_string(i) if type(i) is str else _text(i, None, shown) for i in value]
    else:
        items = [_text(item, None, shown) for item in value]
    return "[" + ", ".join(items) + "]"


@cache  # one entry per class: a few dozen
def _frozen(cls: Any) -> bool:
    """Whether a class's records cannot change once made (a frozen dataclass)."""
    params = getattr(cls, "__dataclass_params__", None)
    return params is not None and bool(params.frozen)


@cache  # one entry per result class: a few dozen
def _class_text_writer(cls: Any) -> Callable[[Any], str]:
    return _text_writer(_class_specs(cls))


@cache  # one entry per brief and class it is used on: a few dozen
def _brief_text_writer(shown: Brief, cls: Any) -> Callable[[Any], str]:
    return _text_writer(_brief_specs(shown, cls))


def _text_writer(specs: tuple[_Spec, ...]) -> Callable[[Any], str]:
    """A function that writes a record's compact JSON text as its specs say: the text
    json.dumps makes of what :func:`_writer` makes, made from source in the same way."""
    keys = [spec[2] for spec in specs]
    if any(spec[6] for spec in specs) or len(set(keys)) < len(keys):
        # Keys set into the holding object, or written twice: as the plain data says.
        plain = _writer(specs)
        return lambda obj: _COMPACT.encode(plain(obj))

    def member(number: int, spec: _Spec) -> str:
        written = f"text_of(item, convert{number}, shown{number})"
        if spec[3] is None:  # most values are text, nothing, numbers or lists: at once
            written = (
                f'string(item) if (kind := type(item)) is str else "null" if item is None'
                f' else (list_text(item, shown{number}) if item else "[]") if kind is tuple'
                f" else int_text(item) if kind is int else {written}"
            )
        return f"found.append({_string(spec[2]) + ': '!r} + ({written}))"

    names = {"string": _string, "text_of": _text, "list_text": _list_text, "int_text": int.__repr__}
    return _made(specs, names, "found = []", member, '"{" + ", ".join(found) + "}"')
