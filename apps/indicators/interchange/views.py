"""A report's figures as files: DHIS2 JSON or CSV for anyone who may read the report, an
XLSX template to fill offline, and an upload page (template, JSON or CSV) that imports
through the same path as the command line and shows what was imported or refused."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.guards import require
from apps.indicators.interchange import datavaluesets, xlsx
from apps.indicators.models import Submission
from apps.indicators.reporting import suppression
from apps.indicators.reporting.views_submission import submission_or_404

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("The filled XLSX template, or a DHIS2 JSON or CSV file; at most 5 MB."),
    )
    dry_run = forms.BooleanField(required=False, label=gettext_lazy("Only check the file: save nothing"))


def _file_name(submission: Submission, extension: str) -> str:
    stem = slugify(f"{submission.form.code}-{submission.unit.code}-{submission.period}")
    return f"{stem}.{extension}"


def _attachment(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    submission = submission_or_404(request, pk)
    hide = suppression.outsider(request.user, submission)
    body = (datavaluesets.to_json if fmt == "json" else datavaluesets.to_csv)([submission], suppress=hide)
    return _attachment(body, CONTENT_TYPES[fmt], _file_name(submission, fmt))


@login_required
@require_GET
def template(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "enter", submission, own_unit=True)
    body = xlsx.build_template(submission)
    return _attachment(body, XLSX, _file_name(submission, "xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    require(request.user, "enter", submission, own_unit=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        if not submission.is_editable:
            form.add_error(
                None,
                _("This report is %(status)s and can no longer be changed.")
                % {"status": submission.get_status_display().lower()},
            )
        elif file.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is too big: at most 5 MB."))
        else:
            data = file.read(MAX_UPLOAD_BYTES + 1)
            try:
                if len(data) > MAX_UPLOAD_BYTES:
                    raise datavaluesets.FileRefused(_("The file is too big: at most 5 MB."))
                result = datavaluesets.import_file(
                    data, actor=request.user, file_name=file.name or "", dry_run=dry_run, only=submission
                )
            except datavaluesets.FileRefused as exc:
                form.add_error("file", str(exc))
            else:
                if result.ok and not dry_run:
                    messages.success(
                        request,
                        _("%(count)s figures read, %(changed)s of them changed in the report.")
                        % {"count": result.imported_count, "changed": result.changed_count}
                        if result.changed_count
                        else _("%(count)s figures read: the report already had them all, nothing changed.")
                        % {"count": result.imported_count},
                    )
                    submission.refresh_from_db()
    return render(
        request,
        "indicators/interchange/upload.html",
        {
            "submission": submission,
            "form": form,
            "result": result,
            "report": result.reports[0] if result and result.reports else None,
            "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        },
    )
