"""Tooltips of the Jadwal grid: an employee's row heading and one cell (the model asks).

Translated in the model's context ("ScheduleGridModel"), where these sentences always lived.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from flexdesk.domain.calendar import CalendarDay
from flexdesk.domain.schedule import DAY_CODE_INFO, LEAVE_KIND_LABELS, LeaveKind
from flexdesk.services.schedule.data import StaffMember
from flexdesk.services.schedule.service import MonthGrid


def member_tip(grid: MonthGrid, member: StaffMember, lang: str) -> str:
    period = grid.period(member.id)
    lines = [member.name]
    if member.position:
        lines.append(member.position)
    lines.append(
        QCoreApplication.translate("ScheduleGridModel", "Status jadwal: {status}").format(
            status=period.status_label(lang)
        )
    )
    if member.remote_excluded:
        lines.append(
            QCoreApplication.translate(
                "ScheduleGridModel", "Tidak boleh bekerja jarak jauh (WFH/WFA)."
            )
        )
    if member.remote_exception:
        lines.append(
            QCoreApplication.translate(
                "ScheduleGridModel", "Pengecualian Pasal 13: {reason}"
            ).format(reason=member.exception_reason)
        )
    return "\n".join(lines)


def cell_tip(grid: MonthGrid, member: StaffMember, day: CalendarDay, entry: Any, lang: str) -> str:
    lines: list[str] = []
    if entry is not None:
        info = DAY_CODE_INFO[entry.code]
        lines.append(info.label_en if lang == "en" else info.label_id)
        if entry.location:
            lines.append(
                QCoreApplication.translate("ScheduleGridModel", "Lokasi: {place}").format(
                    place=entry.location
                )
            )
        if entry.leave_kind:
            labels = LEAVE_KIND_LABELS[LeaveKind(entry.leave_kind)]
            lines.append(labels[1] if lang == "en" else labels[0])
        if entry.hours is not None:
            lines.append(
                QCoreApplication.translate("ScheduleGridModel", "{hours} jam").format(
                    hours=f"{entry.hours:g}"
                )
            )
    if day.name:
        lines.append(day.name)
    for v in grid.validator.cell_violations(member.id, day.day):
        lines.append("• " + v.message(lang))
    return "\n".join(lines)
