"""Add / edit one RHK: its statement, the supervisor's RHK it derives from, indicators and
targets per aspect (kuantitas, kualitas, waktu, biaya)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.errors import FlexDeskError
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput, RhkRow, SkpDetail
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.outputs.common import aspect_label, combo_value
from flexdesk.ui.pages.outputs.rhk_conflict import handle_conflict
from flexdesk.ui.widgets.conflict import ConflictDialog
from flexdesk.ui.widgets.forms import ErrorLabel


class RhkDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        detail: SkpDetail,
        existing: RhkRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.existing = existing
        self.expected_rev = existing.rev if existing is not None else None
        self.conflict: ConflictDialog | None = None
        self.saved: SkpDetail | None = None
        self.setWindowTitle(self.tr("Ubah RHK") if existing else self.tr("Tambah RHK"))
        self.setMinimumWidth(640)
        self.errors: dict[str, ErrorLabel] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form())
        layout.addWidget(self._build_indicators())
        hint = QLabel(
            self.tr(
                "Kuantitas wajib diisi: output harian dijumlahkan terhadap targetnya. Target berlaku setahun; rekap membaginya per periode."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        layout.addWidget(hint)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        layout.addWidget(self._build_buttons())
        if existing is not None:
            self._load(existing)
        else:
            self._defaults()
        self.text.setFocus()
        QueryOp(ctx, skp.parent_rhk_choices, detail.employee_id, detail.year).on_success(
            self._show_parents
        ).run(parent=self)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()

        def add(label: str, widget: QWidget, field: str) -> None:
            widget.setObjectName(field)
            form.addRow(label, widget)
            err = ErrorLabel()
            form.addRow("", err)
            self.errors[field] = err

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Utama"), RhkKind.UTAMA.value)
        self.kind.addItem(self.tr("Tambahan"), RhkKind.TAMBAHAN.value)
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(58)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            self.tr("mis. Tersusunnya laporan pelayanan administrasi terpadu")
        )
        self.parent_rhk = QComboBox()
        self.parent_rhk.setMinimumContentsLength(40)
        self.parent_rhk.addItem(self.tr("(tidak mengintervensi RHK atasan)"), "")
        add(self.tr("Jenis"), self.kind, "kind")
        add(self.tr("Rumusan RHK *"), self.text, "text")
        add(self.tr("RHK atasan yang diintervensi"), self.parent_rhk, "parent")
        return form

    def _show_parents(self, choices: list[tuple[str, str]]) -> None:
        """The supervisor's RHK have arrived: offer them, keep the one chosen (or stored)."""
        wanted = combo_value(self.parent_rhk) or (
            self.existing.parent_rhk_id if self.existing is not None else None
        )
        for rid, rhk_text in choices:
            self.parent_rhk.addItem(rhk_text, rid)
        if not choices:
            self.parent_rhk.setToolTip(
                self.tr("SKP atasan tahun ini belum ada atau belum berisi RHK.")
            )
        self.parent_rhk.setCurrentIndex(max(self.parent_rhk.findData(wanted or ""), 0))

    def _build_indicators(self) -> QGroupBox:
        box = QGroupBox(self.tr("Indikator kinerja individu dan target"))
        grid = QGridLayout(box)
        for col, head in enumerate(
            (self.tr("Aspek"), self.tr("Indikator"), self.tr("Target"), self.tr("Satuan"))
        ):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        self.rows: dict[Aspect, tuple[QLineEdit, QDoubleSpinBox, QLineEdit]] = {}
        for r, aspect in enumerate(Aspect, start=1):
            label = aspect_label(aspect) + (" *" if aspect is Aspect.KUANTITAS else "")
            text = QLineEdit()
            text.setObjectName(f"indicator_{aspect.value}")
            value = QDoubleSpinBox()
            value.setObjectName(f"target_{aspect.value}")
            value.setRange(0, 1_000_000_000)
            value.setDecimals(2)
            unit = QLineEdit()
            unit.setObjectName(f"unit_{aspect.value}")
            unit.setMaximumWidth(120)
            grid.addWidget(QLabel(label), 2 * r - 1, 0)
            grid.addWidget(text, 2 * r - 1, 1)
            grid.addWidget(value, 2 * r - 1, 2)
            grid.addWidget(unit, 2 * r - 1, 3)
            err = ErrorLabel()
            grid.addWidget(err, 2 * r, 1, 1, 3)
            self.errors[f"target_{aspect.value}"] = err
            self.errors[f"unit_{aspect.value}"] = err
            self.rows[aspect] = (text, value, unit)
        grid.setColumnStretch(1, 1)
        self.errors["indicators"] = ErrorLabel()
        grid.addWidget(self.errors["indicators"], 2 * len(Aspect) + 1, 0, 1, 4)
        return box

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _defaults(self) -> None:
        defaults = {
            Aspect.KUALITAS: (self.tr("Hasil kerja sesuai standar tanpa revisi"), 100.0, "%"),
            Aspect.WAKTU: (
                self.tr("Diselesaikan dalam tahun berjalan"),
                12.0,
                self.tr("bulan"),
            ),
        }
        for aspect, (text_value, target, unit_value) in defaults.items():
            text_edit, spin, unit_edit = self.rows[aspect]
            text_edit.setText(text_value)
            spin.setValue(target)
            unit_edit.setText(unit_value)

    def show_theirs(self, row: RhkRow) -> None:
        """Put the RHK another PC saved in the form (after a refused stale save)."""
        self.existing = row
        self.expected_rev = row.rev
        for text, value, unit in self.rows.values():
            text.clear()
            value.setValue(0)
            unit.clear()
        self._load(row)
        self.parent_rhk.setCurrentIndex(max(self.parent_rhk.findData(row.parent_rhk_id or ""), 0))

    def _load(self, row: RhkRow) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind.value), 0))
        self.text.setPlainText(row.text)  # (the supervisor's RHK is chosen when they arrive)
        for ind in row.indicators:
            text, value, unit = self.rows[ind.aspect]
            text.setText(ind.text)
            value.setValue(ind.target_value)
            unit.setText(ind.target_unit)

    def form_input(self) -> RhkInput:
        indicators = tuple(
            IndicatorInput(aspect, text.text(), value.value(), unit.text())
            for aspect, (text, value, unit) in self.rows.items()
            if text.text().strip()
        )
        return RhkInput(
            text=self.text.toPlainText(),
            kind=RhkKind(combo_value(self.kind) or RhkKind.UTAMA.value),
            parent_rhk_id=combo_value(self.parent_rhk),
            indicators=indicators,
        )

    def save(self) -> None:
        """Store the RHK on the database worker; Save waits meanwhile. Stored: the dialog
        closes; refused: the message shows under its field and nothing typed is lost."""
        for err in {*self.errors.values(), self.general_error}:
            err.clear_error()
        data = self.form_input()
        if self.existing is None:
            op = MutationOp(self.ctx, skp.add_rhk, self.detail.id, data, topics=["outputs"])
        else:
            op = MutationOp(
                self.ctx,
                skp.update_rhk,
                self.existing.id,
                data,
                expected_rev=self.expected_rev,
                topics=["outputs"],
            )
        self.save_button.setEnabled(False)
        op.on_success(self._saved).on_failure(self._refused).run(parent=self)

    def _saved(self, detail: SkpDetail) -> None:
        self.saved = detail
        self.save_button.setEnabled(True)
        self.accept()

    def _refused(self, exc: FlexDeskError) -> None:
        self.save_button.setEnabled(True)
        if handle_conflict(self, exc):
            return
        self.errors.get(exc.field or "", self.general_error).show_error(self.ctx.message(exc))
        target = self.findChild(QWidget, exc.field or "")
        if target is not None:
            target.setFocus()
