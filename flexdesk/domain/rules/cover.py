"""On-site cover of a unit on a day: :func:`count_cover` counts its people by category and
:func:`rule_unit_cover` judges the count against the policy (how people are counted is in the
package docstring)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date

from flexdesk.domain.rules.model import RULE_COVER, CoverCount, RuleEmployee, Violation
from flexdesk.domain.rules.wording import long_day, number
from flexdesk.domain.schedule import (
    ABSENCE_CODES,
    AWAY_CODES,
    ON_SITE_CODES,
    REMOTE_CODES,
    FlexPolicy,
    ScheduleEntry,
)


def count_cover(
    unit_id: str,
    day: date,
    members: Iterable[RuleEmployee],
    entries_on_day: Mapping[str, ScheduleEntry],
    policy: FlexPolicy,
) -> CoverCount:
    """Count a unit's people on ``day`` by category and what the policy requires.

    ``members`` are the unit's employees (inactive ones are skipped); ``entries_on_day`` maps
    employee id to that day's entry.
    """
    n = on_site = remote = away = absent = unplanned = 0
    for emp in members:
        if not emp.is_active(day):
            continue
        n += 1
        e = entries_on_day.get(emp.id)
        if e is None:
            unplanned += 1
            continue
        code = e.code
        if code in ON_SITE_CODES:
            on_site += 1
        elif code in REMOTE_CODES:
            remote += 1
        elif code in AWAY_CODES:
            away += 1
        elif code in ABSENCE_CODES:
            absent += 1
    available = n - away - absent
    share = policy.min_onsite_share
    # 1e-9 keeps 0.3 * 10 (= 3.0000000000000004) from asking for 4 people
    by_share = math.ceil(share * available - 1e-9) if share else 0
    by_head = policy.min_onsite_headcount or 0
    return CoverCount(
        unit_id,
        day,
        n,
        on_site,
        remote,
        away,
        absent,
        unplanned,
        max(by_share, by_head),
        by_share,
        by_head,
    )


def rule_unit_cover(
    count: CoverCount, policy: FlexPolicy, unit_name: str | None = None
) -> Violation | None:
    """Too few of a unit's people in the office on a working day.

    Source: the office's own setting (``min_onsite_share`` and/or ``min_onsite_headcount``):
    PermenPANRB 4/2025 sets no national share and leaves monitoring to the unit head (Pasal 35);
    instansi precedents are 20–30% of a unit away at once. Front-line services must keep
    running. How people are counted is explained in the package docstring. Call only for
    working days.
    """
    if count.satisfied:
        return None
    name = unit_name or count.unit_id
    when_id = f"Unit {name} pada {long_day(count.day, 'id')}"
    when_en = f"Unit {name} on {long_day(count.day, 'en')}"
    if count.remote == 0:
        # absences alone leave too few people for the headcount minimum
        return Violation(
            RULE_COVER,
            "warning",
            None,
            count.unit_id,
            count.day,
            f"{when_id}: hanya {count.available} pegawai yang bertugas, kurang dari minimal "
            f"{count.required} orang di kantor (lainnya cuti, sakit, dinas luar atau tugas "
            f"belajar).",
            f"{when_en}: only {count.available} employees on duty, fewer than the minimum of "
            f"{count.required} in the office (the others are on leave, sick, travelling or "
            f"studying).",
        )
    if count.required_by_share >= count.required_by_headcount and policy.min_onsite_share:
        pct = number(policy.min_onsite_share * 100, "id")
        pct_en = number(policy.min_onsite_share * 100, "en")
        need_id = f"minimal {pct}%, yaitu {count.required} orang"
        need_en = f"minimum {pct_en}%, i.e. {count.required} people"
    else:
        need_id = f"minimal {count.required} orang"
        need_en = f"minimum {count.required} people"
    extra_id = extra_en = ""
    if count.unplanned:
        extra_id = f", termasuk {count.unplanned} yang belum dijadwalkan"
        extra_en = f", counting {count.unplanned} not yet planned"
    return Violation(
        RULE_COVER,
        "error",
        None,
        count.unit_id,
        count.day,
        f"{when_id}: hanya {count.present} dari {count.available} pegawai yang bertugas "
        f"di kantor{extra_id} ({need_id}).",
        f"{when_en}: only {count.present} of {count.available} employees on duty are in the "
        f"office{extra_en} ({need_en}).",
    )
