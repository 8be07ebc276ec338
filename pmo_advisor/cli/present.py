"""Presenting results: the format, width, colour and pager, writing to standard output
or a file, notes for a person at a terminal, the progress bar, and a roster's problems
on standard error."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from pmo_advisor import PROG
from pmo_advisor.cli.options import format_for_file
from pmo_advisor.errors import InputError
from pmo_advisor.render import AnyFormat, OutputFormat, RenderOptions, renderer_for

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge
    from pmo_advisor.render import Renderer, Result
    from pmo_advisor.roster import Roster
    from pmo_advisor.team import TeamRun
    from pmo_advisor.teamreport import TeamReport

NO_INPUT_ENV = "PMO_ADVISOR_NO_INPUT"


@dataclass(frozen=True)
class Output:
    """Where and how a result is shown: the ``--format``, ``--output`` and ``--no-color``
    flags every command takes."""

    format: str | None = None
    file: str | None = None
    no_color: bool = False
    #: ``--no-pager``: print long output on a terminal instead of paging it.
    no_pager: bool = False
    #: ``--full``: an assessment's every reason, title and course, not its plan alone.
    full: bool = False


def can_prompt(no_input: bool = False) -> bool:
    """Whether questions may be asked: both ends are a terminal and input is not off."""
    if no_input or os.environ.get(NO_INPUT_ENV, "") not in ("", "0"):
        return False
    if sys.stdin is None or sys.stdout is None:
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def to_terminal(output: Output) -> bool:
    """Whether the result goes to a terminal."""
    return output.file in (None, "-") and sys.stdout is not None and sys.stdout.isatty()


def no_color(output: Output) -> bool:
    """Whether colour is off: --no-color, or the colour setting (NO_COLOR, TERM=dumb,
    the config file) says never; the same rule the renderers follow."""
    from pmo_advisor.settings import setting

    return output.no_color or setting("color").value == "never"


def render(
    result: Result | TeamReport,
    knowledge: Knowledge,
    fmt: AnyFormat | None,
    output: Output,
) -> str:
    """The result's text in the format chosen."""
    return renderer(knowledge, fmt, output).render(result)


def renderer(
    knowledge: Knowledge,
    fmt: AnyFormat | None,
    output: Output,
    more: tuple[str, ...] = (),
) -> Renderer:
    """The renderer for the format asked for, or else the one the output file's name,
    the settings or the terminal choose, with the width and colour that fit."""
    terminal = to_terminal(output)
    dumb = os.environ.get("TERM") == "dumb"
    if fmt is None:
        fmt = format_for_file(output.file)
    if fmt is None:
        fmt = _configured_format()
    color = False
    if fmt in (None, OutputFormat.rich) and not output.no_color:
        from pmo_advisor.settings import setting

        wanted = setting("color").value
        color = wanted == "always" or (wanted == "auto" and terminal)
    if fmt is None:
        fmt = OutputFormat.rich if (terminal or color) and not dumb else OutputFormat.plain
    options = RenderOptions(width=_width(terminal), color=color, full=output.full, more=more)
    return renderer_for(fmt, knowledge, options)


def _configured_format() -> OutputFormat | None:
    """The format PMO_ADVISOR_FORMAT or the config file asks for, if not auto."""
    from pmo_advisor.settings import setting

    chosen = setting("format")
    return None if chosen.value == "auto" else OutputFormat(chosen.value)


def _width(terminal: bool) -> int:
    # COLUMNS wins, as it does for most tools; then the terminal's width; else 80. Kept
    # within 20-500 columns: narrower cannot be laid out, wider only wastes memory.
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and len(columns) <= 6 and int(columns) > 0:
        width = int(columns)
    else:
        width = shutil.get_terminal_size((80, 24)).columns if terminal else 80
    return min(max(width, 20), 500)


def write(
    text: str, output: str | None, shown: Output | None = None, *also: tuple[str, str, str]
) -> None:
    """Write a result to the file, or to standard output (paged on a terminal when
    ``shown``, the command's output options, allows it), and the files in ``also`` with
    it: all of them or none."""
    from pmo_advisor.output import STDOUT, write_all

    # Paging is decided only on a terminal, so scripted runs never load the pager.
    if output is None and shown is not None and sys.stdout is not None and sys.stdout.isatty():
        from pmo_advisor.pager import pager_for

        pager = pager_for(text, no_pager=shown.no_pager)
        if pager is not None:
            write_all(also)  # a pager cannot fail half-way as a file can: these first
            pager.show(text)
            return
    write_all([(STDOUT if output is None else output, text, "--output"), *also])
    saved(output)


def write_pieces(pieces: Iterator[str], output: str | None) -> None:
    """Write a result as it is made, piece by piece, to the file or standard output: a
    large result is never held whole."""
    from pmo_advisor.output import STDOUT, streaming

    with streaming(output or STDOUT, "--output") as sink:
        for piece in pieces:
            sink.write(piece)
    saved(output)


def write_binary(fill: Callable[[BinaryIO], None], output: str | None) -> None:
    """Write a binary result (a workbook) to the file or standard output: ``fill`` writes
    it to the stream it is given, which cannot seek. A file is put in place only once
    the whole result is written."""
    from pmo_advisor.output import STDOUT, streaming

    with streaming(output or STDOUT, "--output", binary=True) as sink:
        fill(cast("BinaryIO", sink))
    saved(output)


def refuse_binary_on_terminal(output: Output, what: str, example: str) -> None:
    """Refuse, before any work is done, to send a binary format to a terminal, where it
    would only print garbage; a pipe or a redirected file takes it."""
    from pmo_advisor.output import reaches_terminal

    if reaches_terminal(output.file):
        raise InputError(
            f"{what} is a binary file and is not shown on a terminal",
            f"Write it to a file with --output {example}, or redirect standard output"
            f" (> {example}).",
        )


def saved(output: str | None) -> None:
    """Tell a person at a terminal where the result was saved, if to a file."""
    from pmo_advisor.output import STDOUT

    if output not in (None, STDOUT):
        tell(f"Saved the result to {output}.")


def tell(message: str) -> None:
    """A note for a person at a terminal; scripts reading stderr are not troubled. It is
    wrapped to the terminal's width between words, and a command quoted in it ('...')
    is kept whole, so that neither it nor a file name is cut where the terminal would
    break the line."""
    if sys.stderr is not None and sys.stderr.isatty():
        import re
        import textwrap

        from pmo_advisor.safetext import clean

        # Spaces inside quotes held as NUL (which clean() never leaves) while wrapping.
        held = re.sub(r"'[^'\n]*'", lambda m: m.group().replace(" ", "\0"), clean(message))
        lines = textwrap.wrap(held, _width(True), break_long_words=False, break_on_hyphens=False)
        sys.stderr.write("\n".join(lines).replace("\0", " ") + "\n")


def say(message: str) -> None:
    """A line on standard error, named as the program's."""
    from pmo_advisor.safetext import clean

    sys.stderr.write(f"{PROG}: {clean(message)}\n")


@contextlib.contextmanager
def progress(done_of: Callable[[], tuple[int, int | None]]) -> Iterator[Callable[[], None] | None]:
    """A progress bar on standard error for work that takes more than a moment, on a
    terminal only; yields what to call as it goes on (``done_of`` says how far it is)."""
    if sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    import time

    started = time.monotonic()
    bar: Any = None

    def tick() -> None:
        nonlocal bar
        done, total = done_of()
        if bar is None:
            if time.monotonic() - started < 0.5:
                return
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(file=sys.stderr), transient=True)
            bar.start()
            bar.add_task("Reading the roster", total=total)
        bar.update(bar.task_ids[0], completed=done)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.stop()


def refuse_roster_problems(run: TeamRun, source: Roster, skip_invalid: bool) -> None:
    """Report a roster's repeated names and invalid rows on standard error, and stop
    the run for them (invalid rows only without --skip-invalid), or for an empty one."""
    from pmo_advisor.safetext import quoted
    from pmo_advisor.team import describe_row
    from pmo_advisor.teamreport import PROBLEMS_KEPT, PROBLEMS_LISTED

    for repeats, what, hint in (
        (
            run.duplicate_ids,
            "id",
            "Give each person their own id; people of the same name are told apart by it.",
        ),
        (
            run.duplicates,
            "name",
            "Tell the people apart, for example with an initial, or add an id column"
            " (Employee ID or Staff number): then names may repeat where the ids differ.",
        ),
    ):
        if not repeats:
            continue
        shown = [
            f"  {quoted(value)} at {where}" for value, where in repeats.items[:PROBLEMS_LISTED]
        ]
        more = repeats.count - len(shown)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        if run.stopped:
            tail += "\n  (reading stopped there: fix these and run again for any others)"
        raise InputError(
            f"{source.label}: {what}s must be unique, and these repeat {_a(what)} given"
            " earlier:\n" + "\n".join(shown) + tail,
            hint,
        )
    invalid = run.invalid
    noun = source.unit.removeprefix("the ")  # "row", or "file" for a directory
    for row in invalid.items[:PROBLEMS_LISTED]:
        say(describe_row(source.label, row))
    if len(invalid) > PROBLEMS_LISTED:
        say(
            f"... and {len(invalid) - PROBLEMS_LISTED:,} more invalid {noun}s:"
            f" --skip-invalid --format json lists the first {PROBLEMS_KEPT:,};"
            " fix those and run again for the rest"
        )
    if invalid and not skip_invalid:
        found = f"{len(invalid)} invalid {noun}{'s' if len(invalid) > 1 else ''}"
        if run.stopped:
            found = f"at least {found} (reading stopped there)"
        raise InputError(
            f"{found} in {source.label}; no report was written",
            f"Fix the {noun}s listed above, or leave them out of the report with --skip-invalid.",
        )
    if not invalid and not run.summary.people:
        raise InputError(
            f"{source.label} has nobody in it: a roster needs a row per person",
            "Add a row per person below the header.",
        )


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
