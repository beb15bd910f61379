"""Central ingest's last-resort guard (issue 18): any error nobody foresaw while ingesting one
bundle quarantines it as ``internal-error`` with the traceback in the log, issues no receipt,
applies nothing, and ``flexdesk-central ingest`` says so and exits non-zero, never a crash.

An internal step is made to fail (the errors a hostile bundle caused before: UnicodeEncodeError
from a lone surrogate, or any bug: RuntimeError), before and inside the apply transaction.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from flexdesk.central import service as central_service
from flexdesk.central.cli import main
from flexdesk.central.service import Receiver
from flexdesk.sync._errors import CODES
from flexdesk.sync.bundle import WrittenBundle
from flexdesk.sync.crypto import keys
from tests.support.sync import (
    UUIDS,
    OfficeFixture,
    build_zip,
    entries_for,
    read_bag,
    replace_zip,
    resign_bag,
)

from .conftest import data_counts


def _surrogate(*_a: object, **_kw: object) -> object:
    return "x \ud800 y".encode()


def _bug(*_a: object, **_kw: object) -> object:
    raise RuntimeError("a bug in a step of ingest")


@pytest.fixture
def bundle(office: OfficeFixture) -> WrittenBundle:
    return office.export([office.change(UUIDS[0], {"nama": "Dewi"})])


@pytest.mark.parametrize(
    "case",
    [
        ("verify_bundle", _surrogate, "UnicodeEncodeError"),
        ("verify_bundle", _bug, "RuntimeError"),
        ("apply_bundle", _surrogate, "UnicodeEncodeError"),  # inside the apply transaction
        ("check_audit", _bug, "RuntimeError"),
    ],
)
def test_an_unexpected_error_quarantines_the_bundle_without_a_receipt(
    receiver: Receiver,
    bundle: WrittenBundle,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    case: tuple[str, object, str],
) -> None:
    step, fail, exc_name = case
    before = data_counts(receiver)
    monkeypatch.setattr(central_service, step, fail)
    with caplog.at_level(logging.ERROR, logger="flexdesk.central.service"):
        result = receiver.ingest(bundle.envelope_path)
    assert (result.status, result.code) == ("rejected", "internal-error")
    assert result.receipt is None and result.receipt_path is None
    assert exc_name in (result.message_en or "") and exc_name in (result.message or "")
    assert data_counts(receiver) == before
    assert not list(receiver.receipts_dir.rglob("*.sig"))
    rows = receiver.quarantined()
    assert [r.code for r in rows] == ["internal-error"] and result.quarantine_id == rows[0].id
    assert (receiver.paths.quarantine / rows[0].stored_dir / "envelope.json").is_file()
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "Traceback" in caplog.text and exc_name in logged

    # once the receiver is fixed, the same bundle is applied: nothing was half-recorded
    monkeypatch.undo()
    again = receiver.ingest(bundle.envelope_path)
    assert again.status == "applied" and again.receipt is not None


def test_a_failing_quarantine_is_logged_and_still_answered(
    receiver: Receiver,
    bundle: WrittenBundle,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(central_service, "verify_bundle", _bug)
    from flexdesk.central import quarantine as q

    monkeypatch.setattr(q, "quarantine", _bug)
    with caplog.at_level(logging.ERROR):
        result = receiver.ingest(bundle.envelope_path)
    assert (result.status, result.code, result.quarantine_id) == (
        "rejected",
        "internal-error",
        None,
    )
    assert "could not be quarantined" in caplog.text


def test_a_hostile_file_name_is_quarantined_with_a_storable_name(
    receiver: Receiver, bundle: WrittenBundle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file name that is not UTF-8 (a lone surrogate under surrogateescape) or carries a
    line break must not make the quarantine row itself unstorable."""
    monkeypatch.setattr(central_service, "verify_bundle", _bug)
    odd = tmp_path / "O042-000000001\udcff\n.envelope.json"
    result = receiver.ingest(odd)
    assert result.status == "rejected" and result.quarantine_id is not None
    [row] = receiver.quarantined()
    assert "\n" not in row.source_name and "\udcff" not in row.source_name


def test_cli_reports_an_internal_error_and_exits_non_zero(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "central"
    base = ["--data-dir", str(data), "--lang", "en"]
    monkeypatch.setenv("FLEXDESK_CENTRAL_PASSPHRASE", "kata sandi pusat")
    assert main([*base, "init-key"]) == 0
    office = OfficeFixture(tmp_path / "office")
    pub = tmp_path / "office.pub"
    pub.write_text(keys.public_key_openssh(office.key.public_key(), "office-O042") + "\n")
    assert main([*base, "register-office", "O042", str(pub)]) == 0
    written = office.export([office.change(UUIDS[0], {"a": 1})])
    capsys.readouterr()
    monkeypatch.setattr(central_service, "apply_bundle", _bug)
    code = main([*base, "ingest", str(written.envelope_path)])
    out = capsys.readouterr()
    assert code == 3
    assert "rejected [internal-error]" in out.out
    assert "internal error" in out.out and "no receipt" in out.out
    assert "Traceback" not in out.out  # the traceback goes to the log, not at the operator


def test_internal_error_is_a_documented_code() -> None:
    assert "internal-error" in CODES
    doc = Path(__file__).parents[3] / "docs" / "bundle-format.md"
    assert "`internal-error`" in doc.read_text(encoding="utf-8")


def test_a_signed_bundle_holding_a_lone_surrogate_is_quarantined_not_a_crash(
    receiver: Receiver, office: OfficeFixture
) -> None:
    """The issue's case: the office (an insider) re-signs changes carrying the JSON escape
    ``\\ud800``; the strict reader decoded it and crashed ingest with UnicodeEncodeError."""
    written = office.export([office.change(UUIDS[0], {"nama": "x SURROG y"})])
    top, files = read_bag(written.container_path)
    name = "data/records/changes.ndjson"
    assert b"SURROG" in files[name]
    files[name] = files[name].replace(b"SURROG", b"\\ud800")  # same length: sizes still agree
    replace_zip(written, office.key, build_zip(entries_for(top, resign_bag(files, office.key))))
    before = data_counts(receiver)
    result = receiver.ingest(written.envelope_path)
    assert result.status == "rejected"
    # internal-error until the reader refuses it itself (then a bundle code and a receipt)
    assert result.code in ("internal-error", "bad-format"), result.message_en
    assert data_counts(receiver) == before
    assert [r.code for r in receiver.quarantined()] == [result.code]
