from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.accounts.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
from apps.accounts.models import User


class Command(BaseCommand):
    help = "Create demo users for xã Hà Tây (Hải Phòng); demo mode (BINHDANG_DEMO=1) only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when users already exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.exists():
            if options["if_empty"]:
                self._print_logins()
                return
            raise CommandError("Cơ sở dữ liệu đã có người dùng; không tạo dữ liệu mẫu.")
        try:
            load_demo()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self._print_logins()

    def _print_logins(self) -> None:
        if not User.objects.filter(is_demo=True).exists():
            return
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<10} {demo.title} — {demo.unit}")
