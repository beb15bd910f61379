"""Central's copy of each office's audit chain, and the continuity check on ingest.

``verify_bundle`` already proved that a bundle's audit rows form the chain segment its
header declares (``from``..``to``, continuing ``prev_hash``, ending at ``head_hash``). Here
central checks that this segment continues what it already holds for the office:

- rows central already has (a cumulative bundle overlaps the acknowledged point) must be
  byte-for-byte the same rows (same hash), and the declared ``prev_hash`` must be central's
  stored hash of row ``from - 1`` (genesis when ``from`` is 1);
- otherwise the office's history was rewritten after central saw it (a row edited in the
  office database and the chain recomputed from there, or an older backup restored):
  refused with ``audit-continuity``;
- a segment starting after central's head + 1 leaves rows missing: answered with ``gap``;
- once central holds audit rows for an office, a bundle without an audit part (format 1 or
  ``audit: null``) is refused too: it cannot show that the chain continues.

Rows after central's head are stored with the bundle that brought them; the newest stored
row is the audit head put in the office's receipts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from flexdesk.central.models import CentralAuditEntry, CentralBase
from flexdesk.errors import BundleError
from flexdesk.sync._errors import bundle_error
from flexdesk.sync.auditchain import GENESIS_HASH, AuditRecord
from flexdesk.sync.format.model import VerifiedBundle
from flexdesk.sync.receipt import AuditHead


def audit_head(s: Session, office_id: str) -> AuditHead | None:
    """The newest audit row central holds for the office (None before the first)."""
    row = s.execute(
        select(CentralAuditEntry.seq, CentralAuditEntry.hash)
        .where(CentralAuditEntry.office_id == office_id)
        .order_by(CentralAuditEntry.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else AuditHead(int(row[0]), str(row[1]))


def _stored_hashes(s: Session, office_id: str, start: int, end: int) -> dict[int, str]:
    rows = s.execute(
        select(CentralAuditEntry.seq, CentralAuditEntry.hash).where(
            CentralAuditEntry.office_id == office_id,
            CentralAuditEntry.seq >= start,
            CentralAuditEntry.seq <= end,
        )
    )
    return {int(seq): str(h) for seq, h in rows}


@dataclass(frozen=True)
class AuditVerdict:
    """``ok`` (store ``new_rows``), ``gap`` or ``refuse`` (with ``error``)."""

    kind: Literal["ok", "gap", "refuse"]
    error: BundleError | None = None
    new_rows: tuple[AuditRecord, ...] = ()


def _rewritten(office_id: str, seq: int, detail_id: str, detail_en: str) -> AuditVerdict:
    return AuditVerdict(
        "refuse",
        bundle_error(
            "audit-continuity",
            f"Jejak audit kantor {office_id} tidak melanjutkan rantai yang sudah diterima "
            f"pusat (baris #{seq}: {detail_id}). Riwayat audit kantor telah diubah setelah "
            "dikirim; bundel dikarantina.",
            f"The audit trail of office {office_id} does not continue the chain central "
            f"already holds (row #{seq}: {detail_en}). The office's audit history was "
            "rewritten after it was sent; the bundle is quarantined.",
        ),
    )


def check_audit(s: Session, vb: VerifiedBundle) -> AuditVerdict:
    """Does the bundle's audit segment continue the chain central holds for the office?"""
    office_id = vb.header.office_id
    head = audit_head(s, office_id)
    head_seq, head_hash = (0, GENESIS_HASH) if head is None else (head.seq, head.hash)
    rng = vb.header.audit
    if rng is None:
        if head_seq == 0:
            return AuditVerdict("ok")
        return _rewritten(
            office_id,
            head_seq,
            "bundel ini tidak membawa jejak audit",
            "this bundle carries no audit trail",
        )
    anchor = rng.start - 1
    if anchor > head_seq:
        return AuditVerdict(
            "gap",
            bundle_error(
                "gap",
                f"Baris audit {head_seq + 1}..{anchor} belum pernah diterima pusat. Ekspor "
                f"ulang mulai baris audit {head_seq + 1}.",
                f"Audit rows {head_seq + 1}..{anchor} never reached central. Re-export from "
                f"audit row {head_seq + 1}.",
            ),
        )
    overlap_end = min(rng.end, head_seq)
    stored = _stored_hashes(s, office_id, max(anchor, 1), overlap_end)
    expected_prev = GENESIS_HASH if anchor == 0 else stored.get(anchor)
    if rng.prev_hash != expected_prev:
        return _rewritten(
            office_id,
            anchor,
            "hash berbeda dari yang diterima sebelumnya",
            "its hash differs from the one received before",
        )
    for row in vb.audit_rows:
        if row.seq > head_seq:
            break
        if stored.get(row.seq) != row.hash:
            return _rewritten(
                office_id,
                row.seq,
                "isinya berbeda dari yang diterima sebelumnya",
                "its content differs from the one received before",
            )
    new_rows = tuple(r for r in vb.audit_rows if r.seq > head_seq)
    if new_rows and new_rows[0].prev_hash != head_hash:  # implied by the checks above
        return _rewritten(
            office_id, new_rows[0].seq, "tidak melanjutkan kepala rantai", "does not continue"
        )
    return AuditVerdict("ok", new_rows=new_rows)


def store_audit(s: Session, office_id: str, bundle_seq: int, rows: tuple[AuditRecord, ...]) -> int:
    """Append the rows ``check_audit`` found new; returns how many."""
    if rows:
        # one Core executemany (the ORM bulk path splits batches on NULL actor ids)
        s.connection().execute(
            insert(CentralBase.metadata.tables[CentralAuditEntry.__tablename__]),
            [{"office_id": office_id, "bundle_seq": bundle_seq, **r.to_json()} for r in rows],
        )
    return len(rows)


def audit_entries(s: Session, office_id: str) -> list[AuditRecord]:
    """Every audit row central holds for the office, in seq order (for tools and tests)."""
    rows = s.scalars(
        select(CentralAuditEntry)
        .where(CentralAuditEntry.office_id == office_id)
        .order_by(CentralAuditEntry.seq)
    )
    return [
        AuditRecord(
            seq=r.seq,
            at=r.at,
            actor_id=r.actor_id,
            actor_name=r.actor_name,
            entity=r.entity,
            entity_id=r.entity_id,
            op=r.op,
            before=r.before,
            after=r.after,
            prev_hash=r.prev_hash,
            hash=r.hash,
        )
        for r in rows
    ]
