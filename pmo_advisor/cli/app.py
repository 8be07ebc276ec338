"""The typer application: the command group, its own options, the commands of
:mod:`pmo_advisor.cli.flags` registered on it, and typer's errors adapted to
pmo-advisor's (which become exit codes in :mod:`pmo_advisor.cli.main`).

Like :mod:`~pmo_advisor.cli.flags`, this module evaluates its annotations when it is
imported, which typer reads faster than strings.
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

from pmo_advisor import PROG, __version__, completion
from pmo_advisor.cli import (
    advert_flags,  # noqa: F401  (registers the advert command)
    config,
)
from pmo_advisor.cli.flags import COMMANDS
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
    """A typer command whose text options and flags are checked without pydantic, and
    whose help names its arguments as people write them (``ROSTER``, ``[TITLE]...``),
    without typer's Python types (``<str>``) and braces."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _check_without_pydantic(self.get_params(ctx))  # with the help option
        if ctx.resilient_parsing:  # completing: the shell asked for candidates
            completion.match_any_case(self.params)
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param, usage=True))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]
        arguments = [
            (_argument_name(p), getattr(p, "help", None) or "")
            for p in params
            if p.param_type_name == "argument"
        ]
        records = [p.get_help_record(ctx) for p in params if p.param_type_name == "option"]
        for title, rows in (("Arguments", arguments), ("Options", records)):
            shown = [row for row in rows if row is not None]
            if shown:
                with formatter.section(title):
                    formatter.write_dl(shown)


def _argument_name(param: Any, *, usage: bool = False) -> str:
    """``ROSTER``, or ``TITLE...`` for several; in the usage line an optional one is
    bracketed, as click does: ``[TITLE]...``."""
    name = str(param.metavar or param.name.upper())
    if usage and not param.required:
        name = f"[{name}]"
    return name + "..." if param.nargs != 1 else name


#: The order --help lists the commands in: as a newcomer meets them. The questionnaire
#: (no command) comes first, in the help text above the list.
ORDER = (
    "assess", "plan", "team", "suggest", "titles", "advert", "levels", "courses",
    "activities", "config", "schema", "help",
)  # fmt: skip


class _Group(typer.core.TyperGroup):
    """The command group, whose own options (--version and typer's completion options,
    which it adds after building the group) are checked the same way."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _check_without_pydantic(self.get_params(ctx))  # with the help option
        if ctx.resilient_parsing:  # completing: the shell asked for candidates
            completion.match_any_case(self.params)
        return super().parse_args(ctx, args)


#: Each command of the group, as a typer app of its own, by name.
COMMAND_APPS: dict[str, typer.Typer] = {}


class _Root(_Group):
    """The group itself. Each command is built (typer reads its function's signature and
    makes its options) the first time it is asked for: a run builds the one command it
    runs, where building all twelve took about 4% of a run (docs/architecture.md).
    ``--help`` and shell completion ask for every command, and so build them all."""

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: index for index, name in enumerate(ORDER)}
        return sorted(COMMAND_APPS, key=lambda name: rank.get(name, len(ORDER)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in COMMAND_APPS:
            command = typer.main.get_command(COMMAND_APPS[cmd_name])
            self.add_command(command, cmd_name)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMAND_APPS:
            # No such command: typer's "did you mean" looks among the commands built
            # (tests/test_cli.py fails if it stops finding them).
            for name in COMMAND_APPS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


def _command_app(name: str) -> typer.Typer:
    """A new typer app for one command of the group, registered under ``name``."""
    command_app = typer.Typer(add_completion=False, rich_markup_mode=None)
    COMMAND_APPS[name] = command_app
    return command_app


app = typer.Typer(
    name=PROG,
    cls=_Root,
    help="Find your level on the PMO career ladder, the jobs that fit you and what to do next."
    "\n\nStart here: run pmo-advisor with no command, in a terminal, to answer a few"
    " questions and see where you stand; your answers are kept for --last.",
    # \b keeps click from re-wrapping the examples, so each stays one line to copy.
    epilog="\b\nExamples, one for each command:\n"
    "  pmo-advisor assess --answers me.yaml\n"
    "  pmo-advisor plan --last\n"
    "  pmo-advisor team roster.csv --summary\n"
    "  pmo-advisor suggest --level 2\n"
    '  pmo-advisor titles "Senior PMO Analyst"\n'
    "  pmo-advisor advert job.md --last\n"
    "  pmo-advisor levels\n"
    "  pmo-advisor courses --level 3 --kind certification\n"
    "  pmo-advisor activities --level 2\n"
    "  pmo-advisor config set color never\n"
    "  pmo-advisor schema answers\n"
    "  pmo-advisor help team\n\n"
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
    no_save: Annotated[
        bool,
        typer.Option(
            "--no-save",
            help="With no command, in a terminal: do not keep your answers for --last.",
        ),
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="With no command, in a terminal: start with no answers, without offering"
            " those kept last time.",
        ),
    ] = False,
) -> None:
    """Find your level on the PMO career ladder, the jobs that fit you and what to do next."""
    # In a terminal, 'pmo-advisor [--plain-prompts] [--no-save] [--fresh]' never gets
    # here: cli/main.py starts the questionnaire without the parser. Here there is no
    # terminal, or a command follows.
    for flag, given in (("--plain-prompts", plain_prompts), ("--no-save", no_save)):
        if given and ctx.invoked_subcommand is not None:
            raise InputError(
                f"{flag} before a command does nothing for '{ctx.invoked_subcommand}'",
                f"It is for the questions: '{PROG} {flag}' alone, or '{PROG} assess {flag}'.",
            )
    if fresh and ctx.invoked_subcommand is not None:
        raise InputError(
            f"--fresh before a command does nothing for '{ctx.invoked_subcommand}'",
            f"--fresh is for the questions: '{PROG} --fresh' starts them with no answers;"
            f" 'assess' starts with none unless given --last.",
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


for _function, _short_help in COMMANDS:
    _command_app(_function.__name__).command(cls=_Command, short_help=_short_help)(_function)
COMMAND_APPS["config"] = config.command_app(_Group, _Command)


@_command_app("help").command("help", cls=_Command, short_help="The help of a command: help team.")
def help_command(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND",
            help="The command (and subcommand, as in: help config set); none: this help.",
            show_default=False,
            autocompletion=completion.command_names,
        ),
    ] = None,
) -> None:
    """Show a command's help, as COMMAND --help does.

    \b
    Example: pmo-advisor help team
    """
    from pmo_advisor.output import write_stdout

    context = ctx.parent
    assert context is not None
    for name in names or ():
        group = context.command
        known = _visible(group, context)
        wanted = name.strip().casefold()
        if wanted not in known:
            from pmo_advisor.nearest import unknown_choice

            raise InputError(
                f"help: {unknown_choice('command', name, known)}",
                f"'{PROG} {' '.join([*context.command_path.split()[1:], '--help']).strip()}'"
                " lists them.",
            )
        command = group.get_command(context, wanted)  # type: ignore[attr-defined]
        context = type(ctx)(command, info_name=wanted, parent=context)
    write_stdout(context.command.get_help(context) + "\n")


def _visible(group: Any, ctx: Any) -> list[str]:
    """The names of the commands a group lists in its help; none for a command."""
    if not isinstance(group, typer.core.TyperGroup):
        return []
    return [
        name
        for name in group.list_commands(ctx)
        if not getattr(group.get_command(ctx, name), "hidden", True)
    ]


def run(argv: Sequence[str]) -> int:
    """Run the typer commands; typer's own errors become pmo-advisor's."""
    command = typer.main.get_command(app)
    if sys.stdout is None and {"-h", "--help"} & set(argv):
        from pmo_advisor.output import write_stdout

        write_stdout("")  # typer would print the help nowhere and report success
    if os.environ.get(COMPLETE_ENV, "").endswith("_bash"):
        completion.use_bash_word_breaks()
    elif os.environ.get(COMPLETE_ENV, "").endswith("_zsh"):
        completion.use_zsh_any_case()
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
    from pmo_advisor.safetext import clean_line

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
