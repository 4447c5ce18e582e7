"""Data values in and out, as DHIS2 exchanges them (dataValueSets JSON and CSV), with our
codes as identifiers (DHIS2's idScheme=CODE); see docs/interchange.md for the mapping.

- data element: the indicator's code ("BD-C02"); a percentage or ratio travels as two
  elements, its numerator "BD-S02.N" and its denominator "BD-S02.D";
- category option combo: our category key ("sex:female"), "default" for the total;
- attribute option combo: the form's code ("BD-6T"), which makes every row name its
  report (unit × form × period) even in CSV, where there is no dataSet;
- comment: the figure's comment, then its reason for differing from the pre-filled
  figure on a line of its own that starts with "Lý do thay đổi: ".

Import reads a file into `Row`s, places each row in its report, validates the numbers
with `services.parse_number`, saves each report's figures with `services.save_values` in
one transaction and then runs the report's validation rules: a row that cannot be placed,
read or saved, or an error the rules find in an imported indicator, rejects that report's
import whole (nothing of it saved), while the other reports of the same file go on."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, DecimalException
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access import audit
from apps.access.actors import Actor
from apps.access.events import Event
from apps.access.guards import require
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.catalogue.categories import TOTAL
from apps.indicators.interchange import xlsx
from apps.indicators.interchange.values import (
    DEFAULT_COMBO,
    DENOMINATOR,
    KEEP,
    NUMERATOR,
    FileRefused,
    Row,
    clean_comment,
    combo_id,
    decode_comment,
    element_id,
    encode_comment,
    number_text,
    read_number,
)
from apps.indicators.models import DataValue, Indicator, ReportForm, Submission
from apps.indicators.reporting import suppression, validation
from apps.indicators.reporting.periods import Period
from core.text import strip_controls

CSV_COLUMNS = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
)
# other spellings of the CSV header that DHIS2 versions have written
CSV_ALIASES = {"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo"}
MAX_ROWS = 200_000
# a CSV cell starting with one of these is a formula to a spreadsheet ("=HYPERLINK(...)"):
# the export puts a quote before it (and before quotes that precede one), the import
# takes that one quote off again
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_FORMULA = re.compile(r"^'+[=+\-@\t\r]")


class JsonNumber(str):
    """A number of a JSON file, kept as it is written (never converted while parsing)."""


# --------------------------------------------------------------------------- export


def _stored_by(submission: Submission) -> str:
    last = submission.history.filter(action__in=("saved", "opened")).first()
    return last.actor_name if last is not None else ""


def _hidden(indicator: Indicator, values: Mapping[tuple[int, str], DataValue]) -> set[str]:
    """The categories of a violence indicator that a reader outside the commune may not
    see: the small figures and their complements (`suppression.categories`)."""
    if not suppression.sensitive(indicator):
        return set()
    figures = {
        category: suppression.Figure(value.numerator, value.denominator)
        for (pk, category), value in values.items()
        if pk == indicator.pk and (value.numerator is not None or value.denominator is not None)
    }
    return {key for key, figure in suppression.categories(indicator, figures).items() if figure.suppressed}


def data_values(submission: Submission, *, suppress: bool = False) -> list[dict[str, Any]]:
    """The report's figures as DHIS2 data values, in the form's order. With `suppress`
    (a reader outside the commune), a hidden violence figure is left out, row and comment:
    DHIS2 has no "<5", and an empty value would read as a deletion on import."""
    form = submission.form
    values = {(v.indicator_id, v.category): v for v in submission.values.all()}
    stored_by = _stored_by(submission)
    found: list[dict[str, Any]] = []
    for indicator in form.ordered_indicators():
        hidden = _hidden(indicator, values) if suppress else set()
        for category, _label in indicator.categories():
            value = values.get((indicator.pk, category))
            if (
                value is None
                or category in hidden
                or (
                    value.numerator is None
                    and value.denominator is None
                    and not value.comment.strip()
                    and not value.reason.strip()
                )
            ):
                continue
            comment = encode_comment(value.comment, value.reason)
            parts: list[tuple[str, Decimal | None]] = (
                [(NUMERATOR, value.numerator), (DENOMINATOR, value.denominator)]
                if indicator.is_ratio
                else [("", value.numerator)]
            )
            for index, (part, amount) in enumerate(parts):
                found.append(
                    {
                        "dataElement": element_id(indicator, part),
                        "period": submission.period,
                        "orgUnit": submission.unit.code,
                        "categoryOptionCombo": combo_id(category),
                        "attributeOptionCombo": form.code,
                        "value": number_text(amount),
                        "storedBy": stored_by,
                        "lastUpdated": value.updated_at.isoformat(timespec="seconds"),
                        # the comment travels once, on the count or the numerator
                        "comment": comment if index == 0 else "",
                        "followup": False,
                    }
                )
    return found


def data_value_set(submissions: Iterable[Submission], *, suppress: bool = False) -> dict[str, Any]:
    """A DHIS2 dataValueSet: dataSet and completeDate when it holds one report; period
    and orgUnit when they are the same for all."""
    reports = list(submissions)
    document: dict[str, Any] = {}
    if len(reports) == 1:
        document["dataSet"] = reports[0].form.code
        if reports[0].completed_at is not None:
            document["completeDate"] = reports[0].completed_at.date().isoformat()
    if reports and len({r.period for r in reports}) == 1:
        document["period"] = reports[0].period
    if reports and len({r.unit_id for r in reports}) == 1:
        document["orgUnit"] = reports[0].unit.code
    document["dataValues"] = [row for report in reports for row in data_values(report, suppress=suppress)]
    return document


def to_json(submissions: Iterable[Submission], *, suppress: bool = False) -> str:
    return json.dumps(data_value_set(submissions, suppress=suppress), ensure_ascii=False, indent=2) + "\n"


def to_csv(submissions: Iterable[Submission], *, suppress: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    keys = (
        "dataElement",
        "period",
        "orgUnit",
        "categoryOptionCombo",
        "attributeOptionCombo",
        "value",
        "storedBy",
        "lastUpdated",
        "comment",
    )
    for report in submissions:
        for row in data_values(report, suppress=suppress):
            writer.writerow([csv_cell(row[k]) for k in keys] + ["false"])
    return out.getvalue()


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run: a quote before a leading = + - @ TAB or CR
    (and before any quotes already in front of one, so that `csv_text` gives it back)."""
    if text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(cell: str) -> str:
    """A CSV cell as it was before `csv_cell`."""
    return cell[1:] if _QUOTED_FORMULA.match(cell) else cell


def reports_of(unit: AdministrativeUnit, period: str, form: ReportForm | None = None) -> list[Submission]:
    """A unit's reports for a period (every form, or one), for the command line."""
    rows = Submission.objects.filter(unit=unit, period=Period.parse(period).code)
    if form is not None:
        rows = rows.filter(form=form)
    return list(rows.select_related("form", "unit").order_by("form__code"))


# --------------------------------------------------------------------------- reading


def _text_of(value: Any) -> tuple[str, bool]:
    """A JSON scalar as text; False when it is a list, an object or a boolean."""
    if value is None:
        return "", True
    if isinstance(value, (bool, list, dict)):
        return "", False
    return str(value).strip(), True


def _with_comment(row: Row, raw: Any) -> Row:
    text, ok = _text_of(raw)
    if not ok:
        row.error = row.error or _("The comment must be text.")
        return row
    try:
        row.comment, row.reason = decode_comment(clean_comment(text))
    except ValueError as exc:
        row.error = row.error or str(exc)
    return row


def read_stamp(raw: Any) -> datetime | None:
    """A row's lastUpdated (ISO 8601; without an offset: the server's time zone)."""
    text, ok = _text_of(raw)
    if not ok or not text or len(text) > 40:
        return None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    if timezone.is_naive(stamp):
        try:
            stamp = timezone.make_aware(stamp)
        except (ValueError, OverflowError):
            return None
    return stamp


def read_json(data: bytes) -> list[Row]:
    try:
        # numbers stay text: a huge exponent or a number of a million digits is refused
        # on its row by `read_number`, not expanded (or failing) while the file is parsed
        document = json.loads(
            data.decode("utf-8-sig"), parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=JsonNumber
        )
    except UnicodeDecodeError:
        raise FileRefused(_("The file is not UTF-8 text.")) from None
    except json.JSONDecodeError as exc:
        raise FileRefused(
            _("The file is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from None
    except (RecursionError, ValueError, DecimalException):
        raise FileRefused(_("The file is not valid JSON.")) from None
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise FileRefused(_("The file is not a DHIS2 data value set: it has no “dataValues” list."))
    items = document["dataValues"]
    if len(items) > MAX_ROWS:
        raise FileRefused(_("The file has more than %(max)s data values.") % {"max": MAX_ROWS})
    top = {key: _text_of(document.get(key))[0] for key in ("dataSet", "period", "orgUnit")}
    top["attributeOptionCombo"] = _text_of(document.get("attributeOptionCombo"))[0]
    rows: list[Row] = []
    for index, item in enumerate(items, start=1):
        row = Row(ref=_("value %(n)s") % {"n": index})
        rows.append(row)
        if not isinstance(item, dict):
            row.error = _("A data value must be an object.")
            continue
        texts = {}
        for key in ("dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo"):
            text, ok = _text_of(item.get(key))
            if not ok:
                row.error = row.error or _("“%(field)s” must be text.") % {"field": key}
            texts[key] = text
        row.element = texts["dataElement"]
        row.category = texts["categoryOptionCombo"]
        row.period = texts["period"] or top["period"]
        row.unit = texts["orgUnit"] or top["orgUnit"]
        aoc = texts["attributeOptionCombo"] or top["attributeOptionCombo"]
        row.form = top["dataSet"] if aoc in ("", DEFAULT_COMBO) else aoc
        raw = item.get("value")
        if isinstance(raw, (bool, list, dict)):
            row.error = row.error or _("“%(text)s” is not a number.") % {"text": str(raw)[:30]}
        else:
            row.value = None if raw is None else str(raw)
        row.stamp = read_stamp(item.get("lastUpdated"))
        if "comment" in item:
            _with_comment(row, item["comment"])
    return rows


def read_csv(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(_("The file is not UTF-8 text.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: list[str] = list(CSV_COLUMNS)
    rows: list[Row] = []
    first = True
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if first:
                first = False
                names = [
                    CSV_ALIASES.get(c, c) for c in (cell.strip().lower().replace(" ", "") for cell in record)
                ]
                names = [name.lstrip("\ufeff") for name in names]
                if "dataelement" in names:
                    columns = names
                    if not {"dataelement", "value"} <= set(columns):
                        raise FileRefused(_("The CSV header needs at least “dataelement” and “value”."))
                    continue
            if len(rows) >= MAX_ROWS:
                raise FileRefused(_("The file has more than %(max)s data values.") % {"max": MAX_ROWS})
            cells = dict(zip(columns, (csv_text(cell).strip() for cell in record), strict=False))
            row = Row(
                ref=_("line %(n)s") % {"n": reader.line_num},
                element=cells.get("dataelement", ""),
                period=cells.get("period", ""),
                unit=cells.get("orgunit", ""),
                category=cells.get("categoryoptioncombo", ""),
                value=cells.get("value", ""),
            )
            aoc = cells.get("attributeoptioncombo", "")
            row.form = "" if aoc == DEFAULT_COMBO else aoc
            row.stamp = read_stamp(cells.get("lastupdated"))
            if "comment" in cells:
                _with_comment(row, cells["comment"])
            rows.append(row)
    except csv.Error:
        raise FileRefused(_("The CSV file cannot be read (line %(n)s).") % {"n": reader.line_num}) from None
    return rows


def read_text_file(data: bytes) -> tuple[str, list[Row]]:
    """("json" | "csv", rows) for a text file, told apart by its first character."""
    if b"\x00" in data[:8192]:
        raise FileRefused(_("The file is neither an XLSX template nor a JSON or CSV data value file."))
    head = data[:4096].decode("utf-8-sig", errors="ignore").lstrip()
    if head.startswith(("{", "[")):
        return "json", read_json(data)
    if "," in head.split("\n", 1)[0]:
        return "csv", read_csv(data)
    raise FileRefused(_("The file is neither an XLSX template nor a JSON or CSV data value file."))


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class Rejected:
    ref: str
    reason: str


@dataclass(frozen=True)
class Imported:
    code: str
    category: str
    label: str  # the category as people read it
    value: str
    before: str
    changed: bool


@dataclass
class ReportResult:
    """What happened to one report (unit × form × period) of the file."""

    unit_code: str
    unit_name: str
    form_code: str
    form_name: str
    period: str
    period_label: str
    submission_id: int | None = None
    imported: list[Imported] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def changed_count(self) -> int:
        return sum(1 for figure in self.imported if figure.changed)


@dataclass
class ImportResult:
    source: str
    dry_run: bool
    reports: list[ReportResult] = field(default_factory=list)
    unplaced: list[Rejected] = field(default_factory=list)  # rows that name no report we know

    @property
    def ok(self) -> bool:
        return not self.unplaced and all(r.ok for r in self.reports)

    @property
    def imported_count(self) -> int:
        return sum(len(r.imported) for r in self.reports if r.ok)

    @property
    def changed_count(self) -> int:
        return sum(r.changed_count for r in self.reports if r.ok)

    @property
    def rejected_count(self) -> int:
        return len(self.unplaced) + sum(len(r.rejected) for r in self.reports)


@dataclass
class _Figure:
    numerator: Any = KEEP
    denominator: Any = KEEP
    comment: str | None = None
    reason: str | None = None
    refs: list[str] = field(default_factory=list)
    originals: dict[str, Any] = field(default_factory=dict)  # part -> value at template time
    stamp: datetime | None = None  # the oldest lastUpdated of its rows (a report's upload page)


@dataclass
class _Report:
    unit: AdministrativeUnit
    form: ReportForm
    period: str
    result: ReportResult
    figures: dict[tuple[str, str], _Figure] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_reasons: dict[str, str] = field(default_factory=dict)


class _Rollback(Exception):
    pass


class _Placer:
    """Finds the report, indicator and category each row is about (cached look-ups)."""

    def __init__(self, only: Submission | None) -> None:
        self.only = only
        self.units: dict[str, AdministrativeUnit | None] = {}
        # the catalogue and the forms are small: one query each, whatever the file holds
        self.forms: dict[str, ReportForm] = {f.code: f for f in ReportForm.objects.all()}
        self.indicators: dict[str, Indicator] = {i.code: i for i in Indicator.objects.all()}
        self.form_codes: dict[int, set[str]] = {}

    def unit(self, code: str) -> AdministrativeUnit | None:
        if code not in self.units:
            # a code the database could not even be asked about (NUL, a lone surrogate)
            # is unknown, not an error
            usable = 0 < len(code) <= 32 and code.isprintable()
            self.units[code] = AdministrativeUnit.objects.filter(code=code).first() if usable else None
        return self.units[code]

    def form(self, code: str) -> ReportForm | None:
        return self.forms.get(code)

    def indicator(self, code: str) -> Indicator | None:
        return self.indicators.get(code)

    def codes_of(self, form: ReportForm) -> set[str]:
        if form.pk not in self.form_codes:
            self.form_codes[form.pk] = {i.code for i in form.ordered_indicators()}
        return self.form_codes[form.pk]

    def guess_form(
        self, unit: AdministrativeUnit, period: Period, indicator: Indicator | None
    ) -> list[ReportForm]:
        province = unit.province if unit.level != Level.PROVINCE else unit
        forms = list(ReportForm.objects.for_province(province).filter(period_type=period.type))
        if indicator is not None:
            forms = [f for f in forms if indicator.code in self.codes_of(f)]
        return forms


def _split_element(element: str) -> tuple[str, str]:
    for part in (NUMERATOR, DENOMINATOR):
        if element.endswith(f".{part}"):
            return element[:-2], part
    return element, ""


def _place(rows: list[Row], placer: _Placer) -> tuple[dict[tuple[int, int, str], _Report], list[Rejected]]:
    """Sort rows into reports; a row that names no known report is `unplaced`."""
    reports: dict[tuple[int, int, str], _Report] = {}
    unplaced: list[Rejected] = []
    for row in rows:
        only = placer.only
        unit_code = row.unit or (only.unit.code if only else "")
        period_code = row.period or (only.period if only else "")
        if only is not None and (
            unit_code != only.unit.code or period_code != only.period or row.form not in ("", only.form.code)
        ):
            # a report's own page: another report's row is refused without a look-up
            unplaced.append(
                Rejected(
                    row.ref,
                    _("The row belongs to another report (%(unit)s, %(form)s, %(period)s), not to this one.")
                    % {
                        "unit": unit_code[:40],
                        "form": (row.form or only.form.code)[:40],
                        "period": period_code[:20],
                    },
                )
            )
            continue
        if not unit_code:
            unplaced.append(Rejected(row.ref, _("The row names no unit (orgUnit).")))
            continue
        unit = placer.unit(unit_code)
        if unit is None:
            unplaced.append(
                Rejected(row.ref, _("There is no unit with the code “%(code)s”.") % {"code": unit_code[:40]})
            )
            continue
        if not period_code:
            unplaced.append(Rejected(row.ref, _("The row names no period.")))
            continue
        try:
            period = Period.parse(period_code[:20])
        except ValueError as exc:
            unplaced.append(Rejected(row.ref, str(exc)))
            continue
        code, part = _split_element(row.element)
        indicator = placer.indicator(code) if code else None
        form_code = row.form or (only.form.code if only else "")
        if form_code:
            form = placer.form(form_code)
            if form is None:
                unplaced.append(
                    Rejected(
                        row.ref,
                        _("There is no reporting form with the code “%(code)s”.") % {"code": form_code[:40]},
                    )
                )
                continue
        else:
            forms = placer.guess_form(unit, period, indicator)
            if len(forms) != 1:
                unplaced.append(
                    Rejected(
                        row.ref,
                        _("Say which form the row belongs to: put the form's code in attributeOptionCombo."),
                    )
                )
                continue
            form = forms[0]
        key = (unit.pk, form.pk, period.code)
        report = reports.get(key)
        if report is None:
            report = reports[key] = _Report(
                unit=unit,
                form=form,
                period=period.code,
                result=ReportResult(
                    unit_code=unit.code,
                    unit_name=unit.name,
                    form_code=form.code,
                    form_name=form.name,
                    period=period.code,
                    period_label=period.label,
                ),
            )
        problem = row.error or _row_problem(row, report, placer, indicator, part, code)
        if problem:
            report.result.rejected.append(Rejected(row.ref, problem))
    return reports, unplaced


def _row_problem(
    row: Row, report: _Report, placer: _Placer, indicator: Indicator | None, part: str, code: str
) -> str:
    """Why the row cannot go into its report, or "" after adding it to the report's figures."""
    only = placer.only
    if only is not None and (report.unit.pk, report.form.pk, report.period) != (
        only.unit_id,
        only.form_id,
        only.period,
    ):
        return _("The row belongs to another report (%(unit)s, %(form)s, %(period)s), not to this one.") % {
            "unit": report.unit.name,
            "form": report.form.code,
            "period": report.period,
        }
    if not row.element:
        return _("The row names no indicator (dataElement).")
    if indicator is None:
        return _("There is no indicator with the code “%(code)s”.") % {"code": code[:40]}
    if indicator.code not in placer.codes_of(report.form):
        return _("%(code)s is not an indicator of the form %(form)s.") % {
            "code": indicator.code,
            "form": report.form.code,
        }
    # the template's reason cell: every changed figure of the indicator (no value of its own)
    indicator_reason = row.category == "*" and row.value is KEEP
    if indicator.is_ratio and not part and not indicator_reason:
        return _(
            "%(code)s is a percentage or ratio: give %(code)s.N (numerator) and %(code)s.D (denominator)."
        ) % {"code": indicator.code}
    if not indicator.is_ratio and part:
        return _("%(code)s is a count: its data element is %(code)s, without .N or .D.") % {
            "code": indicator.code
        }
    report.indicators[indicator.code] = indicator
    if indicator_reason:
        if row.reason:
            report.indicator_reasons[indicator.code] = row.reason
        return ""
    category = TOTAL if row.category in ("", DEFAULT_COMBO) else row.category
    if category not in {key for key, _label in indicator.categories()}:
        return _("%(code)s has no category “%(category)s”.") % {
            "code": indicator.code,
            "category": row.category[:40],
        }
    figure = report.figures.setdefault((indicator.code, category), _Figure())
    slot = "denominator" if part == DENOMINATOR else "numerator"
    if row.value is not KEEP:
        if getattr(figure, slot) is not KEEP:
            return _("%(element)s (%(category)s) is given twice.") % {
                "element": row.element,
                "category": combo_id(category),
            }
        try:
            setattr(figure, slot, read_number(None if row.value == "" else row.value, row.machine))
        except ValidationError as exc:
            return " ".join(exc.messages)
        if row.original is not KEEP:
            figure.originals[slot] = row.original
    if only is not None and row.stamp is not None:
        figure.stamp = row.stamp if figure.stamp is None else min(figure.stamp, row.stamp)
    if row.comment is not None:
        # the count's or numerator's comment wins over the denominator's
        if figure.comment is None or (row.comment and (part != DENOMINATOR or not figure.comment)):
            figure.comment = row.comment
        if row.reason is not None and (figure.reason is None or row.reason):
            figure.reason = row.reason
    figure.refs.append(row.ref)
    return ""


def _label(indicator: Indicator, category: str) -> str:
    for key, label in indicator.categories():
        if key == category:
            return label
    return category


def _shown(indicator: Indicator, numerator: Decimal | None, denominator: Decimal | None) -> str:
    if indicator.is_ratio:
        return f"{number_text(numerator) or '—'} / {number_text(denominator) or '—'}"
    return number_text(numerator) or "—"


def _entries(
    report: _Report, existing: Mapping[tuple[str, str], DataValue]
) -> tuple[dict[tuple[str, str], services.Entry], list[Rejected]]:
    """The figures to save, each complete (parts the file leaves out keep their value)."""
    entries: dict[tuple[str, str], services.Entry] = {}
    conflicts: list[Rejected] = []
    for (code, category), figure in report.figures.items():
        indicator = report.indicators[code]
        current = existing.get((code, category))
        now = {
            "numerator": current.numerator if current else None,
            "denominator": current.denominator if current else None,
        }
        for slot, original in figure.originals.items():
            # someone changed it meanwhile, to something else than this file says
            if _differs((now[slot],), (original,)) and _differs((now[slot],), (getattr(figure, slot),)):
                conflicts.append(
                    Rejected(
                        figure.refs[0] if figure.refs else code,
                        _(
                            "%(name)s was changed in the system after the template was downloaded (now %(now)s): download a new template."
                        )
                        % {
                            "name": f"{code} ({_label(indicator, category)})",
                            "now": number_text(now[slot]) or "—",
                        },
                    )
                )
        numerator = now["numerator"] if figure.numerator is KEEP else figure.numerator
        denominator = now["denominator"] if figure.denominator is KEEP else figure.denominator
        made = entries[(code, category)] = services.Entry(
            numerator,
            denominator if indicator.is_ratio else None,
            reason=figure.reason if figure.reason is not None else (current.reason if current else ""),
            comment=figure.comment if figure.comment is not None else (current.comment if current else ""),
        )
        if _stale(figure, current, made):
            conflicts.append(
                Rejected(
                    figure.refs[0] if figure.refs else code,
                    _(
                        "%(name)s was changed in the system after this file was exported (now %(now)s): export the figures again."
                    )
                    % {
                        "name": f"{code} ({_label(indicator, category)})",
                        "now": _shown(indicator, now["numerator"], now["denominator"]),
                    },
                )
            )
    for code, reason in report.indicator_reasons.items():
        indicator = report.indicators[code]
        for category, _label_text in indicator.categories():
            entry = entries.get((code, category))
            current = existing.get((code, category))
            if entry is not None:
                if current is None or (entry.numerator, entry.denominator) != (
                    current.numerator,
                    current.denominator,
                ):
                    entry.reason = reason
            elif current is not None and current.changed_from_prefill and not current.reason.strip():
                entries[(code, category)] = services.Entry(
                    current.numerator, current.denominator, reason=reason, comment=current.comment
                )
    return entries, conflicts


def _stale(figure: _Figure, current: DataValue | None, entry: services.Entry) -> bool:
    """A JSON or CSV row of a report's upload page that would overwrite a figure saved
    after the file was exported (its lastUpdated, to the second) with something else."""
    if figure.stamp is None or current is None:
        return False
    if current.updated_at.replace(microsecond=0) <= figure.stamp.replace(microsecond=0):
        return False
    return _differs((current.numerator, current.denominator), (entry.numerator, entry.denominator)) or (
        current.comment.strip(),
        current.reason.strip(),
    ) != (entry.comment.strip(), entry.reason.strip())


def _apply(actor: Actor, report: _Report, *, dry_run: bool, source: str, file_name: str) -> None:
    result = report.result
    unit, form = report.unit, report.form
    if unit.level != Level.COMMUNE:
        result.rejected.append(Rejected(result.unit_code, _("Reports are entered by communes and wards.")))
        return
    if form.province_id not in (None, unit.province.pk):
        result.rejected.append(
            Rejected(
                result.form_code,
                _("The form %(form)s is not used in %(unit)s.") % {"form": form.code, "unit": unit.name},
            )
        )
        return
    if Period.parse(report.period).type != form.period_type:
        result.rejected.append(
            Rejected(
                result.period,
                _("This form is reported for %(type)s periods.") % {"type": form.get_period_type_display()},
            )
        )
        return
    try:
        # outside the transaction, so that a refusal stays in the audit log
        require(actor, "enter", Submission, unit=unit, own_unit=True)
    except PermissionDenied:
        result.rejected.append(
            Rejected(result.unit_code, _("You may not enter figures for %(unit)s.") % {"unit": unit.name})
        )
        return
    try:
        with transaction.atomic():
            submission = Submission.objects.filter(form=form, unit=unit, period=report.period).first()
            if submission is None:
                submission = services.open_submission(form, unit, report.period, actor=actor)
            result.submission_id = submission.pk
            if not submission.is_editable:
                raise ValidationError(
                    _("This report is %(status)s and can no longer be changed.")
                    % {"status": submission.get_status_display().lower()}
                )
            existing = {
                (v.indicator.code, v.category): v for v in submission.values.select_related("indicator")
            }
            entries, conflicts = _entries(report, existing)
            if conflicts:
                result.rejected.extend(conflicts)
                raise _Rollback
            for (code, category), entry in entries.items():
                indicator = report.indicators[code]
                current = existing.get((code, category))
                before = (current.numerator, current.denominator) if current else (None, None)
                after = (entry.numerator, entry.denominator)
                result.imported.append(
                    Imported(
                        code=code,
                        category=category,
                        label=_label(indicator, category),
                        value=_shown(indicator, *after),
                        before=_shown(indicator, *before),
                        changed=_differs(before, after)
                        or (current is None and bool(entry.comment.strip()))
                        or (
                            current is not None
                            and (current.comment.strip(), current.reason.strip())
                            != (entry.comment.strip(), entry.reason.strip())
                        ),
                    )
                )
            # rows refused already: the rest still runs, undone, so that the rules' findings
            # are listed with them in one go
            saved = services.save_values(submission, entries, actor=actor)
            codes = set(report.indicators)
            refs = {key: figure.refs for key, figure in report.figures.items()}
            for finding in services.findings(saved):
                if finding.code not in codes:
                    continue
                if finding.blocking:
                    where = refs.get((finding.code, finding.category)) or [finding.code]
                    result.rejected.append(Rejected(", ".join(where[:3]), finding.message))
                elif finding.level == validation.WARNING:
                    result.warnings.append(finding.message)
            if result.rejected:
                raise _Rollback
            audit.record(
                actor,
                Event.DATAVALUES_IMPORTED,
                saved,
                meta={"figures": len(entries), "format": source, "file": strip_controls(file_name)[:120]},
            )
            if dry_run:
                raise _Rollback
            result.saved = True
    except _Rollback:
        if result.rejected:
            result.imported = []
    except ValidationError as exc:
        result.rejected.append(Rejected(result.form_code, " ".join(exc.messages)))
        result.imported = []
    except PermissionDenied:
        result.rejected.append(
            Rejected(result.unit_code, _("You may not enter figures for %(unit)s.") % {"unit": unit.name})
        )
        result.imported = []
    if result.rejected or dry_run:
        result.saved = False
        if result.submission_id and not Submission.objects.filter(pk=result.submission_id).exists():
            result.submission_id = None


def _differs(before: tuple[Decimal | None, ...], after: tuple[Decimal | None, ...]) -> bool:
    return any(
        (b is None) != (a is None) or (a is not None and b is not None and a.normalize() != b.normalize())
        for b, a in zip(before, after, strict=True)
    )


def import_rows(
    rows: list[Row],
    *,
    actor: Actor,
    source: str,
    file_name: str = "",
    dry_run: bool = False,
    only: Submission | None = None,
) -> ImportResult:
    """Import the rows, each report all or nothing; with `only` (a report's upload page)
    every row must belong to that report, and any rejected row rejects the file."""
    result = ImportResult(source=source, dry_run=dry_run)
    placer = _Placer(only)
    reports, unplaced = _place(rows, placer)
    result.unplaced = unplaced
    if only is not None:
        # one report: every problem of the file is that report's, and stops it
        own = reports.pop((only.unit_id, only.form_id, only.period), None)
        if own is None:
            own = _Report(unit=only.unit, form=only.form, period=only.period, result=_result_of(only))
        for other in reports.values():
            own.result.rejected.extend(other.result.rejected)
        own.result.rejected.extend(unplaced)
        reports, result.unplaced = {(only.unit_id, only.form_id, only.period): own}, []
    for report in reports.values():
        _apply(actor, report, dry_run=dry_run, source=source, file_name=file_name)
        result.reports.append(report.result)
    return result


def _result_of(submission: Submission) -> ReportResult:
    return ReportResult(
        unit_code=submission.unit.code,
        unit_name=submission.unit.name,
        form_code=submission.form.code,
        form_name=submission.form.name,
        period=submission.period,
        period_label=submission.period_label,
        submission_id=submission.pk,
    )


def import_file(
    data: bytes,
    *,
    actor: Actor,
    file_name: str = "",
    dry_run: bool = False,
    only: Submission | None = None,
) -> ImportResult:
    """Any of the three formats, told apart by the bytes (an XLSX template needs `only`
    or names its report in its hidden sheet)."""
    from core.filetypes import ZIP_SIGNATURE, binary_type

    if not data:
        raise FileRefused(_("The file is empty."))
    if data.startswith(ZIP_SIGNATURE) or binary_type(data[:16]) is not None:
        kind = binary_type(data[:16], data)
        if kind is None and data.startswith(ZIP_SIGNATURE) and not zipfile.is_zipfile(io.BytesIO(data)):
            raise FileRefused(_("The file cannot be read as an Excel workbook: it may be damaged."))
        if kind != "xlsx":
            raise FileRefused(_("The file is neither an XLSX template nor a JSON or CSV data value file."))
        rows = xlsx.read_template(data, only)
        return import_rows(rows, actor=actor, source="xlsx", file_name=file_name, dry_run=dry_run, only=only)
    source, rows = read_text_file(data)
    if not rows:
        raise FileRefused(_("The file holds no data values."))
    return import_rows(rows, actor=actor, source=source, file_name=file_name, dry_run=dry_run, only=only)
