"""``team``: a roster read by the Advisor, its problems reported, then the report
written as it is made."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pmo_advisor.cli import options, present
from pmo_advisor.cli.present import Output
from pmo_advisor.errors import InputError

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge

#: Kept columns named on standard error; a roster of hundreds names the first.
KEPT_NAMED = 20


def team(
    roster: str | None,
    summary_only: bool,
    skip_invalid: bool,
    output: Output,
    *,
    group_by: str | None = None,
    compare: str | None = None,
    sheet: str | None = None,
    template: bool = False,
) -> None:
    """Print the advice for everyone on a roster, and what it adds up to; or, with
    ``template``, write an empty roster to fill in."""
    from pmo_advisor.advisor import Advisor
    from pmo_advisor.roster import open_roster
    from pmo_advisor.teampeople import People
    from pmo_advisor.teamreport import PROBLEMS_LISTED, TeamReport

    if template:
        if roster is not None:
            raise InputError(
                "--template writes an empty roster, and reads none",
                "Leave out the roster: pmo-advisor team --template -o roster.xlsx",
            )
        options.check_outputs(output.file, None)
        _write_template(Advisor().knowledge, output.file)
        return
    if roster is None:
        raise InputError(
            "team needs a roster",
            "For example: pmo-advisor team roster.csv, or pmo-advisor team --template -o"
            " roster.xlsx for one to fill in.",
        )

    chosen = options.output_format(output.format, options.TEAM_FORMATS)
    chosen = chosen or options.format_for_file(output.file, options.TEAM_FORMATS)
    if group_by is not None and not group_by.strip():
        raise InputError("--group-by needs a column name", "For example: --group-by Department")
    if compare == "-" and roster == "-":
        raise InputError(
            "--compare - and the roster - would both read standard input",
            "Give at least one of the two rosters as a file.",
        )
    options.check_outputs(output.file, None, None if roster == "-" else roster)
    if compare is not None and compare != "-":
        options.check_outputs(output.file, None, compare)
    advisor = Advisor()
    # Every setting the run uses is read before the roster is: a mistake in one is
    # reported at once, not after a million rows. The market is for rows that name none.
    market = options.configured_market(advisor.knowledge)
    renderer = present.renderer(advisor.knowledge, chosen, output)
    if renderer.binary:
        present.refuse_binary_on_terminal(output, "An xlsx workbook", "report.xlsx")
    on_terminal = output.file is None and sys.stdout is not None and sys.stdout.isatty()
    if on_terminal and not output.no_pager:
        from pmo_advisor.settings import setting

        setting("pager")
    stdin = None if sys.stdin is None else sys.stdin.buffer
    change = None
    if compare is not None:
        from pmo_advisor.teamtally import changes

        # The older roster first: a problem in it stops the run before the new one is read.
        old_source = open_roster(compare, stdin)
        try:
            options.check_roster_output(output.file, old_source)
            old_run = advisor.team(
                old_source,
                market=market,
                stop_after=None if skip_invalid else PROBLEMS_LISTED,
                index_people=True,
            )
            old_run.summary  # noqa: B018  (reads it all)
        finally:
            old_source.close()
        present.refuse_roster_problems(old_run, old_source, skip_invalid)
    source = open_roster(roster, stdin, sheet=sheet)
    if source.kept:
        shown = ", ".join(source.kept[:KEPT_NAMED])
        more = len(source.kept) - KEPT_NAMED
        present.say(f"kept as they are: {shown}" + (f" and {more} more" if more > 0 else ""))
    # Nothing is written until every row has been read and found valid, so the people
    # are kept, packed (a few bytes each beyond their names), until the report is made.
    people = None if summary_only else People()
    try:
        options.check_roster_output(output.file, source)
        with present.progress(source.progress) as tick:
            run = advisor.team(
                source,
                market=market,
                progress=tick,
                # Without --skip-invalid a problem stops the run: once enough are found to
                # be worth fixing, reading on would only make the refusal slower.
                stop_after=None if skip_invalid else PROBLEMS_LISTED,
                group_by=group_by,
                index_people=compare is not None,
            )
            for member in run.people:
                if people is not None:
                    people.append(member.name, member.advice, member.id, member.extra)
            summary = run.summary
    finally:
        source.close()
    present.refuse_roster_problems(run, source, skip_invalid)
    groups = run.groups
    if compare is not None:
        change = changes(old_run, run)
    report = TeamReport(
        source.label,
        summary,
        people=people,
        group_by=group_by,
        groups=groups,
        compare=change,
        columns=source.kept,
        has_ids=source.has_ids,
    )
    if renderer.binary:
        present.write_binary(lambda stream: renderer.team_binary(report, stream), output.file)
        return
    if on_terminal:  # read there, and perhaps paged: the whole text is needed
        present.write(renderer.render(report), output.file, output)
        return
    # Written as it is made: a large roster's report is never held whole. Every row was
    # checked above, so nothing can stop it half-way but the reader going away.
    present.write_pieces(renderer.team_pieces(report), output.file)


def _write_template(knowledge: Knowledge, output: str | None) -> None:
    """Write an empty roster: a workbook for a ``.xlsx`` name, CSV for any other name
    or for standard output."""
    from pathlib import Path

    from pmo_advisor.roster.template import template_csv, template_xlsx

    if output is None or output == "-" or Path(output).suffix.casefold() != ".xlsx":
        present.write(template_csv(knowledge), output)
        return
    from pmo_advisor.output import write_binary

    write_binary(output, template_xlsx(knowledge), "--output")
    present.saved(output)
