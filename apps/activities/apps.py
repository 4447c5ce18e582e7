from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "apps.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from apps.accounts.demo import demo_loaded

        from . import policies  # noqa: F401
        from .demo import load_activity_demo

        demo_loaded.connect(load_activity_demo, dispatch_uid="activities.demo")
