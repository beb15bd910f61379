"""FastTable: its own row measuring must agree with ReportLab's, its drawing with ReportLab's."""

from __future__ import annotations

import copy
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus.paragraph import ParagraphStyle

from flexdesk.reports import fonts
from flexdesk.reports.fasttable import FastTable
from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from flexdesk.reports.layout import signature_block, styles, text_block
from flexdesk.reports.textcell import TextCell, _encode
from tests.support.pdf import page_texts, reader

register_fonts()

words = st.sampled_from(
    ["Rencana", "hasil", "kerja", "Öztürk,", "realisasi", "100%", "(bukti)", "a\\b", "x" * 40]
)
texts = st.lists(words, min_size=0, max_size=30).map(" ".join)
strings = st.sampled_from(["", "satu", "dua\nbaris", "tiga\nbaris\nteks"])
text_cells = st.builds(
    TextCell,
    texts,
    st.sampled_from([FONT_REGULAR, FONT_BOLD]),
    st.sampled_from([7.0, 7.5, 9.0]),
)
stacks = st.lists(
    st.one_of(text_cells, st.builds(Spacer, st.just(1), st.floats(0, 30))), min_size=0, max_size=4
)
cells = st.one_of(strings, text_cells, stacks)


@st.composite
def tables(draw: Any) -> tuple[list[list[Any]], list[float], list[tuple[Any, ...]]]:
    ncols = draw(st.integers(1, 5))
    nrows = draw(st.integers(1, 8))
    widths = draw(st.lists(st.floats(25, 160), min_size=ncols, max_size=ncols))
    rows = [draw(st.lists(cells, min_size=ncols, max_size=ncols)) for _ in range(nrows)]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), draw(st.sampled_from([0, 3, 6]))),
        ("TOPPADDING", (0, 0), (-1, 0), draw(st.sampled_from([1, 3, 5]))),
        ("FONTSIZE", (0, -1), (-1, -1), draw(st.sampled_from([7, 10]))),
    ]
    for r in range(nrows):
        if ncols > 1 and draw(st.booleans()):
            start = draw(st.integers(0, ncols - 2))
            end = draw(st.integers(start + 1, ncols - 1))
            negative = draw(st.booleans())  # spans given from the end, as the forms do
            commands.append(("SPAN", (start, r), (end - ncols if negative else end, r)))
    return rows, widths, commands


def reportlab_heights(rows: list[list[Any]], widths: list[float], cmds: list[Any]) -> list[float]:
    table = LongTable(copy.deepcopy(rows), colWidths=widths, style=TableStyle(cmds))
    table.wrapOn(Canvas(io.BytesIO()), sum(widths), 1e6)
    return list(table._rowHeights)


@settings(max_examples=150, deadline=None)
@given(tables())
def test_measured_row_heights_are_reportlabs(table: Any) -> None:
    rows, widths, commands = table
    fast = FastTable(copy.deepcopy(rows), colWidths=widths, style=TableStyle(commands))
    measured = fast._measure_rows()
    assert measured is not None
    assert measured == reportlab_heights(rows, widths, commands)
    assert fast._argH == measured  # handed to ReportLab as fixed heights


def test_other_content_is_left_to_reportlab() -> None:
    para = Paragraph("<b>markup</b>", ParagraphStyle("p", fontName=FONT_REGULAR))
    assert FastTable([[para, "x"]], colWidths=[80, 80])._measure_rows() is None
    assert FastTable([["a"], ["b"]], colWidths=[80], minRowHeights=[30, 0])._argH == [None, None]
    row_span = FastTable(
        [["a", "b"], ["c", "d"]], colWidths=[50, 50], style=[("SPAN", (0, 0), (0, 1))]
    )
    assert row_span._argH == [None, None]
    may_split = FastTable([[TextCell("panjang " * 50)]], colWidths=[60], splitInRow=24)
    assert may_split._argH == [None]


def _document(table_factory: Any) -> bytes:
    """A long table (so it splits across pages with a repeated header) in a small PDF."""
    head = [TextCell("No", FONT_BOLD), TextCell("Uraian", FONT_BOLD), ""]
    body = [
        [
            str(i),
            [TextCell(f"Rencana hasil kerja ke-{i} (Öztürk)"), Spacer(1, 4), TextCell("b \\ c")],
            "" if i % 2 else TextCell(f"umpan balik {i}"),
        ]
        for i in range(90)
    ]
    out = io.BytesIO()
    style = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    )
    doc = SimpleDocTemplate(out, pagesize=A4, initialFontName=FONT_REGULAR)
    doc.build([table_factory([head, *body], colWidths=[30, 250, 150], repeatRows=1, style=style)])
    return out.getvalue()


def test_draws_the_same_pages_as_reportlab() -> None:
    fast, plain = _document(FastTable), _document(LongTable)
    assert len(reader(fast).pages) == len(reader(plain).pages) > 2
    assert page_texts(fast) == page_texts(plain)
    assert "Öztürk" in page_texts(fast)[1] and "Uraian" in page_texts(fast)[1]


def test_ascii_lines_encode_as_reportlab_does() -> None:
    canvas = Canvas(io.BytesIO())
    font = fonts.pdfmetrics.getFont(FONT_REGULAR)
    for line in ["Rencana (hasil) kerja \\ 100%", "Öztürk (x)", "tab\there", "~{}|"]:
        expected = [(s, canvas._escape(chunk)) for s, chunk in font.splitString(line, canvas._doc)]
        assert _encode(font, canvas._doc, canvas._escape, line) == expected


def test_font_subsets_are_compressed_and_formatted_once(monkeypatch: Any) -> None:
    calls: list[int] = []
    real = fonts.zlib.compress

    def counting(data: bytes, *args: Any) -> bytes:
        calls.append(len(data))
        return real(data, *args)

    monkeypatch.setattr(fonts, "zlib", type("Z", (), {"compress": staticmethod(counting)}))
    monkeypatch.setattr(fonts._FONT_FILE_FLATE, "_cache", {})
    monkeypatch.setattr(fonts, "_WIDTHS", {})
    formatted: list[int] = []
    real_format = fonts.pdfdoc.PDFArray.format

    def counting_format(self: Any, document: Any, *args: Any) -> bytes:
        if len(self.sequence) > 20:  # a /Widths array, not a /MediaBox
            formatted.append(len(self.sequence))
        return real_format(self, document, *args)

    monkeypatch.setattr(fonts.pdfdoc.PDFArray, "format", counting_format)
    pdfs = []
    for _ in range(3):
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, initialFontName=FONT_REGULAR, invariant=True)
        doc.build([text_block("Çağrı Öztürk", styles().body), text_block("Judul", styles().title)])
        pdfs.append(out.getvalue())
    assert len(calls) == 2  # one subset of the regular and one of the bold font, once
    assert len(formatted) == 2  # and their /Widths arrays formatted once
    assert pdfs[0] == pdfs[1] == pdfs[2]
    assert "Çağrı Öztürk" in page_texts(pdfs[2])[0]


def test_text_block_keeps_empty_lines_and_style() -> None:
    st_ = styles()
    empty = text_block("  ", st_.body_center)
    assert empty.wrap(100, 100)[1] == st_.body_center.leading
    title = text_block("EVALUASI", st_.title)
    assert isinstance(title, TextCell)
    assert (title.font, title.size, title.align) == (FONT_BOLD, st_.title.fontSize, "center")
    assert title.getSpaceAfter() == st_.title.spaceAfter
    assert text_block("catatan", st_.small).color is not None  # muted grey, not the default
    left = signature_block("", "Pegawai,", "Nama", "", st_)
    right = signature_block("Kuningan, 28 November 2026", "Penilai,", "Nama", "NIP. 1", st_)
    assert sum(f.wrap(200, 500)[1] for f in left) == sum(f.wrap(200, 500)[1] for f in right)
    assert right[3].underline and right[3].font == FONT_BOLD
