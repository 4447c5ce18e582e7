"""The report page hides a commune's small violence figures (group V, 1 to 4) from anyone
reading it from outside the commune (the province officer): "<5", with the complementary
"x" for a part that would give a small one away, and the same note as the reports; the
commune's own users see their figures as they are. Checked through the test client in
the Vietnamese UI."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import gettext as _

from apps.indicators import services
from apps.indicators.models import Status, Submission
from apps.indicators.tests.test_views import html, url
from apps.indicators.tests.world import ReportWorld

NOTE = "Số liệu về bạo lực từ 1 đến 4 được ghi là “&lt;5”"


@pytest.fixture
def world(demo: Any) -> ReportWorld:
    return ReportWorld(demo)


def row(page: str, code: str, category: str = "total") -> str:
    """The table row of one figure of the page."""
    start = f'data-testid="cell-{code}-{category}"'
    assert start in page, start
    return page.split(start, 1)[1].split("</tr>", 1)[0]


def figures_of(page: str, code: str, category: str = "total") -> list[str]:
    """What the row's figure cells (numerator, denominator, value) show."""
    cells = row(page, code, category).split('class="bd-figure-cell"')[1:]
    shown = []
    for cell in cells:
        text = (
            cell.split('data-testid="figure">', 1)[-1]
            if 'data-testid="figure"' in cell
            else cell.split(">", 1)[1]
        )
        shown.append(text.split("<", 1)[0].strip())
    return shown


def page_of(world: ReportWorld, persona: str, submission: Submission) -> str:
    response = world.demo.client(persona).get(url("submission", submission.pk))
    assert response.status_code == 200
    return html(response)


@pytest.fixture
def violence(world: ReportWorld) -> Submission:
    """Hà Tây's 2026S1 report, sent to the province: 3 reports of violence (BD-V01), 12
    received by the police (BD-V06), 13 survivors of whom 3 men (BD-V02), 2 of 3
    reached (BD-V04), and 3 of a non-violence count (BD-C01)."""
    demo = world.demo
    submission = world.filled(
        demo.commune,
        {
            ("BD-V01", ""): 3,
            ("BD-V06", ""): 12,
            ("BD-V02", ""): 13,
            ("BD-V02", "sex:male"): 3,
            ("BD-V02", "sex:female"): 10,
            ("BD-V04", ""): (2, 3),
            ("BD-C01", ""): 3,
        },
    )
    return services.submit(submission, actor=demo.user("owner"))


def test_the_province_sees_a_small_violence_figure_as_less_than_five(
    world: ReportWorld, violence: Submission
) -> None:
    page = page_of(world, "province", violence)
    assert figures_of(page, "BD-V01") == ["&lt;5"]
    assert ">3<" not in row(page, "BD-V01")
    assert NOTE in page and 'data-testid="figures-note"' in page
    # 12 is shown; a non-violence 3 is shown
    assert figures_of(page, "BD-V06") == ["12"]
    assert figures_of(page, "BD-C01") == ["3"]
    # the men's 3 is hidden, and the women's 10 with it (13 - 10 would tell it)
    assert figures_of(page, "BD-V02") == ["13"]
    assert figures_of(page, "BD-V02", "sex:male") == ["&lt;5"]
    assert figures_of(page, "BD-V02", "sex:female") == ["x"]
    # 2 of 3 reached: both parts and the percentage hidden
    v04 = row(page, "BD-V04")
    assert figures_of(page, "BD-V04") == ["&lt;5", "&lt;5"]
    assert "66,7%" not in page.split('data-testid="indicator-BD-V04"', 1)[1].split("</article>", 1)[0]
    assert "<output data-bd-percent>&lt;5</output>" in v04
    # status and approving are unchanged
    assert 'data-testid="report-status"' in page and 'data-testid="approve"' in page
    assert 'data-testid="history-item"' in page


def test_the_commune_sees_its_own_figures(world: ReportWorld, violence: Submission) -> None:
    page = page_of(world, "owner", violence)
    assert figures_of(page, "BD-V01") == ["3"]
    assert figures_of(page, "BD-V02", "sex:male") == ["3"]
    assert figures_of(page, "BD-V02", "sex:female") == ["10"]
    assert figures_of(page, "BD-V04") == ["2", "3"]
    assert NOTE not in page and "&lt;5" not in page


def test_a_draft_shows_the_commune_its_figure_and_the_province_less_than_five(world: ReportWorld) -> None:
    draft = world.filled(world.demo.commune, {("BD-V01", ""): 3, ("BD-V06", ""): 12})
    assert draft.status == Status.DRAFT
    own = row(page_of(world, "owner", draft), "BD-V01")
    assert 'value="3"' in own and "&lt;5" not in own
    page = page_of(world, "province", draft)
    assert figures_of(page, "BD-V01") == ["&lt;5"] and figures_of(page, "BD-V06") == ["12"]


def test_approving_is_unchanged_and_the_approved_report_stays_hidden(
    world: ReportWorld, violence: Submission
) -> None:
    client = world.demo.client("province")
    response = client.post(url("approve", violence.pk))
    assert response.status_code == 302
    violence.refresh_from_db()
    assert violence.status == Status.APPROVED
    assert figures_of(page_of(world, "province", violence), "BD-V01") == ["&lt;5"]
    assert figures_of(page_of(world, "owner", violence), "BD-V01") == ["3"]


def test_last_periods_small_figure_and_the_counted_one_are_hidden_too(world: ReportWorld) -> None:
    demo = world.demo
    world.approved(demo.commune, {("BD-V01", ""): 2, ("BD-V06", ""): 9}, period="2025S2")
    submission = world.filled(demo.commune, {("BD-V01", ""): 7, ("BD-V06", ""): 20})
    value = submission.values.get(indicator__code="BD-V01", category="")
    value.prefilled_numerator = 4
    value.save()
    page = page_of(world, "province", submission)
    previous = page.split('data-testid="indicator-BD-V01"', 1)[1].split('data-testid="previous">', 1)[1]
    previous = previous.split("</li>", 1)[0]
    assert "&lt;5" in previous and "2" not in previous.split("</span>", 1)[1]
    assert figures_of(page, "BD-V01") == ["7"]
    counted = row(page, "BD-V01").split('data-testid="prefilled-value">', 1)[1].split("</span>", 1)[0]
    assert counted == "&lt;5"
    v06 = page.split('data-testid="indicator-BD-V06"', 1)[1].split('data-testid="previous">', 1)[1]
    assert "9" in v06.split("</li>", 1)[0]
    own = page_of(world, "owner", submission)
    previous = own.split('data-testid="indicator-BD-V01"', 1)[1].split('data-testid="previous">', 1)[1]
    assert "&lt;5" not in previous.split("</li>", 1)[0] and "2" in previous.split("</li>", 1)[0]
    assert 'data-testid="prefilled-value">4' in row(own, "BD-V01")


def test_a_finding_does_not_tell_a_hidden_figure(world: ReportWorld) -> None:
    # 4 reached of 3: the finding names both figures
    submission = world.filled(world.demo.commune, {("BD-V04", ""): (4, 3)})
    own = page_of(world, "owner", submission)
    assert "(4)" in row(own, "BD-V04")
    page = page_of(world, "province", submission)
    v04 = page.split('data-testid="indicator-BD-V04"', 1)[1].split("</article>", 1)[0]
    assert "(4)" not in v04 and "(3)" not in v04
    hidden = _(
        "%(code)s: a violence figure needs checking (figures from 1 to %(limit)s are not shown here)."
    ) % {"code": "BD-V04", "limit": 4}
    assert hidden in v04
    assert "(4)" not in page.split('data-testid="findings"', 1)[-1].split("</div>", 1)[0]


def test_the_notes_of_a_hidden_figure_are_hidden_with_it(world: ReportWorld) -> None:
    """A comment or a reason can say what the mark hides ("Cả 3 vụ ở thôn Đông")."""
    from decimal import Decimal

    from apps.indicators.services import Entry

    demo = world.demo
    draft = world.filled(demo.commune, {("BD-V06", ""): 12})
    services.save_values(
        draft,
        {
            ("BD-V01", ""): Entry(Decimal(3), comment="Cả 3 vụ ở thôn Đông; 1 nạn nhân 15 tuổi"),
            ("BD-V06", ""): Entry(Decimal(12), comment="Công an xã tiếp nhận"),
        },
        actor=demo.user("owner"),
    )
    province = page_of(world, "province", draft)
    assert "thôn Đông" not in province and 'data-testid="notes-hidden"' in row(province, "BD-V01")
    assert "Công an xã tiếp nhận" in row(province, "BD-V06")  # a figure shown keeps its note
    assert "Cả 3 vụ ở thôn Đông" in page_of(world, "owner", draft)


def test_the_report_says_which_findings_would_tell_a_hidden_figure(world: ReportWorld) -> None:
    # the decision lives beside the rule (reporting/suppression), not in the page: the
    # indicators whose own, pre-filled or last period's figure is hidden from outside
    from apps.indicators.reporting import suppression

    demo = world.demo
    world.approved(demo.commune, {("BD-V06", ""): 2}, period="2025S2")
    submission = world.filled(
        demo.commune, {("BD-V01", ""): 3, ("BD-V04", ""): (4, 30), ("BD-V06", ""): 20, ("BD-C01", ""): 2}
    )
    value = submission.values.get(indicator__code="BD-V04", category="")
    value.prefilled_numerator, value.prefilled_denominator = 12, 30
    value.save()
    # BD-V01: 3 (small); BD-V04: 4 of 30 (small); BD-V06: 20 now, 2 last period; BD-C01 is no violence
    assert suppression.hidden_codes(submission) == {"BD-V01", "BD-V04", "BD-V06"}
    findings = services.findings(submission)
    assert "BD-V04" in {f.code for f in findings}  # its figure differs from the counted one
    masked = suppression.masked_findings(findings, {"BD-V04"})
    assert [f.code for f in masked] == [f.code for f in findings]
    for before, after in zip(findings, masked, strict=True):
        if before.code == "BD-V04":
            assert after.message == _(
                "%(code)s: a violence figure needs checking (figures from 1 to %(limit)s are not shown here)."
            ) % {"code": "BD-V04", "limit": 4}
        else:
            assert after == before
