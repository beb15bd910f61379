"""Main window: sidebar navigation, one page per capability, status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from flexdesk.ui.context import UiContext
from flexdesk.ui.i18n import QT_TRANSLATE_NOOP

PageFactory = Callable[[UiContext], QWidget]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # Indonesian source text, translated in the "Pages" context
    factory: PageFactory


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


def default_pages() -> list[PageSpec]:
    """The sidebar, top to bottom (each page is built on its first visit)."""
    from flexdesk.ui.pages.dashboard import DashboardPage
    from flexdesk.ui.pages.employees import EmployeesPage
    from flexdesk.ui.pages.evaluation import evaluation_page
    from flexdesk.ui.pages.outputs import outputs_page
    from flexdesk.ui.pages.schedule import schedule_page
    from flexdesk.ui.pages.settings import SettingsPage
    from flexdesk.ui.pages.sync import sync_page

    # QT_TRANSLATE_NOOP marks the strings for pyside6-lupdate; they are translated when shown.
    return [
        PageSpec("dashboard", QT_TRANSLATE_NOOP("Pages", "Dasbor"), DashboardPage),
        PageSpec("employees", QT_TRANSLATE_NOOP("Pages", "Pegawai"), EmployeesPage),
        PageSpec("schedule", QT_TRANSLATE_NOOP("Pages", "Jadwal"), schedule_page),
        PageSpec("outputs", QT_TRANSLATE_NOOP("Pages", "Log Output"), outputs_page),
        PageSpec("evaluation", QT_TRANSLATE_NOOP("Pages", "Evaluasi"), evaluation_page),
        PageSpec("sync", QT_TRANSLATE_NOOP("Pages", "Sinkronisasi"), sync_page),
        PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Pengaturan"), SettingsPage),
    ]


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("FlexDesk"))
        self.specs = pages if pages is not None else default_pages()
        self._pages: dict[str, QWidget] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setStyleSheet(
            "QListWidget { border: none; background: #f1f4f8; font-size: 11pt; padding-top: 8px; }"
            "QListWidget::item { padding: 9px 14px; }"
            "QListWidget::item:selected { background: #1f5fa8; color: white; }"
        )
        self.stack = QStackedWidget()
        for i, spec in enumerate(self.specs):
            item = QListWidgetItem(_tr(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{_tr(spec.title)} (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # real page built on first visit (fast start-up)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, row=i: self.sidebar.setCurrentRow(row))
            self.addAction(action)
        self.sidebar.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        actor = ctx.actor
        role = actor.role.label_en if ctx.lang == "en" else actor.role.label_id
        self.user_label = QLabel(
            self.tr("Pengguna: {name} ({role})").format(name=actor.display_name, role=role)
        )
        self.location_label = QLabel(self.tr("Data: {path}").format(path=ctx.paths.root))
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)

        self.resize(1200, 760)
        geometry = ctx.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        self.sidebar.setCurrentRow(0)

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.sidebar.setCurrentRow(row)
                self._show_row(row)
                return self._pages[key]
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        if spec.key not in self._pages:
            widget = spec.factory(self.ctx)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, widget)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._pages[spec.key] = widget
        self.stack.setCurrentIndex(row)  # pages refresh from the change bus, not on each visit

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)
