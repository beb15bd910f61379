"""Accounts for imported employees: username from the NIP, one-time password on a PDF slip,
a new password required at first sign-in; non-ASN staff and existing accounts are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import User
from flexdesk.db.models_transfer import FirstPassword
from flexdesk.errors import Cancelled, PermissionDenied
from flexdesk.services import auth
from flexdesk.services.app import Services, login
from flexdesk.services.permissions import Actor, Role
from flexdesk.services.transfer import accounts
from flexdesk.services.transfer.employee_import import commit_employee_import
from tests.support.helpers import Staff
from tests.unit.services.transfer.support import HEAD, STAFF_A, office_rows, write_csv


def _import(db: Database, admin: Actor, tmp_path: Path) -> tuple[str, ...]:
    rows = [*office_rows(), ("", "Rina Honorer", "", "", "Honorer", "", "", "Pelayanan", "")]
    path = write_csv(tmp_path / "p.csv", rows)
    return Services(db, admin).call(commit_employee_import, path).employee_ids


def test_accounts_slips_and_the_first_sign_in(db: Database, admin: Actor, tmp_path: Path) -> None:
    ids = _import(db, admin, tmp_path)
    result = Services(db, admin).call(accounts.create_accounts, ids)
    assert [s.username for s in result.slips] == [HEAD, STAFF_A, office_rows()[2][0]]
    assert [name for name, _id, _en in result.skipped] == ["Rina Honorer"]
    with db.read_session() as session:
        roles = {u: r for u, r in session.execute(select(User.username, User.role))}
        assert roles[HEAD] == Role.SUPERVISOR.value and roles[STAFF_A] == Role.EMPLOYEE.value
        assert session.scalar(select(func.count(FirstPassword.id))) == 3
    pdf = tmp_path / "slip.pdf"
    assert accounts.write_slips(result, "Kecamatan Cigugur", pdf) == 1
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    first = result.slips[0]
    assert first.password in text and first.username in text and "Kata sandi sementara" in text

    actor = login(db, first.username, first.password)
    services = Services(db, actor)
    assert services.read(auth.password_change_required)
    services.call(auth.change_own_password, first.password, "Sandi-Baru-2027")
    assert not services.read(auth.password_change_required)
    login(db, first.username, "Sandi-Baru-2027")

    again = Services(db, admin).call(accounts.create_accounts, ids)
    assert again.slips == () and len(again.skipped) == 4  # everyone has one now, or no NIP


def test_one_time_passwords_are_random_and_readable() -> None:
    seen = {accounts.one_time_password() for _ in range(200)}
    assert len(seen) == 200
    assert all(len(p) == 10 and set(p) <= set(accounts.ALPHABET) for p in seen)


def test_only_the_admin_creates_accounts_and_cancel_leaves_none(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        Services(db, staff.head_actor).call(accounts.create_accounts, [staff.colleague.id])
    with pytest.raises(Cancelled):
        Services(db, staff.admin).call(
            accounts.create_accounts, [staff.colleague.id], is_cancelled=lambda: True
        )
    with db.read_session() as session:
        assert session.scalar(select(func.count(FirstPassword.id))) == 0
