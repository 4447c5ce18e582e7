"""Background jobs of the work app (django-tasks, database backend: `manage.py db_worker`)."""

from django_tasks import task

from apps.work.reminders import send_reminders


@task()
def send_daily_reminders() -> int:
    """The day's reminders; safe to run twice or in two workers (each goes out once)."""
    return len(send_reminders())
