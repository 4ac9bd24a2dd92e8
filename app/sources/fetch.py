"""HTTP for feeds and pages: polite (robots.txt, one request at a time per host with a least delay, a
User-Agent with a contact), bounded (timeouts, redirect and size caps) and cheap (conditional GET, gzip).

Every failure comes out as `Skipped` with its counted reason; nothing here raises anything else."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from importlib.metadata import version
from urllib.robotparser import RobotFileParser

import httpx

from app.settings import Settings
from app.sources.reasons import Reason, Skipped
from app.sources.urls import origin

log = logging.getLogger(__name__)

ROBOTS_AGENT = "racegraph"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt


def user_agent(contact: str) -> str:
    """Return the User-Agent: racegraph's name and version, and how to reach its operator when set."""
    agent = f"racegraph/{version('racegraph')}"
    return f"{agent} (+{contact})" if contact else agent


@dataclass(frozen=True)
class Fetched:
    """One response read whole: 200 with a body, or 304 (unchanged since the validators sent) without."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str  # media type only, lowercase: "text/html"
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _HostGate:
    """One request at a time to a host, and at least `delay` seconds from the end of one to the next."""

    lock: asyncio.Lock
    free_at: float = 0.0  # monotonic time from which the next request may start


class Fetcher:
    """Fetches URLs for one run of the watcher (or one `ingest URL...`); close it with `aclose`."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent(settings.contact), "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=True,
            max_redirects=settings.fetch_max_redirects,
            transport=transport,
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = "*/*"
    ) -> Fetched:
        """Return the response to GET `url` (304 when the validators still hold); raise Skipped when
        robots.txt disallows it, or when it fails for good after `fetch_retries` retries."""
        if not await self.allowed(url):
            raise Skipped(Reason.ROBOTS_DISALLOWED, f"{url}: robots.txt disallows it")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._with_retries(url, headers, self.settings.fetch_max_bytes)

    async def allowed(self, url: str) -> bool:
        """Return whether robots.txt of the URL's origin lets racegraph fetch it (read once per origin);
        raise Skipped when the origin cannot be reached at all."""
        site = origin(url)
        async with self._robots_lock:
            if site not in self._robots:
                self._robots[site] = await self._read_robots(site)
        return self._robots[site].can_fetch(ROBOTS_AGENT, url)

    async def _read_robots(self, site: str) -> RobotFileParser:
        rules = RobotFileParser()
        try:
            fetched = await self._with_retries(f"{site}/robots.txt", {"Accept": "text/plain"}, ROBOTS_MAX_BYTES)
        except Skipped as exc:
            if exc.reason is not Reason.HTTP_ERROR:
                raise  # the site itself cannot be read (unreachable, too slow): so says the page's skip too
            # RFC 9309 2.3.1: an unavailable robots.txt (4xx) allows everything; a failing one (5xx)
            # forbids everything until it can be read.
            allowed = exc.status is not None and exc.status < 500
            rules.parse([] if allowed else ["User-agent: *", "Disallow: /"])
            return rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules

    async def _with_retries(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        attempt = 0
        while True:
            try:
                return await self._once(url, headers, max_bytes)
            except _Retryable as exc:
                if attempt >= self.settings.fetch_retries:
                    raise exc.skipped from None
                pause = self.settings.fetch_backoff * 2**attempt
                attempt += 1
                log.info("%s; retry %d in %.1f s", exc.skipped, attempt, pause)
                await asyncio.sleep(pause)

    async def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        gate = self._gates.setdefault(origin(url), _HostGate(asyncio.Lock()))
        async with gate.lock:
            wait = gate.free_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._read(url, headers, max_bytes)
            finally:
                gate.free_at = time.monotonic() + self.settings.host_delay

    async def _read(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        try:
            async with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code in RETRIED_STATUSES:
                    raise _Retryable(Reason.HTTP_ERROR, f"{response.status_code} from {url}", response.status_code)
                if response.status_code >= 400:
                    raise Skipped(Reason.HTTP_ERROR, f"{response.status_code} from {url}", response.status_code)
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise Skipped(Reason.TOO_LARGE, f"{url}: {declared} bytes, more than {max_bytes}")
                body = bytearray()
                async for chunk in response.aiter_bytes():  # decoded: the cap holds after gzip too
                    body += chunk
                    if len(body) > max_bytes:
                        raise Skipped(Reason.TOO_LARGE, f"{url}: more than {max_bytes} bytes")
                return Fetched(
                    url=str(response.url),
                    status=response.status_code,
                    body=bytes(body),
                    content_type=response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
        except httpx.TooManyRedirects as exc:
            cap = self.settings.fetch_max_redirects
            raise Skipped(Reason.REDIRECT_LOOP, f"{url}: more than {cap} redirects") from exc
        except httpx.TimeoutException as exc:
            raise _Retryable(Reason.TIMEOUT, f"{url}: no answer within {self.settings.fetch_timeout} s") from exc
        except httpx.RemoteProtocolError as exc:
            raise _Retryable(Reason.TRUNCATED, f"{url}: the connection broke off ({exc})") from exc
        except httpx.DecodingError as exc:
            raise Skipped(Reason.TRUNCATED, f"{url}: the body cannot be decoded ({exc})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(Reason.UNREACHABLE, f"{url}: {exc or type(exc).__name__}") from exc
        except httpx.InvalidURL as exc:
            raise Skipped(Reason.BAD_LINK, f"{url}: {exc}") from exc


class _Retryable(Exception):
    """A failure worth another try; `skipped` is what it becomes once the retries are spent."""

    def __init__(self, reason: Reason, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.skipped = Skipped(reason, detail, status)
