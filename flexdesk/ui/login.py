"""Sign-in dialog.

Start-up shows it before the database layer is loaded (see ``flexdesk.ui.app``): it may be
built without a database and given one with :meth:`LoginDialog.set_database` before it is
used, so this module imports no SQLAlchemy at load time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from flexdesk.ui.widgets.forms import ErrorLabel

if TYPE_CHECKING:
    from flexdesk.db.engine import Database
    from flexdesk.services.permissions import Actor


class LoginDialog(QDialog):
    def __init__(
        self,
        db: Database | None,
        office_name: str,
        *,
        lang: str = "id",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Masuk — FlexDesk"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{office_name}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color: #555;")
            layout.addWidget(hint_label)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Masuk"))
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keluar"))
        buttons.accepted.connect(self._try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.username.setFocus()

    def set_database(self, db: Database) -> None:
        """The database, once start-up has opened it (the dialog may be shown before)."""
        self._db = db

    def _try_login(self) -> None:
        if self._db is None:  # start-up is still opening the database; the key press waits
            return
        from flexdesk.services.app import login

        try:
            self.actor = login(self._db, self.username.text(), self.password.text())
        except FlexDeskError as exc:
            self.error.show_error(exc.message_en if self._lang == "en" else exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        if not self._first_password_done(self.actor):
            self.actor = None
            return
        self.accept()

    def _first_password_done(self, actor: Actor) -> bool:
        """An account on its one-time password chooses a new one before the app opens."""
        from flexdesk.services.app import Services
        from flexdesk.ui.pages.transfer.first_password import ask_new_password_if_required

        assert self._db is not None
        services = Services(self._db, actor)
        return ask_new_password_if_required(
            services, self.password.text(), lang=self._lang, parent=self
        )
