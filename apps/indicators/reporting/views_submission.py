"""A commune's report: the figures grouped by indicator group, each with what the system
counted, the targets and last period's approved value beside it, the validation
findings in place; saving (optimistic: a report saved by someone else meanwhile answers
409 and overwrites nothing), submitting, and the province's return, approval and
reopening, with the report's history at the bottom. Anyone whose active unit is not the
report's commune (the province) sees its violence figures from 1 to 4 as "<5", with the
complementary "x" (`suppression`); the commune's own users see them as they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.access.guards import get_for_user_or_404, permitted, require
from apps.indicators import services
from apps.indicators.catalogue import targets
from apps.indicators.catalogue.categories import TOTAL
from apps.indicators.models import COMPLETE, GROUPS, DataValue, Indicator, Status, Submission
from apps.indicators.reporting import inbox, suppression, validation
from apps.indicators.reporting.forms import ReopenForm, ReportValuesForm, ReturnForm, field_name
from apps.indicators.reporting.periods import Period
from core.text import fold

HISTORY_LABELS = {
    "opened": gettext_lazy("Opened"),
    "saved": gettext_lazy("Figures saved"),
    "submitted": gettext_lazy("Submitted"),
    "returned": gettext_lazy("Returned to the commune"),
    "approved": gettext_lazy("Approved"),
    "reopened": gettext_lazy("Reopened for correction"),
}


@dataclass
class Cell:
    category: str
    label: str
    value: DataValue | None
    num: BoundField | None = None
    den: BoundField | None = None
    reason: BoundField | None = None
    comment: BoundField | None = None
    findings: list[validation.Finding] = field(default_factory=list)
    computed: Any = None  # a ratio's value (numerator / denominator × multiplier)
    # a hidden violence figure's mark ("<5" or "x") instead of the figure and its parts,
    # and the same for the figure the system counted
    mark: str = ""
    prefill_mark: str = ""
    # the notes of an indicator with a hidden figure ("3 cases in thôn Đông") are hidden too
    notes_hidden: bool = False

    @property
    def is_total(self) -> bool:
        return self.category == TOTAL

    @property
    def note_value(self) -> DataValue | None:
        """The value whose reason, comment and counting note the page may show."""
        return None if self.notes_hidden else self.value

    @property
    def had_notes(self) -> bool:
        v = self.value
        return self.notes_hidden and v is not None and bool(v.reason or v.comment or v.prefill_note)

    @property
    def prefilled(self) -> bool:
        v = self.value
        return v is not None and (v.prefilled_numerator is not None or v.prefilled_denominator is not None)

    @property
    def changed(self) -> bool:
        return self.value is not None and self.value.changed_from_prefill

    @property
    def show_reason(self) -> bool:
        """The reason input is shown when the figure differs from the counted one, has a
        reason already, or came back with an error (static/indicators/report.js also
        reveals it as soon as the typed figure differs)."""
        return bool(
            self.reason is not None
            and (self.changed or (self.value is not None and self.value.reason) or self.reason.errors)
        )

    @property
    def errors(self) -> list[validation.Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self) -> list[validation.Finding]:
        return [f for f in self.findings if not f.blocking]


@dataclass
class Block:
    indicator: Indicator
    cells: list[Cell]
    plan_target: targets.Target | None
    strategy: inbox.StrategyTarget | None
    previous: Any
    value: Any  # the total's value (the computed percentage for a ratio)
    previous_mark: str = ""  # last period's total hidden ("<5")

    @property
    def value_mark(self) -> str:
        return self.total.mark

    @property
    def total(self) -> Cell:
        return self.cells[0]

    @property
    def has_errors(self) -> bool:
        return any(c.errors for c in self.cells)


def submission_or_404(request: HttpRequest, pk: int) -> Submission:
    """The report with what its pages show of it, if the user's scope reaches it."""
    found: Submission = get_for_user_or_404(
        Submission.objects.select_related("form", "unit", "province", "reporting_period"),
        request.user,
        "view",
        pk=pk,
    )
    return found


def _values(submission: Submission) -> dict[tuple[int, str], DataValue]:
    return {(v.indicator_id, v.category): v for v in submission.values.all()}


def _values_form(
    submission: Submission,
    data: Any = None,
    findings: list[validation.Finding] | None = None,
) -> ReportValuesForm:
    warned = {(f.code, f.category) for f in findings or [] if not f.blocking}
    return ReportValuesForm(
        data,
        indicators=submission.form.ordered_indicators(),
        values=_values(submission),
        warned=warned,
        revision=submission.revision,
    )


def _bound(form: ReportValuesForm | None, code: str, category: str, part: str) -> BoundField | None:
    if form is None:
        return None
    name = field_name(code, category, part)
    return form[name] if name in form.fields else None


def _groups(
    submission: Submission,
    form: ReportValuesForm | None,
    findings: list[validation.Finding],
    *,
    suppress: bool = False,
) -> list[inbox.Group]:
    year = Period.parse(submission.period).year
    plan = targets.plan_targets(submission.unit, year)
    previous = inbox.previous_values(submission)
    values = _values(submission)
    previous_marks = suppression.previous_marks(submission) if suppress else {}
    by_key: dict[tuple[str, str], list[validation.Finding]] = {}
    for finding in findings:
        by_key.setdefault((finding.code, finding.category), []).append(finding)
    groups: dict[str, inbox.Group] = {}
    for indicator in submission.form.ordered_indicators():
        marks: dict[str, str] = {}
        prefill_marks: dict[str, str] = {}
        if suppress and suppression.sensitive(indicator):
            own = {c: v for (pk, c), v in values.items() if pk == indicator.pk}
            marks = suppression.figure_marks(
                indicator, {c: suppression.Figure(v.numerator, v.denominator) for c, v in own.items()}
            )
            prefill_marks = suppression.figure_marks(
                indicator,
                {
                    c: suppression.Figure(v.prefilled_numerator, v.prefilled_denominator)
                    for c, v in own.items()
                },
            )
        cells = []
        for category, label in indicator.categories():
            code = indicator.code
            value = values.get((indicator.pk, category))
            cells.append(
                Cell(
                    category=category,
                    label=label,
                    value=value,
                    computed=indicator.value_of(value.numerator, value.denominator) if value else None,
                    num=_bound(form, code, category, "num"),
                    den=_bound(form, code, category, "den"),
                    reason=_bound(form, code, category, "reason"),
                    comment=_bound(form, code, category, "comment"),
                    findings=by_key.get((code, category), []),
                    mark=marks.get(category, ""),
                    prefill_mark=prefill_marks.get(category, ""),
                )
            )
        if any(c.mark or c.prefill_mark for c in cells):
            for cell in cells:
                cell.notes_hidden = True
        total = cells[0].value
        group = groups.setdefault(
            indicator.group, inbox.Group(indicator.group, str(GROUPS.get(indicator.group, indicator.group)))
        )
        group.blocks.append(
            Block(
                indicator=indicator,
                cells=cells,
                plan_target=plan.get(indicator.code),
                strategy=inbox.StrategyTarget.of(indicator, year),
                previous=previous.get(indicator.pk),
                value=indicator.value_of(total.numerator, total.denominator) if total is not None else None,
                previous_mark=previous_marks.get(indicator.pk, ""),
            )
        )
    return list(groups.values())


@dataclass
class Problem:
    """A finding that stopped the report from being sent, and whether the page should
    add "add a comment that explains it" (a warning that does not say so itself)."""

    finding: validation.Finding
    advice: bool


def _problems(findings: list[validation.Finding] | None) -> list[Problem] | None:
    if findings is None:
        return None
    advice = fold(_("add a comment that explains it"))
    return [Problem(f, not f.blocking and advice not in fold(f.message)) for f in findings]


@dataclass
class FieldError:
    """One line of the error summary above a report that was not saved: the field's
    label, its first error and the anchor of its input."""

    anchor: str
    label: str
    message: str


def _error_summary(form: ReportValuesForm | None) -> list[FieldError]:
    if form is None or not form.is_bound or not form.errors:
        return []
    found = []
    for name, errors in form.errors.items():
        if name in ("revision", "__all__") or name not in form.fields:
            continue
        bound = form[name]
        found.append(FieldError(bound.id_for_label, str(bound.label), str(errors[0])))
    return found


def _page(
    request: HttpRequest,
    submission: Submission,
    *,
    values_form: ReportValuesForm | None = None,
    return_form: ReturnForm | None = None,
    reopen_form: ReopenForm | None = None,
    problems: list[validation.Finding] | None = None,
    conflict: list[tuple[str, str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    editable = submission.is_editable
    can_enter = editable and permitted(user, "enter", submission, own_unit=True)
    can_review = permitted(user, "review", submission)
    findings = services.findings(submission)
    if can_enter and values_form is None:
        values_form = _values_form(submission, findings=findings)
    suppress = suppression.outsider(user, submission)
    groups = _groups(submission, values_form if can_enter else None, findings, suppress=suppress)
    if suppress:  # a message about a hidden figure would tell it
        hidden = suppression.hidden_codes(submission)
        findings = suppression.masked_findings(findings, hidden)
        for cell in (c for g in groups for b in g.blocks for c in b.cells):
            cell.findings = suppression.masked_findings(cell.findings, hidden)
    previous_report = inbox.previous_report(submission)
    history = list(submission.history.all())
    last_comment = next((h for h in history if h.action in ("returned", "reopened")), None)
    last_sent = next((h for h in history if h.action == "submitted"), None)
    due = submission.reporting_period
    period_end = Period.parse(submission.period).end
    return render(
        request,
        "indicators/submission.html",
        {
            "submission": submission,
            "status_label": inbox.status_label(submission.status),
            "tone": inbox.STATUS_TONES[submission.status],
            "groups": groups,
            "suppressing": suppress
            and any(
                b.previous_mark or any(c.mark or c.prefill_mark for c in b.cells)
                for g in groups
                for b in g.blocks
            ),
            "suppression_limit": suppression.threshold() - 1,
            "suppression_mark": suppression.mark(),
            "complement_mark": suppression.COMPLEMENT_MARK,
            "values_form": values_form if can_enter else None,
            "can_enter": can_enter,
            "can_submit": editable and permitted(user, "submit", submission, own_unit=True),
            # sent before its period ends, a report leaves out what is done after today
            "period_end": period_end if period_end >= timezone.localdate() else None,
            "can_return": can_review and submission.status == Status.SUBMITTED,
            "can_approve": can_review and submission.status == Status.SUBMITTED,
            "can_reopen": can_review and submission.status == Status.APPROVED,
            "return_form": return_form or ReturnForm(),
            "reopen_form": reopen_form or ReopenForm(),
            "findings": findings,
            "errors": [f for f in findings if f.blocking],
            "warnings": [f for f in findings if not f.blocking],
            "problems": _problems(problems),
            "error_summary": _error_summary(values_form if can_enter else None),
            "conflict": conflict,
            "previous_label": Period.parse(submission.period).previous().label,
            "previous_status": previous_report.status if previous_report is not None else None,
            "due_source": inbox.due_source_text(submission.form, due.due_source),
            "overdue": submission.status not in COMPLETE and timezone.localdate() > due.due,
            "last_sent": last_sent if submission.completed_at is None else None,
            "history": [(h, HISTORY_LABELS.get(h.action, h.action)) for h in history],
            "last_comment": last_comment if submission.status == Status.RETURNED else None,
            "period": Period.parse(submission.period),
        },
        status=status,
    )


@login_required
@require_GET
def submission_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, submission_or_404(request, pk))


def _save(request: HttpRequest, submission: Submission) -> tuple[Submission | None, HttpResponse | None]:
    """Save the posted figures: the saved report, or the page to answer with instead."""
    if not submission.is_editable:
        messages.error(
            request,
            _("This report is %(status)s and can no longer be changed.")
            % {"status": inbox.status_label(submission.status).lower()},
        )
        return None, redirect("indicators:submission", pk=submission.pk)
    form = _values_form(submission, request.POST, findings=services.findings(submission))
    if not form.is_valid():
        if "revision" in form.errors:
            messages.error(request, _("The page was out of date: open the report again."))
            return None, _page(request, submission, values_form=form, status=400)
        messages.error(request, _("Some figures need correcting: nothing was saved."))
        return None, _page(request, submission, values_form=form)
    try:
        saved = services.save_values(
            submission, form.entries(), actor=request.user, revision=form.cleaned_data["revision"]
        )
    except services.StaleReport:
        fresh = submission_or_404(request, submission.pk)
        return None, _page(request, fresh, conflict=form.typed(), status=409)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None, _page(request, submission, values_form=form)
    return saved, None


@login_required
@require_POST
def submission_save(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "enter", submission, own_unit=True)
    _saved, answer = _save(request, submission)
    if answer is not None:
        return answer
    messages.success(request, _("Figures saved."))
    return redirect("indicators:submission", pk=pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the report to the province; figures posted with it are saved first."""
    submission = submission_or_404(request, pk)
    require(request.user, "submit", submission, own_unit=True)
    if any(key.endswith("__num") for key in request.POST):
        saved, answer = _save(request, submission)
        if answer is not None:
            return answer
        assert saved is not None
        submission, revision = saved, saved.revision
    else:
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            messages.error(request, _("The page was out of date: open the report again."))
            return redirect("indicators:submission", pk=pk)
    try:
        services.submit(submission, actor=request.user, revision=revision)
    except services.ReportInvalid as exc:
        messages.error(request, _("The report was not sent: correct the figures below first."))
        fresh = submission_or_404(request, pk)
        return _page(request, fresh, problems=exc.findings)
    except services.StaleReport:
        messages.error(
            request, _("Someone else saved this report meanwhile: check the figures and send it again.")
        )
        return redirect("indicators:submission", pk=pk)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("indicators:submission", pk=pk)
    messages.success(request, _("Report sent to the province."))
    return redirect("indicators:submission", pk=pk)


@login_required
@require_POST
def return_report(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "review", submission)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        # said at the top too: the form is at the foot of a long page
        messages.error(request, _("The report was not returned: see the comment below."))
        return _page(request, submission, return_form=form)
    try:
        services.return_submission(submission, form.cleaned_data["comment"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Report returned to %(unit)s.") % {"unit": submission.unit.name})
    return redirect("indicators:submission", pk=pk)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "review", submission)
    try:
        services.approve(submission, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Report of %(unit)s approved: its figures count in the province's totals.")
            % {"unit": submission.unit.name},
        )
    return redirect("indicators:submission", pk=pk)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "review", submission)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report was not reopened: see the reason below."))
        return _page(request, submission, reopen_form=form)
    try:
        services.reopen(submission, form.cleaned_data["reason"], actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Report reopened: %(unit)s can correct it.") % {"unit": submission.unit.name}
        )
    return redirect("indicators:submission", pk=pk)
