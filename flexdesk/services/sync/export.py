"""Exporting a bundle (docs/bundle-format.md section 8): unlock the signing key, reserve the
bundle number and collect the changes in one short transaction, write the bundle outside any
transaction, then record what was sent (or why it failed) in another. Rotating the office key
is such an export, carrying the statement that announces the new key (section 9.2; see
:mod:`flexdesk.services.sync.rotate`)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import flexdesk
from flexdesk.db.engine import Database
from flexdesk.db.models_sync import SyncBundle
from flexdesk.errors import BundleError, Cancelled, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services import office, session_check
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.bundle_files import (
    SentFacts,
    console_safe,
    export_lock,
    mark_failed,
    mark_sent,
    record_planned,
    switch_key,
)
from flexdesk.services.sync.collect import Collected, collect_audit, collect_changes
from flexdesk.services.sync.evidence_files import evidence_sources
from flexdesk.services.sync.key_material import private_key_source, share_key_file
from flexdesk.services.sync.state import Progress, base_ack, require_key, sync_state
from flexdesk.sync.auditchain import AuditSegment
from flexdesk.sync.bundle import (
    STAGES,
    BaseAck,
    ReportFile,
    WrittenBundle,
    bundle_stem,
    make_rotation,
    write_bundle,
)
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.layout import AGE_SUFFIX, ZIP_SUFFIX
from flexdesk.sync.format.model import AttachmentSource

log = logging.getLogger(__name__)

#: ``SyncBundle.error`` of an export the user cancelled
CANCELLED = "cancelled"
#: progress stage id -> (Indonesian, English) label
STAGE_LABELS: dict[str, tuple[str, str]] = {
    "collect": ("Mengumpulkan perubahan", "Collecting changes"),
    **STAGES,
}
#: a new office key and the name of its private key file (see :func:`rotate_office_key`)
NewKey = tuple[Ed25519PrivateKey, str]


@dataclass(frozen=True)
class ExportResult:
    """A bundle written and verified: its number, its files and what it carries."""

    bundle_seq: int
    written: WrittenBundle
    record_count: int
    attachment_count: int
    counts: dict[str, int]

    @classmethod
    def of(cls, bundle_seq: int, written: WrittenBundle) -> ExportResult:
        """The result of bundle ``bundle_seq``, its counts taken from the written header."""
        header = written.header
        return cls(
            bundle_seq,
            written,
            header.changes.count,
            header.attachment_count,
            dict(header.counts),
        )

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
    _new_key: NewKey | None = None,
) -> ExportResult:
    """Export everything after the acknowledged point to ``out_dir`` (a folder or USB drive).

    Returns only after ``write_bundle`` re-read and verified the files it wrote. The bundle
    number is used up even if the export fails or is cancelled (history status "failed").
    Progress stages: ``collect`` then those of :data:`flexdesk.sync.bundle.STAGES`.
    (``_new_key``: see :func:`rotate_office_key`.)
    """
    require(actor, Action.SYNC_EXPORT)
    with db.read_session() as session:  # its own units of work: no Services call checks it
        session_check.require_signed_in(session, actor)
    # a wrong passphrase must not use up a bundle number
    signing_key, key_path, kid = _unlock_key(db, paths, passphrase)
    period = period or datetime.now().strftime("%Y-%m")
    progress = console_safe(progress)
    # held until the history says "sent" or "failed" (start-up reconciliation waits for it)
    with export_lock(paths):
        plan, collected, audit = _reserve(
            db,
            key_path,
            kid,
            out_dir=out_dir,
            period=period,
            encrypt=encrypt,
            report_count=len(reports),
            progress=progress,
        )
        # committed: plan.seq is used up from here on, whatever happens next
        written = _write(
            db,
            out_dir,
            plan,
            collected,
            audit,
            paths=paths,
            signing_key=signing_key,
            new_key=_new_key,
            reports=reports,
            period=period,
            progress=progress,
            is_cancelled=is_cancelled,
            verify=verify,
        )
        _record_sent(db, plan, written, _new_key)
    log.info("bundle %s written to %s", plan.seq, written.container_path)
    return ExportResult.of(plan.seq, written)


def _unlock_key(
    db: Database, paths: DataPaths, passphrase: str
) -> tuple[Ed25519PrivateKey, Path, str]:
    """The active office key unlocked with ``passphrase`` (from this PC's key file, or on a
    server database from the database's encrypted copy), its file and key id; BundleError
    ``bad-key`` if what was found holds another key than the registered one."""
    with db.read_session() as session:
        key_row = require_key(session)
        key_path = paths.keys / key_row.private_key_file
        kid = key_row.key_id
        source = private_key_source(session, paths.keys, key_row)
    signing_key = keys.private_key_from_pem(source.pem, passphrase, where=source.where)
    if keys.key_id(signing_key.public_key()) != kid:
        raise BundleError(
            f"Berkas kunci {key_path.name} tidak cocok dengan kunci kantor yang terdaftar.",
            code="bad-key",
            message_en=f"The key file {key_path.name} does not match the office's key.",
        )
    return signing_key, key_path, kid


def _reserve(
    db: Database,
    key_path: Path,
    kid: str,
    *,
    out_dir: Path,
    period: str,
    encrypt: bool,
    report_count: int,
    progress: Progress | None,
) -> tuple[_Plan, Collected, AuditSegment | None]:
    """One transaction: collect the changes and audit rows after the acknowledged point, take
    the next bundle number and record the bundle as "exporting", with where it goes and the
    revisions it carries (what start-up needs to finish the record if the process dies
    after writing the files: :mod:`flexdesk.services.storage.bundle_reconcile`)."""
    with db.session() as session:
        off = office.require_office(session)
        collected = collect_changes(
            session, after=sync_state(session).applied_through, progress=progress
        )
        state = sync_state(session)
        audit = collect_audit(session, after=state.audit_acked_seq or 0)
        if encrypt and not state.central_age_recipient:
            raise ValidationError(
                "Enkripsi diminta, tetapi penerima age kantor pusat belum didaftarkan.",
                message_en="Encryption was asked for but no central age recipient is registered.",
            )
        plan = _Plan(
            office_id=off.code,
            office_name=off.unit_kerja,
            seq=state.next_bundle_seq,
            base_ack=base_ack(state),
            key_path=key_path,
            key_id=kid,
            encrypt_to=state.central_age_recipient if encrypt else None,
        )
        state.next_bundle_seq = plan.seq + 1
        suffix = AGE_SUFFIX if plan.encrypt_to else ZIP_SUFFIX
        session.add(
            SyncBundle(
                seq=plan.seq,
                status="exporting",
                key_id=kid,
                period=period,
                folder=str(out_dir.absolute()),
                file_name=bundle_stem(plan.office_id, plan.seq) + suffix,
                record_count=len(collected.changes),
                counts=dict(Counter(c.entity for c in collected.changes)),
                attachment_count=len(collected.attachments),
                report_count=report_count,
            )
        )
        session.flush()
        record_planned(session, plan.seq, collected.changes)
    return plan, collected, audit


def _write(
    db: Database,
    out_dir: Path,
    plan: _Plan,
    collected: Collected,
    audit: AuditSegment | None,
    *,
    paths: DataPaths,
    signing_key: Ed25519PrivateKey,
    new_key: NewKey | None,
    reports: Sequence[ReportFile],
    period: str,
    progress: Progress | None,
    is_cancelled: Callable[[], bool] | None,
    verify: Literal["crc", "full"],
) -> WrittenBundle:
    """Write (and verify) the bundle files of ``plan``, outside any transaction, with the
    evidence from the office's store (copied out of a server database first: a damaged file
    refuses the export); on any error the history says "failed" (or "cancelled") before the
    error goes on."""
    try:
        with evidence_sources(db, paths, collected.attachments, progress=progress) as sources:
            return _write_files(
                out_dir,
                plan,
                collected,
                audit,
                sources=sources,
                signing_key=signing_key,
                new_key=new_key,
                reports=reports,
                period=period,
                progress=progress,
                is_cancelled=is_cancelled,
                verify=verify,
            )
    except BaseException as exc:
        _record_failure(db, plan.seq, exc)
        raise


def _write_files(
    out_dir: Path,
    plan: _Plan,
    collected: Collected,
    audit: AuditSegment | None,
    *,
    sources: list[AttachmentSource],
    signing_key: Ed25519PrivateKey,
    new_key: NewKey | None,
    reports: Sequence[ReportFile],
    period: str,
    progress: Progress | None,
    is_cancelled: Callable[[], bool] | None,
    verify: Literal["crc", "full"],
) -> WrittenBundle:
    """The bundle files of ``plan`` written and verified by :func:`write_bundle`."""
    rotation = (
        make_rotation(plan.office_id, signing_key, new_key[0], effective_from_seq=plan.seq + 1)
        if new_key is not None
        else None
    )
    return write_bundle(
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


def _record_sent(
    db: Database,
    plan: _Plan,
    written: WrittenBundle,
    new_key: NewKey | None,
) -> None:
    """Mark the bundle "sent" with what it carries, and after a rotation switch to the new
    key (the revisions it carries were recorded with the reservation)."""
    header = written.header
    with db.session() as session:
        row = session.get(SyncBundle, plan.seq)
        assert row is not None
        mark_sent(
            row,
            SentFacts(
                uuid=header.bundle_uuid,
                container=written.container_path,
                size=written.envelope.size,
                envelope_sha256=written.envelope_sha256,
                record_count=header.changes.count,
                change_from=header.changes.start,
                change_to=header.changes.end,
                counts=dict(header.counts),
                attachment_count=header.attachment_count,
                report_count=header.report_count,
            ),
        )
        if new_key is not None:
            new_path = plan.key_path.parent / new_key[1]
            share_key_file(session, keys.key_id(new_key[0].public_key()), new_path)
            switch_key(
                session,
                office_id=plan.office_id,
                old_key_id=plan.key_id,
                new_public=new_key[0].public_key(),
                file_name=new_key[1],
                seq=plan.seq,
            )


def _record_failure(db: Database, seq: int, exc: BaseException) -> None:
    # "cancelled", or the Indonesian and the English message on two lines (history shows one)
    if isinstance(exc, Cancelled):
        text = CANCELLED
    else:
        text = str(exc) + "\n" + str(getattr(exc, "message_en", None) or exc)
    try:
        with db.session() as session:
            mark_failed(session, seq, text)
    except Exception:  # the original error matters more
        log.exception("could not record the failed export of bundle %s", seq)
