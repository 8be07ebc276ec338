"""Checking the command line's flags: each flag's text becomes a value the Advisor
takes, or an :class:`~pmo_advisor.errors.InputError` naming the flag."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pmo_advisor import PROG
from pmo_advisor.errors import InputError
from pmo_advisor.render import AnyFormat, OutputFormat, ReportFormat, TeamFormat
from pmo_advisor.safetext import quoted

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge, Scope
    from pmo_advisor.roster import Roster

#: The formats every command takes; ``assess``, ``suggest`` and ``plan`` also take html
#: (a one-page personal plan); ``team`` takes html, csv and xlsx.
FORMATS = tuple(f.value for f in OutputFormat)
REPORT_FORMATS = (*FORMATS, *(f.value for f in ReportFormat))
TEAM_FORMATS = (*REPORT_FORMATS, *(f.value for f in TeamFormat))
#: The formats of ``advert``, which has a row per advert: every format, and csv.
CSV_FORMATS = (*FORMATS, TeamFormat.csv.value)
#: Spellings ``--kind`` takes for a course kind beyond its id, its name and its name
#: hyphenated (which follow from courses.yaml's ``kinds``), by the kind's id.
_KIND_SPELLINGS = {"elearning": ("e-learning",)}
#: Output file extensions that choose a format when --format is not given.
FORMAT_EXTENSIONS: dict[str, AnyFormat] = {
    ".json": OutputFormat.json,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
    ".txt": OutputFormat.plain,
    ".csv": TeamFormat.csv,
    ".xlsx": TeamFormat.xlsx,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
}


def level(value: str, flag: str = "--level") -> int:
    """A level number from a flag."""
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 3 and 1 <= int(text) <= 4:
        return int(text)
    raise InputError(
        f"{flag} must be 1, 2, 3 or 4, not {quoted(value)}",
        f"Run '{PROG} levels' to see the four levels.",
    )


def output_format(value: str | None, formats: Sequence[str] = FORMATS) -> AnyFormat | None:
    """The ``--format`` asked for, if any, among the command's ``formats``."""
    if value is None:
        return None
    lowered = value.strip().casefold()
    if lowered in formats:
        return _format_named(lowered)
    if lowered in REPORT_FORMATS:
        raise InputError(
            f"--format {lowered} is for assess, suggest, plan and team: a report to share",
            f"Choose one of: {', '.join(formats)}.",
        )
    if lowered in TEAM_FORMATS:
        raise InputError(
            f"--format {lowered} is for the team command, which has a row per person",
            f"Choose one of: {', '.join(formats)}.",
        )
    from pmo_advisor.nearest import unknown_choice

    raise InputError(f"--format: {unknown_choice('format', value, formats)}")


def report_format(output_file: str | None, value: str | None) -> AnyFormat | None:
    """The format of assess, suggest and plan: ``--format`` among theirs (html too), or
    html for an output file named ``.html``."""
    chosen = output_format(value, REPORT_FORMATS)
    if chosen is None and format_for_file(output_file, REPORT_FORMATS) is ReportFormat.html:
        return ReportFormat.html
    return chosen


def _format_named(name: str) -> AnyFormat:
    for kind in (OutputFormat, ReportFormat, TeamFormat):
        if name in kind.__members__:
            return kind(name)
    raise ValueError(name)


def format_for_file(name: str | None, formats: Sequence[str] = FORMATS) -> AnyFormat | None:
    """The format an output file's extension asks for (``result.json``: JSON), if the
    command has it (only ``team`` writes CSV and xlsx; only ``assess``, ``suggest``,
    ``plan`` and ``team`` write html)."""
    if name is None or name == "-":
        return None
    found = FORMAT_EXTENSIONS.get(os.path.splitext(name)[1].casefold())
    return found if found is not None and found.value in formats else None


def check_outputs(
    output: str | None, save_answers: str | None, answers_file: str | None = None
) -> None:
    """Refuse ``--output`` and ``--save-answers`` files that cannot be written, that are
    the file being read, or that are the same file."""
    from pmo_advisor.output import check_target, same_regular_file

    if output is not None:
        check_target(output, "--output")
    for target, flag in ((output, "--output"), (save_answers, "--save-answers")):
        if target is not None and answers_file and same_regular_file(target, answers_file):
            raise InputError(
                f"{flag} {target} is the file being read; writing it would replace it",
                f"Give {flag} another file name.",
            )
    if save_answers is not None:
        if save_answers == "-":
            raise InputError(
                "--save-answers needs a file name; standard output carries the result",
                "For example: --save-answers me.yaml",
            )
        check_target(save_answers, "--save-answers")
        if output is not None and same_regular_file(output, save_answers):
            raise InputError(
                "--output and --save-answers name the same file",
                "Give each its own file name.",
            )


def check_roster_output(output: str | None, source: Roster) -> None:
    """Refuse --output to any file a directory roster reads: the report would replace
    that person's answers (a file roster is checked with the other outputs)."""
    from pmo_advisor.output import same_regular_file
    from pmo_advisor.roster import DirectoryRoster

    if output is None or not isinstance(source, DirectoryRoster):
        return
    for entry in source.files:
        if same_regular_file(output, str(entry)):
            raise InputError(
                f"--output {output} is {entry.name}, a file of the roster {source.label};"
                " writing it would replace those answers",
                "Give --output a file outside the roster's directory.",
            )


def scope(value: str, knowledge: Knowledge) -> Scope:
    """A kind of PMO from ``--scope``."""
    from pmo_advisor.nearest import unknown_choice

    found = knowledge.scope_id_for(value)
    if found is not None:
        return found
    raise InputError(f"--scope: {unknown_choice('scope', value, knowledge.scope_ids)}")


def ids(flag: str, values: Sequence[str], pool: Sequence[str], what: str) -> tuple[str, ...]:
    """Ids from a repeatable flag, each of them comma-separated, in ``pool``'s order."""
    from pmo_advisor.nearest import unknown_choice
    from pmo_advisor.prose import split_list

    chosen: set[str] = set()
    for value in values:
        for item in split_list(value):
            if item.casefold() not in pool:
                raise InputError(f"{flag}: {unknown_choice(what, item, pool)}")
            chosen.add(item.casefold())
    return tuple(i for i in pool if i in chosen)


def focus_ids(values: Sequence[str], knowledge: Knowledge) -> tuple[str, ...]:
    """Focus area ids from ``--focus``."""
    return ids("--focus", values, knowledge.focus_ids, "focus area")


def course_ids(flag: str, values: Sequence[str], knowledge: Knowledge) -> tuple[str, ...]:
    """Course ids from flags: ids, names or common spellings, separated by commas or
    semicolons."""
    from pmo_advisor.nearest import unknown_course
    from pmo_advisor.prose import split_list

    chosen: set[str] = set()
    for value in values:
        found, unknown = knowledge.courses_named(split_list(value))
        if unknown:
            raise InputError(f"{flag}: {unknown_course(unknown[0], knowledge)}")
        chosen.update(found)
    return tuple(i for i in knowledge.course_ids if i in chosen)


def course_kind(value: str, knowledge: Knowledge) -> str:
    """The course kind ``--kind`` means: a kind's id ("specialist"), its name ("specialist
    course"), its name hyphenated, or a spelling of :data:`_KIND_SPELLINGS`."""
    from pmo_advisor.model import course_kind_id

    spellings: dict[str, str] = {}
    for kind in knowledge.course_kinds:
        kind_id = course_kind_id(kind)
        name = kind.casefold()
        for spelling in (kind_id, name, name.replace(" ", "-"), *_KIND_SPELLINGS.get(kind_id, ())):
            spellings.setdefault(spelling, kind)
    lowered = value.strip().casefold()
    if lowered not in spellings:
        from pmo_advisor.nearest import unknown_choice

        names = tuple(k for k in spellings if " " not in k)
        raise InputError(f"--kind: {unknown_choice('course kind', value, names)}")
    return spellings[lowered]


def provider(value: str, knowledge: Knowledge) -> None:
    """Refuse a ``--provider`` no course names as its provider or awarding body."""
    names = sorted(
        {n for c in knowledge.courses for n in (c.provider, c.awarding_body) if n is not None},
        key=str.casefold,
    )
    if value.strip().casefold() not in {n.casefold() for n in names}:
        from pmo_advisor.nearest import unknown_choice

        raise InputError(f"--provider: {unknown_choice('provider', value.strip(), names)}")


def route(value: str | None) -> str | None:
    """The route ``--route`` names, if given."""
    from pmo_advisor.advisor import choose_route

    return choose_route(value, "--route")


def check_title_query(query: str) -> None:
    """A title typed on the command line is one question: one that cannot be read is a
    usage error (exit 2), not a result. In a list (--from) it is a line's own error."""
    from pmo_advisor.titles import MAX_QUERY

    if not query.strip():
        raise InputError(
            "the title to look up is empty",
            f"Give an advert's title, such as {PROG} titles 'Senior PMO Analyst', or run"
            f" '{PROG} titles' for every title.",
        )
    if len(query) > MAX_QUERY:
        raise InputError(
            f"the title to look up is {len(query):,} characters long; at most {MAX_QUERY} are read",
            "Give the job title alone, without the advert's text.",
        )


def one_answers_file(files: list[str] | None, command: str = "assess") -> str | None:
    """The one ``--answers`` file given, if any."""
    # One person per assessment: a second file is more likely a second person than a
    # patch to the first, so it is refused rather than merged or silently dropped.
    if not files:
        return None
    if len(files) > 1:
        raise InputError(
            f"--answers was given {len(files)} times; {command} reads one person's answers",
            f"For several people use '{PROG} team DIR' (a directory of answers files) or"
            f" '{PROG} team roster.csv'."
            + (" To change one answer, add --set KEY=VALUE." if command == "assess" else ""),
        )
    return files[0]


def gives_market(raw: Mapping[str, Any]) -> bool:
    """Whether answers name a market of their own."""
    from pmo_advisor.answers.checks import is_given

    value = raw.get("market")
    return is_given(value) and not (isinstance(value, str) and not value.strip())


def configured_market(knowledge: Knowledge) -> str | None:
    """The market ``PMO_ADVISOR_MARKET`` or the config file names, for answers that name
    none (answers, flags and roster cells win over it), checked against ``knowledge``;
    None when neither names one."""
    from pmo_advisor.settings import MARKET_ENV, setting

    chosen = setting("market")
    if not chosen.value:
        return None
    found = knowledge.market_id_for(str(chosen.value))
    if found is None:
        from pmo_advisor.nearest import unknown_choice

        where = chosen.source if chosen.source == MARKET_ENV else f"{chosen.source}: market"
        raise InputError(
            f"{where}: {unknown_choice('market', chosen.value, knowledge.market_ids)}",
            'Set it to one of those market ids, or to "" for none.',
        )
    return found


def takes_configured_market(raw: Mapping[str, Any]) -> bool:
    """Whether answers take the configured market: they name none, and
    ``PMO_ADVISOR_MARKET`` or the config file names one. Known without the knowledge
    base, which :func:`configured_market` needs to check it."""
    from pmo_advisor.settings import setting

    return not gives_market(raw) and bool(setting("market").value)


def market_unless_given(raw: Mapping[str, Any], knowledge: Knowledge) -> str | None:
    """The configured market, for answers that name none."""
    return None if gives_market(raw) else configured_market(knowledge)
