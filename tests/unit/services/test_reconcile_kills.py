"""Kill -9 during a bundle export, then start-up reconciliation (issue 18 item 3).

Each round starts a real child process (tests/support/kill_export.py) that exports a bundle
and SIGKILLs itself at one point of the export; the parent then reconciles as start-up does
and checks the history, the files and that the next export works. The last round hands the
bundles that came out whole to a central receiver and imports its receipts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.central.service import Receiver
from flexdesk.db.engine import Database
from flexdesk.db.models_sync import SyncBundle, SyncSentRecord
from flexdesk.paths import DataPaths
from flexdesk.services import startup
from flexdesk.services.app import Services
from flexdesk.services.sync import office as so
from tests.support.central_office import PASS

pytestmark = pytest.mark.sqlite_only(reason="child processes on the data folder's SQLite file")

ROOT = Path(__file__).resolve().parents[3]
#: kill point -> the history status start-up must leave
EXPECTED = {
    "before-history": "sent",
    "before-rename": "failed",
    "between-renames": "failed",
    "zip-written": "failed",
}


def run_child(point: str, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.support.kill_export", point, str(out), PASS],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def reconcile(db: Database, paths: DataPaths) -> startup.Reconciled:
    return startup.reconcile(db, paths, started_at=time.time(), stale_seconds=0)


def row(db: Database, seq: int) -> SyncBundle:
    with db.read_session() as s:
        found = s.get(SyncBundle, seq)
        assert found is not None
        s.expunge(found)
        return found


def files_of(out: Path, seq: int) -> set[str]:
    stem = f"O042-{seq:09d}"
    return {p.name for p in out.iterdir() if stem in p.name} if out.is_dir() else set()


def test_kill_loop_at_every_point_then_reconcile(
    office: Services, data_paths: DataPaths, tmp_path: Path, receiver: Receiver
) -> None:
    usb = tmp_path / "usb"
    points = list(EXPECTED) * 3  # 12 kills
    started = time.monotonic()
    for seq, point in enumerate(points, start=1):
        child = run_child(point, usb)
        assert child.returncode == -signal.SIGKILL, (point, child.stderr)
        assert row(office.db, seq).status == "exporting", point
        result = reconcile(office.db, data_paths)
        assert result.skipped is None
        [fix] = result.bundles
        assert (fix.seq, fix.outcome) == (seq, EXPECTED[point]), (point, fix.reason)
        settled = row(office.db, seq)
        assert settled.status == EXPECTED[point], point
        left = files_of(usb, seq)
        assert not [n for n in left if n.startswith(".")], f"temp files left: {left}"
        if EXPECTED[point] == "sent":
            stem = f"O042-{seq:09d}"
            assert left == {f"{stem}.zip", f"{stem}.envelope.json", f"{stem}.envelope.json.sig"}
            assert settled.envelope_sha256 and settled.size > 0 and settled.record_count > 0
            assert settled.file_name == f"{stem}.zip" and Path(settled.folder) == usb
        else:
            assert left == set(), (point, left)
            assert settled.envelope_sha256 is None and "cut off" in settled.error
            with office.db.read_session() as s:
                assert (
                    s.scalars(select(SyncSentRecord).where(SyncSentRecord.bundle_seq == seq)).all()
                    == []
                )
        # a second start finds nothing more to do
        assert not reconcile(office.db, data_paths).changed
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"{len(points)} kills took {elapsed:.1f} s"

    # the next export works and is numbered after every killed one
    child = run_child("none", usb)
    assert child.returncode == 0, child.stderr
    assert int(child.stdout.strip()) == len(points) + 1
    assert row(office.db, len(points) + 1).status == "sent"

    # central takes the bundle recovered at start-up, and its receipt is accepted here
    res = receiver.ingest(usb / "O042-000000001.envelope.json")
    assert res.status == "applied", res.message_en
    assert res.receipt_path is not None
    [outcome] = office.call(so.import_receipt, res.receipt_path)
    assert (outcome.bundle_seq, outcome.status, outcome.advanced) == (1, "applied", True)
    assert row(office.db, 1).status == "acknowledged"
