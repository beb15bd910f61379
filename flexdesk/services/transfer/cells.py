"""Header matching and cell values: what a column is called, and what a cell says.

Header names are compared after :func:`header_key` (lower case, letters and digits only), so
``NIP Atasan``, ``nip_atasan`` and ``nipAtasan`` are one name. The aliases below cover
FlexDesk's own template, what clerks type, and the column names of the two national systems:

* SIASN ("Data Utama PNS" download and its web service): ``NIP_BARU`` / ``nipBaru``, ``NAMA``,
  ``GELAR_DEPAN`` / ``gelarDepan``, ``GELAR_BELAKANG``, ``JENIS_PEGAWAI_NAMA``,
  ``STATUS_CPNS_PNS`` (``P``/``C``: PNS/CPNS), ``GOL_AKHIR_NAMA`` / ``golRuangAkhir``,
  ``JABATAN_NAMA``, ``UNOR_NAMA`` (unit organisasi), ``NOMOR_HP``, ``EMAIL`` / ``EMAIL_GOV``,
  ``TANGGAL_LAHIR``, ``JENIS_KELAMIN``. (Read from public code that consumes these exports; BKN
  publishes no formal description.)
* e-Kinerja (SKP and its "pegawai/atasan" screens): ``NIP Atasan`` / ``NIP Pejabat Penilai``,
  ``Rencana Hasil Kerja``, ``Rencana Hasil Kerja Pimpinan yang Diintervensi``, ``Indikator
  Kinerja Individu``, ``Aspek``, ``Target``, ``Satuan``, ``Jenis RHK`` (Utama/Tambahan).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta

from flexdesk.domain.dates import MONTHS_ID
from flexdesk.services.transfer.tabular import CellValue, Formula

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """A header reduced to lower-case letters and digits (``"NIP Atasan"`` → ``"nipatasan"``)."""
    return _NON_ALNUM.sub("", text.strip().lower())


def match_headers(header: list[str], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """field -> column index, for the first column whose name is one of the field's aliases."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    for fld, names in aliases.items():
        wanted = [header_key(n) for n in names]
        for name in wanted:
            if name in keys:
                found[fld] = keys.index(name)
                break
    return found


def header_score(aliases: Mapping[str, tuple[str, ...]]) -> Callable[[list[str]], int]:
    """How many of ``aliases``' fields a row names: picks the header row of a file."""
    return lambda header: len(match_headers(header, aliases))


class CellProblem(ValueError):
    """A cell's value cannot be used; the message says why, in Indonesian and English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en


def formula_problem(value: Formula) -> CellProblem:
    """A formula is refused: its value is whatever the formula saw where it was written."""
    return CellProblem(
        f"Sel berisi rumus ({value.text[:40]}); tempel sebagai nilai (Paste Special > Values).",
        f"The cell holds a formula ({value.text[:40]}); paste it as a value.",
    )


def text_of(value: CellValue, *, max_len: int | None = None) -> str:
    """A cell as trimmed text (numbers without a trailing .0); raises CellProblem."""
    if isinstance(value, Formula):
        raise formula_problem(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime | date):
        text = value.strftime("%Y-%m-%d")
    else:
        text = str(value)
    text = " ".join(text.split())
    if max_len is not None and len(text) > max_len:
        raise CellProblem(
            f"Teks terlalu panjang ({len(text)} karakter; maksimal {max_len}).",
            f"Text too long ({len(text)} characters; at most {max_len}).",
        )
    return text


def nip_text(value: CellValue) -> str:
    """A NIP cell as digits text. A NIP stored as a *decimal* number has lost its last digits
    (a spreadsheet keeps 15 significant digits), so it is refused with the fix."""
    if isinstance(value, float):
        raise CellProblem(
            "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang (mis. 1,98503E+17). "
            "Format kolom NIP sebagai Teks lalu ketik/tempel ulang NIP-nya.",
            "The NIP is stored as a number and has lost its last digits (e.g. 1.98503E+17). "
            "Format the NIP column as Text and type/paste the NIPs again.",
        )
    text = text_of(value)
    return text[1:] if text.startswith("'") else text


_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_LONG = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_MONTH_NAMES = {m.lower(): i for i, m in enumerate(MONTHS_ID, 1)} | {
    m.lower()[:3]: i for i, m in enumerate(MONTHS_ID, 1)
}


def date_of(value: CellValue) -> date | None:
    """A date cell: a real date, an Excel serial number, or text as 31/12/1985, 1985-12-31 or
    31 Desember 1985 (day first, as Indonesian forms write it). Raises CellProblem."""
    if isinstance(value, Formula):
        raise formula_problem(value)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        raise _bad_date(str(value))
    if isinstance(value, int | float):
        if 1 <= value < 2958466:  # Excel's serial day numbers, 1900-01-01 .. 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise _bad_date(str(value))
    text = value.strip()
    try:
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YMD.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if (m := _LONG.match(text)) and m[2].lower() in _MONTH_NAMES:
            return date(int(m[3]), _MONTH_NAMES[m[2].lower()], int(m[1]))
        if text.isdigit():
            return date_of(int(text))
    except ValueError:
        pass
    raise _bad_date(text)


def _bad_date(text: str) -> CellProblem:
    return CellProblem(
        f"Tanggal '{text[:30]}' tidak dapat dibaca; tulis sebagai 31/12/1985 atau 1985-12-31.",
        f"The date '{text[:30]}' cannot be read; write it as 31/12/1985 or 1985-12-31.",
    )


def number_of(value: CellValue) -> float | None:
    """A number cell; text may use the Indonesian decimal comma (``12,5``) and thousands dots
    (``1.000``). Raises CellProblem."""
    if isinstance(value, Formula):
        raise formula_problem(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text) or "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise CellProblem(
            f"'{str(value)[:30]}' bukan angka.", f"'{str(value)[:30]}' is not a number."
        ) from None
