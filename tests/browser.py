"""Chromium in the tests: skipped where it is missing, except in CI, where that fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bijgespijkerd.quality import browser
from bijgespijkerd.quality.browser import CHROMIUM_FLAGS, PageLog, open_page

__all__ = ["CHROMIUM_FLAGS", "PageLog", "artifact", "chromium_path", "open_page"]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def artifact(name: str) -> Path:
    """Where a test keeps a screenshot or PDF for people to look at (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def chromium_path() -> str:
    """Debian's Chromium, or CHROMIUM_PATH. In CI a missing browser is a failure, not a skip."""
    try:
        return browser.chromium_path()
    except browser.ChromiumMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(str(missing))
        pytest.skip(str(missing))
