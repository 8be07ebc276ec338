"""The questionnaire's screens at 80x24 as a person sees them: pmo-advisor in a
pseudo-terminal, its output played into a terminal emulator (pyte), and the assertions
made on the emulated screen rather than on the stream of escape codes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pexpect
import pyte
import pytest

from pmo_advisor.knowledge import load_knowledge
from pmo_advisor.questionnaire.questions import build_questions
from tests.conftest import NO_CURSOR_REPORTS, signals_as_at_a_prompt

pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
ESCAPE = "\x1b"
KNOWLEDGE = load_knowledge()
QUESTIONS = {question.key: question for question in build_questions(lambda: KNOWLEDGE)}
#: Every answer but the ones a test leaves to the questionnaire.
GIVEN = {"title": "Planner", "years": "4", "scope": "programme", "team_size": "0"}
#: How long a screen may take to appear on a loaded machine; a run that hangs still fails.
PATIENCE = 60


class Terminal:
    """pmo-advisor in a pseudo-terminal of ``rows`` by ``columns``, with the screen a
    person would see. It answers the program's cursor-position requests as a terminal
    does, so the questions are drawn where they would be."""

    def __init__(self, *args: str, data: Path, rows: int = 24, columns: int = 80) -> None:
        self.screen = _AnsweringScreen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(
            COMMAND[0],
            [*COMMAND[1:], *args],
            env={
                # This terminal answers where the cursor is, as a real one does.
                **{k: v for k, v in os.environ.items() if k != NO_CURSOR_REPORTS},
                "TERM": "xterm-256color",
                "COLUMNS": str(columns),
                "LINES": str(rows),
                "XDG_DATA_HOME": str(data),
                "PMO_ADVISOR_PAGER": "cat",
            },
            encoding="utf-8",
            dimensions=(rows, columns),
            timeout=PATIENCE,
            preexec_fn=signals_as_at_a_prompt,
        )
        self.screen.child = self.child

    @property
    def text(self) -> str:
        """The screen now, one line per row, trailing blanks removed."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, condition: str | Callable[[str], bool]) -> str:
        """Read the program's output until the screen shows ``condition`` (text on the
        screen, or a test of the screen's text); return the screen."""
        test = condition if callable(condition) else (lambda screen: condition in screen)
        deadline = time.monotonic() + PATIENCE
        while not test(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(f"never shown: {condition!r}; the screen:\n{self.text}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=1))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if not test(self.text):
                    raise AssertionError(f"ended before {condition!r}:\n{self.text}") from None
        return self.text

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def cancel(self) -> None:
        self.child.sendcontrol("c")
        self.child.expect(pexpect.EOF)
        self.child.close()


class _AnsweringScreen(pyte.Screen):  # type: ignore[misc]
    child: pexpect.spawn | None = None

    def write_process_input(self, data: str) -> None:
        if self.child is not None:
            self.child.send(data)


def _sets(*keys: str) -> list[str]:
    return [arg for key in keys for arg in ("--set", f"{key}={GIVEN[key]}")]


def _activity_labels() -> list[str]:
    return [option.label for option in QUESTIONS["activities"].options]


def test_the_activities_keep_their_question_keys_and_problem_on_an_80_by_24_screen(
    tmp_path: Path,
) -> None:
    terminal = Terminal("assess", *_sets("title", "years", "scope", "team_size"), data=tmp_path)
    labels = _activity_labels()
    assert len(labels) > 20  # more than a screen
    screen = terminal.wait_for("Enter when done")
    assert "Which of these do you do regularly?" in screen
    assert labels[0] in screen
    assert labels[-1] not in screen  # the rest is further down the list
    assert f"1/{len(labels)}" in screen  # and the keys line says where the pointer is
    terminal.send(ENTER)  # nothing ticked
    screen = terminal.wait_for("Tick at least one with Space, then press Enter.")
    assert "Which of these do you do regularly?" in screen
    terminal.send(DOWN * (len(labels) - 1))  # to the bottom of the list
    screen = terminal.wait_for(f"{len(labels)}/{len(labels)}")
    assert labels[-1] in screen
    assert "Which of these do you do regularly?" in screen  # still on screen
    assert "Enter when done" in screen
    terminal.cancel()


def test_courses_are_filtered_by_alias_or_provider_as_they_are_typed(tmp_path: Path) -> None:
    held = next(c for c in KNOWLEDGE.courses if "PL-300" in c.aliases)
    label = next(o.label for o in QUESTIONS["qualifications"].options if o.value == held.id)
    start = label[:40]  # the label may wrap
    others = [c for c in KNOWLEDGE.courses if c.provider == "PeopleCert" and not c.superseded]
    terminal = Terminal(
        "assess", *_sets("title", "years", "scope", "team_size"), "--no-save", data=tmp_path
    )
    terminal.wait_for("Enter when done")  # the activities: the first one
    terminal.send(SPACE + ENTER)
    terminal.wait_for("Managed projects")  # delivery experience: none
    terminal.send(ENTER)
    terminal.wait_for("What does your PMO work focus on?")
    terminal.send(ENTER)
    screen = terminal.wait_for("Filter: type part of a name")
    assert "Which of these courses or certifications do you already hold?" in screen
    terminal.send("pl-300")
    # The filter's line is drawn before the list under it: wait for the list as well.
    screen = terminal.wait_for(
        lambda screen: (
            "Filter: pl-300" in screen and start in screen and others[0].name not in screen
        )
    )
    assert others[0].name not in screen
    terminal.send(SPACE + ESCAPE)  # tick it; Escape clears the filter, not the answer
    screen = terminal.wait_for("Filter: type part of a name")
    terminal.send("peoplecert")
    screen = terminal.wait_for(
        lambda screen: (
            "Filter: peoplecert" in screen and others[0].name in screen and start not in screen
        )
    )
    assert others[0].name in screen
    assert start not in screen
    assert "1 ticked" in screen
    terminal.send(ESCAPE)
    terminal.wait_for("Filter: type part of a name")
    terminal.send(ENTER)
    terminal.wait_for("Where do you work?")
    terminal.send(ENTER)  # skipped
    screen = terminal.wait_for("What next?")
    assert f"Courses you hold: {start}" in screen
    terminal.cancel()


def test_escape_goes_back_to_the_previous_question_with_its_answer(tmp_path: Path) -> None:
    terminal = Terminal(data=tmp_path)
    terminal.wait_for("(1 of 9)")
    terminal.send("Planner" + ENTER)
    terminal.wait_for("(2 of 9)")
    terminal.send("4" + ENTER)
    terminal.wait_for("↑↓ to move · Enter to choose · Esc: back")  # the scope
    terminal.send(DOWN + ENTER)  # programme
    terminal.wait_for("Enter when done")  # the activities
    terminal.send(ESCAPE)
    screen = terminal.wait_for("↑↓ to move · Enter to choose · Esc: back")
    assert "» Programme PMO" in screen  # the scope again, pointing at its answer
    terminal.send(ESCAPE)
    screen = terminal.wait_for("Enter keeps 4")  # the years again, keeping 4
    terminal.send("6" + ENTER)  # typing replaces it: nothing to add to
    terminal.wait_for("↑↓ to move · Enter to choose · Esc: back")
    terminal.send(ENTER)
    terminal.wait_for("Enter when done")
    terminal.send(SPACE + ENTER)
    terminal.wait_for("Managed projects")
    terminal.cancel()
    assert "Years of experience" not in terminal.text  # not reviewed yet: never got there


def test_a_title_is_suggested_from_any_words_start(tmp_path: Path) -> None:
    terminal = Terminal(data=tmp_path)
    terminal.wait_for("(1 of 9)")
    terminal.send("Senior PMO An")
    screen = terminal.wait_for("Senior PMO Analyst")
    terminal.send(DOWN + ENTER)  # picks the first suggestion
    screen = terminal.wait_for("(2 of 9)")
    assert "Senior PMO Analyst" in screen
    terminal.cancel()


KEPT = (
    "schema_version: 1\ntitle: Planner\nyears: 4\nscope: programme\nactivities: [plan-schedule]\n"
)


def _keep(data: Path) -> str:
    """Answers kept on 6 December; the day as the offer names it."""
    path = data / "pmo-advisor" / "last-answers.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(KEPT, encoding="utf-8")
    this_year = datetime.now().year
    kept = datetime(this_year, 12, 6, 12, 0)
    os.utime(path, (kept.timestamp(), kept.timestamp()))
    return "6 December" if kept <= datetime.now() else f"6 December {this_year}"


def test_bare_pmo_advisor_offers_the_kept_answers_and_opens_their_review(tmp_path: Path) -> None:
    day = _keep(tmp_path)
    terminal = Terminal(data=tmp_path)
    terminal.wait_for(f"Start from your answers of {day}? (Y/n)")
    terminal.send(ENTER)
    screen = terminal.wait_for("What next?")
    assert "Job title: Planner" in screen
    assert "Widest scope: Programme PMO" in screen
    assert "(1 of" not in screen
    terminal.cancel()


@pytest.mark.parametrize(("args", "keys"), [(["--fresh"], ""), ([], "n" + ENTER)])
def test_fresh_or_no_starts_blank(tmp_path: Path, args: list[str], keys: str) -> None:
    _keep(tmp_path)
    terminal = Terminal(*args, data=tmp_path)
    if keys:
        terminal.wait_for("Start from your answers of")
        terminal.send(keys)
    screen = terminal.wait_for("(1 of 9)")
    assert ("Start from your answers" in screen) == bool(keys)
    terminal.cancel()


def test_the_kept_line_comes_after_the_pager_closes(tmp_path: Path) -> None:
    pager = tmp_path / "pager.sh"
    pager.write_text("cat >/dev/null; echo PAGER CLOSED\n", encoding="utf-8")
    child = pexpect.spawn(
        COMMAND[0],
        ["assess", *_sets("title", "years", "scope")],
        env={
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_DATA_HOME": str(tmp_path),
            "PMO_ADVISOR_PAGER": f"sh {pager}",
        },
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=PATIENCE,
        preexec_fn=signals_as_at_a_prompt,
    )
    child.expect_exact("Enter when done")  # the activities: the first one
    child.send(SPACE + ENTER)
    # Each answered as offered, once its keys are on screen: no delivery experience, the
    # focus the activities imply, nobody reports, no courses, no market.
    for question in ("managed projects", "focus on", "report to you", "already hold", "work?"):
        child.expect_exact(question)
        child.expect_exact("Esc: back")
        child.send(ENTER)
    child.expect_exact("What next?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    out = str(child.before)
    child.close()
    assert child.exitstatus == 0
    assert out.index("PAGER CLOSED") < out.index("Kept your answers in")
