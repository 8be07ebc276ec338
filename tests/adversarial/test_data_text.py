"""Text from the knowledge base is shown to people as it is written, so it may hold no
character a terminal acts on: refused when the data is validated, and cleaned in every
heading and line of every renderer all the same (a renderer never trusts its input)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmo_advisor.answers import Answers
from pmo_advisor.knowledge import Knowledge, bounds, forget
from pmo_advisor.knowledge.validate import FILES, validate
from pmo_advisor.listings import TitleListing, TitleLookups
from pmo_advisor.model import SuggestionRequest
from pmo_advisor.render import OutputFormat, RenderOptions, renderer_for
from pmo_advisor.roadmap import plan
from pmo_advisor.rules import assess, catalogue, ladder, suggest
from pmo_advisor.rules.titles import every_title
from pmo_advisor.safetext import quoted
from pmo_advisor.titles import THRESHOLD, TitleReader
from tests.conftest import DATA, Run, read_yaml

Runner = Callable[..., Run]
HOSTILE = ["\x1b[31m", "\x1b]8;;https://evil.example\x07", "\u202e", "\x07", "\x9b2J", "\r"]
RAW = ("\x1b", "\x07", "\u202e", "\x9b", "\r")


def _string_paths(document: Any) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
        elif isinstance(value, str):
            paths.append(path)
    return sorted(paths, key=str)


def _set(document: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        document = document[part]
    document[path[-1]] = value


# Read and parsed once: each case below changes a deep copy of its file's document, and
# writes it back with libyaml's safe dumper where there is one (the same YAML, sooner).
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TEXTS = {name: (DATA / name).read_text(encoding="utf-8") for name in FILES}
DOCUMENTS = {name: read_yaml(DATA / name) for name in FILES}


def _places(document: Any) -> list[tuple[Any, ...]]:
    paths = _string_paths(document)
    return sorted({paths[0], paths[len(paths) // 2], paths[-1]}, key=str)


#: In each file, its first, middle and last text: each is refused on its own.
PLACES = {name: _places(DOCUMENTS[name]) for name in FILES}


@pytest.mark.parametrize("file_name", list(FILES))
@pytest.mark.parametrize("hostile", HOSTILE[:3], ids=["sgr", "osc8", "bidi"])
def test_data_text_with_a_control_character_is_refused(file_name: str, hostile: str) -> None:
    # One validation with the character at each of the file's three places: each place
    # is a problem of its own, named without the character.
    texts = dict(TEXTS)
    document = copy.deepcopy(DOCUMENTS[file_name])
    for path in PLACES[file_name]:
        _set(document, path, "Looks fine" + hostile)
    texts[file_name] = yaml.dump(document, Dumper=SAFE_DUMPER, allow_unicode=True)
    _, problems = validate(texts, lambda name: name)
    refused = [p for p in problems if "control character" in p and p.startswith(file_name)]
    assert len(refused) == len(PLACES[file_name]), problems
    assert all(raw not in p for p in problems for raw in RAW)


def test_a_copied_data_directory_with_an_escape_in_a_stage_exits_3(
    run: Runner, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    levels = data_copy / "levels.yaml"
    document = yaml.safe_load(levels.read_text(encoding="utf-8"))
    document["levels"][0]["stage"] = "\x1b]8;;https://evil.example\x07Admin\x1b]8;;\x07"
    levels.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PMO_ADVISOR_DATA", str(data_copy))
    forget()
    result = run("levels")
    assert result.code == 3
    assert "levels[0].stage: holds a control character" in result.err
    assert "\x1b" not in result.err and "\x07" not in result.err


# --- renderers clean whatever they are given --------------------------------------------


def _is_text(annotation: Any) -> bool:
    if annotation is bounds.Text:
        return True
    return any(_is_text(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _poisoned(value: Any) -> Any:
    """Every human-readable text in the records (not ids) wrapped in control characters."""
    if isinstance(value, tuple):
        return tuple(_poisoned(item) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    hints = typing.get_type_hints(type(value), include_extras=True)
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        current = getattr(value, field.name)
        if not field.init:
            continue
        if _is_text(hints[field.name]) and isinstance(current, str):
            changes[field.name] = "".join(HOSTILE) + current + "".join(HOSTILE)
        elif _is_text(hints[field.name]) and isinstance(current, tuple):
            changes[field.name] = tuple(HOSTILE[0] + item + HOSTILE[1] for item in current)
        else:
            changes[field.name] = _poisoned(current)
    return dataclasses.replace(value, **changes)


@pytest.fixture(scope="module")
def hostile_knowledge(knowledge: Knowledge) -> Knowledge:
    fields = {f.name: _poisoned(getattr(knowledge, f.name)) for f in dataclasses.fields(knowledge)}
    # The title grammar is kept pickled until a title is read: poisoned as it is read.
    fields["title_grammar_pickled"] = pickle.dumps(_poisoned(knowledge.title_grammar))
    return Knowledge(**{k: v for k, v in fields.items() if not k.startswith("_")})


def _results(k: Knowledge) -> dict[str, Any]:
    answers = Answers.from_mapping(
        {
            "title": "PMO Analyst",
            "years": 4,
            "scope": "programme",
            "activities": list(k.activity_ids[:4]),
            "qualifications": list(k.course_ids[:1]),
        },
        k,
    )
    query = k.titles[0].name  # with its control characters, as an advert might have it
    matcher = TitleReader(k)
    return {
        "levels": ladder(k),
        "suggest": suggest(SuggestionRequest(level=2, scope=None, focus=(), held=()), k),
        "assess": assess(answers, k),
        "plan": plan(k, 1, 4),
        "courses": catalogue(k, None, (), None),
        "titles": TitleListing(every_title(k, None, None), None, None),
        "lookup": TitleLookups((matcher.lookup(query),), batch=False, threshold=THRESHOLD),
        "batch": TitleLookups((matcher.lookup(query),) * 2, batch=True, threshold=THRESHOLD),
    }


@pytest.fixture(scope="module")
def hostile_results(hostile_knowledge: Knowledge) -> dict[str, Any]:
    """Each kind of result, made once from the poisoned knowledge base: what is tested
    below is how every renderer shows them."""
    return _results(hostile_knowledge)


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize(
    "kind", ["levels", "suggest", "assess", "plan", "courses", "titles", "lookup", "batch"]
)
def test_every_renderer_cleans_every_line_and_heading(
    hostile_knowledge: Knowledge, hostile_results: dict[str, Any], fmt: OutputFormat, kind: str
) -> None:
    result = hostile_results[kind]
    options = RenderOptions(width=80, color=False)
    text = renderer_for(fmt, hostile_knowledge, options).render(result)
    for raw in RAW:
        assert raw not in text, (raw, [line for line in text.splitlines() if raw in line][:3])
    # The data's text is there, made visible.
    assert ("\\u001b" if fmt is OutputFormat.json else "\\x1b") in text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("proj\udce9ct", "'proj\\xe9ct'"),  # a byte that was not UTF-8
        ("a\\udce9", "'a\\\\udce9'"),  # a backslash typed before "udce9": left as typed
        ("a\\\udce9", "'a\\\\\\xe9'"),  # a typed backslash, then a byte
        ("it's", '"it\'s"'),
        ("bell\x07", "'bell\\x07'"),
    ],
)
def test_quoted_text_shows_bytes_as_clean_does(text: str, shown: str) -> None:
    assert quoted(text) == shown
