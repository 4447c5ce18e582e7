from __future__ import annotations

from typing import Any

import pytest

from apps.work.tests.world import WorkWorld


@pytest.fixture
def work_world(demo: Any, settings: Any, tmp_path: Any) -> WorkWorld:
    settings.WORK_FILES_DIR = tmp_path / "work"
    return WorkWorld(demo)
