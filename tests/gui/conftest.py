"""GUI fixtures: a fresh data dir and database per test, the offscreen Qt platform."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import open_database


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def database(data_paths: DataPaths) -> Iterator[Database]:
    db = open_database(data_paths)
    yield db
    db.dispose()
