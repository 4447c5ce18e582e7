"""Check a plan dict against plan.schema.json before rendering it.

A copy of shared/spec/plan.schema.json lives next to this module (a test keeps the
two identical), so a checkout without shared/ can still validate. The checker covers
the JSON Schema keywords that schema uses (type, required, properties,
additionalProperties, enum, const, pattern, minLength, items, $ref, oneOf) and
reports every problem in Vietnamese with the path of the offending value, because
jsonschema is only a development dependency.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

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


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    return value is None


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"unsupported $ref {ref}")
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        schema = target
    return schema


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    schema = _resolve(schema, root)
    where = path or "(gốc)"
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not _errors(value, s, root, path)]
        if len(matching) == 1:
            return []
        if not matching:
            # report the alternative that went furthest (fewest errors)
            options = [_errors(value, s, root, path) for s in schema["oneOf"]]
            return min(options, key=len)
        return [f"{where}: giá trị khớp nhiều dạng cùng lúc"]
    out: list[str] = []
    if "const" in schema and value != schema["const"]:
        return [f"{where}: phải là {_show(schema['const'])}, nhận được {_show(value)}"]
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            wanted = " hoặc ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
            return [f"{where}: phải là {wanted}, nhận được {_show(value)}"]
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(_show(v) for v in schema["enum"])
        return [f"{where}: giá trị {_show(value)} không thuộc các giá trị cho phép ({allowed})"]
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{where}: không được để trống")
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, value):
            hint = " (ngày ghi YYYY-MM-DD, YYYY-MM hoặc YYYY)" if "[0-9]{4}" in pattern else ""
            out.append(f"{where}: {_show(value)} không đúng định dạng{hint}")
    if isinstance(value, dict):
        props: dict[str, Any] = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: thiếu trường bắt buộc “{key}”")
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            if key in props:
                out.extend(_errors(item, props[key], root, sub))
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: có trường không được phép “{key}”")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            out.extend(_errors(item, schema["items"], root, f"{path}[{index}]"))
    return out


def plan_errors(plan: Any) -> list[str]:
    """Every way `plan` departs from plan.schema.json, as Vietnamese messages."""
    root = load_schema()
    return _errors(plan, root, root, "")


def validate_plan(plan: Any) -> None:
    errors = plan_errors(plan)
    if errors:
        raise PlanInvalid(errors)
