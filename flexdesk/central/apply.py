"""Applying a verified bundle's changes to ``central_records`` (inside the caller's
transaction). The rules are listed in :mod:`flexdesk.central.service`, step 5."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.central.models import (
    CentralAttachment,
    CentralConflict,
    CentralOfficeKey,
    CentralRecord,
    CentralReport,
)
from flexdesk.central.store import CentralPaths
from flexdesk.sync.bundle import ChangeRecord, VerifiedBundle, bundle_stem
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.canonical import canonical_json
from flexdesk.sync.rotation import KeyRotation

log = logging.getLogger(__name__)

COUNT_KEYS = ("applied", "unchanged", "stale", "conflicts", "attachments", "reports")


def content_digest(op: str, data: str) -> str:
    """What "equal content" means for a record: operation and canonical JSON data."""
    return hashlib.sha256(f"{op}\n{data}".encode()).hexdigest()


def apply_bundle(
    s: Session, *, vb: VerifiedBundle, payload: Path, paths: CentralPaths, now: datetime
) -> dict[str, int]:
    """Apply records, store evidence and reports, honour a key rotation; return counts."""
    h = vb.header
    counts = dict.fromkeys(COUNT_KEYS, 0)
    ack_seq = h.base_ack.ack_seq if h.base_ack is not None else 0
    current = _load_current(s, h.office_id, vb.changes)
    with s.no_autoflush:
        for change in vb.changes:
            outcome = apply_change(
                s,
                office_id=h.office_id,
                bundle_seq=h.bundle_seq,
                ack_seq=ack_seq,
                ch=change,
                now=now,
                current=current,
            )
            counts[outcome] += 1
    counts["attachments"] += _store_attachments(s, vb, payload, paths)
    counts["reports"] += _store_reports(s, vb, payload, paths)
    if vb.rotation is not None:
        rotate_key(s, office_id=h.office_id, bundle_seq=h.bundle_seq, rotation=vb.rotation)
    return counts


def _store_attachments(s: Session, vb: VerifiedBundle, payload: Path, paths: CentralPaths) -> int:
    """Move the bundle's evidence files into the content-addressed store; returns how many
    central did not know before."""
    h = vb.header
    added = 0
    for att in vb.attachments:
        # content-addressed: a file already in the store is identical by construction
        dest = paths.attachments / att.sha256[:2] / f"{att.sha256}.{att.ext}"
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(payload / "attachments" / f"{att.sha256}.{att.ext}", dest)
        if s.get(CentralAttachment, att.sha256) is None:
            s.add(
                CentralAttachment(
                    sha256=att.sha256,
                    ext=att.ext,
                    size=att.size,
                    office_id=h.office_id,
                    bundle_seq=h.bundle_seq,
                )
            )
            added += 1
    return added


def _store_reports(s: Session, vb: VerifiedBundle, payload: Path, paths: CentralPaths) -> int:
    """Move the bundle's reports under ``reports/<office>/<stem>/``; returns how many are new."""
    h = vb.header
    added = 0
    stem = bundle_stem(h.office_id, h.bundle_seq)
    for name in vb.reports:
        rel = Path(h.office_id) / stem / f"{name}.pdf"
        dest = paths.reports / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(payload / "reports" / f"{name}.pdf", dest)
        known = s.scalar(
            select(CentralReport.id).where(
                CentralReport.office_id == h.office_id,
                CentralReport.bundle_seq == h.bundle_seq,
                CentralReport.name == name,
            )
        )
        if known is None:
            s.add(
                CentralReport(
                    office_id=h.office_id,
                    bundle_seq=h.bundle_seq,
                    name=name,
                    size=dest.stat().st_size,
                    stored_path=rel.as_posix(),
                )
            )
            added += 1
    return added


def _load_current(
    s: Session, office_id: str, changes: Sequence[ChangeRecord]
) -> dict[tuple[str, str], CentralRecord]:
    """Central's rows for the bundle's records, in a few queries instead of one per record."""
    found: dict[tuple[str, str], CentralRecord] = {}
    ids = sorted({c.id for c in changes})
    for start in range(0, len(ids), 500):
        rows = s.scalars(
            select(CentralRecord).where(
                CentralRecord.office_id == office_id,
                CentralRecord.entity_id.in_(ids[start : start + 500]),
            )
        )
        for row in rows:
            found[(row.entity, row.entity_id)] = row
    return found


def apply_change(
    s: Session,
    *,
    office_id: str,
    bundle_seq: int,
    ack_seq: int,
    ch: ChangeRecord,
    now: datetime,
    current: dict[tuple[str, str], CentralRecord] | None = None,
) -> str:
    """Apply one record; returns "applied", "unchanged", "stale" or "conflicts".

    ``current`` (from a bulk load) replaces the per-record lookup and is kept up to date.
    """
    data = canonical_json(ch.data).decode("utf-8")
    digest = content_digest(ch.op, data)
    atts = json.dumps(list(ch.attachments))
    if current is None:
        cur = s.get(CentralRecord, (office_id, ch.entity, ch.id))
    else:
        cur = current.get((ch.entity, ch.id))
    if cur is None:
        new = CentralRecord(office_id=office_id, entity=ch.entity, entity_id=ch.id)
        _write(new, ch, bundle_seq=bundle_seq, data=data, digest=digest, atts=atts, now=now)
        s.add(new)
        if current is not None:
            current[(ch.entity, ch.id)] = new
        return "applied"
    if ch.rev == cur.rev:
        if cur.data_sha256 == digest:
            return "unchanged"
        return _conflict(
            s,
            office_id=office_id,
            bundle_seq=bundle_seq,
            ch=ch,
            current_rev=cur.rev,
            data=data,
            digest=digest,
            reason="same-rev-different-content",
        )
    if ch.rev < cur.rev:
        return "stale"
    # central's revision came from a bundle of this office the office had not seen
    # acknowledged when it exported this cumulative bundle: this bundle supersedes it
    superseded_here = cur.bundle_seq is not None and cur.bundle_seq > ack_seq
    if ch.base_rev == cur.rev or superseded_here:
        _write(cur, ch, bundle_seq=bundle_seq, data=data, digest=digest, atts=atts, now=now)
        return "applied"
    return _conflict(
        s,
        office_id=office_id,
        bundle_seq=bundle_seq,
        ch=ch,
        current_rev=cur.rev,
        data=data,
        digest=digest,
        reason="base-rev-mismatch",
    )


def _write(
    row: CentralRecord,
    ch: ChangeRecord,
    *,
    bundle_seq: int,
    data: str,
    digest: str,
    atts: str,
    now: datetime,
) -> None:
    """Central's row takes the incoming revision."""
    row.rev = ch.rev
    row.deleted = ch.op == "delete"
    row.data = data
    row.data_sha256 = digest
    row.attachments = atts
    row.change_seq = ch.change_seq
    row.bundle_seq = bundle_seq
    row.updated_at = now


def _conflict(
    s: Session,
    *,
    office_id: str,
    bundle_seq: int,
    ch: ChangeRecord,
    current_rev: int,
    data: str,
    digest: str,
    reason: str,
) -> str:
    known = s.scalar(
        select(CentralConflict.id).where(
            CentralConflict.office_id == office_id,
            CentralConflict.entity == ch.entity,
            CentralConflict.entity_id == ch.id,
            CentralConflict.incoming_rev == ch.rev,
            CentralConflict.data_sha256 == digest,
        )
    )
    if known is None:
        s.add(
            CentralConflict(
                office_id=office_id,
                entity=ch.entity,
                entity_id=ch.id,
                incoming_rev=ch.rev,
                base_rev=ch.base_rev,
                current_rev=current_rev,
                op=ch.op,
                data=data,
                data_sha256=digest,
                change_seq=ch.change_seq,
                bundle_seq=bundle_seq,
                reason=reason,
            )
        )
        s.flush()
    return "conflicts"


def rotate_key(s: Session, *, office_id: str, bundle_seq: int, rotation: KeyRotation) -> None:
    """End the old key at this bundle; trust the new one from the next."""
    old = s.get(CentralOfficeKey, rotation.old_key_id)
    if old is not None and (old.valid_until_seq is None or old.valid_until_seq > bundle_seq):
        old.valid_until_seq = bundle_seq
    if s.get(CentralOfficeKey, rotation.new_key_id) is None:
        s.add(
            CentralOfficeKey(
                key_id=rotation.new_key_id,
                office_id=office_id,
                public_key=keys.public_key_openssh(rotation.new_key),
                valid_from_seq=rotation.effective_from_seq,
                source="rotation",
            )
        )
    log.info(
        "office %s rotated key %s -> %s from bundle %s",
        office_id,
        rotation.old_key_id,
        rotation.new_key_id,
        rotation.effective_from_seq,
    )
