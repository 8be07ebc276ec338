"""Every command's flags and help, as typer reads them, each calling one function;
:mod:`pmo_advisor.cli.app` registers them in this order.

No ``from __future__ import annotations`` here: typer reads every command's parameters
on each run, and from strings it would evaluate every annotation (typer.Option calls
included) again, which takes longer than evaluating them once at import.
"""

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from pmo_advisor import completion
from pmo_advisor.cli import commands
from pmo_advisor.cli.assess import AnswerSources
from pmo_advisor.cli.options import TEAM_FORMATS, one_answers_file
from pmo_advisor.cli.present import NO_INPUT_ENV, Output
from pmo_advisor.cli.shared import (
    FocusOption,
    FormatOption,
    HeldOption,
    NoColorOption,
    NoPagerOption,
    OutputOption,
    ReportFormatOption,
    level_option,
    option,
    scope_option,
)

_Function = TypeVar("_Function", bound=Callable[..., None])

#: Every command, in the order they are registered, with its one-line help.
COMMANDS: list[tuple[Callable[..., None], str]] = []


def declare_command(short_help: str) -> Callable[[_Function], _Function]:
    """Declare a command with its one-line help (the function's name is its name)."""

    def declare(function: _Function) -> _Function:
        COMMANDS.append((function, short_help))
        return function

    return declare


@declare_command("Place yourself on the ladder from your answers.")
def assess(
    answers_files: Annotated[
        list[str] | None,
        option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Answers file (YAML or JSON); - reads standard input.",
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        option(
            "--set",
            metavar="KEY=VALUE",
            help="An answer, overriding the file; lists are comma-separated (repeatable).",
            autocompletion=completion.set_values,
        ),
    ] = None,
    market: Annotated[
        str | None,
        option(
            "--market",
            metavar="MARKET",
            help="Where you work (uk, us, europe, australia-nz, india, middle-east, africa,"
            " other), overriding the answers, PMO_ADVISOR_MARKET and the config file.",
            autocompletion=completion.markets,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=f"Never ask for missing answers (also: {NO_INPUT_ENV}=1)."),
    ] = False,
    save_answers: Annotated[
        str | None,
        option(
            "--save-answers",
            metavar="FILE",
            help="Save the validated answers to FILE (YAML, or JSON for *.json) for --answers.",
        ),
    ] = None,
    last: Annotated[
        bool,
        typer.Option(
            "--last",
            help="Start from the answers you gave the questionnaire last time; in a"
            " terminal, review and change them first.",
        ),
    ] = False,
    no_save: Annotated[
        bool,
        typer.Option(
            "--no-save",
            help="Do not keep the questionnaire's answers for --last"
            " (also: PMO_ADVISOR_NO_SAVE=1).",
        ),
    ] = False,
    plain_prompts: Annotated[
        bool,
        typer.Option(
            "--plain-prompts",
            help="Ask numbered questions line by line, without redrawing the screen, for"
            " screen readers and simple terminals (also: PMO_ADVISOR_PLAIN_PROMPTS=1;"
            " automatic with TERM=dumb).",
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Show every reason, title and course, not only the one-screen plan.",
        ),
    ] = False,
    route: Annotated[
        str | None,
        option(
            "--route",
            metavar="ROUTE",
            help="The route up your plan follows: specialist or management"
            " (default: the one that suits your answers).",
            autocompletion=completion.routes,
        ),
    ] = None,
    fmt: ReportFormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Place yourself on the ladder from your answers, with the reasons and a short plan.

    Missing answers are asked for in a terminal; elsewhere they are an error.

    \b
    Answer keys, for --set KEY=VALUE or an answers file:
      years           years in project support, PMO or delivery work, 0-60 (required)
      scope           project, programme, portfolio or enterprise (required)
      activities      activity ids, comma-separated; see: pmo-advisor activities (required)
      delivery        projects, programmes, delivery-staff: delivery experience you have
      focus           focus area ids, comma-separated, such as planning,reporting
      team_size       how many people report to you
      title           your current job title
      qualifications  courses you hold (ids, names or abbreviations); see: pmo-advisor courses
      market          where you work: uk, us, europe, australia-nz, india, middle-east,
                      africa or other (default: PMO_ADVISOR_MARKET, then the config file)

    \b
    Example: pmo-advisor assess --set years=4 --set scope=programme --set activities=plan-schedule
    """
    sources = AnswerSources(
        one_answers_file(answers_files),
        tuple(set_values or ()),
        no_input,
        save_answers,
        last=last,
        no_save=no_save,
        plain_prompts=plain_prompts,
        route=route,
        market=market,
    )
    from pmo_advisor.cli.assess import assess as assess_answers

    assess_answers(sources, Output(fmt, output, no_color, no_pager, full=full))


@declare_command("Advice for a level you already know.")
def suggest(
    level: Annotated[
        str | None,
        level_option("--level", "-l", help="Your level on the ladder: 1, 2, 3 or 4 (or --last)."),
    ] = None,
    last: Annotated[
        bool, typer.Option("--last", help="Suggest for the level of your kept answers.")
    ] = False,
    scope: Annotated[
        str | None,
        scope_option(
            "Narrow titles to a kind of PMO: project, programme, portfolio or enterprise."
            " Default: every kind."
        ),
    ] = None,
    focus: FocusOption = None,
    held: HeldOption = None,
    fmt: ReportFormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Advice for a level you already know: titles, next step, courses and skills.

    \b
    Example: pmo-advisor suggest --level 2 --scope programme --focus planning
    """
    shown = Output(fmt, output, no_color, no_pager)
    commands.suggest(level, scope, focus or (), held or (), shown, last=last)


@declare_command("The career ladder: levels, titles, what moves you up.")
def levels(
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The career ladder: the four levels, their titles and what moves you up.

    \b
    Example: pmo-advisor levels --format markdown --output ladder.md
    """
    commands.levels(Output(fmt, output, no_color, no_pager))


@declare_command("What a job title means: level, kind of PMO, seniority.")
def titles(
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TITLE",
            help="A job title, as an advert gives it; its words may be given unquoted.",
            show_default=False,
            autocompletion=completion.title_words,
        ),
    ] = None,
    level: Annotated[
        str | None,
        level_option("--level", "-l", help="Only titles at level N (1-4)."),
    ] = None,
    scope: Annotated[
        str | None, scope_option("Only titles of this kind of PMO, and those used in any PMO.")
    ] = None,
    from_file: Annotated[
        str | None,
        option(
            "--from",
            metavar="FILE",
            help="Look up every title in FILE, one per line; - reads standard input.",
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Every job title by level and kind of PMO, or what an advert's title means.

    With a title, it lists the knowledge base's titles that match it confidently, best
    first, with their levels and a score, and says how words such as Senior or Junior
    shift the reading. With --from, one result per line.

    \b
    Example: pmo-advisor titles "Snr PMO Analyst - London (contract)"
    """
    # 'pmo-advisor titles PMO Analyst' means one title, as people type it.
    title = None if query is None else " ".join(query)
    commands.titles(title, level, scope, from_file, Output(fmt, output, no_color, no_pager))


@declare_command("The course catalogue.")
def courses(
    level: Annotated[
        str | None,
        level_option("--level", "-l", help="Only courses for level N (1-4)."),
    ] = None,
    focus: FocusOption = None,
    kind: Annotated[
        str | None,
        option(
            "--kind",
            metavar="KIND",
            help="Only one kind: certification, course, specialist, elearning,"
            " professional-status or coaching.",
            autocompletion=completion.course_kinds,
        ),
    ] = None,
    provider: Annotated[
        str | None,
        option(
            "--provider",
            metavar="NAME",
            help="Only courses a provider or awarding body offers, e.g. PMI, APM, PeopleCert.",
            autocompletion=completion.providers,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The course catalogue: levels, focus areas, kind, provider, length, delivery,
    prerequisites and the spellings each course is known by.

    \b
    Example: pmo-advisor courses --level 3 --kind certification
    """
    commands.courses(level, focus or (), kind, Output(fmt, output, no_color, no_pager), provider)


@declare_command("A career roadmap from your level to a higher one.")
def plan(
    start: Annotated[
        str | None,
        level_option("--from", help="The level you are at now (1-4)."),
    ] = None,
    answers_files: Annotated[
        list[str] | None,
        option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Or: your answers file, to start from your assessed level.",
        ),
    ] = None,
    last: Annotated[
        bool, typer.Option("--last", help="Or: start from the level of your kept answers.")
    ] = False,
    target: Annotated[
        str | None,
        level_option(
            "--to", metavar="M", help="The level you want to reach (1-4). Default: the next one up."
        ),
    ] = None,
    focus: FocusOption = None,
    held: HeldOption = None,
    fmt: ReportFormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """A career roadmap: for each level up to the target, the roles, the work to take on,
    the experience people bring, and the courses in the order to take them.

    With none of --from, --answers and --last, the plan starts from your kept answers:
    the level the questionnaire placed you at last time.

    \b
    Example: pmo-advisor plan --from 1 --to 3 --focus planning
    """
    answers_file = one_answers_file(answers_files, "plan")
    shown = Output(fmt, output, no_color, no_pager)
    commands.plan(start, answers_file, target, focus or (), held or (), shown, last=last)


@declare_command("The activity ids answers take, with their level and focus.")
def activities(
    level: Annotated[
        str | None,
        level_option("--level", "-l", help="Only activities at level N (1-4)."),
    ] = None,
    focus: FocusOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """The activities your level is judged by: their ids, for --set activities=ID,ID or an
    answers file, with the level and focus area of each.

    \b
    Example: pmo-advisor activities --level 2 --focus planning
    """
    commands.activities(level, focus or (), Output(fmt, output, no_color, no_pager))


@declare_command("The JSON Schema of answers files or of the JSON output.")
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="answers (an answers file), result (--format json output), team"
            " (team --format json output) or advert (advert --format json output).",
            show_default=False,
            autocompletion=completion.schema_names,
        ),
    ],
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Print a JSON Schema (draft 2020-12), generated from the models the program uses:
    answers for answers files, result for the JSON output of every command but team and
    advert, team for the JSON output of team, advert for that of advert.

    \b
    Example: pmo-advisor schema answers -o answers.schema.json
    """
    commands.schema(name, Output(None, output, False, no_pager))


@declare_command("Training needs of a whole PMO team, from a roster.")
def team(
    roster: Annotated[
        str | None,
        typer.Argument(
            metavar="ROSTER",
            help="A CSV/TSV or .xlsx file with a header row, a JSON Lines file, a directory"
            " of answers files, or - for standard input.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Print only the team summary, not each person.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Report on the valid rows and list the invalid ones in the summary,"
            " instead of writing nothing.",
        ),
    ] = False,
    fmt: Annotated[
        str | None,
        option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"Output format: {', '.join(TEAM_FORMATS)} (csv: a row per person; html and"
            " xlsx: a report to share). Default: rich on a terminal, plain otherwise.",
            autocompletion=completion.team_formats,
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            metavar="COLUMN",
            help="Also sum up each group of people who share a value in this roster column"
            " (such as Department, or an answer key such as scope).",
        ),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="OLD_ROSTER",
            help="Also show what changed since an older roster: who joined, left and moved"
            " level, and the gaps closed and opened (people matched by id, else by name).",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        option(
            "--sheet",
            metavar="NAME",
            help="The sheet of an .xlsx roster to read. Default: the first.",
        ),
    ] = None,
    template: Annotated[
        bool,
        typer.Option(
            "--template",
            help="Write an empty roster to fill in (with -o roster.xlsx: drop-down lists)"
            " instead of reading one.",
        ),
    ] = False,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """A training-needs analysis for a whole PMO: each person's level, title, next step
    and courses, from the same rules as assess, and what they add up to: headcount per
    level, who is close to the next level, focus coverage, course demand, shared gaps
    and courses held.

    \b
    Roster columns (a header row; any order, any case; the first four required):
      name            who the row is about
      years           years in project support, PMO or delivery work
      scope           project, programme, portfolio or enterprise
      activities      activity ids, split by ; or , (pmo-advisor activities)
      id              a staff number (or Employee ID) for people of one name
      delivery, focus, team_size, title, qualifications, market
                      as in an answers file (pmo-advisor assess --help)
    Other columns (Department, Line Manager, ...) are kept as they are.
    To start from an empty roster with every column and an example row:
      pmo-advisor team --template -o roster.csv

    \b
    Example: pmo-advisor team roster.csv --summary --group-by Department
    """
    from pmo_advisor.cli.team import team as team_report

    team_report(
        roster,
        summary,
        skip_invalid,
        Output(fmt, output, no_color, no_pager),
        group_by=group_by,
        compare=compare,
        sheet=sheet,
        template=template,
    )
