"""The evaluation workflow table and the annual rating suggestion (domain.evaluation)."""

from __future__ import annotations

import itertools

import pytest

from flexdesk.domain.evaluation import (
    EVALUATION_TRANSITIONS,
    EvaluationStatus,
    EvaluationStep,
    missing_ratings,
    next_evaluation_status,
    suggest_annual_rating,
)
from flexdesk.domain.performance import Rating
from flexdesk.errors import ConflictError

D, S, F = EvaluationStatus.DRAFT, EvaluationStatus.SHARED, EvaluationStatus.FINAL
EXPECTED = {
    (D, EvaluationStep.SAVE): D,
    (S, EvaluationStep.SAVE): S,
    (D, EvaluationStep.REFRESH): D,
    (S, EvaluationStep.REFRESH): S,
    (D, EvaluationStep.SHARE): S,
    (S, EvaluationStep.COMMENT): S,
    (S, EvaluationStep.FINALISE): F,
    (F, EvaluationStep.REOPEN): S,
}


@pytest.mark.parametrize(
    ("status", "step"), list(itertools.product(EvaluationStatus, EvaluationStep))
)
def test_every_state_and_step(status: EvaluationStatus, step: EvaluationStep) -> None:
    if (status, step) in EXPECTED:
        assert next_evaluation_status(status, step) is EXPECTED[(status, step)]
    else:
        with pytest.raises(ConflictError) as refused:
            next_evaluation_status(status, step)
        assert refused.value.message and refused.value.message_en != refused.value.message
        if status is F:
            assert "terkunci" in refused.value.message  # final: locked, say how to reopen


def test_table_is_what_the_tests_walk() -> None:
    assert dict(EVALUATION_TRANSITIONS) == EXPECTED
    assert EvaluationStatus.FINAL.label == "Ditetapkan"
    assert EvaluationStep.REOPEN.label_for("en") == "Reopened"


def test_missing_ratings() -> None:
    assert missing_ratings(Rating.SESUAI, Rating.DI_ATAS) == []
    assert [m[0] for m in missing_ratings(None, None)] == [
        "rating hasil kerja",
        "rating perilaku kerja",
    ]
    assert [m[0] for m in missing_ratings(Rating.SESUAI, None)] == ["rating perilaku kerja"]


@pytest.mark.parametrize(
    ("periodic", "expected"),
    [
        ([], None),
        ([None, None], None),
        ([Rating.SESUAI], Rating.SESUAI),
        ([Rating.DI_ATAS, Rating.SESUAI, Rating.DI_ATAS], Rating.DI_ATAS),  # most often
        ([Rating.DI_ATAS, Rating.SESUAI], Rating.SESUAI),  # tie: the latest period's
        ([Rating.SESUAI, Rating.DI_ATAS, None], Rating.DI_ATAS),  # unrated skipped
        ([Rating.DI_BAWAH, Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS], Rating.DI_BAWAH),
    ],
)
def test_suggest_annual_rating(periodic: list[Rating | None], expected: Rating | None) -> None:
    assert suggest_annual_rating(periodic) is expected
