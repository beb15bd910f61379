"""The evidence part of the log dialog: files dropped or picked, links, and opening a stored
file (copied out of the attachment store on the database worker).

Its words are translated in the dialog's context ("LogDialog"), where they always lived.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogRow
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.outputs.evidence import EvidenceList
from flexdesk.ui.widgets.forms import ErrorLabel


class EvidenceSection(QWidget):
    def __init__(
        self, ctx: UiContext, store: AttachmentStore, existing: LogRow | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = store
        self.existing = existing
        self.read_only = False
        #: stored evidence the user took off the list (removed when the entry is saved)
        self.removed: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "LogDialog", "Bukti dukung (seret berkas ke sini, atau tambahkan):"
                )
            )
        )
        self.list = EvidenceList()
        self.list.setObjectName("evidence")
        self.list.files_dropped.connect(self.add_files)
        layout.addWidget(self.list)
        ev_bar = QHBoxLayout()
        link_bar = QHBoxLayout()
        self.add_file_button = QPushButton(
            QCoreApplication.translate("LogDialog", "Tambah berkas…")
        )
        self.link = QLineEdit()
        self.link.setObjectName("link")
        self.link.setPlaceholderText(
            QCoreApplication.translate("LogDialog", "https://… (tautan bukti)")
        )
        self.add_link_button = QPushButton(QCoreApplication.translate("LogDialog", "Tambah tautan"))
        self.open_button = QPushButton(QCoreApplication.translate("LogDialog", "Buka"))
        self.remove_button = QPushButton(
            QCoreApplication.translate("LogDialog", "Hapus dari daftar")
        )
        for button in (self.add_file_button, self.open_button, self.remove_button):
            ev_bar.addWidget(button)
        ev_bar.addStretch(1)
        link_bar.addWidget(self.link, 1)
        link_bar.addWidget(self.add_link_button)
        layout.addLayout(ev_bar)
        layout.addLayout(link_bar)
        self.error = ErrorLabel()
        self.error.setObjectName("evidence_error")
        layout.addWidget(self.error)
        self.add_file_button.clicked.connect(self._pick_files)
        self.add_link_button.clicked.connect(self._add_link)
        self.link.returnPressed.connect(self._add_link)
        self.remove_button.clicked.connect(self._remove_selected)
        self.open_button.clicked.connect(self._open_selected)
        if existing is not None:
            for ev in existing.evidence:
                self.list.add_existing(ev)

    def set_read_only(self) -> None:
        self.read_only = True
        for field in (self.add_file_button, self.link, self.add_link_button, self.remove_button):
            field.setEnabled(False)
        self.list.setAcceptDrops(False)

    def add_files(self, paths: list[Path]) -> None:
        if self.read_only:
            return
        for path in paths:
            self.list.add_file(Path(path))

    def _pick_files(self) -> None:
        dialog = QFileDialog(self, QCoreApplication.translate("LogDialog", "Pilih berkas bukti"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.add_files([Path(f) for f in files]))
        dialog.open()

    def _add_link(self) -> None:
        url = self.link.text().strip()
        if url:
            self.list.add_link(url)
            self.link.clear()

    def _remove_selected(self) -> None:
        for item in self.list.remove_selected():
            if item.kind == "existing":
                self.removed.append(item.key)

    def _open_selected(self) -> None:
        for item in self.list.selected()[:1]:
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
        QueryOp(
            self.ctx, outputs.evidence_copy, ev.id, self.store, self.ctx.paths.cache / "bukti"
        ).on_success(self._open_copy).on_failure(
            lambda exc: self.error.show_error(self.ctx.message(exc))
        ).run(parent=self)

    def _open_copy(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
