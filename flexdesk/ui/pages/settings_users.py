"""Settings tab (admin only): user accounts — add, reset password, unlock, role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services import auth, employees
from flexdesk.services.auth import UserRow
from flexdesk.services.permissions import Role
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.widgets.conflict import Choice, ConflictDialog, FieldDiff, show_conflict
from flexdesk.ui.widgets.forms import ErrorLabel


class NewUserDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Akun baru"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label_en if ctx.lang == "en" else role.label_id, role.value)
        self.role.setCurrentIndex(self.role.findData(Role.EMPLOYEE.value))
        self.employee = QComboBox()
        self.employee.addItem(self.tr("(tidak terkait pegawai)"), None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Nama tampilan"), self.display)
        form.addRow(self.tr("Peran"), self.role)
        form.addRow(self.tr("Pegawai"), self.employee)
        form.addRow(self.tr("Kata sandi awal"), self.password)
        self.error = ErrorLabel()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        self.save_button.setEnabled(False)  # until the employees are in
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        QueryOp(ctx, employees.supervisor_choices).on_success(self._show_employees).run(parent=self)

    def _show_employees(self, choices: list[tuple[str, str]]) -> None:
        for emp_id, name in choices:
            self.employee.addItem(name, emp_id)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        if not self.save_button.isEnabled():  # (Enter while the save is on its way)
            return
        self.save_button.setEnabled(False)
        MutationOp(
            self.ctx,
            auth.create_user,
            username=self.username.text(),
            password=self.password.text(),
            role=Role(self.role.currentData()),
            display_name=self.display.text() or self.employee.currentText(),
            employee_id=self.employee.currentData(),
            topics=["users"],
        ).on_success(lambda _row: self.accept()).on_failure(self._refused).run(parent=self)

    def _refused(self, exc: FlexDeskError) -> None:
        self.save_button.setEnabled(True)
        self.error.show_error(self.ctx.message(exc))


class UsersTab(QWidget):
    """A short list (one row per account, tens at most): a table widget is enough here."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.conflict: ConflictDialog | None = None
        self.rows: list[UserRow] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("user_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Nama pengguna"), self.tr("Nama"), self.tr("Peran"), self.tr("Status")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 260)
        self.table.setColumnWidth(2, 110)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Akun baru…"), self.new_user),
            (self.tr("Atur ulang kata sandi…"), self.reset_password),
            (self.tr("Buka kunci"), self.unlock),
            (self.tr("Ubah peran…"), self.change_role),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.reload()
        ctx.events.follow(self, ["users"], self.reload)

    def reload(self) -> None:
        """At the start and after a change to the accounts (the change bus)."""
        QueryOp(self.ctx, auth.list_users).on_success(self._show).run(parent=self)

    def _show(self, rows: list[UserRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            if not row.active:
                status = self.tr("Nonaktif")
            elif row.locked:
                status = self.tr("Terkunci")
            else:
                status = self.tr("Aktif")
            role = row.role.label_en if self.ctx.lang == "en" else row.role.label_id
            for col, text in enumerate((row.username, row.display_name, role, status)):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def _selected(self) -> UserRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _run(self, fn: Callable[..., None], *args: object) -> None:
        """A change to an account; the list follows from the change bus (and is read again
        after a refusal too: the account may have changed meanwhile)."""

        def refused(exc: FlexDeskError) -> None:
            QMessageBox.warning(self, self.tr("Pengguna"), self.ctx.message(exc))
            self.reload()

        MutationOp(self.ctx, fn, *args, topics=["users"]).on_failure(refused).run(parent=self)

    def new_user(self) -> None:
        NewUserDialog(self.ctx, self).exec()  # a saved account reloads the list (change bus)

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Atur ulang kata sandi"),
            self.tr("Kata sandi baru untuk {u}:").format(u=user.username),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self._run(auth.reset_password, user.id, password)

    def unlock(self) -> None:
        user = self._selected()
        if user is not None:
            self._run(auth.unlock_user, user.id)

    def change_role(self) -> None:
        user = self._selected()
        if user is None:
            return
        labels = [r.label_en if self.ctx.lang == "en" else r.label_id for r in Role]
        label, ok = QInputDialog.getItem(
            self, self.tr("Ubah peran"), self.tr("Peran untuk {u}:").format(u=user.username),
            labels, labels.index(labels[list(Role).index(user.role)]), False,
        )  # fmt: skip
        if ok:
            self._set_role(user, list(Role)[labels.index(label)], user.rev)

    def _set_role(self, user: UserRow, role: Role, rev: int) -> None:
        """Store the role, checked against the account as the list read it (``user``)."""
        MutationOp(
            self.ctx,
            auth.set_user_role,
            user.id,
            role,
            user.active,
            expected_rev=rev,
            topics=["users"],
        ).on_failure(lambda exc: self._role_refused(exc, user, role)).run(parent=self)

    def _role_refused(self, exc: FlexDeskError, user: UserRow, role: Role) -> None:
        """Changed on another PC since the list was read. Only a sign-in or a password (role
        and active flag as listed): nothing of theirs is lost, saved again at once. Otherwise
        their role beside mine, then keep theirs (the list reloads) or overwrite."""
        theirs = exc.current if isinstance(exc, StaleEdit) else None
        if not isinstance(exc, StaleEdit) or not isinstance(theirs, UserRow):
            QMessageBox.warning(self, self.tr("Pengguna"), self.ctx.message(exc))
            self.reload()
            return
        if (theirs.role, theirs.active) == (user.role, user.active):
            self._set_role(theirs, role, theirs.rev)
            return

        def chosen(choice: Choice) -> None:
            if choice is Choice.THEIRS:
                self.reload()
            else:
                self._set_role(user, role, theirs.rev)

        def label(r: Role) -> str:
            return r.label_en if self.ctx.lang == "en" else r.label_id

        active = {True: self.tr("Aktif"), False: self.tr("Nonaktif")}
        diffs = [
            FieldDiff(self.tr("Peran"), label(theirs.role), label(role)),
            FieldDiff(self.tr("Status"), active[theirs.active], active[user.active]),
        ]
        self.conflict = show_conflict(self, exc, diffs, chosen)
