"""The printed evaluation form (Dokumen Evaluasi Kinerja Pegawai, PermenPANRB 6/2022).

Data in, PDF out: the service layer fills :class:`EvaluationFormData` from the database and
calls :func:`build_evaluation_pdf` (one form), :func:`build_evaluation_pdfs` (a unit's forms in
one PDF, page numbers restarting per form) or :func:`build_evaluation_pdf_bytes` (preview).
For one file per employee see :func:`flexdesk.reports.batch.render_many`.

Top to bottom: letterhead, title and period, identity blocks (Pegawai yang Dinilai, Pejabat
Penilai Kinerja, optionally Atasan Pejabat Penilai Kinerja), capaian kinerja organisasi,
HASIL KERJA table grouped A. UTAMA / B. TAMBAHAN (header repeated on every page), PERILAKU
KERJA table (BerAKHLAK), ratings and predikat, catatan/rekomendasi, signatures. Offices print it
and both sides sign by hand.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, Final

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from flexdesk.errors import ValidationError
from flexdesk.reports.evaluation_data import (
    DEFAULT_TITLE,
    EvaluationFormData,
    Indikator,
    PerilakuRow,
    Person,
    RhkRow,
    default_perilaku_rows,
)
from flexdesk.reports.evaluation_tables import (
    closing_block,
    identity_tables,
    perilaku_table,
    rhk_table,
)
from flexdesk.reports.layout import (
    Letterhead,
    letterhead_flowables,
    page_size,
    styles,
    text_block,
)
from flexdesk.reports.page_numbers import NumberedCanvas, SectionStart, numbered_canvas_maker
from flexdesk.reports.pdfio import write_output

__all__ = [
    "DEFAULT_TITLE",
    "EvaluationFormData",
    "Indikator",
    "Letterhead",
    "PerilakuRow",
    "Person",
    "RhkRow",
    "build_evaluation_pdf",
    "build_evaluation_pdf_bytes",
    "build_evaluation_pdfs",
    "default_perilaku_rows",
    "form_flowables",
]

MARGIN_X: Final = 15 * mm
MARGIN_TOP: Final = 12 * mm
MARGIN_BOTTOM: Final = 16 * mm

# --------------------------------------------------------------------------------------------
# Layout

#: A section heading starts a new page unless this much room is left below it: the heading,
#: the table's header row and its first rows, so a heading never stands alone at a page foot.
_HEADING_WITH_ROWS: Final = 90


def form_flowables(data: EvaluationFormData, width: float, frame_height: float) -> list[Flowable]:
    """The flowables of one form laid out for a frame of ``width`` x ``frame_height`` points."""
    st = styles()
    story: list[Flowable] = letterhead_flowables(data.letterhead, width, st)
    story += [
        text_block(data.title.upper(), st.title),
        text_block(f"Periode: {data.periode}", st.subtitle),
        Spacer(1, 8),
        *identity_tables(data, width),
        CondPageBreak(_HEADING_WITH_ROWS),
        text_block("HASIL KERJA", st.section),
        rhk_table(data, width, frame_height),
        CondPageBreak(_HEADING_WITH_ROWS),
        text_block("PERILAKU KERJA", st.section),
        perilaku_table(data, width, frame_height),
        closing_block(data, width, st),
    ]
    return story


# --------------------------------------------------------------------------------------------
# Documents

ProgressCallback = Callable[[int, int], None]


def _template(paper: str) -> PageTemplate:
    width, height = page_size(paper)
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width - 2 * MARGIN_X,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    return PageTemplate(id=paper.upper(), frames=[frame], pagesize=(width, height))


def _render(
    forms: Sequence[EvaluationFormData],
    fh: BinaryIO,
    progress: ProgressCallback | None,
) -> int:
    if not forms:
        raise ValidationError(
            "Tidak ada formulir evaluasi untuk dicetak.",
            message_en="There are no evaluation forms to print.",
        )
    papers = list(dict.fromkeys(f.paper.upper() for f in forms))  # first form's paper first
    templates = [_template(p) for p in papers]
    total = len(forms)

    def started(index: int) -> None:
        if progress is not None:
            progress(index, total)

    story: list[Flowable] = []
    for index, data in enumerate(forms):
        page_w, page_h = page_size(data.paper)
        if index:
            story += [NextPageTemplate(data.paper.upper()), PageBreak()]
        story.append(SectionStart(index, data.footer_text, started))
        story += form_flowables(data, page_w - 2 * MARGIN_X, page_h - MARGIN_TOP - MARGIN_BOTTOM)
    first = forms[0]
    doc = BaseDocTemplate(
        fh,
        pagesize=page_size(first.paper),
        pageTemplates=templates,
        title=first.title.title() if total == 1 else "Evaluasi Kinerja Pegawai",
        author="FlexDesk",
        subject=first.periode,
        creator="FlexDesk",
        invariant=True,
    )
    holder: list[NumberedCanvas] = []
    doc.build(story, canvasmaker=numbered_canvas_maker(holder))
    if progress is not None:
        progress(total, total)
    return holder[0].page_count


def build_evaluation_pdfs(
    forms: Sequence[EvaluationFormData],
    out: Path | str | BinaryIO,
    *,
    progress: ProgressCallback | None = None,
    sync_dir: bool = True,
) -> int:
    """Print several forms into one PDF and return its page count.

    Page numbers ("Halaman 1 dari 3") restart for each form; forms may mix A4 and F4.
    ``progress(done, total)`` is called as each form is laid out; it may raise
    :class:`~flexdesk.errors.Cancelled` to stop. Written atomically when ``out`` is a path:
    on any error no file (or the previous file) is left at ``out``. ``sync_dir=False`` is for
    batches that fsync the folder once at the end (see :mod:`flexdesk.reports.pdfio`).
    """
    return write_output(out, lambda fh: _render(forms, fh, progress), sync_dir=sync_dir)


def build_evaluation_pdf(data: EvaluationFormData, out: Path | str | BinaryIO) -> int:
    """Print one form to ``out`` (a path, written atomically, or a binary file); page count."""
    return build_evaluation_pdfs([data], out)


def build_evaluation_pdf_bytes(data: EvaluationFormData) -> bytes:
    """One form as PDF bytes (for the in-app preview)."""
    buffer = io.BytesIO()
    build_evaluation_pdf(data, buffer)
    return buffer.getvalue()
