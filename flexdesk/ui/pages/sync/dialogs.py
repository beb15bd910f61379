"""Small non-blocking dialogs of the Sinkronisasi page (opened with ``open()``, so tests and the
event loop keep running): passphrase entry, folder and file choice, messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import ValidationError
from flexdesk.services.sync_office import check_passphrase


class PassphraseDialog(QDialog):
    """Asks for the key passphrase; with ``confirm=True`` (new key) twice, checked against
    the passphrase rules before the dialog closes."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        intro: str,
        *,
        confirm: bool,
        message: Callable[[Exception], str],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._message = message
        self._confirm_needed = confirm
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Frasa sandi"), self.passphrase)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("passphrase_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if confirm:
            form.addRow(self.tr("Ulangi frasa sandi"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lanjutkan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.passphrase.text()

    def _check(self) -> None:
        if self._confirm_needed:
            try:
                check_passphrase(self.passphrase.text(), self.confirm.text())
            except ValidationError as exc:
                self.error.setText(self._message(exc))
                self.error.show()
                return
        elif not self.passphrase.text():
            self.error.setText(self.tr("Masukkan frasa sandi kunci kantor."))
            self.error.show()
            return
        self.accept()


class RotateKeyDialog(QDialog):
    """Asks for the current key's passphrase and a new passphrase (twice) for key rotation;
    the new passphrase is checked against the rules before the dialog closes."""

    def __init__(self, parent: QWidget, intro: str, *, message: Callable[[Exception], str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ganti kunci tanda tangan"))
        self.setMinimumWidth(500)
        self._message = message
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.old = QLineEdit()
        self.old.setObjectName("old_passphrase")
        self.new = QLineEdit()
        self.new.setObjectName("new_passphrase")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("new_passphrase_confirm")
        for field in (self.old, self.new, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Frasa sandi kunci sekarang"), self.old)
        form.addRow(self.tr("Frasa sandi kunci baru"), self.new)
        form.addRow(self.tr("Ulangi frasa sandi baru"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("rotate_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ganti kunci"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.old.text():
            self.error.setText(self.tr("Masukkan frasa sandi kunci yang sekarang."))
            self.error.show()
            return
        try:
            check_passphrase(self.new.text(), self.confirm.text())
        except ValidationError as exc:
            self.error.setText(self._message(exc))
            self.error.show()
            return
        self.accept()


def open_folder_dialog(
    parent: QWidget, title: str, on_chosen: Callable[[str], None], start: str = ""
) -> QFileDialog:
    dialog = QFileDialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


def open_file_dialog(
    parent: QWidget, title: str, name_filter: str, on_chosen: Callable[[str], None]
) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(name_filter)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


def show_message(parent: QWidget, title: str, text: str, *, error: bool = False) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("sync_message")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
