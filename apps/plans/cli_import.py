"""`binhdang import-plan FILE --unit CODE [--as USER]`: bulk loading from the command
line through the same services as the web import (read, match agencies, save)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class ImportFailed(Exception):
    pass


def import_file(path: Path, unit_code: str, username: str | None = None) -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from apps.access.actors import Actor, SystemActor
    from apps.access.scope import active_membership
    from apps.geo.models import AdministrativeUnit
    from apps.plans import imports
    from apps.plans.agency_choices import agency_suggestions
    from apps.plans.models import ImportStatus
    from apps.plans.tasks import run_import

    unit = AdministrativeUnit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ImportFailed(f"Không có đơn vị mã “{unit_code}”.")
    actor: Actor = SystemActor("import-plan")
    if username:
        person = get_user_model()._default_manager.filter(username=username, is_active=True).first()
        if person is None:
            raise ImportFailed(f"Không có người dùng “{username}”.")
        actor = person
        membership = active_membership(actor)
        if membership is None or membership.unit_id != unit.pk:
            raise ImportFailed(f"Người dùng “{username}” không làm việc tại {unit.name}.")
    if not path.is_file():
        raise ImportFailed(f"Không thấy tệp “{path}”.")
    try:
        with path.open("rb") as handle:
            plan_import = imports.start_import(
                unit, actor=actor, upload=handle, name=path.name, size=path.stat().st_size, background=False
            )
        run_import(plan_import.pk)
        plan_import.refresh_from_db()
        if plan_import.status != ImportStatus.READY:
            raise ImportFailed(plan_import.error or "Không đọc được tệp.")
        content = plan_import.result or {}
        choices = {
            row["written"]: str(row["agency_id"])
            for row in agency_suggestions(unit, content, {})
            if row["agency_id"]
        }
        return imports.save_import(plan_import, actor=actor, content=content, choices=choices)
    except PermissionDenied as exc:
        raise ImportFailed(f"Người dùng “{username}” không có quyền nhập kế hoạch của {unit.name}.") from exc
    except ValidationError as exc:
        raise ImportFailed(" ".join(exc.messages)) from exc
