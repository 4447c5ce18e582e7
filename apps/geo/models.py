from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from apps.access.querysets import ScopedModel, UnitScopedQuerySet
from apps.access.scope import Scope
from core.text import fold, normalize


def accent_key(text: str) -> str:
    """Lower case with the accents kept, one tone style: "Xã Hoà An" -> "xã hòa an"."""
    return normalize(text).casefold()


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")


# The division words of the unit list, as the English interface names them.
DIVISION_LABELS = {
    "tỉnh": _("province"),
    "thành phố trung ương": _("centrally-run city"),
    "xã": _("commune"),
    "phường": _("ward"),
    "đặc khu": _("special zone"),
    "thôn": _("village (thôn)"),
    "tổ dân phố": _("residential group (tổ dân phố)"),
    "bản": _("hamlet (bản)"),
    "ấp": _("hamlet (ấp)"),
    "khu phố": _("quarter (khu phố)"),
}


def division_label(word: str) -> str:
    return str(DIVISION_LABELS.get(word, word))


class UnitQuerySet(UnitScopedQuerySet["AdministrativeUnit"]):
    unit_path_field = "path"

    def under(self, unit: AdministrativeUnit) -> UnitQuerySet:
        """The unit and everything below it: one indexed prefix query on the path."""
        return self.filter(path__startswith=unit.path)

    def visible_to(self, user: Any) -> UnitQuerySet:
        """Provinces and communes are public reference data for every signed-in user;
        villages are a commune's own and only its scope sees them. Inactive units are hidden."""
        scope = Scope.of(user)
        if scope is None:
            return self.none()
        return self.filter(is_active=True).filter(
            ~Q(level=Level.VILLAGE) | Q(path__startswith=scope.unit_path)
        )

    def search(self, query: str) -> UnitQuerySet:
        """Accent- and case-insensitive search. Ranked: the name with the typed accents,
        then the same name without accents, then names starting with the words typed
        (accents first again), then names containing them."""
        key = fold(query)
        if not key:
            return self.none()
        accented = accent_key(query)
        return (
            self.filter(Q(name_key__contains=key))
            .annotate(
                rank=Case(
                    When(Q(short_norm=accented) | Q(name_norm=accented), then=Value(0)),
                    When(Q(short_key=key) | Q(name_key=key), then=Value(1)),
                    When(
                        Q(short_norm__startswith=accented) | Q(name_norm__startswith=accented), then=Value(2)
                    ),
                    When(Q(short_key__startswith=key) | Q(name_key__startswith=key), then=Value(3)),
                    default=Value(4),
                    output_field=IntegerField(),
                ),
                level_rank=Case(
                    When(level=Level.PROVINCE, then=Value(0)),
                    When(level=Level.COMMUNE, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
            )
            .order_by("rank", "level_rank", "name_key")
        )


class AdministrativeUnit(ScopedModel):
    """A province, commune-level unit (xã, phường, đặc khu) or village (thôn, tổ dân phố).

    `path` is the materialised path of codes ("31/10846/"), so "everything under X"
    is a prefix query on an indexed column.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=200)
    division_type = models.CharField(_("division type"), max_length=40)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(max_length=128, unique=True)
    name_key = models.CharField(max_length=200, editable=False)
    short_key = models.CharField(max_length=200, editable=False)
    name_norm = models.CharField(max_length=200, editable=False, default="")
    short_norm = models.CharField(max_length=200, editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)

    objects = UnitQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("name", "division_type", "is_active")

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="geo_unit_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "name_key"], name="geo_unit_level_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=Level.PROVINCE, parent__isnull=True)
                | (~Q(level=Level.PROVINCE) & Q(parent__isnull=False)),
                name="geo_unit_parent_by_level",
            ),
            # two people adding "Thôn 5" at the same moment get one village, not two
            models.UniqueConstraint(
                fields=["parent", "name_key"],
                condition=Q(level=Level.VILLAGE),
                name="geo_village_unique_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.short_name = normalize(self.short_name)
        self.name_key = fold(self.name)
        self.short_key = fold(self.short_name)
        self.name_norm = accent_key(self.name)
        self.short_norm = accent_key(self.short_name)
        super().save(*args, **kwargs)

    @property
    def scope_path(self) -> str:
        return self.path

    @property
    def audit_unit(self) -> AdministrativeUnit:
        return self

    def get_division_type_display(self) -> str:
        return division_label(self.division_type)

    @property
    def province(self) -> AdministrativeUnit:
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    @property
    def commune(self) -> AdministrativeUnit | None:
        if self.level == Level.COMMUNE:
            return self
        if self.level == Level.VILLAGE:
            return self.parent
        return None

    def descendants(self) -> QuerySet[AdministrativeUnit]:
        return AdministrativeUnit.objects.under(self).exclude(pk=self.pk)


class AgencyKind(models.TextChoices):
    OFFICE = "office", _("Office")
    DEPARTMENT = "department", _("Department")
    CENTRE = "centre", _("Public service centre")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health station")
    MILITARY = "military", _("Military command")
    FRONT = "front", _("Fatherland Front")
    MASS_ORG = "mass_org", _("Mass organisation")
    SCHOOL = "school", _("School")
    VILLAGE = "village", _("Village")
    ENTERPRISE = "enterprise", _("Enterprise, cooperative")
    COMMITTEE = "committee", _("Committee")


class AgencyQuerySet(UnitScopedQuerySet["Agency"]):
    def search(self, query: str) -> AgencyQuerySet:
        key = fold(query)
        return self.filter(name_key__contains=key) if key else self


class Agency(ScopedModel):
    """An office, mass organisation, school or village that a unit's plans assign work to."""

    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    village = models.OneToOneField(
        AdministrativeUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="village_agency"
    )
    name_key = models.CharField(max_length=200, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyQuerySet.as_manager()
    audit_fields: ClassVar[tuple[str, ...]] = ("name", "kind", "is_active")

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["unit", "-is_active", "name_key"]
        constraints = [models.UniqueConstraint(fields=["unit", "name_key"], name="geo_agency_unique_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)
