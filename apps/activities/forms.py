from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.activities.counts import check_counts
from apps.activities.models import AGE_FIELDS, SEX_FIELDS, ActivityKind
from apps.geo.models import AdministrativeUnit, Agency
from apps.work.evidence import MAX_BYTES
from apps.work.forms import MultipleFileField, MultipleFileInput
from apps.work.models import Task
from core.validators import TextField


def _count(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        required=required,
        initial=0 if required else None,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
    )


class ActivityForm(forms.Form):
    title = TextField(label=_("Activity"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    date = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Agency.objects.none())
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    place = TextField(label=_("Place"), max_length=255, required=False)
    task = forms.ModelChoiceField(label=_("Task of the plan"), queryset=Task.objects.none(), required=False)
    officials = forms.BooleanField(
        label=_("The participants are officials (a training of officials)"), required=False
    )
    male = _count(_("Men"))
    female = _count(_("Women"))
    other_sex = _count(_("Other"))
    age_under_16 = _count(_("Under 16"))
    age_16_30 = _count(_("16–30"))
    age_31_60 = _count(_("31–60"))
    age_over_60 = _count(_("Over 60"))
    ethnic_minority = _count(_("Ethnic minority"), required=False)
    kinh = _count(_("Kinh"), required=False)
    with_disability = _count(_("With a disability"), required=False)
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
        help_text=_("JPG or PNG, at most 20 MB each; their location is removed."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    SEX = SEX_FIELDS
    AGES = AGE_FIELDS
    OPTIONAL = ("ethnic_minority", "kinh", "with_disability")

    def __init__(self, *args: Any, agencies: Any, villages: Any, tasks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("organiser", agencies), ("village", villages), ("task", tasks)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        organiser = self.fields["organiser"]
        assert isinstance(organiser, forms.ModelChoiceField)
        if len(agencies) == 1:
            organiser.initial = agencies[0].pk
        self.fields["place"].widget.attrs["placeholder"] = _("e.g. the village cultural house")

    def group(self, names: tuple[str, ...]) -> list[Any]:
        return [self[name] for name in names]

    def sex_fields(self) -> list[Any]:
        return self.group(SEX_FIELDS)

    def age_fields(self) -> list[Any]:
        return self.group(AGE_FIELDS)

    def optional_fields(self) -> list[Any]:
        return self.group(self.OPTIONAL)

    def main_fields(self) -> list[Any]:
        return self.group(("title", "kind", "date", "organiser", "village", "place", "task", "officials"))

    def clean_photos(self) -> list[Any]:
        uploads = list(self.cleaned_data.get("photos") or [])
        for upload in uploads:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is too big: at most 20 MB each.") % {"name": upload.name}
                )
        return uploads

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = (*SEX_FIELDS, *AGE_FIELDS, *self.OPTIONAL)
        if all(name not in self.errors for name in names):
            try:
                check_counts({name: data.get(name) for name in names})
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_error(None, message)
        return data
