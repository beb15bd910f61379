"""The status bar of the selected employee's month, with the workflow buttons their role has.

The buttons only ask; the services decide (and refuse with a sentence when a step is not
allowed). Buttons a role can never use are hidden; the others are enabled by the status.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.services.schedule.data import StaffMember
from flexdesk.services.schedule.periods import PeriodInfo

STATUS_COLOURS = {
    PeriodStatus.DRAFT: "#6b7280",
    PeriodStatus.SUBMITTED: "#1f5fa8",
    PeriodStatus.APPROVED: "#2e7d32",
    PeriodStatus.RETURNED: "#b45309",
}


class PeriodBar(QFrame):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.setObjectName("period_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#period_bar { background: #f6f8fb; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("period_status")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.submit = self._button("submit_period", self.tr("Ajukan"), layout)
        self.withdraw = self._button("withdraw_period", self.tr("Tarik kembali"), layout)
        self.approve = self._button("approve_period", self.tr("Setujui"), layout)
        self.return_ = self._button("return_period", self.tr("Kembalikan…"), layout)
        self.reopen = self._button("reopen_period", self.tr("Buka kembali…"), layout)
        self.history = self._button("period_history", self.tr("Riwayat"), layout)
        self.show_period(None, None, can_plan=False, can_review=False)

    @staticmethod
    def _button(name: str, text: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        layout.addWidget(button)
        return button

    def connect_actions(self, **handlers: Callable[[], None]) -> None:
        """submit=..., withdraw=..., approve=..., return_=..., reopen=..., history=..."""
        for name, fn in handlers.items():
            getattr(self, name).clicked.connect(lambda _=False, fn=fn: fn())

    def show_period(
        self,
        member: StaffMember | None,
        info: PeriodInfo | None,
        *,
        can_plan: bool,
        can_review: bool,
    ) -> None:
        buttons = (self.submit, self.withdraw, self.approve, self.return_, self.reopen)
        if member is None or info is None:
            self.label.setText(self.tr("Pilih sel seorang pegawai untuk melihat status jadwalnya."))
            for b in (*buttons, self.history):
                b.setVisible(False)
            return
        colour = STATUS_COLOURS[info.status]
        status = info.status_label(self.lang)
        text = f"<b>{member.name}</b> — <span style='color:{colour}'><b>{status}</b></span>"
        if info.status is PeriodStatus.APPROVED and info.approver_name:
            text += " " + self.tr("oleh {name}").format(name=info.approver_name)
        if info.note and info.status in (PeriodStatus.RETURNED, PeriodStatus.DRAFT):
            text += "<br/>" + self.tr("Catatan: {note}").format(note=_html(info.note))
        self.label.setText(text)
        status_now = info.status
        self.submit.setVisible(can_plan)
        self.withdraw.setVisible(can_plan)
        self.submit.setEnabled(status_now in (PeriodStatus.DRAFT, PeriodStatus.RETURNED))
        self.withdraw.setEnabled(status_now is PeriodStatus.SUBMITTED)
        for b in (self.approve, self.return_, self.reopen):
            b.setVisible(can_review)
        self.approve.setEnabled(status_now is PeriodStatus.SUBMITTED)
        self.return_.setEnabled(status_now is PeriodStatus.SUBMITTED)
        self.reopen.setEnabled(status_now is PeriodStatus.APPROVED)
        self.history.setVisible(True)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
