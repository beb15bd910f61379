"""Many evaluation forms, one PDF file each, on all CPU cores.

ReportLab is pure Python and holds the GIL, so threads do not make a batch faster; processes
do. :func:`render_many` splits the forms into chunks and renders them in a pool of ``spawn``
processes (safe to start from a Qt application, and the only start method on Windows).
Each file is written atomically, so a cancelled or failed batch leaves only complete PDFs.

A frozen (PyInstaller) build must call ``multiprocessing.freeze_support()`` at the top of its
entry point for the worker processes to start.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from flexdesk.reports.evaluation_form import EvaluationFormData, build_evaluation_pdfs
from flexdesk.reports.pdfio import fsync_dir

ProgressCallback = Callable[[int, int], None]

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def evaluation_file_name(data: EvaluationFormData, index: int) -> str:
    """A file name that is safe on Windows: "003-evaluasi-ni-luh-putu-ayu-wulandari.pdf"."""
    plain = unicodedata.normalize("NFKD", data.pegawai.nama.split(",")[0])
    plain = plain.encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", plain).strip("-").lower()[:60] or "pegawai"
    return f"{index + 1:03d}-evaluasi-{slug}.pdf"


def _render_one(data: EvaluationFormData, path: Path) -> int:
    # Each file is fsynced before its rename; the folder once at the end of the batch.
    return build_evaluation_pdfs([data], path, sync_dir=False)


def _render_chunk(items: Sequence[tuple[EvaluationFormData, str]]) -> list[int]:
    return [_render_one(data, Path(path)) for data, path in items]


def render_many(
    forms: Sequence[EvaluationFormData],
    out_dir: Path,
    *,
    workers: int | None = None,
    file_names: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
) -> list[Path]:
    """Render each form to its own PDF in ``out_dir``; return the paths in input order.

    ``workers``: processes to use (default: CPU count); 1 renders in this process.
    ``file_names``: one per form (default :func:`evaluation_file_name`).
    ``progress(done, total)`` is called as forms finish; raising from it (e.g.
    :class:`~flexdesk.errors.Cancelled`) stops the batch: chunks not started are dropped,
    files already written stay (each is complete).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = list(file_names) if file_names is not None else None
    if names is not None and len(names) != len(forms):
        raise ValueError("file_names must have one name per form")
    paths = [
        out_dir / (names[i] if names is not None else evaluation_file_name(f, i))
        for i, f in enumerate(forms)
    ]
    total = len(forms)
    workers = max(1, workers or os.cpu_count() or 1)
    if workers == 1 or total < 2:
        try:
            for i, (data, path) in enumerate(zip(forms, paths, strict=True)):
                _render_one(data, path)
                if progress is not None:
                    progress(i + 1, total)
        finally:
            fsync_dir(out_dir)
        return paths

    # Several chunks per worker: progress moves steadily and a slow chunk does not idle a core.
    chunk_size = max(1, min(10, total // (workers * 4) or 1))
    items = [(f, str(p)) for f, p in zip(forms, paths, strict=True)]
    chunks = [items[i : i + chunk_size] for i in range(0, total, chunk_size)]
    done = 0
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        pending: set[Future[list[int]]] = {pool.submit(_render_chunk, c) for c in chunks}
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done += len(future.result())
                if progress is not None:
                    progress(done, total)
        except BaseException:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            fsync_dir(out_dir)
    return paths
