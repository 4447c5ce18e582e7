from __future__ import annotations

from typing import Any

import pytest

from apps.activities.tests.world import ActivityWorld


@pytest.fixture
def activity_world(demo: Any, settings: Any, tmp_path: Any) -> ActivityWorld:
    settings.WORK_FILES_DIR = tmp_path / "work"
    return ActivityWorld(demo)
