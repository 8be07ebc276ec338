"""Bounds on the values of records, written in their annotations: ``Len``, ``Interval``,
``Ge`` and ``MinLen``.

pydantic reads them as the ``annotated_types`` bounds of the same names when it validates
the data files, because they follow annotated_types' grouped-metadata protocol: an object
that says it is grouped metadata and yields the bounds it stands for. Defining the records
happens at every start-up, and importing annotated_types there would take longer than
everything else the knowledge base needs; these classes import it only when pydantic
asks for the bounds.
"""

from __future__ import annotations

from collections.abc import Iterator


class Limit:
    """Bounds on a value (``ge``, ``gt``, ``le``, ``lt``) or on its length
    (``min_length``, ``max_length``); None where there is no bound."""

    __slots__ = ("ge", "gt", "le", "lt", "max_length", "min_length")

    #: What annotated_types and pydantic look for to treat this as a group of bounds.
    __is_annotated_types_grouped_metadata__ = True

    def __init__(
        self,
        *,
        ge: float | None = None,
        gt: float | None = None,
        le: float | None = None,
        lt: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
    ) -> None:
        self.ge, self.gt, self.le, self.lt = ge, gt, le, lt
        self.min_length, self.max_length = min_length, max_length

    def __iter__(self) -> Iterator[object]:
        """The annotated_types bounds this stands for, as pydantic reads them."""
        import annotated_types

        kinds = {"min_length": "MinLen", "max_length": "MaxLen"}
        for name in Limit.__slots__:
            bound = getattr(self, name)
            if bound is not None:  # Ge, Gt, Le, Lt, MaxLen, MinLen
                yield getattr(annotated_types, kinds.get(name, name.capitalize()))(bound)

    def __repr__(self) -> str:
        given = (f"{name}={getattr(self, name)!r}" for name in Limit.__slots__)
        return f"{type(self).__name__}({', '.join(g for g in given if not g.endswith('=None'))})"


class Len(Limit):
    """At least ``min_length`` items or characters, and at most ``max_length`` if given."""

    __slots__ = ()

    def __init__(self, min_length: int, max_length: int | None = None) -> None:
        super().__init__(min_length=min_length, max_length=max_length)


class MinLen(Limit):
    """At least ``min_length`` items or characters."""

    __slots__ = ()

    def __init__(self, min_length: int) -> None:
        super().__init__(min_length=min_length)


class Ge(Limit):
    """At least ``ge``."""

    __slots__ = ()

    def __init__(self, ge: float) -> None:
        super().__init__(ge=ge)


class Interval(Limit):
    """Between bounds: any of ``ge``, ``gt``, ``le`` and ``lt``."""

    __slots__ = ()
