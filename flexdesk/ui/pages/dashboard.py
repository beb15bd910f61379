"""Dashboard: the office at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from flexdesk.services import dashboard
from flexdesk.services.dashboard import OfficeSummary
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp


class _Card(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame { background: white; border: 1px solid #d6dde6; border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        self.value = QLabel("–")
        self.value.setStyleSheet(
            "font-size: 22pt; font-weight: bold; color: #1f5fa8; border: none;"
        )
        caption = QLabel(title)
        caption.setStyleSheet("color: #444; border: none;")
        caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(caption)


class DashboardPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.cards = {
            "employees": _Card(self.tr("Pegawai aktif")),
            "units": _Card(self.tr("Unit kerja")),
            "flex": _Card(self.tr("Pegawai yang boleh bekerja fleksibel")),
            "users": _Card(self.tr("Akun pengguna")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.reload()
        ctx.events.follow(self, ["employees", "units", "users", "settings"], self.reload)

    def reload(self) -> None:
        """At the start and after a change to what the cards count (the change bus)."""
        QueryOp(self.ctx, dashboard.office_summary).on_success(self._show).run(parent=self)

    def _show(self, summary: OfficeSummary) -> None:
        self.heading.setText(
            f"<h2>{summary.office_name}</h2><p style='color:#555'>{summary.instansi}</p>"
        )
        self.cards["employees"].value.setText(str(summary.active_employees))
        self.cards["units"].value.setText(str(summary.units))
        self.cards["flex"].value.setText(str(summary.flex_eligible))
        self.cards["users"].value.setText(str(summary.users))
