"""Sources in Neo4j: a lease is held by one watcher at a time, ends at its expiry, and a finished poll
records its state and lets the source go."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from neo4j import AsyncDriver, Driver

from app.settings import Settings
from graph import sources
from graph.connect import open_async_driver
from graph.migrate import migrate
from graph.sources import PollState, SourceExists

pytestmark = pytest.mark.integration

T = TypeVar("T")
URL = "http://news.example/feed.xml"


def with_driver(settings: Settings, job: Callable[[AsyncDriver, str], Awaitable[T]]) -> T:
    async def go() -> T:
        driver = open_async_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_secret())
        try:
            await migrate(driver, settings.neo4j_database)
            return await job(driver, settings.neo4j_database)
        finally:
            await driver.close()

    return asyncio.run(go())


async def _add(driver: AsyncDriver, database: str) -> None:
    await sources.create_source(driver, database, "s1", URL, "Wire", 900, "en")


def test_a_source_url_is_added_once(settings: Settings, db: Driver):
    async def job(driver: AsyncDriver, database: str) -> None:
        await _add(driver, database)
        with pytest.raises(SourceExists):
            await _add(driver, database)

    with_driver(settings, job)
    assert db.execute_query("MATCH (s:Source) RETURN count(s) AS n")[0][0]["n"] == 1


def test_of_many_watchers_taking_one_source_at_once_exactly_one_gets_it(settings: Settings, db: Driver):
    async def job(driver: AsyncDriver, database: str) -> list[bool]:
        await _add(driver, database)
        taken = await asyncio.gather(
            *(sources.take_lease(driver, database, "s1", f"w{i}", 60, due_only=True) for i in range(8))
        )
        return [t is not None for t in taken]

    assert sum(with_driver(settings, job)) == 1


def test_a_held_source_is_not_pollable_until_its_lease_ends(settings: Settings, db: Driver):
    async def job(driver: AsyncDriver, database: str) -> tuple[list[str], bool, bool]:
        await _add(driver, database)
        await sources.create_source(driver, database, "s2", URL + "?2", "Wire 2", 900, "en")
        await sources.take_lease(driver, database, "s1", "w1", 600, due_only=True)
        await sources.take_lease(driver, database, "s2", "w1", 0.001, due_only=True)  # over at once
        await asyncio.sleep(0.05)
        pollable = await sources.pollable_source_ids(driver, database, due_only=False)
        refused = await sources.take_lease(driver, database, "s1", "w2", 60, due_only=False) is None
        after = await sources.take_lease(driver, database, "s2", "w2", 60, due_only=False) is not None
        return pollable, refused, after

    assert with_driver(settings, job) == (["s2"], True, True)


def test_a_lease_is_renewed_only_by_its_owner_and_a_renewed_lease_keeps_the_source(settings: Settings, db: Driver):
    async def job(driver: AsyncDriver, database: str) -> tuple[bool, bool, bool]:
        await _add(driver, database)
        await sources.take_lease(driver, database, "s1", "w1", 0.001, due_only=True)  # over at once
        renewed = await sources.renew_lease(driver, database, "s1", "w1", 600)
        by_other = await sources.renew_lease(driver, database, "s1", "w2", 600)
        taken = await sources.take_lease(driver, database, "s1", "w2", 60, due_only=False) is not None
        return renewed, by_other, taken

    assert with_driver(settings, job) == (True, False, False)
    [owner] = db.execute_query("MATCH (s:Source) RETURN s.lease_owner AS owner")[0]
    assert owner["owner"] == "w1"


def test_a_finished_poll_records_its_state_schedules_the_next_and_lets_go(settings: Settings, db: Driver):
    state = PollState(
        etag='"v2"', last_modified="Tue, 03 Jun 2025 09:00:00 GMT", status="ok", last_error=None, seen=7,
        ingested=5, skip_reasons=["empty_text"], skip_counts=[2],
    )

    async def job(driver: AsyncDriver, database: str) -> tuple[bool, bool, list[str], list[str]]:
        await _add(driver, database)
        await sources.take_lease(driver, database, "s1", "w1", 60, due_only=True)
        lost = await sources.finish_poll(driver, database, "s1", "w2", state)  # not the holder
        finished = await sources.finish_poll(driver, database, "s1", "w1", state)
        return (
            lost, finished, await sources.pollable_source_ids(driver, database, due_only=True),
            await sources.pollable_source_ids(driver, database, due_only=False),
        )

    lost, finished, due, pollable = with_driver(settings, job)
    assert (lost, finished, due, pollable) == (False, True, [], ["s1"])
    [source] = with_driver(settings, sources.list_sources)
    assert {k: source[k] for k in ("etag", "status", "items_seen", "ingested", "skip_reasons", "skip_counts")} == {
        "etag": '"v2"', "status": "ok", "items_seen": 7, "ingested": 5, "skip_reasons": ["empty_text"],
        "skip_counts": [2],
    }
    assert source["lease_owner"] is None and source["next_poll_at"] > source["polled_at"]


def test_removing_a_source_keeps_its_articles(settings: Settings, db: Driver):
    db.execute_query("CREATE (:Article {id: 'a1', sha256: 'x', url: $url})", url="http://news.example/a")

    async def job(driver: AsyncDriver, database: str) -> tuple[str | None, str | None]:
        await _add(driver, database)
        await sources.link_articles(driver, database, "s1", [{"sha256": "x", "url": "http://news.example/a"}])
        return await sources.delete_source(driver, database, URL), await sources.delete_source(driver, database, URL)

    assert with_driver(settings, job) == ("s1", None)
    assert db.execute_query("MATCH (a:Article) RETURN count(a) AS n")[0][0]["n"] == 1
