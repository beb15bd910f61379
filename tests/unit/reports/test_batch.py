"""One PDF per employee, in this process or in a process pool."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from flexdesk.errors import Cancelled
from flexdesk.reports.batch import evaluation_file_name, render_many
from flexdesk.reports.evaluation_form import Person
from flexdesk.reports.samples import sample_evaluation_form
from tests.support.pdf import page_texts


def forms(n: int) -> list:  # type: ignore[type-arg]
    return [sample_evaluation_form(i, n_utama=2, n_tambahan=0) for i in range(n)]


def test_file_names_are_safe_and_numbered() -> None:
    form = sample_evaluation_form(1)
    form = replace(form, pegawai=Person('Dr. drg. Çağrı Öztürk: "A/B"?, M.Kes.'))
    assert evaluation_file_name(form, 2) == "003-evaluasi-dr-drg-cagr-ozturk-a-b.pdf"
    assert (
        evaluation_file_name(replace(form, pegawai=Person("??")), 0) == "001-evaluasi-pegawai.pdf"
    )


def test_serial_render_with_progress(tmp_path: Path) -> None:
    batch = forms(3)
    seen: list[tuple[int, int]] = []
    paths = render_many(batch, tmp_path, workers=1, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    for form, path in zip(batch, paths, strict=True):
        assert form.pegawai.nama in " ".join(page_texts(path))


def test_process_pool_render(tmp_path: Path) -> None:
    batch = forms(4)
    names = [f"pegawai-{i}.pdf" for i in range(4)]
    seen: list[int] = []
    paths = render_many(
        batch, tmp_path, workers=2, file_names=names, progress=lambda d, t: seen.append(d)
    )
    assert [p.name for p in paths] == names
    assert seen[-1] == 4
    for form, path in zip(batch, paths, strict=True):
        assert form.pegawai.nama in page_texts(path)[0]


def test_cancel_stops_the_batch(tmp_path: Path) -> None:
    def cancel(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        render_many(forms(3), tmp_path, workers=1, progress=cancel)
    assert len(list(tmp_path.glob("*.pdf"))) == 1  # the first, complete file only
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(ValueError):
        render_many(forms(2), tmp_path, file_names=["a.pdf"])
