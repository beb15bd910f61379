"""Reading the JSON of a bundle's metadata files field by field: the patterns identifiers
must match, the integer bounds, and readers that raise BundleError("bad-format") naming the
file and the field (shared by :mod:`~flexdesk.sync.format.model`, receipts and rotation
statements). ``bad_input`` is the writer's counterpart, for data handed to ``write_bundle``."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any, cast

from flexdesk.sync._errors import bundle_error

OFFICE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
ENTITY_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
RECORD_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
EXT_RE = re.compile(r"^[a-z0-9]{1,10}$")
REPORT_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")


def bad_format(what: str, detail: str) -> Exception:
    """BundleError("bad-format"): ``what`` (a file name) is malformed, ``detail`` says how."""
    return bundle_error(
        "bad-format",
        f"Isi {what} tidak sah: {detail}.",
        f"{what} is malformed: {detail}.",
    )


def bad_input(detail_id: str, detail_en: str) -> Exception:
    """BundleError("bad-input"): the caller of the writer gave data a bundle cannot carry."""
    return bundle_error(
        "bad-input",
        f"Data untuk bundel tidak sah: {detail_id}.",
        f"Invalid data for the bundle: {detail_en}.",
    )


#: the largest size or count a metadata field may hold (a 64-bit integer); a bigger one from a
#: hostile or buggy peer is a format error, not an OverflowError when the office records it
MAX_INT = 2**63 - 1
#: the largest sequence, change, revision or audit number: what the INTEGER columns that store
#: them hold on PostgreSQL (4 bytes; SQLite's hold more). Two thousand million bundles or
#: changes is beyond any office; a bigger number is a format error, not a database error.
MAX_SEQ = 2**31 - 1


def read_int(
    obj: Mapping[str, Any], key: str, what: str, *, minimum: int = 0, maximum: int = MAX_INT
) -> int:
    """``obj[key]``, an int (not a bool) in ``minimum..maximum``."""
    value = obj.get(key)
    if type(value) is not int or not minimum <= value <= maximum:
        raise bad_format(
            what, f"{key} harus bilangan bulat {minimum}..{maximum} / must be an int in range"
        )
    return value


def read_seq(obj: Mapping[str, Any], key: str, what: str, *, minimum: int = 0) -> int:
    """A sequence, change, revision or audit number (at most :data:`MAX_SEQ`)."""
    return read_int(obj, key, what, minimum=minimum, maximum=MAX_SEQ)


def read_opt_seq(obj: Mapping[str, Any], key: str, what: str) -> int | None:
    """Like :func:`read_seq`, but a missing key or null is None."""
    if obj.get(key) is None:
        return None
    return read_seq(obj, key, what)


def read_str(obj: Mapping[str, Any], key: str, what: str, pattern: re.Pattern[str] | None) -> str:
    """``obj[key]``, a string matching ``pattern`` (any string if None)."""
    value = obj.get(key)
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise bad_format(what, f"{key}={value!r}")
    return value


def read_object(
    obj: Any, what: str, required: set[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """``obj`` as a JSON object with every ``required`` key and no keys but ``optional``."""
    if not isinstance(obj, dict):
        raise bad_format(what, "bukan objek JSON / not a JSON object")
    keys = set(obj)
    if not required <= keys or not keys <= required | optional:
        raise bad_format(what, f"kunci {sorted(keys ^ (required | (keys & optional)))}")
    return cast(dict[str, Any], obj)


def check_uuid(value: str, what: str) -> str:
    """``value``, if it is a UUID in its canonical lower-case form."""
    try:
        ok = str(uuid.UUID(value)) == value
    except (ValueError, AttributeError, TypeError):
        ok = False
    if not ok:
        raise bad_format(what, f"UUID {value!r}")
    return value
