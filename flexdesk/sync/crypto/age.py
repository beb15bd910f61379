"""Optional bundle encryption in the age v1 format (https://age-encryption.org/v1), written
with ``cryptography`` only (X25519, HKDF-SHA256, ChaCha20-Poly1305, HMAC-SHA256).

Files written here decrypt with the stock ``age`` tool (``age -d -i central.key``) and files
``age -r age1...`` writes decrypt here; the tests check both directions. Only X25519
recipients are supported (``age1...``), which is what ``age-keygen`` makes. Encryption is
not deterministic (fresh file key), so an encrypted bundle's outer hash differs on each
export; the inner zip hash in the envelope stays the same.

Encryption hides personal data on a lost USB stick; it does not authenticate the sender (anyone
can encrypt to the central key): the envelope signature does that.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from flexdesk.errors import Cancelled
from flexdesk.sync._errors import bundle_error

INTRO = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
TAG = 16
_BATCH = 64  # chunks per read/write call (4 MiB)

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data: bytes | list[int], frombits: int, tobits: int, pad: bool) -> list[int]:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if pad and bits:
        out.append((acc << (tobits - bits)) & maxv)
    elif not pad and (bits >= frombits or ((acc << (tobits - bits)) & maxv)):
        raise ValueError("invalid padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Bech32 (BIP 173) text of ``data`` with the prefix ``hrp``, as age writes keys."""
    values = _convertbits(data, 8, 5, True)
    polymod = _polymod([*_hrp_expand(hrp), *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in values + checksum)


def bech32_decode(text: str) -> tuple[str, bytes]:
    """``(prefix, data)`` of Bech32 text; ValueError if case, characters or checksum are wrong."""
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise ValueError("bad bech32")
    hrp, data = text[:pos], text[pos + 1 :]
    if any(c not in _CHARSET for c in data):
        raise ValueError("bad character")
    values = [_CHARSET.index(c) for c in data]
    if _polymod([*_hrp_expand(hrp), *values]) != 1:
        raise ValueError("bad checksum")
    return hrp, bytes(_convertbits(values[:-6], 5, 8, False))


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(data: bytes) -> bytes:
    if b"=" in data or b"\r" in data:
        raise ValueError("padded base64")
    raw = base64.b64decode(data + b"=" * (-len(data) % 4), validate=True)
    if _b64(raw) != data:
        raise ValueError("non-canonical base64")
    return raw


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=salt, info=info).derive(ikm)


def generate_identity() -> tuple[str, str]:
    """``(identity, recipient)``: ``AGE-SECRET-KEY-1...`` and ``age1...``."""
    key = X25519PrivateKey.generate()
    secret = bech32_encode("age-secret-key-", key.private_bytes_raw()).upper()
    return secret, recipient_of(secret)


def recipient_of(identity: str) -> str:
    """The ``age1...`` recipient (public key) of an ``AGE-SECRET-KEY-1...`` identity."""
    key = _identity_key(identity)
    return bech32_encode("age", key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def _identity_key(identity: str) -> X25519PrivateKey:
    for raw in identity.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            hrp, data = bech32_decode(line)
            if hrp != "age-secret-key-" or len(data) != 32:
                raise ValueError("not an age X25519 identity")
            return X25519PrivateKey.from_private_bytes(data)
    raise ValueError("no identity found")


def _recipient_key(recipient: str) -> X25519PublicKey:
    try:
        hrp, data = bech32_decode(recipient.strip())
        if hrp != "age" or len(data) != 32:
            raise ValueError("not an age1 recipient")
    except ValueError as exc:
        raise bundle_error(
            "bad-key",
            f"Kunci enkripsi pusat tidak sah: {recipient[:20]}...",
            f"Invalid central encryption key: {recipient[:20]}...",
        ) from exc
    return X25519PublicKey.from_public_bytes(data)


def _header(file_key: bytes, recipient: X25519PublicKey) -> bytes:
    eph = X25519PrivateKey.generate()
    share = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    rcpt = recipient.public_bytes(Encoding.Raw, PublicFormat.Raw)
    wrap = _hkdf(eph.exchange(recipient), share + rcpt, b"age-encryption.org/v1/X25519")
    body = _b64(ChaCha20Poly1305(wrap).encrypt(b"\x00" * 12, file_key, None))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    if len(body) % 64 == 0:
        lines.append(b"")
    head = INTRO + b"-> X25519 " + _b64(share) + b"\n" + b"\n".join(lines) + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), head, hashlib.sha256).digest()
    return head + b" " + _b64(mac) + b"\n"


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def encrypt_file(
    src: Path,
    dst: Path,
    recipient: str,
    *,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> tuple[str, int]:
    """Encrypt ``src`` to ``dst`` (created, fsynced); returns (sha256 hex, size) of ``dst``."""
    pub = _recipient_key(recipient)
    file_key = os.urandom(16)
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    digest = hashlib.sha256()
    size = 0
    total = src.stat().st_size
    with open(src, "rb") as fin, open(dst, "xb") as fout:

        def emit(data: bytes) -> None:
            nonlocal size
            digest.update(data)
            fout.write(data)
            size += len(data)

        emit(_header(file_key, pub) + nonce)
        counter = 0
        done = 0
        while True:
            block = fin.read(CHUNK * _BATCH)
            out = []
            for i in range(0, max(len(block), 1), CHUNK):
                piece = block[i : i + CHUNK]
                last = done + i + len(piece) >= total
                out.append(aead.encrypt(_nonce(counter, last), piece, None))
                counter += 1
                if last:
                    break
            emit(b"".join(out))
            done += len(block)
            if progress is not None:
                progress(done)
            if is_cancelled is not None and is_cancelled():
                raise Cancelled()
            if done >= total:
                break
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size


def _fail(detail: str) -> Exception:
    return bundle_error(
        "decrypt-failed",
        f"Dekripsi bundel gagal ({detail}).",
        f"Decrypting the bundle failed ({detail}).",
    )


def decrypt_file(
    src: Path,
    dst: Path,
    identity: str,
    *,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> str:
    """Decrypt ``src`` into ``dst``; returns the sha256 hex of ``src`` (the envelope value)."""
    try:
        key = _identity_key(identity)
    except ValueError as exc:
        raise _fail("kunci identitas tidak sah / bad identity") from exc
    digest = hashlib.sha256()
    with open(src, "rb") as fin:
        head = _read_header(fin, digest)
        file_key = _unwrap(head, key)
        nonce = fin.read(16)
        digest.update(nonce)
        if len(nonce) != 16:
            raise _fail("terpotong / truncated")
        aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        counter = 0
        done = 0
        sealed = CHUNK + TAG
        with open(dst, "xb") as fout:
            pending = fin.read(sealed * _BATCH)
            digest.update(pending)
            while True:
                ahead = fin.read(sealed * _BATCH)
                digest.update(ahead)
                out = []
                for i in range(0, len(pending), sealed):
                    piece = pending[i : i + sealed]
                    last = not ahead and i + sealed >= len(pending)
                    if len(piece) < TAG or (len(piece) == TAG and counter > 0):
                        raise _fail("potongan terakhir kosong / empty last chunk")
                    try:
                        out.append(aead.decrypt(_nonce(counter, last), piece, None))
                    except InvalidTag as exc:
                        raise _fail("data rusak atau terpotong / corrupt or truncated") from exc
                    counter += 1
                fout.write(b"".join(out))
                done += len(pending)
                if progress is not None:
                    progress(done)
                if is_cancelled is not None and is_cancelled():
                    raise Cancelled()
                if not ahead:
                    break
                pending = ahead
            if counter == 0:
                raise _fail("terpotong / truncated")
    return digest.hexdigest()


def _read_header(fin: object, digest: hashlib._Hash) -> list[bytes]:
    lines: list[bytes] = []
    size = 0
    while True:
        line = fin.readline(4096)  # type: ignore[attr-defined]
        if not isinstance(line, bytes) or not line.endswith(b"\n"):
            raise _fail("header")
        size += len(line)
        digest.update(line)
        if size > 64 * 1024:
            raise _fail("header")
        lines.append(line[:-1])
        if line.startswith(b"---"):
            return lines


def _unwrap(lines: list[bytes], key: X25519PrivateKey) -> bytes:
    if not lines or lines[0] + b"\n" != INTRO:
        raise _fail("bukan berkas age / not an age file")
    mac_line = lines[-1]
    if not mac_line.startswith(b"--- "):
        raise _fail("header")
    stanzas: list[tuple[list[bytes], bytes]] = []
    body: list[bytes] = []
    args: list[bytes] | None = None
    for line in lines[1:-1]:
        if line.startswith(b"-> "):
            if args is not None:
                raise _fail("header")
            args, body = line[3:].split(b" "), []
        elif args is not None:
            body.append(line)
            if len(line) < 64:
                stanzas.append((args, b"".join(body)))
                args = None
        else:
            raise _fail("header")
    if args is not None:
        raise _fail("header")
    ours = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    for args, wrapped in stanzas:
        if len(args) != 2 or args[0] != b"X25519":
            continue
        with contextlib.suppress(ValueError, InvalidTag):
            share = _unb64(args[1])
            shared = key.exchange(X25519PublicKey.from_public_bytes(share))
            wrap = _hkdf(shared, share + ours, b"age-encryption.org/v1/X25519")
            file_key = ChaCha20Poly1305(wrap).decrypt(b"\x00" * 12, _unb64(wrapped), None)
            head = b"\n".join(lines[:-1]) + b"\n---"
            mac = hmac.new(_hkdf(file_key, b"", b"header"), head, hashlib.sha256).digest()
            if not hmac.compare_digest(_unb64(mac_line[4:]), mac):
                raise _fail("MAC header tidak cocok / header MAC mismatch")
            return file_key
    raise _fail("bukan untuk kunci ini / not encrypted to this key")
