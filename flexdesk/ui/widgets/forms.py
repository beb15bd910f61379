"""Small form helpers: inline error labels under fields, a page's message line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from flexdesk.ui.widgets.style import ERROR_COLOUR, INFO_COLOUR


class ErrorLabel(QLabel):
    """A red message shown under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")


class MessageLine(QLabel):
    """A page's one-line message above its content: an error in red, a result in green;
    hidden while empty."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_COLOUR)

    def show_info(self, text: str) -> None:
        self._show(text, INFO_COLOUR)

    def clear_message(self) -> None:
        self.clear()
        self.setVisible(False)

    def _show(self, text: str, colour: str) -> None:
        self.setStyleSheet(f"color: {colour};")
        self.setText(text)
        self.setVisible(True)
