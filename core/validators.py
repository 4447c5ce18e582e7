"""Django side of `core.text.clean_text`: the same rule for every form field and
service, with Vietnamese messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import TextError, clean_text

MESSAGES = {
    "nul": _("This text contains a character that is not allowed (NUL)."),
    "control": _("This text contains control characters. Type it again without them."),
    "bidi": _("This text contains hidden direction-changing characters. Type it again without them."),
    "empty": _("This field cannot be empty."),
    "too_long": _("Too long: at most %(limit)d characters."),
}


def validated_text(value: str, max_length: int, field: str | None = None) -> str:
    """`clean_text` raising a ValidationError (for `field`, when given) instead of TextError."""
    try:
        return clean_text(value, max_length)
    except TextError as exc:
        message = MESSAGES[exc.code] % {"limit": exc.limit} if exc.code == "too_long" else MESSAGES[exc.code]
        raise ValidationError({field: message} if field else message, code=exc.code) from exc


class TextField(forms.CharField):
    """A one-line name or title: normalised, length counted after normalisation."""

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        # the browser's own limit, on the raw text; the real check happens in clean()
        super().__init__(max_length=None, strip=False, **kwargs)
        self.limit = max_length
        self.widget.attrs.setdefault("maxlength", str(max_length))

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        return validated_text(value, self.limit)
