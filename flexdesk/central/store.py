"""Engine, session factory and folders of a central receiver's data directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from flexdesk.central.models import CentralBase

ENV_DATA_DIR = "FLEXDESK_CENTRAL_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: ``$FLEXDESK_CENTRAL_DATA_DIR``, else the per-user data folder."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("FlexDesk-Central", appauthor=False))


@dataclass(frozen=True)
class CentralPaths:
    """The files and folders of one central data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "central.sqlite3"

    @property
    def private_key(self) -> Path:
        return self.root / "central_ed25519.pem"

    @property
    def public_key(self) -> Path:
        return self.root / "central_ed25519.pub"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def work(self) -> Path:
        return self.root / "work"

    def ensure(self) -> CentralPaths:
        """Create the data folder and its subfolders if missing; returns self."""
        for folder in (
            self.root,
            self.attachments,
            self.reports,
            self.quarantine,
            self.receipts,
            self.work,
        ):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    """Engine with SQLite pragmas when the URL is SQLite; tables are created if missing."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    CentralBase.metadata.create_all(engine)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (results handed to callers)."""
    return sessionmaker(engine, expire_on_commit=False)
