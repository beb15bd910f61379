"""The preview of one evaluation's printed form: read and rendered on the database worker,
shown in a PdfPreviewDialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from flexdesk.domain.dates import Lang
from flexdesk.errors import FlexDeskError
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.services.evaluation import service as ev
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.evaluation.common import file_slug
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog


def form_pdf(session: Any, actor: Actor, evaluation_id: str) -> bytes:
    """One evaluation's printed form, read and rendered on the database worker."""
    return build_evaluation_pdf_bytes(ev.form_data(session, actor, evaluation_id))


def open_form_preview(
    ctx: UiContext,
    parent: QWidget,
    which: tuple[str, str, ev.PeriodRef],
    on_ready: Callable[[PdfPreviewDialog], None],
    on_error: Callable[[FlexDeskError], None],
) -> None:
    """A preview window of one evaluation's printed form: ``which`` is (evaluation id,
    employee name, period); ``on_ready(dialog)`` once the PDF is made, ``on_error`` when
    refused."""
    evaluation_id, name, period = which

    def ready(pdf: bytes) -> None:
        lang: Lang = "en" if ctx.lang == "en" else "id"
        title = QCoreApplication.translate(
            "EvaluationEditor", "Pratinjau evaluasi {name} — {period}"
        ).format(name=name, period=period.label(lang))
        stem = f"{file_slug(name)}-{period.year}-{period.period_type.value}-{period.index:02d}"
        path = Path(ctx.paths.exports) / f"evaluasi-{stem}.pdf"
        on_ready(PdfPreviewDialog(parent, title, pdf, suggested_path=path, lang=ctx.lang))

    QueryOp(ctx, form_pdf, evaluation_id).on_success(ready).on_failure(on_error).run(parent=parent)
