"""The printed schedule sheet: who works where on each day of a period (landscape PDF).

Rows are employees grouped by unit, columns are days; each cell holds the day's code (K, R, L,
C...) tinted with the legend colour, weekend and holiday columns are shaded, and each unit ends
with a row of on-site totals (flagged where they fall below the unit's minimum cover). Below:
the legend, the holidays of the period and the approver's signature block. The header rows
repeat on every page.

Data in, PDF out: the service layer builds :class:`ScheduleSheetData` from an approved period
and calls :func:`build_schedule_pdf`. The data classes live in
:mod:`flexdesk.reports.schedule_sheet_data` and are importable from here.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from flexdesk.domain.dates import day_abbr, format_place_date, format_tanggal
from flexdesk.domain.people import format_nip
from flexdesk.reports.fasttable import FastTable
from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR
from flexdesk.reports.layout import (
    GRID,
    HEADER_FILL,
    Styles,
    esc,
    letterhead_flowables,
    page_size,
    signature_block,
    styles,
    text_block,
)
from flexdesk.reports.page_numbers import NumberedCanvas, SectionStart, numbered_canvas_maker
from flexdesk.reports.pdfio import write_output
from flexdesk.reports.schedule_sheet_data import (
    LegendEntry,
    ScheduleDay,
    ScheduleRow,
    ScheduleSheetData,
    SignatureBlock,
    UnitGroup,
    legend_colour,
    validate_sheet,
)
from flexdesk.reports.textcell import TextCell

MARGIN_X: Final = 12 * mm
MARGIN_TOP: Final = 10 * mm
MARGIN_BOTTOM: Final = 14 * mm
OFF_DAY_FILL: Final = colors.HexColor("#BDBDBD")
HOLIDAY_FILL: Final = colors.HexColor("#E8A8A8")
SHORTFALL_FILL: Final = colors.HexColor("#F4CCCC")
SHORTFALL_INK: Final = colors.HexColor("#B00000")
UNIT_FILL: Final = colors.HexColor("#D0D7E5")

Cmd = tuple[Any, ...]  #: one TableStyle command

__all__ = [
    "LegendEntry",
    "ScheduleDay",
    "ScheduleRow",
    "ScheduleSheetData",
    "SignatureBlock",
    "UnitGroup",
    "build_schedule_pdf",
    "build_schedule_pdf_bytes",
]

# --------------------------------------------------------------------------------------------
# Layout


def _column_widths(width: float, ndays: int) -> list[float]:
    """No, name and one column per day: day columns as wide as they can be while the name
    column keeps about 58 mm (a long name with gelar on two lines), at most 14 mm each."""
    no_w = 6 * mm
    day_w = min(14 * mm, max(4.5 * mm, (width - no_w - 58 * mm) / ndays))
    name_w = width - no_w - day_w * ndays
    return [no_w, name_w] + [day_w] * ndays


def _grid_head(days: Sequence[ScheduleDay], code_size: float) -> tuple[list[list[Any]], list[Cmd]]:
    """The two header rows (day of month, day name) and the table's base style; days off
    are shaded down the whole column, holidays in a reddish tone."""
    rows: list[list[Any]] = [
        [TextCell("No", FONT_BOLD, 7, align="center"), TextCell("Nama / NIP", FONT_BOLD, 7)]
        + [str(d.day.day) for d in days],
        ["", ""] + [day_abbr(d.day.weekday()) for d in days],
    ]
    cmd: list[Cmd] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), code_size),
        ("LEADING", (0, 0), (-1, -1), code_size + 1),
        ("FONTNAME", (2, 0), (-1, 0), FONT_BOLD),
        ("ALIGN", (2, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
    ]
    for c, d in enumerate(days, start=2):
        if d.off:
            cmd.append(("BACKGROUND", (c, 0), (c, -1), HOLIDAY_FILL if d.holiday else OFF_DAY_FILL))
    return rows, cmd


def _code_fills(codes: Sequence[str], r: int, fills: Mapping[str, colors.Color]) -> list[Cmd]:
    """Tint runs of equal codes in row ``r`` with one command each (keeps big sheets fast)."""
    cmd: list[Cmd] = []
    ndays = len(codes)
    c = 0
    while c < ndays:
        code = codes[c]
        end = c
        while end + 1 < ndays and codes[end + 1] == code:
            end += 1
        fill = fills.get(code) if code else None
        if fill is not None and fill != colors.white:
            cmd.append(("BACKGROUND", (c + 2, r), (end + 2, r), fill))
        c = end + 1
    return cmd


def _totals_row(unit: UnitGroup, r: int) -> tuple[list[Any], list[Cmd]]:
    """The unit's "Jumlah di kantor" row at index ``r``, days below the minimum marked."""
    totals = ["" if t is None else str(t) for t in unit.onsite_totals]
    cmd: list[Cmd] = [
        ("FONTNAME", (2, r), (-1, r), FONT_BOLD),
        ("LINEABOVE", (0, r), (-1, r), 0.9, GRID),
    ]
    if unit.minimum_onsite is not None:
        for c, t in enumerate(unit.onsite_totals, start=2):
            if t is not None and t < unit.minimum_onsite:
                cmd += [
                    ("BACKGROUND", (c, r), (c, r), SHORTFALL_FILL),
                    ("TEXTCOLOR", (c, r), (c, r), SHORTFALL_INK),
                ]
    return ["", TextCell("Jumlah di kantor", FONT_BOLD, 7), *totals], cmd


def _grid(data: ScheduleSheetData, width: float, st: Styles) -> LongTable:
    """The schedule grid: per unit a heading row, one row per employee with a cell per day
    tinted by its code, and the on-site totals."""
    ncols = len(data.days) + 2
    widths = _column_widths(width, len(data.days))
    code_size = 6.5 if widths[2] < 7 * mm else 7.5
    fills = {e.code: legend_colour(e) for e in data.legend}
    rows, cmd = _grid_head(data.days, code_size)
    number = 0
    for unit in data.units:
        r = len(rows)
        rows.append([TextCell(unit.name, FONT_BOLD, 7.5)] + [""] * (ncols - 1))
        cmd += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), UNIT_FILL)]
        for row in unit.rows:
            number += 1
            nip = format_nip(row.nip) if row.nip.strip() else ""
            who = f"<b>{esc(row.name)}</b>" + (
                f"<br/><font size='6'>{esc(nip)}</font>" if nip else ""
            )
            cmd += _code_fills(row.codes, len(rows), fills)
            rows.append([str(number), Paragraph(who, st.cell), *row.codes])
        if unit.onsite_totals:
            totals, totals_cmd = _totals_row(unit, len(rows))
            rows.append(totals)
            cmd += totals_cmd
    cmd.append(("ALIGN", (0, 2), (0, -1), "CENTER"))
    return FastTable(rows, colWidths=widths, repeatRows=2, style=TableStyle(cmd), hAlign="LEFT")


def _legend(data: ScheduleSheetData, width: float) -> list[Flowable]:
    """Codes with their colours in two columns, what the shading means, the holidays."""
    swatch_w = 8 * mm
    half = width / 2
    cells: list[list[Any]] = []
    cmd: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    entries = list(data.legend)
    per_column = -(-len(entries) // 2)
    for i in range(per_column):
        row: list[Any] = []
        for col, entry in enumerate((entries[i], *entries[i + per_column : i + per_column + 1])):
            c = 2 * col
            row += [entry.code, TextCell(entry.label, FONT_REGULAR, 7)]
            cmd += [
                ("BACKGROUND", (c, i), (c, i), legend_colour(entry)),
                ("BOX", (c, i), (c, i), 0.4, GRID),
            ]
        cells.append(row + [""] * (4 - len(row)))
    parts: list[Flowable] = [TextCell("Keterangan", FONT_BOLD, 7.5), Spacer(1, 2)]
    if cells:
        widths = [swatch_w, half - swatch_w, swatch_w, half - swatch_w]
        parts.append(FastTable(cells, colWidths=widths, style=TableStyle(cmd), hAlign="LEFT"))
    notes = [
        "Kolom abu-abu: akhir pekan. Kolom merah muda: hari libur nasional/cuti bersama. "
        "Angka merah pada baris jumlah: di bawah batas minimal pegawai di kantor."
    ]
    holidays = [d for d in data.days if d.holiday]
    if holidays:
        listed = "; ".join(
            format_tanggal(d.day) + (f": {d.holiday_name}" if d.holiday_name else "")
            for d in holidays
        )
        notes.append(f"Hari libur: {listed}.")
    if data.note.strip():
        notes.append(data.note)
    parts += [Spacer(1, 3), TextCell("\n".join(notes), FONT_REGULAR, 7)]
    return parts


def _signature(sig: SignatureBlock, st: Styles) -> list[Flowable]:
    top = format_place_date(sig.place, sig.sign_date) if sig.sign_date else sig.place
    nip = format_nip(sig.approver_nip) if sig.approver_nip.strip() else ""
    number = f"NIP. {nip}" if nip else ""
    return signature_block(
        top, sig.approver_title + ",", sig.approver_name, number, st, gap=15 * mm
    )


def _story(data: ScheduleSheetData, width: float) -> list[Flowable]:
    st = styles(8.0, 7.0)
    story: list[Flowable] = [SectionStart(0, f"{data.title.title()} · {data.period_label}")]
    story += letterhead_flowables(data.letterhead, width, st, logo_height=14 * mm)
    story += [
        text_block(data.title.upper(), st.title),
        text_block(f"Periode: {data.period_label}", st.subtitle),
        Spacer(1, 5),
        _grid(data, width, st),
        Spacer(1, 6),
    ]
    legend_w = width * 0.58
    sign = _signature(data.signature, st) if data.signature else ""
    story.append(
        KeepTogether(
            [
                Table(
                    [[_legend(data, legend_w), sign]],
                    colWidths=[legend_w + 8 * mm, width - legend_w - 8 * mm],
                    style=TableStyle(
                        [
                            ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (0, 0), 0),
                        ]
                    ),
                )
            ]
        )
    )
    return story


def _render(data: ScheduleSheetData, fh: BinaryIO) -> int:
    validate_sheet(data)
    width, height = page_size(data.paper, is_landscape=True)
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width - 2 * MARGIN_X,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        fh,
        pagesize=(width, height),
        pageTemplates=[PageTemplate(id="landscape", frames=[frame], pagesize=(width, height))],
        title=f"{data.title.title()} – {data.period_label}",
        author="FlexDesk",
        creator="FlexDesk",
        invariant=True,
    )
    holder: list[NumberedCanvas] = []
    doc.build(_story(data, width - 2 * MARGIN_X), canvasmaker=numbered_canvas_maker(holder))
    return holder[0].page_count


def build_schedule_pdf(data: ScheduleSheetData, out: Path | str | BinaryIO) -> int:
    """Print the schedule sheet (landscape A4 or F4) and return its page count.

    Written atomically when ``out`` is a path. Rows whose code count does not match the days,
    or a malformed legend colour, raise :class:`~flexdesk.errors.ValidationError`.
    """
    return write_output(out, lambda fh: _render(data, fh))


def build_schedule_pdf_bytes(data: ScheduleSheetData) -> bytes:
    buffer = io.BytesIO()
    build_schedule_pdf(data, buffer)
    return buffer.getvalue()
