"""Who acts. A person is a User; a loader or a command acts as a named SystemActor,
which the audit log names. No service accepts a missing actor."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """A command or loader acting on its own authority, e.g. SystemActor("load_demo")."""

    name: str
    is_authenticated: bool = False

    def get_username(self) -> str:
        return f"system:{self.name}"

    def __str__(self) -> str:
        return self.get_username()
