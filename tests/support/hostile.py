"""Hostile values for the services' validation boundary (issue 18, item 1): what a paste from a
broken document, a crafted import or a script calling a service can hand in.

``HOSTILE_TEXTS`` / ``HOSTILE_NUMBERS`` / ``OUT_OF_ENUM`` are the fixed cases (each one is also
tried on its own by tests/unit/services/test_hostile_input_cases.py); the strategies mix them
with generated text so a property test also meets combinations nobody listed.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from typing import Final, TypeVar

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base, ChangeCounter
from flexdesk.db.engine import Database
from flexdesk.db.models_audit import AuditEntry
from flexdesk.db.text_check import text_problem
from flexdesk.errors import FlexDeskError

T = TypeVar("T")

#: text values that have broken or could break a service, a column or a driver
HOSTILE_TEXTS: Final[tuple[str, ...]] = (
    "x \ud800 y",  # lone high surrogate (UnicodeEncodeError in sqlite3 and psycopg)
    "\udfff",  # lone low surrogate
    "Budi \udcff Santoso",  # a surrogate-escaped byte from a non-UTF-8 file name
    "a\x00b",  # NUL: PostgreSQL cannot store it
    "\x00",
    "bel\x07",
    "esc \x1b[31mmerah\x1b[0m",  # terminal escape
    "backspace\x08",
    "form\x0cfeed",
    "vertical\x0btab",
    "del\x7f",
    "c1 \x85 next line",
    "c1 \x9b csi",
    "baris\nbaru",  # a line break (single-line fields refuse it)
    "baris\r\nbaru",
    "carriage\rreturn",
    "tab\tdi tengah",
    "\u202eRTL override",  # right-to-left override: valid text, stored as given
    "\u200f\u200eRLM LRM marks",
    "nol\u200blebar\u200c\u200d",  # zero-width space/non-joiner/joiner
    "\ufeffBOM di depan",
    "\u2028line separator",
    "\uffff\ufffe noncharacters",
    "emoji 👩‍💼🇮🇩",
    "A\u0308 combining",
    "محمد عبد الله",  # Arabic script
    "   ",
    "",
    "x" * 201,  # one past a String(200)
    "x" * 100_000,  # 100k characters (stored in String(200) before)
    "é" * 4001,  # one past the evaluation texts' 4000
    "'; DROP TABLE employees; --",
    '=HYPERLINK("http://x")',  # a spreadsheet formula
    "%_\\ like wildcards",
)

#: numbers that have broken or could break a float/int column
HOSTILE_NUMBERS: Final[tuple[object, ...]] = (
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    1e308,
    -1e308,
    5e-324,
    2**31,
    2**63,
    2**64,
    -(2**70),
    10**400,  # too large even for a float
    True,  # a bool is an int in Python, never a quantity
    "12",  # text where a number belongs
    None,
)

#: values outside the enums (work mode, rating, organisation result, aspect, RHK kind...)
OUT_OF_ENUM: Final[tuple[object, ...]] = (
    "Z",
    "",
    " ",
    "o",  # a valid letter in the wrong case
    "sangat baik",
    "SANGAT_BAIK",
    "\ud800",
    "a\x00",
    0,
    -1,
    1.5,
    math.nan,
    None,
    ["O"],
    {"value": "O"},
)

_BAD_CHARS = st.one_of(
    st.characters(categories=["Cs"]),  # lone surrogates
    st.characters(categories=["Cc"]),  # C0, DEL, C1 (NUL included)
    st.sampled_from(["\u202e", "\u200b", "\ufeff", "\u2028", "\n", "\r", "\t"]),
)


@st.composite
def _spliced(draw: st.DrawFn) -> str:
    """An ordinary name or sentence with one to three hostile characters put inside it."""
    text = draw(st.sampled_from(["Budi Santoso", "Laporan layanan", "Kecamatan Cigugur", "x"]))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_BAD_CHARS) + text[at:]
    return text


def hostile_text() -> st.SearchStrategy[str]:
    """Text a hostile caller might hand a service: the fixed cases, ordinary text with bad
    characters spliced in, long runs, and arbitrary code points (surrogates included)."""
    return st.one_of(
        st.sampled_from(HOSTILE_TEXTS),
        _spliced(),
        st.text(st.characters(exclude_categories=()) | _BAD_CHARS, max_size=40),
        st.integers(150, 5000).map(lambda n: "panjang " * (n // 8)),
    )


def hostile_number() -> st.SearchStrategy[object]:
    """Numbers (and non-numbers) where a service expects a quantity or a realisation."""
    return st.one_of(
        st.sampled_from(HOSTILE_NUMBERS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(2**80), 2**80),
    )


def hostile_enum_value(valid: tuple[object, ...] = ()) -> st.SearchStrategy[object]:
    """Values outside an enum, plus the ``valid`` ones so both outcomes are exercised."""
    hostile = st.one_of(st.sampled_from(OUT_OF_ENUM), st.text(max_size=12))
    return st.one_of(st.sampled_from(valid), hostile) if valid else hostile


def storable(text: str, *, multiline: bool) -> bool:
    """Whether ``text`` may be stored at all (the flush check's character rule)."""
    return text_problem(text, multiline=multiline) is None


def fixed_case_count() -> int:
    """How many fixed hostile values the explicit tests try."""
    return len(HOSTILE_TEXTS) + len(HOSTILE_NUMBERS) + len(OUT_OF_ENUM)


# -- the invariant ------------------------------------------------------------------------------

REFUSED: Final = object()  #: what :func:`attempt` returns when the service refused


def db_snapshot(db: Database) -> tuple[object, ...]:
    """Row counts of every table, the newest audit sequence and the change counter: a refused
    call must leave all of them as they were (SQLite and PostgreSQL alike)."""
    with db.engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        counts = tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
            if t.name in present
        )
        audit = conn.execute(select(func.max(AuditEntry.seq))).scalar()
        counter = conn.execute(select(ChangeCounter.value)).scalar()
    return (*counts, audit, counter)


def attempt(db: Database, call: Callable[[Session], T]) -> T | object:
    """Run ``call`` in a unit of work. A typed FlexDesk error (and only that: any other
    exception propagates and fails the test) returns :data:`REFUSED`, after checking that
    nothing was written."""
    before = db_snapshot(db)
    try:
        with db.session() as session:
            result = call(session)
    except FlexDeskError as exc:
        _note(f"refused ({type(exc).__name__}, field {exc.field})")
        assert exc.message and exc.message_en, "a typed error without its words"
        after = db_snapshot(db)
        assert after == before, f"refused ({exc.message_en}) but something was written"
        return REFUSED
    _note("stored")
    return result


def _note(what: str) -> None:
    """Count outcomes for ``--hypothesis-show-statistics`` (inside a property test only)."""
    if currently_in_test_context():
        event(what.split(":", maxsplit=1)[0])


# -- the property tests' shared settings and checks ---------------------------------------------

#: examples per property; FLEXDESK_HOSTILE_EXAMPLES=500 for a deeper run by hand
EXAMPLES: Final = int(os.environ.get("FLEXDESK_HOSTILE_EXAMPLES", "20"))
HOSTILE: Final = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: hostile values handed to a service by the property tests of this run, per module
TRIED: dict[str, int] = {}


def tried(module: str, n: int = 1) -> None:
    """Count ``n`` hostile values handed to a service by a test of ``module``."""
    TRIED[module] = TRIED.get(module, 0) + n


@pytest.fixture(scope="module", autouse=True)
def report_tried(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how many hostile values the module's property tests tried (a figure the issue's
    closing note reports)."""
    yield
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        name = request.module.__name__
        with capture.global_and_fixture_disabled():  # teardown output is captured otherwise
            reporter.write_line(f"\nhostile inputs tried by {name}: {TRIED.get(name, 0)}")


def line(value: str) -> str:
    """A single-line field as the services normalise it (inner whitespace collapsed)."""
    return " ".join(value.split())


def check_stored(got: object, expected: str, raw: str, *, multiline: bool = True) -> None:
    """A success: stored exactly as normalised, and only text that may be stored at all."""
    assert got == expected, (got, expected)
    assert storable(raw, multiline=multiline), f"{raw!r} was accepted"
