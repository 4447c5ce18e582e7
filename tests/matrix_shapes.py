"""The status shapes of the access matrix, shared by the per-app entry modules."""

from __future__ import annotations

PERSONAS = ("anonymous", "owner", "focal", "leader", "caseworker", "outsider", "province")
LOGIN = 302


def S(
    anonymous: int, owner: int, focal: int, leader: int, caseworker: int, outsider: int, province: int
) -> dict[str, int]:
    return dict(zip(PERSONAS, (anonymous, owner, focal, leader, caseworker, outsider, province), strict=True))


def ALL(anonymous: int, others: int) -> dict[str, int]:
    return S(anonymous, others, others, others, others, others, others)
