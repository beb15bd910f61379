"""The evaluation workflow and the annual roll-up, as plain rules (no database, no Qt).

PermenPANRB 6/2022 on ASN performance management: the Pejabat Penilai Kinerja (the direct
supervisor) gives umpan balik per RHK and rates hasil kerja and perilaku kerja each period,
the employee sees the evaluation and may respond, and the result is fixed (ditetapkan). The
annual evaluation draws on the periodic ones.

- :data:`EVALUATION_TRANSITIONS`: draft → shared → final, and final → shared when the
  supervisor reopens (with a reason that is recorded);
- :func:`missing_ratings`: what must be filled in before an evaluation can be finalised;
- :func:`suggest_annual_rating`: the annual rating pre-filled from the periodic ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from flexdesk.domain.dates import Lang
from flexdesk.domain.performance import Rating
from flexdesk.errors import ConflictError


class EvaluationStatus(StrEnum):
    """Where an evaluation stands. Only the supervisor's side edits; final is locked."""

    DRAFT = "draft"  #: the supervisor is writing it; the employee does not see it yet
    SHARED = "shared"  #: the employee sees it and may comment; the supervisor may still edit
    FINAL = "final"  #: ditetapkan: locked for everyone until the supervisor reopens it

    @property
    def label(self) -> str:
        """The Indonesian name of the state."""
        return _STATUS_TEXT[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the state."""
        return _STATUS_TEXT[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        """The name in ``lang``."""
        return self.label if lang == "id" else self.label_en


_STATUS_TEXT: Final[Mapping[EvaluationStatus, tuple[str, str]]] = MappingProxyType(
    {
        EvaluationStatus.DRAFT: ("Draf", "Draft"),
        EvaluationStatus.SHARED: ("Dibagikan", "Shared"),
        EvaluationStatus.FINAL: ("Ditetapkan", "Final"),
    }
)


class EvaluationStep(StrEnum):
    """A recorded step in an evaluation's life (``evaluation_events.step``)."""

    START = "start"
    SAVE = "save"
    REFRESH = "refresh"  #: realisation re-read from the accepted output logs
    SHARE = "share"
    COMMENT = "comment"
    FINALISE = "finalise"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        """The Indonesian name of the step."""
        return _STEP_TEXT[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the step."""
        return _STEP_TEXT[self][1]

    def label_for(self, lang: Lang = "id") -> str:
        """The name in ``lang``."""
        return self.label if lang == "id" else self.label_en


_STEP_TEXT: Final[Mapping[EvaluationStep, tuple[str, str]]] = MappingProxyType(
    {
        EvaluationStep.START: ("Dimulai", "Started"),
        EvaluationStep.SAVE: ("Disimpan", "Saved"),
        EvaluationStep.REFRESH: ("Realisasi diperbarui", "Realisation refreshed"),
        EvaluationStep.SHARE: ("Dibagikan kepada pegawai", "Shared with the employee"),
        EvaluationStep.COMMENT: ("Tanggapan pegawai", "Employee comment"),
        EvaluationStep.FINALISE: ("Ditetapkan", "Finalised"),
        EvaluationStep.REOPEN: ("Dibuka kembali", "Reopened"),
    }
)

_Transitions = Mapping[tuple[EvaluationStatus, EvaluationStep], EvaluationStatus]

EVALUATION_TRANSITIONS: Final[_Transitions] = MappingProxyType(
    {
        (EvaluationStatus.DRAFT, EvaluationStep.SAVE): EvaluationStatus.DRAFT,
        (EvaluationStatus.SHARED, EvaluationStep.SAVE): EvaluationStatus.SHARED,
        (EvaluationStatus.DRAFT, EvaluationStep.REFRESH): EvaluationStatus.DRAFT,
        (EvaluationStatus.SHARED, EvaluationStep.REFRESH): EvaluationStatus.SHARED,
        (EvaluationStatus.DRAFT, EvaluationStep.SHARE): EvaluationStatus.SHARED,
        (EvaluationStatus.SHARED, EvaluationStep.COMMENT): EvaluationStatus.SHARED,
        # The employee has seen it before it is fixed (PermenPANRB 6/2022: umpan balik is a
        # dialogue), so only a shared evaluation can be finalised.
        (EvaluationStatus.SHARED, EvaluationStep.FINALISE): EvaluationStatus.FINAL,
        # Reopening keeps it visible to the employee; the reason is recorded.
        (EvaluationStatus.FINAL, EvaluationStep.REOPEN): EvaluationStatus.SHARED,
    }
)
"""Which step applies in which state, and the state after it."""


def next_evaluation_status(current: EvaluationStatus, step: EvaluationStep) -> EvaluationStatus:
    """The state after ``step``; ConflictError (in words) when the step does not apply."""
    current, step = EvaluationStatus(current), EvaluationStep(step)
    after = EVALUATION_TRANSITIONS.get((current, step))
    if after is not None:
        return after
    if current is EvaluationStatus.FINAL:
        raise ConflictError(
            "Evaluasi ini sudah ditetapkan dan terkunci. Atasan dapat membukanya kembali "
            "dengan alasan bila perlu diubah.",
            message_en="This evaluation is final and locked. The supervisor can reopen it, "
            "with a reason, if it must change.",
        )
    if step is EvaluationStep.COMMENT:
        raise ConflictError(
            "Tanggapan hanya dapat diberikan setelah evaluasi dibagikan kepada pegawai dan "
            "sebelum ditetapkan.",
            message_en="A comment can be added only once the evaluation is shared with the "
            "employee and before it is final.",
        )
    if step is EvaluationStep.FINALISE:
        raise ConflictError(
            "Bagikan evaluasi kepada pegawai terlebih dahulu sebelum menetapkannya.",
            message_en="Share the evaluation with the employee before finalising it.",
        )
    raise ConflictError(
        f"Evaluasi berstatus {current.label.lower()}; langkah ini tidak dapat dilakukan.",
        message_en=f"The evaluation is {current.label_en.lower()}; this step does not apply.",
    )


def missing_ratings(hasil_kerja: Rating | None, perilaku: Rating | None) -> list[tuple[str, str]]:
    """(Indonesian, English) names of the ratings still empty; empty list when complete."""
    missing: list[tuple[str, str]] = []
    if hasil_kerja is None:
        missing.append(("rating hasil kerja", "the rating of hasil kerja (work results)"))
    if perilaku is None:
        missing.append(("rating perilaku kerja", "the rating of perilaku kerja (behaviour)"))
    return missing


_ORDER: Final = (Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS)


def suggest_annual_rating(periodic: Sequence[Rating | None]) -> Rating | None:
    """The annual rating pre-filled from the finalised periodic ones (oldest first).

    PermenPANRB 6/2022 bases the annual evaluation on the periodic ones but leaves the
    weighing to the Pejabat Penilai; FlexDesk suggests the rating given most often, and on a
    tie the one of the latest period among the tied (the most recent picture of the
    employee). The supervisor may change it. None when no period was rated.
    """
    rated = [Rating(r) for r in periodic if r is not None]
    if not rated:
        return None
    counts = Counter(rated)
    best = max(counts.values())
    tied = {r for r, n in counts.items() if n == best}
    return next(r for r in reversed(rated) if r in tied)
