"""Fixtures for tests that send an office's bundles to the reference receiver in process: the
central key, a receiver on its own SQLite database, and the staff office with its key
registered at central and central's key registered at the office (import them into the test
module to use them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, make_engine
from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.sync import office as so
from flexdesk.sync.crypto import keys
from tests.support.helpers import Staff

PASS = "frasa sandi kantor uji"
FAST = 1000  # PBKDF2 iterations in tests (the real default is 600 000)


@pytest.fixture
def central_key() -> Ed25519PrivateKey:
    return keys.generate_key()


@pytest.fixture
def receiver(tmp_path: Path, central_key: Ed25519PrivateKey) -> Iterator[Receiver]:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield Receiver(engine, CentralPaths(tmp_path / "central"), central_key)
    engine.dispose()


@pytest.fixture
def office(
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    receiver: Receiver,
    central_key: Ed25519PrivateKey,
) -> Services:
    """The staff office with a key registered at central and central's key registered here."""
    svc = Services(db, staff.admin)
    info = svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=FAST)
    receiver.register_office(
        "O042", keys.load_public_key(info.public_openssh), expected_fingerprint=info.fingerprint
    )
    svc.call(so.register_central_key, keys.public_key_openssh(central_key.public_key()))
    return svc
