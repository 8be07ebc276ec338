"""Reading whole job adverts: their level by the placement rules, their evidence quoted,
title against text, the fit with a person, every format, bad input, and properties."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_advisor import Advisor
from pmo_advisor.adverts.fit import weigh
from pmo_advisor.adverts.model import AdvertReading, Demand
from pmo_advisor.adverts.source import MAX_ADVERT_BYTES
from pmo_advisor.schemas import SCHEMAS
from tests.conftest import Run, read_yaml

Runner = Callable[..., Run]

PMO_MANAGER = """\
# PMO Manager

**Location:** London (hybrid, 2 days a week in the office)
**Salary:** £62,000 - £68,000 plus bonus

## About us
We are a leading UK insurer with 4,000 people and 150 years of history.

## The role
You will run the PMO for our change portfolio, line-managing a team of three PMO
analysts. You will set the governance framework and standards that project managers
follow, and own the PMO budget.

## About you
- 5+ years' experience in a PMO, at least two of them leading people
- Experience of setting up or maturing a PMO
- P3O Practitioner or Essentials for PMO Managers (or equivalent) desirable
- Proven experience with board-level stakeholders

## Benefits
- 28 days holiday plus bank holidays

We are an equal opportunities employer and welcome applications from all backgrounds.
"""

CONTROLS_NO_TEAM = """\
# Project Controls Manager

Sydney, NSW. AUD 140k + super.

This is an individual contributor role with no direct reports. You will build cost plans
by hand in Excel, maintain forecasts and actuals for a single project, and keep the risk
register.

## Experience
- 3+ years in project controls on construction projects
"""

OFFICER_WHO_DIRECTS = """\
Project Management Officer

Singapore. SGD 9,000 per month.

We are looking for a senior leader with 15 years of experience to set up an enterprise
PMO and build the delivery capability across the organisation. You will manage PMO
managers in three business units and own portfolio strategy.
"""

ADMINISTRATOR = """\
Project Administrator

Leeds, £24,000.

You will keep project files and the RAID log up to date, take minutes at project
boards and chase actions, and compile the weekly status reports.
At least 1 year of experience in an office role.
"""

DELIVERY_ROLE = """\
# Project Manager - Digital

New York, NY. USD 120,000.

You will manage projects end to end and deliver on time.
PMP certification required. 5 years of project management experience.
"""

BASES = {
    "pmo_manager.md": PMO_MANAGER,
    "controls.md": CONTROLS_NO_TEAM,
    "officer.txt": OFFICER_WHO_DIRECTS,
    "administrator.txt": ADMINISTRATOR,
}


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


def _read(advisor: Advisor, text: str, name: str = "advert.md", **kwargs: object) -> AdvertReading:
    return advisor.advert(text, name=name, **kwargs)  # type: ignore[arg-type]


def _kinds(reading: AdvertReading) -> set[tuple[str, object]]:
    return {(d.kind, d.value) for d in reading.evidence}


def test_a_pmo_manager_advert_is_read_whole(advisor: Advisor) -> None:
    reading = _read(advisor, PMO_MANAGER)
    assert reading.title == "PMO Manager"
    assert reading.pmo_job and reading.level is not None and reading.level.number == 3
    assert reading.title_against_text.believe == "both"
    assert {
        ("team_size", 3),
        ("years", 5),
        ("activity", "run-pmo"),
        ("activity", "set-standards"),
        ("activity", "design-pmo"),
        ("qualification", "p3o-practitioner"),
        ("scope", "portfolio"),
    } <= _kinds(reading)
    years = next(d for d in reading.evidence if d.kind == "years")
    assert years.quote == "5+ years' experience in a PMO, at least two of them leading people"
    p3o = next(d for d in reading.evidence if d.value == "p3o-practitioner")
    assert not p3o.required and p3o.any_of == ("essentials-pmo-managers",)
    parts = {s.part for s in reading.ignored}
    assert {"company", "benefits", "equal-opportunities", "location"} <= parts
    # The company's 150 years and 4,000 people are not demands.
    assert all("insurer" not in d.quote for d in reading.evidence)
    assert [u.quote for u in reading.unread] == ["Proven experience with board-level stakeholders"]
    assert reading.market == "uk" and "£" in (reading.market_note or "")


def test_the_text_is_believed_over_a_title_it_contradicts(advisor: Advisor) -> None:
    controls = _read(advisor, CONTROLS_NO_TEAM)
    assert controls.title_levels == (3,)
    assert controls.level is not None and controls.level.number == 2
    assert controls.title_against_text.believe == "text"
    assert ("team_size", 0) in _kinds(controls)
    officer = _read(advisor, OFFICER_WHO_DIRECTS, name="officer.txt")
    assert officer.title == "Project Management Officer"
    assert officer.level is not None and officer.level.number == 4
    assert officer.title_against_text.believe == "text"
    assert officer.market == "other"


def test_a_delivery_role_is_no_pmo_job(advisor: Advisor) -> None:
    reading = _read(advisor, DELIVERY_ROLE)
    assert not reading.pmo_job and reading.level is None
    assert reading.delivery_role is not None and "delivery role" in reading.pmo_job_why
    assert ("qualification", "pmi-pmp") in _kinds(reading)
    assert reading.market == "us"


def test_a_text_that_names_no_work_leaves_the_title_to_decide(advisor: Advisor) -> None:
    reading = _read(advisor, "PMO Analyst\n\nA great opportunity in a friendly team.\n")
    assert reading.level is not None and reading.level.number == 2
    assert reading.title_against_text.believe == "title"
    assert reading.title_against_text.text_level is None


def test_silence_on_years_is_no_evidence_against_a_level(advisor: Advisor) -> None:
    text = "PMO Manager\n\nYou will run the PMO and line-manage a team of four analysts.\n"
    reading = _read(advisor, text)
    assert reading.level is not None and reading.level.number == 3
    assert any("does not say how many years" in r for r in reading.reasons)


def test_a_fit_uses_the_persons_plan(advisor: Advisor) -> None:
    person = {
        "years": 4,
        "scope": "programme",
        "activities": ["analyse-performance", "run-raid"],
        "qualifications": ["p3o-foundation"],
        "team_size": 0,
    }
    reading = _read(advisor, PMO_MANAGER, answers=person)
    fit = reading.fit
    assert fit is not None and fit.person_level == 2
    assert fit.overall == "a stretch" and fit.summary.startswith("a stretch: one level up")
    verdicts = {(f.kind, f.value): f.verdict for f in fit.demands}
    assert verdicts[("years", 5)] == "partly"
    assert verdicts[("team_size", 3)] == "not met"
    assert verdicts[("qualification", "p3o-practitioner")] == "partly"
    assert verdicts[("scope", "portfolio")] == "partly"
    # The plan is the one assess gives, for the advert's market (the person names none).
    advice = advisor.assess(person, market="uk")
    assert fit.market == "uk" and advice.plan is not None
    planned = {a.text for step in advice.plan.steps for a in step.actions}
    gaps = [f for f in fit.demands if f.verdict != "met"]
    assert any(set(g.actions) & planned for g in gaps)
    for gap in gaps:
        assert gap.actions or gap.courses


def test_running_a_pmo_goes_part_of_the_way_to_its_services(advisor: Advisor) -> None:
    def verdict(activities: list[str], asked: str) -> str:
        advice = advisor.assess({"years": 8, "scope": "programme", "activities": activities})
        demand = Demand("activity", asked, "Maintain the Integrated Master Schedule", "")
        return weigh(demand, advice, advisor.knowledge).verdict

    manager = ["run-pmo", "manage-pmo-team", "set-standards"]
    assert verdict(manager, "plan-schedule") == "partly"
    assert verdict(manager, "run-raid") == "partly"
    # Overseeing an office's services is not doing another's specialism, nor its lead.
    assert verdict(["set-standards", "assurance-reviews"], "plan-schedule") == "not met"
    assert verdict(manager, "lead-specialism") == "not met"


def test_a_person_at_the_level_with_the_demands_is_a_good_fit(advisor: Advisor) -> None:
    person = {
        "years": 8,
        "scope": "portfolio",
        "activities": ["run-pmo", "manage-pmo-team", "set-standards", "design-pmo"],
        "team_size": 4,
        "qualifications": ["essentials-pmo-managers"],
    }
    fit = _read(advisor, PMO_MANAGER, answers=person).fit
    assert fit is not None and fit.overall == "good fit"
    verdicts = {f.value: f.verdict for f in fit.demands}
    assert verdicts["p3o-practitioner"] == "met"  # the advert accepts either


def test_a_saved_web_page_is_read_without_fetching_anything(
    advisor: Advisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an advert must never reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = """<html><head><title>PMO Manager | Jobs</title>
    <script src="https://example.com/x.js"></script><script>alert('x')</script>
    <link rel="stylesheet" href="https://example.com/s.css"></head><body>
    <nav><a href="/">Home</a><a href="/jobs">Jobs</a></nav>
    <main><h1>PMO Manager</h1>
    <p>You will run the PMO and line manage a team of three analysts.</p>
    <p>You will have 6 years' experience in a PMO.</p>
    <img src="https://example.com/tracker.png"><iframe src="https://example.com/"></iframe>
    </main><footer>Cookie policy</footer></body></html>"""
    reading = _read(advisor, page, name="saved.html")
    assert reading.title == "PMO Manager"
    assert reading.level is not None and reading.level.number == 3
    assert ("years", 6) in _kinds(reading)
    assert all("alert" not in d.quote and "Cookie" not in d.quote for d in reading.evidence)


def test_the_market_is_read_from_every_part_of_the_text(advisor: Advisor) -> None:
    # A place named only in the company's story, in prose that holds nothing else, or
    # in a heading still says where the job is.
    for text in (
        "PMO Analyst\n\n## About us\nWe are a leading bank with offices in Sydney.\n",
        "PMO Analyst\n\nA friendly team in Sydney.\n",
        "PMO Analyst\n\n## Working in Sydney\nA friendly team.\n",
    ):
        assert _read(advisor, text).market == "australia-nz", text
    # A currency sign is counted in every line too: the title, a heading, prose.
    for text in ("PMO Analyst (£)\n\nA friendly team.\n", "PMO Analyst\n\n## Pay in £\nGood.\n"):
        assert _read(advisor, text).market == "uk", text
    coded = _read(advisor, "PMO Analyst\n\nPay: 9 LPA, Mumbai or Pune.\n")
    assert coded.market == "india" and "lpa" in (coded.market_note or "")


#: A saved page with its demands in lists the page nests: an item's second list, a list
#: in a quote, a list and a table in a table's cell.
NESTED_PAGE = (
    "<html><head><title>Jobs</title></head><body><main><h1>PMO Manager</h1>"
    "<p>You will keep the RAID log for the programme office.</p>"
    "<ul><li>Your team<ul><li>Keep the action log</li></ul>"
    "<ul><li>Line manage a team of 5 analysts</li></ul></li></ul>"
    "<blockquote><p>We ask for</p><ul><li>5 years of PMO experience</li></ul></blockquote>"
    "<table><tr><td>Scope<ul><li>Manage a portfolio of 30 projects</li></ul></td>"
    "<td>Grade<table><tr><td>HEO</td><td>SEO</td></tr></table></td></tr></table>"
    "</main></body></html>"
)


def test_a_saved_pages_parts_are_its_lines() -> None:
    """trafilatura's extracted tree is read as it stands: this fails if its elements
    (head, p, lb, list and item, quote, table, row and cell) change. Every list and
    table is read, wherever the page nests it, each item and row a line of its own
    after the line it is in."""
    from pmo_advisor.adverts.source import advert_text

    page = (
        "<html><head><title>Jobs</title></head><body><main>"
        "<h1>PMO Analyst</h1><p>You will keep the RAID log and the action log<br>for the programme.</p>"
        "<h2>About you</h2><ul><li>3 years in a <b>PMO</b></li><li>PRINCE2"
        "<ul><li>P3O desirable</li></ul></li></ul><p><strong>Hours:</strong> 37.5 a week</p>"
        "<table><tr><th>Salary</th><th>Grade</th></tr><tr><td>£40,000</td><td>HEO</td></tr>"
        "</table></main></body></html>"
    )
    text = advert_text(page, "job.html")
    assert text.title == "PMO Analyst"
    assert [(line.text, line.heading) for line in text.lines] == [
        # A line broken inside a sentence is one line again, as a wrapped paragraph is.
        ("You will keep the RAID log and the action log for the programme.", False),
        ("About you", True),
        ("3 years in a PMO", False),
        ("PRINCE2", False),
        ("P3O desirable", False),
        ("Hours: 37.5 a week", False),
        ("Salary | Grade", False),
        ("£40,000 | HEO", False),
    ]
    assert [line.text for line in advert_text(NESTED_PAGE, "job.html").lines] == [
        "You will keep the RAID log for the programme office.",
        "Your team",
        "Keep the action log",
        "Line manage a team of 5 analysts",
        "We ask for",
        "5 years of PMO experience",
        "Scope | Grade",
        "Manage a portfolio of 30 projects",
        "HEO | SEO",
    ]


def test_a_saved_pages_demands_are_read_in_lists_at_any_depth(advisor: Advisor) -> None:
    from pmo_advisor.adverts.source import advert_text

    kinds = _kinds(_read(advisor, NESTED_PAGE, name="job.html"))
    assert {("team_size", 5), ("years", 5), ("scope", "portfolio")} <= kinds
    # However deep lists are nested, each item is a line.
    deep = "<li>Keep the RAID log<ul>" * 60 + "<li>Line manage 4 analysts</li>"
    deep += "</ul></li>" * 60
    page = f"<html><body><main><h1>PMO Manager</h1><ul>{deep}</ul></main></body></html>"
    lines = [line.text for line in advert_text(page, "deep.html").lines]
    assert lines == ["Keep the RAID log"] * 60 + ["Line manage 4 analysts"]


def test_a_saved_pages_table_cells_are_made_plain_text() -> None:
    from pmo_advisor.adverts.source import advert_text

    page = (
        "<html><body><main><h1>PMO Analyst</h1><table><tr><td>Keep the &#x202e;RAID"
        " log&#x202c; &lt;b&gt;daily&lt;/b&gt;</td><td>PRINCE2\u200b</td></tr></table>"
        "</main></body></html>"
    )
    lines = [line.text for line in advert_text(page, "cells.html").lines]
    assert lines == ["Keep the RAID log daily | PRINCE2"]


def test_markup_and_control_characters_are_never_echoed(run: Runner, tmp_path: Path) -> None:
    advert = tmp_path / "hostile.md"
    advert.write_text(
        "# PMO \x1b[31mManager\x1b]8;;http://x\x07\n\n"
        "You will <script>alert(1)</script> run the PMO \u202e and manage a team of 3.\n",
        encoding="utf-8",
    )
    result = run("advert", str(advert), "--format", "plain")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out and "\u202e" not in result.out
    assert "<script>" not in result.out
    as_json = run("advert", str(advert), "--format", "json").out
    assert "\\u001b" not in as_json and "<script>" not in as_json


@pytest.mark.parametrize("fmt", ["rich", "plain", "markdown", "json", "csv"])
def test_every_format(run: Runner, tmp_path: Path, fmt: str) -> None:
    advert = tmp_path / "pmo.md"
    advert.write_text(PMO_MANAGER, encoding="utf-8")
    result = run("advert", str(advert), "--format", fmt, "--set", "years=4", "--set",
                 "scope=programme", "--set", "activities=analyse-performance")  # fmt: skip
    assert result.code == 0, result.err
    if fmt == "json":
        data = json.loads(result.out)
        jsonschema.validate(data, SCHEMAS["advert"]())
        assert data["kind"] == "advert" and data["schema_version"] == 1
        assert data["level"]["number"] == 3 and data["pmo_job"] is True
        assert data["fit"]["overall"] == "a stretch"
        assert all("quote" in item for item in data["evidence"])
    elif fmt == "csv":
        header, row = result.out.splitlines()
        assert header.startswith("source,title,pmo_job,level")
        assert ",PMO Manager,yes,3," in row and row.endswith(",a stretch")
    else:
        assert "PMO Manager" in result.out and "level 3" in result.out
        assert "a stretch: one level up" in result.out


def test_a_folder_gives_a_line_each_and_a_summary(run: Runner, tmp_path: Path) -> None:
    for name, text in BASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-")  # not an advert: passed over
    result = run("advert", str(tmp_path), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    jsonschema.validate(data, SCHEMAS["advert"]())
    assert data["kind"] == "adverts" and len(data["adverts"]) == 4
    assert data["summary"]["adverts"] == 4 and data["summary"]["pmo_jobs"] == 4
    assert data["summary"]["levels"] == {"1": 1, "2": 1, "3": 1, "4": 1}
    plain = run("advert", str(tmp_path), "--format", "plain").out
    assert plain.count("(" + str(tmp_path)) == 4 and "Summary" in plain


def test_standard_input(run: Runner) -> None:
    result = run("advert", "-", "--format", "json", stdin=ADMINISTRATOR.encode())
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["source"] == "standard input" and data["level"]["number"] == 1


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (None, ["missing.md"], "does not exist"),
        ("big", [], "larger than"),
        ("latin", [], "not UTF-8"),
        ("empty_dir", [], "holds no adverts"),
        ("dir", ["--title", "X"], "--title is for one advert"),
        ("file", ["--format", "xml"], "--format"),
        ("file", ["--set", "yeras=3"], "yeras"),
        (None, [], "advert needs a file"),
    ],
)
def test_bad_input_is_one_clear_message(
    run: Runner, tmp_path: Path, make: str | None, args: list[str], message: str
) -> None:
    target: list[str] = []
    if make == "big":
        (tmp_path / "big.txt").write_bytes(b"a" * (MAX_ADVERT_BYTES + 1))
        target = [str(tmp_path / "big.txt")]
    elif make == "latin":
        (tmp_path / "latin.txt").write_bytes("Caf\xe9 PMO Manager".encode("latin-1"))
        target = [str(tmp_path / "latin.txt")]
    elif make == "empty_dir":
        target = [str(tmp_path)]
    elif make == "dir":
        (tmp_path / "a.md").write_text(ADMINISTRATOR, encoding="utf-8")
        target = [str(tmp_path)]
    elif make == "file":
        (tmp_path / "a.md").write_text(ADMINISTRATOR, encoding="utf-8")
        target = [str(tmp_path / "a.md")]
    result = run("advert", *target, *args)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert result.out == ""


# Properties -----------------------------------------------------------------------

BLURBS = (
    "## About us\nWe are a leading global bank with 80,000 people in 40 countries and"
    " 150 years of history. Our mission is to manage a portfolio of 300 programmes.\n",
    "We are one of the UK's largest employers, with 12 years of award winning service and"
    " a team of 500 people.\n",
    "## Benefits\n- 30 days holiday\n- Pension\n- Private medical cover\n- Training budget\n",
    "We offer a competitive salary, a bonus scheme, 25 days annual leave and a budget for"
    " training and coaching.\n",
    "We are an equal opportunities employer and welcome applications from people with"
    " 10 years of experience or none, regardless of background.\n",
    "## Equal opportunities\nWe value a diverse workforce and make reasonable adjustments"
    " for candidates who line manage or lead teams of any size.\n",
    "## About Northwind\nNorthwind runs a portfolio of 300 programmes across the enterprise,"
    " and its 12 divisions report to the board.\n",
)
PROPERTY = settings(max_examples=60, deadline=None)


def _level(reading: AdvertReading) -> int | None:
    return None if reading.level is None else reading.level.number


@PROPERTY
@given(
    st.sampled_from(sorted(BASES)),
    st.lists(st.sampled_from(BLURBS), min_size=1, max_size=4),
    st.booleans(),
)
def test_blurb_benefits_and_equal_opportunities_never_change_the_level(
    advisor: Advisor, name: str, added: list[str], before: bool
) -> None:
    base = BASES[name]
    first, rest = base.split("\n", 1)
    extra = "\n" + "\n".join(added) + "\n"
    # Before the body (under the title, the body then under a heading of its own) or at
    # the end, as adverts put them.
    text = f"{first}\n{extra}\n## The role\n{rest}" if before else f"{base}{extra}"
    reading, plain = _read(advisor, text, name=name), _read(advisor, base, name=name)
    assert _level(reading) == _level(plain)
    assert reading.title_against_text.text_level == plain.title_against_text.text_level


@PROPERTY
@given(
    st.sampled_from(sorted(BASES)),
    st.sampled_from(("years", "team", "scope")),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(("programme", "portfolio", "enterprise")),
)
def test_a_demand_for_more_never_lowers_the_level(
    advisor: Advisor, name: str, kind: str, more: int, scope: str
) -> None:
    base = BASES[name]
    plain = _read(advisor, base, name=name)
    years = [int(d.value) for d in plain.evidence if d.kind == "years"]
    teams = [int(d.value) for d in plain.evidence if d.kind == "team_size"]
    if kind == "years":
        # More than the advert asks; where it asks none, at least the highest floor:
        # fewer years than that are evidence against a level, not more demand.
        least = max(years) if years else 5
        sentence = f"At least {least + more} years of experience in a PMO."
    elif kind == "team":
        sentence = f"You will line-manage a team of {max(teams, default=0) + more + 1}."
    else:
        words = {"programme": "a programme", "portfolio": "multiple programmes",
                 "enterprise": "the enterprise portfolio"}  # fmt: skip
        sentence = f"The role covers {words[scope]}."
    reading = _read(advisor, f"{base}\n{sentence}\n", name=name)
    before, after = _level(plain), _level(reading)
    assert before is not None and after is not None
    assert after >= before


# The corpus -------------------------------------------------------------------------
#
# tests/data/adverts/: adverts with what a recruiter reads from each (expected.yaml) and
# the fit a careers adviser gives a person (fits.yaml). Every entry is run. Where the
# reader does not yet read what the corpus expects, the entry is listed below with what
# it reads instead, and its test is expected to fail (strictly: a gap closed makes the
# test pass and the list must shrink). The expectations are never changed to match.

CORPUS = Path(__file__).parent / "data" / "adverts"

#: Adverts whose level (or PMO job or not) the reader does not yet read as expected.
LEVEL_GAPS: dict[str, str] = {}
#: Adverts with a demand the reader does not find, or finds in other words than the
#: corpus quotes.
DEMAND_GAPS: dict[str, str] = {}
#: Fits whose overall verdict differs from the careers adviser's.
FIT_GAPS: dict[str, str] = {}


def _load(name: str) -> list[dict[str, Any]]:
    path = CORPUS / name
    if not path.exists():
        return []
    return list(read_yaml(path) or [])


EXPECTED = _load("expected.yaml")
FITS = _load("fits.yaml")


def _cases(entries: list[dict[str, Any]], key: str, gaps: dict[str, str]) -> list[Any]:
    return [
        pytest.param(
            entry,
            id=entry[key],
            marks=[pytest.mark.xfail(strict=True, reason=gaps[entry[key]])]
            if entry[key] in gaps
            else [],
        )
        for entry in entries
    ]


def _words(text: object) -> str:
    return " ".join(str(text).lower().replace("\u2019", "'").split())


def _corpus_reading(advisor: Advisor, name: str, **kwargs: Any) -> AdvertReading:
    path = CORPUS / name
    return advisor.advert(path.read_text(encoding="utf-8"), name=name, **kwargs)


def test_the_corpus_is_there() -> None:
    assert len(EXPECTED) >= 60 and len(FITS) >= 20


@pytest.mark.parametrize("entry", _cases(EXPECTED, "file", LEVEL_GAPS))
def test_the_corpus_level(advisor: Advisor, entry: dict[str, Any]) -> None:
    reading = _corpus_reading(advisor, entry["file"])
    assert reading.pmo_job == entry["pmo_job"], reading.pmo_job_why
    if entry["levels"]:
        assert _level(reading) in entry["levels"], reading.title_against_text.why
    else:
        assert reading.level is None


@pytest.mark.parametrize("entry", _cases(EXPECTED, "file", DEMAND_GAPS))
def test_the_corpus_demands(advisor: Advisor, entry: dict[str, Any]) -> None:
    reading = _corpus_reading(advisor, entry["file"])
    for expected in entry.get("demands") or []:
        values = expected["value"] if isinstance(expected["value"], list) else [expected["value"]]
        found = [
            d
            for d in reading.evidence
            if d.kind == expected["kind"]
            and (
                float(d.value) == float(values[0])
                if d.kind in ("years", "team_size")
                else str(d.value) in map(str, values)
            )
        ]
        assert found, expected
        quotes = [_words(q) for d in found for q in (d.quote, *d.also)]
        assert any(_words(expected["quote"]) in q for q in quotes), (expected, quotes)


@pytest.mark.parametrize("entry", _cases(FITS, "advert", FIT_GAPS))
def test_the_corpus_fit(advisor: Advisor, entry: dict[str, Any]) -> None:
    reading = _corpus_reading(advisor, entry["advert"], answers=entry["person"])
    assert reading.fit is not None
    assert reading.fit.overall == entry["overall"], reading.fit.summary


@pytest.mark.parametrize("entry", FITS, ids=[f["advert"] for f in FITS])
def test_the_corpus_fit_per_demand(advisor: Advisor, entry: dict[str, Any]) -> None:
    """Each demand the corpus lists, weighed against the person by the fit's rules."""
    expected = next(e for e in EXPECTED if e["file"] == entry["advert"])
    advice = advisor.assess(entry["person"])
    for index, verdict in (entry.get("demands") or {}).items():
        demand = expected["demands"][int(index)]
        values = demand["value"] if isinstance(demand["value"], list) else [demand["value"]]
        asked = Demand(
            demand["kind"],
            values[0],
            demand["quote"],
            "",
            not demand.get("desirable", False),
            tuple(values[1:]),
        )
        assert weigh(asked, advice, advisor.knowledge).verdict == verdict, demand


def test_the_text_places_a_shared_title_in_another_profession(advisor: Advisor) -> None:
    text = (
        "# Portfolio Manager\n\n## The role\nYou will construct client portfolios within"
        " investment guidelines and report performance attribution against benchmarks.\n"
    )
    reading = _read(advisor, text)
    assert not reading.pmo_job and reading.level is None and reading.delivery_role is None
    assert "investment management" in reading.pmo_job_why
    # The company's story is set aside: a fund manager's PMO is still a PMO.
    blurb = (
        "# PMO Analyst\n\n## About us\nWe manage client portfolios in fixed income and"
        " equities, within investment guidelines.\n\n## The role\nYou will produce the"
        " portfolio dashboards and keep the RAID log for our change programme.\n"
    )
    assert _read(advisor, blurb).pmo_job


def test_a_team_written_as_a_sum_counts_everyone(advisor: Advisor) -> None:
    def team(sentence: str) -> set[object]:
        reading = _read(advisor, f"PMO Manager\n\n{sentence}\n")
        return {d.value for d in reading.evidence if d.kind == "team_size"}

    assert team("You will line manage a team of 3 PMO analysts and a scheduler.") == {4}
    assert team("You will lead a team of two analysts and two planners.") == {4}
    # A team broken down is not added to, and only people are added.
    assert team("You will manage a team of 4: two analysts, a scheduler and a planner.") == {4}
    assert team("You will manage a team of 3 and a budget of £2m.") == {3}


def test_a_team_listed_by_jobs_counts_everyone(advisor: Advisor) -> None:
    def team(sentence: str) -> set[object]:
        reading = _read(advisor, f"PMO Manager\n\n{sentence}\n")
        return {d.value for d in reading.evidence if d.kind == "team_size"}

    assert team("Six project managers and two project schedulers report to you.") == {8}
    lead = "You will lead the site team of a superintendent, two coordinators and an engineer."
    assert team(lead) == {4}
    # An aside in brackets says how many, or what the counted groups are.
    aside = "You will be leading mixed teams of client staff (typically 2 to 5 people)."
    assert team(aside) == {2}
    offices = "The offices of our three groups (Sales, Operations and IT) report to you."
    assert team(offices) == {3}
    # A list names its last after "and"; people merely counted are not the job's team.
    assert team("Of the 12 staff, 3 analysts report to you.") == {3}
    assert team("You will join a team of a planner and two analysts.") == set()


def test_others_named_together_are_all_others(advisor: Advisor) -> None:
    text = (
        "Risk Manager\n\nYou will lead risk management across the programme, with"
        " escalation to the Programme Board and the department's Portfolio Committee.\n"
    )
    assert {v for k, v in _kinds(_read(advisor, text)) if k == "scope"} == {"programme"}
    # Work of the job's own after "and" is still its own.
    own = "PMO Manager\n\nReporting to the Head of Change and leading a team of three.\n"
    assert ("team_size", 3) in _kinds(_read(advisor, own))


def test_people_reporting_in_name_nobody_else(advisor: Advisor) -> None:
    # "report to you" starts the people who report to the job: what follows is the job's.
    kinds = _kinds(
        _read(advisor, "PMO Manager\n\nFive analysts report to you across the portfolio.\n")
    )
    assert {("team_size", 5), ("scope", "portfolio")} <= kinds
    kinds = _kinds(
        _read(advisor, "PMO Manager\n\nThree planners reporting to you on the programme.\n")
    )
    assert {("team_size", 3), ("scope", "programme")} <= kinds
    # What the people reporting in do themselves is theirs.
    each = "PMO Director\n\nThree PMO Managers report to you, each running the PMO of a division.\n"
    assert ("activity", "run-pmo") not in _kinds(_read(advisor, each))
    # Reporting to someone else names their job, not this one's.
    other = _kinds(_read(advisor, "PMO Analyst\n\nReporting to the Head of Portfolio Office.\n"))
    assert not {kind for kind, _ in other} & {"scope", "team_size"}


def test_the_companys_story_is_set_aside_and_the_jobs_office_is_read(advisor: Advisor) -> None:
    def scopes(text: str) -> dict[object, str]:
        reading = _read(advisor, f"PMO Analyst\n\n{text}\n")
        return {d.value: d.quote for d in reading.evidence if d.kind == "scope"}

    role = "## The role\nYou will maintain the project schedules and the RAID log."
    # "About" and a name is the company's story, whatever programmes it runs.
    company = "## About Gulfstar\nOur Project Controls group supports a $2bn expansion program."
    assert scopes(f"{company}\n\n{role}") == {"project": "You will maintain the project"
                                                " schedules and the RAID log."}  # fmt: skip
    # The job's own office, named as a sentence starts, is the job's: its scope is read.
    office = (
        "## About us\nWe are a leading insurer. Our Change PMO supports a portfolio of 30 projects."
    )
    assert scopes(f"{office}\n\n{role}") == {
        "portfolio": "Our Change PMO supports a portfolio of 30 projects."
    }
    # A heading about the role, the person or the work is read.
    assert "programme" in scopes("## About the role\nYou will support a programme of change.")


def test_only_an_about_heading_that_names_the_company_sets_its_part_aside(
    advisor: Advisor,
) -> None:
    demand = "Line manage a team of 4 analysts and keep the RAID log for the portfolio."
    # About the job, the person or the work, or "about" a number: what follows is read.
    for heading in (
        "## About the work",
        "About your new role",
        "## About PMO at Acme",
        "About 30 projects in flight",
        "About a dozen projects in flight",
        "## About The Role",
        "## About Acme's PMO",
        "## About the company and the role",
        "About working here",
    ):
        kinds = _kinds(_read(advisor, f"PMO Manager\n\n{heading}\n{demand}\n"))
        assert {("team_size", 4), ("scope", "portfolio")} <= kinds, heading
    # About us, the company named by its words or by its name: the company's story.
    for heading in (
        "About us",
        "## About the department",
        "## About Our Client",
        "## About Gulfstar",
        "## About the Alliance",
        "ABOUT LIFFEY ASSURANCE",
    ):
        reading = _read(advisor, f"PMO Manager\n\n{heading}\n{demand}\n")
        assert not reading.evidence, heading
        assert [s.part for s in reading.ignored] == ["company"], heading


def test_the_phrases_for_lists_and_headings_are_checked(advisor: Advisor) -> None:
    from dataclasses import replace

    from pmo_advisor.knowledge.advert_phrases import advert_phrase_problems

    k = advisor.knowledge
    phrases = k.advert_phrases
    team = replace(phrases.team, listed=replace(phrases.team.listed, leading=("lead the",)))
    about = replace(
        phrases.ignore.about,
        own=("Our PMO", "pmo", "pmo"),
        company=("The Firm",),
        before_name=("the", "our own"),
    )
    broken = replace(phrases, team=team, ignore=replace(phrases.ignore, about=about))
    problems = advert_phrase_problems(
        broken,
        activity_ids=k.activity_ids,
        scope_ids=k.scope_ids,
        background_ids=[b.id for b in k.delivery.backgrounds],
        course_ids=[c.id for c in k.courses],
        market_ids=[m.id for m in k.markets],
        label=str,
    )
    assert problems == [
        "advert_phrases.yaml: ignore.about.company[0]: 'The Firm' must be lowercase words,"
        " as adverts are read",
        "advert_phrases.yaml: ignore.about.own[0]: 'Our PMO' must be lowercase words, as"
        " adverts are read",
        "advert_phrases.yaml: ignore.about.own[2]: 'pmo' is listed twice in ignore.about.own",
        "advert_phrases.yaml: team.listed.leading: 'lead the' must be one word",
        "advert_phrases.yaml: ignore.about.before_name: 'our own' must be one word",
    ]


def test_alternatives_read_at_their_lower_end(advisor: Advisor) -> None:
    reading = _read(advisor, "PMO Manager\n\nExperience of running a programme or portfolio PMO.\n")
    assert ("scope", "programme") in _kinds(reading)
    it = "8 to 12 years of experience in IT, with at least 4 years as a PMO analyst."
    assert ("years", 4) in _kinds(_read(advisor, f"PMO Analyst\n\n{it}\n"))
    # Years of project work are the demand; those after them say of what.
    own = "15 years of experience in project management, of which at least 8 years in a PMO."
    assert ("years", 15) in _kinds(_read(advisor, f"PMO Manager\n\n{own}\n"))


def test_an_offices_services_and_work_helped_with_are_not_the_jobs_own(advisor: Advisor) -> None:
    text = (
        "PMO Manager\n\nRun the PMO's services day to day: reporting, planning, RAID and"
        " financial control.\nSupport stage-gate reviews.\n"
    )
    kinds = _kinds(_read(advisor, text))
    assert ("activity", "run-pmo") in kinds
    assert not kinds & {
        ("activity", "plan-schedule"),
        ("activity", "run-raid"),
        ("activity", "control-costs"),
        ("activity", "assurance-reviews"),
    }
    # Work named further on is the job's own, and so is a scope it supports.
    own = _read(advisor, "PMO Officer\n\nSupport projects through the gateway process.\n")
    assert ("activity", "assurance-reviews") in _kinds(own)
    scope = _read(advisor, "PMO Analyst\n\nYou will support a portfolio of 30 projects.\n")
    assert ("scope", "portfolio") in _kinds(scope)
    # The scope an office's services are for is the job's own.
    served = _kinds(
        _read(advisor, "PMO Manager\n\nRun the PMO's services: RAID for the portfolio.\n")
    )
    assert ("scope", "portfolio") in served and ("activity", "run-raid") not in served


_PIECES = ("pmo's", "U.K.", "P3O®", "line-manage", "Programme", "years'", "5+", "the", "we",
           "offer", "—", "budget.", "RAID,", "a", "couple", "of", "holiday", "lead", "team",
           "(", "PRINCE2", "experience", "essential;", "dashboards", "\u2019s", "x")  # fmt: skip


@PROPERTY
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(("", " ", "-", "/")))
def test_prose_passed_over_holds_no_phrase(advisor: Advisor, pieces: list[str], sep: str) -> None:
    from pmo_advisor.adverts.phrasebook import Words, phrasebook

    book = phrasebook(advisor.knowledge)
    text = (sep or " ").join(pieces)
    if not book.index.may_hold(text):
        assert not Words(text).holds_any(book.index), text
