"""Plain prompts: the questionnaire as numbered questions, one line of input each.

For screen readers, simple terminals (``TERM=dumb``) and anyone who asks for it
(``--plain-prompts``, ``PMO_ADVISOR_PLAIN_PROMPTS=1``, ``plain_prompts = true``). Nothing
is redrawn and no cursor keys are needed: text is printed once, top to bottom, choices
are numbered and wrapped to the terminal's width, and a wrong answer is answered on the
very next line, followed by the same question again. It implements the same
:class:`~pmo_advisor.questionnaire.interview.Asker` interface as the full-screen questions, so the
interview, its checks and its review are shared.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

from pmo_advisor.questionnaire.interview import CHANGE, RESTART, RESULT, GoBack, Row
from pmo_advisor.questionnaire.questions import Option, Question, prepare
from pmo_advisor.safetext import clean_line, quoted

_KEY_WORDS = re.compile(r"\b(Enter|Space|Arrow|typing)\b")
#: What empties an optional answer.
_NONE = "none"
#: What returns to the previous question.
_BACK = "back"


def _choice(text: str, options: Sequence[Option]) -> Any:
    """The option a typed answer names: its number, or its id, label or another spelling
    of it, in any case and with or without ® and ™."""
    text = text.strip()
    if text.isascii() and text.isdigit():  # "²" is a digit to Python, but no number
        return options[int(text) - 1].value if 1 <= int(text) <= len(options) else None
    wanted = _plain(text)
    for option in options:
        names = (str(option.value), option.label, *option.spellings)
        if any(wanted == _plain(name) for name in names):
            return option.value
    return None


def _plain(text: str) -> str:
    text = text.replace("®", " ").replace("™", " ").casefold()
    return re.sub(r"\s*([,;])\s*", r"\1 ", " ".join(text.split())).strip()


def _choices(text: str, options: Sequence[Option]) -> tuple[list[Any], list[str]]:
    """The options a multi-choice answer names, and the parts that name none. Parts are
    separated by commas or semicolons, but a choice's name may hold a comma itself
    ("Track budgets, forecasts and actual costs"): the longest run of parts that names
    a choice is taken first. A part may also be numbers separated by spaces ("1 4 7")."""
    parts = re.split(r"([,;])", text)  # the separators kept, at odd positions
    chosen: list[Any] = []
    wrong: list[str] = []
    start = 0
    while start < len(parts):
        part = parts[start].strip()
        if not part:
            start += 2
            continue
        for end in range(len(parts), start, -2):
            value = _choice("".join(parts[start:end]), options)
            if value is not None:
                chosen.append(value)
                start = end + 1
                break
        else:
            words = part.split()
            values = [_choice(w, options) for w in words]
            if len(words) > 1 and all(v is not None for v in values):
                chosen += values
            else:
                wrong.append(part)
            start += 2
    return chosen, wrong


class PlainAsker:
    """Asks with numbered choices and typed answers, printing each line once."""

    def __init__(self) -> None:
        #: Whether typing "back" now returns to the previous question; None at the
        #: first question, where there is none.
        self._may_go_back: bool | None = False

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        """Ask one question until the answer is right; return the checked answer.
        Typing "back" raises :class:`GoBack`, except at the first question."""
        progress = "Changing an answer" if total == 0 else f"Question {position} of {total}"
        self._say("")
        self._say(f"{progress}: {question.prompt}")
        # The full-screen help talks about keys; keep only what is about the answer.
        about = [s for s in question.help.split(". ") if not _KEY_WORDS.search(s)]
        self._may_go_back = position != 1 or None
        if self._may_go_back:
            back = "the review" if total == 0 else "the previous question"
            about.append(f"Type {_BACK} for {back}")
        if about:
            self._say(". ".join(a.rstrip(".") for a in about) + ".")
        # Read once the question is shown (loading the knowledge base, the first time),
        # as the full-screen questions do: a knowledge base that cannot be loaded is
        # reported under the first question, before anything is typed.
        with _own_line_if_cancelled():
            prepare(question)
        try:
            return self._answer(question, default)
        finally:
            self._may_go_back = False

    def _answer(self, question: Question, default: Any) -> Any:
        if question.kind == "select":
            return self._select(question.options, default, required=question.required)
        if question.kind == "multi":
            return self._multi(question, default)
        return self._text(question, default)

    def review(self, rows: Sequence[Row]) -> str:
        """Show every answer and ask what to do next."""
        self._say("")
        self._say("Your answers:")
        for label, values in rows:
            text = f"{label}: {'; '.join(clean_line(v) for v in values)}"
            self._say(text, first="  ", rest="    ")
        choices = (
            Option(RESULT, "See my result"),
            Option(CHANGE, "Change an answer"),
            Option(RESTART, "Start again"),
        )
        self._say("What next?")
        return str(self._select(choices, RESULT))

    def pick(self, rows: Sequence[Row]) -> int:
        """Ask which answer to change; -1 goes back to the review."""
        self._say("Which answer?")
        options = [
            Option(str(i), f"{label}: {clean_line('; '.join(values))}")
            for i, (label, values) in enumerate(rows)
        ]
        options.append(Option("-1", "Back to the review"))
        return int(self._select(options, "-1"))

    def _select(self, options: Sequence[Option], default: Any, *, required: bool = True) -> Any:
        self._numbered(options)
        values = [o.value for o in options]
        start = values.index(default) + 1 if default in values else None
        hint = f"Type a number from 1 to {len(options)}"
        if required:
            keep = f" (Enter: {start})" if start else ""
        else:  # an optional choice can always be left out, even when one is chosen
            keep = f" (Enter: {start}; type {_NONE} to skip)" if start else " (Enter to skip)"
        while True:
            text = self._read(f"{hint}{keep}: ")
            if not text and start:
                return values[start - 1]
            if not required and (not text or text.casefold() == _NONE):
                return None
            chosen = _choice(text, options)
            if chosen is not None:
                return chosen
            self._problem(f"{hint}, not {quoted(text)}." if text else f"{hint}.")

    def _multi(self, question: Question, default: Any) -> list[str]:
        options = question.options
        self._numbered(options)
        values = [o.value for o in options]
        ticked = [values.index(v) + 1 for v in default or () if v in values]
        keep = f" (Enter keeps: {', '.join(map(str, ticked))})" if ticked else ""
        if question.required:
            none = ""
        else:  # an optional answer can always be emptied, even when something is ticked
            none = f" (type {_NONE} to clear)" if ticked else " (Enter for none)"
        example = "1" if len(options) == 1 else f"1,{min(len(options), 4)}"
        while True:
            text = self._read(f"Numbers of all that apply, such as {example}{keep}{none}: ")
            if not text:
                if ticked:
                    return [values[n - 1] for n in sorted(ticked)]
                if not question.required:
                    return []
                self._problem("Choose at least one: type its number.")
                continue
            if text.casefold() == _NONE and not question.required:
                return []
            chosen, wrong = _choices(text, options)
            if wrong:
                self._problem(
                    f"{', '.join(map(quoted, wrong))}: type numbers from 1 to {len(options)},"
                    " or choices by name, separated by commas."
                )
                continue
            picked = set(chosen)
            return [v for v in values if v in picked]

    def _text(self, question: Question, default: Any) -> Any:
        parse = question.parse or (lambda text: text)
        if default not in (None, ""):
            shown = int(default) if isinstance(default, float) and default.is_integer() else default
            clear = "" if question.required else f"; type {_NONE} to clear"
            hint = f" (Enter keeps: {clean_line(str(shown))}{clear})"
        else:
            hint = "" if question.required else " (Enter to skip)"
        while True:
            text = self._read(f"Your answer{hint}: ")
            if not text and default not in (None, ""):
                return default
            if not question.required and (not text or text.casefold() == _NONE):
                return None
            try:
                return parse(text)
            except ValueError as exc:
                self._problem(str(exc))

    def _numbered(self, options: Sequence[Option]) -> None:
        width = len(str(len(options)))
        for number, option in enumerate(options, 1):
            text = option.label + (f": {option.description}" if option.description else "")
            lead = f"  {number:>{width}}. "
            self._say(clean_line(text), first=lead, rest=" " * len(lead))

    def _problem(self, message: str) -> None:
        # Right under the answer that caused it, before the question is asked again.
        self._say(f"Not accepted: {clean_line(message)}", first="  ", rest="  ")

    def _read(self, prompt: str) -> str:
        while True:
            text = self._read_line(prompt)
            if text.casefold() != _BACK or self._may_go_back is False:
                return text
            if self._may_go_back:
                raise GoBack
            self._problem("This is the first question: there is none to go back to.")

    def _read_line(self, prompt: str) -> str:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        with _own_line_if_cancelled():
            line = sys.stdin.readline()
        if not line:  # end of input (Ctrl-D): cancel, as the full-screen questions do
            sys.stdout.write("\n")
            raise EOFError
        return line.strip()

    def _say(self, text: str, *, first: str = "", rest: str = "") -> None:
        # Long text wraps at the terminal's width, continuing under its own start.
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        lines = textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        )
        sys.stdout.write("\n".join(lines or [""]) + "\n")
        sys.stdout.flush()


@contextlib.contextmanager
def _own_line_if_cancelled() -> Iterator[None]:
    # Ctrl-C shows as ^C where the cursor is: "Cancelled." goes on a line of its own.
    try:
        yield
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        sys.stdout.flush()
        raise


def confirm(question: str, *, no_color: bool = False) -> bool:
    """A yes-or-no question, one line; Enter (or anything but no) says yes."""
    sys.stdout.write(f"{question} (Y/n): ")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:  # end of input (Ctrl-D): cancel, as at every question
        sys.stdout.write("\n")
        raise EOFError
    return line.strip().casefold() not in ("n", "no")
