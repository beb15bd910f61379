"""One FlexDesk window per data folder: a second start focuses the first and exits.

The lock itself is Qt-free (:mod:`flexdesk.instance_lock`, an OS lock that dies with the
process); this adds a QLocalServer named after the data folder, so the second process can tell
the first to bring its window to the front.

A ``flexdesk`` command holds the same lock for a moment at its start (start-up reconciliation,
``services.startup``) or for a whole restore: when the lock is taken but no window answers, the
start tries again for ``LOCK_WAIT_S`` instead of quietly exiting as if a window were open.
"""

from __future__ import annotations

import hashlib
import logging
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000
LOCK_WAIT_S = 3.0
_RETRY_S = 0.1


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
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            if self._listen():
                return True
            if self._notify_first():
                return False  # a window of this folder answered and comes to the front
            if time.monotonic() >= deadline:
                log.warning("another FlexDesk holds the lock (pid %s)", self._lock.owner_pid())
                return False
            time.sleep(_RETRY_S)  # a command's short hold of the lock, or a window starting

    def _listen(self) -> bool:
        if self._lock.acquire():
            QLocalServer.removeServer(self._name)  # left over by a crashed first instance
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.newConnection.connect(self._on_connection)
            if not server.listen(self._name):
                log.warning("single-instance server not listening: %s", server.errorString())
            self._server = server
            return True
        return False

    def _notify_first(self) -> bool:
        socket = QLocalSocket(self)
        socket.connectToServer(self._name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(b"activate\n")
            socket.flush()
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
            return True
        return False

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
