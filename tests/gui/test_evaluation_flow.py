"""The Evaluasi page as people use it: the supervisor rates an employee through the form
(changed realisation with its reason, feedback, BerAKHLAK, ratings with the live predikat),
shares and finalises it, opens the printed form's preview, and exports the unit's forms with
the progress dialog; the employee comments; refused steps keep the edits on screen."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.domain.performance import PeriodType, Predikat, Rating
from flexdesk.paths import DataPaths
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.pages.evaluation.batch_export import BatchExportDialog
from flexdesk.ui.pages.evaluation.editor import EvaluationEditor
from flexdesk.ui.pages.evaluation.list_model import COL_PREDIKAT, COL_STATUS
from flexdesk.ui.pages.evaluation.page import EvaluationPage
from tests.support.helpers import Staff
from tests.support.outputs import TODAY, YEAR, log_input, make_skp

LEFT = Qt.MouseButton.LeftButton
MARCH = ev.PeriodRef(YEAR, PeriodType.MONTHLY, 3)
RHK_TEXT = "Tersusunnya laporan layanan administrasi kependudukan"


def _office(db: Database, paths: DataPaths, staff: Staff) -> dict[str, str]:
    """Approved SKPs for both staff of the unit; two accepted logs (5 dokumen) for the member.
    Returns the member's first RHK id and its kuantitas indicator id."""
    ids: dict[str, str] = {}
    for emp in (staff.member, staff.colleague):
        detail = make_skp(db, staff.admin, emp.id, RHK_TEXT, "Terlaksananya tugas tambahan")
        with db.session() as session:
            detail = skp.approve_skp(session, staff.admin, detail.id)
        if emp is staff.member:
            ids["rhk"] = detail.rhk[0].id
            ids["kuantitas"] = detail.rhk[0].indicators[0].id
            ids["kualitas"] = detail.rhk[0].indicators[1].id
    store = AttachmentStore(paths.attachments)
    member, head = Services(db, staff.member_actor), Services(db, staff.head_actor)
    for qty in (2, 3):
        data = log_input(staff.member.id, ids["rhk"], quantity=qty)
        row = member.call(outputs.create_log, data, store=store, today=TODAY)
        member.call(outputs.submit_logs, [row.id])
        head.call(outputs.accept_logs, [row.id])
    return ids


def _page(qtbot: QtBot, db: Database, paths: DataPaths, actor: Actor) -> EvaluationPage:
    ctx = UiContext(paths, db, Services(db, actor), ui_settings(paths))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    page = window.page("evaluation")
    assert isinstance(page, EvaluationPage)
    page.export_workers = 1  # render in the worker thread, no process pool in tests
    page.select_period(MARCH)
    _settle(qtbot, page)
    return page


def _settle(qtbot: QtBot, page: EvaluationPage) -> None:
    """Wait for the page's calls on the database worker (and what they started) to be in."""
    qtbot.waitUntil(page.ctx.ops.idle)


def _yes(qtbot: QtBot, owner: EvaluationPage | EvaluationEditor) -> None:
    box = owner.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)


def _row(page: EvaluationPage, employee_id: str) -> int:
    row = page.model.row_of_employee(employee_id)
    assert row >= 0
    return row


def _finalise_colleague(db: Database, staff: Staff) -> None:
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.colleague.id, MARCH)
    head.call(ev.save_draft, detail.id, ev.EvaluationChanges(Rating.SESUAI, Rating.SESUAI))
    head.call(ev.share, detail.id)
    head.call(ev.finalise, detail.id)


def test_supervisor_rates_finalises_previews_and_exports_the_unit(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ids = _office(db, data_paths, staff)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    assert {page.model.row_data(r).employee_id for r in range(page.model.rowCount())} == {
        staff.member.id,
        staff.colleague.id,
    }
    row = _row(page, staff.member.id)
    assert page.model.index(row, COL_STATUS).data() == "Belum dimulai"
    assert not page.export_button.isEnabled()  # nothing final yet: says why
    assert "Belum ada evaluasi yang ditetapkan" in page.export_button.toolTip()

    # Enter on the employee's row: confirm starting, the form editor opens
    page.table.setFocus()
    page.table.selectRow(row)
    assert page.open_button.text() == "Mulai evaluasi"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _yes(qtbot, page)
    _settle(qtbot, page)
    editor = page.editor
    assert isinstance(editor, EvaluationEditor) and editor.isVisible()
    assert "Dewi Lestari" in editor.heading.text()
    assert "Draf" in editor.status_label.text()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)

    # the kuantitas realisation is pre-filled from the two accepted logs (2 + 3)
    line = editor.rhk.rows[ids["kuantitas"]]
    assert line.realisasi.text() == "5"
    # changing it asks for the reason; the reason lands in its field
    line.realisasi.setFocus()
    line.realisasi.selectAll()
    qtbot.keyClicks(line.realisasi, "6")
    qtbot.keyClick(line.realisasi, Qt.Key.Key_Return)
    reason = editor.rhk.dialog
    assert reason is not None and reason.isVisible()
    line.realisasi.editingFinished.emit()  # the focus moving to the question: asked once
    assert editor.rhk.dialog is reason
    # Enter saved nothing by itself (no button of the editor is a default button)
    assert editor.isVisible() and editor.dirty and editor.info.text() == ""
    qtbot.keyClicks(reason.note, "Satu laporan diserahkan langsung, belum dicatat di log")
    reason.buttons.button(reason.buttons.StandardButton.Ok).click()
    assert line.reason.text() == "Satu laporan diserahkan langsung, belum dicatat di log"
    # a kualitas indicator has no figure from the logs: typing its realisation asks nothing
    quality = editor.rhk.rows[ids["kualitas"]]
    assert quality.realisasi.text() == ""
    quality.realisasi.setFocus()
    qtbot.keyClicks(quality.realisasi, "95")
    qtbot.keyClick(quality.realisasi, Qt.Key.Key_Tab)
    assert editor.rhk.dialog is reason  # no new question

    feedback = editor.rhk.feedback[ids["rhk"]]
    qtbot.keyClicks(feedback, "Laporan lengkap dan tepat waktu; pertahankan.")
    editor.tabs.setCurrentWidget(editor.behaviour)
    qtbot.keyClicks(editor.behaviour.feedback["akuntabel"], "Disiplin dan cermat dalam pelaporan.")
    qtbot.keyClicks(editor.behaviour.expectation["akuntabel"], "Hadir apel pagi")

    # the two ratings: the predikat follows live by the matrix
    editor.tabs.setCurrentWidget(editor.rating)
    assert "isi kedua rating" in editor.rating.predikat.text()
    qtbot.mouseClick(editor.rating.hasil.buttons[Rating.DI_ATAS], LEFT, pos=_radio_pos())
    qtbot.mouseClick(editor.rating.perilaku.buttons[Rating.SESUAI], LEFT, pos=_radio_pos())
    assert editor.rating.predikat.text() == "Baik"
    qtbot.mouseClick(editor.rating.perilaku.buttons[Rating.DI_ATAS], LEFT, pos=_radio_pos())
    assert editor.rating.predikat.text() == "Sangat Baik"
    assert "Sangat Baik" in editor.predikat_bar.text()

    # a draft cannot be finalised: the button says why
    assert not editor.finalise_button.isEnabled()
    assert "Bagikan evaluasi kepada pegawai" in editor.finalise_button.toolTip()

    # Ctrl+S saves the draft
    assert editor.save_button.isEnabled()
    qtbot.keyClick(editor.rating.catatan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.save_button.isEnabled()  # while the save runs
    _settle(qtbot, page)
    assert editor.info.text() == "Perubahan tersimpan."
    assert not editor.dirty
    saved = Services(db, staff.admin).read(ev.get_evaluation, editor.detail.id)
    indicator = next(
        i for r in saved.rhk for i in r.indicators if i.indicator_id == ids["kuantitas"]
    )
    assert (indicator.prefilled, indicator.realisasi) == (5, 6)
    kualitas = next(i for r in saved.rhk for i in r.indicators if i.indicator_id == ids["kualitas"])
    assert (kualitas.prefilled, kualitas.realisasi, kualitas.override_reason) == (None, 95, "")
    assert indicator.override_reason.startswith("Satu laporan diserahkan")
    assert next(r for r in saved.rhk if r.rhk_id == ids["rhk"]).umpan_balik.startswith("Laporan")
    akuntabel = next(b for b in saved.behaviours if b.code == "akuntabel")
    assert (akuntabel.umpan_balik, akuntabel.ekspektasi_khusus) == (
        "Disiplin dan cermat dalam pelaporan.",
        "Hadir apel pagi",
    )
    assert saved.predikat is Predikat.SANGAT_BAIK

    # share (confirmed), then finalise (confirmed): locked, reopen offered
    qtbot.mouseClick(editor.share_button, LEFT)
    _yes(qtbot, editor)
    _settle(qtbot, page)
    assert editor.detail.status is EvaluationStatus.SHARED
    assert editor.finalise_button.isEnabled()
    qtbot.mouseClick(editor.finalise_button, LEFT)
    _yes(qtbot, editor)
    _settle(qtbot, page)
    assert editor.detail.status is EvaluationStatus.FINAL
    assert "Ditetapkan" in editor.status_label.text()
    line = editor.rhk.rows[ids["kuantitas"]]  # the form was rebuilt from the final state
    assert line.realisasi.text() == "6" and line.realisasi.isReadOnly()
    assert editor.rating.catatan.isReadOnly()
    assert not editor.save_button.isEnabled() and not editor.share_button.isEnabled()
    assert editor.reopen_button.isEnabled()
    assert editor.history.count() >= 4  # start, save, share, finalise

    # the preview: QtPdf has the document ready, with the pages of the printed form
    expected = build_evaluation_pdf_bytes(
        Services(db, staff.head_actor).read(ev.form_data, editor.detail.id)
    )
    expected_pages = len(pypdf.PdfReader(io.BytesIO(expected)).pages)
    qtbot.mouseClick(editor.preview_button, LEFT)
    _settle(qtbot, page)
    preview = editor.preview
    assert preview is not None and preview.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() == expected_pages >= 1
    assert preview.preview.page_total.text() == f"dari {expected_pages}"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview.data)).pages)
    assert "Dewi Lestari" in text and "SANGAT BAIK" in text.upper()
    preview.close()
    qtbot.mouseClick(editor.findChild(QPushButton, "close_button"), LEFT)
    assert not editor.isVisible()  # nothing unsaved: no question

    # the list shows it; with the colleague finalised too, export the unit, one file each
    _finalise_colleague(db, staff)
    page.reload()  # (finalised outside the page: nothing on the change bus)
    _settle(qtbot, page)
    row = _row(page, staff.member.id)
    assert page.model.index(row, COL_STATUS).data() == "Ditetapkan"
    assert page.model.index(row, COL_PREDIKAT).data() == "Sangat Baik"
    page.select_unit(staff.unit.id)
    _settle(qtbot, page)
    assert page.export_button.isEnabled()
    qtbot.mouseClick(page.export_button, LEFT)
    batch = page.batch
    assert isinstance(batch, BatchExportDialog) and batch.isVisible()
    assert batch.count == 2
    batch.separate_radio.click()
    folder = data_paths.exports / page._export_name()
    assert batch.target.text() == str(folder)
    qtbot.mouseClick(batch.export_button, LEFT)
    assert batch.runner is not None and batch.runner.dialog is not None  # the progress dialog
    qtbot.waitUntil(lambda: batch.result_ is not None, timeout=30000)
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 2
    texts = {f.name: "".join(p.extract_text() for p in pypdf.PdfReader(f).pages) for f in files}
    assert any("Dewi Lestari" in t and "SANGAT BAIK" in t.upper() for t in texts.values())
    assert any("Agus Saputra" in t and "BAIK" in t.upper() for t in texts.values())
    assert "2 berkas PDF ditulis" in batch.status.text()


def _radio_pos():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(8, 8)  # on the indicator: a radio's label area past its text does not click


def test_refused_save_keeps_the_edits_and_the_employee_comments(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    ids = _office(db, data_paths, staff)
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    page.open_evaluation(detail.id)
    _settle(qtbot, page)
    editor = page.editor
    assert editor is not None
    feedback = editor.rhk.feedback[ids["rhk"]]
    too_long = "x" * (ev.MAX_TEXT + 1)
    feedback.setPlainText(too_long)
    qtbot.mouseClick(editor.save_button, LEFT)
    _settle(qtbot, page)
    assert editor.error.isVisible() and editor.error.text()  # the service's sentence
    assert feedback.toPlainText() == too_long  # nothing lost
    assert editor.dirty
    assert head.read(ev.get_evaluation, detail.id).rhk[0].umpan_balik == ""
    # a realisation that is not a number is caught before the service
    line = editor.rhk.rows[ids["kuantitas"]]
    line.realisasi.setText("lima")
    feedback.setPlainText("Baik")
    qtbot.mouseClick(editor.save_button, LEFT)
    assert "harus berupa angka" in editor.error.text()
    line.realisasi.setText("5")
    qtbot.mouseClick(editor.save_button, LEFT)
    _settle(qtbot, page)
    assert not editor.error.isVisible()
    assert head.read(ev.get_evaluation, detail.id).rhk[0].umpan_balik == "Baik"
    head.call(ev.share, detail.id)
    feedback = editor.rhk.feedback[ids["rhk"]]  # the form was rebuilt from the saved state

    # closing with unsaved edits asks first; "Batal" keeps the window and the edits
    feedback.setPlainText("Belum disimpan")
    editor.close()
    box = editor.dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and editor.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT)
    assert editor.isVisible() and feedback.toPlainText() == "Belum disimpan"
    editor.close()
    _yes(qtbot, editor)
    assert not editor.isVisible()
    assert head.read(ev.get_evaluation, detail.id).rhk[0].umpan_balik == "Baik"

    # the employee opens the shared evaluation: read-only form, a comment box
    member_page = _page(qtbot, db, data_paths, staff.member_actor)
    assert member_page.model.rowCount() == 1
    member_page.table.selectRow(0)
    member_page.open_selected()
    _settle(qtbot, member_page)
    mine = member_page.editor
    assert mine is not None
    assert mine.rhk.feedback[ids["rhk"]].isReadOnly()
    assert not mine.share_button.isEnabled() and not mine.finalise_button.isEnabled()
    assert not mine.save_button.isVisible() and not mine.finalise_button.isVisible()
    assert not mine.comment.isReadOnly()
    mine.tabs.setCurrentIndex(3)
    qtbot.keyClicks(mine.comment, "Terima kasih atas umpan baliknya.")
    qtbot.mouseClick(mine.comment_button, LEFT)
    _settle(qtbot, member_page)
    assert mine.info.text() == "Tanggapan Anda tersimpan."
    assert head.read(ev.get_evaluation, detail.id).employee_comment == (
        "Terima kasih atas umpan baliknya."
    )


def test_reopen_asks_for_a_reason(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _office(db, data_paths, staff)
    _finalise_colleague(db, staff)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    page.table.selectRow(_row(page, staff.colleague.id))
    page.open_selected()
    _settle(qtbot, page)
    editor = page.editor
    assert editor is not None and editor.detail.locked
    qtbot.mouseClick(editor.reopen_button, LEFT)
    dialog = editor.dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)  # type: ignore[union-attr]
    assert not ok.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "reason_text"), "Salah ketik pada umpan balik")
    qtbot.mouseClick(ok, LEFT)
    _settle(qtbot, page)
    assert editor.detail.status is EvaluationStatus.SHARED
    assert editor.info.text() == "Evaluasi dibuka kembali."
    assert any(
        "Salah ketik" in editor.history.item(i).text() for i in range(editor.history.count())
    )
    assert not editor.rhk.rows[next(iter(editor.rhk.rows))].realisasi.isReadOnly()
    assert isinstance(editor.findChild(QLineEdit), QLineEdit)


def test_unit_distribution_table_and_curve_warning(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _office(db, data_paths, staff)
    _finalise_colleague(db, staff)  # Baik
    page = _page(qtbot, db, data_paths, staff.head_actor)
    page.select_unit(staff.unit.id)
    page.tabs.setCurrentIndex(page.distribution_index)
    _settle(qtbot, page)
    view = page.distribution
    assert view.report is not None
    assert "Seksi Pelayanan Umum" in view.title.text()
    assert view.table.item(1, 0).text() == "Baik" and view.table.item(1, 1).text() == "1"
    assert view.table.item(1, 2).text() == "100%"
    # an organisation result of Butuh Perbaikan wants at least 60% Butuh Perbaikan: a warning
    view.org.setCurrentIndex(view.org.findData("butuh_perbaikan"))
    _settle(qtbot, page)
    assert view.report is not None and view.report.warnings
    assert "Sebaran tidak sesuai kurva distribusi" in view.warnings.text()
    assert "Butuh Perbaikan" in view.warnings.text()
    assert view.chart.series()  # the bar chart


def test_evaluation_list_model(
    qtbot: QtBot, qtmodeltester, db: Database, staff: Staff, data_paths: DataPaths
) -> None:  # type: ignore[no-untyped-def]
    _office(db, data_paths, staff)
    _finalise_colleague(db, staff)
    page = _page(qtbot, db, data_paths, staff.admin)
    assert page.model.rowCount() >= 3  # admin: every active employee
    qtmodeltester.check(page.model)
    # the admin rates only as Atasan Pejabat Penilai when the office allows it (off here)
    page.table.selectRow(_row(page, staff.member.id))
    assert page.open_button.text() == "Mulai evaluasi" and not page.open_button.isEnabled()
    assert "atasan langsung" in page.open_button.toolTip()
    page.table.selectRow(_row(page, staff.colleague.id))
    assert page.open_button.text() == "Buka evaluasi" and page.open_button.isEnabled()
    page.status.setCurrentIndex(page.status.findData("final"))
    _settle(qtbot, page)
    assert page.model.rowCount() == 1
    qtmodeltester.check(page.model)


def test_unit_preview_shows_every_final_form(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _office(db, data_paths, staff)
    _finalise_colleague(db, staff)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    page.select_unit(staff.unit.id)
    _settle(qtbot, page)
    assert page.unit_preview_button.isEnabled()
    qtbot.mouseClick(page.unit_preview_button, LEFT)
    assert page.runner is not None and page.runner.dialog is not None
    qtbot.waitUntil(lambda: page.preview is not None, timeout=20000)
    preview = page.preview
    assert preview is not None and preview.isVisible()
    assert preview.document.status() == QPdfDocument.Status.Ready
    reader = pypdf.PdfReader(io.BytesIO(preview.data))
    assert preview.document.pageCount() == len(reader.pages) >= 1
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Agus Saputra" in text and "Dewi Lestari" not in text  # final forms only
    assert "Maret 2026" in preview.windowTitle()
    preview.close()

    # one employee's form straight from the list
    page.table.selectRow(_row(page, staff.colleague.id))
    qtbot.mouseClick(page.preview_button, LEFT)
    _settle(qtbot, page)
    single = page.preview
    assert single is not None and single is not preview and single.isVisible()
    assert single.document.status() == QPdfDocument.Status.Ready
    assert "Agus Saputra" in single.windowTitle()
    assert single.suggested_path.name.startswith("evaluasi-agus-saputra-2026-monthly-03")
    assert page.editor is None  # no editor opened for a preview


def test_finalise_waits_for_both_ratings_then_saves_and_finalises(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _office(db, data_paths, staff)
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    head.call(ev.share, detail.id)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    page.open_evaluation(detail.id)
    _settle(qtbot, page)
    editor = page.editor
    assert editor is not None
    assert not editor.finalise_button.isEnabled()
    assert editor.finalise_button.toolTip() == (
        "Belum diisi: rating hasil kerja, rating perilaku kerja."
    )
    editor.rating.hasil.buttons[Rating.SESUAI].click()
    assert editor.finalise_button.toolTip() == "Belum diisi: rating perilaku kerja."
    editor.rating.perilaku.buttons[Rating.DI_BAWAH].click()
    assert editor.rating.predikat.text() == "Kurang/Misconduct"
    assert editor.finalise_button.isEnabled()  # the unsaved ratings are saved first
    qtbot.mouseClick(editor.finalise_button, LEFT)
    assert "Kurang/Misconduct" in editor.dialog.text()  # type: ignore[union-attr]
    _yes(qtbot, editor)
    _settle(qtbot, page)  # saved first, then finalised
    final = head.read(ev.get_evaluation, detail.id)
    assert final.status is EvaluationStatus.FINAL and final.predikat is Predikat.KURANG
    assert editor.detail.locked and not editor.dirty


def test_page_follows_evaluation_changes_on_the_bus(
    qtbot: QtBot, db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    """A change another page commits (its MutationOp on "evaluation") refreshes the list."""
    from PySide6.QtWidgets import QWidget

    from flexdesk.ui.ops import MutationOp

    _office(db, data_paths, staff)
    page = _page(qtbot, db, data_paths, staff.head_actor)
    row = _row(page, staff.member.id)
    assert page.model.index(row, COL_STATUS).data() == "Belum dimulai"
    other = QWidget()
    qtbot.addWidget(other)
    MutationOp(page.ctx, ev.start_evaluation, staff.member.id, MARCH, topics=["evaluation"]).run(
        parent=other
    )
    _settle(qtbot, page)
    row = _row(page, staff.member.id)
    assert page.model.index(row, COL_STATUS).data() == "Draf"
