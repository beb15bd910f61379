"""What ``flexdesk.sync.crypto.age`` tells the operator about a bad ``.age`` file, and its
progress, cancel, hashing and path handling (interop with the age binary: test_interop.py;
malformed headers: test_age_headers.py)."""

from __future__ import annotations

import errno
import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from flexdesk.errors import BundleError, Cancelled
from flexdesk.sync.crypto import age

SIZE = 9 * 1024 * 1024 + 123  # past two progress reports, not a whole number of chunks
SEALED = SIZE + 22 + (SIZE // 65536 + 1) * 16  # rough size check for the encrypted file


def age_tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} is needed (Debian package: age)"
    return path


@pytest.fixture
def sealed(tmp_path: Path) -> tuple[Path, bytes, str]:
    """A file the age binary encrypted, its plaintext and the identity it was made for."""
    identity, recipient = age.generate_identity()
    plain = hashlib.shake_256(b"flexdesk").digest(SIZE)
    (tmp_path / "plain.bin").write_bytes(plain)
    out = tmp_path / "c.zip.age"
    subprocess.run(
        [age_tool("age"), "-r", recipient, "-o", str(out), str(tmp_path / "plain.bin")], check=True
    )
    return out, plain, identity


def refused(tmp_path: Path, data: bytes, identity: str) -> BundleError:
    src = tmp_path / "bad.zip.age"
    src.write_bytes(data)
    dst = tmp_path / "bad.zip"
    with pytest.raises(BundleError) as err:
        age.decrypt_file(src, dst, identity)
    assert not dst.exists(), "a failed decryption leaves no partial zip"
    assert err.value.message and err.value.message_en and err.value.message != err.value.message_en
    return err.value


def test_wrong_key_says_so(tmp_path: Path, sealed: tuple[Path, bytes, str]) -> None:
    other, _ = age.generate_identity()
    err = refused(tmp_path, sealed[0].read_bytes(), other)
    assert err.code == "decrypt-failed"
    assert "not encrypted to this key" in err.message_en
    assert "bukan untuk kunci ini" in err.message


@pytest.mark.parametrize("offset", [5, 42])
def test_broken_header_mac_is_damage_not_a_wrong_key(
    tmp_path: Path, sealed: tuple[Path, bytes, str], offset: int
) -> None:
    """A changed MAC character; the last one (offset 42) also leaves non-canonical base64,
    which the old reader swallowed and then blamed the key for."""
    data = bytearray(sealed[0].read_bytes())
    at = data.index(b"\n--- ") + 5 + offset
    assert data[at + 1 : at + 2] == (b"\n" if offset == 42 else data[at + 1 : at + 2])
    data[at] = ord("B") if data[at] != ord("B") else ord("C")
    err = refused(tmp_path, bytes(data), sealed[2])
    assert err.code == "decrypt-damaged"
    assert "MAC" in err.message_en or "malformed header" in err.message_en
    assert "not encrypted to this key" not in err.message_en


def test_changed_stanza_fails_the_header_mac(
    tmp_path: Path, sealed: tuple[Path, bytes, str]
) -> None:
    """Another file's stanza for the same key: the file key differs, so the MAC fails."""
    data = sealed[0].read_bytes()
    other = subprocess.run(
        [age_tool("age"), "-r", age.recipient_of(sealed[2])],
        input=b"x",
        capture_output=True,
        check=True,
    ).stdout
    head_end = data.index(b"\n--- ")
    spliced = other[: other.index(b"\n--- ")] + data[head_end:]
    err = refused(tmp_path, spliced, sealed[2])
    assert err.code == "decrypt-damaged" and "MAC" in err.message_en


def test_flipped_payload_byte_is_damage(tmp_path: Path, sealed: tuple[Path, bytes, str]) -> None:
    data = bytearray(sealed[0].read_bytes())
    data[len(data) // 2] ^= 0x01
    err = refused(tmp_path, bytes(data), sealed[2])
    assert err.code == "decrypt-damaged" and "payload damaged" in err.message_en


@pytest.mark.parametrize("where", ["in the intro", "in the header", "after the nonce"])
def test_cut_before_the_payload_is_truncated(
    tmp_path: Path, sealed: tuple[Path, bytes, str], where: str
) -> None:
    data = sealed[0].read_bytes()
    mac_end = data.index(b"\n", data.index(b"\n--- ") + 1) + 1
    cut = {"in the intro": 10, "in the header": mac_end - 5, "after the nonce": mac_end + 16}
    err = refused(tmp_path, data[: cut[where]], sealed[2])
    assert err.code == "truncated" and "truncated" in err.message_en


@pytest.mark.parametrize("cut", [1, 100, 65536 + 16, 2 * (65536 + 16)])
def test_cut_in_the_payload_is_damage(
    tmp_path: Path, sealed: tuple[Path, bytes, str], cut: int
) -> None:
    """Mid-chunk or exactly on a chunk boundary (the last-chunk flag is then missing)."""
    err = refused(tmp_path, sealed[0].read_bytes()[:-cut], sealed[2])
    assert err.code == "decrypt-damaged" and "truncated" in err.message_en


def test_data_after_the_last_chunk_is_refused(
    tmp_path: Path, sealed: tuple[Path, bytes, str]
) -> None:
    err = refused(tmp_path, sealed[0].read_bytes() + b"\x00" * 16, sealed[2])
    assert err.code == "decrypt-damaged"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "decrypt-damaged"),
        (b"", "truncated"),
        (b"age-encryption.org/v2\n-> X25519 AAAA\n", "decrypt-damaged"),
    ],
)
def test_not_an_age_file(tmp_path: Path, data: bytes, code: str) -> None:
    identity, _ = age.generate_identity()
    assert refused(tmp_path, data, identity).code == code


def test_armored_file_is_refused(tmp_path: Path, sealed: tuple[Path, bytes, str]) -> None:
    """Bundles are binary .age files; rage would also read the PEM-like armor."""
    armored = subprocess.run(
        [age_tool("age"), "-a", "-r", age.recipient_of(sealed[2])],
        input=b"x",
        capture_output=True,
        check=True,
    ).stdout
    err = refused(tmp_path, armored, sealed[2])
    assert err.code == "decrypt-damaged" and "not an age file" in err.message_en


def test_bad_keys(tmp_path: Path, sealed: tuple[Path, bytes, str]) -> None:
    err = refused(tmp_path, sealed[0].read_bytes(), "# only a comment\n")
    assert err.code == "decrypt-failed" and "bad identity" in err.message_en
    with pytest.raises(BundleError) as bad:
        age.encrypt_file(sealed[0], tmp_path / "x.age", "age1notakey")
    assert bad.value.code == "bad-key"
    with pytest.raises(ValueError):
        age.recipient_of("AGE-SECRET-KEY-1NOPE")


def test_key_file_as_age_keygen_writes_it(tmp_path: Path) -> None:
    keyfile = tmp_path / "k.txt"
    subprocess.run([age_tool("age-keygen"), "-o", str(keyfile)], check=True, capture_output=True)
    text = keyfile.read_text()
    assert f"# public key: {age.recipient_of(text)}\n" in text
    identity, recipient = age.generate_identity()
    assert identity.startswith("AGE-SECRET-KEY-1") and recipient.startswith("age1")
    assert age.recipient_of(f"# created\n\n{identity}\n") == recipient


def test_progress_hash_and_size(tmp_path: Path, sealed: tuple[Path, bytes, str]) -> None:
    src, plain, identity = sealed
    seen: list[int] = []
    sha = age.decrypt_file(src, tmp_path / "out.zip", identity, progress=seen.append)
    assert (tmp_path / "out.zip").read_bytes() == plain
    assert sha == hashlib.sha256(src.read_bytes()).hexdigest()
    assert seen == sorted(seen) and len(seen) >= 3 and seen[-1] == src.stat().st_size
    seen.clear()
    sha, size = age.encrypt_file(
        tmp_path / "plain.bin",
        tmp_path / "ours.age",
        age.recipient_of(identity),
        progress=seen.append,
    )
    data = (tmp_path / "ours.age").read_bytes()
    assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
    # + header: rage adds a random-length "grease" stanza to some headers (seen: 304 bytes)
    assert SIZE < size < SEALED + 1024
    assert seen == sorted(seen) and len(seen) >= 3 and seen[-1] == SIZE


@pytest.mark.parametrize("direction", ["decrypt", "encrypt"])
def test_cancel_stops_and_leaves_no_output(
    tmp_path: Path, sealed: tuple[Path, bytes, str], direction: str
) -> None:
    src, _, identity = sealed
    calls: list[int] = []

    def cancel_on_second_look() -> bool:
        calls.append(1)
        return len(calls) >= 2

    dst = tmp_path / "out.bin"
    with pytest.raises(Cancelled):
        if direction == "decrypt":
            age.decrypt_file(src, dst, identity, is_cancelled=cancel_on_second_look)
        else:
            age.encrypt_file(
                tmp_path / "plain.bin",
                dst,
                age.recipient_of(identity),
                is_cancelled=cancel_on_second_look,
            )
    assert len(calls) == 2
    if direction == "decrypt":
        assert not dst.exists()
    else:  # the export removes its temporary files itself; only a part was written
        assert dst.stat().st_size < SIZE


class _Disk:
    """Stands in for ``open`` in the age module: the output file counts its writes and fails
    the ``fail_at``-th one with ENOSPC (0: never)."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.writes = 0

    def open(self, path: Path, mode: str = "r") -> Any:
        fh = open(path, mode)  # noqa: SIM115 (closed by the caller's with)
        if "x" not in mode:
            return fh
        disk = self

        class Output:
            def __enter__(self) -> Output:
                return self

            def __exit__(self, *exc: object) -> None:
                fh.close()

            def write(self, data: bytes) -> int:
                disk.writes += 1
                if disk.writes == disk.fail_at:
                    raise OSError(errno.ENOSPC, "No space left on device")
                return fh.write(data)

            def flush(self) -> None:
                fh.flush()

            def fileno(self) -> int:
                return fh.fileno()

        return Output()


@pytest.mark.parametrize("direction", ["decrypt", "encrypt"])
@pytest.mark.parametrize("which", ["first", "last"])
def test_write_error_comes_back_as_itself(
    tmp_path: Path,
    sealed: tuple[Path, bytes, str],
    monkeypatch: pytest.MonkeyPatch,
    direction: str,
    which: str,
) -> None:
    """A full disk is the OSError the export's handler knows, not text inside a pyrage error,
    and not lost when it hits pyrage's last buffered write (dropped without a check in Rust:
    the envelope would then sign a cut-off file)."""
    src, _, identity = sealed

    def run(disk: _Disk, n: int) -> None:
        monkeypatch.setattr(age, "open", disk.open, raising=False)
        dst = tmp_path / f"out{n}.bin"
        if direction == "decrypt":
            age.decrypt_file(src, dst, identity)
        else:
            age.encrypt_file(tmp_path / "plain.bin", dst, age.recipient_of(identity))

    counting = _Disk(0)
    run(counting, 0)
    assert counting.writes > 10
    with pytest.raises(OSError) as err:
        run(_Disk(1 if which == "first" else counting.writes), 1)
    assert err.value.errno == errno.ENOSPC and not isinstance(err.value, BundleError)


def test_paths_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "Dinas Pendidikan" / "bundel ü é 日本"
    folder.mkdir(parents=True)
    identity, recipient = age.generate_identity()
    plain = folder / "bukti scan ñ.zip"
    plain.write_bytes(b"%PDF" * 5000)
    age.encrypt_file(plain, folder / "paket 1 ü.zip.age", recipient)
    keyfile = folder / "kunci pusat.txt"
    keyfile.write_text(identity + "\n", encoding="utf-8")
    out = subprocess.run(
        [age_tool("age"), "-d", "-i", str(keyfile), str(folder / "paket 1 ü.zip.age")],
        capture_output=True,
        check=True,
    ).stdout
    assert out == plain.read_bytes()
    age.decrypt_file(folder / "paket 1 ü.zip.age", folder / "hasil ö.zip", identity)
    assert (folder / "hasil ö.zip").read_bytes() == plain.read_bytes()
    theirs = folder / "dari age ß.zip.age"
    subprocess.run([age_tool("age"), "-r", recipient, "-o", str(theirs), str(plain)], check=True)
    age.decrypt_file(theirs, folder / "hasil 2 ö.zip", identity)
    assert (folder / "hasil 2 ö.zip").read_bytes() == plain.read_bytes()
