"""Benchmark: 500 evaluation forms (about 3 pages each) to PDF.

Run from the repository root:  python tests/benchmarks/bench_reports.py [--forms 500] [--runs 3]

Prints a table with sizes, median times, forms/s and the ratio to a baseline that draws the
same strings on a bare ReportLab canvas (canvas.drawString, same embedded font, same number of
pages): the ratio is the price of the layout (tables, wrapping, page breaks, page numbers).
Goal (issue 5): under 8 s median for 500 forms on the 2-core machine.
Not a pytest test: timings are not assertions.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from flexdesk.reports.batch import render_many
from flexdesk.reports.evaluation_form import (
    EvaluationFormData,
    Person,
    build_evaluation_pdf,
    build_evaluation_pdfs,
)
from flexdesk.reports.fonts import FONT_REGULAR, register_fonts
from flexdesk.reports.layout import page_size
from flexdesk.reports.samples import sample_evaluation_form


def form_strings(data: EvaluationFormData) -> Iterator[str]:
    """Every piece of text the form prints (the baseline draws these)."""
    head = data.letterhead
    yield from (head.instansi, head.unit, head.address, data.title, data.periode)
    people: list[Person] = [data.pegawai, data.pejabat_penilai]
    for p in people:
        yield from (p.nama, p.nip_display, p.pangkat_golongan, p.jabatan, p.unit_kerja)
    for rhk in [*data.hasil_kerja_utama, *data.hasil_kerja_tambahan]:
        yield from (rhk.rhk_atasan, rhk.rhk, rhk.umpan_balik)
        for ind in rhk.indikator:
            yield from (ind.aspek, ind.indikator, ind.target, ind.realisasi)
    for row in data.perilaku:
        yield row.name
        yield from row.indicators
        yield from (row.ekspektasi_khusus, row.umpan_balik)
    yield from (data.catatan, data.place)


def bare_canvas(forms: list[EvaluationFormData], pages_per_form: int, out_dir: Path) -> None:
    """Baseline: the same strings, drawString line by line, no layout, one file per form."""
    register_fonts()
    for i, data in enumerate(forms):
        size = page_size(data.paper)
        c = Canvas(str(out_dir / f"bare-{i}.pdf"), pagesize=size, initialFontName=FONT_REGULAR)
        strings = [s for s in form_strings(data) if s]
        per_page = -(-len(strings) // pages_per_form)
        for start in range(0, len(strings), per_page):
            c.setFont(FONT_REGULAR, 7.5)
            y = size[1] - 15 * mm
            for s in strings[start : start + per_page]:
                c.drawString(15 * mm, y, s[:160])
                y -= 9
            c.showPage()
        c.save()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run. On a busy machine wall time varies with the
    neighbours' load; CPU seconds divided by the worker count is what an idle machine needs."""
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = cpu_seconds(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu_seconds() - c0)
    return walls, cpus


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    forms = [sample_evaluation_form(i) for i in range(args.forms)]
    register_fonts()
    pages = [build_evaluation_pdf(f, io.BytesIO()) for f in forms[:20]]  # also warms caches
    pages_per_form = round(statistics.mean(pages))

    rows: list[tuple[str, tuple[list[float], list[float]], int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)

        def fresh(name: str) -> Path:
            d = base / name
            d.mkdir(exist_ok=True)
            for f in d.iterdir():
                f.unlink()
            return d

        d = fresh("bare")
        rows.append(
            (
                "bare canvas, 1 process",
                timed(lambda: bare_canvas(forms, pages_per_form, d), args.runs),
                dir_size(d),
            )
        )
        d1 = fresh("serial")
        rows.append(
            (
                "forms, 1 file each, 1 process",
                timed(lambda: render_many(forms, d1, workers=1), args.runs),
                dir_size(d1),
            )
        )
        one = base / "all.pdf"
        rows.append(
            (
                "forms, one PDF, 1 process",
                timed(lambda: build_evaluation_pdfs(forms, one), args.runs),
                one.stat().st_size,
            )
        )
        d2 = fresh("pool")
        label = f"forms, 1 file each, {args.workers} processes"
        rows.append(
            (
                label,
                timed(lambda: render_many(forms, d2, workers=args.workers), args.runs),
                dir_size(d2),
            )
        )

    baseline = statistics.median(rows[0][1][0])
    baseline_cpu = statistics.median(rows[0][1][1])
    load = os.getloadavg()[0]
    print(
        f"{args.forms} evaluation forms, {pages_per_form} pages each (A4), {args.runs} runs, "
        f"{os.cpu_count()} CPUs, load average {load:.1f}, Python {sys.version.split()[0]}"
    )
    head = (
        f"{'variant':<38} {'median s':>9} {'min s':>7} {'forms/s':>8} {'x bare':>7} "
        f"{'cpu s':>7} {'cpu x bare':>10} {'MB':>6}"
    )
    print(head)
    for name, (walls, cpus), size in rows:
        med, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{name:<38} {med:9.2f} {min(walls):7.2f} {args.forms / med:8.1f} "
            f"{med / baseline:7.2f} {cpu:7.2f} {cpu / baseline_cpu:10.2f} {size / 1e6:6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
