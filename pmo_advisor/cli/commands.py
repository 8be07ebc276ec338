"""The commands that read the knowledge base: each checks its flags, asks the Advisor
and renders the result. ``assess`` and ``team`` have modules of their own."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmo_advisor import PROG
from pmo_advisor.cli import options, present
from pmo_advisor.cli.present import Output, render, renderer, write, write_pieces
from pmo_advisor.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmo_advisor.advisor import Advisor
    from pmo_advisor.answers import Answers
    from pmo_advisor.knowledge import Knowledge, Scope
    from pmo_advisor.render import Renderer
    from pmo_advisor.titlelist import BadLine

#: The largest title list read by ``titles --from``.
MAX_TITLE_LIST_BYTES = 20_000_000
#: Titles looked up before their results are written: output comes as it goes, and no
#: more than this many results are ever held.
TITLE_BATCH = 500
#: Titles of a list read here before the rest is shared out between the processors:
#: below this, starting the workers costs more than they save.
TITLES_BEFORE_SHARING = 2_000
#: Batches a worker reads at a time, once a list is shared out.
SHARED_BATCHES = 4


def _advisor() -> Advisor:
    from pmo_advisor.advisor import Advisor

    return Advisor()


def levels(output: Output) -> None:
    """Print the career ladder."""
    chosen = options.output_format(output.format)
    options.check_outputs(output.file, None)
    advisor = _advisor()
    write(render(advisor.ladder(), advisor.knowledge, chosen, output), output.file, output)


def suggest(
    level: str | None,
    scope: str | None,
    focus: Sequence[str],
    held: Sequence[str],
    output: Output,
    *,
    last: bool = False,
) -> None:
    """Print the advice for a level the person already knows, or (``last``) for the
    level the kept answers assess to."""
    if last and level is not None:
        raise InputError(
            "give --level N or --last, not both",
            "--last suggests for the level your kept answers place you at.",
        )
    if level is None and not last:
        raise InputError(
            "give your level: --level N (1-4), or --last for the level your kept answers"
            " place you at",
            f"For example: {PROG} suggest --level 2",
        )
    number = None if level is None else options.level(level)
    chosen = options.report_format(output.file, output.format)
    options.check_outputs(output.file, None)
    advisor = _advisor()
    knowledge = advisor.knowledge
    kind = None if scope is None else options.scope(scope, knowledge)
    focus_ids = options.focus_ids(focus, knowledge)
    held_ids = options.course_ids("--held", held, knowledge)
    if number is None:
        # The kept answers give the level, and fill in the flags not given.
        answers, market = _answers(kept_answers_file(), knowledge, "a suggestion")
        number = advisor.assess(answers, market=market).level.number
        kind = kind or answers.scope
        focus_ids = focus_ids or answers.focus
        held_ids = tuple(dict.fromkeys((*answers.qualifications, *held_ids)))
    result = advisor.suggest(number, scope=kind, focus=focus_ids, held=held_ids)
    write(render(result, knowledge, chosen, output), output.file, output)


def titles(
    query: str | None, level: str | None, scope: str | None, from_file: str | None, output: Output
) -> None:
    """Print every title, or what an advert's title (or a list of them) means."""
    chosen = options.output_format(output.format)
    if query is not None and from_file is not None:
        raise InputError(
            "give a title or --from FILE, not both",
            "For example: pmo-advisor titles 'Snr PMO Analyst', or --from titles.txt",
        )
    if query is not None:
        options.check_title_query(query)
    number = None if level is None else options.level(level)
    options.check_outputs(output.file, None, from_file)
    advisor = _advisor()
    kind = None if scope is None else options.scope(scope, advisor.knowledge)
    if from_file is not None:
        shown = renderer(advisor.knowledge, chosen, output)
        write_pieces(_title_list(advisor, from_file, number, kind, shown), output.file)
        return
    result = advisor.titles(query, level=number, scope=kind)
    write(render(result, advisor.knowledge, chosen, output), output.file, output)


def _title_list(
    advisor: Advisor, from_file: str, level: int | None, scope: Scope | None, shown: Renderer
) -> Iterator[str]:
    """``titles --from``: the list opened now, then read, looked up and rendered a batch
    of lines at a time."""
    from pmo_advisor.titlelist import title_lines

    stdin = None if sys.stdin is None else sys.stdin.buffer
    lines = title_lines(from_file, stdin, flag="--from", limit=MAX_TITLE_LIST_BYTES)
    return _title_pieces(advisor, lines, level, scope, shown)


def _title_pieces(
    advisor: Advisor,
    lines: Iterator[str | BadLine],
    level: int | None,
    scope: Scope | None,
    shown: Renderer,
) -> Iterator[str]:
    from itertools import chain, islice

    from pmo_advisor.listings import TitleLookup, TitleLookups
    from pmo_advisor.titlelist import BadLine
    from pmo_advisor.titles import THRESHOLD

    def lookup(line: str | BadLine) -> TitleLookup:
        if isinstance(line, BadLine):
            return TitleLookup(line.shown, (), threshold=THRESHOLD, error=line.problem)
        return advisor.lookup_title(line, level=level, scope=scope)

    def part(batch: tuple[str | BadLine, ...], first: bool = False) -> str:
        found = tuple(lookup(line) for line in batch)
        return shown.table_part(TitleLookups(found, batch=True, threshold=THRESHOLD), first=first)

    def batches() -> Iterator[tuple[str | BadLine, ...]]:
        while batch := tuple(islice(lines, TITLE_BATCH)):
            yield batch

    def parts(group: tuple[tuple[str | BadLine, ...], ...]) -> str:
        return "".join(map(part, group))

    # A list's first titles are read here; a list longer than that is shared out
    # between the processors, whose output is the same, in the same order.
    chunks = batches()
    first = next(chunks, ())
    yield part(first, first=True)  # an empty list still gets its (empty) table
    yield from map(part, islice(chunks, TITLES_BEFORE_SHARING // TITLE_BATCH - 1))
    more = next(chunks, None)
    if more is None:
        return
    from pmo_advisor import workers

    if not workers.can_share():
        yield from map(part, chain((more,), chunks))
        return
    # Shared out a few batches at a time (each costs a message to a worker and one
    # back), each batch still written as it is here.
    rest = chain((more,), chunks)
    yield from workers.in_order(parts, iter(lambda: tuple(islice(rest, SHARED_BATCHES)), ()))


def courses(
    level: str | None,
    focus: Sequence[str],
    kind: str | None,
    output: Output,
    provider: str | None = None,
) -> None:
    """Print the course catalogue, filtered."""
    chosen = options.output_format(output.format)
    number = None if level is None else options.level(level)
    options.check_outputs(output.file, None)
    advisor = _advisor()
    knowledge = advisor.knowledge
    focus_ids = options.focus_ids(focus, knowledge)
    course_kind = None if kind is None else options.course_kind(kind, knowledge)
    if provider is not None:
        options.provider(provider, knowledge)
    result = advisor.courses(level=number, focus=focus_ids, kind=course_kind, provider=provider)
    write(render(result, knowledge, chosen, output), output.file, output)


def activities(level: str | None, focus: Sequence[str], output: Output) -> None:
    """Print the activities whose ids answers take, with their level and focus area."""
    chosen = options.output_format(output.format)
    number = None if level is None else options.level(level)
    options.check_outputs(output.file, None)
    advisor = _advisor()
    result = advisor.activities(level=number, focus=options.focus_ids(focus, advisor.knowledge))
    write(render(result, advisor.knowledge, chosen, output), output.file, output)


def plan(
    start: str | None,
    answers_file: str | None,
    target: str | None,
    focus: Sequence[str],
    held: Sequence[str],
    output: Output,
    *,
    last: bool = False,
) -> None:
    """Print the roadmap from the current level (given, or assessed from answers: a
    file, or the kept ones) to a target level (default: the next one up)."""
    chosen = options.report_format(output.file, output.format)
    starts = (("--from N", start), ("--answers FILE", answers_file), ("--last", last))
    given = [flag for flag, value in starts if value]
    if len(given) > 1:
        raise InputError(
            f"give {given[0]} or {given[1]}, not both"
            if len(given) == 2
            else f"give only one of {', '.join(given[:-1])} and {given[-1]}",
            "--from starts from the level you name; --answers from your assessed level;"
            " --last from the level your kept answers place you at.",
        )
    implied = False
    if start is None and answers_file is None:
        from pmo_advisor.settings import last_answers_path

        if not last and not last_answers_path().is_file():
            raise InputError(
                "give where you are now: --from N (your level) or --answers FILE",
                f"For example: {PROG} plan --from 2 --to 4. After '{PROG} assess' in a"
                " terminal, plan starts from the level your answers place you at.",
            )
        implied = not last
        answers_file = kept_answers_file()
    end = None if not target else options.level(target, "--to")
    first = None if start is None else options.level(start, "--from")
    options.check_outputs(output.file, None, answers_file)
    advisor = _advisor()
    knowledge = advisor.knowledge
    focus_ids = options.focus_ids(focus, knowledge)
    held_ids = options.course_ids("--held", held, knowledge)
    top = knowledge.top_level
    if first is not None:
        end = min(first + 1, top) if end is None else end
        result = advisor.plan(end, start=first, focus=focus_ids, held=held_ids)
    else:
        assert answers_file is not None
        answers, market = _answers(answers_file, knowledge, "a plan")
        if end is None:
            end = min(advisor.assess(answers, market=market).level.number + 1, top)
        result = advisor.plan(end, answers=answers, focus=focus_ids, held=held_ids, market=market)
    write(render(result, knowledge, chosen, output), output.file, output)
    if implied:  # after the pager has closed, so that it is seen
        present.tell(
            f"Planned from level {result.start}, where your kept answers place you;"
            " --from N starts from another level."
        )


def kept_answers_file() -> str:
    """The kept answers' file, for ``--last``; an InputError saying how to keep some
    when there are none."""
    from pmo_advisor.settings import last_answers_path

    path = last_answers_path()
    # Whatever is there and not a regular file is refused when read, by name.
    if not path.exists():
        raise InputError(
            f"no answers have been kept yet (they would be in {path})",
            f"Answer the questions once in a terminal with '{PROG}'; your answers"
            " are then kept for --last.",
        )
    return str(path)


def _answers(
    answers_file: str, knowledge: Knowledge, needed_for: str
) -> tuple[Answers, str | None]:
    """The answers in a file, complete and checked, and the market for them."""
    from pmo_advisor.answers import validate
    from pmo_advisor.cli.assess import AnswerSources, given_answers, missing_answers

    raw, source = given_answers(AnswerSources(answers_file=answers_file))
    missing = missing_answers(raw)
    if missing:
        raise InputError(
            f"{source} lacks answers {needed_for} needs: {', '.join(missing)}",
            "Add them to the file, or save complete answers with"
            f" {PROG} assess --save-answers FILE.",
        )
    return validate(raw, knowledge, source), options.market_unless_given(raw, knowledge)


def schema(name: str, output: Output) -> None:
    """Print (or write to ``output.file``) the JSON Schema of a public contract:
    ``answers``, ``result`` or ``team``."""
    from pmo_advisor.schemas import SCHEMAS

    lowered = name.strip().casefold()
    if lowered not in SCHEMAS:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"schema: {unknown_choice('schema', name, SCHEMAS)}")
    options.check_outputs(output.file, None, None)
    from pmo_advisor.render.json import dumps

    write(dumps(SCHEMAS[lowered]()), output.file, output)


def config(path_only: bool, output: Output) -> None:
    """Print the settings, their values and where each came from, or the file's path."""
    from pmo_advisor.settings import config_path, describe

    if path_only:
        from pmo_advisor.safetext import clean_line

        write(clean_line(str(config_path())) + "\n", None)
        return
    write(describe(), None, output)
