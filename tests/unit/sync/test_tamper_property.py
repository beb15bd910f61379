"""Property: any single-byte change anywhere in the zip, the envelope or its signature makes
verification fail (and never crashes with anything but BundleError)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flexdesk.errors import BundleError
from flexdesk.sync.bundle import WrittenBundle, verify_bundle
from tests.support.sync import OfficeFixture, sample_bundle


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> tuple[OfficeFixture, WrittenBundle]:
    return sample_bundle(tmp_path_factory.mktemp("genuine"))


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    which=st.sampled_from([0, 1, 2]),
    position=st.floats(min_value=0, max_value=1, exclude_max=True),
    delta=st.integers(min_value=1, max_value=255),
)
def test_any_single_byte_change_is_detected(
    genuine: tuple[OfficeFixture, WrittenBundle],
    tmp_path_factory: pytest.TempPathFactory,
    which: int,
    position: float,
    delta: int,
) -> None:
    office, written = genuine
    work = tmp_path_factory.mktemp("tamper")
    copies = [Path(shutil.copy2(p, work / p.name)) for p in written.paths]
    target = copies[which]
    data = bytearray(target.read_bytes())
    index = int(position * len(data))
    data[index] = (data[index] + delta) % 256
    target.write_bytes(bytes(data))
    with pytest.raises(BundleError):
        verify_bundle(copies[0], trusted_keys={"office": office.key.public_key()})
    shutil.rmtree(work)


def test_untampered_copy_verifies(
    genuine: tuple[OfficeFixture, WrittenBundle], tmp_path: Path
) -> None:
    office, written = genuine
    copies = [Path(shutil.copy2(p, tmp_path / p.name)) for p in written.paths]
    verify_bundle(copies[0], trusted_keys={"office": office.key.public_key()})
