"""The "Buka" button on stored evidence, on the PC that did not attach it: on a server database
(when the test run has one) PC2 — its own data folder — opens the file PC1 attached; the
viewer gets a verified copy in PC2's cache, byte-identical. A damaged stored file shows the
"rusak" message inline and nothing is opened. On SQLite the same runs on the one PC."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services, open_database
from flexdesk.services.outputs.logs import LogRow
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.services.storage.location import DATABASE_URL_FILE
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.pages.outputs.log_evidence import EvidenceSection
from tests.support.gui import wait_ops
from tests.support.helpers import Staff
from tests.support.outputs import PDF, add_log, log_input, make_skp, write_file


@pytest.fixture
def other_pc(db: Database, data_paths: DataPaths, tmp_path: Path) -> Iterator[DataPaths]:
    """PC2's data folder on the same database (on SQLite: the office's one PC)."""
    if db.is_sqlite:
        yield data_paths
        return
    paths = DataPaths(tmp_path / "pc2").ensure()
    url = (data_paths.root / DATABASE_URL_FILE).read_text(encoding="utf-8")
    (paths.root / DATABASE_URL_FILE).write_text(url, encoding="utf-8")
    yield paths


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def _entry(db: Database, staff: Staff, data_paths: DataPaths, content: bytes) -> LogRow:
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    source = write_file(data_paths.root.parent / "in", "Notulen rapat.pdf", content)
    store = AttachmentStore(data_paths.attachments)
    return add_log(db, staff.member_actor, store,
                   log_input(staff.member.id, rhk, add_files=(source,)))  # fmt: skip


def _section(qtbot: QtBot, paths: DataPaths, staff: Staff, row: LogRow) -> EvidenceSection:
    """The evidence section of the entry dialog on that PC, "Buka" clicked on the file."""
    pc_db = open_database(paths)
    ctx = UiContext(paths, pc_db, Services(pc_db, staff.member_actor), ui_settings(paths))
    section = EvidenceSection(ctx, AttachmentStore(paths.attachments), row, None)  # type: ignore[arg-type]
    qtbot.addWidget(section)
    section.list.setCurrentRow(0)
    section.open_button.click()
    wait_ops(qtbot, ctx)
    return section


def test_buka_opens_a_verified_copy_from_the_office_store(
    qtbot: QtBot, db: Database, *, staff: Staff, data_paths: DataPaths, other_pc: DataPaths,
    opened: list[QUrl],
) -> None:  # fmt: skip
    content = PDF + b"isi notulen" * 500
    row = _entry(db, staff, data_paths, content)
    section = _section(qtbot, other_pc, staff, row)
    try:
        (url,) = opened
        path = Path(url.toLocalFile())
        assert path.is_relative_to(other_pc.cache) and path.name == "Notulen rapat.pdf"
        assert path.read_bytes() == content and section.error.text() == ""
    finally:
        section.ctx.db.dispose()


def test_buka_on_damaged_evidence_says_so_and_opens_nothing(
    qtbot: QtBot, db: Database, *, staff: Staff, data_paths: DataPaths, other_pc: DataPaths,
    opened: list[QUrl],
) -> None:  # fmt: skip
    content = PDF + b"isi notulen" * 500
    row = _entry(db, staff, data_paths, content)
    digest = hashlib.sha256(content).hexdigest()
    if db.is_sqlite:
        AttachmentStore(data_paths.attachments).path_for(digest).write_bytes(PDF + b"lain")
    else:
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE attachment_chunks SET data = :d WHERE sha256 = :s"),
                {"d": PDF + b"lain", "s": digest},
            )
    section = _section(qtbot, other_pc, staff, row)
    try:
        assert opened == []
        assert "rusak" in section.error.text()
        assert not [p for p in other_pc.cache.rglob("*") if p.is_file()]
    finally:
        section.ctx.db.dispose()
