"""Typed errors shared by every layer.

Each error carries a message a person can act on, in Indonesian by default (the UI language of
the offices FlexDesk serves), with an optional English text for the English UI. The UI shows
``str(error)`` (or ``error.message_en`` when English is selected); the CLI prints it.
"""

from __future__ import annotations


class FlexDeskError(Exception):
    """Base class: something the user (or an admin) can fix, explained in words."""

    def __init__(self, message: str, *, message_en: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        #: name of the form field the error belongs to, so a dialog can show it inline
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(FlexDeskError):
    """Input that breaks a rule (bad NIP, missing field, date outside the period...)."""


class PermissionDenied(FlexDeskError):
    """The acting user's role does not allow this action."""


class NotFound(FlexDeskError):
    """The record asked for does not exist (or was deleted meanwhile)."""


class ConflictError(FlexDeskError):
    """The action clashes with the record's state (locked, already approved, duplicate...)."""


class AuthError(FlexDeskError):
    """Sign-in failed: wrong password, unknown user or locked account."""


class StorageError(FlexDeskError):
    """The data directory or database cannot be used (newer schema, corrupt file, network share)."""


class EvidenceDamaged(StorageError):
    """A stored evidence file does not hash to its SHA-256 (or lost a piece): "berkas bukti
    rusak". Raised after the last byte is read, so a partial copy is never trusted."""


class BundleError(FlexDeskError):
    """A sync bundle or receipt failed verification or could not be written."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        message_en: str | None = None,
        field: str | None = None,
    ):
        super().__init__(message, message_en=message_en, field=field)
        #: short machine-readable reason (e.g. "bad-signature", "path-traversal", "gap")
        self.code = code


class ImportFileError(FlexDeskError):
    """An imported file (CSV, receipt, ...) is malformed; nothing was imported."""


class Cancelled(FlexDeskError):
    """Long work was cancelled by the user; nothing was left half-written."""

    def __init__(self, message: str = "Dibatalkan oleh pengguna.", **kw: str | None) -> None:
        super().__init__(message, message_en="Cancelled by the user.")


class StaleEdit(ConflictError):
    """A save against a row that another user (or another PC of the office) changed after this
    form or grid read it (optimistic concurrency: the row's ``rev`` no longer matches).

    Nothing was written. The error says who changed it, where and when, and carries the row's
    current value, so the UI can offer "keep theirs / overwrite / merge" instead of a silent
    last-write-wins.
    """

    def __init__(
        self,
        message: str,
        *,
        message_en: str | None = None,
        field: str | None = None,
        entity: str = "",
        entity_id: str = "",
        expected_rev: int | None = None,
        current_rev: int | None = None,
        changed_by: str | None = None,
        workstation: str | None = None,
        changed_at: str | None = None,
        current: object = None,
    ) -> None:
        super().__init__(message, message_en=message_en, field=field)
        self.entity = entity
        self.entity_id = entity_id
        self.expected_rev = expected_rev
        #: the row's revision now: pass it back as the expected one to overwrite deliberately
        self.current_rev = current_rev
        self.changed_by = changed_by
        self.workstation = workstation
        #: ISO 8601 UTC time of the change that won
        self.changed_at = changed_at
        #: the row's current content (plain data), for "keep theirs" and merging
        self.current = current


class DatabaseBusy(StorageError):
    """The database stayed locked by another writer (another FlexDesk window, PC or command)
    past the busy timeout. Nothing was written; trying again in a moment usually works."""


class SessionEnded(AuthError):
    """The signed-in user's account was deactivated, removed or lost the role the open session
    was started with: the call is refused and the UI signs the user out."""
