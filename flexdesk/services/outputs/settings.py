"""Office settings of the output log: evidence limits and wellbeing thresholds (validated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from flexdesk.errors import ValidationError
from flexdesk.services.office import set_setting
from flexdesk.services.outputs.recap import wellbeing_thresholds
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.attachments import attachment_limits

MAX_ATTACHMENT_MB = 100


@dataclass(frozen=True)
class OutputSettings:
    """The output log's office settings as the settings tab edits them."""

    attachment_max_mb: float
    attachment_types: tuple[str, ...]
    weekly_hours: float
    max_consecutive_days: int
    max_remote_share: float  # 0..1


def output_settings(session: Session, actor: Actor) -> OutputSettings:
    """The evidence limits and wellbeing thresholds in force. Action: ``office.view``."""
    require(actor, Action.OFFICE_VIEW)
    limits = attachment_limits(session)
    wb = wellbeing_thresholds(session)
    return OutputSettings(
        attachment_max_mb=limits.max_mb,
        attachment_types=tuple(sorted(limits.allowed_types)),
        weekly_hours=wb.weekly_hours,
        max_consecutive_days=wb.max_consecutive_days,
        max_remote_share=wb.max_remote_share,
    )


def parse_types(text: str) -> tuple[str, ...]:
    """ "pdf, .JPG png" -> ("jpg", "pdf", "png"); refuses anything but letters and digits."""
    types = []
    for part in re.split(r"[\s,;]+", text):
        ext = part.strip().lower().lstrip(".")
        if not ext:
            continue
        if not re.fullmatch(r"[a-z0-9]{1,10}", ext):
            raise ValidationError(
                f"Jenis berkas '{part}' tidak valid; tulis ekstensinya saja, mis. pdf, jpg.",
                message_en=f"File type '{part}' is not valid; write the extension only, e.g. "
                "pdf, jpg.",
                field="attachment_types",
            )
        types.append(ext)
    return tuple(sorted(set(types)))


def update_output_settings(session: Session, actor: Actor, new: OutputSettings) -> None:
    """Save the settings after checking every one (a refused value saves nothing).
    Action: ``settings.edit``."""
    require(actor, Action.SETTINGS_EDIT)
    if not 0 < new.attachment_max_mb <= MAX_ATTACHMENT_MB:
        raise ValidationError(
            f"Ukuran maksimal berkas bukti 0–{MAX_ATTACHMENT_MB} MB.",
            message_en=f"The evidence size limit must be 0–{MAX_ATTACHMENT_MB} MB.",
            field="attachment_max_mb",
        )
    types = parse_types(" ".join(new.attachment_types))
    if not types:
        raise ValidationError(
            "Izinkan sedikitnya satu jenis berkas.",
            message_en="Allow at least one file type.",
            field="attachment_types",
        )
    if not 1 <= new.weekly_hours <= 80:
        raise ValidationError(
            "Batas jam per minggu 1–80 jam.",
            message_en="The weekly hours limit must be 1–80.",
            field="weekly_hours",
        )
    if not 1 <= new.max_consecutive_days <= 31:
        raise ValidationError(
            "Batas hari kerja berturut-turut 1–31 hari.",
            message_en="The consecutive-days limit must be 1–31.",
            field="max_consecutive_days",
        )
    if not 0 <= new.max_remote_share <= 1:
        raise ValidationError(
            "Batas porsi kerja dari luar kantor 0–100%.",
            message_en="The remote share limit must be 0–100%.",
            field="max_remote_share",
        )
    set_setting(session, actor, "attachment_max_mb", float(new.attachment_max_mb))
    set_setting(session, actor, "attachment_types", list(types))
    set_setting(session, actor, "wellbeing_weekly_hours", float(new.weekly_hours))
    set_setting(session, actor, "wellbeing_max_consecutive_days", int(new.max_consecutive_days))
    set_setting(session, actor, "wellbeing_max_remote_share", float(new.max_remote_share))
