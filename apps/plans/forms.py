from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.plans.agency_choices import NEW_AGENCY
from apps.plans.models import PlanStatus
from apps.plans.uploads import MAX_UPLOAD_BYTES
from core.validators import TextField


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_(
            "DOCX, PDF, TXT, Markdown or HTML (or a photo or scan, when OCR is installed); at most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md,.html,.htm,.png,.jpg,.jpeg"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too big: at most 20 MB."))
        return upload


def _this_year() -> int:
    return timezone.localdate().year


class NewPlanForm(forms.Form):
    title = TextField(
        label=_("Title"), max_length=500, initial=_("Implementing gender equality work in %(year)s")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=_this_year)
    copy_from = forms.TypedChoiceField(label=_("Start from"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, plans: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy_from"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("The blank state-format template"))] + [
            (p.pk, _("A copy of “%(title)s” (%(year)s), dates moved") % {"title": p.title, "year": p.year})
            for p in plans
        ]


class AgencyChoicesForm(forms.Form):
    """One choice per agency name the plan writes: one of the unit's agencies, a new one,
    or the name kept as text."""

    def __init__(self, *args: Any, suggestions: list[dict[str, Any]], agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— keep as written —")), (NEW_AGENCY, _("+ Add as a new agency"))] + [
            (str(a.pk), a.name) for a in agencies
        ]
        self.rows = []
        for index, row in enumerate(suggestions):
            name = f"agency_{index}"
            self.fields[name] = forms.ChoiceField(
                label=row["written"],
                choices=choices,
                required=False,
                initial=str(row["agency_id"]) if row["agency_id"] else "",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.rows.append((row["written"], name, row["agency_id"] is None))

    def choices(self) -> dict[str, str]:
        return {written: self.cleaned_data.get(name) or "" for written, name, _unmatched in self.rows}

    def unmatched_rows(self) -> list[Any]:
        return [(self[name], written, unmatched) for written, name, unmatched in self.rows]


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class IssueForm(RevisionForm):
    issued_on = forms.DateField(label=_("Date of issue"), required=False)
    confirm_unassigned = forms.BooleanField(
        label=_("Issue anyway: the tasks listed reach nobody until they are given an agency and a timeframe"),
        required=False,
    )


class ReturnForm(RevisionForm):
    comment = TextField(
        label=_("What should be changed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what should be changed before the plan is issued.")},
    )


class CorrectionForm(forms.Form):
    reason = TextField(label=_("What is corrected"), max_length=255)


class PlanFilterForm(forms.Form):
    q = TextField(label=_("Search"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *PlanStatus.choices], required=False
    )
    unit = TextField(label=_("Unit"), max_length=100, required=False)
