"""The reporting pages through the test client: the catalogue and the province's own
indicators, the commune's reports and the province's inbox, and a report from opening to
approval, with the bad input people send (words for figures, negative numbers, another
commune's report, a page left open while someone else saved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.access.models import AuditLog
from apps.geo.models import AdministrativeUnit, Level
from apps.indicators import services
from apps.indicators.models import AggregateValue, DataValue, Indicator, ReportingPeriod, Status, Submission
from apps.indicators.reporting.forms import field_name
from apps.indicators.tests.world import ReportWorld


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def html(response: Any) -> str:
    return str(response.content.decode())


def url(name: str, *args: Any) -> str:
    return reverse(f"indicators:{name}", args=args)


def figure(submission: Submission, code: str, category: str = "") -> DataValue:
    return submission.values.get(indicator__code=code, category=category)


def report_data(
    submission: Submission, figures: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    """What the report form posts: every input as the page rendered it, then `figures`
    (field names) and `extra` on top."""
    data: dict[str, Any] = {"revision": submission.revision}
    for value in submission.values.select_related("indicator"):
        code, category = value.indicator.code, value.category
        data[field_name(code, category, "num")] = "" if value.numerator is None else str(int(value.numerator))
    data.update(figures or {})
    data.update(extra)
    return data


def own_indicator(demo: Any, code: str = "HP-01", province: Any = None) -> Indicator:
    return Indicator.objects.create(
        code=code,
        name_vi="Số câu lạc bộ gia đình hạnh phúc",
        kind="count",
        unit_label="câu lạc bộ",
        province=province or demo.province,
    )


# ------------------------------------------------------------------ the catalogue


def test_the_catalogue_lists_searches_without_accents_and_filters(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    page = html(client.get(url("catalogue")))
    assert "BD-C01" in page and 'data-testid="pagination"' in page  # 49 indicators, 25 a page
    # "hoa nhap" finds "hòa nhập" (accents and case folded)
    found = html(client.get(url("catalogue"), {"q": "HOA NHAP"}))
    assert "tái hòa nhập" in found
    assert "BD-C01" not in found
    violence = html(client.get(url("catalogue"), {"group": "V", "kind": "percent"}))
    codes = {c for c in ("BD-V04", "BD-V05", "BD-V10", "BD-V01", "BD-C02") if f">{c}<" in violence}
    assert codes == {"BD-V04", "BD-V05", "BD-V10"}
    by_source = html(client.get(url("catalogue"), {"source": "memberships"}))
    assert ">BD-S06<" in by_source and ">BD-C01<" not in by_source
    # the strategy target's values beside the indicator
    assert "2025 ≥ 80% · 2030 ≥ 90%" in html(client.get(url("catalogue"), {"q": "BD-V04"}))
    # nonsense filters and pages answer, never fail
    assert client.get(url("catalogue"), {"group": "ZZ", "kind": "x", "page": "999"}).status_code == 200


def test_an_indicator_shows_its_definition_forms_and_strategy_target(world: ReportWorld) -> None:
    page = html(world.demo.client("focal").get(url("indicator_detail", "BD-V04")))
    v04 = Indicator.objects.get(code="BD-V04")
    assert v04.numerator_text[:40] in page
    assert world.form.name in page and world.annual.name in page
    assert 'data-testid="strategy"' in page and "3.2a" in page
    assert "page-action" not in page  # national: nobody edits it
    assert world.demo.client("owner").get(url("indicator_detail", "BD-ZZ")).status_code == 404


def test_another_provinces_own_indicator_is_not_found(world: ReportWorld) -> None:
    from apps.geo.models import AdministrativeUnit, Level

    elsewhere = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE).exclude(pk=world.demo.province.pk).first()
    )
    own_indicator(world.demo, "HN-01", province=elsewhere)
    own_indicator(world.demo, "HP-01")
    client = world.demo.client("province")
    assert client.get(url("indicator_detail", "HN-01")).status_code == 404
    assert client.get(url("indicator_detail", "HP-01")).status_code == 200
    assert "HN-01" not in html(client.get(url("catalogue"), {"q": "hanh phuc"}))


def test_a_province_officer_adds_an_indicator_of_the_province(world: ReportWorld) -> None:
    client = world.demo.client("province")
    data = {
        "code": "hp-02",
        "name_vi": "Tỷ lệ hộ gia đình đạt chuẩn văn hóa",
        "kind": "percent",
        "unit_label": "%",
        "numerator_text": "Số hộ đạt chuẩn",
        "denominator_text": "Tổng số hộ",
        "multiplier": "1",
        "disaggregations": ["ethnicity"],
        "levels": ["commune"],
        "periods": ["Y"],
        "change_threshold": "40",
    }
    response = client.post(url("indicator_create"), data)
    assert response.status_code == 302 and response["Location"] == url("indicator_detail", "HP-02")
    made = Indicator.objects.get(code="HP-02")
    assert (
        made.province == world.demo.province
        and made.multiplier == 100
        and made.disaggregations == ["ethnicity"]
    )
    assert AuditLog.objects.filter(event="indicator.created").exists()
    # the same code again, a national code, a malformed code: refused, nothing written
    for code in ("HP-02", "BD-99", "hp 02!", "-1"):
        again = client.post(url("indicator_create"), {**data, "code": code})
        assert again.status_code == 200 and 'data-testid="field-code"' in html(again)
        assert "bd-invalid" in html(again).split('data-testid="field-code"')[0][-80:]
    assert Indicator.objects.filter(province=world.demo.province).count() == 1
    # a percentage without its numerator and denominator
    missing = client.post(url("indicator_create"), {**data, "code": "HP-03", "numerator_text": ""})
    assert missing.status_code == 200 and not Indicator.objects.filter(code="HP-03").exists()
    # a commune officer may not add one
    assert (
        world.demo.client("owner").post(url("indicator_create"), {**data, "code": "HP-04"}).status_code == 403
    )
    assert not Indicator.objects.filter(code="HP-04").exists()


def test_only_the_province_edits_its_own_indicator_and_never_its_code(world: ReportWorld) -> None:
    own = own_indicator(world.demo)
    client = world.demo.client("province")
    assert "page-action" in html(client.get(url("indicator_detail", "HP-01")))
    data = {
        "code": "HP-99",
        "name_vi": "Số câu lạc bộ gia đình hạnh phúc (sửa)",
        "kind": "count",
        "multiplier": "1",
        "levels": ["commune"],
        "periods": ["S", "Y"],
        "change_threshold": "50",
    }
    response = client.post(url("indicator_edit", "HP-01"), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.code == "HP-01" and own.name_vi.endswith("(sửa)")
    assert client.get(url("indicator_edit", "BD-C01")).status_code == 403
    assert client.post(url("indicator_edit", "BD-C01"), data).status_code == 403
    assert world.demo.client("owner").post(url("indicator_edit", "HP-01"), data).status_code == 403
    assert Indicator.objects.get(code="BD-C01").name_vi != data["name_vi"]


# ------------------------------------------------------------------ the reporting entry page


def test_a_commune_sees_its_reports_by_period_with_status_and_due_date(world: ReportWorld) -> None:
    page = html(world.demo.client("owner").get(url("reports")))
    row = page.split('data-testid="period-BD-6T-2026S1"')[1].split("</tr>")[0]
    assert _("Draft") in row and "10/07/2026" in row  # 30/06 + 10 days
    assert 'data-testid="overdue"' in row  # a draft past its due date
    assert url("submission", world.submission.pk) in row
    unopened = page.split('data-testid="period-BD-6T-2025S2"')[1].split("</tr>")[0]
    assert url("open") in unopened and 'name="period" value="2025S2"' in unopened
    assert 'data-testid="period-BD-NAM-2026"' in page
    # nothing is written by looking
    assert not ReportingPeriod.objects.filter(period="2025S2").exists()


def test_a_case_worker_has_no_reports(world: ReportWorld) -> None:
    assert world.demo.client("caseworker").get(url("reports")).status_code == 403
    assert world.demo.client("caseworker").get(url("submission", world.submission.pk)).status_code == 404


def test_opening_a_report_creates_it_prefilled_once(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    response = client.post(url("open"), {"form": "BD-6T", "period": "2026S2"})
    made = Submission.objects.get(unit=world.demo.commune, period="2026S2")
    assert response["Location"] == url("submission", made.pk)
    again = client.post(url("open"), {"form": "BD-6T", "period": "2026S2"})
    assert again["Location"] == url("submission", made.pk)
    assert Submission.objects.filter(unit=world.demo.commune, period="2026S2").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"form": "BD-6T", "period": "2030S1"},  # not started
        {"form": "BD-6T", "period": "2026"},  # a year on the six-month form
        {"form": "BD-6T", "period": "hôm nay"},
        {"form": "BD-XX", "period": "2026S1"},
        {"form": "", "period": ""},
    ],
)
def test_opening_a_wrong_period_or_form_says_why_and_creates_nothing(world: ReportWorld, data: dict) -> None:
    client = world.demo.client("owner")
    before = Submission.objects.count()
    response = client.post(url("open"), data, follow=True)
    assert response.status_code == 200
    assert 'data-testid="toast"' in html(response)
    assert Submission.objects.count() == before


def test_the_province_inbox_shows_every_commune_with_rates_and_filters(world: ReportWorld) -> None:
    a, b = world.communes(2)
    world.approved(a, {("BD-C01", ""): 5})
    world.filled(b, {("BD-C01", ""): 2})
    services.submit(world.submission, actor=world.demo.user("owner"))
    client = world.demo.client("province")
    page = html(client.get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    # what waits for the province comes first
    first = page.split('data-testid="inbox-row"')[1]
    assert world.demo.commune.name in first and url("submission", world.submission.pk) in first
    submitted = html(client.get(url("reports"), {"form": "BD-6T", "period": "2026S1", "status": "submitted"}))
    assert submitted.count('data-testid="inbox-row"') == 1 and world.demo.commune.name in submitted
    search = html(client.get(url("reports"), {"form": "BD-6T", "period": "2026S1", "q": "ha tay"}))
    assert search.count('data-testid="inbox-row"') == 1
    approved = html(client.get(url("reports"), {"form": "BD-6T", "period": "2026S1", "status": "approved"}))
    assert approved.count('data-testid="inbox-row"') == 1 and a.name in approved
    # the completeness figures are DHIS2's: 2 of the expected communes complete
    # counted by hand: Hà Tây's and the first other commune's reports, of every active commune
    communes = AdministrativeUnit.objects.filter(
        parent=world.demo.province, level=Level.COMMUNE, is_active=True
    ).count()
    label = page.split('data-testid="stat-completeness"')[1][:900]
    assert f"(2/{communes} xã, phường)" in label
    # a nonsense period or form falls back to the latest finished period
    fallback = client.get(url("reports"), {"form": "nope", "period": "20X6"})
    assert fallback.status_code == 200 and "2026" in html(fallback)


def test_the_province_moves_a_due_date_and_commune_users_cannot(world: ReportWorld) -> None:
    client = world.demo.client("province")
    response = client.post(url("set_due"), {"form": "BD-6T", "period": "2026S1", "due": "2026-07-20"})
    assert response.status_code == 302
    row = ReportingPeriod.objects.get(form=world.form, province=world.demo.province, period="2026S1")
    assert row.due == dt.date(2026, 7, 20)
    assert AuditLog.objects.filter(event="report.due_changed").count() == 1
    page = html(client.get(response["Location"]))
    assert "20/07/2026" in page
    # before the period starts, or not a date: refused with a message, nothing changed
    for due in ("2025-12-01", "31/02/2026", "soon"):
        client.post(url("set_due"), {"form": "BD-6T", "period": "2026S1", "due": due})
    row.refresh_from_db()
    assert row.due == dt.date(2026, 7, 20)
    # a typo in the year would silence every reminder: refused past 120 days after the period
    far = client.post(url("set_due"), {"form": "BD-6T", "period": "2026S1", "due": "31/12/9999"}, follow=True)
    assert "120" in html(far)
    row.refresh_from_db()
    assert row.due == dt.date(2026, 7, 20)
    # a period decades ahead: refused, and no period row is left behind
    client.post(url("set_due"), {"form": "BD-6T", "period": "2100S1", "due": "10/01/2101"})
    assert not ReportingPeriod.objects.filter(period="2100S1").exists()
    denied = world.demo.client("owner").post(
        url("set_due"), {"form": "BD-6T", "period": "2026S1", "due": "2026-08-01"}
    )
    assert denied.status_code == 403
    row.refresh_from_db()
    assert row.due == dt.date(2026, 7, 20)


# ------------------------------------------------------------------ the report page


def test_the_report_shows_the_prefilled_figures_with_their_note(world: ReportWorld) -> None:
    page = html(world.demo.client("owner").get(url("submission", world.submission.pk)))
    for category, value in (("total", "42"), ("sex-female", "30"), ("sex-male", "12")):
        row = page.split(f'data-testid="cell-BD-C02-{category.replace("-", ":")}"')[1].split("</tr>")[0]
        assert f'value="{value}"' in row
        assert f'data-testid="prefilled-value">{value}<' in row
    note = figure(world.submission, "BD-C02").prefill_note
    assert note and note in page
    assert 'data-testid="submit-report"' in page and 'data-testid="save-figures"' in page
    assert 'data-testid="history-item"' in page


def test_the_focal_person_enters_figures_but_does_not_submit(world: ReportWorld) -> None:
    client = world.demo.client("focal")
    page = html(client.get(url("submission", world.submission.pk)))
    assert 'data-testid="save-figures"' in page and 'data-testid="submit-report"' not in page
    data = report_data(world.submission, {field_name("BD-V01", "", "num"): "2"})
    assert client.post(url("submission_save", world.submission.pk), data).status_code == 302
    assert figure(world.submission, "BD-V01").numerator == 2
    assert client.post(url("submit", world.submission.pk), {"revision": "3"}).status_code == 403
    world.submission.refresh_from_db()
    assert world.submission.status == Status.DRAFT


def test_the_province_reads_a_communes_report_without_inputs_and_outsiders_get_404(
    world: ReportWorld,
) -> None:
    page = html(world.demo.client("province").get(url("submission", world.submission.pk)))
    assert 'data-testid="report-form"' not in page and "__num" not in page
    assert 'data-testid="figure">42<' in page
    assert world.demo.client("outsider").get(url("submission", world.submission.pk)).status_code == 404
    assert (
        world.demo.client("outsider")
        .post(url("submission_save", world.submission.pk), report_data(world.submission))
        .status_code
        == 404
    )


def test_a_forged_pk_of_another_communes_report_is_not_found(world: ReportWorld) -> None:
    theirs = world.filled(world.demo.other_commune, {("BD-C01", ""): 4})
    client = world.demo.client("owner")
    assert client.get(url("submission", theirs.pk)).status_code == 404
    data = {"revision": theirs.revision, field_name("BD-C01", "", "num"): "9"}
    for name in ("submission_save", "submit", "approve", "return", "reopen"):
        assert client.post(url(name, theirs.pk), data).status_code == 404, name
    assert figure(theirs, "BD-C01").numerator == 4
    assert client.get(url("submission", 999999)).status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [("nhiều", "không phải là số"), ("-3", "không được âm"), ("1e999", "không phải là số")],
)
def test_a_bad_figure_is_shown_in_place_and_nothing_is_saved(
    world: ReportWorld, typed: str, message: str
) -> None:
    client = world.demo.client("owner")
    before = world.submission.revision
    data = report_data(
        world.submission,
        {field_name("BD-V01", "", "num"): "5", field_name("BD-C03", "", "num"): typed},
    )
    response = client.post(url("submission_save", world.submission.pk), data)
    assert response.status_code == 200
    row = html(response).split('data-testid="cell-BD-C03-total"')[1].split("</tr>")[0]
    assert 'data-testid="input-error"' in row
    assert _(message) in row or message in row
    assert f'value="{typed}"' in row  # kept as typed
    world.submission.refresh_from_db()
    assert world.submission.revision == before
    assert not DataValue.objects.filter(submission=world.submission, indicator__code="BD-V01").exists()


def test_changing_a_counted_figure_needs_a_reason(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    name = field_name("BD-C01", "", "num")
    response = client.post(
        url("submission_save", world.submission.pk), report_data(world.submission, {name: "3"})
    )
    assert response.status_code == 200
    row = html(response).split('data-testid="cell-BD-C01-total"')[1].split("</tr>")[0]
    assert 'data-testid="reason-error"' in row and "d-none" not in row.split("data-bd-reason")[0][-40:]
    assert figure(world.submission, "BD-C01").numerator == 1
    data = report_data(world.submission, {name: "3", field_name("BD-C01", "", "reason"): "2 buổi chưa ghi"})
    assert client.post(url("submission_save", world.submission.pk), data).status_code == 302
    value = figure(world.submission, "BD-C01")
    assert (value.numerator, value.reason, value.prefilled_numerator) == (3, "2 buổi chưa ghi", 1)


def test_a_stale_page_answers_409_and_keeps_the_other_save(world: ReportWorld) -> None:
    page_revision = world.submission.revision
    # someone else saves first
    services.save_values(
        world.submission, {("BD-V01", ""): services.Entry(Decimal(7))}, actor=world.demo.user("leader")
    )
    data = report_data(world.submission, {field_name("BD-V01", "", "num"): "2"}, revision=page_revision)
    response = world.demo.client("owner").post(url("submission_save", world.submission.pk), data)
    assert response.status_code == 409
    assert 'data-testid="conflict"' in html(response)
    assert figure(world.submission, "BD-V01").numerator == 7
    # the page shows the figures saved now, and what the person had typed
    row = html(response).split('data-testid="cell-BD-V01-total"')[1].split("</tr>")[0]
    assert 'value="7"' in row
    assert "BD-V01" in html(response).split('data-testid="conflict"')[1].split("</div>")[0]


def test_a_missing_revision_is_refused_without_saving(world: ReportWorld) -> None:
    data = report_data(world.submission, {field_name("BD-V01", "", "num"): "2"})
    del data["revision"]
    response = world.demo.client("owner").post(url("submission_save", world.submission.pk), data)
    assert response.status_code == 400
    assert not DataValue.objects.filter(submission=world.submission, indicator__code="BD-V01").exists()


def test_submitting_with_errors_lists_them_and_keeps_the_draft(world: ReportWorld) -> None:
    client = world.demo.client("owner")
    data = report_data(
        world.submission,
        {
            field_name("BD-S05", "", "num"): "3",
            field_name("BD-V04", "", "num"): "5",
            field_name("BD-V04", "", "den"): "2",  # 5 of 2
        },
    )
    response = client.post(url("submit", world.submission.pk), data)
    assert response.status_code == 200
    problems = html(response).split('data-testid="submit-problems"')[1].split("</div>")[0]
    assert "BD-V04" in problems
    world.submission.refresh_from_db()
    assert world.submission.status == Status.DRAFT and world.submission.completed_at is None
    # the figures were kept (saved), so the commune corrects only what is wrong
    assert figure(world.submission, "BD-S05").numerator == 3
    v04_row = html(response).split('data-testid="cell-BD-V04-total"')[1].split("</tr>")[0]
    assert 'data-testid="finding-error"' in v04_row


def test_submit_return_fix_resubmit_approve_and_reopen_through_the_pages(world: ReportWorld) -> None:
    owner, province = world.demo.client("owner"), world.demo.client("province")
    pk = world.submission.pk
    data = report_data(world.submission, {field_name("BD-V01", "", "num"): "2"})
    assert owner.post(url("submit", pk), data)["Location"] == url("submission", pk)
    world.submission.refresh_from_db()
    assert world.submission.status == Status.SUBMITTED
    # a commune may not approve its own report, nor return it
    assert owner.post(url("approve", pk)).status_code == 403
    assert world.demo.client("leader").post(url("return", pk), {"comment": "x"}).status_code == 403
    # returning needs a comment
    empty = province.post(url("return", pk), {"comment": "  "})
    assert empty.status_code == 200 and 'data-testid="field-comment"' in html(empty)
    assert _("Say what the commune should fix.") in html(empty)
    # and said in a message at the top of the window, where the reviewer is after the reload
    assert _("The report was not returned: see the comment below.") in html(empty)
    world.submission.refresh_from_db()
    assert world.submission.status == Status.SUBMITTED
    assert province.post(url("return", pk), {"comment": "Thiếu số vụ bạo lực"}).status_code == 302
    page = html(owner.get(url("submission", pk)))
    assert "Thiếu số vụ bạo lực" in page.split('data-testid="return-comment"')[1]
    data = report_data(
        Submission.objects.get(pk=pk),
        {field_name("BD-V01", "", "num"): "4"},
    )
    assert owner.post(url("submit", pk), data).status_code == 302
    assert province.post(url("approve", pk)).status_code == 302
    world.submission.refresh_from_db()
    assert world.submission.status == Status.APPROVED
    row = AggregateValue.objects.get(
        form=world.form, province=world.demo.province, period="2026S1", indicator__code="BD-V01", category=""
    )
    assert (row.numerator, row.contributors) == (4, 1)
    # locked: saving is refused with a message, nothing changes
    locked = owner.post(
        url("submission_save", pk), report_data(world.submission, {field_name("BD-V01", "", "num"): "9"})
    )
    assert locked.status_code == 302
    assert figure(world.submission, "BD-V01").numerator == 4
    # reopening needs a reason; then the figures leave the totals
    assert 'data-testid="field-reason"' in html(province.post(url("reopen", pk), {"reason": ""}))
    assert province.post(url("reopen", pk), {"reason": "Sửa số vụ"}).status_code == 302
    row.refresh_from_db()
    assert row.contributors == 0
    history = html(owner.get(url("submission", pk))).split('data-testid="history"')[1]
    assert history.index("Sửa số vụ") < history.index("Thiếu số vụ bạo lực")  # newest first


def test_a_large_change_shows_a_warning_that_a_comment_answers(world: ReportWorld) -> None:
    # Hà Tây reached 10 people in the second half of 2025; 42 now is a change to explain
    world.approved(world.demo.commune, {("BD-C02", ""): 10}, period="2025S2")
    client = world.demo.client("owner")
    page = html(client.get(url("submission", world.submission.pk)))
    row = page.split('data-testid="cell-BD-C02-total"')[1].split("</tr>")[0]
    assert 'data-testid="finding-warning"' in row and "bd-has-warning" in page
    block = page.split('data-testid="indicator-BD-C02"')[1].split("</article>")[0]
    assert "10" in block.split('data-testid="previous"')[1][:200]  # last period's approved value
    assert field_name("BD-C02", "", "comment") in block
    refused = client.post(url("submit", world.submission.pk), {"revision": world.submission.revision})
    assert refused.status_code == 200 and "BD-C02" in html(refused).split('data-testid="submit-problems"')[1]
    world.submission.refresh_from_db()
    data = report_data(world.submission, {field_name("BD-C02", "", "comment"): "Thêm 3 buổi ở các thôn"})
    assert client.post(url("submit", world.submission.pk), data).status_code == 302
    world.submission.refresh_from_db()
    assert world.submission.status == Status.SUBMITTED
    assert figure(world.submission, "BD-C02").comment == "Thêm 3 buổi ở các thôn"


def test_the_plans_target_and_the_strategy_target_stand_beside_the_figures(demo_plans: Any) -> None:
    from apps.indicators.catalogue import targets

    world = ReportWorld(demo_plans)
    annual = services.open_submission(
        world.annual, demo_plans.commune, "2026", actor=demo_plans.user("owner")
    )
    page = html(demo_plans.client("owner").get(url("submission", annual.pk)))
    # Hà Tây's issued 2026 plan: "Trên 90% hộ gia đình được tiếp cận thông tin…" (BD-C05)
    target = targets.plan_targets(demo_plans.commune, 2026)["BD-C05"]
    block = page.split('data-testid="indicator-BD-C05"')[1].split("</article>")[0]
    assert 'data-testid="plan-target"' in block and target.text[:40] in block
    strategy = page.split('data-testid="indicator-BD-V04"')[1].split("</article>")[0]
    assert "3.2a" in strategy and "2025 ≥ 80% · 2030 ≥ 90%" in strategy
    assert 'data-testid="plan-target"' not in strategy


@time_machine.travel(dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False)
def test_a_report_sent_after_its_due_date_is_marked_late_not_overdue(world: ReportWorld) -> None:
    services.submit(world.submission, actor=world.demo.user("owner"))  # after 10/07/2026
    page = html(world.demo.client("owner").get(url("reports")))
    row = page.split('data-testid="period-BD-6T-2026S1"')[1].split("</tr>")[0]
    assert _("Sent late") in row and 'data-testid="overdue"' not in row
    # moved after today, the same report is on time
    services.set_due_date(
        world.form,
        actor=world.demo.user("province"),
        province=world.demo.province,
        period="2026S1",
        due=dt.date(2026, 8, 31),
    )
    row = html(world.demo.client("owner").get(url("reports"))).split('data-testid="period-BD-6T-2026S1"')[1]
    assert _("Sent late") not in row.split("</tr>")[0]
    inbox = html(world.demo.client("province").get(url("reports"), {"form": "BD-6T", "period": "2026S1"}))
    first = inbox.split('data-testid="inbox-row"')[1].split("</tr>")[0]
    assert world.demo.commune.name in first and _("On time") in first


def test_the_report_page_links_its_files_to_those_who_may_use_them(demo: Any) -> None:

    world = ReportWorld(demo)
    pk = world.submission.pk
    owner = demo.client("owner").get(f"/indicators/reports/{pk}/").content.decode()
    province = demo.client("province").get(f"/indicators/reports/{pk}/").content.decode()
    assert f"/indicators/data/{pk}/upload/" in owner and f"/indicators/data/{pk}/template.xlsx" in owner
    assert (
        f"/indicators/data/{pk}/export.json" in province and f"/indicators/data/{pk}/export.csv" in province
    )
    assert f"/indicators/data/{pk}/upload/" not in province
