"""The commune told in its bell (and by e-mail) when the province returns or approves its
report: the people who enter and send it. Through the work app's `notify`, like the
report reminders (`deadlines.py`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.accounts.models import Membership
from apps.indicators.models import Submission
from apps.indicators.reporting.periods import Period
from apps.work.reminders import notify

TOLD = (Role.COMMUNE_OFFICER, Role.LEADER, Role.FOCAL_PERSON)


def tell_commune(submission: Submission, action: str, comment: str = "") -> None:
    """Called inside the transaction of the return or approval (`action`)."""
    users = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            unit=submission.unit, role__in=TOLD, is_active=True, user__is_active=True
        ).select_related("user")
    }
    report = _("%(form)s, %(period)s") % {
        "form": submission.form.name,
        "period": Period.parse(submission.period).label,
    }
    if action == "returned":
        message = _("Returned by the province for correction: %(report)s. %(comment)s") % {
            "report": report,
            "comment": comment,
        }
    else:
        message = _("Approved by the province: %(report)s.") % {"report": report}
    notify(
        users.values(),
        subject=f"report:{submission.form.code}:{submission.period}:{submission.unit.code}:{action}:{submission.revision}",
        url=reverse("indicators:submission", args=[submission.pk]),
        message=message,
    )
