"""Single-instance guard (a second start focuses the first) and the inactivity lock."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths
from flexdesk.ui import single_instance
from flexdesk.ui.idle_lock import IdleLock
from flexdesk.ui.single_instance import LOCK_WAIT_S, SingleInstance


def test_second_instance_activates_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    first = SingleInstance(paths)
    assert first.start()
    try:
        other_folder = SingleInstance(DataPaths(tmp_path / "other"))
        assert other_folder.start()  # another data folder is another office
        other_folder.release()
        second = SingleInstance(paths)
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert not second.start()
    finally:
        first.release()
    again = SingleInstance(paths)
    assert again.start()
    again.release()


def test_a_start_waits_out_a_command_holding_the_lock(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A ``flexdesk`` command holds the folder's lock for a moment (start-up reconciliation):
    a window started then opens once it is free, instead of exiting as if one were open."""
    paths = DataPaths(tmp_path / "data")
    command = InstanceLock(paths.root)
    assert command.acquire()
    timer = threading.Timer(0.5, command.release)
    timer.start()
    window = SingleInstance(paths)
    started = time.monotonic()
    try:
        assert window.start()
        assert 0.4 <= time.monotonic() - started < LOCK_WAIT_S
    finally:
        timer.join()
        window.release()
    # held for good (a long restore from the command line) and no window answers: give up
    monkeypatch.setattr(single_instance, "LOCK_WAIT_S", 0.3)
    with InstanceLock(paths.root) as held:
        assert held.acquire()
        assert not SingleInstance(paths).start()


def test_idle_lock_hides_windows_and_asks_again(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    asked: list[bool] = []

    def unlock() -> bool:
        asked.append(window.isVisible())
        return True

    signed_out: list[bool] = []
    lock = IdleLock(app, 150, unlock, on_sign_out=lambda: signed_out.append(True))
    try:
        # activity keeps it unlocked
        for _ in range(4):
            qtbot.wait(60)
            qtbot.mouseMove(window, QPoint(5, 5))
            qtbot.keyClick(window, Qt.Key.Key_Shift)
        assert asked == []
        qtbot.waitUntil(lambda: asked == [False], timeout=2000)  # hidden while asking
        assert window.isVisible() and not signed_out
    finally:
        lock.stop()


def test_idle_lock_cancel_signs_out(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    signed_out: list[bool] = []
    lock = IdleLock(app, 50, lambda: False, on_sign_out=lambda: signed_out.append(True))
    try:
        qtbot.waitUntil(lambda: signed_out == [True], timeout=2000)
    finally:
        lock.stop()


def test_zero_minutes_turns_the_lock_off(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = IdleLock(app, 0, lambda: False)
    assert not lock.timer.isActive()
    lock.stop()
