"""Sign-in accounts for imported employees, each with a one-time password on a printed slip.

The username is the employee's NIP / NI PPPK (unique, and what staff know by heart); non-ASN
staff have none and are left for the admin to add by hand. The role is ``supervisor`` for
someone who has direct staff, otherwise ``employee``. Each account gets a random one-time
password (printed on the slip, never stored: only its argon2 hash) and a
``models_transfer.FirstPassword`` row, so sign-in asks for a new password the first time.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.db.models_transfer import FirstPassword
from flexdesk.domain.people import EmployeeType, format_nip, full_name
from flexdesk.errors import Cancelled
from flexdesk.reports.account_slips import Slip, build_slips
from flexdesk.services.auth import create_user_unchecked
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.transfer.employee_import import ImportResult, commit_employee_import

#: no 0/O, 1/l/I: the slip is read and typed by hand
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


def one_time_password() -> str:
    """A random password of :data:`PASSWORD_LENGTH` unambiguous characters (≈ 49 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(PASSWORD_LENGTH))


@dataclass(frozen=True)
class AccountsResult:
    """The new accounts' slips, and the employees left without one (name, reason id, en)."""

    slips: tuple[Slip, ...]
    skipped: tuple[tuple[str, str, str], ...]


def _skip_reason(emp: Employee, taken: set[str], has_account: set[str]) -> tuple[str, str] | None:
    if emp.employee_type == EmployeeType.NON_ASN.value or not emp.nip:
        return ("tanpa NIP: buat akunnya di Pengaturan > Pengguna",
                "no NIP: add the account in Settings > Users")  # fmt: skip
    if emp.id in has_account:
        return ("sudah punya akun", "already has an account")
    if emp.nip in taken:
        return ("nama pengguna sudah dipakai akun lain", "the username is taken")
    return None


def create_accounts(
    session: Session,
    actor: Actor,
    employee_ids: Sequence[str],
    *,
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
) -> AccountsResult:
    """Create an account for each employee in ``employee_ids`` that has none (admin only).

    All in the caller's transaction: a cancel (``Cancelled``) leaves no account behind.
    """
    require(actor, Action.USER_MANAGE)
    staff = list(session.scalars(select(Employee).where(Employee.id.in_(list(employee_ids)))))
    staff.sort(key=lambda e: list(employee_ids).index(e.id))
    taken = {u.lower() for u in session.scalars(select(User.username))}
    has_account = {e for e in session.scalars(select(User.employee_id)) if e}
    bosses = set(
        session.scalars(select(Employee.supervisor_id).where(Employee.supervisor_id.is_not(None)))
    )
    units = {u.id: u.name for u in session.scalars(select(WorkUnit))}
    slips: list[Slip] = []
    skipped: list[tuple[str, str, str]] = []
    for n, emp in enumerate(staff, 1):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        name = full_name(emp.gelar_depan, emp.nama, emp.gelar_belakang)
        reason = _skip_reason(emp, taken, has_account)
        if reason is not None:
            skipped.append((name, *reason))
            continue
        assert emp.nip is not None
        password = one_time_password()
        role = Role.SUPERVISOR if emp.id in bosses else Role.EMPLOYEE
        user = create_user_unchecked(session, username=emp.nip, password=password, role=role,
                                     display_name=name, employee_id=emp.id)  # fmt: skip
        session.add(FirstPassword(user_id=user.id))
        taken.add(emp.nip)
        slips.append(Slip(name, format_nip(emp.nip, EmployeeType(emp.employee_type)),
                          units.get(emp.unit_id or "", ""), emp.nip, password))  # fmt: skip
        if progress is not None:
            progress(n, len(staff), name)
    session.flush()
    return AccountsResult(tuple(slips), tuple(skipped))


def write_slips(result: AccountsResult, office_name: str, out: Path, *, paper: str = "A4") -> int:
    """The slips of ``result`` as a PDF at ``out``; returns the page count."""
    return build_slips(Path(out), office_name, result.slips, paper=paper)


def import_employees_with_accounts(
    session: Session,
    actor: Actor,
    path: Path,
    *,
    with_accounts: bool,
    slips_out: Path | None = None,
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
) -> tuple[ImportResult, AccountsResult | None]:
    """The employee import and, when asked, accounts for its employees, in one transaction: an
    account problem or a cancel leaves neither the employees nor any account behind. With
    ``slips_out`` the one-time passwords are printed there before the transaction commits, so
    no account exists whose password slip could not be written."""
    result = commit_employee_import(session, actor, path, progress=progress)
    if not with_accounts:
        return result, None
    made = create_accounts(
        session, actor, result.employee_ids, progress=progress, is_cancelled=is_cancelled
    )
    if slips_out is not None and made.slips:
        write_slips(made, office_name(session, actor), slips_out)
    return result, made


def office_name(session: Session, actor: Actor) -> str:
    """The office's name for the slips' heading ("Kecamatan Cigugur — Pemerintah ...")."""
    from flexdesk.services.office import get_office

    require(actor, Action.OFFICE_VIEW)
    row = get_office(session)
    return f"{row.unit_kerja} — {row.instansi}" if row else ""
