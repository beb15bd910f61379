"""A settings tab a capability contributes: (title in Indonesian, required action or None,
factory). Each capability package lists its own in ``SETTINGS_TABS``; the settings page
collects them (``settings.capability_tabs``), so nothing registers itself by being imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from flexdesk.services.permissions import Action
    from flexdesk.ui.context import UiContext

SettingsTab = tuple[str, "Action | None", Callable[["UiContext"], QWidget]]
