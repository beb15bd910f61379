"""PERILAKU KERJA, the part of the evaluation form editor for the seven BerAKHLAK values."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services.evaluation import service as ev
from flexdesk.ui.pages.evaluation.sections import feedback_edit, scrolling


class BehaviourSection(QWidget):
    """PERILAKU KERJA: the seven BerAKHLAK values, their indicators, expectations, feedback."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expectation: dict[str, QLineEdit] = {}
        self.feedback: dict[str, QPlainTextEdit] = {}
        self._detail: ev.EvaluationDetail | None = None
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
        self.expectation.clear()
        self.feedback.clear()
        for number, value in enumerate(detail.behaviours, 1):
            box = QGroupBox(f"{number}. {value.name}")
            box.setObjectName(f"behaviour:{value.code}")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            indicators = QLabel("\n".join(f"• {text}" for text in value.indicators))
            indicators.setWordWrap(True)
            indicators.setStyleSheet("color: #333;")
            form.addRow(indicators)
            expectation = QLineEdit(value.ekspektasi_khusus)
            expectation.setObjectName(f"expectation:{value.code}")
            expectation.setReadOnly(not editable)
            expectation.setPlaceholderText(self.tr("opsional, tanpa tingkatan"))
            expectation.textEdited.connect(lambda _t: self.changed.emit())
            feedback = feedback_edit(f"behaviour_feedback:{value.code}", value.umpan_balik)
            feedback.setReadOnly(not editable)
            feedback.textChanged.connect(self.changed.emit)
            form.addRow(self.tr("Ekspektasi khusus pimpinan"), expectation)
            form.addRow(self.tr("Umpan balik"), feedback)
            self.expectation[value.code] = expectation
            self.feedback[value.code] = feedback
            self._layout.addWidget(box)
        self._layout.addStretch(1)

    def changes(self) -> tuple[ev.BehaviourChange, ...]:
        out: list[ev.BehaviourChange] = []
        if self._detail is None:
            return ()
        for value in self._detail.behaviours:
            feedback = self.feedback[value.code].toPlainText().strip()
            expectation = self.expectation[value.code].text().strip()
            if (
                feedback != value.umpan_balik.strip()
                or expectation != value.ekspektasi_khusus.strip()
            ):
                out.append(ev.BehaviourChange(value.code, feedback, expectation))
        return tuple(out)
