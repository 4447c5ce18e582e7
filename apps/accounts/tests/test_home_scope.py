"""What the home page shows is scoped like every other page."""

from __future__ import annotations

from typing import Any


def test_only_those_who_may_read_the_audit_log_see_recent_changes(demo: Any) -> None:
    demo.client("owner").post(f"/agencies/{demo.agency.pk}/deactivate/")
    for persona in ("owner", "focal", "caseworker"):
        html = demo.client(persona).get("/").content.decode()
        assert 'data-testid="recent-changes"' not in html, persona
    assert 'data-testid="recent-changes"' in demo.client("leader").get("/").content.decode()


def test_inactive_units_are_hidden_from_search_and_pages(demo: Any) -> None:
    village = demo.commune.children.order_by("code").first()
    assert village.name in [
        u.name for u in demo.client("owner").get("/units/", {"q": village.name}).context["page"]
    ]
    village.is_active = False
    village.save()
    found = demo.client("owner").get("/units/", {"q": village.name}).context["page"]
    assert village.pk not in [u.pk for u in found]
    assert demo.client("owner").get(f"/units/{village.code}/").status_code == 404
