"""`manage.py schedule_jobs`: puts the scheduled jobs in the django-tasks queue on their
schedule; the `db_worker` runs them. django-tasks has no periodic jobs of its own
(docs/decisions/supervised-processes.md), so this small loop is the clock. It holds no
state: stopped and started again, it queues each job at once and then every interval, and
every job is safe to run twice (a reminder goes out once, however often the job runs).

`make run` starts it from the Procfile beside the web server and the worker; in
production run it once per installation (systemd unit, container) beside the workers."""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from apps.work.tasks import send_daily_reminders

# (job, seconds between two runs): the day's reminders are looked for every hour, so that
# a deadline set in the morning is reminded of the same day
SCHEDULE: tuple[tuple[Any, int], ...] = ((send_daily_reminders, 3600),)


class Command(BaseCommand):
    help = "Queue the scheduled jobs (reminders) for the db_worker, at start and then on their schedule."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="queue every job once and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        previous: dict[signal.Signals, Any] = {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda *_: stop.set())
        try:
            due = {index: time.monotonic() for index in range(len(SCHEDULE))}
            while not stop.is_set():
                for index, (job, every) in enumerate(SCHEDULE):
                    if time.monotonic() >= due[index]:
                        result = job.enqueue()
                        self.stdout.write(f"{timezone.now():%d/%m/%Y %H:%M} queued {job.name} ({result.id})")
                        due[index] += every
                if options["once"]:
                    return
                stop.wait(max(0.0, min(due.values()) - time.monotonic()))  # a signal ends it at once
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
