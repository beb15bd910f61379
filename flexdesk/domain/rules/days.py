"""Day arithmetic of the rules' scopes: the Monday of a day's week, the first and last day of
its month, and the run of days between two dates (cached: weeks and months repeat)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def monday_of(d: date) -> date:
    """The Monday that starts ``d``'s ISO week."""
    return d - timedelta(days=d.weekday())


def first_of_month(d: date) -> date:
    """The first day of ``d``'s month."""
    return d.replace(day=1)


def last_of_month(d: date) -> date:
    """The last day of ``d``'s month."""
    nxt = date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)
    return nxt - timedelta(days=1)


@lru_cache(maxsize=4096)
def days_between(start: date, end: date) -> tuple[date, ...]:
    """Every day from ``start`` to ``end`` inclusive."""
    return tuple(start + timedelta(days=i) for i in range((end - start).days + 1))
