"""Names inside a bundle (one place, shared by writer, verifier and tests)."""

from __future__ import annotations

import re

from flexdesk.sync.format.bagit import MANIFEST

BAGIT = "bagit.txt"
BAG_INFO = "bag-info.txt"
HEADER = "bundle.json"
TAG_SIG = "tagmanifest-sha512.txt.sig"
#: tag files the tag manifest lists (the signature is the only tag file it cannot list)
TAG_FILES = (BAGIT, BAG_INFO, HEADER, MANIFEST)
CHANGES = "data/records/changes.ndjson"
#: the audit rows after central's acknowledged audit head (format 2, see auditchain.py)
AUDIT = "data/audit/audit.ndjson"

ENVELOPE_SUFFIX = ".envelope.json"
SIG_SUFFIX = ".envelope.json.sig"
ZIP_SUFFIX = ".zip"
AGE_SUFFIX = ".zip.age"

_ATTACHMENT = re.compile(r"^data/attachments/([0-9a-f]{64})\.([a-z0-9]{1,10})$")
_REPORT = re.compile(r"^data/reports/([A-Za-z0-9][A-Za-z0-9._-]{0,119})\.pdf$")
_KEYS = frozenset(
    {
        "data/keys/rotation.json",
        "data/keys/rotation.json.old.sig",
        "data/keys/rotation.json.new.sig",
    }
)
STEM_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]{0,31})-([0-9]{9})$")


def attachment_match(path: str) -> tuple[str, str] | None:
    """``(sha256, ext)`` for an attachment path, else None."""
    m = _ATTACHMENT.match(path)
    return (m.group(1), m.group(2)) if m else None


def report_match(path: str) -> str | None:
    """The report name (without ``.pdf``) for a report path, else None."""
    m = _REPORT.match(path)
    return m.group(1) if m else None


def is_payload_path(path: str) -> bool:
    """Payload paths the formats know (``AUDIT`` only in format 2: the verifier checks that
    against the header); anything else in a manifest is refused."""
    return (
        path in (CHANGES, AUDIT)
        or path in _KEYS
        or attachment_match(path) is not None
        or report_match(path) is not None
    )


def split_stem(stem: str) -> tuple[str, int] | None:
    """``"O042-000000017"`` -> ``("O042", 17)``."""
    m = STEM_RE.match(stem)
    return (m.group(1), int(m.group(2))) if m else None
