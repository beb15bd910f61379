"""Printing a PDF held in a QPdfDocument: which pages the print dialog asked for, and drawing
them on a QPrinter (in a worker thread, with progress and cancel)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.ui.worker import CancelledFn, ProgressFn

#: Pages are rendered at the printer's resolution up to this many dots per inch. The forms are
#: text and rules, sharp at 300 dpi; a 600-dpi page is four times the pixels (140 MB as an image
#: for A4) and about 2 s of rendering, which made a unit's forms take minutes.
MAX_PRINT_DPI = 300


def native_print_dialog_possible(printer: QPrinter, platform: str = sys.platform) -> bool:
    """False on Windows when ``printer`` is not a Windows printer (none installed: Qt falls
    back to PDF output, and QPrintDialog there shows Windows' own dialog, which cannot)."""
    if platform != "win32":
        return True  # Qt's own dialog, also for PDF output (CUPS or not)
    return printer.outputFormat() == QPrinter.OutputFormat.NativeFormat


def pages_to_print(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """0-based page numbers the print dialog asked for (all, a range, or the current page)."""
    match printer.printRange():
        case QPrinter.PrintRange.PageRange:
            first = max(printer.fromPage(), 1)
            last = min(printer.toPage() or page_count, page_count)
            return list(range(first - 1, last))
        case QPrinter.PrintRange.CurrentPage:
            return [min(max(current_page, 0), page_count - 1)] if page_count else []
        case _:
            return list(range(page_count))


def print_pages(
    document: QPdfDocument,
    printer: QPrinter,
    pages: list[int],
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
) -> int:
    """Draw ``pages`` of ``document`` on ``printer``, each scaled to fit the paper.

    Runs in a worker thread (QPainter on a QPrinter and QPdfDocument.render are both allowed
    off the GUI thread). Honours the dialog's page order, and its copies when the printer
    cannot make them itself. A cancel aborts the print job: a PDF printer leaves no file.
    Returns the number of sheets drawn.
    """
    if not pages:
        return 0
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages = list(reversed(pages))
    if not printer.supportsMultipleCopies():  # the driver will not repeat them: we do (collated)
        pages = pages * max(1, printer.copyCount())
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise FlexDeskError(
            "Printer tidak dapat dibuka. Periksa printer yang dipilih lalu coba lagi.",
            message_en="The printer cannot be opened. Check the chosen printer and try again.",
        )
    try:
        for n, page in enumerate(pages):
            if is_cancelled is not None and is_cancelled():
                printer.abort()
                raise Cancelled()
            if progress is not None:
                progress(n, len(pages), "")
            if n:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            size = QSizeF(image.width() * scale, image.height() * scale)
            origin = QPointF(
                target.left() + (target.width() - size.width()) / 2,
                target.top() + (target.height() - size.height()) / 2,
            )
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(origin, size), image)
        if progress is not None:
            progress(len(pages), len(pages), "")
    finally:
        if painter.isActive():
            painter.end()
    return len(pages)
