"""The plan editor: every part of the document as forms (header, references, purposes,
tasks, targets, assignments, events, funding, reporting, signer, recipients), used to
review an imported file and to author a plan. Forms read from and write back to the
document dict of shared/spec/plan.schema.json."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core.text import TextError, clean_text

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MY = re.compile(r"^(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LINE_LENGTH = 2000


def schema_date(value: str) -> str | None:
    """ "05/03/2026" -> "2026-03-05", "3/2026" -> "2026-03", "2026" -> "2026"; None if empty."""
    value = value.strip()
    if not value:
        return None
    if _ISO.match(value):
        parts = value.split("-")
        candidate = value
    elif match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
        candidate, parts = f"{year:04d}-{month:02d}-{day:02d}", ["x", "x", "x"]
    elif match := _MY.match(value):
        month, year = (int(g) for g in match.groups())
        candidate, parts = f"{year:04d}-{month:02d}", ["x", "x"]
    else:
        raise ValidationError(_("Write the date as dd/mm/yyyy, mm/yyyy or yyyy."))
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(candidate)
        elif len(parts) == 2 and not 1 <= int(candidate[5:7]) <= 12:
            raise ValueError
    except ValueError as exc:
        raise ValidationError(_("This date does not exist.")) from exc
    return candidate


def shown_date(value: Any) -> str:
    """The schema date as a Vietnamese reader writes it."""
    if not isinstance(value, str) or not value:
        return ""
    parts = value.split("-")
    return "/".join(reversed(parts)) if len(parts) > 1 else value


class PartialDateField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "dd/mm/yyyy")
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value: Any) -> str | None:
        return schema_date(super().clean(value) or "")


def _clean(value: str, limit: int = LINE_LENGTH) -> str:
    try:
        return clean_text(value, limit, needs_letters=False) if value.strip() else ""
    except TextError as exc:
        from core.validators import MESSAGES

        raise ValidationError(
            MESSAGES[exc.code] % {"limit": exc.limit} if exc.code == "too_long" else MESSAGES[exc.code]
        ) from exc


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [line for line in (_clean(raw) for raw in text.splitlines()) if line]


class TextLine(forms.CharField):
    def __init__(self, *, limit: int = LINE_LENGTH, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.limit = limit

    def clean(self, value: Any) -> str:
        return _clean(super().clean(value) or "", self.limit)


RECURRENCE = [
    ("", "—"),
    ("continuous", _("Continuous (thường xuyên)")),
    ("once", _("Once")),
    ("periodic", _("Periodic (monthly, quarterly ...)")),
    ("on_condition", _("When something else happens")),
]
PERIODS = [
    ("", "—"),
    ("6-month", _("6-month")),
    ("annual", _("Annual")),
    ("quarterly", _("Quarterly")),
    ("monthly", _("Monthly")),
    ("ad-hoc", _("When asked")),
    ("final", _("Final")),
]
COMPARATORS = [("=", "="), (">", ">"), (">=", "≥"), ("<", "<"), ("<=", "≤")]
ROLES = [("basis", _("Basis (căn cứ)")), ("cited", _("Cited"))]


class HeaderForm(forms.Form):
    title = TextLine(label=_("Title"), required=True, limit=500)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = TextLine(label=_("Number"), limit=64, help_text=_("Given when the plan is issued."))
    date = PartialDateField(label=_("Date"))
    issuer = TextLine(label=_("Issuer"), required=True, limit=200)
    place = TextLine(label=_("Place"), limit=100)
    purposes = LinesField(label=_("Purposes (one per line)"))
    requirements = LinesField(label=_("Requirements (one per line)"))
    funding = LinesField(label=_("Funding (one per line)"))
    signer_authority = LinesField(label=_("Signing authority (TM., KT. lines)"))
    signer_position = TextLine(label=_("Signer's position"), limit=100)
    signer_name = TextLine(label=_("Signer's name"), limit=100)
    recipients = LinesField(label=_("Recipients (Nơi nhận, one per line)"))


class ReferenceForm(forms.Form):
    kind = TextLine(label=_("Kind"), limit=16)
    number = TextLine(label=_("Number"), limit=64)
    date = PartialDateField(label=_("Date"))
    issuer = TextLine(label=_("Issuer"), limit=200)
    title = TextLine(label=_("Title"), limit=500)
    role = forms.ChoiceField(label=_("Role"), choices=ROLES, required=False)


def _check_period(form: forms.Form, start: str = "start", end: str = "end") -> None:
    data = form.cleaned_data
    first, last = data.get(start), data.get(end)
    # schema dates compare as text once cut to the shorter one ("2026-06" vs "2026-06-15")
    if first and last and last[: len(first)] < first[: len(last)]:
        form.add_error(end, _("The end is before the start."))


class TaskForm(forms.Form):
    ref = TextLine(label=_("No."), limit=32)
    title = TextLine(label=_("Task"), limit=1000)
    activities = LinesField(label=_("Activities (one per line)"))
    lead = LinesField(label=_("Lead agencies (one per line)"), widget=forms.Textarea(attrs={"rows": 2}))
    partners = LinesField(
        label=_("Partner agencies (one per line)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    timeframe = TextLine(label=_("Timeframe as written"), limit=255)
    start = PartialDateField(label=_("From"))
    end = PartialDateField(label=_("To"))
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=RECURRENCE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_period(self)
        return data


class TargetForm(forms.Form):
    text = TextLine(label=_("Target as written"), limit=1000)
    comparator = forms.ChoiceField(label=_("Comparison"), choices=COMPARATORS, required=False)
    value = forms.FloatField(label=_("Value"), required=False, min_value=0, max_value=1e9)
    unit = TextLine(label=_("Unit"), limit=64)
    subject = TextLine(label=_("What is measured"), limit=1000)
    task_ref = TextLine(label=_("Task no."), limit=32)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("DELETE") and data.get("value") is None:
            self.add_error("value", _("Enter the target's figure (a number)."))
        return data


class AssignmentForm(forms.Form):
    agency = TextLine(label=_("Agency"), limit=300)
    standing = forms.BooleanField(label=_("Standing office"), required=False)
    duties = LinesField(label=_("Duties (one per line)"))


class EventForm(forms.Form):
    name = TextLine(label=_("Event"), limit=255)
    start = PartialDateField(label=_("From"))
    end = PartialDateField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_period(self)
        return data


class ReportingForm(forms.Form):
    text = TextLine(label=_("Report obligation"), limit=1000)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    due = PartialDateField(label=_("Due"))
    to = TextLine(label=_("Sent to"), limit=255)


SECTIONS: dict[str, tuple[type[forms.Form], str]] = {
    "references": (ReferenceForm, "number"),
    "tasks": (TaskForm, "title"),
    "targets": (TargetForm, "text"),
    "assignments": (AssignmentForm, "agency"),
    "events": (EventForm, "name"),
    "reporting": (ReportingForm, "text"),
}
MAX_ROWS = 300


def _formset(section: str) -> Any:
    form, _key = SECTIONS[section]
    return formset_factory(
        form,
        extra=1,
        can_delete=True,
        can_order=section == "tasks",
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS + 1,
    )


def _task_initial(task: dict[str, Any]) -> dict[str, Any]:
    timeframe = task.get("timeframe") or {}
    return {
        "ref": task.get("ref") or "",
        "title": task.get("title") or "",
        "activities": task.get("activities") or [],
        "lead": task.get("lead") or [],
        "partners": task.get("partners") or [],
        "timeframe": timeframe.get("text") or "",
        "start": shown_date(timeframe.get("start")),
        "end": shown_date(timeframe.get("end")),
        "recurrence": timeframe.get("recurrence") or "",
    }


def _initial(section: str, item: dict[str, Any]) -> dict[str, Any]:
    if section == "tasks":
        return _task_initial(item)
    if section == "targets":
        return {**item, "unit": item.get("unit") or "", "task_ref": item.get("task_ref") or ""}
    return {
        k: (shown_date(v) if k in {"date", "start", "end", "due"} else ("" if v is None else v))
        for k, v in item.items()
    }


class PlanEditor:
    """All the forms of one plan, bound to a POST or filled from a document."""

    def __init__(self, content: dict[str, Any], data: Any = None, *, issued: bool = False) -> None:
        self.content = content
        document = content.get("document") or {}
        signer = content.get("signer") or {}
        objectives = content.get("objectives") or {}
        self.header = HeaderForm(
            data,
            prefix="h",
            initial={
                "title": document.get("title") or "",
                "year": document.get("year"),
                "number": document.get("number") or "",
                "date": shown_date(document.get("date")),
                "issuer": (document.get("issuer") or {}).get("name") or "",
                "place": document.get("place") or "",
                "purposes": objectives.get("purposes") or [],
                "requirements": objectives.get("requirements") or [],
                "funding": content.get("funding") or [],
                "signer_authority": signer.get("authority") or [],
                "signer_position": signer.get("position") or "",
                "signer_name": signer.get("name") or "",
                "recipients": content.get("recipients") or [],
            },
        )
        if issued:  # an issued plan keeps its number and date; a correction changes the rest
            for name in ("number", "date"):
                self.header.fields[name].disabled = True
        self.sections = {
            section: _formset(section)(
                data, prefix=section, initial=[_initial(section, item) for item in content.get(section) or []]
            )
            for section in SECTIONS
        }

    def is_valid(self) -> bool:
        results = [self.header.is_valid(), *(fs.is_valid() for fs in self.sections.values())]
        return all(results)

    def _rows(self, section: str) -> list[dict[str, Any]]:
        formset = self.sections[section]
        key = SECTIONS[section][1]
        forms_in_order = formset.ordered_forms if section == "tasks" else formset.forms
        if section == "tasks":
            # ordered_forms holds only the forms with an order number; keep the others after them
            numbered = {id(f) for f in forms_in_order}
            forms_in_order = list(forms_in_order) + [f for f in formset.forms if id(f) not in numbered]
        rows = []
        for form in forms_in_order:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get(key):
                continue
            rows.append({k: v for k, v in data.items() if k not in {"DELETE", "ORDER"}})
        return rows

    def to_content(self) -> dict[str, Any]:
        """The edited document (call after is_valid())."""
        h = self.header.cleaned_data
        original = self.content
        document = dict(original.get("document") or {})
        issuer = dict(document.get("issuer") or {})
        issuer["name"] = h["issuer"]
        document.update(
            title=h["title"],
            year=h["year"],
            number=h["number"] or None,
            date=h["date"],
            place=h["place"] or None,
            issuer=issuer,
        )
        document.setdefault("kind", "KH")
        tasks = []
        for index, row in enumerate(self._rows("tasks"), start=1):
            tasks.append(
                {
                    "ref": row["ref"] or str(index),
                    "title": row["title"],
                    "activities": row["activities"],
                    "lead": row["lead"],
                    "partners": row["partners"],
                    "timeframe": {
                        "text": row["timeframe"],
                        "start": row["start"],
                        "end": row["end"],
                        "recurrence": row["recurrence"] or None,
                    }
                    if (row["timeframe"] or row["start"] or row["end"] or row["recurrence"])
                    else None,
                }
            )
        return {
            "schema_version": "1.0",
            "document": document,
            "references": [
                {
                    "kind": r["kind"] or "VB",
                    "number": r["number"],
                    "date": r["date"],
                    "issuer": r["issuer"] or None,
                    "title": r["title"] or None,
                    "role": r["role"] or "cited",
                }
                for r in self._rows("references")
            ],
            "objectives": {"purposes": h["purposes"], "requirements": h["requirements"]},
            "tasks": tasks,
            "targets": [
                {
                    "text": r["text"],
                    "comparator": r["comparator"] or "=",
                    "value": r["value"],
                    "unit": r["unit"],
                    "subject": r["subject"],
                    "task_ref": r["task_ref"] or None,
                }
                for r in self._rows("targets")
            ],
            "assignments": [
                {"agency": r["agency"], "standing": bool(r["standing"]), "duties": r["duties"]}
                for r in self._rows("assignments")
            ],
            "events": [
                {"name": r["name"], "start": r["start"], "end": r["end"]} for r in self._rows("events")
            ],
            "funding": h["funding"],
            "reporting": [
                {"text": r["text"], "period": r["period"] or None, "due": r["due"], "to": r["to"] or None}
                for r in self._rows("reporting")
            ],
            "signer": {
                "authority": h["signer_authority"],
                "position": h["signer_position"] or None,
                "name": h["signer_name"] or None,
            },
            "recipients": h["recipients"],
            "source": original.get("source") or {"format": "docx", "warnings": []},
        }
