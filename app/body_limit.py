"""`BodyLimit`: refuses request bodies over a size with 413, before they are read into memory, and
bodies that stall with 408."""

from __future__ import annotations

import asyncio

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import BodyStalled, BodyTooLarge


class BodyLimit:
    """ASGI middleware: a declared Content-Length over `max_bytes` is answered 413 before the body is
    read; a body sent without one (chunked) is counted as it arrives, and `receive` raises BodyTooLarge
    (which the app's error handler answers 413) once it passes. Until the body is complete, each part
    must arrive within `timeout` seconds, else `receive` raises BodyStalled (408): uvicorn has no body
    read timeout, and a stalled body would hold its request open."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self.refuse(send)
            return
        received = 0
        complete = False
        started = False

        async def counted() -> Message:
            nonlocal received, complete
            if complete:  # after the body, `receive` waits for the disconnect: no limit then
                return await receive()
            try:
                async with asyncio.timeout(self.timeout):
                    message = await receive()
            except TimeoutError:
                raise BodyStalled(
                    f"the request body stalled for {self.timeout:g} s (RACEGRAPH_BODY_TIMEOUT)"
                ) from None
            complete = not message.get("more_body", False)
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.message)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if started:
                raise
            await self.refuse(send)

    @property
    def message(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes (RACEGRAPH_MAX_BODY_BYTES)"

    async def refuse(self, send: Send) -> None:
        body = orjson.dumps({"ok": False, "error": self.message, "status": 413})
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": body})
