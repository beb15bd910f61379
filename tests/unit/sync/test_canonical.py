"""One canonical-JSON recipe (sync/format/canonical.py) for bundles, the audit trail and its
hash chain: the bytes are those the three former copies wrote for every value they accepted
(so existing databases still verify), NaN is refused everywhere, and a lone surrogate escape
in a file is a BundleError, not a UnicodeEncodeError."""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import pytest

from flexdesk.db import audit as db_audit
from flexdesk.errors import BundleError
from flexdesk.sync.auditchain import entry_hash
from flexdesk.sync.format.canonical import canonical_json, canonical_text, loads_strict

#: values as the audit hook stores them (plain_value output) and as bundles carry them
TYPICAL: list[Any] = [
    {},
    {"key": "session_timeout_minutes", "value": 15},
    {"key": "evaluation_admin_as_atasan", "value": True},
    {
        "id": "3f2a91c0-7be4-4d21-8000-000000000001",
        "nama": "Dewi Lestari, S.Kom.",
        "nip": "199001012020122001",
        "golongan": "III/a",
        "jabatan": "Analis Kebijakan Ahli Muda",
        "created_at": "2026-11-23T10:15:00.123456",
        "rev": 3,
        "change_seq": 41,
        "active": True,
        "supervisor_id": None,
        "realisasi": 87.5,
        "nilai": 0.1,
        "besar": 1e300,
        "kecil": -2.5e-8,
        "catatan": 'Ç "kutip" \\ garis\nbaris\ttab \x01 \u2028 é 日本 😀',
        "password_hash": "sha256:" + "a" * 64,
        "file": {"sha256": "b" * 64, "size": 12},
        "list": [1, "dua", None, False, {"z": 1, "a": 2}],
    },
]


def _old_audit_recipe(value: Any) -> str:
    """db/audit.py before: json.dumps without allow_nan=False."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _old_chain_hash(**fields: Any) -> str:
    """sync/auditchain.py before: its own json.dumps of the row."""
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("value", TYPICAL, ids=range(len(TYPICAL)))
def test_same_bytes_as_the_former_audit_recipe(value: Any) -> None:
    assert db_audit.canonical_json(value) == _old_audit_recipe(value)
    assert canonical_json(value) == _old_audit_recipe(value).encode("utf-8")


@pytest.mark.parametrize("value", TYPICAL, ids=range(len(TYPICAL)))
def test_same_chain_hash_as_the_former_recipe(value: Any) -> None:
    fields: dict[str, Any] = {
        "seq": 7,
        "at": "2026-11-23T10:15:00.123456",
        "actor_id": None,
        "actor_name": "système",
        "entity": "employee",
        "entity_id": "3f2a91c0",
        "op": "update",
        "before": _old_audit_recipe(value),
        "after": _old_audit_recipe({"x": value}),
        "prev_hash": "0" * 64,
    }
    assert entry_hash(**fields) == _old_chain_hash(**fields)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_by_the_audit_recipe(bad: float) -> None:
    """The audit copy wrote ``NaN``/``Infinity`` (not JSON; central applied it)."""
    assert "NaN" in _old_audit_recipe({"v": math.nan})  # what it did
    with pytest.raises(ValueError, match="not JSON compliant"):
        db_audit.canonical_json({"realisasi": bad})
    with pytest.raises(ValueError):
        entry_hash(
            seq=1, at="t", actor_id=None, actor_name="a", entity="e", entity_id="i",
            op="insert", before="{}", after="{}", prev_hash=bad,  # type: ignore[arg-type]
        )  # fmt: skip


def test_canonical_text_is_the_text_of_canonical_json() -> None:
    for value in TYPICAL:
        assert canonical_text(value).encode("utf-8") == canonical_json(value)


@pytest.mark.parametrize("canonical", [True, False])
@pytest.mark.parametrize(
    "raw",
    [b'{"nama":"x \\ud800 y"}\n', b'{"\\udfff":1}\n', b'["\\ud83d"]\n'],
    ids=["value", "key", "high-alone"],
)
def test_lone_surrogate_escape_is_a_bundle_error(raw: bytes, canonical: bool) -> None:
    with pytest.raises(BundleError) as err:
        loads_strict(raw, what="bundle.json", require_canonical=canonical)
    assert err.value.code == "bad-format"
    assert "surrogate" in (err.value.message_en or "")
    assert "bundle.json" in err.value.message


def test_a_paired_surrogate_escape_is_valid_text() -> None:
    """``\\ud83d\\ude00`` is one character (😀): valid, just not canonical (escaped)."""
    assert loads_strict(b'["\\ud83d\\ude00"]\n', what="x", require_canonical=False) == ["😀"]
    assert loads_strict('["😀"]\n'.encode(), what="x") == ["😀"]
    with pytest.raises(BundleError, match="kanonik"):
        loads_strict(b'["\\ud83d\\ude00"]\n', what="x")
