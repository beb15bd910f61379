"""Reading an import file (XLSX or CSV) into a header and rows of raw cell values, safely.

Files come from other programs and other people, so nothing in them is trusted:

* CSV as Excel and LibreOffice write it: UTF-8 with or without a BOM, else Windows-1252 (what
  Excel on an Indonesian Windows saves as "CSV"); comma, semicolon or tab between fields
  (sniffed from the header line); at most :data:`MAX_BYTES`.
* XLSX is a zip: refused unless it is one, with at most :data:`MAX_ZIP_MEMBERS` members and
  :data:`MAX_UNPACKED` bytes unpacked and a compression ratio a real sheet has, all checked in
  the zip directory before anything is unpacked (Python's zipfile never unpacks more than the
  directory declares, so a bomb that lies about its sizes fails its CRC check instead).
  The first *visible* sheet is read (a hidden sheet is named in the notes, never imported);
  merged cells are filled from their top-left cell (and noted); a formula is kept as a
  :class:`Formula` so the row check refuses it (its value depends on what the formula saw).
* At most :data:`MAX_ROWS` data rows and :data:`MAX_COLUMNS` columns: a larger file is refused
  before anything else is looked at.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from flexdesk.errors import ImportFileError
from flexdesk.services.cell_safety import unneutralise

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_RATIO = 200  #: unpacked / packed size of one member; real sheets stay far below
MAX_ROWS = 20_000
MAX_COLUMNS = 60

Raw = str | int | float | date | datetime | time | None
#: how well a row reads as the header (the number of known column names in it)
HeaderScore = Callable[[list[str]], int]
#: the header is looked for in this many first non-empty rows (title and notes may sit above)
HEADER_SEARCH = 12


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula (its text as written, e.g. ``=A1+1``)."""

    text: str

    def __str__(self) -> str:
        return self.text


CellValue = Raw | Formula


@dataclass
class Table:
    """What an import file holds: its header, data rows (file line numbers) and notes."""

    header: list[str]
    rows: list[tuple[int, list[CellValue]]]
    notes: list[tuple[str, str]] = field(default_factory=list)  #: (Indonesian, English)
    kind: str = "csv"


def fail(message: str, message_en: str) -> ImportFileError:
    """The file-level refusal: nothing was imported."""
    return ImportFileError(message, message_en=message_en, field="file")


def _no_score(header: list[str]) -> int:
    return 0


def read_table(path: Path, *, score: HeaderScore = _no_score, max_rows: int = MAX_ROWS) -> Table:
    """Read ``path`` (``.xlsx`` by content, otherwise CSV); raise ImportFileError if unusable.

    The header is the row among the first :data:`HEADER_SEARCH` non-empty ones that ``score``
    rates highest (the first non-empty row when none scores); rows above it are dropped.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise fail(
            f"Berkas {path.name} tidak dapat dibaca ({exc.strerror}).",
            f"The file {path.name} cannot be read ({exc.strerror}).",
        ) from exc
    if size > MAX_BYTES:
        raise fail(
            f"Berkas terlalu besar ({size // (1024 * 1024)} MB; maksimal "
            f"{MAX_BYTES // (1024 * 1024)} MB).",
            f"The file is too large ({size // (1024 * 1024)} MB; at most "
            f"{MAX_BYTES // (1024 * 1024)} MB).",
        )
    if head.startswith(b"PK"):
        return _read_xlsx(path, max_rows, score)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise fail(
            "Berkas ini bukan berkas Excel .xlsx yang sah (bukan arsip zip). Simpan ulang dari "
            "Excel/LibreOffice sebagai .xlsx, atau sebagai CSV.",
            "This is not a valid Excel .xlsx file (not a zip archive). Save it again from "
            "Excel/LibreOffice as .xlsx, or as CSV.",
        )
    return _read_csv(path.read_bytes(), max_rows, score)


# -- CSV ---------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode Text"), else Windows-1252; a
    NUL byte in anything else means a binary file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise fail(
            "Berkas ini bukan teks CSV (berisi data biner).",
            "This file is not CSV text (it holds binary data).",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes, max_rows: int, score: HeaderScore) -> Table:
    text = decode_text(data)
    lines = [ln for ln in text.splitlines()[:HEADER_SEARCH] if ln.strip()]
    delimiter = _delimiter(max(lines, key=lambda ln: score(_split(ln)), default=""))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[tuple[int, list[CellValue]]]:
        try:
            for record in reader:
                yield reader.line_num, [unneutralise(c) for c in record[: MAX_COLUMNS + 1]]
        except csv.Error as exc:
            raise fail(
                f"CSV rusak di baris {reader.line_num}: {exc}.",
                f"Broken CSV at line {reader.line_num}: {exc}.",
            ) from exc

    return _table(records(), max_rows, score, "csv")


def _split(line: str) -> list[str]:
    return [part for d in (";", ",", "\t") for part in line.split(d)]


def _too_many(max_rows: int) -> ImportFileError:
    return fail(
        f"Berkas berisi lebih dari {max_rows:,} baris data; batasnya {max_rows:,}. Bagi berkas "
        "menjadi beberapa bagian.".replace(",", "."),
        f"The file has more than {max_rows:,} data rows; the limit is {max_rows:,}. Split it "
        "into parts.",
    )


def _check_columns(n: int) -> None:
    if n > MAX_COLUMNS:
        raise fail(
            f"Berkas berisi {n} kolom; maksimal {MAX_COLUMNS}.",
            f"The file has {n} columns; at most {MAX_COLUMNS}.",
        )


# -- XLSX --------------------------------------------------------------------------------------


def _check_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise fail(
            "Berkas ini bukan berkas .xlsx yang sah (arsip zip rusak).",
            "This is not a valid .xlsx file (broken zip archive).",
        ) from exc
    infos = archive.infolist()
    unpacked = sum(i.file_size for i in infos)
    bomb = len(infos) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED
    bomb = bomb or any(i.file_size > MAX_RATIO * max(i.compress_size, 1024) for i in infos)
    if bomb:
        archive.close()
        raise fail(
            "Berkas .xlsx ini membengkak tidak wajar saat dibuka (kemungkinan bom zip); tidak "
            "dibaca.",
            "This .xlsx file expands abnormally when opened (probably a zip bomb); not read.",
        )
    if "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise fail(
            "Arsip zip ini bukan buku kerja Excel (.xlsx).",
            "This zip archive is not an Excel workbook (.xlsx).",
        )
    return archive


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _merged_ranges(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 1-based rows, 0-based columns."""
    found: list[tuple[int, int, int, int]] = []
    read = 0
    with archive.open(part) as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            read += len(chunk)
            if read > MAX_UNPACKED:
                raise fail("Lembar kerja terlalu besar.", "The worksheet is too large.")
            data = tail + chunk
            found.extend(
                (int(r1), _col_index(c1), int(r2), _col_index(c2))
                for c1, r1, c2, r2 in _MERGE.findall(data)
            )
            tail = data[-200:] if not data.endswith(b">") else b""
    return sorted(set(found))


def _sheet_part(archive: zipfile.ZipFile, index: int) -> str | None:
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    sheets = re.findall(r"<(?:\w+:)?sheet\b[^>]*?r:id=\"([^\"]+)\"", book)
    if index >= len(sheets):
        return None
    target = re.search(rf'Id="{re.escape(sheets[index])}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{re.escape(sheets[index])}"', rels
    )
    if target is None:
        return None
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def _read_xlsx(path: Path, max_rows: int, score: HeaderScore) -> Table:
    import openpyxl

    archive = _check_zip(path)
    try:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (extensions, odd styles): not ours to show
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise fail(
                f"Berkas .xlsx tidak dapat dibaca ({type(exc).__name__}).",
                f"The .xlsx file cannot be read ({type(exc).__name__}).",
            ) from exc
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return _visible_sheet(wb, archive, max_rows, score)
        finally:
            wb.close()
    finally:
        archive.close()


def _visible_sheet(
    wb: object, archive: zipfile.ZipFile, max_rows: int, score: HeaderScore
) -> Table:
    notes: list[tuple[str, str]] = []
    sheets = list(getattr(wb, "worksheets", []))
    index = next((i for i, ws in enumerate(sheets) if ws.sheet_state == "visible"), None)
    hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
    if hidden:
        notes.append(
            (
                "Lembar tersembunyi diabaikan: " + ", ".join(hidden) + ".",
                "Hidden sheets ignored: " + ", ".join(hidden) + ".",
            )
        )
    if index is None:
        raise fail(
            "Buku kerja tidak memiliki lembar yang terlihat.", "The workbook has no visible sheet."
        )
    ws = sheets[index]
    if len(sheets) - len(hidden) > 1:
        notes.append(
            (
                f"Hanya lembar pertama yang terlihat dibaca: {ws.title}.",
                f"Only the first visible sheet is read: {ws.title}.",
            )
        )
    part = _sheet_part(archive, index)
    merged = _merged_ranges(archive, part) if part and part in archive.namelist() else []
    table = _table(_iter_rows(ws), max_rows, score, "xlsx")
    table.notes[:0] = notes
    if merged:
        _fill_merged(table, merged)
    return table


def _value(cell: object) -> CellValue:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
        return Formula(str(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str | int | float | date | datetime | time):
        return value
    return None if value is None else str(value)


def _iter_rows(ws: object) -> Iterator[tuple[int, list[CellValue]]]:
    for number, cells in enumerate(ws.iter_rows(), 1):  # type: ignore[attr-defined]
        yield number, [_value(c) for c in cells[: MAX_COLUMNS + 1]]


def _blank(values: list[CellValue]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _table(
    records: Iterator[tuple[int, list[CellValue]]], max_rows: int, score: HeaderScore, kind: str
) -> Table:
    """Find the header among the first rows, then collect the data rows under it."""
    head: list[tuple[int, list[CellValue]]] = []
    for record in records:
        if not _blank(record[1]):
            head.append(record)
        if len(head) >= HEADER_SEARCH:
            break
    if not head:
        raise fail("Berkas kosong.", "The file is empty.")
    texts = [["" if v is None else str(v).strip() for v in values] for _n, values in head]
    best = max(range(len(head)), key=lambda i: (score(texts[i]), -i))
    header = texts[best]
    while header and not header[-1]:
        header.pop()
    _check_columns(len(header))
    rows: list[tuple[int, list[CellValue]]] = []
    for number, values in [*head[best + 1 :], *records]:
        if _blank(values):
            continue
        if len(rows) >= max_rows:
            raise _too_many(max_rows)
        rows.append((number, values[:MAX_COLUMNS]))
    return Table(header, rows, kind=kind)


def _fill_merged(table: Table, merged: list[tuple[int, int, int, int]]) -> None:
    by_line = {line: values for line, values in table.rows}
    filled = []
    for r1, c1, r2, c2 in merged:
        source = by_line.get(r1)
        if source is None or c1 >= len(source):
            continue
        value = source[c1]
        for line in range(r1, r2 + 1):
            values = by_line.get(line)
            if values is None:
                continue
            while len(values) <= c2:
                values.append(None)
            for col in range(c1, c2 + 1):
                if (line, col) != (r1, c1):
                    values[col] = value
        filled.append(f"{_letters(c1)}{r1}:{_letters(c2)}{r2}")
    if filled:
        table.notes.append(
            (
                "Sel gabungan diisi dari sel kiri atasnya: " + ", ".join(filled[:10]) + ".",
                "Merged cells filled from their top-left cell: " + ", ".join(filled[:10]) + ".",
            )
        )


def _letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out
