"""Sinkronisasi, office side: the signing key, the central key, exporting bundles, importing
receipts, history. Qt-free; the GUI page, the CLI and the tests call the same functions.

The protocol is docs/bundle-format.md section 8:

- ``bundle_seq`` is taken from ``sync_state`` and committed *before* anything is written, so a
  number that may have left the office (even in a failed or cancelled export) is never used
  again for other content;
- a bundle carries every synced row with ``change_seq`` after the acknowledged point
  (``sync_state.applied_through``), tombstones as deletions, with ``base_ack`` naming the
  receipt that set that point and ``base_rev`` the revision central acknowledged per row;
- a receipt is verified against the registered central key and this office's code; it marks
  the bundle in the history and moves the acknowledged point forward, never backwards;
- every bundle also carries the audit rows after the audit head named by the receipt the
  acknowledged point came from (``sync_state.audit_acked_seq``), so central can check that the
  office's audit chain continues (bundle format 2).

Key management, receipts and history are ``fn(session, actor, ...)`` services (run them through
``Services``); :func:`export_bundle` takes the ``Database`` because it needs three short
transactions around the long write (reserve the number and collect; write outside any
transaction; record the result), and runs on a worker thread with ``progress``/``is_cancelled``.

This module is the office side's front: the status and the history are here; keys
(:mod:`.office_keys`), export (:mod:`.export`) and receipts (:mod:`.receipts`) live beside it
and are imported here, so callers use ``office.<name>`` for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_sync import SyncBundle, SyncState
from flexdesk.services import office
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.sync.collect import count_pending
from flexdesk.services.sync.export import (
    CANCELLED,
    STAGE_LABELS,
    ExportResult,
    export_bundle,
)
from flexdesk.services.sync.key_material import key_location
from flexdesk.services.sync.office_keys import (
    MIN_PASSPHRASE,
    KeyInfo,
    PublicKeyFiles,
    check_passphrase,
    create_office_key,
    export_public_key,
    key_info,
    register_central_key,
)
from flexdesk.services.sync.receipts import (
    HISTORY_STATUS,
    ReceiptOutcome,
    import_receipt,
    read_receipts,
)
from flexdesk.services.sync.rotate import rotate_office_key
from flexdesk.services.sync.state import Progress, active_key
from flexdesk.sync.bundle import VerifiedBundle, verify_bundle
from flexdesk.sync.crypto import keys

__all__ = [
    "CANCELLED",
    "HISTORY_STATUS",
    "MIN_PASSPHRASE",
    "STAGE_LABELS",
    "ExportResult",
    "HistoryRow",
    "KeyInfo",
    "Progress",
    "PublicKeyFiles",
    "ReceiptOutcome",
    "SyncStatus",
    "bundle_history",
    "check_passphrase",
    "create_office_key",
    "export_bundle",
    "export_public_key",
    "import_receipt",
    "read_receipts",
    "register_central_key",
    "rotate_office_key",
    "sync_status",
    "verify_bundle_file",
]


@dataclass(frozen=True)
class SyncStatus:
    """What the Sync page shows: keys, bundle counters and the changes waiting."""

    office_id: str
    key: KeyInfo | None
    central_key_id: str | None
    central_fingerprint: str | None
    central_age_recipient: str | None
    next_bundle_seq: int
    ack_seq: int | None
    applied_through: int
    pending_changes: int
    #: the last audit row central acknowledged (0: none yet)
    audit_acked_seq: int = 0
    #: where this PC reads the private key from: "file", "database" (a server's encrypted
    #: copy), "missing" or "" (no key yet); see :mod:`.key_material`
    key_location: str = ""


def sync_status(session: Session, actor: Actor, keys_dir: Path) -> SyncStatus:
    """Key, central key, counters and how many changes wait for the next bundle."""
    require(actor, Action.SYNC_EXPORT)
    state = session.get(SyncState, 1)
    key = active_key(session)
    applied = state.applied_through if state else 0
    off = office.get_office(session)
    return SyncStatus(
        office_id=off.code if off else "",
        key=key_info(key, keys_dir) if key else None,
        central_key_id=state.central_key_id if state else None,
        central_fingerprint=state.central_fingerprint if state else None,
        central_age_recipient=state.central_age_recipient if state else None,
        next_bundle_seq=state.next_bundle_seq if state else 1,
        ack_seq=state.ack_seq if state else None,
        applied_through=applied,
        pending_changes=count_pending(session, after=applied),
        audit_acked_seq=state.audit_acked_seq if state else 0,
        key_location=key_location(session, keys_dir, key) if key else "",
    )


# -- history and verification -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One exported bundle in the history, with central's receipt once it came."""

    seq: int
    status: str
    period: str | None
    created_at: datetime
    size: int
    record_count: int
    attachment_count: int
    change_from: int
    change_to: int
    file_name: str
    folder: str
    receipt_status: str | None
    receipt_message: str | None
    receipt_message_en: str | None
    received_at: str | None
    error: str


def bundle_history(session: Session, actor: Actor, *, limit: int = 500) -> list[HistoryRow]:
    """Exported bundles, newest first."""
    require(actor, Action.SYNC_EXPORT)
    rows = session.scalars(select(SyncBundle).order_by(SyncBundle.seq.desc()).limit(limit))
    return [
        HistoryRow(
            r.seq,
            r.status,
            r.period,
            r.created_at,
            r.size,
            r.record_count,
            r.attachment_count,
            r.change_from,
            r.change_to,
            r.file_name,
            r.folder,
            r.receipt_status,
            r.receipt_message,
            r.receipt_message_en,
            r.received_at,
            r.error,
        )
        for r in rows
    ]


def verify_bundle_file(
    path: Path,
    public_key_text: str,
    *,
    office_id: str | None = None,
    last_seq: int | None = None,
    age_identity: str | None = None,
    progress: Progress | None = None,
) -> VerifiedBundle:
    """Pure verification (no database): signature by ``public_key_text``, every hash, no extra
    or missing file, and sequence continuity after ``last_seq`` when given."""
    pub = keys.load_public_key(public_key_text)
    return verify_bundle(
        path,
        trusted_keys={"office": pub},
        expected_office=office_id,
        last_seq=last_seq,
        identity=age_identity,
        progress=progress,
    )
