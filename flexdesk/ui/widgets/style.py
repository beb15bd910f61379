"""Colours and small text helpers every page shares (one definition instead of copies)."""

from __future__ import annotations

#: Material's error red: inline error messages and refused values
ERROR_COLOUR = "#b3261e"
