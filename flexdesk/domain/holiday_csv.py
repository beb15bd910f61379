"""The admin's holiday list as CSV (columns ``tanggal``, ``nama``, ``jenis``): read all or
nothing, every problem reported with its line number in both languages."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from flexdesk.domain.holiday_list import HolidayKind, HolidayRow
from flexdesk.errors import ImportFileError

_CSV_KINDS: dict[str, HolidayKind] = {
    "nasional": HolidayKind.NATIONAL,
    "cuti_bersama": HolidayKind.CUTI_BERSAMA,
    "cuti bersama": HolidayKind.CUTI_BERSAMA,
    "lokal": HolidayKind.LOCAL,
}
_COLUMNS = ("tanggal", "nama", "jenis")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MAX_REPORTED = 10


def _empty_file() -> ImportFileError:
    return ImportFileError(
        "Berkas CSV hari libur kosong.", message_en="The holiday CSV file is empty."
    )


class _Problems:
    """The problems found so far, by line, in Indonesian and English."""

    def __init__(self) -> None:
        self.id: list[str] = []
        self.en: list[str] = []

    def add(self, line: int, id_: str, en: str) -> None:
        self.id.append(f"baris {line}: {id_}")
        self.en.append(f"line {line}: {en}")

    def raise_any(self) -> None:
        """Raise ImportFileError listing the first problems (and how many more), if any."""
        if not self.id:
            return
        more = len(self.id) - _MAX_REPORTED
        tail_id = f"; dan {more} masalah lain" if more > 0 else ""
        tail_en = f"; and {more} more problems" if more > 0 else ""
        raise ImportFileError(
            "Berkas CSV hari libur tidak diimpor: "
            + "; ".join(self.id[:_MAX_REPORTED])
            + tail_id
            + ".",
            message_en="Holiday CSV not imported: "
            + "; ".join(self.en[:_MAX_REPORTED])
            + tail_en
            + ".",
        )


def _delimiter(text: str) -> str:
    """``;`` or ``,``, whichever the header (the first non-blank line) holds more of."""
    lines = text.splitlines()
    header_index = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if header_index is None:
        raise _empty_file()
    header_line = lines[header_index]
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _parse_date(text: str) -> date | None:
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _column_index(cells: list[str], line: int) -> dict[str, int]:
    """Where each required column is in the header row; a missing one raises at once."""
    header = [c.strip().lower() for c in cells]
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            f"Berkas CSV hari libur tidak diimpor: baris {line} harus berupa kepala "
            f"kolom tanggal, nama, jenis (tidak ada: {', '.join(missing)}).",
            message_en=f"Holiday CSV not imported: line {line} must be the header "
            f"tanggal, nama, jenis (missing: {', '.join(missing)}).",
        )
    return {c: header.index(c) for c in _COLUMNS}


def _parse_row(
    cells: list[str], line: int, width: int, index: dict[str, int], problems: _Problems
) -> HolidayRow | None:
    """One data row as a holiday, or None after recording what is wrong with it."""
    if len(cells) < width:
        problems.add(
            line,
            f"{len(cells)} kolom, seharusnya {width}",
            f"{len(cells)} columns, expected {width}",
        )
        return None
    raw_date = cells[index["tanggal"]].strip()
    name = cells[index["nama"]].strip()
    raw_kind = cells[index["jenis"]].strip()
    day = _parse_date(raw_date)
    kind = _CSV_KINDS.get(raw_kind.lower())
    if day is None:
        problems.add(
            line,
            f"tanggal '{raw_date}' tidak valid (YYYY-MM-DD atau DD/MM/YYYY)",
            f"invalid date '{raw_date}' (YYYY-MM-DD or DD/MM/YYYY)",
        )
    if not name:
        problems.add(line, "nama hari libur kosong", "empty holiday name")
    if kind is None:
        problems.add(
            line,
            f"jenis '{raw_kind}' tidak dikenal (nasional, cuti_bersama, lokal)",
            f"unknown kind '{raw_kind}' (nasional, cuti_bersama, lokal)",
        )
    if day is None or kind is None or not name:
        return None
    return HolidayRow(day, name, kind)


def parse_holiday_csv(text: str) -> list[HolidayRow]:
    """Parse a holiday list: columns ``tanggal``, ``nama``, ``jenis``, header required.

    ``tanggal`` is YYYY-MM-DD or DD/MM/YYYY; ``jenis`` is nasional, cuti_bersama or lokal.
    A byte-order mark, ``;`` or ``,`` as delimiter (read from the header line), extra columns
    and blank lines are tolerated. All or nothing: any bad row raises
    :class:`ImportFileError` listing every problem with its line number, and nothing is
    returned. The same date twice with different names or kinds is an error; an exact repeat
    is kept once. Rows come back sorted by date.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    problems = _Problems()
    index: dict[str, int] | None = None
    width = 0
    seen: dict[date, tuple[int, HolidayRow]] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if index is None:
                index, width = _column_index(cells, line), len(cells)
                continue
            row = _parse_row(cells, line, width, index, problems)
            if row is None:
                continue
            previous = seen.get(row.day)
            if previous is None:
                seen[row.day] = (line, row)
            elif previous[1] != row:
                problems.add(
                    line,
                    f"tanggal {row.day:%d/%m/%Y} sudah ada di baris {previous[0]} "
                    f"dengan isi lain ('{previous[1].name}')",
                    f"date {row.day:%Y-%m-%d} already on line {previous[0]} "
                    f"with different content ('{previous[1].name}')",
                )
    except csv.Error as exc:
        problems.add(reader.line_num, f"format CSV rusak ({exc})", f"malformed CSV ({exc})")
    if index is None:  # pragma: no cover - the first non-blank line is always read
        raise _empty_file()
    problems.raise_any()
    return [row for _, row in sorted(seen.values(), key=lambda v: v[1].day)]
