"""``flexdesk-central`` end to end on a temporary data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flexdesk.central.cli import main
from flexdesk.sync.crypto import keys
from flexdesk.sync.receipt import read_receipt_files, read_receipt_zip, verify_receipt
from tests.support.sync import UUIDS, OfficeFixture, audit_rows, audit_segment


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_flow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "central"
    base = ["--data-dir", str(data), "--lang", "en"]
    monkeypatch.setenv("FLEXDESK_CENTRAL_PASSPHRASE", "kata sandi pusat")
    code, out = run(capsys, *base, "init-key")
    assert code == 0 and "allowed_signers: flexdesk-central" in out
    assert (data / "central_ed25519.pem").read_bytes().startswith(b"-----BEGIN ENCRYPTED")
    assert run(capsys, *base, "init-key")[0] == 1  # refuses to overwrite

    office = OfficeFixture(tmp_path / "office")
    pub_file = tmp_path / "office.pub"
    pub_file.write_text(keys.public_key_openssh(office.key.public_key(), "office-O042") + "\n")
    code, out = run(
        capsys,
        *base,
        "register-office",
        "O042",
        str(pub_file),
        "--fingerprint",
        "0000-0000-0000-0000",
    )
    assert code == 1 and "Fingerprint mismatch" in out
    code, out = run(
        capsys,
        *base,
        "register-office",
        "O042",
        str(pub_file),
        "--name",
        "Kec. A",
        "--fingerprint",
        keys.short_fingerprint(office.key.public_key()),
    )
    assert code == 0 and "registered" in out

    chain = audit_rows(3)
    good = office.export([office.change(UUIDS[0], {"a": 1})], audit=audit_segment(chain))
    code, out = run(capsys, *base, "ingest", str(good.envelope_path))
    assert code == 0 and "applied" in out
    code, out = run(capsys, *base, "ingest", str(good.container_path))
    assert code == 0 and "duplicate" in out
    bad = office.export([office.change(UUIDS[1], {"b": 2})])
    bad.container_path.write_bytes(bad.container_path.read_bytes()[:-10])
    code, out = run(capsys, *base, "ingest", str(bad.envelope_path))
    assert code == 3 and "rejected [truncated]" in out

    central_pub = keys.load_public_key((data / "central_ed25519.pub").read_text())
    receipt_json = data / "receipts" / "O042" / "O042-000000001.receipt.json"
    rdata, rsig = read_receipt_files(receipt_json)
    assert (
        verify_receipt(rdata, rsig, central_keys=central_pub, expected_office="O042").receipt.status
        == "applied"
    )

    code, out = run(
        capsys, *base, "receipts", "--office", "O042", "--export", str(tmp_path / "outbox"), "--zip"
    )
    assert code == 0 and "applied" in out and "rejected" in out and "audit=#3" in out
    pairs = read_receipt_zip(tmp_path / "outbox" / "receipts-O042.zip")
    assert len(pairs) == 2
    code, out = run(capsys, *base, "quarantine")
    assert code == 0 and "[truncated]" in out
    code, out = run(capsys, *base, "conflicts")
    assert code == 0 and "No conflicts" in out
    code, out = run(capsys, *base, "offices")
    assert code == 0 and "applied_through=1" in out and "next_expected_seq=2" in out
    assert f"audit_head=#3:{chain[2].hash[:16]}" in out
    code, out = run(capsys, *base, "allowed-signers")
    assert code == 0 and out.startswith("office-O042 namespaces=")
    code, out = run(capsys, *base, "revoke-key", office.key_id, "--reason", "hilang")
    assert code == 0 and "revoked" in out
    later = office.export([office.change(UUIDS[2], {})])
    code, out = run(capsys, *base, "ingest", str(later.envelope_path))
    assert code == 3 and "revoked-key" in out
    code, out = run(capsys, *base, "allowed-signers")
    assert out == ""


def test_cli_without_key_and_wrong_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["--data-dir", str(tmp_path / "c")]
    code, out = run(capsys, *base, "offices")
    assert code == 1 and "init-key" in out
    monkeypatch.setenv("FLEXDESK_CENTRAL_PASSPHRASE", "benar")
    assert run(capsys, *base, "init-key")[0] == 0
    monkeypatch.setenv("FLEXDESK_CENTRAL_PASSPHRASE", "salah")
    code, out = run(capsys, *base, "offices")
    assert code == 1 and "salah" in out.lower()


def test_cli_age_identity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(tmp_path / "c"), "--lang", "en"]
    code, out = run(capsys, *base, "init-key", "--no-passphrase", "--age")
    assert code == 0
    recipient = next(
        line.split(": ")[1] for line in out.splitlines() if line.startswith("age recipient")
    )
    office = OfficeFixture(tmp_path / "o")
    pub = tmp_path / "o.pem"
    pub.write_text(keys.public_key_pem(office.key.public_key()))
    assert run(capsys, *base, "register-office", "O042", str(pub))[0] == 0
    w = office.export([office.change(UUIDS[0], {})], encrypt_to=recipient)
    code, out = run(capsys, *base, "ingest", str(w.container_path))
    assert code == 0 and "applied" in out


def test_core_modules_do_not_import_qt() -> None:
    script = (
        "import sys, flexdesk.sync.bundle, flexdesk.sync.receipt, flexdesk.sync.crypto.age, "
        "flexdesk.central.cli, flexdesk.central.service; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
