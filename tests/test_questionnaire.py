"""The questionnaire: the interview loop against a scripted asker, and each kind of
question driven with real keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import Application, create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from pmo_advisor.answers import ANSWER_KEYS
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.questionnaire.choices import ChoiceList, Item
from pmo_advisor.questionnaire.interview import CHANGE, RESTART, RESULT, GoBack, Row, interview
from pmo_advisor.questionnaire.questions import (
    OnFirstUse,
    Question,
    build_questions,
    default_for,
    matching,
    prepare,
)
from pmo_advisor.questionnaire.terminal import TerminalAsker

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
BACKSPACE = "\x7f"
ESCAPE = "\x1b"


class ScriptedAsker:
    """Answers from a script and records what it was asked."""

    def __init__(
        self, answers: dict[str, Any], reviews: Sequence[str], picks: Sequence[str] = ()
    ) -> None:
        self.answers = answers
        self.reviews = list(reviews)
        self.picks = list(picks)
        self.asked: list[tuple[str, int, int, Any]] = []
        self.reviewed: list[list[Row]] = []

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        self.asked.append((question.key, position, total, default))
        value = self.answers[question.key]
        return value.pop(0) if isinstance(value, Changes) else value

    def review(self, rows: Sequence[Row]) -> str:
        self.reviewed.append(list(rows))
        return self.reviews.pop(0)

    def pick(self, rows: Sequence[Row]) -> int:
        label = self.picks.pop(0)
        return [r[0] for r in rows].index(label)


class Changes(list[Any]):
    """Successive answers to the same question."""


FULL = {
    "title": "Planner",
    "years": 4.0,
    "scope": "programme",
    "activities": ["plan-schedule"],
    "delivery": [],
    "focus": ["planning"],
    "team_size": 0,
    "qualifications": [],
    "market": "uk",
}


def test_questions_cover_every_answers_key_in_order(knowledge: Knowledge) -> None:
    assert [q.key for q in build_questions(lambda: knowledge)] == list(ANSWER_KEYS)


def test_activities_are_never_labelled_or_grouped_by_level(knowledge: Knowledge) -> None:
    question = next(q for q in build_questions(lambda: knowledge) if q.key == "activities")
    labels = [o.label for o in question.options]
    assert labels == sorted(labels)
    assert not any("level" in label.lower() for label in labels)
    assert {o.value for o in question.options} == set(knowledge.activity_ids)


def test_every_question_has_help(knowledge: Knowledge) -> None:
    for question in build_questions(lambda: knowledge):
        assert question.help and question.prompt.endswith("?")


def test_all_questions_are_asked_with_progress(knowledge: Knowledge) -> None:
    asker = ScriptedAsker(FULL, [RESULT])
    result = interview(lambda: knowledge, {}, asker)
    assert [(key, pos, total) for key, pos, total, _ in asker.asked] == [
        (key, i, len(ANSWER_KEYS)) for i, key in enumerate(ANSWER_KEYS, 1)
    ]
    assert result == {k: v for k, v in FULL.items() if k not in ("qualifications", "delivery")}


def test_answers_given_up_front_are_not_asked_but_are_reviewed(knowledge: Knowledge) -> None:
    asker = ScriptedAsker(FULL, [RESULT])
    result = interview(lambda: knowledge, {"years": "7", "scope": "Portfolio"}, asker)
    assert [key for key, *_ in asker.asked] == [
        "title",
        "activities",
        "delivery",
        "focus",
        "team_size",
        "qualifications",
        "market",
    ]
    assert asker.asked[0][1:3] == (1, 7)
    review = dict(asker.reviewed[0])
    assert review["Years of experience"] == ("7",)
    assert result["years"] == "7"


def test_focus_is_pre_ticked_from_the_activities(knowledge: Knowledge) -> None:
    asker = ScriptedAsker(
        {**FULL, "activities": ["run-raid", "control-costs", "run-pmo"]}, [RESULT]
    )
    interview(lambda: knowledge, {}, asker)
    focus_default = next(d for key, _, _, d in asker.asked if key == "focus")
    assert focus_default == ["risk", "finance"]


def test_change_an_answer_then_see_the_result(knowledge: Knowledge) -> None:
    asker = ScriptedAsker(
        {**FULL, "years": Changes([4.0, 9.0])}, [CHANGE, RESULT], ["Years of experience"]
    )
    result = interview(lambda: knowledge, {}, asker)
    assert result["years"] == 9.0
    assert asker.asked[-1][:3] == ("years", 0, 0)
    assert asker.asked[-1][3] == 4.0  # the current answer is offered to edit
    assert dict(asker.reviewed[1])["Years of experience"] == ("9",)


def test_change_an_answer_given_up_front(knowledge: Knowledge) -> None:
    asker = ScriptedAsker({**FULL, "scope": "enterprise"}, [CHANGE, RESULT], ["Widest scope"])
    assert interview(lambda: knowledge, {"scope": "project"}, asker)["scope"] == "enterprise"


def test_start_again_asks_everything_again_but_keeps_what_was_given(knowledge: Knowledge) -> None:
    asker = ScriptedAsker({**FULL, "title": Changes(["First", "Second"])}, [RESTART, RESULT])
    result = interview(lambda: knowledge, {"years": 3}, asker)
    keys = [key for key, *_ in asker.asked]
    assert keys.count("title") == 2
    assert "years" not in keys
    assert result["title"] == "Second"
    assert result["years"] == 3


def test_empty_optional_answers_are_left_out(knowledge: Knowledge) -> None:
    asker = ScriptedAsker({**FULL, "title": None, "focus": []}, [RESULT])
    result = interview(lambda: knowledge, {}, asker)
    assert "title" not in result and "focus" not in result
    assert result["team_size"] == 0


def test_defaults(knowledge: Knowledge) -> None:
    questions = {q.key: q for q in build_questions(lambda: knowledge)}
    assert default_for(questions["team_size"], {}, lambda: knowledge) == 0
    assert default_for(questions["qualifications"], {}, lambda: knowledge) == []
    assert default_for(questions["years"], {"years": 5}, lambda: knowledge) == 5


# --- each kind of question with real keystrokes --------------------------------------


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def question(knowledge: Knowledge, key: str) -> Question:
    return next(q for q in build_questions(lambda: knowledge) if q.key == key)


def test_typed_text_with_a_suggestion_to_accept(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text("Programme Office Ana" + ENTER)
    answer = TerminalAsker(no_color=True).ask(question(knowledge, "title"), 1, 7, None)
    assert answer == "Programme Office Ana"


def test_an_empty_optional_text_is_none(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "title"), 1, 7, None) is None


def test_a_wrong_number_is_asked_again(knowledge: Knowledge, keys: PipeInput) -> None:
    # "abc" fails the check and stays on screen; it is rubbed out and 2.5 typed instead.
    keys.send_text("abc" + ENTER + BACKSPACE * 3 + "2.5" + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "years"), 2, 7, None) == 2.5


def test_a_number_out_of_range_is_asked_again(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text("61" + ENTER + BACKSPACE * 2 + "60" + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "years"), 2, 7, None) == 60.0


def test_team_size_starts_at_its_default(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "team_size"), 6, 7, 0) == 0


def test_select_with_arrow_keys(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(DOWN + DOWN + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "scope"), 3, 7, None) == "portfolio"


def test_select_starts_at_the_current_answer(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(UP + ENTER)
    assert (
        TerminalAsker(no_color=True).ask(question(knowledge, "scope"), 1, 1, "enterprise")
        == "portfolio"
    )


def test_multi_choice_with_space_and_arrows(knowledge: Knowledge, keys: PipeInput) -> None:
    # Alphabetical: "Administer PPM tools..." then "Analyse delivery data..."
    keys.send_text(SPACE + DOWN + SPACE + ENTER)
    answer = TerminalAsker(no_color=True).ask(question(knowledge, "activities"), 4, 7, [])
    assert answer == ["manage-tools-data", "analyse-performance"]


def test_at_least_one_activity_is_required(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(ENTER + DOWN + SPACE + ENTER)
    answer = TerminalAsker(no_color=True).ask(question(knowledge, "activities"), 4, 7, [])
    assert answer == ["analyse-performance"]


def test_pre_ticked_choices_can_be_unticked(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(SPACE + ENTER)
    answer = TerminalAsker(no_color=True).ask(
        question(knowledge, "focus"), 5, 7, ["reporting", "risk"]
    )
    assert answer == ["risk"]


def test_review_and_pick(keys: PipeInput) -> None:
    asker = TerminalAsker(no_color=True)
    rows: list[Row] = [("Job title", ("Planner",)), ("Years of experience", ("4",))]
    keys.send_text(DOWN + ENTER)
    assert asker.review(rows) == CHANGE
    keys.send_text(DOWN + ENTER)
    assert asker.pick(rows) == 1
    keys.send_text(DOWN + DOWN + ENTER)
    assert asker.review(rows) == RESTART


def test_ctrl_c_at_a_question_interrupts(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        TerminalAsker(no_color=True).ask(question(knowledge, "scope"), 3, 7, None)


def test_changing_activities_offers_their_focus_areas_again(knowledge: Knowledge) -> None:
    script = {
        **FULL,
        "activities": Changes([["plan-schedule"], ["run-raid"]]),
        "focus": Changes([["planning"], ["planning", "risk"]]),
    }
    asker = ScriptedAsker(script, [CHANGE, RESULT], ["What you do"])
    result = interview(lambda: knowledge, {}, asker)
    focus_asks = [d for key, _, _, d in asker.asked if key == "focus"]
    assert focus_asks[-1] == ["planning", "risk"]  # the old answer kept, the new area added
    assert result["focus"] == ["planning", "risk"]


def test_going_back_from_which_answer_changes_nothing(knowledge: Knowledge) -> None:
    class BackAsker(ScriptedAsker):
        def pick(self, rows: Sequence[Row]) -> int:
            return -1

    asker = BackAsker(FULL, [CHANGE, RESULT])
    assert interview(lambda: knowledge, {}, asker)["years"] == 4.0
    assert len(asker.reviewed) == 2


def test_ctrl_d_cancels_a_choice_question(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text("\x04")
    with pytest.raises(EOFError):
        TerminalAsker(no_color=True).ask(question(knowledge, "activities"), 4, 7, [])


def test_a_comma_for_decimals_gets_a_hint(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text("4,5" + ENTER + BACKSPACE * 3 + "4.5" + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "years"), 2, 7, None) == 4.5


def test_title_suggestions_include_delivery_roles(knowledge: Knowledge) -> None:
    question = next(q for q in build_questions(lambda: knowledge) if q.key == "title")
    assert {"Programme Manager", "Scrum Master", "PMO Analyst", "Planning Manager"} <= set(
        question.suggestions
    )


def test_last_answers_open_at_the_review_with_skipped_answers_left_empty(
    knowledge: Knowledge,
) -> None:
    # Kept answers leave out what was skipped (title, delivery, courses): replaying them
    # asks nothing again and goes straight to the review.
    kept = {"years": 4, "scope": "programme", "activities": ["plan-schedule"], "team_size": 0}
    asker = ScriptedAsker(FULL, [RESULT])
    result = interview(lambda: knowledge, kept, asker, replay=True)
    assert asker.asked == []
    review = dict(asker.reviewed[0])
    assert review["Job title"] == ("(not given)",)
    assert result == kept


def test_starting_again_from_last_answers_asks_every_question(knowledge: Knowledge) -> None:
    kept = {"years": 4, "scope": "programme", "activities": ["plan-schedule"], "team_size": 0}
    asker = ScriptedAsker(FULL, [RESTART, RESULT])
    interview(lambda: knowledge, kept, asker, replay=True)
    assert [key for key, *_ in asker.asked] == list(ANSWER_KEYS)
    assert asker.asked[0][1:3] == (1, len(ANSWER_KEYS))


def test_last_answers_missing_a_required_one_ask_for_it_first(knowledge: Knowledge) -> None:
    # A kept file edited by hand, or written by an older version, may lack years.
    kept = {"scope": "programme", "activities": ["plan-schedule"]}
    asker = ScriptedAsker(FULL, [RESULT])
    result = interview(lambda: knowledge, kept, asker, replay=True)
    assert [key for key, *_ in asker.asked] == ["years"]
    assert result["years"] == FULL["years"]


def test_starting_again_keeps_the_answers_set_this_time(knowledge: Knowledge) -> None:
    kept = {"years": 4, "scope": "project", "activities": ["plan-schedule"], "team_size": 0}
    asker = ScriptedAsker(FULL, [RESTART, RESULT])
    result = interview(
        lambda: knowledge,
        {**kept, "scope": "portfolio"},
        asker,
        replay=True,
        fixed={"scope": "portfolio"},
    )
    assert "scope" not in [key for key, *_ in asker.asked]
    assert result["scope"] == "portfolio"


# --- where you work ----------------------------------------------------------------------


def test_the_market_is_asked_last_and_optional_with_every_market(knowledge: Knowledge) -> None:
    market = build_questions(lambda: knowledge)[-1]
    assert market.key == "market" and not market.required and market.kind == "select"
    assert market.prompt == "Where do you work?"
    assert "qualification schemes are recommended first" in market.help
    assert [o.value for o in market.options] == list(knowledge.market_ids)
    assert market.options[0].label == "United Kingdom"


def test_enter_skips_the_market_when_none_is_chosen_yet(
    knowledge: Knowledge, keys: PipeInput
) -> None:
    keys.send_text(ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "market"), 9, 9, None) is None


def test_the_market_is_chosen_with_the_arrow_keys(knowledge: Knowledge, keys: PipeInput) -> None:
    # The pointer starts on Skip, the last choice; down from it wraps to the first market.
    keys.send_text(DOWN + DOWN + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "market"), 9, 9, None) == "us"


def test_a_chosen_market_can_be_skipped_again(knowledge: Knowledge, keys: PipeInput) -> None:
    # From "other", the last market, one down is Skip.
    keys.send_text(DOWN + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "market"), 0, 0, "other") is None


def test_the_review_shows_the_market_or_that_none_was_given(knowledge: Knowledge) -> None:
    asker = ScriptedAsker({**FULL, "market": Changes([None, "india"])}, [CHANGE, RESULT])
    asker.picks = ["Where you work"]
    result = interview(lambda: knowledge, {}, asker)
    assert dict(asker.reviewed[0])["Where you work"] == ("(not given)",)
    assert dict(asker.reviewed[1])["Where you work"] == ("India",)
    assert result["market"] == "india"


def test_a_skipped_market_is_left_out(knowledge: Knowledge) -> None:
    result = interview(lambda: knowledge, {}, ScriptedAsker({**FULL, "market": None}, [RESULT]))
    assert "market" not in result


def test_a_configured_market_is_offered_first_without_counting_as_an_answer(
    knowledge: Knowledge,
) -> None:
    asker = ScriptedAsker({**FULL, "market": None}, [RESULT])
    result = interview(lambda: knowledge, {}, asker, defaults={"market": "us"})
    assert [d for key, _, _, d in asker.asked if key == "market"] == ["us"]
    assert "market" not in result  # skipped: the setting still applies, unsaved
    given = ScriptedAsker(FULL, [RESULT])
    interview(lambda: knowledge, {"market": "india"}, given, defaults={"market": "us"})
    assert "market" not in [key for key, *_ in given.asked]


def test_kept_answers_keep_their_market_and_do_not_ask_it_again(knowledge: Knowledge) -> None:
    kept = {"years": 4, "scope": "programme", "activities": ["plan-schedule"], "market": "uk"}
    asker = ScriptedAsker(FULL, [RESULT])
    result = interview(lambda: knowledge, kept, asker, replay=True)
    assert asker.asked == []
    assert dict(asker.reviewed[0])["Where you work"] == ("United Kingdom",)
    assert result["market"] == "uk"


# --- going back, typing over, suggestions and filtering ---------------------------------


class GoingBack(ScriptedAsker):
    """Answers from a script, but asks to go back the first time it reaches ``at``."""

    def __init__(self, answers: dict[str, Any], reviews: Sequence[str], at: str) -> None:
        super().__init__(answers, reviews)
        self.at: str | None = at

    def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
        if question.key == self.at:
            self.at = None
            self.asked.append((question.key, position, total, "back"))
            raise GoBack
        return super().ask(question, position, total, default)


def test_going_back_asks_the_previous_question_again_with_its_answer(
    knowledge: Knowledge,
) -> None:
    asker = GoingBack(FULL, [RESULT], at="scope")
    result = interview(lambda: knowledge, {}, asker)
    keys = [key for key, *_ in asker.asked]
    assert keys[:5] == ["title", "years", "scope", "years", "scope"]
    assert asker.asked[3] == ("years", 2, len(ANSWER_KEYS), FULL["years"])  # kept
    assert result["scope"] == FULL["scope"]


def test_going_back_at_the_first_question_asks_it_again(knowledge: Knowledge) -> None:
    asker = GoingBack(FULL, [RESULT], at="title")
    interview(lambda: knowledge, {}, asker)
    assert [key for key, *_ in asker.asked][:3] == ["title", "title", "years"]


def test_going_back_while_changing_an_answer_returns_to_the_review(knowledge: Knowledge) -> None:
    asker = GoingBack(FULL, [CHANGE, RESULT], at="years")
    asker.picks = ["Years of experience"]
    result = interview(lambda: knowledge, {**FULL, "years": 7}, asker)  # nothing left to ask
    assert [key for key, *_ in asker.asked] == ["years"]  # and from it, back
    assert len(asker.reviewed) == 2
    assert result["years"] == 7  # as it was


def test_a_wrong_entry_is_cleared_before_the_question_is_asked_again(
    knowledge: Knowledge, keys: PipeInput
) -> None:
    keys.send_text("six" + ENTER + "3" + ENTER)  # no rubbing out needed
    assert TerminalAsker(no_color=True).ask(question(knowledge, "years"), 2, 7, None) == 3


def test_typing_replaces_the_answer_offered_rather_than_adding_to_it(
    knowledge: Knowledge, keys: PipeInput
) -> None:
    keys.send_text("1" + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "team_size"), 6, 7, 0) == 1
    keys.send_text("7" + ENTER)
    assert TerminalAsker(no_color=True).ask(question(knowledge, "years"), 0, 0, 5) == 7


def test_escape_at_a_list_goes_back(knowledge: Knowledge, keys: PipeInput) -> None:
    keys.send_text(DOWN + ESCAPE)
    keys.flush()
    with pytest.raises(GoBack):
        TerminalAsker(no_color=True).ask(question(knowledge, "activities"), 4, 7, [])


def test_courses_are_filtered_by_typing_an_alias_or_provider(
    knowledge: Knowledge, keys: PipeInput
) -> None:
    held = next(c for c in knowledge.courses if "PL-300" in c.aliases)
    keys.send_text("pl-300" + SPACE + ENTER)
    asked = question(knowledge, "qualifications")
    assert TerminalAsker(no_color=True).ask(asked, 8, 9, []) == [held.id]
    items = [
        Item(o.value, o.label, None, t) for o, t in zip(asked.options, asked.search, strict=True)
    ]
    by_provider = ChoiceList(items, multi=True, filter="PeopleCert").shown
    assert by_provider
    assert {knowledge.course(i.value).provider for i in by_provider} >= {"PeopleCert"}
    assert all(
        "peoplecert" in " ".join([c.provider, c.awarding_body or "", c.owner or ""]).casefold()
        for c in (knowledge.course(i.value) for i in by_provider)
    )
    assert not ChoiceList(items, multi=True, filter="no such course").shown


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Senior PMO An", "Senior PMO Analyst"),  # a seniority word before a known title
        ("pmo an", "PMO Analyst"),  # each word's start, in any case
        ("Porfolio Ofice Lead", "Portfolio Office Lead"),  # near spellings
        ("Seinor PMO Analyst", "Senior PMO Analyst"),
    ],
)
def test_titles_are_suggested_from_any_words_start_and_near_spellings(
    knowledge: Knowledge, typed: str, first: str
) -> None:
    asked = question(knowledge, "title")
    assert matching(typed, asked.suggestions, asked.prefixes)[0] == first


def test_a_seniority_word_is_never_put_before_a_title_that_has_one(
    knowledge: Knowledge,
) -> None:
    asked = question(knowledge, "title")
    found = matching("Senior PMO An", asked.suggestions, asked.prefixes)
    assert "Senior PMO Analyst" in found
    prefixes = set(asked.prefixes)
    for title in found:
        words = title.casefold().split()
        if words[0] == "senior" and title not in asked.suggestions:
            assert not set(words[1:]) & prefixes, title


def test_title_suggestions_need_every_typed_word(knowledge: Knowledge) -> None:
    asked = question(knowledge, "title")
    found = matching("analyst", asked.suggestions, asked.prefixes)
    assert "PMO Analyst" in found
    assert all("analyst" in title.casefold() for title in found)
    assert matching("xyzzy", asked.suggestions, asked.prefixes) == []
    assert matching("", asked.suggestions, asked.prefixes) == []


def test_the_list_marks_the_pointer_where_prompt_toolkit_scrolls_to(
    knowledge: Knowledge,
) -> None:
    # The list window scrolls to the pointer through prompt_toolkit's "[SetCursorPosition]"
    # marker in formatted text (as its own RadioList does); this fails if that changes.
    from prompt_toolkit.layout.controls import FormattedTextControl

    from pmo_advisor.questionnaire.choices import _list_tokens

    items = [Item(o.value, o.label) for o in question(knowledge, "activities").options]
    state = ChoiceList(items, multi=True, pointer=len(items) - 1)
    content = FormattedTextControl(lambda: _list_tokens(state)).create_content(80, 24)
    assert content.cursor_position is not None
    line = "".join(text for _, text, *_ in content.get_line(content.cursor_position.y))
    assert line.startswith("» ○ " + items[-1].label[:20])


def test_the_first_question_is_asked_before_the_knowledge_base_is_loaded(
    knowledge: Knowledge, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The interview calls the function that returns the knowledge base only once
    # something needs it: the job title question shows without it, and reads its
    # suggestions (prepare, once drawn) from the knowledge base then. The knowledge base
    # is loaded once, however many questions read it.
    import pmo_advisor.knowledge as knowledge_module

    loads: list[object] = []
    real_load = knowledge_module._load

    def counted_load(directory: Any) -> Knowledge:
        loads.append(directory)
        return real_load(directory)

    monkeypatch.setattr(knowledge_module, "_load", counted_load)

    def load() -> Knowledge:
        return knowledge_module.load_knowledge(data_copy)

    class Watching(ScriptedAsker):
        def ask(self, question: Question, position: int, total: int, default: Any) -> Any:
            if question.key == "title":
                assert loads == [] and question.suggests
                prepare(question)
                assert len(loads) == 1 and "PMO Analyst" in question.suggestions
                assert question.prefixes
            return super().ask(question, position, total, default)

    asker = Watching(dict(FULL), [RESULT])
    shipped = interview(lambda: knowledge, {}, ScriptedAsker(FULL, [RESULT]))
    assert interview(load, {}, asker) == shipped
    assert len(loads) == 1  # loaded once, however many questions read it
    lazy = {q.key: q for q in build_questions(load)}
    eager = {q.key: q for q in build_questions(lambda: knowledge)}
    for key, question in eager.items():
        assert lazy[key].options == question.options
        assert lazy[key].suggestions == question.suggestions
        assert lazy[key].search == question.search


def test_what_a_question_offers_is_made_once_and_acts_as_the_tuple_it_makes() -> None:
    made: list[int] = []

    def make() -> list[str]:
        made.append(1)
        return ["a", "b"]

    offered = OnFirstUse(make)
    assert made == []
    assert offered == ("a", "b") and hash(offered) == hash(("a", "b"))
    assert len(offered) == 2 and list(offered) == ["a", "b"] and offered[-1] == "b"
    assert offered and made == [1]
    assert not OnFirstUse(list) and OnFirstUse(list) == ()


@pytest.mark.parametrize(("key", "cancel"), [("title", "\x03"), ("scope", "\x03")])
def test_ctrl_c_typed_with_the_answer_cancels_at_the_next_question(
    knowledge: Knowledge, keys: PipeInput, key: str, cancel: str
) -> None:
    # Typed ahead together, Enter answers the question and Ctrl-C waits for the next.
    keys.send_text(ENTER + cancel)
    asker = TerminalAsker(no_color=True)
    asker.ask(question(knowledge, key), 1, 7, None)
    with pytest.raises(KeyboardInterrupt):
        asker.ask(question(knowledge, "years"), 2, 7, None)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_as_a_question_closes_is_not_lost(
    knowledge: Knowledge, keys: PipeInput, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    """Ctrl-C between two questions reaches the program as SIGINT (the terminal is no
    longer raw); one that arrives as a question closes, after its answer, must still
    cancel rather than be lost with the question's loop."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # as Python does for SIGINT, and the entry point for SIGTERM

    previous = {each: signal.signal(each, interrupt) for each in (signal.SIGINT, signal.SIGTERM)}
    exit_question = Application.exit

    def exit_then_signal(self: Application[Any], **kwargs: Any) -> None:
        exit_question(self, **kwargs)
        os.kill(os.getpid(), signum)  # the answer is given: the question is closing

    monkeypatch.setattr(Application, "exit", exit_then_signal)
    keys.send_text(ENTER)
    try:
        with pytest.raises(KeyboardInterrupt):
            TerminalAsker(no_color=True).ask(question(knowledge, "title"), 1, 7, None)
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
