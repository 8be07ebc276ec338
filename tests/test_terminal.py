"""The questionnaire end to end, in a real pseudo-terminal, on the installed pmo-advisor."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from pmo_advisor.knowledge import load_knowledge
from pmo_advisor.questionnaire.questions import build_questions
from tests.conftest import fresh_data_home, signals_as_at_a_prompt

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

SCRIPT = Path(sys.executable).with_name("pmo-advisor")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "pmo_advisor"]
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
KNOWLEDGE = load_knowledge()
QUESTIONS = {question.key: question for question in build_questions(lambda: KNOWLEDGE)}
ORDER = list(QUESTIONS)


def spawn(*args: str, columns: int = 80, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        COMMAND[0],
        [*COMMAND[1:], *args],
        env={
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_DATA_HOME": fresh_data_home(),
            **env,
            "COLUMNS": str(columns),
        },
        encoding="utf-8",
        dimensions=(24, columns),
        # Generous: four test workers on two busy cores can hold a screen back for
        # seconds; a run that truly hangs still fails.
        timeout=60,
        preexec_fn=signals_as_at_a_prompt,
    )


def screen_text(child: pexpect.spawn) -> str:
    return ANSI.sub("", str(child.before))


def _downs(key: str, value: str, start: str | None = None) -> str:
    """The arrow presses from ``start`` (the first choice, or Skip) to ``value``, in the
    order the question offers its choices, so no test depends on where data puts them."""
    question = QUESTIONS[key]
    values = [option.value for option in question.options]
    if not question.required:
        values.append("")  # Skip, last
    begin = values.index(start) if start is not None else 0
    return DOWN * ((values.index(value) - begin) % len(values))


def _ticks(key: str, chosen: set[str]) -> str:
    """Space on each chosen option of a multi-choice question, moving down the list."""
    keys = ""
    for option in QUESTIONS[key].options:
        keys += (SPACE if option.value in chosen else "") + DOWN
    assert chosen <= {option.value for option in QUESTIONS[key].options}, chosen
    return keys


def test_a_new_user_answers_everything_changes_one_answer_and_gets_a_result() -> None:
    # The choices are picked by what they are, not where they sit: the scope and the
    # market by id, and the activities by property: the management work of level 3
    # other than designing a PMO (running one, line-managing its staff, setting its
    # governance).
    activities = {
        a.id
        for a in KNOWLEDGE.activities
        if a.level == 3 and a.track == "management" and a.id != "design-pmo"
    }
    assert len(activities) == 3, activities
    child = spawn()
    child.expect_exact("(1 of 9)")
    child.send("Portfolio Office Lead" + ENTER)
    child.expect_exact("(2 of 9)")
    child.send("seven" + ENTER)  # a wrong entry gets a hint and the question again
    child.expect_exact("must be a number")
    # Typed only once the question is back on screen: before that the terminal is in
    # its line mode, where the kernel itself takes Ctrl-U.
    child.expect_exact("(2 of 9)")
    child.send("\x15" + "9" + ENTER)  # Ctrl-U clears the line
    child.expect_exact("(3 of 9)")
    child.send(_downs("scope", "portfolio") + ENTER)
    child.expect_exact("(4 of 9)")
    child.send(_ticks("activities", activities) + ENTER)
    child.expect_exact("(5 of 9)")
    child.expect_exact("managed projects or programmes")
    child.send(ENTER)  # no delivery experience
    child.expect_exact("(6 of 9)")
    child.send(ENTER)  # focus, pre-ticked
    child.expect_exact("(7 of 9)")
    child.send("\x15" + "5" + ENTER)
    child.expect_exact("(8 of 9)")
    child.send(ENTER)  # no courses held
    child.expect_exact("(9 of 9)")
    child.expect_exact("Where do you work?")
    child.send(_downs("market", "us", start="") + ENTER)  # the pointer starts on Skip
    child.expect_exact("What next?")
    review = screen_text(child)
    assert "Where you work: United States" in review
    assert "Job title: Portfolio Office Lead" in review
    assert "Years of experience: 9" in review
    assert "Line-manage PMO staff" in review
    child.send(DOWN + ENTER)  # change an answer
    child.expect_exact("Which answer?")
    child.send(DOWN * ORDER.index("scope") + ENTER)  # widest scope
    child.expect_exact("(changing)")
    child.send(_downs("scope", "enterprise", start="portfolio") + ENTER)
    child.expect_exact("What next?")
    assert "Widest scope: Enterprise PMO (ePMO)" in screen_text(child)
    child.send(ENTER)  # see my result
    child.expect(pexpect.EOF)
    result = screen_text(child)
    assert "PMO Manager: level 3 of 4" in result
    assert "Jobs you could apply for now" in result
    assert "ePMO Manager" in result
    # The market chosen last picks the scheme: PMI's certificate for a US PMO manager.
    assert "Now (the next 6 to 12 months)" in result
    assert "PMI-PMOCP" in result
    assert "For: Portfolio Office Lead · 9 years · Enterprise PMO (ePMO)" in result
    child.close()
    assert child.exitstatus == 0


def test_answers_given_by_flags_are_not_asked() -> None:
    child = spawn(
        "assess", "--set", "years=4", "--set", "scope=programme", "--set", "title=Planner"
    )
    child.expect_exact("(1 of 6)")
    child.expect_exact("Which of these do you do regularly?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.parametrize("key", ["c", "d"])
def test_ctrl_c_or_ctrl_d_cancels_cleanly(key: str) -> None:
    child = spawn()
    child.expect_exact("(1 of 9)")
    child.sendcontrol(key)
    child.expect(pexpect.EOF)
    output = screen_text(child)
    child.close()
    assert child.exitstatus == 130
    assert "Cancelled." in output
    assert "Traceback" not in output


def test_a_broken_knowledge_base_ends_the_questionnaire_with_its_message(
    data_copy: Path,
) -> None:
    # The first question shows before the knowledge base is loaded; loading it once the
    # question is drawn finds the fault, and the run ends as any command would: the
    # question left as ended, without its keys, and the message on lines of its own.
    with (data_copy / "levels.yaml").open("a", encoding="utf-8") as levels:
        levels.write("\nbroken: [\n")
    child = spawn(PMO_ADVISOR_DATA=str(data_copy))
    child.expect(pexpect.EOF)
    output = screen_text(child)
    screen = shown(str(child.before))
    child.close()
    assert child.exitstatus == 3
    assert "invalid knowledge base" in output and "levels.yaml: not valid YAML" in output
    assert "Traceback" not in output
    question = next(i for i, line in enumerate(screen) if "(1 of 9)" in line)
    error = next(i for i, line in enumerate(screen) if "invalid knowledge base" in line)
    assert error > question
    assert screen[error].startswith("pmo-advisor: error: invalid knowledge base")
    assert "Tab for suggestions" not in "\n".join(screen)


def test_sigterm_while_the_knowledge_base_loads_cancels_cleanly() -> None:
    # Without its cache the knowledge base takes a while to load after the first question
    # is drawn: SIGTERM then (or just after, on a fast machine) cancels as it does at any
    # question, with the question left as ended and "Cancelled." on a line of its own.
    child = spawn(PMO_ADVISOR_CACHE_DIR="")
    everything = io.StringIO()
    child.logfile_read = everything
    child.expect_exact("(1 of 9)")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    child.close()
    screen = shown(everything.getvalue())
    assert child.exitstatus == 130
    assert "Cancelled." in screen
    assert "Tab for suggestions" not in "\n".join(screen)
    assert "Traceback" not in everything.getvalue()


def shown(output: str, columns: int = 80) -> list[str]:
    """The lines a terminal of 24 rows shows once ``output`` is written to it."""
    screen = pyte.Screen(columns, 24)
    pyte.Stream(screen).feed(output)
    return [line.rstrip() for line in screen.display]


def test_a_configured_market_that_is_no_market_is_reported_before_any_question() -> None:
    # The knowledge base is loaded after the first question is drawn, except to check a
    # configured market: that mistake is still reported before anything is asked.
    child = spawn(PMO_ADVISOR_MARKET="mars")
    child.expect(pexpect.EOF)
    output = screen_text(child)
    child.close()
    assert child.exitstatus == 2
    assert "PMO_ADVISOR_MARKET: unknown market 'mars'" in output
    assert "(1 of 9)" not in output and "Traceback" not in output


def test_a_mistake_in_the_flags_is_reported_before_any_question() -> None:
    child = spawn("assess", "--set", "years=-3")
    child.expect(pexpect.EOF)
    output = screen_text(child)
    child.close()
    assert child.exitstatus == 2
    assert "years: must be from 0 to 60" in output
    assert "(1 of" not in output


def test_no_input_never_prompts_even_on_a_terminal() -> None:
    for child in (spawn("assess", "--no-input"), spawn("assess", PMO_ADVISOR_NO_INPUT="1")):
        child.expect(pexpect.EOF)
        output = screen_text(child)
        child.close()
        assert child.exitstatus == 2
        assert "missing answers" in output


def test_forty_columns() -> None:
    child = spawn(columns=40)
    child.expect_exact("(1 of 9)")
    child.send(ENTER + "3" + ENTER)
    child.expect_exact("(3 of 9)")
    child.send(ENTER)
    child.expect_exact("(4 of 9)")
    child.send(SPACE + ENTER)
    child.expect_exact("(5 of 9)")
    child.send(ENTER + ENTER + ENTER + ENTER + ENTER)  # the rest left as offered, or skipped
    child.expect_exact("What next?")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    result = screen_text(child)
    child.close()
    assert child.exitstatus == 0
    assert "PMO Analyst: level 2 of 4" in result
