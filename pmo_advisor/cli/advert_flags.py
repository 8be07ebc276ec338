"""The ``advert`` command's flags and help, registered after the commands of
:mod:`pmo_advisor.cli.flags` (kept apart so that neither module grows past a reader's
view). As there, annotations are evaluated at import, which typer reads fastest.
"""

from typing import Annotated

import typer

from pmo_advisor import completion
from pmo_advisor.cli.assess import AnswerSources
from pmo_advisor.cli.flags import declare_command as command
from pmo_advisor.cli.options import CSV_FORMATS, one_answers_file
from pmo_advisor.cli.present import Output
from pmo_advisor.cli.shared import NoColorOption, NoPagerOption, OutputOption, option


@command("Read a job advert: its real level, its demands, and your fit.")
def advert(
    adverts: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ADVERT...",
            help="Advert files (plain text, Markdown, or a saved web page .html), a folder"
            " of them, or - for standard input.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        option("--title", metavar="TITLE", help="The advert's title, if not its first line."),
    ] = None,
    answers_files: Annotated[
        list[str] | None,
        option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Your answers file, to see how the advert fits you; - reads standard input.",
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        option(
            "--set",
            metavar="KEY=VALUE",
            help="An answer of yours, overriding the file (repeatable), for the fit.",
            autocompletion=completion.set_values,
        ),
    ] = None,
    last: Annotated[
        bool,
        typer.Option("--last", help="Weigh the advert against the answers you gave last time."),
    ] = False,
    fmt: Annotated[
        str | None,
        option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"Output format: {', '.join(CSV_FORMATS)} (a row per advert)."
            " Default: rich on a terminal, plain otherwise.",
            autocompletion=completion.csv_formats,
        ),
    ] = None,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Read a job advert whole: the level its demands place it at (by the same rules
    that place a person), each demand quoted, what was set aside, the title against the
    text, whether it is a PMO job at all, and its market. With your answers (--last,
    --answers or --set), how it fits you: each demand met, partly or not, and what your
    plan says to do about each gap. Several files or a folder: a line each and a summary.
    An advert may be up to 2 MB; a saved web page is read as it is, never fetched.

    \b
    Example: pmo-advisor advert job.md --last
    """
    from pmo_advisor.cli.advert import advert as read_adverts

    person = None
    if answers_files or set_values or last:
        person = AnswerSources(
            one_answers_file(answers_files, "advert"), tuple(set_values or ()), last=last
        )
    read_adverts(adverts or [], title, person, Output(fmt, output, no_color, no_pager))
