"""Start-up reconciliation of exports that were cut off (a kill, a power cut) between writing
a bundle and recording it in the history, which leaves the history row "exporting".

The files decide, checked as a receiver would (:func:`flexdesk.sync.verifier.verify_bundle`
with the office's own key): a whole, verified bundle becomes "sent" with its size, hash and
place filled in exactly as the export would have (so central's receipt for it is accepted);
anything else (files missing, cut short, failing verification, a key rotation whose new key
file is gone) is removed together with the export's hidden temporary files, and the row is
marked "failed" with the reason. A row whose folder is not there at all (a USB stick not
plugged in) is left as it is and tried again at the next start.

A row is only touched while no export runs (:func:`.bundle_files.exports_running`); on a shared
PostgreSQL database another PC may be exporting, so there only rows older than
:data:`SERVER_GRACE` are considered.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.models_sync import SyncBundle, SyncKey
from flexdesk.errors import BundleError
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.storage.bundle_files import (
    SentFacts,
    exports_running,
    mark_failed,
    mark_sent,
    switch_key,
)
from flexdesk.sync.bundle import KeyRing, KeyRotation, TrustedKey, bundle_stem, verify_bundle
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.layout import AGE_SUFFIX, ENVELOPE_SUFFIX, SIG_SUFFIX, ZIP_SUFFIX
from flexdesk.sync.format.ziphygiene import sha256_file
from flexdesk.sync.trust import check_envelope_files

log = logging.getLogger(__name__)

#: on a server database, "exporting" rows younger than this may belong to another PC's export
SERVER_GRACE = timedelta(hours=12)
_SUFFIXES = (ZIP_SUFFIX, AGE_SUFFIX, ENVELOPE_SUFFIX, SIG_SUFFIX)
_TEMP_RE = re.compile(r"^\.(?P<final>.+)\.tmp-[0-9a-f]{8}$")  # sync._fs.temp_path_for

Outcome = Literal["sent", "failed", "pending"]


@dataclass(frozen=True)
class BundleFix:
    """What start-up did with one bundle stuck in "exporting"."""

    seq: int
    outcome: Outcome
    reason: str  # English, for the log and the start-up summary ("" when sent)
    removed: tuple[Path, ...] = ()


class _Unusable(Exception):
    """The files on disk are not a whole bundle (the Indonesian and English reason)."""

    def __init__(self, text_id: str, text_en: str) -> None:
        super().__init__(text_en)
        self.text_id, self.text_en = text_id, text_en


def reconcile_bundles(
    db: Database, paths: DataPaths, *, now: datetime | None = None
) -> list[BundleFix]:
    """Settle every bundle left "exporting" (see the module docstring); [] while an export
    runs or before the office is set up."""
    if exports_running(paths):
        log.info("an export is running: bundles in 'exporting' are left for the next start")
        return []
    now = now or datetime.now(UTC)
    fixes: list[BundleFix] = []
    with db.session() as session:
        off = office.get_office(session)
        if off is None:
            return []
        rows = session.scalars(
            select(SyncBundle).where(SyncBundle.status == "exporting").order_by(SyncBundle.seq)
        ).all()
        for row in rows:
            if not db.is_sqlite and _aware(row.created_at) > now - SERVER_GRACE:
                continue
            fix = _settle(session, paths, off.code, row)
            _log(fix)
            fixes.append(fix)
    return fixes


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _log(fix: BundleFix) -> None:
    removed = ", ".join(p.name for p in fix.removed) or "nothing"
    if fix.outcome == "sent":
        log.warning("bundle %s was left 'exporting'; its files verify: now 'sent'", fix.seq)
    elif fix.outcome == "failed":
        log.warning(
            "bundle %s was left 'exporting' and is not whole (%s): marked 'failed', removed %s",
            fix.seq,
            fix.reason,
            removed,
        )
    else:
        log.warning(
            "bundle %s was left 'exporting': %s; tried again next start", fix.seq, fix.reason
        )


def _settle(session: Session, paths: DataPaths, code: str, row: SyncBundle) -> BundleFix:
    """Bring one "exporting" row in line with the files."""
    stem = bundle_stem(code, row.seq)
    if not row.folder or not row.file_name:  # recorded before exports said where they write
        return _fail(
            session,
            row.seq,
            None,
            stem,
            _Unusable("lokasi berkas tidak tercatat", "the export did not record where it wrote"),
        )
    folder = Path(row.folder)
    if not folder.is_dir():
        return BundleFix(row.seq, "pending", f"folder {folder} is not reachable")
    try:
        facts, rotation = _check_files(session, folder / row.file_name, stem, code, row)
        if rotation is not None:
            _switch_to_announced_key(session, paths, code, row, rotation)
    except _Unusable as exc:
        return _fail(session, row.seq, folder, stem, exc)
    mark_sent(row, facts)
    return BundleFix(row.seq, "sent", "", _remove_temps(folder, stem))


def _fail(session: Session, seq: int, folder: Path | None, stem: str, exc: _Unusable) -> BundleFix:
    removed = _remove_bundle_files(folder, stem) if folder is not None else ()
    mark_failed(
        session,
        seq,
        f"Ekspor terputus sebelum riwayat dicatat; berkas tidak utuh ({exc.text_id}), "
        f"dihapus saat program dimulai.\nThe export was cut off before its history was "
        f"recorded; the files were not whole ({exc.text_en}) and were removed at start-up.",
    )
    return BundleFix(seq, "failed", exc.text_en, removed)


def _keyring(session: Session, code: str, key_id: str) -> KeyRing:
    key = session.get(SyncKey, key_id)
    if key is None:
        raise _Unusable("kunci penanda tangan tidak terdaftar", "the signing key is not registered")
    public = keys.load_public_key(key.public_openssh)
    return KeyRing([TrustedKey(key.key_id, code, public)])


def _check_files(
    session: Session, container: Path, stem: str, code: str, row: SyncBundle
) -> tuple[SentFacts, KeyRotation | None]:
    """The history facts of the bundle at ``container``, verified with the office's key;
    :class:`_Unusable` when it is not whole."""
    ring = _keyring(session, code, row.key_id)
    envelope_path = container.parent / (stem + ENVELOPE_SUFFIX)
    try:
        if container.name.endswith(AGE_SUFFIX):
            return _check_encrypted(container, envelope_path, ring, code, row.seq), None
        vb = verify_bundle(
            envelope_path, trusted_keys=ring, expected_office=code, require_envelope=True
        )
    except BundleError as exc:
        raise _Unusable(str(exc), exc.message_en or str(exc)) from exc
    except OSError as exc:
        raise _Unusable(str(exc), str(exc)) from exc
    h, env = vb.header, vb.envelope
    if env is None or vb.envelope_sha256 is None or h.bundle_seq != row.seq:
        raise _Unusable("nomor paket lain", "another bundle number")
    facts = SentFacts(
        uuid=h.bundle_uuid,
        container=container,
        size=env.size,
        envelope_sha256=vb.envelope_sha256,
        record_count=h.changes.count,
        change_from=h.changes.start,
        change_to=h.changes.end,
        counts=dict(h.counts),
        attachment_count=h.attachment_count,
        report_count=h.report_count,
    )
    return facts, vb.rotation


def _check_encrypted(
    container: Path, envelope_path: Path, ring: KeyRing, code: str, seq: int
) -> SentFacts:
    """An age-encrypted bundle, as far as the office can check it without central's key:
    the signed envelope, and the container's size and SHA-256 it names (the zip inside was
    verified by the export before it was encrypted)."""
    envelope, _signer, env_sha = check_envelope_files(
        envelope_path, envelope_path.with_name(envelope_path.name + ".sig"), ring
    )
    if (envelope.office_id, envelope.bundle_seq, envelope.file) != (code, seq, container.name):
        raise _Unusable("amplop paket lain", "the envelope of another bundle")
    size = container.stat().st_size
    if size != envelope.size or sha256_file(container) != envelope.sha256:
        raise _Unusable("berkas terenkripsi tidak utuh", "the encrypted file is not whole")
    return SentFacts(
        uuid=envelope.bundle_uuid,
        container=container,
        size=size,
        envelope_sha256=env_sha,
        record_count=envelope.changes.count,
        change_from=envelope.changes.start,
        change_to=envelope.changes.end,
    )


def _switch_to_announced_key(
    session: Session, paths: DataPaths, code: str, row: SyncBundle, rotation: KeyRotation
) -> None:
    """A rotation bundle that is whole: use the new key it announces, whose private key file
    the rotation wrote (under the name it always uses) before exporting."""
    name = f"office-{code}-{keys.short_fingerprint(rotation.new_key)}.key.pem"
    if not (paths.keys / name).is_file():
        raise _Unusable("berkas kunci baru tidak ada", f"the new key file {name} is missing")
    switch_key(
        session,
        office_id=code,
        old_key_id=row.key_id,
        new_public=rotation.new_key,
        file_name=name,
        seq=row.seq,
    )


def _temps(folder: Path, stem: str) -> list[Path]:
    """The export's hidden temporary files of bundle ``stem`` in ``folder``."""
    finals = {stem + s for s in _SUFFIXES}
    found: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in folder.glob(f".{stem}.*"):
            m = _TEMP_RE.match(entry.name)
            if m and m["final"] in finals:
                found.append(entry)
    return found


def _remove(paths: list[Path]) -> tuple[Path, ...]:
    removed: list[Path] = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("cannot remove %s: %s", path, exc)
            continue
        removed.append(path)
    return tuple(removed)


def _remove_temps(folder: Path, stem: str) -> tuple[Path, ...]:
    return _remove(_temps(folder, stem))


def _remove_bundle_files(folder: Path, stem: str) -> tuple[Path, ...]:
    """Every file of bundle ``stem`` in ``folder``: the envelope first (so that no reader
    finds an envelope without its zip), then signature, container and temporary files."""
    finals = [folder / (stem + s) for s in (ENVELOPE_SUFFIX, SIG_SUFFIX, AGE_SUFFIX, ZIP_SUFFIX)]
    return _remove([*finals, *_temps(folder, stem)])
