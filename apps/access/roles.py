"""The roles a membership can have. Kept at the bottom layer so every app's policy
table can name them without importing the accounts app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Commune culture-social officer")
    FOCAL_PERSON = "focal_person", _("Agency focal person")
    LEADER = "leader", _("Leader")
    PROVINCE_OFFICER = "province_officer", _("Province home-affairs officer")
    CASE_WORKER = "case_worker", _("GBV case worker")
    VIEWER = "viewer", _("Viewer")


ALL_ROLES = frozenset(Role.values)
# Roles that work at province level; every other role belongs to a commune.
PROVINCE_ROLES = frozenset({Role.PROVINCE_OFFICER.value})
# Who may change the unit's own set-up (agencies, villages, members).
UNIT_MANAGERS = frozenset({Role.COMMUNE_OFFICER.value, Role.LEADER.value})
