"""Office-side sync bookkeeping: signing keys, the bundle counter and acknowledged point,
bundle history, and what central has acknowledged per row (for ``base_rev``).

None of these tables carry SyncedMixin: they describe the office's conversation with central
and never travel in a bundle themselves. The private key is never stored here, only the name
of its encrypted PKCS#8 file under ``DataPaths.keys``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, UTCDateTime, utcnow


class SyncKey(Base):
    """An Ed25519 office signing key (public half and where its encrypted private key is)."""

    __tablename__ = "sync_keys"

    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)  # SHA256:... fingerprint
    fingerprint: Mapped[str] = mapped_column(String(19))  # 3F2A-91C0-7BE4-D215, read by phone
    public_openssh: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_from_seq: Mapped[int] = mapped_column(Integer, default=1)
    #: file name of the encrypted private key under DataPaths.keys (never the key itself)
    private_key_file: Mapped[str] = mapped_column(String(255))


class SyncState(Base):
    """One row: the next bundle number (persisted before export, never reused), the last
    acknowledged point (from the newest acknowledging receipt), the audit head central
    acknowledged with it, and the central key."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_bundle_seq: Mapped[int] = mapped_column(Integer, default=1)
    ack_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ack_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: the highest change_seq central has applied contiguously (0: nothing acknowledged yet)
    applied_through: Mapped[int] = mapped_column(Integer, default=0)
    central_public_key: Mapped[str | None] = mapped_column(Text, nullable=True)
    central_key_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    central_fingerprint: Mapped[str | None] = mapped_column(String(19), nullable=True)
    #: optional age recipient (``age1...``) to encrypt bundles to
    central_age_recipient: Mapped[str | None] = mapped_column(String(100), nullable=True)
    #: central's audit head from the acknowledged receipt: the next bundle carries the audit
    #: rows after this seq (0: none acknowledged yet, send from the first row)
    audit_acked_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the hash central holds for that row (what the office's row must still have)
    audit_acked_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SyncBundle(Base):
    """One exported bundle (or an export attempt whose number is now used up)."""

    __tablename__ = "sync_bundles"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: exporting | failed | sent | acknowledged | rejected | gap
    status: Mapped[str] = mapped_column(String(12), default="exporting")
    uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    key_id: Mapped[str] = mapped_column(String(80), default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")
    folder: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[Any] = mapped_column(JSON, default=dict)
    attachment_count: Mapped[int] = mapped_column(Integer, default=0)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    change_from: Mapped[int] = mapped_column(Integer, default=0)
    change_to: Mapped[int] = mapped_column(Integer, default=0)
    period: Mapped[str | None] = mapped_column(String(20), nullable=True)
    envelope_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    error: Mapped[str] = mapped_column(Text, default="")
    receipt_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receipt_status: Mapped[str | None] = mapped_column(String(12), nullable=True)
    receipt_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    receipt_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt_message_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    received_at: Mapped[str | None] = mapped_column(String(20), nullable=True)  # central's clock
    applied_through: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SyncSentRecord(Base):
    """The revision of each row a bundle carried; promoted to SyncAckedRev when central
    acknowledges the bundle, then dropped."""

    __tablename__ = "sync_sent_records"

    bundle_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(Integer)


class SyncAckedRev(Base):
    """Central's revision of a row, as far as the office knows: the ``base_rev`` of the row's
    next change."""

    __tablename__ = "sync_acked_revs"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    bundle_seq: Mapped[int] = mapped_column(Integer)
