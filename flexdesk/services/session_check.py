"""Open sessions re-check their account (issue 15: several PCs, one office).

An admin on one PC deactivates an account, or changes its role, while its owner has FlexDesk
open on another: from the next service call on, that session is refused.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from flexdesk.db.models import User
from flexdesk.errors import SessionEnded
from flexdesk.services.permissions import Actor


def require_signed_in(session: Session, actor: Actor) -> None:
    """Refuse the call when the account behind an open session changed since sign-in.

    The services decide with the role captured at sign-in (``Actor``); an admin who deactivates
    an account, changes its role or its employee link (on this PC or another one of the office's
    server) must not leave its open session with the old permissions — a demoted supervisor
    could still approve a month. One primary-key read per call (``services.app.Services`` runs
    it before every call; service functions that open their own units of work, such as the
    bundle export, key rotation and restore, run it themselves); the UI signs the user out on
    :class:`SessionEnded`.
    """
    if not actor.account:
        return
    user = session.get(User, actor.user_id)  # a new session per call: read from the database
    if (
        user is None
        or not user.active
        or user.role != actor.role.value
        or user.employee_id != actor.employee_id
    ):
        raise SessionEnded(
            "Akun Anda diubah oleh admin sejak Anda masuk (dinonaktifkan, dihapus atau perannya "
            "diganti). Tidak ada yang disimpan; silakan masuk lagi.",
            message_en=(
                "Your account was changed by an admin since you signed in (deactivated, removed "
                "or given another role). Nothing was saved; please sign in again."
            ),
        )
