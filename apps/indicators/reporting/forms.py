"""Forms of the reporting pages: a report's figures (one field per indicator × category,
read the Vietnamese way by services.parse_number), a due date, and the reviewer's comment when returning or reopening a report."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.indicators import services
from apps.indicators.catalogue.categories import TOTAL
from apps.indicators.models import DataValue, Indicator
from apps.indicators.services import Entry
from core.text import ZERO_WIDTH, TextError, clean_text, normalize
from core.validators import MESSAGES

# ------------------------------------------------------------------ a report's figures

NUMBER_ATTRS = {
    "inputmode": "decimal",
    "autocomplete": "off",
    "class": "form-control form-control-sm bd-figure",
}


def field_name(code: str, category: str, part: str) -> str:
    """A form field's name for one part (num, den, reason, comment) of one figure; only
    letters, digits, "-" and "_", so that its id is a plain CSS selector too."""
    return f"{code}__{category.replace(':', '-') or 'total'}__{part}"


def clean_note(value: str, max_length: int, *, lines: bool = False) -> str:
    """A comment or a reason as typed: refused with the project's message when it holds
    NUL, control or hidden direction-changing characters (as the file import refuses
    them), else normalised like every stored text; `lines` keeps its line breaks."""
    if not value.strip():
        return ""
    try:
        one_line = clean_text(value, max_length, needs_letters=False)
    except TextError as exc:
        message = MESSAGES[exc.code]
        raise ValidationError(
            message % {"limit": exc.limit} if exc.code == "too_long" else message, code=exc.code
        ) from exc
    if not lines:
        return one_line
    # the same characters, each line tidied: a multi-line comment keeps its lines
    visible = "".join(ch for ch in value if ch not in ZERO_WIDTH)
    return "\n".join(normalize(line) for line in visible.splitlines()).strip()


class NoteField(forms.CharField):
    """A free text typed on a report (a reason, a comment, a reviewer's comment)."""

    def __init__(self, *, lines: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        return clean_note(text or "", self.max_length or 4000, lines=self.lines)


def as_input(value: Decimal | None) -> str:
    """A figure as the input shows it: "1234", "12,5" (read back by parse_number)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


class ReportValuesForm(forms.Form):
    """Every figure of a report. Only the figures whose input came with the request are
    saved (a figure absent from the request keeps its value); a figure that differs from
    the one the system counted needs a reason."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        indicators: list[Indicator],
        values: Mapping[tuple[int, str], DataValue],
        warned: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
        revision: int,
    ) -> None:
        super().__init__(data, initial={"revision": revision})
        self.indicators = indicators
        self.values = values
        self.slots: list[tuple[Indicator, str, str]] = []
        for indicator in indicators:
            for category, label in indicator.categories():
                self._add(indicator, category, label, values.get((indicator.pk, category)), warned)

    def _add(
        self,
        indicator: Indicator,
        category: str,
        label: str,
        value: DataValue | None,
        warned: set[tuple[str, str]],
    ) -> None:
        code = indicator.code
        self.slots.append((indicator, category, label))
        names = {"code": code, "category": label}
        parts = [("num", _("%(code)s, %(category)s: numerator") if indicator.is_ratio else None)]
        if indicator.is_ratio:
            parts.append(("den", _("%(code)s, %(category)s: denominator")))
        for part, part_label in parts:
            initial = None if value is None else value.numerator if part == "num" else value.denominator
            self.fields[field_name(code, category, part)] = forms.CharField(
                label=(part_label or _("%(code)s, %(category)s: figure")) % names,
                required=False,
                max_length=40,
                initial=as_input(initial),
                widget=forms.TextInput(attrs=NUMBER_ATTRS),
            )
        if value is not None and self.prefilled(value):
            self.fields[field_name(code, category, "reason")] = NoteField(
                label=_("%(code)s, %(category)s: reason for the change") % names,
                required=False,
                max_length=1000,
                initial=value.reason,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "autocomplete": "off"}
                ),
            )
        if category == TOTAL or (code, category) in warned or (value is not None and value.comment):
            self.fields[field_name(code, category, "comment")] = NoteField(
                lines=True,
                label=_("%(code)s, %(category)s: comment") % names,
                required=False,
                max_length=2000,
                initial=value.comment if value is not None else "",
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    @staticmethod
    def prefilled(value: DataValue) -> bool:
        return value.prefilled_numerator is not None or value.prefilled_denominator is not None

    def posted(self, code: str, category: str) -> bool:
        return self.data is not None and field_name(code, category, "num") in self.data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for indicator, category, _label in self.slots:
            if not self.posted(indicator.code, category):
                continue
            numbers: dict[str, Decimal | None] = {}
            unreadable = False
            for part in ("num", "den") if indicator.is_ratio else ("num",):
                name = field_name(indicator.code, category, part)
                try:
                    numbers[part] = services.parse_number(cleaned.get(name, ""))
                except ValidationError as exc:
                    self.add_error(name, exc.messages[0])
                    numbers[part] = None
                    unreadable = True
                cleaned[name] = numbers[part]
            value = self.values.get((indicator.pk, category))
            reason_name = field_name(indicator.code, category, "reason")
            # only a figure that was read, and differs from the counted one, needs a
            # reason: "abc" or "-5" gets its own error, not a second one about the reason
            if value is None or not self.prefilled(value) or unreadable or reason_name in self.errors:
                continue
            reason = (cleaned.get(reason_name) if reason_name in self.data else value.reason) or ""
            typed = (numbers.get("num"), numbers.get("den") if indicator.is_ratio else None)
            counted = (value.prefilled_numerator, value.prefilled_denominator if indicator.is_ratio else None)
            if typed != counted and not reason.strip():
                self.add_error(
                    reason_name,
                    gettext("Say why the figure differs from the one the system counted (%(value)s).")
                    % {"value": as_input(value.prefilled_numerator) or "—"},
                )
        return cleaned

    def entries(self) -> dict[tuple[str, str], Entry]:
        """The posted figures as the service takes them (after is_valid)."""
        found: dict[tuple[str, str], Entry] = {}
        for indicator, category, _label in self.slots:
            if not self.posted(indicator.code, category):
                continue
            value = self.values.get((indicator.pk, category))
            texts = {}
            for part in ("reason", "comment"):
                name = field_name(indicator.code, category, part)
                if name in self.fields and name in self.data:
                    texts[part] = self.cleaned_data.get(name) or ""
                else:
                    texts[part] = getattr(value, part, "") if value is not None else ""
            found[(indicator.code, category)] = Entry(
                numerator=self.cleaned_data[field_name(indicator.code, category, "num")],
                denominator=self.cleaned_data.get(field_name(indicator.code, category, "den"))
                if indicator.is_ratio
                else None,
                reason=texts["reason"],
                comment=texts["comment"],
            )
        return found

    def typed(self) -> list[tuple[str, str, str]]:
        """(code, category label, what was typed) for each posted figure, as typed."""
        found = []
        for indicator, category, label in self.slots:
            if not self.posted(indicator.code, category):
                continue
            parts = [
                str(self.data.get(field_name(indicator.code, category, p), "")).strip()[:40]
                for p in (("num", "den") if indicator.is_ratio else ("num",))
            ]
            found.append((indicator.code, label, " / ".join(parts)))
        return found


# ------------------------------------------------------------------ reviewing a report


class ReturnForm(forms.Form):
    comment = NoteField(
        lines=True,
        label=_("What the commune should fix"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the commune should fix.")},
    )


class ReopenForm(forms.Form):
    reason = NoteField(
        lines=True,
        label=_("What needs correcting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what needs correcting.")},
    )


class OpenForm(forms.Form):
    form = forms.CharField(max_length=32)
    period = forms.CharField(max_length=8)


class DueForm(forms.Form):
    form = forms.CharField(max_length=32, widget=forms.HiddenInput)
    period = forms.CharField(max_length=8, widget=forms.HiddenInput)
    due = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
