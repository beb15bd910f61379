"""The services' half of the validation boundary: what a form, an import or the CLI hands a
service is parsed here into its domain type, or refused with a typed
:class:`~flexdesk.errors.ValidationError` naming the form field (Indonesian and English).

Before these helpers, a value outside an enum (``work_mode="Z"``, a rating not in the list)
escaped as a bare ValueError, a lone surrogate as UnicodeEncodeError from the driver, and
``realisasi=inf`` was accepted. The flush check (:mod:`flexdesk.db.text_check`) still guards
every column; these run first so the message names the field the user typed in, and they use
the same character rules so the two never disagree.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import TypeVar

from flexdesk.db.text_check import text_problem
from flexdesk.errors import ValidationError

E = TypeVar("E", bound=Enum)


def _label(field: str, label: tuple[str, str] | None) -> tuple[str, str]:
    return label if label is not None else (f"Isian {field}", f"The field {field}")


def clean_text(
    value: object,
    field: str,
    max_len: int | None = None,
    multiline: bool = False,
    *,
    label: tuple[str, str] | None = None,
) -> str:
    """``value`` stripped of surrounding whitespace, once it is text a column can hold.

    Refused: anything but ``str``; NUL, lone surrogates, control characters (line breaks too
    unless ``multiline``); more than ``max_len`` characters after stripping. ``label`` is the
    field's (Indonesian, English) name for the message, e.g. ``("Nama", "The name")``.
    """
    name_id, name_en = _label(field, label)
    if not isinstance(value, str):
        raise ValidationError(
            f"{name_id} harus berupa teks.", message_en=f"{name_en} must be text.", field=field
        )
    problem = text_problem(value, multiline=multiline)
    if problem is not None:
        raise ValidationError(
            f"{name_id} {problem[0]}; ketik ulang isian itu.",
            message_en=f"{name_en} {problem[1]}; type it again.",
            field=field,
        )
    text = value.strip()
    if max_len is not None and len(text) > max_len:
        raise ValidationError(
            f"{name_id} terlalu panjang ({len(text)} karakter); paling banyak {max_len}.",
            message_en=f"{name_en} is too long ({len(text)} characters); at most {max_len}.",
            field=field,
        )
    return text


def one_line(
    value: object, field: str, max_len: int | None = None, *, label: tuple[str, str] | None = None
) -> str:
    """A single-line field with its inner whitespace collapsed ("  Budi   Santoso " ->
    "Budi Santoso"), checked like :func:`clean_text`."""
    if isinstance(value, str):
        # check before collapsing: str.split() would silently drop some control characters
        clean_text(value, field, None, multiline=True, label=label)
        value = " ".join(value.split())
    return clean_text(value, field, max_len, multiline=False, label=label)


def parse_enum(
    enum_type: type[E], value: object, field: str, *, label: tuple[str, str] | None = None
) -> E:
    """``value`` as a member of ``enum_type`` (a member, or its value); a ValidationError
    listing the allowed values otherwise."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        pass
    allowed = ", ".join(str(m.value) for m in enum_type)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    name_id, name_en = _label(field, label)
    raise ValidationError(
        f"{name_id}: nilai {shown} tidak dikenal. Pilihan: {allowed}.",
        message_en=f"{name_en}: unknown value {shown}. Allowed: {allowed}.",
        field=field,
    )


def finite_number(
    value: object,
    field: str,
    min: float | None = None,
    max: float | None = None,
    *,
    label: tuple[str, str] | None = None,
) -> float:
    """``value`` as a finite float within [``min``, ``max``]; refused: NaN, ±infinity, a
    value outside the range, anything that is not an int or float (bool included)."""
    name_id, name_en = _label(field, label)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(
            f"{name_id} harus berupa angka.", message_en=f"{name_en} must be a number.", field=field
        )
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        number = math.inf
    if not math.isfinite(number):
        raise ValidationError(
            f"{name_id} harus berupa angka yang terhingga.",
            message_en=f"{name_en} must be a finite number.",
            field=field,
        )
    if (min is not None and number < min) or (max is not None and number > max):
        low = "" if min is None else f"{min:g}"
        high = "" if max is None else f"{max:g}"
        raise ValidationError(
            f"{name_id} di luar rentang yang diizinkan ({low} – {high}).",
            message_en=f"{name_en} is out of the allowed range ({low} – {high}).",
            field=field,
        )
    return number


__all__ = ["clean_text", "finite_number", "one_line", "parse_enum"]
