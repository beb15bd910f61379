"""Add / edit one output-log entry, with evidence by file picker, drag and drop, or link."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import PlannedDay, WorkMode
from flexdesk.errors import FlexDeskError
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogInput, LogRow
from flexdesk.services.permissions import Action
from flexdesk.services.staff_scope import employee_choices
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.pages.outputs.common import combo_value, from_qdate, mode_label, to_qdate
from flexdesk.ui.pages.outputs.evidence import EvidenceList
from flexdesk.ui.widgets.forms import ErrorLabel

_UNIT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the RHK's target unit, to pre-fill the unit


class LogDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        store: AttachmentStore,
        existing: LogRow | None = None,
        *,
        employee_id: str | None = None,
        day: date | None = None,
        read_only: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = store
        self.existing = existing
        self.saved: LogRow | None = None
        locked = existing is not None and not existing.editable
        self.read_only = locked if read_only is None else read_only or locked
        self._removed: list[str] = []
        self._mode_touched = existing is not None
        self._default_unit = ""
        if existing is None:
            self.setWindowTitle(self.tr("Catat output"))
        elif self.read_only:
            self.setWindowTitle(self.tr("Entri log output"))
        else:
            self.setWindowTitle(self.tr("Ubah entri log output"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setObjectName("review_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background: #fdecea; color: #8c1d18; border: 1px solid #f1b8b3; padding: 6px;"
        )
        self.note.setVisible(bool(existing and existing.review_note))
        if existing is not None and existing.review_note:
            self.note.setText(self.tr("Catatan atasan: {note}").format(note=existing.review_note))
        layout.addWidget(self.note)

        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}

        def add(label: str, widget: QWidget, field: str) -> None:
            widget.setObjectName(field)
            form.addRow(label, widget)
            err = ErrorLabel()
            err.setObjectName(f"{field}_error")
            form.addRow("", err)
            self.errors[field] = err

        self.employee = QComboBox()
        for emp_id, name in ctx.services.read(employee_choices, Action.OUTPUT_LOG):
            self.employee.addItem(name, emp_id)
        wanted = existing.employee_id if existing else employee_id or ctx.actor.employee_id
        self.employee.setCurrentIndex(max(self.employee.findData(wanted), 0))
        self.employee.setEnabled(existing is None and self.employee.count() > 1)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setDate(to_qdate(existing.day if existing else day or date.today()))
        self.rhk = QComboBox()
        self.rhk.setMinimumContentsLength(40)
        self.activity = QPlainTextEdit()
        self.activity.setPlaceholderText(self.tr("Apa yang dikerjakan dan hasilnya"))
        self.activity.setFixedHeight(64)
        self.activity.setTabChangesFocus(True)
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(2)
        self.quantity.setValue(1)
        self.unit = QLineEdit()
        self.unit.setObjectName("unit")
        self.unit.setPlaceholderText(self.tr("mis. dokumen"))
        output_row = QWidget()
        out_layout = QHBoxLayout(output_row)
        out_layout.setContentsMargins(0, 0, 0, 0)
        out_layout.addWidget(self.quantity)
        out_layout.addWidget(self.unit, 1)
        self.start = QTimeEdit(QTime(7, 30))
        self.end = QTimeEdit(QTime(9, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH.mm")
        times = QWidget()
        time_layout = QHBoxLayout(times)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.start)
        time_layout.addWidget(QLabel("–"))
        time_layout.addWidget(self.end)
        time_layout.addStretch(1)
        self.mode = QComboBox()
        for mode in WorkMode:
            self.mode.addItem(mode_label(mode), mode.value)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Lokasi kerja (wajib untuk WFA)"))
        self.plan = QLabel()
        self.plan.setObjectName("plan_label")
        self.plan.setWordWrap(True)

        add(self.tr("Pegawai"), self.employee, "employee")
        add(self.tr("Tanggal"), self.day, "day")
        add(self.tr("RHK"), self.rhk, "rhk")
        add(self.tr("Kegiatan *"), self.activity, "activity")
        add(self.tr("Output"), output_row, "quantity")
        add(self.tr("Jam mulai–selesai"), times, "end_time")
        add(self.tr("Mode kerja"), self.mode, "work_mode")
        form.addRow("", self.plan)
        add(self.tr("Lokasi"), self.location, "location")
        self.errors["unit"] = self.errors["quantity"]
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Bukti dukung (seret berkas ke sini, atau tambahkan):")))
        self.evidence = EvidenceList()
        self.evidence.setObjectName("evidence")
        self.evidence.files_dropped.connect(self.add_files)
        layout.addWidget(self.evidence)
        ev_bar = QHBoxLayout()
        link_bar = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("Tambah berkas…"))
        self.link = QLineEdit()
        self.link.setObjectName("link")
        self.link.setPlaceholderText(self.tr("https://… (tautan bukti)"))
        self.add_link_button = QPushButton(self.tr("Tambah tautan"))
        self.open_button = QPushButton(self.tr("Buka"))
        self.remove_button = QPushButton(self.tr("Hapus dari daftar"))
        for button in (self.add_file_button, self.open_button, self.remove_button):
            ev_bar.addWidget(button)
        ev_bar.addStretch(1)
        link_bar.addWidget(self.link, 1)
        link_bar.addWidget(self.add_link_button)
        layout.addLayout(ev_bar)
        layout.addLayout(link_bar)
        self.errors["evidence"] = ErrorLabel()
        self.errors["evidence"].setObjectName("evidence_error")
        layout.addWidget(self.errors["evidence"])
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        layout.addWidget(self.general_error)

        if self.read_only:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
            buttons.rejected.connect(self.reject)
        else:
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
            buttons.accepted.connect(self.save)
            buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.employee.currentIndexChanged.connect(lambda _i: self._context_changed())
        self.day.dateChanged.connect(lambda _d: self._context_changed())
        self.rhk.currentIndexChanged.connect(lambda _i: self._rhk_changed())
        self.mode.activated.connect(lambda _i: setattr(self, "_mode_touched", True))
        self.mode.currentIndexChanged.connect(lambda _i: self._show_plan())
        self.add_file_button.clicked.connect(self._pick_files)
        self.add_link_button.clicked.connect(self._add_link)
        self.link.returnPressed.connect(self._add_link)
        self.remove_button.clicked.connect(self._remove_selected)
        self.open_button.clicked.connect(self._open_selected)
        self._planned: PlannedDay | None = None
        self._context_changed()
        if existing is not None:
            self._load(existing)
        if self.read_only:
            fields: tuple[QWidget, ...] = (
                self.day, self.rhk, self.activity, self.quantity, self.unit, self.start, self.end,
                self.mode, self.location, self.add_file_button, self.link, self.add_link_button,
                self.remove_button,
            )  # fmt: skip
            for field in fields:
                field.setEnabled(False)
            self.evidence.setAcceptDrops(False)
        self.activity.setFocus()

    # -- context: RHK choices and the schedule's plan -----------------------------------------
    def employee_id(self) -> str:
        return combo_value(self.employee) or ""

    def _context_changed(self) -> None:
        emp = self.employee_id()
        day = from_qdate(self.day.date())
        current = combo_value(self.rhk) or ""
        self.rhk.blockSignals(True)
        self.rhk.clear()
        choices = self.ctx.services.read(outputs.rhk_choices, emp, day.year) if emp else []
        for choice in choices:
            self.rhk.addItem(f"{choice.position}. {choice.text}", choice.id)
            self.rhk.setItemData(self.rhk.count() - 1, choice.unit, _UNIT_ROLE)
        if not choices:
            self.rhk.addItem(self.tr("(belum ada SKP tahun {year})").format(year=day.year), "")
            self.rhk.setItemData(0, "", _UNIT_ROLE)
        self.rhk.setCurrentIndex(max(self.rhk.findData(current), 0))
        self.rhk.blockSignals(False)
        self._rhk_changed()
        self._planned = self.ctx.services.read(outputs.planned_day, emp, day) if emp else None
        if self._planned is not None and self._planned.mode is not None and not self._mode_touched:
            self.mode.setCurrentIndex(self.mode.findData(self._planned.mode.value))
            if self._planned.location and not self.location.text():
                self.location.setText(self._planned.location)
        self._show_plan()

    def _rhk_changed(self) -> None:
        unit = combo_value(self.rhk, _UNIT_ROLE) or ""
        if not self.unit.text() or self.unit.text() == self._default_unit:
            self.unit.setText(str(unit))
        self._default_unit = str(unit)

    def _show_plan(self) -> None:
        plan = self._planned
        if plan is None:
            self.plan.setText(self.tr("Tidak ada jadwal yang disetujui untuk hari ini."))
            self.plan.setStyleSheet("color: #5f6b7a;")
        elif plan.is_leave:
            self.plan.setText(
                self.tr("Jadwal: {leave}. Output tidak dicatat pada hari cuti.").format(
                    leave=plan.leave
                )
            )
            self.plan.setStyleSheet("color: #b3261e;")
        elif plan.mode is not None and plan.mode.value != combo_value(self.mode):
            self.plan.setText(
                self.tr("Jadwal: {mode}. Mode berbeda akan ditandai untuk atasan.").format(
                    mode=mode_label(plan.mode)
                )
            )
            self.plan.setStyleSheet("color: #8a4b00;")
        elif plan.mode is not None:
            self.plan.setText(self.tr("Sesuai jadwal: {mode}.").format(mode=mode_label(plan.mode)))
            self.plan.setStyleSheet("color: #1e7b34;")
        else:
            self.plan.setText("")

    def _load(self, row: LogRow) -> None:
        self.rhk.setCurrentIndex(max(self.rhk.findData(row.rhk_id), 0))
        self.activity.setPlainText(row.activity)
        self.quantity.setValue(row.quantity)
        self.unit.setText(row.unit)
        self.start.setTime(QTime(row.start_time.hour, row.start_time.minute))
        self.end.setTime(QTime(row.end_time.hour, row.end_time.minute))
        self.mode.setCurrentIndex(self.mode.findData(row.work_mode.value))
        self.location.setText(row.location)
        for ev in row.evidence:
            self.evidence.add_existing(ev)

    # -- evidence ---------------------------------------------------------------------------
    def add_files(self, paths: list[Path]) -> None:
        if self.read_only:
            return
        for path in paths:
            self.evidence.add_file(Path(path))

    def _pick_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Pilih berkas bukti"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.add_files([Path(f) for f in files]))
        dialog.open()

    def _add_link(self) -> None:
        url = self.link.text().strip()
        if url:
            self.evidence.add_link(url)
            self.link.clear()

    def _remove_selected(self) -> None:
        for item in self.evidence.remove_selected():
            if item.kind == "existing":
                self._removed.append(item.key)

    def _open_selected(self) -> None:
        for item in self.evidence.selected()[:1]:
            if item.kind == "file":
                QDesktopServices.openUrl(QUrl.fromLocalFile(item.key))
            elif item.kind == "link":
                QDesktopServices.openUrl(QUrl(item.key))
            else:
                self._open_existing(item.key)

    def _open_existing(self, evidence_id: str) -> None:
        assert self.existing is not None
        ev = next((e for e in self.existing.evidence if e.id == evidence_id), None)
        if ev is None:
            return
        if ev.kind == "link":
            QDesktopServices.openUrl(QUrl(ev.url))
            return
        try:
            path = self.ctx.services.read(
                outputs.evidence_copy, ev.id, self.store, self.ctx.paths.exports / "bukti"
            )
        except FlexDeskError as exc:
            self.errors["evidence"].show_error(self.ctx.message(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- saving -----------------------------------------------------------------------------
    def form_input(self) -> LogInput:
        items = self.evidence.entries()
        start, end = self.start.time(), self.end.time()
        return LogInput(
            employee_id=self.employee_id(),
            day=from_qdate(self.day.date()),
            rhk_id=combo_value(self.rhk) or "",
            activity=self.activity.toPlainText(),
            quantity=self.quantity.value(),
            unit=self.unit.text(),
            start_time=time(start.hour(), start.minute()),
            end_time=time(end.hour(), end.minute()),
            work_mode=WorkMode(combo_value(self.mode) or WorkMode.WFO.value),
            location=self.location.text(),
            add_files=tuple(Path(i.key) for i in items if i.kind == "file"),
            add_links=tuple(i.key for i in items if i.kind == "link"),
            remove_evidence_ids=tuple(self._removed),
        )

    def save(self) -> None:
        for err in {*self.errors.values(), self.general_error}:
            err.clear_error()
        data = self.form_input()
        try:
            if self.existing is None:
                self.saved = self.ctx.services.call(outputs.create_log, data, store=self.store)
            else:
                self.saved = self.ctx.services.call(
                    outputs.update_log, self.existing.id, data, store=self.store
                )
        except FlexDeskError as exc:
            label = self.errors.get(exc.field or "", self.general_error)
            label.show_error(self.ctx.message(exc))
            target = self.findChild(QWidget, exc.field or "")
            if target is not None:
                target.setFocus()
            return
        self.accept()
