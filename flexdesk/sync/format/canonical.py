"""Canonical JSON: the one byte form FlexDesk signs, hashes and compares.

Rules (also in docs/bundle-format.md):

- UTF-8, no byte order mark; non-ASCII characters written as themselves (no ``\\u`` escapes
  except for control characters, which JSON requires escaped).
- Object keys sorted by Unicode code point; no duplicate keys; no insignificant whitespace
  (separators ``,`` and ``:``).
- Integers only as plain decimal; floats are allowed in record ``data`` but discouraged (write
  amounts as strings); NaN and infinities are refused.
- Envelope, header and receipt files end with one ``\\n``; ``changes.ndjson`` is one canonical
  object per line, each line ending with ``\\n``.

Readers refuse duplicate keys and non-canonical bytes in signed metadata, so that two
different byte strings can never mean the same signed statement, and text that is not Unicode
(a lone surrogate escape such as ``"\\ud800"`` parses in Python but has no UTF-8 form).

This is the one recipe: the audit trail (:mod:`flexdesk.db.audit`, stored ``before``/``after``
text) and its hash chain (:mod:`flexdesk.sync.auditchain`) call :func:`canonical_text` /
:func:`canonical_json` here rather than their own ``json.dumps``. For every value the old copies
accepted the bytes are the same (tests/unit/sync/test_canonical.py); NaN and infinities, which
the audit copy still wrote as ``NaN``/``Infinity``, are refused (ValueError) everywhere.
"""

from __future__ import annotations

import json
from typing import Any

from flexdesk.sync._errors import bundle_error


def canonical_text(value: Any) -> str:
    """``value`` as canonical JSON text (the form the audit trail stores in a text column).

    Raises ValueError for NaN or an infinity, TypeError for a value JSON cannot hold."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def canonical_json(value: Any) -> bytes:
    """Serialise ``value`` canonically (no trailing newline).

    Raises ValueError for NaN or an infinity and UnicodeEncodeError (a ValueError) for text
    holding a lone surrogate, which has no UTF-8 form."""
    return canonical_text(value).encode("utf-8")


def canonical_json_line(value: Any) -> bytes:
    """Canonical JSON followed by one newline (the form files are written in)."""
    return canonical_json(value) + b"\n"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def loads_strict(data: bytes, *, what: str, require_canonical: bool = True) -> Any:
    """Parse JSON bytes, refusing duplicate keys, NaN and (optionally) non-canonical form.

    ``what`` names the file in the error message. Raises BundleError("bad-format"), also for
    a ``\\udXXX`` escape that leaves a lone surrogate (valid JSON syntax, but no Unicode
    text: it could not be written back, stored or hashed; before this check it escaped as
    UnicodeEncodeError past every caller that catches BundleError).
    """
    try:
        text = data.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
        again = canonical_json_line(value)  # UnicodeEncodeError for a lone surrogate
    except UnicodeEncodeError as exc:
        raise bundle_error(
            "bad-format",
            f"Berkas {what} memuat teks yang bukan Unicode (surrogate tunggal): {exc.reason}",
            f"{what} holds text that is not Unicode (a lone surrogate): {exc.reason}",
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise bundle_error(
            "bad-format",
            f"Berkas {what} bukan JSON yang sah: {exc}",
            f"{what} is not valid JSON: {exc}",
        ) from exc
    if require_canonical and again != data:
        raise bundle_error(
            "bad-format",
            f"Berkas {what} tidak dalam bentuk JSON kanonik.",
            f"{what} is not in canonical JSON form.",
        )
    return value
