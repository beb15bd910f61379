"""A PDF viewer (QtPdf) for bytes held in memory: page navigation and zoom; the keys are listed
in ``pdf_preview``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


def load_pdf(document: QPdfDocument, data: bytes) -> QBuffer:
    """Load ``data`` into ``document`` from memory; keep the returned buffer alive with it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


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

        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view, 1)
        self._add_shortcuts()
        self.navigator.currentPageChanged.connect(self._page_changed)
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.document.pageCountChanged.connect(self._update_controls)
        self.view.zoomFactorChanged.connect(self._update_controls)
        self.view.zoomModeChanged.connect(self._update_controls)
        self.view.viewport().installEventFilter(self)
        self._update_controls()

    def _tool(
        self, icon: str | QStyle.StandardPixmap, tip: str, slot: Callable[[], None]
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

    def _build_toolbar(self) -> None:
        button = self._tool
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
        self._build_zoom()
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

    def _build_zoom(self) -> None:
        self.zoom_out_button = self._tool("−", self.tr("Perkecil (Ctrl+-)"), self.zoom_out)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom_label")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._tool("+", self.tr("Perbesar (Ctrl++)"), self.zoom_in)
        self.fit_width_button = QPushButton(self.tr("Lebar halaman"), self)
        self.fit_width_button.setToolTip(self.tr("Sesuaikan dengan lebar jendela (W)"))
        self.fit_width_button.setCheckable(True)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.fit_page_button = QPushButton(self.tr("Satu halaman"), self)
        self.fit_page_button.setToolTip(self.tr("Tampilkan satu halaman penuh (F)"))
        self.fit_page_button.setCheckable(True)
        self.fit_page_button.clicked.connect(self.fit_page)

    def _add_shortcuts(self) -> None:
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
