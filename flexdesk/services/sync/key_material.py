"""Where the office signing key's private half is read from (docs/evidence-and-keys.md).

SQLite (one PC): only the encrypted PKCS#8 file under the data folder's ``keys``. A server
database: the same encrypted bytes are also kept in ``office_key_material``, so an admin can
export or rotate from any PC after typing the passphrase. The passphrase is never stored, so
whoever can read the database holds only what a stolen key file would give them: an
encrypted key to attack offline (PBKDF2-HMAC-SHA256, 600 000 iterations, a 12-character
minimum passphrase). A PC's own file, where there is one, is used first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_blobs import OfficeKeyMaterial
from flexdesk.db.models_sync import SyncKey
from flexdesk.errors import BundleError
from flexdesk.services.permissions import Action, Actor, require


def on_server(session: Session) -> bool:
    """True when ``session`` talks to a database server shared by several PCs."""
    return session.get_bind().dialect.name != "sqlite"


def share_key_file(session: Session, key_id: str, path: Path) -> bool:
    """Keep the encrypted key file ``path`` of key ``key_id`` in a server database (nothing
    on SQLite); True when it was stored now."""
    if not on_server(session) or session.get(OfficeKeyMaterial, key_id) is not None:
        return False
    session.add(OfficeKeyMaterial(key_id=key_id, encrypted_pkcs8=path.read_bytes()))
    session.flush()
    return True


@dataclass(frozen=True)
class KeySource:
    """The encrypted private key of the active office key and where it came from."""

    pem: bytes
    where: str  # the file's path, or "basis data server"
    in_database: bool


def private_key_source(session: Session, keys_dir: Path, row: SyncKey) -> KeySource:
    """This PC's key file if it has one, else the server database's copy; BundleError
    ``bad-key`` naming what to do when neither holds it."""
    path = keys_dir / row.private_key_file
    if path.is_file():
        return KeySource(path.read_bytes(), str(path), False)
    if on_server(session):
        material = session.get(OfficeKeyMaterial, row.key_id)
        if material is not None:
            return KeySource(bytes(material.encrypted_pkcs8), "basis data server", True)
        raise BundleError(
            f"Kunci privat kantor ({row.fingerprint}) tidak ada di PC ini maupun di basis "
            "data server. Di PC yang menyimpan berkas kuncinya, jalankan 'flexdesk "
            "attachments upload', lalu ekspor lagi dari PC mana pun.",
            code="bad-key",
            message_en=f"The office private key ({row.fingerprint}) is neither on this PC nor "
            "in the server database. On the PC that holds its key file run 'flexdesk "
            "attachments upload', then export again from any PC.",
        )
    raise BundleError(
        f"Berkas kunci privat tidak ada: {path}. Pulihkan folder kunci dari cadangan.",
        code="bad-key",
        message_en=f"The private key file is missing: {path}. Restore the keys folder from a "
        "backup.",
    )


def key_location(session: Session, keys_dir: Path, row: SyncKey) -> str:
    """Where this PC would read the private half of ``row`` from: "file" (this PC's keys
    folder), "database" (the server's encrypted copy) or "missing" (neither: the export
    refuses, naming the upload command)."""
    if (keys_dir / row.private_key_file).is_file():
        return "file"
    if on_server(session) and session.get(OfficeKeyMaterial, row.key_id) is not None:
        return "database"
    return "missing"


def upload_key_files(session: Session, actor: Actor, keys_dir: Path) -> list[str]:
    """Copy this PC's encrypted key files of the office's registered keys into the server
    database (admin; idempotent); returns the key ids stored now. Still encrypted: the
    passphrase is neither needed nor stored."""
    require(actor, Action.SYNC_KEYS)
    if not on_server(session):
        return []
    stored: list[str] = []
    for row in session.scalars(select(SyncKey).order_by(SyncKey.created_at)):
        path = keys_dir / row.private_key_file
        if path.is_file() and share_key_file(session, row.key_id, path):
            stored.append(row.key_id)
    return stored
