"""Helpers for the SKP / output-log tests: an SKP with RHK, a log entry, evidence files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, time
from pathlib import Path

from flexdesk.db.engine import Database
from flexdesk.domain.outputs import Aspect, PlannedDay, WorkMode
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.logs import LogInput, LogRow
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput, SkpDetail
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.attachments import AttachmentStore

YEAR = 2026
DAY = date(2026, 3, 4)  # a Wednesday, a working day
TODAY = date(2026, 3, 20)

PDF = b"%PDF-1.4\n% test evidence\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def rhk_input(text: str = "Tersusunnya laporan layanan", target: float = 12, unit: str = "dokumen",
              parent: str | None = None) -> RhkInput:  # fmt: skip
    return RhkInput(
        text=text,
        parent_rhk_id=parent,
        indicators=(
            IndicatorInput(Aspect.KUANTITAS, "Jumlah laporan", target, unit),
            IndicatorInput(Aspect.KUALITAS, "Laporan tanpa revisi", 100, "%"),
            IndicatorInput(Aspect.WAKTU, "Tepat waktu", 12, "bulan"),
        ),
    )


def make_skp(db: Database, actor: Actor, employee_id: str, *texts: str, year: int = YEAR,
             parents: tuple[str | None, ...] = ()) -> SkpDetail:  # fmt: skip
    """A draft SKP with one RHK per text (default: one RHK)."""
    with db.session() as session:
        detail = skp.create_skp(session, actor, employee_id, year, "monthly")
        for i, text in enumerate(texts or ("Tersusunnya laporan layanan",)):
            parent = parents[i] if i < len(parents) else None
            detail = skp.add_rhk(session, actor, detail.id, rhk_input(text, parent=parent))
    return detail


def log_input(employee_id: str, rhk_id: str, **changes: object) -> LogInput:
    base = LogInput(
        employee_id=employee_id,
        day=DAY,
        rhk_id=rhk_id,
        activity="Menyusun laporan layanan harian",
        quantity=2,
        unit="dokumen",
        start_time=time(8, 0),
        end_time=time(10, 30),
        work_mode=WorkMode.WFO,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def add_log(db: Database, actor: Actor, store: AttachmentStore, data: LogInput) -> LogRow:
    with db.session() as session:
        return outputs.create_log(session, actor, data, store=store, today=TODAY)


def write_file(folder: Path, name: str, data: bytes = PDF) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@contextmanager
def planned(days: dict[date, PlannedDay]) -> Iterator[None]:
    """Pretend the schedule capability planned these days (for every employee)."""

    def source(_session: object, _emp: str, first: date, last: date) -> dict[date, PlannedDay]:
        return {d: p for d, p in days.items() if first <= d <= last}

    outputs.PLANNED_DAY_SOURCES.append(source)
    try:
        yield
    finally:
        outputs.PLANNED_DAY_SOURCES.remove(source)
