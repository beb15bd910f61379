"""The flush check (flexdesk.db.text_check): what each column type refuses, and that an old row
holding text from before the rules can still be saved when another column changes."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import JSON, BigInteger, Float, Integer, String, Text, update

from flexdesk.db.engine import Database
from flexdesk.db.models import WorkUnit
from flexdesk.db.text_check import column_problem
from flexdesk.errors import ValidationError
from flexdesk.services.permissions import Actor


@pytest.mark.parametrize(
    ("column_type", "value", "refused"),
    [
        (String(5), "abcde", False),
        (String(5), "abcdef", True),
        (String(5), "é" * 5, False),  # characters, not bytes
        (String(50), "a\tb", False),
        (String(50), "a\nb", True),  # single-line
        (String(50), "a\rb", True),
        (Text(), "a\nb\r\n\tc", False),
        (Text(), "a\x0bb", True),
        (Text(), "a\x7f", True),
        (Text(), "a\x85", True),  # C1
        (Text(), "x" * 100_000, False),  # Text has no length
        (Text(), "\ud800", True),
        (Text(), "\x00", True),
        (Text(), "\u202e\u200b\ufeff", False),  # invisible but valid text
        (Float(), math.inf, True),
        (Float(), -math.inf, True),
        (Float(), math.nan, True),
        (Float(), 1e308, False),
        (Integer(), 2**31 - 1, False),
        (Integer(), 2**31, True),
        (Integer(), -(2**31), False),
        (BigInteger(), 2**40, False),
        (BigInteger(), 2**63, True),
        (Integer(), True, False),
        (JSON(), {"a": ["\x07", {"b": 1.5}]}, False),  # JSON escapes control characters
        (JSON(), {"a": ["x", {"b": math.nan}]}, True),
        (JSON(), {"a\x00": 1}, True),
        (JSON(), ["\udcff"], True),
        (String(5), None, False),
    ],
)
def test_column_problem(column_type: object, value: object, refused: bool) -> None:
    problem = column_problem(column_type, value)
    assert (problem is not None) == refused, problem
    if problem is not None:
        assert problem[0] and problem[1] and problem[0] != problem[1]


def test_an_old_row_with_a_control_character_can_still_be_saved(db: Database, admin: Actor) -> None:
    """Only changed columns are checked: a name stored before the rules (raw SQL here) does
    not block changing the unit's code; changing the name itself is checked."""
    with db.session() as s:
        s.add(WorkUnit(name="Seksi Lama", code="LAMA", active=True))
    with db.engine.begin() as conn:
        conn.execute(update(WorkUnit).values(name="Seksi\x07Lama"))
    with db.session() as s:
        unit = s.query(WorkUnit).one()
        unit.code = "BARU"
    with db.read_session() as s:
        unit = s.query(WorkUnit).one()
        assert (unit.name, unit.code) == ("Seksi\x07Lama", "BARU")
    with pytest.raises(ValidationError) as err, db.session() as s:
        s.query(WorkUnit).one().name = "Seksi\x07Baru"
    assert err.value.field == "name" and "U+0007" in err.value.message_en
