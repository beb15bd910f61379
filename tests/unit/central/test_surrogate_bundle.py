"""A signed bundle whose JSON holds a lone surrogate escape (``"\\ud800"``: valid JSON syntax,
no Unicode text) is refused as ``bad-format`` by the verifier and by central's ingest, like any
other malformed file; before, ``loads_strict`` let a UnicodeEncodeError escape."""

from __future__ import annotations

import pytest

from flexdesk.central.service import Receiver
from flexdesk.errors import BundleError
from flexdesk.sync.bundle import WrittenBundle, verify_bundle
from flexdesk.sync.format.layout import CHANGES
from tests.support.sync import UUIDS, OfficeFixture, read_bag
from tests.unit.central.test_hostile import expect_rejected, rebuild


@pytest.fixture
def bundle(office: OfficeFixture) -> WrittenBundle:
    return office.export([office.change(UUIDS[0], {"nama": "Dewi"})])


@pytest.mark.parametrize(
    "escape", [b"\\ud800", b"\\udfff", b"x \\ud83d y"], ids=["high", "low", "unpaired"]
)
def test_lone_surrogate_in_changes_is_rejected(
    receiver: Receiver, office: OfficeFixture, escape: bytes
) -> None:
    # a plain value of the same length: the bag's Payload-Oxum (byte count) still holds, so
    # the surrogate is the only thing wrong with the re-signed bundle
    plain = "D" * len(escape)
    bundle = office.export([office.change(UUIDS[0], {"nama": plain})])
    _top, files = read_bag(bundle.container_path)
    old = b'"nama":"' + plain.encode() + b'"'
    assert old in files[CHANGES]
    rebuild(
        bundle, office, mutate={CHANGES: files[CHANGES].replace(old, b'"nama":"' + escape + b'"')}
    )
    result = expect_rejected(receiver, office, bundle, "bad-format")
    assert "surrogate" in (result.message_en or "")


def test_lone_surrogate_in_the_envelope_is_a_bundle_error(
    office: OfficeFixture, bundle: WrittenBundle
) -> None:
    """The envelope is parsed before any signature over the zip is checked: a forged one
    must still end in BundleError, never UnicodeEncodeError."""
    env = bundle.envelope_path.read_bytes()
    bundle.envelope_path.write_bytes(env.replace(b'"office_id":"', b'"office_id":"\\ud800'))
    with pytest.raises(BundleError) as err:
        verify_bundle(bundle.envelope_path, trusted_keys={"office": office.key.public_key()})
    assert err.value.code in {"bad-format", "bad-signature"}
