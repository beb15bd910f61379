"""Alembic environment: FlexDesk passes its own connection (see flexdesk.db.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from flexdesk.db import all_models  # noqa: F401  (registers every table on Base.metadata)
from flexdesk.db.base import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "set sqlalchemy.url or pass a connection"
    with create_engine(url).connect() as conn:
        _run(conn)
else:
    _run(connection)
