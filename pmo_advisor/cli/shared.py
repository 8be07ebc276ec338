"""The flags several commands share, as typer reads them: --format, --output, --focus,
--held, --no-color and --no-pager. Annotations are evaluated at import, as in
:mod:`pmo_advisor.cli.flags`.
"""

from typing import Annotated, Any

import typer

from pmo_advisor import completion
from pmo_advisor.cli.options import FORMATS, REPORT_FORMATS


def option(*names: str, metavar: str, help: str, **extra: Any) -> Any:
    """An optional flag taking a value; none of them shows a default."""
    return typer.Option(*names, metavar=metavar, help=help, show_default=False, **extra)


def level_option(*names: str, help: str, metavar: str = "N") -> Any:
    """A flag taking a level number, completed with the levels and their stages."""
    return option(*names, metavar=metavar, help=help, autocompletion=completion.levels)


def scope_option(help: str) -> Any:
    """``--scope``, completed with the kinds of PMO."""
    return option("--scope", metavar="SCOPE", help=help, autocompletion=completion.scopes)


FormatOption = Annotated[
    str | None,
    option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(FORMATS)}. Default: rich on a terminal, plain otherwise.",
        autocompletion=completion.formats,
    ),
]
#: ``--format`` of assess, suggest and plan, which also write a one-page html plan.
ReportFormatOption = Annotated[
    str | None,
    option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(REPORT_FORMATS)} (a one-page plan to print or share)."
        " Default: rich on a terminal, plain otherwise.",
        autocompletion=completion.report_formats,
    ),
]
OutputOption = Annotated[
    str | None,
    option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (replaced in one step) instead of standard output.",
    ),
]
FocusOption = Annotated[
    list[str] | None,
    option(
        "--focus",
        metavar="FOCUS",
        help="Focus area ids such as planning (repeatable, or comma-separated).",
        autocompletion=completion.focus_ids,
    ),
]
HeldOption = Annotated[
    list[str] | None,
    option(
        "--held",
        metavar="COURSE",
        help="Course ids you already hold, such as prince2 (repeatable, or comma-separated);"
        " pmo-advisor courses lists them.",
        autocompletion=completion.course_ids,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colours, even on a terminal (also: NO_COLOR=1).")
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print long output on a terminal instead of paging it (also: PMO_ADVISOR_PAGER='').",
    ),
]
