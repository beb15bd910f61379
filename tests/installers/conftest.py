"""Installer tests build the frozen app and its packages (minutes): on demand only.

FLEXDESK_RUN_INSTALLER_TESTS=1 python -m pytest tests/installers      # Linux: bundle and .deb
FLEXDESK_RUN_WINDOWS_TESTS=1 python -m pytest tests/installers        # Windows build (Wine)
"""

from __future__ import annotations

import os

import pytest

RUN_ENV = "FLEXDESK_RUN_INSTALLER_TESTS"
WINDOWS_ENV = "FLEXDESK_RUN_WINDOWS_TESTS"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    linux = os.environ.get(RUN_ENV) == "1"
    windows = os.environ.get(WINDOWS_ENV) == "1"
    skip_linux = pytest.mark.skip(reason=f"builds the installers: set {RUN_ENV}=1 to run")
    skip_windows = pytest.mark.skip(
        reason=f"builds the Windows program under Wine: set {WINDOWS_ENV}=1 to run"
    )
    for item in items:
        if "windows_build" in item.keywords:
            if not windows:
                item.add_marker(skip_windows)
        elif "installer" in item.keywords and not linux:
            item.add_marker(skip_linux)
