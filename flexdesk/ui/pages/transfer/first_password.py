"""The new-password step of signing in with a one-time password (accounts made by an import).

Shown by the sign-in dialog while ``auth.password_change_required`` says so; the app opens only
after the new password is saved (``app.change_own_password`` also clears the requirement).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services import app, auth
from flexdesk.services.app import Services
from flexdesk.ui.widgets.forms import ErrorLabel


class FirstPasswordDialog(QDialog):
    """Asks twice for a new password and saves it for the signed-in account."""

    def __init__(
        self,
        services: Services,
        old_password: str,
        *,
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_password")
        self._services = services
        self._old = old_password
        self._lang = lang
        self.setWindowTitle(self.tr("Buat kata sandi baru"))
        self.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Anda masuk dengan kata sandi sementara dari slip akun. Buat kata sandi baru "
                "(minimal 10 karakter) sebelum melanjutkan."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat_password")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Kata sandi baru"), self.new_password)
        form.addRow(self.tr("Ulangi kata sandi"), self.repeat)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan dan masuk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_password.setFocus()

    def save(self) -> None:
        """Check both fields alike, then save through the service (which applies the rules)."""
        new = self.new_password.text()
        if new != self.repeat.text():
            self.error.show_error(
                "The two passwords differ." if self._lang == "en" else "Kedua kata sandi berbeda."
            )
            return
        try:
            app.change_own_password(self._services, self._old, new)
        except FlexDeskError as exc:
            self.error.show_error(exc.message_en if self._lang == "en" else exc.message)
            return
        self.accept()


def ask_new_password_if_required(
    services: Services, old_password: str, *, lang: str = "id", parent: QWidget | None = None
) -> bool:
    """True when the account may go on: no new password is due, or one was just saved."""
    if not services.read(auth.password_change_required):
        return True
    dialog = FirstPasswordDialog(services, old_password, lang=lang, parent=parent)
    return bool(dialog.exec())
