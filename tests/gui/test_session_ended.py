"""An account changed under an open session (issue 15): the admin — on this PC or another one
of the office — demotes or deactivates a user whose window is open. The next service call of
that window is refused (nothing saved), the window closes with the reason shown in the sign-in
dialog, and signing in again brings the pages of the account's new role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import auth
from flexdesk.services.permissions import Role
from flexdesk.ui.context import ui_settings
from flexdesk.ui.login import LoginDialog
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.restart import SessionHost
from tests.support.helpers import USER_PASSWORD, Staff


@pytest.fixture
def host(qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths) -> Iterator[SessionHost]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    host = SessionHost(
        app, data_paths, db, settings=ui_settings(data_paths), lang="id", window_factory=MainWindow
    )
    host.open_window(staff.head_actor)  # the Kepala Seksi, a supervisor
    yield host
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    app.setQuitOnLastWindowClosed(True)


def _admin_sets(db: Database, staff: Staff, role: Role, *, active: bool = True) -> None:
    """The admin's change, in a transaction of its own (another PC of the office)."""
    with db.session() as session:
        auth.set_user_role(session, staff.admin, staff.head_actor.user_id, role, active)


def _next_call(qtbot: QtBot, host: SessionHost) -> list[LoginDialog]:
    window = host.window
    assert isinstance(window, MainWindow)
    signed_in: list[LoginDialog] = []
    host.sign_in_shown.connect(signed_in.append)
    answered: list[object] = []
    QueryOp(window.ctx, auth.password_change_required).on_success(answered.append).run(
        parent=window
    )
    qtbot.waitUntil(lambda: bool(signed_in), timeout=10_000)
    assert answered == []  # the call was refused, not answered with the old permissions
    return signed_in


def test_a_demoted_supervisor_is_signed_out_and_comes_back_with_the_new_role(
    qtbot: QtBot, host: SessionHost, db: Database, staff: Staff
) -> None:
    _admin_sets(db, staff, Role.EMPLOYEE)
    login = _next_call(qtbot, host)[0]
    assert host.window is None  # the supervisor's window is gone
    assert login.objectName() == "session_sign_in" and login.isVisible()
    texts = " ".join(label.text() for label in login.findChildren(QLabel))
    assert "Akun Anda diubah oleh admin sejak Anda masuk" in texts
    assert login.username.text() == "bambang"
    with qtbot.waitSignal(host.restarted, timeout=10_000):
        login.password.setText(USER_PASSWORD)
        login._try_login()
    assert host.actor is not None and host.actor.role is Role.EMPLOYEE
    window = host.window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert window.ctx.actor.role is Role.EMPLOYEE


def test_a_deactivated_user_cannot_sign_in_again(
    qtbot: QtBot, host: SessionHost, db: Database, staff: Staff
) -> None:
    _admin_sets(db, staff, Role.SUPERVISOR, active=False)
    login = _next_call(qtbot, host)[0]
    login.password.setText(USER_PASSWORD)
    login._try_login()
    assert login.isVisible() and "salah" in login.error.text()  # like an unknown account
    assert host.window is None and host.actor is not None
    assert host.actor.role is Role.SUPERVISOR  # nothing signed in with the old session
