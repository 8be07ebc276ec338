"""The advisor: every question pmo-advisor answers, as one typed object.

``Advisor()`` holds a validated knowledge base (the packaged one unless told otherwise)
and answers with frozen dataclasses: :meth:`~Advisor.assess` places a person from their
answers, :meth:`~Advisor.suggest` advises on a level, :meth:`~Advisor.ladder`,
:meth:`~Advisor.titles`, :meth:`~Advisor.courses` and :meth:`~Advisor.activities` read
the knowledge base, :meth:`~Advisor.plan` draws the roadmap between two levels,
:meth:`~Advisor.advert` reads a whole job advert (and how it fits a person) and
:meth:`~Advisor.team` reads a whole roster. :func:`to_json` gives any result as the JSON
``--format json`` prints. The command line, team mode and the functions of
:mod:`pmo_advisor.api` are skins over this class.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pmo_advisor.errors import InputError
from pmo_advisor.model import Advice

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pmo_advisor.adverts.model import AdvertBatch, AdvertReading
    from pmo_advisor.answers import Answers
    from pmo_advisor.knowledge import Knowledge, Scope
    from pmo_advisor.listings import (
        ActivityListing,
        Catalogue,
        Ladder,
        Roadmap,
        TitleListing,
        TitleLookup,
        TitleLookups,
    )
    from pmo_advisor.mappings import Keyed
    from pmo_advisor.render import Result
    from pmo_advisor.roster import Roster
    from pmo_advisor.team import TeamRun
    from pmo_advisor.teamreport import TeamReport
    from pmo_advisor.titles import TitleReader

__all__ = ["Advisor", "Assessment", "to_json"]

#: The result of :meth:`Advisor.assess` (and of :meth:`Advisor.suggest`): a level, the
#: reasons for it, titles, the next step, courses and the plan.
Assessment = Advice

#: The name answers given as a mapping go by in messages.
SOURCE = "the mapping given"
#: Distinct answers an Advisor remembers the assessment of (an lru_cache's bound): a
#: program assessing millions of rows meets a few hundred kinds of answers, and a
#: program that runs for days must not keep every kind it ever saw.
MEMO_SIZE = 4096
#: The routes up a plan can follow.
ROUTES = ("specialist", "management")


class Advisor:
    """Career advice from one knowledge base; every method returns frozen dataclasses.

    ``knowledge`` is None for the packaged knowledge base (or the one
    ``PMO_ADVISOR_DATA`` names), a path to a data folder, or a loaded
    :class:`~pmo_advisor.knowledge.Knowledge`. A knowledge base is loaded and validated
    once per process, however many Advisors use it; an invalid one raises
    :class:`~pmo_advisor.errors.KnowledgeError`. Bad input raises
    :class:`~pmo_advisor.errors.InputError` with the message the command line gives.
    An Advisor may be shared between threads, and pickles (as its knowledge base), so
    one can be sent to each worker of a process pool or a Dask cluster.
    """

    def __init__(
        self, knowledge: Knowledge | str | os.PathLike[str] | Traversable | None = None
    ) -> None:
        from pmo_advisor.knowledge import Knowledge, load_knowledge

        if isinstance(knowledge, Knowledge):
            self.knowledge = knowledge
        else:
            if isinstance(knowledge, str | os.PathLike):
                from pathlib import Path

                knowledge = Path(knowledge)
            self.knowledge = load_knowledge(knowledge)
        # One memo per Advisor, bounded; keyed by the answers' canonical JSON.
        self._remembered: Callable[[Keyed, str | None, str | None], Advice] = functools.lru_cache(
            maxsize=MEMO_SIZE
        )(self._assess_given)
        # The title reader, found on the first title looked up: a list of titles looks
        # up tens of thousands, and finding it costs as much as a short title's reading.
        self._title_reader: TitleReader | None = None

    def __reduce__(self) -> tuple[type[Advisor], tuple[Knowledge]]:
        # The memo stays behind: a copy starts with its own.
        return (Advisor, (self.knowledge,))

    def assess(
        self,
        answers: Answers | Mapping[str, Any],
        *,
        route: str | None = None,
        market: str | None = None,
    ) -> Assessment:
        """Place a person on the ladder from their answers, with the reasons, titles,
        next step, courses and plan.

        ``answers`` is an :class:`~pmo_advisor.answers.Answers` or a mapping with the
        keys of an answers file, checked as one is (lists may be lists or
        comma-separated text; numpy and pandas values are read as the plain values they
        stand for, NaN and None as not given). ``route`` ("specialist" or "management")
        chooses the route the plan follows; ``market`` is the market for answers that
        name none. Identical mappings are assessed once per Advisor.
        """
        from pmo_advisor.answers import Answers

        chosen = choose_route(route)
        if isinstance(answers, Answers):
            return self._assess(answers, chosen, market)
        from pmo_advisor.mappings import Keyed, keyed

        key, plain = keyed(answers)
        if key is None:  # not plain data: never valid, and not remembered
            return self._assess(self._validated(plain), chosen, market)
        return self._remembered(Keyed(key, plain), chosen, market)

    def _assess_given(self, given: Keyed, route: str | None, market: str | None) -> Advice:
        return self._assess(self._validated(given.answers()), route, market)

    def _validated(self, raw: Mapping[str, Any]) -> Answers:
        from pmo_advisor.answers import validate

        return validate(raw, self.knowledge, SOURCE)

    def _assess(self, answers: Answers, route: str | None, market: str | None) -> Advice:
        from pmo_advisor.rules import assess

        return assess(_with_market(answers, market), self.knowledge, route=route)

    def suggest(
        self,
        level: int,
        *,
        scope: Scope | None = None,
        focus: Sequence[str] = (),
        held: Sequence[str] = (),
    ) -> Advice:
        """Advice for a level a person already knows: titles (of one kind of PMO, with
        ``scope``), the next step, courses (for the ``focus`` areas, leaving out the
        courses ``held``) and skills."""
        from pmo_advisor.model import SuggestionRequest
        from pmo_advisor.rules import suggest

        request = SuggestionRequest(
            level=self._level(level),
            scope=self._scope(scope),
            focus=self._focus(focus),
            held=self._courses(held),
        )
        return suggest(request, self.knowledge)

    def ladder(self) -> Ladder:
        """The career ladder: every level with its titles."""
        from pmo_advisor.rules import ladder

        return ladder(self.knowledge)

    def titles(
        self, query: str | None = None, *, level: int | None = None, scope: Scope | None = None
    ) -> TitleListing | TitleLookups:
        """Every title (of a ``level`` or kind of PMO), or with a ``query`` what an
        advert's title means: the titles it matches confidently, best first."""
        number = None if level is None else self._level(level)
        kind = self._scope(scope)
        if query is None:
            from pmo_advisor.listings import TitleListing
            from pmo_advisor.rules.titles import every_title

            return TitleListing(every_title(self.knowledge, number, kind), number, kind)
        from pmo_advisor.listings import TitleLookups
        from pmo_advisor.titles import THRESHOLD

        found = self.lookup_title(query, level=number, scope=kind)
        return TitleLookups((found,), batch=False, threshold=THRESHOLD)

    def lookup_title(
        self, query: str, *, level: int | None = None, scope: Scope | None = None
    ) -> TitleLookup:
        """What one title means, keeping only the matches at ``level`` and of ``scope``'s
        kind of PMO (and those used in any PMO). A title that cannot be read (empty, too
        long) gives a lookup with an ``error``; many titles in turn (a file of advert
        titles) are looked up this way."""
        reader = self._title_reader
        if reader is None:
            from pmo_advisor.titles import reader_for

            reader = self._title_reader = reader_for(self.knowledge)
        lookup = reader.lookup(query)
        if level is None and scope is None:
            return lookup
        from dataclasses import replace

        kept = tuple(
            m
            for m in lookup.matches
            if (level is None or level in m.title.levels)
            and (scope is None or m.title.pmo_type in (None, scope))
        )
        return replace(lookup, matches=kept, filtered_out=len(lookup.matches) - len(kept))

    def courses(
        self,
        *,
        level: int | None = None,
        focus: Sequence[str] = (),
        kind: str | None = None,
        provider: str | None = None,
    ) -> Catalogue:
        """The course catalogue, only the courses for ``level``, the ``focus`` areas, of
        one ``kind`` (as the knowledge base names kinds: "certification", "specialist
        course", ...) and from a ``provider`` or awarding body, as asked."""
        from pmo_advisor.rules import catalogue

        number = None if level is None else self._level(level)
        return catalogue(self.knowledge, number, self._focus(focus), kind, provider)

    def activities(self, *, level: int | None = None, focus: Sequence[str] = ()) -> ActivityListing:
        """The activities answers name, with their level and focus area."""
        from pmo_advisor.rules.activities import activity_listing

        number = None if level is None else self._level(level)
        return activity_listing(self.knowledge, number, self._focus(focus))

    def plan(
        self,
        target: int,
        *,
        start: int | None = None,
        answers: Answers | Mapping[str, Any] | None = None,
        focus: Sequence[str] = (),
        held: Sequence[str] = (),
        market: str | None = None,
    ) -> Roadmap:
        """The roadmap to level ``target``: for each level on the way, the roles, the
        work to take on, the experience people bring and the courses in order.

        It starts at level ``start``, or at the level a person's ``answers`` assess to
        (their focus, qualifications, activities and kind of PMO then shape it too, and
        ``market`` is the market for answers that name none). Give one of the two.
        """
        from pmo_advisor.roadmap import plan

        end = self._level(target)
        focus_ids, held_ids = self._focus(focus), self._courses(held)
        if (start is None) == (answers is None):
            raise InputError("a plan starts from a level or from answers: give one of the two")
        if answers is None:
            first = self._level(cast("int", start))
            return plan(self.knowledge, first, end, focus=focus_ids, held=held_ids)
        given = self._validated(answers) if isinstance(answers, Mapping) else answers
        given = _with_market(given, market)
        advice = self._assess(given, None, None)
        implied = given.focus or self.knowledge.focus_of(given.activities)
        return plan(
            self.knowledge,
            advice.level.number,
            end,
            focus=tuple(dict.fromkeys((*implied, *focus_ids))),
            held=tuple(dict.fromkeys((*given.qualifications, *held_ids))),
            done=given.activities,
            scope=given.scope,
            answers=given,
        )

    def advert(
        self,
        text: str,
        *,
        name: str = "",
        source: str | None = None,
        title: str | None = None,
        answers: Answers | Mapping[str, Any] | None = None,
        market: str | None = None,
    ) -> AdvertReading:
        """A job advert read whole: its level (its demands placed by the rules a person
        is placed by, set against what its title usually means), each piece of evidence
        quoted, what was set aside or could not be read, whether it is a PMO job at all,
        and its market.

        ``text`` is the advert; ``name`` (a file name) says whether it is a saved web
        page (``.html``), Markdown or plain text, and names it in the result unless
        ``source`` does. ``title`` replaces the title the advert gives itself (its first
        line). With a person's ``answers``, the result also says how the advert fits
        them, each gap with what their plan says to do; their plan is made for their
        own market, else the advert's, else ``market``.
        """
        from pmo_advisor.adverts.advert import read_advert, with_fit

        reading = read_advert(
            text,
            self.knowledge,
            self.lookup_title,
            name=name,
            source=source or name or "the text given",
            title=title,
        )
        if answers is None:
            return reading
        advice = self.assess(answers, market=reading.market or market)
        return with_fit(reading, advice, self.knowledge)

    def adverts(
        self,
        texts: Iterable[tuple[str, str]],
        *,
        answers: Answers | Mapping[str, Any] | None = None,
        market: str | None = None,
    ) -> AdvertBatch:
        """Several adverts, each ``(name, text)`` read as :meth:`advert` reads one, and
        what they add up to: levels, PMO jobs, titles the text contradicts and, with a
        person's ``answers``, how many fit them how."""
        from pmo_advisor.adverts.advert import summary_of
        from pmo_advisor.adverts.model import AdvertBatch

        if answers is not None and not isinstance(answers, Mapping):
            given: Answers | Mapping[str, Any] | None = answers
        else:
            given = None if answers is None else self._validated(answers)
        readings = tuple(
            self.advert(text, name=name, answers=given, market=market) for name, text in texts
        )
        return AdvertBatch(readings, summary_of(readings, self.knowledge))

    def team(
        self,
        rows: Roster | Iterable[Mapping[str, Any]],
        *,
        market: str | None = None,
        stop_after: int | None = None,
        progress: Callable[[], None] | None = None,
        group_by: str | None = None,
        index_people: bool = False,
    ) -> TeamRun:
        """A training-needs analysis of a team, read once, as it goes.

        ``rows`` is a roster (:func:`pmo_advisor.roster.open_roster`) or mappings, each
        with a ``name`` and the keys of an answers file. The result's ``people`` is an
        iterator, consumed once, of each valid person and their advice in short; its
        ``summary`` is ready once they are read (asked for sooner, it reads the rest
        without keeping them). Memory stays bounded whatever the roster's size. Invalid
        rows are left out of the people and counted in ``invalid`` (the first of them
        kept in the summary); repeated names in ``duplicates``. ``market`` is the market
        of rows that name none; reading stops after ``stop_after`` problems, if given,
        and ``progress`` is called every few thousand rows. With ``group_by`` (a roster
        column or answer key) the run's ``groups`` sum up each group as well; with
        ``index_people`` its ``index`` keeps each person's id, name and outcome, for
        :func:`pmo_advisor.teamtally.changes` to compare two rosters.
        """
        from pmo_advisor.roster import Roster
        from pmo_advisor.team import TeamRun, mapping_rows

        if isinstance(rows, Roster):
            roster = rows
            return TeamRun(
                self.knowledge,
                roster.rows(),
                label=roster.label,
                unit=roster.unit,
                build=roster.raw,
                market=market,
                stop_after=stop_after,
                progress=progress,
                group_by=group_by,
                index_people=index_people,
            )
        return TeamRun(
            self.knowledge,
            mapping_rows(rows),
            label="the rows given",
            market=market,
            stop_after=stop_after,
            progress=progress,
            group_by=group_by,
            index_people=index_people,
        )

    def _level(self, level: int) -> int:
        numbers = [lv.number for lv in self.knowledge.levels]
        if type(level) is not int or level not in numbers:
            raise InputError(f"level must be one of {', '.join(map(str, numbers))}, not {level!r}")
        return level

    def _scope(self, scope: str | None) -> Scope | None:
        if scope is None:
            return None
        found = self.knowledge.scope_id_for(scope)
        if found is not None:
            return found
        from pmo_advisor.nearest import unknown_choice

        raise InputError(unknown_choice("scope", scope, self.knowledge.scope_ids))

    def _focus(self, focus: Sequence[str]) -> tuple[str, ...]:
        pool = self.knowledge.focus_ids
        for item in focus:
            if item not in pool:
                from pmo_advisor.nearest import unknown_choice

                raise InputError(unknown_choice("focus area", item, pool))
        return tuple(i for i in pool if i in focus)

    def _courses(self, held: Sequence[str]) -> tuple[str, ...]:
        found, unknown = self.knowledge.courses_named(list(held))
        if unknown:
            from pmo_advisor.nearest import unknown_course

            raise InputError(unknown_course(unknown[0], self.knowledge))
        return tuple(i for i in self.knowledge.course_ids if i in set(found))


def to_json(result: Result | TeamReport | TeamRun) -> str:
    """A result as the JSON ``--format json`` prints for it, ending with a newline.

    A team run not read yet is read whole first, its people kept packed until the text
    is made; to write a large team's JSON as it is read, render its people one by one.
    """
    from pmo_advisor.render.json import to_json as render_json
    from pmo_advisor.team import TeamRun

    if isinstance(result, TeamRun):
        from pmo_advisor.teampeople import People
        from pmo_advisor.teamreport import TeamReport

        people = People()
        for member in result.people:
            people.append(member.name, member.advice, member.id, member.extra)
        result = TeamReport(result.label, result.summary, people=people)
    return render_json(result)


def choose_route(route: str | None, label: str = "route") -> str | None:
    """The route ``route`` names (any case), or None; InputError, naming ``label``, for
    one that is not a route."""
    if route is None:
        return None
    chosen = route.strip().casefold()
    if chosen not in ROUTES:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"{label}: {unknown_choice('route', route, ROUTES)}")
    return chosen


def _with_market(answers: Answers, market: str | None) -> Answers:
    """The answers with ``market`` filled in where they name no market of their own."""
    if answers.market is not None or market is None:
        return answers
    from dataclasses import replace

    return replace(answers, market=market)
