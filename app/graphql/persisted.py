"""Automatic persisted queries (APQ), as Apollo defines them: a client sends the sha256 of its query in
`extensions.persistedQuery` instead of the text, and the text only when the server answers
PERSISTED_QUERY_NOT_FOUND; the server then checks the hash and keeps the text for next time."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

NOT_FOUND_CODE = "PERSISTED_QUERY_NOT_FOUND"
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"  # the message Apollo's clients look for, besides the code
INVALID_CODE = "PERSISTED_QUERY_INVALID"
VERSION = 1


class PersistedQueryStore:
    """Query texts by sha256 hex, at most `max_entries` (the least recently used go first) and none longer
    than `max_chars` (those run, but are not kept: the parser cache would not keep them either)."""

    def __init__(self, max_entries: int, max_chars: int) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._texts: OrderedDict[str, str] = OrderedDict()

    def get(self, sha256: str) -> str | None:
        """Return the text kept under `sha256`, or None."""
        text = self._texts.get(sha256)
        if text is not None:
            self._texts.move_to_end(sha256)
        return text

    def put(self, sha256: str, text: str) -> None:
        """Keep `text` under its hash, if it is short enough and the store holds any entries."""
        if self.max_entries == 0 or len(text) > self.max_chars:
            return
        self._texts[sha256] = text
        self._texts.move_to_end(sha256)
        while len(self._texts) > self.max_entries:
            self._texts.popitem(last=False)

    def __len__(self) -> int:
        return len(self._texts)


def _invalid(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": INVALID_CODE})


class PersistedQueries(SchemaExtension):
    """Resolves `extensions.persistedQuery` before parsing: a known hash without text runs the kept text,
    an unknown one is answered PERSISTED_QUERY_NOT_FOUND, and a text with a hash is checked against it
    and kept. Operations without the extension pass untouched."""

    def __init__(self, store: PersistedQueryStore) -> None:
        self.store = store

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        persisted = (context.operation_extensions or {}).get("persistedQuery")
        if persisted is not None:
            if not isinstance(persisted, dict) or persisted.get("version") != VERSION:
                raise _invalid(f"Unsupported persisted query version: only version {VERSION} is known.")
            sha256 = persisted.get("sha256Hash")
            if not isinstance(sha256, str):
                raise _invalid("persistedQuery.sha256Hash must be a string.")
            if context.query:
                if hashlib.sha256(context.query.encode()).hexdigest() != sha256.lower():
                    raise _invalid("provided sha does not match query")
                self.store.put(sha256.lower(), context.query)
            else:
                text = self.store.get(sha256.lower())
                if text is None:
                    raise GraphQLError(NOT_FOUND_MESSAGE, extensions={"code": NOT_FOUND_CODE})
                context.query = text
        yield
