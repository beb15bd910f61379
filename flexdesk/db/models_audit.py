"""The audit trail: one append-only, hash-chained row per insert/update/delete.

Written by the session hook in :mod:`flexdesk.db.audit`, never by services directly. Each row
stores the hash of the row before it (``prev_hash``) and its own ``hash`` (SHA-256 over the
canonical JSON of its fields and ``prev_hash``), so editing, deleting or reordering rows in the
file is detectable (``flexdesk audit verify``). ``seq`` is assigned by the hook as last + 1
under the flush's write lock, so a gap means rows were removed (not a rolled-back insert).
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: UTC time as ISO 8601 text, hashed exactly as stored
    at: Mapped[str] = mapped_column(String(32), index=True)
    actor_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    #: username at the time (kept even if the account is renamed or removed); "system" if none
    actor_name: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(80), index=True)
    op: Mapped[str] = mapped_column(String(6))  # insert | update | delete
    #: canonical JSON of the changed columns' old values ("{}" for an insert)
    before: Mapped[str] = mapped_column(Text)
    #: canonical JSON of the new values ("{}" for a delete); all columns for an insert
    after: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
