from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def files(settings: Any, tmp_path: Path) -> Path:
    """Evidence, photos and exported reports go to a temporary folder."""
    settings.WORK_FILES_DIR = tmp_path / "work"
    settings.REPORT_FILES_DIR = tmp_path / "reports"
    return tmp_path / "reports"


@pytest.fixture
def world(demo_plans: Any, files: Path) -> Any:
    """Hải Phòng's plans issued, Hà Tây's 2026S1 report opened (pre-filled from an activity)."""
    from apps.indicators.tests.world import ReportWorld

    return ReportWorld(demo_plans)
