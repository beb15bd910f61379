"""Evaluasi: periodic performance evaluation (PermenPANRB 6/2022), the form editor, the unit's
predikat distribution, and the printed form (preview, print, batch export).

``evaluation_page`` is the main window's page factory.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.ui.context import UiContext


def evaluation_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.evaluation.page import EvaluationPage

    return EvaluationPage(ctx)
