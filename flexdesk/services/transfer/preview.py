"""What an import would do, row by row, before anything is written (shared by every importer).

Each row of the file is *new*, *updated* (with the fields that change), *unchanged* or
*refused* with one reason per cell, in Indonesian and English. An import is written only when
no row is refused, all rows in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from flexdesk.errors import ValidationError


class RowStatus(StrEnum):
    """What importing a row would do: add it, change it, nothing, or refuse it."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"

    @property
    def label_id(self) -> str:
        return {"new": "baru", "updated": "diubah", "unchanged": "tetap", "refused": "ditolak"}[
            self.value
        ]

    @property
    def label_en(self) -> str:
        return self.value


@dataclass(frozen=True)
class CellIssue:
    """Why one cell (``field``) of a row is refused."""

    field: str
    message: str
    message_en: str


@dataclass(frozen=True)
class PreviewRow:
    """One data row of the file: its line number, status, cleaned values and problems."""

    line: int
    status: RowStatus
    values: tuple[str, ...]  #: in the order of ImportPreview.fields
    issues: tuple[CellIssue, ...] = ()
    changed: tuple[str, ...] = ()  #: fields an update changes

    def issue_for(self, fld: str) -> CellIssue | None:
        """The reason this row's cell ``fld`` is refused, if it is."""
        return next((i for i in self.issues if i.field == fld), None)


@dataclass(frozen=True)
class ImportPreview:
    """The whole file: columns found, rows, file-level notes and what would be created."""

    kind: str  #: "employees" | "skp"
    fields: tuple[str, ...]
    labels: tuple[str, ...]  #: column titles (Indonesian) in the order of ``fields``
    rows: tuple[PreviewRow, ...]
    notes: tuple[tuple[str, str], ...] = ()
    new_units: tuple[str, ...] = ()
    counts: dict[RowStatus, int] = field(default_factory=dict)

    @property
    def refused(self) -> int:
        return self.counts.get(RowStatus.REFUSED, 0)

    @property
    def can_commit(self) -> bool:
        """True when at least one row would change something and none is refused."""
        changes = self.counts.get(RowStatus.NEW, 0) + self.counts.get(RowStatus.UPDATED, 0)
        return self.refused == 0 and (changes > 0 or bool(self.new_units))

    def summary(self, lang: str = "id") -> str:
        """One line: how many rows of each status."""
        parts = []
        for status in RowStatus:
            n = self.counts.get(status, 0)
            parts.append(f"{n} {status.label_id if lang == 'id' else status.label_en}")
        return ", ".join(parts)


def count_statuses(rows: list[PreviewRow]) -> dict[RowStatus, int]:
    """How many rows have each status (every status present, zero included)."""
    counts = dict.fromkeys(RowStatus, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def refuse_commit(preview: ImportPreview) -> ValidationError:
    """The error for committing a preview with refused rows (nothing is written)."""
    first = next(r for r in preview.rows if r.status is RowStatus.REFUSED)
    issue = first.issues[0] if first.issues else CellIssue("", "", "")
    return ValidationError(
        f"Impor dibatalkan, tidak ada data yang diubah: {preview.refused} baris ditolak "
        f"(pertama: baris {first.line}, {issue.message}). Perbaiki berkasnya lalu impor lagi.",
        message_en=f"Import cancelled, nothing was changed: {preview.refused} rows refused "
        f"(first: line {first.line}, {issue.message_en}). Fix the file and import again.",
        field="file",
    )
