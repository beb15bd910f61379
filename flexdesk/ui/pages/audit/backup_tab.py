"""Cadangan: the admin's backup tab: list with date, size and record counts, "Back up to..."
(e.g. a USB drive) and a check of the selected backup.

Restoring replaces the open database, so it is not offered while the app runs: the tab names
the command (``flexdesk backup restore FILE``), which checks the backup and keeps the current
state as a pre-restore backup first (docs/reliability.md describes the in-app flow to build).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services import backup
from flexdesk.ui.context import UiContext


class BackupTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        en = ctx.lang == "en"
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.backup_here = QPushButton("Back up now" if en else "Cadangkan sekarang")
        self.backup_here.setObjectName("backup_now")
        self.backup_to = QPushButton("Back up to…" if en else "Cadangkan ke…")
        self.backup_to.setObjectName("backup_to")
        self.check = QPushButton("Check selected" if en else "Periksa yang dipilih")
        self.check.setObjectName("backup_check")
        for button in (self.backup_here, self.backup_to, self.check):
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.status = QLabel()
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
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
        layout.addWidget(self.view, 1)
        hint = QLabel(
            "To restore, close FlexDesk and run: flexdesk backup restore FILE "
            "(the current data is backed up first)."
            if en
            else "Untuk memulihkan, tutup FlexDesk lalu jalankan: flexdesk backup restore BERKAS "
            "(data sekarang dicadangkan lebih dulu)."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.backup_here.clicked.connect(lambda: self.make_backup(None))
        self.backup_to.clicked.connect(self._choose_folder)
        self.check.clicked.connect(self.check_selected)
        self.refresh()

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
        try:
            info = self.ctx.services.read(
                backup.manual_backup, self.ctx.db, self.ctx.paths, dest_dir=folder
            )
        except FlexDeskError as exc:
            self.status.setText(exc.message_en if en else exc.message)
            return
        self.status.setText(f"{'Backup written' if en else 'Cadangan ditulis'}: {info.path}")
        self.refresh()

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
