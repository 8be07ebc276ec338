"""``team``: a roster read by the Advisor, its problems reported, then the report
written as it is made."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pmo_advisor.cli import options, present
from pmo_advisor.cli.present import Output
from pmo_advisor.errors import InputError
from pmo_advisor.render import TeamFormat
from pmo_advisor.text import quoted

if TYPE_CHECKING:
    from pmo_advisor.roster import Roster
    from pmo_advisor.team import TeamRun


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
    _refuse_problems(run, source, skip_invalid)
    report = TeamReport(source.label, summary, people)
    if on_terminal:  # read there, and perhaps paged: the whole text is needed
        present.write(renderer.render(report), output.file, output)
        return
    # Written as it is made: a large roster's report is never held whole. Every row was
    # checked above, so nothing can stop it half-way but the reader going away.
    present.write_pieces(renderer.team_pieces(report), output.file)


def _refuse_problems(run: TeamRun, source: Roster, skip_invalid: bool) -> None:
    """Report a roster's repeated names and invalid rows on standard error, and stop
    the run for them (invalid rows only without --skip-invalid), or for an empty one."""
    from pmo_advisor.team import describe_row
    from pmo_advisor.teamreport import PROBLEMS_KEPT, PROBLEMS_LISTED

    if run.duplicates:
        repeats = run.duplicates
        shown = [f"  {quoted(name)} at {where}" for name, where in repeats.items[:PROBLEMS_LISTED]]
        more = repeats.count - len(shown)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        if run.stopped:
            tail += "\n  (reading stopped there: fix these and run again for any others)"
        raise InputError(
            f"{source.label}: names must be unique, and these repeat a name given earlier:\n"
            + "\n".join(shown)
            + tail,
            "Tell the people apart, for example with an initial or a staff number.",
        )
    invalid = run.invalid
    noun = source.unit.removeprefix("the ")  # "row", or "file" for a directory
    for row in invalid.items[:PROBLEMS_LISTED]:
        present.say(describe_row(source.label, row))
    if len(invalid) > PROBLEMS_LISTED:
        present.say(
            f"... and {len(invalid) - PROBLEMS_LISTED:,} more invalid {noun}s:"
            f" --skip-invalid --format json lists the first {PROBLEMS_KEPT:,};"
            " fix those and run again for the rest"
        )
    if invalid and not skip_invalid:
        found = f"{len(invalid)} invalid {noun}{'s' if len(invalid) > 1 else ''}"
        if run.stopped:
            found = f"at least {found} (reading stopped there)"
        raise InputError(
            f"{found} in {source.label}; no report was written",
            f"Fix the {noun}s listed above, or leave them out of the report with --skip-invalid.",
        )
    if not invalid and not run.summary.people:
        raise InputError(
            f"{source.label} has nobody in it: a roster needs a row per person",
            "Add a row per person below the header.",
        )
