"""Ed25519 keys for offices and for the central receiver.

What an office does with this module (the Sinkronisasi page / first-run wizard):

>>> key = generate_key()
>>> save_private_key(path, key, passphrase="...")     # PKCS#8, encrypted, file mode 0600
>>> key = load_private_key(path, passphrase="...")    # BundleError("bad-passphrase") if wrong
>>> public_key_openssh(key.public_key(), comment="office-O042")   # line to register centrally
>>> public_key_pem(key.public_key())                  # same key as PEM (openssl, Java, ...)
>>> short_fingerprint(key.public_key())               # "3F2A-91C0-7BE4-D215", read by phone
>>> key_id(key.public_key())                          # "SHA256:..." as ``ssh-keygen -l`` prints

``key_id`` is the identifier written into bundles (``bundle.json``, envelope) and receipts; it
is the OpenSSH SHA256 fingerprint of the public key, so anyone can recompute it with
``ssh-keygen -l -f key.pub``.

The private key file is standard PKCS#8 (``-----BEGIN ENCRYPTED PRIVATE KEY-----``, PBES2 with
PBKDF2-HMAC-SHA256 and AES-256-CBC) readable by OpenSSL, but written with a high PBKDF2
iteration count (the ``cryptography`` default is 2048, far too few for a human passphrase on
a stolen laptop).

:class:`KeyRing` is the verifier's view of trusted keys: which office a key belongs to, from
which bundle sequence it is valid, until which (set by a key rotation) and whether it was
revoked. ``verify_bundle`` accepts a KeyRing or a plain ``{key_id: public_key}`` mapping.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import atomic_write_bytes

#: PBKDF2-HMAC-SHA256 iterations for the encrypted private key (OWASP 2023 figure)
DEFAULT_KDF_ITERATIONS = 600_000

SSH_ED25519 = b"ssh-ed25519"


def generate_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 key pair."""
    return Ed25519PrivateKey.generate()


# --- private key at rest ---------------------------------------------------------------


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + body


def _der_seq(*parts: bytes) -> bytes:
    return _der(0x30, b"".join(parts))


def _der_int(value: int) -> bytes:
    raw = value.to_bytes(value.bit_length() // 8 + 1, "big")
    return _der(0x02, raw)


def _der_oid(dotted: str) -> bytes:
    nums = [int(x) for x in dotted.split(".")]
    body = bytearray([40 * nums[0] + nums[1]])
    for num in nums[2:]:
        chunk = [num & 0x7F]
        rest = num >> 7
        while rest:
            chunk.append(0x80 | (rest & 0x7F))
            rest >>= 7
        body.extend(reversed(chunk))
    return _der(0x06, bytes(body))


_OID_PBES2 = "1.2.840.113549.1.5.13"
_OID_PBKDF2 = "1.2.840.113549.1.5.12"
_OID_HMAC_SHA256 = "1.2.840.113549.2.9"
_OID_AES256_CBC = "2.16.840.1.101.3.4.1.42"


def private_key_pem(
    key: Ed25519PrivateKey, passphrase: str | bytes, *, iterations: int = DEFAULT_KDF_ITERATIONS
) -> bytes:
    """PKCS#8 ``ENCRYPTED PRIVATE KEY`` PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)."""
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    if not secret:
        raise bundle_error(
            "bad-input",
            "Frasa sandi kunci tidak boleh kosong.",
            "The key passphrase must not be empty.",
        )
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt = os.urandom(16)
    iv = os.urandom(16)
    kdf = PBKDF2HMAC(algorithm=SHA256(), length=32, salt=salt, iterations=iterations)
    aes_key = kdf.derive(secret)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(padded) + enc.finalize()
    algorithm = _der_seq(
        _der_oid(_OID_PBES2),
        _der_seq(
            _der_seq(
                _der_oid(_OID_PBKDF2),
                _der_seq(
                    _der(0x04, salt),
                    _der_int(iterations),
                    _der_seq(_der_oid(_OID_HMAC_SHA256), b"\x05\x00"),
                ),
            ),
            _der_seq(_der_oid(_OID_AES256_CBC), _der(0x04, iv)),
        ),
    )
    der = _der_seq(algorithm, _der(0x04, ciphertext))
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    text = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + "\n".join(lines)
    return (text + "\n-----END ENCRYPTED PRIVATE KEY-----\n").encode("ascii")


def save_private_key(
    path: Path,
    key: Ed25519PrivateKey,
    passphrase: str | bytes | None,
    *,
    iterations: int = DEFAULT_KDF_ITERATIONS,
) -> None:
    """Write the private key atomically with file mode 0600.

    ``passphrase=None`` writes an unencrypted PKCS#8 key: only for a central server whose
    disk is protected otherwise, and only when the caller asks for it explicitly.
    """
    if passphrase is None:
        data = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    else:
        data = private_key_pem(key, passphrase, iterations=iterations)
    atomic_write_bytes(path, data, mode=0o600)


def load_private_key(path: Path, passphrase: str | bytes | None) -> Ed25519PrivateKey:
    """Read a PKCS#8 PEM Ed25519 key; BundleError("bad-passphrase"/"bad-key") on failure."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise bundle_error(
            "bad-key",
            f"Berkas kunci privat tidak dapat dibaca: {path} ({exc.strerror})",
            f"Cannot read the private key file: {path} ({exc.strerror})",
        ) from exc
    return private_key_from_pem(data, passphrase, where=str(path))


def private_key_from_pem(
    data: bytes, passphrase: str | bytes | None, *, where: str
) -> Ed25519PrivateKey:
    """:func:`load_private_key` for PEM bytes from elsewhere than a file (the encrypted key a
    server database keeps); ``where`` names their origin in errors."""
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    encrypted = b"ENCRYPTED PRIVATE KEY" in data
    if encrypted and not secret:
        raise bundle_error(
            "bad-passphrase",
            "Kunci privat terenkripsi: masukkan frasa sandinya.",
            "The private key is encrypted: enter its passphrase.",
        )
    try:
        key = serialization.load_pem_private_key(data, password=secret if encrypted else None)
    except (ValueError, TypeError) as exc:
        if encrypted:
            raise bundle_error(
                "bad-passphrase",
                "Frasa sandi kunci privat salah.",
                "Wrong passphrase for the private key.",
            ) from exc
        raise bundle_error(
            "bad-key",
            f"Berkas bukan kunci privat yang dikenali: {where}",
            f"Not a recognised private key file: {where}",
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise bundle_error(
            "bad-key",
            "Kunci privat harus bertipe Ed25519.",
            "The private key must be an Ed25519 key.",
        )
    return key


# --- public keys -------------------------------------------------------------------------


def ssh_string(data: bytes) -> bytes:
    """SSH wire ``string``: uint32 length + bytes."""
    return len(data).to_bytes(4, "big") + data


def public_key_blob(pub: Ed25519PublicKey) -> bytes:
    """SSH wire form of the public key (what fingerprints and SSHSIG use)."""
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return ssh_string(SSH_ED25519) + ssh_string(raw)


def public_key_raw(pub: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of an Ed25519 public key."""
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from its 32 raw bytes."""
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_openssh(pub: Ed25519PublicKey, comment: str = "") -> str:
    """``ssh-ed25519 AAAA... comment`` (no newline)."""
    line = "ssh-ed25519 " + base64.b64encode(public_key_blob(pub)).decode("ascii")
    comment = comment.strip()
    if comment:
        if any(c in comment for c in "\r\n"):
            raise ValueError("comment must be one line")
        line += " " + comment
    return line


def public_key_pem(pub: Ed25519PublicKey) -> str:
    """The key as PEM text (SubjectPublicKeyInfo)."""
    return pub.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_key(data: str | bytes) -> Ed25519PublicKey:
    """Parse an OpenSSH ``ssh-ed25519`` line or a PEM public key (or a PEM private key's
    public half is *not* accepted: give the public key)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.strip()
    loaded: object
    try:
        if text.startswith("ssh-ed25519 "):
            loaded = serialization.load_ssh_public_key(" ".join(text.split()[:2]).encode())
        elif "-----BEGIN PUBLIC KEY-----" in text:
            loaded = serialization.load_pem_public_key(text.encode("ascii"))
        else:
            raise ValueError("unrecognised public key format")
    except (ValueError, TypeError) as exc:
        raise bundle_error(
            "bad-key",
            "Kunci publik tidak dikenali (harus baris ssh-ed25519 atau PEM).",
            "Unrecognised public key (expected an ssh-ed25519 line or PEM).",
        ) from exc
    if not isinstance(loaded, Ed25519PublicKey):
        raise bundle_error(
            "bad-key", "Kunci publik harus bertipe Ed25519.", "The public key must be Ed25519."
        )
    return loaded


def fingerprint_sha256(pub: Ed25519PublicKey) -> str:
    """``SHA256:<base64 without padding>``, exactly as ``ssh-keygen -l`` prints it."""
    digest = hashlib.sha256(public_key_blob(pub)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def key_id(pub: Ed25519PublicKey) -> str:
    """The identifier written into bundles and receipts: the SHA256 fingerprint."""
    return fingerprint_sha256(pub)


def short_fingerprint(pub: Ed25519PublicKey) -> str:
    """First 64 bits of the SHA-256 fingerprint as 4 groups of 4 hex digits.

    Hex digits are unambiguous when read aloud over a poor phone line (no O/0, l/1); the
    central operator compares this with what ``register-office`` prints.
    """
    digest = hashlib.sha256(public_key_blob(pub)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


_PRINCIPAL = re.compile(r"^[A-Za-z0-9._@+-]{1,128}$")


def allowed_signers_line(principal: str, pub: Ed25519PublicKey, namespaces: Iterable[str]) -> str:
    """One line of an OpenSSH ``allowed_signers`` file (see ssh-keygen(1) ALLOWED SIGNERS)."""
    if not _PRINCIPAL.match(principal):
        raise ValueError(f"principal not allowed in allowed_signers: {principal!r}")
    ns = ",".join(namespaces)
    return f'{principal} namespaces="{ns}" {public_key_openssh(pub)}'


# --- key ring ----------------------------------------------------------------------------


#: ``TrustedKey.office_id`` value meaning "any office" (plain key mappings)
ANY_OFFICE = "*"


@dataclass(frozen=True)
class TrustedKey:
    """A public key the verifier trusts for one office within a range of bundle sequences."""

    key_id: str
    office_id: str
    public_key: Ed25519PublicKey
    valid_from_seq: int = 1
    #: last bundle sequence signed with this key (set by a rotation); None = open-ended
    valid_until_seq: int | None = None
    revoked: bool = False

    def valid_for(self, seq: int) -> bool:
        """May this key sign bundle number ``seq`` (revocation aside)?"""
        if seq < self.valid_from_seq:
            return False
        return self.valid_until_seq is None or seq <= self.valid_until_seq


class KeyRing(Mapping[str, TrustedKey]):
    """Trusted public keys by key id (immutable once built)."""

    def __init__(self, keys: Iterable[TrustedKey] = ()) -> None:
        self._keys: dict[str, TrustedKey] = {}
        for key in keys:
            if key.key_id in self._keys:
                raise ValueError(f"duplicate key id {key.key_id}")
            self._keys[key.key_id] = key

    @classmethod
    def from_public_keys(
        cls, office_id: str, keys: Iterable[Ed25519PublicKey], *, valid_from_seq: int = 1
    ) -> KeyRing:
        """Every key trusted for ``office_id`` from ``valid_from_seq`` on (office-side tools)."""
        return cls(TrustedKey(key_id(k), office_id, k, valid_from_seq=valid_from_seq) for k in keys)

    def __getitem__(self, kid: str) -> TrustedKey:
        return self._keys[kid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def find_by_public_key(self, raw: bytes) -> TrustedKey | None:
        """The entry for the raw public key (from a signature), or None."""
        for entry in self._keys.values():
            if public_key_raw(entry.public_key) == raw:
                return entry
        return None


def as_keyring(trusted: Mapping[str, Ed25519PublicKey] | KeyRing, office_id: str | None) -> KeyRing:
    """Accept the simple ``{label: public_key}`` form: every key trusted for ``office_id``
    (None = for whatever office the bundle claims: "*"). Labels are ignored; entries are
    re-keyed by :func:`key_id`, which is what bundles name."""
    if isinstance(trusted, KeyRing):
        return trusted
    unique = {key_id(pub): pub for pub in trusted.values()}
    return KeyRing(TrustedKey(kid, office_id or ANY_OFFICE, pub) for kid, pub in unique.items())
