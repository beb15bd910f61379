"""The signed-in part of the running app, and restarting it around a restore.

``SessionHost`` owns what a sign-in creates: the open ``Database``, the main window and the
inactivity lock. A restore (docs/reliability.md) must replace the database file while no
engine has it open, without leaving the app: the host closes the open forms and the main
window, disposes the database, runs ``backup.restore_as`` off the GUI thread (verify again,
pre-restore backup, replace), reopens through ``open_database`` (which migrates an older
backup) and shows the sign-in dialog; a new main window follows the sign-in.

Pages reach the host through a ``RestartHook`` child of their main window
(``widget.window().findChild(RestartHook)``), so nothing global is needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from flexdesk.db.engine import Database
from flexdesk.errors import FlexDeskError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, open_database
from flexdesk.services.permissions import Actor
from flexdesk.services.storage import backup
from flexdesk.ui.context import UiContext
from flexdesk.ui.live import LiveRefresh
from flexdesk.ui.worker import Task

log = logging.getLogger(__name__)

#: builds the main window for a context (``MainWindow`` in the app; tests may pass their own)
WindowFactory = Callable[[UiContext], QWidget]
#: installs the inactivity lock for a sign-in; returns something with ``stop()`` or None
LockFactory = Callable[[Database, Actor], Any]


class RestartHook(QObject):
    """Found by pages on their main window: ``restore(path)`` replaces the database."""

    def __init__(self, parent: QWidget, restore: Callable[[Path], None]) -> None:
        super().__init__(parent)
        self.setObjectName("restart_hook")
        self._restore = restore

    def restore(self, backup_file: Path) -> None:
        self._restore(backup_file)


def find_hook(widget: QWidget) -> RestartHook | None:
    return widget.window().findChild(RestartHook, "restart_hook")


class SessionHost(QObject):
    """Database + main window + idle lock of one sign-in; replaced as a whole by a restore."""

    #: the new main window after a restore and a new sign-in
    restarted = Signal(object)
    #: the sign-in dialog shown after a restore (tests fill it in like a user)
    sign_in_shown = Signal(object)

    def __init__(
        self,
        app: QApplication,
        paths: DataPaths,
        db: Database,
        *,
        settings: QSettings,
        lang: str,
        window_factory: WindowFactory,
        lock_factory: LockFactory | None = None,
        database_url: str | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.paths = paths
        self.db = db
        self.settings = settings
        self.lang = lang
        self.database_url = database_url
        self._window_factory = window_factory
        self._lock_factory = lock_factory
        self.window: QWidget | None = None
        self._ctx: UiContext | None = None
        self.actor: Actor | None = None
        self._lock: Any = None
        self.progress: QProgressDialog | None = None
        self._task: Task | None = None
        self._live: LiveRefresh | None = None  # other PCs' changes on the change bus

    # -- one sign-in ----------------------------------------------------------------------
    def open_window(self, actor: Actor) -> QWidget:
        self.actor = actor
        ctx = UiContext(self.paths, self.db, Services(self.db, actor), self.settings, self.lang)
        ctx.on_session_ended = self.sign_out
        self._ctx = ctx  # its database worker must be done before the database goes away
        window = self._window_factory(ctx)
        RestartHook(window, self.restore)
        self.window = window
        window.show()
        self._live = LiveRefresh(ctx, self).start()
        if self._lock_factory is not None:
            self._lock = self._lock_factory(self.db, actor)
        return window

    def _close_signed_in(self) -> None:
        """Stop the idle lock, close the open forms and the main window; FlexDesk stays."""
        self.app.setQuitOnLastWindowClosed(False)  # no window for a moment
        if self._live is not None:  # before the database goes away (restore disposes it)
            self._live.stop()
            self._live = None
        if self._lock is not None:
            self._lock.stop()
            if isinstance(self._lock, QObject):
                self._lock.deleteLater()
            self._lock = None
        window, self.window = self.window, None
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                # The user agreed to discard open forms (restore) or cannot save them any more
                # (signed out). done(), not reject(): a form whose reject() asks "discard your
                # changes?" must not ask now.
                widget.done(QDialog.DialogCode.Rejected)
        if window is not None:
            window.close()
            window.deleteLater()

    # -- the account changed under the session -------------------------------------------

    def sign_out(self, error: Exception) -> None:
        """A service call said the account was deactivated, removed or given another role
        since sign-in (``errors.SessionEnded``): close the window, say why, ask to sign in again
        (a demoted user comes back with the new role's pages; "Keluar" closes FlexDesk)."""
        if self.window is None:  # already signed out: later results of the old window
            return
        log.warning("session of %s ended: %s", self.actor.username if self.actor else "?", error)
        self._close_signed_in()
        en = self.lang == "en"
        note = str(getattr(error, "message_en", "") or error) if en else str(error)
        self._ask_sign_in(note, "session_sign_in")

    # -- restore --------------------------------------------------------------------------
    def restore(self, backup_file: Path) -> None:
        """Sign out, close everything on the database, restore ``backup_file``, sign in again.

        The caller has verified the backup and asked the user (unsaved forms are discarded).
        """
        actor = self.actor
        if actor is None or not self.db.is_sqlite:  # (the tab offers it for SQLite only)
            return
        log.info("restore from %s requested by %s", backup_file, actor.username)
        self._close_signed_in()
        en = self.lang == "en"
        progress = QProgressDialog(
            "Restoring the backup…" if en else "Memulihkan cadangan…", "", 0, 0
        )
        progress.setObjectName("restore_progress")
        progress.setWindowTitle("FlexDesk")
        progress.setCancelButton(None)  # replacing the file cannot stop half-way
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.show()
        self.progress = progress
        # Let the closed window and its pages be deleted (their timers and lazy fetches stop)
        # before the database goes away.
        QTimer.singleShot(0, lambda: self._dispose_and_restore(actor, backup_file))

    def _dispose_and_restore(self, actor: Actor, backup_file: Path) -> None:
        # a page's call still running on the database worker, or long work on the global pool
        if self._ctx is not None:
            self._ctx.ops.wait(10_000)
            self._ctx = None
        QThreadPool.globalInstance().waitForDone(10_000)
        self.db.dispose()
        task = Task(lambda _progress, _cancelled: backup.restore_as(actor, self.paths, backup_file))
        task.signals.finished.connect(lambda result: self._reopen(result, None))
        task.signals.failed.connect(lambda exc: self._reopen(None, exc))
        self._task = task
        QThreadPool.globalInstance().start(task)

    def _reopen(self, result: backup.RestoreResult | None, error: BaseException | None) -> None:
        en = self.lang == "en"
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._task = None
        try:
            self.db = open_database(self.paths, database_url=self.database_url)
        except FlexDeskError as exc:
            log.error("cannot open the database after a restore: %s", exc)
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "FlexDesk",
                exc.message_en if en else exc.message,
            )
            box.setObjectName("fatal_error")
            box.finished.connect(lambda _=0: self.app.quit())
            box.open()
            return
        if result is not None:
            safety = result.safety.name if result.safety else "-"
            note = (
                f"Data restored from {backup.display_name(result.restored_from)}. "
                f"The data before it is kept in the backup {safety}. Please sign in again."
                if en
                else f"Data dipulihkan dari {backup.display_name(result.restored_from)}. "
                f"Data sebelumnya disimpan dalam cadangan {safety}. Silakan masuk lagi."
            )
        else:
            log.error("restore failed: %r", error)
            text = (
                (error.message_en if en else error.message)
                if isinstance(error, FlexDeskError)
                else str(error)
            )
            note = (
                f"The restore failed; the data was not changed. {text}"
                if en
                else f"Pemulihan gagal; data tidak diubah. {text}"
            )
        self._ask_sign_in(note)

    def _ask_sign_in(self, note: str, name: str = "restore_sign_in") -> None:
        from flexdesk.services import office
        from flexdesk.ui.login import LoginDialog

        with self.db.read_session() as session:
            row = office.get_office(session)
            office_name = f"{row.unit_kerja} — {row.instansi}" if row else ""
        dialog = LoginDialog(self.db, office_name, lang=self.lang, hint=note)
        dialog.setObjectName(name)
        if self.actor is not None:
            dialog.username.setText(self.actor.username)
            dialog.password.setFocus()

        def signed_in() -> None:
            if dialog.actor is None:
                self.app.quit()
                return
            window = self.open_window(dialog.actor)
            self.app.setQuitOnLastWindowClosed(True)
            self.restarted.emit(window)

        dialog.accepted.connect(signed_in)
        dialog.rejected.connect(self.app.quit)
        dialog.open()
        self.sign_in_shown.emit(dialog)
