"""The narrative of a consolidated report, pre-drafted from what the system knows and then
edited by the unit's officer before export (shared/domain/report-format.md §4–§5):
I. the plans issued in the period; II.1 one part per task of the plan, in the plan's order,
numbered 1.1, 1.2 … under "1. Kết quả thực hiện các nhiệm vụ" with the plan's own number
of the task in brackets (status, percent, progress notes, activities and people reached by
sex; for a province, how many of the communes whose plan carries the task have started
it); III. strengths, limitations, causes; IV. next period (the unfinished tasks); V.
proposals; then the recipients and the signer.

The words are those of a Vietnamese state document, whatever the interface language, so
they are written here in Vietnamese. Each section is plain text, one paragraph a line:
a line starting with "- " is an item, a line starting with a number ("II.1.", "2.") a
heading (see `docx_export.line_kind`)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from apps.activities import figures as activity_figures
from apps.activities.models import Activity
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators.models import ReportForm
from apps.indicators.reporting import completeness
from apps.indicators.reporting.periods import Period
from apps.plans.content import division_word
from apps.plans.export.content import short_date
from apps.plans.models import Plan, PlanStatus, PlanTask
from apps.work.models import OPEN_STATUSES, ProgressUpdate, Task, TaskStatus
from apps.work.sync import sync_plan_tasks
from core.text import fold


@dataclass(frozen=True)
class Section:
    key: str
    label: Any  # shown on the edit page
    rows: int = 6  # height of its text box


SECTIONS = (
    Section("addressee", _("To (Kính gửi)"), 1),
    Section("opening", _("Opening paragraph"), 3),
    Section("general", _("I. General situation and direction"), 5),
    Section("tasks", _("II.1. Results of each task of the plan"), 14),
    Section("indicators", _("II.2. Results of the indicators (the table is added as Annex I)"), 4),
    Section("strengths", _("III.1. Strengths"), 4),
    Section("limitations", _("III.2. Limitations"), 4),
    Section("causes", _("III.3. Causes (objective and subjective)"), 3),
    Section("next", _("IV. Tasks for the next period"), 6),
    Section("proposals", _("V. Proposals"), 3),
    Section("recipients", _("Recipients (one a line)"), 5),
    Section("signer", _("Name of the signer"), 1),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
MAX_SECTION_LENGTH = 20000

STATUS_WORDS: dict[str, str] = {
    TaskStatus.NOT_STARTED: "chưa triển khai",
    TaskStatus.IN_PROGRESS: "đang thực hiện",
    TaskStatus.DONE: "đã hoàn thành",
    TaskStatus.CANCELLED: "đã dừng",
}


def period_words(period: Period) -> str:
    """ "6 tháng đầu năm 2026", "năm 2026", "quý 3 năm 2026", "tháng 11 năm 2026"."""
    if period.type == "S":
        return f"6 tháng {'đầu' if period.index == 1 else 'cuối'} năm {period.year}"
    if period.type == "Q":
        return f"quý {period.index} năm {period.year}"
    if period.type == "M":
        return f"tháng {period.index} năm {period.year}"
    return f"năm {period.year}"


def next_period_words(period: Period) -> str:
    following = period.next()
    if period.type == "S" and period.index == 1:
        return f"6 tháng cuối năm {period.year}"
    return period_words(following)


def unit_words(unit: AdministrativeUnit) -> str:
    """ "xã Hà Tây", "thành phố Hải Phòng"."""
    return f"{division_word(unit)} {unit.short_name}"


def issuer_words(unit: AdministrativeUnit) -> str:
    return f"Ủy ban nhân dân {unit_words(unit)}"


def subject(period: Period) -> str:
    return f"Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ {period_words(period)}"


def date_vi(day: dt.date | None) -> str:
    """A date as the state format writes it: 05/3/2026 (a leading 0 for days below 10 and
    for months 1 and 2 only)."""
    return short_date(day.isoformat()) if day else ""


def _plan_name(plan: Plan) -> str:
    number = f" số {plan.number}" if plan.number else ""
    when = f" ngày {date_vi(plan.issued_on)}" if plan.issued_on else ""
    return f"Kế hoạch{number}{when} về {plan.title[:1].lower()}{plan.title[1:]}"


def _issued_plans(unit: AdministrativeUnit, period: Period) -> list[Plan]:
    return list(
        Plan.objects.filter(unit=unit, status=PlanStatus.ISSUED, year=period.year).order_by("issued_on", "pk")
    )


def _tasks(unit: AdministrativeUnit, period: Period) -> list[Task]:
    """The unit's tasks of the plans of the year (in the plan's order), then the tasks
    added by hand that fall in the period."""
    planned = (
        Task.objects.filter(unit=unit, plan__year=period.year, plan__status=PlanStatus.ISSUED)
        .exclude(status=TaskStatus.CANCELLED)
        .select_related("lead", "plan_task", "plan")
        .order_by("plan__issued_on", "plan_id", "plan_task__order", "ref", "pk")
    )
    by_hand = (
        Task.objects.filter(unit=unit, plan__isnull=True)
        .exclude(status=TaskStatus.CANCELLED)
        .filter(Q(end__isnull=True) | Q(end__gte=period.start))
        .filter(Q(start__isnull=True) | Q(start__lte=period.end))
        .select_related("lead")
        .order_by("end", "pk")
    )
    return [*planned, *by_hand]


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _people(sums: dict[str, int]) -> str:
    return f"{_count(sums['total'])} lượt người tham gia ({_count(sums['female'])} nữ, {_count(sums['male'])} nam)"


def _plan_ref(ref: str, plan: Plan | None) -> str:
    """ "nhiệm vụ II.1 của Kế hoạch số 171/KH-UBND": where a task comes from, said beside
    its own number in the report (1.1, 1.2 …) so that the plan's numbering never clashes
    with the report's sections."""
    if plan is None:
        return "nhiệm vụ phát sinh"
    task = f"nhiệm vụ {ref}" if ref else "nhiệm vụ"
    return f"{task} của Kế hoạch số {plan.number}" if plan.number else f"{task} của kế hoạch"


def _task_heading(index: int, title: str, source: str) -> str:
    return f"1.{index}. {title.strip().rstrip('.;:')} ({source})"


def _task_lines(unit: AdministrativeUnit, period: Period, today: dt.date) -> list[str]:
    tasks = _tasks(unit, period)
    if not tasks:
        return ["Chưa có nhiệm vụ nào của kế hoạch được giao trong kỳ."]
    ids = [t.pk for t in tasks]
    notes: dict[int, list[str]] = defaultdict(list)
    updates = ProgressUpdate.objects.filter(
        task_id__in=ids, created_at__date__gte=period.start, created_at__date__lte=period.end
    ).order_by("created_at", "pk")
    for update in updates:
        if update.note.strip():
            notes[update.task_id].append(update.note.strip().rstrip(".;"))
    activity_sums = {
        row["task_id"]: row
        for row in Activity.objects.filter(task_id__in=ids, date__gte=period.start, date__lte=period.end)
        .values("task_id")
        .annotate(
            n=Count("pk"),
            male=Coalesce(Sum("male"), 0),
            female=Coalesce(Sum("female"), 0),
            other=Coalesce(Sum("other_sex"), 0),
        )
    }
    lines: list[str] = []
    for index, task in enumerate(tasks, start=1):
        lines.append(_task_heading(index, task.title, _plan_ref(task.ref, task.plan)))
        lead = task.lead.name if task.lead else task.lead_text
        if lead:
            lines.append(f"- Cơ quan chủ trì: {lead}.")
        status = STATUS_WORDS.get(task.status, task.status)
        deadline = f"; thời hạn {date_vi(task.end)}" if task.end else ""
        overdue = " (quá hạn)" if task.status in OPEN_STATUSES and task.end and task.end < today else ""
        lines.append(f"- Tiến độ: {status}, đạt {task.percent}%{deadline}{overdue}.")
        if notes.get(task.pk):
            lines.append(f"- Kết quả: {'; '.join(notes[task.pk][-3:])}.")
        sums = activity_sums.get(task.pk)
        if sums:
            total = sums["male"] + sums["female"] + sums["other"]
            people = {"total": total, "female": sums["female"], "male": sums["male"]}
            lines.append(f"- Đã tổ chức {sums['n']} hoạt động với {_people(people)}.")
    return lines


# words that say little about which task it is ("công tác", "các", "và" …)
_TITLE_FILLER = frozenset(
    {"va", "cac", "ve", "cua", "trong", "voi", "tren", "cho", "de", "o", "nhung", "mot", "su", "cong", "tac"}
)
TITLE_MATCH = 0.5  # a commune's task is the province's when their titles are this alike


def _pairs(title: str) -> set[str]:
    words = fold(title).split()
    return {f"{a} {b}" for a, b in itertools.pairwise(words) if not {a, b} <= _TITLE_FILLER}


def title_likeness(first: str, second: str) -> float:
    """How alike two task titles are (0 to 1): the share of word pairs they have in
    common, accents and case folded ("Phòng ngừa, ứng phó với bạo lực trên cơ sở giới" and
    "Phòng ngừa và ứng phó với bạo lực trên cơ sở giới" are alike)."""
    if fold(first) == fold(second):
        return 1.0
    a, b = _pairs(first), _pairs(second)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _number_key(number: Any) -> str:
    return re.sub(r"\s+", "", fold(str(number or "")))


def _cites(commune_plan: Plan, plan: Plan) -> bool:
    """Whether a commune's plan names the province plan as its basis (a plan imported from
    the commune's own document cites it by number and date rather than being derived)."""
    number = _number_key(plan.number)
    if not number:
        return False
    dates = {str(plan.issued_on or ""), str((plan.content.get("document") or {}).get("date") or "")}
    for reference in commune_plan.content.get("references") or []:
        if reference.get("role") != "basis" or _number_key(reference.get("number")) != number:
            continue
        if not reference.get("date") or str(reference["date"]) in dates:
            return True
    return False


def _implementing_plans(plan: Plan) -> list[Plan]:
    """The communes' issued plans of the year that carry the province plan out: derived
    from it, or citing it as their basis."""
    plans = Plan.objects.filter(
        unit__parent=plan.unit, unit__level=Level.COMMUNE, status=PlanStatus.ISSUED, year=plan.year
    ).select_related("unit")
    return [p for p in plans if p.basis_id == plan.pk or _cites(p, plan)]


def _province_task_of(task: Task, derived: bool, rows: list[PlanTask]) -> str | None:
    """The province plan's task (its ref) that a commune's task carries out: the same ref
    in a derived plan (its tasks are copies), else the task whose title is most alike."""
    if derived:
        return task.ref if any(row.ref == task.ref for row in rows) else None
    scored = [(title_likeness(task.title, row.title), row.ref) for row in rows]
    score, ref = max(scored, default=(0.0, ""))
    return ref if score >= TITLE_MATCH else None


def _province_task_lines(province: AdministrativeUnit, period: Period) -> list[str]:
    """Each task of the province plan: how many of the communes whose issued plan carries
    it (a plan derived from the province's, or one citing it as its basis) have started
    it, and the activities they recorded for it."""
    plans = _issued_plans(province, period)
    if not plans:
        return ["Chưa có kế hoạch của tỉnh, thành phố được ban hành trong năm."]
    lines: list[str] = []
    index = 0
    for plan in plans:
        rows = list(plan.task_rows.order_by("order"))
        implementing = _implementing_plans(plan)
        for commune in {p.unit for p in implementing}:
            sync_plan_tasks(commune)  # their work tasks, made as the work pages make them
        derived = {p.pk for p in implementing if p.basis_id == plan.pk}
        taking: dict[str, set[int]] = defaultdict(set)
        carried: dict[str, set[int]] = defaultdict(set)
        task_refs: dict[int, str] = {}
        for task in Task.objects.filter(plan__in=implementing).exclude(status=TaskStatus.CANCELLED):
            ref = _province_task_of(task, task.plan_id in derived, rows)
            if ref is None:
                continue
            task_refs[task.pk] = ref
            taking[ref].add(task.unit_id)
            if task.status in (TaskStatus.IN_PROGRESS, TaskStatus.DONE) or task.percent > 0:
                carried[ref].add(task.unit_id)
        activity_sums: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "male": 0, "female": 0})
        for found in (
            Activity.objects.filter(task_id__in=task_refs, date__gte=period.start, date__lte=period.end)
            .values("task_id")
            .annotate(n=Count("pk"), male=Coalesce(Sum("male"), 0), female=Coalesce(Sum("female"), 0))
        ):
            adding = activity_sums[task_refs[found["task_id"]]]
            for key in ("n", "male", "female"):
                adding[key] += found[key]
        for row in rows:
            index += 1
            lines.append(_task_heading(index, row.title, _plan_ref(row.ref, plan)))
            if taking.get(row.ref):
                lines.append(
                    f"- Có {len(carried[row.ref])}/{len(taking[row.ref])} xã, phường có nhiệm vụ này "
                    "trong kế hoạch đã triển khai (đang thực hiện hoặc đã hoàn thành)."
                )
            sums = activity_sums.get(row.ref, {})
            if sums.get("n"):
                people = {
                    "total": sums["male"] + sums["female"],
                    "female": sums["female"],
                    "male": sums["male"],
                }
                lines.append(f"- Các xã, phường đã tổ chức {sums['n']} hoạt động với {_people(people)}.")
    return lines or ["Kế hoạch chưa có nhiệm vụ cụ thể."]


def _general(unit: AdministrativeUnit, period: Period) -> list[str]:
    issuer = issuer_words(unit)
    plans = _issued_plans(unit, period)
    in_period = [p for p in plans if p.issued_on and period.start <= p.issued_on <= period.end]
    lines = []
    if in_period:
        lines.append(f"Trong kỳ, {issuer} đã ban hành:")
        lines += [f"- {_plan_name(p)};" for p in in_period]
    earlier = [p for p in plans if p not in in_period]
    if earlier:
        lines.append(
            f"{issuer} tiếp tục chỉ đạo các cơ quan, đơn vị triển khai "
            + "; ".join(_plan_name(p) for p in earlier)
            + "."
        )
    if not lines:
        lines.append(f"Trong kỳ, {issuer} chưa ban hành kế hoạch về công tác bình đẳng giới.")
    lines.append(
        "Công tác bình đẳng giới và vì sự tiến bộ của phụ nữ được phân công cho Phòng Văn hóa - Xã hội "
        "tham mưu, theo dõi; các cơ quan, đoàn thể và thôn, tổ dân phố phối hợp thực hiện."
        if unit.level != Level.PROVINCE
        else "Sở Nội vụ là cơ quan thường trực, tham mưu Ủy ban nhân dân thực hiện công tác bình đẳng giới."
    )
    return lines


def _opening(unit: AdministrativeUnit, period: Period) -> str:
    bases = []
    if unit.level != Level.PROVINCE:
        province_plans = _issued_plans(unit.province, period)
        if province_plans:
            plan = province_plans[-1]
            bases.append(f"{_plan_name(plan)} của {issuer_words(unit.province)}")
    own = _issued_plans(unit, period)
    if own:
        bases.append(f"{_plan_name(own[-1])} của {issuer_words(unit)}")
    basis = f"Thực hiện {'; '.join(bases)}; " if bases else ""
    text = (
        f"{basis}{issuer_words(unit)} báo cáo kết quả thực hiện công tác bình đẳng giới "
        f"và vì sự tiến bộ của phụ nữ {period_words(period)} như sau:"
    )
    return text[0].upper() + text[1:]


def completeness_sentence(form: ReportForm, province: AdministrativeUnit, period: Period) -> str:
    rates = completeness.rates(form, province, period.code)
    due = f" (hạn {date_vi(rates.due)})" if rates.due else ""
    return (
        f"Có {rates.completed}/{rates.expected} xã, phường gửi báo cáo, đạt {_pct(rates.completeness)}; "
        f"{rates.on_time} báo cáo gửi đúng hạn{due}, đạt {_pct(rates.timeliness)}; "
        f"{rates.approved} báo cáo đã được duyệt, {rates.returned} báo cáo bị trả lại để hoàn thiện, "
        f"{rates.not_started + rates.draft} xã, phường chưa gửi báo cáo."
    )


def _pct(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}%"


def _strengths(unit: AdministrativeUnit, period: Period, today: dt.date) -> list[str]:
    lines = []
    tasks = (
        Task.objects.filter(unit=unit)
        if unit.level != Level.PROVINCE
        else Task.objects.filter(unit__parent=unit)
    )
    due = tasks.filter(end__gte=period.start, end__lte=period.end).exclude(status=TaskStatus.CANCELLED)
    if due.exists():
        done = due.filter(status=TaskStatus.DONE).count()
        lines.append(f"- Hoàn thành {done}/{due.count()} nhiệm vụ đến hạn trong kỳ.")
    sums = activity_figures.participants_breakdown(unit, period.start, min(period.end, today))
    if sums["sessions"]:
        people = {"total": sums["total"], "female": sums["female"], "male": sums["male"]}
        # all kinds of activity, recorded whether or not a report was approved: said so,
        # since Phụ lục I counts communication only, from approved reports
        lines.append(
            f"- Tổ chức {sums['sessions']} hoạt động truyền thông, tập huấn, sự kiện với {_people(people)}"
            " (theo các hoạt động đã ghi nhận trên hệ thống; số liệu chỉ tiêu tại Phụ lục I"
            " tính theo báo cáo đã duyệt)."
        )
    lines.append("- (Nêu thêm những kết quả nổi bật trong kỳ.)")
    return lines


def _limitations(unit: AdministrativeUnit, period: Period, today: dt.date, form: ReportForm) -> list[str]:
    lines = []
    if unit.level == Level.PROVINCE:
        rates = completeness.rates(form, unit, period.code)
        missing = rates.expected - rates.completed
        if missing:
            lines.append(
                f"- Còn {missing}/{rates.expected} xã, phường chưa gửi báo cáo hoặc báo cáo chưa hoàn thiện."
            )
        late = rates.completed - rates.on_time
        if late:
            lines.append(f"- {late} xã, phường gửi báo cáo sau thời hạn.")
    else:
        overdue = Task.objects.filter(
            unit=unit, status__in=OPEN_STATUSES, end__lt=min(today, period.end + dt.timedelta(days=1))
        ).order_by("end", "pk")
        count = overdue.count()
        if count:
            titles = "; ".join(t.title.strip().rstrip(".;")[:120] for t in overdue[:5])
            more = "…" if count > 5 else ""
            lines.append(f"- Còn {count} nhiệm vụ quá hạn chưa hoàn thành: {titles}{more}.")
    lines.append("- (Nêu những tồn tại, hạn chế khác trong kỳ.)")
    return lines


def _next(unit: AdministrativeUnit, period: Period) -> list[str]:
    lines = [f"Trong {next_period_words(period)}, tập trung thực hiện các nhiệm vụ sau:"]
    if unit.level == Level.PROVINCE:
        lines.append("- Đôn đốc các xã, phường gửi báo cáo đúng hạn, đầy đủ số liệu.")
    unfinished = (
        Task.objects.filter(unit=unit, status__in=OPEN_STATUSES)
        .select_related("lead")
        .order_by("end", "ref", "pk")[:15]
    )
    for task in unfinished:
        due = f", hạn {date_vi(task.end)}" if task.end else ""
        lead = (
            f" ({task.lead.name}{due})" if task.lead else (f" (hạn {date_vi(task.end)})" if task.end else "")
        )
        ref = f"{task.ref} " if task.ref else ""
        lines.append(f"- Tiếp tục thực hiện nhiệm vụ {ref}{task.title.strip().rstrip('.;')}{lead};")
    lines.append(
        "- Tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới (15/11 - 15/12)."
    )
    return lines


def _recipients(unit: AdministrativeUnit) -> list[str]:
    if unit.level == Level.PROVINCE:
        return [
            "Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới) (báo cáo)",
            f"Thường trực {'Thành' if division_word(unit) == 'thành phố' else 'Tỉnh'} ủy",
            f"Thường trực HĐND {unit_words(unit)}",
            f"Ban vì sự tiến bộ của phụ nữ {unit_words(unit)}",
            "Lưu: VT, SNV",
        ]
    word = division_word(unit)
    return [
        f"Sở Nội vụ {unit_words(unit.province)} (báo cáo)",
        f"Thường trực Đảng ủy, Thường trực HĐND {word}",
        f"Chủ tịch, các Phó Chủ tịch UBND {word}",
        f"Ủy ban MTTQ Việt Nam và các đoàn thể {word}",
        f"Ban vì sự tiến bộ của phụ nữ {word}",
        "Lưu: VT, VHXH",
    ]


def draft(unit: AdministrativeUnit, form: ReportForm, period: Period, today: dt.date) -> dict[str, str]:
    """Every section's first draft."""
    if unit.level == Level.PROVINCE:
        sync_plan_tasks(unit)
        task_lines = _province_task_lines(unit, period)
        indicators = [
            completeness_sentence(form, unit, period),
            "Số liệu tổng hợp từ báo cáo đã được duyệt của các xã, phường (tử số, mẫu số được cộng dồn; "
            "bên cạnh mỗi số liệu là số xã báo cáo), chi tiết tại Phụ lục I và Phụ lục VI kèm theo.",
        ]
        addressee = "Bộ Nội vụ"
        proposals = "- Đề nghị Bộ Nội vụ tiếp tục hướng dẫn, tập huấn nghiệp vụ và bố trí kinh phí cho công tác bình đẳng giới ở cơ sở."
    else:
        sync_plan_tasks(unit)
        task_lines = _task_lines(unit, period, today)
        indicators = [
            "Kết quả thực hiện các chỉ tiêu bình đẳng giới trong kỳ chi tiết tại Phụ lục I kèm theo."
        ]
        addressee = f"Sở Nội vụ {unit_words(unit.province)}"
        proposals = (
            f"- Đề nghị Sở Nội vụ {unit_words(unit.province)} tiếp tục tổ chức tập huấn, hướng dẫn nghiệp vụ "
            "về công tác bình đẳng giới cho cán bộ cấp xã."
        )
    return {
        "addressee": addressee,
        "opening": _opening(unit, period),
        "general": "\n".join(_general(unit, period)),
        "tasks": "\n".join(task_lines),
        "indicators": "\n".join(indicators),
        "strengths": "\n".join(_strengths(unit, period, today)),
        "limitations": "\n".join(_limitations(unit, period, today, form)),
        "causes": "- Nguyên nhân khách quan: (nêu nguyên nhân).\n- Nguyên nhân chủ quan: (nêu nguyên nhân).",
        "next": "\n".join(_next(unit, period)),
        "proposals": proposals,
        "recipients": "\n".join(_recipients(unit)),
        "signer": "",
    }
