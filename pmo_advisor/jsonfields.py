"""How a result's dataclass fields become JSON: the metadata one walk reads.

A result is written as JSON by one generic walk (:func:`pmo_advisor.render.json.data`)
and described by one JSON Schema generator (:mod:`pmo_advisor.schemas`), both reading
the same dataclasses: a field's place is its key's place, its name is the key, and its
type is the value's type. Metadata is needed only where that is not so:

- ``name``: the JSON key, where it differs from the field's name (``course_id`` is
  ``"id"``);
- ``hidden``: a field kept for the other formats, not written;
- ``only_with``: a field left out while another one (or itself) is empty, such as an
  assessment's ``answers`` on a suggestion;
- ``convert`` and ``json_type``: a value written in another form (the answers as a
  mapping, whole hours as whole numbers), and that form's type where it changes;
- ``shown``: knowledge records held by the field (a :class:`~pmo_advisor.knowledge.Level`,
  a :class:`~pmo_advisor.knowledge.Title`) written with a few of their fields, as a
  :class:`Brief` lists them;
- ``flatten``: the field's own keys written in the object that holds it.

The JSON key and whether a field is written are kept under pydantic's own names
(``serialization_alias``, ``exclude``), and so are JSON Schema details such as
``description``, ``max_length`` or ``ge``: pydantic reads them from dataclass field
metadata, so the schema needs nothing repeated. This module imports nothing else, so
results cost no start-up for being described.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    #: A brief entry: a key, or (key, dotted path), or (key, path, metadata).
    Entry = str | tuple[str, str] | tuple[str, str, Mapping[str, Any]]

NAME = "serialization_alias"
HIDDEN = "exclude"
ONLY_WITH = "json_only_with"
CONVERT = "json_convert"
JSON_TYPE = "json_type"
SHOWN = "json_shown"
FLATTEN = "json_flatten"


def json_field(
    *,
    name: str | None = None,
    hidden: bool = False,
    only_with: str | None = None,
    convert: Callable[[Any], Any] | None = None,
    json_type: Any = None,
    shown: Brief | None = None,
    flatten: bool = False,
    **schema: Any,
) -> dict[str, Any]:
    """The metadata of a field whose JSON is not simply its name and value; ``schema``
    takes pydantic ``Field`` arguments for the JSON Schema only (``description``,
    ``max_length``, ``ge`` …)."""
    given = {
        NAME: name,
        ONLY_WITH: only_with,
        CONVERT: convert,
        JSON_TYPE: json_type,
        SHOWN: shown,
    }
    meta: dict[str, Any] = {**schema, **{k: v for k, v in given.items() if v is not None}}
    if hidden:
        meta[HIDDEN] = True
    if flatten:
        meta[FLATTEN] = True
    return meta


# Briefs and their entries are plain classes rather than dataclasses, so that defining
# them costs the results' module next to nothing at start-up; they are constants, told
# apart by identity, and the JSON walk keeps what it works out about each one
# (functools.cache, keyed by them).
class BriefEntry:
    """One key of a brief: where its value is, and how it is written."""

    __slots__ = ("attribute", "key", "meta", "parents")

    def __init__(
        self, key: str, parents: tuple[str, ...], attribute: str, meta: Mapping[str, Any]
    ) -> None:
        self.key = key
        #: The attributes that lead from the record to the value's owner ("level" for
        #: "level.stage"), and the value's attribute in its owner ("stage").
        self.parents = parents
        self.attribute = attribute
        #: Metadata for this key, over that of the field the path ends at.
        self.meta = meta

    @property
    def path(self) -> str:
        """Attribute names from the record to the value, joined by dots."""
        return ".".join((*self.parents, self.attribute))


class Brief:
    """A record as a result shows it: some of its fields (or its parts' fields), in
    this order, under these keys. Each key's value is written as the field it comes
    from says, unless the entry says otherwise."""

    __slots__ = ("doc", "entries", "name", "of")

    def __init__(
        self, name: str, of: type, entries: tuple[BriefEntry, ...], doc: str | None = None
    ) -> None:
        #: The name of this shape in the JSON Schema.
        self.name = name
        self.of = of
        self.entries = entries
        #: What the shape is, for the JSON Schema (the record's own docstring otherwise).
        self.doc = doc


def brief(name: str, of: type, *entries: Entry, doc: str | None = None) -> Brief:
    """A :class:`Brief` of ``of`` named ``name``; an entry's key is its path's last
    name unless given."""
    made = []
    for entry in entries:
        key, path, meta = (
            (entry.rsplit(".", 1)[-1], entry, {}) if isinstance(entry, str) else (*entry, {})[:3]
        )
        *parents, attribute = path.split(".")
        made.append(BriefEntry(key, tuple(parents), attribute, meta))
    return Brief(name, of, tuple(made), doc)


def whole_number(value: float | None) -> float | int | None:
    """Whole numbers as whole numbers: 14, not 14.0."""
    return int(value) if value is not None and value.is_integer() else value
