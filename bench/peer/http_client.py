"""A minimal HTTP/1.1 client for the peer benchmark: JSON POSTs over kept-alive connections, one per
concurrent caller.

The bench first used httpx, whose own work per request (1.7-1.9 ms of CPU on the 2-core bench machine,
against 0.16 ms here) was larger than a small query's whole server side: a cost of the instrument,
paid by both HTTP systems and not by the floor, that hid theirs. This client does only what the bench
needs: it writes one request in one write, and reads a response sized by Content-Length or chunked.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import orjson

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class LeanClient:
    """POSTs JSON to one URL; up to `connections` requests at a time, each on a connection of its own,
    kept open between requests."""

    def __init__(self, url: str, connections: int) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"need http://host:port/path, got {url!r}")
        self.host, self.port, self.path = parts.hostname, parts.port, parts.path or "/"
        self.idle: asyncio.Queue[Connection | None] = asyncio.Queue()
        for _ in range(connections):
            self.idle.put_nowait(None)  # opened on first use
        self.head = (f"POST {self.path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\n"
                     "content-type: application/json\r\naccept: application/json\r\n").encode()

    async def post(self, payload: Any) -> tuple[int, Any]:
        """Send `payload` as JSON; return the status and the decoded JSON body."""
        body = orjson.dumps(payload)
        request = self.head + b"content-length: %d\r\n\r\n" % len(body) + body
        connection = await self.idle.get()
        try:
            if connection is not None:
                try:
                    return await self._exchange(connection, request)
                except (asyncio.IncompleteReadError, ConnectionError) as exc:
                    # Both servers close a connection idle for 5 s; a request that met such a close got no
                    # answer at all and goes again on a new connection (what httpx does too).
                    if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                        raise
                    connection[1].close()
            connection = await asyncio.open_connection(self.host, self.port)
            return await self._exchange(connection, request)
        except BaseException:
            if connection is not None:
                connection[1].close()
            connection = None
            raise
        finally:
            if connection is not None and connection[1].is_closing():
                connection = None
            self.idle.put_nowait(connection)

    async def _exchange(self, connection: Connection, request: bytes) -> tuple[int, Any]:
        reader, writer = connection
        writer.write(request)
        status, headers = _parse_head(await reader.readuntil(b"\r\n\r\n"))
        if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            data = await _read_chunked(reader)
        else:
            data = await reader.readexactly(int(headers.get(b"content-length", b"0")))
        if headers.get(b"connection", b"").lower() == b"close":
            writer.close()
        return status, orjson.loads(data)

    async def close(self) -> None:
        """Close the open connections."""
        while not self.idle.empty():
            connection = self.idle.get_nowait()
            if connection is not None:
                connection[1].close()


def _parse_head(head: bytes) -> tuple[int, dict[bytes, bytes]]:
    status_line, *lines = head[:-4].split(b"\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers are sent by either server
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
