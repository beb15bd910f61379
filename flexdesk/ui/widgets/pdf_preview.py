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
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.reports.pdfio import atomic_write_bytes
from flexdesk.ui.worker import CancelledFn, ProgressFn, ProgressRunner

log = logging.getLogger(__name__)

#: Pages are rendered at the printer's resolution up to this many dots per inch. The forms are
#: text and rules, sharp at 300 dpi; a 600-dpi page is four times the pixels (140 MB as an image
#: for A4) and about 2 s of rendering, which made a unit's forms take minutes.
MAX_PRINT_DPI = 300
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


def load_pdf(document: QPdfDocument, data: bytes) -> QBuffer:
    """Load ``data`` into ``document`` from memory; keep the returned buffer alive with it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


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


class PdfPreview(QWidget):
    """A PDF viewer with page navigation and zoom, for bytes held in memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a9099; }")
        self.navigator = self.view.pageNavigator()

        def button(
            icon: str | QStyle.StandardPixmap, tip: str, slot: Callable[[], None]
        ) -> QToolButton:
            b = QToolButton(self)
            if isinstance(icon, str):
                b.setText(icon)
            else:
                b.setIcon(self.style().standardIcon(icon))
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (", maxsplit=1)[0])
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.first_button = button(
            QStyle.StandardPixmap.SP_MediaSkipBackward,
            self.tr("Halaman pertama (Ctrl+Home)"),
            self.first_page,
        )
        self.prev_button = button(
            QStyle.StandardPixmap.SP_ArrowUp,
            self.tr("Halaman sebelumnya (P, Ctrl+PgUp)"),
            self.prev_page,
        )
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("page_spin")
        self.page_spin.setAccessibleName(self.tr("Halaman"))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setMinimum(1)
        self.page_total = QLabel(self)
        self.next_button = button(
            QStyle.StandardPixmap.SP_ArrowDown,
            self.tr("Halaman berikutnya (N, Ctrl+PgDown)"),
            self.next_page,
        )
        self.last_button = button(
            QStyle.StandardPixmap.SP_MediaSkipForward,
            self.tr("Halaman terakhir (Ctrl+End)"),
            self.last_page,
        )
        self.zoom_out_button = button("−", self.tr("Perkecil (Ctrl+-)"), self.zoom_out)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom_label")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = button("+", self.tr("Perbesar (Ctrl++)"), self.zoom_in)
        self.fit_width_button = QPushButton(self.tr("Lebar halaman"), self)
        self.fit_width_button.setToolTip(self.tr("Sesuaikan dengan lebar jendela (W)"))
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = QPushButton(self.tr("Satu halaman"), self)
        self.fit_page_button.setToolTip(self.tr("Tampilkan satu halaman penuh (F)"))
        self.fit_page_button.setCheckable(True)
        self.fit_page_button.clicked.connect(self.fit_page)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.first_button, self.prev_button, self.page_spin, self.page_total):
            bar.addWidget(w)
        for w in (self.next_button, self.last_button):
            bar.addWidget(w)
        bar.addSpacing(18)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(w)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        bar.addStretch(1)
        self.toolbar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        shortcuts: list[tuple[list[QKeySequence.StandardKey | str], Callable[[], None]]] = [
            (["N", "Ctrl+PgDown"], self.next_page),
            (["P", "Ctrl+PgUp"], self.prev_page),
            (["Ctrl+Home"], self.first_page),
            (["Ctrl+End"], self.last_page),
            ([QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"], self.zoom_in),
            ([QKeySequence.StandardKey.ZoomOut, "Ctrl+-"], self.zoom_out),
            (["W"], self.fit_width),
            (["F"], self.fit_page),
        ]
        for keys, slot in shortcuts:
            action = QAction(self)
            sequences: list[QKeySequence] = []
            for key in keys:
                if isinstance(key, QKeySequence.StandardKey):
                    sequences.extend(QKeySequence.keyBindings(key))
                else:
                    sequences.append(QKeySequence(key))
            action.setShortcuts(list(dict.fromkeys(sequences)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        self.navigator.currentPageChanged.connect(self._page_changed)
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.document.pageCountChanged.connect(self._update_controls)
        self.view.zoomFactorChanged.connect(self._update_controls)
        self.view.zoomModeChanged.connect(self._update_controls)
        self.view.viewport().installEventFilter(self)
        self._update_controls()

    # -- content ---------------------------------------------------------------------------
    def set_pdf(self, data: bytes) -> None:
        """Show the PDF in ``data``; the previous one is closed."""
        self.document.close()
        old, self._buffer = self._buffer, load_pdf(self.document, data)
        if old is not None:
            old.close()
            old.deleteLater()
        self.go_to(0)
        self._update_controls()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.navigator.currentPage()

    # -- navigation ------------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if self.page_count == 0:
            return
        page = min(max(page, 0), self.page_count - 1)
        if page != self.current_page or page == 0:
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())
        self._update_controls()

    def next_page(self) -> None:
        self.go_to(self.current_page + 1)

    def prev_page(self) -> None:
        self.go_to(self.current_page - 1)

    def first_page(self) -> None:
        self.go_to(0)

    def last_page(self) -> None:
        self.go_to(self.page_count - 1)

    def _page_changed(self, _page: int) -> None:
        self._update_controls()

    # -- zoom ------------------------------------------------------------------------------
    def effective_zoom(self) -> float:
        """The zoom factor on screen, also in the fit modes (where QPdfView computes it)."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.page_count == 0:
            return float(self.view.zoomFactor())
        points = self.document.pagePointSize(max(self.current_page, 0))
        dpi = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        width = viewport.width() - margins.left() - margins.right()
        height = viewport.height() - margins.top() - margins.bottom()
        by_width = width / max(points.width() * dpi, 1)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return by_width
        return min(by_width, height / max(points.height() * dpi, 1))

    def _keep_page(self, change: Callable[[], None]) -> None:
        # A new zoom lays the pages out again; stay on the page the user was reading.
        page = self.current_page
        change()
        if self.page_count:
            self.navigator.jump(max(page, 0), QPointF(), self.navigator.currentZoom())
        self._update_controls()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

        def change() -> None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

        self._keep_page(change)

    def zoom_in(self) -> None:
        now = self.effective_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.effective_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self._keep_page(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def fit_page(self) -> None:
        self._keep_page(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))

    def _update_controls(self, *_args: object) -> None:
        count = self.page_count
        page = max(self.current_page, 0)
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(count, 1))
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.page_spin.setEnabled(count > 1)
        self.page_total.setText(self.tr("dari {n}").format(n=count))
        self.first_button.setEnabled(page > 0)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < count - 1)
        self.last_button.setEnabled(page < count - 1)
        mode = self.view.zoomMode()
        self.fit_width_button.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)}%")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the fit modes the zoom follows the viewport's size: keep the label right.
        if watched is self.view.viewport():
            if event.type() == QEvent.Type.Resize:
                self._update_controls()
            elif (
                isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):  # Ctrl + wheel zooms, as in other viewers
                if event.angleDelta().y() > 0:
                    self.zoom_in()
                elif event.angleDelta().y() < 0:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)


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
