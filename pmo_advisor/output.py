"""Writing results and answers to files without ever leaving half a file behind.

A regular file is replaced in one step: the text goes to a temporary file in the same
directory, is flushed to disk, then renamed over the target, so a failure at any point
leaves an existing file exactly as it was and no temporary file behind. A symbolic link
is followed, so the file it points to is the one replaced. Anything that is not a regular
file (``/dev/null``, a named pipe, a terminal) cannot be replaced and is opened as given
and written to directly. A name for one of this process's open files (``/dev/stdout``,
``/dev/fd/1``, ``/proc/self/fd/1``, ``/dev/stderr``) is written through that open file,
so a pipe works and ``>> log`` still appends. ``-`` means standard output.

Several targets written together (a result and the saved answers) are written all or
none: regular files are staged first, direct targets written next, and the staged files
renamed into place only once everything else has succeeded.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from pmo_advisor.errors import InputError, OutputError, StdoutError

_T = TypeVar("_T")

#: The file name that means standard output.
STDOUT = "-"

# The names under which a process reaches its own open files.
_FD_NAME = re.compile(r"/(?:proc/(?:self|thread-self|(\d+))/fd|dev/fd)/(\d+)", re.ASCII)
_STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
# Errors opening a device or pipe that say the place is wrong, not that the disk failed.
_WRONG_PLACE = {errno.ENXIO, errno.ENODEV, errno.EACCES, errno.EPERM, errno.EROFS, errno.EISDIR}


def open_file_descriptor(name: str) -> int | None:
    """The descriptor ``name`` reaches in this process (``/dev/stdout``, ``/dev/fd/3``),
    or None when it is an ordinary path. Symbolic links are followed to find out."""
    path = os.path.abspath(name)
    for _ in range(40):  # the kernel's own limit on links followed
        if path in _STD_NAMES:
            return _STD_NAMES[path]
        match = _FD_NAME.fullmatch(path)
        if match:
            pid = match.group(1)
            return int(match.group(2)) if pid is None or int(pid) == os.getpid() else None
        try:
            target = os.readlink(path)
        except OSError:  # not a link (or not there): an ordinary path
            return None
        path = os.path.normpath(os.path.join(os.path.dirname(path), target))
    return None


def check_target(name: str, flag: str) -> None:
    """Fail early, before any work is done, when ``name`` could never be written."""
    if name == STDOUT:
        return
    if not name:
        raise InputError(f"{flag} needs a file name", f"For example: {flag} result.txt")
    descriptor = open_file_descriptor(name)
    if descriptor is not None:
        _check_descriptor(name, descriptor, flag)
        return
    if name.endswith(("/", "/.", "/..")) or name in (".", ".."):
        raise InputError(
            f"{flag} {name} names a directory (it ends in /)",
            f"Give {flag} a file name, such as {name.rstrip('/') or '.'}/result.txt.",
        )
    path = Path(name)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{flag} {name}: cannot be used ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{flag} {name} is a directory", f"Give {flag} a file name.")
    if mode is not None and stat.S_ISSOCK(mode):
        raise InputError(f"{flag} {name} is a socket", f"Give {flag} a file name.")
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


def _check_descriptor(name: str, descriptor: int, flag: str) -> None:
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError:
        raise InputError(
            f"{flag} {name}: file descriptor {descriptor} is not open",
            "Open it in the shell (e.g. 3> file), or give a file name.",
        ) from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{flag} {name} is a directory", f"Give {flag} a file name.")


class Sink:
    """One place output goes. Text (or bytes, for a ``binary`` sink) written to a regular
    file is staged in a temporary file until :meth:`commit`; anywhere else it goes
    straight out."""

    def __init__(self, name: str, flag: str, *, binary: bool = False) -> None:
        self.name = name
        self.flag = flag
        self.staged = False
        self.binary = binary
        # Text is written as UTF-8; bytes as they are.
        mode, encoding = ("wb", None) if binary else ("w", "utf-8")
        self._stream: IO[Any] | None = None
        self._temporary: str | None = None
        self._target: Path | None = None
        descriptor = None if name == STDOUT else open_file_descriptor(name)
        if name == STDOUT or descriptor == 1:
            self._kind = "stdout"
        elif descriptor is not None:
            self._kind = "descriptor"
            self._stream = self._guard(
                lambda: os.fdopen(os.dup(descriptor), mode, encoding=encoding), opening=True
            )
        else:
            check_target(name, flag)
            path = Path(os.path.realpath(name))
            if path.exists() and not path.is_file():
                self._kind = "direct"
                # Opened as given: a device or pipe is never replaced.
                self._stream = self._guard(
                    lambda: open(name, mode, encoding=encoding),  # noqa: SIM115 - closed in commit
                    opening=True,
                )
            else:
                self._kind = "file"
                self.staged = True
                self._target = path
                self._stream = self._guard(lambda: self._temporary_file(path), opening=False)

    def _temporary_file(self, path: Path) -> IO[Any]:
        import tempfile  # only runs that write a file need it; start-up skips it

        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in commit or discard
            "wb" if self.binary else "w",
            encoding=None if self.binary else "utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
        self._temporary = handle.name
        return handle

    def write(self, text: str | bytes) -> int:
        """Write text (bytes to a binary sink): staged for a regular file, straight out
        for anything else. Returns how much was written, as a file's ``write`` does, so
        that a writer expecting a file (a zip archive) can be given the sink."""
        if self._kind == "stdout":
            if isinstance(text, bytes):
                write_stdout_bytes(text)
            else:
                write_stdout(text, flush=False)
            return len(text)
        assert self._stream is not None
        stream = self._stream
        self._guard(lambda: stream.write(text), opening=False)
        return len(text)

    def flush(self) -> None:
        """Nothing to do before :meth:`commit`, which flushes and puts the file in place;
        here for writers that expect a file."""

    def commit(self) -> None:
        """Finish: flush what went straight out; put a staged file in place."""
        if self._kind == "stdout":
            write_stdout("", flush=True)
            return
        assert self._stream is not None
        stream = self._stream
        self._guard(stream.flush, opening=False)
        if self._kind == "file":
            assert self._target is not None and self._temporary is not None
            temporary, target = self._temporary, self._target
            mode = _mode_for(target)

            def finish() -> None:
                os.fsync(stream.fileno())
                stream.close()
                os.chmod(temporary, mode)
                os.replace(temporary, target)

            self._guard(finish, opening=False)
            self._temporary = None
        else:
            self._guard(stream.close, opening=False)
        self._stream = None

    def discard(self) -> None:
        """Give up: close what is open and remove the temporary file, if any."""
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temporary)
            self._temporary = None

    def _guard(self, action: Callable[[], _T], *, opening: bool) -> _T:
        try:
            return action()
        except BrokenPipeError:
            raise  # the reader went away: not an error, see pmo_advisor.cli.main
        except OSError as exc:
            if opening and exc.errno in _WRONG_PLACE:
                raise InputError(
                    f"{self.flag} {self.name}: cannot be written ({exc.strerror or exc})",
                    f"Give {self.flag} a file name.",
                ) from None
            raise OutputError(
                f"{self.flag} {self.name} could not be written: {exc.strerror or exc}",
                "Nothing was changed; check the disk, or choose another place.",
            ) from None


def write_all(targets: Sequence[tuple[str, str, str]]) -> None:
    """Write each ``(name, text, flag)``: every one of them, or (as far as a terminal or
    pipe allows) none. Regular files are staged, everything else is written, and only
    then are the staged files put in place."""
    sinks: list[Sink] = []
    written: list[str] = []
    try:
        for name, text, flag in targets:
            sink = Sink(name, flag)
            sinks.append(sink)
            if sink.staged:
                sink.write(text)
        for sink, (_, text, _) in zip(sinks, targets, strict=True):
            if not sink.staged:
                sink.write(text)
                sink.commit()
                written.append(sink.flag)
        for sink in sinks:
            if sink.staged:
                sink.commit()
                written.append(sink.flag)
    except OutputError as exc:
        if written:  # say what did get written, rather than "nothing was changed"
            exc.hint = (
                f"{' and '.join(written)} written; the rest not."
                " Check the disk, or choose another place."
            )
        raise
    finally:
        for sink in sinks:
            sink.discard()


def write_binary(name: str, data: bytes, flag: str) -> None:
    """Write a binary file (a workbook) whole: staged beside it and moved into place,
    so that no half-written file is ever left where it was asked for."""
    import tempfile

    check_target(name, flag)
    path = Path(os.path.realpath(name))
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise OutputError(
            f"{flag} {name} could not be written: {exc.strerror or exc}",
            "Nothing was changed; check the disk, or choose another place.",
        ) from None


def write_text(name: str, text: str, flag: str) -> None:
    """Write ``text`` (UTF-8) to the file ``name``, or to standard output for ``-``."""
    write_all([(name, text, flag)])


@contextlib.contextmanager
def streaming(name: str, flag: str, *, binary: bool = False) -> Iterator[Sink]:
    """A sink to write to as results arrive: standard output and devices get each piece
    at once; a regular file is put in place only when the block ends without an error."""
    sink = Sink(name, flag, binary=binary)
    try:
        yield sink
        sink.commit()
    finally:
        sink.discard()


def write_stdout(text: str, *, flush: bool = True) -> None:
    """Write to standard output; a closed or failing one is a StdoutError."""
    if sys.stdout is None:
        raise StdoutError(
            "standard output is closed",
            "Run the command with its output going somewhere, or use --output FILE.",
        )
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: not an error, see pmo_advisor.cli.main
    except OSError as exc:
        raise StdoutError(
            f"cannot write to standard output: {exc.strerror or exc}",
            "Check where the output is going, or use --output FILE.",
        ) from None


def write_stdout_bytes(data: bytes) -> None:
    """Write bytes to standard output (a pipe or a file: binary output is never sent to a
    terminal); a closed or failing one is a StdoutError."""
    stream = None if sys.stdout is None else getattr(sys.stdout, "buffer", None)
    if stream is None:
        raise StdoutError(
            "standard output is closed or cannot take bytes",
            "Run the command with its output going to a file, or use --output FILE.",
        )
    try:
        sys.stdout.flush()  # text written before, if any, goes first
        stream.write(data)  # flushed when the sink is committed
    except BrokenPipeError:
        raise  # the reader went away: not an error, see pmo_advisor.cli.main
    except OSError as exc:
        raise StdoutError(
            f"cannot write to standard output: {exc.strerror or exc}",
            "Check where the output is going, or use --output FILE.",
        ) from None


def reaches_terminal(name: str | None) -> bool:
    """Whether output to ``name`` (None or ``-``: standard output) reaches a terminal:
    standard output on one, ``/dev/stdout`` or ``/dev/fd/N`` open on one, ``/dev/tty``
    or a terminal's device by its name."""
    if name in (None, STDOUT):
        return sys.stdout is not None and sys.stdout.isatty()
    descriptor = open_file_descriptor(name)
    if descriptor is not None:
        try:
            return os.isatty(descriptor)
        except OSError:
            return False
    try:
        if not stat.S_ISCHR(os.stat(name).st_mode):
            return False
        # Opened only to ask; O_NOCTTY so that it never becomes this process's terminal.
        opened = os.open(name, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False  # not there, or not writable: reported when it is written
    try:
        return os.isatty(opened)
    finally:
        os.close(opened)


def same_regular_file(first: str, second: str) -> bool:
    """Whether two names lead to the same regular file (or the same new one)."""
    if STDOUT in (first, second):
        return False
    if open_file_descriptor(first) is not None or open_file_descriptor(second) is not None:
        return False
    one, two = Path(os.path.realpath(first)), Path(os.path.realpath(second))
    if one != two:
        return False
    return not one.exists() or one.is_file()


def _mode_for(path: Path) -> int:
    # Keep an existing file's permissions; give a new one what open() would.
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
