"""Who acts. A person is a User; a loader or a command acts as a named SystemActor,
which the audit log names. No service accepts a missing actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """A command or loader acting on its own authority, e.g. SystemActor("load_demo")."""

    name: str
    is_authenticated: bool = False

    def get_username(self) -> str:
        return f"system:{self.name}"

    def __str__(self) -> str:
        return self.get_username()


# Who a service acts for: a person (pages and the API pass request.user, which a signed-out
# visitor makes an AnonymousUser that every service refuses) or a named SystemActor. The
# user model lives in accounts, above this layer, hence its base class here.
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | SystemActor
