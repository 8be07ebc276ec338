"""The commands that read the knowledge base: each checks its flags, asks the Advisor
and renders the result. ``assess`` and ``team`` have modules of their own."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmo_advisor.cli import options
from pmo_advisor.cli.present import Output, render, renderer, write, write_pieces
from pmo_advisor.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pmo_advisor.advisor import Advisor
    from pmo_advisor.knowledge import Scope
    from pmo_advisor.render import Renderer
    from pmo_advisor.titlelist import BadLine

#: The largest title list read by ``titles --from``.
MAX_TITLE_LIST_BYTES = 20_000_000
#: Titles looked up before their results are written: output comes as it goes, and no
#: more than this many results are ever held.
TITLE_BATCH = 500
#: Titles of a list read here before the rest is shared out between the processors:
#: below this, starting the workers costs more than they save.
TITLES_BEFORE_SHARING = 10_000


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
    level: str, scope: str | None, focus: Sequence[str], held: Sequence[str], output: Output
) -> None:
    """Print the advice for a level the person already knows."""
    number = options.level(level)
    chosen = options.report_format(output.file, output.format)
    options.check_outputs(output.file, None)
    advisor = _advisor()
    knowledge = advisor.knowledge
    result = advisor.suggest(
        number,
        scope=None if scope is None else options.scope(scope, knowledge),
        focus=options.focus_ids(focus, knowledge),
        held=options.course_ids("--held", held, knowledge),
    )
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

    from pmo_advisor.model import TitleLookup, TitleLookups
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

    rest = chain((more,), chunks)
    yield from workers.in_order(part, rest) if workers.can_share() else map(part, rest)


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
    target: str,
    focus: Sequence[str],
    held: Sequence[str],
    output: Output,
) -> None:
    """Print the roadmap from the current level (given, or assessed from answers) to a
    target level."""
    chosen = options.report_format(output.file, output.format)
    if start is not None and answers_file is not None:
        raise InputError(
            "give --from N or --answers FILE, not both",
            "--answers starts from your assessed level; --from from the level you name.",
        )
    if start is None and answers_file is None:
        raise InputError(
            "give where you are now: --from N (your level) or --answers FILE",
            "For example: pmo-advisor plan --from 2 --to 4",
        )
    end = options.level(target, "--to")
    options.check_outputs(output.file, None, answers_file)
    advisor = _advisor()
    knowledge = advisor.knowledge
    focus_ids = options.focus_ids(focus, knowledge)
    held_ids = options.course_ids("--held", held, knowledge)
    if answers_file is None:
        first = options.level(start or "", "--from")
        result = advisor.plan(end, start=first, focus=focus_ids, held=held_ids)
    else:
        from pmo_advisor.answers import validate
        from pmo_advisor.cli.assess import AnswerSources, given_answers, missing_answers

        raw, source = given_answers(AnswerSources(answers_file=answers_file))
        missing = missing_answers(raw)
        if missing:
            raise InputError(
                f"{source} lacks answers a plan needs: {', '.join(missing)}",
                "Add them to the file, or save complete answers with"
                " pmo-advisor assess --save-answers FILE.",
            )
        answers = validate(raw, knowledge, source)
        market = options.market_unless_given(raw, knowledge)
        result = advisor.plan(end, answers=answers, focus=focus_ids, held=held_ids, market=market)
    write(render(result, knowledge, chosen, output), output.file, output)


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
