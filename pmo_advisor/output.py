"""Writing results and answers to files without ever leaving half a file behind.

A regular file is replaced in one step: the text goes to a temporary file in the same
directory, is flushed to disk, then renamed over the target, so a failure at any point
leaves an existing file exactly as it was and no temporary file behind. A symbolic link
is followed, so the file it points to is the one replaced. Anything that is not a regular
file (``/dev/null``, a named pipe, a terminal) cannot be replaced and is written to
directly. ``-`` means standard output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from pmo_advisor.errors import InputError, OutputError, StdoutError

#: The file name that means standard output.
STDOUT = "-"


def check_target(name: str, flag: str) -> None:
    """Fail early, before any work is done, when ``name`` could never be written."""
    if name == STDOUT:
        return
    if not name:
        raise InputError(f"{flag} needs a file name", f"For example: {flag} result.txt")
    path = Path(name)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{flag} {name}: cannot be used ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{flag} {name} is a directory", f"Give {flag} a file name.")
    if mode is not None and not stat.S_ISREG(mode):
        if not os.access(path, os.W_OK):
            raise InputError(f"{flag} {name}: cannot be written (permission denied)")
        return
    parent = Path(os.path.realpath(path)).parent
    if not parent.is_dir():
        raise InputError(
            f"{flag} {name}: the directory {parent} does not exist",
            "Create the directory first, or choose another path.",
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(
            f"{flag} {name}: the directory {parent} is not writable",
            "Choose a directory you can write to.",
        )
    if mode is not None and not os.access(path, os.W_OK):
        raise InputError(
            f"{flag} {name}: the file is read-only",
            "Make it writable, or choose another name.",
        )


def write_text(name: str, text: str, flag: str) -> None:
    """Write ``text`` (UTF-8) to the file ``name``, or to standard output for ``-``."""
    if name == STDOUT:
        _write_stdout(text)
        return
    check_target(name, flag)
    path = Path(os.path.realpath(name))
    try:
        if path.exists() and not path.is_file():
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(text)
        else:
            _replace(path, text)
    except OSError as exc:  # a full disk, a device that refuses: not the person's mistake
        raise OutputError(
            f"{flag} {name} could not be written: {exc.strerror or exc}",
            "Nothing was changed; check the disk, or choose another place.",
        ) from None


def _write_stdout(text: str) -> None:
    if sys.stdout is None:
        raise StdoutError(
            "standard output is closed",
            "Run the command with its output going somewhere, or use --output FILE.",
        )
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: not an error, see pmo_advisor.entry
    except OSError as exc:
        raise StdoutError(
            f"cannot write to standard output: {exc.strerror or exc}",
            "Check where the output is going, or use --output FILE.",
        ) from None


def same_regular_file(first: str, second: str) -> bool:
    """Whether two names lead to the same regular file (or the same new one)."""
    if STDOUT in (first, second):
        return False
    one, two = Path(os.path.realpath(first)), Path(os.path.realpath(second))
    if one != two:
        return False
    return not one.exists() or one.is_file()


def _replace(path: Path, text: str) -> None:
    mode = _mode_for(path)
    temporary: str | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        ) as handle:
            temporary = handle.name
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode_for(path: Path) -> int:
    # Keep an existing file's permissions; give a new one what open() would.
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
