"""Opening the files pmo-advisor reads, one way for all of them, and keeping answers.

Every file is opened by :func:`open_file`: without blocking (``O_NONBLOCK``), so that a
named pipe with no writer cannot hang the run at the open, then checked with ``fstat``
on what was actually opened, so that no check-then-open race lets a link be swapped in
between. What may be read whole (:func:`read_limited`: the config file, the data files,
the knowledge cache, answers files, a directory roster's files, the kept answers) must
be a regular file no larger than its limit, which is checked before reading, and at
most one byte past the limit is ever read, in case the file grows meanwhile. A stream
the person names (a roster or a title list) may also be a named pipe or a device such
as ``/dev/zero``: its reader bounds it line by line.

:func:`keep_private` writes the questionnaire's kept answers: a new file beside the old,
mode 0600, renamed over the name itself, so a link planted there is replaced rather than
written through.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from pmo_advisor.errors import InputError

# The names under which a process reaches its own open files, as typed. Links are not
# followed: a link planted where the program reads by itself is opened like any file.
_FD_NAME = re.compile(r"/(?:proc/self/fd|dev/fd)/(\d+)", re.ASCII)
_STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}

#: What a file that is not a regular file is called in messages, by its type.
_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


class FileRefused(InputError):
    """A file that cannot be read or is not one that may be read: ``problem`` says why
    without the name (``is a directory, not a file``), for messages that name it their
    own way."""

    def __init__(self, what: str, path: str, problem: str) -> None:
        super().__init__(f"{what} {path} {problem}")
        self.what = what
        self.path = path
        self.problem = problem


def descriptor_named(name: str) -> int | None:
    """The descriptor ``name`` names when typed as one of this process's open files
    (``/dev/stdin``, ``/dev/fd/0``, ``/proc/self/fd/0``), else None."""
    path = os.path.normpath(os.path.abspath(name)) if name else ""
    if path in _STD_NAMES:
        return _STD_NAMES[path]
    match = _FD_NAME.fullmatch(path)
    return int(match.group(1)) if match else None


def size_text(size: int) -> str:
    """A limit in bytes as people say it: ``1 MB``, ``64 KB``."""
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    if size % 1000 == 0:
        return f"{size // 1000} KB"
    return f"{size:,} bytes"


def open_file(
    path: str | Path, what: str, *, limit: int | None = None, follow: bool = True
) -> BinaryIO:
    """``path`` opened for reading, never blocking at the open.

    With a ``limit`` it must be a regular file of at most that many bytes; without one
    it is a stream, which may also be a named pipe or a device (and is then read
    blocking, as a stream is). With ``follow`` false a symbolic link is refused, as it
    is where only this program writes. Raises :class:`FileRefused` saying why not.
    """
    shown = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused(what, shown, "does not exist") from None
    except PermissionError:
        raise FileRefused(what, shown, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise FileRefused(what, shown, _KINDS[0][1]) from None
    except OSError as exc:
        if not follow and os.path.islink(path):  # ELOOP, from O_NOFOLLOW
            raise FileRefused(what, shown, "is a symbolic link, not a file") from None
        raise FileRefused(what, shown, _kind(path) or f"cannot be read: {exc.strerror}") from None
    try:
        status = os.fstat(descriptor)
        regular = stat.S_ISREG(status.st_mode)
        streams = stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode)
        if not regular and (limit is not None or not streams):
            problem = next((said for test, said in _KINDS if test(status.st_mode)), None)
            raise FileRefused(what, shown, problem or "is not a regular file")
        if limit is not None and status.st_size > limit:
            raise FileRefused(what, shown, f"is larger than {size_text(limit)}")
        # Blocking again: a pipe or device is read like standard input, and for a
        # regular file the flag never mattered.
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _kind(path: str | Path) -> str | None:
    """What a file that could not be opened is, when its type explains it (a socket
    cannot be opened at all)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return next((said for test, said in _KINDS if test(mode)), None)


def read_limited(path: str | Path, limit: int, what: str, *, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, of at most ``limit`` bytes.

    ``what`` names the file in messages (``config file``). Anything else (missing, a
    directory, a named pipe, a device, too large, unreadable) raises
    :class:`FileRefused` naming the file and what it is, without waiting or reading
    more than ``limit + 1`` bytes.
    """
    with open_file(path, what, limit=limit, follow=follow) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(what, str(path), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew after it was measured
        raise FileRefused(what, str(path), f"is larger than {size_text(limit)}")
    return data


def keep_private(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` in one step, readable by its owner alone (0600).

    The new file is written beside the old one and renamed over the name itself: a
    symbolic link there is replaced, never followed, so nothing outside the folder is
    written. A directory in the way raises OSError, as a failed write does; the
    temporary file never outlives the call.
    """
    import tempfile  # only a run that keeps answers needs it; start-up skips it

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(  # mkstemp creates it 0600
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
