"""Two processes (two PCs) save the same schedule cell / output log / evaluation from the same
revision at the same moment: exactly one save wins, the other gets the conflict (StaleEdit
naming the winner's PC), and the database holds the winner's value. Real processes on one
SQLite file, and on the server in the PostgreSQL run (the ``db`` fixture)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import service as schedule
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evaluation import MARCH, approved_skp
from tests.support.helpers import Staff
from tests.support.outputs import add_log, log_input, make_skp

ROOT = Path(__file__).resolve().parents[3]
NOV = (2026, 11)
MON = date(2026, 11, 2)

# One "PC": waits for "go", saves its value from the revision it was given, prints the outcome.
PC = """
import json, os, pathlib, sys
from dataclasses import replace
from datetime import date
from flexdesk.db.engine import Database
from flexdesk.errors import StaleEdit
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.permissions import Actor, Role
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.outputs import TODAY
a = json.loads(sys.argv[1])
root = pathlib.Path(a["root"])
db = Database(a["url"], data_root=root)
svc = Services(db, Actor(a["user_id"], a["username"], Role(a["role"]), a["employee_id"]))
def save():
    if a["kind"] == "cell":
        day = date.fromisoformat(a["day"])
        change = CellChange(a["target"], day, "A", a["value"], expected_rev=0)
        svc.call(schedule.set_entries, 2026, 11, [change])
    elif a["kind"] == "log":
        row = svc.read(outputs.get_log, a["target"])
        data = replace(row.to_input(), activity=a["value"])
        store = AttachmentStore(root / "attachments")
        svc.call(outputs.update_log, a["target"], data, store=store, today=TODAY,
                 expected_rev=a["rev"])
    else:
        svc.call(ev.save_draft, a["target"], ev.EvaluationChanges(catatan=a["value"]),
                 expected_rev=a["rev"])
print("ready", flush=True)
sys.stdin.readline()
try:
    save()
except StaleEdit as exc:
    print(f"STALE {exc.workstation} {exc.current_rev}", flush=True)
except Exception as exc:
    print(f"FAIL {type(exc).__name__}: {exc}", flush=True)
else:
    print("WON", flush=True)
"""


def _start(db: Database, actor: Actor, root: Path, pc: str, **args: Any) -> subprocess.Popen[str]:
    payload = {
        "url": db.engine.url.render_as_string(hide_password=False),
        "root": str(root),
        "user_id": actor.user_id,
        "username": actor.username,
        "role": str(actor.role),
        "employee_id": actor.employee_id,
        **args,
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", PC, json.dumps(payload)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), FLEXDESK_PC_NAME=pc),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "ready":
        proc.kill()
        pytest.fail(proc.communicate()[1])
    return proc


def _race(db: Database, actor: Actor, root: Path, **args: Any) -> dict[str, str]:
    """Both PCs save at once; their outcome lines by PC name."""
    procs = {
        pc: _start(db, actor, root, pc, value=f"nilai {pc}", **args) for pc in ("PC-1", "PC-2")
    }
    try:
        for proc in procs.values():
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = {pc: proc.communicate(timeout=120) for pc, proc in procs.items()}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for pc, (_out, err) in results.items():
        assert procs[pc].returncode == 0, err
    return {pc: out.strip() for pc, (out, _err) in results.items()}


def _one_winner(outcome: dict[str, str]) -> str:
    winners = [pc for pc, line in outcome.items() if line == "WON"]
    assert len(winners) == 1, outcome
    (loser,) = set(outcome) - set(winners)
    assert outcome[loser].startswith(f"STALE {winners[0]} "), outcome
    return winners[0]


Setup = Callable[[Database, Staff, DataPaths], tuple[Actor, dict[str, Any], Callable[[], str]]]


def _cell(db: Database, staff: Staff, _paths: DataPaths):  # type: ignore[no-untyped-def]
    def stored() -> str:
        grid = Services(db, staff.admin).read(schedule.month_grid, *NOV)
        entry = grid.entry(staff.member.id, MON)
        return entry.location if entry else ""

    # both grids show the cell empty; each PC fills it with WFA at its own place
    return staff.admin, {"kind": "cell", "target": staff.member.id, "day": MON.isoformat()}, stored


def _log(db: Database, staff: Staff, paths: DataPaths):  # type: ignore[no-untyped-def]
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    store = AttachmentStore(paths.attachments)
    row = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk))

    def stored() -> str:
        return Services(db, staff.member_actor).read(outputs.get_log, row.id).activity

    return staff.member_actor, {"kind": "log", "target": row.id, "rev": row.rev}, stored


def _evaluation(db: Database, staff: Staff, _paths: DataPaths):  # type: ignore[no-untyped-def]
    approved_skp(db, staff)
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)

    def stored() -> str:
        return head.read(ev.get_evaluation, detail.id).catatan

    return staff.head_actor, {"kind": "evaluation", "target": detail.id, "rev": detail.rev}, stored


@pytest.mark.parametrize("setup", [_cell, _log, _evaluation], ids=["cell", "log", "evaluation"])
def test_two_processes_save_the_same_row_exactly_one_wins(
    db: Database, staff: Staff, data_paths: DataPaths, setup: Setup
) -> None:
    actor, args, stored = setup(db, staff, data_paths)
    outcome = _race(db, actor, data_paths.root, **args)
    winner = _one_winner(outcome)
    assert stored() == f"nilai {winner}"  # the winner's value, not overwritten by the other
