from __future__ import annotations

from typing import Any

import pytest

from apps.activities.tests.world import ActivityWorld


@pytest.fixture
def activity_world(demo: Any) -> ActivityWorld:
    return ActivityWorld(demo)
