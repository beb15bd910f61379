"""The last line of the validation boundary: every value a flush is about to write is checked
against what its column can hold, on every backend alike.

Services check their inputs first (flexdesk.services.validation) so the form can point at the
field; this hook catches whatever still slips through (a service that forgot, an importer, a
demo builder) before the driver sees it. Without it a lone surrogate (which a paste from a
broken document can carry) raised UnicodeEncodeError inside sqlite3 or psycopg, a 100k-character
name was stored in a String(200) column by SQLite and refused mid-flush by PostgreSQL, and
``float("inf")`` reached the audit trail as ``Infinity`` (not JSON) and central.

Refused, with a typed :class:`~flexdesk.errors.ValidationError` naming the attribute:

- NUL anywhere (PostgreSQL cannot store it; SQLite would, so data would depend on the backend);
- lone surrogates U+D800–U+DFFF (not encodable as UTF-8);
- control characters: C0 except tab, line feed and carriage return in ``Text`` columns; in
  ``String(n)`` columns (single-line fields: names, codes, units) line breaks too; DEL and C1;
- text longer than the ``String(n)`` length (in characters, as PostgreSQL counts);
- NaN and ±infinity in float columns and inside JSON values (where, of the text rules, only
  NUL and lone surrogates apply: JSON escapes control characters);
- integers outside the column's range (PostgreSQL ``integer`` is 32 bits, ``bigint`` 64).

Only what a flush changes is checked: a new row's every column, a dirty row's changed ones, so
an old row that predates a rule can still be updated in its other fields.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, Integer, SmallInteger, String, Text, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.state import InstanceState

from flexdesk.errors import ValidationError

# C0 without tab/LF/CR, DEL and C1; NUL and the surrogates are reported by name first
_CONTROL_MULTILINE = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x01-\x08\x0a-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INT_RANGE = {SmallInteger: 2**15, Integer: 2**31, BigInteger: 2**63}
_JSON_DEPTH = 64


def text_problem(value: str, *, multiline: bool) -> tuple[str, str] | None:
    """(Indonesian, English) reason why ``value`` cannot be stored as text, or None.

    Shared with :mod:`flexdesk.services.validation`, so the service's early check and this
    last one never disagree."""
    if "\x00" in value:
        return "berisi karakter NUL (\\0)", "contains a NUL character (\\0)"
    found = _SURROGATE.search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        return (
            f"berisi karakter yang rusak ({code}, sisa tempelan dari dokumen yang rusak)",
            f"contains a broken character ({code}, left over from a damaged document)",
        )
    found = (_CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE).search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        if found.group() in "\n\r":
            return "tidak boleh berisi baris baru", "cannot contain a line break"
        return f"berisi karakter kendali ({code})", f"contains a control character ({code})"
    return None


def number_problem(value: float) -> tuple[str, str] | None:
    """(Indonesian, English) reason why float ``value`` cannot be stored, or None."""
    if math.isnan(value):
        return "bukan angka (NaN)", "is not a number (NaN)"
    if math.isinf(value):
        return "tak hingga", "is infinite"
    return None


def refuse(field: str, reason: tuple[str, str]) -> ValidationError:
    """The ValidationError for ``field`` with a reason from the functions above."""
    return ValidationError(
        f"Isian {field} {reason[0]}; perbaiki lalu simpan lagi.",
        message_en=f"The field {field} {reason[1]}; correct it and save again.",
        field=field,
    )


def _json_problem(value: Any, depth: int = 0) -> tuple[str, str] | None:
    if depth > _JSON_DEPTH:
        return "bersarang terlalu dalam", "is nested too deeply"
    if isinstance(value, str):
        # inside JSON a control character is escaped and stored as sent (central keeps office
        # data as it arrives, including rows typed before these rules); only what JSON or
        # PostgreSQL's json cannot hold is refused
        if "\x00" in value or _SURROGATE.search(value):
            return text_problem(value, multiline=True)
        return None
    if isinstance(value, float):
        return number_problem(value)
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _json_problem(key, depth + 1) or _json_problem(item, depth + 1)
            if problem:
                return problem
    elif isinstance(value, list | tuple):
        for item in value:
            problem = _json_problem(item, depth + 1)
            if problem:
                return problem
    return None


def column_problem(column_type: Any, value: Any) -> tuple[str, str] | None:
    """Why ``value`` cannot go into a column of ``column_type``, or None."""
    if value is None:
        return None
    if isinstance(column_type, JSON):
        return _json_problem(value)
    if isinstance(value, str):
        single_line = isinstance(column_type, String) and not isinstance(column_type, Text)
        problem = text_problem(value, multiline=not single_line)
        limit = column_type.length if single_line else None
        if problem is None and limit is not None and len(value) > limit:
            return (
                f"terlalu panjang ({len(value)} karakter); paling banyak {limit}",
                f"is too long ({len(value)} characters); at most {limit}",
            )
        return problem
    if isinstance(value, float) and isinstance(column_type, Float | Integer):
        return number_problem(value)
    if isinstance(value, int) and not isinstance(value, bool):
        for kind, bound in _INT_RANGE.items():
            if type(column_type) is kind and not (-bound <= value < bound):
                return "di luar rentang angka yang dapat disimpan", "is out of the storable range"
    return None


def _changed_keys(state: InstanceState[Any]) -> list[str]:
    keys = [attr.key for attr in state.mapper.column_attrs]
    if state.key is None:  # pending: every value it carries
        return [k for k in keys if k in state.dict]
    return [k for k in keys if k in state.dict and state.attrs[k].history.has_changes()]


def check_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """before_flush: refuse the first value a column cannot hold (module docstring)."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        mapper = state.mapper
        for key in _changed_keys(state):
            columns = mapper.column_attrs[key].columns
            if not columns or not hasattr(columns[0], "type"):
                continue
            problem = column_problem(columns[0].type, state.dict[key])
            if problem is not None:
                raise refuse(key, problem)
