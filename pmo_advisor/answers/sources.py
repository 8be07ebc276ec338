"""Reading answers and title lists from their sources, and saving answers.

An answers file or standard input is read with limits: at most 1 MB, UTF-8 (a byte-order
mark is allowed), YAML or JSON, a mapping at the top. ``--set KEY=VALUE`` flags become
the same raw mapping. :func:`pmo_advisor.answers.validate` checks the result.

A title list (``titles --from``) is streamed a piece at a time, so memory stays bounded
however long it is, and split into lines on ``\n``, ``\r\n`` and ``\r`` only.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pmo_advisor.answers.checks import MAX_LIST, describe, split_list
from pmo_advisor.answers.model import BY_ID
from pmo_advisor.answers.validation import known_key
from pmo_advisor.errors import InputError
from pmo_advisor.model import SCHEMA_VERSION
from pmo_advisor.numerals import read_float, read_int
from pmo_advisor.text import is_safe, quoted

if TYPE_CHECKING:
    from pmo_advisor.answers.model import Answers

#: Largest answers file or standard input accepted, in bytes.
MAX_ANSWERS_BYTES = 1_000_000

#: Keys an answers file may hold besides the answers themselves.
_FILE_ONLY_KEYS = ("schema_version",)


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
    descriptor = _descriptor(source, stdin, flag, example) if typed or source == "-" else None
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
            f"{label} is larger than {_size(limit)}",
            f"Check that this is the right file; {_a(what)} is far smaller.",
        )
    try:
        return data.decode("utf-8-sig"), label
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            f"Save the {what} as UTF-8.",
        ) from None


def _size(limit: int) -> str:
    from pmo_advisor.files import size_text

    return size_text(limit)


def read_answers_file(source: str, stdin: BinaryIO | None, *, typed: bool = True) -> dict[str, Any]:
    """The raw answers in a file, or in standard input when ``source`` is ``-``.
    ``typed``: as for :func:`read_text`; false for a file the program found itself."""
    text, label = read_text(
        source,
        stdin,
        flag="--answers",
        what="answers file",
        limit=MAX_ANSWERS_BYTES,
        typed=typed,
    )
    if not text.strip():
        raise InputError(f"{label} is empty", _FORMAT_HINT)
    document = _parse(text, label, looks_json=source.endswith(".json"))
    if document is None:
        raise InputError(f"{label} holds no answers", _FORMAT_HINT)
    if not isinstance(document, dict):
        raise InputError(
            f"{label} must hold a mapping of answer keys to values, not {describe(document)}",
            _FORMAT_HINT,
        )
    for key in document:
        if not isinstance(key, str):
            raise InputError(
                f"{label}: answer keys must be text, got {describe(key)}", _FORMAT_HINT
            )
    version = document.pop("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        raise InputError(
            f"{label}: schema_version must be {SCHEMA_VERSION}, got {describe(version)}",
            f"This version of pmo-advisor reads answers in schema {SCHEMA_VERSION};"
            " leave schema_version out or set it to 1.",
        )
    return document


_FORMAT_HINT = (
    "Write one answer per line, e.g.\n  years: 4\n  scope: programme\n"
    "  activities: [plan-schedule, run-raid]\nRun 'pmo-advisor assess --help' for every key."
)
_JSON_HINT = (
    'Write one JSON object, e.g. {"years": 4, "scope": "programme", "activities":'
    ' ["plan-schedule", "run-raid"]}\nRun \'pmo-advisor assess --help\' for every key.'
)


def _standard_input(stdin: BinaryIO | None, flag: str, example: str, name: str = "-") -> BinaryIO:
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


def _descriptor(source: str, stdin: BinaryIO | None, flag: str, example: str) -> BinaryIO | None:
    """Standard input for ``-``, ``/dev/stdin`` or ``/dev/fd/0``, refused alike when it
    is a terminal (nothing would say that it waits for typing); another of this
    process's open files for ``/dev/fd/N``; None for an ordinary path."""
    from pmo_advisor.files import descriptor_named

    number = 0 if source == "-" else descriptor_named(source)
    if number is None:
        return None
    if number == 0:
        return _standard_input(stdin, flag, example, source)
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
        exc.hint = f"Check that this is the right file; {_a(exc.what)} is far smaller."
    elif exc.problem.startswith("is a"):
        exc.hint = f"Give the path of {_a(exc.what)}."
    return exc


def _open_path(path: Path, what: str) -> BinaryIO:
    from pmo_advisor.files import FileRefused, open_file

    try:
        return open_file(path, what)
    except FileRefused as exc:
        raise _with_hint(exc) from None


def _parse(text: str, label: str, *, looks_json: bool) -> Any:
    if looks_json or text.lstrip().startswith(("{", "[")):
        try:
            # Numbers through the bounded readers: one too large to convert is kept as
            # written, for the range check to refuse, never converted.
            document = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_int=read_int,
                parse_float=read_float,
            )
            _check_shape(document, label)
            return document
        except _DuplicateKey as exc:
            raise InputError(
                f"{label}: key {exc.key!r} appears twice", "Give each answer once."
            ) from None
        except RecursionError:
            raise InputError(f"{label} is nested too deeply", _FORMAT_HINT) from None
        except json.JSONDecodeError as exc:
            if looks_json:
                raise InputError(
                    f"{label} is not valid JSON: {exc.msg} at line {exc.lineno},"
                    f" column {exc.colno}",
                    _JSON_HINT,
                ) from None
    # Loaded here: the YAML parser costs start-up time that --set alone never needs.
    from pmo_advisor.yamlio import YamlProblem, load_yaml_text

    try:
        return load_yaml_text(text, max_items=MAX_LIST)
    except YamlProblem as exc:
        raise InputError(f"{label}: {exc}", _FORMAT_HINT) from None


def _check_shape(document: Any, label: str) -> None:
    # The same limits the YAML reader applies while parsing: depth and items per list or
    # mapping. No recursion: the document may be deeper than Python's limit allows.
    from pmo_advisor.yamlio import MAX_DEPTH

    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(
                    f"{label} is nested more than {MAX_DEPTH} levels deep", _FORMAT_HINT
                )
            if len(value) > MAX_LIST:
                what = "mapping" if isinstance(value, dict) else "list"
                raise InputError(
                    f"{label}: a {what} has more than {MAX_LIST} items;"
                    f" at most {MAX_LIST} are read",
                    _FORMAT_HINT,
                )
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_set_flags(flags: Sequence[str]) -> dict[str, Any]:
    """Answers given as ``--set KEY=VALUE``; list answers are comma-separated."""
    answers: dict[str, Any] = {}
    for flag in flags:
        key, sep, value = flag.partition("=")
        if not sep:
            raise InputError(
                f"--set {quoted(flag)} needs the form KEY=VALUE",
                "For example: --set years=4 --set activities=plan-schedule,run-raid",
            )
        key = known_key(key.strip().lower().replace("-", "_"), f"--set {quoted(flag)}")
        value = value.strip()
        if BY_ID[key].is_list:
            answers[key] = split_list(value)
        else:
            answers[key] = value if value else None
    return answers


def dump_answers(answers: Answers, *, as_json: bool) -> str:
    """Answers as a file that ``--answers`` reads back: YAML, or JSON when asked."""
    data = {"schema_version": SCHEMA_VERSION, **answers.given()}
    # A title holding control or bidirectional characters is written escaped, so that
    # showing the file in a terminal cannot act on them.
    readable = is_safe(answers.title or "")
    if as_json:
        return json.dumps(data, ensure_ascii=not readable, indent=2) + "\n"
    from pmo_advisor.yamlio import dump_yaml_text

    return dump_yaml_text(data, allow_unicode=readable)


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


#: How much of one line of a title list is kept: far more than any title the matcher
#: reads (it refuses a title over a few hundred characters), so a longer line is still
#: reported as too long, without holding a line of many megabytes in memory.
MAX_LINE_BYTES = 8192
#: A line longer than this is no title list's: reading stops instead of passing over it.
RUNAWAY_LINE_BYTES = 64_000_000
_CHUNK = 65536
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class BadLine:
    """A line of a title list that is not UTF-8: how to show it, and what is wrong."""

    shown: str
    problem: str


def title_lines(
    source: str, stdin: BinaryIO | None, *, flag: str, limit: int
) -> Iterator[str | BadLine]:
    """The titles in a list, one per non-blank line, stripped, as they are read.

    A file larger than ``limit`` bytes, or a source that cannot be read, is refused at
    once; a list whose first title is not UTF-8 is refused when that line is reached,
    before anything is shown. A later line that is not UTF-8 is a :class:`BadLine`."""
    example = f"pmo-advisor titles {flag} - < titles.txt"
    if source == "-":
        return _lines(_standard_input(stdin, flag, example), "standard input", close=False)
    descriptor = _descriptor(source, stdin, flag, example)
    if descriptor is not None:
        return _lines(descriptor, source, close=descriptor is not stdin)
    if not source:
        raise InputError(
            f"{flag} needs a file name, or - to read standard input",
            f"For example: {flag} titles.txt",
        )
    what = "title list"
    handle = _open_path(Path(source), what)
    status = os.fstat(handle.fileno())
    if stat.S_ISREG(status.st_mode) and status.st_size > limit:
        handle.close()
        raise InputError(
            f"{source} is larger than {_size(limit)}",
            f"Check that this is the right file; {_a(what)} is far smaller.",
        )
    return _lines(handle, source, close=True)


def _lines(handle: BinaryIO, label: str, *, close: bool) -> Iterator[str | BadLine]:
    try:
        seen_title = False
        offset = 0  # of the line being built, for messages
        for raw, start in _raw_lines(handle, label):
            offset = start
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if not seen_title:  # nothing shown yet: the whole list is refused
                    raise InputError(
                        f"{label} is not UTF-8 text (byte 0x{raw[exc.start]:02x}"
                        f" at offset {offset + exc.start})",
                        "Save the title list as UTF-8.",
                    ) from None
                shown = raw.decode("utf-8", "replace").strip()
                if shown:
                    yield BadLine(shown[:60], f"not UTF-8 text (at byte {offset + exc.start})")
                continue
            title = text.strip()
            if title:
                seen_title = True
                yield title
    finally:
        if close:
            handle.close()


def _raw_lines(handle: BinaryIO, label: str) -> Iterator[tuple[bytes, int]]:
    """Each line's bytes (cut at MAX_LINE_BYTES) and where it starts, without its end."""
    pending = bytearray()
    start = 0  # where the pending line starts in the stream
    position = 0  # bytes read so far
    cut = False  # the pending line is longer than is kept
    after_cr = False  # the last byte read was \r: a \n right after it ends nothing
    first = True
    read = getattr(handle, "read1", handle.read)
    while True:
        try:
            chunk = read(_CHUNK)
        except OSError as exc:
            raise InputError(f"{label} cannot be read: {exc.strerror or exc}") from None
        if not chunk:
            break
        if first:
            first = False
            if chunk.startswith(_BOM):
                chunk, position, start = chunk[3:], 3, 3
        index = 0
        if after_cr and chunk[:1] == b"\n":
            index, start = 1, start + 1
        after_cr = False
        while index < len(chunk):
            ends = [e for e in (chunk.find(b"\n", index), chunk.find(b"\r", index)) if e >= 0]
            end = min(ends) if ends else len(chunk)
            if not cut:
                room = MAX_LINE_BYTES - len(pending)
                pending += chunk[index : min(end, index + room)]
                cut = end - index > room
            if end == len(chunk):
                if position + end - start > RUNAWAY_LINE_BYTES:
                    raise InputError(
                        f"{label} is not a title list: a line runs on for more than"
                        f" {_size(RUNAWAY_LINE_BYTES)} without ending",
                        "Give one title per line.",
                    )
                break
            yield bytes(pending), start
            pending.clear()
            cut = False
            step = 1
            if chunk[end : end + 2] == b"\r\n":
                step = 2
            elif chunk[end : end + 1] == b"\r" and end + 1 == len(chunk):
                after_cr = True
            index = end + step
            start = position + index
        position += len(chunk)
    if pending or cut:
        yield bytes(pending), start
