"""``flexdesk key ...`` and ``flexdesk bundle ...`` end to end, with central in process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, make_engine
from flexdesk.cli import main
from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Actor
from flexdesk.sync.crypto import keys

PASS = "frasa sandi baris perintah"


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["bundle"],
        ["bundle", "export"],
        ["bundle", "verify"],
        ["bundle", "import-receipt"],
        ["bundle", "history"],
        ["key"],
        ["key", "create"],
        ["key", "rotate"],
        ["key", "show"],
        ["key", "export-public"],
        ["key", "register-central"],
    ):
        with pytest.raises(SystemExit) as exc:
            main([*argv, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("usage: flexdesk " + " ".join(argv)), argv


def test_key_bundle_receipt_history(
    admin: Actor,
    data_paths: DataPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = str(data_paths.root)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    code, out, err = run(
        capsys, "--data-dir", data, "key", "create", "--passphrase-file", str(secret)
    )
    assert code == 0, err
    assert "sidik jari" in out

    central_key = keys.generate_key()
    central_pub = tmp_path / "central.pub"
    central_pub.write_text(keys.public_key_openssh(central_key.public_key()) + "\n")
    wrong = "0000-0000-0000-0000"
    code, _, err = run(
        capsys, "--data-dir", data, "key", "register-central", str(central_pub),
        "--fingerprint", wrong,
    )  # fmt: skip
    assert code == 2 and "tidak cocok" in err
    code, out, _ = run(
        capsys, "--data-dir", data, "key", "register-central", str(central_pub),
        "--fingerprint", keys.short_fingerprint(central_key.public_key()),
    )  # fmt: skip
    assert code == 0

    code, out, _ = run(
        capsys, "--data-dir", data, "key", "export-public", "--out", str(tmp_path / "pub")
    )
    assert code == 0
    office_pem = tmp_path / "pub" / "office-O042.pem"
    assert office_pem.is_file()

    usb = tmp_path / "usb"
    # the passphrase asked without echo when no file is given
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASS)
    code, out, err = run(capsys, "--data-dir", data, "bundle", "export", "--out", str(usb))
    assert code == 0, err
    assert "Paket 1 ditulis dan diperiksa" in out
    envelope = usb / "O042-000000001.envelope.json"

    code, out, err = run(capsys, "bundle", "verify", str(envelope), "--public-key", str(office_pem))
    assert code == 0, err
    assert "Paket sah" in out and "O042 #1" in out
    code, _, err = run(
        capsys,
        "bundle",
        "verify",
        str(envelope),
        "--public-key",
        str(office_pem),
        "--last-seq",
        "1",
    )
    assert code == 2 and "Galat" in err
    other = tmp_path / "other.pub"
    other.write_text(keys.public_key_openssh(keys.generate_key().public_key()))
    code, _, _ = run(capsys, "bundle", "verify", str(envelope), "--public-key", str(other))
    assert code == 2

    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        rx = Receiver(engine, CentralPaths(tmp_path / "central"), central_key)
        rx.register_office("O042", keys.load_public_key(office_pem.read_text()))
        res = rx.ingest(envelope)
    finally:
        engine.dispose()
    assert res.status == "applied" and res.receipt_path is not None
    code, out, err = run(
        capsys, "--data-dir", data, "bundle", "import-receipt", str(res.receipt_path)
    )
    assert code == 0, err
    assert "Paket 1: applied" in out

    code, out, _ = run(capsys, "--data-dir", data, "bundle", "history")
    assert code == 0 and "#1" in out and "acknowledged (applied)" in out
    code, out, _ = run(capsys, "--data-dir", data, "key", "show")
    assert code == 0 and "Paket berikut : 2" in out

    new_secret = tmp_path / "new.txt"
    new_secret.write_text("frasa sandi kunci yang baru\n")
    code, out, err = run(
        capsys, "--data-dir", data, "key", "rotate", "--out", str(usb),
        "--passphrase-file", str(secret), "--new-passphrase-file", str(new_secret),
    )  # fmt: skip
    assert code == 0, err
    assert "Paket rotasi 2 ditulis" in out and "berlaku mulai paket 3" in out
