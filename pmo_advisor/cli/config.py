"""``config``: show the settings, or change the config file with ``set``, ``unset`` or
``edit``, as gh and poetry do. Every change is checked before the file is replaced, in
one step, and a change by ``set`` or ``unset`` keeps every other line and comment.

Annotations are evaluated at import, as in :mod:`pmo_advisor.cli.flags`.
"""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmo_advisor import PROG, completion
from pmo_advisor.cli import commands
from pmo_advisor.cli.present import Output, tell
from pmo_advisor.cli.shared import NoPagerOption
from pmo_advisor.errors import InputError

SHORT_HELP = "Show the settings, or change them: config set, unset, edit."


def show(
    ctx: typer.Context,
    path: Annotated[
        bool, typer.Option("--path", help="Print only the config file's path.")
    ] = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Show every setting (default format, colour, pager, keeping the last answers, plain
    prompts, market), its value and where it comes from, as TOML the config file can
    hold; or change the config file.

    A flag overrides the environment, and the environment overrides the config file.

    Change it with 'config set KEY VALUE', 'config unset KEY' or 'config edit' (each
    has its own --help).

    \b
    Example: pmo-advisor config
    """
    if ctx.invoked_subcommand is not None:
        if path or no_pager:
            flag = "--path" if path else "--no-pager"
            raise InputError(
                f"{flag} is for showing the settings, not for 'config {ctx.invoked_subcommand}'",
                f"Run '{PROG} config {flag}' on its own.",
            )
        return
    commands.config(path, Output(None, None, False, no_pager))


def set_setting(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="format, color, pager, save_last, plain_prompts or market.",
            show_default=False,
            autocompletion=completion.setting_names,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help='Its value: true or false for save_last and plain_prompts; "" for an empty one.',
            show_default=False,
            autocompletion=completion.setting_values,
        ),
    ],
) -> None:
    """Set one setting in the config file, keeping its other lines and comments.

    \b
    Example: pmo-advisor config set format markdown
    """
    from pmo_advisor import settings

    name = _setting_name(key)
    try:
        chosen = settings.typed_value(name, value)
    except ValueError as exc:
        raise InputError(f"config set: {name} {exc}", _example(name)) from None
    if name == "market":
        chosen = _market(chosen)
    path = settings.config_path()
    text = _current_text(path)
    changed = settings.with_setting(text, path, name, chosen)
    settings.checked(changed, path)  # the rest of the file must be right too
    settings.save_config(path, changed)
    tell(f"Set {settings.toml_line(name, chosen)} in {path}.")


def unset(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="The setting to remove from the config file, back to its default.",
            show_default=False,
            autocompletion=completion.setting_names,
        ),
    ],
) -> None:
    """Remove one setting from the config file: it goes back to its default (or to the
    environment's value).

    \b
    Example: pmo-advisor config unset pager
    """
    from pmo_advisor import settings

    path = settings.config_path()
    text = _current_text(path)
    name = key.strip()
    present = name in settings.toml_table(text, path) if text else False
    if not present:
        name = _setting_name(key)  # a mistyped name is told so; a known one is not set
        tell(f"{name} is not set in {path}; nothing to change.")
        return
    settings.save_config(path, settings.with_setting(text, path, name, None))
    tell(f"Removed {name} from {path}.")


def edit() -> None:
    """Open the config file in your editor ($VISUAL, else $EDITOR, else vi), and save it
    only when what you saved is valid; otherwise the file stays as it was and the
    message says what was wrong.

    \b
    Example: VISUAL=nano pmo-advisor config edit
    """
    import tempfile

    from pmo_advisor import settings

    path = settings.config_path()
    before = _current_text(path) or settings.template()
    path.parent.mkdir(parents=True, exist_ok=True)
    # The copy being edited sits beside the file; it is removed however the edit ends.
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".config-edit-", suffix=".toml")
    copy = Path(name)
    os.close(descriptor)
    try:
        from pmo_advisor.output import write_text

        write_text(str(copy), before, "config edit")
        while True:
            _run_editor(copy)
            text = settings.config_text(copy)
            try:
                settings.checked(text, path)
                break
            except InputError as exc:
                if not _again(exc):
                    exc.hint = f"The config file is as it was. {exc.hint or ''}".strip()
                    raise
        if text == before:
            tell("No changes.")
            return
        settings.save_config(path, text)
        tell(f"Saved {path}.")
    finally:
        copy.unlink(missing_ok=True)


def _again(problem: InputError) -> bool:
    """In a terminal: say what is wrong and ask whether to edit again."""
    if sys.stdin is None or not sys.stdin.isatty() or not sys.stderr.isatty():
        return False
    from pmo_advisor.safetext import clean

    sys.stderr.write(clean(f"{PROG}: {problem.message}") + "\n")
    answer = input("Edit again? (Y/n) ").strip().casefold()
    return answer in ("", "y", "yes")


def _run_editor(path: Path) -> None:
    import shlex
    import subprocess

    for variable in ("VISUAL", "EDITOR"):
        command = os.environ.get(variable, "").strip()
        if command:
            break
    else:
        variable, command = "default", "notepad" if sys.platform == "win32" else "vi"
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise InputError(
            f"{variable}: cannot read the editor command {command!r} ({exc})"
        ) from None
    try:
        done = subprocess.run([*words, str(path)], check=False)
    except OSError as exc:
        raise InputError(
            f"cannot start the editor {command!r} (from {variable}): {exc.strerror or exc}",
            "Set VISUAL or EDITOR to your editor's command, such as nano or 'code --wait'.",
        ) from None
    if done.returncode != 0:
        raise InputError(
            f"the editor {command!r} stopped with exit status {done.returncode}",
            "The config file is as it was.",
        )


def _current_text(path: Path) -> str:
    from pmo_advisor import settings

    return settings.config_text(path) if path.exists() else ""


def _setting_name(key: str) -> str:
    from pmo_advisor.settings import KEYS

    name = key.strip().casefold().replace("-", "_")
    if name not in KEYS:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"config: {unknown_choice('setting', key.strip(), KEYS)}")
    return name


def _market(value: Any) -> str:
    """A market id the knowledge base knows (or "" for none)."""
    if not value:
        return ""
    from pmo_advisor.knowledge import load_knowledge

    knowledge = load_knowledge()
    found = knowledge.market_id_for(str(value))
    if found is None:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(
            f"config set: {unknown_choice('market', str(value), knowledge.market_ids)}",
            _example("market"),
        )
    return found


_EXAMPLES = {
    "format": "markdown",
    "color": "never",
    "pager": "'less -R'",
    "save_last": "false",
    "plain_prompts": "true",
    "market": "uk",
}


def _example(name: str) -> str:
    return f"For example: {PROG} config set {name} {_EXAMPLES[name]}"


def command_app(group: type[Any], command: type[Any]) -> typer.Typer:
    """``config`` and its commands, as a typer app of their own."""
    config_app = typer.Typer(
        name="config",
        cls=group,
        short_help=SHORT_HELP,
        subcommand_metavar="[COMMAND [ARGS]...]",
        invoke_without_command=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    config_app.callback()(show)
    config_app.command("set", cls=command, short_help="Set one setting.")(set_setting)
    config_app.command("unset", cls=command, short_help="Remove one setting.")(unset)
    config_app.command("edit", cls=command, short_help="Edit the file; saved when valid.")(edit)
    return config_app
