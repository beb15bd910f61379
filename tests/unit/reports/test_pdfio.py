"""Atomic report writes: all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexdesk.reports.pdfio import atomic_output, atomic_write_bytes, write_output


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "laporan.pdf"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["laporan.pdf"]


def test_failure_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as fh:
        fh.write(b"half a pdf")
        raise RuntimeError("renderer crashed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]


def test_write_output_accepts_paths_strings_and_files(tmp_path: Path) -> None:
    import io

    def render(fh: object) -> int:
        fh.write(b"%PDF")  # type: ignore[attr-defined]
        return 7

    assert write_output(tmp_path / "a.pdf", render) == 7
    assert write_output(str(tmp_path / "b.pdf"), render) == 7
    buffer = io.BytesIO()
    assert write_output(buffer, render) == 7
    assert buffer.getvalue() == (tmp_path / "b.pdf").read_bytes() == b"%PDF"
