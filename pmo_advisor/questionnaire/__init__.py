"""The questionnaire: asks in a terminal for the answers not given yet.

- :mod:`~pmo_advisor.questionnaire.questions`: the questions, derived from the answers
  keys' definitions;
- :mod:`~pmo_advisor.questionnaire.interview`: the loop of questions and review;
- :mod:`~pmo_advisor.questionnaire.terminal`: the full-screen questions (the only module
  that uses questionary);
- :mod:`~pmo_advisor.questionnaire.plain`: numbered questions, one line of input each.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pmo_advisor.answers.checks import given_only
from pmo_advisor.questionnaire.interview import Asker, interview

if TYPE_CHECKING:
    from pmo_advisor.questionnaire.questions import Loader


def ask_for_answers(
    load: Loader,
    given: Mapping[str, Any],
    *,
    no_color: bool,
    plain: bool = False,
    replay: bool = False,
    fixed: Mapping[str, Any] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Run the interview in the terminal; ``plain`` asks numbered questions line by line
    (see :mod:`~pmo_advisor.questionnaire.plain`) instead of redrawing the screen, and ``replay``
    starts from last time's answers, keeping ``fixed`` ones; ``defaults`` preset
    questions not answered yet (see :func:`interview`). ``load`` returns the knowledge
    base, and is called only once something needs it: the first question shows without
    waiting for it."""
    asked = given_only(given)
    kept = given_only(fixed or {})
    asker: Asker
    if plain:
        from pmo_advisor.questionnaire.plain import PlainAsker

        asker = PlainAsker()
    else:
        from pmo_advisor.questionnaire.terminal import TerminalAsker

        if no_color:
            os.environ["NO_COLOR"] = "1"  # prompt_toolkit's own switch for its colours
        asker = TerminalAsker(no_color=no_color)
    return interview(load, asked, asker, replay=replay, fixed=kept, defaults=defaults)


def offer_kept_answers(kept: float, *, no_color: bool, plain: bool = False) -> bool:
    """Ask whether to start from the answers kept at ``kept`` (a time stamp): "Start from
    your answers of 6 December? (Y/n)"; Enter says yes."""
    import time

    day = time.localtime(kept)
    year = "" if day.tm_year == time.localtime().tm_year else f" {day.tm_year}"
    question = f"Start from your answers of {day.tm_mday} {time.strftime('%B', day)}{year}?"
    if plain:
        from pmo_advisor.questionnaire.plain import confirm
    else:
        if no_color:
            os.environ["NO_COLOR"] = "1"
        from pmo_advisor.questionnaire.terminal import confirm
    return confirm(question, no_color=no_color)
