"""Choice lists that fit the terminal: one choice or several, built on prompt_toolkit's
public API.

A list taller than the terminal scrolls inside a bounded height, so that the question
above it and the key instruction below it never leave the screen; a problem (nothing
ticked where one is needed, nothing matching a filter) replaces the instruction in red,
where the eye already is. Long choices wrap under their own start, and the description
of the choice the pointer is on is shown wrapped under the list. A list with search
terms is filtered by typing. Escape asks for the previous question.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.filters import Condition, IsDone
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, ScrollOffsets, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style

from pmo_advisor.questionnaire.interview import GoBack

#: Rows the list may take at most, however tall the terminal: the answers above stay
#: in sight.
MOST_ROWS = 15
#: Rows kept for the question, the filter, the description and the instruction.
OTHER_ROWS = 8


#: Escape pressed on its own, with nothing typed or pasted right after it: an escape
#: sequence the terminal could not read (a pasted colour code, a partial report) also
#: begins with Escape, and must not send anyone back.
ESCAPE_ALONE = Condition(lambda: not get_app().key_processor.input_queue)


@dataclass(frozen=True)
class Item:
    """One choice: what it returns, what it shows, and what finds it when filtering."""

    value: Any
    label: str
    description: str | None = None
    #: Lower-case text that typing filters on; empty when the list is not filtered.
    terms: str = ""


@dataclass
class ChoiceList:
    """The state of one list question while it is asked."""

    items: Sequence[Item]
    multi: bool
    ticked: list[Any] = field(default_factory=list)
    pointer: int = 0
    filter: str = ""
    problem: str | None = None
    done: bool = False
    #: Lines the pointed choice takes beyond its first, kept in view below the pointer.
    below: int = 0

    @property
    def shown(self) -> list[Item]:
        """The items the filter lets through, in their order."""
        if not self.filter:
            return list(self.items)
        wanted = _plain(self.filter)
        return [item for item in self.items if wanted in _plain(item.terms)]

    def move(self, step: int) -> None:
        """Move the pointer by ``step``, going round at either end."""
        shown = self.shown
        if shown:
            self.pointer = (self.pointer + step) % len(shown)

    def toggle(self) -> None:
        """Tick or untick the choice the pointer is on."""
        shown = self.shown
        if not shown:
            return
        value = shown[self.pointer].value
        if value in self.ticked:
            self.ticked.remove(value)
        else:
            self.ticked.append(value)
        self.problem = None

    def type(self, text: str) -> None:
        """Add to the filter (or take the last character off, for an empty ``text``)."""
        self.filter = self.filter + text if text else self.filter[:-1]
        self.pointer = 0
        self.problem = None

    def chosen(self) -> Any:
        """The answer: the ticked values in the list's order, or the pointed one."""
        if self.multi:
            return [item.value for item in self.items if item.value in self.ticked]
        return self.shown[self.pointer].value


def ask_choice(
    message: str,
    items: Sequence[Item],
    *,
    multi: bool,
    instruction: str,
    default: Any = None,
    required: bool = False,
    needed: str = "",
    style: Style | None = None,
    bindings: KeyBindings | None = None,
    run: Callable[[Application[Any]], Any],
) -> Any:
    """Ask for one choice (``multi`` false) or several, and return the value or the
    list of values. ``default`` is where the pointer starts, or what is ticked; with
    ``required``, Enter with nothing ticked shows ``needed`` instead of the instruction.
    ``run`` runs the application (so the caller decides how failures end it). Raises
    :class:`GoBack` when Escape is pressed with no filter typed."""
    state = ChoiceList(items, multi)
    values = [item.value for item in items]
    if multi:
        state.ticked = [v for v in default or () if v in values]
    elif default in values:
        state.pointer = values.index(default)
    searchable = any(item.terms for item in items)
    application: Application[Any] = Application(
        layout=_layout(state, message, instruction, searchable),
        key_bindings=merge_key_bindings(
            [_keys(state, searchable, required, needed), bindings or KeyBindings()]
        ),
        style=style,
        full_screen=False,
        mouse_support=False,
    )
    return run(application)


def _keys(state: ChoiceList, searchable: bool, required: bool, needed: str) -> KeyBindings:
    keys = KeyBindings()

    @keys.add(Keys.Down, eager=True)
    @keys.add(Keys.ControlN, eager=True)
    def _down(event: KeyPressEvent) -> None:
        state.move(1)

    @keys.add(Keys.Up, eager=True)
    @keys.add(Keys.ControlP, eager=True)
    def _up(event: KeyPressEvent) -> None:
        state.move(-1)

    @keys.add(Keys.PageDown, eager=True)
    def _page_down(event: KeyPressEvent) -> None:
        state.pointer = min(state.pointer + _rows(), max(len(state.shown) - 1, 0))

    @keys.add(Keys.PageUp, eager=True)
    def _page_up(event: KeyPressEvent) -> None:
        state.pointer = max(state.pointer - _rows(), 0)

    @keys.add(Keys.ControlC, eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt(), style="class:aborting")

    @keys.add(Keys.Escape, eager=True, filter=ESCAPE_ALONE)
    def _back(event: KeyPressEvent) -> None:
        if state.filter:  # Escape first clears what was typed to filter
            state.filter = ""
            state.pointer = 0
            return
        event.app.exit(exception=GoBack())

    if state.multi:

        @keys.add(" ", eager=True)
        def _toggle(event: KeyPressEvent) -> None:
            state.toggle()

    # Enter, and the line feed it becomes when typed before the list is up.
    @keys.add(Keys.ControlM, eager=True)
    @keys.add(Keys.ControlJ, eager=True)
    def _enter(event: KeyPressEvent) -> None:
        if not state.shown:
            return
        answer = state.chosen()
        if state.multi and required and not answer:
            state.problem = needed
            return
        state.done = True
        event.app.exit(result=answer)

    if searchable:

        @keys.add(Keys.Backspace, eager=True)
        def _rub_out(event: KeyPressEvent) -> None:
            state.type("")

        @keys.add(Keys.Any)
        def _type(event: KeyPressEvent) -> None:
            text = event.data
            if text.isprintable() and not text.isspace():
                state.type(text)

    else:

        @keys.add(Keys.Any)
        def _ignore(event: KeyPressEvent) -> None:
            """Other keys do nothing here."""

    return keys


def _layout(state: ChoiceList, message: str, instruction: str, searchable: bool) -> Layout:
    def question() -> StyleAndTextTuples:
        tokens: StyleAndTextTuples = [("class:qmark", "? "), ("class:question", message)]
        if state.done:
            tokens.append(("class:answer", _after(message, _answer(state))))
        return tokens

    def rows() -> StyleAndTextTuples:
        return _list_tokens(state)

    def filtered() -> StyleAndTextTuples:
        if not state.filter:
            return [("class:instruction", "Filter: type part of a name, abbreviation or provider")]
        found = "" if state.shown else "  (nothing matches; Backspace to change it)"
        return [("class:instruction", "Filter: "), ("", state.filter), ("class:error", found)]

    def described() -> StyleAndTextTuples:
        shown = state.shown
        if state.multi or not shown or not shown[state.pointer].description:
            return []
        text = str(shown[state.pointer].description)
        width = max(_columns() - 1, 20)  # between words, not wherever the edge falls
        return [("class:description", "\n".join(textwrap.wrap(text, width)))]

    def footer() -> StyleAndTextTuples:
        problem: StyleAndTextTuples = []
        if state.problem:  # above the keys, which stay
            problem = [("class:error", _fitted(state.problem) + "\n")]
        shown = state.shown
        where = f"{state.pointer + 1}/{len(shown)} · " if len(shown) > _rows() else ""
        ticked = f"{len(state.ticked)} ticked · " if state.multi else ""
        return [*problem, ("class:instruction", _fitted(where + ticked + instruction))]

    asking = ~IsDone()  # type: ignore[no-untyped-call]  # prompt_toolkit leaves it untyped
    return Layout(
        HSplit(
            [
                Window(FormattedTextControl(question), wrap_lines=True, dont_extend_height=True),
                # Above the list, and always there: the list below it does not move.
                ConditionalContainer(
                    Window(FormattedTextControl(filtered), height=1),
                    filter=asking & Condition(lambda: searchable),
                ),
                ConditionalContainer(
                    Window(
                        FormattedTextControl(rows, show_cursor=False),
                        height=lambda: Dimension(min=1, max=_rows()),
                        # Only as tall as its choices: spare rows stay below the keys.
                        dont_extend_height=True,
                        always_hide_cursor=True,
                        # The whole of a wrapped choice, not only its first line.
                        scroll_offsets=ScrollOffsets(bottom=lambda: state.below),
                    ),
                    filter=asking,
                ),
                ConditionalContainer(
                    Window(
                        FormattedTextControl(described), wrap_lines=True, dont_extend_height=True
                    ),
                    filter=asking,
                ),
                ConditionalContainer(
                    Window(FormattedTextControl(footer), wrap_lines=True, dont_extend_height=True),
                    filter=asking,
                ),
            ]
        )
    )


def _rows() -> int:
    """How many rows the list may take in this terminal."""
    try:
        height = get_app().output.get_size().rows
    except Exception:  # no running application (a test): the terminal's own size
        height = shutil.get_terminal_size((80, 24)).lines
    return max(3, min(MOST_ROWS, height - OTHER_ROWS))


def _columns() -> int:
    try:
        return get_app().output.get_size().columns
    except Exception:
        return shutil.get_terminal_size((80, 24)).columns


def _after(message: str, answer: str) -> str:
    """The answer after its question, on the same line if it fits, else on lines of its
    own under it, wrapped between words."""
    width = max(_columns() - 1, 20)
    lines = message.split("\n")
    used = len(lines[-1]) + (2 if len(lines) == 1 else 0)  # "? " before the first line
    if used + 1 + len(answer) <= width:
        return " " + answer
    return "".join("\n  " + line for line in textwrap.wrap(answer, width - 2))


def _fitted(text: str) -> str:
    """A line of instructions wrapped to the terminal's width between its parts (split
    at " · "), so that no key is parted from what it does."""
    width = max(_columns() - 1, 20)
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, width) or [""])
    return "\n".join(lines)


def _list_tokens(state: ChoiceList) -> StyleAndTextTuples:
    """Each shown choice, wrapped under its own start, the pointer's line marked for
    the window to scroll to."""
    tokens: StyleAndTextTuples = []
    lead = 4 if state.multi else 2
    width = max(_columns() - lead - 1, 20)
    for index, item in enumerate(state.shown):
        here = index == state.pointer
        if here:
            tokens.append(("[SetCursorPosition]", ""))
        mark = "» " if here else "  "
        if state.multi:
            mark += "● " if item.value in state.ticked else "○ "
        style = "class:highlighted" if here else ""
        if state.multi and item.value in state.ticked and not here:
            style = "class:selected"
        lines = textwrap.wrap(item.label, width, break_on_hyphens=False) or [""]
        if here:
            state.below = len(lines) - 1
        tokens.append(("class:pointer" if here else "", mark))
        tokens.append((style, lines[0] + "\n"))
        tokens.extend((style, " " * lead + line + "\n") for line in lines[1:])
    if tokens:
        last_style, last_text, *_ = tokens[-1]
        tokens[-1] = (last_style, last_text.rstrip("\n"))
    return tokens


def _answer(state: ChoiceList) -> str:
    """What the answered question shows after it."""
    labels = {item.value: item.label for item in state.items}
    if not state.multi:
        return labels.get(state.chosen(), "")
    chosen = [labels[v] for v in state.chosen()]
    if not chosen:
        return "(none)"
    text = "; ".join(chosen)
    return text if len(text) <= 60 else f"{len(chosen)} ticked"


def _plain(text: str) -> str:
    return text.replace("®", "").replace("™", "").casefold()
