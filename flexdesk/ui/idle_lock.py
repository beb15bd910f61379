"""Lock the session after inactivity: hide the windows and ask the password again.

An event filter on the QApplication restarts a timer on every key press, click, wheel or mouse
move; when it runs out (office setting ``session_timeout_minutes``; 0 turns it off), the
windows are hidden and the sign-in dialog asks the same user's password. "Keluar" (cancel)
closes FlexDesk. The password check is the normal sign-in, so failures count toward lockout.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    """Calls ``unlock()`` after ``timeout_ms`` without input; it returns True to carry on."""

    def __init__(
        self,
        app: QApplication,
        timeout_ms: int,
        unlock: Callable[[], bool],
        *,
        on_sign_out: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._unlock = unlock
        self._on_sign_out = on_sign_out or app.quit
        self._locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.lock)
        if timeout_ms > 0:
            app.installEventFilter(self)
            self.timer.start()

    @property
    def locked(self) -> bool:
        return self._locked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._locked and event.type() in ACTIVITY_EVENTS:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        hidden: list[QWidget] = [w for w in self._app.topLevelWidgets() if w.isVisible()]
        for widget in hidden:
            widget.hide()
        try:
            ok = self._unlock()
        finally:
            self._locked = False
        if not ok:
            self._on_sign_out()
            return
        for widget in hidden:
            widget.show()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._app.removeEventFilter(self)
