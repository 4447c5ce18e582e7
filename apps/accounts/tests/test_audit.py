from typing import Any

from apps.accounts.models import AuditLog
from apps.geo.models import Agency


def test_leader_reads_the_units_audit_log(demo: Any) -> None:
    demo.client("owner").post("/agencies/new/", {"name": "Tổ hòa giải", "kind": "committee"})
    page = demo.client("leader").get("/audit/")
    assert page.status_code == 200
    entries = [e for e in page.context["page"].object_list if e.action != "login"]
    assert entries[0].action == "agency.create"
    assert entries[0].actor_name == "congchuc"
    assert [e.actor_name for e in page.context["page"].object_list if e.action == "login"] == [
        "lanhdao",
        "congchuc",
    ]
    assert "Tổ hòa giải" in page.content.decode()


def test_audit_log_of_another_commune_is_not_shown(demo: Any) -> None:
    demo.client("outsider").post("/agencies/new/", {"name": "Tổ bí mật", "kind": "committee"})
    assert Agency.objects.filter(name="Tổ bí mật", unit=demo.other_commune).exists()
    page = demo.client("leader").get("/audit/").content.decode()
    assert "Tổ bí mật" not in page
    assert AuditLog.objects.filter(object_repr="Tổ bí mật", unit=demo.other_commune).exists()


def test_audit_log_is_read_only_in_admin(demo: Any) -> None:
    from django.contrib import admin

    from apps.accounts.admin import AuditLogAdmin

    model_admin = AuditLogAdmin(AuditLog, admin.site)
    assert not model_admin.has_change_permission(None)  # type: ignore[arg-type]
    assert not model_admin.has_delete_permission(None)  # type: ignore[arg-type]
