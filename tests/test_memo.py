"""The one memo of values worked out per object, remembered by identity."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import ACTIVITY, TAKE_ON
from pmo_advisor.memo import IdentityMemo
from pmo_advisor.render import json as json_render


@dataclass(frozen=True)
class Record:
    name: str


def test_a_value_is_made_once_per_object_and_key() -> None:
    memo: IdentityMemo[str] = IdentityMemo(8)
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text

    ann, equal_ann = Record("Ann"), Record("Ann")
    assert memo.get(ann, lambda: make("first")) == "first"
    assert memo.get(ann, lambda: make("again")) == "first"
    # Equal is not the same: another object is remembered apart.
    assert memo.get(equal_ann, lambda: make("equal")) == "equal"
    assert memo.get(ann, lambda: make("other key"), "other") == "other key"
    assert made == ["first", "equal", "other key"]


def test_the_least_recently_used_value_is_forgotten_past_the_size() -> None:
    memo: IdentityMemo[int] = IdentityMemo(2)
    first, second, third = Record("a"), Record("b"), Record("c")
    memo.get(first, lambda: 1)
    memo.get(second, lambda: 2)
    memo.get(first, lambda: -1)  # used again: now the most recent
    memo.get(third, lambda: 3)  # second is forgotten
    assert memo.get(first, lambda: -1) == 1
    assert memo.get(second, lambda: 20) == 20


def test_a_record_written_in_two_briefs_is_written_in_each(knowledge: Knowledge) -> None:
    """An activity is shown whole in a listing and as id and words in a roadmap: the
    text remembered for one brief is never given for the other."""
    activity = knowledge.activities[0]
    whole = json.loads(json_render._text(activity, None, ACTIVITY))
    brief = json.loads(json_render._text(activity, None, TAKE_ON))
    assert set(whole) == {"id", "level", "focus", "track", "does"}
    assert brief == {"id": activity.id, "does": activity.does}
    assert json.loads(json_render._text(activity, None, ACTIVITY)) == whole


def test_made_once_a_value_is_made_by_one_thread_while_the_others_wait() -> None:
    memo: IdentityMemo[str] = IdentityMemo(4, once=True)
    owner = Record("reader")
    made: list[str] = []
    got: list[str] = []

    def other_thread() -> None:
        got.append(memo.get(owner, lambda: make("second")))

    def make(name: str) -> str:
        made.append(name)
        if name == "first":
            # Another thread asks while this one is making the value: it waits for it.
            waiting = threading.Thread(target=other_thread)
            waiting.start()
            waiting.join(0.2)
            threads.append(waiting)
        return name

    threads: list[threading.Thread] = []
    assert memo.get(owner, lambda: make("first")) == "first"
    for thread in threads:
        thread.join()
    assert made == ["first"]
    assert got == ["first"]


def test_made_once_a_value_may_be_made_of_others_from_the_same_memo() -> None:
    memo: IdentityMemo[str] = IdentityMemo(4, once=True)
    inner, outer = Record("inner"), Record("outer")
    value = memo.get(outer, lambda: "outer of " + memo.get(inner, lambda: "inner"))
    assert value == "outer of inner"
    assert memo.get(inner, lambda: "again") == "inner"
