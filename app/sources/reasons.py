"""Why an item or a poll of a source was skipped: each is counted on the source, none stops the watcher."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """A counted reason for skipping a response or an item."""

    ROBOTS_DISALLOWED = "robots_disallowed"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    TRUNCATED = "truncated"
    TOO_LARGE = "too_large"
    REDIRECT_LOOP = "redirect_loop"
    WRONG_CONTENT_TYPE = "wrong_content_type"
    NOT_A_FEED = "not_a_feed"
    EMPTY_TEXT = "empty_text"
    NOT_ENGLISH = "not_english"
    NO_LINK = "no_link"
    BAD_LINK = "bad_link"
    DUPLICATE_ITEM = "duplicate_item"
    OVER_ITEM_LIMIT = "over_item_limit"
    ALREADY_STORED = "already_stored"
    DUPLICATE_TEXT = "duplicate_text"
    REFUSED = "refused"
    UNREADABLE = "unreadable"  # an unexpected failure while reading one item, logged with its traceback


class Skipped(Exception):
    """A response or item that cannot become an article, with its counted reason and a line for the log."""

    def __init__(self, reason: Reason, detail: str, status: int | None = None) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
        self.status = status  # the HTTP status, for an http_error
