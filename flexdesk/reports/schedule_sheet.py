"""The printed schedule sheet: who works where on each day of a period (landscape PDF).

Rows are employees grouped by unit, columns are days; each cell holds the day's code (K, R, L,
C...) tinted with the legend colour, weekend and holiday columns are shaded, and each unit ends
with a row of on-site totals (flagged where they fall below the unit's minimum cover). Below:
the legend, the holidays of the period and the approver's signature block. The header rows
repeat on every page.

Data in, PDF out: the service layer builds :class:`ScheduleSheetData` from an approved period
and calls :func:`build_schedule_pdf`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
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
from flexdesk.errors import ValidationError
from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR
from flexdesk.reports.layout import (
    GRID,
    HEADER_FILL,
    Letterhead,
    PaperName,
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
from flexdesk.reports.textcell import FastTable, TextCell

MARGIN_X: Final = 12 * mm
MARGIN_TOP: Final = 10 * mm
MARGIN_BOTTOM: Final = 14 * mm
OFF_DAY_FILL: Final = colors.HexColor("#BDBDBD")
HOLIDAY_FILL: Final = colors.HexColor("#E8A8A8")
SHORTFALL_FILL: Final = colors.HexColor("#F4CCCC")
SHORTFALL_INK: Final = colors.HexColor("#B00000")
UNIT_FILL: Final = colors.HexColor("#D0D7E5")

# --------------------------------------------------------------------------------------------
# Input data


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    """One column: the date and whether it is a weekend or a holiday (cuti bersama too)."""

    day: date
    weekend: bool = False
    holiday: bool = False
    holiday_name: str = ""

    @property
    def off(self) -> bool:
        return self.weekend or self.holiday


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A code as printed in the grid, what it means, and its cell colour ("#RRGGBB")."""

    code: str
    label: str
    colour: str = "#FFFFFF"


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One employee: printed name (with gelar), NIP (may be empty) and one code per day."""

    name: str
    nip: str
    codes: Sequence[str]


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """A work unit's rows and its on-site headcount per day (``None`` on days off)."""

    name: str
    rows: Sequence[ScheduleRow]
    onsite_totals: Sequence[int | None] = ()
    #: cover the office policy requires; totals below it are flagged in red
    minimum_onsite: int | None = None


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    place: str
    sign_date: date | None
    approver_title: str  # e.g. "Kepala UPTD Puskesmas Cigugur"
    approver_name: str
    approver_nip: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleSheetData:
    title: str
    letterhead: Letterhead
    period_label: str
    days: Sequence[ScheduleDay]
    units: Sequence[UnitGroup]
    legend: Sequence[LegendEntry]
    signature: SignatureBlock | None = None
    paper: PaperName = "A4"
    note: str = ""


# --------------------------------------------------------------------------------------------
# Validation


def _invalid(message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en)


def _colour(entry: LegendEntry) -> colors.Color:
    try:
        return colors.HexColor(entry.colour)
    except (ValueError, TypeError) as exc:
        raise _invalid(
            f"Warna legenda untuk kode {entry.code!r} tidak valid: {entry.colour!r} "
            "(gunakan format #RRGGBB).",
            f"Invalid legend colour for code {entry.code!r}: {entry.colour!r} (use #RRGGBB).",
        ) from exc


def _validate(data: ScheduleSheetData) -> None:
    n = len(data.days)
    if n == 0:
        raise _invalid("Jadwal tidak memuat satu hari pun.", "The schedule has no days.")
    for unit in data.units:
        for row in unit.rows:
            if len(row.codes) != n:
                raise _invalid(
                    f"Baris {row.name} ({unit.name}) berisi {len(row.codes)} kode, padahal "
                    f"periodenya {n} hari.",
                    f"Row {row.name} ({unit.name}) has {len(row.codes)} codes for a {n}-day "
                    "period.",
                )
        if unit.onsite_totals and len(unit.onsite_totals) != n:
            raise _invalid(
                f"Jumlah di kantor untuk unit {unit.name} berisi {len(unit.onsite_totals)} "
                f"angka, padahal periodenya {n} hari.",
                f"On-site totals for unit {unit.name} have {len(unit.onsite_totals)} values for "
                f"a {n}-day period.",
            )


# --------------------------------------------------------------------------------------------
# Layout


def _column_widths(width: float, ndays: int) -> list[float]:
    """No, name and one column per day: day columns as wide as they can be while the name
    column keeps about 58 mm (a long name with gelar on two lines), at most 14 mm each."""
    no_w = 6 * mm
    day_w = min(14 * mm, max(4.5 * mm, (width - no_w - 58 * mm) / ndays))
    name_w = width - no_w - day_w * ndays
    return [no_w, name_w] + [day_w] * ndays


def _grid(data: ScheduleSheetData, width: float, st: Styles) -> LongTable:
    days = data.days
    ndays = len(days)
    ncols = ndays + 2
    widths = _column_widths(width, ndays)
    code_size = 6.5 if widths[2] < 7 * mm else 7.5
    fills = {e.code: _colour(e) for e in data.legend}

    rows: list[list[Any]] = [
        [TextCell("No", FONT_BOLD, 7, align="center"), TextCell("Nama / NIP", FONT_BOLD, 7)]
        + [str(d.day.day) for d in days],
        ["", ""] + [day_abbr(d.day.weekday()) for d in days],
    ]
    cmd: list[tuple[Any, ...]] = [
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
    # Days off: the whole column is shaded, header included; holidays in a reddish tone.
    for c, d in enumerate(days, start=2):
        if d.off:
            cmd.append(("BACKGROUND", (c, 0), (c, -1), HOLIDAY_FILL if d.holiday else OFF_DAY_FILL))

    number = 0
    for unit in data.units:
        r = len(rows)
        rows.append([TextCell(unit.name, FONT_BOLD, 7.5)] + [""] * (ncols - 1))
        cmd += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), UNIT_FILL)]
        for row in unit.rows:
            number += 1
            r = len(rows)
            nip = format_nip(row.nip) if row.nip.strip() else ""
            who = f"<b>{esc(row.name)}</b>" + (
                f"<br/><font size='6'>{esc(nip)}</font>" if nip else ""
            )
            rows.append([str(number), Paragraph(who, st.cell), *row.codes])
            # Tint runs of equal codes with one command each (keeps big sheets fast).
            c = 0
            while c < ndays:
                code = row.codes[c]
                end = c
                while end + 1 < ndays and row.codes[end + 1] == code:
                    end += 1
                fill = fills.get(code) if code else None
                if fill is not None and fill != colors.white:
                    cmd.append(("BACKGROUND", (c + 2, r), (end + 2, r), fill))
                c = end + 1
        if unit.onsite_totals:
            r = len(rows)
            totals = ["" if t is None else str(t) for t in unit.onsite_totals]
            rows.append(["", TextCell("Jumlah di kantor", FONT_BOLD, 7), *totals])
            cmd += [
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
                ("BACKGROUND", (c, i), (c, i), _colour(entry)),
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
    _validate(data)
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
