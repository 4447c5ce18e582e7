"""Work pages: the unit's tasks, "My work", a task with its progress, the progress form,
an ad-hoc task, and evidence files (served only to those who may read the task)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.guards import get_for_user_or_404, permitted, require
from apps.access.scope import active_membership
from apps.geo.models import Agency, Level
from apps.work import services
from apps.work.forms import ProgressForm, TaskFilterForm, TaskForm
from apps.work.forms_assign import AssignForm
from apps.work.held import HeldSelection
from apps.work.history import task_history
from apps.work.mine import my_work as my_work_of
from apps.work.mine import readable_tasks, unit_agencies
from apps.work.models import Evidence, ProgressUpdate, Task, TaskQuerySet

PAGE_SIZE = 25


def _unit_agencies(request: HttpRequest, membership: Any) -> QuerySet[Agency]:
    return unit_agencies(request.user, membership.unit if membership is not None else None)


def _tasks(request: HttpRequest) -> TaskQuerySet:
    """The tasks the user may read, after making those of the unit's issued plans."""
    return readable_tasks(request.user)


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    agencies = _unit_agencies(request, membership)
    form = TaskFilterForm(request.GET or None, agencies=agencies)
    tasks = _tasks(request)
    today = timezone.localdate()
    if form.is_valid():
        data = form.cleaned_data
        tasks = tasks.search(data["q"])
        if data["status"]:
            tasks = tasks.with_display_status(data["status"], today)
        if data["agency"]:
            tasks = tasks.of_agency(data["agency"])
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "work/task_list.html",
        {
            "form": form,
            "page": Paginator(tasks.order_by("end", "unit__name_key", "ref", "pk"), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "filters": filters.urlencode(),
            "filters_active": any(request.GET.get(k) for k in ("status", "agency")),
            "show_unit": membership is not None and membership.unit.level == Level.PROVINCE,
            "can_add": membership is not None
            and permitted(request.user, "add", Task, unit=membership.unit, own_unit=True),
        },
    )


@login_required
@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    """A focal person's agency's tasks (anyone else's: their own unit's): overdue, due in
    the next 14 days, and the rest still open."""
    membership = active_membership(request.user)
    work = my_work_of(request.user, timezone.localdate())
    return render(
        request,
        "work/my_work.html",
        {
            "agency": membership.agency if membership is not None else None,
            "overdue": work.overdue,
            "due_soon": work.due_soon,
            "later": work.later,
            "days": work.days,
        },
    )


def _task(request: HttpRequest, pk: int) -> Task:
    task: Task = get_for_user_or_404(
        Task.objects.select_related("unit", "lead", "plan", "plan_task"), request.user, pk=pk
    )
    return task


def _render_task(request: HttpRequest, task: Task, assign_form: AssignForm | None = None) -> HttpResponse:
    updates = (
        ProgressUpdate.objects.for_user(request.user)
        .filter(task=task)
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.for_user(request.user).order_by("pk"))
        )
    )
    targets = list(task.plan_task.targets.all()) if task.plan_task is not None else []
    partners = task.partners.order_by("name_key")
    can_assign = permitted(request.user, "change", task, own_unit=True)
    if can_assign and assign_form is None:
        assign_form = AssignForm(
            agencies=_task_agencies(request, task),
            initial={"lead": task.lead_id, "partners": list(partners), "start": task.start, "end": task.end},
        )
    return render(
        request,
        "work/task_detail.html",
        {
            "task": task,
            "partners": partners,
            "updates": updates,
            "targets": targets,
            "can_report": services.may_report(request.user, task),
            "assign_form": assign_form if can_assign else None,
            "assign_open": assign_form is not None and assign_form.is_bound,
            "history": task_history(task),
        },
    )


def _task_agencies(request: HttpRequest, task: Task) -> QuerySet[Agency]:
    return Agency.objects.for_user(request.user).filter(unit=task.unit, is_active=True).order_by("name_key")


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_task(request, _task(request, pk))


@login_required
@require_POST
def task_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's choice of lead, partners and dates; a refused one shows the task page
    again with what she chose and why."""
    task = _task(request, pk)
    require(request.user, "change", task, own_unit=True)
    form = AssignForm(request.POST, agencies=_task_agencies(request, task))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_task(
                task,
                actor=request.user,
                lead=data["lead"],
                partners=data["partners"],
                start=data["start"],
                end=data["end"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved: who does the task and by when."))
            return redirect("work:task_detail", pk=task.pk)
    return _render_task(request, task, form)


@login_required
@require_http_methods(["GET", "POST"])
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    services.require_report(request.user, task)
    may_cancel = permitted(request.user, "change", task, own_unit=True)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        may_cancel=may_cancel,
        initial={"status": task.status, "percent": task.percent},
    )
    # evidence chosen before a failed save stays chosen (held for this session)
    held = HeldSelection(request, field="evidence", purpose=f"work.progress:{task.pk}")
    if request.method == "POST":
        chosen = request.FILES.getlist("evidence")
        lost = held.error()
        if lost:
            form.add_error(None, lost)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.post_progress(
                    task,
                    actor=request.user,
                    status=data["status"],
                    percent=data["percent"],
                    note=data["note"],
                    uploads=held.uploads(chosen),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                held.release_all()
                messages.success(request, _("Progress saved."))
                return redirect("work:task_detail", pk=task.pk)
        for refusal in held.keep(chosen):
            if refusal not in form.non_field_errors():
                form.add_error(None, refusal)
    return render(request, "work/task_progress.html", {"task": task, "form": form, "held": held})


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    unit = membership.unit if membership else None
    require(request.user, "add", Task, unit=unit, own_unit=True)
    assert membership is not None and unit is not None
    form = TaskForm(request.POST or None, agencies=_unit_agencies(request, membership))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.create_task(
                unit,
                actor=request.user,
                title=data["title"],
                lead=data["lead"],
                partners=data["partners"],
                start=data["start"],
                end=data["end"],
                recurrence=data["recurrence"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Task added."))
            return redirect("work:task_detail", pk=task.pk)
    return render(request, "work/task_new.html", {"form": form, "unit": unit})


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for those who may read its task; photos are shown, others downloaded."""
    item: Evidence = get_for_user_or_404(
        Evidence.objects.select_related("update__task__unit"), request.user, pk=pk
    )
    return item.serve()
