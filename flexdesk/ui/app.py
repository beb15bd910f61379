"""GUI start-up: open the data folder, first-run wizard or sign-in, then the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from flexdesk import APP_NAME, __version__
from flexdesk.errors import FlexDeskError
from flexdesk.logsetup import LOG_FILE_NAME
from flexdesk.paths import DataPaths
from flexdesk.services.startup import glance_office
from flexdesk.ui.context import ui_settings
from flexdesk.ui.crash import install_excepthook
from flexdesk.ui.i18n import install_translators
from flexdesk.ui.login import LoginDialog

# The database layer (SQLAlchemy, the services) and the main window are imported inside
# run_gui, after the sign-in window is on screen: loading them is most of the start-up time,
# and the person reads the window and types meanwhile (test_start_up_imports_stay_lean).
if TYPE_CHECKING:
    from collections.abc import Callable

    from flexdesk.db.engine import Database
    from flexdesk.services.permissions import Actor
    from flexdesk.ui.idle_lock import IdleLock

log = logging.getLogger(__name__)

#: Start-up probe for benchmarks and smoke tests. "username:password": FlexDesk signs in with
#: it (the password is still checked) and quits as soon as the main window is shown, printing
#: the elapsed time. "first-window": quits as soon as the sign-in dialog is shown. Never set on
#: a real installation.
PROBE_ENV = "FLEXDESK_STARTUP_PROBE"
PROBE_FIRST_WINDOW = "first-window"
_started = time.perf_counter()
#: when the probe's password check began (what pressing "Masuk" starts), for the report
_sign_in_started: list[float] = []


def _app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    try:
        from importlib import resources

        icon = resources.files("flexdesk_resources") / "icons" / "flexdesk.png"
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
    except (ModuleNotFoundError, OSError):
        pass
    return app


def show_fatal(exc: FlexDeskError, language: str) -> None:
    """Why FlexDesk cannot start (newer database, unwritable folder...), in a dialog."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QApplication.translate("App", "FlexDesk tidak dapat dibuka"),
        exc.message_en if language == "en" else exc.message,
    )
    box.setObjectName("fatal_error")
    box.exec()


def _login_dialog(db: Database | None, office_name: str, lang: str, demo: bool) -> LoginDialog:
    hint = ""
    if demo:
        from flexdesk.services.demo_info import DEMO_PASSWORD

        hint = QApplication.translate(
            "Login",
            "Kantor demo — masuk sebagai admin, atasan (mis. wayan) atau pegawai; "
            "kata sandi semua akun: {pw}",
        ).format(pw=DEMO_PASSWORD)
    dialog = LoginDialog(db, office_name, lang=lang, hint=hint)
    if demo:
        dialog.username.setText("admin")
        dialog.password.setFocus()
    return dialog


def _report_first_window() -> None:
    print(f"first-window-shown {time.perf_counter() - _started:.3f}s", flush=True)


def _early_sign_in(
    paths: DataPaths, database_url: str | None, lang: str, demo: bool
) -> LoginDialog | None:
    """The sign-in window, on screen before the database layer is loaded, when a glance at
    the SQLite file shows a set-up office (not for a PostgreSQL URL or an automatic probe)."""
    probe = os.environ.get(PROBE_ENV)
    if database_url is not None or (probe and probe != PROBE_FIRST_WINDOW):
        return None
    office_name = glance_office(paths.database)
    if office_name is None:
        return None
    dialog = _login_dialog(None, office_name, lang, demo)
    dialog.show()
    if probe == PROBE_FIRST_WINDOW:
        _report_first_window()
    app = QApplication.instance()
    if app is not None:
        app.processEvents()  # paint it before the import work starts
    return dialog


def _sign_in(
    db: Database, paths: DataPaths, lang: str, demo: bool, early: LoginDialog | None = None
) -> tuple[Database, Actor | None]:
    """Sign in (or run the first-run wizard); returns the database the session runs on: the
    wizard may have switched this data folder to the office's server."""
    from flexdesk.services import office
    from flexdesk.services.app import login
    from flexdesk.ui.wizard import FirstRunWizard

    probe = os.environ.get(PROBE_ENV)
    with db.read_session() as session:
        set_up = office.is_set_up(session)
        office_row = office.get_office(session)
        office_name = f"{office_row.unit_kerja} — {office_row.instansi}" if office_row else ""
    if not set_up:
        if early is not None:  # the file changed since the glance
            early.close()
        wizard = FirstRunWizard(db, paths=paths, lang=lang)
        accepted = wizard.exec()
        chosen = wizard.db
        if chosen is not db:
            db.dispose()  # the local file, left for the office's server
        if not accepted:
            return chosen, None
        if wizard.sign_in_office is None:
            return chosen, wizard.actor
        # the server already holds the office: sign in to it, as on every later start
        db, office_name, early = chosen, wizard.sign_in_office, None
    if probe and probe != PROBE_FIRST_WINDOW:
        username, _, password = probe.partition(":")
        _sign_in_started.append(time.perf_counter())
        return db, login(db, username, password)
    if early is not None:
        dialog = early
        dialog.set_database(db)
    else:
        dialog = _login_dialog(db, office_name, lang, demo)
        if probe == PROBE_FIRST_WINDOW:
            dialog.show()
            _report_first_window()
    if probe == PROBE_FIRST_WINDOW:
        dialog.close()
        return db, None
    if not dialog.exec():
        return db, None
    return db, dialog.actor


def run_gui(
    paths: DataPaths,
    *,
    database_url: str | None = None,
    demo: bool = False,
    lang: str | None = None,
) -> int:
    app = _app()
    paths.ensure()
    install_excepthook(paths.logs / LOG_FILE_NAME)
    settings = ui_settings(paths)
    language = lang or str(settings.value("ui/language", "id"))
    install_translators(app, language)
    from flexdesk.ui.single_instance import SingleInstance

    instance = SingleInstance(paths)
    if not instance.start():
        log.info("FlexDesk already runs for %s; focused its window", paths.root)
        return 0
    early = _early_sign_in(paths, database_url, language, demo)
    from flexdesk.services.app import open_database
    from flexdesk.ui.main_window import MainWindow
    from flexdesk.ui.restart import SessionHost

    try:
        db = open_database(paths, database_url=database_url)
    except FlexDeskError as exc:
        log.error("cannot open database: %s", exc)
        if early is not None:
            early.close()
        show_fatal(exc, language)
        instance.release()
        return 2
    host: SessionHost | None = None
    try:
        db, actor = _sign_in(db, paths, language, demo, early)
        if actor is None:
            return 0
        # The host owns database, main window and idle lock; an in-app restore replaces them.
        host = SessionHost(
            app,
            paths,
            db,
            settings=settings,
            lang=language,
            window_factory=MainWindow,
            lock_factory=_lock_factory(app, language),
            database_url=database_url,
        )
        window = host.open_window(actor)
        instance.activated.connect(lambda: _bring_to_front(host.window if host else None))
        if os.environ.get(PROBE_ENV):
            QTimer.singleShot(0, lambda: _report_main_window(app, window))
        return int(app.exec())
    finally:
        (host.db if host is not None else db).dispose()  # a restore may have replaced it
        instance.release()


def _lock_factory(app: QApplication, language: str) -> Callable[[Database, Actor], IdleLock]:
    return lambda db, actor: _install_idle_lock(app, db, actor, language)


def _report_main_window(app: QApplication, window: QWidget) -> None:
    """The start-up probe: print the time to the main window, then quit."""
    now = time.perf_counter()
    after = f" after-sign-in {now - _sign_in_started[0]:.3f}s" if _sign_in_started else ""
    print(f"main-window-shown {now - _started:.3f}s{after}", flush=True)
    window.close()
    app.quit()


def _bring_to_front(window: QWidget | None) -> None:
    if window is None:  # between a restore and the next sign-in
        return
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _install_idle_lock(app: QApplication, db: Database, actor: Actor, lang: str) -> IdleLock:
    """Re-ask the password after the office's session_timeout_minutes without input."""
    from flexdesk.services import office
    from flexdesk.ui.idle_lock import IdleLock

    with db.read_session() as session:
        minutes = office.get_int_setting(session, "session_timeout_minutes")

    def unlock() -> bool:
        while True:
            dialog = LoginDialog(
                db,
                # both languages here, as in error messages (no .ts entry needed)
                "Session locked after inactivity"
                if lang == "en"
                else "Sesi terkunci karena tidak ada aktivitas",
                lang=lang,
            )
            dialog.setObjectName("idle_unlock")
            dialog.username.setText(actor.username)
            dialog.username.setReadOnly(True)
            dialog.password.setFocus()
            if not dialog.exec():
                return False
            if dialog.actor is not None and dialog.actor.user_id == actor.user_id:
                return True

    return IdleLock(app, max(0, minutes) * 60_000, unlock)
