"""A few work objects for access tests, made through the services: a task of the focal
person's agency with a progress update and an evidence photo, and a task of another
agency. Files go to `files_dir`."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from apps.accounts.demo import SYSTEM
from apps.geo.models import Agency
from apps.work import feeds, services
from apps.work.demo import demo_photo
from apps.work.models import Evidence, Task, TaskStatus


class WorkWorld:
    def __init__(self, demo: Any) -> None:
        self.demo = demo
        police = Agency.objects.get(unit=demo.commune, kind="police")
        self.task: Task = services.create_task(
            demo.commune,
            actor=SYSTEM,
            title="Tuyên truyền phòng, chống bạo lực gia đình",
            lead=demo.agency,
            partners=[police],
            end=dt.date(2026, 12, 15),
        )
        services.post_progress(
            self.task,
            actor=demo.user("focal"),
            status=TaskStatus.IN_PROGRESS,
            percent=50,
            note="Đã tổ chức 2 buổi",
            uploads=[("anh.jpg", io.BytesIO(demo_photo("Buổi tuyên truyền")))],
        )
        self.evidence: Evidence = Evidence.objects.get(update__task=self.task)
        self.feed, self.feed_token = feeds.create_feed(demo.user("focal"), actor=demo.user("focal"))
        self.other_task: Task = services.create_task(
            demo.commune,
            actor=SYSTEM,
            title="Rà soát hương ước, quy ước",
            lead=police,
            end=dt.date(2026, 12, 1),
        )
