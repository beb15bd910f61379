"""Optimistic concurrency (issue 15) on the remaining edit paths: RHK edits (an indicator-only
edit counts as a change), the SKP period type, a work unit rename, the office profile and an
account's role. Two PCs save from the same revision: the second is refused (StaleEdit) with the
PC and the current row; overwriting against the refusal's revision works. Both backends."""

from __future__ import annotations

from dataclasses import replace

import pytest

from flexdesk.db.concurrency import ENV_PC_NAME
from flexdesk.db.engine import Database
from flexdesk.errors import StaleEdit
from flexdesk.services import auth, office, units
from flexdesk.services.app import Services
from flexdesk.services.outputs import skp
from flexdesk.services.permissions import Role
from tests.support.helpers import Staff
from tests.support.outputs import make_skp


def test_rhk_two_saves_from_the_same_revision_one_wins(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = make_skp(db, staff.member_actor, staff.member.id).rhk[0]
    member = Services(db, staff.member_actor)
    monkeypatch.setenv(ENV_PC_NAME, "PC-RUMAH")
    ours = row.to_input()
    target = replace(ours.indicators[0], target_value=ours.indicators[0].target_value + 5)
    theirs = replace(ours, indicators=(target, *ours.indicators[1:]))  # indicators only
    won = member.call(skp.update_rhk, row.id, theirs, expected_rev=row.rev)
    assert won.rhk[0].rev == row.rev + 1
    monkeypatch.setenv(ENV_PC_NAME, "PC-KANTOR")
    mine = replace(ours, text="Tersusunnya laporan layanan (versi kantor)")
    with pytest.raises(StaleEdit) as caught:
        member.call(skp.update_rhk, row.id, mine, expected_rev=row.rev)
    err = caught.value
    assert err.workstation == "PC-RUMAH"
    assert (err.expected_rev, err.current_rev) == (row.rev, row.rev + 1)
    assert "di PC PC-RUMAH" in err.message
    assert isinstance(err.current, skp.RhkRow)
    assert err.current.indicators[0].target_value == target.target_value
    stored = member.read(skp.get_skp_by_id, won.id).rhk[0]
    assert stored.text == row.text  # nothing of the refused save was stored
    over = member.call(skp.update_rhk, row.id, mine, expected_rev=err.current_rev)
    assert over.rhk[0].text == mine.text
    assert member.call(skp.update_rhk, row.id, ours).rhk[0].text == row.text  # None: unchecked


def test_skp_period_change_against_a_changed_skp_is_refused(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    member = Services(db, staff.member_actor)
    monkeypatch.setenv(ENV_PC_NAME, "PC-RUMAH")
    won = member.call(skp.set_period_type, detail.id, "quarterly", expected_rev=detail.rev)
    assert won.rev == detail.rev + 1
    monkeypatch.setenv(ENV_PC_NAME, "PC-KANTOR")
    with pytest.raises(StaleEdit) as caught:
        member.call(skp.set_period_type, detail.id, "monthly", expected_rev=detail.rev)
    err = caught.value
    assert err.workstation == "PC-RUMAH" and err.current_rev == detail.rev + 1
    assert isinstance(err.current, skp.SkpDetail)
    assert err.current.period_type.value == "quarterly"
    assert member.read(skp.get_skp_by_id, detail.id).period_type.value == "quarterly"
    over = member.call(skp.set_period_type, detail.id, "monthly", expected_rev=err.current_rev)
    assert over.period_type.value == "monthly"


def test_unit_rename_against_a_changed_unit_is_refused(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    row = next(u for u in admin.read(units.list_units) if u.id == staff.unit.id)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")
    admin.call(units.update_unit, row.id, name="Seksi Layanan", code=row.code, active=True,
               expected_rev=row.rev)  # fmt: skip
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-2")
    with pytest.raises(StaleEdit) as caught:
        admin.call(units.update_unit, row.id, name="Seksi Umum", code=row.code, active=True,
                   expected_rev=row.rev)  # fmt: skip
    err = caught.value
    assert err.workstation == "PC-TU-1" and err.current_rev == row.rev + 1
    assert isinstance(err.current, units.UnitRow) and err.current.name == "Seksi Layanan"
    admin.call(units.update_unit, row.id, name="Seksi Umum", code=row.code, active=True,
               expected_rev=err.current_rev)  # fmt: skip
    assert {u.name for u in admin.read(units.list_units)} >= {"Seksi Umum"}


def test_office_profile_save_against_a_changed_profile_is_refused(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    profile = admin.read(office.office_profile)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")
    admin.call(office.update_office, replace(profile, city="Bandung"), expected_rev=profile.rev)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-2")
    mine = replace(profile, address="Jl. Merdeka 2")
    with pytest.raises(StaleEdit) as caught:
        admin.call(office.update_office, mine, expected_rev=profile.rev)
    err = caught.value
    assert err.workstation == "PC-TU-1" and err.current_rev == profile.rev + 1
    assert isinstance(err.current, office.OfficeProfile) and err.current.city == "Bandung"
    assert admin.read(office.office_profile).address == profile.address
    admin.call(office.update_office, mine, expected_rev=err.current_rev)
    assert admin.read(office.office_profile).address == "Jl. Merdeka 2"


def test_user_role_change_against_a_changed_account_is_refused(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Services(db, staff.admin)
    row = next(u for u in admin.read(auth.list_users) if u.id == staff.member_actor.user_id)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-1")
    admin.call(auth.set_user_role, row.id, Role.SUPERVISOR, True, expected_rev=row.rev)
    monkeypatch.setenv(ENV_PC_NAME, "PC-TU-2")
    with pytest.raises(StaleEdit) as caught:
        admin.call(auth.set_user_role, row.id, Role.ADMIN, True, expected_rev=row.rev)
    err = caught.value
    assert err.workstation == "PC-TU-1" and err.current_rev == row.rev + 1
    assert isinstance(err.current, auth.UserRow) and err.current.role is Role.SUPERVISOR
    admin.call(auth.set_user_role, row.id, Role.ADMIN, True, expected_rev=err.current_rev)
    after = next(u for u in admin.read(auth.list_users) if u.id == row.id)
    assert after.role is Role.ADMIN
