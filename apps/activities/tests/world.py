"""An activity of Hà Tây for access tests, recorded through the service."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from apps.activities.models import Activity
from apps.activities.services import record_activity
from apps.work.demo import demo_photo


def counts(men: int, women: int, other: int = 0) -> dict[str, int]:
    total = men + women + other
    return {
        "male": men,
        "female": women,
        "other_sex": other,
        "age_under_16": 0,
        "age_16_30": total // 2,
        "age_31_60": total - total // 2,
        "age_over_60": 0,
    }


class ActivityWorld:
    """Files go to settings.WORK_FILES_DIR: the fixtures point it at a temporary folder."""

    def __init__(self, demo: Any) -> None:
        self.demo = demo
        self.activity: Activity = record_activity(
            demo.commune,
            actor=demo.user("focal"),
            organiser=demo.agency,
            kind="communication",
            title="Truyền thông về bình đẳng giới tại Thôn 1",
            date=dt.date(2026, 11, 20),
            counts=counts(12, 30),
            photos=[("buoi-truyen-thong.jpg", io.BytesIO(demo_photo("Thôn 1")))],
        )
        self.photo = self.activity.photos.get()

    def form_data(self) -> dict[str, Any]:
        return {
            "title": "Nói chuyện chuyên đề",
            "kind": "communication",
            "date": "2026-11-21",
            "organiser": self.demo.agency.pk,
            **counts(5, 10),
        }
