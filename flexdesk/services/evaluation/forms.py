"""Printing evaluations: the data of one printed form, and of a unit's batch of forms.

The form builder (:mod:`flexdesk.services.evaluation.printing`) is imported on first use:
only printing needs it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_evaluation import Evaluation
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import Cancelled
from flexdesk.reports.evaluation_data import EvaluationFormData
from flexdesk.services.evaluation.access import admin_may_rate, get_evaluation_row, require_viewer
from flexdesk.services.evaluation.detail import load_cache
from flexdesk.services.evaluation.reading import detail_for, list_evaluations
from flexdesk.services.evaluation.types import CancelledFn, PeriodRef, ProgressFn
from flexdesk.services.permissions import Action, Actor, require


def form_data(
    session: Session,
    actor: Actor,
    evaluation_id: str,
    *,
    sign_date: date | None = None,
) -> EvaluationFormData:
    """The printed form's data (for ``reports.evaluation_form.build_evaluation_pdf*``).

    Letterhead from the office profile (the logo is written to a cached PNG file), place =
    office city, sign date = ``sign_date`` or the day it was finalised (today while not
    final), paper from the ``paper_size`` setting, Pegawai / Pejabat Penilai (and for an
    annual form the Atasan Pejabat Penilai) blocks, RHK rows (A. Utama / B. Tambahan) with
    period targets, realisasi and umpan balik, the perilaku rows, ratings and predikat.
    Action: ``evaluation.print`` (same record rule as viewing).
    """
    from flexdesk.services.evaluation.printing import build_form_data

    ev = get_evaluation_row(session, evaluation_id)
    emp = require_viewer(session, actor, ev, Action.EVALUATION_PRINT)
    return build_form_data(session, ev, emp, detail_for(session, actor, ev, emp), sign_date)


def form_data_for_unit(
    session: Session,
    actor: Actor,
    period: PeriodRef,
    *,
    unit_id: str | None = None,
    status: EvaluationStatus | None = EvaluationStatus.FINAL,
    progress: ProgressFn | None = None,
    is_cancelled: CancelledFn | None = None,
) -> list[EvaluationFormData]:
    """Form data of every evaluation of ``period`` the actor may print (a unit's batch).

    ``status`` None: every state. Ordered like :func:`list_evaluations`. Calls
    ``progress(done, total)``; raises :class:`~flexdesk.errors.Cancelled` when
    ``is_cancelled()`` turns true. Action: ``evaluation.print``.
    """
    from flexdesk.services.evaluation.printing import build_form_data, print_context

    require(actor, Action.EVALUATION_PRINT)
    context = print_context(session)
    admin_rates = admin_may_rate(session)
    ids = [
        r.evaluation_id
        for r in list_evaluations(session, actor, period, unit_id=unit_id, status=status)
        if r.evaluation_id is not None
    ]
    found = {e.id: e for e in session.scalars(select(Evaluation).where(Evaluation.id.in_(ids)))}
    evaluations = [found[i] for i in ids]
    cache = load_cache(session, evaluations)
    out: list[EvaluationFormData] = []
    total = len(evaluations)
    for n, ev in enumerate(evaluations):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        emp = cache.employees[ev.employee_id]
        require_viewer(session, actor, ev, Action.EVALUATION_PRINT)
        detail = detail_for(session, actor, ev, emp, cache=cache, admin_rates=admin_rates)
        out.append(build_form_data(session, ev, emp, detail, None, cache=cache, context=context))
        if progress is not None:
            progress(n + 1, total)
    return out
