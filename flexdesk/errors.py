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
