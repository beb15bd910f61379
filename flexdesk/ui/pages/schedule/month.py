"""The page's open month: a :class:`MonthEditor` made from a grid read on the database worker.

``MonthEditor`` reads its month in its constructor and writes in ``apply``/``submit``…, on the
calling thread: right for the CLI, the benchmark and the service tests, wrong for a window.
The page reads the grid with a ``QueryOp``, wraps it here, and sends every write through a
``MutationOp`` (``editing.py``, ``workflow_actions.py``); the editor keeps the grid and its
live validator in step on the GUI thread (``ScheduleGridModel.apply_result``).
"""

from __future__ import annotations

from flexdesk.services.app import Services
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.service import MonthGrid


class OpenMonth(MonthEditor):
    """A month already read: nothing touches the database here."""

    def __init__(self, services: Services, grid: MonthGrid) -> None:
        # not MonthEditor.__init__, which would read the month again on the GUI thread
        self.services = services
        self.grid = grid
