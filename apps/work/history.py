"""A task's history as its page shows it: who added it and who changed its agencies or
dates, newest first, read from the audit log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _lazy

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.work.models import Task

HISTORY_EVENTS = (Event.TASK_CREATED, Event.TASK_ASSIGNED)
HISTORY_FIELDS = {
    "lead": _lazy("Lead agency"),
    "partners": _lazy("Partner agencies"),
    "start": _lazy("Start"),
    "end": _lazy("Deadline"),
}


def task_history(task: Task) -> list[dict[str, Any]]:
    """For a task the caller has already read through `for_user`."""
    records = AuditLog.objects.filter(
        object_type="work.task", object_id=str(task.pk), event__in=HISTORY_EVENTS
    ).order_by("-created_at", "-pk")
    return [
        {
            "at": r.created_at,
            "who": r.actor_name,
            "label": r.get_event_display(),
            "changes": [
                (HISTORY_FIELDS[key], value[0] or "—", value[1] or "—")
                for key, value in r.changes.items()
                if r.event == Event.TASK_ASSIGNED and key in HISTORY_FIELDS and isinstance(value, list)
            ],
        }
        for r in records
    ]
