"""Who may sign what: finding a signature's key in a key ring, the key's validity for an office
and bundle sequence, sequence continuity, and the signed envelope (the first checks of
:func:`flexdesk.sync.verifier.verify_bundle`, also used by the central receiver on its own)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flexdesk.sync._errors import bundle_error, mismatch
from flexdesk.sync._fs import read_capped
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import ANY_OFFICE, KeyRing, TrustedKey
from flexdesk.sync.crypto.keys import key_id as compute_key_id
from flexdesk.sync.format.canonical import loads_strict
from flexdesk.sync.format.model import Envelope

#: largest envelope.json read into memory
MAX_ENVELOPE = 1024 * 1024
#: largest signature file (envelope or tag manifest) read into memory
MAX_SIG = 16 * 1024


def check_key(
    entry: TrustedKey,
    *,
    office_id: str,
    bundle_seq: int,
    key_id: str,
    expected_office: str | None,
) -> None:
    """Is ``entry`` allowed to sign bundle ``bundle_seq`` of ``office_id``?"""
    if expected_office is not None and office_id != expected_office:
        raise bundle_error(
            "wrong-office",
            f"Bundel ini milik kantor {office_id}, bukan {expected_office}.",
            f"This bundle belongs to office {office_id}, not {expected_office}.",
        )
    if entry.office_id not in (ANY_OFFICE, office_id):
        raise bundle_error(
            "unknown-key",
            f"Kunci penanda tangan tidak terdaftar untuk kantor {office_id}.",
            f"The signing key is not registered for office {office_id}.",
        )
    if entry.revoked:
        raise bundle_error(
            "revoked-key",
            f"Kunci penanda tangan {entry.key_id} telah dicabut.",
            f"The signing key {entry.key_id} has been revoked.",
        )
    if not entry.valid_for(bundle_seq):
        raise bundle_error(
            "key-not-valid",
            f"Kunci {entry.key_id} tidak berlaku untuk bundel nomor {bundle_seq}.",
            f"Key {entry.key_id} is not valid for bundle number {bundle_seq}.",
        )
    if key_id != compute_key_id(entry.public_key):
        raise mismatch("key_id bukan kunci penanda tangan", "key_id is not the signing key")


def check_sequence(bundle_seq: int, last_seq: int | None) -> None:
    """Refuse a bundle number already received (``replay``) or one after a missing number
    (``gap``); ``last_seq`` None accepts any."""
    if last_seq is None:
        return
    if bundle_seq <= last_seq:
        raise bundle_error(
            "replay",
            f"Bundel nomor {bundle_seq} sudah pernah diterima (terakhir {last_seq}).",
            f"Bundle number {bundle_seq} was already received (last {last_seq}).",
        )
    if bundle_seq > last_seq + 1:
        raise bundle_error(
            "gap",
            f"Ada bundel yang hilang: diharapkan nomor {last_seq + 1}, diterima {bundle_seq}.",
            f"Bundles are missing: expected number {last_seq + 1}, got {bundle_seq}.",
        )


def find_signer(keyring: KeyRing, sig: bytes | str) -> tuple[TrustedKey, str]:
    """The registered key a signature names, and the signature as text (not yet verified)."""
    text = sig.decode("ascii", "replace") if isinstance(sig, bytes) else sig
    parsed = sshsig.parse(text)
    entry = keyring.find_by_public_key(parsed.public_key)
    if entry is None:
        raise bundle_error(
            "unknown-key",
            "Bundel ditandatangani dengan kunci yang tidak terdaftar.",
            "The bundle is signed with a key that is not registered.",
        )
    return entry, text


def check_envelope_files(
    env_path: Path, sig_path: Path, keyring: KeyRing, *, expected: Envelope | None = None
) -> tuple[Envelope, TrustedKey, str]:
    """Verify the envelope signature and parse it; returns (envelope, key, sha256 hex)."""
    env_bytes = read_capped(env_path, MAX_ENVELOPE, "amplop / envelope")
    sig = read_capped(sig_path, MAX_SIG, "tanda tangan amplop / envelope signature")
    entry, sig_text = find_signer(keyring, sig)
    sshsig.verify(env_bytes, sig_text, namespace=sshsig.NS_ENVELOPE, public_key=entry.public_key)
    envelope = Envelope.from_json(loads_strict(env_bytes, what="envelope.json"))
    if expected is not None and envelope != expected:
        raise mismatch("amplop tertulis berbeda", "written envelope differs")
    return envelope, entry, hashlib.sha256(env_bytes).hexdigest()
