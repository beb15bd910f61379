"""The Pasal 13 exceptions of the policy tab: employees to whom the remote-day limits do not
apply (duty that must be done outside the office, keadaan khusus), each with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from flexdesk.services import employees
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule.policy import RemoteException
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.widgets.forms import ErrorLabel


class ExceptionsBox(QGroupBox):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setTitle(self.tr("Pengecualian batas WFH/WFA (PermenPANRB 4/2025 Pasal 13)"))
        self.ctx = ctx
        self.rows: list[RemoteException] = []
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("remote_exceptions")
        self.list.setFixedHeight(90)
        layout.addWidget(self.list)
        line = QHBoxLayout()
        self.employee = QComboBox()
        self.employee.setObjectName("exception_employee")
        self.employee.setMinimumContentsLength(22)
        self.reason = QLineEdit()
        self.reason.setObjectName("exception_reason")
        self.reason.setPlaceholderText(self.tr("alasan, mis. petugas lapangan"))
        self.add_button = QPushButton(self.tr("Tetapkan"))
        self.remove_button = QPushButton(self.tr("Cabut"))
        for w in (self.employee, self.reason, self.add_button, self.remove_button):
            line.addWidget(w)
        layout.addLayout(line)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.grant)
        self.remove_button.clicked.connect(self.withdraw)
        # the exception is kept on the employee: the grid's tooltips follow "employees" too
        ctx.events.follow(self, ["employees", "units"], self._load_employees)
        ctx.events.follow(self, ["employees"], self.reload)
        self._load_employees()
        self.reload()

    def _load_employees(self) -> None:
        QueryOp(self.ctx, employees.supervisor_choices).on_success(self._show_employees).run(
            parent=self
        )

    def _show_employees(self, choices: list[tuple[str, str]]) -> None:
        current = self.employee.currentData()
        self.employee.clear()
        for emp_id, name in choices:
            self.employee.addItem(name, emp_id)
        self.employee.setCurrentIndex(max(self.employee.findData(current), 0))

    def reload(self) -> None:
        QueryOp(self.ctx, schedule_policy.remote_exceptions).on_success(self._show).run(parent=self)

    def _show(self, rows: list[RemoteException]) -> None:
        self.rows = rows
        self.list.clear()
        for row in self.rows:
            self.list.addItem(f"{row.name} ({row.unit_name}): {row.reason}")

    def _set(self, employee_id: str, enabled: bool, reason: str) -> None:
        """Grant or withdraw; the change bus reloads the list (and the grid's tooltips)."""
        self.error.clear_error()
        MutationOp(
            self.ctx,
            schedule_policy.set_remote_exception,
            employee_id,
            enabled,
            reason,
            topics=["employees"],
        ).on_success(lambda _r: self.reason.clear()).on_failure(
            lambda exc: self.error.show_error(self.ctx.message(exc))
        ).run(parent=self)

    def grant(self) -> None:
        emp_id = self.employee.currentData()
        if emp_id:
            self._set(str(emp_id), True, self.reason.text())

    def withdraw(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.rows):
            self._set(self.rows[row].employee_id, False, "")
