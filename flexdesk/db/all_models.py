"""Import every model module so Base.metadata knows all tables (Alembic, tests, create_all)."""

from flexdesk.db import base, models

__all__ = ["base", "models"]
