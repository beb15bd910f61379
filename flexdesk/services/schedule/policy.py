"""The office's flexible-work policy, versioned by effective date, and per-employee exceptions.

A version is in force from its ``effective_from`` until the next one starts, so a past month
is judged by the policy of its time (PermenPANRB 4/2025 leaves the model to each instansi and
offices revise it). Saving a version that approved schedules would break does not touch those
schedules: they stay approved under the version recorded at their approval, and the save
returns a warning per problem so the admin knows what the new rules would say (those are
worked out in :mod:`.policy_warnings`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.models_schedule import EmployeeFlexSetting, FlexPolicyVersion, SchedulePeriod
from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.schedule import DayCode, FlexPolicy
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.errors import ConflictError, NotFound, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.schedule.data import (
    default_policy,
    history_of,
    load_staff,
    stored_policies,
)
from flexdesk.services.schedule.policy_warnings import PolicyWarning, change_warnings
from flexdesk.services.validation import clean_text, one_line

__all__ = [
    "MAX_NOTE",
    "MAX_POSITIONS",
    "PolicySaveResult",
    "PolicyVersionRow",
    "PolicyWarning",
    "RemoteException",
    "check_policy_change",
    "delete_policy_version",
    "list_policy_versions",
    "policy_in_force",
    "remote_exceptions",
    "save_policy_version",
    "set_remote_exception",
    "write_policy_row",
]

MAX_NOTE = 2000
MAX_POSITIONS = 100


@dataclass(frozen=True)
class PolicyVersionRow:
    """One version as the settings tab lists it."""

    policy: FlexPolicy  #: with only the Ramadan periods the admin set
    note: str = ""
    updated_at: datetime | None = None
    approved_periods: int = 0  #: schedules approved under this version
    is_default: bool = False  #: FlexDesk's built-in default (no version stored yet)


@dataclass(frozen=True)
class PolicySaveResult:
    """A saved version, the warnings about approved schedules, and whether it replaced one."""

    version: PolicyVersionRow
    warnings: tuple[PolicyWarning, ...]
    replaced: bool  #: a version starting the same day was replaced


# -- reading ------------------------------------------------------------------------------------


def _approved_counts(session: Session) -> dict[date, int]:
    rows = session.execute(
        select(SchedulePeriod.policy_effective_from, func.count(SchedulePeriod.id))
        .where(SchedulePeriod.status == PeriodStatus.APPROVED.value)
        .group_by(SchedulePeriod.policy_effective_from)
    )
    return {d: int(n) for d, n in rows if d is not None}


def list_policy_versions(session: Session, actor: Actor) -> list[PolicyVersionRow]:
    """Every stored version, oldest first; FlexDesk's default alone when none is stored."""
    require(actor, Action.SCHEDULE_VIEW)
    counts = _approved_counts(session)
    stored = stored_policies(session)
    if not stored:
        return [PolicyVersionRow(default_policy(), is_default=True)]
    return [
        PolicyVersionRow(p, r.note, r.updated_at, counts.get(p.effective_from, 0))
        for r, p in stored
    ]


def policy_in_force(session: Session, actor: Actor, day: date) -> FlexPolicy:
    """The version in force on ``day`` (with that year's Ramadan estimate if none is set)."""
    require(actor, Action.SCHEDULE_VIEW)
    return history_of((p for _, p in stored_policies(session)), [day.year]).policy_for(day)


# -- checking and saving ----------------------------------------------------------------------


def _clean(policy: FlexPolicy) -> FlexPolicy:
    if policy.timetable is not None or policy.ramadan_timetable is not None:
        raise ValidationError(
            "Jadwal jam kerja khusus belum dapat disimpan; gunakan jam kerja Perpres 21/2023.",
            message_en="Custom timetables cannot be stored yet; use the Perpres 21/2023 hours.",
            field="timetable",
        )
    positions: list[str] = []
    seen: set[str] = set()
    for p in policy.excluded_positions:
        text = one_line(p, "excluded_positions", label=("Jabatan", "The position"))
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            positions.append(text)
    if len(positions) > MAX_POSITIONS or any(len(p) > 200 for p in positions):
        raise ValidationError(
            f"Daftar jabatan yang wajib di kantor terlalu panjang (maks. {MAX_POSITIONS} "
            "jabatan, 200 huruf per jabatan).",
            message_en=f"Too many excluded positions (at most {MAX_POSITIONS}, 200 characters "
            "each).",
            field="excluded_positions",
        )
    periods = sorted(policy.ramadan_periods)
    for (a_start, a_end), (b_start, _) in itertools.pairwise(periods):
        if b_start <= a_end:
            raise ValidationError(
                f"Periode Ramadan {format_tanggal(a_start)} – {format_tanggal(a_end)} "
                f"bertumpang tindih dengan periode berikutnya.",
                message_en=f"The Ramadan period from {a_start:%Y-%m-%d} overlaps the next one.",
                field="ramadan_periods",
            )
    for start, end in periods:
        if (end - start).days > 31:
            raise ValidationError(
                f"Periode Ramadan {format_tanggal(start)} – {format_tanggal(end)} lebih dari "
                "30 hari.",
                message_en=f"The Ramadan period from {start:%Y-%m-%d} is longer than 30 days.",
                field="ramadan_periods",
            )
    return replace(policy, excluded_positions=tuple(positions), ramadan_periods=tuple(periods))


def _check_week_type(versions: Sequence[FlexPolicy], policy: FlexPolicy) -> None:
    before = [p for p in versions if p.effective_from < policy.effective_from]
    previous = before[-1] if before else None
    if (
        previous is not None
        and previous.week_type != policy.week_type
        and policy.effective_from.day != 1
    ):
        raise ValidationError(
            "Versi yang mengubah minggu kerja (5/6 hari) harus berlaku mulai tanggal 1 suatu "
            "bulan, agar satu bulan jadwal memakai satu jenis minggu.",
            message_en="A version that changes the working week (5/6 days) must start on the "
            "first of a month, so that one month uses one kind of week.",
            field="effective_from",
        )


def _plan(
    session: Session, policy: FlexPolicy
) -> tuple[list[FlexPolicy], list[FlexPolicy], date | None, FlexPolicyVersion | None]:
    stored = stored_policies(session)
    old = [p for _, p in stored]
    existing = next((r for r, p in stored if p.effective_from == policy.effective_from), None)
    new = sorted(
        [p for p in old if p.effective_from != policy.effective_from] + [policy],
        key=lambda p: p.effective_from,
    )
    later = [p.effective_from for p in new if p.effective_from > policy.effective_from]
    until = min(later) - timedelta(days=1) if later else None
    _check_week_type(new, policy)
    return old, new, until, existing


def check_policy_change(session: Session, actor: Actor, policy: FlexPolicy) -> list[PolicyWarning]:
    """What saving ``policy`` would say about approved schedules (nothing is saved)."""
    require(actor, Action.SCHEDULE_POLICY)
    policy = _clean(policy)
    old, new, until, _ = _plan(session, policy)
    return change_warnings(session, old, new, policy.effective_from, until)


def save_policy_version(
    session: Session, actor: Actor, policy: FlexPolicy, note: str = ""
) -> PolicySaveResult:
    """Store ``policy`` as the version from its ``effective_from`` (replacing one of the same
    day). Approved schedules are never changed; the warnings say which the new version would
    judge differently."""
    require(actor, Action.SCHEDULE_POLICY)
    policy = _clean(policy)
    note = clean_text(note, "note", multiline=True, label=("Catatan", "The note"))
    if len(note) > MAX_NOTE:
        raise ValidationError(
            f"Catatan paling panjang {MAX_NOTE} huruf.",
            message_en=f"The note is at most {MAX_NOTE} characters.",
            field="note",
        )
    old, new, until, row = _plan(session, policy)
    warnings = change_warnings(session, old, new, policy.effective_from, until)
    replaced = row is not None
    row = write_policy_row(session, policy, note=note, user_id=actor.user_id, row=row)
    count = _approved_counts(session).get(policy.effective_from, 0)
    version = PolicyVersionRow(policy, note, row.updated_at, count)
    return PolicySaveResult(version, tuple(warnings), replaced)


def write_policy_row(
    session: Session,
    policy: FlexPolicy,
    *,
    note: str = "",
    user_id: str | None = None,
    row: FlexPolicyVersion | None = None,
) -> FlexPolicyVersion:
    """Store ``policy`` in ``row`` (a new row when None). No permission check and no warning:
    :func:`save_policy_version` and the demo call this."""
    if row is None:
        row = FlexPolicyVersion(effective_from=policy.effective_from)
        session.add(row)
    row.allowed_modes = "".join(c.value for c in DayCode if c in policy.allowed_modes)
    row.max_remote_days_per_week = policy.max_remote_days_per_week
    row.max_remote_days_per_month = policy.max_remote_days_per_month
    row.min_onsite_share = policy.min_onsite_share
    row.min_onsite_headcount = policy.min_onsite_headcount
    row.core_hours_start = policy.core_hours_start
    row.core_hours_end = policy.core_hours_end
    row.week_type = policy.week_type
    row.weekly_hours_required = policy.weekly_hours_required
    row.ramadan_weekly_hours = policy.ramadan_weekly_hours
    row.ramadan_periods = [[a.isoformat(), b.isoformat()] for a, b in policy.ramadan_periods]
    row.excluded_positions = list(policy.excluded_positions)
    row.remote_needs_approval = policy.remote_needs_approval
    row.note = note
    row.created_by_user_id = user_id
    session.flush()
    return row


def delete_policy_version(
    session: Session, actor: Actor, effective_from: date
) -> list[PolicyWarning]:
    """Remove a version; refused while schedules are approved under it. Returns what the
    remaining versions would say about approved schedules of its time."""
    require(actor, Action.SCHEDULE_POLICY)
    stored = stored_policies(session)
    row = next((r for r, p in stored if p.effective_from == effective_from), None)
    if row is None:
        raise NotFound(
            f"Tidak ada versi kebijakan yang berlaku mulai {format_tanggal(effective_from)}.",
            message_en=f"No policy version starts on {effective_from:%Y-%m-%d}.",
        )
    count = _approved_counts(session).get(effective_from, 0)
    if count:
        raise ConflictError(
            f"Versi kebijakan {format_tanggal(effective_from)} dipakai oleh {count} jadwal yang "
            "sudah disetujui dan tidak dapat dihapus; buat versi baru bila aturannya berubah.",
            message_en=f"The policy version of {effective_from:%Y-%m-%d} is used by {count} "
            "approved schedules and cannot be deleted; add a new version instead.",
        )
    old = [p for _, p in stored]
    new = [p for p in old if p.effective_from != effective_from]
    later = [p.effective_from for p in new if p.effective_from > effective_from]
    until = min(later) - timedelta(days=1) if later else None
    warnings = change_warnings(session, old, new, effective_from, until)
    session.delete(row)
    session.flush()
    return warnings


# -- per-employee exception (Pasal 13) ------------------------------------------------------------


@dataclass(frozen=True)
class RemoteException:
    """An employee the remote-day limits do not apply to, and why (Pasal 13)."""

    employee_id: str
    name: str
    unit_name: str
    reason: str


def remote_exceptions(session: Session, actor: Actor) -> list[RemoteException]:
    """Employees to whom the remote-day limits do not apply (PermenPANRB 4/2025 Pasal 13)."""
    require(actor, Action.SCHEDULE_VIEW)
    return [
        RemoteException(s.id, s.name, s.unit_name, s.exception_reason)
        for s in load_staff(session)
        if s.remote_exception
    ]


def set_remote_exception(
    session: Session, actor: Actor, employee_id: str, enabled: bool, reason: str = ""
) -> None:
    """Grant or withdraw the Pasal 13 exception (duty that must be done outside the office, or
    keadaan khusus); granting needs the reason, which the violations panel shows."""
    require(actor, Action.SCHEDULE_POLICY)
    if not load_staff(session, ids=[employee_id]):
        raise NotFound("Pegawai aktif tidak ditemukan.", message_en="Active employee not found.")
    reason = one_line(reason, "reason", label=("Alasan", "The reason"))
    if enabled and not reason:
        raise ValidationError(
            "Tuliskan alasan pengecualian (tugas yang harus di luar kantor atau keadaan khusus).",
            message_en="Give the reason for the exception (duty outside the office or special "
            "circumstances).",
            field="reason",
        )
    if len(reason) > MAX_NOTE:
        raise ValidationError(
            f"Alasan paling panjang {MAX_NOTE} huruf.",
            message_en=f"The reason is at most {MAX_NOTE} characters.",
            field="reason",
        )
    row = session.scalar(
        select(EmployeeFlexSetting).where(EmployeeFlexSetting.employee_id == employee_id)
    )
    if row is None:
        row = EmployeeFlexSetting(employee_id=employee_id)
        session.add(row)
    row.remote_exception = enabled
    row.exception_reason = reason if enabled else ""
    session.flush()
