"""Eight people saving at the same moment: no "database is locked", no 500 from a race
on a unique name or a village code, and exactly one record where names collide."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from apps.accounts.demo import load_demo
from apps.geo.models import AdministrativeUnit, Agency, Level

THREADS = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the unit table survives the flush
def test_eight_concurrent_writers_get_no_error(settings: Any) -> None:
    settings.DEMO_MODE = True
    load_demo()
    settings.DEMO_MODE = False
    from apps.accounts.models import User

    officer = User.objects.get(username="congchuc")
    commune = AdministrativeUnit.objects.get(name="Xã Hà Tây")
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(i: int) -> None:
        try:
            client = Client()
            client.force_login(officer)
            barrier.wait()
            posts = [
                ("/agencies/new/", {"name": f"Tổ công tác số {i}", "kind": "committee"}),
                ("/agencies/new/", {"name": "Tổ trùng tên", "kind": "committee"}),
                ("/villages/new/", {"name": f"Thôn Mới {i}", "division_type": "thôn"}),
                ("/villages/new/", {"name": "Thôn Chung", "division_type": "thôn"}),
            ]
            for url, data in posts:
                response = client.post(url, data)
                with lock:
                    statuses.append(response.status_code)
        except BaseException as exc:  # collected and asserted below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    # 302 = saved; 200 = the form again with "already exists": never a 500
    assert set(statuses) <= {200, 302}, statuses
    assert Agency.objects.filter(unit=commune, name="Tổ trùng tên").count() == 1
    assert Agency.objects.filter(unit=commune, name__startswith="Tổ công tác số").count() == THREADS
    villages = AdministrativeUnit.objects.filter(parent=commune, level=Level.VILLAGE)
    assert villages.filter(name="Thôn Chung").count() == 1
    assert villages.filter(name__startswith="Thôn Mới").count() == THREADS
    codes = list(villages.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    assert statuses.count(302) == 2 * THREADS + 2
