"""A grid cell saved from a stale view (another PC changed, filled or emptied it since this
month was read) is refused per cell (StaleEdit, field ``cell:<employee>:<day>``): the conflict
dialog shows their content beside what was typed here. Keep theirs reloads the month (the
cell then shows their value); overwrite stores the same change again against their revision.
A cell is one value, so there is nothing to merge.

Its words are translated in the context "GridEditing", beside the page's other gestures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.schedule import DayCode, ScheduleEntry
from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services.schedule.service import CellChange, EditResult
from flexdesk.ui.pages.schedule.dialogs import ui_lang
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict

if TYPE_CHECKING:
    from flexdesk.ui.pages.schedule.editing import GridEditing


def _cell_key(exc: StaleEdit) -> tuple[str, date] | None:
    parts = (exc.field or "").split(":")
    if len(parts) != 3 or parts[0] != "cell":
        return None
    return parts[1], date.fromisoformat(parts[2])


def cell_text(code: object, location: object) -> str:
    """A cell as the conflict dialog shows it: its code, and the place for WFA / travel."""
    if not code:
        return QCoreApplication.translate("GridEditing", "(kosong)")
    code_text = getattr(code, "value", code)
    return f"{code_text} – {location}" if location else str(code_text)


def their_cell(key: tuple[str, date], current: dict[str, Any] | None) -> EditResult:
    """The refused cell as the other PC left it, as a store's result the grid can show."""
    if current is None:
        return EditResult(cleared=(key,))
    entry = ScheduleEntry(
        key[0], key[1], DayCode.parse(str(current["code"])), str(current.get("location") or ""),
        current.get("leave_kind"), current.get("hours"),
    )  # fmt: skip
    return EditResult(stored=(entry,))


def handle_cell_conflict(
    editing: GridEditing,
    exc: FlexDeskError,
    changes: Sequence[CellChange],
    store_again: Callable[[list[CellChange]], None],
) -> bool:
    """Open the conflict dialog for a refused stale cell; False: not a cell conflict."""
    key = _cell_key(exc) if isinstance(exc, StaleEdit) else None
    mine = next((c for c in changes if c.key == key), None)
    if key is None or mine is None or not isinstance(exc, StaleEdit):
        return False
    current: dict[str, Any] = exc.current if isinstance(exc.current, dict) else {}
    editor = editing.page.editor
    member = editor.grid.members.get(key[0]) if editor is not None else None
    day = format_tanggal(key[1], ui_lang(editing.page.ctx))
    label = f"{member.name if member else key[0]}, {day}"
    diff = FieldDiff(
        label, cell_text(current.get("code"), current.get("location")),
        cell_text(mine.code, mine.location),
    )  # fmt: skip

    def resolve(choice: Choice) -> None:
        if choice is Choice.THEIRS:
            editing.page.reload()
            return
        # the grid shows their cell first, so that undo after the overwrite puts theirs back
        editing.page.model.apply_result(their_cell(key, current or None))
        again = [
            replace(c, expected_rev=exc.current_rev or 0, expected_id=exc.entity_id)
            if c.key == key
            else c
            for c in changes
        ]
        store_again(again)

    editing.conflict = show_conflict(editing.page, exc, [diff], resolve)
    return True
