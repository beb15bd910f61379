"""Building :class:`flexdesk.errors.BundleError` with both languages in one place.

Every rejection in ``flexdesk.sync`` and ``flexdesk.central`` carries a short machine code
(``BundleError.code``) that the receiver stores as the quarantine reason and that tests assert
on, an Indonesian message for the office UI and an English one for central operators.
"""

from __future__ import annotations

from flexdesk.errors import BundleError

#: every code this package raises, with what it means (kept here so docs and tests agree)
CODES: dict[str, str] = {
    "bad-signature": "a signature does not verify",
    "unknown-key": "the signing key is not registered (for this office)",
    "revoked-key": "the signing key was revoked",
    "key-not-valid": "the key is registered but not valid for this bundle sequence",
    "wrong-office": "bundle or receipt belongs to another office",
    "hash-mismatch": "a file's hash differs from the signed value",
    "size-mismatch": "a file's size differs from the signed value",
    "truncated": "the file is shorter than it should be / zip cut off",
    "not-a-zip": "the file is not a zip archive",
    "extra-file": "a file is present that no manifest lists",
    "missing-file": "a manifest lists a file that is absent",
    "path-traversal": "an entry name leaves the bundle directory",
    "symlink": "an entry is a symbolic link or other non-regular file",
    "duplicate-name": "two entries have the same name (case/Unicode-insensitive)",
    "zip-bomb": "an entry or the archive exceeds size, count or ratio limits",
    "bad-name": "an entry name is not UTF-8, not allowed or malformed",
    "unsupported-zip": "zip feature not allowed (encryption, compression method)",
    "bad-format": "a metadata file is malformed",
    "mismatch": "two signed descriptions of the bundle disagree",
    "format-version": "made by a newer FlexDesk format",
    "audit-chain": "the audit rows do not form the hash chain the header declares",
    "audit-continuity": "the audit rows do not continue the chain central holds for the office",
    "gap": "changes or sequence numbers are missing before this bundle",
    "replay": "this sequence number was already seen",
    "fork": "same sequence number, different content",
    "encrypted": "the bundle is encrypted and no decryption key was given",
    "decrypt-failed": "decryption failed: not encrypted to the given key, or no valid key",
    "decrypt-damaged": "the encrypted file is damaged or altered (header, header MAC, a chunk)",
    "bad-passphrase": "the private key passphrase is wrong",
    "bad-key": "a key file cannot be read",
    "bad-input": "invalid data given to the bundle writer",
    "internal-error": "central failed on the bundle in a way nobody foresaw (see its log)",
}


def bundle_error(code: str, message_id: str, message_en: str) -> BundleError:
    """A BundleError with a known ``code`` (see :data:`CODES`)."""
    assert code in CODES, code
    return BundleError(message_id, code=code, message_en=message_en)


def mismatch(what_id: str, what_en: str) -> BundleError:
    """A "mismatch" error: two signed descriptions of the bundle disagree about ``what``."""
    return bundle_error(
        "mismatch",
        f"Isi bundel tidak konsisten: {what_id}.",
        f"Bundle contents disagree: {what_en}.",
    )
