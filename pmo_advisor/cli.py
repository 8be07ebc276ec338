"""The command line: typer commands that parse their flags and call one function each.

The work is in :mod:`pmo_advisor.commands`; errors become exit codes in
:mod:`pmo_advisor.entry`. This module only adapts typer's own errors to pmo-advisor's.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from pmo_advisor import PROG, __version__, commands
from pmo_advisor.commands import FORMATS, NO_INPUT_ENV, AnswerSources, Output
from pmo_advisor.errors import InputError


def _option(*names: str, metavar: str, help: str) -> Any:
    """An optional flag taking a value; none of them shows a default."""
    return typer.Option(*names, metavar=metavar, help=help, show_default=False)


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
    _option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(FORMATS)}. Default: rich on a terminal, plain otherwise.",
    ),
]
OutputOption = Annotated[
    str | None,
    _option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (replaced in one step) instead of standard output.",
    ),
]
FocusOption = Annotated[
    list[str] | None,
    _option(
        "--focus",
        metavar="FOCUS",
        help="Focus area ids such as planning (repeatable, or comma-separated).",
    ),
]
HeldOption = Annotated[
    list[str] | None,
    _option(
        "--held",
        metavar="COURSE",
        help="Course ids you already hold, such as prince2 (repeatable, or comma-separated).",
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours, even on a terminal (also: NO_COLOR=1).")
]


def _version(value: bool) -> None:
    if value:
        from pmo_advisor.output import write_stdout

        write_stdout(f"{PROG} {__version__}\n")
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
        _option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answers file (YAML or JSON); - reads standard input.",
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        _option(
            "--set",
            metavar="KEY=VALUE",
            help="An answer, overriding the file; lists are comma-separated (repeatable).",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=f"Never ask for missing answers (also: {NO_INPUT_ENV}=1)."),
    ] = False,
    save_answers: Annotated[
        str | None,
        _option(
            "--save-answers",
            metavar="FILE",
            help="Save the validated answers to FILE (YAML, or JSON for *.json) for --answers.",
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
        _option(
            "--scope",
            metavar="SCOPE",
            help="Narrow titles to a kind of PMO: project, programme, portfolio or enterprise."
            " Default: every kind.",
        ),
    ] = None,
    focus: FocusOption = None,
    held: HeldOption = None,
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


@app.command(short_help="What a job title means: level, kind of PMO, seniority.")
def titles(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[TITLE]", help="A job title, as an advert gives it.", show_default=False
        ),
    ] = None,
    level: Annotated[
        str | None,
        _option("--level", "-l", metavar="N", help="Only titles at level N (1-4)."),
    ] = None,
    scope: Annotated[
        str | None,
        _option(
            "--scope",
            metavar="SCOPE",
            help="Only titles of this kind of PMO, and those used in any PMO.",
        ),
    ] = None,
    from_file: Annotated[
        str | None,
        _option(
            "--from",
            metavar="FILE",
            help="Look up every title in FILE, one per line; - reads standard input.",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Every job title by level and kind of PMO, or what an advert's title means.

    With a title, it lists the knowledge base's titles that match it confidently, best
    first, with their levels and a score, and says how words such as Senior or Junior
    shift the reading. With --from, one result per line.

    Example: pmo-advisor titles "Snr PMO Analyst - London (contract)"
    """
    commands.titles(query, level, scope, from_file, Output(fmt, output, no_color))


@app.command(short_help="The course catalogue.")
def courses(
    level: Annotated[
        str | None,
        _option("--level", "-l", metavar="N", help="Only courses for level N (1-4)."),
    ] = None,
    focus: FocusOption = None,
    kind: Annotated[
        str | None,
        _option(
            "--kind",
            metavar="KIND",
            help="Only one kind: certification, specialist, elearning or coaching.",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The course catalogue: levels, focus areas, kind, length and prerequisites.

    Example: pmo-advisor courses --level 3 --kind certification
    """
    commands.courses(level, focus or (), kind, Output(fmt, output, no_color))


@app.command(short_help="A career roadmap from your level to a higher one.")
def plan(
    start: Annotated[
        str | None,
        _option("--from", metavar="N", help="The level you are at now (1-4)."),
    ] = None,
    answers_file: Annotated[
        str | None,
        _option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Or: your answers file, to start from your assessed level.",
        ),
    ] = None,
    target: Annotated[
        str,
        typer.Option("--to", metavar="M", help="The level you want to reach (1-4)."),
    ] = "",
    focus: FocusOption = None,
    held: HeldOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    """A career roadmap: for each level up to the target, the roles, the work to take on,
    the experience people bring, and the courses in the order to take them.

    Example: pmo-advisor plan --from 1 --to 3 --focus planning
    """
    if not target:
        raise InputError("--to is required: the level you want to reach", "For example: --to 3")
    commands.plan(
        start, answers_file, target, focus or (), held or (), Output(fmt, output, no_color)
    )


def run(argv: Sequence[str]) -> int:
    """Run the typer commands; typer's own errors become pmo-advisor's."""
    command = typer.main.get_command(app)
    if sys.stdout is None and {"-h", "--help"} & set(argv):
        from pmo_advisor.output import write_stdout

        write_stdout("")  # typer would print the help nowhere and report success
    try:
        status = command.main(args=list(argv), prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # usage errors: unknown options, missing values
        context = getattr(exc, "ctx", None)
        command_path = getattr(context, "command_path", PROG) or PROG
        raise InputError(exc.format_message(), f"Try '{command_path} --help' for help.") from None
    except typer.Abort:
        raise KeyboardInterrupt from None
    except BrokenPipeError:
        raise
    except OSError as exc:
        # The commands turn their own file errors into messages; what reaches here is
        # typer writing help or usage to a closed or full standard output.
        from pmo_advisor.errors import StdoutError

        raise StdoutError(
            f"cannot write to standard output: {exc.strerror or exc}",
            "Check where the output is going.",
        ) from None
    except SystemExit as exc:
        # typer ends the process itself when a write to a closed pipe fails inside it.
        if isinstance(exc.__context__, BrokenPipeError):
            raise BrokenPipeError from None
        raise
    return status if isinstance(status, int) else 0
