"""Demo work for Hà Tây: the tasks of its issued 2026 plan with progress of every status,
a few tasks added by hand (some overdue, some due within two weeks), and evidence photos
drawn by the loader. Dates are relative to the day the demo is loaded."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from PIL import Image, ImageDraw

from apps.access.actors import Actor
from apps.geo.models import AdministrativeUnit, Agency
from apps.work.models import Recurrence, Task, TaskStatus
from apps.work.reminders import send_reminders
from apps.work.services import assign_task, create_task, post_progress
from apps.work.sync import sync_plan_tasks
from core.text import fold

HOME_COMMUNE = "Xã Hà Tây"
WOMEN_UNION = "Hội Liên hiệp Phụ nữ xã Hà Tây"


def demo_photo(caption: str, colour: tuple[int, int, int] = (46, 125, 110)) -> bytes:
    """A small JPEG with a caption, standing in for a photo taken at an event."""
    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 460, 920, 600), fill=(255, 255, 255))
    draw.text((60, 500), caption, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


# (title, days from today to the deadline, status, percent, note); the focal person's
# agency leads them
AD_HOC = (
    (
        "Tổ chức nói chuyện chuyên đề về phòng, chống bạo lực gia đình tại Thôn 2",
        -12,
        TaskStatus.IN_PROGRESS,
        40,
    ),
    ("Rà soát danh sách phụ nữ khó khăn cần hỗ trợ vay vốn", -3, TaskStatus.NOT_STARTED, 0),
    ("Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động tại các thôn", 5, TaskStatus.IN_PROGRESS, 60),
    ("Tổng hợp số liệu người tham gia các hoạt động Tháng hành động", 12, TaskStatus.NOT_STARTED, 0),
    ("Tập huấn kỹ năng tuyên truyền cho chi hội trưởng phụ nữ", -40, TaskStatus.DONE, 100),
    ("Khảo sát nhu cầu học nghề của phụ nữ (đã gộp vào kế hoạch của xã)", 30, TaskStatus.CANCELLED, 0),
)


def load_work_demo(actor: Actor, users: dict[str, Any], **kwargs: Any) -> None:
    commune = AdministrativeUnit.objects.get(name=HOME_COMMUNE, parent__name="Thành phố Hải Phòng")
    today = timezone.localdate()
    sync_plan_tasks(commune)
    officer, focal = users["congchuc"], users["daumoi"]
    union = Agency.objects.get(unit=commune, name=WOMEN_UNION)
    police = Agency.objects.filter(unit=commune, kind="police").first()

    for title, days, status, percent in AD_HOC:
        task = create_task(
            commune,
            actor=actor,
            title=title,
            lead=union,
            partners=[police] if police else [],
            start=today - dt.timedelta(days=60),
            end=today + dt.timedelta(days=days),
            recurrence=Recurrence.ONCE,
        )
        if status == TaskStatus.CANCELLED:
            post_progress(task, actor=officer, status=status, percent=0, note="Không thực hiện riêng.")
        elif status != TaskStatus.NOT_STARTED:
            post_progress(
                task,
                actor=focal,
                status=status,
                percent=percent,
                note="Đã phối hợp với các chi hội triển khai.",
                uploads=[("anh-hoat-dong.jpg", io.BytesIO(demo_photo(title[:60])))],
            )

    # the plan's tasks that name no agency: the officer assigns them on their task pages,
    # the standing office (Phòng Văn hóa - Xã hội) and the Women's Union for women in
    # leadership and the economy
    standing = Agency.objects.get(unit=commune, name="Phòng Văn hóa - Xã hội")
    for task in Task.objects.filter(unit=commune, plan__isnull=False, lead__isnull=True).order_by("ref"):
        lead = union if "phu nu" in fold(task.title) else standing
        assign_task(
            task, actor=officer, lead=lead, partners=task.partners.all(), start=task.start, end=task.end
        )

    # the plan's tasks: a mix of every status, each reported by who would report it
    plan_tasks = list(Task.objects.filter(unit=commune, plan__isnull=False).order_by("ref"))
    progress = (
        (TaskStatus.DONE, 100, "Đã hoàn thành, có báo cáo kết quả gửi UBND xã."),
        (TaskStatus.IN_PROGRESS, 70, "Đang triển khai tại các thôn."),
        (TaskStatus.IN_PROGRESS, 30, "Đã xây dựng kế hoạch chi tiết."),
    )
    for index, task in enumerate(plan_tasks):
        if index >= len(progress):
            break
        status, percent, note = progress[index]
        who = focal if task.involves(union.pk) else officer
        post_progress(
            task,
            actor=who,
            status=status,
            percent=percent,
            note=note,
            uploads=[("anh-minh-chung.jpg", io.BytesIO(demo_photo(task.title[:60], (120, 70, 140))))]
            if status == TaskStatus.DONE
            else [],
        )

    # today's reminders: the bell of the focal person and the officer shows them
    send_reminders(today)
