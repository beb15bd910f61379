"""What ``audit verify`` can find, in both languages: one :class:`Problem` per finding.

Kept apart from the checks so that the chain walk (:mod:`.audit`), the table cross-check
(:mod:`.audit_drift`) and the anchors (:mod:`.audit_anchors`) name their findings the same way,
and the CLI and the audit page print them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass

#: every kind of finding: (Indonesian, English) label
KINDS: dict[str, tuple[str, str]] = {
    "hash": ("isi baris audit tidak cocok dengan hash-nya", "audit row content ≠ its hash"),
    "chain": ("rantai hash putus", "hash chain broken"),
    "gap": ("nomor baris audit meloncat", "audit row numbers skip"),
    "missing-audit": ("rekaman tanpa jejak audit", "record without audit history"),
    "drift": ("rekaman berbeda dari jejak audit", "record differs from the audit trail"),
    "deleted": ("rekaman hilang tanpa entri hapus", "record gone without a delete entry"),
    "undeleted": ("rekaman yang dihapus ada lagi", "deleted record is back"),
    "empty": ("jejak audit kosong padahal ada data", "audit trail empty while data exists"),
    "truncated": (
        "jejak audit lebih pendek dari titik acuan",
        "audit trail shorter than an anchor",
    ),
    "anchor": ("baris audit berbeda dari titik acuan", "audit row differs from an anchor"),
    "unguarded": (
        "pemicu hanya-tambah jejak audit dihapus",
        "the audit trail's append-only trigger was dropped",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One finding of ``verify_audit_chain``: which audit row (or record) and what is wrong.

    ``entity``/``entity_id`` name the table record concerned (the audit row's own for chain
    findings; ``audit_log`` and the anchor for anchor findings)."""

    seq: int | None  # the audit row concerned (None: a record with no audit row at all)
    entity: str
    entity_id: str
    kind: str  # a key of KINDS
    message: str  # English detail
    message_id: str = ""  # Indonesian detail (the English one when empty)

    def text(self, lang: str = "id") -> str:
        """One line for the CLI and the audit page, in ``lang`` ("id" or "en")."""
        en = lang == "en"
        label = KINDS.get(self.kind, (self.kind, self.kind))[1 if en else 0]
        if self.seq is not None:
            where = f"audit #{self.seq}"
        else:
            where = "no audit row" if en else "tanpa baris audit"
        detail = self.message if en else (self.message_id or self.message)
        return f"{where} {self.entity}/{self.entity_id}: {self.kind} ({label}): {detail}"

    def __str__(self) -> str:
        return self.text("en")
