"""Office keys and SSHSIG signatures, checked against OpenSSH and OpenSSL themselves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from flexdesk.errors import BundleError
from flexdesk.sync.crypto import keys, sshsig

FAST = 1000  # PBKDF2 iterations in tests (the default is deliberately slow)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} not installed (Debian: openssh-client / openssl)")
    return path


def test_private_key_round_trip_with_passphrase(tmp_path: Path) -> None:
    key = keys.generate_key()
    path = tmp_path / "office.pem"
    keys.save_private_key(path, key, "rahasia kantor", iterations=FAST)
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert path.stat().st_mode & 0o777 == 0o600
    loaded = keys.load_private_key(path, "rahasia kantor")
    assert keys.key_id(loaded.public_key()) == keys.key_id(key.public_key())


def test_wrong_or_missing_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "office.pem"
    keys.save_private_key(path, keys.generate_key(), "benar", iterations=FAST)
    with pytest.raises(BundleError) as err:
        keys.load_private_key(path, "salah")
    assert err.value.code == "bad-passphrase"
    with pytest.raises(BundleError) as err:
        keys.load_private_key(path, None)
    assert err.value.code == "bad-passphrase"


def test_empty_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(BundleError):
        keys.save_private_key(tmp_path / "k.pem", keys.generate_key(), "")


def test_openssl_reads_our_pkcs8(tmp_path: Path) -> None:
    openssl = _need("openssl")
    key = keys.generate_key()
    path = tmp_path / "office.pem"
    keys.save_private_key(path, key, "pw-123", iterations=FAST)
    out = subprocess.run(
        [openssl, "pkey", "-in", str(path), "-passin", "pass:pw-123", "-pubout"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out == keys.public_key_pem(key.public_key())


def test_public_key_formats_and_fingerprints(tmp_path: Path) -> None:
    ssh_keygen = _need("ssh-keygen")
    key = keys.generate_key()
    pub = key.public_key()
    line = keys.public_key_openssh(pub, comment="office-O042")
    assert line.startswith("ssh-ed25519 ") and line.endswith(" office-O042")
    assert keys.key_id(keys.load_public_key(line)) == keys.key_id(pub)
    assert keys.key_id(keys.load_public_key(keys.public_key_pem(pub))) == keys.key_id(pub)
    (tmp_path / "k.pub").write_text(line + "\n")
    shown = subprocess.run(
        [ssh_keygen, "-l", "-E", "sha256", "-f", str(tmp_path / "k.pub")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert shown[1] == keys.fingerprint_sha256(pub)
    short = keys.short_fingerprint(pub)
    assert len(short) == 19 and short.count("-") == 3


def test_load_public_key_rejects_other_things() -> None:
    with pytest.raises(BundleError) as err:
        keys.load_public_key("ssh-rsa AAAAB3NzaC1yc2E= x")
    assert err.value.code == "bad-key"


def test_sshsig_identical_to_ssh_keygen(tmp_path: Path) -> None:
    ssh_keygen = _need("ssh-keygen")
    key = keys.generate_key()
    priv = tmp_path / "id"
    priv.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    priv.chmod(0o600)
    msg = tmp_path / "m.txt"
    msg.write_bytes(b"tag manifest\n")
    subprocess.run(
        [ssh_keygen, "-q", "-Y", "sign", "-f", str(priv), "-n", sshsig.NS_BUNDLE, str(msg)],
        check=True,
        capture_output=True,
    )
    theirs = (tmp_path / "m.txt.sig").read_text()
    ours = sshsig.sign(msg.read_bytes(), key, sshsig.NS_BUNDLE)
    assert ours == theirs
    sshsig.verify(msg.read_bytes(), theirs, namespace=sshsig.NS_BUNDLE, public_key=key.public_key())


def test_ssh_keygen_verifies_ours_and_enforces_namespace(tmp_path: Path) -> None:
    ssh_keygen = _need("ssh-keygen")
    key = keys.generate_key()
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(
        keys.allowed_signers_line("office-O042", key.public_key(), [sshsig.NS_ENVELOPE]) + "\n"
    )
    data = b'{"office_id":"O042"}\n'
    sig = tmp_path / "e.sig"
    sig.write_text(sshsig.sign(data, key, sshsig.NS_ENVELOPE))

    def run(ns: str) -> int:
        return subprocess.run(
            [
                ssh_keygen,
                "-Y",
                "verify",
                "-f",
                str(allowed),
                "-I",
                "office-O042",
                "-n",
                ns,
                "-s",
                str(sig),
            ],
            input=data,
            capture_output=True,
            check=False,
        ).returncode

    assert run(sshsig.NS_ENVELOPE) == 0
    assert run(sshsig.NS_RECEIPT) != 0


def test_verify_rejects_wrong_namespace_key_and_data() -> None:
    key = keys.generate_key()
    other = keys.generate_key()
    sig = sshsig.sign(b"data", key, sshsig.NS_BUNDLE)
    sshsig.verify(b"data", sig, namespace=sshsig.NS_BUNDLE, public_key=key.public_key())
    cases = [
        (b"data", sshsig.NS_RECEIPT, key),
        (b"Data", sshsig.NS_BUNDLE, key),
        (b"data", sshsig.NS_BUNDLE, other),
    ]
    for message, ns, k in cases:
        with pytest.raises(BundleError) as err:
            sshsig.verify(message, sig, namespace=ns, public_key=k.public_key())
        assert err.value.code == "bad-signature"
    for garbage in ["", "-----BEGIN SSH SIGNATURE-----\n!!\n-----END SSH SIGNATURE-----\n"]:
        with pytest.raises(BundleError):
            sshsig.parse(garbage)


def test_keyring_validity_window() -> None:
    pub = keys.generate_key().public_key()
    tk = keys.TrustedKey(keys.key_id(pub), "O042", pub, valid_from_seq=3, valid_until_seq=9)
    assert not tk.valid_for(2) and tk.valid_for(3) and tk.valid_for(9) and not tk.valid_for(10)
    ring = keys.KeyRing([tk])
    assert ring.find_by_public_key(keys.public_key_raw(pub)) is tk
    assert keys.as_keyring({"label": pub}, "O042")[keys.key_id(pub)].office_id == "O042"


def test_signature_file_must_be_byte_exact() -> None:
    key = keys.generate_key()
    sig = sshsig.sign(b"data", key, sshsig.NS_BUNDLE)
    for variant in (sig.rstrip("\n"), sig + "\n", sig.replace("\n", "\r\n"), " " + sig):
        with pytest.raises(BundleError):
            sshsig.verify(b"data", variant, namespace=sshsig.NS_BUNDLE, public_key=key.public_key())
