"""API keys and roles: who is asking, and what they may do."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import IntEnum

KEY_PREFIX = "rg_"


class Role(IntEnum):
    """Roles in increasing power: each may do what the ones below it may."""

    READER = 1
    INGESTER = 2
    ADMIN = 3


@dataclass(frozen=True)
class Actor:
    """The caller of one request; `role` is None for anonymous callers."""

    key_id: str | None = None
    name: str | None = None
    role: Role | None = None
    key_hash: str | None = None  # what long-lived callers (subscriptions) look up again

    def has(self, role: Role) -> bool:
        """True when the caller's key grants `role`."""
        return self.role is not None and self.role >= role


ANONYMOUS = Actor()


def new_key() -> tuple[str, str]:
    """Return a fresh (key id, secret key); the secret is shown once and stored only hashed."""
    return secrets.token_hex(4), KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """Return the stored form of a key. Keys are 256 random bits, so a plain sha256 is enough."""
    return hashlib.sha256(key.encode()).hexdigest()
