"""DHIS2 dataValueSets JSON and CSV: the mapping, export → import with nothing lost, and
import that validates like the form, refuses row by row with a reason and saves each
report all or nothing."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from apps.access.events import Event
from apps.access.models import AuditLog
from apps.accounts.demo import SYSTEM
from apps.indicators import services
from apps.indicators.interchange import datavaluesets
from apps.indicators.models import DataValue, Status, Submission
from apps.indicators.services import Entry
from apps.indicators.tests.world import ReportWorld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    # the reasons are asserted in English (the msgids); Vietnamese is the lead's merge
    with translation.override("en"):
        yield


def rich(world: ReportWorld) -> Submission:
    """Hà Tây's report with every kind of figure: a count by category changed from the
    pre-fill with its reason, percentages with numerator and denominator (also by
    category), a comment over two lines, a decimal, a big amount, a figure that is only
    a comment, and a percentage with a denominator alone."""
    owner = world.demo.user("owner")
    entries = {
        ("BD-C02", ""): Entry(Decimal(50), reason="Thêm số liệu sổ theo dõi của thôn 3"),
        ("BD-C02", "sex:male"): Entry(Decimal(20), reason="Thêm số liệu sổ theo dõi của thôn 3"),
        ("BD-C02", "sex:female"): Entry(Decimal(30)),
        ("BD-C02", "age_group:lt16"): Entry(Decimal(0)),
        ("BD-C02", "age_group:16-30"): Entry(Decimal(25), reason="Sổ thôn 3"),
        ("BD-C02", "age_group:31-60"): Entry(Decimal(25), reason="Sổ thôn 3"),
        ("BD-C02", "age_group:gt60"): Entry(Decimal(0)),
        ("BD-C02", "ethnicity:minority"): Entry(Decimal(5)),
        ("BD-C02", "ethnicity:kinh"): Entry(Decimal(45)),
        ("BD-C02", "disability:yes"): Entry(Decimal(2), comment="Hai người khiếm thị"),
        ("BD-M01", ""): Entry(Decimal(3), Decimal(4), comment="Ghi chú dòng một\nGhi chú dòng hai"),
        ("BD-V04", ""): Entry(Decimal(8), Decimal(10)),
        ("BD-V04", "sex:female"): Entry(Decimal(6), Decimal(7)),
        ("BD-V04", "sex:male"): Entry(Decimal(2), Decimal(3)),
        ("BD-C03", ""): Entry(Decimal("7")),
        ("BD-F01", ""): Entry(Decimal("1234567.25")),
        ("BD-V01", ""): Entry(None, comment="Chưa có số liệu của công an xã"),
        ("BD-S02", ""): Entry(None, Decimal(12)),
    }
    return services.save_values(world.submission, entries, actor=owner)


def snapshot(submission: Submission) -> set[tuple[Any, ...]]:
    return {
        (
            v.indicator.code,
            v.category,
            v.numerator if v.numerator is None else v.numerator.normalize(),
            v.denominator if v.denominator is None else v.denominator.normalize(),
            v.comment,
            v.reason,
        )
        for v in DataValue.objects.filter(submission=submission).select_related("indicator")
    }


def scramble(submission: Submission) -> None:
    """Every figure, comment and reason different from what the file holds."""
    DataValue.objects.filter(submission=submission).update(
        numerator=Decimal(999), denominator=Decimal(1000), comment="sai", reason="sai"
    )


def test_json_export_is_a_dhis2_data_value_set_with_our_codes(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    document = json.loads(datavaluesets.to_json([submission]))
    assert document["dataSet"] == "BD-6T"
    assert document["period"] == "2026S1"
    assert document["orgUnit"] == demo.commune.code
    assert "completeDate" not in document  # a draft is not complete
    by_key = {(v["dataElement"], v["categoryOptionCombo"]): v for v in document["dataValues"]}
    female = by_key[("BD-C02", "sex:female")]
    assert female["value"] == "30"
    assert female["period"] == "2026S1"
    assert female["orgUnit"] == demo.commune.code
    assert female["attributeOptionCombo"] == "BD-6T"
    assert female["followup"] is False
    total = by_key[("BD-C02", "default")]
    assert total["comment"] == "Lý do thay đổi: Thêm số liệu sổ theo dõi của thôn 3"
    assert by_key[("BD-M01.N", "default")]["value"] == "3"
    assert by_key[("BD-M01.D", "default")]["value"] == "4"
    assert by_key[("BD-M01.N", "default")]["comment"] == "Ghi chú dòng một\nGhi chú dòng hai"
    assert by_key[("BD-M01.D", "default")]["comment"] == ""
    assert by_key[("BD-V04.D", "sex:female")]["value"] == "7"
    assert by_key[("BD-C03", "default")]["value"] == "7"
    assert by_key[("BD-F01", "default")]["value"] == "1234567.25"
    assert by_key[("BD-V01", "default")]["value"] == ""
    assert by_key[("BD-S02.N", "default")]["value"] == ""
    assert by_key[("BD-S02.D", "default")]["value"] == "12"
    assert "BD-M01" not in {v["dataElement"] for v in document["dataValues"]}


def test_csv_export_has_dhis2_columns_in_order(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    rows = list(csv.reader(io.StringIO(datavaluesets.to_csv([submission]))))
    assert rows[0] == [
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
    ]
    female = next(r for r in rows if r[0] == "BD-C02" and r[3] == "sex:female")
    assert female[:6] == ["BD-C02", "2026S1", demo.commune.code, "sex:female", "BD-6T", "30"]
    assert female[6] == demo.user("owner").full_name  # who saved the figures last
    assert female[9] == "false"
    assert len(rows) - 1 == len(datavaluesets.data_values(submission))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_loses_nothing(demo: Any, fmt: str) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    before = snapshot(submission)
    data = (datavaluesets.to_json if fmt == "json" else datavaluesets.to_csv)([submission]).encode()
    scramble(submission)
    assert snapshot(submission) != before
    result = datavaluesets.import_file(data, actor=demo.user("owner"), file_name=f"bd.{fmt}")
    assert result.ok, (result.unplaced, [r.rejected for r in result.reports])
    assert snapshot(submission) == before
    [report] = result.reports
    assert report.saved
    figures = {
        (v["dataElement"].split(".")[0], v["categoryOptionCombo"])
        for v in datavaluesets.data_values(submission)
    }
    assert len(report.imported) == len(figures) == len(before)
    log = AuditLog.objects.get(event=Event.DATAVALUES_IMPORTED)
    assert log.changes["format"] == fmt
    assert log.object_id == str(submission.pk)


def test_reimporting_the_same_file_changes_nothing(demo: Any) -> None:
    world = ReportWorld(demo)
    submission = rich(world)
    data = datavaluesets.to_json([submission]).encode()
    revision = Submission.objects.get(pk=submission.pk).revision
    result = datavaluesets.import_file(data, actor=demo.user("owner"))
    assert result.ok
    assert result.reports[0].changed_count == 0
    assert Submission.objects.get(pk=submission.pk).revision == revision


def _value_set(unit_code: str, values: list[dict[str, Any]], **top: Any) -> bytes:
    return json.dumps({"period": "2026S1", "orgUnit": unit_code, **top, "dataValues": values}).encode()


def test_each_bad_row_is_refused_with_its_reason_and_nothing_is_saved(demo: Any) -> None:
    world = ReportWorld(demo)
    before = snapshot(world.submission)
    code = demo.commune.code
    data = _value_set(
        code,
        [
            {"dataElement": "BD-C01", "value": "3", "comment": "Lý do thay đổi: đếm lại"},
            {"dataElement": "BD-ZZZ", "value": "3"},
            {"dataElement": "BD-C02", "categoryOptionCombo": "sex:other", "value": "3"},
            {"dataElement": "BD-C03", "value": "ba"},
            {"dataElement": "BD-C04", "value": "-2"},
            {"dataElement": "BD-M01", "value": "3"},
            {"dataElement": "BD-C03.N", "value": "3"},
            {"dataElement": "BD-C01", "value": "4"},
            {"dataElement": "BD-L01.N", "value": "1"},
            {"dataElement": "BD-C08", "value": "1", "comment": "a\x00b"},
            {"dataElement": "BD-C08", "categoryOptionCombo": "default", "value": True},
            {"dataElement": "BD-C04", "categoryOptionCombo": "*", "value": "1"},
        ],
        dataSet="BD-6T",
    )
    result = datavaluesets.import_file(data, actor=demo.user("owner"))
    assert not result.ok
    [report] = result.reports
    assert not report.saved and report.imported == []
    reasons = {row.ref: row.reason for row in report.rejected}
    assert reasons == {
        "value 2": "There is no indicator with the code “BD-ZZZ”.",
        "value 3": "BD-C02 has no category “sex:other”.",
        "value 4": "“ba” is not a number.",
        "value 5": "A figure cannot be negative.",
        "value 6": "BD-M01 is a percentage or ratio: give BD-M01.N (numerator) and BD-M01.D (denominator).",
        "value 7": "BD-C03 is a count: its data element is BD-C03, without .N or .D.",
        "value 8": "BD-C01 (default) is given twice.",
        "value 9": "BD-L01 is not an indicator of the form BD-6T.",
        "value 10": "The comment holds control characters.",
        "value 11": "“True” is not a number.",
        "value 12": "BD-C04 has no category “*”.",
    }
    assert snapshot(world.submission) == before
    assert not AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED).exists()


def test_rows_that_name_no_known_report_are_refused_on_their_own(demo: Any) -> None:
    world = ReportWorld(demo)
    data = _value_set(
        demo.commune.code,
        [
            {"dataElement": "BD-C03", "value": "5"},
            {"dataElement": "BD-C03", "orgUnit": "99999999", "value": "5"},
            {"dataElement": "BD-C03", "period": "2026S3", "value": "5"},
            {"dataElement": "BD-C03", "attributeOptionCombo": "BD-NONE", "value": "5"},
        ],
    )
    result = datavaluesets.import_file(data, actor=demo.user("owner"))
    assert [(r.ref, r.reason) for r in result.unplaced] == [
        ("value 2", "There is no unit with the code “99999999”."),
        ("value 3", "“2026S3” is not a reporting period (e.g. 2026, 2026S1, 2026Q3, 202611)."),
        ("value 4", "There is no reporting form with the code “BD-NONE”."),
    ]
    # the form is found from the indicator and the period; Hà Tây's own row is saved
    assert result.reports[0].saved
    assert world.submission.values.get(indicator__code="BD-C03", category="").numerator == 5
    assert not result.ok


def test_one_bad_row_rejects_its_report_and_the_other_report_of_the_file_is_saved(demo: Any) -> None:
    world = ReportWorld(demo)
    [other] = world.communes(1)
    for unit in (demo.commune, other):
        services.open_submission(world.form, unit, "2026S1", actor=SYSTEM)
    data = json.dumps(
        {
            "dataSet": "BD-6T",
            "period": "2026S1",
            "dataValues": [
                {"dataElement": "BD-C03", "orgUnit": demo.commune.code, "value": "11"},
                {"dataElement": "BD-C04", "orgUnit": demo.commune.code, "value": "12"},
                {"dataElement": "BD-C03", "orgUnit": other.code, "value": "21"},
                {"dataElement": "BD-C04", "orgUnit": other.code, "value": "hai mươi"},
            ],
        }
    ).encode()
    result = datavaluesets.import_file(data, actor=SYSTEM)
    first, second = result.reports
    assert first.unit_code == demo.commune.code and first.saved and first.ok
    assert second.unit_code == other.code and not second.saved
    assert [r.ref for r in second.rejected] == ["value 4"]
    assert world.submission.values.get(indicator__code="BD-C03").numerator == 11
    assert world.submission.values.get(indicator__code="BD-C04").numerator == 12
    theirs = Submission.objects.get(unit=other, form=world.form, period="2026S1")
    assert not theirs.values.filter(indicator__code__in=["BD-C03", "BD-C04"]).exists()
    assert AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED).count() == 1


def test_a_report_not_yet_opened_is_opened_by_the_import_and_not_when_refused(demo: Any) -> None:
    world = ReportWorld(demo)
    [fresh, refused] = world.communes(2)
    data = json.dumps(
        {
            "dataSet": "BD-6T",
            "period": "2026S1",
            "dataValues": [
                {"dataElement": "BD-C03", "orgUnit": fresh.code, "value": "4"},
                {"dataElement": "BD-C03", "orgUnit": refused.code, "value": "x"},
            ],
        }
    ).encode()
    result = datavaluesets.import_file(data, actor=SYSTEM)
    assert [r.saved for r in result.reports] == [True, False]
    assert (
        Submission.objects.get(unit=fresh, period="2026S1").values.get(indicator__code="BD-C03").numerator
        == 4
    )
    assert not Submission.objects.filter(unit=refused).exists()
    assert result.reports[1].submission_id is None


def test_a_dry_run_validates_and_saves_nothing(demo: Any) -> None:
    world = ReportWorld(demo)
    [fresh] = world.communes(1)
    before = snapshot(world.submission)
    audit_before = AuditLog.objects.count()
    data = json.dumps(
        {
            "dataSet": "BD-6T",
            "period": "2026S1",
            "dataValues": [
                {"dataElement": "BD-C03", "orgUnit": demo.commune.code, "value": "40"},
                {"dataElement": "BD-C03", "orgUnit": fresh.code, "value": "4"},
            ],
        }
    ).encode()
    result = datavaluesets.import_file(data, actor=SYSTEM, dry_run=True)
    assert result.ok and result.dry_run
    assert [len(r.imported) for r in result.reports] == [1, 1]
    assert not any(r.saved for r in result.reports)
    assert snapshot(world.submission) == before
    assert not Submission.objects.filter(unit=fresh).exists()
    assert AuditLog.objects.count() == audit_before
    # and a dry run finds what a real import would refuse
    bad = _value_set(demo.commune.code, [{"dataElement": "BD-C03", "value": "-1"}], dataSet="BD-6T")
    refused = datavaluesets.import_file(bad, actor=SYSTEM, dry_run=True)
    assert refused.reports[0].rejected[0].reason == "A figure cannot be negative."


def test_import_validates_like_the_form(demo: Any) -> None:
    """Figures that break a rule of the form (women more than the total, parts that do not
    add up, a numerator above its denominator, a changed pre-fill without a reason) are
    refused; a warning is reported but does not stop the import."""
    world = ReportWorld(demo)
    owner = demo.user("owner")
    code = demo.commune.code
    cases = [
        (
            [
                {"dataElement": "BD-T03", "value": "5"},
                {"dataElement": "BD-T03", "categoryOptionCombo": "sex:female", "value": "9"},
            ],
            "BD-T03 (women) is larger than the total (9 > 5).",
        ),
        (
            [{"dataElement": "BD-M01.N", "value": "5"}, {"dataElement": "BD-M01.D", "value": "4"}],
            "BD-M01: the numerator (5) is larger than the denominator (4).",
        ),
        (
            [{"dataElement": "BD-C01", "value": "3"}],
            "BD-C01: say why the figure differs from the one the system counted.",
        ),
    ]
    for values, message in cases:
        result = datavaluesets.import_file(_value_set(code, values, dataSet="BD-6T"), actor=owner)
        assert [r.reason for r in result.reports[0].rejected] == [message]
        assert not result.reports[0].saved
    # with the reason in the comment the changed pre-fill goes in
    fixed = [{"dataElement": "BD-C01", "value": "3", "comment": "Lý do thay đổi: hai buổi chưa ghi"}]
    result = datavaluesets.import_file(_value_set(code, fixed, dataSet="BD-6T"), actor=owner)
    assert result.ok
    value = world.submission.values.get(indicator__code="BD-C01", category="")
    assert (value.numerator, value.reason, value.comment) == (3, "hai buổi chưa ghi", "")
    # an unusually large count is a warning: imported, and said
    many = [{"dataElement": "BD-C03", "value": "60000"}, {"dataElement": "BD-E03", "value": "60000"}]
    result = datavaluesets.import_file(_value_set(code, many, dataSet="BD-6T"), actor=owner)
    assert result.ok
    assert result.reports[0].warnings == ["BD-E03: 60.000 people is unusually many for a commune."]


def test_a_percentage_keeps_the_part_the_file_leaves_out(demo: Any) -> None:
    world = ReportWorld(demo)
    owner = demo.user("owner")
    services.save_values(
        world.submission, {("BD-M01", ""): Entry(Decimal(3), Decimal(8), comment="cũ")}, actor=owner
    )
    data = _value_set(demo.commune.code, [{"dataElement": "BD-M01.N", "value": "5"}], dataSet="BD-6T")
    assert datavaluesets.import_file(data, actor=owner).ok
    value = world.submission.values.get(indicator__code="BD-M01")
    # no comment in the file: the comment stays
    assert (value.numerator, value.denominator, value.comment) == (5, 8, "cũ")


def test_dhis2_numbers_are_read_with_a_decimal_point_and_the_vietnamese_way_otherwise(demo: Any) -> None:
    assert datavaluesets.read_number("1.234", machine=True) == Decimal("1.23")
    assert datavaluesets.read_number("12.5", machine=True) == Decimal("12.5")
    assert datavaluesets.read_number("1.234", machine=False) == Decimal(1234)
    assert datavaluesets.read_number("1 234,5", machine=True) == Decimal("1234.5")
    assert datavaluesets.read_number(Decimal("7.25"), machine=False) == Decimal("7.25")
    assert datavaluesets.read_number("", machine=True) is None


@pytest.mark.parametrize(
    ("comment", "reason"),
    [("", ""), ("một dòng", ""), ("", "sổ thôn"), ("dòng 1\ndòng 2", "lý do 1\nlý do 2"), ("a\r\nb", "c")],
)
def test_the_reason_travels_in_the_comment(comment: str, reason: str) -> None:
    assert datavaluesets.decode_comment(datavaluesets.encode_comment(comment, reason)) == (comment, reason)


def test_a_reason_written_by_hand_is_read_in_any_case() -> None:
    assert datavaluesets.decode_comment("Số của hội\nlý do thay đổi:  đếm lại") == ("Số của hội", "đếm lại")


def test_import_into_an_approved_report_is_refused(demo: Any) -> None:
    world = ReportWorld(demo)
    [other] = world.communes(1)
    approved = world.approved(other, {("BD-C03", ""): 5})
    assert approved.status == Status.APPROVED
    data = _value_set(other.code, [{"dataElement": "BD-C03", "value": "6"}], dataSet="BD-6T")
    result = datavaluesets.import_file(data, actor=SYSTEM)
    assert result.reports[0].rejected[0].reason == "This report is approved and can no longer be changed."
    assert approved.values.get(indicator__code="BD-C03").numerator == 5


def test_import_into_another_units_report_is_refused_and_logged(demo: Any) -> None:
    world = ReportWorld(demo)
    theirs = services.open_submission(world.form, demo.other_commune, "2026S1", actor=SYSTEM)
    data = _value_set(demo.other_commune.code, [{"dataElement": "BD-C03", "value": "6"}], dataSet="BD-6T")
    for persona in ("owner", "province", "caseworker"):
        result = datavaluesets.import_file(data, actor=demo.user(persona))
        assert result.reports[0].rejected[0].reason == "You may not enter figures for Xã Tiên Lãng."
    assert not theirs.values.filter(indicator__code="BD-C03").exists()
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, unit_path=demo.other_commune.path).count() == 3


def test_a_province_officer_cannot_import_into_a_commune_report(demo: Any) -> None:
    world = ReportWorld(demo)
    data = _value_set(demo.commune.code, [{"dataElement": "BD-C03", "value": "6"}], dataSet="BD-6T")
    result = datavaluesets.import_file(data, actor=demo.user("province"))
    assert not result.ok
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    # the focal person of the commune may
    assert datavaluesets.import_file(data, actor=demo.user("focal")).ok


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"{not json", "The file is not valid JSON (line 1, column 2)."),
        (b'{"dataValues": 3}', "The file is not a DHIS2 data value set: it has no “dataValues” list."),
        ("{}".encode("utf-16"), "The file is neither an XLSX template nor a JSON or CSV data value file."),
        (b"\xff\xfe\x00{", "The file is neither an XLSX template nor a JSON or CSV data value file."),
        (
            b"%PDF-1.7 dataelement,value",
            "The file is neither an XLSX template nor a JSON or CSV data value file.",
        ),
        (b"chi mot dong", "The file is neither an XLSX template nor a JSON or CSV data value file."),
        (b"dataelement,value\n\xc0\xc1,1", "The file is not UTF-8 text."),
        (b"dataelement,period\nBD-C01,2026S1", "The CSV header needs at least “dataelement” and “value”."),
        (b"[" * 100000, "The file is not valid JSON."),
        (b'{"dataValues": []}', "The file holds no data values."),
    ],
)
def test_unreadable_files_are_refused_with_a_message(demo: Any, data: bytes, message: str) -> None:
    with pytest.raises(datavaluesets.FileRefused) as refused:
        datavaluesets.import_file(data, actor=SYSTEM)
    assert str(refused.value) == message


def test_csv_without_a_header_is_read_in_dhis2_column_order(demo: Any) -> None:
    world = ReportWorld(demo)
    data = f"BD-C03,2026S1,{demo.commune.code},default,BD-6T,14,,,Có ghi chú,false\n".encode()
    result = datavaluesets.import_file(data, actor=SYSTEM)
    assert result.ok
    value = world.submission.values.get(indicator__code="BD-C03")
    assert (value.numerator, value.comment) == (14, "Có ghi chú")


def test_csv_columns_are_found_by_their_header_names(demo: Any) -> None:
    world = ReportWorld(demo)
    data = (
        f"\ufeffValue,OrgUnit,Period,DataElement,CatOptCombo\n9,{demo.commune.code},2026S1,BD-C04,default\n"
    )
    result = datavaluesets.import_file(data.encode(), actor=SYSTEM)
    assert result.ok, result.unplaced
    assert world.submission.values.get(indicator__code="BD-C04").numerator == 9
    assert [r.ref for r in datavaluesets.read_csv(data.encode())] == ["line 2"]


def test_hostile_text_in_a_file_is_refused_not_a_database_error(demo: Any) -> None:
    """NUL and lone surrogates, which PostgreSQL refuses to store or even compare, are
    refused rows; a NUL in the file name does not reach the audit log."""
    world = ReportWorld(demo)
    code = demo.commune.code
    data = json.dumps(
        {
            "dataSet": "BD-6T",
            "period": "2026S1",
            "dataValues": [
                {"dataElement": "BD-C03", "orgUnit": code, "value": "1"},
                {"dataElement": "BD\u0000C04", "orgUnit": code, "value": "1"},
                {"dataElement": "BD-C04", "orgUnit": "108\u000046", "value": "1"},
                {"dataElement": "BD-C04", "orgUnit": "\ud800", "value": "1"},
                {"dataElement": "BD-C08", "orgUnit": code, "categoryOptionCombo": "\u0000", "value": "1"},
                {"dataElement": "BD-T01", "orgUnit": code, "value": "1", "comment": "lone \ud800"},
            ],
        }
    ).encode()
    result = datavaluesets.import_file(data, actor=SYSTEM, file_name="a\x00b.json")
    assert [r.ref for r in result.unplaced] == ["value 3", "value 4"]
    assert [r.ref for r in result.reports[0].rejected] == ["value 2", "value 5", "value 6"]
    assert not world.submission.values.filter(indicator__code="BD-C03").exists()
    clean = _value_set(code, [{"dataElement": "BD-C03", "value": "1"}], dataSet="BD-6T")
    assert datavaluesets.import_file(clean, actor=SYSTEM, file_name="a\x00b\u202e.json").ok
    assert AuditLog.objects.get(event=Event.DATAVALUES_IMPORTED).changes["file"] == "ab.json"


@pytest.mark.parametrize("persona", ["owner", "focal", "leader", "caseworker", "outsider", "province"])
def test_only_those_who_enter_the_communes_figures_may_import_them(demo: Any, persona: str) -> None:
    world = ReportWorld(demo)
    data = _value_set(demo.commune.code, [{"dataElement": "BD-C03", "value": "6"}], dataSet="BD-6T")
    denied_before = AuditLog.objects.filter(event=Event.ACCESS_DENIED).count()
    result = datavaluesets.import_file(data, actor=demo.user(persona))
    allowed = persona in {"owner", "focal", "leader"}
    assert result.ok is allowed
    assert world.submission.values.filter(indicator__code="BD-C03").exists() is allowed
    assert AuditLog.objects.filter(event=Event.DATAVALUES_IMPORTED).exists() is allowed
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED).count() == denied_before + (not allowed)
