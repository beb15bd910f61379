"""The receipts central answers with: signing and storing each one (:class:`ReceiptIssuer`),
reading a stored one back, sending it again for a duplicate, writing it to the outbox, and
the continuity question a receipt answers with ``gap`` (:func:`gap_reason`; service.py,
step 4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.central.audit import audit_head
from flexdesk.central.models import CentralBundle, CentralOffice, CentralReceipt
from flexdesk.central.results import IngestResult
from flexdesk.errors import BundleError
from flexdesk.sync._errors import bundle_error
from flexdesk.sync.format.canonical import loads_strict
from flexdesk.sync.format.model import VerifiedBundle, bundle_stem
from flexdesk.sync.receipt import (
    ACKNOWLEDGING,
    RECEIPT_FORMAT_VERSION,
    Receipt,
    SignedReceipt,
    Status,
    format_time,
    sign_receipt,
    write_receipt_files,
)


def receipt_version(bundle_format: int) -> int:
    """Answer a format 1 bundle (an office not yet updated) with a receipt it can read."""
    return 1 if bundle_format < 2 else RECEIPT_FORMAT_VERSION


def stored_receipt(row: CentralReceipt) -> SignedReceipt:
    """A receipt central issued earlier, exactly as it was sent."""
    receipt = Receipt.from_json(loads_strict(row.data, what="receipt.json"))
    return SignedReceipt(receipt, row.data, row.signature)


@dataclass(frozen=True)
class ReceiptIssuer:
    """Signs receipts with the central key, stores them and writes them to the outbox."""

    key: Ed25519PrivateKey
    key_id: str
    clock: Callable[[], datetime]
    outbox: Path

    def issue(
        self,
        s: Session,
        *,
        office_id: str,
        bundle_seq: int,
        bundle_uuid: str | None,
        env_sha: str | None,
        status: Status,
        office: CentralOffice | None,
        counts: dict[str, int],
        error: BundleError | None,
        version: int = RECEIPT_FORMAT_VERSION,
    ) -> SignedReceipt:
        """Sign and store the receipt for one bundle (its row id is the receipt id)."""
        row = CentralReceipt(
            office_id=office_id,
            bundle_seq=bundle_seq,
            status=status,
            data=b"",
            signature="",
            sha256="",
            created_at=self.clock(),
        )
        s.add(row)
        s.flush()
        receipt = Receipt(
            office_id=office_id,
            bundle_seq=bundle_seq,
            bundle_uuid=bundle_uuid,
            envelope_sha256=env_sha,
            status=status,
            applied_through_change=office.applied_through if office else 0,
            next_expected_seq=(office.max_bundle_seq if office else 0) + 1,
            received_at=format_time(self.clock()),
            central_key_id=self.key_id,
            receipt_id=row.id,
            reason=error.code if error else None,
            message=error.message if error else None,
            message_en=error.message_en if error else None,
            counts=counts,
            audit=audit_head(s, office_id) if version >= 2 else None,
            format_version=version,
        )
        signed = sign_receipt(receipt, self.key)
        row.data, row.signature, row.sha256 = signed.data, signed.signature, signed.sha256
        return signed

    def answer_duplicate(self, s: Session, row: CentralBundle, path: Path) -> IngestResult:
        """A ``duplicate``: the receipt stored for the accepted bundle, sent again."""
        stored = s.get(CentralReceipt, row.receipt_id) if row.receipt_id else None
        signed = stored_receipt(stored) if stored is not None else None
        receipt_path = self.send(signed) if signed is not None else None
        return IngestResult(
            source=path,
            status="duplicate",
            office_id=row.office_id,
            bundle_seq=row.bundle_seq,
            receipt=signed,
            receipt_path=receipt_path,
            message=f"Bundel {bundle_stem(row.office_id, row.bundle_seq)} sudah diterima; "
            "tanda terima dikirim ulang.",
            message_en="Bundle already received; receipt sent again.",
        )

    def send(self, signed: SignedReceipt) -> Path:
        """Write the receipt to the office's outbox folder; returns the receipt.json path."""
        json_path, _ = write_receipt_files(signed, self.outbox / signed.receipt.office_id)
        return json_path


def gap_reason(s: Session, office: CentralOffice, vb: VerifiedBundle) -> BundleError | None:
    """Why the bundle cannot be applied yet (``gap``): its base receipt was never issued, or
    it starts after the changes central has applied; None if it continues them."""
    h = vb.header
    if h.base_ack is not None:
        issued = s.scalar(
            select(CentralReceipt.id).where(
                CentralReceipt.office_id == h.office_id,
                CentralReceipt.bundle_seq == h.base_ack.ack_seq,
                CentralReceipt.sha256 == h.base_ack.ack_sha256,
                CentralReceipt.status.in_(sorted(ACKNOWLEDGING)),
            )
        )
        if issued is None:
            return bundle_error(
                "gap",
                f"Tanda terima dasar (bundel {h.base_ack.ack_seq}) tidak pernah diterbitkan "
                f"pusat. Ekspor ulang mulai perubahan {office.applied_through + 1}.",
                f"The base receipt (bundle {h.base_ack.ack_seq}) was never issued by "
                f"central. Re-export from change {office.applied_through + 1}.",
            )
    if h.changes.start > office.applied_through + 1:
        return bundle_error(
            "gap",
            f"Ada perubahan yang hilang: pusat menerapkan sampai {office.applied_through}, "
            f"bundel mulai dari {h.changes.start}. Ekspor ulang mulai "
            f"{office.applied_through + 1}.",
            f"Changes are missing: central applied through {office.applied_through}, the "
            f"bundle starts at {h.changes.start}. Re-export from "
            f"{office.applied_through + 1}.",
        )
    return None
