"""The payload of a bundle, from what the office hands to ``write_bundle``: the change records
as canonical lines, the evidence files (one per content hash), the reports, the key rotation
and audit files, each validated before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flexdesk.sync._errors import bundle_error
from flexdesk.sync.auditchain import AuditSegment, chain_problem
from flexdesk.sync.format.canonical import canonical_json_line
from flexdesk.sync.format.layout import AUDIT, CHANGES
from flexdesk.sync.format.model import (
    EXT_RE,
    REPORT_NAME_RE,
    SHA256_RE,
    AttachmentSource,
    ChangeRecord,
    ReportFile,
    bad_input,
)
from flexdesk.sync.rotation import KeyRotation


@dataclass(frozen=True)
class PayloadItem:
    """One payload file: its bag path and either its bytes or the file to copy."""

    bag_path: str
    data: bytes | None = None
    path: Path | None = None
    size: int = 0
    sha256: str | None = None  # expected content hash (attachments)


def collect_payload(
    changes: Sequence[ChangeRecord],
    attachments: Sequence[AttachmentSource],
    reports: Sequence[ReportFile],
    rotation: KeyRotation | None,
    audit: AuditSegment | None = None,
) -> tuple[list[PayloadItem], bytes]:
    """Every payload file of the bundle, and the ``changes.ndjson`` bytes."""
    records = _records(changes)
    items = [PayloadItem(CHANGES, data=records, size=len(records))]
    by_sha: dict[str, AttachmentSource] = {}
    for att in attachments:
        if not SHA256_RE.match(att.sha256) or not EXT_RE.match(att.ext):
            raise bad_input(f"lampiran {att.sha256!r}.{att.ext!r}", "attachment name")
        seen = by_sha.get(att.sha256)
        if seen is not None:
            if seen.ext != att.ext:
                raise bad_input("lampiran ganda beda ekstensi", "same attachment, two extensions")
            continue
        by_sha[att.sha256] = att
        items.append(
            PayloadItem(att.bag_path, path=att.path, size=_size(att.path), sha256=att.sha256)
        )
    names: set[str] = set()
    for rep in reports:
        stem = rep.bag_path[len("data/reports/") : -len(".pdf")]
        if not REPORT_NAME_RE.match(stem) or rep.bag_path in names:
            raise bad_input(f"nama laporan {rep.name!r}", f"report name {rep.name!r}")
        names.add(rep.bag_path)
        items.append(PayloadItem(rep.bag_path, path=rep.path, size=_size(rep.path)))
    if rotation is not None:
        items.extend(PayloadItem(p, data=d, size=len(d)) for p, d in rotation.files().items())
    if audit is not None:
        rows = _audit_rows(audit)
        items.append(PayloadItem(AUDIT, data=rows, size=len(rows)))
    return items, records


def _records(changes: Sequence[ChangeRecord]) -> bytes:
    last = 0
    for change in changes:
        change.validate()
        if change.change_seq <= last:
            raise bad_input(
                "change_seq harus naik tanpa duplikat", "change_seq must strictly increase"
            )
        last = change.change_seq
    return b"".join(canonical_json_line(c.to_json()) for c in changes)


def _audit_rows(audit: AuditSegment) -> bytes:
    """``audit.ndjson``: the segment's rows, refused unless they are an intact chain."""
    if audit.start < 1 or not SHA256_RE.match(audit.prev_hash):
        raise bad_input("awal jejak audit", "audit segment start/prev_hash")
    problem = chain_problem(audit.rows, audit.range)
    if problem is not None:
        raise bundle_error(
            "audit-chain",
            f"Jejak audit kantor rusak ({problem}); jalankan 'flexdesk audit verify' dan "
            "hubungi kantor pusat. Bundel tidak dibuat.",
            f"The office audit trail is damaged ({problem}); run 'flexdesk audit verify' "
            "and contact central. No bundle was written.",
        )
    return b"".join(canonical_json_line(r.to_json()) for r in audit.rows)


def _size(path: Path) -> int:
    try:
        st = path.stat()
    except OSError as exc:
        raise bad_input(f"berkas tidak ada: {path}", f"file missing: {path}") from exc
    return st.st_size
