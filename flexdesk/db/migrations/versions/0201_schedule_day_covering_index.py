"""Schedule entries: the day index covers the columns the month grid reads.

The grid opens a month for everyone with a range scan on ``day``. With an index on ``day``
alone every row found is then fetched from the table, and the rows of one month lie on about
as many pages as there are rows: reading them was half the time of opening the grid. The
covering index answers the scan by itself.

Revision ID: 0201
Revises: 0200
Create Date: 2026-11-23 11:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0201"
down_revision = "0200"
branch_labels = None
depends_on = None

COVERED = ["day", "employee_id", "code", "location", "leave_kind", "hours"]


def upgrade() -> None:
    op.drop_index("ix_schedule_entries_day", table_name="schedule_entries")
    op.create_index("ix_schedule_entries_day", "schedule_entries", COVERED, unique=False)


def downgrade() -> None:
    op.drop_index("ix_schedule_entries_day", table_name="schedule_entries")
    op.create_index("ix_schedule_entries_day", "schedule_entries", ["day"], unique=False)
