"""``advert``: one job advert, several, or a folder of them, read by the Advisor and, with
a person's answers, weighed against them."""

from __future__ import annotations

import sys
from pathlib import Path

from pmo_advisor import PROG
from pmo_advisor.adverts.source import HTML_SUFFIXES, MARKDOWN_SUFFIXES, MAX_ADVERT_BYTES
from pmo_advisor.cli import options, present
from pmo_advisor.cli.assess import AnswerSources, given_answers, with_last_answers
from pmo_advisor.cli.present import Output, write
from pmo_advisor.errors import InputError

#: The formats ``advert`` writes: every format, and csv (a row per advert).
ADVERT_FORMATS = options.CSV_FORMATS
#: The files a folder of adverts is read for.
ADVERT_SUFFIXES = (*HTML_SUFFIXES, *MARKDOWN_SUFFIXES, ".txt")
#: The most adverts one run reads: a shortlist or a recruiter's batch, not a crawl.
MAX_ADVERTS = 1000


def advert(
    sources: list[str], title: str | None, person: AnswerSources | None, output: Output
) -> None:
    """Print what one advert (or each of several) asks for and its level, and with a
    person, how it fits them."""
    from pmo_advisor.advisor import Advisor

    chosen = options.output_format(output.format, ADVERT_FORMATS)
    if not sources:
        raise InputError(
            "advert needs a file, a folder of adverts, or - for standard input",
            f"For example: {PROG} advert job.md",
        )
    if title is not None and (len(sources) > 1 or _is_folder(sources[0])):
        raise InputError("--title is for one advert", "Give one file with --title.")
    if person is not None and person.last:
        person = with_last_answers(person)
    options.check_outputs(output.file, None, person.answers_file if person else None)
    texts = _read_all(sources)
    advisor = Advisor()
    knowledge = advisor.knowledge
    answers = None
    configured = None
    if person is not None:
        from pmo_advisor.answers import validate

        raw, label = given_answers(person)
        configured = options.market_unless_given(raw, knowledge)
        answers = validate(raw, knowledge, label)
    else:
        configured = options.configured_market(knowledge)
    several = len(texts) > 1 or any(_is_folder(s) for s in sources)
    if several:
        result = advisor.adverts(texts, answers=answers, market=configured)
        text = present.renderer(knowledge, chosen, output).render(result)
    else:
        name, raw_text = texts[0]
        reading = advisor.advert(
            raw_text, name=name, title=title, answers=answers, market=configured
        )
        text = present.renderer(knowledge, chosen, output).render(reading)
    write(text, output.file, output)


def _is_folder(source: str) -> bool:
    return source != "-" and Path(source).is_dir()


def _read_all(sources: list[str]) -> list[tuple[str, str]]:
    """Each advert's name and text, folders opened, in the order given (a folder's
    adverts by name)."""
    names: list[str] = []
    for source in sources:
        if _is_folder(source):
            found = sorted(
                str(p)
                for p in Path(source).iterdir()
                if p.suffix.lower() in ADVERT_SUFFIXES and p.is_file()
            )
            if not found:
                raise InputError(
                    f"{source} holds no adverts",
                    f"An advert is a {', '.join(ADVERT_SUFFIXES)} file.",
                )
            names += found
        else:
            names.append(source)
        if len(names) > MAX_ADVERTS:
            raise InputError(
                f"more than {MAX_ADVERTS:,} adverts given",
                "Read them in batches: a folder at a time.",
            )
    if names.count("-") > 1:
        raise InputError("- (standard input) can be read only once", "Give it once.")
    return [(_label(name), _read(name)) for name in names]


def _label(name: str) -> str:
    return "standard input" if name == "-" else name


def _read(name: str) -> str:
    from pmo_advisor.inputs import read_text

    stdin = None if sys.stdin is None else sys.stdin.buffer
    text, _ = read_text(name, stdin, flag="advert", what="job advert", limit=MAX_ADVERT_BYTES)
    return text
