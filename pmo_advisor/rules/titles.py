"""Ordering and narrowing job titles for the person who reads them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmo_advisor.knowledge import Knowledge, Scope, Title
from pmo_advisor.rules.wording import plural


def order_titles(
    knowledge: Knowledge,
    titles: Iterable[Title],
    scope: Scope | None,
    focus: Sequence[str],
    specialist_first: bool = True,
    *,
    other_specialisms: bool = True,
) -> tuple[Title, ...]:
    """Titles in the order a person should read them.

    For a specialist, titles matching their focus come first, since they name the work
    the person already does; then the general PMO titles, the person's own kind of PMO
    first, then titles used in any PMO, then the other kinds from the nearest outwards
    (without a scope: narrowest kind first, titles used in any PMO after them); other
    specialist titles come last. For someone on the management track
    (``specialist_first`` false) the general titles come first and the matching
    specialist ones after them. Ties keep the knowledge base's order.

    ``other_specialisms`` false leaves out specialist titles outside the focus: advice
    for one person names the specialisms they have, and ``titles`` lists the rest.
    """
    wanted = set(focus)
    matching = [t for t in titles if t.is_specialist and wanted.intersection(t.focus)]
    others = [t for t in titles if other_specialisms and t.is_specialist and t not in matching]
    general = [t for t in titles if not t.is_specialist]
    ranks = knowledge.scope_rank
    if scope is None:
        anywhere = len(knowledge.scope_ids)
        general.sort(key=lambda t: anywhere if t.pmo_type is None else ranks(t.pmo_type))
    else:
        rank = ranks(scope)

        def by_scope(title: Title) -> tuple[int, int]:
            if title.pmo_type is None:
                return (1, 0)
            distance = abs(ranks(title.pmo_type) - rank)
            return (0, 0) if distance == 0 else (2, distance)

        general.sort(key=by_scope)
    if not specialist_first:
        return (*general, *matching, *others)
    return (*matching, *general, *others)


def narrow_to_scope(
    titles: Sequence[Title], scope: Scope, level: int, knowledge: Knowledge
) -> tuple[tuple[Title, ...], str]:
    """Titles used in any PMO plus those of the kind of PMO nearest the scope, and a
    sentence saying which kind that is."""
    ranks = knowledge.scope_rank
    rank = ranks(scope)
    kinds = {t.pmo_type for t in titles if t.pmo_type is not None}
    asked = plural(knowledge.scope(scope).name)
    if not kinds:
        return tuple(titles), f"Every level {level} title is used in any kind of PMO."
    nearest = min(kinds, key=lambda k: (abs(ranks(k) - rank), ranks(k)))
    kept = tuple(t for t in titles if t.pmo_type in (None, nearest))
    if nearest == scope:
        return kept, f"Titles are narrowed to {asked} and titles used in any PMO."
    shown = plural(knowledge.scope(nearest).name)
    return kept, (
        f"No level {level} title belongs to {asked}; shown are those of the nearest kind,"
        f" {shown}, and titles used in any PMO."
    )


def every_title(knowledge: Knowledge, level: int | None, scope: str | None) -> tuple[Title, ...]:
    """The knowledge base's titles, filtered by level and kind of PMO, by level then kind."""

    anywhere = len(knowledge.scope_ids)

    def order(title: Title) -> tuple[int, int]:
        kind = anywhere if title.pmo_type is None else knowledge.scope_rank(title.pmo_type)
        return (min(title.levels), kind)

    chosen: Iterable[Title] = knowledge.titles
    if level is not None:
        chosen = (t for t in chosen if level in t.levels)
    if scope is not None:
        chosen = (t for t in chosen if t.pmo_type in (None, scope))
    return tuple(sorted(chosen, key=order))
