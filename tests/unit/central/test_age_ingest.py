"""Central's answer to a damaged or misaddressed ``.zip.age`` bundle: the code an operator
reads in the quarantine (issue 18: a broken header MAC was reported as a wrong key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexdesk.central.service import Receiver
from flexdesk.sync.crypto import age
from tests.support.sync import UUIDS, OfficeFixture


def _flip_mac(data: bytes) -> bytes:
    at = data.index(b"\n--- ") + 10
    return data[:at] + (b"A" if data[at : at + 1] != b"A" else b"B") + data[at + 1 :]


@pytest.mark.parametrize(
    "case",
    [
        ("header MAC", "decrypt-damaged", "header MAC mismatch"),
        # the signed envelope's size catches a cut before decryption starts
        ("cut in the payload", "truncated", "truncated"),
        ("cut in the header", "truncated", "truncated"),
        ("other key", "decrypt-failed", "not encrypted to this key"),
    ],
)
def test_damaged_encrypted_bundle_is_rejected_with_its_reason(
    tmp_path: Path, receiver: Receiver, office: OfficeFixture, case: tuple[str, str, str]
) -> None:
    damage, code, says = case
    identity, recipient = age.generate_identity()
    receiver.age_identity = identity
    w = office.export([office.change(UUIDS[0], {"rahasia": "NIK 3201..."})], encrypt_to=recipient)
    data = w.container_path.read_bytes()
    if damage == "header MAC":
        w.container_path.write_bytes(_flip_mac(data))
    elif damage == "cut in the payload":
        w.container_path.write_bytes(data[:-40])
    elif damage == "cut in the header":
        w.container_path.write_bytes(data[:60])
    else:
        receiver.age_identity = age.generate_identity()[0]
    res = receiver.ingest(w.envelope_path)
    assert (res.status, res.code) == ("rejected", code), res.message_en
    assert says in res.message_en
    if damage != "other key":
        assert "not encrypted to this key" not in res.message_en
    receiver.age_identity = identity
    w.container_path.write_bytes(data)  # the intact file still goes in afterwards
    assert receiver.ingest(w.envelope_path).status == "applied"
