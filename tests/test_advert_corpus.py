"""The advert corpus is sound: the spec of the advert reader checks itself.

`tests/data/adverts/` holds job adverts as people paste or save them, with what a
recruiter reads from each (`expected.yaml`) and, for some, a person and the fit a careers
adviser gives (`fits.yaml`). These tests need no advert reader: they check that every
advert exists, that every quote is really in its advert, that every id is one the
knowledge base knows, and that the corpus is as big and as varied as the reader's issue
asks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pmo_advisor.answers.model import Answers
from pmo_advisor.knowledge import Knowledge, default_data_dir
from tests.conftest import read_yaml

CORPUS = Path(__file__).parent / "data" / "adverts"
EXPECTED: list[dict[str, Any]] = read_yaml(CORPUS / "expected.yaml")
FITS: list[dict[str, Any]] = read_yaml(CORPUS / "fits.yaml")
BY_FILE = {entry["file"]: entry for entry in EXPECTED}

ENTRY_KEYS = {"file", "title", "pmo_job", "delivery_role", "levels", "title_levels", "market"}
ENTRY_KEYS |= {"demands", "why", "unread"}
DEMAND_KINDS = {"years", "team_size", "scope", "activity", "qualification", "delivery"}
FIT_OVERALL = {"good fit", "a stretch", "a step back", "not a fit"}
FIT_DEMAND = {"met", "partly", "not met"}
ANSWER_KEYS = {"years", "scope", "activities", "delivery", "focus", "team_size", "title"}
ANSWER_KEYS |= {"qualifications", "market"}


def _data(name: str) -> Any:
    return read_yaml(Path(str(default_data_dir() / name)))


ACTIVITY_IDS = {item["id"] for item in _data("activities.yaml")["activities"]}
COURSE_IDS = {item["id"] for item in _data("courses.yaml")["courses"]}
SCOPE_IDS = {item["id"] for item in _data("scopes.yaml")["scopes"]}
DELIVERY_IDS = {item["id"] for item in _data("delivery.yaml")["backgrounds"]}
MARKET_IDS = {item["id"] for item in _data("markets.yaml")["markets"]}
DELIVERY_ROLES = {item["name"].lower() for item in _data("titles.yaml")["delivery_roles"]}


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def test_every_advert_has_one_entry_and_every_entry_one_advert() -> None:
    names = [entry["file"] for entry in EXPECTED]
    assert len(names) == len(set(names)), "an advert is described twice"
    on_disk = {path.name for path in CORPUS.iterdir() if path.suffix in {".md", ".txt", ".html"}}
    assert on_disk == set(names)


def test_the_corpus_is_as_big_and_varied_as_the_issue_asks() -> None:
    assert len(EXPECTED) >= 60
    assert len(FITS) >= 20
    suffixes = Counter(Path(entry["file"]).suffix for entry in EXPECTED)
    assert suffixes[".html"] >= 3 and suffixes[".txt"] >= 3 and suffixes[".md"] >= 3
    pmo = [entry for entry in EXPECTED if entry["pmo_job"]]
    assert {level for entry in pmo for level in entry["levels"]} == {1, 2, 3, 4}
    contradicting = [
        entry for entry in pmo if not set(entry["levels"]) & set(entry["title_levels"])
    ]
    assert len(contradicting) >= 8, "the issue's point: text that contradicts the title"
    assert sum(1 for entry in EXPECTED if entry["delivery_role"]) >= 4
    others = [entry for entry in EXPECTED if not entry["pmo_job"] and not entry["delivery_role"]]
    assert len(others) >= 4, "look-alikes from other professions"
    markets = {entry["market"] for entry in EXPECTED}
    assert {"uk", "us", "india", "australia-nz", "europe", "other"} <= markets


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda entry: entry["file"])
def test_an_entry_says_what_a_recruiter_reads(entry: dict[str, Any]) -> None:
    assert set(entry) <= ENTRY_KEYS and ENTRY_KEYS - {"unread"} <= set(entry)
    text = _text(entry["file"])
    assert entry["title"] and isinstance(entry["title"], str)
    assert entry["why"].strip()
    assert entry["market"] is None or entry["market"] in MARKET_IDS
    assert all(level in {1, 2, 3, 4} for level in entry["levels"] + entry["title_levels"])
    if entry["pmo_job"]:
        assert entry["levels"], "a PMO job has a level"
        assert entry["delivery_role"] is None
    else:
        assert entry["levels"] == [], "only a PMO job has a PMO level"
    if entry["delivery_role"] is not None:
        assert entry["delivery_role"].lower() in DELIVERY_ROLES
    for quote in entry.get("unread", []):
        assert quote in text, f"unread quote not in the advert: {quote!r}"


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda entry: entry["file"])
def test_every_demand_is_quoted_exactly_and_named_by_a_known_id(entry: dict[str, Any]) -> None:
    text = _text(entry["file"])
    for demand in entry["demands"]:
        assert set(demand) <= {"kind", "value", "quote", "desirable"}, demand
        kind, value = demand["kind"], demand["value"]
        assert kind in DEMAND_KINDS, demand
        assert demand["quote"] in text, f"quote not in the advert: {demand['quote']!r}"
        # Quotes are the advert's words, not its markup, so a reader finds them in the
        # text it extracts from Markdown or HTML.
        assert not set(demand["quote"]) & set("*#<>`"), demand["quote"]
        assert isinstance(demand.get("desirable", False), bool)
        if kind == "years":
            assert isinstance(value, int | float) and 0 < value <= 60
        elif kind == "team_size":
            assert isinstance(value, int) and value >= 1
        elif kind == "scope":
            assert value in SCOPE_IDS
        elif kind == "activity":
            assert value in ACTIVITY_IDS
        elif kind == "delivery":
            assert value in DELIVERY_IDS
        else:
            # One course, or a list of courses of which any one will do.
            courses = value if isinstance(value, list) else [value]
            assert courses and set(courses) <= COURSE_IDS, demand


def test_html_adverts_carry_page_chrome_the_reader_must_leave_out() -> None:
    pages = [entry["file"] for entry in EXPECTED if entry["file"].endswith(".html")]
    for name in pages:
        page = _text(name).lower()
        assert "<nav" in page and "<footer" in page and "<script" in page and "cookie" in page


@pytest.mark.parametrize("fit", FITS, ids=lambda fit: fit["advert"])
def test_a_fit_names_a_real_advert_a_valid_person_and_every_demand(
    fit: dict[str, Any], knowledge: Knowledge
) -> None:
    assert set(fit) == {"advert", "person", "overall", "reason", "demands"}
    advert = BY_FILE[fit["advert"]]
    person = fit["person"]
    assert set(person) <= ANSWER_KEYS
    Answers.from_mapping(person, knowledge)  # raises when the person is not valid answers
    assert fit["overall"] in FIT_OVERALL
    assert fit["reason"].strip()
    assert set(fit["demands"]) == set(range(len(advert["demands"])))
    assert set(fit["demands"].values()) <= FIT_DEMAND


def test_fits_cover_every_verdict() -> None:
    assert {fit["overall"] for fit in FITS} == FIT_OVERALL
