"""Writing results and answers to files without ever leaving half a file behind.

The text goes to a temporary file in the target's own directory, is flushed to disk,
then renamed over the target in one step. If anything fails on the way, the temporary
file is removed and any file already at the target is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pmo_advisor.errors import InputError


def check_target(path: Path, flag: str) -> None:
    """Fail early, before any work is done, when a file could never be written there."""
    if path.is_dir():
        raise InputError(f"{flag} {path} is a directory", f"Give {flag} a file name.")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(
            f"{flag} {path}: the directory {parent} does not exist",
            "Create the directory first, or choose another path.",
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{flag} {path}: the directory {parent} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"{flag} {path}: the file is read-only")


def write_atomically(path: Path, text: str, flag: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step, or leave it untouched."""
    check_target(path, flag)
    mode = _mode_for(path)
    handle = None
    temporary: str | None = None
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w",
            encoding="utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
        temporary = handle.name
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise InputError(f"{flag} {path} could not be written: {exc.strerror or exc}") from None
    finally:
        if handle is not None and not handle.closed:
            handle.close()
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
