"""Per-user settings: a small TOML file, environment variables, and the folders used.

A setting comes from the first of: a flag on the command line (handled by the caller),
an environment variable, the user's config file, or the built-in default. ``market`` is
also an answer: answers that name one win over the setting, which only fills in for
answers that do not. The config
file lives in the user config directory (``~/.config/pmo-advisor/config.toml`` on Linux,
as platformdirs says for each system), or wherever ``PMO_ADVISOR_CONFIG`` points. It is
read only when a setting is needed, so a run whose flags settle everything never reads
it. The last answers are kept in the user data directory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pmo_advisor import PROG
from pmo_advisor.errors import InputError

CONFIG_ENV = "PMO_ADVISOR_CONFIG"
FORMAT_ENV = "PMO_ADVISOR_FORMAT"
PAGER_ENV = "PMO_ADVISOR_PAGER"
NO_SAVE_ENV = "PMO_ADVISOR_NO_SAVE"
PLAIN_PROMPTS_ENV = "PMO_ADVISOR_PLAIN_PROMPTS"
MARKET_ENV = "PMO_ADVISOR_MARKET"
#: The largest config file read; it holds a few short lines.
MAX_CONFIG_BYTES = 64_000

_FORMATS = ("auto", "rich", "plain", "json", "markdown")
_COLORS = ("auto", "always", "never")
#: The values ``config set`` offers to complete for each setting (market's are data).
CHOICES: Mapping[str, tuple[str, ...]] = {
    "format": _FORMATS,
    "color": _COLORS,
    "pager": ("less", "false"),
    "save_last": ("true", "false"),
    "plain_prompts": ("true", "false"),
}


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, str) and value.strip().casefold() in choices:
            return value.strip().casefold()
        raise ValueError(f"must be one of {', '.join(choices)}")

    return parse


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("must be true or false")


def _pager(value: Any) -> str:
    # true: the usual pager; false or "": never page; text: the command to page with.
    if value is True:
        return "less"
    if value is False:
        return ""
    if isinstance(value, str) and len(value) <= 500 and "\x00" not in value:
        return value.strip()
    raise ValueError('must be a command such as "less -R", or false')


def _market(value: Any) -> str:
    # Only the shape is checked here: the market ids are data, checked against the
    # knowledge base where the market is used, so that reading a setting never loads it.
    if isinstance(value, str) and len(value) <= 100:
        return value.strip().casefold()
    raise ValueError('must be a market id such as "uk", or "" for none')


def last_answers_path() -> Path:
    """Where the questionnaire's last answers are kept, for ``assess --last``."""
    return data_dir() / "last-answers.yaml"


@dataclass(frozen=True)
class Key:
    """One setting: its config-file key, its environment variable, and its meaning."""

    name: str
    parse: Callable[[Any], Any]
    default: Any
    help: str


_FORMAT_HELP = "rich, plain, json or markdown; auto: rich on a terminal, plain otherwise"
_PAGER_HELP = 'the command long output goes through on a terminal; "" or false: never'
KEYS: Mapping[str, Key] = {
    key.name: key
    for key in (
        Key(
            "format",
            _choice(_FORMATS),
            "auto",
            "rich, plain, json or markdown; auto: rich on a terminal, plain otherwise",
        ),
        Key("color", _choice(_COLORS), "auto", "auto (on a terminal), always or never"),
        Key(
            "pager",
            _pager,
            "less",
            'the command long output goes through on a terminal; "" or false: never',
        ),
        Key("save_last", _flag, True, "keep the questionnaire's last answers for --last"),
        Key("plain_prompts", _flag, False, "numbered questions with no screen redraw"),
        Key(
            "market",
            _market,
            "",
            'where you work, unless the answers say: a market id such as "uk"; "": none',
        ),
    )
}


@dataclass(frozen=True)
class Setting:
    """A setting's value and where it came from."""

    value: Any
    source: str


def config_path() -> Path:
    """The config file: ``$PMO_ADVISOR_CONFIG``, else config.toml in the user config
    directory."""
    given = os.environ.get(CONFIG_ENV, "")
    if given:
        return Path(given)
    import platformdirs

    return platformdirs.user_config_path(PROG, appauthor=False) / "config.toml"


def data_dir() -> Path:
    """The user data directory, where the last answers are kept."""
    import platformdirs

    return platformdirs.user_data_path(PROG, appauthor=False)


def _file_values(path: Path) -> dict[str, Any]:
    try:
        status = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(f"config file {path}: cannot be read ({exc.strerror or exc})") from None
    # Read once per run, and again only if the file changed (as it does between tests).
    return _parsed(path, status.st_mtime_ns, status.st_size)


#: A run reads one config file; a long-lived caller whose file keeps changing (the tests)
#: keeps only its latest few versions.
@lru_cache(maxsize=4)
def _parsed(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    return checked(config_text(path), path)


def config_text(path: Path) -> str:
    """The text of the config file at ``path``; InputError when it cannot be read."""
    from pmo_advisor.files import FileRefused, read_limited

    try:
        # Opened without blocking and checked for its type and size first: a named pipe
        # or a link to /dev/zero here must not hang the run or fill the memory.
        text = read_limited(path, MAX_CONFIG_BYTES, "config file").decode("utf-8")
    except FileRefused as exc:
        raise InputError(f"config file {path}: {exc.problem}", _CONFIG_HINT) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"config file {path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at"
            f" offset {exc.start})",
            _CONFIG_HINT,
        ) from None
    return text


def checked(text: str, path: Path) -> dict[str, Any]:
    """The settings a config file's text holds; InputError naming every problem, with
    ``path`` as the file's name."""
    data = toml_table(text, path)
    values = {}
    problems = []
    for name, raw in data.items():
        if name not in KEYS:
            from pmo_advisor.nearest import unknown_choice

            problems.append(unknown_choice("setting", name, KEYS))
            continue
        try:
            values[name] = KEYS[name].parse(raw)
        except ValueError as exc:
            problems.append(f"{name} {exc}")
    if problems:  # every mistake at once, so that one edit fixes the file
        listed = problems[0] if len(problems) == 1 else "\n  " + "\n  ".join(problems)
        raise InputError(f"config file {path}: {listed}", _CONFIG_HINT)
    return values


def toml_table(text: str, path: Path) -> dict[str, Any]:
    """The config file's text parsed as TOML; InputError when it is not TOML."""
    import tomllib

    # Editors on Windows (Notepad among them) save UTF-8 with a byte-order mark, which
    # TOML does not allow; it says only how the file is encoded, so it is passed over.
    text = text.removeprefix("\ufeff")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        hint = _CONFIG_HINT
        if str(exc).startswith("Invalid value"):  # the usual slip: text without quotes
            hint = 'Text goes in quotes and flags are true or false: format = "json",' + (
                f" save_last = false. {hint}"
            )
        raise InputError(f"config file {path}: not valid TOML ({exc})", hint) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables by recursion, one call per level,
        # so nesting deeper than the interpreter's limit ends in RecursionError. Every
        # setting is a single value: no config file nests at all.
        raise InputError(
            f"config file {path}: not valid TOML (arrays or tables nested too deeply)",
            _CONFIG_HINT,
        ) from None


#: Said with any problem in the config file; 'pmo-advisor config' itself reads the file,
#: so the hint names what the file may hold instead of sending people there.
_CONFIG_HINT = (
    "A config file may set "
    + ", ".join(KEYS)
    + f" (see 'pmo-advisor config' in docs/commands.md); fix the file or move it away. '{PROG}"
    " config --path' prints where it is."
)


def _environment(name: str) -> tuple[Any, str] | None:
    environ = os.environ
    if name == "format" and environ.get(FORMAT_ENV, "").strip():
        return environ[FORMAT_ENV], FORMAT_ENV
    if name == "color":
        # NO_COLOR wins over forcing: turning colour off is the safer request.
        if environ.get("NO_COLOR"):
            return "never", "NO_COLOR"
        if environ.get("TERM") == "dumb":
            return "never", "TERM=dumb"
        for variable in ("FORCE_COLOR", "CLICOLOR_FORCE"):
            if environ.get(variable, "") not in ("", "0", "false"):
                return "always", variable
    if name == "pager" and PAGER_ENV in environ:
        return environ[PAGER_ENV], PAGER_ENV
    if name == "save_last" and environ.get(NO_SAVE_ENV, "") not in ("", "0"):
        return False, f"{NO_SAVE_ENV}={environ[NO_SAVE_ENV]}"
    if name == "market" and environ.get(MARKET_ENV, "").strip():
        return environ[MARKET_ENV], MARKET_ENV
    if name == "plain_prompts":
        if environ.get(PLAIN_PROMPTS_ENV, "") not in ("", "0"):
            return True, PLAIN_PROMPTS_ENV
        if environ.get("TERM") == "dumb":
            return True, "TERM=dumb"
    return None


def setting(name: str) -> Setting:
    """A setting from the environment, else the config file, else its default.

    ``pager`` falls back to ``$PAGER`` after the config file, as git does: a pager named
    for pmo-advisor is more particular than one set for every program. With
    ``TERM=dumb`` and no pager named for pmo-advisor, nothing is paged.
    """
    key = KEYS[name]
    found = _environment(name)
    if found is not None:
        value, source = found
        try:
            return Setting(key.parse(value), source)
        except ValueError as exc:
            raise InputError(f"{source} {exc}") from None
    path = config_path()
    values = _file_values(path)
    if name in values:
        return Setting(values[name], f"config file {path}")
    if name == "pager" and os.environ.get("TERM") == "dumb":
        # A simple terminal or a screen reader: less would only warn that the terminal
        # is not fully functional. A pager named for pmo-advisor still counts.
        return Setting("", "TERM=dumb")
    if name == "pager" and os.environ.get("PAGER", "").strip():
        return Setting(_pager(os.environ["PAGER"]), "PAGER")
    return Setting(key.default, "default")


def forget() -> None:
    """Read the config file afresh next time (for tests and long-lived callers)."""
    _parsed.cache_clear()


def describe() -> str:
    """Every setting, its value and where it came from, as TOML a config file can hold."""
    from pmo_advisor.safetext import clean_line

    path = config_path()
    state = "found" if path.is_file() else "not there; create it to change the defaults"
    lines = [
        f"# Config file: {clean_line(str(path))} ({state})",
        "# A flag overrides the environment, and the environment overrides this file.",
        f"# The last answers are kept in {clean_line(str(data_dir()))}.",
        "",
    ]
    for name, key in KEYS.items():
        chosen = setting(name)
        lines.append(f"# {key.help}")
        lines.append(f"{toml_line(name, chosen.value)}  # from {clean_line(chosen.source)}")
    return "\n".join(lines) + "\n"


def _toml(text: str) -> str:
    import json

    from pmo_advisor.safetext import json_safe

    # A JSON string is a TOML basic string, and the \\u escapes json_safe writes for C1
    # controls and bidirectional marks are TOML's too: the value prints safely and the
    # line can still be pasted into the config file.
    return json_safe(json.dumps(text, ensure_ascii=False))


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def typed_value(name: str, text: str) -> Any:
    """A setting's value typed on the command line (``config set``): true or false for
    a flag, text otherwise (``false`` turns the pager off); ValueError saying what the
    setting takes."""
    key = KEYS[name]
    lowered = text.strip().casefold()
    raw: Any = text
    if key.parse is _flag:
        if lowered not in _TRUE + _FALSE:
            raise ValueError("must be true or false")
        raw = lowered in _TRUE
    elif name == "pager" and lowered in _FALSE:
        raw = False
    return key.parse(raw)


def toml_line(name: str, value: Any) -> str:
    """``name = value`` as a config file line."""
    shown = ("true" if value else "false") if isinstance(value, bool) else _toml(str(value))
    return f"{name} = {shown}"


def with_setting(text: str, path: Path, name: str, value: Any | None) -> str:
    """The config file's ``text`` with the setting ``name`` given ``value`` (or removed,
    for None), every other line, comment and blank line as it was.

    The line that sets it is replaced where it stands (a new setting goes after the
    last one); InputError when the file is not TOML, or holds the setting in a form a
    line cannot change (spread over lines), naming ``config edit`` instead.
    """
    import re

    before = toml_table(text, path)
    # A byte-order mark (as Notepad saves) stays where it is, before the first line.
    mark = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix(mark).splitlines(keepends=True)
    # Settings are top-level keys: they end where the first [table] starts.
    end = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    quoted = re.escape(name)
    setter = re.compile(rf"""\s*(?:{quoted}|"{quoted}"|'{quoted}')\s*=""")
    found = [i for i in range(end) if setter.match(lines[i])]
    keys = [i for i in range(end) if re.match(r"\s*[\w\"'-]+\s*=", lines[i])]
    replacement = [] if value is None else [toml_line(name, value) + "\n"]
    if found:
        lines[found[0] : found[0] + 1] = replacement
        for index in reversed(found[1:]):
            del lines[index]
    else:
        at = keys[-1] + 1 if keys else end
        if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += "\n"
        lines[at:at] = replacement
    changed = mark + "".join(lines)
    expected = {k: v for k, v in before.items() if k != name}
    if value is not None:
        expected[name] = value
    if toml_table(changed, path) != expected:
        raise InputError(
            f"config file {path}: {name} cannot be changed line by line here",
            f"Change it in your editor with '{PROG} config edit'.",
        )
    return changed


def save_config(path: Path, text: str) -> None:
    """Put ``text`` in the config file in one step: written beside it and renamed over
    it, so that a failed write never leaves half a file."""
    from pmo_advisor.output import write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(str(path), text, "config file")
    forget()


def template() -> str:
    """A config file with every setting commented out at its default, for a new file."""
    lines = [f"# {PROG} settings: remove the # before a line to set it."]
    for name, key in KEYS.items():
        lines += ["", f"# {key.help}", f"# {toml_line(name, key.default)}"]
    return "\n".join(lines) + "\n"
