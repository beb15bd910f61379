"""Office key rotation: a statement signed by both the old and the new key.

The statement travels inside a bundle (``data/keys/rotation.json`` with
``rotation.json.old.sig`` and ``rotation.json.new.sig``, namespace
``flexdesk-key-rotation-v1``). The bundle itself, number N, is still signed with the old key;
the statement says the new key signs from N+1 on. Validity is tied to sequence numbers, not
to office clocks. Central, after applying bundle N, ends the old key at N and registers the
new one from N+1 (see ``flexdesk.central.service``).

Office side::

    statement = make_rotation("O042", old_key, new_key, effective_from_seq=next_seq + 1)
    write_bundle(..., bundle_seq=next_seq, signing_key=old_key, rotation=statement)
    # after the receipt for next_seq arrives: switch to new_key
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from flexdesk.sync._errors import bundle_error
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import key_id, load_public_key, public_key_openssh, public_key_raw
from flexdesk.sync.format.canonical import canonical_json_line, loads_strict
from flexdesk.sync.format.fields import (
    OFFICE_ID_RE,
    bad_format,
    read_object,
    read_seq,
    read_str,
)

ROTATION_FORMAT = "flexdesk-key-rotation"
ROTATION_PATH = "data/keys/rotation.json"
OLD_SIG_PATH = "data/keys/rotation.json.old.sig"
NEW_SIG_PATH = "data/keys/rotation.json.new.sig"


@dataclass(frozen=True)
class KeyRotation:
    """A verified (or freshly signed) rotation statement."""

    office_id: str
    old_key: Ed25519PublicKey
    new_key: Ed25519PublicKey
    effective_from_seq: int
    statement: bytes  # canonical JSON line, as signed
    old_signature: str
    new_signature: str

    @property
    def old_key_id(self) -> str:
        return key_id(self.old_key)

    @property
    def new_key_id(self) -> str:
        return key_id(self.new_key)

    def files(self) -> dict[str, bytes]:
        """Bag path -> content, for the bundle writer."""
        return {
            ROTATION_PATH: self.statement,
            OLD_SIG_PATH: self.old_signature.encode("ascii"),
            NEW_SIG_PATH: self.new_signature.encode("ascii"),
        }


def _statement(
    office_id: str, old: Ed25519PublicKey, new: Ed25519PublicKey, effective_from_seq: int
) -> dict[str, Any]:
    return {
        "format": ROTATION_FORMAT,
        "format_version": 1,
        "office_id": office_id,
        "old_key_id": key_id(old),
        "old_public_key": public_key_openssh(old),
        "new_key_id": key_id(new),
        "new_public_key": public_key_openssh(new),
        "effective_from_seq": effective_from_seq,
    }


def make_rotation(
    office_id: str,
    old_key: Ed25519PrivateKey,
    new_key: Ed25519PrivateKey,
    *,
    effective_from_seq: int,
) -> KeyRotation:
    """Sign a rotation statement with both keys."""
    old_pub, new_pub = old_key.public_key(), new_key.public_key()
    if public_key_raw(old_pub) == public_key_raw(new_pub):
        raise ValueError("the new key must differ from the old key")
    data = canonical_json_line(_statement(office_id, old_pub, new_pub, effective_from_seq))
    return KeyRotation(
        office_id=office_id,
        old_key=old_pub,
        new_key=new_pub,
        effective_from_seq=effective_from_seq,
        statement=data,
        old_signature=sshsig.sign(data, old_key, sshsig.NS_ROTATION),
        new_signature=sshsig.sign(data, new_key, sshsig.NS_ROTATION),
    )


def verify_rotation(statement: bytes, old_sig: bytes, new_sig: bytes) -> KeyRotation:
    """Check both signatures and the statement's form; the caller checks that the old key is
    the one that signed the bundle and that ``effective_from_seq`` is the bundle's seq + 1."""
    what = "rotation.json"
    obj = loads_strict(statement, what=what)
    o = read_object(
        obj,
        what,
        {
            "format",
            "format_version",
            "office_id",
            "old_key_id",
            "old_public_key",
            "new_key_id",
            "new_public_key",
            "effective_from_seq",
        },
    )
    if o["format"] != ROTATION_FORMAT or o["format_version"] != 1:
        raise bad_format(what, "format")
    old = load_public_key(read_str(o, "old_public_key", what, None))
    new = load_public_key(read_str(o, "new_public_key", what, None))
    if o["old_key_id"] != key_id(old) or o["new_key_id"] != key_id(new):
        raise bad_format(what, "key ids")
    if public_key_raw(old) == public_key_raw(new):
        raise bad_format(what, "old == new")
    old_text = old_sig.decode("ascii", "replace")
    new_text = new_sig.decode("ascii", "replace")
    try:
        sshsig.verify(statement, old_text, namespace=sshsig.NS_ROTATION, public_key=old)
        sshsig.verify(statement, new_text, namespace=sshsig.NS_ROTATION, public_key=new)
    except Exception as exc:
        raise bundle_error(
            "bad-signature",
            "Pernyataan rotasi kunci tidak ditandatangani oleh kunci lama dan baru.",
            "The key rotation statement is not signed by both the old and the new key.",
        ) from exc
    return KeyRotation(
        office_id=read_str(o, "office_id", what, OFFICE_ID_RE),
        old_key=old,
        new_key=new,
        effective_from_seq=read_seq(o, "effective_from_seq", what, minimum=2),
        statement=statement,
        old_signature=old_text,
        new_signature=new_text,
    )
