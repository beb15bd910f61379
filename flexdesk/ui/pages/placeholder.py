"""A page whose capability has not landed yet: it says so instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, description: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        heading = QLabel(f"<h2>{title}</h2>")
        status = QLabel(self.tr("Fitur ini belum tersedia pada versi ini."))
        status.setObjectName("placeholder_status")
        status.setStyleSheet("font-size: 12pt; color: #8a4b00;")
        body = QLabel(description)
        body.setWordWrap(True)
        body.setStyleSheet("color: #444;")
        for widget in (heading, status, body):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(widget)
        layout.addStretch(1)
