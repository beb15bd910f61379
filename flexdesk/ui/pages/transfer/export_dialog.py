"""Pegawai > Ekspor…: choose a sheet (employee list, schedule month, output log, recap,
evaluation recap, e-Kinerja recap), its period, unit and paper, and write the XLSX in a worker
with a cancellable progress dialog. The services check permissions and do the writing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services import units
from flexdesk.services.transfer.export_request import ExportRequest, export_xlsx
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.worker import ProgressRunner, run_with_progress

#: kind -> (file name stem, parameter rows shown); the labels are in ExportDialog._labels
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "employees": ("daftar-pegawai", ()),
    "schedule": ("jadwal", ("year", "month", "unit", "paper")),
    "logs": ("log-output", ("dates", "unit", "paper")),
    "recap": ("rekap-output", ("year", "period", "unit", "paper")),
    "evaluation": ("rekap-evaluasi", ("year", "period", "unit", "paper")),
    "ekinerja": ("rekap-ekinerja", ("year", "period", "unit", "paper")),
}


class ExportDialog(QDialog):
    """Writes one XLSX export chosen by the user."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Ekspor ke Excel"))
        self.runner: ProgressRunner | None = None
        self.file_dialog: QFileDialog | None = None
        self.written: Path | None = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.kind = QComboBox()
        self.kind.setObjectName("export_kind")
        labels = {
            "employees": self.tr("Daftar pegawai"),
            "schedule": self.tr("Jadwal satu bulan"),
            "logs": self.tr("Log output (dengan saringan tanggal dan unit)"),
            "recap": self.tr("Rekap output per pegawai"),
            "evaluation": self.tr("Rekap evaluasi kinerja unit"),
            "ekinerja": self.tr("Rekap untuk e-Kinerja"),
        }
        for key in KINDS:
            self.kind.addItem(labels[key], key)
        self.form.addRow(self.tr("Ekspor"), self.kind)
        self._params()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("export_status")
        layout.addWidget(self.status)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        box = QDialogButtonBox()
        self.export_button = box.addButton(
            self.tr("Ekspor…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export_run")
        box.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(
            self.reject
        )
        self.export_button.clicked.connect(self.choose_target)
        layout.addWidget(box)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.setMinimumWidth(480)

    def _params(self) -> None:
        today = date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.period = QSpinBox()
        self.period.setRange(0, 12)
        self.period.setSpecialValueText(self.tr("Tahunan"))
        self.date_from = QDateEdit(QDate(today.year, 1, 1))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.unit = QComboBox()
        self.unit.setObjectName("export_unit")
        self.unit.addItem(self.tr("Semua unit"), None)
        QueryOp(self.ctx, units.list_units).on_success(self._fill_units).run(parent=self)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "F4"])
        self.rows: dict[str, tuple[QWidget, ...]] = {
            "year": (self.year,), "month": (self.month,), "period": (self.period,),
            "dates": (self.date_from, self.date_to), "unit": (self.unit,), "paper": (self.paper,),
        }  # fmt: skip
        labels = {"year": self.tr("Tahun"), "month": self.tr("Bulan"),
                  "period": self.tr("Periode"), "unit": self.tr("Unit kerja"),
                  "paper": self.tr("Kertas (cetak)")}  # fmt: skip
        for key, widgets in self.rows.items():
            if key == "dates":
                self.form.addRow(self.tr("Dari tanggal"), self.date_from)
                self.form.addRow(self.tr("Sampai tanggal"), self.date_to)
            else:
                self.form.addRow(labels[key], widgets[0])

    def _fill_units(self, rows: list[UnitRow]) -> None:
        for unit in rows:
            self.unit.addItem(unit.name, unit.id)

    def _kind_changed(self) -> None:
        shown = KINDS[self.current_kind][1]
        for key, widgets in self.rows.items():
            for widget in widgets:
                self.form.setRowVisible(widget, key in shown)

    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def choose_target(self) -> None:
        stem = KINDS[self.current_kind][0]
        default = self.ctx.paths.exports / f"{stem}-{date.today():%Y%m%d}.xlsx"
        dialog = QFileDialog(
            self, self.tr("Simpan sebagai"), str(default), self.tr("Excel (*.xlsx)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def request(self) -> ExportRequest:
        """The choices on screen as the service's request."""
        return ExportRequest(
            kind=self.current_kind,  # type: ignore[arg-type]  # the KINDS keys
            year=self.year.value(),
            month=self.month.value(),
            unit_id=self.unit.currentData(),
            period_index=self.period.value() or None,
            paper=self.paper.currentText(),
            date_from=_as_date(self.date_from.date()),
            date_to=_as_date(self.date_to.date()),
        )

    def export_to(self, target: Path) -> None:
        """Write the chosen export to ``target`` in a worker."""
        self.error.clear_error()
        if self.current_kind == "evaluation" and self.unit.currentData() is None:
            self.error.show_error(self.tr("Pilih satu unit kerja untuk rekap evaluasi."))
            return
        self.export_button.setEnabled(False)

        def done(count: Any) -> None:
            self.written = target
            self.export_button.setEnabled(True)
            self.status.setText(self.tr("{n} baris ditulis ke {path}").format(n=count, path=target))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.error.show_error(self.ctx.message(exc) if isinstance(exc, Exception) else str(exc))

        self.runner = run_with_progress(
            self.ctx, self, self.tr("Mengekspor"), export_xlsx, self.request(), target,
            on_done=done, on_error=failed,
        )  # fmt: skip


def _as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
