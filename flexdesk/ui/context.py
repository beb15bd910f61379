"""What every window and page gets through its constructor (no global singletons)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from flexdesk.paths import DataPaths

if TYPE_CHECKING:  # start-up imports this module before the database layer is loaded
    from flexdesk.db.engine import Database
    from flexdesk.services.app import Services
    from flexdesk.services.permissions import Actor
    from flexdesk.ui.events import ChangeBus
    from flexdesk.ui.ops import DbWorker


def ui_settings(paths: DataPaths) -> QSettings:
    """Per-data-dir UI preferences (language, window geometry) in an INI file: tests and the
    demo keep their own, and nothing lands in the registry of a shared office PC."""
    return QSettings(str(paths.root / "ui.ini"), QSettings.Format.IniFormat)


@dataclass
class UiContext:
    paths: DataPaths
    db: Database
    services: Services
    settings: QSettings
    lang: str = "id"
    #: the database worker every page's service calls go through (flexdesk.ui.ops)
    ops: DbWorker = field(init=False)
    #: what changed, for the pages that show it (flexdesk.ui.events)
    events: ChangeBus = field(init=False)
    #: called when a service call says the account changed under this session
    #: (``errors.SessionEnded``): the session host closes the window and asks to sign in again
    on_session_ended: Callable[[Exception], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from flexdesk.ui.events import ChangeBus
        from flexdesk.ui.ops import DbWorker

        self.ops = DbWorker()
        self.events = ChangeBus()

    @property
    def actor(self) -> Actor:
        return self.services.actor

    def message(self, error: Exception) -> str:
        """An error's text in the UI language."""
        if self.lang == "en":
            return str(getattr(error, "message_en", None) or error)
        return str(error)
