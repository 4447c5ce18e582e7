from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "apps.indicators"
    label = "indicators"
    verbose_name = _("Indicators and reports")

    def ready(self) -> None:
        from apps.accounts.dashboard import add_section
        from apps.accounts.demo import demo_loaded
        from apps.work import agenda, links, reminders

        from . import policies  # noqa: F401
        from .demo import load_indicator_demo
        from .models import Submission
        from .reporting.deadlines import calendar_entries, report_deadlines
        from .reporting.home import section

        demo_loaded.connect(load_indicator_demo, dispatch_uid="indicators.demo")
        reminders.register(report_deadlines)
        agenda.register(calendar_entries)
        add_section(section)
        # a report reminder of the officer's role links here; another role of hers is refused
        links.register_page("indicators:reports", Submission)
        links.register_page("indicators:submission", Submission)
