from __future__ import annotations


class ExportError(Exception):
    """A plan could not be exported; the message is Vietnamese and meant for the user."""


class PlanInvalid(ExportError):
    """The plan dict does not follow plan.schema.json."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = errors[:10]
        more = f"\n  … và {len(errors) - len(shown)} lỗi khác" if len(errors) > len(shown) else ""
        super().__init__(
            "Kế hoạch không đúng cấu trúc (plan.schema.json):\n  - " + "\n  - ".join(shown) + more
        )


class PdfUnavailable(ExportError):
    """LibreOffice is not installed, so no PDF can be made."""
