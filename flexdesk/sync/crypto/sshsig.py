"""OpenSSH signatures (SSHSIG) over Ed25519, produced and checked with ``cryptography`` alone.

The framing follows OpenSSH's PROTOCOL.sshsig, so ``ssh-keygen -Y verify`` accepts what
:func:`sign` writes and :func:`verify` accepts what ``ssh-keygen -Y sign`` writes (Ed25519 is
deterministic: both produce the same bytes for the same key, namespace and message).

The namespace is part of the signed data: a signature made for ``flexdesk-bundle-v1`` does not
verify as ``flexdesk-receipt-v1``, so a bundle signature can never be replayed as a receipt.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from flexdesk.sync._errors import bundle_error
from flexdesk.sync.crypto.keys import SSH_ED25519, public_key_blob, public_key_raw, ssh_string

MAGIC = b"SSHSIG"
VERSION = 1

NS_ENVELOPE = "flexdesk-envelope-v1"
NS_BUNDLE = "flexdesk-bundle-v1"
NS_RECEIPT = "flexdesk-receipt-v1"
NS_ROTATION = "flexdesk-key-rotation-v1"

_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
_HASHES = {"sha512": hashlib.sha512, "sha256": hashlib.sha256}


@dataclass(frozen=True)
class SshSignature:
    """A parsed SSHSIG blob."""

    public_key: bytes  # raw 32-byte Ed25519 key
    namespace: str
    hash_algorithm: str
    signature: bytes  # raw 64-byte Ed25519 signature


def _signed_data(namespace: str, hash_algorithm: str, digest: bytes) -> bytes:
    return (
        MAGIC
        + ssh_string(namespace.encode("utf-8"))
        + ssh_string(b"")
        + ssh_string(hash_algorithm.encode("ascii"))
        + ssh_string(digest)
    )


def sign(
    message: bytes, key: Ed25519PrivateKey, namespace: str, *, hash_algorithm: str = "sha512"
) -> str:
    """Armored SSHSIG (``-----BEGIN SSH SIGNATURE-----`` ...), as ``ssh-keygen -Y sign``."""
    if not namespace:
        raise ValueError("SSHSIG needs a namespace")
    digest = _HASHES[hash_algorithm](message).digest()
    raw_sig = key.sign(_signed_data(namespace, hash_algorithm, digest))
    blob = (
        MAGIC
        + VERSION.to_bytes(4, "big")
        + ssh_string(public_key_blob(key.public_key()))
        + ssh_string(namespace.encode("utf-8"))
        + ssh_string(b"")
        + ssh_string(hash_algorithm.encode("ascii"))
        + ssh_string(ssh_string(SSH_ED25519) + ssh_string(raw_sig))
    )
    return _armor(blob)


def _bad(detail: str) -> Exception:
    return bundle_error(
        "bad-signature",
        f"Tanda tangan tidak sah ({detail}).",
        f"Invalid signature ({detail}).",
    )


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise _bad("truncated")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def uint32(self) -> int:
        return int.from_bytes(self.take(4), "big")

    def string(self) -> bytes:
        return self.take(self.uint32())

    def done(self) -> bool:
        return self.pos == len(self.data)


def _armor(blob: bytes) -> str:
    b64 = base64.b64encode(blob).decode("ascii")
    lines = [b64[i : i + 70] for i in range(0, len(b64), 70)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


def parse(armored: str | bytes, *, strict: bool = True) -> SshSignature:
    """Parse an armored SSHSIG; BundleError("bad-signature") if malformed.

    ``strict`` (the default) accepts only the exact bytes ``ssh-keygen -Y sign`` writes
    (70-column base64, LF line ends, one final newline), so that no byte of a signature file
    can change without the check failing (base64 has spare bits; whitespace is elastic).
    """
    text = armored.decode("ascii", "replace") if isinstance(armored, bytes) else armored
    lines = [ln.strip() for ln in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _BEGIN or lines[-1] != _END:
        raise _bad("not an SSH signature")
    try:
        blob = base64.b64decode("".join(lines[1:-1]), validate=True)
    except ValueError as exc:
        raise _bad("bad base64") from exc
    r = _Reader(blob)
    if r.take(6) != MAGIC or r.uint32() != VERSION:
        raise _bad("unknown SSHSIG version")
    pk = _Reader(r.string())
    if pk.string() != SSH_ED25519:
        raise _bad("not an Ed25519 key")
    pub = pk.string()
    namespace = r.string()
    r.string()  # reserved
    hash_algorithm = r.string().decode("ascii", "replace")
    sig = _Reader(r.string())
    if sig.string() != SSH_ED25519:
        raise _bad("not an Ed25519 signature")
    raw_sig = sig.string()
    if not (r.done() and pk.done() and sig.done()) or len(pub) != 32 or len(raw_sig) != 64:
        raise _bad("malformed")
    if hash_algorithm not in _HASHES:
        raise _bad(f"unsupported hash {hash_algorithm}")
    if strict and _armor(blob) != text:
        raise _bad("not in canonical form")
    try:
        ns = namespace.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad("namespace not UTF-8") from exc
    return SshSignature(pub, ns, hash_algorithm, raw_sig)


def verify(
    message: bytes, armored: str | bytes, *, namespace: str, public_key: Ed25519PublicKey
) -> None:
    """Check that ``armored`` is ``public_key``'s signature of ``message`` in ``namespace``.

    Raises BundleError("bad-signature") otherwise (wrong key, namespace, data or format).
    """
    parsed = parse(armored)
    if parsed.namespace != namespace:
        raise _bad(f"namespace {parsed.namespace!r}, expected {namespace!r}")
    if parsed.public_key != public_key_raw(public_key):
        raise _bad("signed by a different key")
    digest = _HASHES[parsed.hash_algorithm](message).digest()
    try:
        public_key.verify(parsed.signature, _signed_data(namespace, parsed.hash_algorithm, digest))
    except InvalidSignature as exc:
        raise _bad("does not match the data") from exc
