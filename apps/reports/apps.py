from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Consolidated reports and dashboards")

    def ready(self) -> None:
        from apps.accounts.demo import demo_loaded

        from . import policies  # noqa: F401
        from .demo import load_reports_demo

        # after the indicators' demo (INSTALLED_APPS order): the reports draw on its figures
        demo_loaded.connect(load_reports_demo, dispatch_uid="reports.demo")
