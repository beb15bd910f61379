"""Rotating the office key (docs/bundle-format.md section 9.2): a normal export that also
carries the statement announcing the new key, signed by the old one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import office, session_check
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.sync.export import ExportResult, export_bundle
from flexdesk.services.sync.office_keys import check_passphrase
from flexdesk.services.sync.state import Progress, require_key
from flexdesk.sync.crypto import keys


def rotate_office_key(
    db: Database,
    actor: Actor,
    paths: DataPaths,
    out_dir: Path,
    *,
    old_passphrase: str,
    new_passphrase: str,
    confirm: str | None = None,
    iterations: int = keys.DEFAULT_KDF_ITERATIONS,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Replace the office key: a new key (its own passphrase) is announced in a bundle signed
    by the old one (docs/bundle-format.md 9.2) and signs every bundle after it.

    The rotation bundle is a normal cumulative export plus the statement. If it never reaches
    central, central will not know the new key: re-register it there by fingerprint.
    """
    require(actor, Action.SYNC_KEYS)
    check_passphrase(new_passphrase, confirm)
    with db.read_session() as session:
        session_check.require_signed_in(session, actor)  # its own units of work
        code = office.require_office(session).code
        require_key(session)
    new_key = keys.generate_key()
    file_name = f"office-{code}-{keys.short_fingerprint(new_key.public_key())}.key.pem"
    path = paths.keys / file_name
    paths.keys.mkdir(parents=True, exist_ok=True)
    keys.save_private_key(path, new_key, new_passphrase, iterations=iterations)
    try:
        return export_bundle(
            db,
            actor,
            paths,
            out_dir,
            old_passphrase,
            progress=progress,
            is_cancelled=is_cancelled,
            _new_key=(new_key, file_name),
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
