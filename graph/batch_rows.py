"""The rows one write transaction sends for a batch of new articles, built apart from the transaction.

Pure functions, so that `graph.write.write_articles` can build the next batch's rows in a worker thread
while Neo4j writes the batch before. Built inside the transaction, they kept Neo4j waiting: this process's
work, mostly building rows, took about 2.5 s of bench.write_speed's 8.5 s batched run, in turns with Neo4j.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from graph.build import claim_rows, entity_rows, mention_rows, relation_rows
from graph.model import ArticleGraph
from graph.tallies import tally_changes

Row = dict[str, Any]


class Rows(list[Row]):
    """Query rows whose repr is their number. The driver (5.28) formats every query's parameters for
    a debug log line even when debug logging is off; for a batch's rows that took a quarter as long as
    building them, on the event loop's thread, the one part of this process's work that the pipeline
    cannot overlap with Neo4j's. The driver encodes a list subclass as a list."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


class NodeIds(dict[str, str]):
    """Our ids of a transaction's articles or entities to their element ids, which the queries after
    CREATE_ARTICLES and MERGE_ENTITIES find them by (`graph.cypher.ingest`); a short repr, as `Rows`."""

    def __repr__(self) -> str:
        return f"<{len(self)} node ids>"


@dataclass(frozen=True)
class Nodes:
    """The element ids of the articles and entities a transaction wrote, by our ids."""

    articles: NodeIds
    entities: NodeIds


@dataclass(frozen=True)
class ClaimChanges:
    """What new claims send: the claims, their day tallies' changes and their aggregated edges' increments."""

    claims: Rows  # CREATE_CLAIMS rows
    tallies: Rows  # ADD_TO_DAY_TALLIES rows
    relations: dict[str, Rows]  # ADD_CLAIMS_TO_RELATIONS rows by relation type


@dataclass(frozen=True)
class BatchRows:
    """Every row a batch of new articles sends, in the order `graph.write.write_batch_tx` sends them."""

    articles: Rows  # CREATE_ARTICLES rows
    entities: Rows  # MERGE_ENTITIES rows
    mentions: Rows  # CREATE_MENTIONS rows
    claims: ClaimChanges


def claim_changes(claims: list[Row]) -> ClaimChanges:
    """Return the rows that add these new claims (CREATE_CLAIMS rows) to the graph."""
    tallies = tally_changes({**c, "day": c["date"] or c["published"]} for c in claims)
    relations = {t: Rows(rows) for t, rows in groupby(relation_rows(claims), key=itemgetter("type"))}
    return ClaimChanges(Rows(claims), Rows(tallies), relations)


def batch_rows(graphs: Sequence[ArticleGraph]) -> BatchRows:
    """Return the rows that write these articles, all taken as new and their entities as not merged away."""
    # dict(model) rather than model_dump(): the rows hold no nested models, and dumping them took about
    # a sixth of this process's CPU in bench.write_speed. RelType is a StrEnum, sent as text.
    return BatchRows(
        articles=Rows(dict(g.article) for g in graphs),
        entities=Rows(entity_rows(graphs)),
        mentions=Rows(mention_rows(graphs)),
        claims=claim_changes(claim_rows(graphs)),
    )
