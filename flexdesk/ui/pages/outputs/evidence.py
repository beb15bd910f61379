"""Evidence list of a log entry: files dropped or picked, links, and those already attached."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QStyle, QWidget

from flexdesk.services.outputs.logs import EvidenceRow


@dataclass(frozen=True)
class EvidenceItem:
    kind: str  # existing | file | link
    key: str  # evidence id, file path or URL
    label: str


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1048576:.1f} MB"
    return f"{max(1, round(n / 1024))} kB"


class EvidenceList(QListWidget):
    """Accepts files dragged from the file manager (drag and drop)."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setMinimumHeight(70)
        self.setWordWrap(True)

    @staticmethod
    def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()

    # -- content -----------------------------------------------------------------------------
    def _add(self, item: EvidenceItem, icon: QStyle.StandardPixmap, tooltip: str) -> None:
        widget_item = QListWidgetItem(self.style().standardIcon(icon), item.label)
        widget_item.setData(Qt.ItemDataRole.UserRole, item)
        widget_item.setToolTip(tooltip)
        self.addItem(widget_item)

    def add_existing(self, ev: EvidenceRow) -> None:
        if ev.kind == "link":
            self._add(
                EvidenceItem("existing", ev.id, ev.url),
                QStyle.StandardPixmap.SP_DriveNetIcon,
                ev.url,
            )
        else:
            label = f"{ev.name} ({_size(ev.size)})"
            self._add(
                EvidenceItem("existing", ev.id, label), QStyle.StandardPixmap.SP_FileIcon, ev.name
            )

    def add_file(self, path: Path) -> bool:
        key = str(path)
        if any(i.kind == "file" and i.key == key for i in self.entries()):
            return False
        try:
            label = f"{path.name} ({_size(path.stat().st_size)})"
        except OSError:
            label = path.name
        self._add(EvidenceItem("file", key, label), QStyle.StandardPixmap.SP_FileIcon, key)
        return True

    def add_link(self, url: str) -> None:
        self._add(EvidenceItem("link", url, url), QStyle.StandardPixmap.SP_DriveNetIcon, url)

    def entries(self) -> list[EvidenceItem]:
        out = []
        for i in range(self.count()):
            item = self.item(i)
            if item is not None:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def selected(self) -> list[EvidenceItem]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.selectedItems()]

    def remove_selected(self) -> list[EvidenceItem]:
        removed = self.selected()
        for item in self.selectedItems():
            self.takeItem(self.row(item))
        return removed
