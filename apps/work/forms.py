from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.geo.models import Agency
from apps.work.evidence import MAX_BYTES
from apps.work.forms_assign import AgencyChoicesMixin
from apps.work.models import DISPLAY_STATUSES, Recurrence, TaskStatus
from core.validators import TextField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    percent = forms.IntegerField(
        label=_("Percent done"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("Photos (JPG, PNG), PDF, Word or Excel; at most 20 MB each. Photos lose their location."),
    )

    def __init__(self, *args: Any, may_cancel: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statuses = [s for s in TaskStatus if may_cancel or s != TaskStatus.CANCELLED]
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in statuses]

    def clean_evidence(self) -> list[Any]:
        uploads = self.cleaned_data.get("evidence") or []
        for upload in uploads:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is too big: at most 20 MB each.") % {"name": upload.name}
                )
        return list(uploads)


class TaskForm(AgencyChoicesMixin):
    title = TextField(label=_("Task"), max_length=1000)
    lead = forms.ModelChoiceField(label=_("Lead agency"), queryset=Agency.objects.none(), required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner agencies"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices, initial=Recurrence.ONCE)


class TaskFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *DISPLAY_STATUSES.items()]
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), empty_label=_("All agencies")
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
