"""An empty roster to send round a team: every column the roster reader knows, headed in
the questionnaire's own words, and one example row.

As a workbook (``.xlsx``) it also offers drop-down lists: the scope and the market are
chosen from the questionnaire's wording, and each activity and focus area has a Yes/No
column. Anything else is written as CSV, with the same header and example row. Both
read back as rosters as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pmo_advisor.answers.model import BY_ID

if TYPE_CHECKING:
    from pmo_advisor.knowledge import Knowledge

#: Rows of a workbook template that offer the drop-down lists (the header's included).
TEMPLATE_ROWS = 1_000
#: The example row's answers, as a person of the team would give them.
_EXAMPLE_ACTIVITIES = ("plan-schedule", "compile-status", "run-raid")
_EXAMPLE_FOCUS = ("planning", "risk")


def _header_and_example(knowledge: Knowledge) -> tuple[list[str], list[str]]:
    """The template's header row and its example row."""
    from pmo_advisor.answers.keys import activity_options, focus_options

    def label(key: str) -> str:
        return BY_ID[key].label

    scope = next(o.label for o in BY_ID["scope"].options(knowledge) if o.value == "programme")  # type: ignore[misc]
    market = knowledge.market("uk").name
    header = [
        "Name",
        "Employee ID",
        label("title"),
        label("years"),
        label("scope"),
        label("market"),
        label("team_size"),
        label("delivery"),
        label("qualifications"),
    ]
    example = [
        "Alex Example",
        "E0001",
        "PMO Analyst",
        "4",
        scope,
        market,
        "0",
        "",
        "PRINCE2 Foundation; P3O Foundation",
    ]
    for option in activity_options(knowledge):
        header.append(f"Activity: {option.label}")
        example.append("Yes" if option.value in _EXAMPLE_ACTIVITIES else "No")
    for option in focus_options(knowledge):
        header.append(f"Focus: {option.label}")
        example.append("Yes" if option.value in _EXAMPLE_FOCUS else "No")
    return header, example


def template_csv(knowledge: Knowledge) -> str:
    """The template as CSV text: the header and the example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(_header_and_example(knowledge))
    return buffer.getvalue()


def template_xlsx(knowledge: Knowledge) -> bytes:
    """The template as an Excel workbook: a sheet "Roster" with the header (frozen,
    filters on), the example row, and drop-down lists under the scope, the market and
    every Yes/No column; a sheet "Lists" holds the choices the lists offer."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header, example = _header_and_example(knowledge)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Roster"
    sheet.append(header)
    sheet.append([_typed(cell) for cell in example])
    sheet.freeze_panes = "B2"
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A1:{last}{TEMPLATE_ROWS}"
    for number, text in enumerate(header, 1):
        cell = sheet.cell(row=1, column=number)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = min(max(len(text), 12), 28)
    sheet.row_dimensions[1].height = 60
    lists = book.create_sheet("Lists")
    scopes = [o.label for o in BY_ID["scope"].options(knowledge)]  # type: ignore[misc]
    markets = [m.name for m in knowledge.markets]
    choices = {"scope": scopes, "market": markets, "yes/no": ["Yes", "No"]}
    ranges: dict[str, str] = {}
    for column, (what, values) in enumerate(choices.items(), 1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=what)
        for row, value in enumerate(values, 2):
            lists.cell(row=row, column=column, value=value)
        ranges[what] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"

    def drop_down(what: str, columns: Sequence[int], prompt: str) -> None:
        validation = DataValidation(
            type="list",
            formula1=f"={ranges[what]}",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            promptTitle=what.capitalize()[:32],
            prompt=prompt[:255],
            errorTitle="Not in the list",
            error="Choose from the list.",
        )
        for column in columns:
            letter = get_column_letter(column)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)

    drop_down("scope", [5], BY_ID["scope"].prompt)
    drop_down("market", [6], BY_ID["market"].prompt)
    flags = [n for n, text in enumerate(header, 1) if text.startswith(("Activity:", "Focus:"))]
    drop_down("yes/no", flags, "Yes if this is part of the person's work, No if not.")
    for column, key in ((4, "years"), (7, "team_size")):
        definition = BY_ID[key]
        bounds = DataValidation(
            type="whole" if definition.whole else "decimal",
            operator="between",
            formula1="0",
            formula2=str(definition.high),
            allow_blank=True,
            showErrorMessage=True,
            error=f"A number from 0 to {definition.high}.",
        )
        letter = get_column_letter(column)
        bounds.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(bounds)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _typed(cell: str) -> str | int:
    """A cell as a spreadsheet would hold it: numbers as numbers."""
    return int(cell) if cell.isdigit() else cell
