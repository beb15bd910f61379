"""One FlexDesk window per data folder: a second start focuses the first and exits.

The lock itself is Qt-free (:mod:`flexdesk.instance_lock`, an OS lock that dies with the
process); this adds a QLocalServer named after the data folder, so the second process can tell
the first to bring its window to the front.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000


def server_name(paths: DataPaths) -> str:
    digest = hashlib.sha256(str(paths.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"flexdesk-{digest}"


class SingleInstance(QObject):
    """``start()`` is True for the first instance; ``activated`` fires when another starts."""

    activated = Signal()

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = InstanceLock(paths.root)
        self._name = server_name(paths)
        self._server: QLocalServer | None = None

    def start(self) -> bool:
        if self._lock.acquire():
            QLocalServer.removeServer(self._name)  # left over by a crashed first instance
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.newConnection.connect(self._on_connection)
            if not server.listen(self._name):
                log.warning("single-instance server not listening: %s", server.errorString())
            self._server = server
            return True
        self._notify_first()
        return False

    def _notify_first(self) -> None:
        socket = QLocalSocket(self)
        socket.connectToServer(self._name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(b"activate\n")
            socket.flush()
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
        else:
            log.warning("another FlexDesk holds the lock (pid %s)", self._lock.owner_pid())

    def _on_connection(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            conn.disconnected.connect(conn.deleteLater)
        self.activated.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()
