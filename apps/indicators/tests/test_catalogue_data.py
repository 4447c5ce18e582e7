"""The runtime copies of the catalogue files match shared/domain (the seed reads the copies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.indicators.catalogue.national import DATA

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "domain"


@pytest.mark.parametrize("name", ["indicators.yaml", "strategy-targets.yaml"])
def test_the_copy_matches_the_shared_file(name: str) -> None:
    assert (DATA / name).read_bytes() == (SHARED / name).read_bytes()
