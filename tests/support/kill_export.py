"""Child process of the kill tests: export one bundle and SIGKILL this process at a named
point of the export (tests/unit/services/test_reconcile_kills.py).

``python -m tests.support.kill_export POINT OUT_DIR PASSPHRASE`` with FLEXDESK_DATA_DIR set.
Points: ``before-history`` (files in place, history not updated), ``before-rename`` (every
temp file written and checked, nothing renamed), ``between-renames`` (the container renamed,
signature and envelope still temporary), ``zip-written`` (the zip temp file written, not yet
read back), ``none`` (no kill: a normal export).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import flexdesk.services.sync.export as export_mod
import flexdesk.sync.writer as writer_mod
import flexdesk.sync.zipwriter as zipwriter_mod
from flexdesk.cli_sync import CONSOLE_ACTOR
from flexdesk.paths import resolve_data_paths
from flexdesk.services.app import open_database
from flexdesk.services.sync import office as so


def _die(*_args: Any, **_kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _arm(point: str) -> None:
    if point == "before-history":
        export_mod._record_sent = _die  # type: ignore[assignment]
    elif point == "before-rename":
        writer_mod._publish = _die  # type: ignore[assignment]
    elif point == "between-renames":

        def publish(*renames: tuple[Path, Path]) -> None:
            os.replace(*renames[0])
            _die()

        writer_mod._publish = publish  # type: ignore[assignment]
    elif point == "zip-written":
        zipwriter_mod.ExportWriter.read_back_zip = _die  # type: ignore[assignment,method-assign]
    elif point != "none":
        raise SystemExit(f"unknown kill point {point}")


def main() -> int:
    point, out_dir, passphrase = sys.argv[1:4]
    db = open_database(resolve_data_paths(), auto_backup=False)
    _arm(point)
    result = so.export_bundle(db, CONSOLE_ACTOR, resolve_data_paths(), Path(out_dir), passphrase)
    print(result.bundle_seq)
    return 0


if __name__ == "__main__":
    sys.exit(main())
