from typing import Any

from django.core.management.base import BaseCommand

from apps.geo.loader import load_units
from apps.geo.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Load or refresh provinces and communes from the vietnam-provinces package."

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = load_units(AdministrativeUnit)
        self.stdout.write(f"created {created}, updated {updated}")
