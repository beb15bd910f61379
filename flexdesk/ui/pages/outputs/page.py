"""Log Output page: daily log, the supervisor's review queue, the recap and the SKP."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from flexdesk.services.permissions import Action
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.pages.outputs.log_tab import LogTab
from flexdesk.ui.pages.outputs.recap_tab import RecapTab
from flexdesk.ui.pages.outputs.review_tab import ReviewTab
from flexdesk.ui.pages.outputs.skp_tab import SkpTab


class OutputsPage(QWidget):
    """The tabs follow the change bus themselves: a visible tab refreshes at once, a hidden
    one when it is next shown (no reload on every visit of the page)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.store = AttachmentStore(ctx.paths.attachments)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(QLabel("<h2>" + self.tr("Log Output") + "</h2>"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("output_tabs")
        self.log_tab = LogTab(ctx, self.store)
        self.tabs.addTab(self.log_tab, self.tr("Log harian"))
        self.review_tab: ReviewTab | None = None
        if ctx.actor.can(Action.OUTPUT_REVIEW):
            self.review_tab = ReviewTab(ctx, self.store)
            self.tabs.addTab(self.review_tab, "")
            self.review_tab.model.loaded.connect(self._update_review_title)
            # followed with the page, not the tab: the count in the tab's title stays true
            # while another tab is shown
            ctx.events.follow(self, ["outputs", "schedule", "employees"], self.review_tab.refresh)
        self.recap_tab = RecapTab(ctx)
        self.tabs.addTab(self.recap_tab, self.tr("Rekap"))
        self.skp_tab = SkpTab(ctx)
        self.tabs.addTab(self.skp_tab, self.tr("SKP"))
        layout.addWidget(self.tabs, 1)
        self._update_review_title()

    def _update_review_title(self) -> None:
        if self.review_tab is None:
            return
        index = self.tabs.indexOf(self.review_tab)
        pending = self.review_tab.pending
        title = self.tr("Reviu ({n})").format(n=pending) if pending else self.tr("Reviu")
        self.tabs.setTabText(index, title)
