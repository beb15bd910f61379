"""The Evaluasi page's printing of a unit: every final form in one preview, and the batch
export dialog. The forms are read (and the preview rendered) on the database worker, in a
ProgressRunner on its pool. Texts keep the page's translation context ("EvaluationPage")."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import Cancelled
from flexdesk.reports.evaluation_form import build_evaluation_pdfs
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.ops import progress_runner, worker_calls
from flexdesk.ui.pages.evaluation.batch_export import BatchExportDialog
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog
from flexdesk.ui.worker import CancelledFn, ProgressFn

if TYPE_CHECKING:
    from flexdesk.ui.pages.evaluation.page import EvaluationPage


def preview_unit(page: EvaluationPage) -> None:
    """Every final form of the page's list in one preview (built on the database worker)."""
    period, unit_id = page.current_period(), page.current_unit()
    if period is None:
        return
    calls = worker_calls(page.ctx)
    building = QCoreApplication.translate("EvaluationPage", "Menyusun formulir {done} dari {total}")

    def work(progress: ProgressFn, cancelled: CancelledFn) -> bytes:
        forms = calls.read(
            ev.form_data_for_unit,
            period,
            unit_id=unit_id,
            status=EvaluationStatus.FINAL,
            is_cancelled=cancelled,
        )

        def step(done: int, total: int) -> None:
            if cancelled():
                raise Cancelled()
            progress(done, total, building.format(done=done, total=total))

        buffer = io.BytesIO()
        build_evaluation_pdfs(forms, buffer, progress=step)
        return buffer.getvalue()

    def done(result: object) -> None:
        assert isinstance(result, bytes)
        title = QCoreApplication.translate(
            "EvaluationPage", "Pratinjau formulir evaluasi — {what}"
        ).format(what=page._description())
        preview = PdfPreviewDialog(
            page,
            title,
            result,
            suggested_path=Path(page.ctx.paths.exports) / f"{page._export_name()}.pdf",
            lang=page.lang,
        )
        page.preview = preview
        preview.show()

    page.runner = progress_runner(
        page.ctx, page, QCoreApplication.translate("EvaluationPage", "Menyiapkan pratinjau")
    )
    page.runner.start(work, done, page._failed)


def export_unit(page: EvaluationPage) -> None:
    """The export dialog for the final forms of the page's list."""
    period, unit_id = page.current_period(), page.current_unit()
    if period is None:
        return
    calls = worker_calls(page.ctx)

    # (called in the export's task, on the database worker)
    def load() -> list:  # type: ignore[type-arg]
        return calls.read(
            ev.form_data_for_unit, period, unit_id=unit_id, status=EvaluationStatus.FINAL
        )

    dialog = BatchExportDialog(
        page,
        description=page._description(),
        count=len(page._final_rows()),
        load_forms=load,
        default_dir=Path(page.ctx.paths.exports),
        base_name=page._export_name(),
        lang=page.lang,
        workers=page.export_workers,
        pool=page.ctx.ops.pool,  # the forms are read on the database worker
    )
    page.batch = dialog
    dialog.open()
