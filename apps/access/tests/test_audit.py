"""The audit log: fixed events with labels, before/after values, what a model lets it
show, refused attempts, admin edits, filters and export, and no way to change a row."""

from __future__ import annotations

import csv
import io
from typing import Any, ClassVar

import pytest
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.utils import translation
from django.utils.timezone import localtime

from apps.access import audit
from apps.access.events import Event
from apps.access.models import AccessLog, AppendOnlyError, AuditLog
from apps.access.querysets import ScopedModel
from apps.accounts.models import User
from apps.geo.models import Agency


def test_leader_reads_the_units_log_with_labels_and_before_after(demo: Any) -> None:
    owner = demo.client("owner")
    owner.post("/agencies/new/", {"name": "Tổ hòa giải", "kind": "committee"})
    agency = Agency.objects.get(unit=demo.commune, name="Tổ hòa giải")
    owner.post(f"/agencies/{agency.pk}/edit/", {"name": "Tổ hòa giải thôn 1", "kind": "committee"})
    page = demo.client("leader").get("/audit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sửa thông tin cơ quan, đơn vị" in html  # the event's Vietnamese label
    assert "<del>Tổ hòa giải</del> → Tổ hòa giải thôn 1" in html
    latest = next(e for e in page.context["page"].object_list if e.event != Event.LOGIN)
    assert (latest.event, latest.actor_name) == (Event.AGENCY_UPDATED, "congchuc")


def test_every_event_has_a_vietnamese_and_an_english_label() -> None:
    for event in Event:
        with translation.override("vi"):
            vietnamese = str(event.label)
        with translation.override("en"):
            english = str(event.label)
        assert vietnamese != english, f"{event.value} has no Vietnamese label"


def test_another_communes_log_is_not_shown(demo: Any) -> None:
    demo.client("outsider").post("/agencies/new/", {"name": "Tổ bí mật", "kind": "committee"})
    assert AuditLog.objects.filter(object_repr="Tổ bí mật", unit_path=demo.other_commune.path).exists()
    assert "Tổ bí mật" not in demo.client("leader").get("/audit/").content.decode()


def test_refused_attempt_on_another_units_object_is_logged_for_its_owner(demo: Any) -> None:
    response = demo.client("outsider").post(
        f"/agencies/{demo.agency.pk}/edit/", {"name": "Đã bị sửa", "kind": "office"}
    )
    assert response.status_code == 404
    refusal = AuditLog.objects.get(event=Event.ACCESS_DENIED)
    assert refusal.actor_name == "ngoai"
    assert refusal.object_id == str(demo.agency.pk)
    assert refusal.unit_path == demo.commune.path  # Hà Tây's leaders see who tried
    assert "ngoai" in demo.client("leader").get("/audit/", {"event": Event.ACCESS_DENIED}).content.decode()


def test_refused_service_call_in_the_same_unit_is_logged(demo: Any) -> None:
    response = demo.client("colleague").post(f"/agencies/{demo.agency.pk}/deactivate/")
    assert response.status_code == 403
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, actor_name="daumoi").exists()
    demo.agency.refresh_from_db()
    assert demo.agency.is_active


def test_filters_keep_each_other_and_export_csv(demo: Any) -> None:
    owner = demo.client("owner")
    owner.post("/agencies/new/", {"name": "=HYPERLINK(1)", "kind": "committee"})
    owner.post("/agencies/new/", {"name": "Chi hội Người cao tuổi", "kind": "mass_org"})
    leader = demo.client("leader")
    filtered = leader.get("/audit/", {"person": "congchuc", "event": Event.AGENCY_CREATED})
    entries = list(filtered.context["page"].object_list)
    assert {e.event for e in entries} == {Event.AGENCY_CREATED}
    assert {e.actor_name for e in entries} == {"congchuc"}
    by_object = leader.get("/audit/", {"object": "nguoi cao tuoi"}).context["page"].object_list
    assert [e.object_repr for e in by_object] == ["Chi hội Người cao tuổi"]
    exported = leader.get("/audit/", {"event": Event.AGENCY_CREATED, "format": "csv"})
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời gian"
    assert {r[2] for r in rows[1:]} == {"Thêm cơ quan, đơn vị"}
    assert "'=HYPERLINK(1)" in {r[3] for r in rows[1:]}  # no formula reaches a spreadsheet


def test_date_filter_in_vietnamese_format(demo: Any) -> None:
    leader = demo.client("leader")
    first = leader.get("/audit/").context["page"].object_list[0].created_at
    day = localtime(first).strftime("%d/%m/%Y")
    assert leader.get("/audit/", {"date_from": day, "date_to": day}).context["page"].paginator.count > 0
    old = leader.get("/audit/", {"date_from": "01/01/2020", "date_to": "31/12/2020"})
    assert old.context["page"].paginator.count == 0
    wrong = leader.get("/audit/", {"date_from": "31/12/2026", "date_to": "01/01/2026"})
    assert "Ngày kết thúc trước ngày bắt đầu" in wrong.content.decode()


def test_log_in_failure_lock_out_log_out_and_password_change_are_recorded(
    demo: Any, demo_password: str, settings: Any
) -> None:
    client = Client()
    client.post("/login/", {"username": "congchuc", "password": "sai"})
    client.post("/login/", {"username": "congchuc", "password": demo_password})
    new = "Mot-Mat-Khau-Moi-2026"
    client.post(
        "/account/password/", {"old_password": demo_password, "new_password1": new, "new_password2": new}
    )
    client.post("/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "lanhdao", "password": "sai"})
    recorded = list(AuditLog.objects.order_by("id").values_list("event", flat=True))
    for expected in (Event.LOGIN_FAILED, Event.LOGIN, Event.PASSWORD_CHANGED, Event.LOGOUT, Event.LOCKED_OUT):
        assert expected in recorded, expected
    failed = AuditLog.objects.filter(event=Event.LOGIN_FAILED).first()
    assert failed is not None and failed.unit_path == demo.commune.path  # the tried account's unit
    assert failed.ip_address == "127.0.0.1"


def test_admin_site_edits_are_recorded(demo: Any) -> None:
    admin = User.objects.create_superuser("quantri", password="Quan-Tri-2026!")
    client = Client()
    client.force_login(admin)
    response = client.post(
        f"/admin/geo/agency/{demo.agency.pk}/change/",
        {
            "unit": demo.commune.pk,
            "name": "Hội Phụ nữ (sửa ở trang quản trị)",
            "kind": "mass_org",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    record = AuditLog.objects.get(event=Event.ADMIN_CHANGED)
    assert record.actor_name == "quantri"
    assert record.unit_path == demo.commune.path
    assert "geo.agency" in record.object_repr


def test_audit_rows_cannot_be_changed_or_deleted_through_the_admin_site(demo: Any) -> None:
    admin = User.objects.create_superuser("quantri", password="Quan-Tri-2026!")
    client = Client()
    client.force_login(admin)
    row = AuditLog.objects.first()
    assert row is not None
    before = (row.event, row.actor_name, row.object_repr)
    client.post(f"/admin/access/auditlog/{row.pk}/change/", {"actor_name": "ai đó", "event": "auth.login"})
    assert client.post(f"/admin/access/auditlog/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        "/admin/access/auditlog/", {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}
    )
    row.refresh_from_db()
    assert (row.event, row.actor_name, row.object_repr) == before
    assert AuditLog.objects.filter(pk=row.pk).exists()
    assert client.get(f"/admin/access/auditlog/{row.pk}/change/").status_code == 200  # readable


def test_no_code_path_changes_or_deletes_an_audit_row(demo: Any) -> None:
    row = AuditLog.objects.first()
    assert row is not None
    row.actor_name = "ai đó"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.filter(pk=row.pk).update(actor_name="ai đó")
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.all().delete()


@isolate_apps("apps.access")
def test_a_sensitive_model_is_logged_by_id_only_and_its_reads_go_to_the_access_log(demo: Any) -> None:
    class ConfidentialCase(ScopedModel):
        """Stands in for a GBV case: a person's name must never reach the logs."""

        victim_name = models.CharField(max_length=100)
        audit_sensitive: ClassVar[bool] = True

        class Meta:
            app_label = "access"
            verbose_name = "vụ việc"

        def __str__(self) -> str:
            return self.victim_name

    case = ConfidentialCase(pk=42, victim_name="Nguyễn Thị Bí Mật")
    worker = demo.user("caseworker")
    record = audit.record(
        worker, Event.ADMIN_CHANGED, case, unit=demo.commune, changes={"victim_name": ["A", "Bí Mật"]}
    )
    read = audit.log_read(worker, case)
    stored = AuditLog.objects.get(pk=record.pk)
    assert stored.object_repr == "vụ việc #42"
    assert stored.changes == {"fields": ["victim_name"]}
    assert "Bí Mật" not in str(stored.changes) + stored.object_repr
    assert AccessLog.objects.get(pk=read.pk).object_id == "42"
    assert AccessLog.objects.get(pk=read.pk).user_name == "hotro"


def test_a_model_decides_which_values_the_log_shows(demo: Any) -> None:
    record = audit.record(
        demo.user("owner"),
        Event.AGENCY_UPDATED,
        demo.agency,
        changes={"name": ["a", "b"], "secret": ["x", "y"]},
    )
    assert AuditLog.objects.get(pk=record.pk).changes == {"name": ["a", "b"]}


def test_a_refusal_records_which_action_was_refused(demo: Any) -> None:
    demo.client("outsider").get(f"/agencies/{demo.agency.pk}/edit/")
    refusal = AuditLog.objects.get(event=Event.ACCESS_DENIED)
    assert refusal.changes == {"action": "view", "object": "geo.agency"}
    demo.client("colleague").post(f"/agencies/{demo.agency.pk}/edit/", {"name": "x", "kind": "office"})
    assert AuditLog.objects.filter(event=Event.ACCESS_DENIED, changes__action="change").exists()


def test_only_a_leader_grants_the_leader_role(demo: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from apps.accounts.models import Role
    from apps.accounts.services import add_membership

    newcomer = User.objects.create_user("nguoimoi")
    with pytest.raises(PermissionDenied):
        add_membership(newcomer, demo.commune, Role.LEADER, actor=demo.user("owner"))
    with pytest.raises(PermissionDenied):  # nor in another unit, even below
        add_membership(newcomer, demo.other_commune, Role.VIEWER, actor=demo.user("owner"))
    assert add_membership(newcomer, demo.commune, Role.LEADER, actor=demo.user("leader")).role == Role.LEADER
