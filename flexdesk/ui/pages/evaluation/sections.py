"""The parts of the evaluation form editor: hasil kerja (RHK) here, perilaku kerja in
``behaviour.py``, the ratings in ``rating.py``.

Each section shows one part of an :class:`~flexdesk.services.evaluation.service.EvaluationDetail`,
keeps the user's edits, and hands them back as the matching parts of
:class:`~flexdesk.services.evaluation.service.EvaluationChanges`. Only rows the user changed are sent.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.pages.evaluation.common import (
    ReasonDialog,
    number_text,
    parse_number,
)

FEEDBACK_HEIGHT = 64


def _aspect_text(aspect: Aspect) -> str:
    from flexdesk.ui.pages.outputs.common import aspect_label

    return aspect_label(aspect)


def scrolling(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


def feedback_edit(name: str, text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(FEEDBACK_HEIGHT)
    return edit


class _IndicatorRow(QObject):
    """Realisasi and reason of one indicator, with the pre-filled value to compare with."""

    def __init__(self, result: ev.IndicatorResult, lang: str, parent: QObject) -> None:
        super().__init__(parent)
        self.result = result
        self.lang = lang
        self.realisasi = QLineEdit(number_text(result.realisasi, lang))
        self.realisasi.setObjectName(f"realisasi:{result.indicator_id}")
        self.realisasi.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.realisasi.setMaximumWidth(110)
        self.realisasi.setAccessibleName(self.tr("Realisasi: {what}").format(what=result.text))
        self.reason = QLineEdit(result.override_reason)
        self.reason.setObjectName(f"reason:{result.indicator_id}")
        self.reason.setPlaceholderText(self.tr("alasan bila realisasi diubah"))
        self.reason.setAccessibleName(self.tr("Alasan perubahan realisasi"))
        self.accepted_text = self.realisasi.text()

    def value(self) -> float | None:
        return parse_number(self.realisasi.text())

    def differs_from_prefilled(self) -> bool:
        try:
            value = self.value()
        except ValueError:
            return False
        pre = self.result.prefilled
        # Only a figure the logs gave needs a reason when changed (kualitas and waktu
        # indicators have none: the supervisor simply types the realisation).
        return value is not None and pre is not None and abs(value - pre) > 1e-9

    def change(self) -> ev.IndicatorChange | None:
        """The edit to send, None when nothing changed (ValueError for a bad number)."""
        value = self.value()
        reason = self.reason.text().strip()
        r = self.result
        same_value = (value is None and r.realisasi is None) or (
            value is not None and r.realisasi is not None and abs(value - r.realisasi) < 1e-9
        )
        if same_value and reason == r.override_reason.strip():
            return None
        if value is not None and r.prefilled is not None and abs(value - r.prefilled) < 1e-9:
            value = None  # back to the pre-filled figure
        return ev.IndicatorChange(r.indicator_id, value, reason if value is not None else "")


class RhkSection(QWidget):
    """HASIL KERJA: for each RHK its indicators (target, pre-filled, realisasi) and feedback."""

    changed = Signal()
    problem = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: dict[str, _IndicatorRow] = {}
        self.feedback: dict[str, QPlainTextEdit] = {}
        self._detail: ev.EvaluationDetail | None = None
        self.dialog: ReasonDialog | None = None
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(self._inner))

    def set_detail(self, detail: ev.EvaluationDetail, editable: bool) -> None:
        self._detail = detail
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.rows.clear()
        self.feedback.clear()
        if not detail.rhk:
            empty = QLabel(self.tr("SKP pegawai ini belum memuat RHK."))
            empty.setWordWrap(True)
            self._layout.addWidget(empty)
        for kind, title in (
            (RhkKind.UTAMA, self.tr("A. UTAMA")),
            (RhkKind.TAMBAHAN, self.tr("B. TAMBAHAN")),
        ):
            items = [r for r in detail.rhk if r.kind == kind]
            if not items:
                continue
            heading = QLabel(f"<b>{title}</b>")
            self._layout.addWidget(heading)
            for number, rhk in enumerate(items, 1):
                self._layout.addWidget(self._rhk_box(number, rhk, editable))
        self._layout.addStretch(1)

    def _rhk_box(self, number: int, rhk: ev.RhkResult, editable: bool) -> QGroupBox:
        # The RHK text goes in a wrapped label: a group box title never wraps, and RHK
        # sentences run long.
        box = QGroupBox()
        box.setObjectName(f"rhk:{rhk.rhk_id}")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        row = self._rhk_header(grid, number, rhk)
        for ind in rhk.indicators:
            self._indicator_line(grid, row, ind, editable)
            row += 1
        grid.addWidget(QLabel(self.tr("Umpan balik")), row, 0, Qt.AlignmentFlag.AlignTop)
        feedback = feedback_edit(f"feedback:{rhk.rhk_id}", rhk.umpan_balik)
        feedback.setReadOnly(not editable)
        feedback.textChanged.connect(self.changed.emit)
        self.feedback[rhk.rhk_id] = feedback
        grid.addWidget(feedback, row, 1, 1, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(5, 2)
        return box

    def _rhk_header(self, grid: QGridLayout, number: int, rhk: ev.RhkResult) -> int:
        """The RHK's text, its parent RHK and the column headings; the next free row."""
        title = QLabel(f"<b>{number}. {html.escape(rhk.text)}</b>")
        title.setWordWrap(True)
        grid.addWidget(title, 0, 0, 1, 6)
        row = 1
        if rhk.parent_text:
            parent = QLabel(self.tr("Intervensi RHK atasan: {text}").format(text=rhk.parent_text))
            parent.setWordWrap(True)
            parent.setStyleSheet("color: #5f6b7a;")
            grid.addWidget(parent, row, 0, 1, 6)
            row += 1
        headers = (
            self.tr("Aspek"),
            self.tr("Indikator kinerja individu"),
            self.tr("Target"),
            self.tr("Dari log"),
            self.tr("Realisasi"),
            self.tr("Alasan perubahan"),
        )
        for col, text in enumerate(headers):
            label = QLabel(f"<i>{text}</i>")
            label.setStyleSheet("color: #444;")
            grid.addWidget(label, row, col)
        return row + 1

    def _indicator_line(
        self, grid: QGridLayout, row: int, ind: ev.IndicatorResult, editable: bool
    ) -> None:
        line = _IndicatorRow(ind, self.lang, self)
        self.rows[ind.indicator_id] = line
        indicator = QLabel(ind.text)
        indicator.setWordWrap(True)
        pre = QLabel(number_text(ind.prefilled, self.lang) if ind.prefilled is not None else "–")
        pre.setToolTip(self.tr("Dari log output yang diterima pada periode ini"))
        pre.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        target = QLabel(f"{number_text(ind.target, self.lang)} {ind.target_unit}".strip())
        for col, widget in enumerate((QLabel(_aspect_text(ind.aspect)), indicator, target, pre)):
            grid.addWidget(widget, row, col)
        unit_row = QHBoxLayout()
        unit_row.addWidget(line.realisasi)
        unit_row.addWidget(QLabel(ind.target_unit))
        grid.addLayout(unit_row, row, 4)
        grid.addWidget(line.reason, row, 5)
        line.realisasi.setReadOnly(not editable)
        line.reason.setReadOnly(not editable)
        line.realisasi.editingFinished.connect(lambda line=line: self._realisasi_done(line))
        line.realisasi.textEdited.connect(lambda _t: self.changed.emit())
        line.reason.textEdited.connect(lambda _t: self.changed.emit())

    def _realisasi_done(self, line: _IndicatorRow) -> None:
        """A changed realisation asks for the reason (PermenPANRB 6/2022: evidence-based)."""
        if line.realisasi.isReadOnly() or line.realisasi.text() == line.accepted_text:
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # the question is already open (Enter, then the focus moving to it)
        try:
            line.value()
        except ValueError:
            self.problem.emit(self.tr("Realisasi harus berupa angka, misalnya 12 atau 2,5."))
            line.realisasi.setFocus()
            return
        if not line.differs_from_prefilled() or line.reason.text().strip():
            line.accepted_text = line.realisasi.text()
            return
        dialog = ReasonDialog(
            self.tr("Alasan perubahan realisasi"),
            self.tr(
                "Realisasi “{what}” diubah dari {old} menjadi {new}. Tulis alasannya "
                "(misalnya bukti dukung yang belum tercatat di log); alasan ini disimpan."
            ).format(
                what=line.result.text,
                old=number_text(line.result.prefilled, self.lang) or "–",
                new=line.realisasi.text(),
            ),
            self,
        )
        self.dialog = dialog

        def accepted() -> None:
            line.reason.setText(dialog.value())
            line.accepted_text = line.realisasi.text()
            self.changed.emit()

        def rejected() -> None:
            line.realisasi.setText(line.accepted_text)
            self.changed.emit()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()

    def changes(self) -> tuple[tuple[ev.IndicatorChange, ...], tuple[ev.RhkFeedbackChange, ...]]:
        """The edits; ValueError names the indicator whose realisation is not a number."""
        indicators: list[ev.IndicatorChange] = []
        for line in self.rows.values():
            try:
                change = line.change()
            except ValueError as exc:
                raise ValueError(line.result.text) from exc
            if change is not None:
                indicators.append(change)
        feedback: list[ev.RhkFeedbackChange] = []
        if self._detail is not None:
            for rhk in self._detail.rhk:
                edit = self.feedback.get(rhk.rhk_id)
                if edit is not None and edit.toPlainText().strip() != rhk.umpan_balik.strip():
                    feedback.append(ev.RhkFeedbackChange(rhk.rhk_id, edit.toPlainText().strip()))
        return tuple(indicators), tuple(feedback)
