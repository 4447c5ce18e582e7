from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "apps.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from apps.access.roles import Role
        from apps.accounts.dashboard import add_section
        from apps.accounts.demo import demo_loaded

        from . import policies  # noqa: F401
        from .demo import load_plan_demo
        from .home import pending_plans_section

        demo_loaded.connect(load_plan_demo, dispatch_uid="plans.demo")
        add_section(pending_plans_section, first_for={Role.LEADER: 0})  # a leader's home starts with it
