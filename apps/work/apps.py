from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "apps.work"
    label = "work"
    verbose_name = _("Work")

    def ready(self) -> None:
        from apps.accounts.dashboard import add_section
        from apps.accounts.demo import demo_loaded

        from . import home, plan_notices, policies  # noqa: F401
        from .demo import load_work_demo

        demo_loaded.connect(load_work_demo, dispatch_uid="work.demo")
        add_section(home.section)  # first on a focal person's home
