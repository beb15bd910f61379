"""The office's sync bookkeeping as stored: the one ``sync_state`` row (bundle counter,
acknowledged point, central's keys) and the active office signing key. Shared by key
management, export and receipts (docs/bundle-format.md section 8)."""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_sync import SyncKey, SyncState
from flexdesk.errors import BundleError
from flexdesk.sync.bundle import BaseAck
from flexdesk.sync.crypto import keys

#: ``progress(done, total, stage)`` of a long sync job
Progress = Callable[[int, int, str], None]


def sync_state(session: Session) -> SyncState:
    """The ``sync_state`` row, created (bundle 1 next, nothing acknowledged) if missing."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, next_bundle_seq=1, applied_through=0)
        session.add(state)
        session.flush()
    return state


def base_ack(state: SyncState) -> BaseAck | None:
    """The receipt that set the acknowledged point, or None before central acknowledged one."""
    if state.ack_seq is not None and state.ack_sha256 is not None:
        return BaseAck(state.ack_seq, state.ack_sha256, state.applied_through)
    return None


def active_key(session: Session) -> SyncKey | None:
    """The office signing key in use, if one was created."""
    return session.scalar(select(SyncKey).where(SyncKey.active.is_(True)).limit(1))


def require_key(session: Session) -> SyncKey:
    """The office signing key in use; BundleError ``unknown-key`` if there is none yet."""
    row = active_key(session)
    if row is None:
        raise BundleError(
            "Kantor ini belum punya kunci tanda tangan. Buat kunci dulu di halaman Sinkronisasi.",
            code="unknown-key",
            message_en="This office has no signing key yet. Create one on the Sync page first.",
        )
    return row


def central_key(session: Session) -> Ed25519PublicKey:
    """Central's registered public key; BundleError ``unknown-key`` if none is registered."""
    state = session.get(SyncState, 1)
    if state is None or not state.central_public_key:
        raise BundleError(
            "Kunci publik kantor pusat belum didaftarkan; tanda terima tidak dapat diperiksa.",
            code="unknown-key",
            message_en="The central public key is not registered; receipts cannot be checked.",
        )
    return keys.load_public_key(state.central_public_key)
