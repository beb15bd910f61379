"""Small non-blocking dialogs of the Sinkronisasi page (opened with ``open()``, so tests and the
event loop keep running): passphrase entry, folder and file choice, messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
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
from flexdesk.services.sync.office import check_passphrase
from flexdesk.ui.widgets.forms import ErrorLabel


class _SecretDialog(QDialog):
    """Intro text, a form of password fields, an inline error and OK/Cancel; OK runs
    :meth:`problem` and closes only when it finds none."""

    def __init__(
        self, parent: QWidget, title: str, intro: str, *, ok_text: str, cancel_text: str, width: int
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def secret_field(self, name: str, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, field)
        return field

    def problem(self) -> str:
        """What keeps the dialog open (empty: nothing)."""
        return ""

    def _check(self) -> None:
        text = self.problem()
        if text:
            self.error.show_error(text)
            return
        self.accept()


def _rule_problem(passphrase: str, confirm: str, message: Callable[[Exception], str]) -> str:
    try:
        check_passphrase(passphrase, confirm)
    except ValidationError as exc:
        return message(exc)
    return ""


class PassphraseDialog(_SecretDialog):
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
        # QCoreApplication.translate: self.tr needs the QObject set up first
        super().__init__(
            parent,
            title,
            intro,
            ok_text=QCoreApplication.translate("PassphraseDialog", "Lanjutkan"),
            cancel_text=QCoreApplication.translate("PassphraseDialog", "Batal"),
            width=460,
        )
        self._message = message
        self.passphrase = self.secret_field("passphrase", self.tr("Frasa sandi"))
        self.confirm = (
            self.secret_field("passphrase_confirm", self.tr("Ulangi frasa sandi"))
            if confirm
            else None
        )

    def value(self) -> str:
        return self.passphrase.text()

    def problem(self) -> str:
        if self.confirm is not None:
            return _rule_problem(self.passphrase.text(), self.confirm.text(), self._message)
        if not self.passphrase.text():
            return self.tr("Masukkan frasa sandi kunci kantor.")
        return ""


class RotateKeyDialog(_SecretDialog):
    """Asks for the current key's passphrase and a new passphrase (twice) for key rotation;
    the new passphrase is checked against the rules before the dialog closes."""

    def __init__(self, parent: QWidget, intro: str, *, message: Callable[[Exception], str]) -> None:
        # QCoreApplication.translate: self.tr needs the QObject set up first
        super().__init__(
            parent,
            QCoreApplication.translate("RotateKeyDialog", "Ganti kunci tanda tangan"),
            intro,
            ok_text=QCoreApplication.translate("RotateKeyDialog", "Ganti kunci"),
            cancel_text=QCoreApplication.translate("RotateKeyDialog", "Batal"),
            width=500,
        )
        self._message = message
        self.old = self.secret_field("old_passphrase", self.tr("Frasa sandi kunci sekarang"))
        self.new = self.secret_field("new_passphrase", self.tr("Frasa sandi kunci baru"))
        self.confirm = self.secret_field(
            "new_passphrase_confirm", self.tr("Ulangi frasa sandi baru")
        )

    def problem(self) -> str:
        if not self.old.text():
            return self.tr("Masukkan frasa sandi kunci yang sekarang.")
        return _rule_problem(self.new.text(), self.confirm.text(), self._message)


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
