"""A third party checks an exported bundle with stock tools, exactly as docs/bundle-format.md
("Checks a third party can run") tells them to."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from flexdesk.sync.bundle import verify_bundle
from flexdesk.sync.crypto import age, keys, sshsig
from tests.support.sync import UUIDS, OfficeFixture, audit_rows, audit_segment, sample_bundle


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian: openssh-client, coreutils, unzip, age)")
    return path


def sh(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, str]:
    office, written = sample_bundle(tmp_path)
    folder = written.envelope_path.parent
    (folder / "allowed_signers").write_text(
        keys.allowed_signers_line(
            "office-O042", office.key.public_key(), [sshsig.NS_ENVELOPE, sshsig.NS_BUNDLE]
        )
        + "\n"
    )
    return folder, written.envelope.stem


def doc_commands(n: str, *, encrypted: bool = False) -> str:
    """The commands of docs/bundle-format.md section 13, exactly, for stem ``n``."""
    doc = (Path(__file__).parents[3] / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    block = doc.split("## 13.")[1].split("```sh\n")[1].split("```")[0]
    lines = [ln for ln in block.splitlines() if encrypted or not ln.startswith("age -d")]
    script = "\n".join(ln.split("  #")[0] for ln in lines)
    return script.replace("W/N", f"W/{n}").replace("N.", f"{n}.")


def test_third_party_commands_accept_a_genuine_bundle(exported: tuple[Path, str]) -> None:
    for tool in ("ssh-keygen", "unzip", "zipinfo", "sha512sum", "sha256sum", "jq"):
        need(tool)
    folder, n = exported
    script = doc_commands(n)
    assert "ssh-keygen -Y verify" in script and "sha512sum --strict -c" in script
    result = sh(script, folder)
    assert result.returncode == 0, script + result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert 'Good "flexdesk-envelope-v1" signature for office-O042' in out
    assert 'Good "flexdesk-bundle-v1" signature for office-O042' in out


def test_envelope_is_jq_canonical(exported: tuple[Path, str]) -> None:
    need("jq")
    folder, n = exported
    assert sh(f"jq -cS . {n}.envelope.json | cmp - {n}.envelope.json", folder).returncode == 0


def test_receipt_checked_with_ssh_keygen(tmp_path: Path) -> None:
    need("ssh-keygen")
    from flexdesk.sync.receipt import Receipt, sign_receipt, write_receipt_files

    central = keys.generate_key()
    signed = sign_receipt(
        Receipt(
            office_id="O042",
            bundle_seq=1,
            bundle_uuid=None,
            envelope_sha256=None,
            status="applied",
            applied_through_change=2,
            next_expected_seq=2,
            received_at="2025-07-01T00:00:00Z",
            central_key_id=keys.key_id(central.public_key()),
            receipt_id=1,
        ),
        central,
    )
    write_receipt_files(signed, tmp_path)
    (tmp_path / "central_signers").write_text(
        keys.allowed_signers_line("flexdesk-central", central.public_key(), [sshsig.NS_RECEIPT])
        + "\n"
    )
    n = "O042-000000001"
    result = sh(
        f"ssh-keygen -Y verify -f central_signers -I flexdesk-central -n flexdesk-receipt-v1 "
        f"-s {n}.receipt.json.sig < {n}.receipt.json",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_third_party_commands_catch_tampering(exported: tuple[Path, str]) -> None:
    need("ssh-keygen")
    need("sha512sum")
    need("unzip")
    folder, n = exported
    assert sh(f"unzip -q {n}.zip -d W", folder).returncode == 0
    changes = folder / "W" / n / "data" / "records" / "changes.ndjson"
    changes.write_bytes(changes.read_bytes().replace(b"Siti", b"Sita"))
    bad = sh(f"cd W/{n} && sha512sum --strict -c manifest-sha512.txt", folder)
    assert bad.returncode != 0
    env = folder / f"{n}.envelope.json"
    env.write_bytes(env.read_bytes().replace(b'"bundle_seq":1', b'"bundle_seq":2'))
    bad = sh(
        f"ssh-keygen -Y verify -f allowed_signers -I office-O042 -n flexdesk-envelope-v1 "
        f"-s {n}.envelope.json.sig < {n}.envelope.json",
        folder,
    )
    assert bad.returncode != 0
    # a bundle signature is not accepted in the receipt namespace
    wrong_ns = sh(
        f"ssh-keygen -Y verify -f allowed_signers -I office-O042 -n flexdesk-receipt-v1 "
        f"-s W/{n}/tagmanifest-sha512.txt.sig < W/{n}/tagmanifest-sha512.txt",
        folder,
    )
    assert wrong_ns.returncode != 0


def test_third_party_audit_checks(exported: tuple[Path, str]) -> None:
    """The spec's two jq lines accept the genuine audit rows, catch an edited row, and catch a
    consistent rewrite (every hash recomputed) by the signed head in bundle.json."""
    import json

    from flexdesk.sync.auditchain import AuditRecord, entry_hash
    from flexdesk.sync.format.canonical import canonical_json_line

    for tool in ("unzip", "jq", "sha256sum"):
        need(tool)
    folder, n = exported
    assert sh(f"unzip -q {n}.zip -d W", folder).returncode == 0
    lines = [ln for ln in doc_commands(n).splitlines() if "audit.ndjson" in ln]
    assert len(lines) == 2
    segment, hashes = (sh(ln, folder) for ln in lines)
    assert segment.returncode == 0 and segment.stdout.strip() == "true", segment.stderr
    assert hashes.returncode == 0, hashes.stderr

    path = folder / "W" / n / "data" / "audit" / "audit.ndjson"
    genuine = path.read_bytes()
    path.write_bytes(genuine.replace(b'"actor_name":"admin"', b'"actor_name":"adm1n"', 1))
    assert sh(lines[1], folder).returncode != 0, "an edited row no longer matches its hash"

    rows = [AuditRecord.from_json(json.loads(ln)) for ln in genuine.splitlines()]
    prev, out = rows[0].prev_hash, b""
    for row in rows:
        fields = {k: v for k, v in row.to_json().items() if k != "hash"}
        fields.update(prev_hash=prev, actor_name="adm1n" if row.actor_name == "admin" else "x")
        prev = entry_hash(**fields)
        out += canonical_json_line({**fields, "hash": prev})
    path.write_bytes(out)
    assert sh(lines[1], folder).returncode == 0, "consistent in itself"
    assert sh(lines[0], folder).returncode != 0, "but not the head bundle.json declares"


def test_openssl_raw_ed25519_fallback(exported: tuple[Path, str], tmp_path: Path) -> None:
    """The documented fallback: the raw Ed25519 signature inside SSHSIG checked by openssl."""
    openssl = need("openssl")
    folder, n = exported
    sig = sshsig.parse((folder / f"{n}.envelope.json.sig").read_text())
    import hashlib

    signed = (
        b"SSHSIG"
        + keys.ssh_string(sig.namespace.encode())
        + keys.ssh_string(b"")
        + keys.ssh_string(b"sha512")
        + keys.ssh_string(hashlib.sha512((folder / f"{n}.envelope.json").read_bytes()).digest())
    )
    (tmp_path / "signed.bin").write_bytes(signed)
    (tmp_path / "sig.bin").write_bytes(sig.signature)
    pub = keys.public_key_from_raw(sig.public_key)
    (tmp_path / "pub.pem").write_text(keys.public_key_pem(pub))
    result = subprocess.run(
        [
            openssl,
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "pub.pem",
            "-rawin",
            "-in",
            "signed.bin",
            "-sigfile",
            "sig.bin",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_bagit_package_validates_the_bag(exported: tuple[Path, str]) -> None:
    """Cross-check with the Library of Congress ``bagit`` package (not our verifier).

    bagit 1.9 validates our BagIt 1.0 bags as they are, with no tweaks: it checks the payload
    against manifest-sha512.txt and the listed tag files against tagmanifest-sha512.txt, and
    does not object to the signature, the one tag file the tag manifest cannot list.
    """
    bagit_pkg = pytest.importorskip("bagit")
    need("unzip")
    folder, n = exported
    assert sh(f"unzip -q {n}.zip -d W", folder).returncode == 0
    bag = bagit_pkg.Bag(str(folder / "W" / n))
    assert bag.version_info == (1, 0)
    bag.validate(completeness_only=False)
    assert bag.info["Bundle-Sequence"] == "1"
    assert set(bag.algorithms) == {"sha512"}
    (folder / "W" / n / "data" / "records" / "changes.ndjson").write_text("{}\n")
    with pytest.raises(bagit_pkg.BagValidationError):
        bagit_pkg.Bag(str(folder / "W" / n)).validate()


def test_age_cli_decrypts_our_encrypted_bundle(tmp_path: Path) -> None:
    age_bin = need("age")
    need("age-keygen")
    keyfile = tmp_path / "central.key"
    subprocess.run(["age-keygen", "-o", str(keyfile)], check=True, capture_output=True)
    identity = keyfile.read_text()
    recipient = age.recipient_of(identity)
    assert recipient in identity  # age-keygen writes "# public key: age1..."
    office = OfficeFixture(tmp_path)
    ev = office.evidence("scan.pdf", b"%PDF" + bytes(range(256)) * 700, ext="pdf")
    written = office.export(
        [office.change(UUIDS[0], {"a": 1})],
        attachments=[ev],
        encrypt_to=recipient,
        audit=audit_segment(audit_rows(2)),
    )
    assert written.container_path.name.endswith(".zip.age")
    n = written.envelope.stem
    folder = written.envelope_path.parent
    shutil.copy(keyfile, folder / "central.key")
    (folder / "allowed_signers").write_text(
        keys.allowed_signers_line(
            "office-O042", office.key.public_key(), [sshsig.NS_ENVELOPE, sshsig.NS_BUNDLE]
        )
        + "\n"
    )
    result = sh(doc_commands(n, encrypted=True), folder)
    assert result.returncode == 0, result.stdout + result.stderr
    import hashlib

    assert (
        hashlib.sha256((folder / f"{n}.zip").read_bytes()).hexdigest()
        == written.envelope.zip_sha256
    )
    (folder / f"{n}.zip").unlink()
    v = verify_bundle(
        written.envelope_path, trusted_keys={"k": office.key.public_key()}, identity=identity
    )
    assert v.changes[0].data == {"a": 1}
    del age_bin


@pytest.mark.parametrize("size", [0, 1, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024, 300_000])
def test_we_decrypt_what_age_cli_encrypts(tmp_path: Path, size: int) -> None:
    need("age")
    identity, recipient = age.generate_identity()
    plain = tmp_path / "plain.bin"
    plain.write_bytes(bytes(i % 251 for i in range(size)))
    subprocess.run(["age", "-r", recipient, "-o", str(tmp_path / "c.age"), str(plain)], check=True)
    age.decrypt_file(tmp_path / "c.age", tmp_path / "out.bin", identity)
    assert (tmp_path / "out.bin").read_bytes() == plain.read_bytes()
    # and the other way round for the same sizes
    age.encrypt_file(plain, tmp_path / "ours.age", recipient)
    (tmp_path / "id.txt").write_text(identity + "\n")
    result = subprocess.run(
        ["age", "-d", "-i", str(tmp_path / "id.txt"), str(tmp_path / "ours.age")],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout == plain.read_bytes()


def test_we_decrypt_age_cli_files_for_several_recipients(tmp_path: Path) -> None:
    """Our stanza second among several (age -r A -r B), and a key file age-keygen wrote."""
    need("age")
    keyfile = tmp_path / "kunci pusat ü.txt"
    subprocess.run([need("age-keygen"), "-o", str(keyfile)], check=True, capture_output=True)
    identity = keyfile.read_text()
    _, other = age.generate_identity()
    plain = tmp_path / "bukti scan.zip"
    plain.write_bytes(bytes(range(256)) * 1000)
    sealed = tmp_path / "paket 1.zip.age"
    subprocess.run(
        ["age", "-r", other, "-r", age.recipient_of(identity), "-o", str(sealed), str(plain)],
        check=True,
    )
    age.decrypt_file(sealed, tmp_path / "hasil.zip", identity)
    assert (tmp_path / "hasil.zip").read_bytes() == plain.read_bytes()
