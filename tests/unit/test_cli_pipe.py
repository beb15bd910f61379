"""``flexdesk ... | head -1``: the reader of stdout goes away (issue 18 item 3).

The commands run as real processes whose stdout pipe the test closes: right after the start
(the reader is gone before anything is written, as when ``head`` has already exited), or
after reading one line. They must end quietly (exit 0, or 141 as for SIGPIPE; no traceback,
no "Exception ignored" at exit), and an exported bundle must stay recorded "sent".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flexdesk.cli import EXIT_PIPE_CLOSED
from flexdesk.db.engine import Database
from flexdesk.db.models_sync import SyncBundle
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.sync import office as so
from tests.support.helpers import Staff

PASS = "frasa sandi kantor uji"
ROOT = Path(__file__).resolve().parents[2]
NOISE = ("Traceback", "BrokenPipeError", "Exception ignored")


def start(argv: list[str], *, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "flexdesk", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    err = ""
    if proc.stderr is not None:
        with proc.stderr:
            err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=60), err


@pytest.fixture
def office_key(db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path) -> Path:
    """An office with its signing key; returns the passphrase file."""
    Services(db, staff.admin).call(
        so.create_office_key, data_paths.keys, PASS, PASS, iterations=1000
    )
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    return secret


def test_info_to_a_closed_pipe_ends_quietly(staff: Staff, data_paths: DataPaths) -> None:
    proc = start(["--data-dir", str(data_paths.root), "info"], stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before anything is written
    code, err = finish(proc)
    assert code == EXIT_PIPE_CLOSED, err
    assert not [n for n in NOISE if n in err], err


def test_info_after_one_line_read_ends_quietly(staff: Staff, data_paths: DataPaths) -> None:
    proc = start(["--data-dir", str(data_paths.root), "info"], stderr=subprocess.PIPE)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    code, err = finish(proc)
    assert first.startswith(b"FlexDesk ")
    assert code in (0, EXIT_PIPE_CLOSED), err
    assert not [n for n in NOISE if n in err], err


def _history(db: Database) -> list[tuple[int, str]]:
    with db.read_session() as s:
        return [(r.seq, r.status) for r in s.query(SyncBundle).order_by(SyncBundle.seq)]


def test_bundle_export_to_a_closed_pipe_stays_sent(
    db: Database, data_paths: DataPaths, office_key: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    argv = ["--data-dir", str(data_paths.root), "bundle", "export", "--out", str(usb)]
    argv += ["--passphrase-file", str(office_key)]
    proc = start(argv, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()
    code, err = finish(proc)
    assert code == EXIT_PIPE_CLOSED, err
    assert not [n for n in NOISE if n in err], err
    assert (usb / "O042-000000001.envelope.json").is_file()
    assert _history(db) == [(1, "sent")]


def test_bundle_export_with_progress_to_the_closed_pipe_too(
    db: Database, data_paths: DataPaths, office_key: Path, tmp_path: Path
) -> None:
    """``flexdesk bundle export 2>&1 | head -1``: the progress lines (stderr) hit the closed
    pipe during the export; that must neither fail the export nor mark it "failed"."""
    usb = tmp_path / "usb"
    argv = ["--data-dir", str(data_paths.root), "bundle", "export", "--out", str(usb)]
    argv += ["--passphrase-file", str(office_key)]
    proc = start(argv, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    proc.stdout.close()
    code, _ = finish(proc)
    assert code == EXIT_PIPE_CLOSED
    assert _history(db) == [(1, "sent")]
    log_text = "".join(p.read_text(encoding="utf-8") for p in data_paths.logs.glob("*.log*"))
    assert "bundle 1 written" in log_text
    assert "Traceback" not in log_text
