import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.access.events import Event
from core.validators import TextField


def in_range(value: dt.date) -> None:
    if not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Choose a date between 2000 and 2100."))


class AuditFilterForm(forms.Form):
    person = TextField(label=_("Person"), max_length=150, required=False)
    event = forms.ChoiceField(
        label=_("Event"), choices=[("", _("All events")), *Event.choices], required=False
    )
    object = TextField(label=_("Object"), max_length=100, required=False)
    date_from = forms.DateField(label=_("From date"), required=False, validators=[in_range])
    date_to = forms.DateField(label=_("To date"), required=False, validators=[in_range])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select" if name == "event" else "form-control")
            if name.startswith("date"):
                field.widget.attrs.setdefault("placeholder", "dd/mm/yyyy")
                field.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
