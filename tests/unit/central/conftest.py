"""A central receiver on a temporary SQLite database, and an office registered with it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flexdesk.central.models import DATA_TABLES
from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, make_engine
from flexdesk.sync.crypto import keys
from tests.support.sync import OfficeFixture


class Clock:
    def __init__(self) -> None:
        self._ticks = itertools.count()

    def __call__(self) -> datetime:
        return datetime(2025, 7, 1, 8, 0, tzinfo=UTC) + timedelta(seconds=next(self._ticks))


@pytest.fixture
def central_key() -> keys.Ed25519PrivateKey:
    return keys.generate_key()


@pytest.fixture
def receiver(tmp_path: Path, central_key: keys.Ed25519PrivateKey) -> Iterator[Receiver]:
    paths = CentralPaths(tmp_path / "central")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield Receiver(engine, paths, central_key, clock=Clock())
    engine.dispose()


@pytest.fixture
def office(tmp_path: Path, receiver: Receiver) -> OfficeFixture:
    office = OfficeFixture(tmp_path / "office")
    receiver.register_office(office.office_id, office.key.public_key(), name="Kantor Uji")
    return office


def data_counts(receiver: Receiver) -> dict[str, int]:
    counts = receiver.row_counts()
    return {t.__tablename__: counts[t.__tablename__] for t in DATA_TABLES}
