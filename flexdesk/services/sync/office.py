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
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import flexdesk
from flexdesk.db.base import current_change_seq
from flexdesk.db.engine import Database
from flexdesk.db.models_sync import (
    SyncAckedRev,
    SyncBundle,
    SyncKey,
    SyncSentRecord,
    SyncState,
)
from flexdesk.errors import BundleError, Cancelled, ConflictError, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.sync.collect import (
    attachment_sources,
    collect_audit,
    collect_changes,
    count_pending,
)
from flexdesk.sync.bundle import (
    STAGES,
    BaseAck,
    ReportFile,
    VerifiedBundle,
    WrittenBundle,
    make_rotation,
    verify_bundle,
    write_bundle,
)
from flexdesk.sync.crypto import keys
from flexdesk.sync.receipt import (
    SignedReceipt,
    advance_ack,
    read_receipt_files,
    read_receipt_zip,
    verify_receipt,
)

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 12
#: ``SyncBundle.error`` of an export the user cancelled
CANCELLED = "cancelled"
#: progress stage id -> (Indonesian, English) label
STAGE_LABELS: dict[str, tuple[str, str]] = {
    "collect": ("Mengumpulkan perubahan", "Collecting changes"),
    **STAGES,
}
Progress = Callable[[int, int, str], None]
#: receipt status -> history status
HISTORY_STATUS = {
    "applied": "acknowledged",
    "superseded": "acknowledged",
    "duplicate": "acknowledged",
    "gap": "gap",
    "rejected": "rejected",
}


# -- state --------------------------------------------------------------------------------------


def _state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, next_bundle_seq=1, applied_through=0)
        session.add(state)
        session.flush()
    return state


def _active_key(session: Session) -> SyncKey | None:
    return session.scalar(select(SyncKey).where(SyncKey.active.is_(True)).limit(1))


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    fingerprint: str
    public_openssh: str
    created_at: datetime
    private_key_path: Path


@dataclass(frozen=True)
class SyncStatus:
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


def _key_info(row: SyncKey, keys_dir: Path) -> KeyInfo:
    return KeyInfo(
        row.key_id,
        row.fingerprint,
        row.public_openssh,
        row.created_at,
        keys_dir / row.private_key_file,
    )


def sync_status(session: Session, actor: Actor, keys_dir: Path) -> SyncStatus:
    """Key, central key, counters and how many changes wait for the next bundle."""
    require(actor, Action.SYNC_EXPORT)
    state = session.get(SyncState, 1)
    key = _active_key(session)
    applied = state.applied_through if state else 0
    off = office.get_office(session)
    return SyncStatus(
        office_id=off.code if off else "",
        key=_key_info(key, keys_dir) if key else None,
        central_key_id=state.central_key_id if state else None,
        central_fingerprint=state.central_fingerprint if state else None,
        central_age_recipient=state.central_age_recipient if state else None,
        next_bundle_seq=state.next_bundle_seq if state else 1,
        ack_seq=state.ack_seq if state else None,
        applied_through=applied,
        pending_changes=count_pending(session, after=applied),
        audit_acked_seq=state.audit_acked_seq if state else 0,
    )


# -- keys ---------------------------------------------------------------------------------------


def check_passphrase(passphrase: str, confirm: str | None = None) -> None:
    """At least 12 characters, not only spaces, no spaces around it; equal to ``confirm``."""
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise ValidationError(
            f"Frasa sandi kunci minimal {MIN_PASSPHRASE} karakter (boleh beberapa kata).",
            message_en=f"The key passphrase needs at least {MIN_PASSPHRASE} characters "
            "(several words are fine).",
            field="passphrase",
        )
    if passphrase != passphrase.strip():
        raise ValidationError(
            "Frasa sandi tidak boleh diawali atau diakhiri spasi.",
            message_en="The passphrase may not start or end with a space.",
            field="passphrase",
        )
    if confirm is not None and confirm != passphrase:
        raise ValidationError(
            "Konfirmasi frasa sandi tidak sama.",
            message_en="The passphrase confirmation does not match.",
            field="confirm",
        )


def create_office_key(
    session: Session,
    actor: Actor,
    keys_dir: Path,
    passphrase: str,
    confirm: str | None = None,
    *,
    iterations: int = keys.DEFAULT_KDF_ITERATIONS,
) -> KeyInfo:
    """A new Ed25519 office key; the private key goes to an encrypted PKCS#8 file (mode 0600,
    written atomically) under ``keys_dir``, the public half into the database."""
    require(actor, Action.SYNC_KEYS)
    check_passphrase(passphrase, confirm)
    off = office.require_office(session)
    if _active_key(session) is not None:
        raise ConflictError(
            "Kantor ini sudah punya kunci tanda tangan. Untuk menggantinya, gunakan "
            "penggantian kunci (flexdesk key rotate), yang mengumumkan kunci baru ke pusat.",
            message_en="This office already has a signing key. To replace it, rotate the key "
            "(flexdesk key rotate), which announces the new key to central.",
        )
    key = keys.generate_key()
    pub = key.public_key()
    kid = keys.key_id(pub)
    short = keys.short_fingerprint(pub)
    file_name = f"office-{off.code}-{short}.key.pem"
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / file_name
    keys.save_private_key(path, key, passphrase, iterations=iterations)
    try:
        state = _state(session)
        row = SyncKey(
            key_id=kid,
            fingerprint=short,
            public_openssh=keys.public_key_openssh(pub, comment=f"office-{off.code}"),
            active=True,
            valid_from_seq=state.next_bundle_seq,
            private_key_file=file_name,
        )
        session.add(row)
        session.flush()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    log.info("office signing key %s created", kid)
    return _key_info(row, keys_dir)


def rotate_office_key(
    db: Database,
    actor: Actor,
    paths: DataPaths,
    out_dir: Path,
    *,
    old_passphrase: str,
    new_passphrase: str,
    confirm: str | None = None,
    iterations: int = keys.DEFAULT_KDF_ITERATIONS,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Replace the office key: a new key (its own passphrase) is announced in a bundle signed
    by the old one (docs/bundle-format.md 9.2) and signs every bundle after it.

    The rotation bundle is a normal cumulative export plus the statement. If it never reaches
    central, central will not know the new key: re-register it there by fingerprint.
    """
    require(actor, Action.SYNC_KEYS)
    check_passphrase(new_passphrase, confirm)
    with db.read_session() as session:
        code = office.require_office(session).code
        _require_key(session)
    new_key = keys.generate_key()
    file_name = f"office-{code}-{keys.short_fingerprint(new_key.public_key())}.key.pem"
    path = paths.keys / file_name
    paths.keys.mkdir(parents=True, exist_ok=True)
    keys.save_private_key(path, new_key, new_passphrase, iterations=iterations)
    try:
        return export_bundle(
            db,
            actor,
            paths,
            out_dir,
            old_passphrase,
            progress=progress,
            is_cancelled=is_cancelled,
            _new_key=(new_key, file_name),
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class PublicKeyFiles:
    openssh_path: Path
    pem_path: Path
    fingerprint: str
    key_id: str


def export_public_key(session: Session, actor: Actor, out_dir: Path) -> PublicKeyFiles:
    """``office-<code>.pub`` (OpenSSH line) and ``office-<code>.pem`` for central, with the
    fingerprint to read out over the phone in the answer."""
    require(actor, Action.SYNC_KEYS)
    from flexdesk.sync._fs import atomic_write_bytes

    row = _require_key(session)
    off = office.require_office(session)
    pub = keys.load_public_key(row.public_openssh)
    out_dir.mkdir(parents=True, exist_ok=True)
    ssh_path = out_dir / f"office-{off.code}.pub"
    pem_path = out_dir / f"office-{off.code}.pem"
    atomic_write_bytes(ssh_path, (row.public_openssh + "\n").encode("ascii"))
    atomic_write_bytes(pem_path, keys.public_key_pem(pub).encode("ascii"))
    return PublicKeyFiles(ssh_path, pem_path, row.fingerprint, row.key_id)


def _require_key(session: Session) -> SyncKey:
    row = _active_key(session)
    if row is None:
        raise BundleError(
            "Kantor ini belum punya kunci tanda tangan. Buat kunci dulu di halaman Sinkronisasi.",
            code="unknown-key",
            message_en="This office has no signing key yet. Create one on the Sync page first.",
        )
    return row


def register_central_key(
    session: Session,
    actor: Actor,
    public_key_text: str,
    *,
    expected_fingerprint: str | None = None,
    age_recipient: str | None = None,
) -> str:
    """Store central's public key (OpenSSH line or PEM); returns its short fingerprint."""
    require(actor, Action.SYNC_KEYS)
    pub = keys.load_public_key(public_key_text)
    short = keys.short_fingerprint(pub)
    if expected_fingerprint and expected_fingerprint.strip().upper().replace(" ", "-") != short:
        raise ValidationError(
            f"Sidik jari tidak cocok: kunci ini {short}, yang disebutkan pusat "
            f"{expected_fingerprint}. Kunci tidak didaftarkan.",
            message_en=f"Fingerprint mismatch: this key is {short}, central said "
            f"{expected_fingerprint}. The key was not registered.",
            field="fingerprint",
        )
    if age_recipient is not None and age_recipient and not age_recipient.startswith("age1"):
        raise ValidationError(
            "Penerima age harus diawali 'age1'.",
            message_en="The age recipient must start with 'age1'.",
            field="age_recipient",
        )
    state = _state(session)
    state.central_public_key = keys.public_key_openssh(pub, comment="flexdesk-central")
    state.central_key_id = keys.key_id(pub)
    state.central_fingerprint = short
    if age_recipient is not None:
        state.central_age_recipient = age_recipient or None
    return short


# -- export -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    bundle_seq: int
    written: WrittenBundle
    record_count: int
    attachment_count: int
    counts: dict[str, int]

    @property
    def envelope_path(self) -> Path:
        return self.written.envelope_path


@dataclass(frozen=True)
class _Plan:
    office_id: str
    office_name: str
    seq: int
    base_ack: BaseAck | None
    key_path: Path
    key_id: str
    encrypt_to: str | None


def export_bundle(
    db: Database,
    actor: Actor,
    paths: DataPaths,
    out_dir: Path,
    passphrase: str,
    *,
    period: str | None = None,
    reports: Sequence[ReportFile] = (),
    encrypt: bool = False,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    verify: Literal["crc", "full"] = "crc",
    _new_key: tuple[Ed25519PrivateKey, str] | None = None,
) -> ExportResult:
    """Export everything after the acknowledged point to ``out_dir`` (a folder or USB drive).

    Returns only after ``write_bundle`` re-read and verified the files it wrote. The bundle
    number is used up even if the export fails or is cancelled (history status "failed").
    Progress stages: ``collect`` then those of :data:`flexdesk.sync.bundle.STAGES`.
    (``_new_key``: see :func:`rotate_office_key`.)
    """
    require(actor, Action.SYNC_EXPORT)
    from flexdesk.services.storage.attachments import AttachmentStore

    with db.read_session() as session:
        key_row = _require_key(session)
        key_path = paths.keys / key_row.private_key_file
        kid = key_row.key_id
    # a wrong passphrase must not use up a bundle number
    signing_key = keys.load_private_key(key_path, passphrase)
    if keys.key_id(signing_key.public_key()) != kid:
        raise BundleError(
            f"Berkas kunci {key_path.name} tidak cocok dengan kunci kantor yang terdaftar.",
            code="bad-key",
            message_en=f"The key file {key_path.name} does not match the office's key.",
        )
    period = period or datetime.now().strftime("%Y-%m")
    store = AttachmentStore(paths.attachments)
    with db.session() as session:
        off = office.require_office(session)
        collected = collect_changes(
            session, after=_state(session).applied_through, progress=progress
        )
        state = _state(session)
        audit = collect_audit(session, after=state.audit_acked_seq or 0)
        if encrypt and not state.central_age_recipient:
            raise ValidationError(
                "Enkripsi diminta, tetapi penerima age kantor pusat belum didaftarkan.",
                message_en="Encryption was asked for but no central age recipient is registered.",
            )
        base_ack = (
            BaseAck(state.ack_seq, state.ack_sha256, state.applied_through)
            if state.ack_seq is not None and state.ack_sha256 is not None
            else None
        )
        plan = _Plan(
            office_id=off.code,
            office_name=off.unit_kerja,
            seq=state.next_bundle_seq,
            base_ack=base_ack,
            key_path=key_path,
            key_id=kid,
            encrypt_to=state.central_age_recipient if encrypt else None,
        )
        state.next_bundle_seq = plan.seq + 1
        session.add(SyncBundle(seq=plan.seq, status="exporting", key_id=kid, period=period))
    # committed: plan.seq is used up from here on, whatever happens next
    try:
        rotation = (
            make_rotation(plan.office_id, signing_key, _new_key[0], effective_from_seq=plan.seq + 1)
            if _new_key is not None
            else None
        )
        sources = attachment_sources(store.root, collected.attachments, store.path_for)
        written = write_bundle(
            out_dir,
            office_id=plan.office_id,
            bundle_seq=plan.seq,
            bundle_uuid=None,
            changes=collected.changes,
            attachments=sources,
            reports=reports,
            signing_key=signing_key,
            key_id=plan.key_id,
            base_ack=plan.base_ack,
            app_version=flexdesk.__version__,
            period=period,
            encrypt_to=plan.encrypt_to,
            progress=progress,
            is_cancelled=is_cancelled,
            office_name=plan.office_name,
            rotation=rotation,
            verify=verify,
            audit=audit,
        )
    except BaseException as exc:
        _record_failure(db, plan.seq, exc)
        raise
    header = written.header
    with db.session() as session:
        row = session.get(SyncBundle, plan.seq)
        assert row is not None
        row.status = "sent"
        row.uuid = header.bundle_uuid
        row.file_name = written.container_path.name
        row.folder = str(written.container_path.parent)
        row.size = written.envelope.size
        row.record_count = header.changes.count
        row.counts = dict(header.counts)
        row.attachment_count = header.attachment_count
        row.report_count = header.report_count
        row.change_from = header.changes.start
        row.change_to = header.changes.end
        row.envelope_sha256 = written.envelope_sha256
        if _new_key is not None:
            # central trusts the new key from the next bundle on, once it applied this one
            old_key = session.get(SyncKey, plan.key_id)
            assert old_key is not None
            old_key.active = False
            new_pub = _new_key[0].public_key()
            session.flush()
            session.add(
                SyncKey(
                    key_id=keys.key_id(new_pub),
                    fingerprint=keys.short_fingerprint(new_pub),
                    public_openssh=keys.public_key_openssh(
                        new_pub, comment=f"office-{plan.office_id}"
                    ),
                    active=True,
                    valid_from_seq=plan.seq + 1,
                    private_key_file=_new_key[1],
                )
            )
        session.add_all(
            SyncSentRecord(
                bundle_seq=plan.seq,
                entity=c.entity,
                entity_id=c.id,
                rev=c.rev,
                change_seq=c.change_seq,
            )
            for c in collected.changes
        )
    log.info("bundle %s written to %s", plan.seq, written.container_path)
    return ExportResult(
        plan.seq,
        written,
        header.changes.count,
        header.attachment_count,
        dict(header.counts),
    )


def _record_failure(db: Database, seq: int, exc: BaseException) -> None:
    # "cancelled", or the Indonesian and the English message on two lines (history shows one)
    if isinstance(exc, Cancelled):
        text = CANCELLED
    else:
        text = str(exc) + "\n" + str(getattr(exc, "message_en", None) or exc)
    try:
        with db.session() as session:
            row = session.get(SyncBundle, seq)
            if row is not None:
                row.status = "failed"
                row.error = text[:2000]
    except Exception:  # the original error matters more
        log.exception("could not record the failed export of bundle %s", seq)


# -- receipts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptOutcome:
    bundle_seq: int
    status: str
    applied_through: int
    message: str | None
    message_en: str | None
    advanced: bool


def _central_key(session: Session) -> Ed25519PublicKey:
    state = session.get(SyncState, 1)
    if state is None or not state.central_public_key:
        raise BundleError(
            "Kunci publik kantor pusat belum didaftarkan; tanda terima tidak dapat diperiksa.",
            code="unknown-key",
            message_en="The central public key is not registered; receipts cannot be checked.",
        )
    return keys.load_public_key(state.central_public_key)


def read_receipts(path: Path) -> list[tuple[bytes, bytes]]:
    if path.suffix.lower() == ".zip":
        return read_receipt_zip(path)
    return [read_receipt_files(path)]


def import_receipt(session: Session, actor: Actor, path: Path) -> list[ReceiptOutcome]:
    """Verify receipt file(s) (``<stem>.receipt.json``, its ``.sig``, or a receipts zip) and
    apply them all, or none: a bad one changes nothing."""
    require(actor, Action.SYNC_RECEIPTS)
    central = _central_key(session)
    off = office.require_office(session)
    verified: list[SignedReceipt] = [
        verify_receipt(data, sig, central_keys=central, expected_office=off.code)
        for data, sig in read_receipts(path)
    ]
    rows: list[tuple[SignedReceipt, SyncBundle]] = []
    newest = current_change_seq(session)
    for signed in verified:
        r = signed.receipt
        row = session.get(SyncBundle, r.bundle_seq)
        if row is None or row.envelope_sha256 is None:
            raise BundleError(
                f"Tanda terima untuk paket {r.bundle_seq}, yang tidak ada di riwayat kantor ini.",
                code="mismatch",
                message_en=f"Receipt for bundle {r.bundle_seq}, which is not in this office's "
                "history.",
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
        rows.append((signed, row))
    state = _state(session)
    outcomes: list[ReceiptOutcome] = []
    for signed, row in sorted(rows, key=lambda p: p[0].receipt.receipt_id):
        r = signed.receipt
        row.status = HISTORY_STATUS[r.status]
        row.receipt_sha256 = signed.sha256
        row.receipt_status = r.status
        row.receipt_reason = r.reason
        row.receipt_message = r.message
        row.receipt_message_en = r.message_en
        row.received_at = r.received_at
        row.applied_through = r.applied_through_change
        current = (
            BaseAck(state.ack_seq, state.ack_sha256, state.applied_through)
            if state.ack_seq is not None and state.ack_sha256 is not None
            else None
        )
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
        outcomes.append(
            ReceiptOutcome(
                r.bundle_seq,
                r.status,
                r.applied_through_change,
                r.message,
                r.message_en,
                advanced,
            )
        )
    return outcomes


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


# -- history and verification -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
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
