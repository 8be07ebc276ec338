"""Reading a title list (``titles --from``): one title a line, streamed.

A title list is streamed a piece at a time, so memory stays bounded however long it is,
and split into lines on ``\n``, ``\r\n`` and ``\r`` only.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pmo_advisor.errors import InputError
from pmo_advisor.inputs import a_noun, open_descriptor, open_path, size, standard_input

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
        return _lines(standard_input(stdin, flag, example), "standard input", close=False)
    descriptor = open_descriptor(source, stdin, flag, example)
    if descriptor is not None:
        return _lines(descriptor, source, close=descriptor is not stdin)
    if not source:
        raise InputError(
            f"{flag} needs a file name, or - to read standard input",
            f"For example: {flag} titles.txt",
        )
    what = "title list"
    handle = open_path(Path(source), what)
    status = os.fstat(handle.fileno())
    if stat.S_ISREG(status.st_mode) and status.st_size > limit:
        handle.close()
        raise InputError(
            f"{source} is larger than {size(limit)}",
            f"Check that this is the right file; {a_noun(what)} is far smaller.",
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


def _read_or_refuse(read: Callable[[int], bytes], label: str) -> bytes:
    try:
        return read(_CHUNK)
    except OSError as exc:
        raise InputError(f"{label} cannot be read: {exc.strerror or exc}") from None


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
        chunk = _read_or_refuse(read, label)
        if not chunk:
            break
        if first:
            first = False
            while len(chunk) < len(_BOM) and _BOM.startswith(chunk):
                # A read that ends inside the byte-order mark (a slow pipe): the rest
                # of it is read before it is looked for.
                more = _read_or_refuse(read, label)
                if not more:
                    break
                chunk += more
            if chunk.startswith(_BOM):
                chunk, position, start = chunk[3:], 3, 3
        index = 0
        if after_cr and chunk[:1] == b"\n":
            index, start = 1, start + 1
        after_cr = False
        last = chunk.rfind(b"\n")
        if last >= index and b"\r" not in chunk:
            # The usual chunk, lines ended by \n alone: its whole lines are cut apart at
            # once rather than a line at a time, the first joined to what came before.
            for piece in chunk[index:last].split(b"\n"):
                if pending or cut:
                    if not cut:
                        pending += piece[: MAX_LINE_BYTES - len(pending)]
                    yield bytes(pending), start
                    pending.clear()
                    cut = False
                else:
                    yield piece[:MAX_LINE_BYTES], start
                start = position + index + len(piece) + 1
                index += len(piece) + 1
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
                        f" {size(RUNAWAY_LINE_BYTES)} without ending",
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
