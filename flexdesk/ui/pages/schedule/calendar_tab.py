"""Settings > Kalender libur: the holidays of a year, edited or imported from a CSV file.

A year never edited shows the ``holidays`` package's list (an estimate; the SKB 3 Menteri is
the final word). Adding, removing or importing stores the year's own list; "Kembalikan ke
bawaan" forgets it again. A bad CSV is refused as a whole, with every problem listed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.calendar import HolidayKind, HolidayRow
from flexdesk.domain.dates import format_hari_tanggal
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule.calendar import ImportMode, YearHolidays
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.schedule.dialogs import pydate, qdate, ui_lang
from flexdesk.ui.widgets.forms import ErrorLabel


def _kind_labels() -> dict[HolidayKind, str]:
    return {
        HolidayKind.NATIONAL: QCoreApplication.translate("CalendarTab", "Libur nasional"),
        HolidayKind.CUTI_BERSAMA: QCoreApplication.translate("CalendarTab", "Cuti bersama"),
        HolidayKind.LOCAL: QCoreApplication.translate("CalendarTab", "Libur daerah/kantor"),
    }


class HolidayDialog(QDialog):
    def __init__(self, year: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tambah hari libur"))
        form = QFormLayout(self)
        self.day = QDateEdit(qdate(date(year, 1, 1)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDateRange(qdate(date(year, 1, 1)), qdate(date(year, 12, 31)))
        self.name = QLineEdit()
        self.name.setObjectName("holiday_name")
        self.name.setMaxLength(200)
        self.name.setMinimumWidth(300)
        self.kind = QComboBox()
        for kind, label in _kind_labels().items():
            self.kind.addItem(label, kind.value)
        self.kind.setCurrentIndex(2)
        form.addRow(self.tr("Tanggal"), self.day)
        form.addRow(self.tr("Nama"), self.name)
        form.addRow(self.tr("Jenis"), self.kind)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tambah"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def row(self) -> HolidayRow:
        return HolidayRow(
            pydate(self.day.date()), self.name.text(), HolidayKind(self.kind.currentData())
        )


class CalendarTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.current: YearHolidays | None = None
        self.dialog: QDialog | None = None
        self._note = ""  # "Impor berhasil." after the list, until the next action
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_year())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_buttons())
        hint = QLabel(
            self.tr(
                "CSV: kolom tanggal, nama, jenis (nasional, cuti_bersama, lokal); tanggal "
                "YYYY-MM-DD atau DD/MM/YYYY; pemisah koma atau titik koma."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.error = ErrorLabel()
        self.error.setObjectName("calendar_error")
        layout.addWidget(self.error)
        self.year.valueChanged.connect(lambda _v: self._year_changed())
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(lambda _checked=False: self.import_csv())
        self.reset_button.clicked.connect(self.reset)
        ctx.events.follow(self, ["policy"], self.reload)
        self.reload()

    def _build_year(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setObjectName("calendar_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.source = QLabel()
        self.source.setObjectName("calendar_source")
        self.source.setWordWrap(True)
        top.addWidget(QLabel(self.tr("Tahun")))
        top.addWidget(self.year)
        top.addWidget(self.source, 1)
        return top

    def _build_table(self) -> QTableView:
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Tanggal"), self.tr("Nama"), self.tr("Jenis")]
        )
        self.table = QTableView()
        self.table.setObjectName("holiday_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnWidth(0, 200)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, 170)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah…"))
        self.remove_button = QPushButton(self.tr("Hapus"))
        self.import_mode = QComboBox()
        self.import_mode.setObjectName("import_mode")
        self.import_mode.addItem(self.tr("Impor mengganti daftar tahun itu"), "replace")
        self.import_mode.addItem(self.tr("Impor menambah ke daftar"), "merge")
        self.import_button = QPushButton(self.tr("Impor CSV…"))
        self.import_button.setObjectName("import_holidays")
        self.reset_button = QPushButton(self.tr("Kembalikan ke bawaan"))
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_mode)
        for button in (self.import_button, self.reset_button):
            buttons.addWidget(button)
        return buttons

    def _year_changed(self) -> None:
        self._note = ""
        self.reload()

    def reload(self) -> None:
        year = self.year.value()
        QueryOp(self.ctx, schedule_calendar.year_holidays, year).on_success(
            lambda found: self._show(found) if found.year == self.year.value() else None
        ).run(parent=self)

    def _show(self, year: YearHolidays) -> None:
        self.current = year
        labels = _kind_labels()
        lang = ui_lang(self.ctx)
        self.model.removeRows(0, self.model.rowCount())
        for row in year.rows:
            self.model.appendRow(
                [
                    QStandardItem(format_hari_tanggal(row.day, lang)),
                    QStandardItem(row.name),
                    QStandardItem(labels[row.kind]),
                ]
            )
        if year.office_kept:
            self.source.setText(self.tr("Daftar kantor ({n} hari).").format(n=len(year.rows)))
        else:
            self.source.setText(
                self.tr(
                    "Perkiraan bawaan dari pustaka holidays ({n} hari); periksa dengan SKB 3 "
                    "Menteri tahun ini."
                ).format(n=len(year.rows))
            )
        if self._note:
            self.source.setText(self.source.text() + " " + self._note)
        self.reset_button.setEnabled(year.office_kept)

    def _run(
        self,
        fn: Callable[..., object],
        *args: object,
        then: Callable[[], None] | None = None,
        **kwargs: object,
    ) -> None:
        """Store a change of the year's list; on success show the list the service returned,
        or read it again after an import (the change bus tells the schedule grid)."""
        self.error.clear_error()
        self._note = ""

        def stored(result: object) -> None:
            if then is not None:
                then()
            if isinstance(result, YearHolidays) and result.year == self.year.value():
                self._show(result)
            else:
                self.reload()

        MutationOp(self.ctx, fn, *args, topics=["policy"], **kwargs).on_success(stored).on_failure(
            lambda exc: self.error.show_error(self.ctx.message(exc))
        ).run(parent=self)

    def add(self) -> None:
        dialog = HolidayDialog(self.year.value(), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._run(schedule_calendar.add_holiday, dialog.row()))
        dialog.open()

    def remove(self) -> None:
        row = self.table.currentIndex().row()
        if self.current is not None and 0 <= row < len(self.current.rows):
            self._run(schedule_calendar.remove_holiday, self.current.rows[row].day)

    def reset(self) -> None:
        self._run(schedule_calendar.reset_year, self.year.value())

    def import_csv(self, path: Path | None = None) -> None:
        """Import ``path`` (without one: ask for it); "Impor berhasil." follows the list."""
        if path is None:
            dialog = QFileDialog(self, self.tr("Impor hari libur"), "", self.tr("CSV (*.csv)"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            self.dialog = dialog
            dialog.fileSelected.connect(lambda name: self.import_csv(Path(name)))
            dialog.open()
            return
        mode: ImportMode = "merge" if self.import_mode.currentData() == "merge" else "replace"

        def imported() -> None:
            self._note = self.tr("Impor berhasil.")

        self._run(schedule_calendar.import_holidays_csv, path, mode=mode, then=imported)
