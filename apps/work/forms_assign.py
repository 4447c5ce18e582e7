"""The commune officer's form on the task page: who leads, who helps, from when, by when."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.geo.models import Agency

NOT_OURS = _("Choose agencies of this commune that are still active.")


class AgencyChoicesMixin(forms.Form):
    """Lead and partner choices limited to the agencies given (the unit's own, active), and
    a start that may not come after the deadline: the new-task form and this one alike."""

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead", "partners"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The start comes after the deadline."))
        return data


class AssignForm(AgencyChoicesMixin):
    lead = forms.ModelChoiceField(
        label=_("Lead agency"),
        queryset=Agency.objects.none(),
        error_messages={"required": _("Choose the lead agency."), "invalid_choice": NOT_OURS},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner agencies"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
    )
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
