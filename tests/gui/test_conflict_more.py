"""The conflict dialog on the remaining edit paths (issue 15): an RHK edited in its dialog
while another PC saves the same RHK; saving shows who changed it and on which PC, their value
beside mine, keep theirs reloads the form and saves nothing, overwrite saves mine; likewise
the SKP tab's period type, a work unit's rename, the office profile and an account's role."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from flexdesk.db.concurrency import ENV_PC_NAME
from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import auth, office, units
from flexdesk.services.app import Services
from flexdesk.services.outputs import skp
from flexdesk.services.permissions import Role
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.outputs.common import combo_value
from flexdesk.ui.pages.outputs.rhk_dialog import RhkDialog
from flexdesk.ui.pages.outputs.skp_tab import SkpTab
from flexdesk.ui.pages.settings_office import OfficeTab, UnitsTab
from flexdesk.ui.pages.settings_users import UsersTab
from flexdesk.ui.widgets.conflict import ConflictDialog
from tests.support.gui import wait_ops
from tests.support.helpers import Staff
from tests.support.outputs import make_skp

THEIRS = "Tersusunnya laporan layanan (versi rumah)"
MINE = "Tersusunnya laporan layanan (versi kantor)"


def _rhk_dialog(
    qtbot: QtBot, db: Database, paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> RhkDialog:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    member = Services(db, staff.member_actor)
    ctx = UiContext(paths, db, member, ui_settings(paths))
    dialog = RhkDialog(ctx, detail, detail.rhk[0])
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops(qtbot, ctx)
    monkeypatch.setenv(ENV_PC_NAME, "PC-RUMAH")  # meanwhile, on another PC
    row = detail.rhk[0]
    member.call(skp.update_rhk, row.id, replace(row.to_input(), text=THEIRS))
    dialog.text.setPlainText(MINE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    assert isinstance(dialog.conflict, ConflictDialog) and dialog.conflict.isVisible()
    return dialog


def _stored(db: Database, staff: Staff, dialog: RhkDialog) -> str:
    detail = Services(db, staff.member_actor).read(skp.get_skp_by_id, dialog.detail.id)
    return detail.rhk[0].text


def test_rhk_conflict_keep_theirs_reloads_the_form(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _rhk_dialog(qtbot, db, data_paths, staff, monkeypatch)
    conflict = dialog.conflict
    assert conflict is not None
    assert "PC PC-RUMAH" in conflict.summary.text()
    assert [(f.theirs, f.mine) for f in conflict.shown_fields] == [(THEIRS, MINE)]
    assert not conflict.merge_button.isVisible()
    qtbot.keyClick(conflict, Qt.Key.Key_Return)  # keep theirs
    assert dialog.isVisible() and dialog.text.toPlainText() == THEIRS
    assert dialog.saved is None and _stored(db, staff, dialog) == THEIRS
    dialog.text.setPlainText(MINE)  # saving again now goes through (their revision was read)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    assert dialog.saved is not None and _stored(db, staff, dialog) == MINE


def test_rhk_conflict_overwrite_saves_mine(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _rhk_dialog(qtbot, db, data_paths, staff, monkeypatch)
    assert dialog.conflict is not None
    qtbot.mouseClick(dialog.conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, dialog.ctx)
    assert dialog.saved is not None and _stored(db, staff, dialog) == MINE


def test_skp_period_change_against_a_changed_skp_shows_the_conflict(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = Services(db, staff.member_actor)
    ctx = UiContext(data_paths, db, member, ui_settings(data_paths))
    tab = SkpTab(ctx)
    qtbot.addWidget(tab)
    year = tab.year.value()
    detail = make_skp(db, staff.member_actor, staff.member.id, year=year)
    tab.show()
    tab.select_employee(staff.member.id)
    wait_ops(qtbot, ctx)
    assert tab.detail is not None and tab.detail.id == detail.id
    monkeypatch.setenv(ENV_PC_NAME, "PC-RUMAH")  # meanwhile, on another PC
    member.call(skp.set_period_type, detail.id, "quarterly")
    tab.period.setCurrentIndex(tab.period.findData("semester"))
    tab.period.activated.emit(tab.period.currentIndex())
    wait_ops(qtbot, ctx)
    conflict = tab.findChild(ConflictDialog)
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert "PC PC-RUMAH" in conflict.summary.text()
    assert member.read(skp.get_skp_by_id, detail.id).period_type.value == "quarterly"
    qtbot.keyClick(conflict, Qt.Key.Key_Return)  # keep theirs: the tab shows their period
    wait_ops(qtbot, ctx)
    assert combo_value(tab.period) == "quarterly"
    tab.period.setCurrentIndex(tab.period.findData("semester"))
    tab.period.activated.emit(tab.period.currentIndex())
    wait_ops(qtbot, ctx)
    assert member.read(skp.get_skp_by_id, detail.id).period_type.value == "semester"


def test_unit_rename_against_a_changed_unit_shows_the_conflict(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    ctx = UiContext(data_paths, db, admin, ui_settings(data_paths))
    tab = UnitsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_ops(qtbot, ctx)
    row = next(i for i in range(tab.list.count()) if tab.list.item(i).data(256).id == staff.unit.id)
    tab.list.setCurrentRow(row)
    unit = tab.list.item(row).data(256)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")  # meanwhile, on another PC
    admin.call(units.update_unit, unit.id, name="Seksi Layanan", code=unit.code, active=True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Seksi Umum", True))
    tab.rename_unit()
    wait_ops(qtbot, ctx)
    assert isinstance(tab.conflict, ConflictDialog) and tab.conflict.isVisible()
    assert "PC PC-TU-1" in tab.conflict.summary.text()
    assert [(f.theirs, f.mine) for f in tab.conflict.shown_fields] == [
        ("Seksi Layanan", "Seksi Umum")
    ]
    qtbot.mouseClick(tab.conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    names = {u.name for u in admin.read(units.list_units, include_inactive=True)}
    assert "Seksi Umum" in names and "Seksi Layanan" not in names


def test_office_profile_save_against_a_changed_profile_shows_the_conflict(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    ctx = UiContext(data_paths, db, admin, ui_settings(data_paths))
    tab = OfficeTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_ops(qtbot, ctx)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")  # meanwhile, on another PC
    profile = admin.read(office.office_profile)
    admin.call(office.update_office, replace(profile, city="Bandung"))
    tab.city.setText("Bogor")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, ctx)
    assert isinstance(tab.conflict, ConflictDialog) and tab.conflict.isVisible()
    assert "PC PC-TU-1" in tab.conflict.summary.text()
    assert [(f.theirs, f.mine) for f in tab.conflict.shown_fields] == [("Bandung", "Bogor")]
    assert admin.read(office.office_profile).city == "Bandung"
    qtbot.keyClick(tab.conflict, Qt.Key.Key_Return)  # keep theirs: their profile in the form
    assert tab.city.text() == "Bandung"
    assert admin.read(office.office_profile).city == "Bandung"


def _users_tab(qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff) -> UsersTab:
    ctx = UiContext(data_paths, db, Services(db, staff.admin), ui_settings(data_paths))
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    wait_ops(qtbot, ctx)
    tab.table.selectRow(
        next(i for i, u in enumerate(tab.rows) if u.id == staff.member_actor.user_id)
    )
    return tab


def _role(db: Database, staff: Staff) -> Role:
    users = Services(db, staff.admin).read(auth.list_users)
    return next(u.role for u in users if u.id == staff.member_actor.user_id)


def _choose_role(monkeypatch: pytest.MonkeyPatch, role: Role) -> None:
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: (role.label_id, True))


def test_role_change_against_a_changed_account_shows_the_conflict(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _users_tab(qtbot, db, data_paths, staff)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")  # meanwhile, on another PC
    Services(db, staff.admin).call(
        auth.set_user_role, staff.member_actor.user_id, Role.SUPERVISOR, True
    )
    _choose_role(monkeypatch, Role.ADMIN)
    tab.change_role()
    wait_ops(qtbot, tab.ctx)
    assert isinstance(tab.conflict, ConflictDialog) and tab.conflict.isVisible()
    assert "PC PC-TU-1" in tab.conflict.summary.text()
    assert [(f.theirs, f.mine) for f in tab.conflict.shown_fields] == [
        (Role.SUPERVISOR.label_id, Role.ADMIN.label_id)
    ]
    assert _role(db, staff) is Role.SUPERVISOR
    qtbot.mouseClick(tab.conflict.overwrite_button, Qt.MouseButton.LeftButton)
    wait_ops(qtbot, tab.ctx)
    assert _role(db, staff) is Role.ADMIN


def test_role_change_after_only_a_sign_in_elsewhere_is_saved_without_asking(
    qtbot: QtBot, db: Database, data_paths: DataPaths, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _users_tab(qtbot, db, data_paths, staff)
    listed = next(u for u in tab.rows if u.id == staff.member_actor.user_id)
    admin = Services(db, staff.admin)  # meanwhile: a new password, the role untouched
    admin.call(auth.reset_password, listed.id, "Kantor-Baru-2026!x")
    assert next(u for u in admin.read(auth.list_users) if u.id == listed.id).rev == listed.rev + 1
    _choose_role(monkeypatch, Role.SUPERVISOR)
    tab.change_role()
    wait_ops(qtbot, tab.ctx)
    assert tab.conflict is None and _role(db, staff) is Role.SUPERVISOR
