"""The ratings part of the evaluation form editor: the two ratings, the predikat they give
(PermenPANRB 6/2022 matrix, live), the organisation's result and the catatan/rekomendasi."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

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
    predikat_text,
    rating_short,
    rating_text,
    status_text,
)


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
