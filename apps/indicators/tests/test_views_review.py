"""What the new-user review and the security test found on the reporting pages, each
checked through the test client: the report's button says "Xem" (not the calendar's
"Cách xem"), the English name of an indicator is labelled, the send-blocked list does
not repeat its advice, a missing last-period report is said as such, one word for each
kind of lateness, where a due date comes from, a failed save's errors (only the real
ones, summed up at the top with links), when a returned report was last sent,
percentages with one decimal, comments and reasons without control or bidi characters,
and people named by their full name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import Status, Submission
from apps.indicators.reporting import validation
from apps.indicators.reporting.forms import field_name
from apps.indicators.reporting.views_submission import _problems
from apps.indicators.tests.test_views import figure, html, report_data, url
from apps.indicators.tests.world import ReportWorld
from core.text import fold
from core.validators import MESSAGES


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def between(page: str, start: str, end: str = "</tr>") -> str:
    """The part of `page` after the first `start`, up to the next `end`."""
    assert start in page, start
    return page.split(start, 1)[1].split(end, 1)[0]


def title_of(page: str) -> str:
    return between(page, 'data-testid="page-title">', "</h1>")


def breadcrumb_of(page: str) -> str:
    return between(page, 'aria-current="page">', "</li>")


# ------------------------------------------------------------------ 1. "Xem", not "Cách xem"


def test_the_view_button_of_a_report_is_not_the_calendars_view_switch(world: ReportWorld) -> None:
    services.submit(world.submission, actor=world.demo.user("owner"))
    other = world.communes(1)[0]
    world.filled(other, {("BD-C01", ""): 2})  # a draft: the province views it
    commune = html(world.demo.client("owner").get(url("reports")))
    button = between(commune, 'data-testid="period-BD-6T-2026S1"')
    assert _("View the report") in between(button, 'data-testid="open-report"', "</a>")
    province = html(world.demo.client("province").get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    row = between(province, other.name, "</tr>")
    assert _("View the report") in row
    for page in (commune, province):
        assert "Cách xem" not in page


# ------------------------------------------------------------------ 2. the English name, labelled


def test_an_indicators_english_name_is_labelled_not_a_bare_subtitle(world: ReportWorld) -> None:
    from apps.indicators.models import Indicator

    v04 = Indicator.objects.get(code="BD-V04")
    assert v04.name_en
    page = html(world.demo.client("owner").get(url("indicator_detail", "BD-V04")))
    header = between(page, 'class="bd-page-header"', "</div>")
    assert v04.name_en not in header and "bd-subtitle" not in header
    assert f'<dt class="col-sm-4">{_("English name")}</dt>' in page
    assert v04.name_en in between(page, 'data-testid="name-en"', "</dd>")
    # the Vietnamese list leaves the English names to the indicator's page
    listed = html(world.demo.client("owner").get(url("catalogue"), {"q": "BD-V04"}))
    assert v04.name_en not in between(listed, 'data-testid="indicator-row"')


# ------------------------------------------------------------------ 3. advice said once


def test_a_warning_that_already_asks_for_a_comment_is_not_told_so_twice(world: ReportWorld) -> None:
    # last half-year: 10 people; now 42, a change the warning asks to explain
    world.approved(world.demo.commune, {("BD-C02", ""): 10}, period="2025S2")
    refused = world.demo.client("owner").post(
        url("submit", world.submission.pk), {"revision": world.submission.revision}
    )
    assert refused.status_code == 200
    problems = between(html(refused), 'data-testid="submit-problems"', "</div>")
    item = between(problems, 'href="#ind-BD-C02"', "</li>")
    advice = fold(_("add a comment that explains it"))
    assert fold(item).count(advice) == 1, item
    world.submission.refresh_from_db()
    assert world.submission.status == Status.DRAFT


def test_the_advice_is_added_only_to_warnings_that_do_not_say_it() -> None:
    advice = _("add a comment that explains it")
    asks = validation.Finding(validation.WARNING, "BD-C02", "", f"BD-C02: 10 → 42: {advice}.")
    silent = validation.Finding(validation.WARNING, "BD-C02", "", "BD-C02: 60.000 người là nhiều.")
    error = validation.Finding(validation.ERROR, "BD-V04", "", "BD-V04: tử số lớn hơn mẫu số.")
    found = _problems([asks, silent, error])
    assert found is not None
    assert [p.advice for p in found] == [False, True, False]
    assert _problems(None) is None


# ------------------------------------------------------------------ 4. no report last period


def test_the_last_period_says_no_report_rather_than_a_dash(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    before = html(client.get(url("submission", world.submission.pk)))
    line = between(before, 'data-testid="previous">', "</li>")
    assert _("no report") in line and "—" not in line and _("approved") not in line
    # a report exists but is not approved: said so, still no figure
    draft = world.filled(world.demo.commune, {("BD-C02", ""): 10}, period="2025S2")
    line = between(
        html(client.get(url("submission", world.submission.pk))), 'data-testid="previous">', "</li>"
    )
    assert _("the report is not approved yet") in line and "10" not in line.split("</span>", 1)[1]
    # approved: its figure
    services.approve(
        services.submit(draft, actor=world.demo.user("owner")), actor=world.demo.user("province")
    )
    page = html(client.get(url("submission", world.submission.pk)))
    line = between(
        between(page, 'data-testid="indicator-BD-C02"', "</ul>"), 'data-testid="previous">', "</li>"
    )
    assert f"({_('approved')}):</span> 10" in line


# ------------------------------------------------------------------ 5. one word for lateness


def test_overdue_and_sent_late_are_the_same_words_on_every_page(world: ReportWorld) -> None:
    other = world.communes(1)[0]
    world.filled(other, {("BD-C01", ""): 2})  # a draft, past its due date 10/07/2026
    owner, province = world.demo.client("owner"), world.demo.client("province")
    # a draft past its due date: overdue, on the commune's list and on the report
    mine = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2026S1"')
    assert _("Overdue") in between(mine, 'data-testid="overdue"', "</span>")
    report = html(owner.get(url("submission", world.submission.pk)))
    assert _("Overdue") in between(report, 'data-testid="report-due"', "</dd>")
    # sent today, after the due date: sent late, everywhere
    services.submit(world.submission, actor=world.demo.user("owner"))
    mine = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2026S1"')
    assert _("Sent late") in between(mine, 'data-testid="sent-late"', "</span>")
    assert 'data-testid="overdue"' not in mine
    report = html(owner.get(url("submission", world.submission.pk)))
    assert _("Sent late") in between(report, 'data-testid="sent-late"', "</span>")
    assert 'data-testid="overdue"' not in report
    inbox = html(province.get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    ha_tay = between(inbox, world.demo.commune.name, "</tr>")
    assert _("Sent late") in between(ha_tay, 'data-testid="sent-late"', "</span>")
    draft_row = between(inbox, other.name, "</tr>")
    assert _("Overdue") in between(draft_row, 'data-testid="overdue"', "</span>")
    option = between(inbox, '<option value="late"', "</option>")
    assert _("Overdue or sent late") in option
    # the word the reviewer saw for both, "Late", is gone from these pages
    for page in (mine, report, inbox):
        assert "Trễ hạn" not in page


def test_the_reports_pages_say_periodic_reports_as_the_sidebar_does(world: ReportWorld) -> None:
    commune = html(world.demo.client("owner").get(url("reports")))
    province = html(world.demo.client("province").get(url("reports")))
    report = html(world.demo.client("owner").get(url("submission", world.submission.pk)))
    periodic = _("Periodic reports")
    assert periodic == "Báo cáo định kỳ"
    for page in (commune, province):
        assert breadcrumb_of(page) == periodic and title_of(page) == periodic
    crumbs = between(report, 'class="breadcrumb', "</ol>")
    assert f'{url("reports")}">{periodic}</a>' in crumbs


# ------------------------------------------------------------------ 6. where a due date comes from


def test_a_due_date_says_where_it_comes_from(world: ReportWorld) -> None:
    days = ngettext("%(n)s day after the period ends", "%(n)s days after the period ends", 10) % {"n": 10}
    owner = world.demo.client("owner")
    row = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2026S1"')
    assert "10/07/2026 <span" in row and days in between(row, 'data-testid="due-source"', "</span>")
    # a period nobody opened yet says it too
    unopened = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2025S2"')
    assert days in unopened
    report = html(owner.get(url("submission", world.submission.pk)))
    assert days in between(report, 'data-testid="report-due"', "</dd>")
    # the province sets it: said so on the report, the list and the inbox
    services.set_due_date(
        world.form,
        actor=world.demo.user("province"),
        province=world.demo.province,
        period="2026S1",
        due=dt.date(2026, 7, 20),
    )
    report = html(owner.get(url("submission", world.submission.pk)))
    assert _("set by the province") in between(report, 'data-testid="report-due"', "</dd>")
    row = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2026S1"')
    assert "20/07/2026" in row and _("set by the province") in row
    inbox = html(world.demo.client("province").get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    assert _("set by the province") in between(inbox, 'data-testid="due-card"', "</p>")


def test_a_due_date_from_the_province_plan_says_so(demo_plans: Any) -> None:
    # the city plan of 2026: the 6-month report by 15/6/2026, before the half-year ends
    world = ReportWorld(demo_plans)
    report = html(demo_plans.client("owner").get(url("submission", world.submission.pk)))
    due = between(report, 'data-testid="report-due"', "</dd>")
    assert "15/06/2026" in due and escape(_("according to the province's plan")) in due


# ------------------------------------------------------------------ 7. a failed save


def test_a_figure_that_cannot_be_read_is_not_also_asked_for_a_reason(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    before = world.submission.revision
    data = report_data(
        world.submission,
        {
            field_name("BD-C02", "", "num"): "abc",  # counted 42
            field_name("BD-C02", "sex:male", "num"): "-5",  # counted 12
            field_name("BD-C01", "", "num"): "3",  # counted 1: a real change, no reason
        },
    )
    response = client.post(url("submission_save", world.submission.pk), data)
    assert response.status_code == 200
    page = html(response)
    for category in ("total", "sex:male"):
        row = between(page, f'data-testid="cell-BD-C02-{category}"')
        assert 'data-testid="input-error"' in row and 'data-testid="reason-error"' not in row, category
    changed = between(page, 'data-testid="cell-BD-C01-total"')
    assert 'data-testid="reason-error"' in changed
    # the summary at the top stays on the page, each line a link to its input
    summary = between(page, 'data-testid="error-summary"', "</div>")
    assert 'role="alert"' in page.split('data-testid="error-summary"')[0][-120:]
    for anchor in ("id_BD-C02__total__num", "id_BD-C02__sex-male__num", "id_BD-C01__total__reason"):
        assert f'href="#{anchor}"' in summary and f'id="{anchor}"' in page
    assert summary.count("<li>") == 3
    assert page.index('data-testid="error-summary"') < page.index('data-testid="report-header"')
    world.submission.refresh_from_db()
    assert world.submission.revision == before and figure(world.submission, "BD-C01").numerator == 1


def test_a_saved_report_has_no_error_summary(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    data = report_data(world.submission, {field_name("BD-V01", "", "num"): "2"})
    response = client.post(url("submission_save", world.submission.pk), data, follow=True)
    assert response.status_code == 200 and 'data-testid="error-summary"' not in html(response)


# ------------------------------------------------------------------ 8. a returned report: last sent


def test_a_returned_report_says_when_it_was_last_sent(world: ReportWorld) -> None:
    owner, province = world.demo.client("owner"), world.demo.client("province")
    sent = services.submit(world.submission, actor=world.demo.user("owner"))
    services.return_submission(sent, "Thiếu số liệu phân tổ", actor=world.demo.user("province"))
    world.submission.refresh_from_db()
    assert world.submission.status == Status.RETURNED and world.submission.completed_at is None
    event = world.submission.history.filter(action="submitted").first()
    assert event is not None
    when = timezone.localtime(event.at)
    report = html(owner.get(url("submission", world.submission.pk)))
    meta = between(report, 'data-testid="report-header"', "</section>")
    assert f'<dt class="col-sm-3">{_("Last sent")}</dt>' in meta
    assert when.strftime("%d/%m/%Y %H:%M") in between(meta, 'data-testid="last-sent"', "</dd>")
    assert world.demo.user("owner").full_name in between(meta, 'data-testid="last-sent"', "</dd>")
    mine = between(html(owner.get(url("reports"))), 'data-testid="period-BD-6T-2026S1"')
    assert f"{_('Last sent')}: {when:%d/%m/%Y}" in mine
    other = world.filled(world.communes(1)[0], {("BD-C01", ""): 2})
    inbox = html(province.get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    row = between(inbox, world.demo.commune.name, "</tr>")
    assert f"{_('Last sent')}: {when:%d/%m/%Y}" in row
    # a draft never sent has nothing to say
    draft_row = between(inbox, other.unit.name, "</tr>")
    assert "last-sent" not in draft_row


# ------------------------------------------------------------------ 9. percentages: one decimal


def test_percentages_have_one_decimal_as_on_the_dashboard(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    data = report_data(
        world.submission, {field_name("BD-V04", "", "num"): "7", field_name("BD-V04", "", "den"): "9"}
    )
    assert client.post(url("submission_save", world.submission.pk), data).status_code == 302
    assert figure(world.submission, "BD-V04").numerator == 7
    page = html(client.get(url("submission", world.submission.pk)))
    block = between(page, 'data-testid="indicator-BD-V04"', "</article>")
    assert 'data-testid="value">77,8%<' in block  # 7 of 9 = 77,78 %
    assert "<output data-bd-percent>77,8%</output>" in block
    assert "77,78" not in block and "data-percent" in block
    assert "2025 ≥ 80% · 2030 ≥ 90%" in block
    # last period's approved percentage too
    world.approved(world.demo.commune, {("BD-V04", ""): (2, 3)}, period="2025S2")
    block = between(
        html(client.get(url("submission", world.submission.pk))), 'data-testid="indicator-BD-V04"'
    )
    assert f"({_('approved')}):</span> 66,7%" in block
    # the province's completeness and timeliness
    services.submit(world.submission, actor=world.demo.user("owner"))
    inbox = html(world.demo.client("province").get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    # counted by hand: Hà Tây's report is the one complete among the province's communes
    communes = AdministrativeUnit.objects.filter(
        parent=world.demo.province, level=Level.COMMUNE, is_active=True
    ).count()
    shown = f"{round(100 / communes, 1):.1f}".replace(".", ",").removesuffix(",0") + "%"
    assert shown in between(inbox, 'data-testid="stat-completeness"', "</div>")


# ------------------------------------------------------------------ 10. no control or bidi characters


@pytest.mark.parametrize(
    ("part", "text", "code"),
    [
        ("comment", "Đã kiểm tra \u202egnôht\u202c", "bidi"),
        ("comment", "Đã kiểm tra\x07", "control"),
        ("reason", "Thêm buổi \u2066Thôn 3\u2069", "bidi"),
        ("reason", "Thêm\x1b buổi", "control"),
    ],
)
def test_comments_and_reasons_refuse_control_and_bidi_characters(
    world: ReportWorld, part: str, text: str, code: str
) -> None:
    client = world.demo.client("owner")
    before = world.submission.revision
    figures = {field_name("BD-C01", "", "num"): "3", field_name("BD-C01", "", part): text}
    if part == "comment":
        figures[field_name("BD-C01", "", "reason")] = "2 buổi chưa ghi"
    response = client.post(
        url("submission_save", world.submission.pk), report_data(world.submission, figures)
    )
    assert response.status_code == 200
    page = html(response)
    block = between(page, 'data-testid="indicator-BD-C01"', "</article>")
    testid = "comment-error" if part == "comment" else "reason-error"
    assert str(MESSAGES[code]) in between(block, f'data-testid="{testid}"', "</div>")
    assert f'href="#id_BD-C01__total__{part}"' in between(page, 'data-testid="error-summary"', "</div>")
    world.submission.refresh_from_db()
    assert world.submission.revision == before
    value = figure(world.submission, "BD-C01")
    assert (value.numerator, value.reason, value.comment) == (1, "", "")


def test_a_clean_multi_line_comment_is_kept_with_its_lines(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    figures = {field_name("BD-C01", "", "comment"): "  Dòng một\u200b \r\nDòng   hai  "}
    response = client.post(
        url("submission_save", world.submission.pk), report_data(world.submission, figures)
    )
    assert response.status_code == 302
    assert figure(world.submission, "BD-C01").comment == "Dòng một\nDòng hai"


def test_a_return_comment_with_a_bidi_character_is_refused(world: ReportWorld) -> None:
    sent = services.submit(world.submission, actor=world.demo.user("owner"))
    province = world.demo.client("province")
    response = province.post(url("return", sent.pk), {"comment": "Sửa \u202eBD-C02"})
    assert response.status_code == 200
    assert str(MESSAGES["bidi"]) in between(html(response), 'data-testid="field-comment"', "</ul>")
    assert Submission.objects.get(pk=sent.pk).status == Status.SUBMITTED
    assert not Submission.objects.get(pk=sent.pk).history.filter(action="returned").exists()


# ------------------------------------------------------------------ 11. people by their full name


def test_the_history_names_people_by_their_full_name(world: ReportWorld) -> None:
    owner, officer = world.demo.user("owner"), world.demo.user("province")
    assert owner.full_name and officer.full_name
    sent = services.submit(world.submission, actor=owner)
    services.approve(sent, actor=officer)
    page = html(world.demo.client("owner").get(url("submission", sent.pk)))
    history = between(page, 'data-testid="history"', "</section>")
    meta = between(page, 'data-testid="report-header"', "</section>")
    for text in (history, meta):
        assert owner.username not in text and officer.username not in text
    assert owner.full_name in history and officer.full_name in history and officer.full_name in meta


def test_the_value_of_a_count_keeps_its_decimals_out_of_percent_formatting() -> None:
    from apps.indicators.templatetags.indicators import percent, shown

    class Count:
        kind = "count"

    class Share:
        kind = "percent"

    assert shown(Decimal("1234.5"), Count()) == "1.234,5"
    assert shown(Decimal("77.78"), Share()) == "77,8%"
    assert shown(Decimal("100.00"), Share()) == "100%"
    assert shown(None, Share()) == "—"
    assert percent(9.6) == "9,6%" and percent(Decimal("0.04")) == "0%"


# ------------------------------------------------------------------ a period too old to open


def test_a_period_too_old_to_open_offers_no_button(world: ReportWorld, monkeypatch: Any) -> None:
    """Listing four years, the annual form shows 2024 in 2027, which the service no longer
    opens (this year and the two before it): the list says so instead of a button that
    fails."""
    from types import SimpleNamespace

    from apps.indicators.reporting import inbox, views

    monkeypatch.setitem(inbox.RECENT, "Y", 4)
    january = dt.date(2027, 1, 5)
    rows = dict(inbox.commune_reports(world.demo.user("owner"), world.demo.commune, january))[world.annual]
    assert [(r.period.code, r.openable) for r in rows] == [
        ("2027", True),
        ("2026", True),
        ("2025", True),
        ("2024", False),
    ]
    monkeypatch.setattr(views, "timezone", SimpleNamespace(localdate=lambda: january))
    page = html(world.demo.client("owner").get(url("reports")))
    old = between(page, 'data-testid="period-BD-NAM-2024"')
    assert 'data-testid="too-old"' in old and url("open") not in old
    assert url("open") in between(page, 'data-testid="period-BD-NAM-2025"')
    refused = world.demo.client("owner").post(
        url("open"), {"form": "BD-NAM", "period": "2023"}
    )  # today, 2026
    assert refused.status_code == 302 and not Submission.objects.filter(period="2023").exists()


def test_sending_before_the_period_ends_asks_first_and_reopening_too(world: ReportWorld) -> None:
    owner = world.demo.client("owner")
    with time_machine.travel(
        dt.datetime(2026, 6, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    ):
        page = html(owner.get(url("submission", world.submission.pk)))
    button = page.split('data-testid="submit-report"')[1].split(">")[0]
    assert "data-bd-confirm=" in button and "30/06/2026" in button
    assert "data-bd-confirm" not in page.split('data-testid="save-figures"')[0].split("<button")[-1]
    with time_machine.travel(
        dt.datetime(2026, 7, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    ):
        page = html(owner.get(url("submission", world.submission.pk)))
        assert "data-bd-confirm" not in page.split('data-testid="submit-report"')[1].split(">")[0]
        services.approve(
            services.submit(world.submission, actor=world.demo.user("owner")),
            actor=world.demo.user("province"),
        )
        review = html(world.demo.client("province").get(url("submission", world.submission.pk)))
    reopen = review.split('data-testid="reopen-form"')[1].split(">")[0]
    assert "data-bd-confirm=" in reopen
