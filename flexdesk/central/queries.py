"""What central holds, for the CLI and for tests: receipts, conflicts, quarantined bundles,
audit heads, offices and table sizes. :class:`ReceiverQueries` is the read-only part of
:class:`~flexdesk.central.service.Receiver`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from flexdesk.central.models import (
    CentralAuditEntry,
    CentralBase,
    CentralConflict,
    CentralOffice,
    CentralQuarantine,
    CentralReceipt,
)
from flexdesk.central.receipts import stored_receipt
from flexdesk.sync.receipt import AuditHead, SignedReceipt


class ReceiverQueries:
    """Read-only queries over the central database."""

    Session: sessionmaker[DbSession]

    def receipts(self, office_id: str | None = None) -> list[SignedReceipt]:
        """Every receipt issued (to one office), oldest first, as sent."""
        with self.Session() as s:
            q = select(CentralReceipt).order_by(CentralReceipt.id)
            if office_id:
                q = q.where(CentralReceipt.office_id == office_id)
            return [stored_receipt(r) for r in s.scalars(q)]

    def conflicts(
        self, office_id: str | None = None, *, only_open: bool = True
    ) -> Sequence[CentralConflict]:
        """Revisions kept aside instead of overwriting central's rows (open ones by default)."""
        with self.Session() as s:
            q = select(CentralConflict).order_by(CentralConflict.id)
            if office_id:
                q = q.where(CentralConflict.office_id == office_id)
            if only_open:
                q = q.where(CentralConflict.status == "open")
            return s.scalars(q).all()

    def quarantined(self, office_id: str | None = None) -> Sequence[CentralQuarantine]:
        """Rejected bundles, oldest first."""
        with self.Session() as s:
            q = select(CentralQuarantine).order_by(CentralQuarantine.id)
            if office_id:
                q = q.where(CentralQuarantine.office_id == office_id)
            return s.scalars(q).all()

    def audit_heads(self) -> dict[str, AuditHead]:
        """Each office's audit head: the newest audit row central holds for it."""
        with self.Session() as s:
            rows = s.execute(
                select(
                    CentralAuditEntry.office_id,
                    func.max(CentralAuditEntry.seq),
                ).group_by(CentralAuditEntry.office_id)
            ).all()
            heads: dict[str, AuditHead] = {}
            for office_id, seq in rows:
                row = s.get(CentralAuditEntry, (office_id, seq))
                if row is not None:
                    heads[str(office_id)] = AuditHead(row.seq, row.hash)
            return heads

    def offices(self) -> Sequence[CentralOffice]:
        """The registered offices by id."""
        with self.Session() as s:
            return s.scalars(select(CentralOffice).order_by(CentralOffice.office_id)).all()

    def row_counts(self) -> dict[str, int]:
        """Row count of every table (tests and the CLI's status output)."""
        with self.Session() as s:
            return {
                t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
                for t in CentralBase.metadata.sorted_tables
            }
