"""`manage.py send_reminders [--date YYYY-MM-DD]`: the day's reminders, for cron (or
`--enqueue` to hand them to the django-tasks worker). Running it twice sends nothing twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.work.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the reminders due today (each reminder goes out exactly once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="as if today were this day"
        )
        parser.add_argument("--enqueue", action="store_true", help="queue the job for the db_worker instead")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from apps.work.tasks import send_daily_reminders

            result = send_daily_reminders.enqueue()
            self.stdout.write(f"queued {result.id}")
            return
        made = send_reminders(options["date"])
        self.stdout.write(f"{len(made)} reminder(s) sent")
