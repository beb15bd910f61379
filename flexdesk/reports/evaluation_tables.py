"""The tables of the printed evaluation form, each built from :class:`EvaluationFormData`:
identity blocks, HASIL KERJA (grouped A. UTAMA / B. TAMBAHAN), PERILAKU KERJA, and the closing
block of ratings, catatan and signatures. :mod:`flexdesk.reports.evaluation_form` puts them on
pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from reportlab.platypus import Flowable, KeepTogether, LongTable, Spacer, TableStyle

from flexdesk.domain.dates import format_place_date
from flexdesk.domain.performance import Predikat, Rating
from flexdesk.reports.evaluation_data import EvaluationFormData, Indikator, Person, RhkRow
from flexdesk.reports.fasttable import FastTable
from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR
from flexdesk.reports.layout import GRID, HEADER_FILL, Styles, signature_block, text_block
from flexdesk.reports.textcell import Align, TextCell, text_width

_BOX = 0.5  # line width of table grids

# HASIL KERJA columns, as shares of the text width (No, RHK atasan, RHK, aspek, indikator,
# target, realisasi, umpan balik): wide enough for Indonesian words at 7.5 pt.
_RHK_SHARES: Final = (0.036, 0.135, 0.155, 0.082, 0.18, 0.094, 0.153, 0.165)
_RHK_HEAD: Final = (
    "No",
    "RHK Atasan yang Diintervensi",
    "Rencana Hasil Kerja",
    "Aspek",
    "Indikator Kinerja Individu",
    "Target",
    "Realisasi Berdasarkan Bukti Dukung",
    "Umpan Balik Berkelanjutan Berdasarkan Bukti Dukung",
)
_PERILAKU_SHARES: Final = (0.036, 0.424, 0.24, 0.30)
CELL_SIZE: Final = 7.5
#: A row taller than a page (pages of feedback) continues on the next page, leaving at least
#: this many points of it on each page, instead of failing the whole print job.
_SPLIT_IN_ROW: Final = 24


def _cell(text: str, *, bold: bool = False, align: Align = "left", hang: float = 0) -> TextCell:
    return TextCell(text, FONT_BOLD if bold else FONT_REGULAR, CELL_SIZE, align=align, hang=hang)


_PAD_X, _PAD_TOP, _PAD_BOTTOM = 3.0, 3.0, 2.0


def _cell_style(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """Paddings and alignment shared by every table of the form, no rule lines."""
    return TableStyle(
        [
            # Tables switch to their cells' font even for flowable cells: keep it ours, or
            # every page would reference a non-embedded Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
            *extra,
        ]
    )


def _grid_style(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    return _cell_style([("GRID", (0, 0), (-1, -1), _BOX, GRID), *extra])


def _identity_rows(person: Person) -> list[list[TextCell]]:
    return [
        [_cell("Nama"), _cell(person.nama, bold=True)],
        [_cell(person.nip_label), _cell(person.nip_display)],
        [_cell("Pangkat/Gol. Ruang"), _cell(person.pangkat_golongan)],
        [_cell("Jabatan"), _cell(person.jabatan)],
        [_cell("Unit Kerja"), _cell(person.unit_kerja)],
    ]


def identity_tables(data: EvaluationFormData, width: float) -> list[Flowable]:
    """Pegawai yang Dinilai beside Pejabat Penilai Kinerja, then the Atasan and the capaian
    kinerja organisasi when the form has them."""
    label_w = 0.17 * width
    half = width / 2
    left = _identity_rows(data.pegawai)
    right = _identity_rows(data.pejabat_penilai)
    rows: list[list[Any]] = [
        [
            _cell("1. PEGAWAI YANG DINILAI", bold=True),
            "",
            _cell("2. PEJABAT PENILAI KINERJA", bold=True),
            "",
        ]
    ]
    rows += [lrow + rrow for lrow, rrow in zip(left, right, strict=True)]
    out: list[Flowable] = [
        FastTable(
            rows,
            colWidths=[label_w, half - label_w, label_w, half - label_w],
            style=_grid_style(
                [
                    ("SPAN", (0, 0), (1, 0)),
                    ("SPAN", (2, 0), (3, 0)),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ]
            ),
        )
    ]
    if data.atasan_pejabat_penilai is not None:
        atasan = _identity_rows(data.atasan_pejabat_penilai)
        out += [
            Spacer(1, 4),
            FastTable(
                [[_cell("3. ATASAN PEJABAT PENILAI KINERJA", bold=True), ""], *atasan],
                colWidths=[label_w, width - label_w],
                style=_grid_style(
                    [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
                ),
            ),
        ]
    if data.capaian_kinerja_organisasi.strip():
        out += [
            Spacer(1, 4),
            FastTable(
                [
                    [
                        _cell("CAPAIAN KINERJA ORGANISASI", bold=True),
                        _cell(data.capaian_kinerja_organisasi, bold=True),
                    ]
                ],
                colWidths=[half, half],
                style=_grid_style([("BACKGROUND", (0, 0), (0, 0), HEADER_FILL)]),
            ),
        ]
    return out


def _row_height(row: Sequence[Any], widths: Sequence[float]) -> float:
    """Height a row will take (TextCell wraps are cached, so the table reuses this work)."""
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        parts = cell if isinstance(cell, list) else [cell]
        height = sum(p.wrap(width - 2 * _PAD_X, 1e6)[1] for p in parts if isinstance(p, TextCell))
        tallest = max(tallest, height)
    return tallest + _PAD_TOP + _PAD_BOTTOM


def _split_in_row(heights: Sequence[float], frame_h: float) -> int:
    """Let rows break across pages only in a table that has a row too tall for a page.

    Breaking inside rows always works, but ReportLab then also repeats the header in the
    middle of a page when a tall row meets the page end; tables of ordinary rows break
    between rows only. ``heights``: each row's :func:`_row_height`.
    """
    if any(h > 0.45 * frame_h for h in heights):
        return _SPLIT_IN_ROW
    return 0


def _rhk_rows(
    number: int, rhk: RhkRow, widths: Sequence[float]
) -> tuple[list[list[Any]], list[float]]:
    """One RHK's rows, one per indicator (No, RHK and feedback only in the first), and the
    height of each."""
    rows: list[list[Any]] = []
    heights: list[float] = []
    for i, ind in enumerate(list(rhk.indikator) or [Indikator("")]):
        head = i == 0
        row = [
            _cell(str(number), align="center") if head else "",
            _cell(rhk.rhk_atasan) if head else "",
            _cell(rhk.rhk) if head else "",
            _cell(ind.aspek),
            _cell(ind.indikator),
            _cell(ind.target),
            _cell(ind.realisasi),
            _cell(rhk.umpan_balik) if head else "",
        ]
        rows.append(row)
        heights.append(_row_height(row, widths))
    return rows, heights


def _group_label(r: int, label: str, ncols: int) -> tuple[list[Any], list[tuple[Any, ...]]]:
    """The "A. UTAMA" / "B. TAMBAHAN" row at row index ``r``, across the whole table."""
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, r), (-1, r)),
        ("BACKGROUND", (0, r), (-1, r), HEADER_FILL),
        ("LINEBELOW", (0, r), (-1, r), _BOX, GRID),
    ]
    return [_cell(label, bold=True)] + [""] * (ncols - 1), commands


def rhk_table(data: EvaluationFormData, width: float, frame_height: float) -> LongTable:
    """The HASIL KERJA table: one row per indicator, grouped by RHK, A. UTAMA / B. TAMBAHAN.

    An RHK's No, RHK and feedback are printed once, in its first row, and the rule lines are
    drawn so the group reads as one merged block. Real row spans would look the same, but
    ReportLab cannot break a spanned block that is taller than a page; this way a very long
    text still flows on to the next page. Groups shorter than 60% of the page body are kept
    on one page (NOSPLIT), so a page break never separates an RHK from its indicators.
    Groups taller than that may break, and a row taller than a page breaks inside.
    """
    ncols = len(_RHK_SHARES)
    widths = [s * width for s in _RHK_SHARES]
    rows: list[list[Any]] = [[_cell(h, bold=True, align="center") for h in _RHK_HEAD]]
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), _BOX, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), _BOX, GRID),
        ("LINEAFTER", (0, 0), (-2, 0), _BOX, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    groups = (("A. UTAMA", data.hasil_kerja_utama), ("B. TAMBAHAN", data.hasil_kerja_tambahan))
    tallest = 0.0  # of the RHK rows: header and group labels are one short line
    for group_label, rhks in groups:
        label_row, label_commands = _group_label(len(rows), group_label, ncols)
        rows.append(label_row)
        commands += label_commands
        if not rhks:
            r = len(rows)
            rows.append([_cell("–", align="center")] + [""] * (ncols - 1))
            commands += [("SPAN", (0, r), (-1, r)), ("LINEBELOW", (0, r), (-1, r), _BOX, GRID)]
            continue
        for number, rhk in enumerate(rhks, start=1):
            first = len(rows)
            group_rows, heights = _rhk_rows(number, rhk, widths)
            rows += group_rows
            tallest = max(tallest, *heights)
            last = len(rows) - 1
            commands += [
                ("LINEAFTER", (0, first), (-2, last), _BOX, GRID),
                ("LINEBELOW", (3, first), (6, last), _BOX, GRID),
                ("LINEBELOW", (0, last), (-1, last), _BOX, GRID),
            ]
            if last > first and sum(heights, 0.0) <= 0.6 * frame_height:
                commands.append(("NOSPLIT", (0, first), (-1, last)))
    return FastTable(
        rows,
        colWidths=widths,
        repeatRows=1,
        splitInRow=_split_in_row([tallest], frame_height),
        style=_cell_style(commands),
        hAlign="LEFT",
    )


def perilaku_table(data: EvaluationFormData, width: float, frame_height: float) -> LongTable:
    """The PERILAKU KERJA table: one row per BerAKHLAK core value with its indicators."""
    head = ["No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan", "Umpan Balik Berkelanjutan"]
    rows: list[list[Any]] = [[_cell(h, bold=True, align="center") for h in head]]
    hang = text_width("0. ", FONT_REGULAR, CELL_SIZE)
    for number, row in enumerate(data.perilaku, start=1):
        behaviour = [_cell(row.name, bold=True)]
        behaviour += [
            _cell(f"{i}. {text}", hang=hang) for i, text in enumerate(row.indicators, start=1)
        ]
        rows.append(
            [
                _cell(str(number), align="center"),
                behaviour,
                _cell(row.ekspektasi_khusus),
                _cell(row.umpan_balik),
            ]
        )
    widths = [s * width for s in _PERILAKU_SHARES]
    return FastTable(
        rows,
        colWidths=widths,
        repeatRows=1,
        splitInRow=_split_in_row([_row_height(row, widths) for row in rows], frame_height),
        style=_grid_style(
            [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
        ),
        hAlign="LEFT",
    )


def _rating_box(data: EvaluationFormData, width: float, st: Styles) -> FastTable:
    def label(value: Rating | Predikat | None) -> str:
        return value.label if value is not None else ""

    predikat = data.effective_predikat
    rows = [
        [_cell("RATING HASIL KERJA", bold=True), _cell(label(data.rating_hasil_kerja))],
        [_cell("RATING PERILAKU KERJA", bold=True), _cell(label(data.rating_perilaku))],
        [
            TextCell("PREDIKAT KINERJA PEGAWAI", FONT_BOLD, st.body_bold.fontSize),
            TextCell(label(predikat).upper(), FONT_BOLD, st.body_bold.fontSize),
        ],
    ]
    return FastTable(
        rows,
        colWidths=[0.4 * width, 0.6 * width],
        style=_grid_style(
            [
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 2), (-1, 2), 1.2, GRID),
                ("BOX", (0, 0), (-1, -1), 1.2, GRID),
                ("TOPPADDING", (0, 2), (-1, 2), 5),
                ("BOTTOMPADDING", (0, 2), (-1, 2), 6),
            ]
        ),
    )


def _signature_cell(role: str, person: Person, st: Styles, top: str = "") -> list[Flowable]:
    nip = person.nip_display
    number = f"{person.nip_label}. {nip}" if nip else ""
    return signature_block(top, role, person.nama, number, st)


def closing_block(data: EvaluationFormData, width: float, st: Styles) -> Flowable:
    """Ratings, catatan and signatures, kept on one page so signatures never stand alone."""
    place_date = format_place_date(data.place, data.sign_date) if data.sign_date else data.place
    sign = FastTable(
        [
            [
                _signature_cell("Pegawai yang Dinilai,", data.pegawai, st),
                _signature_cell(
                    "Pejabat Penilai Kinerja,", data.pejabat_penilai, st, top=place_date
                ),
            ]
        ],
        colWidths=[width / 2, width / 2],
        style=_cell_style([("LEFTPADDING", (0, 0), (-1, -1), 0)]),
    )
    parts: list[Flowable] = [
        text_block("EVALUASI KINERJA", st.section),
        _rating_box(data, width, st),
    ]
    if data.catatan.strip():
        parts += [
            Spacer(1, 6),
            FastTable(
                [[_cell("CATATAN/REKOMENDASI", bold=True)], [_cell(data.catatan)]],
                colWidths=[width],
                style=_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]),
            ),
        ]
    parts += [Spacer(1, 10), sign]
    if data.atasan_pejabat_penilai is not None:
        parts += [
            Spacer(1, 6),
            FastTable(
                [
                    [
                        _signature_cell(
                            "Atasan Pejabat Penilai Kinerja,",
                            data.atasan_pejabat_penilai,
                            st,
                            top="Mengetahui,",
                        )
                    ]
                ],
                colWidths=[width / 2],
                style=_cell_style(),
            ),
        ]
    return KeepTogether(parts)
