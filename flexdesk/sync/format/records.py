"""What the office puts in a bundle: the change records (one line each of
``data/records/changes.ndjson``), the evidence files and the printed reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from flexdesk.sync.format.fields import (
    ENTITY_RE,
    RECORD_ID_RE,
    SHA256_RE,
    bad_format,
    bad_input,
    read_object,
    read_opt_seq,
    read_seq,
    read_str,
)

Op = Literal["upsert", "delete"]


@dataclass(frozen=True)
class ChangeRecord:
    """One line of ``data/records/changes.ndjson``: the latest state of one row.

    ``change_seq`` is the office-wide counter value of the change; ``rev`` the row's revision
    (+1 per change); ``base_rev`` the revision the office last sent to central for this row
    (None if it never did); ``attachments`` the SHA-256 of evidence files the row refers to.
    A deletion is ``op="delete"`` with the tombstone's rev and usually empty ``data``.
    """

    change_seq: int
    entity: str
    id: str
    rev: int
    base_rev: int | None
    op: Op
    data: dict[str, Any]
    attachments: tuple[str, ...] = ()

    def validate(self) -> None:
        """Refuse (BundleError "bad-input") a record the writer cannot put in a bundle."""
        what = f"perubahan {self.change_seq}"
        if type(self.change_seq) is not int or self.change_seq < 1:
            raise bad_input(f"{what}: change_seq", f"change {self.change_seq}: change_seq")
        if not ENTITY_RE.match(self.entity) or not RECORD_ID_RE.match(self.id):
            raise bad_input(f"{what}: entity/id", f"change {self.change_seq}: entity/id")
        if type(self.rev) is not int or self.rev < 1:
            raise bad_input(f"{what}: rev", f"change {self.change_seq}: rev")
        if self.base_rev is not None and (
            type(self.base_rev) is not int or not 0 <= self.base_rev < self.rev
        ):
            raise bad_input(f"{what}: base_rev", f"change {self.change_seq}: base_rev")
        if self.op not in ("upsert", "delete") or not isinstance(self.data, dict):
            raise bad_input(f"{what}: op/data", f"change {self.change_seq}: op/data")
        if any(not isinstance(a, str) or not SHA256_RE.match(a) for a in self.attachments):
            raise bad_input(f"{what}: lampiran", f"change {self.change_seq}: attachments")

    def to_json(self) -> dict[str, Any]:
        return {
            "change_seq": self.change_seq,
            "entity": self.entity,
            "id": self.id,
            "rev": self.rev,
            "base_rev": self.base_rev,
            "op": self.op,
            "data": self.data,
            "attachments": list(self.attachments),
        }

    @classmethod
    def from_json(cls, obj: Any) -> ChangeRecord:
        what = "changes.ndjson"
        o = read_object(
            obj,
            what,
            {"change_seq", "entity", "id", "rev", "base_rev", "op", "data", "attachments"},
        )
        op = o["op"]
        if op not in ("upsert", "delete") or not isinstance(o["data"], dict):
            raise bad_format(what, "op/data")
        atts = o["attachments"]
        if not isinstance(atts, list) or not all(
            isinstance(a, str) and SHA256_RE.match(a) for a in atts
        ):
            raise bad_format(what, "attachments")
        record = cls(
            change_seq=read_seq(o, "change_seq", what, minimum=1),
            entity=read_str(o, "entity", what, ENTITY_RE),
            id=read_str(o, "id", what, RECORD_ID_RE),
            rev=read_seq(o, "rev", what, minimum=1),
            base_rev=read_opt_seq(o, "base_rev", what),
            op=op,
            data=o["data"],
            attachments=tuple(atts),
        )
        if record.base_rev is not None and record.base_rev >= record.rev:
            raise bad_format(what, f"base_rev >= rev di perubahan {record.change_seq}")
        return record


@dataclass(frozen=True)
class AttachmentSource:
    """An evidence file to copy in as ``data/attachments/<sha256>.<ext>``."""

    sha256: str
    ext: str
    path: Path

    @property
    def bag_path(self) -> str:
        return f"data/attachments/{self.sha256}.{self.ext}"


@dataclass(frozen=True)
class ReportFile:
    """A printed form to copy in as ``data/reports/<name>.pdf`` (``name`` without .pdf)."""

    name: str
    path: Path

    @property
    def bag_path(self) -> str:
        stem = self.name[:-4] if self.name.lower().endswith(".pdf") else self.name
        return f"data/reports/{stem}.pdf"
