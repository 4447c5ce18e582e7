"""`{% pdf_available as can_pdf %}`: the PDF download is offered only where LibreOffice is
installed (the operator guide says how to enable it)."""

from __future__ import annotations

from django import template

from apps.plans.export import pdf

register = template.Library()


@register.simple_tag
def pdf_available() -> bool:
    return pdf.converter() is not None
