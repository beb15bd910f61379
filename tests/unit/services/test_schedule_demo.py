"""The demo's schedules: three months around today, each in its own state, a few violations."""

from __future__ import annotations

from collections import Counter
from datetime import date

from flexdesk.db.engine import Database
from flexdesk.domain.rules import RULE_COVER, RULE_REMOTE_WEEK, RULE_WFA_LOCATION
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule


def _month(today: date, by: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + by
    return index // 12, index % 12 + 1


def test_demo_has_a_policy_and_three_months_of_schedules(db: Database) -> None:
    with db.session() as session:
        info = demo.create_demo_office(session, employees=40)
    svc = Services(db, login(db, info.admin_username, demo.DEMO_PASSWORD))
    (version,) = svc.read(schedule_policy.list_policy_versions)
    assert not version.is_default and version.policy.effective_from == date(2025, 4, 21)
    today = date.today()
    last, this, nxt = (svc.read(schedule.month_grid, *_month(today, k)) for k in (-1, 0, 1))

    def statuses(grid: schedule.MonthGrid) -> Counter[PeriodStatus]:
        return Counter(grid.period(m).status for m in grid.members)

    assert statuses(last) == {PeriodStatus.APPROVED: 40}
    assert last.validator.violations() == []  # approved months are clean
    assert statuses(this)[PeriodStatus.SUBMITTED] >= 20
    assert statuses(nxt) == {PeriodStatus.DRAFT: 40}
    errors = {v.rule_id for v in this.validator.violations() if v.severity == "error"}
    assert {RULE_REMOTE_WEEK, RULE_WFA_LOCATION, RULE_COVER} <= errors
    assert sum(1 for m in last.members for d in last.days if last.entry(m, d.day)) > 600
