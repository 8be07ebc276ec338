"""The command line: parse, call one core function, render, and turn errors into exit codes.

Commands stay thin; the work is in :mod:`pmo_advisor.rules` and the renderers. Every
error a person can cause ends in :func:`main`, which prints one message on stderr and
returns the documented exit code.
"""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from pmo_advisor import __version__
from pmo_advisor.errors import AdvisorError, ExitCode, InputError
from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
from pmo_advisor.text import clean

# The knowledge base, models and rules are imported by the commands that use them, so
# that `--help` and `--version` start as fast as a bare typer app.
if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge, Scope
    from pmo_advisor.render import Result

PROG = "pmo-advisor"
NO_INPUT_ENV = "PMO_ADVISOR_NO_INPUT"
DEBUG_ENV = "PMO_ADVISOR_DEBUG"
FORMATS = tuple(f.value for f in OutputFormat)

app = typer.Typer(
    name=PROG,
    help="Find your level on the PMO career ladder, the jobs that fit you and what to do next.",
    epilog="Examples: pmo-advisor levels | pmo-advisor suggest --level 2 |"
    " pmo-advisor assess --answers me.yaml. Exit codes: 0 ok, 1 unexpected error,"
    " 2 bad input, 3 invalid knowledge base, 130 interrupted.",
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain help wraps cleanly in narrow terminals and does not load rich at start-up.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(FORMATS)}. Default: rich on a terminal, plain otherwise.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (replaced in one step) instead of standard output.",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours, even on a terminal (also: NO_COLOR=1).")
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Find your level on the PMO career ladder, the jobs that fit you and what to do next."""
    if ctx.invoked_subcommand is None:
        raise InputError(
            "no command given",
            f"Usage: {PROG} COMMAND [OPTIONS]\n"
            "Commands: assess (place yourself from your answers), suggest (advice for a"
            " level you know), levels (the career ladder).\n"
            f"Try '{PROG} suggest --level 2' or '{PROG} --help'.",
        )


@app.command(short_help="Place yourself on the ladder from your answers.")
def assess(
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answers file (YAML or JSON); - reads standard input.",
            show_default=False,
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="An answer, overriding the file; lists are comma-separated (repeatable).",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=f"Never ask for missing answers (also: {NO_INPUT_ENV}=1)."),
    ] = False,
    save_answers: Annotated[
        str | None,
        typer.Option(
            "--save-answers",
            metavar="FILE",
            help="Save the validated answers to FILE (YAML, or JSON for *.json) for --answers.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Place yourself on the ladder from your answers, with the reasons and next steps.

    Example: pmo-advisor assess --set years=4 --set scope=programme
    --set activities=plan-schedule,analyse-performance
    """
    from pmo_advisor.answers import validate
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.output import check_target, write_text
    from pmo_advisor.rules import assess as assess_answers
    from pmo_advisor.sources import dump_answers, parse_set_flags, read_answers_file

    chosen = _format(fmt)
    _check_outputs(output, save_answers)
    knowledge = load_knowledge()
    sources = []
    raw = {}
    if answers_file is not None:
        raw.update(read_answers_file(answers_file, sys.stdin.buffer))
        sources.append("standard input" if answers_file == "-" else answers_file)
    if set_values:
        raw.update(parse_set_flags(set_values))
        sources.append("--set")
    answers = validate(raw, knowledge, " and ".join(sources) or "the answers")
    text = _render(assess_answers(answers, knowledge), knowledge, chosen, output, no_color)
    if save_answers is not None:
        check_target(save_answers, "--save-answers")
        as_json = save_answers.lower().endswith(".json")
        write_text(save_answers, dump_answers(answers, as_json=as_json), "--save-answers")
    _write(text, output)


@app.command(short_help="Advice for a level you already know.")
def suggest(
    level: Annotated[
        str,
        typer.Option("--level", "-l", metavar="N", help="Your level on the ladder: 1, 2, 3 or 4."),
    ],
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            metavar="SCOPE",
            help="Narrow titles to a kind of PMO: project, programme, portfolio or enterprise."
            " Default: every kind.",
            show_default=False,
        ),
    ] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus",
            metavar="FOCUS",
            help="Focus areas to favour, e.g. planning (repeatable, or comma-separated).",
            show_default=False,
        ),
    ] = None,
    held: Annotated[
        list[str] | None,
        typer.Option(
            "--held",
            metavar="COURSE",
            help="Course ids you already hold, e.g. prince2 (repeatable, or comma-separated).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Advice for a level you already know: titles, next step, courses and skills.

    Example: pmo-advisor suggest --level 2 --scope programme --focus planning
    """
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.model import SuggestionRequest
    from pmo_advisor.rules import suggest as suggest_for_level

    number = _level(level)
    chosen = _format(fmt)
    _check_outputs(output, None)
    knowledge = load_knowledge()
    request = SuggestionRequest(
        level=number,
        scope=None if scope is None else _scope(scope, knowledge),
        focus=_ids("--focus", focus, knowledge.focus_ids, "focus area"),
        held=_ids("--held", held, knowledge.course_ids, "course"),
    )
    result = suggest_for_level(request, knowledge)
    _write(_render(result, knowledge, chosen, output, no_color), output)


@app.command(short_help="The career ladder: levels, titles, what moves you up.")
def levels(
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The career ladder: the four levels, their titles and what moves you up.

    Example: pmo-advisor levels --format markdown --output ladder.md
    """
    from pmo_advisor.knowledge import load_knowledge
    from pmo_advisor.rules import ladder

    chosen = _format(fmt)
    _check_outputs(output, None)
    knowledge = load_knowledge()
    _write(_render(ladder(knowledge), knowledge, chosen, output, no_color), output)


def _level(value: str) -> int:
    text = value.strip()
    if text in ("1", "2", "3", "4"):
        return int(text)
    raise InputError(
        f"--level must be 1, 2, 3 or 4, not {value!r}",
        f"Run '{PROG} levels' to see the four levels.",
    )


def _format(value: str | None) -> OutputFormat | None:
    if value is None:
        return None
    lowered = value.strip().casefold()
    if lowered in FORMATS:
        return OutputFormat(lowered)
    from pmo_advisor.nearest import unknown_choice

    raise InputError(f"--format: {unknown_choice('format', value, FORMATS)}")


def _check_outputs(output: str | None, save_answers: str | None) -> None:
    from pmo_advisor.output import check_target

    if output is not None:
        check_target(output, "--output")
    if save_answers is not None:
        if save_answers == "-":
            raise InputError(
                "--save-answers needs a file name; standard output carries the result",
                "For example: --save-answers me.yaml",
            )
        check_target(save_answers, "--save-answers")
        if output is not None and os.path.realpath(output) == os.path.realpath(save_answers):
            raise InputError(
                "--output and --save-answers name the same file",
                "Give each its own file name.",
            )


def _scope(value: str, knowledge: Knowledge) -> Scope:
    from pmo_advisor.knowledge import SCOPES
    from pmo_advisor.nearest import unknown_choice

    lowered = value.strip().casefold()
    for scope in SCOPES:
        if scope == lowered:
            return scope
    raise InputError(f"--scope: {unknown_choice('scope', value, knowledge.scope_ids)}")


def _ids(
    flag: str, values: Sequence[str] | None, pool: Sequence[str], what: str
) -> tuple[str, ...]:
    from pmo_advisor.nearest import unknown_choice

    chosen: set[str] = set()
    for value in values or ():
        for item in value.split(","):
            lowered = item.strip().casefold()
            if not lowered:
                continue
            if lowered not in pool:
                raise InputError(f"{flag}: {unknown_choice(what, item.strip(), pool)}")
            chosen.add(lowered)
    return tuple(i for i in pool if i in chosen)


def _render(
    result: Result,
    knowledge: Knowledge,
    fmt: OutputFormat | None,
    output: str | None,
    no_color: bool,
) -> str:
    to_terminal = output in (None, "-") and sys.stdout.isatty()
    dumb = os.environ.get("TERM") == "dumb"
    if fmt is None:
        fmt = OutputFormat.rich if to_terminal and not dumb else OutputFormat.plain
    color = to_terminal and not no_color and not dumb and not os.environ.get("NO_COLOR")
    options = RenderOptions(width=_width(to_terminal), color=color)
    return renderer_for(fmt, knowledge, options).render(result)


def _width(to_terminal: bool) -> int:
    # COLUMNS wins, as it does for most tools; then the terminal's width; else 80.
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((80, 24)).columns if to_terminal else 80


def _write(text: str, output: str | None) -> None:
    from pmo_advisor.output import STDOUT, write_text

    write_text(STDOUT if output is None else output, text, "--output")


def main(argv: Sequence[str] | None = None) -> int:
    """Run pmo-advisor with these arguments (default: the process's) and return the exit
    code. This is the one place where errors become messages and exit codes."""
    _safe_streams()
    try:
        command = typer.main.get_command(app)
        status = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except AdvisorError as exc:
        _error(exc.message, exc.hint)
        return int(exc.exit_code)
    except typer.TyperException as exc:
        return _usage_error(exc)
    except (KeyboardInterrupt, typer.Abort):
        status = ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _closed_pipe()
    except SystemExit as exc:
        # typer ends the process itself when a write to a closed pipe fails inside it.
        if isinstance(exc.__context__, BrokenPipeError):
            return _closed_pipe()
        raise
    except Exception as exc:  # the last resort: anything unforeseen is a bug to report
        if os.environ.get(DEBUG_ENV) == "1":
            traceback.print_exc()
        summary = clean(f"{type(exc).__name__}: {exc}").splitlines()[0][:300]
        _error(
            f"unexpected error ({summary})",
            "This is a bug in pmo-advisor. Please report it to its issue tracker with the"
            f" command you ran; set {DEBUG_ENV}=1 to include the details.",
        )
        return int(ExitCode.UNEXPECTED)
    if status == ExitCode.INTERRUPTED:
        sys.stderr.write("Cancelled.\n")
    return int(status) if isinstance(status, int) else 0


def _usage_error(exc: typer.TyperException) -> int:
    context = getattr(exc, "ctx", None)
    command_path = getattr(context, "command_path", PROG) or PROG
    _error(exc.format_message(), f"Try '{command_path} --help' for help.")
    return int(getattr(exc, "exit_code", ExitCode.BAD_INPUT))


def _error(message: str, hint: str | None) -> None:
    text = f"{PROG}: error: {message}"
    if hint:
        text += "\n" + hint
    sys.stderr.write(clean(text) + "\n")
    sys.stderr.flush()


def _closed_pipe() -> int:
    # The reader went away (e.g. `pmo-advisor levels | head -1`): nothing is wrong, and
    # Python must not complain when it flushes stdout on the way out.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return int(ExitCode.OK)


def _safe_streams() -> None:
    # A terminal or pipe that cannot take UTF-8 gets replacement characters, not a crash.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
