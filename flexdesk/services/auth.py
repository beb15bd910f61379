"""Sign-in, passwords and account lockout.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106). After
``MAX_FAILED_ATTEMPTS`` wrong passwords in a row an account is locked for ``LOCKOUT_MINUTES``;
an admin can unlock it and set a new password. A wrong old password when changing one's own
password counts toward the same lockout (otherwise an open, unattended session would be an
unlimited guessing oracle for the account's password).

Sign-in never tells a stranger which accounts exist: an unknown, deactivated or locked account
gets the same message, in the same time, as a wrong password. Only the right password on a
locked account learns that it is locked (and for how long).
"""

from __future__ import annotations

import contextlib
import functools
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models import Employee, User
from flexdesk.db.models_transfer import FirstPassword
from flexdesk.errors import AuthError, ConflictError, NotFound, ValidationError
from flexdesk.services.common_passwords import is_common
from flexdesk.services.concurrency import check_rev
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.validation import parse_enum

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
MAX_USERNAME_LENGTH = 60  # the column's size


_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("flexdesk-no-such-user")


def _burn_time_like_a_check(password: str) -> None:
    """Verify against a throw-away hash, so an unknown username takes as long to refuse as a
    wrong password (otherwise response time tells which accounts exist)."""
    with contextlib.suppress(VerifyMismatchError, VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)


def _unusable(text: str) -> bool:
    """Text no account can have: a lone surrogate (a paste from a damaged document; it cannot
    be encoded to hash or to look up) or a control character such as NUL."""
    return any(0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 32 and c != "\t") for c in text)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` for the users table."""
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    """Refuse a password FlexDesk does not accept (too short, blank, leading or trailing spaces,
    one of the common passwords) with a ValidationError naming the field."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
            message_en=f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
            field="password",
        )
    if password.strip() != password or not password.strip():
        raise ValidationError(
            "Kata sandi tidak boleh diawali atau diakhiri spasi.",
            message_en="The password may not start or end with a space.",
            field="password",
        )
    if _unusable(password):
        raise ValidationError(
            "Kata sandi berisi karakter yang tidak dapat dipakai (karakter kendali atau karakter "
            "rusak dari tempelan); ketik ulang kata sandinya.",
            message_en=(
                "The password contains a character that cannot be used (a control character or "
                "a broken one from a paste); type the password again."
            ),
            field="password",
        )
    if is_common(password):
        raise ValidationError(
            "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya gabungan "
            "beberapa kata.",
            message_en=(
                "This password is too common and easy to guess. Choose another one, for "
                "example a few words together."
            ),
            field="password",
        )


def actor_for(user: User) -> Actor:
    """The signed-in identity services act for, taken from the account row."""
    return Actor(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        employee_id=user.employee_id,
        display_name=user.display_name or user.username,
    )


def _locked_message(until: datetime) -> AuthError:
    minutes = max(1, int((until - utcnow()).total_seconds() // 60) + 1)
    return AuthError(
        f"Akun terkunci karena terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit "
        "atau minta admin membuka kunci.",
        message_en=(
            f"The account is locked after too many failed attempts. Try again in {minutes} "
            "minutes or ask the admin to unlock it."
        ),
    )


def _wrong_credentials() -> AuthError:
    return AuthError(
        "Nama pengguna atau kata sandi salah. Setelah "
        f"{MAX_FAILED_ATTEMPTS} kali salah, akun dikunci {LOCKOUT_MINUTES} menit.",
        message_en=(
            f"Wrong username or password. After {MAX_FAILED_ATTEMPTS} failed attempts the "
            f"account is locked for {LOCKOUT_MINUTES} minutes."
        ),
    )


def _count_failure(user: User, now: datetime) -> None:
    """One more wrong password for ``user``; the last allowed one locks the account."""
    user.failed_attempts = (user.failed_attempts or 0) + 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
        user.failed_attempts = 0
        log.warning("account %s locked after repeated failures", user.username)


def _password_matches(user: User, password: str) -> bool:
    if _unusable(password):
        return False
    try:
        return bool(_hasher.verify(user.password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> Actor:
    """Check a username and password; count failures and lock the account when needed.

    The failure counter is committed even though sign-in fails, so the caller's session must be
    committed after an AuthError (``Database.session`` rolls back on error: use ``login``).
    """
    if _unusable(username) or _unusable(password):  # no account has it: like an unknown one
        _burn_time_like_a_check("")
        raise _wrong_credentials()
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None or not user.active:
        # Same message, and the same time, as a wrong password: do not reveal which accounts
        # exist.
        _burn_time_like_a_check(password)
        raise _wrong_credentials()
    now = utcnow()
    matches = _password_matches(user, password)
    if user.locked_until is not None and user.locked_until > now:
        if matches:  # only the account's owner learns that (and until when) it is locked
            raise _locked_message(user.locked_until)
        raise _wrong_credentials()
    if not matches:
        _count_failure(user, now)
        raise _wrong_credentials()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_attempts = 0
    user.locked_until = None
    user.last_login_at = now
    return actor_for(user)


@dataclass(frozen=True)
class UserRow:
    """An account as the user list shows it."""

    id: str
    username: str
    display_name: str
    role: Role
    employee_id: str | None
    active: bool
    locked: bool
    last_login_at: datetime | None
    rev: int = 0  # the revision the list read (optimistic concurrency; a sign-in bumps it too)


def _row(user: User) -> UserRow:
    return UserRow(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        employee_id=user.employee_id,
        active=user.active,
        locked=user.locked_until is not None and user.locked_until > utcnow(),
        last_login_at=user.last_login_at,
        rev=user.rev,
    )


def _check_username(session: Session, username: str, *, exclude_id: str | None = None) -> str:
    name = username.strip().lower()
    if not 3 <= len(name) <= MAX_USERNAME_LENGTH or not all(
        c.isalnum() or c in "._-" for c in name
    ):
        raise ValidationError(
            f"Nama pengguna 3–{MAX_USERNAME_LENGTH} karakter: huruf, angka, titik, garis bawah "
            "atau strip.",
            message_en=(
                f"Usernames need 3-{MAX_USERNAME_LENGTH} characters: letters, digits, dot, "
                "underscore or dash."
            ),
            field="username",
        )
    clash = session.scalar(select(User.id).where(func.lower(User.username) == name))
    if clash is not None and clash != exclude_id:
        raise ConflictError(
            f"Nama pengguna '{name}' sudah dipakai.",
            message_en=f"The username '{name}' is taken.",
            field="username",
        )
    return name


def create_user_unchecked(
    session: Session,
    *,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    employee_id: str | None = None,
    password_hash: str | None = None,
) -> User:
    """Create an account without a permission check: first-run set-up and demo data only.

    ``password_hash`` lets the demo hash its shared password once instead of once per account.
    """
    name = _check_username(session, username)
    role = parse_enum(Role, role, "role", label=("Peran", "Role"))
    check_password_rules(password)
    if employee_id is not None:
        if session.get(Employee, employee_id) is None:
            raise NotFound("Pegawai tidak ditemukan.", message_en="Employee not found.")
        if session.scalar(select(User.id).where(User.employee_id == employee_id)) is not None:
            raise ConflictError(
                "Pegawai ini sudah punya akun.",
                message_en="This employee already has an account.",
                field="employee",
            )
    user = User(
        username=name,
        display_name=display_name.strip() or name,
        role=role.value,
        employee_id=employee_id,
        password_hash=password_hash or hash_password(password),
        failed_attempts=0,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def create_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
    employee_id: str | None = None,
) -> UserRow:
    """Create an account (admin only); the password is checked and stored as an argon2id hash."""
    require(actor, Action.USER_MANAGE)
    return _row(
        create_user_unchecked(
            session,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            employee_id=employee_id,
        )
    )


def list_users(session: Session, actor: Actor) -> list[UserRow]:
    """Every account, by user name (admin only)."""
    require(actor, Action.USER_MANAGE)
    return [_row(u) for u in session.scalars(select(User).order_by(User.username))]


def _get_user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Akun tidak ditemukan.", message_en="Account not found.")
    return user


def reset_password(session: Session, actor: Actor, user_id: str, new_password: str) -> None:
    """Admin sets a new password; this also unlocks the account."""
    require(actor, Action.USER_MANAGE)
    check_password_rules(new_password)
    user = _get_user(session, user_id)
    user.password_hash = hash_password(new_password)
    user.failed_attempts = 0
    user.locked_until = None


def unlock_user(session: Session, actor: Actor, user_id: str) -> None:
    """Clear an account's failed attempts and lockout (admin only)."""
    require(actor, Action.USER_MANAGE)
    user = _get_user(session, user_id)
    user.failed_attempts = 0
    user.locked_until = None


def set_user_role(
    session: Session, actor: Actor, user_id: str, role: Role, active: bool, *, expected_rev: int | None = None
) -> None:  # fmt: skip
    """An account's role and active flag (admin only; never one's own); see services/concurrency."""
    require(actor, Action.USER_MANAGE)
    role = parse_enum(Role, role, "role", label=("Peran", "Role"))
    if not isinstance(active, bool):
        raise ValidationError("Status aktif harus ya atau tidak.", message_en="Active must be "
                              "yes or no.", field="active")  # fmt: skip
    user = _get_user(session, user_id)
    check_rev(session, user, expected_rev, "akun", label_en="account", current=lambda: _row(user))
    if user.id == actor.user_id and (role is not Role.ADMIN or not active):
        raise ConflictError(
            "Anda tidak dapat mencabut peran admin atau menonaktifkan akun Anda sendiri.",
            message_en="You cannot remove your own admin role or deactivate your own account.",
        )
    user.role = role.value
    user.active = active


def change_own_password(session: Session, actor: Actor, old: str, new: str) -> None:
    """Change the signed-in user's password after checking the old one.

    A wrong old password counts toward the account's lockout like a failed sign-in, and a
    locked account cannot change its password until the lock ends. The failure counter must be
    committed although the call fails: the caller's session commits after an AuthError
    (``Database.session_keeping`` or an explicit commit, as for ``authenticate``).
    """
    user = _get_user(session, actor.user_id)
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        raise _locked_message(user.locked_until)
    if not _password_matches(user, old):
        _count_failure(user, now)
        if user.locked_until is not None and user.locked_until > now:
            raise _locked_message(user.locked_until)
        raise AuthError(
            "Kata sandi lama salah.", message_en="The old password is wrong.", field="old"
        )
    check_password_rules(new)
    if new == old:
        raise ValidationError(
            "Kata sandi baru harus berbeda dari yang lama.",
            message_en="The new password must differ from the old one.",
            field="password",
        )
    user.failed_attempts = 0
    user.password_hash = hash_password(new)
    for pending in session.scalars(select(FirstPassword).where(FirstPassword.user_id == user.id)):
        session.delete(pending)


def password_change_required(session: Session, actor: Actor) -> bool:
    """Whether the signed-in account still has its one-time password (accounts created by an
    import, ``models_transfer.FirstPassword``): sign-in then asks for a new password."""
    found = session.scalar(select(FirstPassword.id).where(FirstPassword.user_id == actor.user_id))
    return found is not None


def has_users(session: Session) -> bool:
    """True once the office has at least one account (the first-run wizard is done)."""
    return session.scalar(select(func.count(User.id))) != 0
