"""The reference central receiver: registers office keys, ingests bundles, issues receipts.

Usable as a library (this module) or through ``flexdesk-central`` (``flexdesk.central.cli``)::

    engine = make_engine("sqlite:///central.sqlite3")            # or postgresql+psycopg://...
    rx = Receiver(engine, CentralPaths(data_dir).ensure(), central_key)
    rx.register_office("O042", office_public_key, name="Kecamatan Contoh")
    result = rx.ingest(Path("/media/usb/O042-000000017.envelope.json"))
    result.status        # applied | superseded | duplicate | gap | rejected
    result.receipt       # SignedReceipt (also written to <data>/receipts/O042/)

Ingest, in order (docs/bundle-format.md, "Sequence and acknowledgement protocol"):

1. The envelope signature, by a key registered for the office named in it, valid for the
   bundle's sequence and not revoked. Failure: quarantine (no receipt unless the signature
   itself verified, since the office named in a forged envelope is not authentic).
2. Dedup on (office, bundle_seq): the same envelope hash as an accepted bundle is a
   ``duplicate``: the stored receipt is sent again, nothing changes (the zip is not even
   opened). A different hash for a known sequence is a ``fork`` (a restored office database
   or a stolen key): quarantined, logged as an alert, answered with a ``rejected`` receipt.
3. Full verification (``verify_bundle``) with the payload extracted to a work folder.
   Failure: quarantine with the BundleError code as the reason, ``rejected`` receipt.
4. Continuity: if ``base_ack`` names a receipt central never issued, or ``changes.from`` is
   past ``applied_through + 1``, the answer is ``gap`` (nothing applied; the receipt's
   ``applied_through_change`` tells the office where to restart). Bundle sequence numbers
   may skip (a lost stick is superseded by the next, cumulative bundle).
4a. Audit chain (``flexdesk.central.audit``): the bundle's audit rows must continue the chain
   central holds for the office (rows it already has identical, ``prev_hash`` equal to its
   stored hash); otherwise ``rejected`` with ``audit-continuity`` (the office's history was
   rewritten), quarantined, nothing applied. Rows missing before the segment: ``gap``.
5. Apply in ``change_seq`` order into ``central_records`` keyed (office, entity, id), all in
   one transaction: an unknown row is inserted; the same rev with the same content is a
   no-op; the same rev with other content, or a newer rev whose ``base_rev`` differs from
   central's current rev, goes to ``central_conflicts`` (central's row is kept) -- unless
   central's current rev came from a bundle of this office that the office had not yet seen
   acknowledged (its ``bundle_seq`` is after ``base_ack``), which this cumulative bundle
   supersedes; an older rev is stale (no-op). A bundle older than the newest applied one is
   ``superseded`` and applied by the same idempotent rules. Evidence files go to the
   content-addressed store, reports under ``reports/<office>/<stem>/``. A key rotation ends
   the old key at this sequence and registers the new one from the next.
   New audit rows are stored in ``central_audit_log`` in the same transaction.
6. A signed receipt (namespace ``flexdesk-receipt-v1``) is stored and written to the outbox;
   format 2 (for format 2 bundles) carries the office's audit head central now holds.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from flexdesk.central.apply import COUNT_KEYS, apply_bundle
from flexdesk.central.audit import AuditVerdict, check_audit, store_audit
from flexdesk.central.models import CentralBundle, CentralOffice, CentralReceipt
from flexdesk.central.quarantine import Rejections
from flexdesk.central.queries import ReceiverQueries
from flexdesk.central.receipts import ReceiptIssuer, gap_reason, receipt_version, stored_receipt
from flexdesk.central.registry import OfficeRegistry, RegisteredKey
from flexdesk.central.results import IngestResult
from flexdesk.central.store import CentralPaths, session_factory
from flexdesk.db.base import utcnow
from flexdesk.errors import BundleError
from flexdesk.sync._errors import bundle_error
from flexdesk.sync.bundle import Envelope, VerifiedBundle, ZipLimits, verify_bundle
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.layout import ENVELOPE_SUFFIX, SIG_SUFFIX
from flexdesk.sync.receipt import SignedReceipt, Status
from flexdesk.sync.verifier import check_envelope_files, check_key, split_bundle_path

log = logging.getLogger(__name__)

ACCEPTED = ("applied", "superseded")


class _Refused(Exception):
    """Raised inside the ingest transaction to roll it back and quarantine the bundle."""

    def __init__(self, error: BundleError) -> None:
        super().__init__(error.code)
        self.error = error


class Receiver(OfficeRegistry, ReceiverQueries):
    """One central receiver bound to a database, a data folder and the central signing key.

    Office keys: :class:`~flexdesk.central.registry.OfficeRegistry`; queries:
    :class:`~flexdesk.central.queries.ReceiverQueries`; ingest (the module docstring): here.
    """

    def __init__(
        self,
        engine: Engine,
        paths: CentralPaths,
        central_key: Ed25519PrivateKey,
        *,
        age_identity: str | None = None,
        limits: ZipLimits | None = None,
        clock: Callable[[], datetime] = utcnow,
        receipts_dir: Path | None = None,
    ) -> None:
        self.engine = engine
        self.paths = paths.ensure()
        self.key = central_key
        self.key_id = keys.key_id(central_key.public_key())
        self.age_identity = age_identity
        self.limits = limits or ZipLimits()
        self.clock = clock
        self.receipts_dir = receipts_dir or paths.receipts
        self.Session = session_factory(engine)
        self.issuer = ReceiptIssuer(central_key, self.key_id, clock, self.receipts_dir)
        self.rejections = Rejections(self.Session, self.issuer, self.paths.quarantine, clock)

    # --- ingest ----------------------------------------------------------------------

    def ingest(self, path: Path) -> IngestResult:
        """Ingest one bundle (any of its three files); never raises: an unexpected error
        quarantines it as ``internal-error`` (Rejections.internal_error)."""
        path = Path(path)
        try:
            return self._ingest(path)
        except Exception as exc:
            return self.rejections.internal_error(path, exc)

    def _ingest(self, path: Path) -> IngestResult:
        outer = self._authentic_envelope(path)
        if isinstance(outer, IngestResult):
            return outer
        envelope, env_sha, env_path, ring = outer
        answered = self._known_sequence(path, envelope, env_sha)
        if answered is not None:
            return answered
        work = Path(tempfile.mkdtemp(prefix="ingest-", dir=self.paths.work))
        try:
            try:
                verified = verify_bundle(
                    env_path,
                    trusted_keys=ring,
                    require_envelope=True,
                    identity=self.age_identity,
                    extract_dir=work / "payload",
                    work_dir=work,
                    limits=self.limits,
                )
                if verified.envelope_sha256 != env_sha:
                    raise bundle_error(
                        "mismatch",
                        "Amplop berubah selama pemeriksaan.",
                        "The envelope changed during verification.",
                    )
            except BundleError as exc:
                return self.rejections.reject(path, exc, (envelope, env_sha))
            return self._accept(path, verified, work / "payload")
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _authentic_envelope(
        self, path: Path
    ) -> tuple[Envelope, str, Path, keys.KeyRing] | IngestResult:
        """Step 1: the envelope, its SHA-256 and path, and the key ring it verified against;
        or the rejection (with a receipt only if the signature itself verified)."""
        try:
            stem, folder = split_bundle_path(path)
        except BundleError as exc:
            return self.rejections.reject(path, exc, None)
        env_path, sig_path = folder / (stem + ENVELOPE_SUFFIX), folder / (stem + SIG_SUFFIX)
        ring = self.keyring()
        try:
            if not env_path.is_file():
                raise bundle_error(
                    "missing-file",
                    f"Amplop bertanda tangan tidak ada: {env_path.name}.",
                    f"The signed envelope is missing: {env_path.name}.",
                )
            envelope, signer, env_sha = check_envelope_files(env_path, sig_path, ring)
        except BundleError as exc:
            return self.rejections.reject(path, exc, None)
        try:
            check_key(
                signer,
                office_id=envelope.office_id,
                bundle_seq=envelope.bundle_seq,
                key_id=envelope.key_id,
                expected_office=None,
            )
            if envelope.stem != stem:
                raise bundle_error(
                    "mismatch",
                    "Nama berkas tidak sesuai amplop.",
                    "File name does not match the envelope.",
                )
        except BundleError as exc:
            return self.rejections.reject(path, exc, (envelope, env_sha))
        return envelope, env_sha, env_path, ring

    def _known_sequence(self, path: Path, envelope: Envelope, env_sha: str) -> IngestResult | None:
        """Step 2: a ``duplicate`` of an accepted bundle, or a ``fork`` (same sequence, other
        content); None for a sequence central has not accepted."""
        with self.Session() as s:
            prior = s.scalars(
                select(CentralBundle).where(
                    CentralBundle.office_id == envelope.office_id,
                    CentralBundle.bundle_seq == envelope.bundle_seq,
                )
            ).all()
            for row in prior:
                if row.envelope_sha256 == env_sha and row.status in ACCEPTED:
                    return self.issuer.answer_duplicate(s, row, path)
            if any(row.envelope_sha256 != env_sha for row in prior):
                log.warning(
                    "ALERT fork: office %s sent bundle %s again with different content "
                    "(restored database or stolen key?)",
                    envelope.office_id,
                    envelope.bundle_seq,
                )
                return self.rejections.reject(
                    path,
                    bundle_error(
                        "fork",
                        f"Bundel nomor {envelope.bundle_seq} sudah diterima dengan isi lain. "
                        "Basis data kantor mungkin dipulihkan dari cadangan atau kuncinya dicuri;"
                        " hubungi pusat.",
                        f"Bundle number {envelope.bundle_seq} was already received with other "
                        "content (restored office database or stolen key?); contact central.",
                    ),
                    (envelope, env_sha),
                )
        return None

    def _accept(self, path: Path, vb: VerifiedBundle, payload: Path) -> IngestResult:
        try:
            return self._accept_tx(path, vb, payload)
        except _Refused as refused:
            assert vb.envelope is not None and vb.envelope_sha256 is not None
            log.warning(
                "ALERT audit: office %s bundle %s: %s",
                vb.header.office_id,
                vb.header.bundle_seq,
                refused.error.message_en,
            )
            return self.rejections.reject(path, refused.error, (vb.envelope, vb.envelope_sha256))

    def _accept_tx(self, path: Path, vb: VerifiedBundle, payload: Path) -> IngestResult:
        """Steps 4-6 in one transaction: audit continuity, gap, apply, receipt."""
        h = vb.header
        version = receipt_version(h.format_version)
        with self.Session.begin() as s:
            office = s.get(CentralOffice, h.office_id, with_for_update=True)
            assert office is not None  # its key is registered
            existing = s.scalar(
                select(CentralBundle).where(
                    CentralBundle.office_id == h.office_id,
                    CentralBundle.bundle_seq == h.bundle_seq,
                    CentralBundle.envelope_sha256 == (vb.envelope_sha256 or ""),
                )
            )
            if existing is not None and existing.status in ACCEPTED:  # raced with another ingest
                return self.issuer.answer_duplicate(s, existing, path)
            audit: AuditVerdict = check_audit(s, vb)
            if audit.kind == "refuse":
                assert audit.error is not None
                raise _Refused(audit.error)
            gap = gap_reason(s, office, vb) or audit.error
            counts: dict[str, int] = {}
            if gap is not None:
                resent = self._same_gap_answer(
                    s, path, vb, office=office, existing=existing, gap=gap
                )
                if resent is not None:
                    return resent
                status: Status = "gap"
            else:
                status = "superseded" if h.bundle_seq < office.max_bundle_seq else "applied"
                counts = apply_bundle(s, vb=vb, payload=payload, paths=self.paths, now=self.clock())
                store_audit(s, h.office_id, h.bundle_seq, audit.new_rows)
                office.applied_through = max(office.applied_through, h.changes.end)
                office.max_bundle_seq = max(office.max_bundle_seq, h.bundle_seq)
            signed = self._answer(
                s,
                vb,
                office=office,
                existing=existing,
                status=status,
                counts=counts,
                gap=gap,
                version=version,
            )
        return IngestResult(
            source=path,
            status=status,
            office_id=h.office_id,
            bundle_seq=h.bundle_seq,
            code="gap" if status == "gap" else None,
            message=signed.receipt.message,
            message_en=signed.receipt.message_en,
            receipt=signed,
            receipt_path=self.issuer.send(signed),
            counts=counts,
        )

    def _same_gap_answer(
        self,
        s: Session,
        path: Path,
        vb: VerifiedBundle,
        *,
        office: CentralOffice,
        existing: CentralBundle | None,
        gap: BundleError,
    ) -> IngestResult | None:
        """The gap receipt already sent for this very bundle, if nothing changed since."""
        if existing is None or existing.receipt_id is None:
            return None
        stored = s.get(CentralReceipt, existing.receipt_id)
        signed = stored_receipt(stored) if stored is not None else None
        if signed is None or signed.receipt.applied_through_change != office.applied_through:
            return None
        return IngestResult(
            source=path,
            status="gap",
            office_id=vb.header.office_id,
            bundle_seq=vb.header.bundle_seq,
            code="gap",
            message=gap.message,
            message_en=gap.message_en,
            receipt=signed,
            receipt_path=self.issuer.send(signed),
        )

    def _answer(
        self,
        s: Session,
        vb: VerifiedBundle,
        *,
        office: CentralOffice,
        existing: CentralBundle | None,
        status: Status,
        counts: dict[str, int],
        gap: BundleError | None,
        version: int,
    ) -> SignedReceipt:
        """Record the bundle with its status and issue the receipt answering it."""
        h = vb.header
        row = existing or self._bundle_row(s, vb, status)
        row.status = status
        signed = self.issuer.issue(
            s,
            office_id=h.office_id,
            bundle_seq=h.bundle_seq,
            bundle_uuid=h.bundle_uuid,
            env_sha=vb.envelope_sha256 or "",
            status=status,
            office=office,
            counts=counts,
            error=gap,
            version=version,
        )
        row.receipt_id = signed.receipt.receipt_id
        return signed

    def _bundle_row(self, s: Session, vb: VerifiedBundle, status: str) -> CentralBundle:
        h = vb.header
        assert vb.envelope is not None
        row = CentralBundle(
            office_id=h.office_id,
            bundle_seq=h.bundle_seq,
            bundle_uuid=h.bundle_uuid,
            envelope_sha256=vb.envelope_sha256,
            zip_sha256=vb.zip_sha256,
            key_id=h.key_id,
            status=status,
            received_at=self.clock(),
            changes_from=h.changes.start,
            changes_to=h.changes.end,
            changes_count=h.changes.count,
            payload_bytes=vb.payload_bytes,
            period=h.period,
            app_version=h.app_version,
        )
        s.add(row)
        return row


__all__ = ["ACCEPTED", "COUNT_KEYS", "IngestResult", "Receiver", "RegisteredKey"]
