"""Importing central's receipts (docs/bundle-format.md section 8): verify each against the
registered central key and this office's code, match it to a bundle this office exported,
then mark the bundle in the history and move the acknowledged point forward, never back."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from flexdesk.db.base import current_change_seq
from flexdesk.db.models_sync import SyncAckedRev, SyncBundle, SyncSentRecord, SyncState
from flexdesk.errors import BundleError
from flexdesk.services import office
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.sync.state import base_ack, central_key, sync_state
from flexdesk.sync.receipt import (
    SignedReceipt,
    advance_ack,
    read_receipt_files,
    read_receipt_zip,
    verify_receipt,
)

log = logging.getLogger(__name__)

#: receipt status -> history status
HISTORY_STATUS = {
    "applied": "acknowledged",
    "superseded": "acknowledged",
    "duplicate": "acknowledged",
    "gap": "gap",
    "rejected": "rejected",
}


@dataclass(frozen=True)
class ReceiptOutcome:
    """What one receipt said of one bundle, and whether it moved the acknowledged point."""

    bundle_seq: int
    status: str
    applied_through: int
    message: str | None
    message_en: str | None
    advanced: bool


def read_receipts(path: Path) -> list[tuple[bytes, bytes]]:
    """(receipt JSON, signature) pairs of a receipts zip, or of one ``.receipt.json`` file."""
    if path.suffix.lower() == ".zip":
        return read_receipt_zip(path)
    return [read_receipt_files(path)]


def import_receipt(session: Session, actor: Actor, path: Path) -> list[ReceiptOutcome]:
    """Verify receipt file(s) (``<stem>.receipt.json``, its ``.sig``, or a receipts zip) and
    apply them all, or none: a bad one changes nothing."""
    require(actor, Action.SYNC_RECEIPTS)
    central = central_key(session)
    off = office.require_office(session)
    verified: list[SignedReceipt] = [
        verify_receipt(data, sig, central_keys=central, expected_office=off.code)
        for data, sig in read_receipts(path)
    ]
    newest = current_change_seq(session)
    rows = [(signed, _exported_bundle(session, signed, newest)) for signed in verified]
    state = sync_state(session)
    return [
        _apply(session, state, signed, row)
        for signed, row in sorted(rows, key=lambda p: p[0].receipt.receipt_id)
    ]


def _exported_bundle(session: Session, signed: SignedReceipt, newest: int) -> SyncBundle:
    """The history row of the bundle ``signed`` acknowledges; BundleError ``mismatch`` if this
    office never exported it, exported other content, or has not made the changes it names
    (``newest``: this database's last change number)."""
    r = signed.receipt
    row = session.get(SyncBundle, r.bundle_seq)
    if row is None or row.envelope_sha256 is None:
        raise BundleError(
            f"Tanda terima untuk paket {r.bundle_seq}, yang tidak ada di riwayat kantor ini.",
            code="mismatch",
            message_en=f"Receipt for bundle {r.bundle_seq}, which is not in this office's history.",
        )
    if r.envelope_sha256 is not None and r.envelope_sha256 != row.envelope_sha256:
        raise BundleError(
            f"Tanda terima paket {r.bundle_seq} menyebut isi yang lain dari paket yang "
            "diekspor kantor ini (mungkin basis data dipulihkan dari cadangan lama). "
            "Hubungi kantor pusat.",
            code="mismatch",
            message_en=f"The receipt for bundle {r.bundle_seq} names other content than the "
            "bundle this office exported (perhaps the database was restored from an old "
            "backup). Contact central.",
        )
    if r.applied_through_change > newest:
        raise BundleError(
            f"Tanda terima paket {r.bundle_seq} menyatakan pusat menerima perubahan sampai "
            f"nomor {r.applied_through_change}, padahal kantor ini baru membuat {newest} "
            "perubahan. Tanda terima ini bukan untuk basis data ini; hubungi kantor pusat.",
            code="mismatch",
            message_en=f"The receipt for bundle {r.bundle_seq} says central holds changes up "
            f"to number {r.applied_through_change}, but this office has made only {newest}. "
            "It is not for this database; contact central.",
        )
    return row


def _apply(
    session: Session, state: SyncState, signed: SignedReceipt, row: SyncBundle
) -> ReceiptOutcome:
    """Record the receipt on its bundle's history row and advance the acknowledged point (and
    the audit head) when it is newer."""
    r = signed.receipt
    row.status = HISTORY_STATUS[r.status]
    row.receipt_sha256 = signed.sha256
    row.receipt_status = r.status
    row.receipt_reason = r.reason
    row.receipt_message = r.message
    row.receipt_message_en = r.message_en
    row.received_at = r.received_at
    row.applied_through = r.applied_through_change
    current = base_ack(state)
    new = advance_ack(current, signed)
    advanced = new is not None and new != current
    if new is not None and advanced:
        state.ack_seq, state.ack_sha256 = new.ack_seq, new.ack_sha256
        state.applied_through = new.applied_through
        if r.audit is not None:  # the next bundle starts after central's audit head
            _check_audit_head(session, r.audit.seq, r.audit.hash)
            state.audit_acked_seq, state.audit_acked_hash = r.audit.seq, r.audit.hash
    if r.status in ("applied", "superseded", "duplicate"):
        _promote_sent(session, r.bundle_seq, r.applied_through_change)
    return ReceiptOutcome(
        r.bundle_seq,
        r.status,
        r.applied_through_change,
        r.message,
        r.message_en,
        advanced,
    )


def _check_audit_head(session: Session, seq: int, digest: str) -> None:
    """Central's audit head should be a row of this office's chain; if the office's row
    differs, its trail changed after it was sent (central will refuse the next bundle)."""
    from flexdesk.db.models_audit import AuditEntry

    mine = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))
    if mine != digest:
        log.warning(
            "audit row #%s differs from the one central acknowledged (%s): the office's audit "
            "trail changed after it was sent",
            seq,
            "missing here" if mine is None else "other hash",
        )


def _promote_sent(session: Session, seq: int, applied_through: int) -> None:
    """Central holds the revisions bundle ``seq`` carried (up to ``applied_through``): they are
    the ``base_rev`` of those rows' next changes."""
    sent = session.scalars(
        select(SyncSentRecord).where(
            SyncSentRecord.bundle_seq == seq, SyncSentRecord.change_seq <= applied_through
        )
    ).all()
    for rec in sent:
        acked = session.get(SyncAckedRev, (rec.entity, rec.entity_id))
        if acked is None:
            session.add(
                SyncAckedRev(
                    entity=rec.entity, entity_id=rec.entity_id, rev=rec.rev, bundle_seq=seq
                )
            )
        elif acked.rev < rec.rev:
            acked.rev, acked.bundle_seq = rec.rev, seq
    session.flush()
    session.execute(delete(SyncSentRecord).where(SyncSentRecord.bundle_seq <= seq))
