"""The POST a browser sends from the plan editor, built from a document (for view tests)."""

from __future__ import annotations

from typing import Any

from apps.plans.editor import PlanEditor


def _value(bound: Any) -> Any:
    value = bound.value()
    field = bound.field
    if hasattr(field, "prepare_value"):
        value = field.prepare_value(value)
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    return value


def editor_post(content: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    editor = PlanEditor(content)
    data: dict[str, Any] = {}
    for bound in editor.header:
        data[bound.html_name] = _value(bound)
    for formset in editor.sections.values():
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for index, form in enumerate(formset.forms):
            for bound in form:
                if bound.name == "ORDER":
                    data[bound.html_name] = "" if index >= formset.initial_form_count() else str(index + 1)
                elif bound.name == "DELETE":
                    continue
                else:
                    data[bound.html_name] = _value(bound)
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""} | {
        k: v for k, v in data.items() if v == "" and k.endswith("TOTAL_FORMS")
    }
