"""What each command does, free of any command-line library.

The typer commands in :mod:`pmo_advisor.cli` parse their flags and call these; so does
the quick path that starts the questionnaire when ``pmo-advisor`` runs in a terminal
with no arguments. Each loads the knowledge base, calls one core function, renders the
result and writes it; errors are raised as :class:`~pmo_advisor.errors.AdvisorError`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pmo_advisor import PROG
from pmo_advisor.errors import InputError
from pmo_advisor.render import OutputFormat, RenderOptions, TeamFormat, renderer_for
from pmo_advisor.text import quoted

if TYPE_CHECKING:
    from pmo_advisor.answers import Answers
    from pmo_advisor.knowledge import Knowledge, Scope
    from pmo_advisor.model import Advice, TitleLookup
    from pmo_advisor.render import Renderer, Result
    from pmo_advisor.roster import Roster
    from pmo_advisor.teamreport import TeamReport

NO_INPUT_ENV = "PMO_ADVISOR_NO_INPUT"
#: The formats every command takes; ``team`` also takes csv.
FORMATS = tuple(f.value for f in OutputFormat)
TEAM_FORMATS = (*FORMATS, *(f.value for f in TeamFormat))


@dataclass(frozen=True)
class Output:
    """Where and how a result is shown: the ``--format``, ``--output`` and ``--no-color``
    flags every command takes."""

    format: str | None = None
    file: str | None = None
    no_color: bool = False
    #: ``--no-pager``: print long output on a terminal instead of paging it.
    no_pager: bool = False
    #: ``--full``: an assessment's every reason, title and course, not its plan alone.
    full: bool = False


@dataclass(frozen=True)
class AnswerSources:
    """Where ``assess`` gets answers from, and whether it may ask for the missing ones."""

    answers_file: str | None = None
    set_values: tuple[str, ...] = ()
    no_input: bool = False
    save_answers: str | None = None
    #: Start from the answers the questionnaire kept last time (``--last``).
    last: bool = False
    #: Do not keep the questionnaire's answers for next time (``--no-save``).
    no_save: bool = False
    #: Ask in plain numbered questions, without redrawing the screen.
    plain_prompts: bool = False
    #: ``--route``: the route up the plan follows (specialist or management).
    route: str | None = None
    #: ``--market``: where the person works, winning over every other source.
    market: str | None = None


def levels(output: Output) -> None:
    """Print the career ladder."""
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.rules import ladder

    chosen = _format(output.format)
    _check_outputs(output.file, None)
    knowledge = load_knowledge()
    _write(_render(ladder(knowledge), knowledge, chosen, output), output.file, output)


def suggest(
    level: str,
    scope: str | None,
    focus: Sequence[str],
    held: Sequence[str],
    output: Output,
) -> None:
    """Print the advice for a level the person already knows."""
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.model import SuggestionRequest
    from pmo_advisor.rules import suggest as suggest_for_level

    number = _level(level)
    chosen = _format(output.format)
    _check_outputs(output.file, None)
    knowledge = load_knowledge()
    request = SuggestionRequest(
        level=number,
        scope=None if scope is None else _scope(scope, knowledge),
        focus=_ids("--focus", focus, knowledge.focus_ids, "focus area"),
        held=_course_ids("--held", held, knowledge),
    )
    result = suggest_for_level(request, knowledge)
    _write(_render(result, knowledge, chosen, output), output.file, output)


def assess(sources: AnswerSources, output: Output) -> None:
    """Print an assessment from the answers given, asking for missing ones when it may."""
    from pmo_advisor.knowledge import load_knowledge

    chosen = _format(output.format)
    if sources.last:
        sources = _with_last_answers(sources)
    _check_outputs(output.file, sources.save_answers, sources.answers_file)
    knowledge = load_knowledge()
    raw, source = _given_answers(sources)
    missing = _missing(raw)
    # Checked before anything is asked, so that a mistake there is reported first.
    configured = None if _gives_market(raw) else configured_market(knowledge)
    asked = False
    # --last on a terminal opens the review of the kept answers, to change any of them.
    if (missing or sources.last) and can_prompt(sources.no_input):
        from pmo_advisor.questionnaire import ask_for_answers

        if raw:  # report a mistake in a file or flag before asking anything
            from pmo_advisor.answers import check_partial

            check_partial(raw, knowledge, source)
        raw = ask_for_answers(
            knowledge,
            raw,
            no_color=_no_color(output),
            plain=_plain_prompts(sources),
            replay=sources.last,
            fixed=_set_flags(sources) if sources.last else None,
            defaults={"market": configured} if configured else None,
        )
        source = "your answers"
        asked = True

    from pmo_advisor.answers import validate
    from pmo_advisor.rules import assess as assess_answers

    answers = validate(raw, knowledge, source)
    # The configured market is used, but not saved or kept with the answers: they stay
    # what the person said, and follow the setting if it changes.
    assessed = with_market(answers, configured)
    advice = assess_answers(assessed, knowledge, route=_route(sources.route))
    kept = asked and not sources.no_save
    more = _more_lines(advice, sources, kept or sources.last, _to_terminal(output))
    text = _renderer(knowledge, chosen, output, more).render(advice)
    if kept:
        _keep_last(answers)
    if sources.save_answers is None:
        _write(text, output.file, output)
        return
    from pmo_advisor.answers.sources import dump_answers

    as_json = sources.save_answers.lower().endswith(".json")
    # Both or neither: answers saved beside a result that failed would say otherwise.
    saved = (sources.save_answers, dump_answers(answers, as_json=as_json), "--save-answers")
    _write(text, output.file, output, saved)
    _tell(f"Saved your answers to {sources.save_answers}.")


#: The routes up a plan can follow, as --route takes them.
ROUTES = ("specialist", "management")


def _route(value: str | None) -> str | None:
    if value is None:
        return None
    chosen = value.strip().casefold()
    if chosen not in ROUTES:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"--route: {unknown_choice('route', value, ROUTES)}")
    return chosen


def _more_lines(
    advice: Advice, sources: AnswerSources, kept: bool, to_terminal: bool
) -> tuple[str, ...]:
    """The last lines of a one-screen assessment: the command that shows everything
    and, on a terminal, the one a person would run next."""
    import shlex

    lines = []
    if kept:
        lines.append(f"Every reason, title and course: {PROG} assess --last --full")
    elif sources.answers_file not in (None, "-"):
        path = shlex.quote(str(sources.answers_file))
        lines.append(f"Every reason, title and course: {PROG} assess --answers {path} --full")
    else:
        lines.append("Every reason, title and course: run the same command with --full")
    level = advice.level.number
    if to_terminal and level < 4:
        command = f"{PROG} plan --from {level} --to {level + 1}"
        step = advice.next
        if step is not None and step.routes and step.routes[0].focus:
            # The roadmap for the specialism the plan follows, not every route's courses.
            command += f" --focus {','.join(step.routes[0].focus)}"
        lines.append(f"Your roadmap to level {level + 1}: {command}")
    return tuple(lines)


def _to_terminal(output: Output) -> bool:
    return output.file in (None, "-") and sys.stdout is not None and sys.stdout.isatty()


def _gives_market(raw: Mapping[str, Any]) -> bool:
    from pmo_advisor.answers.checks import is_given

    value = raw.get("market")
    return is_given(value) and not (isinstance(value, str) and not value.strip())


def configured_market(knowledge: Knowledge) -> str | None:
    """The market ``PMO_ADVISOR_MARKET`` or the config file names, for answers that name
    none (answers, flags and roster cells win over it); None when neither names one."""
    from pmo_advisor.settings import MARKET_ENV, setting

    chosen = setting("market")
    if not chosen.value:
        return None
    found = knowledge.market_id_for(str(chosen.value))
    if found is None:
        from pmo_advisor.nearest import unknown_choice

        where = chosen.source if chosen.source == MARKET_ENV else f"{chosen.source}: market"
        raise InputError(
            f"{where}: {unknown_choice('market', chosen.value, knowledge.market_ids)}",
            'Set it to one of those market ids, or to "" for none.',
        )
    return found


def _market_unless_given(raw: Mapping[str, Any], knowledge: Knowledge) -> str | None:
    return None if _gives_market(raw) else configured_market(knowledge)


def with_market(answers: Answers, market: str | None) -> Answers:
    """The answers with ``market`` filled in where they name no market of their own."""
    if answers.market is not None or market is None:
        return answers
    from dataclasses import replace

    return replace(answers, market=market)


def _plain_prompts(sources: AnswerSources) -> bool:
    if sources.plain_prompts:
        return True
    from pmo_advisor.settings import setting

    return bool(setting("plain_prompts").value)


def _with_last_answers(sources: AnswerSources) -> AnswerSources:
    from dataclasses import replace

    from pmo_advisor.settings import last_answers_path

    if sources.answers_file is not None:
        raise InputError(
            "give --answers FILE or --last, not both",
            "--last starts from the answers you gave the questionnaire last time.",
        )
    path = last_answers_path()
    # Whatever is there and not a regular file is refused when read, by name.
    if not path.exists():
        raise InputError(
            f"no answers have been kept yet (they would be in {path})",
            f"Answer the questions once in a terminal with '{PROG} assess'; your answers"
            " are then kept for --last.",
        )
    return replace(sources, answers_file=str(path))


def _keep_last(answers: Answers) -> None:
    """Keep the questionnaire's answers for ``assess --last``, unless turned off. Failing
    to keep them never fails the run: the result matters more."""
    from pmo_advisor.settings import last_answers_path, setting

    if not setting("save_last").value:
        return
    from pmo_advisor.answers.sources import dump_answers
    from pmo_advisor.files import keep_private

    path = last_answers_path()
    try:
        # Answers about someone's career are theirs alone: a private folder and file,
        # put in place by renaming, so a link planted there is replaced, not written
        # through to wherever it leads.
        keep_private(path, dump_answers(answers, as_json=False).encode("utf-8"))
    except OSError as exc:
        where = exc.filename or path
        _tell(f"Could not keep your answers for --last: {where}: {exc.strerror or exc}")
        return
    _tell(f"Kept your answers in {path}; '{PROG} assess --last' starts from them.")


def team(roster: str, summary_only: bool, skip_invalid: bool, output: Output) -> None:
    """Print the advice for everyone on a roster, and what it adds up to."""
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.roster import open_roster
    from pmo_advisor.team import build_team, describe_row
    from pmo_advisor.teamreport import PROBLEMS_KEPT, PROBLEMS_LISTED

    chosen = _format(output.format, TEAM_FORMATS) or format_for_file(output.file, TEAM_FORMATS)
    if chosen is TeamFormat.csv and summary_only:
        raise InputError(
            "--summary leaves the people out, but --format csv or a CSV file has a row per person",
            "For the summary alone choose json, plain, markdown or rich, or write a .json,"
            " .md or .txt file.",
        )
    _check_outputs(output.file, None, None if roster == "-" else roster)
    knowledge = load_knowledge()
    # Every setting the run uses is read before the roster is: a mistake in one is
    # reported at once, not after a million rows. The market is for rows that name none.
    market = configured_market(knowledge)
    renderer = _renderer(knowledge, chosen, output)
    on_terminal = output.file is None and sys.stdout is not None and sys.stdout.isatty()
    if on_terminal and not output.no_pager:
        from pmo_advisor.settings import setting

        setting("pager")
    stdin = None if sys.stdin is None else sys.stdin.buffer
    source = open_roster(roster, stdin)
    try:
        _check_roster_output(output.file, source)
        with _progress(source) as tick:
            builder = build_team(
                source,
                knowledge,
                keep_people=not summary_only,
                tick=tick,
                market=market,
                # Without --skip-invalid a problem stops the run: once enough are found to
                # be worth fixing, reading on would only make the refusal slower.
                stop_after=None if skip_invalid else PROBLEMS_LISTED,
            )
    finally:
        source.close()
    if builder.duplicates:
        repeats = builder.duplicates
        shown = [f"  {quoted(name)} at {where}" for name, where in repeats.items[:PROBLEMS_LISTED]]
        more = repeats.count - len(shown)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        if builder.stopped:
            tail += "\n  (reading stopped there: fix these and run again for any others)"
        raise InputError(
            f"{source.label}: names must be unique, and these repeat a name given earlier:\n"
            + "\n".join(shown)
            + tail,
            "Tell the people apart, for example with an initial or a staff number.",
        )
    invalid = builder.invalid
    noun = source.unit.removeprefix("the ")  # "row", or "file" for a directory
    for row in invalid.items[:PROBLEMS_LISTED]:
        _say(describe_row(source.label, row))
    if len(invalid) > PROBLEMS_LISTED:
        _say(
            f"... and {len(invalid) - PROBLEMS_LISTED:,} more invalid {noun}s:"
            f" --skip-invalid --format json lists the first {PROBLEMS_KEPT:,};"
            " fix those and run again for the rest"
        )
    if invalid and not skip_invalid:
        found = f"{len(invalid)} invalid {noun}{'s' if len(invalid) > 1 else ''}"
        if builder.stopped:
            found = f"at least {found} (reading stopped there)"
        raise InputError(
            f"{found} in {source.label}; no report was written",
            f"Fix the {noun}s listed above, or leave them out of the report with --skip-invalid.",
        )
    if not invalid and not builder.assessor.outcomes:
        raise InputError(
            f"{source.label} has nobody in it: a roster needs a row per person",
            "Add a row per person below the header.",
        )
    report = builder.report(source.label)
    if on_terminal:  # read there, and perhaps paged: the whole text is needed
        _write(renderer.render(report), output.file, output)
        return
    from pmo_advisor.output import STDOUT, streaming

    # Written as it is made: a large roster's report is never held whole. Every row was
    # checked above, so nothing can stop it half-way but the reader going away.
    with streaming(output.file or STDOUT, "--output") as sink:
        for piece in renderer.team_pieces(report):
            sink.write(piece)
    if output.file not in (None, STDOUT):
        _tell(f"Saved the result to {output.file}.")


@contextlib.contextmanager
def _progress(roster: Roster) -> Iterator[Callable[[], None] | None]:
    """A progress bar on standard error for a roster that takes more than a moment, on a
    terminal only; yields what to call as reading goes on."""
    if sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    import time

    started = time.monotonic()
    bar: Any = None

    def tick() -> None:
        nonlocal bar
        done, total = roster.progress()
        if bar is None:
            if time.monotonic() - started < 0.5:
                return
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(file=sys.stderr), transient=True)
            bar.start()
            bar.add_task("Reading the roster", total=total)
        bar.update(bar.task_ids[0], completed=done)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.stop()


def _say(message: str) -> None:
    from pmo_advisor.text import clean

    sys.stderr.write(f"{PROG}: {clean(message)}\n")


def can_prompt(no_input: bool = False) -> bool:
    """Whether questions may be asked: both ends are a terminal and input is not off."""
    if no_input or os.environ.get(NO_INPUT_ENV, "") not in ("", "0"):
        return False
    if sys.stdin is None or sys.stdout is None:
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _given_answers(sources: AnswerSources) -> tuple[dict[str, Any], str]:
    raw: dict[str, Any] = {}
    names = []
    if sources.answers_file is None and not sources.set_values and sources.market is None:
        return raw, "the answers"
    from pmo_advisor.answers.sources import parse_set_flags, read_answers_file

    if sources.answers_file is not None:
        stdin = None if sys.stdin is None else sys.stdin.buffer
        raw.update(read_answers_file(sources.answers_file, stdin))
        names.append("standard input" if sources.answers_file == "-" else sources.answers_file)
    if sources.set_values:
        raw.update(parse_set_flags(sources.set_values))
        names.append("--set")
    if sources.market is not None:
        raw["market"] = sources.market.strip() or None
        names.append("--market")
    return raw, " and ".join(names) or "the answers"


def _set_flags(sources: AnswerSources) -> dict[str, Any]:
    """The answers given with --set (and --market) this time, which starting again keeps."""
    fixed: dict[str, Any] = {}
    if sources.set_values:
        from pmo_advisor.answers.sources import parse_set_flags

        fixed = parse_set_flags(sources.set_values)
    if sources.market is not None:
        fixed["market"] = sources.market.strip() or None
    return fixed


def _missing(raw: dict[str, Any]) -> list[str]:
    from pmo_advisor.answers import REQUIRED_KEYS
    from pmo_advisor.answers.checks import is_given

    return [key for key in REQUIRED_KEYS if not is_given(raw.get(key))]


def _level(value: str, flag: str = "--level") -> int:
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 3 and 1 <= int(text) <= 4:
        return int(text)
    raise InputError(
        f"{flag} must be 1, 2, 3 or 4, not {quoted(value)}",
        f"Run '{PROG} levels' to see the four levels.",
    )


def _format(
    value: str | None, formats: Sequence[str] = FORMATS
) -> OutputFormat | TeamFormat | None:
    if value is None:
        return None
    lowered = value.strip().casefold()
    if lowered in formats:
        return OutputFormat(lowered) if lowered in FORMATS else TeamFormat(lowered)
    if lowered in TEAM_FORMATS:
        raise InputError(
            f"--format {lowered} is for the team command, which has a row per person",
            f"Choose one of: {', '.join(formats)}.",
        )
    from pmo_advisor.nearest import unknown_choice

    raise InputError(f"--format: {unknown_choice('format', value, formats)}")


def _check_outputs(
    output: str | None, save_answers: str | None, answers_file: str | None = None
) -> None:
    from pmo_advisor.output import check_target, same_regular_file

    if output is not None:
        check_target(output, "--output")
    for target, flag in ((output, "--output"), (save_answers, "--save-answers")):
        if target is not None and answers_file and same_regular_file(target, answers_file):
            raise InputError(
                f"{flag} {target} is the file being read; writing it would replace it",
                f"Give {flag} another file name.",
            )
    if save_answers is not None:
        if save_answers == "-":
            raise InputError(
                "--save-answers needs a file name; standard output carries the result",
                "For example: --save-answers me.yaml",
            )
        check_target(save_answers, "--save-answers")
        if output is not None and same_regular_file(output, save_answers):
            raise InputError(
                "--output and --save-answers name the same file",
                "Give each its own file name.",
            )


def _check_roster_output(output: str | None, source: Roster) -> None:
    """Refuse --output to any file a directory roster reads: the report would replace
    that person's answers (a file roster is checked with the other outputs)."""
    from pmo_advisor.output import same_regular_file
    from pmo_advisor.roster import DirectoryRoster

    if output is None or not isinstance(source, DirectoryRoster):
        return
    for entry in source.files:
        if same_regular_file(output, str(entry)):
            raise InputError(
                f"--output {output} is {entry.name}, a file of the roster {source.label};"
                " writing it would replace those answers",
                "Give --output a file outside the roster's directory.",
            )


def _scope(value: str, knowledge: Knowledge) -> Scope:
    from pmo_advisor.knowledge import SCOPES
    from pmo_advisor.nearest import unknown_choice

    found = knowledge.scope_id_for(value)
    for scope in SCOPES:
        if scope == found:
            return scope
    raise InputError(f"--scope: {unknown_choice('scope', value, knowledge.scope_ids)}")


def _ids(flag: str, values: Sequence[str], pool: Sequence[str], what: str) -> tuple[str, ...]:
    from pmo_advisor.answers.checks import split_list
    from pmo_advisor.nearest import unknown_choice

    chosen: set[str] = set()
    for value in values:
        for item in split_list(value):
            if item.casefold() not in pool:
                raise InputError(f"{flag}: {unknown_choice(what, item, pool)}")
            chosen.add(item.casefold())
    return tuple(i for i in pool if i in chosen)


def _course_ids(flag: str, values: Sequence[str], knowledge: Knowledge) -> tuple[str, ...]:
    """Course ids from flags: ids, names or common spellings, separated by commas or
    semicolons."""
    from pmo_advisor.answers.checks import split_list
    from pmo_advisor.nearest import unknown_course

    chosen: set[str] = set()
    for value in values:
        found, unknown = knowledge.courses_named(split_list(value))
        if unknown:
            raise InputError(f"{flag}: {unknown_course(unknown[0], knowledge)}")
        chosen.update(found)
    return tuple(i for i in knowledge.course_ids if i in chosen)


def _no_color(output: Output) -> bool:
    """Whether colour is off: --no-color, or the colour setting (NO_COLOR, TERM=dumb,
    the config file) says never; the same rule the renderers follow."""
    from pmo_advisor.settings import setting

    return output.no_color or setting("color").value == "never"


#: Output file extensions that choose a format when --format is not given.
FORMAT_EXTENSIONS: dict[str, OutputFormat | TeamFormat] = {
    ".json": OutputFormat.json,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
    ".txt": OutputFormat.plain,
    ".csv": TeamFormat.csv,
}


def format_for_file(
    name: str | None, formats: Sequence[str] = FORMATS
) -> OutputFormat | TeamFormat | None:
    """The format an output file's extension asks for (``result.json``: JSON), if the
    command has it (only ``team`` writes CSV)."""
    if name is None or name == "-":
        return None
    found = FORMAT_EXTENSIONS.get(os.path.splitext(name)[1].casefold())
    return found if found is not None and found.value in formats else None


def _render(
    result: Result | TeamReport,
    knowledge: Knowledge,
    fmt: OutputFormat | TeamFormat | None,
    output: Output,
) -> str:
    return _renderer(knowledge, fmt, output).render(result)


def _renderer(
    knowledge: Knowledge,
    fmt: OutputFormat | TeamFormat | None,
    output: Output,
    more: tuple[str, ...] = (),
) -> Renderer:
    to_terminal = _to_terminal(output)
    dumb = os.environ.get("TERM") == "dumb"
    if fmt is None:
        fmt = format_for_file(output.file)
    if fmt is None:
        fmt = _configured_format()
    color = False
    if fmt in (None, OutputFormat.rich) and not output.no_color:
        from pmo_advisor.settings import setting

        wanted = setting("color").value
        color = wanted == "always" or (wanted == "auto" and to_terminal)
    if fmt is None:
        fmt = OutputFormat.rich if (to_terminal or color) and not dumb else OutputFormat.plain
    options = RenderOptions(width=_width(to_terminal), color=color, full=output.full, more=more)
    return renderer_for(fmt, knowledge, options)


def _configured_format() -> OutputFormat | None:
    """The format PMO_ADVISOR_FORMAT or the config file asks for, if not auto."""
    from pmo_advisor.settings import setting

    chosen = setting("format")
    return None if chosen.value == "auto" else OutputFormat(chosen.value)


def schema(name: str, output: Output) -> None:
    """Print (or write to ``output.file``) the JSON Schema of a public contract:
    ``answers``, ``result`` or ``team``."""
    from pmo_advisor.schemas import SCHEMAS

    lowered = name.strip().casefold()
    if lowered not in SCHEMAS:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"schema: {unknown_choice('schema', name, SCHEMAS)}")
    _check_outputs(output.file, None, None)
    from pmo_advisor.render.json import dumps

    _write(dumps(SCHEMAS[lowered]()), output.file, output)


def config(path_only: bool, output: Output) -> None:
    """Print the settings, their values and where each came from, or the file's path."""
    from pmo_advisor.settings import config_path, describe

    if path_only:
        from pmo_advisor.text import clean_line

        _write(clean_line(str(config_path())) + "\n", None)
        return
    _write(describe(), None, output)


def _width(to_terminal: bool) -> int:
    # COLUMNS wins, as it does for most tools; then the terminal's width; else 80. Kept
    # within 20-500 columns: narrower cannot be laid out, wider only wastes memory.
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and len(columns) <= 6 and int(columns) > 0:
        width = int(columns)
    else:
        width = shutil.get_terminal_size((80, 24)).columns if to_terminal else 80
    return min(max(width, 20), 500)


def _write(
    text: str, output: str | None, shown: Output | None = None, *also: tuple[str, str, str]
) -> None:
    """Write a result to the file, or to standard output (paged on a terminal when
    ``shown``, the command's output options, allows it), and the files in ``also`` with
    it: all of them or none."""
    from pmo_advisor.output import STDOUT, write_all

    # Paging is decided only on a terminal, so scripted runs never load the pager.
    if output is None and shown is not None and sys.stdout is not None and sys.stdout.isatty():
        from pmo_advisor.pager import pager_for

        pager = pager_for(text, no_pager=shown.no_pager)
        if pager is not None:
            write_all(also)  # a pager cannot fail half-way as a file can: these first
            pager.show(text)
            return
    write_all([(STDOUT if output is None else output, text, "--output"), *also])
    if output not in (None, STDOUT):
        _tell(f"Saved the result to {output}.")


def _tell(message: str) -> None:
    """A note for a person at a terminal; scripts reading stderr are not troubled."""
    if sys.stderr is not None and sys.stderr.isatty():
        from pmo_advisor.text import clean

        sys.stderr.write(clean(message) + "\n")


#: The largest title list read by ``titles --from``.
MAX_TITLE_LIST_BYTES = 20_000_000
#: ``--kind`` values and the course kinds they mean; the first of each is the one shown.
COURSE_KINDS = {
    "certification": "certification",
    "course": "course",
    "specialist": "specialist course",
    "specialist course": "specialist course",
    "specialist-course": "specialist course",
    "elearning": "eLearning",
    "e-learning": "eLearning",
    "professional-status": "professional status",
    "professional status": "professional status",
    "coaching": "coaching",
}


def titles(
    query: str | None,
    level: str | None,
    scope: str | None,
    from_file: str | None,
    output: Output,
) -> None:
    """Print every title, or what an advert's title (or a list of them) means."""
    from pmo_advisor.knowledge import load_knowledge

    chosen = _format(output.format)
    if query is not None and from_file is not None:
        raise InputError(
            "give a title or --from FILE, not both",
            "For example: pmo-advisor titles 'Snr PMO Analyst', or --from titles.txt",
        )
    if query is not None:
        _check_title_query(query)
    number = None if level is None else _level(level)
    _check_outputs(output.file, None, from_file)
    knowledge = load_knowledge()
    kind = None if scope is None else _scope(scope, knowledge)
    result: Result
    if query is None and from_file is None:
        from pmo_advisor.model import TitleListing
        from pmo_advisor.rules.titles import every_title

        result = TitleListing(every_title(knowledge, number, kind), number, kind)
    elif from_file is not None:
        _title_list(from_file, number, kind, knowledge, chosen, output)
        return
    else:
        from pmo_advisor.model import TitleLookups
        from pmo_advisor.titles import THRESHOLD, reader_for

        lookup = reader_for(knowledge).lookup(query or "")
        result = TitleLookups((_filtered(lookup, number, kind),), batch=False, threshold=THRESHOLD)
    _write(_render(result, knowledge, chosen, output), output.file, output)


def _check_title_query(query: str) -> None:
    """A title typed on the command line is one question: one that cannot be read is a
    usage error (exit 2), not a result. In a list (--from) it is a line's own error."""
    from pmo_advisor.titles import MAX_QUERY

    if not query.strip():
        raise InputError(
            "the title to look up is empty",
            f"Give an advert's title, such as {PROG} titles 'Senior PMO Analyst', or run"
            f" '{PROG} titles' for every title.",
        )
    if len(query) > MAX_QUERY:
        raise InputError(
            f"the title to look up is {len(query):,} characters long; at most {MAX_QUERY} are read",
            "Give the job title alone, without the advert's text.",
        )


#: Titles looked up before their results are written: output comes as it goes, and no
#: more than this many results are ever held.
TITLE_BATCH = 500


def _title_list(
    from_file: str,
    level: int | None,
    scope: str | None,
    knowledge: Knowledge,
    fmt: OutputFormat | TeamFormat | None,
    output: Output,
) -> None:
    """``titles --from``: read, look up and write a batch of lines at a time."""
    from itertools import islice

    from pmo_advisor.model import TitleLookup, TitleLookups
    from pmo_advisor.output import STDOUT, streaming
    from pmo_advisor.titlelist import BadLine, title_lines
    from pmo_advisor.titles import THRESHOLD, reader_for

    stdin = None if sys.stdin is None else sys.stdin.buffer
    lines = title_lines(from_file, stdin, flag="--from", limit=MAX_TITLE_LIST_BYTES)
    renderer = _renderer(knowledge, fmt, output)
    matcher = reader_for(knowledge)

    def lookup(line: str | BadLine) -> TitleLookup:
        if isinstance(line, BadLine):
            return TitleLookup(line.shown, (), error=line.problem)
        return _filtered(matcher.lookup(line), level, scope)

    with streaming(output.file or STDOUT, "--output") as sink:
        first = True
        while True:
            batch = tuple(lookup(line) for line in islice(lines, TITLE_BATCH))
            if batch or first:  # an empty list still gets its (empty) table
                part = TitleLookups(batch, batch=True, threshold=THRESHOLD)
                sink.write(renderer.table_part(part, first=first))
            if len(batch) < TITLE_BATCH:
                break
            first = False
    if output.file not in (None, STDOUT):
        _tell(f"Saved the result to {output.file}.")


def courses(
    level: str | None,
    focus: Sequence[str],
    kind: str | None,
    output: Output,
    provider: str | None = None,
) -> None:
    """Print the course catalogue, filtered."""
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.rules import catalogue

    chosen = _format(output.format)
    number = None if level is None else _level(level)
    _check_outputs(output.file, None)
    knowledge = load_knowledge()
    focus_ids = _ids("--focus", focus, knowledge.focus_ids, "focus area")
    course_kind = None
    if kind is not None:
        lowered = kind.strip().casefold()
        if lowered not in COURSE_KINDS:
            from pmo_advisor.nearest import unknown_choice

            names = tuple(dict.fromkeys(k for k in COURSE_KINDS if " " not in k))
            raise InputError(f"--kind: {unknown_choice('course kind', kind, names)}")
        course_kind = COURSE_KINDS[lowered]
    if provider is not None:
        _provider(provider, knowledge)
    result = catalogue(knowledge, number, focus_ids, course_kind, provider)
    _write(_render(result, knowledge, chosen, output), output.file, output)


def activities(level: str | None, focus: Sequence[str], output: Output) -> None:
    """Print the activities whose ids answers take, with their level and focus area."""
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.rules.activities import activity_listing

    chosen = _format(output.format)
    number = None if level is None else _level(level)
    _check_outputs(output.file, None)
    knowledge = load_knowledge()
    focus_ids = _ids("--focus", focus, knowledge.focus_ids, "focus area")
    result = activity_listing(knowledge, number, focus_ids)
    _write(_render(result, knowledge, chosen, output), output.file, output)


def _provider(value: str, knowledge: Knowledge) -> None:
    names = sorted(
        {n for c in knowledge.courses for n in (c.provider, c.awarding_body) if n is not None},
        key=str.casefold,
    )
    if value.strip().casefold() not in {n.casefold() for n in names}:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"--provider: {unknown_choice('provider', value.strip(), names)}")


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
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.roadmap import plan as roadmap

    chosen = _format(output.format)
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
    end = _level(target, "--to")
    _check_outputs(output.file, None, answers_file)
    knowledge = load_knowledge()
    focus_ids = _ids("--focus", focus, knowledge.focus_ids, "focus area")
    held_ids = _course_ids("--held", held, knowledge)
    if answers_file is None:
        result = roadmap(
            knowledge, _level(start or "", "--from"), end, focus=focus_ids, held=held_ids
        )
    else:
        from pmo_advisor.answers import validate
        from pmo_advisor.rules import assess

        raw, source = _given_answers(AnswerSources(answers_file=answers_file))
        missing = _missing(raw)
        if missing:
            raise InputError(
                f"{source} lacks answers a plan needs: {', '.join(missing)}",
                "Add them to the file, or save complete answers with"
                " pmo-advisor assess --save-answers FILE.",
            )
        answers = with_market(
            validate(raw, knowledge, source), _market_unless_given(raw, knowledge)
        )
        advice = assess(answers, knowledge)
        implied = answers.focus or knowledge.focus_of(answers.activities)
        result = roadmap(
            knowledge,
            advice.level.number,
            end,
            focus=tuple(dict.fromkeys((*implied, *focus_ids))),
            held=tuple(dict.fromkeys((*answers.qualifications, *held_ids))),
            done=answers.activities,
            scope=answers.scope,
            answers=answers,
        )
    _write(_render(result, knowledge, chosen, output), output.file, output)


def _filtered(lookup: TitleLookup, level: int | None, scope: str | None) -> TitleLookup:
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
