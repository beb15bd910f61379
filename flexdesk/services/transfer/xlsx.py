"""Writing spreadsheets: one XLSX sheet layout for every export, and formula-injection guards.

Library choice: exports are written with **XlsxWriter**. In our benchmark it writes the same
cells about twice as fast as openpyxl's write-only mode, it can stream rows to disk
(``constant_memory``) so even a million-row log fits in a few megabytes, and it covers
everything the sheets need (frozen panes, column widths, number formats with an Indonesian
locale, data-validation lists, print set-up for A4 and Folio/F4). XlsxWriter cannot read files,
so imports read with openpyxl (``tabular.py``). Up to :data:`STREAM_ABOVE` rows the cells are
kept in memory instead, so repeated texts (names, units, RHK) go to the shared-strings table:
about 30% faster and smaller files, for about 150 MB while 100,000 x 15 cells are written.

Formula injection (CSV/XLSX injection, OWASP): a cell of user text that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return may be run as a formula by a spreadsheet program
(``=cmd|' /C calc'!A0`` is the classic DDE payload). Two guards, one per format:

* XLSX: user text is always written as a *string* cell (never XlsxWriter's ``write()``, which
  turns text starting with ``=`` into a formula), and a risky one carries Excel's
  ``quotePrefix`` flag, so editing the cell in Excel keeps it text. The text itself stays
  exactly what the user typed, so an exported file imports back unchanged.
* CSV: the text is prefixed with an apostrophe (``'=cmd…``), the OWASP recommendation; our
  own importers remove that apostrophe again (:func:`unneutralise`). Both guards live in
  ``services/cell_safety.py``, where the schedule and recap CSV exports use them too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

import xlsxwriter

from flexdesk.errors import Cancelled
from flexdesk.reports.pdfio import atomic_output
from flexdesk.services.cell_safety import RISKY_START, is_risky

#: tables with more rows than this are streamed to disk (constant memory)
STREAM_ABOVE = 150_000

ColumnKind = Literal["text", "number", "integer", "date", "percent"]
ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

#: XlsxWriter paper indices: 9 = A4, 14 = Folio 8.5 x 13 in (216 x 330 mm, the F4 offices use)
PAPER_INDEX = {"A4": 9, "F4": 14}
#: Indonesian (LCID 0x421) long date: "12 Maret 2026" whatever the PC's own locale
DATE_FORMAT = "[$-421]d mmmm yyyy"
NUMBER_FORMAT = "#,##0.##"
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


def _no_progress(done: int, total: int, text: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Column:
    """One column of an exported table: header text, kind of value, width in characters."""

    header: str
    kind: ColumnKind = "text"
    width: float = 14


@dataclass(frozen=True)
class SheetSpec:
    """A table sheet: title and cover lines above the header, the columns, print set-up."""

    name: str
    title: str
    columns: tuple[Column, ...]
    cover: tuple[str, ...] = ()  #: lines under the title (office, period, filters)
    paper: str = "A4"
    landscape: bool = True


@dataclass
class Book:
    """An open XLSX workbook with the shared formats (use :func:`xlsx_output`)."""

    workbook: Any
    formats: dict[str, Any] = field(default_factory=dict)

    def fmt(self, name: str, **props: Any) -> Any:
        """A cached cell format (XlsxWriter wants each distinct format created once)."""
        if name not in self.formats:
            self.formats[name] = self.workbook.add_format(props)
        return self.formats[name]


@contextlib.contextmanager
def xlsx_output(out: Path, *, rows: int = 0) -> Iterator[Book]:
    """A workbook that becomes ``out`` only if the ``with`` block succeeds (atomic, like the
    PDFs); on an error or a cancel its streamed temporary files are closed and nothing is left."""
    with atomic_output(Path(out)) as fh:
        book = open_book(fh, stream=rows > STREAM_ABOVE)
        try:
            yield book
        except BaseException:
            discard(book)
            raise
        book.workbook.close()


def discard(book: Book) -> None:
    """Close a workbook's temporary row files without writing it (constant-memory mode)."""
    for sheet in book.workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()


def open_book(out: BinaryIO, *, stream: bool = True) -> Book:
    """A workbook writing to ``out``; ``stream``: rows go to disk as written (in order only)."""
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": stream,
            # user text is never read as a formula, number or URL behind our back
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    return Book(workbook)


def _cell_format(book: Book, kind: ColumnKind) -> Any:
    if kind == "date":
        return book.fmt("date", num_format=DATE_FORMAT, valign="top")
    if kind == "number":
        return book.fmt("number", num_format=NUMBER_FORMAT, valign="top")
    if kind == "integer":
        return book.fmt("integer", num_format=INTEGER_FORMAT, valign="top")
    if kind == "percent":
        return book.fmt("percent", num_format=PERCENT_FORMAT, valign="top")
    return book.fmt("text", valign="top")


def write_value(
    book: Book, sheet: Any, row: int, col: int, value: object, *, kind: ColumnKind = "text"
) -> None:
    """Write one cell by its column kind; text always as a string cell (see module docstring)."""
    if value is None or value == "":
        return
    if kind in ("number", "integer", "percent") and isinstance(value, int | float):
        sheet.write_number(row, col, value, _cell_format(book, kind))
        return
    if kind == "date" and isinstance(value, date | datetime):
        sheet.write_datetime(row, col, value, _cell_format(book, kind))
        return
    text = str(value)
    if is_risky(text):
        sheet.write_string(row, col, text, book.fmt("quoted", quote_prefix=True, valign="top"))
    else:
        sheet.write_string(row, col, text, _cell_format(book, "text"))


def start_sheet(book: Book, spec: SheetSpec) -> tuple[Any, int]:
    """Add a sheet with title, cover lines and the header row; return it and the first data row.

    The header row is frozen and repeated on every printed page; the sheet prints landscape (or
    portrait), fitted to the page width, on A4 or F4.
    """
    sheet = book.workbook.add_worksheet(spec.name[:31])
    title = book.fmt("title", bold=True, font_size=13)
    header = book.fmt(
        "header", bold=True, bg_color="#E6E6E6", border=1, text_wrap=True, valign="vcenter"
    )
    for col, column in enumerate(spec.columns):
        sheet.set_column(col, col, column.width)
    sheet.write_string(0, 0, spec.title, title)
    row = 1
    for line in spec.cover:
        write_value(book, sheet, row, 0, line)
        row += 1
    row += 1 if spec.cover else 0
    for col, column in enumerate(spec.columns):
        sheet.write_string(row, col, column.header, header)
    sheet.freeze_panes(row + 1, 0)
    sheet.repeat_rows(row)
    sheet.autofilter(row, 0, row, max(len(spec.columns) - 1, 0))
    setup_print(sheet, spec.paper, landscape=spec.landscape)
    return sheet, row + 1


def setup_print(sheet: Any, paper: str, *, landscape: bool = True) -> None:
    """Landscape (or portrait), fit to one page wide, paper A4 or F4, page numbers below."""
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(PAPER_INDEX.get(paper.upper(), PAPER_INDEX["A4"]))
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer("&CHalaman &P dari &N")


def write_rows(
    book: Book,
    sheet: Any,
    first_row: int,
    spec: SheetSpec,
    rows: Iterable[Sequence[object]],
    *,
    total: int = 0,
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """Write ``rows`` under the header; return how many. Polls ``is_cancelled`` every 1,000.

    The same cells as :func:`write_value`, with the formats looked up once per column: this
    loop runs a million times for a large output log.
    """
    kinds = [c.kind for c in spec.columns]
    formats = [_cell_format(book, k) for k in kinds]
    quoted = book.fmt("quoted", quote_prefix=True, valign="top")
    text_fmt = _cell_format(book, "text")
    write_string, write_number = sheet.write_string, sheet.write_number
    n = 0
    for n, values in enumerate(rows, 1):
        r = first_row + n - 1
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            kind = kinds[col] if col < len(kinds) else "text"
            if kind != "text":
                if isinstance(value, int | float) and kind != "date":
                    write_number(r, col, value, formats[col])
                    continue
                if kind == "date" and isinstance(value, date):
                    write_number(r, col, excel_serial(value), formats[col])
                    continue
            text = value if isinstance(value, str) else str(value)
            write_string(r, col, text, quoted if text.startswith(RISKY_START) else text_fmt)
        if n % 1000 == 0:
            if is_cancelled():
                raise Cancelled()
            progress(n, total, "")
    return n


_EPOCH = date(1899, 12, 30)


def excel_serial(value: date) -> float:
    """Excel's day number of a date (1900 date system; exact for dates after February 1900)."""
    if isinstance(value, datetime):
        midnight = datetime(value.year, value.month, value.day)
        return (value.date() - _EPOCH).days + (value - midnight).total_seconds() / 86400
    return float((value - _EPOCH).days)


def write_table_file(
    out: Path,
    spec: SheetSpec,
    rows: Iterable[Sequence[object]],
    *,
    total: int = 0,
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """One-sheet XLSX at ``out``, written atomically (a cancel leaves no file); rows written."""
    with xlsx_output(Path(out), rows=total) as book:
        sheet, first = start_sheet(book, spec)
        return write_rows(
            book,
            sheet,
            first,
            spec,
            rows,
            total=total,
            progress=progress,
            is_cancelled=is_cancelled,
        )
