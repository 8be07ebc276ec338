"""What a person names on the command line to read: a file, standard input (``-``) or
one of the process's open descriptors (``/dev/stdin``, ``/dev/fd/N``).

Each is read within a size limit, and every refusal says how to put it right. Answers
files (:mod:`pmo_advisor.answers.sources`) and title lists
(:mod:`pmo_advisor.titlelist`) are read through here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from pmo_advisor.errors import InputError

#: How deeply a document read (YAML or JSON: answers, a data file) may nest: deeper than
#: any answers file or data file needs, far below Python's recursion limit.
MAX_DEPTH = 32


def read_text(
    source: str,
    stdin: BinaryIO | None,
    *,
    flag: str,
    what: str,
    limit: int,
    typed: bool = True,
) -> tuple[str, str]:
    """The text of a file, or of standard input when ``source`` is ``-``, and the name to
    call it in messages. The text must be UTF-8 (a byte-order mark is allowed) and at most
    ``limit`` bytes. ``typed``: the name was given on the command line, so
    ``/dev/stdin`` and ``/dev/fd/N`` mean this process's own open files; a name the
    program found by itself is only ever a regular file."""
    example = (
        f"pmo-advisor ... {flag} - < {'answers.yaml' if flag == '--answers' else 'titles.txt'}"
    )
    descriptor = open_descriptor(source, stdin, flag, example) if typed or source == "-" else None
    if descriptor is not None:
        label = "standard input" if source == "-" else source
        data = _read_descriptor(descriptor, label, limit, close=descriptor is not stdin)
    elif not source:
        raise InputError(
            f"{flag} needs a file name, or - to read standard input",
            f"For example: {flag} {'me.yaml' if flag == '--answers' else 'titles.txt'}",
        )
    else:
        label = source
        data = _read_path(Path(source), what, limit)
    if len(data) > limit:
        raise InputError(
            f"{label} is larger than {size(limit)}",
            f"Check that this is the right file; {a_noun(what)} is far smaller.",
        )
    try:
        return data.decode("utf-8-sig"), label
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            f"Save the {what} as UTF-8.",
        ) from None


def size(limit: int) -> str:
    """``limit`` bytes in words, for messages."""
    from pmo_advisor.files import size_text

    return size_text(limit)


def standard_input(stdin: BinaryIO | None, flag: str, example: str, name: str = "-") -> BinaryIO:
    """Standard input, for ``flag``; refused when it is closed or a terminal (nothing
    would say that the run waits for typing), with ``example`` to show how to pipe."""
    if stdin is None:
        raise InputError(
            f"{flag} {name} reads standard input, but it is closed", f"Pipe it in: {example}"
        )
    if stdin.isatty():
        raise InputError(
            f"{flag} {name} reads standard input, but standard input is a terminal",
            f"Pipe it in: {example}",
        )
    return stdin


def open_descriptor(
    source: str, stdin: BinaryIO | None, flag: str, example: str
) -> BinaryIO | None:
    """Standard input for ``-``, ``/dev/stdin`` or ``/dev/fd/0``, refused alike when it
    is a terminal (nothing would say that it waits for typing); another of this
    process's open files for ``/dev/fd/N``; None for an ordinary path."""
    from pmo_advisor.files import descriptor_named

    number = 0 if source == "-" else descriptor_named(source)
    if number is None:
        return None
    if number == 0:
        return standard_input(stdin, flag, example, source)
    try:
        if os.isatty(number):
            raise InputError(
                f"{flag} {source} is a terminal: nothing would say that it waits for typing",
                f"Pipe it in: {example}",
            )
        return os.fdopen(os.dup(number), "rb")
    except OSError:
        raise InputError(
            f"{flag} {source}: file descriptor {number} is not open",
            "Open it in the shell (e.g. 3< file), or give a file name.",
        ) from None


def _read_descriptor(handle: BinaryIO, label: str, limit: int, *, close: bool) -> bytes:
    try:
        return handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{label} cannot be read: {exc.strerror or exc}") from None
    finally:
        if close:
            handle.close()


def _read_path(path: Path, what: str, limit: int) -> bytes:
    from pmo_advisor.files import FileRefused, read_limited

    try:
        return read_limited(path, limit, what)
    except FileRefused as exc:
        raise _with_hint(exc) from None


def _with_hint(exc: InputError) -> InputError:
    """A refused file's error, with how to put it right."""
    from pmo_advisor.files import FileRefused

    if not isinstance(exc, FileRefused):
        return exc
    if exc.problem == "does not exist":
        exc.hint = "Check the path, or use - to read standard input."
    elif exc.problem.startswith("is larger"):
        exc.hint = f"Check that this is the right file; {a_noun(exc.what)} is far smaller."
    elif exc.problem.startswith("is a"):
        exc.hint = f"Give the path of {a_noun(exc.what)}."
    return exc


def open_path(path: Path, what: str) -> BinaryIO:
    """The file at ``path``, opened to read; a refusal says how to put it right."""
    from pmo_advisor.files import FileRefused, open_file

    try:
        return open_file(path, what)
    except FileRefused as exc:
        raise _with_hint(exc) from None


def a_noun(noun: str) -> str:
    """``noun`` with its article: "an answers file", "a title list"."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
