"""The command line: typer commands that parse their flags and call one function each.

The work is in :mod:`pmo_advisor.commands`; errors become exit codes in
:mod:`pmo_advisor.entry`. This module only adapts typer's own errors to pmo-advisor's.

Unlike the other modules, this one evaluates its annotations when it is imported (no
``from __future__ import annotations``): typer reads every command's parameters on each
run, and from strings it would compile and evaluate every annotation again, typer.Option
calls included, which takes longer than evaluating them once here.
"""

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
import typer.core

try:
    from typer._coercion import RuntimeParam, build_runtime_param

    _QUICK_CHECKS = True
except ImportError:  # pragma: no cover - a typer that checks values some other way
    RuntimeParam = object  # type: ignore[misc,assignment]
    _QUICK_CHECKS = False

from pmo_advisor import PROG, __version__, commands, completion
from pmo_advisor.commands import FORMATS, NO_INPUT_ENV, TEAM_FORMATS, AnswerSources, Output
from pmo_advisor.errors import InputError

#: The variable typer's completion scripts set when the shell asks for candidates.
COMPLETE_ENV = "_PMO_ADVISOR_COMPLETE"


class _CommandLineValue(RuntimeParam):
    """typer's check of an option's value, without a pydantic validator for plain values.

    typer checks every value with a pydantic TypeAdapter, and importing pydantic to build
    the first one costs more than all the rest of a command's start-up. Text from the
    command line is already text and a flag is already true or false, so those pass as
    typer would pass them; anything else goes to typer's own check, with its messages.
    """

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is self.annotation:
            return value
        if (
            self.annotation == list[str]
            and type(value) in (tuple, list)
            and all(type(item) is str for item in value)
        ):
            return list(value)
        return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)


def _check_without_pydantic(params: Sequence[object]) -> None:
    """Give the text options and flags among ``params`` the quick check above."""
    if not _QUICK_CHECKS:  # pragma: no cover
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            descriptor is not None
            and descriptor.annotation in (str, bool, list[str])
            and descriptor.file_annotation is None
            and descriptor.parameter_info.parser is None
            # A typer that keeps its checks elsewhere simply goes on with its own.
            and getattr(param, "_runtime_param", False) is None
        ):
            param._runtime_param = _CommandLineValue(  # type: ignore[attr-defined]
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )


class _Command(typer.core.TyperCommand):
    """A typer command whose text options and flags are checked without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _check_without_pydantic(self.get_params(ctx))  # with the help option
        if ctx.resilient_parsing:  # completing: the shell asked for candidates
            completion.match_any_case(self.params)
        return super().parse_args(ctx, args)


class _Group(typer.core.TyperGroup):
    """The command group, whose own options (--version and typer's completion options,
    which it adds after building the group) are checked the same way."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _check_without_pydantic(self.get_params(ctx))  # with the help option
        return super().parse_args(ctx, args)


def _option(*names: str, metavar: str, help: str, **extra: Any) -> Any:
    """An optional flag taking a value; none of them shows a default."""
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, **extra)


app = typer.Typer(
    name=PROG,
    cls=_Group,
    help="Find your level on the PMO career ladder, the jobs that fit you and what to do next.",
    # \b keeps click from re-wrapping the examples, so each stays one line to copy.
    epilog="Run with no command in a terminal to answer a few questions.\n\n\b\nExamples:\n"
    "  pmo-advisor levels\n  pmo-advisor suggest --level 2\n"
    "  pmo-advisor assess --answers me.yaml\n  pmo-advisor activities\n\n"
    "Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 invalid knowledge"
    " base, 130 interrupted.",
    # typer's --install-completion and --show-completion: bash, zsh, fish, PowerShell.
    add_completion=True,
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
        autocompletion=completion.formats,
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
        autocompletion=completion.focus_ids,
    ),
]
HeldOption = Annotated[
    list[str] | None,
    _option(
        "--held",
        metavar="COURSE",
        help="Course ids you already hold, such as prince2 (repeatable, or comma-separated);"
        " pmo-advisor courses lists them.",
        autocompletion=completion.course_ids,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours, even on a terminal (also: NO_COLOR=1).")
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print long output on a terminal instead of paging it (also: PMO_ADVISOR_PAGER='').",
    ),
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
    plain_prompts: Annotated[
        bool,
        typer.Option(
            "--plain-prompts",
            help="With no command, in a terminal: ask the questions as plain numbered ones.",
        ),
    ] = False,
) -> None:
    """Find your level on the PMO career ladder, the jobs that fit you and what to do next."""
    # In a terminal, 'pmo-advisor [--plain-prompts]' never gets here: entry.py starts the
    # questionnaire without the parser. Here there is no terminal, or a command follows.
    if plain_prompts and ctx.invoked_subcommand is not None:
        raise InputError(
            f"--plain-prompts before a command does nothing for '{ctx.invoked_subcommand}'",
            f"Plain prompts are for the questions: '{PROG} --plain-prompts' alone, or"
            f" '{PROG} assess --plain-prompts'.",
        )
    if ctx.invoked_subcommand is None:
        raise InputError(
            "no command given",
            f"Usage: {PROG} COMMAND [OPTIONS]\nCommands:\n{_command_list(ctx)}\n"
            f"Try '{PROG} suggest --level 2' or '{PROG} --help'.",
        )


def _command_list(ctx: typer.Context) -> str:
    """Every command with its one-line help, as --help lists them."""
    group = ctx.command
    assert isinstance(group, typer.core.TyperGroup)
    lines = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            lines.append(f"  {name:<12} {command.get_short_help_str(limit=70)}")
    return "\n".join(lines)


@app.command(cls=_Command, short_help="Place yourself on the ladder from your answers.")
def assess(
    answers_files: Annotated[
        list[str] | None,
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
            autocompletion=completion.set_values,
        ),
    ] = None,
    market: Annotated[
        str | None,
        _option(
            "--market",
            metavar="MARKET",
            help="Where you work (uk, us, europe, australia-nz, india, middle-east, africa,"
            " other), overriding the answers, PMO_ADVISOR_MARKET and the config file.",
            autocompletion=completion.markets,
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
    last: Annotated[
        bool,
        typer.Option(
            "--last",
            help="Start from the answers you gave the questionnaire last time; in a"
            " terminal, review and change them first.",
        ),
    ] = False,
    no_save: Annotated[
        bool,
        typer.Option(
            "--no-save",
            help="Do not keep the questionnaire's answers for --last"
            " (also: PMO_ADVISOR_NO_SAVE=1).",
        ),
    ] = False,
    plain_prompts: Annotated[
        bool,
        typer.Option(
            "--plain-prompts",
            help="Ask numbered questions line by line, without redrawing the screen, for"
            " screen readers and simple terminals (also: PMO_ADVISOR_PLAIN_PROMPTS=1;"
            " automatic with TERM=dumb).",
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Show every reason, title and course, not only the one-screen plan.",
        ),
    ] = False,
    route: Annotated[
        str | None,
        _option(
            "--route",
            metavar="ROUTE",
            help="The route up your plan follows: specialist or management"
            " (default: the one that suits your answers).",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Place yourself on the ladder from your answers, with the reasons and a short plan.

    Missing answers are asked for in a terminal; elsewhere they are an error.

    \b
    Answer keys, for --set KEY=VALUE or an answers file:
      years           years in project support, PMO or delivery work, 0-60 (required)
      scope           project, programme, portfolio or enterprise (required)
      activities      activity ids, comma-separated; see: pmo-advisor activities (required)
      delivery        projects, programmes, delivery-staff: delivery experience you have
      focus           focus area ids, comma-separated, such as planning,reporting
      team_size       how many people report to you
      title           your current job title
      qualifications  courses you hold (ids, names or abbreviations); see: pmo-advisor courses
      market          where you work: uk, us, europe, australia-nz, india, middle-east,
                      africa or other (default: PMO_ADVISOR_MARKET, then the config file)

    \b
    Example: pmo-advisor assess --set years=4 --set scope=programme --set activities=plan-schedule
    """
    sources = AnswerSources(
        _one_answers_file(answers_files),
        tuple(set_values or ()),
        no_input,
        save_answers,
        last=last,
        no_save=no_save,
        plain_prompts=plain_prompts,
        route=route,
        market=market,
    )
    commands.assess(sources, Output(fmt, output, no_color, no_pager, full=full))


def _one_answers_file(files: list[str] | None, command: str = "assess") -> str | None:
    # One person per assessment: a second file is more likely a second person than a
    # patch to the first, so it is refused rather than merged or silently dropped.
    if not files:
        return None
    if len(files) > 1:
        raise InputError(
            f"--answers was given {len(files)} times; {command} reads one person's answers",
            f"For several people use '{PROG} team DIR' (a directory of answers files) or"
            f" '{PROG} team roster.csv'."
            + (" To change one answer, add --set KEY=VALUE." if command == "assess" else ""),
        )
    return files[0]


@app.command(cls=_Command, short_help="Advice for a level you already know.")
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
            autocompletion=completion.scopes,
        ),
    ] = None,
    focus: FocusOption = None,
    held: HeldOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Advice for a level you already know: titles, next step, courses and skills.

    \b
    Example: pmo-advisor suggest --level 2 --scope programme --focus planning
    """
    commands.suggest(level, scope, focus or (), held or (), Output(fmt, output, no_color, no_pager))


@app.command(cls=_Command, short_help="The career ladder: levels, titles, what moves you up.")
def levels(
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The career ladder: the four levels, their titles and what moves you up.

    \b
    Example: pmo-advisor levels --format markdown --output ladder.md
    """
    commands.levels(Output(fmt, output, no_color, no_pager))


@app.command(cls=_Command, short_help="What a job title means: level, kind of PMO, seniority.")
def titles(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TITLE",
            help="A job title, as an advert gives it; its words may be given unquoted.",
            show_default=False,
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
            autocompletion=completion.scopes,
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
    no_pager: NoPagerOption = False,
) -> None:
    """Every job title by level and kind of PMO, or what an advert's title means.

    With a title, it lists the knowledge base's titles that match it confidently, best
    first, with their levels and a score, and says how words such as Senior or Junior
    shift the reading. With --from, one result per line.

    \b
    Example: pmo-advisor titles "Snr PMO Analyst - London (contract)"
    """
    # 'pmo-advisor titles PMO Analyst' means one title, as people type it.
    title = None if query is None else " ".join(query)
    commands.titles(title, level, scope, from_file, Output(fmt, output, no_color, no_pager))


@app.command(cls=_Command, short_help="The course catalogue.")
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
            help="Only one kind: certification, course, specialist, elearning,"
            " professional-status or coaching.",
            autocompletion=completion.course_kinds,
        ),
    ] = None,
    provider: Annotated[
        str | None,
        _option(
            "--provider",
            metavar="NAME",
            help="Only courses a provider or awarding body offers, e.g. PMI, APM, PeopleCert.",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The course catalogue: levels, focus areas, kind, provider, length, delivery,
    prerequisites and the spellings each course is known by.

    \b
    Example: pmo-advisor courses --level 3 --kind certification
    """
    commands.courses(level, focus or (), kind, Output(fmt, output, no_color, no_pager), provider)


@app.command(cls=_Command, short_help="A career roadmap from your level to a higher one.")
def plan(
    start: Annotated[
        str | None,
        _option("--from", metavar="N", help="The level you are at now (1-4)."),
    ] = None,
    answers_files: Annotated[
        list[str] | None,
        _option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Or: your answers file, to start from your assessed level.",
        ),
    ] = None,
    target: Annotated[
        str,
        typer.Option("--to", metavar="M", help="The level you want to reach (1-4); required."),
    ] = "",
    focus: FocusOption = None,
    held: HeldOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """A career roadmap: for each level up to the target, the roles, the work to take on,
    the experience people bring, and the courses in the order to take them.

    \b
    Example: pmo-advisor plan --from 1 --to 3 --focus planning
    """
    if not target:
        raise InputError("--to is required: the level you want to reach", "For example: --to 3")
    answers_file = _one_answers_file(answers_files, "plan")
    shown = Output(fmt, output, no_color, no_pager)
    commands.plan(start, answers_file, target, focus or (), held or (), shown)


@app.command(cls=_Command, short_help="The activity ids answers take, with their level and focus.")
def activities(
    level: Annotated[
        str | None,
        _option("--level", "-l", metavar="N", help="Only activities at level N (1-4)."),
    ] = None,
    focus: FocusOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The activities your level is judged by: their ids, for --set activities=ID,ID or an
    answers file, with the level and focus area of each.

    \b
    Example: pmo-advisor activities --level 2 --focus planning
    """
    commands.activities(level, focus or (), Output(fmt, output, no_color, no_pager))


@app.command(cls=_Command, short_help="Show the settings and where each comes from.")
def config(
    path: Annotated[
        bool, typer.Option("--path", help="Print only the config file's path.")
    ] = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show every setting (default format, colour, pager, keeping the last answers, plain
    prompts), its value and where it comes from, as TOML the config file can hold.

    A flag overrides the environment, and the environment overrides the config file.

    \b
    Example: pmo-advisor config
    """
    commands.config(path, Output(None, None, False, no_pager))


@app.command(cls=_Command, short_help="The JSON Schema of answers files or of the JSON output.")
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="answers (an answers file), result (--format json output) or team"
            " (team --format json output).",
            show_default=False,
            autocompletion=completion.schema_names,
        ),
    ],
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Print a JSON Schema (draft 2020-12), generated from the models the program uses:
    answers for answers files, result for the JSON output of every command but team,
    team for the JSON output of team.

    \b
    Example: pmo-advisor schema answers -o answers.schema.json
    """
    commands.schema(name, Output(None, output, False, no_pager))


@app.command(cls=_Command, short_help="Advice for a whole team, from a roster.")
def team(
    roster: Annotated[
        str,
        typer.Argument(
            metavar="ROSTER",
            help="A CSV/TSV file with a header row, a JSON Lines file, a directory of answers"
            " files, or - for standard input.",
            show_default=False,
        ),
    ],
    summary: Annotated[
        bool, typer.Option("--summary", help="Print only the team summary, not each person.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Report on the valid rows and list the invalid ones in the summary,"
            " instead of writing nothing.",
        ),
    ] = False,
    fmt: Annotated[
        str | None,
        _option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"Output format: {', '.join(TEAM_FORMATS)} (a row per person)."
            " Default: rich on a terminal, plain otherwise.",
            autocompletion=completion.team_formats,
        ),
    ] = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """A training-needs analysis for a whole PMO: each person's level, title, next step
    and courses, from the same rules as assess, and what they add up to: headcount per
    level, who is close to the next level, focus coverage, course demand, shared gaps
    and courses held.

    Example: pmo-advisor team roster.csv --summary
    """
    commands.team(roster, summary, skip_invalid, Output(fmt, output, no_color, no_pager))


def run(argv: Sequence[str]) -> int:
    """Run the typer commands; typer's own errors become pmo-advisor's."""
    command = typer.main.get_command(app)
    if sys.stdout is None and {"-h", "--help"} & set(argv):
        from pmo_advisor.output import write_stdout

        write_stdout("")  # typer would print the help nowhere and report success
    if os.environ.get(COMPLETE_ENV, "").endswith("_bash"):
        completion.use_bash_word_breaks()
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
        # The commands turn their own file errors into messages. An error naming a file
        # comes from typer's --install-completion, which writes the shell's start-up file
        # and a completion script in the home directory; any other is typer writing help
        # or usage to a closed or full standard output.
        if exc.filename is not None:
            raise _install_error(exc) from None
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


def _install_error(exc: OSError) -> InputError:
    """What went wrong installing shell completion, naming the file it was about."""
    from pmo_advisor.text import clean_line

    path = clean_line(os.fsdecode(exc.filename))
    if isinstance(exc, IsADirectoryError):
        reason = "it is a directory, not a file"
    elif isinstance(exc, FileExistsError):
        reason = "it is a file, but a directory is needed there"
    elif isinstance(exc, NotADirectoryError):
        reason = "a part of the path is a file, not a directory"
    else:
        reason = exc.strerror or str(exc)
    return InputError(
        f"cannot install shell completion: {path}: {reason}",
        f"Fix or move that file, or add the output of '{PROG} --show-completion' to your"
        " shell's start-up file yourself.",
    )
