"""`server_config(app, settings)`: how uvicorn serves racegraph, with the header deadline uvicorn lacks;
`run_server(settings)`: the server `racegraph serve` runs."""

from __future__ import annotations

import asyncio
import socket

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.main import create_app
from app.settings import Settings

REQUEST_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


def header_deadline_protocol(seconds: float) -> type[asyncio.Protocol]:
    """Return uvicorn's httptools protocol with a deadline for each request's headers.

    uvicorn has none: its keep-alive timer runs only between requests, so a client that connects and
    sends nothing, or sends its headers a byte at a time, holds a connection (and its memory) for ever.
    The deadline runs from the connection, or from the first byte of a later request on it, to the end
    of the headers; past it the client gets 408 and the connection closes. Bodies have their own
    deadline (`app.body_limit.BodyLimit`)."""

    class HeaderDeadline(HttpToolsProtocol):
        deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._start_deadline()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self.deadline is None:  # the next request on a kept-alive connection
                self._start_deadline()

        def on_headers_complete(self) -> None:
            self._cancel_deadline()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_deadline()
            super().connection_lost(exc)

        def _start_deadline(self) -> None:
            self.deadline = self.loop.call_later(seconds, self._headers_too_slow)

        def _cancel_deadline(self) -> None:
            if self.deadline is not None:
                self.deadline.cancel()
                self.deadline = None

        def _headers_too_slow(self) -> None:
            self.deadline = None
            if not self.transport.is_closing():
                self.transport.write(REQUEST_TIMEOUT)
                self.transport.close()

    return HeaderDeadline


def server_config(app: FastAPI, settings: Settings) -> uvicorn.Config:
    """The uvicorn configuration `racegraph serve` (and the tests' live server) run `app` with."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        http=header_deadline_protocol(settings.header_timeout),
        # Idle connections close after 5 s; WebSocket messages are held to the body limit too.
        timeout_keep_alive=5,
        ws_max_size=settings.max_body_bytes,
    )


def run_server(settings: Settings, sockets: list[socket.socket] | None = None) -> None:
    """Serve `create_app(settings)` under `server_config` until told to stop (SIGINT, SIGTERM): on
    settings.host and port, or on `sockets` already bound, which several processes can share."""
    uvicorn.Server(server_config(create_app(settings), settings)).run(sockets=sockets)
