"""JSON lines (``titles --from FILE --format json``) are written straight from the
lookups, not through the plain data: every line must be the very text that
``dumps(data(lookup), indent=None)`` gives, whatever the title holds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor.advisor import Advisor
from pmo_advisor.knowledge import Knowledge
from pmo_advisor.listings import TitleLookup, TitleLookups
from pmo_advisor.render.json import data, dumps, json_lines, to_json
from pmo_advisor.titles import THRESHOLD
from tests.conftest import read_yaml

TABLE: dict[str, Any] = read_yaml(Path(__file__).parents[1] / "data" / "advert_titles.yaml")
TITLES = [a["title"] for a in TABLE["adverts"] + TABLE["delivery"]] + TABLE["not_pmo"]
HOSTILE = [
    'PMO "Analyst" \\ back',
    "PMO Analyst\x1b[31m - London",
    "PMO\x7f Analyst - DEL, ASCII but unsafe",
    "Programme Administrator \x85 - Lond\u00f3n",
    "PMO \u202eAnalyst\u202c (Contract)",
    "Head of PMO\u2028Leeds",
    "PMO Analyst \udce9 - a byte that was not UTF-8",
    "PMO Analyst \udcc3\udca9 - two bytes that were",
    "PMO Analyst \ud800 - a lone surrogate",
    "\u00c9quipe PMO \u2013 Analyste | Z\u00fcrich",
    "\U0001f642 Senior PMO Analyst [Hybrid] {ref 12}",
    "x" * 400,
]


def _one_by_one(lookups: list[TitleLookup]) -> str:
    return "".join(dumps(data(lookup), indent=None) for lookup in lookups)


@pytest.fixture(scope="module")
def advisor(knowledge: Knowledge) -> Advisor:
    return Advisor(knowledge)


@pytest.mark.parametrize("level", [None, 1, 2, 4])
def test_json_lines_are_the_text_of_each_lookup(advisor: Advisor, level: int | None) -> None:
    lookups = [advisor.lookup_title(title, level=level) for title in TITLES + HOSTILE]
    lookups.append(TitleLookup("Not UTF-8 \ufffd", (), error="not UTF-8 text (at byte 3)"))
    lookups = [replace(lookup, threshold=THRESHOLD) for lookup in lookups]
    # Twice over: the second time, the records they share are written from memory.
    assert json_lines(lookups) == _one_by_one(lookups)
    assert json_lines(lookups) == _one_by_one(lookups)
    batch = TitleLookups(tuple(lookups), batch=True, threshold=THRESHOLD)
    assert to_json(batch) == _one_by_one(lookups)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=5))
def test_json_lines_match_for_any_title(titles: list[str]) -> None:
    from pmo_advisor.knowledge import load_knowledge

    advisor = Advisor(load_knowledge())
    lookups = [advisor.lookup_title(title) for title in titles]
    assert json_lines(lookups) == _one_by_one(lookups)
