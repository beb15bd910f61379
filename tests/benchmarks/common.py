"""Shared pieces of the benchmarks: synthetic offices, timing and the result table.

Benchmarks are scripts, not tests: they print sizes, medians and ratios so two runs can be
compared by eye; nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flexdesk.paths import DataPaths
from flexdesk.services import auth, office
from flexdesk.services.app import open_database
from flexdesk.services.demo import DEMO_PASSWORD, generate_staff
from flexdesk.services.permissions import Role


@dataclass
class Row:
    benchmark: str
    size: str
    median_s: float
    baseline: str = ""
    baseline_s: float | None = None
    note: str = ""

    @property
    def ratio(self) -> str:
        if not self.baseline_s:
            return ""
        return f"{self.median_s / self.baseline_s:.2f}x"


def make_office(root: Path, employees: int, *, seed: int = 1) -> DataPaths:
    """A data dir with an office of ``employees`` staff and an admin (password DEMO_PASSWORD)."""
    paths = DataPaths(root)
    db = open_database(paths)
    with db.session() as session:
        if not office.is_set_up(session):
            office.first_run_setup(
                session,
                office.OfficeProfile("B001", "Pemerintah Kabupaten Uji", "Kantor Uji", "", "Uji"),
                admin_username="admin",
                admin_password=DEMO_PASSWORD,
                admin_name="Admin",
            )
            rows = generate_staff(session, employees=employees, seed=seed)
            hashed = auth.hash_password(DEMO_PASSWORD)
            for row in rows[:5]:
                auth.create_user_unchecked(
                    session,
                    username=f"user{row['id'][:8]}",
                    password=DEMO_PASSWORD,
                    role=Role.SUPERVISOR if row["is_head"] else Role.EMPLOYEE,
                    employee_id=str(row["id"]),
                    password_hash=hashed,
                )
    db.dispose()
    return paths


def median_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_table(rows: Sequence[Row]) -> None:
    headers = ("benchmark", "size", "median", "baseline", "baseline median", "ratio", "note")
    data = [
        (
            r.benchmark,
            r.size,
            f"{r.median_s * 1000:.1f} ms",
            r.baseline,
            "" if r.baseline_s is None else f"{r.baseline_s * 1000:.1f} ms",
            r.ratio,
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(d[i]) for d in data)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for d in data:
        print("  ".join(c.ljust(w) for c, w in zip(d, widths, strict=True)))
