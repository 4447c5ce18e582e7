"""Background jobs of the plans app (django-tasks, database backend: `manage.py db_worker`)."""

from django_tasks import task

from apps.plans.imports import run_import


@task()
def parse_upload(import_id: int) -> None:
    """Takes an id, not an object; safe to run twice (only one run claims the import)."""
    run_import(import_id)
