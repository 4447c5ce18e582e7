"""Small-cell suppression of the violence figures (group V): what the province sees of a
commune, and its own totals, show a figure from 1 to 4 as "<5" (and "x" for a figure that
would give a small one away by subtraction); a commune reading its own report sees its
figures as they are. The rule itself is checked on examples and as a property (no figure
from 1 to k - 1 published; no hidden figure that the total and the published ones pin)."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from apps.reports import figures, services, storage, suppression
from apps.reports.models import ConsolidatedReport, ReportFile

VIOLENCE_COUNT = SimpleNamespace(group="V", kind="count", is_ratio=False)
VIOLENCE_SHARE = SimpleNamespace(group="V", kind="percent", is_ratio=True)
OTHER_COUNT = SimpleNamespace(group="C", kind="count", is_ratio=False)


def _cell(numerator: int, denominator: int | None = None) -> figures.Cell:
    value = Decimal(numerator) if denominator is None else Decimal(100 * numerator) / denominator
    return figures.Cell(Decimal(numerator), None if denominator is None else Decimal(denominator), value)


def _hidden(cells: dict[Any, figures.Cell]) -> dict[Any, str]:
    return {key: cell.hidden for key, cell in cells.items() if cell.suppressed}


# the rule


def test_small_violence_counts_are_hidden_with_the_figure_that_would_give_them_away() -> None:
    cells = {
        "": _cell(13),
        "sex:female": _cell(10),
        "sex:male": _cell(3),
        "age_group:lt16": _cell(0),
        "age_group:16-59": _cell(13),
        "age_group:60plus": _cell(0),
        "disability:yes": _cell(2),
    }
    shown = suppression.categories(VIOLENCE_COUNT, cells)
    # men 3 is small; women 10 = 13 - 3 would tell it, so it goes too; the disabled are a
    # part of the total, not a partition: nothing to subtract; 0 and 13 are shown
    assert _hidden(shown) == {"sex:male": "small", "sex:female": "complement", "disability:yes": "small"}
    assert [figures.shown(VIOLENCE_COUNT, shown[k]) for k in ("", "sex:female", "sex:male")] == [
        "13",
        "x",
        "<5",
    ]
    assert figures.shown(VIOLENCE_COUNT, shown["age_group:lt16"]) == "0"


def test_a_small_total_is_hidden_and_figures_of_other_groups_never() -> None:
    assert _hidden(suppression.categories(VIOLENCE_COUNT, {"": _cell(4), "sex:female": _cell(4)})) == {
        "": "small",
        "sex:female": "small",
    }
    assert _hidden(suppression.categories(VIOLENCE_COUNT, {"": _cell(5)})) == {}
    assert _hidden(suppression.categories(OTHER_COUNT, {"": _cell(2), "sex:female": _cell(2)})) == {}


def test_a_percentage_of_few_people_is_hidden_with_its_parts() -> None:
    shown = suppression.categories(VIOLENCE_SHARE, {"": _cell(3, 4)})
    assert _hidden(shown) == {"": "small"}
    assert (figures.shown(VIOLENCE_SHARE, shown[""]), figures.part(shown[""], "numerator")) == ("<5", "<5")
    assert figures.part(shown[""], "denominator") == "<5"
    assert _hidden(suppression.categories(VIOLENCE_SHARE, {"": _cell(30, 40)})) == {}
    assert _hidden(suppression.categories(VIOLENCE_SHARE, {"": _cell(0, 6)})) == {}
    assert _hidden(suppression.categories(VIOLENCE_SHARE, {"": _cell(2, 40)})) == {"": "small"}


def test_two_small_figures_that_the_total_still_pins_take_a_third_with_them() -> None:
    # 1 + 1 = 12 - 10: both would be known to be 1
    column = {"a": _cell(1), "b": _cell(1), "c": _cell(10), "d": _cell(30)}
    shown, hide_total = suppression.parts_of_total(VIOLENCE_COUNT, column, _cell(42))
    assert _hidden(shown) == {"a": "small", "b": "small", "c": "complement"} and not hide_total
    # 2 + 2: could be 1 + 3, 2 + 2 or 3 + 1
    column = {"a": _cell(2), "b": _cell(2), "c": _cell(10)}
    shown, hide_total = suppression.parts_of_total(VIOLENCE_COUNT, column, _cell(14))
    assert _hidden(shown) == {"a": "small", "b": "small"} and not hide_total
    # a lone small figure under a small total: the total is hidden already
    shown, hide_total = suppression.parts_of_total(VIOLENCE_COUNT, {"a": _cell(3), "b": _cell(0)}, _cell(3))
    assert _hidden(shown) == {"a": "small"} and not hide_total
    # 4 + 4 = 8: nothing else to hide, so the total goes too
    shown, hide_total = suppression.parts_of_total(VIOLENCE_COUNT, {"a": _cell(4), "b": _cell(4)}, _cell(8))
    assert _hidden(shown) == {"a": "small", "b": "small"} and hide_total
    # the same in one report: the total goes, and with it the age group that would say it
    cells = {"": _cell(8), "sex:female": _cell(4), "sex:male": _cell(4), "age_group:16-59": _cell(8)}
    assert _hidden(suppression.categories(VIOLENCE_COUNT, cells)) == {
        "": "complement",
        "sex:female": "small",
        "sex:male": "small",
        "age_group:16-59": "complement",
    }


def test_a_hidden_total_is_not_given_away_by_another_breakdown() -> None:
    """Ages 4 + 4 hide the total 8; men 0 and women 8 would tell it, and so the ages."""
    cells = {
        "": _cell(8),
        "sex:male": _cell(0),
        "sex:female": _cell(8),
        "age_group:lt16": _cell(4),
        "age_group:16-59": _cell(4),
        "age_group:60plus": _cell(0),
    }
    shown = suppression.categories(VIOLENCE_COUNT, cells)
    assert _hidden(shown) == {
        "": "complement",
        "sex:female": "complement",
        "age_group:lt16": "small",
        "age_group:16-59": "small",
    }
    # without a total, the breakdowns still add up to the same number among themselves
    del cells[""]
    assert "sex:female" in _hidden(suppression.categories(VIOLENCE_COUNT, cells))


def test_the_threshold_is_a_setting(settings: Any) -> None:
    settings.GBV_SUPPRESSION_THRESHOLD = 3
    shown = suppression.categories(
        VIOLENCE_COUNT, {"": _cell(3), "sex:female": _cell(2), "sex:male": _cell(1)}
    )
    assert _hidden(shown) == {"sex:female": "small", "sex:male": "small"}
    assert figures.shown(VIOLENCE_COUNT, shown["sex:male"]) == "<3"
    del settings.GBV_SUPPRESSION_THRESHOLD
    assert suppression.threshold() == 5


def _tellable(values: list[int], hidden: dict[int, str], k: int = 5) -> bool:
    """Brute force: given the total, the published figures and what each mark says (<5:
    1 to 4; x: above 0), is some hidden figure one value only?"""
    total = sum(values)
    left = total - sum(v for i, v in enumerate(values) if i not in hidden)
    keys = sorted(hidden)
    ranges = [range(1, k) if hidden[i] == "small" else range(1, left + 1) for i in keys]
    possible: list[set[int]] = [set() for _ in keys]

    def walk(index: int, remaining: int, chosen: list[int]) -> None:
        if index == len(keys):
            if remaining == 0:
                for slot, value in enumerate(chosen):
                    possible[slot].add(value)
            return
        for value in ranges[index]:
            if value <= remaining:
                walk(index + 1, remaining - value, [*chosen, value])

    walk(0, left, [])
    return any(len(found) == 1 for found in possible)


@examples(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=25), min_size=2, max_size=6))
def test_no_small_figure_is_published_or_can_be_worked_out(values: list[int]) -> None:
    column = {index: _cell(value) for index, value in enumerate(values)}
    total = _cell(sum(values))
    shown, hide_total = suppression.parts_of_total(VIOLENCE_COUNT, column, total)
    hidden = _hidden(shown)
    assert all(not 0 < v < 5 for i, v in enumerate(values) if i not in hidden)
    assert {i for i, v in enumerate(values) if 0 < v < 5} <= set(hidden)
    if sum(values) >= 5 and not hide_total:  # the total is published: nothing may be pinned
        assert not _tellable(values, hidden)
    # the same figures as the options of one dimension under their total
    cells = {"": total, **{f"age_group:{i}": cell for i, cell in column.items()}}
    by_category = _hidden(suppression.categories(VIOLENCE_COUNT, cells))
    parts = {int(key.split(":")[1]): kind for key, kind in by_category.items() if key}
    assert {i for i, v in enumerate(values) if 0 < v < 5} <= set(parts)
    if not by_category.get(""):
        assert not _tellable(values, parts)


def _possible(cells: dict[str, int], hidden: dict[str, str], k: int = 5) -> dict[str, set[int]]:
    """Brute force over two breakdowns of one total (sex: 2 options, age: 3): every value
    each hidden figure can take, given the published ones and what the marks say."""
    groups = (["sex:female", "sex:male"], ["age_group:a", "age_group:b", "age_group:c"])

    def options(key: str, most: int) -> range:
        if key not in hidden:
            return range(cells[key], cells[key] + 1)
        return range(1, k) if hidden[key] == "small" else range(1, most + 1)

    found: dict[str, set[int]] = {key: set() for key in hidden}
    for total in options("", cells[""] + 20):
        per_group = []
        for group in groups:
            ways: list[dict[str, int]] = [{}]
            for key in group:
                ways = [{**way, key: value} for way in ways for value in options(key, total)]
            per_group.append([way for way in ways if sum(way.values()) == total])
        if not all(per_group):
            continue
        if "" in hidden:
            found[""].add(total)
        for ways in per_group:
            for way in ways:
                for key, value in way.items():
                    if key in hidden:
                        found[key].add(value)
    return found


@examples(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=3, max_size=3), st.data())
def test_no_hidden_figure_can_be_told_across_two_breakdowns(ages: list[int], data: Any) -> None:
    total = sum(ages)
    female = data.draw(st.integers(min_value=0, max_value=total))
    values = {
        "": total,
        "sex:female": female,
        "sex:male": total - female,
        "age_group:a": ages[0],
        "age_group:b": ages[1],
        "age_group:c": ages[2],
    }
    hidden = _hidden(suppression.categories(VIOLENCE_COUNT, {k: _cell(v) for k, v in values.items()}))
    assert {k for k, v in values.items() if 0 < v < 5} <= set(hidden)
    for key, found in _possible(values, hidden).items():
        assert values[key] in found
        if 0 < values[key] < 5:  # a small figure: never one value only
            assert len(found) > 1, (key, values, hidden)


# in the pages and the files


@pytest.fixture
def violence(world: Any) -> Any:
    """Hà Tây's 2026S1 report approved with 3 survivors (all women) and 2 of 3 reached;
    two more communes approved with 10 and 7 survivors."""
    demo = world.demo
    world.approved(
        demo.commune,
        {
            ("BD-V01", ""): 12,
            ("BD-V02", ""): 3,
            ("BD-V02", "sex:female"): 3,
            ("BD-V02", "sex:male"): 0,
            ("BD-V04", ""): (2, 3),
        },
    )
    first, second = world.communes(2)
    world.approved(
        first, {("BD-V01", ""): 6, ("BD-V02", ""): 10, ("BD-V02", "sex:female"): 8, ("BD-V02", "sex:male"): 2}
    )
    world.approved(second, {("BD-V01", ""): 0, ("BD-V02", ""): 7, ("BD-V02", "sex:female"): 7})
    world.others = (first, second)
    return world


def _export(report: ConsolidatedReport, actor: Any, kind: str) -> bytes:
    row: ReportFile = services.export_report(report, kind, actor=actor)
    return (storage.files_dir() / row.file_path).read_bytes()


def _province_report(world: Any) -> ConsolidatedReport:
    return services.open_report(world.demo.province, world.form, "2026S1", actor=world.demo.user("province"))


def _hatay_report(world: Any) -> ConsolidatedReport:
    return services.open_report(world.demo.commune, world.form, "2026S1", actor=world.demo.user("owner"))


def _sheet_row(sheet: Any, column: int, value: str) -> int:
    return next(r for r in range(8, sheet.max_row + 1) if sheet.cell(row=r, column=column).value == value)


def test_the_province_workbook_hides_the_small_violence_figures(violence: Any) -> None:
    world = violence
    workbook = openpyxl.load_workbook(
        io.BytesIO(_export(_province_report(world), world.demo.user("province"), "xlsx"))
    )
    communes = workbook["Theo xã 6 tháng đầu năm 2026"]
    header = {communes.cell(row=6, column=c).value: c for c in range(1, communes.max_column + 1)}

    def commune_value(unit: Any, code: str) -> Any:
        return communes.cell(row=_sheet_row(communes, 2, unit.name), column=header[code]).value

    first, second = world.others
    # Hà Tây's 3 is small; the province's 20 would give it away (20 - 10 - 7), and the 10
    # and 7 are on their communes' report pages anyway: the province total is hidden
    assert [commune_value(u, "BD-V02") for u in (world.demo.commune, first, second)] == ["<5", 10, 7]
    assert [commune_value(u, "BD-V01") for u in (world.demo.commune, first, second)] == [12, 6, 0]
    assert commune_value(world.demo.commune, "BD-V04") == "<5"  # 2 of 3 people
    assert communes["A5"].value.startswith('Ghi chú: số liệu về bạo lực từ 1 đến 4 được ghi là "<5"')
    totals = workbook["6 tháng đầu năm 2026"]
    columns = {
        (totals.cell(row=7, column=c).value or totals.cell(row=6, column=c).value): c
        for c in range(1, totals.max_column + 1)
    }
    v02 = _sheet_row(totals, 2, "BD-V02")
    # its 2 men are small, its total is hidden, so the 18 women tell nothing
    assert [totals.cell(row=v02, column=columns[g]).value for g in ("Tổng", "Nữ", "Nam")] == ["x", 18, "<5"]
    v04 = _sheet_row(totals, 2, "BD-V04")  # 2 of 3 in the whole province: hidden, with its parts
    assert [totals.cell(row=v04 + n, column=columns["Tổng"]).value for n in (0, 1, 2)] == ["<5", "<5", "<5"]
    assert totals.cell(row=_sheet_row(totals, 2, "BD-V01"), column=columns["Tổng"]).value == 18


def test_the_province_docx_and_pages_hide_them(violence: Any) -> None:
    world = violence
    report = _province_report(world)
    document = docx.Document(io.BytesIO(_export(report, world.demo.user("province"), "docx")))
    annex = document.tables[2]
    codes = [row.cells[1].text for row in annex.rows]
    v02 = codes.index("BD-V02")
    parts = {annex.rows[v02 + n].cells[2].text: annex.rows[v02 + n].cells[5].text for n in (1, 2)}
    assert annex.rows[v02].cells[5].text == "x" and parts == {"- Nữ": "18", "- Nam": "<5"}
    v04 = [c.text for c in annex.rows[codes.index("BD-V04")].cells]
    assert (v04[5], v04[6], v04[7], v04[9]) == ("<5", "<5", "<5", "")  # no assessment of a hidden figure
    assert any('được ghi là "<5"' in p.text for p in document.paragraphs)
    client = world.demo.client("province")
    html = client.get("/reports/?form=BD-6T&period=2026S1").content.decode()
    target = html[html.index('data-testid="target-BD-V04"') :].split("</tr>")[0]
    assert re.search(r'data-testid="actual">&lt;5<', target) and "Đạt" not in target
    assert "BD-V04" not in re.search(
        r'data-bd-chart="([^"]*)"', html[html.index('data-testid="targets"') :]
    ).group(1)
    assert 'data-testid="figures-note"' in html
    page = client.get(f"/reports/consolidated/{report.pk}/").content.decode()
    assert re.search(r'data-testid="indicator-BD-V04">.*?data-testid="value">&lt;5<', page, re.S)
    # the province officer reading Hà Tây's own report sees its small figures hidden too
    hatay = _hatay_report(world)
    page = client.get(f"/reports/consolidated/{hatay.pk}/").content.decode()
    assert re.search(r'data-testid="indicator-BD-V02">.*?data-testid="value">&lt;5<', page, re.S)
    assert 'data-testid="figures-note"' in page


def test_a_commune_reads_its_own_figures_as_they_are_and_its_files_hide_them(violence: Any) -> None:
    """The pages of its own report show the commune its figures; a file it exports is the
    report sent up, printed and passed on, so it hides them as the province's do."""
    world = violence
    owner = world.demo.user("owner")
    report = _hatay_report(world)
    workbook = openpyxl.load_workbook(io.BytesIO(_export(report, owner, "xlsx")))
    sheet = workbook["6 tháng đầu năm 2026"]
    assert sheet.cell(row=_sheet_row(sheet, 2, "BD-V02"), column=5).value == "<5"
    assert "<5" in str(sheet["A5"].value)  # the note saying why
    document = docx.Document(io.BytesIO(_export(report, owner, "docx")))
    annex = document.tables[2]
    v04 = next([c.text for c in row.cells] for row in annex.rows if row.cells[1].text == "BD-V04")
    assert (v04[5], v04[6], v04[7]) == ("<5", "<5", "<5")
    assert not any(text in (v04[5], v04[6], v04[7]) for text in ("66,7%", "2", "3"))
    assert any('được ghi là "<5"' in p.text for p in document.paragraphs)
    for persona in ("owner", "focal", "leader"):
        client = world.demo.client(persona)
        page = client.get(f"/reports/consolidated/{report.pk}/").content.decode()
        assert re.search(r'data-testid="indicator-BD-V02">.*?data-testid="value">3<', page, re.S), persona
        assert 'data-testid="figures-note"' not in page
    board = world.demo.client("owner").get("/reports/?form=BD-6T&period=2026S1").content.decode()
    assert re.search(r'data-testid="target-BD-V04">.*?data-testid="actual">66,7%<', board, re.S)


def test_the_province_total_is_hidden_when_it_less_the_other_communes_tells_a_small_figure(
    world: Any,
) -> None:
    """The province reads Tiên Lãng's 10 on its report page; a total of 13 would tell Hà
    Tây's "<5" is 3. The total is hidden on every page and file until it no longer can."""
    from apps.indicators import services as report_services
    from apps.indicators.reporting import aggregation

    demo = world.demo
    hatay = world.approved(demo.commune, {("BD-V07", ""): 3})
    world.approved(demo.other_commune, {("BD-V07", ""): 10})
    client = demo.client("province")
    report = _province_report(world)
    page = client.get(f"/reports/consolidated/{report.pk}/").content.decode()
    shown = re.search(r'data-testid="indicator-BD-V07">.*?data-testid="value">([^<]*)<', page, re.S)
    assert shown is not None and shown.group(1) == "x"
    board = client.get("/reports/?form=BD-6T&period=2026S1").content.decode()
    assert not re.search(r'data-testid="(target|indicator)-BD-V07">.*?>13<', board, re.S)
    workbook = openpyxl.load_workbook(io.BytesIO(_export(report, demo.user("province"), "xlsx")))
    totals = workbook["6 tháng đầu năm 2026"]
    assert totals.cell(row=_sheet_row(totals, 2, "BD-V07"), column=5).value == "x"
    assert aggregation.differences() == []
    # Hà Tây's report reopened: the total is Tiên Lãng's alone, already on its page
    report_services.reopen(hatay, "Kiểm tra lại số địa chỉ tin cậy.", actor=demo.user("province"))
    page = client.get(f"/reports/consolidated/{report.pk}/").content.decode()
    shown = re.search(r'data-testid="indicator-BD-V07">.*?data-testid="value">([^<]*)<', page, re.S)
    assert shown is not None and shown.group(1) == "10"
    assert aggregation.differences() == []
