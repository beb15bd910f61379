"""Formula-injection guard for spreadsheet cells written from user text (CSV/XLSX injection,
OWASP): a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be
run as a formula by Excel or LibreOffice (``=cmd|' /C calc'!A0`` is the classic DDE payload).

Here, below every capability, because every CSV export uses it (the schedule month, the output
recap, the transfer exports); the XLSX side of the guard is in ``services/transfer/xlsx.py``.
"""

from __future__ import annotations

RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def is_risky(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(RISKY_START)


def neutralise_csv(value: object) -> object:
    """A CSV cell of user text made inert: ``'`` before a risky first character."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise_csv` (for importing a file FlexDesk wrote)."""
    if text.startswith("'") and is_risky(text[1:]):
        return text[1:]
    return text
