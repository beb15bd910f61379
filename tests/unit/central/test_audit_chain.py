"""Central keeps each office's audit chain and refuses a bundle whose chain does not continue
what it already holds (a rewritten office history); receipts carry the accepted audit head."""

from __future__ import annotations

import json

import pytest

from flexdesk.central.audit import audit_entries
from flexdesk.central.service import IngestResult, Receiver
from flexdesk.sync.auditchain import AuditSegment
from flexdesk.sync.format import model
from flexdesk.sync.receipt import AuditHead
from tests.support.sync import UUIDS, OfficeFixture, audit_rows, audit_segment

from .conftest import data_counts


def stored(receiver: Receiver, office: OfficeFixture) -> list[object]:
    with receiver.Session() as s:
        return list(audit_entries(s, office.office_id))


def head_of(result: IngestResult) -> AuditHead | None:
    assert result.receipt is not None
    return result.receipt.receipt.audit


def test_chain_continues_across_bundles_and_reingest_is_idempotent(
    receiver: Receiver, office: OfficeFixture
) -> None:
    chain = audit_rows(9)
    first = office.export([office.change(UUIDS[0], {"n": 1})], audit=audit_segment(chain[:5]))
    r1 = receiver.ingest(first.envelope_path)
    assert r1.status == "applied", r1.message_en
    assert head_of(r1) == AuditHead(5, chain[4].hash)
    assert r1.receipt is not None and r1.receipt.receipt.format_version == 2
    assert b'"audit":{"hash":"' + chain[4].hash.encode() in r1.receipt.data

    second = office.export([office.change(UUIDS[1], {"n": 2})], audit=audit_segment(chain[5:]))
    r2 = receiver.ingest(second.envelope_path)
    assert r2.status == "applied", r2.message_en
    assert head_of(r2) == AuditHead(9, chain[8].hash)
    assert stored(receiver, office) == list(chain)

    before = data_counts(receiver)
    again = receiver.ingest(second.envelope_path)
    assert again.status == "duplicate"
    assert again.receipt is not None and r2.receipt is not None
    assert again.receipt.data == r2.receipt.data
    assert data_counts(receiver) == before
    assert stored(receiver, office) == list(chain)


def test_cumulative_overlap_and_late_older_bundle_are_no_ops(
    receiver: Receiver, office: OfficeFixture
) -> None:
    """A bundle resending rows central already holds (a lost receipt) is applied; the rows it
    shares must be identical, and only the new ones are stored."""
    chain = audit_rows(9)
    b1 = office.export([office.change(UUIDS[0], {})], audit=audit_segment(chain[:4]))
    b2 = office.export([office.change(UUIDS[1], {})], audit=audit_segment(chain[:7]))
    b3 = office.export([office.change(UUIDS[2], {})], audit=audit_segment(chain[2:]))
    assert receiver.ingest(b1.envelope_path).status == "applied"
    r3 = receiver.ingest(b3.envelope_path)
    assert r3.status == "applied", r3.message_en
    assert head_of(r3) == AuditHead(9, chain[8].hash)
    late = receiver.ingest(b2.envelope_path)  # older bundle, overlapping entirely
    assert late.status == "superseded", late.message_en
    assert head_of(late) == AuditHead(9, chain[8].hash)
    assert stored(receiver, office) == list(chain)


def test_rewritten_office_history_is_refused(receiver: Receiver, office: OfficeFixture) -> None:
    """Row 4 edited in the office database and the chain recomputed from there: consistent in
    itself (the verifier is satisfied), but not what central received before."""
    chain = audit_rows(6)
    r1 = receiver.ingest(office.export([], audit=audit_segment(chain)).envelope_path)
    assert r1.status == "applied"
    forged = chain[:3] + audit_rows(5, start=4, prev_hash=chain[2].hash, tag="palsu ")
    # the cumulative bundle resends from row 3: row 4 onwards differ
    bundle = office.export([office.change(UUIDS[0], {})], audit=audit_segment(forged[2:]))
    before = data_counts(receiver)
    result = receiver.ingest(bundle.envelope_path)
    assert (result.status, result.code) == ("rejected", "audit-continuity")
    assert "row #4" in (result.message_en or "") and "rewritten" in (result.message_en or "")
    assert "baris #4" in (result.message or "")
    assert data_counts(receiver) == before, "nothing of the bundle is applied"
    assert stored(receiver, office) == list(chain)
    assert head_of(result) == AuditHead(6, chain[5].hash)
    (q,) = receiver.quarantined(office.office_id)
    assert q.code == "audit-continuity" and q.authentic

    # only new rows, continuing from a rewritten row 6 (prev_hash is not central's row 6)
    tail = audit_rows(2, start=7, prev_hash=forged[5].hash)
    result = receiver.ingest(office.export([], audit=audit_segment(tail)).envelope_path)
    assert (result.status, result.code) == ("rejected", "audit-continuity")
    assert "row #6" in (result.message_en or "")
    # the genuine continuation is still accepted afterwards
    good = audit_rows(2, start=7, prev_hash=chain[5].hash)
    result = receiver.ingest(office.export([], audit=audit_segment(good)).envelope_path)
    assert result.status == "applied", result.message_en
    assert stored(receiver, office) == list(chain + good)


def test_head_is_checked_even_without_new_rows(receiver: Receiver, office: OfficeFixture) -> None:
    chain = audit_rows(3)
    assert receiver.ingest(office.export([], audit=audit_segment(chain)).envelope_path).status
    same = AuditSegment(start=4, prev_hash=chain[2].hash)
    ok = receiver.ingest(office.export([], audit=same).envelope_path)
    assert ok.status == "applied" and head_of(ok) == AuditHead(3, chain[2].hash)
    other = AuditSegment(start=4, prev_hash="f" * 64)
    bad = receiver.ingest(office.export([], audit=other).envelope_path)
    assert (bad.status, bad.code) == ("rejected", "audit-continuity")


def test_missing_audit_rows_answer_gap(receiver: Receiver, office: OfficeFixture) -> None:
    chain = audit_rows(8)
    assert receiver.ingest(office.export([], audit=audit_segment(chain[:3])).envelope_path)
    before = data_counts(receiver)
    result = receiver.ingest(
        office.export([office.change(UUIDS[0], {})], audit=audit_segment(chain[5:])).envelope_path
    )
    assert (result.status, result.code) == ("gap", "gap")
    assert "Audit rows 4..5" in (result.message_en or "")
    assert head_of(result) == AuditHead(3, chain[2].hash)
    after = data_counts(receiver)
    assert after["central_records"] == before["central_records"]
    assert after["central_audit_log"] == before["central_audit_log"]


def test_bundle_without_audit_part(
    receiver: Receiver, office: OfficeFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 1 bundles (offices not yet updated) are applied and answered with format 1
    receipts; once central holds an office's chain, a bundle without it is refused."""
    with monkeypatch.context() as m:
        m.setattr(model, "FORMAT_VERSION", 1)
        old = office.export([office.change(UUIDS[0], {"n": 1})])
    r_old = receiver.ingest(old.envelope_path)
    assert r_old.status == "applied", r_old.message_en
    assert r_old.receipt is not None and r_old.receipt.receipt.format_version == 1
    assert json.loads(r_old.receipt.data)["format_version"] == 1
    assert b'"audit"' not in r_old.receipt.data

    chain = audit_rows(2)
    r = receiver.ingest(office.export([], audit=audit_segment(chain)).envelope_path)
    assert r.status == "applied" and head_of(r) == AuditHead(2, chain[1].hash)
    without = receiver.ingest(office.export([office.change(UUIDS[1], {})]).envelope_path)
    assert (without.status, without.code) == ("rejected", "audit-continuity")
    assert "carries no audit trail" in (without.message_en or "")
    with monkeypatch.context() as m:
        m.setattr(model, "FORMAT_VERSION", 1)
        old2 = office.export([office.change(UUIDS[2], {})])
    r_old2 = receiver.ingest(old2.envelope_path)
    assert (r_old2.status, r_old2.code) == ("rejected", "audit-continuity")
    assert r_old2.receipt is not None and r_old2.receipt.receipt.format_version == 1
