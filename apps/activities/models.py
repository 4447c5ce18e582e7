"""An activity the unit held (a campaign event, training, communication session, meeting,
home visit or counselling session) with the people it reached, counted by sex and by age
group, optionally by ethnicity and disability. The groups add up to the total: the
database refuses a row where they do not. Each row carries its unit, the unit's province
and its date, so that a province's figures are one indexed aggregate."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.activities.calendar_data import PERIOD_CHOICES
from apps.geo.models import AdministrativeUnit, Agency
from apps.work.models import Task
from core.stored_files import StoredFile


class ActivityKind(models.TextChoices):
    CAMPAIGN_EVENT = "campaign_event", _("Campaign event")
    TRAINING = "training", _("Training")
    COMMUNICATION = "communication", _("Communication session")
    MEETING = "meeting", _("Meeting")
    HOME_VISIT = "home_visit", _("Home visit")
    COUNSELLING = "counselling", _("Counselling session")


SEX_FIELDS = ("male", "female", "other_sex")
AGE_FIELDS = ("age_under_16", "age_16_30", "age_31_60", "age_over_60")
ETHNICITY_FIELDS = ("ethnic_minority", "kinh")


class ActivityQuerySet(UnitScopedQuerySet["Activity"]):
    pass


class Activity(ScopedModel):
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="activities", verbose_name=_("unit")
    )
    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("activity"), max_length=500)
    date = models.DateField(_("date"))
    village = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="village_activities",
        verbose_name=_("village"),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="activities", verbose_name=_("organiser")
    )
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("task"),
    )
    campaign = models.CharField(_("campaign period"), max_length=20, choices=PERIOD_CHOICES, blank=True)
    officials = models.BooleanField(_("participants are officials"), default=False)
    male = models.PositiveIntegerField(_("men"), default=0)
    female = models.PositiveIntegerField(_("women"), default=0)
    other_sex = models.PositiveIntegerField(_("other"), default=0)
    age_under_16 = models.PositiveIntegerField(_("under 16"), default=0)
    age_16_30 = models.PositiveIntegerField(_("16–30"), default=0)
    age_31_60 = models.PositiveIntegerField(_("31–60"), default=0)
    age_over_60 = models.PositiveIntegerField(_("over 60"), default=0)
    ethnic_minority = models.PositiveIntegerField(_("ethnic minority"), null=True, blank=True)
    kinh = models.PositiveIntegerField(_("Kinh"), null=True, blank=True)
    with_disability = models.PositiveIntegerField(_("with a disability"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("title", "kind", "date", "male", "female", "other_sex")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            # the age groups add up to the people counted by sex
            models.CheckConstraint(
                condition=Q(
                    age_under_16=F("male")
                    + F("female")
                    + F("other_sex")
                    - F("age_16_30")
                    - F("age_31_60")
                    - F("age_over_60")
                ),
                name="activities_ages_add_up",
            ),
            models.CheckConstraint(
                condition=(Q(ethnic_minority__isnull=True) & Q(kinh__isnull=True))
                | Q(ethnic_minority=F("male") + F("female") + F("other_sex") - F("kinh")),
                name="activities_ethnicity_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(with_disability__isnull=True)
                | Q(with_disability__lte=F("male") + F("female") + F("other_sex")),
                name="activities_disability_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "date"], name="activities_unit_date"),
            models.Index(fields=["province", "date"], name="activities_province_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def total(self) -> int:
        return self.male + self.female + self.other_sex


class ActivityPhotoQuerySet(UnitScopedQuerySet["ActivityPhoto"]):
    unit_path_field = "activity__unit__path"


class ActivityPhoto(StoredFile, ScopedModel):
    """A photo of an activity: checked and stripped of metadata like task evidence, stored
    beside it outside the web root, served only to those who may read the activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")

    objects = ActivityPhotoQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("file_name", "size")

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["pk"]

    @property
    def audit_unit(self) -> AdministrativeUnit:
        return self.activity.unit
