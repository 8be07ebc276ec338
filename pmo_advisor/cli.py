"""The command line: typer commands that parse their flags and call one function each.

The work is in :mod:`pmo_advisor.commands`; errors become exit codes in
:mod:`pmo_advisor.entry`. This module only adapts typer's own errors to pmo-advisor's.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from pmo_advisor import __version__, commands
from pmo_advisor.commands import FORMATS, NO_INPUT_ENV, PROG, AnswerSources, Output
from pmo_advisor.errors import InputError

app = typer.Typer(
    name=PROG,
    help="Find your level on the PMO career ladder, the jobs that fit you and what to do next.",
    epilog="Run with no command in a terminal to answer a few questions. Examples:"
    " pmo-advisor levels; pmo-advisor suggest --level 2; pmo-advisor assess --answers"
    " me.yaml. Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 invalid knowledge"
    " base, 130 interrupted.",
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

    Missing answers are asked for in a terminal; elsewhere they are an error.

    Example: pmo-advisor assess --set years=4 --set scope=programme
    --set activities=plan-schedule,analyse-performance
    """
    sources = AnswerSources(answers_file, tuple(set_values or ()), no_input, save_answers)
    commands.assess(sources, Output(fmt, output, no_color))


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
    commands.suggest(level, scope, focus or (), held or (), Output(fmt, output, no_color))


@app.command(short_help="The career ladder: levels, titles, what moves you up.")
def levels(
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The career ladder: the four levels, their titles and what moves you up.

    Example: pmo-advisor levels --format markdown --output ladder.md
    """
    commands.levels(Output(fmt, output, no_color))


def run(argv: Sequence[str]) -> int:
    """Run the typer commands; typer's own errors become pmo-advisor's."""
    command = typer.main.get_command(app)
    try:
        status = command.main(args=list(argv), prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # usage errors: unknown options, missing values
        context = getattr(exc, "ctx", None)
        command_path = getattr(context, "command_path", PROG) or PROG
        raise InputError(exc.format_message(), f"Try '{command_path} --help' for help.") from None
    except typer.Abort:
        raise KeyboardInterrupt from None
    except SystemExit as exc:
        # typer ends the process itself when a write to a closed pipe fails inside it.
        if isinstance(exc.__context__, BrokenPipeError):
            raise BrokenPipeError from None
        raise
    return status if isinstance(status, int) else 0
