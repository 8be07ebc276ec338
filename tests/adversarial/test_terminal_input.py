"""Hostile input at every kind of question, in a real pseudo-terminal: escape sequences
typed or pasted, and signals sent by another process. No input may show a traceback or
stop the questionnaire from answering Ctrl-C with "Cancelled." and 130."""

from __future__ import annotations

import os
import signal
import time

import pexpect
import pytest

from tests.test_terminal import ENTER, SPACE, screen_text, spawn

# Every test here runs pmo-advisor in a pseudo-terminal or as a separate program.
pytestmark = pytest.mark.terminal

DOWN = "\x1b[B"
GIVEN = ["--set", "title=Planner", "--set", "years=3", "--set", "scope=project"]
LATER = ["--set", "focus=planning", "--set", "team_size=0", "--set", "qualifications=prince2"]
ACTIVITIES = "Which of these do you do regularly?"
# Each kind of question: the flags that make it the first one asked, and its prompt.
# The review and the pick come after the activities (and anything else still unasked,
# which is accepted as it stands).
STAGES: dict[str, tuple[list[str], str]] = {
    "title (autocomplete)": ([], "What is your current job title?"),
    "years (text)": (GIVEN[:2], "How many years"),
    "scope (select)": (GIVEN[:4], "What is the widest scope"),
    "activities (checkbox)": (GIVEN, ACTIVITIES),
    "review (select)": ([*GIVEN, *LATER], "What next?"),
    "pick (select)": ([*GIVEN, *LATER], "Which answer?"),
}
# Colour codes (which prompt_toolkit reads as mouse reports), what `ls --color` pastes,
# an OSC-8 link, a cursor report, a device-attributes reply, a DCS string, C1 controls,
# absurd parameters, a lone ESC and a bracketed paste holding escapes.
SEQUENCES = [
    "\x1b[31m", "\x1b[0m", "\x1b[01;34mdir\x1b[0m  file\x1b[00m", "\x1b[M!!!", "\x1b[<0;1;1M",
    "\x1b[<99999999999999999999;1;1m", "\x1b[;;;m", "\x1b[96;14M", "\x1b]8;;http://x\x07x",
    "\x1b[12;5R", "\x1b[?1;2c", "\x1bPq#0\x1b\\", "\u009b31m", "\x1b[999999999999999999999A",
    "\x1b[", "\x1b", "\x1b[200~\x1b[31mpasted\x1b[0m\x1b[201~",
]  # fmt: skip


def reach(stage: str) -> pexpect.spawn:
    args, shown = STAGES[stage]
    child = spawn("assess", *args)
    if shown not in ("What next?", "Which answer?"):
        child.expect_exact(shown)
        return child
    child.expect_exact(ACTIVITIES)
    child.send(SPACE + ENTER)
    answered = 1
    while child.expect([r"What next\?", r"\((\d+) of \d+\)"]) == 1:
        position = int(child.match.group(1))
        if position > answered:  # a question not asked before (not a redraw)
            answered = position
            child.send(ENTER)
    if shown == "Which answer?":
        child.send(DOWN + ENTER)
        child.expect_exact(shown)
    return child


def cancelled(child: pexpect.spawn) -> None:
    child.expect(pexpect.EOF)
    output = screen_text(child)
    child.close()
    assert child.exitstatus == 130, output[-500:]
    assert "Cancelled." in output
    for sign in ("Traceback", "Unhandled exception", "Press ENTER", "This is a bug"):
        assert sign not in output, output[-800:]


@pytest.mark.parametrize("stage", list(STAGES))
def test_escape_sequences_at_any_question_never_show_a_trace(stage: str) -> None:
    child = reach(stage)
    for sequence in SEQUENCES:
        child.send(sequence)
        time.sleep(0.02)
    time.sleep(0.6)  # the lone ESC waits for its timeout before it counts as a key
    child.sendcontrol("c")
    cancelled(child)


SIGNALS = [(stage, signal.SIGINT) for stage in STAGES] + [
    ("scope (select)", signal.SIGTERM),
    ("activities (checkbox)", signal.SIGHUP),
]


@pytest.mark.parametrize(("stage", "signum"), SIGNALS, ids=[f"{s}-{n.name}" for s, n in SIGNALS])
def test_a_signal_from_another_process_cancels_any_question(stage: str, signum: int) -> None:
    child = reach(stage)
    time.sleep(0.2)  # the prompt is drawn; its signal handling is in place
    os.kill(child.pid, signum)
    cancelled(child)
