"""Database of the reference central receiver (its own metadata, separate from the office DB).

Portable SQL only (SQLite by default, PostgreSQL by URL); JSON is stored as canonical JSON
text so that equal content compares equal byte for byte on every backend.

The naming convention, the UTC timestamp type and ``utcnow`` are the office database's
(:mod:`flexdesk.db.base`). The declarative base is not: central's tables live in a database
of their own, so :class:`CentralBase` has its own ``MetaData``; and no central table is an
office row that travels in bundles, so none takes ``SyncedMixin`` (its UUID key, ``rev`` and
``change_seq`` stamping are the office side of sync; central keeps the office's numbers in
plain columns instead).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from flexdesk.db.base import NAMING, UTCDateTime, utcnow


class CentralBase(DeclarativeBase):
    """Declarative base of the central database: its own metadata (``make_engine`` creates
    only these tables), with the office database's constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class CentralOffice(CentralBase):
    """A registered office and how far central has applied its changes."""

    __tablename__ = "central_offices"
    office_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: every change with change_seq <= this has been applied (receipts' applied_through_change)
    applied_through: Mapped[int] = mapped_column(Integer, default=0)
    #: highest bundle_seq applied or superseded (next_expected_seq = this + 1)
    max_bundle_seq: Mapped[int] = mapped_column(Integer, default=0)


class CentralOfficeKey(CentralBase):
    """An office public key, valid for a range of bundle sequences, maybe revoked."""

    __tablename__ = "central_office_keys"
    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("central_offices.office_id"), index=True)
    public_key: Mapped[str] = mapped_column(Text)  # OpenSSH line
    valid_from_seq: Mapped[int] = mapped_column(Integer, default=1)
    valid_until_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(20), default="registered")  # or "rotation"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CentralBundle(CentralBase):
    """A bundle that passed verification (applied, superseded or answered with a gap)."""

    __tablename__ = "central_bundles"
    __table_args__ = (UniqueConstraint("office_id", "bundle_seq", "envelope_sha256"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("central_offices.office_id"))
    bundle_seq: Mapped[int] = mapped_column(Integer)
    bundle_uuid: Mapped[str] = mapped_column(String(36))
    envelope_sha256: Mapped[str] = mapped_column(String(64))
    zip_sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changes_from: Mapped[int] = mapped_column(Integer)
    changes_to: Mapped[int] = mapped_column(Integer)
    changes_count: Mapped[int] = mapped_column(Integer)
    payload_bytes: Mapped[int] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(64), nullable=True)
    app_version: Mapped[str] = mapped_column(String(64), default="")
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("central_receipts.id"), nullable=True)


Index("ix_central_bundles_office_seq", CentralBundle.office_id, CentralBundle.bundle_seq)


class CentralReceipt(CentralBase):
    """Every signed receipt central issued (the bytes and signature as sent)."""

    __tablename__ = "central_receipts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(String(32), index=True)
    bundle_seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CentralQuarantine(CentralBase):
    """A rejected bundle: why, and where its files were kept."""

    __tablename__ = "central_quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source_name: Mapped[str] = mapped_column(String(255))  # for display only
    office_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    bundle_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    envelope_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: True when the envelope signature verified, so office_id/bundle_seq are authentic
    authentic: Mapped[bool] = mapped_column(Boolean, default=False)
    code: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    stored_dir: Mapped[str] = mapped_column(String(255))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("central_receipts.id"), nullable=True)


class CentralRecord(CentralBase):
    """The latest accepted state of one office row (generic: entity + id + JSON data)."""

    __tablename__ = "central_records"
    office_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)  # canonical JSON
    data_sha256: Mapped[str] = mapped_column(String(64))
    attachments: Mapped[str] = mapped_column(Text, default="[]")
    change_seq: Mapped[int] = mapped_column(Integer)
    #: the bundle that last wrote this row (None = changed at central)
    bundle_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CentralConflict(CentralBase):
    """An incoming revision that was kept aside instead of overwriting central's state."""

    __tablename__ = "central_conflicts"
    __table_args__ = (
        UniqueConstraint("office_id", "entity", "entity_id", "incoming_rev", "data_sha256"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(String(32), index=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    incoming_rev: Mapped[int] = mapped_column(Integer)
    base_rev: Mapped[int | None] = mapped_column(Integer, nullable=True)
    current_rev: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(10))
    data: Mapped[str] = mapped_column(Text)
    data_sha256: Mapped[str] = mapped_column(String(64))
    change_seq: Mapped[int] = mapped_column(Integer)
    bundle_seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CentralAttachment(CentralBase):
    """An evidence file kept in the content-addressed store (first sender recorded)."""

    __tablename__ = "central_attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    ext: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    office_id: Mapped[str] = mapped_column(String(32))
    bundle_seq: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CentralReport(CentralBase):
    """A printed form received in a bundle."""

    __tablename__ = "central_reports"
    __table_args__ = (UniqueConstraint("office_id", "bundle_seq", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(String(32))
    bundle_seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(255))


class CentralAuditEntry(CentralBase):
    """One row of an office's audit chain, exactly as the office stored and hashed it
    (docs/bundle-format.md 6.2); the office's newest row here is its acknowledged audit head."""

    __tablename__ = "central_audit_log"
    office_id: Mapped[str] = mapped_column(
        ForeignKey("central_offices.office_id"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(200))
    op: Mapped[str] = mapped_column(String(6))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: the bundle that brought the row
    bundle_seq: Mapped[int] = mapped_column(Integer)


#: tables whose row counts must not change when a hostile bundle is rejected
DATA_TABLES = (
    CentralOffice,
    CentralOfficeKey,
    CentralBundle,
    CentralRecord,
    CentralConflict,
    CentralAttachment,
    CentralReport,
    CentralAuditEntry,
)
