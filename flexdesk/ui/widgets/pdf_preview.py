"""Preview of a generated PDF (QtPdf), printing through the system print dialog, saving a copy.

The PDF arrives as bytes (``flexdesk.reports.evaluation_form.build_evaluation_pdf_bytes``) and
is read from a QBuffer, so nothing touches the disk until the user saves. Printing renders
each page with QPdfDocument.render at the printer's resolution (capped, see
:data:`MAX_PRINT_DPI`) in a worker thread with a cancellable progress dialog; the page range
chosen in the print dialog is honoured. Saving writes atomically (temporary file + rename).

Keys: N / Ctrl+PgDown next page, P / Ctrl+PgUp previous page, Ctrl+Home / Ctrl+End first /
last page, Ctrl++ / Ctrl+- (or Ctrl + mouse wheel) zoom, W fit width, F fit page, Ctrl+P print,
Ctrl+S save, Esc close.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPageLayout,
    QPageSize,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.reports.pdfio import atomic_write_bytes
from flexdesk.ui.widgets.pdf_print import (
    MAX_PRINT_DPI,
    native_print_dialog_possible,
    pages_to_print,
    print_pages,
)
from flexdesk.ui.widgets.pdf_view import ZOOM_STEPS, PdfPreview, load_pdf
from flexdesk.ui.worker import CancelledFn, ProgressFn, ProgressRunner

log = logging.getLogger(__name__)

__all__ = [
    "MAX_PRINT_DPI",
    "ZOOM_STEPS",
    "PdfPreview",
    "PdfPreviewDialog",
    "load_pdf",
    "native_print_dialog_possible",
    "pages_to_print",
    "print_pages",
]


class PdfPreviewDialog(QDialog):
    """A window with the preview and "Cetak…" / "Simpan PDF…" / "Tutup"."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        data: bytes,
        *,
        suggested_path: Path,
        lang: str = "id",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdf_preview_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.data = data
        self.suggested_path = suggested_path
        self.lang = lang
        self.preview = PdfPreview(self)
        self.preview.set_pdf(data)
        self.runner: ProgressRunner | None = None
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None
        self.saved_path: Path | None = None
        self.printed_pages = 0

        self.print_button = QPushButton(self.tr("Cetak…"), self)
        self.print_button.setToolTip(self.tr("Cetak lewat dialog cetak sistem (Ctrl+P)"))
        self.print_button.clicked.connect(self.open_print_dialog)
        self.save_button = QPushButton(self.tr("Simpan PDF…"), self)
        self.save_button.setToolTip(self.tr("Simpan salinan PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.open_save_dialog)
        close_button = QPushButton(self.tr("Tutup"), self)
        close_button.clicked.connect(self.reject)
        self.status = QLabel(self)
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

        for key, slot in (
            (QKeySequence.StandardKey.Print, self.open_print_dialog),
            (QKeySequence.StandardKey.Save, self.open_save_dialog),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)
        self.resize(900, 760)
        self.preview.view.setFocus()  # the page keys work from the start

    @property
    def document(self) -> QPdfDocument:
        return self.preview.document

    # -- printing --------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer set up for this document: its paper size (A4 or F4), portrait, full page
        (the form carries its own margins), every page selectable."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point)
            printer.setPageSize(size)
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if points.width() > points.height()
                else QPageLayout.Orientation.Portrait
            )
        printer.setFullPage(True)
        printer.setFromTo(1, max(self.document.pageCount(), 1))
        return printer

    def open_print_dialog(self) -> None:
        printer = self.make_printer()
        if not native_print_dialog_possible(printer):
            # Windows' print dialog only takes a Windows printer: with none installed Qt
            # refuses to open it ("Cannot be used on non-native printers") and nothing happens
            self.printer, self.print_dialog = printer, None
            self.status.setText(
                self.tr(
                    "Tidak ada printer terpasang di Windows. Pasang printer (atau Microsoft "
                    "Print to PDF), atau simpan PDF lalu cetak dari program lain."
                )
            )
            return
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak"))
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.printer, self.print_dialog = printer, dialog
        QDialog.open(dialog)  # the stubs only know QPrintDialog.open(receiver, member)

    def print_to(self, printer: QPrinter) -> None:
        """Print the pages the printer's range asks for, in a worker with a progress dialog."""
        pages = pages_to_print(printer, self.document.pageCount(), self.preview.current_page)
        document = self.document
        self.printer = printer

        def work(progress: ProgressFn, cancelled: CancelledFn) -> int:
            return print_pages(document, printer, pages, progress, cancelled)

        def done(result: object) -> None:
            self.printed_pages = int(result)  # type: ignore[call-overload]
            self.status.setText(self.tr("{n} halaman dikirim ke printer.").format(n=result))

        self.runner = ProgressRunner(self, self.tr("Mencetak"))
        self.runner.start(work, done, self._failed)

    # -- saving ----------------------------------------------------------------------------
    def open_save_dialog(self) -> None:
        self.suggested_path.parent.mkdir(parents=True, exist_ok=True)
        dialog = QFileDialog(
            self, self.tr("Simpan PDF"), str(self.suggested_path), self.tr("PDF (*.pdf)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(str(self.suggested_path))
        dialog.fileSelected.connect(lambda name: self.save_to(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def save_to(self, path: Path) -> bool:
        try:
            atomic_write_bytes(path, self.data)
        except OSError as exc:
            self._failed(exc)
            return False
        self.saved_path = path
        self.status.setText(self.tr("PDF tersimpan: {path}").format(path=path))
        return True

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            text = self.tr("Pencetakan dibatalkan.")
        elif isinstance(exc, FlexDeskError):
            text = exc.message_en if self.lang == "en" else exc.message
        elif isinstance(exc, OSError):
            text = self.tr("Berkas tidak dapat ditulis: {why}").format(why=exc)
        else:
            log.error("preview action failed", exc_info=exc)
            text = str(exc)
        self.status.setText(text)
        if isinstance(exc, Cancelled):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
        box.setObjectName("preview_warning")
        self.message = box
        box.open()
