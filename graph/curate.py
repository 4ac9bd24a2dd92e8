"""Curation: merge one entity into another, in one transaction.

The kept entity takes the merged one's name (as an alias), aliases, missing properties, mentions
and claims; the aggregated edges of every pair touched are recomputed from their claims, and the day
tallies (`graph.tallies`) of the claims moved or deleted are changed to match; and a
`(:Redirect {id: old_id, target: keep_id})` makes later ingestion of the old id land on the kept
entity (`graph.write` applies redirects). Merging A into B, then B into C, redirects A to C.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph import cypher
from graph.build import pair_ends
from graph.errors import GraphError, NotFound
from graph.model import Pair, pair_rows
from graph.tallies import change_tallies_tx, respread_tx
from graph.version import bump_version_tx
from graph.write import refresh_strongest_tx
from nlp.records import RelType, oriented

log = logging.getLogger(__name__)

# Node properties that belong to the node itself, never copied from a merged entity.
OWN_PROPERTIES = frozenset(
    {"id", "name", "name_key", "kind", "aliases", "alias_text", "created_at"}
)


@dataclass
class MergeStats:
    """What one merge did."""

    keep_id: str
    merged_id: str
    moved: list[str] = field(default_factory=list)  # ids of claims that now point at the kept entity
    deleted: list[str] = field(default_factory=list)  # ids of claims that became self-loops or repeats
    pairs: list[Pair] = field(default_factory=list)  # aggregated edges recomputed


@dataclass(frozen=True)
class Repointing:
    """Where each claim of a merged entity goes: new (subject_id, object_id) by claim id, and the
    claims to delete."""

    moves: dict[str, tuple[str, str]]
    deletions: list[str]


def repoint_claims(
    claims: list[dict[str, Any]], existing: list[dict[str, Any]], keep_id: str, merge_id: str
) -> Repointing:
    """Return where the claims of `merge_id` go when it becomes `keep_id` (a pure function).

    `claims` are the merged entity's claims, `existing` the claims already stating, in the same
    articles, the facts those claims become. Symmetric types keep the smaller id first
    (`nlp.records.oriented`); a claim whose subject and object become one entity is deleted, and of
    several claims stating one fact in one article the most confident stays (an existing one on a tie).
    """
    moves: dict[str, tuple[str, str]] = {}
    deletions: list[str] = []
    best: dict[tuple[str, str, str, str], tuple[float, int, str]] = {}  # fact in article -> (confidence, rank, id)
    for claim in existing:
        key = (claim["article_id"], claim["type"], claim["subject_id"], claim["object_id"])
        ranked = (claim["confidence"], 1, claim["id"])
        if key in best:
            deletions.append(min(best[key], ranked)[2])
        best[key] = max(best.get(key, ranked), ranked)
    for claim in sorted(claims, key=lambda c: c["id"]):
        subject_id, object_id = target_pair(claim, keep_id, merge_id)
        if subject_id == object_id:
            deletions.append(claim["id"])
            continue
        key = (claim["article_id"], claim["type"], subject_id, object_id)
        ranked = (claim["confidence"], 0, claim["id"])
        if key in best:
            loser = min(best[key], ranked)
            deletions.append(loser[2])
            moves.pop(loser[2], None)
            if loser == ranked:
                continue
        best[key] = ranked
        moves[claim["id"]] = (subject_id, object_id)
    return Repointing(moves=moves, deletions=sorted(set(deletions)))


def target_pair(claim: dict[str, Any], keep_id: str, merge_id: str) -> tuple[str, str]:
    """Return the claim's (subject_id, object_id) once `merge_id` is `keep_id`, `oriented` as stored."""
    subject_id = keep_id if claim["subject_id"] == merge_id else claim["subject_id"]
    object_id = keep_id if claim["object_id"] == merge_id else claim["object_id"]
    return oriented(RelType(claim["type"]), subject_id, object_id)


def united_aliases(keep: dict[str, Any], gone: dict[str, Any]) -> list[str]:
    """Return the kept entity's aliases after the merge: its own, the merged name and aliases, sorted."""
    names = set(keep.get("aliases") or []) | {gone["name"], *(gone.get("aliases") or [])}
    return sorted(names - {keep["name"]})


async def _claims_and_rivals_tx(
    tx: AsyncManagedTransaction, keep_id: str, merge_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The merged entity's claims, and the claims already in their articles that each would meet once
    repointed to `keep_id` (the same fact twice)."""
    result = await tx.run(cypher.MATCH_CLAIMS_OF_ENTITY, id=merge_id)
    claims = [dict(r) async for r in result]
    facts = {
        (c["type"], *target_pair(c, keep_id, merge_id), c["article_id"]) for c in claims
    }
    rows = [{"type": t, "subject_id": s, "object_id": o, "article_id": a} for t, s, o, a in sorted(facts) if s != o]
    existing: list[dict[str, Any]] = []
    if rows:
        result = await tx.run(cypher.MATCH_CLAIMS_IN_ARTICLES, rows=rows)
        existing = [dict(r) async for r in result]
    return claims, existing


async def merge_entities_tx(tx: AsyncManagedTransaction, keep_id: str, merge_id: str) -> MergeStats:
    """Merge entity `merge_id` into `keep_id` inside `tx`; return what moved. Raise NotFound when
    either is missing, GraphError when they are the same or of different kinds."""
    if keep_id == merge_id:
        raise GraphError(f"cannot merge entity {keep_id!r} into itself")
    result = await tx.run(cypher.LOCK_ENTITIES_FOR_MERGE, keep=keep_id, merge=merge_id)
    record = await result.single()
    if record is None:
        raise NotFound(f"no entities {keep_id!r} and {merge_id!r} to merge")
    keep, gone = record["keep"], record["gone"]
    if keep["kind"] != gone["kind"]:
        raise GraphError(f"cannot merge a {gone['kind']} into a {keep['kind']}")

    claims, existing = await _claims_and_rivals_tx(tx, keep_id, merge_id)
    plan = repoint_claims(claims, existing, keep_id, merge_id)

    if plan.deletions:
        await tx.run(cypher.DELETE_CLAIMS, ids=plan.deletions)
    if plan.moves:
        await tx.run(
            cypher.REPOINT_CLAIMS,
            rows=[{"id": i, "subject_id": s, "object_id": o} for i, (s, o) in sorted(plan.moves.items())],
        )
    await tx.run(cypher.MOVE_MENTIONS, keep=keep_id, merge=merge_id)
    properties = {
        k: v for k, v in record["gone_properties"].items()
        if k not in OWN_PROPERTIES and k not in record["keep_properties"]
    }
    await tx.run(
        cypher.ABSORB_ENTITY, keep=keep_id, merge=merge_id, aliases=united_aliases(keep, gone), properties=properties
    )
    await tx.run(cypher.REDIRECT_ENTITY, old=merge_id, target=keep_id, name=gone["name"])

    # A moved claim leaves the tallies as it was and joins them as it is now; an article that lost or moved
    # some of its claims may now report an entity on fewer or more days.
    by_id = {c["id"]: c for c in claims + existing}
    moved = [{**by_id[i], "subject_id": s, "object_id": o} for i, (s, o) in plan.moves.items()]
    taken = [by_id[i] for i in [*plan.deletions, *plan.moves]]
    await change_tallies_tx(tx, added=moved, removed=taken)
    await respread_tx(tx, moved + taken)

    # Old pairs named the merged entity, whose edges went with it; new pairs are recomputed from
    # the claims now behind them (REFRESH_RELATIONS skips pairs whose entity no longer exists).
    pairs = {(c["type"], c["subject_id"], c["object_id"]) for c in by_id.values()}
    pairs |= {(by_id[i]["type"], s, o) for i, (s, o) in plan.moves.items()}
    stats = MergeStats(keep_id, merge_id, moved=sorted(plan.moves), deleted=plan.deletions, pairs=sorted(pairs))
    await tx.run(
        cypher.REFRESH_RELATIONS, pairs=pair_rows(stats.pairs)
    )
    await refresh_strongest_tx(tx, pair_ends(stats.pairs) | {keep_id})
    await bump_version_tx(tx)
    return stats


async def merge_entities(driver: AsyncDriver, keep_id: str, merge_id: str, database: str) -> MergeStats:
    """Merge entity `merge_id` into `keep_id` in one retried transaction; return what moved."""
    async with driver.session(database=database) as session:
        stats = await session.execute_write(merge_entities_tx, keep_id, merge_id)
    log.info(
        "merged %s into %s: %d claims moved, %d deleted", merge_id, keep_id, len(stats.moved), len(stats.deleted)
    )
    return stats
