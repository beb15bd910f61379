"""Shared fixtures. Every test gets its own data directory; nothing touches the real user dir."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.support import pg as pg_support

pytest_plugins = ["tests.support.fixtures"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point FlexDesk (and anything using platformdirs/XDG) at a per-test temporary folder."""
    data = tmp_path / "flexdesk-data"
    monkeypatch.setenv("FLEXDESK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    return data


# --- PostgreSQL runs (FLEXDESK_TEST_PG_URL; tests/support/pg.py) -----------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): works on the SQLite file itself; left out of PostgreSQL runs",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a PostgreSQL run keep the tests that use the database fixtures and do not need the
    SQLite file; deselect the rest and remember why (printed by the terminal summary)."""
    keep: list[pytest.Item] = []
    left_out: list[tuple[pytest.Item, str]] = []
    if not pg_support.pg_url():  # the main run: tests that need a server wait for the PG run
        for item in items:
            if item.get_closest_marker("postgres"):
                left_out.append((item, pg_support.NEEDS_SERVER))
            else:
                keep.append(item)
        if left_out:
            config.hook.pytest_deselected(items=[item for item, _ in left_out])
            items[:] = keep
            config.stash[_PG_LEFT_OUT] = [(item.nodeid, reason) for item, reason in left_out]
        return
    for item in items:
        reason = pg_support.sqlite_only_reason(item)
        if (
            reason is None
            and "db" not in getattr(item, "fixturenames", ())
            and not item.get_closest_marker("postgres")
        ):
            reason = pg_support.NOT_ON_DB_FIXTURE
        if reason is None:
            keep.append(item)
        else:
            left_out.append((item, reason))
    files = {item.nodeid.split("::")[0] for item in items}
    stale = [
        key
        for key in pg_support.SQLITE_ONLY
        if key.split("::")[0] in files and not any(i.nodeid.startswith(key) for i in items)
    ]
    if stale:
        raise pytest.UsageError(f"tests/support/pg.py SQLITE_ONLY names no test: {stale}")
    if left_out:
        config.hook.pytest_deselected(items=[item for item, _ in left_out])
    items[:] = keep
    config.stash[_PG_LEFT_OUT] = [(item.nodeid, reason) for item, reason in left_out]


_PG_LEFT_OUT = pytest.StashKey[list[tuple[str, str]]]()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    strays = config.stash.get(_PG_STRAYS, None)
    if strays:
        terminalreporter.section("files written outside the test folders", red=True)
        terminalreporter.write_line(f"{Path.cwd()}: {', '.join(strays)}")
    left_out = config.stash.get(_PG_LEFT_OUT, None)
    if left_out is None:
        return
    if pg_support.pg_url():
        url = make_url(pg_support.pg_url() or "")
        terminalreporter.section(f"PostgreSQL run ({url.host}:{url.port})")
    else:
        terminalreporter.section(f"left for the PostgreSQL run ({pg_support.ENV} not set)")
    by_reason: dict[str, list[str]] = {}
    for nodeid, reason in left_out:
        by_reason.setdefault(reason, []).append(nodeid)
    for reason, nodeids in by_reason.items():
        terminalreporter.write_line(f"left out ({len(nodeids)}): {reason}")
        if reason != pg_support.NOT_ON_DB_FIXTURE:
            for nodeid in nodeids:
                terminalreporter.write_line(f"    {nodeid}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A PostgreSQL run must not leave files named after its databases in the working folder
    (as sqlite3.connect(<database name>) would): the run fails if it did."""
    if not pg_support.pg_url():
        return
    strays = sorted(p.name for p in Path.cwd().glob("fdtest_*"))
    if strays:
        session.config.stash[_PG_STRAYS] = strays
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_PG_STRAYS = pytest.StashKey[list[str]]()
