"""Communes approved at the same moment, each in its own thread and connection (as two
gunicorn workers would): every approval counts once in the city's aggregates, none is
lost, a reopening at the same moment takes its figures out, and a report approved twice
at once is approved once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.demo import SYSTEM
from apps.accounts.models import User
from apps.indicators import services
from apps.indicators.models import AggregateValue, ReportForm, Status, Submission
from apps.indicators.reporting import aggregation
from apps.indicators.tests.world import ReportWorld

APPROVING = 6
REOPENING = 2


def figures(i: int) -> dict[tuple[str, str], Any]:
    return {
        ("BD-C02", ""): 10 * (i + 1),
        ("BD-C02", "sex:female"): 6 * (i + 1),
        ("BD-M01", ""): (i, i + 2),
        ("BD-F01", ""): Decimal("1234567.89") * (i + 1),
    }


def at_once(jobs: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            result = job()
            with lock:
                results.append(result)
        except BaseException as exc:  # collected and asserted by the caller
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def officer() -> User:
    # each thread reads the officer itself: the active membership is cached on the object
    return User.objects.get(username="sonoivu")


def row(province: Any, code: str, category: str = "") -> AggregateValue:
    return AggregateValue.objects.get(
        form=ReportForm.objects.get(code="BD-6T"),
        province=province,
        period="2026S1",
        indicator__code=code,
        category=category,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_communes_approved_at_the_same_moment_all_count(demo: Any) -> None:
    world = ReportWorld(demo)
    communes = world.communes(APPROVING + REOPENING)
    submitted = [
        services.submit(world.filled(unit, figures(i)), actor=SYSTEM) for i, unit in enumerate(communes)
    ]
    # the last ones were approved before: they are reopened while the others are approved
    for submission in submitted[APPROVING:]:
        services.approve(submission, actor=officer())

    def approve(pk: int) -> Callable[[], Any]:
        return lambda: services.approve(Submission.objects.get(pk=pk), actor=officer()).status

    def reopen(pk: int) -> Callable[[], Any]:
        return lambda: services.reopen(Submission.objects.get(pk=pk), "Sửa số liệu", actor=officer()).status

    jobs = [approve(s.pk) for s in submitted[:APPROVING]] + [reopen(s.pk) for s in submitted[APPROVING:]]
    results, errors = at_once(jobs)
    assert errors == []
    assert sorted(results) == sorted([Status.APPROVED] * APPROVING + [Status.RETURNED] * REOPENING)

    province = demo.province
    people = row(province, "BD-C02")
    assert people.contributors == APPROVING
    assert people.numerator == sum(10 * (i + 1) for i in range(APPROVING))
    assert row(province, "BD-C02", "sex:female").numerator == sum(6 * (i + 1) for i in range(APPROVING))
    share = row(province, "BD-M01")
    assert (share.numerator, share.denominator) == (
        sum(range(APPROVING)),
        sum(i + 2 for i in range(APPROVING)),
    )
    assert row(province, "BD-F01").numerator == Decimal("1234567.89") * sum(range(1, APPROVING + 1))
    assert aggregation.differences() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_report_approved_twice_at_once_counts_once(demo: Any) -> None:
    world = ReportWorld(demo)
    unit = world.communes(1)[0]
    submission = services.submit(world.filled(unit, figures(0)), actor=SYSTEM)
    approve = lambda: services.approve(Submission.objects.get(pk=submission.pk), actor=officer()).status  # noqa: E731
    results, errors = at_once([approve, approve, approve])
    assert results == [Status.APPROVED]
    assert len(errors) == 2 and all(isinstance(e, ValidationError) for e in errors)
    assert row(demo.province, "BD-C02").contributors == 1
    assert row(demo.province, "BD-C02").numerator == 10
    assert submission.history.filter(action="approved").count() == 1
    assert aggregation.differences() == []
