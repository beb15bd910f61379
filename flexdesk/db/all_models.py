"""Import every model module so Base.metadata knows all tables (Alembic, tests, create_all).

Any module in flexdesk/db named ``models*.py`` (``models.py``, ``models_schedule.py``, ...) is
picked up, so a capability adds its tables without editing a shared list.
"""

from __future__ import annotations

import importlib
import pkgutil

import flexdesk.db as _db_package

MODEL_MODULES = sorted(
    f"flexdesk.db.{info.name}"
    for info in pkgutil.iter_modules(_db_package.__path__)
    if info.name.startswith("models")
)
for _name in ["flexdesk.db.base", *MODEL_MODULES]:
    importlib.import_module(_name)
