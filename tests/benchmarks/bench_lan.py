"""Several PCs on one PostgreSQL server (issue 15): 1, 2, 4 and 8 simulated PCs (processes)
doing a day's work at once, and the month grid of a 500-person office opened over the server.

    FLEXDESK_BENCH_PG_URL=postgresql+psycopg://USER@HOST:PORT/postgres \\
        python tests/benchmarks/bench_lan.py [--employees 500] [--ops 40] [--pcs 1,2,4,8]

The URL names a server and a database the user may CREATE DATABASE from; the benchmark makes
its own database there and drops it afterwards. Without a URL it says so and stops (exit 0):
the LAN numbers need a server, and `.ci/run`'s throwaway cluster is gone when benchmarks run.

Each PC is its own process with its own data folder (as on the office LAN) and its own
employee: per round it logs an output with an evidence file and submits it, sets one schedule
cell, and the admin accepts the log (a review). Every save is timed from the start of its unit
of work to its commit. Printed: throughput (saves per second, all PCs together), p50/p95 of a
save, the ratio against one PC, and whether every save of every PC is in the database
afterwards (lost updates: 0 expected). The grid row is ``MonthEditor`` + the Qt model over the
server, the same work as opening *Jadwal* on a PC of the office.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import Row, median_time, print_table
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from flexdesk.db.models import Employee
from flexdesk.db.models_outputs import OutputLog
from flexdesk.paths import DataPaths
from flexdesk.services import auth, office
from flexdesk.services.app import Services, open_database
from flexdesk.services.demo import DEMO_PASSWORD, generate_staff
from flexdesk.services.permissions import Actor, Role

ROOT = Path(__file__).resolve().parents[2]
YEAR, MONTH = 2026, 11
KINDS = {"log": "log output + evidence + submit", "cell": "schedule cell", "review": "review"}
WORKING_DAYS = [d for d in range(2, 28) if date(YEAR, MONTH, d).weekday() < 5]


# -- the server database ----------------------------------------------------------------------


def _server_url(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def _create_database(base: str, name: str) -> str:
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return _server_url(base, name)


def _drop_database(base: str, name: str) -> None:
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _prepare(url: str, root: Path, employees: int, pcs: int) -> dict[str, Any]:
    """The office on the server: staff, an admin, and for each PC an employee with an SKP."""
    from flexdesk.services.outputs import skp
    from tests.support.outputs import rhk_input

    db = open_database(DataPaths(root / "pc-setup"), database_url=url, auto_backup=False)
    try:
        with db.session() as session:
            office.first_run_setup(
                session,
                office.OfficeProfile("B001", "Pemerintah Kabupaten Uji", "Kantor Uji", "", "Uji"),
                admin_username="admin",
                admin_password=DEMO_PASSWORD,
                admin_name="Admin",
            )
            rows = generate_staff(session, employees=employees, seed=7)
        with db.read_session() as session:
            admin_user = auth.list_users(session, _console())[0]
        admin = Actor(admin_user.id, "admin", Role.ADMIN)
        workers: list[dict[str, Any]] = []
        hashed = auth.hash_password(DEMO_PASSWORD)
        staff = [r for r in rows if not r["is_head"] and r.get("supervisor_id")][:pcs]
        for n, row in enumerate(staff):
            with db.session() as session:
                user = auth.create_user_unchecked(
                    session,
                    username=f"pc{n}-pegawai",
                    password=DEMO_PASSWORD,
                    role=Role.EMPLOYEE,
                    employee_id=str(row["id"]),
                    password_hash=hashed,
                )
                actor = auth.actor_for(user)
                session.info["actor"] = admin
                detail = skp.create_skp(session, admin, str(row["id"]), YEAR, "monthly")
                detail = skp.add_rhk(session, admin, detail.id, rhk_input())
            workers.append(
                {
                    "user_id": actor.user_id,
                    "username": actor.username,
                    "employee_id": actor.employee_id,
                    "rhk_id": detail.rhk[0].id,
                }
            )
        return {"admin": {"user_id": admin.user_id}, "workers": workers}
    finally:
        db.dispose()


def _console() -> Actor:
    return Actor("console", "console", Role.ADMIN, account=False)


# -- one PC -----------------------------------------------------------------------------------


def worker(args: dict[str, Any]) -> None:
    """One PC: ``ops`` rounds of log+submit, a schedule cell and a review; prints JSON."""
    from dataclasses import replace
    from datetime import time as clock

    from flexdesk.domain.outputs import WorkMode
    from flexdesk.services.outputs import logs
    from flexdesk.services.outputs.logs import LogInput
    from flexdesk.services.schedule.service import CellChange, set_entries
    from flexdesk.services.storage.attachments import AttachmentStore

    root = Path(args["root"])
    paths = DataPaths(root)
    paths.ensure()
    db = open_database(paths, database_url=args["url"], auto_backup=False)
    me = Actor(args["user_id"], args["username"], Role.EMPLOYEE, args["employee_id"])
    admin = Actor(args["admin_id"], "admin", Role.ADMIN)
    store = AttachmentStore(paths.attachments)
    evidence = root / "bukti kegiatan.pdf"
    rng = random.Random(args["seed"])
    base = LogInput(
        employee_id=me.employee_id or "",
        day=date(YEAR, MONTH, 3),
        rhk_id=args["rhk_id"],
        activity="",
        quantity=1,
        unit="dokumen",
        start_time=clock(8),
        end_time=clock(9),
        work_mode=WorkMode.WFO,
    )
    mine, admins = Services(db, me), Services(db, admin)
    times: dict[str, list[float]] = {"log": [], "cell": [], "review": []}
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    for i in range(args["ops"]):
        evidence.write_bytes(b"%PDF-1.4\n%" + os.urandom(2048) + b"\n%%EOF\n")
        data = replace(base, activity=f"{args['username']} kegiatan {i}", add_files=(evidence,))
        t = time.perf_counter()
        row = mine.call(logs.create_log, data, store=store, today=date(YEAR, MONTH, 28))
        mine.call(logs.submit_logs, [row.id])
        times["log"].append(time.perf_counter() - t)
        day = date(YEAR, MONTH, rng.choice(WORKING_DAYS))
        change = CellChange(me.employee_id or "", day, rng.choice("OHO"))
        t = time.perf_counter()
        admins.call(set_entries, YEAR, MONTH, [change])
        times["cell"].append(time.perf_counter() - t)
        t = time.perf_counter()
        admins.call(logs.accept_logs, [row.id])
        times["review"].append(time.perf_counter() - t)
    wall = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"wall": wall, "times": times}), flush=True)


def _run_pcs(url: str, root: Path, setup: dict[str, Any], pcs: int, ops: int) -> dict[str, Any]:
    procs = []
    for n, w in enumerate(setup["workers"][:pcs]):
        args = dict(w, url=url, root=str(root / f"pc{n}-{pcs}"), ops=ops, seed=n,
                    admin_id=setup["admin"]["user_id"])  # fmt: skip
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", json.dumps(args)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        procs.append(proc)
    started = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [json.loads(proc.communicate(timeout=1800)[0].splitlines()[-1]) for proc in procs]
    wall = time.perf_counter() - started
    kinds = {k: [t for r in results for t in r["times"][k]] for k in ("log", "cell", "review")}
    saves = [t for values in kinds.values() for t in values]
    return {"wall": wall, "saves": saves, "count": len(saves), "kinds": kinds}


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--ops", type=int, default=40, help="rounds per PC (3 saves each)")
    parser.add_argument("--pcs", default="1,2,4,8")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(json.loads(args.worker))
        return
    base = os.environ.get("FLEXDESK_BENCH_PG_URL")
    if not base:
        print("bench_lan: set FLEXDESK_BENCH_PG_URL to a PostgreSQL server (see --help); skipped")
        return
    counts = [int(n) for n in args.pcs.split(",")]
    name = f"flexdesk_bench_lan_{os.getpid()}"
    url = _create_database(base, name)
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory(prefix="flexdesk bench lan ") as tmp:
            root = Path(tmp)
            setup = _prepare(url, root, args.employees, max(counts))
            one: dict[str, float] = {}
            logged = 0
            for pcs in counts:
                result = _run_pcs(url, root, setup, pcs, args.ops)
                logged += pcs * args.ops
                rate = result["count"] / result["wall"]
                if pcs == counts[0]:
                    one = {"rate": rate} | {k: _p(v, 95) for k, v in result["kinds"].items()}
                for kind, label in KINDS.items():
                    values = result["kinds"][kind]
                    rows.append(
                        Row(f"{pcs} PC(s): {label}, p95", f"{len(values)} saves", _p(values, 95),
                            f"{counts[0]} PC", one[kind], f"p50 {_p(values, 50) * 1000:.1f} ms")
                    )  # fmt: skip
                rows.append(
                    Row(f"{pcs} PC(s): all saves, p95", f"{result['count']} saves",
                        _p(result["saves"], 95), note=f"goal < 50 ms; {rate:.0f} saves/s together, "
                        f"{rate / one['rate']:.2f}x of {counts[0]} PC")
                )  # fmt: skip
            lost = _lost_updates(url, root, logged)
            rows.append(_grid(url, root, args.repeat))
    finally:
        _drop_database(base, name)
    print_table(rows)
    print(lost)


def _lost_updates(url: str, root: Path, logged: int) -> str:
    """Every PC's saves are in the database: logs (each accepted) and the cells they set."""
    db = open_database(DataPaths(root / "pc-check"), database_url=url, auto_backup=False)
    try:
        with db.read_session() as session:
            logs = session.scalar(select(func.count()).select_from(OutputLog)) or 0
            accepted = session.scalar(
                select(func.count()).select_from(OutputLog).where(OutputLog.status == "accepted")
            )
    finally:
        db.dispose()
    return (
        f"lost updates: {logged - logs} of {logged} logs missing, {logged - (accepted or 0)} not "
        "accepted (0 and 0 expected)"
    )


def _grid(url: str, root: Path, repeat: int) -> Row:
    from PySide6.QtWidgets import QApplication

    from flexdesk.services.schedule.editor import MonthEditor
    from flexdesk.ui.pages.schedule.grid_model import ScheduleGridModel

    _app = QApplication.instance() or QApplication([])
    db = open_database(DataPaths(root / "pc-grid"), database_url=url, auto_backup=False)
    try:
        services = Services(db, _console())
        with db.read_session() as session:
            staff = session.scalar(select(func.count()).select_from(Employee))

        def open_month() -> None:
            ScheduleGridModel(MonthEditor(services, YEAR, MONTH), lang="id")

        opened = median_time(open_month, repeat=repeat)
    finally:
        db.dispose()
    return Row("open the month grid over the server", f"{staff} staff", opened,
               note="goal < 150 ms on loopback")  # fmt: skip


if __name__ == "__main__":
    main()
