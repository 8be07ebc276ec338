"""``team``: a roster read by the Advisor, its problems reported, then the report
written as it is made."""

from __future__ import annotations

import sys

from pmo_advisor.cli import options, present
from pmo_advisor.cli.present import Output
from pmo_advisor.errors import InputError
from pmo_advisor.render import TeamFormat


def team(roster: str, summary_only: bool, skip_invalid: bool, output: Output) -> None:
    """Print the advice for everyone on a roster, and what it adds up to."""
    from pmo_advisor.advisor import Advisor
    from pmo_advisor.roster import open_roster
    from pmo_advisor.teamreport import PROBLEMS_LISTED, People, TeamReport

    chosen = options.output_format(output.format, options.TEAM_FORMATS)
    chosen = chosen or options.format_for_file(output.file, options.TEAM_FORMATS)
    if chosen is TeamFormat.csv and summary_only:
        raise InputError(
            "--summary leaves the people out, but --format csv or a CSV file has a row per person",
            "For the summary alone choose json, plain, markdown or rich, or write a .json,"
            " .md or .txt file.",
        )
    options.check_outputs(output.file, None, None if roster == "-" else roster)
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
    source = open_roster(roster, stdin)
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
            )
            for member in run.people:
                if people is not None:
                    people.append(member.name, member.advice)
            summary = run.summary
    finally:
        source.close()
    present.refuse_roster_problems(run, source, skip_invalid)
    report = TeamReport(source.label, summary, people=people)
    if renderer.binary:
        present.write_binary(lambda stream: renderer.team_binary(report, stream), output.file)
        return
    if on_terminal:  # read there, and perhaps paged: the whole text is needed
        present.write(renderer.render(report), output.file, output)
        return
    # Written as it is made: a large roster's report is never held whole. Every row was
    # checked above, so nothing can stop it half-way but the reader going away.
    present.write_pieces(renderer.team_pieces(report), output.file)
