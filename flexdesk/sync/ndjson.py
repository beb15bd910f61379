"""The line files of a bundle, parsed and checked against ``bundle.json``: the records of
``data/records/changes.ndjson`` and the audit rows of ``data/audit/audit.ndjson``."""

from __future__ import annotations

import json

from flexdesk.sync._errors import bundle_error, mismatch
from flexdesk.sync.auditchain import AuditFormatError, AuditRecord, chain_problem
from flexdesk.sync.format.canonical import canonical_json_line, loads_strict
from flexdesk.sync.format.layout import AUDIT, CHANGES
from flexdesk.sync.format.model import BundleHeader, ChangeRecord, bad_format


def parse_audit(data: bytes, header: BundleHeader) -> tuple[AuditRecord, ...]:
    """The audit rows, checked to be exactly the chain segment the header declares."""
    assert header.audit is not None
    if data and not data.endswith(b"\n"):
        raise bad_format(AUDIT, "baris terakhir tanpa akhir baris / last line unterminated")
    rows: list[AuditRecord] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        # a line equal to the canonical form of what it parses to has no duplicate keys and
        # no NaN (canonical_json refuses it): as strict as loads_strict, without its hooks,
        # which matters for tens of thousands of rows
        try:
            obj = json.loads(line)
            canonical = canonical_json_line(obj) == line
        except (ValueError, RecursionError):  # also UnicodeDecodeError; deep nesting
            canonical = False
        if not canonical:
            raise bad_format(AUDIT, f"baris {number} bukan JSON kanonik / line {number}")
        try:
            rows.append(AuditRecord.from_json(obj))
        except AuditFormatError as exc:
            raise bad_format(AUDIT, f"line {number}: {exc}") from exc
    problem = chain_problem(rows, header.audit)
    if problem is not None:
        raise bundle_error(
            "audit-chain",
            f"Baris audit dalam bundel tidak membentuk rantai hash yang dinyatakan: {problem}.",
            f"The audit rows in the bundle do not form the declared hash chain: {problem}.",
        )
    return tuple(rows)


def parse_changes(data: bytes, header: BundleHeader) -> tuple[ChangeRecord, ...]:
    """The change records, in increasing ``change_seq`` inside the header's range, with the
    header's total and per-entity counts."""
    if data and not data.endswith(b"\n"):
        raise bad_format(CHANGES, "baris terakhir tanpa akhir baris / last line unterminated")
    out: list[ChangeRecord] = []
    last = header.changes.start - 1
    counts: dict[str, int] = {}
    for line in data.splitlines(keepends=True):
        rec = ChangeRecord.from_json(loads_strict(line, what=CHANGES))
        if rec.change_seq <= last or rec.change_seq > header.changes.end:
            raise mismatch(
                f"change_seq {rec.change_seq} di luar urutan/rentang",
                f"change_seq {rec.change_seq} out of order/range",
            )
        last = rec.change_seq
        counts[rec.entity] = counts.get(rec.entity, 0) + 1
        out.append(rec)
    if len(out) != header.changes.count or counts != header.counts:
        raise mismatch("jumlah perubahan", "change counts")
    return tuple(out)
