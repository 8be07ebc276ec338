"""The full-screen questions: questionary in a terminal.

This is the only module that uses questionary. :class:`TerminalAsker` asks each
question with progress and help, and shows the review.

Ctrl-C and Ctrl-D at any question, and SIGINT, SIGTERM and SIGHUP sent by another
process, raise KeyboardInterrupt and EOFError, which the entry point turns into
"Cancelled." and exit code 130; the question is drawn as ended and prompt_toolkit
restores the terminal. Escape sequences typed or pasted at a question are ignored, and
anything that fails inside a question (loading the knowledge base, the first time)
ends it with an error rather than a traceback.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
import textwrap
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application, get_app
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style

from pmo_advisor.errors import AdvisorError
from pmo_advisor.questionnaire.choices import ESCAPE_ALONE, Item, ask_choice
from pmo_advisor.questionnaire.interview import CHANGE, RESTART, RESULT, GoBack, Row
from pmo_advisor.questionnaire.questions import SKIP, Question, matching, prepare
from pmo_advisor.safetext import clean_line

#: The value of the Skip choice of an optional single choice: no id is empty.
_SKIPPED = ""
#: What empties an optional answer that has one, as in plain prompts.
_NONE = "none"


class TerminalAsker:
    """Asks in a terminal with questionary, showing progress and help for each question."""

    def __init__(self, *, no_color: bool = False) -> None:
        self.style = _PLAIN_STYLE if no_color else _STYLE
        self.no_color = no_color

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        """Ask one question; wrong entries get a hint and are asked again."""
        self._say("", "")
        self._say(question.help, "class:help")
        progress = "(changing)" if total == 0 else f"({position} of {total})"
        # Wrapped between words after the "? " mark: a narrow terminal would break words.
        message = _wrapped(f"{progress} {question.prompt}", 2)
        back = position != 1  # the first question has none before it
        if question.kind == "select":
            return self._select(question, message, default, back)
        if question.kind == "multi":
            return self._multi(question, message, default, back)
        return self._text(question, message, default, back)

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
            questionary.select("What next?", choices=choices, style=self.style).application
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
            questionary.select("Which answer?", choices=choices, style=self.style).application
        )
        return index

    def _text(self, question: Question, message: str, default: Any, back: bool) -> Any:
        parse = question.parse or (lambda text: text)
        # Nothing is put in the box for typing to add to: the answer it starts from is
        # shown greyed out, and Enter on an empty box keeps it.
        keep = "" if default in (None, "") else _plain(default)
        hint = f"Enter keeps {keep}" if keep else "Enter to skip" if not question.required else ""
        if keep and not question.required and question.kind == "text":
            hint += f"; type {_NONE} to clear"
        keys = "Esc: back" if back else ""
        if question.suggests:
            keys = "↓ or Tab for suggestions" + (" · " + keys if keys else "")

        # The keys after the question, or under it where the line has no room for them.
        room = shutil.get_terminal_size((80, 24)).columns - 1 - len(message.split("\n")[-1])
        after = "" if not keys else f"  ({keys})" if len(keys) + 6 <= room else f"\n  ({keys})"

        def tokens() -> StyleAndTextTuples:
            shown: StyleAndTextTuples = [("class:qmark", "? "), ("class:question", message)]
            if not get_app().is_done:  # the keys go once the question is answered
                shown += [("class:instruction", after)]
            # Typed on a line of its own, where suggestions have the whole width.
            return [*shown, ("", "\n  ")]

        while True:
            prompt: PromptSession[str] = PromptSession(
                tokens,
                style=self.style,
                placeholder=[("class:placeholder", hint)] if hint else None,
                completer=_Suggestions(question) if question.suggests else None,
                complete_while_typing=question.suggests,
                reserve_space_for_menu=0,
            )
            if keep:
                prompt.app.key_bindings = merge_key_bindings(
                    [prompt.app.key_bindings or KeyBindings(), _keeping(keep)]
                )
            # Once the question is drawn, whatever it offers is read (and the knowledge
            # base loaded, the first time), before any key typed is handled.
            typed = self._unsafe(prompt.app, back=back, once_drawn=lambda: prepare(question))
            text: str = typed.strip()
            if not text and keep:
                return default
            if not question.required and (not text or (keep and text.casefold() == _NONE)):
                return None
            try:
                return parse(text)
            except ValueError as exc:
                # Said under the answer, and asked again with an empty box.
                self._problem(str(exc))

    def _select(self, question: Question, message: str, default: Any, back: bool) -> Any:
        items = [Item(o.value, o.label, o.description) for o in question.options]
        values = [o.value for o in question.options]
        start = default if default in values else None
        if not question.required:
            # Last, and where the pointer starts when there is no answer yet: Enter skips,
            # as it does at the other optional questions.
            items.append(Item(_SKIPPED, SKIP))
            start = _SKIPPED if start is None else start
        keys = "↑↓ to move · Enter to choose" + (" · Esc: back" if back else "")
        chosen = ask_choice(
            message,
            items,
            multi=False,
            instruction=keys,
            default=start,
            style=self.style,
            bindings=_BINDINGS,
            run=self._run,
        )
        return None if chosen == _SKIPPED else chosen

    def _multi(self, question: Question, message: str, default: Any, back: bool) -> list[str]:
        terms = question.search or ("",) * len(question.options)
        items = [
            Item(o.value, o.label, o.description, search)
            for o, search in zip(question.options, terms, strict=True)
        ]
        keys = "↑↓ to move · Space ticks · Enter when done"
        if question.search:
            keys = "Type to filter · " + keys
        keys += " · Esc: back" if back else ""
        chosen: list[str] = ask_choice(
            message,
            items,
            multi=True,
            instruction=keys,
            default=default,
            required=question.required,
            needed="Tick at least one with Space, then press Enter.",
            style=self.style,
            bindings=_BINDINGS,
            run=self._run,
        )
        return chosen

    def _problem(self, message: str) -> None:
        # Printed right under the answer it is about, then the question is asked again:
        # a validator's message would sit on the terminal's last row, far from both.
        self._say(f"  {clean_line(message)}", "class:error")

    def _unsafe(
        self,
        application: Application[Any],
        *,
        back: bool = False,
        once_drawn: Callable[[], None] | None = None,
    ) -> Any:
        application.key_bindings = merge_key_bindings(
            [application.key_bindings or KeyBindings(), _BINDINGS, *([_BACK] if back else [])]
        )
        return self._run(application, once_drawn)

    def _run(
        self, application: Application[Any], once_drawn: Callable[[], None] | None = None
    ) -> Any:
        """Run a question until it is answered; ``once_drawn`` is called once, right
        after the question is first drawn (unless keys typed ahead answered it first)."""
        taken = _handled_signals()
        running: list[asyncio.AbstractEventLoop] = []
        # Signals received while the question ran, and those its loop has acted on.
        received: list[int] = []
        acted_on: list[int] = []

        def on_signal(signum: int) -> None:
            acted_on.append(signum)
            try:
                taken[signum](signum, None)
            except KeyboardInterrupt as error:
                _end_with(application, {"exception": error})

        def arrived(signum: int, frame: object) -> None:
            # SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt wherever the program is
            # (see the entry point): in the middle of drawing, the question would be left
            # half drawn. While it runs they are noted here and acted on in its loop, and
            # what their handler raises ends it drawn as ended.
            received.append(signum)
            if running and not running[0].is_closed():
                running[0].call_soon_threadsafe(on_signal, signum)
            # Otherwise the question's loop has not started yet (it acts on the signal
            # as it starts), or has ended (the signal is acted on once it has returned).

        def drawn() -> None:
            # A failure goes to the loop's exception handler, set below.
            if once_drawn is not None and _asking(application):
                once_drawn()

        def start() -> None:
            loop = asyncio.get_running_loop()
            running.append(loop)
            for signum in received:  # arrived before the loop ran
                loop.call_soon(on_signal, signum)
            # A failure inside the prompt's event loop would otherwise print a traceback
            # (prompt_toolkit's own handler) and wait for Enter; it ends the question
            # instead, and the entry point reports it. Set on the loop the question runs
            # in, once it runs.
            loop.set_exception_handler(lambda loop, context: _end_with(application, context))
            # Called soon: after this, the application draws the question before it
            # gives the loop back. Run from the loop, not from a redraw, so that a failure
            # ends the question as any other does, drawn as ended.
            loop.call_soon(drawn)

        for signum in taken:
            signal.signal(signum, arrived)
        try:
            # As questionary's unsafe_ask runs it, with the failure handler above. The
            # signals are taken here rather than by prompt_toolkit (handle_sigint), whose
            # loop lets one that arrives as the question closes go unseen.
            answer = application.run(
                pre_run=start, set_exception_handler=False, handle_sigint=False
            )
        finally:
            for signum, handler in taken.items():
                signal.signal(signum, handler)
        cancelled = _CANCELLED_LATE.pop(application, None)
        if cancelled is not None:
            raise cancelled
        # A signal that arrived as the question closed, which its loop never acted on.
        for signum in received:
            if signum not in acted_on:
                taken[signum](signum, None)
        return answer

    def _say(self, text: str, style_class: str) -> None:
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        indent = text[: len(text) - len(text.lstrip())]
        lines = textwrap.wrap(text, width, subsequent_indent=indent + "  ") or [""]
        for line in lines:
            if self.style is None or not style_class:
                questionary.print(line)
            else:
                questionary.print(line, style=_PRINT_STYLES[style_class])


def confirm(question: str, *, no_color: bool = False) -> bool:
    """A yes-or-no question; Enter says yes."""
    prompt = questionary.confirm(question, default=True, style=None if no_color else _STYLE)
    answer: bool = TerminalAsker(no_color=no_color)._unsafe(prompt.application)
    return answer


def _questionnaire_bindings() -> KeyBindings:
    bindings = KeyBindings()

    # Ctrl-C and Ctrl-D cancel at every kind of question, Ctrl-D not only in an empty
    # text field. Bound here rather than left to questionary, so that a cancel typed
    # together with an answer (Enter, then Ctrl-C, in one read) is never lost with it.
    @bindings.add("c-c", eager=True)
    def _ctrl_c(event: KeyPressEvent) -> None:
        _end_with(event.app, {"exception": KeyboardInterrupt()})

    @bindings.add("c-d", eager=True)
    def _cancel(event: KeyPressEvent) -> None:
        _end_with(event.app, {"exception": EOFError()})

    # The questions never turn mouse reporting on, so a "mouse event" is text that looks
    # like one: colour codes typed or pasted (ESC [ 31 m). Ignore it; prompt_toolkit's
    # own handler fails on it.
    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def _not_a_mouse(event: KeyPressEvent) -> None:
        return None

    return bindings


_BINDINGS = _questionnaire_bindings()


def _back_binding() -> KeyBindings:
    bindings = KeyBindings()

    # Not eager: Escape also begins Alt-key sequences in a text box, which keep working.
    @bindings.add(Keys.Escape, filter=ESCAPE_ALONE)
    def _back(event: KeyPressEvent) -> None:
        event.app.exit(exception=GoBack())

    return bindings


_BACK = _back_binding()


def _keeping(kept: str) -> KeyBindings:
    """Enter in an empty box answers with ``kept``, shown as the answer once given."""
    bindings = KeyBindings()

    @bindings.add(Keys.ControlM, filter=Condition(lambda: not get_app().current_buffer.text))
    def _keep(event: KeyPressEvent) -> None:
        event.current_buffer.text = kept
        event.current_buffer.validate_and_handle()

    return bindings


class _Suggestions(Completer):
    """Titles for what is typed so far: each typed word begins a word of the title, or
    nearly does (see :func:`~pmo_advisor.questionnaire.questions.matching`); the whole
    entry is replaced by the one picked."""

    def __init__(self, question: Question) -> None:
        self.question = question

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterator[Completion]:
        text = document.text_before_cursor
        for title in matching(text, self.question.suggestions, self.question.prefixes, 8):
            yield Completion(title, start_position=-len(text))


class PromptFailure(RuntimeError):
    """Something failed inside a question's event loop."""


#: A signal handler set in Python.
_Handler = Callable[[int, Any], Any]


def _handled_signals() -> dict[int, _Handler]:
    """SIGINT, SIGTERM and SIGHUP, where the program handles them in Python (Python has
    SIGINT raise KeyboardInterrupt, and the entry point the others), with their
    handlers. None outside the main thread, where signals cannot be handled, or on
    Windows, where a question's loop cannot act on them."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        return {}
    handled: dict[int, _Handler] = {}
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        handler = signal.getsignal(signum)
        if callable(handler):  # not the default, and not ignored on purpose (nohup)
            handled[signum] = handler
    return handled


def _asking(application: Application[Any]) -> bool:
    """Whether a question is running and not answered yet."""
    future = application.future
    return application.is_running and future is not None and not future.done()


#: A cancel that reached a question after it had its answer (keys read together, or a
#: signal as it closed), raised once the question has ended so that it is never lost.
_CANCELLED_LATE: weakref.WeakKeyDictionary[Application[Any], BaseException] = (
    weakref.WeakKeyDictionary()
)


def _end_with(application: Application[Any], context: Mapping[str, Any]) -> None:
    """End a question with what failed in it, or with a cancel (Ctrl-C, Ctrl-D, a
    signal)."""
    error = context.get("exception")
    failure: BaseException = PromptFailure(str(context.get("message") or "the prompt failed"))
    # A message for the person, with its exit code; or a cancel, which the entry point
    # reports as "Cancelled.".
    if isinstance(error, AdvisorError | KeyboardInterrupt | EOFError):
        failure = error
    elif isinstance(error, BaseException):
        failure = PromptFailure(f"{type(error).__name__}: {error}")
    if _asking(application):
        application.exit(exception=failure, style="class:aborting")
    elif isinstance(failure, KeyboardInterrupt | EOFError):
        _CANCELLED_LATE.setdefault(application, failure)


_STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("answer", "fg:ansigreen bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
        ("selected", "fg:ansigreen"),
        ("instruction", "fg:ansibrightblack"),
        ("placeholder", "fg:ansibrightblack"),
        ("description", "fg:ansibrightblack italic"),
        ("error", "fg:ansired"),
        ("bottom-toolbar", "noreverse"),
        ("text", ""),
    ]
)
#: Without colour, the key instructions under a text box are not shown in reverse video.
_PLAIN_STYLE = Style([("bottom-toolbar", "noreverse")])
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
