from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    schema = json.loads((SHARED / "spec" / "plan.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
