"""`Racegraph`, the core: the one code path the CLI, GraphQL and views all call."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from neo4j import AsyncDriver

from app.auth import ANONYMOUS, Actor, Role, hash_key, new_key
from app.errors import (
    UNAVAILABLE_MESSAGE,
    BadRequest,
    Forbidden,
    NotFound,
    TooMany,
    Unauthenticated,
    Unavailable,
)
from app.insights.engine import Insights
from app.settings import Settings
from app.subgraph_query import DATE_PATTERN, SubgraphQuery
from graph import curate, keys
from graph.build import build_article_graph
from graph.connect import UNAVAILABLE_ERRORS, open_async_driver, ping
from graph.errors import DatabaseUnavailable
from graph.insights import InsightsReader
from graph.migrate import migrate
from graph.model import ArticleGraph
from graph.read import GraphReader, Subgraph, SubgraphFilter
from graph.records import ArticleDetailRecord, EntityRecord, GraphCounts
from graph.write import WriteStats, delete_articles, stored_shas, write_articles
from nlp.errors import InputError
from nlp.records import ArticleIn, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


MAX_SEARCH_LENGTH = 200
EXTRACT_BATCH = 4
"""Texts spaCy processes together: with texts up to `max_article_chars`, what one batch holds in memory
(about 3.5 KB a character) stays bounded; smaller batches cost no throughput with this model."""
LINK_SCHEMES = ("http://", "https://")


@dataclass
class IngestReport(WriteStats):
    """What one ingest run did: what its writes did (texts already stored before extraction count as
    duplicates too), plus the inputs that failed and the relations the schema left out."""

    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    dropped: Counter[str] = field(default_factory=Counter)  # relations the schema left out, by reason

    @property
    def ingested(self) -> list[str]:
        """Ids of the articles stored now."""
        return self.written


@lru_cache(maxsize=2)
def cached_pipeline(model: str) -> Language:
    """Return the pipeline for `model`, loaded once per process (every service shares it)."""
    from nlp.pipeline import load_pipeline  # spaCy is slow to import; reads never need it

    return load_pipeline(model)


def extract_articles(model: str, articles: Iterable[ArticleIn], workers: int = 1) -> Iterator[Extraction]:
    """Yield the extraction of each article by the pipeline of `model`, in order; no database needed."""
    from nlp.extract import extract_many

    return extract_many(cached_pipeline(model), articles, n_process=workers, batch_size=EXTRACT_BATCH)


def refusal(settings: Settings, article: ArticleIn) -> str | None:
    """Return why `article` cannot be ingested (a text over `max_article_chars`, a link that is not
    http(s)), or None when it can."""
    limit = settings.max_article_chars
    if len(article.text) > limit:
        return (
            f"{article.id}: the text is {len(article.text)} characters long, more than the limit of {limit} "
            "(RACEGRAPH_MAX_ARTICLE_CHARS); split it into articles"
        )
    if article.url is not None and not article.url.lower().startswith(LINK_SCHEMES):
        return f"{article.id}: the url must start with http:// or https://"
    return None


def admitted(settings: Settings, items: Iterable[ArticleIn | InputError], report: IngestReport) -> list[ArticleIn]:
    """Return the articles among `items` that can be ingested; inputs that could not be read (arriving as
    InputError) and refused articles go to `report.failed`."""
    articles: list[ArticleIn] = []
    for item in items:
        if isinstance(item, InputError):
            report.failed.append((str(item).split(": ", 1)[0], str(item)))
        elif reason := refusal(settings, item):
            report.failed.append((item.id, reason))
        else:
            articles.append(item)
    return articles


async def graph_batches(
    model: str, articles: list[ArticleIn], workers: int, batch_size: int, report: IngestReport
) -> AsyncIterator[list[ArticleGraph]]:
    """Yield the article graphs of `articles`, `batch_size` at a time in order, extracted by the pipeline
    of `model` with `workers` processes; the relations the schema left out are counted in `report`."""
    await asyncio.to_thread(cached_pipeline, model)
    extractions = extract_articles(model, articles, workers)
    pending = iter(articles)

    def next_batch() -> list[Extraction]:
        return list(islice(extractions, batch_size))

    while True:
        # spaCy is CPU-bound: with one process it runs off the event loop. A process pool must be
        # driven from the main thread: workers forked from a helper thread cannot exit cleanly.
        batch = next_batch() if workers > 1 else await asyncio.to_thread(next_batch)
        if not batch:
            return
        graphs = [build_article_graph(a, x) for a, x in zip(islice(pending, len(batch)), batch, strict=True)]
        for graph in graphs:
            report.dropped.update(graph.dropped)
        yield graphs


class Racegraph:
    """The service: owns the driver, loads the NLP pipeline on first use, reads and writes the graph."""

    def __init__(self, settings: Settings, driver: AsyncDriver | None = None) -> None:
        self.settings = settings
        self.driver = driver or open_async_driver(
            settings.bolt_uri,
            settings.neo4j_user,
            settings.neo4j_secret(),
            timeout=settings.db_timeout,
        )
        self.database = settings.neo4j_database
        self.reader = GraphReader(self.driver, self.database, timeout=settings.db_timeout)
        self.insights = Insights(InsightsReader(self.driver, self.database, timeout=settings.db_timeout))
        self._nlp: Language | None = None
        self._schema_ready = False
        self._down_until = 0.0  # monotonic time until which Neo4j is taken to be down; 0: taken to be up
        self._probe = asyncio.Lock()
        self._sockets: Counter[str] = Counter()  # open WebSockets by key id (or address without a key)

    async def close(self) -> None:
        """Stop the insights still being computed, then close the driver they read through."""
        await self.insights.cache.cancel()
        await self.driver.close()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = cached_pipeline(self.settings.spacy_model)
        return self._nlp

    @property
    def nlp_loaded(self) -> bool:
        return self._nlp is not None

    async def load_nlp(self) -> None:
        """Load the spaCy pipeline off the event loop (it takes seconds)."""
        await asyncio.to_thread(lambda: self.nlp)

    async def ready(self, timeout: float | None = None) -> None:
        """Return when Neo4j answers within `timeout` seconds (`ready_timeout` by default); raise
        DatabaseUnavailable otherwise, and then fail requests at once for `breaker_seconds`
        (`check_available`)."""
        try:
            async with asyncio.timeout(timeout or self.settings.ready_timeout):
                while True:
                    try:
                        await ping(self.driver, self.database)
                        break
                    except DatabaseUnavailable:
                        # A connection from before a restart fails once and is dropped: try again.
                        await asyncio.sleep(0.1)
        except TimeoutError as exc:
            self.database_down()
            raise DatabaseUnavailable(f"Neo4j did not answer at {self.settings.bolt_uri}") from exc
        self._down_until = 0.0

    def database_down(self) -> None:
        """Take Neo4j to be down for `breaker_seconds`: requests meanwhile fail at once instead of each
        waiting `db_timeout` for it."""
        self._down_until = time.monotonic() + self.settings.breaker_seconds

    async def check_available(self) -> None:
        """Return at once while Neo4j is taken to be up; raise Unavailable at once while it is known down.
        Once `breaker_seconds` have passed, one caller probes it (`ready`) and the others wait for that."""
        if not self._down_until:
            return
        async with self._probe:
            if self._down_until and time.monotonic() >= self._down_until:
                with contextlib.suppress(DatabaseUnavailable):
                    await self.ready()
            if self._down_until:
                raise Unavailable(UNAVAILABLE_MESSAGE)

    async def ensure_schema(self, timeout: float | None = None) -> None:
        """Return when Neo4j answers within `timeout` seconds (`ready`) and the schema is migrated (once
        per process); raise DatabaseUnavailable otherwise."""
        await self.ready(timeout)
        if not self._schema_ready:
            await self.migrate()
            self._schema_ready = True

    async def migrate(self) -> list[str]:
        """Apply pending schema migrations; return their names."""
        try:
            return [f"{m.version:04d}_{m.name}" for m in await migrate(self.driver, self.database)]
        except UNAVAILABLE_ERRORS as exc:
            raise DatabaseUnavailable(f"Neo4j is not reachable at {self.settings.bolt_uri}") from exc

    def extract(self, articles: Iterable[ArticleIn], workers: int = 1) -> Iterator[Extraction]:
        """Yield the extraction of each article, in order."""
        return extract_articles(self.settings.spacy_model, articles, workers)

    def refusal(self, article: ArticleIn) -> str | None:
        """Return why `article` cannot be ingested, or None when it can (`refusal`)."""
        return refusal(self.settings, article)

    async def ingest(
        self,
        items: Iterable[ArticleIn | InputError],
        *,
        workers: int | None = None,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Extract and store articles; inputs that could not be read arrive as InputError and are
        reported. Texts already stored are skipped before extraction, so an interrupted run can
        simply be run again. Each batch is one transaction."""
        workers = workers or self.settings.workers
        batch_size = batch_size or self.settings.batch_size
        report = IngestReport()
        articles = admitted(self.settings, items, report)
        if not articles:
            return report
        await self.ensure_schema(self.settings.db_timeout)  # a long run: worth waiting for Neo4j
        try:
            stored = await stored_shas(self.driver, [a.sha256 for a in articles], self.database)
            todo = [a for a in articles if a.sha256 not in stored]
            skipped = [a for a in articles if a.sha256 in stored]
            report.duplicates += [a.id for a in skipped]
            if progress and skipped:
                progress(len(skipped))
            if todo:
                await self._extract_and_write(todo, workers, batch_size, report, progress)
        except UNAVAILABLE_ERRORS as exc:
            raise DatabaseUnavailable(
                f"Neo4j is not reachable at {self.settings.bolt_uri}; batches already written are kept"
            ) from exc
        return report

    async def _extract_and_write(
        self,
        articles: list[ArticleIn],
        workers: int,
        batch_size: int,
        report: IngestReport,
        progress: Progress | None,
    ) -> None:
        await self.load_nlp()
        async for graphs in graph_batches(self.settings.spacy_model, articles, workers, batch_size, report):
            report.add(await write_articles(self.driver, graphs, self.database, batch_size))
            if progress:
                progress(len(graphs))

    async def delete_article(self, article_id: str) -> None:
        """Remove an article and its claims; raise NotFound when there is no such article."""
        if not await delete_articles(self.driver, [article_id], self.database):
            raise NotFound(f"no article with id {article_id!r}")

    async def merge_entities(self, keep: str, merge: str) -> EntityRecord:
        """Merge entity `merge` into `keep` (each an id or canonical name) in one transaction: aliases
        united, mentions and claims moved, edges recomputed, the old id redirected to the kept one.
        Return the kept entity with `merged_id`, `moved` and `deleted` (claims that became self-loops
        or repeats) last in its properties, as the mutation reports them; raise NotFound when either is
        unknown, BadRequest when they are the same entity or of different kinds."""
        keep_id, merge_id = await self.resolve_entity_id(keep), await self.resolve_entity_id(merge)
        if keep_id == merge_id:
            raise BadRequest(f"{keep!r} and {merge!r} are the same entity ({keep_id})")
        kept, merged = await self.reader.entities_by_id([keep_id, merge_id])
        if kept is None or merged is None:
            raise NotFound(f"no entity with id {keep_id if kept is None else merge_id!r}")
        if kept.kind != merged.kind:
            raise BadRequest(f"cannot merge {merged.name} ({merged.kind}) into {kept.name} ({kept.kind})")
        stats = await curate.merge_entities(self.driver, keep_id, merge_id, self.database)
        entity = await self.reader.entity(keep_id)
        if entity is None:
            raise NotFound(f"no entity with id {keep_id!r}")
        outcome = {"merged_id": merge_id, "moved": len(stats.moved), "deleted": len(stats.deleted)}
        return replace(entity, properties={**entity.properties, **outcome})

    async def article(self, article_id: str) -> ArticleDetailRecord:
        """Return the article with its text, entities and claims; raise NotFound."""
        found = (await self.reader.article_details([article_id]))[0]
        if found is None:
            raise NotFound(f"no article with id {article_id!r}")
        return found

    async def counts(self) -> GraphCounts:
        """Return node and edge counts."""
        return await self.reader.counts()

    async def resolve_entity(self, key: str) -> EntityRecord:
        """Return the entity whose id or canonical name is `key`; raise NotFound."""
        entity = await self.reader.entity(key) or await self.reader.entity_by_name(key)
        if entity is None:
            raise NotFound(f"no entity with id or name {key!r}")
        return entity

    async def resolve_entity_id(self, key: str) -> str:
        """Return the id of the entity whose id or canonical name is `key`; raise NotFound."""
        return (await self.resolve_entity(key)).id

    async def subgraph(self, query: SubgraphQuery) -> Subgraph:
        """Return the subgraph around the seeds; raise NotFound when no seed is known."""
        seeds = [await self.resolve_entity(seed) for seed in query.seeds]
        where = SubgraphFilter(
            types=tuple(t.value for t in query.types), since=query.since, until=query.until,
            min_claims=query.min_claims,
        )
        return await self.reader.subgraph(
            seeds, query.depth, where, query.max_nodes, query.per_node, share_room=query.share_room
        )

    # --- API keys --------------------------------------------------------------

    async def create_key(self, name: str, role: Role) -> tuple[str, str]:
        """Create an API key; return (id, secret). Only the hash is stored."""
        key_id, secret = new_key()
        await keys.create_key(self.driver, self.database, key_id, name, role.name.lower(), hash_key(secret))
        return key_id, secret

    async def list_keys(self) -> list[dict[str, Any]]:
        """Return every key's id, name, role and state (never the secret)."""
        return await keys.list_keys(self.driver, self.database)

    async def revoke_key(self, key_id: str) -> None:
        """Revoke a key; raise NotFound when no active key has that id."""
        if not await keys.revoke_key(self.driver, self.database, key_id):
            raise NotFound(f"no active API key with id {key_id!r}")

    async def authenticate(self, secret: str | None) -> Actor:
        """Return the caller for an API key (anonymous without one); raise Unauthenticated for a bad key."""
        if not secret:
            return ANONYMOUS
        await self.check_available()
        found = await keys.find_key(self.driver, self.database, hash_key(secret))
        if found is None:
            raise Unauthenticated("invalid or revoked API key")
        role = Role[found["role"].upper()]
        return Actor(key_id=found["id"], name=found["name"], role=role, key_hash=hash_key(secret))

    async def check_key(self, actor: Actor) -> None:
        """Return when the key `actor` came with is still active (or it came without one); raise
        Unauthenticated once it is revoked."""
        if actor.key_hash is not None and await keys.find_key(self.driver, self.database, actor.key_hash) is None:
            raise Unauthenticated("the API key was revoked")

    def open_socket(self, owner: str) -> None:
        """Count one more open WebSocket of `owner` (a key id, or an address); raise TooMany when it has
        `max_connections_per_key` open already."""
        limit = self.settings.max_connections_per_key
        if self._sockets[owner] >= limit:
            raise TooMany(f"at most {limit} WebSockets at once per API key (RACEGRAPH_MAX_CONNECTIONS_PER_KEY)")
        self._sockets[owner] += 1

    def close_socket(self, owner: str) -> None:
        """Count one WebSocket of `owner` fewer."""
        self._sockets[owner] -= 1
        if not self._sockets[owner]:
            del self._sockets[owner]

    async def require(self, actor: Actor, role: Role) -> None:
        """Return when `actor` may act as `role` and Neo4j is not known down; raise Unauthenticated,
        Forbidden or Unavailable otherwise."""
        await self.check_available()
        if actor.has(role):
            return
        if role is Role.READER and actor.role is None and self.settings.reads_open:
            return
        if actor.role is None:
            raise Unauthenticated(f"an API key with the {role.name.lower()} role is required (X-API-Key header)")
        raise Forbidden(f"this API key's role ({actor.role.name.lower()}) cannot do that; {role.name.lower()} needed")

    def check_date(self, value: str | None) -> str | None:
        """Return a YYYY[-MM[-DD]] date as given (None stays None); raise BadRequest otherwise."""
        if value is not None and not re.fullmatch(DATE_PATTERN, value):
            raise BadRequest(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return value

    def check_search(self, search: str | None) -> str | None:
        """Return a search string of reasonable length; raise BadRequest otherwise."""
        if search is not None and len(search) > MAX_SEARCH_LENGTH:
            raise BadRequest(f"search is longer than {MAX_SEARCH_LENGTH} characters")
        return search

    def check_page(self, first: int) -> int:
        """Return `first` when it is a valid page size; raise BadRequest otherwise."""
        if not 1 <= first <= self.settings.max_page_size:
            raise BadRequest(f"first must be between 1 and {self.settings.max_page_size}")
        return first

