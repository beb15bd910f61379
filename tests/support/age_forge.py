"""Hand-built age v1 files for the hostile-header tests.

A malformed header is only a fair test if nothing else is wrong with the file: the stanza
lines are edited first and the header MAC and payload are computed afterwards with the real
file key, exactly as a hostile writer holding the recipient key would. So a reader that
refuses these files refuses them for the malformation, not for a MAC or tag mismatch.
(This is the writing half of the hand-written age module FlexDesk used before pyrage.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

CHUNK = 64 * 1024
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

#: the stanza lines of a header (without the intro and the MAC line), edited by a test
Edit = Callable[[list[bytes]], list[bytes]]


def b64(data: bytes) -> bytes:
    """age's base64: standard alphabet, no padding."""
    return base64.b64encode(data).rstrip(b"=")


def wrap_body(body: bytes) -> list[bytes]:
    """A stanza body as age writes it: 64-column lines, the last one shorter (maybe empty)."""
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    if len(body) % 64 == 0:
        lines.append(b"")
    return lines


def _bech32_values(data: bytes) -> list[int]:
    acc = bits = 0
    out = []
    for value in data:
        acc = (acc << 8) | value
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def _polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def bech32(hrp: str, data: bytes) -> str:
    """Bech32 text (BIP 173), as age writes keys."""
    values = _bech32_values(data)
    expanded = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    polymod = _polymod([*expanded, *values, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in values + checksum)


def new_key() -> tuple[X25519PrivateKey, str]:
    """A private key and its ``AGE-SECRET-KEY-1...`` text."""
    key = X25519PrivateKey.generate()
    return key, bech32("age-secret-key-", key.private_bytes_raw()).upper()


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=salt, info=info).derive(ikm)


def x25519_stanza(file_key: bytes, recipient: X25519PublicKey) -> list[bytes]:
    """The lines of a correct X25519 stanza wrapping ``file_key`` for ``recipient``."""
    eph = X25519PrivateKey.generate()
    share = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    rcpt = recipient.public_bytes(Encoding.Raw, PublicFormat.Raw)
    wrap = _hkdf(eph.exchange(recipient), share + rcpt, b"age-encryption.org/v1/X25519")
    body = b64(ChaCha20Poly1305(wrap).encrypt(b"\x00" * 12, file_key, None))
    return [b"-> X25519 " + b64(share), *wrap_body(body)]


def payload(file_key: bytes, plain: bytes) -> bytes:
    """Nonce and STREAM chunks of ``plain`` (one empty last chunk for empty input)."""
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    pieces = [plain[i : i + CHUNK] for i in range(0, len(plain), CHUNK)] or [b""]
    out = [nonce]
    for counter, piece in enumerate(pieces):
        last = b"\x01" if counter == len(pieces) - 1 else b"\x00"
        out.append(aead.encrypt(counter.to_bytes(11, "big") + last, piece, None))
    return b"".join(out)


def forge(recipient: X25519PublicKey, plain: bytes, edit: Edit | None = None) -> bytes:
    """An age file of ``plain`` for ``recipient`` whose stanza lines ``edit`` may change;
    the header MAC and the payload are then computed correctly over whatever it returned."""
    file_key = os.urandom(16)
    stanzas = x25519_stanza(file_key, recipient)
    if edit is not None:
        stanzas = edit(stanzas)
    head = b"age-encryption.org/v1\n" + b"".join(line + b"\n" for line in stanzas) + b"---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), head, hashlib.sha256).digest()
    return head + b" " + b64(mac) + b"\n" + payload(file_key, plain)
