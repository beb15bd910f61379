"""Engine and session factory: the pragmas every SQLite connection needs, and for a PostgreSQL
server on the office LAN a connect timeout and a liveness check of pooled connections.

SQLite and several writers (two windows' worth of work: the GUI and a ``flexdesk`` command, or a
second program on the same file): every transaction that may write starts ``BEGIN IMMEDIATE``,
taking the write lock at its start, so a second writer waits up to ``BUSY_TIMEOUT_MS`` for the
first to commit. With the deferred ``BEGIN`` SQLite would otherwise use, a transaction that read
first and then writes cannot wait at all (the lock upgrade could deadlock, so SQLite answers
"database is locked" at once). Read-only sessions (``Database.read_session``) keep the deferred
``BEGIN``: in WAL mode they never wait for a writer. A lock held past the timeout becomes
:class:`flexdesk.errors.DatabaseBusy`, a message in words, never a driver traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker

from flexdesk.db import audit as _audit  # registers the audit-trail session hook
from flexdesk.db import concurrency as _concurrency  # noqa: F401  (the last-edit hook)
from flexdesk.db import notify as _notify  # noqa: F401  (change-number hooks, PG's NOTIFY)
from flexdesk.db import text_check
from flexdesk.errors import DatabaseBusy, ValidationError

BUSY_TIMEOUT_MS = 5000
DATA_ROOT = "data_root"  # Session.info key: the data folder of the database's sessions
PG_CONNECT_TIMEOUT_S = 10  # an unreachable server is reported instead of hanging the window
WRITE_LOCK_KEY = 0x46445752  # "FDWR": PostgreSQL advisory lock serialising audited writes
_WRITE_LOCK_HELD = "flexdesk_write_lock"
#: execution option of the read-only sessions' engine: their transactions start deferred
READ_ONLY = "flexdesk_read_only"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Python's sqlite3 would otherwise open transactions lazily on its own terms; let
    # SQLAlchemy issue BEGIN so a flush and its change counter share one transaction.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def database_busy() -> DatabaseBusy:
    seconds = BUSY_TIMEOUT_MS // 1000
    return DatabaseBusy(
        f"Basis data sedang dipakai oleh jendela, perintah atau program lain dan tetap terkunci "
        f"lebih dari {seconds} detik. Tidak ada yang disimpan; coba lagi sebentar lagi.",
        message_en=(
            f"The database is in use by another window, command or program and stayed locked "
            f"for more than {seconds} seconds. Nothing was saved; try again in a moment."
        ),
    )


def _busy_as_typed_error(ctx: ExceptionContext) -> None:
    """SQLite's "database is locked" (the busy timeout ran out, or a read transaction tried to
    write under another writer) as a typed, translated error."""
    text_ = str(ctx.original_exception)
    if "database is locked" in text_ or "database table is locked" in text_:
        raise database_busy() from ctx.original_exception


def _serialise_audited_writes(session: Session, _ctx: Any, _instances: Any) -> None:
    """On PostgreSQL, let one transaction at a time write audited rows.

    Each audit row stores the hash of the row before it (flexdesk.db.audit). With SQLite there
    is one writer at a time anyway; with several PCs on a server, two transactions could read
    the same newest row, and the second would fail on the duplicate sequence number. A
    transaction-level advisory lock, taken before the flush writes anything (and before the
    change counter's row lock: this listener runs first), makes the second wait for the first
    to commit, then append after it. Released at commit or rollback.
    """
    if not (session.new or session.dirty or session.deleted):
        return
    conn = session.connection()
    if conn.dialect.name != "postgresql" or conn.info.get(_WRITE_LOCK_HELD):
        return
    if not any(_audit.is_audited(obj) for obj in (*session.new, *session.dirty, *session.deleted)):
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
    conn.info[_WRITE_LOCK_HELD] = True


def _nul_as_validation_error(ctx: ExceptionContext) -> None:
    """PostgreSQL: a NUL character in a query parameter (a search box, an imported name looked
    up before it is stored) fails in the driver; say so in words, typed, like the flush check
    (flexdesk.db.text_check).
    """
    if "NUL (0x00)" in str(ctx.original_exception):
        raise ValidationError(
            "Teks berisi karakter NUL (\\0) yang tidak dapat disimpan atau dicari.",
            message_en="The text contains a NUL character (\\0), which cannot be stored or "
            "searched for.",
        ) from ctx.original_exception


def _unencodable_as_validation_error(ctx: ExceptionContext) -> None:
    """A lone surrogate in a query parameter (an id or a search text that never reached the
    flush check: a lookup) cannot be encoded by either driver; say so in words, typed."""
    if isinstance(ctx.original_exception, UnicodeEncodeError):
        raise ValidationError(
            "Teks berisi karakter yang rusak (sisa tempelan dari dokumen yang rusak) sehingga "
            "tidak dapat dicari atau disimpan; ketik ulang isiannya.",
            message_en="The text contains a broken character (left over from a damaged "
            "document), so it cannot be searched for or stored; type it again.",
        ) from ctx.original_exception


def _forget_write_lock(conn: Any) -> None:
    conn.info.pop(_WRITE_LOCK_HELD, None)


# insert=True: before the change counter's own before_flush hook (flexdesk.db.base), so every
# transaction takes the advisory lock first and the counter's row lock second (no deadlock)
event.listen(Session, "before_flush", _serialise_audited_writes, insert=True)
# every value checked against its column (NUL, broken or control characters, length, NaN/inf)
# before any lock is taken and before the driver sees it: flexdesk.db.text_check
event.listen(Session, "before_flush", text_check.check_flush, insert=True)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # pre-ping: a pooled connection may have died with the server or the network while
        # the app sat idle; test it before use instead of failing the user's save
        connect_args: dict[str, Any] = {"application_name": "FlexDesk"}
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
        engine = create_engine(
            url, echo=echo, future=True, pool_pre_ping=True, connect_args=connect_args
        )
        for name in ("commit", "rollback"):
            event.listen(engine, name, _forget_write_lock)
        event.listen(engine, "handle_error", _nul_as_validation_error)
        event.listen(engine, "handle_error", _unencodable_as_validation_error)
        return engine
    engine = create_engine(url, echo=echo, future=True)
    event.listen(engine, "handle_error", _unencodable_as_validation_error)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _busy_as_typed_error)
    return engine


class Database:
    """One database: an engine and a session factory. Injected everywhere (no globals)."""

    def __init__(self, url: str, *, echo: bool = False, data_root: Path | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        # every session knows the data folder (evidence files, keys): with a database server
        # it is not beside the database file
        info = {DATA_ROOT: data_root} if data_root is not None else None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=info)
        reader = self.engine.execution_options(**{READ_ONLY: True})
        self._read_sessions = sessionmaker(reader, expire_on_commit=False, info=info)

    @classmethod
    def for_file(cls, path: Path) -> Database:
        return cls(sqlite_url(path))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reads; never commits, and on SQLite never waits for a writer."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def new_session(self) -> Session:
        """A bare session whose commit/rollback the caller manages."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()
