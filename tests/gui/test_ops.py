"""The ops layer: service calls on the database worker, results and errors on the GUI thread,
change topics on the bus; and the rule that widgets call services only through it."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import flexdesk
from flexdesk.db.engine import Database
from flexdesk.errors import ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.ops import MutationOp, QueryOp
from tests.support.helpers import setup_office


@pytest.fixture
def ctx(data_paths: DataPaths, database: Database) -> UiContext:
    actor = setup_office(database)
    return UiContext(data_paths, database, Services(database, actor), ui_settings(data_paths))


def _thread_of_call(_session: object, _actor: Actor) -> str:
    return threading.current_thread().name


def test_query_runs_off_the_gui_thread_and_answers_on_it(qtbot: QtBot, ctx: UiContext) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: list[tuple[str, str]] = []
    QueryOp(ctx, _thread_of_call).on_success(
        lambda name: seen.append((name, threading.current_thread().name))
    ).run(parent=widget)
    qtbot.waitUntil(ctx.ops.idle)
    assert len(seen) == 1
    worker, delivered = seen[0]
    assert worker != threading.main_thread().name
    assert delivered == threading.main_thread().name


def test_results_arrive_in_start_order(qtbot: QtBot, ctx: UiContext) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    order: list[int] = []
    for i in range(20):
        QueryOp(ctx, lambda _s, _a, n=i: n).on_success(order.append).run(parent=widget)
    qtbot.waitUntil(ctx.ops.idle)
    assert order == list(range(20))


def _refuse(_session: object, _actor: Actor) -> None:
    raise ValidationError("Nama wajib diisi.", message_en="The name is required.")


def test_typed_error_goes_to_on_failure(qtbot: QtBot, ctx: UiContext) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    errors: list[str] = []
    succeeded: list[object] = []
    MutationOp(ctx, _refuse, topics=["employees"]).on_success(succeeded.append).on_failure(
        lambda exc: errors.append(ctx.message(exc))
    ).run(parent=widget)
    published: list[object] = []
    ctx.events.changed.connect(published.append)
    qtbot.waitUntil(ctx.ops.idle)
    assert errors == ["Nama wajib diisi."]
    assert succeeded == [] and published == []  # a refused change publishes nothing


def test_typed_error_without_handler_shows_a_warning(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    widget = QWidget()
    qtbot.addWidget(widget)
    QueryOp(ctx, _refuse).run(parent=widget)
    qtbot.waitUntil(ctx.ops.idle)
    assert shown == ["Nama wajib diisi."]


def test_result_for_a_deleted_widget_is_dropped(qtbot: QtBot, ctx: UiContext) -> None:
    widget = QWidget()
    seen: list[object] = []
    QueryOp(ctx, _thread_of_call).on_success(seen.append).run(parent=widget)
    widget.deleteLater()
    qtbot.waitUntil(ctx.ops.idle)
    assert seen == []


def test_mutation_publishes_and_followers_refresh_when_shown(qtbot: QtBot, ctx: UiContext) -> None:
    shown, hidden = QWidget(), QWidget()
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    shown.show()
    calls: list[str] = []
    ctx.events.follow(shown, ["employees"], lambda: calls.append("shown"))
    ctx.events.follow(hidden, ["employees"], lambda: calls.append("hidden"))
    ctx.events.follow(shown, ["schedule"], lambda: calls.append("other topic"))
    MutationOp(ctx, _thread_of_call, topics=["employees"]).run(parent=shown)
    qtbot.waitUntil(ctx.ops.idle)
    assert calls == ["shown"]  # the hidden page waits for its next show
    hidden.show()
    assert calls == ["shown", "hidden"]
    hidden.hide()
    hidden.show()
    assert calls == ["shown", "hidden"]  # once per change, not per show


def test_unknown_topic_is_refused(ctx: UiContext) -> None:
    with pytest.raises(ValueError, match="unknown change topics"):
        ctx.events.publish(["employes"])


_DIRECT = re.compile(r"services\.(call|read)\(|db\.(read_session|session|new_session)\(")
#: ops itself; start-up, sign-in (with the first-password step) and restore run before any
#: page and its database worker exist
_ALLOWED = {
    "flexdesk/ui/ops.py",
    "flexdesk/ui/app.py",
    "flexdesk/ui/restart.py",
    "flexdesk/ui/pages/transfer/first_password.py",
}


def test_widgets_reach_the_database_only_through_ops() -> None:
    root = Path(flexdesk.__file__).parent
    offenders = set()
    for path in (root / "ui").rglob("*.py"):
        rel = path.relative_to(root.parent).as_posix()
        if rel not in _ALLOWED and _DIRECT.search(path.read_text(encoding="utf-8")):
            offenders.add(rel)
    assert sorted(offenders) == [], "call services through flexdesk.ui.ops"
