"""Whether a reminder's link opens for its reader in the membership they are using now.

A reminder belongs to a person, not to one of their memberships: the commune officer who
is also her commune's case worker sees the report deadlines of her officer's role in the
bell while she works as case worker, and the report page would refuse her there. The
reminders page shows the words of such a reminder without the link, and says that another
of her roles opens it. Apps say which model a page of theirs shows: `register_page("app:url_name",
Model)`; a page with a `pk` opens when `Model.objects.for_user(user)` reaches that row, a
page without one when the role may view that model in its unit. Pages nobody registered
are taken to open."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import models
from django.urls import Resolver404, resolve

from apps.access.guards import permitted
from apps.access.scope import active_membership

PAGES: dict[str, type[models.Model]] = {}


def register_page(url_name: str, model: type[models.Model]) -> None:
    PAGES[url_name] = model


def opens_for(user: Any, link: str) -> bool:
    """False when `link` is a registered page that would refuse `user` (403 or 404)."""
    try:
        match = resolve(urlsplit(link).path)
    except Resolver404:
        return False
    model = PAGES.get(match.view_name)
    if model is None:
        return True
    pk = match.kwargs.get("pk")
    if pk is not None:
        return bool(model._default_manager.for_user(user, "view").filter(pk=pk).exists())  # type: ignore[attr-defined]
    membership = active_membership(user)
    return membership is not None and permitted(user, "view", model, unit=membership.unit)
