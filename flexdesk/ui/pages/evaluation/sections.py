"""The parts of the evaluation form editor: hasil kerja (RHK), perilaku kerja, ratings.

Each section shows one part of an :class:`~flexdesk.services.evaluation.service.EvaluationDetail`,
keeps the user's edits, and hands them back as the matching parts of
:class:`~flexdesk.services.evaluation.service.EvaluationChanges`. Only rows the user changed are sent.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.domain.performance import (
    PREDIKAT_MATRIX,
    OrganisationResult,
    Rating,
    predikat_kinerja,
)
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.pages.evaluation.common import (
    PREDIKAT_COLOURS,
    RATINGS,
    ReasonDialog,
    number_text,
    parse_number,
    predikat_text,
    rating_short,
    rating_text,
    status_text,
)

FEEDBACK_HEIGHT = 64


def _aspect_text(aspect: Aspect) -> str:
    from flexdesk.ui.pages.outputs.common import aspect_label

    return aspect_label(aspect)


def _scrolling(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


def _feedback_edit(name: str, text: str) -> QPlainTextEdit:
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
        layout.addWidget(_scrolling(self._inner))

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
        row += 1
        for ind in rhk.indicators:
            line = _IndicatorRow(ind, self.lang, self)
            self.rows[ind.indicator_id] = line
            indicator = QLabel(ind.text)
            indicator.setWordWrap(True)
            pre = QLabel(
                number_text(ind.prefilled, self.lang) if ind.prefilled is not None else "–"
            )
            pre.setToolTip(self.tr("Dari log output yang diterima pada periode ini"))
            pre.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            target = QLabel(f"{number_text(ind.target, self.lang)} {ind.target_unit}".strip())
            for col, widget in enumerate(
                (QLabel(_aspect_text(ind.aspect)), indicator, target, pre)
            ):
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
            row += 1
        grid.addWidget(QLabel(self.tr("Umpan balik")), row, 0, Qt.AlignmentFlag.AlignTop)
        feedback = _feedback_edit(f"feedback:{rhk.rhk_id}", rhk.umpan_balik)
        feedback.setReadOnly(not editable)
        feedback.textChanged.connect(self.changed.emit)
        self.feedback[rhk.rhk_id] = feedback
        grid.addWidget(feedback, row, 1, 1, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(5, 2)
        return box

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
        layout.addWidget(_scrolling(self._inner))

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
            feedback = _feedback_edit(f"behaviour_feedback:{value.code}", value.umpan_balik)
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


class RatingGroup(QWidget):
    """Di Atas / Sesuai / Di Bawah Ekspektasi as three radio buttons (none: not rated)."""

    changed = Signal()

    def __init__(self, name: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Rating, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for rating in RATINGS:
            button = QRadioButton(rating_text(rating, lang))
            button.setObjectName(f"{name}:{rating.value}")
            self.group.addButton(button)
            self.buttons[rating] = button
            layout.addWidget(button)
            button.toggled.connect(self._toggled)
        layout.addStretch(1)

    def _toggled(self, on: bool) -> None:
        if on:
            self.changed.emit()

    def value(self) -> Rating | None:
        return next((r for r, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, rating: Rating | None) -> None:
        self.group.setExclusive(False)  # lets every button go off for "not rated"
        for r, b in self.buttons.items():
            b.blockSignals(True)
            b.setChecked(r == rating)
            b.blockSignals(False)
        self.group.setExclusive(True)

    def set_editable(self, editable: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(editable)


class RatingSection(QWidget):
    """The two ratings, the predikat they give (live, by the PermenPANRB 6/2022 matrix), the
    organisation's result and the catatan/rekomendasi."""

    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._detail: ev.EvaluationDetail | None = None
        self.hasil = RatingGroup("rating_hasil", lang)
        self.perilaku = RatingGroup("rating_perilaku", lang)
        self.predikat = QLabel()
        self.predikat.setObjectName("predikat_label")
        self.predikat.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.predikat.setToolTip(
            self.tr("Dihitung dari kedua rating dengan matriks PermenPANRB 6/2022")
        )
        self.capaian = QComboBox()
        self.capaian.setObjectName("capaian_organisasi")
        self.capaian.addItem(self.tr("— belum ditetapkan —"), "")
        for org in OrganisationResult:
            self.capaian.addItem(org.label_for("en" if lang == "en" else "id"), org.value)
        self.catatan = QPlainTextEdit()
        self.catatan.setObjectName("catatan")
        self.catatan.setTabChangesFocus(True)
        self.catatan.setFixedHeight(80)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet("color: #5f6b7a;")
        self.periodic = QLabel()
        self.periodic.setWordWrap(True)
        self.periodic.setTextFormat(Qt.TextFormat.RichText)

        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Rating hasil kerja"), self.hasil)
        form.addRow(self.tr("Rating perilaku kerja"), self.perilaku)
        form.addRow(self.tr("Predikat kinerja"), self.predikat)
        self.matrix = QLabel()
        self.matrix.setObjectName("predikat_matrix")
        self.matrix.setTextFormat(Qt.TextFormat.RichText)
        form.addRow("", self.matrix)
        form.addRow(self.suggestion)
        form.addRow(self.periodic)
        form.addRow(self.tr("Capaian kinerja organisasi"), self.capaian)
        form.addRow(self.tr("Catatan/rekomendasi"), self.catatan)
        for signal in (self.hasil.changed, self.perilaku.changed):
            signal.connect(self._ratings_changed)
        self.capaian.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.catatan.textChanged.connect(self.changed.emit)

    def set_detail(self, detail: ev.EvaluationDetail, editable: bool) -> None:
        self._detail = detail
        self.hasil.set_value(detail.rating_hasil_kerja)
        self.perilaku.set_value(detail.rating_perilaku)
        self.hasil.set_editable(editable)
        self.perilaku.set_editable(editable)
        self.capaian.blockSignals(True)
        org = detail.capaian_organisasi
        self.capaian.setCurrentIndex(max(self.capaian.findData(org.value if org else ""), 0))
        self.capaian.blockSignals(False)
        self.capaian.setEnabled(editable)
        self.catatan.blockSignals(True)
        self.catatan.setPlainText(detail.catatan)
        self.catatan.blockSignals(False)
        self.catatan.setReadOnly(not editable)
        hints = []
        if detail.suggested_hasil_kerja is not None:
            hints.append(
                self.tr("Saran hasil kerja dari evaluasi periodik: {r}").format(
                    r=rating_text(detail.suggested_hasil_kerja, self.lang)
                )
            )
        if detail.suggested_perilaku is not None:
            hints.append(
                self.tr("Saran perilaku kerja dari evaluasi periodik: {r}").format(
                    r=rating_text(detail.suggested_perilaku, self.lang)
                )
            )
        self.suggestion.setText("\n".join(hints))
        self.suggestion.setVisible(bool(hints))
        if detail.periodic:
            rows = "".join(
                f"<tr><td>{p.period.label('en' if self.lang == 'en' else 'id')}</td><td>{status_text(p.status, self.lang)}</td>"
                f"<td>{predikat_text(p.predikat, self.lang) or '–'}</td></tr>"
                for p in detail.periodic
            )
            self.periodic.setText(
                "<b>" + self.tr("Evaluasi periodik tahun ini") + "</b>"
                f"<table cellspacing='6'>{rows}</table>"
            )
        self.periodic.setVisible(bool(detail.periodic))
        self._show_predikat()

    def _ratings_changed(self) -> None:
        self._show_predikat()
        self.changed.emit()

    def _show_matrix(self, hasil: Rating | None, perilaku: Rating | None) -> None:
        """The PermenPANRB 6/2022 matrix with the cell of the current ratings marked."""
        order = (Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS)
        cell = "padding: 2px 8px; border: 1px solid #c8ccd2;"
        head = "".join(f"<th style='{cell}'>{html.escape(rating_short(r))}</th>" for r in order)
        rows = []
        for p in reversed(order):
            cells = []
            for h in order:
                text = html.escape(predikat_text(PREDIKAT_MATRIX[(p, h)], self.lang))
                if (h, p) == (hasil, perilaku):
                    colour = PREDIKAT_COLOURS[PREDIKAT_MATRIX[(p, h)]].name()
                    cells.append(
                        f"<td style='{cell} background: {colour}; color: white'><b>{text}</b></td>"
                    )
                else:
                    cells.append(f"<td style='{cell} color: #5f6b7a'>{text}</td>")
            rows.append(
                f"<tr><th style='{cell}'>{html.escape(rating_short(p))}</th>{''.join(cells)}</tr>"
            )
        corner = html.escape(self.tr("perilaku ↓  hasil kerja →"))
        self.matrix.setText(
            f"<table cellspacing='0'><tr><th style='{cell}'>{corner}</th>{head}</tr>"
            + "".join(rows)
            + "</table>"
        )

    def _show_predikat(self) -> None:
        hasil, perilaku = self.hasil.value(), self.perilaku.value()
        self._show_matrix(hasil, perilaku)
        if hasil is None or perilaku is None:
            self.predikat.setText(self.tr("— isi kedua rating —"))
            self.predikat.setStyleSheet("font-size: 13pt; color: #5f6b7a;")
            return
        predikat = predikat_kinerja(hasil, perilaku)
        colour = PREDIKAT_COLOURS[predikat].name()
        self.predikat.setText(predikat_text(predikat, self.lang))
        self.predikat.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {colour};")

    def apply(self, changes: Callable[..., ev.EvaluationChanges]) -> ev.EvaluationChanges:
        """``changes(**fields)`` with the fields of this section that differ from the detail."""
        detail = self._detail
        fields: dict[str, object] = {}
        if detail is not None:
            if self.hasil.value() != detail.rating_hasil_kerja:
                fields["rating_hasil_kerja"] = self.hasil.value()
            if self.perilaku.value() != detail.rating_perilaku:
                fields["rating_perilaku"] = self.perilaku.value()
            org_value = str(self.capaian.currentData() or "")
            org = OrganisationResult(org_value) if org_value else None
            if org != detail.capaian_organisasi:
                fields["capaian_organisasi"] = org
            text = self.catatan.toPlainText().strip()
            if text != detail.catatan.strip():
                fields["catatan"] = text
        return changes(**fields)
