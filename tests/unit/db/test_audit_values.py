"""The audit hook refuses what the canonical-JSON recipe cannot write: NaN and infinities (the
hook used to store them as ``NaN``/``Infinity``) and text with a lone surrogate, as a typed
ValidationError naming the record, with the whole write rolled back.

The flush check (``flexdesk.db.text_check``) refuses these values first; the hook is the last
line for a write that does not pass through it, so these tests take the flush check out of the
way (``without_flush_check``) and check the hook on its own, then once with both in place."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, time

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from flexdesk.db import text_check
from flexdesk.db.engine import Database
from flexdesk.db.models import Setting
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.models_schedule import FlexPolicyVersion
from flexdesk.errors import ValidationError
from flexdesk.services.permissions import Actor


@pytest.fixture
def without_flush_check() -> Iterator[None]:
    event.remove(Session, "before_flush", text_check.check_flush)
    try:
        yield
    finally:
        event.listen(Session, "before_flush", text_check.check_flush, insert=True)


def _counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        return (
            int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0),
            int(session.scalar(select(func.count()).select_from(Setting)) or 0),
        )


def _policy(share: float) -> FlexPolicyVersion:
    # a nullable column: SQLite stores NaN as NULL, which a NOT NULL column would refuse first
    return FlexPolicyVersion(
        effective_from=date(2027, 1, 1),
        core_hours_start=time(9),
        core_hours_end=time(15),
        min_onsite_share=share,
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_a_value_that_is_not_a_number_is_refused(
    db: Database, admin: Actor, bad: float, without_flush_check: None
) -> None:
    """A float column takes NaN and infinities on both backends; the trail does not."""
    before = _counts(db)
    with pytest.raises(ValidationError) as err, db.session() as session:
        session.info["actor"] = admin
        session.add(_policy(bad))
    assert err.value.field == "min_onsite_share"
    assert "flex_policy.min_onsite_share" in err.value.message
    assert "NaN" in err.value.message_en
    assert _counts(db) == before
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(FlexPolicyVersion)) == 0


@pytest.mark.sqlite_only(
    reason="PostgreSQL's json type refuses the escape itself; on SQLite it reaches the hook"
)
def test_text_with_a_lone_surrogate_is_refused(
    db: Database, admin: Actor, without_flush_check: None
) -> None:
    before = _counts(db)
    with pytest.raises(ValidationError) as err, db.session() as session:
        session.info["actor"] = admin
        session.add(Setting(key="kop_surat", value="x \ud800 y"))
    assert "surrogate" in err.value.message_en
    assert _counts(db) == before


def test_with_the_flush_check_in_place_it_refuses_first(db: Database, admin: Actor) -> None:
    before = _counts(db)
    with pytest.raises(ValidationError) as err, db.session() as session:
        session.info["actor"] = admin
        session.add(_policy(math.nan))
    assert err.value.field == "min_onsite_share"
    assert _counts(db) == before


def test_ordinary_values_still_go_through(db: Database, admin: Actor) -> None:
    before = _counts(db)
    with db.session() as session:
        session.info["actor"] = admin
        session.add(Setting(key="target_ratio", value={"realisasi": 87.5, "catatan": "é 😀"}))
    assert _counts(db) == (before[0] + 1, before[1] + 1)
