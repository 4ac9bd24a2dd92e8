"""Who may run what: read fields need the reader role (or open anonymous reads), mutations more."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from app.auth import Role
from app.graphql.context import Info


class _RoleRequired(BasePermission):
    role: Role
    message = "Not allowed."

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        # Raises Unauthenticated/Forbidden with a precise message; those keep their error codes.
        await info.context.service.require(info.context.actor, self.role)
        return True


class CanRead(_RoleRequired):
    """Readers, or anyone while anonymous reads are open."""

    role = Role.READER


class CanIngest(_RoleRequired):
    """Keys with the ingester role or above."""

    role = Role.INGESTER


class IsAdmin(_RoleRequired):
    """Keys with the admin role."""

    role = Role.ADMIN
