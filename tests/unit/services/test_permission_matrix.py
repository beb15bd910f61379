"""The whole permission matrix through real service calls: every (role, action) pair.

``PROBES`` maps each Action to a callable that performs it through its service as the given
actor (arranging what it needs as the admin first). For every role: if the matrix allows the
action, the call succeeds; otherwise it raises PermissionDenied and the database, audit trail
included, is byte-for-byte what it was (every table, every row).

A new Action without a probe fails ``test_every_action_has_a_probe``: capability teams add one
here when they add an action. Probes are keyed by the action's value and import their
capability's services lazily, so this file does not depend on a capability having landed.

Probes in ``GATE_ONLY`` cannot succeed without outside material (a receipt signed by the
central office); for them the allowed role must get past the permission check (a typed error
about the missing material is fine), the refused roles must get PermissionDenied.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from flexdesk.db.engine import Database
from flexdesk.domain.calendar import HolidayKind, HolidayRow
from flexdesk.errors import FlexDeskError, PermissionDenied
from flexdesk.paths import DataPaths
from flexdesk.services import auth, employees, office, units
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.permissions import PERMISSIONS, Action, Actor, Role
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage import audit, backup
from flexdesk.services.storage.attachments import AttachmentStore, clean_orphan_attachments
from tests.support.helpers import DEFAULT_PROFILE, Staff, next_nip
from tests.support.outputs import TODAY, YEAR, log_input, make_skp

NOV = (2026, 11)
MON = date(2026, 11, 2)


@dataclass(frozen=True)
class Ctx:
    db: Database
    staff: Staff
    paths: DataPaths
    actor: Actor

    @property
    def own_id(self) -> str:
        """The employee record the actor acts for: their own, or (admin) a staff member's."""
        return self.actor.employee_id or self.staff.member.id

    def call(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        return Services(self.db, self.actor).call(fn, *args, **kw)

    def as_admin(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        return Services(self.db, self.staff.admin).call(fn, *args, **kw)


Probe = Callable[[Ctx], Callable[[], Any]]
"""Arranges (as admin) and returns the call that performs the action as ``ctx.actor``."""


def _edit_self(c: Ctx) -> Callable[[], Any]:
    data = Services(c.db, c.staff.admin).read(employees.get_employee, c.own_id).to_input()
    return lambda: c.call(employees.update_employee, c.own_id, replace(data, nama="Nama Baru"))


def _edit_any(c: Ctx) -> Callable[[], Any]:
    other = c.staff.colleague.id
    data = Services(c.db, c.staff.admin).read(employees.get_employee, other).to_input()
    return lambda: c.call(employees.update_employee, other, replace(data, jabatan="Lain"))


def _skp_approve(c: Ctx) -> Callable[[], Any]:
    detail = make_skp(c.db, c.staff.admin, c.staff.member.id)
    Services(c.db, c.staff.member_actor).call(skp.submit_skp, detail.id)
    return lambda: c.call(skp.approve_skp, detail.id)


def _output_log(c: Ctx) -> Callable[[], Any]:
    detail = make_skp(c.db, c.staff.admin, c.own_id)
    store = AttachmentStore(c.paths.attachments)
    data = log_input(c.own_id, detail.rhk[0].id)
    return lambda: c.call(outputs.create_log, data, store=store, today=TODAY)


def _plan(c: Ctx) -> Callable[[], Any]:
    changes = [CellChange(c.own_id, MON, "O")]
    return lambda: c.call(schedule.set_entries, *NOV, changes)


def _schedule_approve(c: Ctx) -> Callable[[], Any]:
    member = Services(c.db, c.staff.member_actor)
    days = [CellChange(c.staff.member.id, MON + timedelta(days=i), "O") for i in range(5)]
    member.call(schedule.set_entries, *NOV, days)
    member.call(schedule_periods.submit_period, c.staff.member.id, *NOV)
    return lambda: c.call(schedule_periods.approve_period, c.staff.member.id, *NOV)


def _sync_status(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.sync import office as sync_office

    return lambda: c.call(sync_office.sync_status, c.paths.keys)


def _sync_key(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.sync import office as sync_office

    return lambda: c.call(
        sync_office.create_office_key, c.paths.keys, "Frasa-Sandi-Kantor-Uji-1", iterations=1000
    )


def _sync_receipt(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.sync import office as sync_office

    missing = c.paths.exports / "tidak-ada.receipt.json"
    return lambda: c.call(sync_office.import_receipt, missing)


def _evaluation_of(c: Ctx, *, share: bool, final: bool = False) -> str:
    """An evaluation of the actor's own record (admin: a staff member's), started by the admin
    as Atasan Pejabat Penilai (so the head of the unit can have one too)."""
    from flexdesk.domain.performance import Rating
    from flexdesk.services.evaluation import service as ev
    from tests.support.evaluation import MARCH, approved_skp

    approved_skp(c.db, c.staff, c.own_id)
    c.as_admin(office.set_setting, "evaluation_admin_as_atasan", True)
    detail = c.as_admin(ev.start_evaluation, c.own_id, MARCH)
    changes = ev.EvaluationChanges(rating_hasil_kerja=Rating.SESUAI, rating_perilaku=Rating.SESUAI)
    c.as_admin(ev.save_draft, detail.id, changes)
    if share or final:
        c.as_admin(ev.share, detail.id)
    if final:
        c.as_admin(ev.finalise, detail.id)
    return detail.id


def _staff_evaluation(c: Ctx, *, final: bool) -> str:
    """The member's evaluation (the head is their supervisor; the admin may act as atasan)."""
    from flexdesk.domain.performance import Rating
    from flexdesk.services.evaluation import service as ev
    from tests.support.evaluation import MARCH, approved_skp

    approved_skp(c.db, c.staff, c.staff.member.id)
    c.as_admin(office.set_setting, "evaluation_admin_as_atasan", True)
    detail = c.as_admin(ev.start_evaluation, c.staff.member.id, MARCH)
    changes = ev.EvaluationChanges(rating_hasil_kerja=Rating.SESUAI, rating_perilaku=Rating.SESUAI)
    c.as_admin(ev.save_draft, detail.id, changes)
    c.as_admin(ev.share, detail.id)
    if final:
        c.as_admin(ev.finalise, detail.id)
    return detail.id


def _evaluation_view(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev
    from tests.support.evaluation import MARCH

    return lambda: c.call(ev.list_evaluations, MARCH)


def _evaluation_rate(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev
    from tests.support.evaluation import MARCH, approved_skp

    approved_skp(c.db, c.staff, c.staff.member.id)
    c.as_admin(office.set_setting, "evaluation_admin_as_atasan", True)
    return lambda: c.call(ev.start_evaluation, c.staff.member.id, MARCH)


def _evaluation_comment(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev

    evaluation_id = _evaluation_of(c, share=True)
    return lambda: c.call(ev.comment, evaluation_id, "Terima kasih atas umpan baliknya.")


def _evaluation_finalise(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev

    evaluation_id = _staff_evaluation(c, final=False)
    return lambda: c.call(ev.finalise, evaluation_id)


def _evaluation_reopen(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev

    evaluation_id = _staff_evaluation(c, final=True)
    return lambda: c.call(ev.reopen, evaluation_id, "Realisasi perlu dikoreksi.")


def _evaluation_print(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev

    evaluation_id = _evaluation_of(c, share=False, final=True)
    return lambda: c.call(ev.form_data, evaluation_id)


def _evaluation_distribution(c: Ctx) -> Callable[[], Any]:
    from flexdesk.services.evaluation import service as ev
    from tests.support.evaluation import MARCH

    return lambda: c.call(ev.unit_distribution, c.staff.unit.id, MARCH)


GATE_ONLY = frozenset({"sync.receipts"})

_PROBES: dict[Action, Probe] = {
    Action.OFFICE_VIEW: lambda c: lambda: c.call(office.office_profile),
    Action.OFFICE_EDIT: lambda c: (
        lambda: c.call(office.update_office, replace(DEFAULT_PROFILE, city="Cirebon"))
    ),
    Action.UNIT_MANAGE: lambda c: lambda: c.call(units.create_unit, "Seksi Uji Matriks"),
    Action.EMPLOYEE_VIEW: lambda c: lambda: c.call(employees.list_employees),
    Action.EMPLOYEE_CREATE: lambda c: (
        lambda: c.call(employees.create_employee, EmployeeInput(nama="Orang Baru", nip=next_nip()))
    ),
    Action.EMPLOYEE_EDIT_ANY: _edit_any,
    Action.EMPLOYEE_EDIT_SELF: _edit_self,
    Action.USER_MANAGE: lambda c: lambda: c.call(auth.unlock_user, c.staff.member_actor.user_id),
    Action.SETTINGS_EDIT: lambda c: (
        lambda: c.call(office.set_setting, "session_timeout_minutes", 20)
    ),
    Action.SKP_VIEW: lambda c: lambda: c.call(skp.skp_overview, YEAR),
    Action.SKP_EDIT: lambda c: lambda: c.call(skp.create_skp, c.own_id, YEAR, "monthly"),
    Action.SKP_APPROVE: _skp_approve,
    Action.OUTPUT_VIEW: lambda c: lambda: c.call(outputs.list_logs),
    Action.OUTPUT_LOG: _output_log,
    Action.OUTPUT_REVIEW: lambda c: lambda: c.call(outputs.review_queue),
    Action.ATTACHMENT_CLEANUP: lambda c: (
        lambda: c.call(clean_orphan_attachments, AttachmentStore(c.paths.attachments))
    ),
    Action.SCHEDULE_VIEW: lambda c: lambda: c.call(schedule.month_grid, *NOV),
    Action.SCHEDULE_EDIT: _plan,
    Action.SCHEDULE_APPROVE: _schedule_approve,
    Action.SCHEDULE_POLICY: lambda c: (
        lambda: c.call(
            schedule_policy.set_remote_exception, c.staff.member.id, True, "Tugas lapangan"
        )
    ),
    Action.CALENDAR_MANAGE: lambda c: (
        lambda: c.call(
            schedule_calendar.add_holiday,
            HolidayRow(date(2026, 8, 31), "Hari Jadi Kabupaten", HolidayKind.LOCAL),
        )
    ),
    Action.AUDIT_VIEW: lambda c: lambda: c.call(audit.list_entries),
    Action.BACKUP_MANAGE: lambda c: lambda: c.call(backup.manual_backup, c.db, c.paths),
}
PROBES: dict[str, Probe] = {
    **{a.value: p for a, p in _PROBES.items()},
    "sync.export": _sync_status,
    "sync.keys": _sync_key,
    "sync.receipts": _sync_receipt,
    "evaluation.view": _evaluation_view,
    "evaluation.rate": _evaluation_rate,
    "evaluation.comment": _evaluation_comment,
    "evaluation.finalise": _evaluation_finalise,
    "evaluation.reopen": _evaluation_reopen,
    "evaluation.print": _evaluation_print,
    "evaluation.distribution": _evaluation_distribution,
}


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the audit trail and bookkeeping included), on either backend."""
    with db.engine.connect() as conn:
        return {
            t: sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr)
            for t in sorted(inspect(conn).get_table_names())
        }


def _actor(staff: Staff, role: Role) -> Actor:
    return {
        Role.ADMIN: staff.admin,
        Role.SUPERVISOR: staff.head_actor,
        Role.EMPLOYEE: staff.member_actor,
    }[role]


def test_every_action_has_a_probe() -> None:
    missing = sorted(a.value for a in Action if a.value not in PROBES)
    assert not missing, f"add a probe to PROBES for: {missing}"


@pytest.mark.parametrize(
    ("role", "action"), list(itertools.product(Role, [a for a in Action if a.value in PROBES]))
)
def test_matrix_through_services(
    db: Database, staff: Staff, data_paths: DataPaths, role: Role, action: Action
) -> None:
    ctx = Ctx(db, staff, data_paths, _actor(staff, role))
    perform = PROBES[action.value](ctx)
    if action in PERMISSIONS[role]:
        if action.value in GATE_ONLY:
            try:
                perform()
            except PermissionDenied:
                raise
            except FlexDeskError:
                pass  # past the permission check; the outside material is missing
        else:
            perform()
        return
    before = _dump(db)
    with pytest.raises(PermissionDenied):
        perform()
    assert _dump(db) == before


def test_exports_dir_untouched_by_refused_backup(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    with pytest.raises(PermissionDenied):
        Services(db, staff.member_actor).call(backup.manual_backup, db, data_paths, dest_dir=usb)
    assert not usb.exists()
