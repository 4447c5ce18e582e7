"""The narrative editor: the report's number and one text box per section, with the
revision the page was opened at (the optimistic lock). Only what the request sends is
saved: a request that leaves a section out never blanks it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.reports.drafting import MAX_SECTION_LENGTH, SECTIONS
from apps.reports.models import ConsolidatedReport
from apps.reports.services import NUMBER_LENGTH


class NarrativeForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        required=False,
        max_length=NUMBER_LENGTH,
        help_text=_("For example 15/BC-UBND; leave empty to write it on paper."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, report: ConsolidatedReport, **kwargs: Any) -> None:
        initial = {"number": report.number, "revision": report.revision}
        initial |= {s.key: report.sections.get(s.key, "") for s in SECTIONS}
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            widget: forms.Widget = (
                forms.TextInput() if section.rows == 1 else forms.Textarea(attrs={"rows": section.rows})
            )
            self.fields[section.key] = forms.CharField(
                label=section.label,
                required=False,
                max_length=MAX_SECTION_LENGTH,
                strip=False,
                widget=widget,
            )

    def sections(self) -> dict[str, str]:
        """The sections the request sent: one left out of the request keeps its saved text
        (an empty box that was sent empties it)."""
        return {s.key: self.cleaned_data.get(s.key) or "" for s in SECTIONS if s.key in self.data}

    def sent_number(self) -> str | None:
        """The number if the request sent it, else None (keep the saved one)."""
        return self.cleaned_data.get("number") or "" if "number" in self.data else None


class OpenReportForm(forms.Form):
    form = forms.CharField(max_length=32)
    period = forms.CharField(max_length=16)
