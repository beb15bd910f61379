"""The office keys central trusts: registering an office and its key (checked against the
fingerprint read out over the phone), revoking a key, and the key ring bundles are verified
against. :class:`OfficeRegistry` is the part of :class:`~flexdesk.central.service.Receiver`
that does this."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from flexdesk.central.models import CentralOffice, CentralOfficeKey
from flexdesk.errors import ValidationError
from flexdesk.sync.crypto import keys
from flexdesk.sync.format.model import OFFICE_ID_RE


@dataclass(frozen=True)
class RegisteredKey:
    """An office key as registered: ``created`` is False when it was already known."""

    office_id: str
    key_id: str
    short_fingerprint: str
    valid_from_seq: int
    created: bool


class OfficeRegistry:
    """Registering offices and keys, revoking keys, building the key ring."""

    Session: sessionmaker[DbSession]
    clock: Callable[[], datetime]

    def register_office(
        self,
        office_id: str,
        public_key: Ed25519PublicKey,
        *,
        name: str = "",
        valid_from_seq: int = 1,
        expected_fingerprint: str | None = None,
    ) -> RegisteredKey:
        """Register (or confirm) an office key; ``expected_fingerprint`` is what the office
        read out over the phone (``short_fingerprint``), checked before anything is stored."""
        if not OFFICE_ID_RE.match(office_id):
            raise ValidationError(
                f"Kode kantor tidak sah: {office_id!r}.",
                message_en=f"Invalid office id: {office_id!r}.",
            )
        short = keys.short_fingerprint(public_key)
        if expected_fingerprint is not None and (
            expected_fingerprint.strip().upper().replace(" ", "-") != short
        ):
            raise ValidationError(
                f"Sidik jari tidak cocok: kunci ini {short}, yang dibacakan "
                f"{expected_fingerprint}. Kunci tidak didaftarkan.",
                message_en=f"Fingerprint mismatch: this key is {short}, the office read out "
                f"{expected_fingerprint}. The key was not registered.",
            )
        kid = keys.key_id(public_key)
        with self.Session.begin() as s:
            office = s.get(CentralOffice, office_id)
            if office is None:
                office = CentralOffice(office_id=office_id, name=name)
                s.add(office)
            elif name:
                office.name = name
            existing = s.get(CentralOfficeKey, kid)
            if existing is not None:
                if existing.office_id != office_id:
                    raise ValidationError(
                        f"Kunci ini sudah terdaftar untuk kantor {existing.office_id}.",
                        message_en=f"This key is already registered for {existing.office_id}.",
                    )
                return RegisteredKey(office_id, kid, short, existing.valid_from_seq, False)
            s.add(
                CentralOfficeKey(
                    key_id=kid,
                    office_id=office_id,
                    public_key=keys.public_key_openssh(public_key),
                    valid_from_seq=valid_from_seq,
                )
            )
        return RegisteredKey(office_id, kid, short, valid_from_seq, True)

    def revoke_key(self, key_id: str, *, reason: str) -> CentralOfficeKey:
        """Revoke a key: every bundle signed with it from now on is quarantined."""
        with self.Session.begin() as s:
            row = s.get(CentralOfficeKey, key_id)
            if row is None:
                raise ValidationError(
                    f"Kunci {key_id} tidak dikenal.", message_en=f"Unknown key {key_id}."
                )
            if row.revoked_at is None:
                row.revoked_at = self.clock()
                row.revoked_reason = reason
            return row

    def keyring(self, session: DbSession | None = None) -> keys.KeyRing:
        """Every registered office key, with its validity range and revocation."""
        with contextlib.ExitStack() as stack:
            s = session or stack.enter_context(self.Session())
            rows = s.scalars(select(CentralOfficeKey)).all()
            return keys.KeyRing(
                keys.TrustedKey(
                    key_id=r.key_id,
                    office_id=r.office_id,
                    public_key=keys.load_public_key(r.public_key),
                    valid_from_seq=r.valid_from_seq,
                    valid_until_seq=r.valid_until_seq,
                    revoked=r.revoked_at is not None,
                )
                for r in rows
            )
