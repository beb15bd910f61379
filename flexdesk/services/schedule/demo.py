"""Demo schedules: a policy and three months around today (approved, submitted, draft).

Last month is approved by each supervisor, this month mostly submitted (one returned with a
note, a few still drafts), next month a draft partly planned. Everyone keeps a weekly routine
of 0–2 remote days (front-line and ineligible staff none), with some leave, sick days and
official travel. A few violations are planted where a supervisor would meet them: three remote
days in one week, a WFA without a location, a unit short of on-site staff on one day, and a
leave without its kind. Rows are bulk-inserted (the demo must stay quick). The period rows
and their workflow events are made by :mod:`.demo_periods`.

The same ``rng`` seed gives the same schedules: keep the order of its calls when editing.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from flexdesk.db.audit import record_bulk_inserts
from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.models import User
from flexdesk.db.models_schedule import ScheduleEntryRow, SchedulePeriod, SchedulePeriodEvent
from flexdesk.domain.calendar import WorkingCalendar, estimate_ramadan
from flexdesk.domain.rules import RULE_COVER, validate_schedule
from flexdesk.domain.schedule import (
    DayCode,
    FlexPolicy,
    LeaveKind,
    PolicyHistory,
    ScheduleEntry,
)
from flexdesk.domain.schedule_workflow import month_bounds
from flexdesk.services.schedule.data import (
    StaffMember,
    calendar_for,
    context_range,
    load_policy_history,
    load_staff,
)
from flexdesk.services.schedule.demo_periods import DEMO_POLICY_START, demo_period
from flexdesk.services.schedule.policy import write_policy_row

WFA_PLACES = (
    "Kantor UPT Kecamatan Cilimus",
    "Perpustakaan Daerah Kuningan",
    "Ruang kerja bersama Diskominfo Kuningan",
    "Balai Desa Cisantana",
)
TRAVEL_PLACES = (
    "Kantor Bupati Kuningan",
    "BKPSDM Kabupaten Kuningan",
    "Kantor Gubernur Jawa Barat, Bandung",
)
FRONT_LINE = "Pengelola Layanan Operasional"

_Cell = tuple[DayCode, str, str | None]  # code, location, leave kind
_Plan = dict[tuple[str, date], _Cell]


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def demo_policy(today: date) -> FlexPolicy:
    """The demo office's policy: at most two remote days a week, half of each unit on site,
    front-line staff always in the office."""
    years = range(today.year - 1, today.year + 2)
    return FlexPolicy(
        DEMO_POLICY_START,
        max_remote_days_per_week=2,
        min_onsite_share=0.5,
        excluded_positions=(FRONT_LINE,),
        ramadan_periods=tuple(p for y in years for p in estimate_ramadan(y)),
    )


def _routine(
    rng: random.Random, staff: Sequence[StaffMember], policy: FlexPolicy
) -> dict[str, tuple[list[int], str]]:
    """Each employee's remote weekdays (0 = Monday) and their usual WFA place."""
    out = {}
    for member in staff:
        k = rng.choice((0, 1, 1, 2, 2))
        if member.remote_excluded or policy.is_position_excluded(member.position):
            k = 0
        out[member.id] = (sorted(rng.sample(range(5), k)), rng.choice(WFA_PLACES))
    return out


def _plan_month(
    rng: random.Random,
    staff: Sequence[StaffMember],
    working: Sequence[date],
    routine: dict[str, tuple[list[int], str]],
) -> _Plan:
    plan: _Plan = {}
    for member in staff:
        weekdays, place = routine[member.id]
        for d in working:
            if d.weekday() in weekdays:
                wfa = d.weekday() == weekdays[-1] and len(weekdays) == 2
                plan[(member.id, d)] = (
                    (DayCode.WFA, place, None) if wfa else (DayCode.WFH, "", None)
                )
            else:
                plan[(member.id, d)] = (DayCode.WFO, "", None)
        if rng.random() < 0.35 and len(working) > 5:
            start = rng.randrange(len(working) - 3)
            for d in working[start : start + rng.randint(1, 3)]:
                plan[(member.id, d)] = (DayCode.CUTI, "", LeaveKind.TAHUNAN.value)
        if rng.random() < 0.12:
            plan[(member.id, rng.choice(working))] = (DayCode.SAKIT, "", None)
        if rng.random() < 0.3:
            start = rng.randrange(len(working) - 1)
            place = rng.choice(TRAVEL_PLACES)
            for d in working[start : start + rng.randint(1, 2)]:
                plan[(member.id, d)] = (DayCode.DINAS_LUAR, place, None)
    return plan


def _fix_cover(
    plan: _Plan,
    staff: Sequence[StaffMember],
    calendar: WorkingCalendar,
    policy_history: PolicyHistory,
    period: tuple[date, date],
) -> None:
    """Turn remote days back into office days where the random routine left a unit short."""
    first, last = period
    for _ in range(3):
        entries = [ScheduleEntry(e, d, c, loc, kind) for (e, d), (c, loc, kind) in plan.items()]
        found = validate_schedule(
            entries, [s.rule_employee() for s in staff], calendar, policy_history, first, last
        )
        short = {(v.unit_id, v.day) for v in found if v.rule_id == RULE_COVER}
        if not short:
            return
        for member in staff:
            for unit_id, day in short:
                if member.unit_id == unit_id and day is not None:
                    cell = plan.get((member.id, day))
                    if cell and cell[0] in (DayCode.WFH, DayCode.WFA):
                        plan[(member.id, day)] = (DayCode.WFO, "", None)


def _plant_violations(
    rng: random.Random, plan: _Plan, staff: Sequence[StaffMember], working: Sequence[date]
) -> None:
    """Problems a supervisor should see: they make the demo's violations panel worth a look.

    Each breaks one rule only: the cover shortfall moves remote days within the week rather
    than adding some, so nobody goes over the weekly limit because of it.
    """
    eligible = [s for s in staff if not s.remote_excluded and s.position != FRONT_LINE]
    if len(eligible) < 4 or len(working) < 12:
        return
    second_week = [d for d in working if d.isocalendar()[:2] == working[7].isocalendar()[:2]]

    def remote_days(member: StaffMember) -> int:
        return sum(
            plan.get((member.id, w), (DayCode.WFO,))[0] in (DayCode.WFH, DayCode.WFA)
            for w in second_week
        )

    b, c, d = rng.sample(eligible, 3)
    office_bound = [s for s in eligible if remote_days(s) == 0 and s not in (b, c, d)]
    a = office_bound[0] if office_bound else rng.choice(eligible)
    for day in second_week[:3]:  # three remote days in one week (Pasal 13(1): at most 2)
        plan[(a.id, day)] = (DayCode.WFH, "", None)
    plan[(b.id, working[3])] = (DayCode.WFA, "", None)  # WFA without a location
    plan[(c.id, working[-2])] = (DayCode.CUTI, "", None)  # leave without its kind
    # one unit short on site on the week's last planned day: staff with a remote day to
    # spare that week stay home until fewer than half of those on duty are in the office
    day = second_week[-1]
    unit = [s for s in staff if s.unit_id == d.unit_id]
    spare = [s for s in eligible if s.unit_id == d.unit_id and s not in (a, b, c)]
    for member in spare:
        on_site = sum(plan.get((s.id, day), (DayCode.WFO,))[0] is DayCode.WFO for s in unit)
        on_duty = sum(
            plan.get((s.id, day), (DayCode.WFO,))[0] in (DayCode.WFO, DayCode.WFH, DayCode.WFA)
            for s in unit
        )
        if on_site * 2 < on_duty:
            break
        if plan.get((member.id, day), (None,))[0] is not DayCode.WFO:
            continue
        if remote_days(member) >= 2:  # move one of the week's remote days to that day
            moved = next(
                w
                for w in second_week
                if plan.get((member.id, w), (DayCode.WFO,))[0] in (DayCode.WFH, DayCode.WFA)
            )
            plan[(member.id, moved)] = (DayCode.WFO, "", None)
        plan[(member.id, day)] = (DayCode.WFH, "", None)


def _stamp(rows: list[dict[str, Any]], session: Session) -> None:
    """Give bulk-insert rows their id, timestamps, revision and change numbers."""
    if not rows:
        return
    now = utcnow()
    seq = take_sequence_numbers(session, len(rows))
    for row in rows:
        row.setdefault("id", new_uuid())
        row.update(created_at=now, updated_at=now, rev=1, change_seq=seq)
        seq += 1


def create_demo_schedules(session: Session, admin_username: str, rng: random.Random) -> None:
    """The demo office's policy and schedules for last, this and next month."""
    today = date.today()
    policy = demo_policy(today)
    write_policy_row(session, policy, note="Kebijakan awal sesuai PermenPANRB 4/2025.")
    staff = load_staff(session)
    if not staff:
        return
    # (a Result has .keys(), so dict(result) would treat it as a mapping)
    users = {e: u for e, u in session.execute(select(User.employee_id, User.id)) if e}
    admin_id = session.scalar(select(User.id).where(User.username == admin_username))
    history = load_policy_history(session, range(today.year - 1, today.year + 2))
    routine = _routine(rng, staff, policy)
    months = [_shift(today.year, today.month, k) for k in (-1, 0, 1)]
    entry_rows: list[dict[str, Any]] = []
    period_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    by_id = {s.id: s for s in staff}
    for stage, (year, month) in enumerate(months):
        first, last = month_bounds(year, month)
        calendar = calendar_for(session, history, *context_range(first, last))
        working = calendar.working_days(first, last)
        planned = staff if stage < 2 else [s for s in staff if rng.random() < 0.8]
        plan = _plan_month(rng, planned, working, routine)
        _fix_cover(plan, staff, calendar, history, (first, last))
        if stage > 0:
            _plant_violations(rng, plan, planned, working)
        entry_rows += _entry_rows(plan)
        for member_id in sorted({e for e, _ in plan}):
            member = by_id[member_id]
            accounts = (
                users.get(member_id) or admin_id,
                users.get(member.supervisor_id or "") or admin_id,
            )
            period_rows.append(
                demo_period(
                    rng, member, (year, month, stage), accounts, first=first, events=event_rows
                )
            )
    _insert(session, entry_rows, period_rows, event_rows)


def _entry_rows(plan: _Plan) -> list[dict[str, Any]]:
    """The ``schedule_entries`` rows of a month's plan, for a bulk insert."""
    return [
        {
            "employee_id": e,
            "day": d,
            "code": c.value,
            "location": loc,
            "leave_kind": kind,
            "hours": None,
        }
        for (e, d), (c, loc, kind) in plan.items()
    ]


def _insert(
    session: Session,
    entry_rows: list[dict[str, Any]],
    period_rows: list[dict[str, Any]],
    event_rows: list[dict[str, Any]],
) -> None:
    """Bulk-insert the demo's entries, periods and events, with their audit records."""
    _stamp(entry_rows, session)
    _stamp(period_rows, session)
    _stamp(event_rows, session)
    session.execute(insert(ScheduleEntryRow), entry_rows)
    session.execute(insert(SchedulePeriod), period_rows)
    if event_rows:
        session.execute(insert(SchedulePeriodEvent), event_rows)
    # bulk inserts skip the audit hook; the trail must still hold every row
    for model, rows in (
        (ScheduleEntryRow, entry_rows),
        (SchedulePeriod, period_rows),
        (SchedulePeriodEvent, event_rows),
    ):
        record_bulk_inserts(session, model, [r["id"] for r in rows])
