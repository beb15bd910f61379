"""Cadangan: the admin's backup tab: list with date, size and record counts, "Back up to..."
(e.g. a USB drive), a check of the selected backup, and restore.

Restore ("Pulihkan…" for a listed backup, "Pulihkan dari berkas…" for a file elsewhere):
the backup is verified off the GUI thread (a file from outside is first copied in safely by
``backup.import_backup_file``), a confirmation shows what it holds and which open forms would
be closed, and the app's ``SessionHost`` (found through the main window's ``RestartHook``)
then signs out, restores and asks for a new sign-in (docs/reliability.md).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.services.permissions import Action
from flexdesk.services.storage import backup
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp, progress_runner
from flexdesk.ui.pages.audit.restore_dialog import RestoreConfirmDialog
from flexdesk.ui.restart import RestartHook, find_hook
from flexdesk.ui.worker import CancelledFn, ProgressFn, ProgressRunner


class BackupTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner: ProgressRunner | None = None
        self.confirm: RestoreConfirmDialog | None = None
        self.refusal: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_buttons())
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self._build_table(), 1)
        en = ctx.lang == "en"
        hint = QLabel(
            "Restoring checks the backup first, keeps the current data as a pre-restore "
            "backup, and then asks everyone to sign in again."
            if en
            else "Pemulihan memeriksa cadangan lebih dulu, menyimpan data sekarang sebagai "
            "cadangan pre-restore, lalu meminta semua pengguna masuk lagi."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.backup_here.clicked.connect(lambda: self.make_backup(None))
        self.backup_to.clicked.connect(self._choose_folder)
        self.check.clicked.connect(self.check_selected)
        self.restore.clicked.connect(self.restore_selected)
        self.restore_file.clicked.connect(lambda: self.restore_from_file(None))
        self.refresh()
        ctx.events.follow(self, ["backup"], self.refresh)

    def _build_buttons(self) -> QHBoxLayout:
        en = self.ctx.lang == "en"
        bar = QHBoxLayout()
        self.backup_here = QPushButton("Back up now" if en else "Cadangkan sekarang")
        self.backup_here.setObjectName("backup_now")
        self.backup_to = QPushButton("Back up to…" if en else "Cadangkan ke…")
        self.backup_to.setObjectName("backup_to")
        self.check = QPushButton("Check selected" if en else "Periksa yang dipilih")
        self.check.setObjectName("backup_check")
        self.restore = QPushButton("Restore…" if en else "Pulihkan…")
        self.restore.setObjectName("backup_restore")
        self.restore_file = QPushButton("Restore from file…" if en else "Pulihkan dari berkas…")
        self.restore_file.setObjectName("backup_restore_file")
        for button in (
            self.backup_here,
            self.backup_to,
            self.check,
            self.restore,
            self.restore_file,
        ):
            bar.addWidget(button)
        # The tab is only added for backup.manage and the services check it again; this keeps
        # the buttons honest should the tab ever be shown to someone else.
        allowed = self.ctx.actor.can(Action.BACKUP_MANAGE)
        for button in (self.backup_here, self.backup_to, self.restore, self.restore_file):
            button.setEnabled(allowed)
        if not self.ctx.db.is_sqlite:  # a PostgreSQL server: backed up and restored with its tools
            server = backup.server_database_error()
            for button in (self.restore, self.restore_file):
                button.setEnabled(False)
                button.setToolTip(server.message_en if en else server.message)
        bar.addStretch(1)
        return bar

    def _build_table(self) -> QTableView:
        en = self.ctx.lang == "en"
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            ["Date (UTC)", "Kind", "Size", "Records"]
            if en
            else ["Tanggal (UTC)", "Jenis", "Ukuran", "Jumlah data"]
        )
        self.view = QTableView()
        self.view.setObjectName("backup_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return self.view

    def refresh(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for info in backup.list_backups(self.ctx.paths.backups):
            counts = ", ".join(f"{k} {v}" for k, v in info.counts.items())
            cells = [
                QStandardItem(info.created.strftime("%Y-%m-%d %H:%M")),
                QStandardItem(info.kind),
                QStandardItem(f"{info.size / 1024:.0f} KB"),
                QStandardItem(counts if info.readable else "?"),
            ]
            cells[0].setData(str(info.path))
            for cell in cells:
                cell.setEditable(False)
            self.model.appendRow(cells)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.backup_to.text())
        if folder:
            self.make_backup(Path(folder))

    def make_backup(self, folder: Path | None) -> None:
        en = self.ctx.lang == "en"

        def written(info: backup.BackupInfo) -> None:
            self.status.setText(f"{'Backup written' if en else 'Cadangan ditulis'}: {info.path}")
            self.ctx.events.publish(["backup"])  # (a read of the database, a new file)

        def refused(exc: FlexDeskError) -> None:
            self.status.setText(exc.message_en if en else exc.message)

        op = QueryOp(self.ctx, backup.manual_backup, self.ctx.db, self.ctx.paths, dest_dir=folder)
        op.on_success(written).on_failure(refused).run(parent=self)

    def check_selected(self) -> None:
        en = self.ctx.lang == "en"
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        path = Path(str(self.model.item(rows[0].row(), 0).data()))
        try:
            backup.verify_backup(path)
        except FlexDeskError as exc:
            self.status.setText(exc.message_en if en else exc.message)
            return
        self.status.setText(f"{path.name}: {'intact' if en else 'utuh'} (integrity_check: ok)")

    # -- restore ----------------------------------------------------------------------------
    def _selected_path(self) -> Path | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(str(self.model.item(rows[0].row(), 0).data()))

    def restore_selected(self) -> None:
        path = self._selected_path()
        if path is None:
            en = self.ctx.lang == "en"
            self.status.setText(
                "Select the backup to restore first."
                if en
                else "Pilih dulu cadangan yang akan dipulihkan."
            )
            return
        actor = self.ctx.actor

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> backup.BackupInfo:
            return backup.check_backup_as(actor, path)

        self._run(
            "Checking the backup" if self.ctx.lang == "en" else "Memeriksa cadangan",
            work,
            lambda info: self._confirm(info, source_name=path.name, imported=False),
        )

    def restore_from_file(self, source: Path | None) -> None:
        """ "Pulihkan dari berkas…": copy the file in (checked, verified), then confirm."""
        en = self.ctx.lang == "en"
        if source is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.restore_file.text(),
                "",
                "FlexDesk backup (*.sqlite3 *.db);;All files (*)"
                if en
                else "Cadangan FlexDesk (*.sqlite3 *.db);;Semua berkas (*)",
            )
            if not chosen:
                return
            source = Path(chosen)
        actor, paths, file = self.ctx.actor, self.ctx.paths, source

        def work(progress: ProgressFn, cancelled: CancelledFn) -> backup.BackupInfo:
            return backup.import_backup_file(
                actor, paths, file, progress=progress, is_cancelled=cancelled
            )

        self._run(
            "Copying and checking the backup" if en else "Menyalin dan memeriksa cadangan",
            work,
            lambda info: self._confirm(info, source_name=backup.display_name(file), imported=True),
        )

    def _run(
        self,
        title: str,
        work: Callable[[ProgressFn, CancelledFn], backup.BackupInfo],
        done: Callable[[backup.BackupInfo], None],
    ) -> None:
        self.runner = progress_runner(self.ctx, self, title)
        self.runner.start(work, done, self._refused)

    def _refused(self, exc: BaseException) -> None:
        en = self.ctx.lang == "en"
        if isinstance(exc, Cancelled):
            self.status.setText(exc.message_en if en else exc.message)
            return
        text = self.ctx.message(exc) if isinstance(exc, FlexDeskError) else repr(exc)
        self.status.setText(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore refused" if en else "Pemulihan ditolak",
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("restore_refused")
        box.setInformativeText("Nothing was changed." if en else "Tidak ada yang diubah.")
        self.refusal = box
        box.open()

    def _confirm(self, info: backup.BackupInfo, *, source_name: str, imported: bool) -> None:
        en = self.ctx.lang == "en"
        self.refresh()
        hook = find_hook(self)
        if hook is None:  # not inside FlexDesk's main window (cannot restart here)
            self.status.setText(
                "Restore is available from FlexDesk's main window, or with: "
                f"flexdesk backup restore {info.path}"
                if en
                else "Pemulihan tersedia dari jendela utama FlexDesk, atau dengan: "
                f"flexdesk backup restore {info.path}"
            )
            return

        def ask(summary: tuple[str, dict[str, int]]) -> None:
            self._ask(info, *summary, hook=hook, source_name=source_name, imported=imported)

        QueryOp(self.ctx, backup.current_summary).on_success(ask).on_failure(self._refused).run(
            parent=self
        )

    def _ask(
        self,
        info: backup.BackupInfo,
        office_name: str,
        counts: dict[str, int],
        *,
        hook: RestartHook,
        source_name: str,
        imported: bool,
    ) -> None:
        en = self.ctx.lang == "en"
        dialog = RestoreConfirmDialog(
            info,
            source_name=source_name,
            current_office=office_name,
            current_counts=counts,
            lang=self.ctx.lang,
            parent=self,
        )
        self.confirm = dialog

        def cancelled() -> None:
            if imported:  # the copy was only made for this restore
                with contextlib.suppress(OSError):
                    info.path.unlink()
                self.refresh()
            self.status.setText("Restore cancelled." if en else "Pemulihan dibatalkan.")

        dialog.accepted.connect(lambda: hook.restore(info.path))
        dialog.rejected.connect(cancelled)
        dialog.open()
