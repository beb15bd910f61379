"""The workflow buttons of the Jadwal page: submit, withdraw, approve, return, reopen, history.

They act on the employee of the current cell; the services check the role, the supervisor
relation and the status, and refuse with a sentence that the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule.periods import PeriodInfo
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.schedule.dialogs import HistoryDialog, NoteDialog

if TYPE_CHECKING:
    from flexdesk.ui.pages.schedule.page import SchedulePage

#: a workflow service: (session, actor, employee id, year, month, [note=...]) -> PeriodInfo
Step = Callable[..., PeriodInfo]


class PeriodActions(QObject):
    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: NoteDialog | HistoryDialog | QMessageBox | None = None

    def _member(self) -> str | None:
        member = self.page.current_member()
        if member is None:
            self.page.message.show_error(self.tr("Pilih dulu sel pegawai yang jadwalnya dimaksud."))
            return None
        return member.id

    def _run(self, employee_id: str, step: Step, done: str, **kwargs: str) -> None:
        """Run one workflow step on the database worker, then show the new status."""
        editor = self.page.editor
        if editor is None:
            return

        def stepped(info: PeriodInfo) -> None:
            editor.grid.periods[employee_id] = info
            self.page.undo_stack.clear()  # earlier edits may now be locked
            self.page.model.refresh_rows(employee_id)
            self.page.update_period_bar()
            self.page.message.show_info(done)
            self.page.announce_change()

        MutationOp(
            self.page.ctx, step, employee_id, editor.year, editor.month, **kwargs, topics=()
        ).on_success(stepped).on_failure(
            lambda exc: self.page.message.show_error(self.page.ctx.message(exc))
        ).run(parent=self.page)

    def submit(self) -> None:
        emp = self._member()
        editor = self.page.editor
        if emp is None or editor is None:
            return
        errors = [v for v in editor.violations() if v.employee_id == emp and v.severity == "error"]
        submit = schedule_periods.submit_period
        if not errors:
            self._run(emp, submit, self.tr("Jadwal diajukan ke atasan."))
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
        box.accepted.connect(lambda: self._run(emp, submit, self.tr("Jadwal diajukan.")))
        box.open()

    def withdraw(self) -> None:
        emp = self._member()
        if emp is not None:
            self._run(emp, schedule_periods.withdraw_period, self.tr("Pengajuan ditarik kembali."))

    def approve(self) -> None:
        emp = self._member()
        if emp is not None:
            self._run(
                emp, schedule_periods.approve_period, self.tr("Jadwal disetujui dan dikunci.")
            )

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
        dialog.accepted.connect(
            lambda: self._run(
                emp,
                schedule_periods.return_period,
                self.tr("Jadwal dikembalikan."),
                note=dialog.value(),
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
        dialog.accepted.connect(
            lambda: self._run(
                emp,
                schedule_periods.reopen_period,
                self.tr("Jadwal dibuka kembali."),
                note=dialog.value(),
            )
        )
        dialog.open()

    def history(self) -> None:
        member = self.page.current_member()
        editor = self.page.editor
        if member is None or editor is None:
            return
        title = self.tr("Riwayat jadwal {name}").format(name=member.name)

        def show(events: list[Any]) -> None:
            dialog = HistoryDialog(title, events, self.page.ctx.lang, self.page)
            self.dialog = dialog
            dialog.open()

        QueryOp(
            self.page.ctx, schedule_periods.period_history, member.id, editor.year, editor.month
        ).on_success(show).on_failure(
            lambda exc: self.page.message.show_error(self.page.ctx.message(exc))
        ).run(parent=self.page)
