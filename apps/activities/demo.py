"""Demo activities for Hà Tây: one or two a month through the year so far, with people
reached by sex and age, and the Action Month's events when it is under way. Dates are of
the year the demo is loaded in, never after the day it is loaded."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone

from apps.access.actors import Actor
from apps.activities.models import ActivityKind
from apps.activities.services import record_activity
from apps.geo.models import AdministrativeUnit, Agency, Level
from apps.work.demo import demo_photo

HOME_COMMUNE = "Xã Hà Tây"
WOMEN_UNION = "Hội Liên hiệp Phụ nữ xã Hà Tây"

# (month, day, kind, title, men, women, officials?)
YEAR = (
    (1, 20, ActivityKind.MEETING, "Hội nghị triển khai kế hoạch bình đẳng giới năm", 14, 22, True),
    (3, 7, ActivityKind.CAMPAIGN_EVENT, "Mít tinh kỷ niệm Ngày Quốc tế Phụ nữ 8/3", 35, 120, False),
    (4, 16, ActivityKind.TRAINING, "Tập huấn lồng ghép giới cho cán bộ xã", 12, 18, True),
    (
        5,
        21,
        ActivityKind.COMMUNICATION,
        "Truyền thông phòng, chống bạo lực gia đình tại Thôn 1",
        40,
        55,
        False,
    ),
    (
        6,
        12,
        ActivityKind.COMMUNICATION,
        "Tháng hành động phòng, chống bạo lực gia đình: nói chuyện chuyên đề",
        30,
        48,
        False,
    ),
    (6, 27, ActivityKind.CAMPAIGN_EVENT, "Hưởng ứng Ngày Gia đình Việt Nam 28/6", 60, 75, False),
    (8, 14, ActivityKind.HOME_VISIT, "Thăm hỏi, tư vấn các gia đình có nguy cơ bạo lực", 6, 9, False),
    (9, 18, ActivityKind.COUNSELLING, "Tư vấn pháp luật về bình đẳng giới cho phụ nữ", 3, 27, False),
    (10, 19, ActivityKind.CAMPAIGN_EVENT, "Kỷ niệm Ngày Phụ nữ Việt Nam 20/10", 25, 140, False),
    (11, 15, ActivityKind.CAMPAIGN_EVENT, "Lễ phát động Tháng hành động vì bình đẳng giới", 85, 130, False),
    (
        11,
        20,
        ActivityKind.COMMUNICATION,
        "Truyền thông lưu động về phòng ngừa bạo lực trên cơ sở giới",
        45,
        70,
        False,
    ),
    (
        11,
        25,
        ActivityKind.CAMPAIGN_EVENT,
        "Hưởng ứng Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ",
        50,
        95,
        False,
    ),
    (12, 5, ActivityKind.COMMUNICATION, "Sân khấu hóa tuyên truyền bình đẳng giới tại Thôn 3", 70, 90, False),
)


def _ages(total: int, kind: str) -> dict[str, int]:
    """A plausible split by age that adds up to the total."""
    if kind == ActivityKind.TRAINING or kind == ActivityKind.MEETING:
        under, young, over = 0, total // 3, 0
    else:
        under, young, over = total // 10, total // 4, total // 8
    return {
        "age_under_16": under,
        "age_16_30": young,
        "age_31_60": total - under - young - over,
        "age_over_60": over,
    }


def load_activity_demo(actor: Actor, users: dict[str, Any], **kwargs: Any) -> None:
    commune = AdministrativeUnit.objects.get(name=HOME_COMMUNE, parent__name="Thành phố Hải Phòng")
    today = timezone.localdate()
    union = Agency.objects.get(unit=commune, name=WOMEN_UNION)
    culture = Agency.objects.filter(unit=commune, kind="department").order_by("name_key").first() or union
    villages = list(AdministrativeUnit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("code"))
    for index, (month, day, kind, title, men, women, officials) in enumerate(YEAR):
        date = dt.date(today.year, month, day)
        if date > today:
            continue
        by_union = kind in (ActivityKind.COMMUNICATION, ActivityKind.HOME_VISIT, ActivityKind.COUNSELLING)
        total = men + women
        record_activity(
            commune,
            actor=users["daumoi"] if by_union else users["congchuc"],
            organiser=union if by_union else culture,
            kind=kind,
            title=title,
            date=date,
            counts={"male": men, "female": women, "other_sex": 0, **_ages(total, kind)},
            village=villages[index % len(villages)] if villages and not officials else None,
            officials=officials,
            # the campaign events have a photo, drawn by the loader
            photos=[("anh-su-kien.jpg", io.BytesIO(demo_photo(title[:60], (180, 60, 100))))]
            if kind == ActivityKind.CAMPAIGN_EVENT
            else [],
        )
