"""Password slips: one cut-out slip per new account with its one-time password (A4 or F4).

The admin prints the sheet, cuts along the dashed lines and hands each employee their slip.
The password is printed nowhere else and is not stored (only its argon2 hash); sign-in asks
for a new password the first time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from flexdesk.reports.fonts import FONT_BOLD
from flexdesk.reports.layout import page_size, styles, text_block
from flexdesk.reports.pdfio import write_output

SLIPS_PER_ROW = 2


@dataclass(frozen=True)
class Slip:
    """What one slip shows."""

    name: str
    nip: str
    unit: str
    username: str
    password: str


def _slip(slip: Slip, office: str) -> list[object]:
    st = styles(9.0, 8.0)
    lines: list[object] = [
        text_block(office, st.small),
        text_block("Akun FlexDesk", st.body_bold),
        text_block(slip.name, st.body),
        text_block(f"NIP: {slip.nip}" if slip.nip else "", st.small),
        text_block(slip.unit, st.small),
        text_block(f"Nama pengguna: {slip.username}", st.body),
        text_block("Kata sandi sementara:", st.body),
        Table(
            [[slip.password]],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT_BOLD),
                    ("FONTSIZE", (0, 0), (-1, -1), 13),
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
            hAlign="LEFT",
        ),
        text_block(
            "Wajib diganti saat masuk pertama kali. Jangan berikan kepada orang lain.", st.small
        ),
    ]
    return lines


def build_slips(
    out: Path | BinaryIO, office: str, slips: Sequence[Slip], *, paper: str = "A4"
) -> int:
    """Write the slips (two per row, dashed cut lines) to ``out``; returns the page count."""
    size = page_size(paper)
    width = size[0] - 24 * mm
    cells: list[object] = [_slip(s, office) for s in slips]
    cells += [""] * (-len(cells) % SLIPS_PER_ROW)
    rows = [cells[i : i + SLIPS_PER_ROW] for i in range(0, len(cells), SLIPS_PER_ROW)]
    table = Table(
        rows or [[""]],
        colWidths=[width / SLIPS_PER_ROW] * SLIPS_PER_ROW,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey, None, (3, 3)),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
        repeatRows=0,
    )
    pages: list[int] = []

    def render(fh: BinaryIO) -> None:
        doc = SimpleDocTemplate(
            fh,
            pagesize=size,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=12 * mm,
            bottomMargin=12 * mm,
            title="Slip akun FlexDesk",
        )
        doc.build([table])
        pages.append(doc.page)

    write_output(out, render)
    return pages[0] if pages else 0
