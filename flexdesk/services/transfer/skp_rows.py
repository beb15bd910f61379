"""Rows of an SKP import file (one per indicator) and the RHK they group into.

The per-cell and per-RHK rules of ``services.skp._clean_rhk``, applied to file rows so each
problem names its line and cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.domain.people import normalize_nip
from flexdesk.services.outputs.skp import MAX_TEXT
from flexdesk.services.transfer.cells import CellProblem, nip_text, number_of, text_of
from flexdesk.services.transfer.preview import CellIssue
from flexdesk.services.transfer.tabular import CellValue

SKP_FIELDS = ("nip", "tahun", "jenis_rhk", "rhk_atasan", "rhk", "aspek", "indikator", "target",
              "satuan")  # fmt: skip
SKP_LABELS = {
    "nip": "NIP",
    "tahun": "Tahun",
    "jenis_rhk": "Jenis RHK",
    "rhk_atasan": "RHK Atasan yang Diintervensi",
    "rhk": "Rencana Hasil Kerja",
    "aspek": "Aspek",
    "indikator": "Indikator Kinerja Individu",
    "target": "Target",
    "satuan": "Satuan",
}
SKP_ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP", "NIP Pegawai", "NIP Baru", "NIP_BARU", "nipBaru", "NI PPPK", "NIP / NI PPPK"),
    "tahun": ("Tahun", "Tahun SKP", "Periode Tahun", "tahun"),
    "jenis_rhk": ("Jenis RHK", "Jenis", "Kategori RHK", "Jenis Rencana Hasil Kerja"),
    "rhk_atasan": ("RHK Atasan yang Diintervensi", "RHK Atasan",
                   "Rencana Hasil Kerja Pimpinan yang Diintervensi", "RHK Pimpinan",
                   "Intervensi"),
    "rhk": ("Rencana Hasil Kerja", "RHK", "Rumusan RHK", "Rencana Hasil Kerja (RHK)"),
    "aspek": ("Aspek", "Aspek Indikator"),
    "indikator": ("Indikator Kinerja Individu", "Indikator", "IKI", "Indikator Kinerja"),
    "target": ("Target", "Target Nilai", "Nilai Target"),
    "satuan": ("Satuan", "Satuan Target", "Satuan Output"),
}  # fmt: skip
_KIND = {"utama": RhkKind.UTAMA, "a": RhkKind.UTAMA, "autama": RhkKind.UTAMA,
         "tambahan": RhkKind.TAMBAHAN, "b": RhkKind.TAMBAHAN, "btambahan": RhkKind.TAMBAHAN}  # fmt: skip
_ASPECT = {a.value: a for a in Aspect} | {"kuantitatif": Aspect.KUANTITAS,
                                          "kualitatif": Aspect.KUALITAS}  # fmt: skip


@dataclass
class SkpLine:
    """One file row (one indicator), read and checked alone."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    nip: str = ""
    year: int = 0
    kind: RhkKind = RhkKind.UTAMA
    aspect: Aspect = Aspect.KUANTITAS
    indicator: str = ""
    target: float = 0.0
    unit: str = ""
    issues: list[CellIssue] = field(default_factory=list)

    def refuse(self, fld: str, message: str, message_en: str) -> None:
        """Refuse the cell ``fld`` with a reason in both languages (the first reason per cell counts)."""
        if not any(i.field == fld for i in self.issues):
            self.issues.append(CellIssue(fld, message, message_en))


@dataclass
class RhkGroup:
    """The rows of one RHK: same NIP, year and RHK text."""

    nip: str
    year: int
    text: str
    lines: list[SkpLine]
    kind: RhkKind = RhkKind.UTAMA
    parent_text: str = ""
    employee_id: str | None = None

    @property
    def refused(self) -> bool:
        return any(ln.issues for ln in self.lines)

    def refuse_all(self, fld: str, message: str, message_en: str) -> None:
        """Refuse ``fld`` on every indicator row of this RHK (a problem of the RHK itself)."""
        for ln in self.lines:
            ln.refuse(fld, message, message_en)


def _cell(line: SkpLine, fld: str, value: CellValue, max_len: int) -> str:
    try:
        text = nip_text(value) if fld == "nip" else text_of(value, max_len=max_len)
    except CellProblem as problem:
        line.refuse(fld, problem.message, problem.message_en)
        text = "" if isinstance(value, float) else str(value or "")
    line.values[fld] = text
    return text


def _year(line: SkpLine, value: CellValue) -> None:
    try:
        number = number_of(value)
    except CellProblem as problem:
        line.refuse("tahun", problem.message, problem.message_en)
        line.values["tahun"] = str(value)
        return
    line.values["tahun"] = "" if number is None else f"{number:g}"
    if number is None or not number.is_integer() or not 2000 <= number <= 2100:
        line.refuse("tahun", "Tahun SKP harus antara 2000 dan 2100.",
                    "The SKP year must be between 2000 and 2100.")  # fmt: skip
    else:
        line.year = int(number)


def _target(line: SkpLine, value: CellValue) -> None:
    try:
        number = number_of(value)
    except CellProblem as problem:
        line.refuse("target", problem.message, problem.message_en)
        line.values["target"] = str(value)
        return
    line.values["target"] = "" if number is None else f"{number:g}".replace(".", ",")
    if number is None or not 0 <= number <= 1e9:
        line.refuse("target", "Target harus angka 0 atau lebih.",
                    "The target must be a number of 0 or more.")  # fmt: skip
    else:
        line.target = number


def parse_skp_line(line_no: int, cells: dict[str, CellValue]) -> SkpLine:
    """Read one row (field -> raw cell) and check its cells."""
    line = SkpLine(line_no)
    line.nip = normalize_nip(_cell(line, "nip", cells.get("nip"), 18))
    line.values["nip"] = line.nip
    if not line.nip and not line.issues:
        line.refuse("nip", "NIP wajib diisi.", "The NIP is required.")
    _year(line, cells.get("tahun"))
    kind = _cell(line, "jenis_rhk", cells.get("jenis_rhk"), 20)
    if kind and (found := _KIND.get("".join(c for c in kind.lower() if c.isalnum()))) is None:
        line.refuse("jenis_rhk", f"Jenis RHK '{kind}' tidak dikenal; tulis Utama atau Tambahan.",
                    f"Unknown RHK kind '{kind}'; write Utama or Tambahan.")  # fmt: skip
    elif kind:
        line.kind = found or RhkKind.UTAMA
    _cell(line, "rhk_atasan", cells.get("rhk_atasan"), MAX_TEXT)
    if not _cell(line, "rhk", cells.get("rhk"), MAX_TEXT) and not line.issues:
        line.refuse("rhk", "Rumusan RHK wajib diisi.", "The RHK statement is required.")
    aspect = _cell(line, "aspek", cells.get("aspek"), 20)
    if (found_aspect := _ASPECT.get(aspect.lower())) is None:
        line.refuse("aspek", f"Aspek '{aspect}' tidak dikenal; pilih Kuantitas, Kualitas, Waktu "
                    "atau Biaya.", f"Unknown aspect '{aspect}'; use Kuantitas, Kualitas, Waktu "
                    "or Biaya.")  # fmt: skip
    else:
        line.aspect = found_aspect
    line.indicator = _cell(line, "indikator", cells.get("indikator"), MAX_TEXT)
    if not line.indicator:
        line.indicator = line.values.get("rhk", "")  # e-Kinerja often leaves it to the aspect
    _target(line, cells.get("target"))
    line.unit = _cell(line, "satuan", cells.get("satuan"), 40)
    return line


def group_lines(lines: list[SkpLine]) -> list[RhkGroup]:
    """Rows grouped by (NIP, year, RHK text), in file order."""
    groups: dict[tuple[str, int, str], RhkGroup] = {}
    for line in lines:
        text = line.values.get("rhk", "")
        key = (line.nip, line.year, text.casefold())
        if key not in groups:
            groups[key] = RhkGroup(line.nip, line.year, text, [])
        groups[key].lines.append(line)
    return list(groups.values())


def check_group(group: RhkGroup) -> None:
    """Rules across the rows of one RHK: one kind and one intervened RHK, one indicator per
    aspect, a kuantitas indicator with a target above 0 and a unit."""
    first = group.lines[0]
    group.kind = first.kind
    group.parent_text = first.values.get("rhk_atasan", "")
    seen: dict[Aspect, int] = {}
    for line in group.lines:
        if line.kind is not group.kind:
            line.refuse("jenis_rhk", f"Jenis RHK berbeda dengan baris {first.line} untuk RHK yang "
                        "sama.", f"RHK kind differs from line {first.line} of the same RHK.")  # fmt: skip
        if line.values.get("rhk_atasan", "").casefold() != group.parent_text.casefold():
            line.refuse("rhk_atasan", f"RHK atasan berbeda dengan baris {first.line} untuk RHK "
                        "yang sama.", f"Supervisor RHK differs from line {first.line} of the same "
                        "RHK.")  # fmt: skip
        if line.aspect in seen and not any(i.field == "aspek" for i in line.issues):
            line.refuse("aspek", f"Aspek {line.aspect.label} sudah ada di baris "
                        f"{seen[line.aspect]}; satu indikator per aspek.",
                        f"Aspect {line.aspect.value} already on line {seen[line.aspect]}; one "
                        "indicator per aspect.")  # fmt: skip
        seen.setdefault(line.aspect, line.line)
    quantity = next((ln for ln in group.lines if ln.aspect is Aspect.KUANTITAS), None)
    if quantity is None or quantity.target <= 0 or not quantity.unit:
        target = quantity or first
        target.refuse("satuan" if quantity is not None else "aspek",
                      "Setiap RHK memerlukan indikator kuantitas dengan target dan satuan (mis. "
                      "12 dokumen).", "Every RHK needs a quantity indicator with a target and a "
                      "unit (e.g. 12 documents).")  # fmt: skip
