"""Optimistic concurrency for every edit: a save made from a form or grid cell that read an
older revision of the row is refused with who changed it, on which PC and when, and the row's
current value (:class:`flexdesk.errors.StaleEdit`). Never a silent last-write-wins.

Each service that saves an edit takes ``expected_rev`` (the ``rev`` its row dataclass carried
to the form). ``None`` keeps the old behaviour (a caller that read the row in the same call);
the UI always passes it. Overwriting deliberately is calling again with
``expected_rev=error.current_rev``; "keep theirs" is reloading.

The check is atomic with the write that follows. On SQLite every write transaction starts
``BEGIN IMMEDIATE`` (flexdesk.db.engine), so the re-read below and the save run under the one
write lock. On PostgreSQL the transaction first takes the office-wide advisory lock that
serialises audited writes anyway (taken here, before the row lock, in the order the flush
takes them: no deadlock between a save of several cells and another PC's), then re-reads the
row ``FOR UPDATE``: of two PCs saving the same row from the same revision, the second sees the
first one's revision and is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from flexdesk.db.audit import entity_name, identity_text, plain_value
from flexdesk.db.base import SyncedMixin
from flexdesk.db.engine import WRITE_LOCK_KEY
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_concurrency import LastEdit
from flexdesk.errors import NotFound, StaleEdit

UNKNOWN_PC = "?"


@dataclass(frozen=True)
class LastChange:
    """Who made a row's newest change, on which PC and when (UTC)."""

    changed_by: str
    workstation: str
    at: datetime | None


def take_write_lock(session: Session) -> None:
    """The office's write lock for this transaction, before reading what a save checks: on
    SQLite the transaction's ``BEGIN IMMEDIATE`` holds it already; on PostgreSQL the advisory
    lock of audited writes (flexdesk.db.engine), released at commit or rollback."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def lock_for_save(session: Session, obj: SyncedMixin) -> None:
    """Re-read ``obj`` from the database under the write lock (its attributes now hold what is
    committed). Call before changing ``obj``: unsaved changes to it would be overwritten."""
    take_write_lock(session)
    cls = type(obj)
    fresh = session.execute(
        select(cls)
        .where(cls.id == obj.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if fresh is None:
        raise NotFound(
            "Data ini sudah dihapus di PC lain sejak Anda membukanya.",
            message_en="This record was deleted on another PC since you opened it.",
        )


def last_change(session: Session, obj: SyncedMixin) -> LastChange:
    """The newest change of ``obj`` (see :func:`last_change_of`)."""
    mapper = inspect(obj).mapper
    return last_change_of(
        session, entity_name(mapper), identity_text(mapper, obj), obj.rev, obj.updated_at
    )


def last_change_of(
    session: Session, entity: str, entity_id: str, rev: int | None, fallback_at: datetime | None
) -> LastChange:
    """Who made revision ``rev`` of a row (None: its deletion, whatever revision): from
    ``last_edits`` when it recorded that revision, else from the audit trail (user and time;
    the PC is unknown for changes made before migration 0710)."""
    edit = session.get(LastEdit, (entity, entity_id))
    if edit is not None and (rev is None or edit.rev == rev):
        return LastChange(edit.actor_name, edit.workstation, edit.at)
    row = session.execute(
        select(AuditEntry.actor_name, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    if row is not None:
        return LastChange(row[0], UNKNOWN_PC, datetime.fromisoformat(row[1]).replace(tzinfo=UTC))
    return LastChange("?", UNKNOWN_PC, fallback_at)


def local_time_text(at: datetime | None) -> str:
    """The time as the office reads it: this PC's local time, ``dd-mm-yyyy HH:MM``."""
    return at.astimezone().strftime("%d-%m-%Y %H:%M") if at is not None else "?"


def row_data(obj: object) -> dict[str, Any]:
    """Every column of a row as plain data (the default "current value" of a refusal)."""
    mapper = inspect(obj).mapper
    return {p.key: plain_value(getattr(obj, p.key)) for p in mapper.column_attrs}


def check_rev(
    session: Session,
    obj: SyncedMixin,
    expected_rev: int | None,
    entity_label: str,
    *,
    label_en: str | None = None,
    current: Callable[[], object] | None = None,
    field: str | None = None,
) -> None:
    """Refuse the save when ``obj`` changed since the form read revision ``expected_rev``.

    ``entity_label`` names the record in the message ("pegawai", "log kerja"); ``current``
    builds the plain data the refusal carries (the service's row dataclass), by default every
    column. With ``expected_rev=None`` nothing is checked. Call before changing ``obj``.
    """
    if expected_rev is None:
        return
    lock_for_save(session, obj)
    if obj.rev == expected_rev:
        return
    raise stale_edit(
        last_change(session, obj),
        entity_label,
        label_en,
        entity=entity_name(inspect(obj).mapper),
        entity_id=str(obj.id),
        expected_rev=expected_rev,
        current_rev=obj.rev,
        current=current() if current is not None else row_data(obj),
        field=field,
    )


def stale_edit(
    change: LastChange,
    entity_label: str,
    label_en: str | None,
    *,
    entity: str,
    entity_id: str,
    expected_rev: int | None,
    current_rev: int,
    current: object,
    field: str | None = None,
) -> StaleEdit:
    """The refusal of a save against a changed row, in both languages."""
    when = local_time_text(change.at)
    pc = change.workstation
    return StaleEdit(
        f"Data {entity_label} ini diubah oleh {change.changed_by} di PC {pc} pada {when} "
        "sejak Anda membukanya. Tidak ada yang disimpan: pakai versi mereka, timpa dengan "
        "versi Anda, atau gabungkan.",
        message_en=(
            f"This {label_en or entity_label} record was changed by {change.changed_by} on "
            f"PC {pc} at {when} since you opened it. Nothing was saved: keep theirs, "
            "overwrite with yours, or merge."
        ),
        field=field,
        entity=entity,
        entity_id=entity_id,
        expected_rev=expected_rev,
        current_rev=current_rev,
        changed_by=change.changed_by,
        workstation=pc,
        changed_at=change.at.isoformat() if change.at is not None else None,
        current=current,
    )
