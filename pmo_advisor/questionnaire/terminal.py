"""The full-screen questions: questionary in a terminal.

This is the only module that uses questionary. :class:`TerminalAsker` asks each
question with progress and help, and shows the review.

Ctrl-C and Ctrl-D at any question, and SIGINT sent by another process, raise
KeyboardInterrupt and EOFError, which the entry point turns into "Cancelled." and exit
code 130; prompt_toolkit restores the terminal. Escape sequences typed or pasted at a
question are ignored, and anything that fails inside a question ends it with an error
rather than a traceback.
"""

from __future__ import annotations

import asyncio
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style

from pmo_advisor.questionnaire.interview import CHANGE, RESTART, RESULT, Row
from pmo_advisor.questionnaire.questions import SKIP, Question
from pmo_advisor.safetext import clean_line

#: The value of the Skip choice of an optional single choice: no id is empty.
_SKIPPED = ""


class TerminalAsker:
    """Asks in a terminal with questionary, showing progress and help for each question."""

    def __init__(self, *, no_color: bool = False) -> None:
        self.style = None if no_color else _STYLE
        self.no_color = no_color

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        """Ask one question; wrong entries get a hint and are asked again."""
        self._say("", "")
        self._say(question.help, "class:help")
        progress = "(changing)" if total == 0 else f"({position} of {total})"
        # Wrapped between words after the "? " mark: a narrow terminal would break words.
        message = _wrapped(f"{progress} {question.prompt}", 2)
        if question.kind == "select":
            return self._select(question, message, default)
        if question.kind == "multi":
            return self._multi(question, message, default)
        return self._text(question, message, default)

    def review(self, rows: Sequence[Row]) -> str:
        """Show every answer and ask what to do next."""
        self._say("", "")
        self._say("Your answers:", "class:heading")
        for label, values in rows:
            if len(values) == 1:
                self._say(f"  {label}: {clean_line(values[0])}", "")
            else:
                self._say(f"  {label}:", "")
                for value in values:
                    self._say(f"    - {clean_line(value)}", "")
        choices = [
            questionary.Choice("See my result", RESULT),
            questionary.Choice("Change an answer", CHANGE),
            questionary.Choice("Start again", RESTART),
        ]
        result: str = self._unsafe(
            questionary.select("What next?", choices=choices, style=self.style)
        )
        return result

    def pick(self, rows: Sequence[Row]) -> int:
        """Ask which answer to change."""
        choices = [
            questionary.Choice(f"{label}: {_short(clean_line('; '.join(values)))}", index)
            for index, (label, values) in enumerate(rows)
        ]
        choices.append(questionary.Choice("Back to the review", -1))
        index: int = self._unsafe(
            questionary.select("Which answer?", choices=choices, style=self.style)
        )
        return index

    def _text(self, question: Question, message: str, default: Any) -> Any:
        parse = question.parse or (lambda text: text)
        initial = "" if default is None else _plain(default)
        while True:
            if question.suggestions:
                prompt = questionary.autocomplete(
                    message,
                    choices=list(question.suggestions),
                    default=initial,
                    style=self.style,
                    match_middle=True,
                )
            else:
                prompt = questionary.text(message, default=initial, style=self.style)
            text: str = self._unsafe(prompt)
            if not text.strip() and not question.required:
                return None
            try:
                return parse(text)
            except ValueError as exc:
                self._problem(str(exc))
                initial = text  # asked again with what was typed, to correct

    def _select(self, question: Question, message: str, default: Any) -> Any:
        choices = [
            questionary.Choice(_wrapped(o.label, 3), o.value, description=o.description)
            for o in question.options
        ]
        values = [o.value for o in question.options]
        start = default if default in values else None
        if not question.required:
            # Last, and where the pointer starts when there is no answer yet: Enter skips,
            # as it does at the other optional questions.
            choices.append(questionary.Choice(SKIP, _SKIPPED))
            start = _SKIPPED if start is None else start
        chosen = self._unsafe(
            questionary.select(
                message,
                choices=choices,
                default=start,
                style=self.style,
                instruction=" ",
            )
        )
        return None if chosen == _SKIPPED else chosen

    def _multi(self, question: Question, message: str, default: Any) -> list[str]:
        ticked = set(default or ())
        choices = [
            questionary.Choice(_wrapped(o.label, 5), o.value, checked=o.value in ticked)
            for o in question.options
        ]

        while True:
            chosen: list[str] = self._unsafe(
                questionary.checkbox(message, choices=choices, style=self.style, instruction=" ")
            )
            if chosen or not question.required:
                return chosen
            self._problem("Tick at least one with Space, then press Enter.")

    def _problem(self, message: str) -> None:
        # Printed right under the answer it is about, then the question is asked again:
        # a validator's message would sit on the terminal's last row, far from both.
        self._say(f"  {clean_line(message)}", "class:error")

    def _unsafe(self, prompt: questionary.Question) -> Any:
        application = prompt.application
        application.key_bindings = merge_key_bindings(
            [application.key_bindings or KeyBindings(), _BINDINGS]
        )

        def end_on_failure() -> None:
            # A failure inside the prompt's event loop would otherwise print a traceback
            # (prompt_toolkit's own handler) and wait for Enter; it ends the question
            # instead, and the entry point reports it. Set on the loop the question runs
            # in, once it runs.
            asyncio.get_running_loop().set_exception_handler(
                lambda loop, context: _end_with(application, context)
            )

        # As questionary's unsafe_ask runs it, with the failure handler above: Ctrl-C
        # comes through as KeyboardInterrupt, for the entry point to handle.
        return application.run(pre_run=end_on_failure, set_exception_handler=False)

    def _say(self, text: str, style_class: str) -> None:
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        indent = text[: len(text) - len(text.lstrip())]
        lines = textwrap.wrap(text, width, subsequent_indent=indent + "  ") or [""]
        for line in lines:
            if self.style is None or not style_class:
                questionary.print(line)
            else:
                questionary.print(line, style=_PRINT_STYLES[style_class])


def _questionnaire_bindings() -> KeyBindings:
    bindings = KeyBindings()

    # Ctrl-D cancels at every kind of question, not only in an empty text field.
    @bindings.add("c-d", eager=True)
    def _cancel(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    # SIGINT sent by another process (kill -INT) cancels like Ctrl-C at every kind of
    # question; prompt_toolkit delivers it as this key, which only text questions bind.
    @bindings.add(Keys.SIGINT, eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    # The questions never turn mouse reporting on, so a "mouse event" is text that looks
    # like one: colour codes typed or pasted (ESC [ 31 m). Ignore it; prompt_toolkit's
    # own handler fails on it.
    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def _not_a_mouse(event: KeyPressEvent) -> None:
        return None

    return bindings


_BINDINGS = _questionnaire_bindings()


class PromptFailure(RuntimeError):
    """Something failed inside a question's event loop."""


def _end_with(application: Application[Any], context: Mapping[str, Any]) -> None:
    error = context.get("exception")
    failure = PromptFailure(str(context.get("message") or "the prompt failed"))
    if isinstance(error, BaseException):
        failure = PromptFailure(f"{type(error).__name__}: {error}")
    if application.is_running and application.future is not None and not application.future.done():
        application.exit(exception=failure, style="class:aborting")


_STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansigreen"),
        ("instruction", "fg:ansibrightblack"),
        ("text", ""),
    ]
)
_PRINT_STYLES = {
    "class:help": "fg:ansibrightblack italic",
    "class:heading": "bold",
    "class:error": "fg:ansired",
}


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _wrapped(label: str, indent: int) -> str:
    """A choice's text wrapped to the terminal, continuing under its start (after the
    pointer and tick box), instead of being cut at the right edge."""
    width = max(shutil.get_terminal_size((80, 24)).columns - indent - 1, 20)
    return ("\n" + " " * indent).join(textwrap.wrap(label, width, break_on_hyphens=False))


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."
