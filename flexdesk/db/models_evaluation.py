"""Periodic and annual performance evaluations (PermenPANRB 6/2022).

One ``evaluations`` row per employee and period (monthly, quarterly, semester or annual) holds
the supervisor's two ratings, the predikat they give, the workflow state and the employee's
comment. Per RHK of the employee's approved SKP there is a feedback row
(``evaluation_rhk``) and per indikator kinerja a realisation row (``evaluation_indicators``:
the value pre-filled from accepted output logs, the value the supervisor settled on and the
reason when they differ). The seven BerAKHLAK core values each get a behaviour row
(``evaluation_behaviours``). Every workflow step is an ``evaluation_events`` row.

All of them carry :class:`SyncedMixin`, so they travel in sync bundles without registration.

The references to the SKP tables (``skp_id``, ``rhk_id``, ``indicator_id``) are plain indexed
columns, not foreign keys: the "evaluation" migration branch then needs nothing from the
"outputs" branch (Alembic may run the two branches in either order, and a ``depends_on``
would fold ``0100`` out of ``alembic_version``, which start-up compares with the branch
heads). The services check those references and read an evaluation through the SKP as it
is now: rows of an RHK removed from a reopened SKP are ignored, an RHK added later gets its
rows on the next edit or refresh.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, SyncedMixin, UTCDateTime


class Evaluation(SyncedMixin, Base):
    """The evaluation of one employee for one period (draft → shared → final)."""

    __tablename__ = "evaluations"
    __entity__ = "evaluation"
    __table_args__ = (
        UniqueConstraint("employee_id", "year", "period_type", "period_index"),
        # the unit list and the distribution (period first, then status)
        Index("ix_evaluations_period", "year", "period_type", "period_index"),
    )

    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    skp_id: Mapped[str] = mapped_column(String(36), index=True)  # skp.id (see module doc)
    year: Mapped[int] = mapped_column(Integer)
    period_type: Mapped[str] = mapped_column(String(12))  # PeriodType
    period_index: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # EvaluationStatus
    rating_hasil_kerja: Mapped[str | None] = mapped_column(String(10), nullable=True)  # Rating
    rating_perilaku: Mapped[str | None] = mapped_column(String(10), nullable=True)  # Rating
    #: stored when both ratings are set (PermenPANRB 6/2022 matrix), so lists need no recompute
    predikat: Mapped[str | None] = mapped_column(String(20), nullable=True)  # Predikat
    #: hasil kinerja organisasi printed on the form (OrganisationResult value or "")
    capaian_organisasi: Mapped[str] = mapped_column(String(20), default="")
    catatan: Mapped[str] = mapped_column(Text, default="")  # catatan / rekomendasi
    #: the Pejabat Penilai Kinerja (direct supervisor) when the evaluation started
    evaluator_employee_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True
    )
    #: the account that last rated (the supervisor, or the admin as Atasan Pejabat Penilai)
    evaluator_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: the Atasan Pejabat Penilai Kinerja (the supervisor's supervisor) when it started
    atasan_employee_id: Mapped[str | None] = mapped_column(
        ForeignKey("employees.id"), nullable=True
    )
    employee_comment: Mapped[str] = mapped_column(Text, default="")
    commented_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finalised_by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class EvaluationRhk(SyncedMixin, Base):
    """Umpan balik (feedback) of the supervisor on one RHK in one evaluation."""

    __tablename__ = "evaluation_rhk"
    __entity__ = "evaluation_rhk"
    __table_args__ = (UniqueConstraint("evaluation_id", "rhk_id"),)

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluations.id"), index=True)
    rhk_id: Mapped[str] = mapped_column(String(36), index=True)  # rhk.id
    position: Mapped[int] = mapped_column(Integer, default=0)
    umpan_balik: Mapped[str] = mapped_column(Text, default="")


class EvaluationIndicator(SyncedMixin, Base):
    """Realisation of one indikator kinerja individu in one evaluation.

    ``prefilled`` is what the accepted output logs of the period add up to (kuantitas only;
    NULL for aspects logs do not measure). ``realisasi`` is the value printed; when it differs
    from ``prefilled`` the supervisor must say why (``override_reason``).
    """

    __tablename__ = "evaluation_indicators"
    __entity__ = "evaluation_indicator"
    __table_args__ = (UniqueConstraint("evaluation_id", "indicator_id"),)

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluations.id"), index=True)
    rhk_id: Mapped[str] = mapped_column(String(36))  # rhk.id
    indicator_id: Mapped[str] = mapped_column(String(36), index=True)  # rhk_indicators.id
    prefilled: Mapped[float | None] = mapped_column(Float, nullable=True)
    realisasi: Mapped[float | None] = mapped_column(Float, nullable=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")


class EvaluationBehaviour(SyncedMixin, Base):
    """One BerAKHLAK core value in one evaluation: ekspektasi khusus pimpinan and feedback."""

    __tablename__ = "evaluation_behaviours"
    __entity__ = "evaluation_behaviour"
    __table_args__ = (UniqueConstraint("evaluation_id", "code"),)

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluations.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))  # CoreValue.code
    position: Mapped[int] = mapped_column(Integer, default=0)
    ekspektasi_khusus: Mapped[str] = mapped_column(Text, default="")
    umpan_balik: Mapped[str] = mapped_column(Text, default="")


class EvaluationEvent(SyncedMixin, Base):
    """One workflow step (start, share, comment, finalise, reopen...): who, when, why."""

    __tablename__ = "evaluation_events"
    __entity__ = "evaluation_event"

    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluations.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    step: Mapped[str] = mapped_column(String(12))  # EvaluationStep
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    #: "supervisor", "admin_atasan" (admin as Atasan Pejabat Penilai), "employee", "admin"
    acting_as: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")  # reopen reason, comment excerpt
