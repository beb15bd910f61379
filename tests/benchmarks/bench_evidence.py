"""Evidence store throughput (issue 15): storing and reading back 1, 10 and 50 MB files in the
office's store, through the services' code path (hash computed while reading, checked at the
end of every read), on the SQLite office's folder and on a PostgreSQL server's database.

- put: ``store_in_transaction`` of a checked file, committed; baseline: the same bytes copied
  raw (folder: ``shutil.copyfile``; database: the same 1 MiB chunk INSERTs without hashing);
- get: ``export_copy`` (what "Buka" does); baseline: the raw copy / chunk SELECTs;
- note: MB/s and the Python allocation peak (tracemalloc), which must stay a few MB.

One run per size (a put needs a store without that content), so the "median" column is that
run; compare runs of the same machine.

Run: ``python tests/benchmarks/bench_evidence.py``; set ``FLEXDESK_BENCH_PG_URL`` (a server
URL whose user may create databases, e.g. the test server's) to add the PostgreSQL rows.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, print_table
from sqlalchemy import create_engine, text

from flexdesk.db.engine import Database
from flexdesk.db.migrate import migrate_to_head
from flexdesk.db.models_blobs import BLOB_CHUNK
from flexdesk.services.storage.attachments import (
    AttachmentLimits,
    AttachmentStore,
    check_file,
    evidence_store,
    store_in_transaction,
)

SIZES_MB = (1, 10, 50)
LIMITS = AttachmentLimits(max_bytes=1 << 30, allowed_types=frozenset({"pdf"}))
PG_DB = "flexdesk_bench_evidence"


def _file(folder: Path, mb: int) -> Path:
    path = folder / f"scan-{mb}mb.pdf"
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        for _ in range(mb):
            out.write(os.urandom(BLOB_CHUNK))
    return path


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Seconds and the Python allocation peak in MB of one run."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start, tracemalloc.get_traced_memory()[1] / 1048576
    finally:
        tracemalloc.stop()


def _wipe(db: Database, folder: AttachmentStore) -> None:
    with db.session() as session:
        session.execute(text("DELETE FROM attachment_chunks"))
        session.execute(text("DELETE FROM attachment_blobs"))
    shutil.rmtree(folder.root, ignore_errors=True)


def _raw_db_put(db: Database, source: Path) -> None:
    with db.engine.begin() as conn, source.open("rb") as src:
        conn.execute(text("DELETE FROM raw_chunks"))
        n = 0
        while chunk := src.read(BLOB_CHUNK):
            conn.execute(
                text("INSERT INTO raw_chunks (n, data) VALUES (:n, :d)"), {"n": n, "d": chunk}
            )
            n += 1


def _raw_db_get(db: Database, out: Path) -> None:
    with db.engine.connect() as conn, out.open("wb") as dst:
        count = conn.scalar(text("SELECT count(*) FROM raw_chunks")) or 0
        for n in range(count):
            dst.write(conn.scalar(text("SELECT data FROM raw_chunks WHERE n = :n"), {"n": n}))


def _one(db: Database, folder: AttachmentStore, work: Path, mb: int, label: str) -> list[Row]:
    source = _file(work, mb)
    checked = check_file(source, LIMITS)
    _wipe(db, folder)

    def put() -> None:
        with db.session() as session:
            store_in_transaction(session, folder, checked, LIMITS)

    def get() -> None:
        with db.read_session() as session:
            evidence_store(session, folder).export_copy(checked.sha256, work / "out", "o.pdf")

    put_s, put_peak = _timed(put)
    get_s, get_peak = _timed(get)
    copy = work / "out" / "o.pdf"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == checked.sha256
    if db.is_sqlite:
        raw_put = _timed(lambda: shutil.copyfile(source, work / "raw.bin"))[0]
        raw_get = _timed(lambda: shutil.copyfile(work / "raw.bin", work / "raw2.bin"))[0]
        base = "shutil.copyfile"
    else:
        raw_put = _timed(lambda: _raw_db_put(db, source))[0]
        raw_get = _timed(lambda: _raw_db_get(db, work / "raw2.bin"))[0]
        base = "raw chunk INSERT/SELECT"
    size_mb = source.stat().st_size / 1048576
    source.unlink()
    return [
        Row(f"{label}: put", f"{mb} MB", put_s, base, raw_put,
            f"{size_mb / put_s:.0f} MB/s, peak {put_peak:.1f} MB"),
        Row(f"{label}: get (Buka)", f"{mb} MB", get_s, base, raw_get,
            f"{size_mb / get_s:.0f} MB/s, peak {get_peak:.1f} MB"),
    ]  # fmt: skip


def bench(db: Database, work: Path, label: str) -> list[Row]:
    """The rows of one backend (``work``: a folder of its own)."""
    work.mkdir(parents=True, exist_ok=True)
    folder = AttachmentStore(work / "attachments")
    if not db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE raw_chunks (n int PRIMARY KEY, data bytea)"))
            conn.execute(text("ALTER TABLE raw_chunks ALTER COLUMN data SET STORAGE EXTERNAL"))
    rows = [row for mb in SIZES_MB for row in _one(db, folder, work, mb, label)]
    if not db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE raw_chunks"))
    return rows


def main() -> int:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = Database.for_file(work / "flexdesk.sqlite3")
        migrate_to_head(db)
        rows += bench(db, work / "sqlite", "SQLite folder")
        db.dispose()
        server = os.environ.get("FLEXDESK_BENCH_PG_URL")
        if server:
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
                conn.execute(text(f"CREATE DATABASE {PG_DB}"))
            url = admin.url.set(database=PG_DB).render_as_string(hide_password=False)
            db = Database(url)
            try:
                migrate_to_head(db)
                rows += bench(db, work / "pg", "PostgreSQL database")
            finally:
                db.dispose()
                with admin.connect() as conn:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
                admin.dispose()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
