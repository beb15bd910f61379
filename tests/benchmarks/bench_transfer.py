"""Import and export at office scale (flexdesk.services.transfer).

- import 300 employees (an XLSX exported from a generated 300-person office, with gelar, units
  and supervisors) into an empty office: preview, and commit; goal < 2 s each;
- import 3,000 SKP indicator rows (300 employees x 5 RHK x 2 aspects) into that office:
  preview and commit; goal < 2 s each; baseline: openpyxl reading the same file raw;
- export a 500-employee month schedule and 100,000 output-log rows to XLSX; goal < 10 s;
  baselines: XlsxWriter (the library FlexDesk writes with) and openpyxl write-only writing the
  same cells raw, without FlexDesk's formats, neutralisation, queries or progress.

Run: ``python tests/benchmarks/bench_transfer.py`` (builds its offices in a temp folder).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_outputs import build as build_logs
from common import Row, make_office, median_time, print_table

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, login
from flexdesk.services.demo import DEMO_PASSWORD
from flexdesk.services.outputs.logs import LogFilter, list_logs
from flexdesk.services.schedule import service as schedule
from flexdesk.services.transfer import employee_import, exports, people_sheets, skp_import
from flexdesk.services.transfer.exports import LOG_COLUMNS, _log_values
from flexdesk.services.transfer.skp_rows import SKP_LABELS

MONTH = (2026, 11)


def _services(paths: DataPaths) -> tuple[Database, Services]:
    db = Database.for_file(paths.database)
    return db, Services(db, login(db, "admin", DEMO_PASSWORD))


def raw_xlsxwriter(path: Path, rows: Sequence[Sequence[object]]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    for r, values in enumerate(rows):
        ws.write_row(r, 0, values)
    wb.close()


def raw_openpyxl(path: Path, rows: Sequence[Sequence[object]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    for values in rows:
        ws.append(list(values))
    wb.save(path)


def raw_read(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _row in wb.worksheets[0].iter_rows(values_only=True):
        pass
    wb.close()


def _empty_office(root: Path) -> DataPaths:
    """An office with its admin and nobody else."""
    from flexdesk.services import office
    from flexdesk.services.app import open_database

    paths = DataPaths(root)
    db = open_database(paths)
    with db.session() as session:
        office.first_run_setup(
            session,
            office.OfficeProfile("B002", "Pemerintah Kabupaten Uji", "Kantor Baru", "", "Uji"),
            admin_username="admin",
            admin_password=DEMO_PASSWORD,
            admin_name="Admin",
        )
    db.dispose()
    return paths


def _fresh(template: Path, target: Path) -> DataPaths:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return DataPaths(target)


def _timed_commit(template: Path, scratch: Path, fn: Callable[[Services], object]) -> float:
    """Median of 3 commits, each into a fresh copy of ``template`` (the copy is not timed)."""
    times = []
    for _ in range(3):
        paths = _fresh(template, scratch)
        db, services = _services(paths)
        start = time.perf_counter()
        fn(services)
        times.append(time.perf_counter() - start)
        db.dispose()
    return sorted(times)[1]


def _skp_file(path: Path, nips: list[str]) -> Path:
    rows = []
    for nip in nips:
        for i in range(1, 6):
            text = f"Tersusunnya dokumen layanan nomor {i}"
            rows.append(
                (nip, 2027, "Utama", "", text, "Kuantitas", "Jumlah dokumen", 12 * i, "dokumen")
            )
            rows.append((nip, 2027, "Utama", "", text, "Waktu", "Tepat waktu", 12, "bulan"))
    raw_xlsxwriter(path, [tuple(SKP_LABELS.values()), *rows])
    return path


def bench_imports(work: Path) -> list[Row]:
    source = make_office(work / "source-300", 300)
    db, services = _services(source)
    employees_file = work / "pegawai-300.xlsx"
    services.read(people_sheets.export_employees_xlsx, employees_file)
    nips = [r[0] for r in services.read(lambda s, _a: list(people_sheets.employee_rows(s))) if r[0]]
    db.dispose()
    empty = _empty_office(work / "empty")
    db, services = _services(empty)
    preview = median_time(
        lambda: services.read(employee_import.preview_employee_import, employees_file), repeat=3
    )
    db.dispose()
    commit = _timed_commit(empty.root, work / "scratch",
                           lambda s: s.call(employee_import.commit_employee_import, employees_file))  # fmt: skip
    # the office with the 300 imported: the SKP import's starting point
    imported = _fresh(empty.root, work / "imported")
    db, services = _services(imported)
    services.call(employee_import.commit_employee_import, employees_file)
    skp_file = _skp_file(work / "skp-3000.xlsx", nips)
    skp_preview = median_time(
        lambda: services.read(skp_import.preview_skp_import, skp_file), repeat=3
    )
    db.dispose()
    skp_commit = _timed_commit(imported.root, work / "scratch",
                               lambda s: s.call(skp_import.commit_skp_import, skp_file))  # fmt: skip
    read_emp = median_time(lambda: raw_read(employees_file), repeat=3)
    read_skp = median_time(lambda: raw_read(skp_file), repeat=3)
    return [
        Row("import employees: preview", "300 rows", preview, "openpyxl raw read", read_emp, "goal < 2 s"),
        Row("import employees: commit", "300 rows", commit, "openpyxl raw read", read_emp, "goal < 2 s"),
        Row("import SKP: preview", f"{len(nips) * 10} rows", skp_preview, "openpyxl raw read", read_skp, "goal < 2 s"),
        Row("import SKP: commit", f"{len(nips) * 10} rows", skp_commit, "openpyxl raw read", read_skp, "goal < 2 s"),
    ]  # fmt: skip


def bench_schedule(work: Path) -> list[Row]:
    paths = make_office(work / "schedule-500", 500)
    db, services = _services(paths)
    ids = [r[0] for r in db.engine.connect().exec_driver_sql("SELECT id FROM employees").fetchall()]
    services.call(schedule.apply_pattern, *MONTH, employee_ids=ids, start=date(2026, 11, 1),
                  end=date(2026, 11, 30), pattern="O O H O A", location="=cmd|' /C calc'!A0")  # fmt: skip
    out = work / "jadwal.xlsx"
    took = median_time(lambda: services.read(exports.export_schedule_xlsx, *MONTH, out), repeat=3)
    grid = services.read(schedule.month_grid, *MONTH)
    cells = [
        [m.nip, m.name, *[(e.code.value if (e := grid.entry(m.id, d.day)) else "") for d in grid.days]]
        for u in grid.units for m in u.members
    ]  # fmt: skip
    db.dispose()
    xw = median_time(lambda: raw_xlsxwriter(work / "raw1.xlsx", cells), repeat=3)
    op = median_time(lambda: raw_openpyxl(work / "raw2.xlsx", cells), repeat=3)
    size = f"500 x {len(cells[0]) - 2} days"
    return [
        Row("export schedule month", size, took, "XlsxWriter raw", xw, "goal < 10 s"),
        Row("export schedule month", size, took, "openpyxl write-only raw", op),
    ]


def bench_logs(work: Path) -> list[Row]:
    paths = build_logs(work / "logs-100k", entries=100_000, employees=500)
    db, services = _services(paths)
    out = work / "log.xlsx"
    count = services.read(exports.export_logs_xlsx, LogFilter(), out)
    took = median_time(
        lambda: services.read(exports.export_logs_xlsx, LogFilter(), out), repeat=1, warmup=0
    )
    rows = [_log_values(r) for r in services.read(list_logs, LogFilter(oldest_first=True))]
    db.dispose()
    xw = median_time(lambda: raw_xlsxwriter(work / "raw3.xlsx", rows), repeat=1, warmup=0)
    op = median_time(lambda: raw_openpyxl(work / "raw4.xlsx", rows), repeat=1, warmup=0)
    size = f"{count:,} rows x {len(LOG_COLUMNS)}"
    return [
        Row("export output log", size, took, "XlsxWriter raw", xw, "goal < 10 s"),
        Row("export output log", size, took, "openpyxl write-only raw", op),
    ]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="flexdesk-bench-transfer-"))
    try:
        rows = bench_imports(work) + bench_schedule(work) + bench_logs(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    # the box is shared: the raw-library baselines move with its load, the ratios much less
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
