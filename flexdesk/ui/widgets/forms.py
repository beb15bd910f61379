"""Small form helpers: inline error labels under fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class ErrorLabel(QLabel):
    """A red message shown under a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")
