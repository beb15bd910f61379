"""Printing the approved schedule (on the database worker, with progress) and exporting CSV.

Without a path the user picks one in a non-blocking file dialog (default: the data folder's
``exports``); the finished file can be opened from the message that follows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from flexdesk.errors import FlexDeskError
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import export as schedule_export
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.export import PrintResult
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.worker import ProgressRunner, run_with_progress

if TYPE_CHECKING:
    from flexdesk.ui.pages.schedule.page import SchedulePage


def _export_csv(
    session: Any, actor: Actor, year: int, month: int, path: Path, *, unit_id: str | None
) -> int | OSError:
    """The CSV export on the database worker; a file that cannot be written is an answer to
    show ("Berkas tidak dapat ditulis"), not a crash."""
    try:
        return schedule_export.export_schedule_csv(
            session, actor, year, month, path, unit_id=unit_id
        )
    except OSError as exc:
        return exc


class ScheduleOutput(QObject):
    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self.page = page
        self.runner: ProgressRunner | None = None
        self.dialog: QFileDialog | QMessageBox | None = None
        self.last_output: Path | None = None
        #: tests and the CLI-like callers set this to False: no desktop viewer is started
        self.offer_open = True

    def _default(self, editor: MonthEditor, suffix: str) -> Path:
        unit = f"-{editor.grid.unit_id[:8]}" if editor.grid.unit_id else ""
        return (
            self.page.ctx.paths.exports / f"jadwal-{editor.year}-{editor.month:02d}{unit}{suffix}"
        )

    def _choose(self, title: str, suffix: str, pattern: str, then: Callable[[Path], None]) -> None:
        if self.page.editor is None:
            return
        default = self._default(self.page.editor, suffix)
        default.parent.mkdir(parents=True, exist_ok=True)
        dialog = QFileDialog(self.page, title, str(default), pattern)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(str(default))
        dialog.setDefaultSuffix(suffix.lstrip("."))
        self.dialog = dialog
        dialog.fileSelected.connect(lambda name: then(Path(name)))
        dialog.open()

    def print_pdf(self, path: Path | None = None) -> None:
        if path is None:
            self._choose(
                self.tr("Simpan PDF jadwal"), ".pdf", self.tr("PDF (*.pdf)"), self.print_pdf
            )
            return
        editor = self.page.editor
        if editor is None:
            return

        def done(result: Any) -> None:
            assert isinstance(result, PrintResult)
            self.last_output = path
            text = self.tr("PDF jadwal tersimpan ({pages} halaman, {n} pegawai): {path}").format(
                pages=result.pages, n=result.printed, path=path
            )
            if result.not_approved:
                text += " " + self.tr("{n} pegawai belum disetujui dan tidak dicetak.").format(
                    n=len(result.not_approved)
                )
            self._finished(text, path)

        self.runner = run_with_progress(
            self.page.ctx,
            self.page,
            self.tr("Mencetak jadwal"),
            schedule_export.print_schedule_pdf,
            editor.year,
            editor.month,
            path,
            unit_id=editor.grid.unit_id,
            on_done=done,
            on_error=self._failed,
        )

    def export_csv(self, path: Path | None = None) -> None:
        if path is None:
            self._choose(
                self.tr("Simpan CSV jadwal"), ".csv", self.tr("CSV (*.csv)"), self.export_csv
            )
            return
        editor = self.page.editor
        if editor is None:
            return

        def written(count: int | OSError) -> None:
            if isinstance(count, OSError):
                self._failed(count)
                return
            self.last_output = path
            text = self.tr("CSV jadwal tersimpan ({n} baris): {path}").format(n=count, path=path)
            self._finished(text, path)

        QueryOp(
            self.page.ctx, _export_csv, editor.year, editor.month, path, unit_id=editor.grid.unit_id
        ).on_success(written).on_failure(self._failed).run(parent=self.page)

    def _finished(self, text: str, path: Path) -> None:
        self.page.message.show_info(text)
        if not self.offer_open:
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Selesai"), text, parent=self.page)
        open_button = box.addButton(self.tr("Buka"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.RejectRole)
        self.dialog = box

        def clicked(button: object) -> None:
            if button is open_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        box.buttonClicked.connect(clicked)
        box.open()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError) and not isinstance(exc, FlexDeskError):
            self.page.message.show_error(
                self.tr("Berkas tidak dapat ditulis: {why}").format(why=exc)
            )
            return
        self.page.message.show_error(
            self.page.ctx.message(exc) if isinstance(exc, Exception) else str(exc)
        )
