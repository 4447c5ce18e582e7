"""The form of a province's own indicator in the catalogue."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.indicators.catalogue.categories import DIMENSION_LABELS, SUPPORTED
from apps.indicators.models import Indicator, Kind
from apps.indicators.reporting.periods import PeriodType
from core.validators import TextField

CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{0,9}-[A-Z0-9][A-Z0-9.-]{0,20}$")
LEVELS = [("commune", _("Commune")), ("province", _("Province"))]


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The province's own code, e.g. HP-01 (letters, digits and hyphens; BD- is the national catalogue's)."
        ),
    )
    name_vi = TextField(label=_("Name (Vietnamese)"), max_length=400)
    name_en = TextField(label=_("Name (English)"), max_length=400, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    unit_label = forms.CharField(
        label=_("Unit of measure"), max_length=40, required=False, help_text=_("e.g. người, lượt người, %")
    )
    definition = forms.CharField(
        label=_("Definition"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    numerator_text = forms.CharField(
        label=_("Numerator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a percentage or a ratio: what is counted above the line."),
    )
    denominator_text = forms.CharField(
        label=_("Denominator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a percentage or a ratio: what is counted below the line."),
    )
    multiplier = forms.IntegerField(label=_("Multiplier"), min_value=1, max_value=100000, initial=1)
    disaggregations = forms.MultipleChoiceField(
        label=_("Disaggregations"),
        required=False,
        choices=[(d, DIMENSION_LABELS[d]) for d in SUPPORTED],
        widget=forms.CheckboxSelectMultiple,
    )
    levels = forms.MultipleChoiceField(
        label=_("Reported by"), choices=LEVELS, initial=["commune"], widget=forms.CheckboxSelectMultiple
    )
    periods = forms.MultipleChoiceField(
        label=_("Periods"),
        choices=PeriodType.choices,
        initial=["S", "Y"],
        widget=forms.CheckboxSelectMultiple,
    )
    stock = forms.BooleanField(label=_("A state at the end of the period (not a flow)"), required=False)
    max_value = forms.DecimalField(
        label=_("Largest plausible value for a commune"),
        required=False,
        min_value=Decimal(0),
        max_digits=18,
        decimal_places=2,
    )
    change_threshold = forms.IntegerField(
        label=_("Change against the last period that needs a comment (%)"),
        min_value=1,
        max_value=10000,
        initial=50,
    )

    FIELDS = (
        "name_vi",
        "name_en",
        "kind",
        "unit_label",
        "definition",
        "numerator_text",
        "denominator_text",
        "multiplier",
        "disaggregations",
        "levels",
        "periods",
        "stock",
        "max_value",
        "change_threshold",
    )

    def __init__(self, *args: Any, instance: Indicator | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {name: getattr(instance, name) for name in ("code", *self.FIELDS)})
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None:
            # a code is an identifier other systems keep: it never changes
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("A code never changes once the indicator exists.")

    def clean_code(self) -> str:
        if self.instance is not None:
            return self.instance.code
        code = str(self.cleaned_data.get("code") or "").strip().upper()
        if code.startswith("BD-"):
            raise ValidationError(_("Codes starting with BD- belong to the national catalogue."))
        if not CODE_RE.match(code):
            raise ValidationError(
                _("Write the code as letters, a hyphen and a number, e.g. HP-01 (letters, digits, hyphens).")
            )
        if Indicator.objects.filter(code__iexact=code).exists():
            raise ValidationError(_("An indicator with this code already exists."))
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") in (Kind.PERCENT, Kind.RATIO):
            for name in ("numerator_text", "denominator_text"):
                if not str(cleaned.get(name) or "").strip():
                    self.add_error(name, _("A percentage or a ratio needs its numerator and denominator."))
            if cleaned.get("kind") == Kind.PERCENT and cleaned.get("multiplier") == 1:
                cleaned["multiplier"] = 100
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}
