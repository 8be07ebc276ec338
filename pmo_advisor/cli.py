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
from pathlib import Path
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

app = typer.Typer(
    name=PROG,
    help="Find your level on the PMO career ladder, the jobs that fit you and what to do next.",
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        case_sensitive=False,
        help="Output format. Default: rich on a terminal, plain otherwise.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the result to this file instead of standard output (replaced in one step).",
        dir_okay=True,
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
    """Find your level on the PMO career ladder, the jobs that fit you and what to do next.

    Examples: pmo-advisor levels · pmo-advisor suggest --level 2 ·
    pmo-advisor assess --answers me.yaml
    """
    if ctx.invoked_subcommand is None:
        raise InputError(
            "no command given",
            f"Usage: {PROG} COMMAND [OPTIONS]\n"
            "Commands: assess (place yourself from your answers), suggest (advice for a"
            " level you know), levels (the career ladder).\n"
            f"Try '{PROG} suggest --level 2' or '{PROG} --help'.",
        )


@app.command()
def suggest(
    level: Annotated[
        int,
        typer.Option("--level", "-l", min=1, max=4, help="Your level on the ladder, 1 to 4."),
    ],
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            help="Narrow titles to a kind of PMO: project, programme, portfolio or enterprise."
            " Default: every kind.",
            show_default=False,
        ),
    ] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus", help="A focus area to favour (repeat for more).", show_default=False
        ),
    ] = None,
    held: Annotated[
        list[str] | None,
        typer.Option(
            "--held", help="A course you already hold (repeat for more).", show_default=False
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

    knowledge = load_knowledge()
    request = SuggestionRequest(
        level=level,
        scope=None if scope is None else _scope(scope, knowledge),
        focus=_ids("--focus", focus, knowledge.focus_ids, "focus area"),
        held=_ids("--held", held, knowledge.course_ids, "course"),
    )
    _emit(suggest_for_level(request, knowledge), knowledge, fmt, output, no_color)


@app.command()
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

    knowledge = load_knowledge()
    _emit(ladder(knowledge), knowledge, fmt, output, no_color)


@app.command()
def assess(
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            help="Answers file (YAML or JSON); - reads standard input.",
            show_default=False,
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="An answer as KEY=VALUE, overriding the file; lists are comma-separated.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=f"Never prompt (also: {NO_INPUT_ENV}=1).")
    ] = False,
    save_answers: Annotated[
        Path | None,
        typer.Option(
            "--save-answers",
            help="Save the validated answers to this file, for --answers later.",
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
    from pmo_advisor.output import check_target, write_atomically
    from pmo_advisor.rules import assess as assess_answers
    from pmo_advisor.sources import dump_answers, parse_set_flags, read_answers_file

    for target, flag in ((save_answers, "--save-answers"), (output, "--output")):
        if target is not None:
            check_target(target, flag)
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
    advice = assess_answers(answers, knowledge)
    text = _render(advice, knowledge, fmt, output, no_color)
    if save_answers is not None:
        as_json = save_answers.suffix.lower() == ".json"
        write_atomically(save_answers, dump_answers(answers, as_json=as_json), "--save-answers")
    _write(text, output)


def _scope(value: str, knowledge: Knowledge) -> Scope:
    from pmo_advisor.knowledge import SCOPES

    lowered = value.strip().casefold()
    for scope in SCOPES:
        if scope == lowered:
            return scope
    raise InputError(f"--scope: {_unknown('scope', value, knowledge.scope_ids)}")


def _ids(
    flag: str, values: Sequence[str] | None, pool: Sequence[str], what: str
) -> tuple[str, ...]:
    chosen: list[str] = []
    for value in values or ():
        lowered = value.strip().casefold()
        if lowered not in pool:
            raise InputError(f"{flag}: {_unknown(what, value, pool)}")
        if lowered not in chosen:
            chosen.append(lowered)
    return tuple(i for i in pool if i in chosen)


def _unknown(what: str, value: str, pool: Sequence[str]) -> str:
    from pmo_advisor.nearest import unknown_choice

    return unknown_choice(what, value, pool)


def _emit(
    result: Result,
    knowledge: Knowledge,
    fmt: OutputFormat | None,
    output: Path | None,
    no_color: bool,
) -> None:
    if output is not None:
        from pmo_advisor.output import check_target

        check_target(output, "--output")
    _write(_render(result, knowledge, fmt, output, no_color), output)


def _render(
    result: Result,
    knowledge: Knowledge,
    fmt: OutputFormat | None,
    output: Path | None,
    no_color: bool,
) -> str:
    to_terminal = output is None and sys.stdout.isatty()
    dumb = os.environ.get("TERM") == "dumb"
    if fmt is None:
        fmt = OutputFormat.rich if to_terminal and not dumb else OutputFormat.plain
    color = to_terminal and not no_color and not dumb and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((80, 24)).columns if to_terminal else 80
    options = RenderOptions(width=width, color=color)
    return renderer_for(fmt, knowledge, options).render(result)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from pmo_advisor.output import write_atomically

    write_atomically(output, text, "--output")


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
