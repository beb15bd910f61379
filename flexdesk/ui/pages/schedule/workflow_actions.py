"""The workflow buttons of the Jadwal page: submit, withdraw, approve, return, reopen, history.

They act on the employee of the current cell; the services check the role, the supervisor
relation and the status, and refuse with a sentence that the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from flexdesk.errors import FlexDeskError
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule.periods import PeriodInfo
from flexdesk.ui.pages.schedule.dialogs import HistoryDialog, NoteDialog

if TYPE_CHECKING:
    from flexdesk.ui.pages.schedule.page import SchedulePage


class PeriodActions(QObject):
    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: NoteDialog | HistoryDialog | QMessageBox | None = None

    def _member(self) -> str | None:
        member = self.page.current_member()
        if member is None:
            self.page.show_error(self.tr("Pilih dulu sel pegawai yang jadwalnya dimaksud."))
            return None
        return member.id

    def _run(self, employee_id: str, step: Callable[[str], PeriodInfo], done: str) -> None:
        try:
            step(employee_id)
        except FlexDeskError as exc:
            self.page.show_error(self.page.ctx.message(exc))
            return
        self.page.undo_stack.clear()  # earlier edits may now be locked
        self.page.model.refresh_rows(employee_id)
        self.page.update_period_bar()
        self.page.show_info(done)

    def submit(self) -> None:
        emp = self._member()
        if emp is None:
            return
        editor = self.page.editor
        errors = [v for v in editor.violations() if v.employee_id == emp and v.severity == "error"]
        if not errors:
            self._run(emp, editor.submit, self.tr("Jadwal diajukan ke atasan."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Ajukan jadwal"),
            self.tr("Jadwal ini masih memuat {n} kesalahan. Tetap ajukan ke atasan?").format(
                n=len(errors)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.page,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Tetap ajukan"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        self.dialog = box
        box.accepted.connect(lambda: self._run(emp, editor.submit, self.tr("Jadwal diajukan.")))
        box.open()

    def withdraw(self) -> None:
        emp = self._member()
        if emp is not None:
            self._run(emp, self.page.editor.withdraw, self.tr("Pengajuan ditarik kembali."))

    def approve(self) -> None:
        emp = self._member()
        if emp is not None:
            self._run(emp, self.page.editor.approve, self.tr("Jadwal disetujui dan dikunci."))

    def return_(self) -> None:
        emp = self._member()
        if emp is None:
            return
        dialog = NoteDialog(
            self.tr("Kembalikan jadwal"),
            self.tr("Apa yang perlu diubah? Catatan ini dibaca pegawai."),
            self.page,
        )
        self.dialog = dialog
        editor = self.page.editor
        dialog.accepted.connect(
            lambda: self._run(
                emp, lambda e: editor.return_(e, dialog.value()), self.tr("Jadwal dikembalikan.")
            )
        )
        dialog.open()

    def reopen(self) -> None:
        emp = self._member()
        if emp is None:
            return
        dialog = NoteDialog(
            self.tr("Buka kembali jadwal"),
            self.tr("Mengapa jadwal yang sudah disetujui perlu diubah? Alasan ini dicatat."),
            self.page,
        )
        self.dialog = dialog
        editor = self.page.editor
        dialog.accepted.connect(
            lambda: self._run(
                emp, lambda e: editor.reopen(e, dialog.value()), self.tr("Jadwal dibuka kembali.")
            )
        )
        dialog.open()

    def history(self) -> None:
        member = self.page.current_member()
        if member is None:
            return
        editor = self.page.editor
        try:
            events = self.page.ctx.services.read(
                schedule_periods.period_history, member.id, editor.year, editor.month
            )
        except FlexDeskError as exc:
            self.page.show_error(self.page.ctx.message(exc))
            return
        title = self.tr("Riwayat jadwal {name}").format(name=member.name)
        dialog = HistoryDialog(title, events, self.page.ctx.lang, self.page)
        self.dialog = dialog
        dialog.open()
