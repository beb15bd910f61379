"""Declarative base and the bookkeeping every synced row carries.

Every synced table has a stable UUID primary key, ``created_at``/``updated_at`` (UTC), a
revision number (``rev``, +1 per change, used by the central receiver to spot conflicting
edits) and ``change_seq``: a value from one office-wide monotonically increasing counter,
assigned on every insert and update. Exports take "everything with change_seq > last
acknowledged", so bundles are incremental and imports idempotent (see docs/bundle-format.md).
Deletions leave a row in ``tombstones`` with their own change_seq.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Integer, MetaData, String, event, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps, also on SQLite (which stores naive text)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncedMixin:
    """Columns for rows that travel in sync bundles."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    rev: Mapped[int] = mapped_column(Integer, default=1)
    change_seq: Mapped[int] = mapped_column(Integer, default=0, index=True)

    #: entity name used in bundles (``changes.ndjson``) and tombstones
    __entity__: str = ""


class ChangeCounter(Base):
    """One row: the last change sequence number handed out in this database."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Tombstone(Base):
    """A deleted synced row, so the next bundle can carry the deletion."""

    __tablename__ = "tombstones"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    rev: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def take_sequence_numbers(session: Session, count: int) -> int:
    """Reserve ``count`` change numbers; returns the first. Runs inside the flush transaction,
    so the counter and the rows commit (or roll back) together."""
    conn = session.connection()
    row = conn.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == 1)
        .values(value=ChangeCounter.value + count)
        .returning(ChangeCounter.value)
    ).first()
    if row is None:
        conn.execute(insert(ChangeCounter).values(id=1, value=count))
        return 1
    return int(row[0]) - count + 1


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    new = [o for o in session.new if isinstance(o, SyncedMixin)]
    dirty = [
        o
        for o in session.dirty
        if isinstance(o, SyncedMixin) and session.is_modified(o, include_collections=False)
    ]
    deleted = [o for o in session.deleted if isinstance(o, SyncedMixin)]
    total = len(new) + len(dirty) + len(deleted)
    if not total:
        return
    seq = take_sequence_numbers(session, total)
    now = utcnow()
    for obj in new:
        obj.change_seq = seq
        obj.rev = 1
        if obj.created_at is None:
            obj.created_at = now
        obj.updated_at = now
        seq += 1
    for obj in dirty:
        obj.change_seq = seq
        obj.rev = (obj.rev or 0) + 1
        obj.updated_at = now
        seq += 1
    for obj in deleted:
        session.add(
            Tombstone(
                entity=obj.__entity__,
                entity_id=obj.id,
                rev=(obj.rev or 0) + 1,
                change_seq=seq,
                deleted_at=now,
            )
        )
        seq += 1


def current_change_seq(session: Session) -> int:
    value = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1))
    return int(value or 0)
