from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "apps.geo"
    label = "geo"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from . import policies  # noqa: F401
