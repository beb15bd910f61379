"""Colours and small text helpers every page shares (one definition instead of copies)."""

from __future__ import annotations

#: Material's error red: inline error messages and refused values
ERROR_COLOUR = "#b3261e"
#: a done-and-fine message (saved, exported)
INFO_COLOUR = "#1f5f3a"
