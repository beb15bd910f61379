"""Office sync keys: the office's own Ed25519 signing key (created here, its private half in
an encrypted file under the keys folder) and central's public key registered by the office.
Rotating the key is an export (:func:`flexdesk.services.sync.rotate.rotate_office_key`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from flexdesk.db.models_sync import SyncKey
from flexdesk.errors import ConflictError, ValidationError
from flexdesk.services import office
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.sync.key_material import share_key_file
from flexdesk.services.sync.state import active_key, require_key, sync_state
from flexdesk.sync.crypto import keys

log = logging.getLogger(__name__)

MIN_PASSPHRASE = 12


@dataclass(frozen=True)
class KeyInfo:
    """The office signing key as the Sync page shows it (the private half is a file)."""

    key_id: str
    fingerprint: str
    public_openssh: str
    created_at: datetime
    private_key_path: Path


def key_info(row: SyncKey, keys_dir: Path) -> KeyInfo:
    """``row`` with the path of its private key file under ``keys_dir``."""
    return KeyInfo(
        row.key_id,
        row.fingerprint,
        row.public_openssh,
        row.created_at,
        keys_dir / row.private_key_file,
    )


def check_passphrase(passphrase: str, confirm: str | None = None) -> None:
    """At least 12 characters, not only spaces, no spaces around it; equal to ``confirm``."""
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise ValidationError(
            f"Frasa sandi kunci minimal {MIN_PASSPHRASE} karakter (boleh beberapa kata).",
            message_en=f"The key passphrase needs at least {MIN_PASSPHRASE} characters "
            "(several words are fine).",
            field="passphrase",
        )
    if passphrase != passphrase.strip():
        raise ValidationError(
            "Frasa sandi tidak boleh diawali atau diakhiri spasi.",
            message_en="The passphrase may not start or end with a space.",
            field="passphrase",
        )
    if confirm is not None and confirm != passphrase:
        raise ValidationError(
            "Konfirmasi frasa sandi tidak sama.",
            message_en="The passphrase confirmation does not match.",
            field="confirm",
        )


def create_office_key(
    session: Session,
    actor: Actor,
    keys_dir: Path,
    passphrase: str,
    confirm: str | None = None,
    *,
    iterations: int = keys.DEFAULT_KDF_ITERATIONS,
) -> KeyInfo:
    """A new Ed25519 office key; the private key goes to an encrypted PKCS#8 file (mode 0600,
    written atomically) under ``keys_dir`` (on a server database also, still encrypted, into
    the database: :mod:`.key_material`), the public half into the database."""
    require(actor, Action.SYNC_KEYS)
    check_passphrase(passphrase, confirm)
    off = office.require_office(session)
    if active_key(session) is not None:
        raise ConflictError(
            "Kantor ini sudah punya kunci tanda tangan. Untuk menggantinya, gunakan "
            "penggantian kunci (flexdesk key rotate), yang mengumumkan kunci baru ke pusat.",
            message_en="This office already has a signing key. To replace it, rotate the key "
            "(flexdesk key rotate), which announces the new key to central.",
        )
    key = keys.generate_key()
    pub = key.public_key()
    kid = keys.key_id(pub)
    short = keys.short_fingerprint(pub)
    file_name = f"office-{off.code}-{short}.key.pem"
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / file_name
    keys.save_private_key(path, key, passphrase, iterations=iterations)
    try:
        state = sync_state(session)
        row = SyncKey(
            key_id=kid,
            fingerprint=short,
            public_openssh=keys.public_key_openssh(pub, comment=f"office-{off.code}"),
            active=True,
            valid_from_seq=state.next_bundle_seq,
            private_key_file=file_name,
        )
        session.add(row)
        session.flush()
        share_key_file(session, kid, path)  # a server: usable from every admin's PC
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    log.info("office signing key %s created", kid)
    return key_info(row, keys_dir)


@dataclass(frozen=True)
class PublicKeyFiles:
    """The office public key files written for central, and the fingerprint to read out."""

    openssh_path: Path
    pem_path: Path
    fingerprint: str
    key_id: str


def export_public_key(session: Session, actor: Actor, out_dir: Path) -> PublicKeyFiles:
    """``office-<code>.pub`` (OpenSSH line) and ``office-<code>.pem`` for central, with the
    fingerprint to read out over the phone in the answer."""
    require(actor, Action.SYNC_KEYS)
    from flexdesk.sync._fs import atomic_write_bytes

    row = require_key(session)
    off = office.require_office(session)
    pub = keys.load_public_key(row.public_openssh)
    out_dir.mkdir(parents=True, exist_ok=True)
    ssh_path = out_dir / f"office-{off.code}.pub"
    pem_path = out_dir / f"office-{off.code}.pem"
    atomic_write_bytes(ssh_path, (row.public_openssh + "\n").encode("ascii"))
    atomic_write_bytes(pem_path, keys.public_key_pem(pub).encode("ascii"))
    return PublicKeyFiles(ssh_path, pem_path, row.fingerprint, row.key_id)


def register_central_key(
    session: Session,
    actor: Actor,
    public_key_text: str,
    *,
    expected_fingerprint: str | None = None,
    age_recipient: str | None = None,
) -> str:
    """Store central's public key (OpenSSH line or PEM); returns its short fingerprint."""
    require(actor, Action.SYNC_KEYS)
    pub = keys.load_public_key(public_key_text)
    short = keys.short_fingerprint(pub)
    if expected_fingerprint and expected_fingerprint.strip().upper().replace(" ", "-") != short:
        raise ValidationError(
            f"Sidik jari tidak cocok: kunci ini {short}, yang disebutkan pusat "
            f"{expected_fingerprint}. Kunci tidak didaftarkan.",
            message_en=f"Fingerprint mismatch: this key is {short}, central said "
            f"{expected_fingerprint}. The key was not registered.",
            field="fingerprint",
        )
    if age_recipient is not None and age_recipient and not age_recipient.startswith("age1"):
        raise ValidationError(
            "Penerima age harus diawali 'age1'.",
            message_en="The age recipient must start with 'age1'.",
            field="age_recipient",
        )
    state = sync_state(session)
    state.central_public_key = keys.public_key_openssh(pub, comment="flexdesk-central")
    state.central_key_id = keys.key_id(pub)
    state.central_fingerprint = short
    if age_recipient is not None:
        state.central_age_recipient = age_recipient or None
    return short
