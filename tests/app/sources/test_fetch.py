"""The fetcher against a real loopback server: each fault is a Skipped with its reason, never a crash."""

from __future__ import annotations

import asyncio
import gzip

import pytest

from app.settings import Settings
from app.sources.fetch import Fetched, Fetcher
from app.sources.reasons import Reason, Skipped
from tests.app.sources.news_site import NewsSite, Route


def fetch(settings: Settings, url: str, **validators: str) -> Fetched:
    async def go() -> Fetched:
        fetcher = Fetcher(settings)
        try:
            return await fetcher.get(url, **validators)
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


def skipped(settings: Settings, url: str) -> Skipped:
    with pytest.raises(Skipped) as caught:
        fetch(settings, url)
    return caught.value


def test_a_page_is_read_whole_with_its_type_and_validators(site: NewsSite, fetch_settings: Settings):
    site.routes["/a.html"] = Route(body=b"<p>hello</p>", etag='"v1"', headers={"Last-Modified": "Tue, 03 Jun 2025"})
    fetched = fetch(fetch_settings, site.url("/a.html"))
    assert (fetched.status, fetched.body, fetched.content_type) == (200, b"<p>hello</p>", "text/html")
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Tue, 03 Jun 2025")


def test_the_user_agent_names_racegraph_and_the_contact_setting(site: NewsSite, fetch_settings: Settings):
    site.routes["/a.html"] = Route(body=b"x")
    fetch(fetch_settings, site.url("/a.html"))
    agent = site.hits_of("/a.html")[0].headers["user-agent"]
    assert agent.startswith("racegraph/") and agent.endswith("(+https://racegraph.example/contact)")


def test_a_conditional_get_sends_the_validators_and_gets_304_without_a_body(site: NewsSite, fetch_settings: Settings):
    site.routes["/feed.xml"] = Route(body=b"<rss/>", etag='"v1"')
    fetched = fetch(fetch_settings, site.url("/feed.xml"), etag='"v1"', last_modified="Tue, 03 Jun 2025 09:00:00 GMT")
    assert fetched.not_modified and fetched.body == b""
    hit = site.hits_of("/feed.xml")[0]
    assert hit.headers["if-none-match"] == '"v1"'
    assert hit.headers["if-modified-since"] == "Tue, 03 Jun 2025 09:00:00 GMT"


def test_a_gzip_body_arrives_decoded(site: NewsSite, fetch_settings: Settings):
    site.routes["/z.html"] = Route(body=b"<p>compressed</p>" * 100, gzip=True)
    assert fetch(fetch_settings, site.url("/z.html")).body == b"<p>compressed</p>" * 100
    assert "gzip" in site.hits_of("/z.html")[0].headers["accept-encoding"]


def test_a_gzip_bomb_is_cut_at_the_size_cap_after_decoding(site: NewsSite, fetch_settings: Settings):
    site.routes["/bomb.html"] = Route(body=b"0" * 5_000_000, gzip=True)
    assert len(gzip.compress(b"0" * 5_000_000)) < fetch_settings.fetch_max_bytes
    assert skipped(fetch_settings, site.url("/bomb.html")).reason is Reason.TOO_LARGE


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(status=404, body=b"gone"), Reason.HTTP_ERROR),
        (Route(status=500, body=b"broken"), Reason.HTTP_ERROR),
        (Route(delay=3.0, body=b"late"), Reason.TIMEOUT),
        (Route(body=b"<p>" + b"x" * 5000 + b"</p>", truncate_to=100), Reason.TRUNCATED),
        (Route(body=b"x" * 200_000), Reason.TOO_LARGE),
        (Route(stream=500_000), Reason.TOO_LARGE),
    ],
    ids=["404", "500", "slow", "truncated", "declared-huge", "streamed-huge"],
)
def test_each_fault_is_skipped_with_its_reason(site: NewsSite, fetch_settings: Settings, route: Route, reason: Reason):
    site.routes["/fault"] = route
    assert skipped(fetch_settings, site.url("/fault")).reason is reason


def test_a_500_is_retried_and_a_404_is_not(site: NewsSite, fetch_settings: Settings):
    site.routes["/500"] = Route(status=500)
    site.routes["/404"] = Route(status=404)
    skipped(fetch_settings, site.url("/500"))
    skipped(fetch_settings, site.url("/404"))
    assert len(site.hits_of("/500")) == 1 + fetch_settings.fetch_retries
    assert len(site.hits_of("/404")) == 1


def test_a_redirect_loop_stops_at_the_cap(site: NewsSite, fetch_settings: Settings):
    site.routes["/loop-a"] = Route(status=302, headers={"Location": "/loop-b"})
    site.routes["/loop-b"] = Route(status=302, headers={"Location": "/loop-a"})
    assert skipped(fetch_settings, site.url("/loop-a")).reason is Reason.REDIRECT_LOOP
    assert len(site.hits_of("/loop-a")) + len(site.hits_of("/loop-b")) == fetch_settings.fetch_max_redirects + 1


def test_a_redirect_is_followed_to_the_final_url(site: NewsSite, fetch_settings: Settings):
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    site.routes["/new"] = Route(body=b"here")
    fetched = fetch(fetch_settings, site.url("/old"))
    assert (fetched.url, fetched.body) == (site.url("/new"), b"here")


def test_robots_txt_is_respected_and_read_once(site: NewsSite, fetch_settings: Settings):
    site.routes["/robots.txt"] = Route(body=b"User-agent: racegraph\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a.html"] = Route(body=b"secret")
    site.routes["/public/a.html"] = Route(body=b"open")

    async def go() -> tuple[Skipped | None, bytes]:
        fetcher = Fetcher(fetch_settings)
        try:
            try:
                await fetcher.get(site.url("/private/a.html"))
                refused = None
            except Skipped as exc:
                refused = exc
            return refused, (await fetcher.get(site.url("/public/a.html"))).body
        finally:
            await fetcher.aclose()

    refused, body = asyncio.run(go())
    assert refused is not None and refused.reason is Reason.ROBOTS_DISALLOWED
    assert body == b"open"
    assert site.hits_of("/private/a.html") == []
    assert len(site.hits_of("/robots.txt")) == 1


def test_an_unreachable_host_is_skipped(fetch_settings: Settings):
    from graph.launcher.launcher import free_port

    assert skipped(fetch_settings, f"http://127.0.0.1:{free_port()}/feed.xml").reason is Reason.UNREACHABLE


def test_one_host_gets_one_request_at_a_time_with_the_least_delay_between(site: NewsSite, fetch_settings: Settings):
    paths = [f"/p{i}.html" for i in range(4)]
    for path in paths:
        site.routes[path] = Route(body=b"x", delay=0.05)
    polite = fetch_settings.model_copy(update={"host_delay": 0.2})

    async def go() -> None:
        fetcher = Fetcher(polite)
        try:
            await asyncio.gather(*(fetcher.get(site.url(p)) for p in paths))
        finally:
            await fetcher.aclose()

    asyncio.run(go())
    hits = sorted((h for p in paths for h in site.hits_of(p)), key=lambda h: h.started)
    gaps = [later.started - earlier.ended for earlier, later in zip(hits, hits[1:], strict=False)]
    assert len(hits) == 4
    assert min(gaps) >= 0.2 * 0.9  # never overlapping, and the delay kept (less a little clock slack)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_a_missing_robots_txt_allows_everything_and_a_failing_one_nothing(
    site: NewsSite, fetch_settings: Settings, status: int, allowed: bool
):
    site.routes["/robots.txt"] = Route(status=status)
    site.routes["/a.html"] = Route(body=b"page")

    async def go() -> bool:
        fetcher = Fetcher(fetch_settings)
        try:
            return await fetcher.allowed(site.url("/a.html"))
        finally:
            await fetcher.aclose()

    assert asyncio.run(go()) is allowed
