"""Check a plan dict against plan.schema.json before rendering it.

A copy of shared/spec/plan.schema.json lives next to this module (a test keeps the
two identical): the app reads the schema at run time, and a deployed checkout has no
shared/ beside it. jsonschema checks the plan; this module only says each problem in
Vietnamese, with the path of the offending value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .errors import PlanInvalid

SCHEMA_PATH = Path(__file__).with_name("plan.schema.json")

_TYPE_NAMES = {
    "string": "chuỗi ký tự",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true/false",
    "object": "đối tượng {…}",
    "array": "danh sách […]",
    "null": "null",
}


@cache
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _where(error: ValidationError) -> str:
    """The path "tasks[1].timeframe" for the value at ("tasks", 1, "timeframe"); "(gốc)" for the plan."""
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(gốc)"


def _type_message(error: ValidationError, where: str) -> str:
    types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " hoặc ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
    return f"{where}: phải là {wanted}, nhận được {_show(error.instance)}"


def _pattern_message(error: ValidationError, where: str) -> str:
    hint = " (ngày ghi YYYY-MM-DD, YYYY-MM hoặc YYYY)" if "[0-9]{4}" in str(error.validator_value) else ""
    return f"{where}: {_show(error.instance)} không đúng định dạng{hint}"


def _one_of_messages(error: ValidationError, where: str) -> list[str]:
    if not error.context:
        return [f"{where}: giá trị khớp nhiều dạng cùng lúc"]
    # the value fits none of the alternatives: report the one that went furthest (fewest errors)
    by_option: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        by_option.setdefault(sub.relative_schema_path[0], []).append(sub)
    fewest = min(by_option.values(), key=lambda errors: len(errors))
    return _messages(fewest)


def _messages_of(error: ValidationError) -> list[str]:
    where = _where(error)
    keyword = error.validator
    if keyword == "oneOf":
        return _one_of_messages(error, where)
    if keyword == "const":
        return [f"{where}: phải là {_show(error.validator_value)}, nhận được {_show(error.instance)}"]
    if keyword == "type":
        return [_type_message(error, where)]
    if keyword == "enum":
        allowed = ", ".join(_show(v) for v in error.validator_value)
        return [f"{where}: giá trị {_show(error.instance)} không thuộc các giá trị cho phép ({allowed})"]
    if keyword == "minLength":
        return [f"{where}: không được để trống"]
    if keyword == "pattern":
        return [_pattern_message(error, where)]
    if keyword == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [f"{where}: thiếu trường bắt buộc “{key}”" for key in missing]
    if keyword == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = [key for key in error.instance if key not in allowed]
        return [f"{where}: có trường không được phép “{key}”" for key in extra]
    return [f"{where}: {error.message}"]


def _messages(errors: Iterable[ValidationError]) -> list[str]:
    out: list[str] = []
    for error in errors:
        # jsonschema reports each missing field of an object apart: say each once
        out.extend(m for m in _messages_of(error) if m not in out)
    return out


def plan_errors(plan: Any) -> list[str]:
    """Every way `plan` departs from plan.schema.json, as Vietnamese messages."""
    return _messages(_validator().iter_errors(plan))


def validate_plan(plan: Any) -> None:
    errors = plan_errors(plan)
    if errors:
        raise PlanInvalid(errors)
