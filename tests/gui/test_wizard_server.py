"""The first-run wizard's "Kantor ini memakai server": the settings, "Uji koneksi" off the GUI
thread, then the office pages on the server or, when the server holds the office, the sign-in."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import office, server
from flexdesk.services.storage.location import DATABASE_URL_FILE, configured_database_url
from flexdesk.ui.login import LoginDialog
from flexdesk.ui.wizard import FirstRunWizard
from tests.support import pg as pg_support

SECRET = "Rahasia:Kantor@1"
PASSWORD = "kuat-sekali-1"


def _wizard(qtbot: QtBot, database: Database, data_paths: DataPaths) -> FirstRunWizard:
    wizard = FirstRunWizard(database, paths=data_paths)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _choose_server(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    mode = wizard.mode_page
    assert wizard.currentPage() is mode and mode.single.isChecked()
    mode.server.setFocus()
    qtbot.keyClick(mode.server, Qt.Key.Key_Space)
    assert mode.server.isChecked()
    qtbot.keyClick(mode.server, Qt.Key.Key_Return)  # Return presses Lanjut
    assert wizard.currentPage() is wizard.server_page


def _fill(qtbot: QtBot, wizard: FirstRunWizard, host: str, port: int, database: str) -> None:
    page = wizard.server_page
    qtbot.keyClicks(page.host, host)
    page.port.selectAll()
    qtbot.keyClicks(page.port, str(port))
    for edit, value in ((page.database, database), (page.user, "postgres")):
        edit.selectAll()
        qtbot.keyClicks(edit, value)
    qtbot.keyClicks(page.password, SECRET)
    assert page.port.value() == port


def _test_connection(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.server_page
    page.test_button.setFocus()
    qtbot.keyClick(page.test_button, Qt.Key.Key_Space)
    qtbot.waitUntil(wizard.ops.idle, timeout=20_000)


def test_single_pc_goes_to_the_office_page(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    wizard = _wizard(qtbot, database, data_paths)
    assert wizard.currentPage() is wizard.mode_page
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.office_page
    assert wizard.db is database
    assert configured_database_url(data_paths) is None


def test_unreachable_server_says_so_without_the_password(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    wizard = _wizard(qtbot, database, data_paths)
    _choose_server(qtbot, wizard)
    page = wizard.server_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # nothing tested yet
    _fill(qtbot, wizard, "127.0.0.1", 1, "flexdesk")
    _test_connection(qtbot, wizard)
    assert page.error.isVisible()
    shown = page.error.text() + page.result.text()
    assert page.error.text().startswith("Server tidak dapat dihubungi.")
    assert "127.0.0.1:1" in shown and "Connection refused" in shown
    assert SECRET not in shown and "Rahasia" not in shown
    assert page.result.text() == "Koneksi gagal."
    assert not next_button.isEnabled()
    assert page.test_button.isEnabled()  # try again after fixing the address
    assert not (data_paths.root / DATABASE_URL_FILE).exists()
    assert wizard.db is database


@pytest.fixture
def empty_server() -> Iterator[str]:
    with pg_support.fresh_database("wiz") as url:
        yield url


def _server_fields(url: str) -> tuple[str, int, str]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return str(parsed.host), int(parsed.port or 5432), str(parsed.database)


def _with_password(url: str) -> str:
    """The test server trusts 127.0.0.1: a password typed in the wizard is sent and ignored."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=SECRET).render_as_string(hide_password=False)


@pytest.mark.postgres
def test_empty_server_then_office_pages_on_the_server(
    qtbot: QtBot, database: Database, data_paths: DataPaths, empty_server: str
) -> None:
    wizard = _wizard(qtbot, database, data_paths)
    _choose_server(qtbot, wizard)
    _fill(qtbot, wizard, *_server_fields(empty_server))
    _test_connection(qtbot, wizard)
    page = wizard.server_page
    assert not page.error.isVisible(), page.error.text()
    assert "Server terhubung" in page.result.text() and "masih kosong" in page.result.text()
    assert SECRET not in page.result.text()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled() and next_button.isVisible()
    # another setting than the one tested: test again first
    qtbot.keyClicks(page.database, "x")
    assert not next_button.isEnabled()
    qtbot.keyClick(page.database, Qt.Key.Key_Backspace)
    _test_connection(qtbot, wizard)
    next_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.office_page, timeout=30_000)
    qtbot.waitUntil(wizard.ops.idle)
    assert not wizard.db.is_sqlite and wizard.db is not database
    saved = data_paths.root / DATABASE_URL_FILE
    assert configured_database_url(data_paths) == _with_password(empty_server)
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    office_page = wizard.office_page
    for edit, value in (
        (office_page.code, "O042"),
        (office_page.instansi, "Pemerintah Kabupaten Kuningan"),
        (office_page.unit_kerja, "Kantor Kecamatan Cigugur"),
        (office_page.city, "Kuningan"),
    ):
        qtbot.keyClicks(edit, value)
    wizard.button(QWizard.WizardButton.NextButton).click()
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.name, "Rina Kepegawaian")
    qtbot.keyClicks(admin.password, PASSWORD)
    qtbot.keyClicks(admin.confirm, PASSWORD)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(wizard.ops.idle, timeout=30_000)
    assert wizard.actor is not None and not wizard.isVisible()
    found = server.check_server(empty_server)  # the office is on the server, not in the file
    assert found.office_name == "Kantor Kecamatan Cigugur — Pemerintah Kabupaten Kuningan"
    with database.read_session() as session:
        assert office.get_office(session) is None
    wizard.db.dispose()


@pytest.mark.postgres
def test_server_with_an_office_goes_to_the_sign_in(
    qtbot: QtBot, database: Database, data_paths: DataPaths, empty_server: str
) -> None:
    first = DataPaths(data_paths.root.parent / "pc1").ensure()
    db1, _ = server.use_server(first, empty_server)
    with db1.session() as session:
        office.first_run_setup(
            session,
            office.OfficeProfile(
                code="O042",
                instansi="Pemerintah Kabupaten Kuningan",
                unit_kerja="Kantor Kecamatan Cigugur",
                address="",
                city="Kuningan",
                logo_png=None,
            ),
            admin_username="admin",
            admin_password=PASSWORD,
            admin_name="Rina",
        )
    db1.dispose()
    wizard = _wizard(qtbot, database, data_paths)
    _choose_server(qtbot, wizard)
    _fill(qtbot, wizard, *_server_fields(empty_server))
    _test_connection(qtbot, wizard)
    page = wizard.server_page
    assert "Kantor «Kantor Kecamatan Cigugur — Pemerintah Kabupaten Kuningan»" in (
        page.result.text()
    )
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()  # no second office: finish and sign in
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    finish.click()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30_000)
    assert wizard.actor is None and wizard.sign_in_office is not None
    dialog = LoginDialog(wizard.db, wizard.sign_in_office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.actor is not None)
    assert configured_database_url(data_paths) == _with_password(empty_server)
    wizard.db.dispose()


@pytest.mark.postgres
def test_cancel_after_choosing_an_empty_server_keeps_the_local_file(
    qtbot: QtBot, database: Database, data_paths: DataPaths, empty_server: str
) -> None:
    wizard = _wizard(qtbot, database, data_paths)
    _choose_server(qtbot, wizard)
    _fill(qtbot, wizard, *_server_fields(empty_server))
    _test_connection(qtbot, wizard)
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.office_page, timeout=30_000)
    assert configured_database_url(data_paths) is not None
    wizard.reject()
    assert configured_database_url(data_paths) is None
    assert wizard.db is database


class _FakeWizard:
    """What the start-up sees of a wizard that switched the data folder to a server."""

    def __init__(self, server_db: object, office_name: str | None, actor: object) -> None:
        self.db = server_db
        self.sign_in_office = office_name
        self.actor = actor

    def exec(self) -> int:
        return 1


@pytest.mark.parametrize("office_on_server", [True, False])
def test_start_up_continues_on_the_database_the_wizard_chose(
    monkeypatch: pytest.MonkeyPatch,
    database: Database,
    data_paths: DataPaths,
    office_on_server: bool,
) -> None:
    """run_gui's sign-in step: after "Kantor ini memakai server" the session runs on the
    server's database; an office already there means the sign-in dialog on that database."""
    from flexdesk.ui import app, wizard

    server_db = object()
    made: list[tuple[object, str | None]] = []

    def fake_wizard(db: Database, *, paths: DataPaths, lang: str) -> _FakeWizard:
        assert db is database and paths is data_paths
        name = "Kantor Kecamatan Cigugur — Pemerintah" if office_on_server else None
        return _FakeWizard(server_db, name, None if office_on_server else "wizard-admin")

    class FakeLogin:
        actor = "signed-in"

        def exec(self) -> int:
            return 1

    def fake_login(db: object, office_name: str, lang: str, demo: bool) -> FakeLogin:
        made.append((db, office_name))
        return FakeLogin()

    monkeypatch.setattr(wizard, "FirstRunWizard", fake_wizard)
    monkeypatch.setattr(app, "_login_dialog", fake_login)
    monkeypatch.delenv(app.PROBE_ENV, raising=False)
    chosen, actor = app._sign_in(database, data_paths, "id", False)
    assert chosen is server_db
    if office_on_server:
        assert made == [(server_db, "Kantor Kecamatan Cigugur — Pemerintah")]
        assert actor == "signed-in"
    else:
        assert made == [] and actor == "wizard-admin"
