"""Names with academic titles, joined the way Indonesian personnel documents print them."""

from __future__ import annotations


def _squash(text: str) -> str:
    return " ".join(text.split())


def full_name(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """Join a name with its academic titles for printing.

    ``("Dr.", "Siti Aminah", "S.Kom., M.Si.")`` → ``"Dr. Siti Aminah, S.Kom., M.Si."``: gelar
    depan before the name with a space, gelar belakang after a comma, several back titles
    separated by ", " (the usual way titles are written on Indonesian personnel documents).
    Whitespace is collapsed, stray commas are dropped and empty parts are skipped.
    """
    front = _squash(gelar_depan).strip(" ,")
    name = _squash(nama).strip(" ,")
    back_parts = [_squash(part) for part in gelar_belakang.split(",")]
    back = ", ".join(part for part in back_parts if part)
    head = " ".join(part for part in (front, name) if part)
    if head and back:
        return f"{head}, {back}"
    return head or back
