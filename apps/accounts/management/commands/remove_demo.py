from typing import Any

from django.core.management.base import BaseCommand

from apps.accounts.demo import remove_demo


class Command(BaseCommand):
    help = "Delete the demo users (published password) before serving for real."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        count = remove_demo()
        self.stdout.write(f"Đã xóa {count} tài khoản mẫu.")
