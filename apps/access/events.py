"""The closed list of audit events (Zulip's RealmAuditLog event types). A new kind of
change adds a member here, with its label; the log never stores free-form codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    LOGIN = "auth.login", _("Logged in")
    LOGIN_FAILED = "auth.login_failed", _("Failed log-in")
    LOCKED_OUT = "auth.locked_out", _("Log-in locked")
    LOGOUT = "auth.logout", _("Logged out")
    PASSWORD_CHANGED = "auth.password_changed", _("Changed password")
    MEMBERSHIP_CREATED = "membership.created", _("Added to a unit")
    MEMBERSHIP_SWITCHED = "membership.switched", _("Switched unit or role")
    AGENCY_CREATED = "agency.created", _("Added an agency")
    AGENCY_DEFAULTS_CREATED = "agency.defaults_created", _("Created the standard agencies")
    AGENCY_UPDATED = "agency.updated", _("Edited an agency")
    AGENCY_DEACTIVATED = "agency.deactivated", _("Stopped using an agency")
    AGENCY_RESTORED = "agency.restored", _("Restored an agency")
    VILLAGE_CREATED = "village.created", _("Added a village")
    PLAN_CREATED = "plan.created", _("Created a plan")
    PLAN_IMPORTED = "plan.imported", _("Imported a plan from a file")
    PLAN_UPDATED = "plan.updated", _("Edited a plan")
    PLAN_RESTORED = "plan.restored", _("Restored an earlier version of a plan")
    PLAN_ISSUED = "plan.issued", _("Issued a plan")
    PLAN_CORRECTED = "plan.corrected", _("Corrected an issued plan")
    PLAN_DERIVED = "plan.derived", _("Created a plan from the province plan")
    PLAN_FILE_UPLOADED = "plan.file_uploaded", _("Uploaded a plan file")
    PLAN_SENT = "plan.sent", _("Sent a plan to the leader to be issued")
    PLAN_RETURNED = "plan.returned", _("Returned a plan to the officer with a comment")
    PLAN_RECEIVED = "plan.received", _("Kept a plan of another body as received")
    AGENCY_MAPPING_UPDATED = "plan.mapping_updated", _("Changed the agency mapping")
    TASK_CREATED = "task.created", _("Added a task")
    TASK_PROGRESS = "task.progress", _("Reported progress on a task")
    TASK_ASSIGNED = "task.assigned", _("Changed who does a task or its deadline")
    ACTIVITY_RECORDED = "activity.recorded", _("Recorded an activity")
    CALENDAR_FEED_CREATED = "calendar.feed_created", _("Created a calendar feed address")
    CALENDAR_FEED_REVOKED = "calendar.feed_revoked", _("Revoked a calendar feed address")
    REMINDERS_CHANGED = "work.reminders_changed", _("Changed when reminders are sent")
    INDICATOR_CREATED = "indicator.created", _("Added an indicator")
    INDICATOR_UPDATED = "indicator.updated", _("Edited an indicator")
    REPORT_DUE_CHANGED = "report.due_changed", _("Changed a report's due date")
    REPORT_OPENED = "report.opened", _("Opened a report")
    REPORT_SAVED = "report.saved", _("Saved report figures")
    REPORT_SUBMITTED = "report.submitted", _("Submitted a report")
    REPORT_RETURNED = "report.returned", _("Returned a report")
    REPORT_APPROVED = "report.approved", _("Approved a report")
    REPORT_REOPENED = "report.reopened", _("Reopened a report for correction")
    DATAVALUES_IMPORTED = "report.values_imported", _("Imported report figures from a file")
    CONSOLIDATED_SAVED = "report.consolidated_saved", _("Edited a consolidated report")
    CONSOLIDATED_EXPORTED = "report.consolidated_exported", _("Exported a consolidated report")
    ADMIN_CHANGED = "admin.changed", _("Changed in the admin site")
    ACCESS_DENIED = "access.denied", _("Refused access")
    DEMO_LOADED = "system.demo_loaded", _("Loaded demo data")
    DEMO_REMOVED = "system.demo_removed", _("Removed demo data")


# what was refused or failed: shown highlighted in the log
WARNING_EVENTS = frozenset({Event.LOGIN_FAILED, Event.LOCKED_OUT, Event.ACCESS_DENIED})
