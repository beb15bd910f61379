"""What the Sinkronisasi page runs on the database worker: the page's state in one read, and
the long steps (key creation, export, key rotation) as the work of a ProgressRunner on the
worker's pool (``flexdesk.ui.ops.progress_runner``). Nothing here touches a widget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flexdesk.paths import DataPaths
from flexdesk.services.permissions import Actor
from flexdesk.services.sync import office as so
from flexdesk.ui.ops import WorkerCalls
from flexdesk.ui.worker import CancelledFn, ProgressFn

Work = Callable[[ProgressFn, CancelledFn], Any]


def page_state(
    session: Any, actor: Actor, keys_dir: Path
) -> tuple[so.SyncStatus, list[so.HistoryRow]]:
    """The key and receipt status and the bundle history, in one trip to the worker."""
    return so.sync_status(session, actor, keys_dir), so.bundle_history(session, actor)


def create_key_work(calls: WorkerCalls, keys_dir: Path, passphrase: str, iterations: int) -> Work:
    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> so.KeyInfo:
        return calls.call(so.create_office_key, keys_dir, passphrase, iterations=iterations)

    return work


def _reporting(progress: ProgressFn, labels: dict[str, str]) -> Callable[[int, int, str], None]:
    def report(done: int, total: int, stage: str) -> None:
        progress(done, total, labels.get(stage, stage))

    return report


def export_work(
    calls: WorkerCalls, paths: DataPaths, folder: Path, passphrase: str, labels: dict[str, str]
) -> Work:
    def work(progress: ProgressFn, is_cancelled: CancelledFn) -> so.ExportResult:
        return so.export_bundle(
            calls.db,
            calls.actor,
            paths,
            folder,
            passphrase,
            progress=_reporting(progress, labels),
            is_cancelled=is_cancelled,
        )

    return work


def rotate_work(
    calls: WorkerCalls,
    paths: DataPaths,
    folder: Path,
    passwords: tuple[str, str],
    *,
    iterations: int,
    labels: dict[str, str],
) -> Work:
    old, new = passwords

    def work(progress: ProgressFn, is_cancelled: CancelledFn) -> so.ExportResult:
        return so.rotate_office_key(
            calls.db,
            calls.actor,
            paths,
            folder,
            old_passphrase=old,
            new_passphrase=new,
            confirm=new,
            iterations=iterations,
            progress=_reporting(progress, labels),
            is_cancelled=is_cancelled,
        )

    return work
