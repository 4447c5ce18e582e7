"""SQLite for several people at once: write-ahead logging, so readers never wait for a
writer, and (with transaction_mode IMMEDIATE and the busy timeout in settings) writers
queue for the lock instead of failing with "database is locked"."""

from typing import Any

from django.db.backends.signals import connection_created


def _pragmas(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")


def connect() -> None:
    connection_created.connect(_pragmas, dispatch_uid="binhdang.sqlite.pragmas")
