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

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from flexdesk.central.apply import apply_bundle
from flexdesk.central.audit import AuditVerdict, audit_head, check_audit, store_audit
from flexdesk.central.models import (
    CentralAuditEntry,
    CentralBundle,
    CentralConflict,
    CentralOffice,
    CentralOfficeKey,
    CentralQuarantine,
    CentralReceipt,
)
from flexdesk.central.store import CentralPaths, session_factory
from flexdesk.db.base import utcnow
from flexdesk.errors import BundleError, ValidationError
from flexdesk.sync._errors import bundle_error
from flexdesk.sync.bundle import Envelope, VerifiedBundle, ZipLimits, verify_bundle
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.layout import AGE_SUFFIX, ENVELOPE_SUFFIX, SIG_SUFFIX, ZIP_SUFFIX
from flexdesk.sync.format.model import OFFICE_ID_RE, bundle_stem
from flexdesk.sync.receipt import (
    ACKNOWLEDGING,
    RECEIPT_FORMAT_VERSION,
    AuditHead,
    Receipt,
    SignedReceipt,
    Status,
    format_time,
    sign_receipt,
    write_receipt_files,
)
from flexdesk.sync.verifier import check_envelope_files, check_key, split_bundle_path

log = logging.getLogger(__name__)

ACCEPTED = ("applied", "superseded")
COUNT_KEYS = ("applied", "unchanged", "stale", "conflicts", "attachments", "reports")


class _Refused(Exception):
    """Raised inside the ingest transaction to roll it back and quarantine the bundle."""

    def __init__(self, error: BundleError) -> None:
        super().__init__(error.code)
        self.error = error


def _receipt_version(bundle_format: int) -> int:
    """Answer a format 1 bundle (an office not yet updated) with a receipt it can read."""
    return 1 if bundle_format < 2 else RECEIPT_FORMAT_VERSION


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file given to :meth:`Receiver.ingest`."""

    source: Path
    status: Status
    office_id: str | None = None
    bundle_seq: int | None = None
    code: str | None = None  # BundleError code when rejected (or "gap")
    message: str | None = None
    message_en: str | None = None
    receipt: SignedReceipt | None = None
    receipt_path: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    quarantine_id: int | None = None


@dataclass(frozen=True)
class RegisteredKey:
    office_id: str
    key_id: str
    short_fingerprint: str
    valid_from_seq: int
    created: bool


class Receiver:
    """One central receiver bound to a database, a data folder and the central signing key."""

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

    # --- keys ------------------------------------------------------------------------

    def register_office(
        self,
        office_id: str,
        public_key: Ed25519PublicKey,
        *,
        name: str = "",
        valid_from_seq: int = 1,
        expected_fingerprint: str | None = None,
    ) -> RegisteredKey:
        """Register (or confirm) an office key; ``expected_fingerprint`` is what the office
        read out over the phone (``short_fingerprint``), checked before anything is stored."""
        if not OFFICE_ID_RE.match(office_id):
            raise ValidationError(
                f"Kode kantor tidak sah: {office_id!r}.",
                message_en=f"Invalid office id: {office_id!r}.",
            )
        short = keys.short_fingerprint(public_key)
        if expected_fingerprint is not None and (
            expected_fingerprint.strip().upper().replace(" ", "-") != short
        ):
            raise ValidationError(
                f"Sidik jari tidak cocok: kunci ini {short}, yang dibacakan "
                f"{expected_fingerprint}. Kunci tidak didaftarkan.",
                message_en=f"Fingerprint mismatch: this key is {short}, the office read out "
                f"{expected_fingerprint}. The key was not registered.",
            )
        kid = keys.key_id(public_key)
        with self.Session.begin() as s:
            office = s.get(CentralOffice, office_id)
            if office is None:
                office = CentralOffice(office_id=office_id, name=name)
                s.add(office)
            elif name:
                office.name = name
            existing = s.get(CentralOfficeKey, kid)
            if existing is not None:
                if existing.office_id != office_id:
                    raise ValidationError(
                        f"Kunci ini sudah terdaftar untuk kantor {existing.office_id}.",
                        message_en=f"This key is already registered for {existing.office_id}.",
                    )
                return RegisteredKey(office_id, kid, short, existing.valid_from_seq, False)
            s.add(
                CentralOfficeKey(
                    key_id=kid,
                    office_id=office_id,
                    public_key=keys.public_key_openssh(public_key),
                    valid_from_seq=valid_from_seq,
                )
            )
        return RegisteredKey(office_id, kid, short, valid_from_seq, True)

    def revoke_key(self, key_id: str, *, reason: str) -> CentralOfficeKey:
        """Revoke a key: every bundle signed with it from now on is quarantined."""
        with self.Session.begin() as s:
            row = s.get(CentralOfficeKey, key_id)
            if row is None:
                raise ValidationError(
                    f"Kunci {key_id} tidak dikenal.", message_en=f"Unknown key {key_id}."
                )
            if row.revoked_at is None:
                row.revoked_at = self.clock()
                row.revoked_reason = reason
            return row

    def keyring(self, session: Session | None = None) -> keys.KeyRing:
        with contextlib.ExitStack() as stack:
            s = session or stack.enter_context(self.Session())
            rows = s.scalars(select(CentralOfficeKey)).all()
            return keys.KeyRing(
                keys.TrustedKey(
                    key_id=r.key_id,
                    office_id=r.office_id,
                    public_key=keys.load_public_key(r.public_key),
                    valid_from_seq=r.valid_from_seq,
                    valid_until_seq=r.valid_until_seq,
                    revoked=r.revoked_at is not None,
                )
                for r in rows
            )

    # --- ingest ----------------------------------------------------------------------

    def ingest(self, path: Path) -> IngestResult:
        """Ingest one bundle (any of its three files); never raises BundleError."""
        path = Path(path)
        try:
            stem, folder = split_bundle_path(path)
        except BundleError as exc:
            return self._reject(path, exc, None)
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
            return self._reject(path, exc, None)
        known = (envelope, env_sha)
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
            return self._reject(path, exc, known)
        with self.Session() as s:
            prior = s.scalars(
                select(CentralBundle).where(
                    CentralBundle.office_id == envelope.office_id,
                    CentralBundle.bundle_seq == envelope.bundle_seq,
                )
            ).all()
            for row in prior:
                if row.envelope_sha256 == env_sha and row.status in ACCEPTED:
                    return self._duplicate(s, row, path)
            if any(row.envelope_sha256 != env_sha for row in prior):
                log.warning(
                    "ALERT fork: office %s sent bundle %s again with different content "
                    "(restored database or stolen key?)",
                    envelope.office_id,
                    envelope.bundle_seq,
                )
                return self._reject(
                    path,
                    bundle_error(
                        "fork",
                        f"Bundel nomor {envelope.bundle_seq} sudah diterima dengan isi lain. "
                        "Basis data kantor mungkin dipulihkan dari cadangan atau kuncinya dicuri;"
                        " hubungi pusat.",
                        f"Bundle number {envelope.bundle_seq} was already received with other "
                        "content (restored office database or stolen key?); contact central.",
                    ),
                    known,
                )
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
                return self._reject(path, exc, known)
            return self._accept(path, verified, work / "payload")
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _duplicate(self, s: Session, row: CentralBundle, path: Path) -> IngestResult:
        stored = s.get(CentralReceipt, row.receipt_id) if row.receipt_id else None
        signed = self._signed(stored) if stored is not None else None
        receipt_path = self._send(signed) if signed is not None else None
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
            return self._reject(path, refused.error, (vb.envelope, vb.envelope_sha256))

    def _accept_tx(self, path: Path, vb: VerifiedBundle, payload: Path) -> IngestResult:
        h = vb.header
        env_sha = vb.envelope_sha256 or ""
        version = _receipt_version(h.format_version)
        with self.Session.begin() as s:
            office = s.get(CentralOffice, h.office_id, with_for_update=True)
            assert office is not None  # its key is registered
            existing = s.scalar(
                select(CentralBundle).where(
                    CentralBundle.office_id == h.office_id,
                    CentralBundle.bundle_seq == h.bundle_seq,
                    CentralBundle.envelope_sha256 == env_sha,
                )
            )
            if existing is not None and existing.status in ACCEPTED:  # raced with another ingest
                return self._duplicate(s, existing, path)
            audit: AuditVerdict = check_audit(s, vb)
            if audit.kind == "refuse":
                assert audit.error is not None
                raise _Refused(audit.error)
            gap = self._gap_reason(s, office, vb) or audit.error
            if gap is not None:
                if existing is not None and existing.receipt_id is not None:
                    stored = s.get(CentralReceipt, existing.receipt_id)
                    if (
                        stored is not None
                        and self._signed(stored).receipt.applied_through_change
                        == office.applied_through
                    ):
                        signed = self._signed(stored)  # nothing changed since: same answer
                        return IngestResult(
                            source=path,
                            status="gap",
                            office_id=h.office_id,
                            bundle_seq=h.bundle_seq,
                            code="gap",
                            message=gap.message,
                            message_en=gap.message_en,
                            receipt=signed,
                            receipt_path=self._send(signed),
                        )
                row = existing or self._bundle_row(s, vb, "gap")
                row.status = "gap"
                signed = self._issue(
                    s,
                    office_id=vb.header.office_id,
                    bundle_seq=h.bundle_seq,
                    bundle_uuid=h.bundle_uuid,
                    env_sha=env_sha,
                    status="gap",
                    office=office,
                    counts={},
                    error=gap,
                    version=version,
                )
                row.receipt_id = signed.receipt.receipt_id
                result_counts: dict[str, int] = {}
                status: Status = "gap"
            else:
                status = "superseded" if h.bundle_seq < office.max_bundle_seq else "applied"
                result_counts = apply_bundle(
                    s, vb=vb, payload=payload, paths=self.paths, now=self.clock()
                )
                store_audit(s, h.office_id, h.bundle_seq, audit.new_rows)
                office.applied_through = max(office.applied_through, h.changes.end)
                office.max_bundle_seq = max(office.max_bundle_seq, h.bundle_seq)
                row = existing or self._bundle_row(s, vb, status)
                row.status = status
                signed = self._issue(
                    s,
                    office_id=h.office_id,
                    bundle_seq=h.bundle_seq,
                    bundle_uuid=h.bundle_uuid,
                    env_sha=env_sha,
                    status=status,
                    office=office,
                    counts=result_counts,
                    error=None,
                    version=version,
                )
                row.receipt_id = signed.receipt.receipt_id
        receipt_path = self._send(signed)
        return IngestResult(
            source=path,
            status=status,
            office_id=h.office_id,
            bundle_seq=h.bundle_seq,
            code="gap" if status == "gap" else None,
            message=signed.receipt.message,
            message_en=signed.receipt.message_en,
            receipt=signed,
            receipt_path=receipt_path,
            counts=result_counts,
        )

    def _gap_reason(
        self, s: Session, office: CentralOffice, vb: VerifiedBundle
    ) -> BundleError | None:
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

    def _bundle_row(self, s: Session, vb: VerifiedBundle, status: str) -> CentralBundle:
        h = vb.header
        env = vb.envelope
        assert env is not None
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

    def _issue(
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

    @staticmethod
    def _signed(row: CentralReceipt) -> SignedReceipt:
        from flexdesk.sync.format.canonical import loads_strict

        receipt = Receipt.from_json(loads_strict(row.data, what="receipt.json"))
        return SignedReceipt(receipt, row.data, row.signature)

    def _send(self, signed: SignedReceipt) -> Path:
        json_path, _ = write_receipt_files(signed, self.receipts_dir / signed.receipt.office_id)
        return json_path

    def _reject(
        self, path: Path, error: BundleError, known: tuple[Envelope, str] | None
    ) -> IngestResult:
        envelope, env_sha = known if known is not None else (None, None)
        with self.Session.begin() as s:
            q = CentralQuarantine(
                received_at=self.clock(),
                source_name=path.name[:255],
                office_id=envelope.office_id if envelope else None,
                bundle_seq=envelope.bundle_seq if envelope else None,
                envelope_sha256=env_sha,
                authentic=envelope is not None,
                code=error.code,
                message=error.message,
                message_en=error.message_en,
                stored_dir="",
            )
            s.add(q)
            s.flush()
            q.stored_dir = f"{q.id:06d}"
            self._keep_files(path, self.paths.quarantine / q.stored_dir)
            signed = None
            if envelope is not None and s.get(CentralOffice, envelope.office_id) is not None:
                office = s.get(CentralOffice, envelope.office_id)
                signed = self._issue(
                    s,
                    office_id=envelope.office_id,
                    bundle_seq=envelope.bundle_seq,
                    bundle_uuid=envelope.bundle_uuid,
                    env_sha=env_sha,
                    status="rejected",
                    office=office,
                    counts={},
                    error=error,
                    version=_receipt_version(envelope.format_version),
                )
                q.receipt_id = signed.receipt.receipt_id
            qid = q.id
        log.warning("quarantined %s: %s (%s)", path.name, error.code, error.message_en)
        return IngestResult(
            source=path,
            status="rejected",
            office_id=envelope.office_id if envelope else None,
            bundle_seq=envelope.bundle_seq if envelope else None,
            code=error.code,
            message=error.message,
            message_en=error.message_en,
            receipt=signed,
            receipt_path=self._send(signed) if signed else None,
            quarantine_id=qid,
        )

    @staticmethod
    def _keep_files(path: Path, dest: Path) -> None:
        """Copy the bundle's files under our own fixed names (never names from the bundle)."""
        dest.mkdir(parents=True, exist_ok=True)
        try:
            stem, folder = split_bundle_path(path)
            sources = [
                (folder / (stem + sfx), name)
                for sfx, name in (
                    (ENVELOPE_SUFFIX, "envelope.json"),
                    (SIG_SUFFIX, "envelope.json.sig"),
                    (ZIP_SUFFIX, "bundle.zip"),
                    (AGE_SUFFIX, "bundle.zip.age"),
                )
            ]
        except BundleError:
            sources = [(path, "original.bin")]
        for src, name in sources:
            if src.is_file() and not src.is_symlink():
                with contextlib.suppress(OSError):
                    shutil.copyfile(src, dest / name)

    # --- queries ---------------------------------------------------------------------

    def receipts(self, office_id: str | None = None) -> list[SignedReceipt]:
        with self.Session() as s:
            q = select(CentralReceipt).order_by(CentralReceipt.id)
            if office_id:
                q = q.where(CentralReceipt.office_id == office_id)
            return [self._signed(r) for r in s.scalars(q)]

    def conflicts(
        self, office_id: str | None = None, *, only_open: bool = True
    ) -> Sequence[CentralConflict]:
        with self.Session() as s:
            q = select(CentralConflict).order_by(CentralConflict.id)
            if office_id:
                q = q.where(CentralConflict.office_id == office_id)
            if only_open:
                q = q.where(CentralConflict.status == "open")
            return s.scalars(q).all()

    def quarantined(self, office_id: str | None = None) -> Sequence[CentralQuarantine]:
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
        with self.Session() as s:
            return s.scalars(select(CentralOffice).order_by(CentralOffice.office_id)).all()

    def row_counts(self) -> dict[str, int]:
        """Row count of every table (tests and the CLI's status output)."""
        from flexdesk.central.models import CentralBase

        with self.Session() as s:
            return {
                t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
                for t in CentralBase.metadata.sorted_tables
            }
