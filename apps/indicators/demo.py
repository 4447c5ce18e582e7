"""Demo reports for Hải Phòng, relative to the day the demo is loaded: Hà Tây's last
closed six-month report approved by the city (pre-filled from its activities, the rest
typed in, once returned for missing figures) and its current one in draft, pre-filled;
last year's annual report of Hà Tây typed in from its paper books; and fourteen other
communes and wards with last year's annual report and the last closed six-month report
in every state: approved (most), approved late, corrected after approval, submitted and
waiting, returned with a comment, in draft, or not started.

State changes go through the reporting services (so validation, history, audit and the
city's aggregates are the real ones; the other communes' typed figures are written in one
statement and their last one through `save_values`, see `save_figures`); afterwards the history's timestamps are moved back
to the dates the reports would have been sent, so that completeness and timeliness show
on-time and late communes. Figures are drawn from a seeded generator: plausible, adding
up, and the same on every load."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.catalogue.categories import TOTAL, dimensions_of, options
from apps.indicators.models import (
    COMPLETE,
    DataValue,
    Indicator,
    Kind,
    ReportForm,
    Status,
    Submission,
    SubmissionEvent,
)
from apps.indicators.reporting.periods import Period
from apps.indicators.services import Entry

PROVINCE = "Thành phố Hải Phòng"
HOME_COMMUNE = "Xã Hà Tây"
SIX_MONTH, ANNUAL = "BD-6T", "BD-NAM"

APPROVED = "approved"
APPROVED_LATE = "approved_late"
CORRECTED = "corrected"  # approved, reopened for a correction, approved again
SUBMITTED = "submitted"
SUBMITTED_LATE = "submitted_late"
RETURNED = "returned"
DRAFT = "draft"
NOT_STARTED = "none"

# (commune or ward of Hải Phòng, last year's annual report, the last closed six-month one)
OTHER_COMMUNES: tuple[tuple[str, str, str], ...] = (
    ("Xã Hà Đông", APPROVED, APPROVED),
    ("Xã Hà Nam", APPROVED, APPROVED_LATE),
    ("Xã Thanh Hà", APPROVED_LATE, APPROVED),
    ("Xã Tiên Lãng", APPROVED, RETURNED),
    ("Phường Hải Dương", APPROVED, CORRECTED),
    ("Phường Hồng Bàng", APPROVED, SUBMITTED),
    ("Phường Ngô Quyền", APPROVED_LATE, SUBMITTED_LATE),
    ("Xã An Lão", APPROVED, DRAFT),
    ("Xã Kiến Thụy", RETURNED, APPROVED_LATE),
    ("Xã Vĩnh Bảo", APPROVED_LATE, NOT_STARTED),
    ("Xã Nam Sách", DRAFT, APPROVED),
    ("Phường Thủy Nguyên", NOT_STARTED, APPROVED),
    ("Xã Gia Lộc", SUBMITTED, APPROVED_LATE),
    ("Đặc khu Bạch Long Vĩ", NOT_STARTED, NOT_STARTED),
)

# communes with a demo user write their own reports
WRITERS = {"Xã Tiên Lãng": "ngoai"}

RETURN_COMMENTS = (
    "Số lượt người tham dự truyền thông theo giới tính chưa khớp với sổ theo dõi của xã; "
    "đề nghị rà soát và gửi lại.",
    "Đề nghị bổ sung số liệu kinh phí thực hiện và thuyết minh số vụ bạo lực gia đình tăng so với năm trước.",
)
REOPEN_REASON = "Xã đề nghị điều chỉnh kinh phí thực hiện sau khi quyết toán."

# why a commune's figure differs from the one the system counted, by where that came from
REASONS = {
    "activities": "Gồm cả các hoạt động do thôn, tổ dân phố và các đoàn thể tổ chức, chưa nhập vào hệ thống.",
    "memberships": "Gồm cả công chức và người hoạt động không chuyên trách chưa có tài khoản.",
    "plans": "Kế hoạch và nhiệm vụ theo dõi trên giấy, chưa nhập vào hệ thống.",
    "stock": "Cập nhật theo kết quả rà soát cuối kỳ.",
}
PAPER_REASON = "Số liệu tổng hợp từ sổ theo dõi của xã (trước khi dùng binhdang)."

# a commune's plausible range for a six-month period, by unit of measure
COUNT_RANGE = {
    "cuộc": (4, 14),
    "lượt người": (250, 1400),
    "lớp": (1, 3),
    "người": (4, 40),
    "hộ": (2, 15),
    "vụ": (0, 3),
    "vụ việc": (0, 1),
    "đồng": (150, 800),  # × 100 000 đồng
    "mô hình": (1, 4),
    "tin, bài": (2, 12),
    "sản phẩm": (1, 6),
    "quyết định": (0, 1),
    "địa chỉ": (1, 3),
    "cặp": (0, 1),
    "hoạt động": (3, 10),
}
# percentages: (denominator from, to, share of it from, to)
PERCENT_RANGE = {
    "BD-M01": (4, 12, 0.4, 0.9),
    "BD-C05": (1500, 6000, 0.6, 0.95),
    "BD-C06": (8000, 25000, 0.4, 0.8),
    "BD-C07": (20, 40, 0.7, 1.0),
    "BD-L01": (15, 21, 0.2, 0.35),
    "BD-L02": (25, 35, 0.25, 0.4),
    "BD-L03": (2, 2, 0.0, 1.0),
    "BD-L04": (6, 12, 0.25, 0.5),
    "BD-L05": (20, 40, 0.3, 0.45),
    "BD-E05": (10, 60, 0.2, 0.35),
    "BD-S02": (8, 20, 0.6, 1.0),
    "BD-V04": (1, 4, 0.75, 1.0),
    "BD-V05": (1, 4, 0.5, 1.0),
}
# reported as 1 (yes) or 0 (no) of 1, so the city's figure reads "% of communes that ..."
# the share of figures a commune breaks down by age, ethnicity and disability (by sex: all)
DETAIL = 0.1
YES_NO = frozenset({"BD-M02", "BD-M04", "BD-S01", "BD-S03", "BD-A01"})
# rarely anything to report in a commune: left blank
LEFT_BLANK = frozenset({"BD-V10"})
FEMALE_SHARE = {"BD-V03": 0.1, "BD-V05": 0.1, "BD-H02": 0.5}
AGE_SHARES = {"lt16": 0.1, "16-30": 0.25, "31-60": 0.5, "gt60": 0.15, "16-59": 0.8, "60plus": 0.1}

Figures = dict[str, tuple[Decimal, Decimal | None]]


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to the total."""
    whole = sum(weights) or 1.0
    parts = [int(total * w / whole) for w in weights]
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    for i in range(total - sum(parts)):
        parts[order[i % len(order)]] += 1
    return parts


def _capped(total: int, caps: Sequence[int]) -> list[int]:
    """`total` split over parts of at most `caps` each (total ≤ Σ caps)."""
    parts = _split(total, [float(c) for c in caps])
    spill = 0
    for i, cap in enumerate(caps):
        if parts[i] > cap:
            spill, parts[i] = spill + parts[i] - cap, cap
    for i, cap in enumerate(caps):
        room = min(spill, cap - parts[i])
        parts[i], spill = parts[i] + room, spill - room
    return parts


def _weights(indicator: Indicator, dimension: str, rng: random.Random) -> list[float]:
    keys = [key for key, _label in options(indicator, dimension)]
    if dimension == "sex":
        female = FEMALE_SHARE.get(indicator.code, 0.8 if indicator.group == "V" else 0.6)
        female = min(0.95, max(0.05, female + rng.uniform(-0.05, 0.05)))
        return [1 - female if key == "male" else female for key in keys]
    if dimension == "age_group":
        return [AGE_SHARES[key] * rng.uniform(0.8, 1.2) for key in keys]
    if dimension == "ethnicity":  # Hải Phòng is nearly all Kinh
        return [0.01 if key == "minority" else 0.99 for key in keys]
    return [0.02] * len(keys)  # disability: a part of the total


def _by_dimension(
    indicator: Indicator, total: int, rng: random.Random, detail: float
) -> dict[str, list[int]]:
    """Parts by sex, and by the other dimensions for a share `detail` of the figures (a
    commune rarely fills every breakdown)."""
    found = {}
    for dimension in dimensions_of(indicator):
        if dimension != "sex" and rng.random() >= detail:
            continue
        weights = _weights(indicator, dimension, rng)
        if dimension == "disability":
            found[dimension] = [round(total * w) for w in weights]
        else:
            found[dimension] = _split(total, weights)
    return found


def _keys(indicator: Indicator, dimension: str) -> list[str]:
    return [f"{dimension}:{key}" for key, _label in options(indicator, dimension)]


def _violence(code: str, rng: random.Random, months: int, seen: dict[str, int]) -> tuple[int, int] | None:
    """Violence figures that agree with each other: cases detected, their victims and
    perpetrators, the shares of those supported or counselled, protection decisions."""
    if "cases" not in seen:
        cases = sum(rng.random() < 0.35 for _month in range(months // 2))
        seen["cases"] = cases
        seen["victims"] = cases + (1 if cases and rng.random() < 0.3 else 0)
        seen["perpetrators"] = cases
    cases, victims, perpetrators = seen["cases"], seen["victims"], seen["perpetrators"]
    if code == "BD-V01":
        return cases, 0
    if code == "BD-V02":
        return victims, 0
    if code == "BD-V03":
        return perpetrators, 0
    if code in ("BD-V04", "BD-V05"):
        whole = victims if code == "BD-V04" else perpetrators
        if not whole:
            return None
        return whole - (1 if whole > 1 and rng.random() < 0.3 else 0), whole
    if code == "BD-V06":
        return min(cases, 1 if rng.random() < 0.3 else 0), 0
    if code == "BD-V08":
        return victims + rng.randint(0, 2), 0
    if code == "BD-V09":
        return (1 if rng.random() < 0.15 else 0), 0
    return None


def _totals(
    indicator: Indicator, rng: random.Random, months: int, seen: dict[str, int]
) -> tuple[int, int] | None:
    """A figure's total: (count, 0), or (numerator, denominator)."""
    if indicator.group == "V" and indicator.code != "BD-V07":
        return _violence(indicator.code, rng, months, seen)
    if indicator.kind == Kind.COUNT:
        low, high = COUNT_RANGE.get(indicator.unit_label, (1, 10))
        total = rng.randint(low, high) * (1 if indicator.stock else months // 6)
        return total * (100_000 if indicator.unit_label == "đồng" else 1), 0
    if indicator.code in YES_NO:
        return (1 if rng.random() < 0.85 else 0), 1
    if indicator.kind == Kind.RATIO:  # births by sex: boys per 100 girls
        girls = rng.randint(40, 120) * months // 12
        return round(girls * rng.uniform(1.02, 1.18)), girls
    den_low, den_high, share_low, share_high = PERCENT_RANGE.get(indicator.code, (5, 20, 0.5, 1.0))
    den = rng.randint(den_low, den_high)
    return min(den, round(den * rng.uniform(share_low, share_high))), den


def figures_for(
    indicator: Indicator,
    rng: random.Random,
    months: int,
    detail: float = 1.0,
    seen: dict[str, int] | None = None,
) -> Figures:
    """One commune's plausible figures for an indicator: parts that add up to the total,
    numerators no larger than their denominators. `seen` carries what one report's
    earlier figures decided (the violence cases) to the later ones."""
    totals = _totals(indicator, rng, months, {} if seen is None else seen)
    if totals is None:
        return {}
    num, den = totals
    if indicator.kind == Kind.COUNT:
        found: Figures = {TOTAL: (Decimal(num), None)}
        for dimension, parts in _by_dimension(indicator, num, rng, detail).items():
            for key, part in zip(_keys(indicator, dimension), parts, strict=True):
                found[key] = (Decimal(part), None)
        return found
    found = {TOTAL: (Decimal(num), Decimal(den))}
    if indicator.code in YES_NO or indicator.kind == Kind.RATIO:
        return found
    for dimension, den_parts in _by_dimension(indicator, den, rng, detail).items():
        if dimension == "disability":
            num_parts = [min(p, round(num * p / den)) for p in den_parts]
        else:
            num_parts = _capped(num, den_parts)
        for key, n, d in zip(_keys(indicator, dimension), num_parts, den_parts, strict=True):
            if d:  # a part with nobody in it has no percentage
                found[key] = (Decimal(n), Decimal(d))
    return found


_FORM_ROWS: dict[int, list[Indicator]] = {}


def _indicators(form: ReportForm) -> list[Indicator]:
    """A form's indicators, read once per load."""
    if form.pk not in _FORM_ROWS:
        _FORM_ROWS[form.pk] = form.ordered_indicators()
    return _FORM_ROWS[form.pk]


def _prefilled(submission: Submission) -> dict[tuple[int, str], DataValue]:
    return {(v.indicator_id, v.category): v for v in submission.values.all()}


def typed_entries(
    submission: Submission,
    rng: random.Random,
    *,
    keep: frozenset[str] = frozenset(),
    reason: str = "",
    blank: frozenset[str] = frozenset(),
    detail: float = 1.0,
) -> dict[tuple[str, str], Entry]:
    """The figures a commune types into its report: every indicator of the form except
    those left blank; the pre-filled figures of the indicators in `keep` (and of stock
    indicators, carried from the last approved report) stay as the system counted them,
    the others are replaced with a reason (`reason`, or one for where the figure came from)."""
    months = 12 if submission.form.period_type == "Y" else 6
    prefilled = _prefilled(submission)
    entries: dict[tuple[str, str], Entry] = {}
    seen: dict[str, int] = {}
    for indicator in _indicators(submission.form):
        mine = {cat: v for (iid, cat), v in prefilled.items() if iid == indicator.pk}
        carried = indicator.stock and indicator.prefill not in ("memberships", "plans")
        if indicator.code in blank:
            continue
        if indicator.code in keep or (carried and mine.get(TOTAL) and mine[TOTAL].numerator is not None):
            entries.update(_completed(indicator, mine, rng))
            continue
        wanted = {} if indicator.code in LEFT_BLANK else figures_for(indicator, rng, months, detail, seen)
        source = "stock" if mine and indicator.stock and indicator.prefill == "manual" else indicator.prefill
        why = reason or REASONS.get(source, REASONS["activities"])
        for category in {*mine, *wanted}:
            num, den = wanted.get(category, (None, None))
            old = mine.get(category)
            changed = old is not None and (old.prefilled_numerator, old.prefilled_denominator) != (num, den)
            if old is None and num is None:
                continue
            entries[(indicator.code, category)] = Entry(
                num, den, reason=why if changed and num is not None else ""
            )
    return entries


def _completed(
    indicator: Indicator, mine: dict[str, DataValue], rng: random.Random
) -> dict[tuple[str, str], Entry]:
    """A pre-filled indicator kept as counted, with the sex split typed in where the
    system knows only the total (people with a role in binhdang)."""
    found: dict[tuple[str, str], Entry] = {}
    total = mine.get(TOTAL)
    if (
        total is not None
        and total.numerator is not None
        and not indicator.is_ratio
        and "sex" in dimensions_of(indicator)
        and "sex:female" not in mine
    ):
        parts = _split(int(total.numerator), _weights(indicator, "sex", rng))
        for key, part in zip(_keys(indicator, "sex"), parts, strict=True):
            found[(indicator.code, key)] = Entry(Decimal(part))
    return found


def save_figures(writer: Any, submission: Submission, entries: dict[tuple[str, str], Entry]) -> Submission:
    """Store a report's typed figures: all but one written at once (the loader's shortcut
    past one query per figure), the last through `services.save_values`, which checks the
    writer, moves the revision, dates the save in the history and audits it. Submitting
    validates every figure as it would a typed one."""
    indicators = {i.code: i for i in _indicators(submission.form)}
    existing = _prefilled(submission)
    last = next((key for key in reversed(entries) if (indicators[key[0]].pk, key[1]) not in existing), None)
    if last is None:
        return services.save_values(submission, entries, actor=writer)
    rows = []
    for (code, category), entry in entries.items():
        if (code, category) == last:
            continue
        indicator = indicators[code]
        old = existing.pop((indicator.pk, category), None)
        rows.append(
            DataValue(
                submission=submission,
                indicator=indicator,
                category=category,
                unit_id=submission.unit_id,
                province_id=submission.province_id,
                period=submission.period,
                numerator=entry.numerator,
                denominator=entry.denominator if indicator.is_ratio else None,
                prefilled_numerator=old.prefilled_numerator if old else None,
                prefilled_denominator=old.prefilled_denominator if old else None,
                prefill_note=old.prefill_note if old else "",
                reason=entry.reason,
                comment=entry.comment,
            )
        )
    # the pre-filled rows are written again with their new figures beside the counted ones
    submission.values.exclude(pk__in=[v.pk for v in existing.values()]).delete()
    DataValue.objects.bulk_create(rows)
    submission = services.save_values(submission, {last: entries[last]}, actor=writer)
    # the history says which figures were saved, as it does for a save through the form
    saved = [f"{code}{'/' + category if category else ''}" for code, category in entries]
    event = submission.history.filter(action="saved").order_by("-pk").first()
    if event is not None:
        event.comment = ", ".join(saved[:20]) + (" …" if len(saved) > 20 else "")
        event.save(update_fields=["comment"])
    return submission


class Clock:
    """When each event of a report's history happened, as the loader plans it: events
    are created now by the services and moved back to these times at the end."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.planned: dict[int, list[tuple[str, dt.datetime]]] = defaultdict(list)

    def at(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
        # never in the future: a step planned after now happens just before it
        return min(moment, self.now - dt.timedelta(minutes=5))

    def record(self, submission: Submission, action: str, moment: dt.datetime) -> None:
        rows = self.planned[submission.pk]
        if rows and moment <= rows[-1][1]:
            moment = rows[-1][1] + dt.timedelta(minutes=7)
        rows.append((action, moment))

    def apply(self, loader_name: str) -> None:
        """Move every planned event back in time, with the reports' own dates; what the
        loader wrote for a commune without a demo user is signed by its officer."""
        for rows in self.planned.values():
            # steps pushed past now (a due date still ahead) end just before it, in order
            limit = self.now - dt.timedelta(minutes=1)
            for i in range(len(rows) - 1, -1, -1):
                action, moment = rows[i]
                rows[i] = (action, min(moment, limit))
                limit = rows[i][1] - dt.timedelta(minutes=1)
        events = list(
            SubmissionEvent.objects.filter(submission_id__in=self.planned)
            .select_related("submission__unit")
            .order_by("pk")
        )
        queues = {sid: list(rows) for sid, rows in self.planned.items()}
        for event in events:
            queue = queues[event.submission_id]
            index = next((i for i, (action, _at) in enumerate(queue) if action == event.action), None)
            if index is not None:
                event.at = queue.pop(index)[1]
            if event.actor_name == loader_name:
                event.actor_name = f"Công chức Văn hóa - Xã hội {event.submission.unit.name}"
        SubmissionEvent.objects.bulk_update(events, ["at", "actor_name"])
        submissions = list(Submission.objects.filter(pk__in=self.planned))
        for submission in submissions:
            rows = self.planned[submission.pk]
            submitted = [at for action, at in rows if action == "submitted"]
            approved = [at for action, at in rows if action == "approved"]
            submission.created_at, submission.updated_at = rows[0][1], rows[-1][1]
            if submission.status in COMPLETE and submitted:
                submission.completed_at = submitted[-1]
            if submission.status == Status.APPROVED and approved:
                submission.approved_at = approved[-1]
        Submission.objects.bulk_update(
            submissions, ["created_at", "updated_at", "completed_at", "approved_at"]
        )


def seeded_random(*parts: Any) -> random.Random:
    key = zlib.crc32("/".join(str(p) for p in parts).encode())
    return random.Random(key)  # noqa: S311 - plausible figures, not secrets


def _report(
    clock: Clock,
    form: ReportForm,
    unit: AdministrativeUnit,
    period: str,
    state: str,
    *,
    writer: Any,
    reviewer: Any,
    reason: str = "",
) -> Submission | None:
    """One commune's report taken to `state`, its history dated around the due date."""
    if state == NOT_STARTED:
        return None
    rng = seeded_random(unit.code, form.code, period)
    rp = services.reporting_period(form, unit.province, period)
    due = rp.due
    late = state in (APPROVED_LATE, SUBMITTED_LATE)
    sent = due + dt.timedelta(days=rng.randint(4, 24)) if late else due - dt.timedelta(days=rng.randint(1, 9))
    if state == CORRECTED:
        sent = due - dt.timedelta(days=14)
    submission = services.open_submission(form, unit, period, actor=writer)
    clock.record(submission, "opened", clock.at(sent - dt.timedelta(days=rng.randint(12, 20)), 8, 15))
    entries = typed_entries(submission, rng, reason=reason, detail=DETAIL)
    submission = save_figures(writer, submission, entries)
    clock.record(submission, "saved", clock.at(sent - dt.timedelta(days=rng.randint(2, 6)), 15, 40))
    if state == DRAFT:
        return submission
    submission = services.submit(submission, actor=writer)
    clock.record(submission, "submitted", clock.at(sent, rng.randint(8, 16), rng.randint(0, 59)))
    if state in (SUBMITTED, SUBMITTED_LATE):
        return submission
    if state == RETURNED:
        submission = services.return_submission(
            submission, RETURN_COMMENTS[rng.randint(0, 1)], actor=reviewer
        )
        clock.record(submission, "returned", clock.at(sent + dt.timedelta(days=3), 10, 20))
        return submission
    submission = services.approve(submission, actor=reviewer)
    clock.record(submission, "approved", clock.at(sent + dt.timedelta(days=rng.randint(2, 6)), 14, 5))
    if state == CORRECTED:
        submission = services.reopen(submission, REOPEN_REASON, actor=reviewer)
        clock.record(submission, "reopened", clock.at(sent + dt.timedelta(days=7), 9, 30))
        funding = int(rng.randint(*COUNT_RANGE["đồng"]) * 100_000 * 1.2)
        submission = services.save_values(
            submission, {("BD-F01", TOTAL): Entry(Decimal(funding))}, actor=writer
        )
        clock.record(submission, "saved", clock.at(sent + dt.timedelta(days=8), 16, 0))
        submission = services.submit(submission, actor=writer)
        clock.record(submission, "submitted", clock.at(sent + dt.timedelta(days=9), 8, 45))
        submission = services.approve(submission, actor=reviewer)
        clock.record(submission, "approved", clock.at(sent + dt.timedelta(days=11), 15, 10))
    return submission


def _home_reports(
    clock: Clock, six_month: ReportForm, commune: AdministrativeUnit, closed: Period, users: dict[str, Any]
) -> None:
    """Hà Tây's last closed six-month report: pre-filled from its activities (one figure
    corrected with a reason), the rest typed in by the officer, returned once by the city
    for two missing figures, completed and approved; and the current one in draft."""
    officer, focal, city = users["congchuc"], users["daumoi"], users["sonoivu"]
    rng = seeded_random(commune.code, six_month.code, closed.code)
    due = services.reporting_period(six_month, commune.province, closed.code).due
    report = services.open_submission(six_month, commune, closed.code, actor=officer)
    clock.record(report, "opened", clock.at(due - dt.timedelta(days=18), 8, 30))
    kept = frozenset(i.code for i in _indicators(six_month) if i.prefill in ("activities", "memberships"))
    entries = typed_entries(report, rng, keep=kept, blank=frozenset({"BD-F01", "BD-E03"}))
    sessions = report.values.filter(indicator__code="BD-C01", category=TOTAL).first()
    if sessions is not None and sessions.numerator is not None:
        entries[("BD-C01", TOTAL)] = Entry(
            sessions.numerator + 2,
            reason="Thêm 2 buổi tuyên truyền lồng ghép trong sinh hoạt chi hội phụ nữ, chưa ghi vào hệ thống.",
        )
    report = services.save_values(report, entries, actor=officer)
    clock.record(report, "saved", clock.at(due - dt.timedelta(days=9), 16, 20))
    report = services.submit(report, actor=officer)
    clock.record(report, "submitted", clock.at(due - dt.timedelta(days=8), 9, 10))
    report = services.return_submission(
        report,
        "Đề nghị xã bổ sung kinh phí thực hiện (BD-F01) và số người được hỗ trợ việc làm (BD-E03).",
        actor=city,
    )
    clock.record(report, "returned", clock.at(due - dt.timedelta(days=6), 14, 0))
    missing = {
        ("BD-F01", TOTAL): Entry(Decimal(42_500_000)),
        ("BD-E03", TOTAL): Entry(Decimal(18)),
        ("BD-E03", "sex:male"): Entry(Decimal(7)),
        ("BD-E03", "sex:female"): Entry(Decimal(11)),
    }
    report = services.save_values(report, missing, actor=officer)
    clock.record(report, "saved", clock.at(due - dt.timedelta(days=4), 10, 30))
    report = services.submit(report, actor=officer)
    clock.record(report, "submitted", clock.at(due - dt.timedelta(days=4), 10, 45))
    report = services.approve(report, actor=city)
    clock.record(report, "approved", clock.at(due + dt.timedelta(days=2), 15, 30))

    # the current period: opened by the officer, a few figures typed by the Women's Union
    current = closed.next()
    today = timezone.localdate()
    draft = services.open_submission(six_month, commune, current.code, actor=officer)
    clock.record(draft, "opened", clock.at(today - dt.timedelta(days=6), 8, 20))
    draft = services.save_values(
        draft,
        {("BD-E01", TOTAL): Entry(Decimal(12)), ("BD-E04", TOTAL): Entry(Decimal(5))},
        actor=focal,
    )
    clock.record(draft, "saved", clock.at(today - dt.timedelta(days=2), 16, 5))


def load_indicator_demo(sender: Any = None, *, actor: Any, users: dict[str, Any], **kwargs: Any) -> None:
    province = AdministrativeUnit.objects.filter(name=PROVINCE, level=Level.PROVINCE).first()
    if province is None:
        return
    communes = {u.name: u for u in AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE)}
    home = communes.get(HOME_COMMUNE)
    if home is None or Submission.objects.filter(unit=home).exists():
        return  # already loaded
    six_month, annual = ReportForm.objects.get(code=SIX_MONTH), ReportForm.objects.get(code=ANNUAL)
    today = timezone.localdate()
    last_year = Period.of("Y", today).previous()
    closed = Period.of("S", today).previous()
    clock = Clock(timezone.now())
    _FORM_ROWS.clear()
    city = users["sonoivu"]
    with transaction.atomic():
        # last year's annual reports first: their state-at-the-end figures pre-fill the
        # six-month reports that follow
        officer = users["congchuc"]
        _report(
            clock, annual, home, last_year.code, APPROVED, writer=officer, reviewer=city, reason=PAPER_REASON
        )
        for name, annual_state, _six in OTHER_COMMUNES:
            if name in communes:
                writer = users.get(WRITERS.get(name, ""), actor)
                _report(
                    clock, annual, communes[name], last_year.code, annual_state, writer=writer, reviewer=city
                )
        _home_reports(clock, six_month, home, closed, users)
        for name, _annual, six_state in OTHER_COMMUNES:
            if name in communes:
                writer = users.get(WRITERS.get(name, ""), actor)
                _report(
                    clock, six_month, communes[name], closed.code, six_state, writer=writer, reviewer=city
                )
        clock.apply(services.actor_name(actor))
