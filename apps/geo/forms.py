from django import forms
from django.utils.translation import gettext_lazy as _

from apps.geo.models import DIVISION_LABELS, AgencyKind
from apps.geo.services import VILLAGE_TYPES
from core.validators import TextField


class AgencyForm(forms.Form):
    name = TextField(label=_("Agency name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices)


class VillageForm(forms.Form):
    name = TextField(label=_("Village name"), max_length=150)
    division_type = forms.ChoiceField(
        label=_("Type"), choices=[(t, DIVISION_LABELS[t]) for t in VILLAGE_TYPES]
    )


class SearchForm(forms.Form):
    q = TextField(label=_("Search"), max_length=100, required=False)
