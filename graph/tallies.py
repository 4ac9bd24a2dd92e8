"""Day tallies: per entity, relation type and day, how many claims the entity takes part in and the
distinct articles reporting them, as `(:DayTally)` nodes kept in the transaction that adds, deletes or
moves the claims. An entity's trend then reads a few hundred tallies instead of every one of its claims
(a hub has about 17,000).

Every write path hands over the claims it adds and the claims it takes away, as `ClaimFacts` dicts
({type, subject_id, object_id, article_id, day}, `day` being the claim's date, else its article's); a
moved claim is taken away as it was and added as it is now. Claims without a day are not tallied (a
trend has no period for them).

A trend counts the distinct articles of a period, the union of its days' articles; but almost every article
reports an entity's claims of one type on one day only (87 % for the busiest entity of the bench graph), and
counts once wherever its day falls. So a tally also lists its `spread` articles, those with claims of the
entity and type on other days too, and a read needs only the numbers of articles plus these short lists:
reading every article list doubled the cost of a hub's trend. An article's claims all arrive in one
ingest, which therefore knows its days; a merge, which moves and deletes some, lists them again
(`respread_tx`).

A tally also holds its day as a date (`date`, by `day_of`; none when the day is no date), which trends truncate
to weeks, months and quarters in Cypher: checking and parsing the text there at every read cost as much as the
grouping saved. The rows carry that date as ISO text, which Neo4j parses when it creates a tally: the driver
encodes a Python `date` through a Python function, and for a batch's 2,700 rows that took 31 of the 39 ms
of encoding them, on the event loop's thread, while Neo4j waited."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import cypher

ClaimFacts = dict[str, Any]
TallyKey = tuple[str, str, str]  # (entity_id, type, day)


def day_of(text: str) -> date | None:
    """Return the day a YYYY[-MM[-DD]] date stands for, its first day when it names a month or a year;
    None when it is no such date."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        return date(numbers[0], *(numbers[1:] + [1, 1])[:2])
    except (ValueError, IndexError, TypeError):
        return None


def _iso_day(text: str) -> str | None:
    """Return `day_of(text)` as ISO text, None when it is none."""
    day = day_of(text)
    return day.isoformat() if day else None


def tally_changes(added: Iterable[ClaimFacts], removed: Iterable[ClaimFacts] = ()) -> list[dict[str, Any]]:
    """Return the ADD_TO_DAY_TALLIES rows that take the claims `removed` away from the tallies and add the
    claims `added` (a pure function): one row per touched (entity, type, day), in sorted order (the lock
    order), with each article's change in claims and the articles whose added claims of the entity and type
    fall on several days (`spread`); changes that cancel out are left out."""
    change: Counter[tuple[str, str, str, str]] = Counter()
    days: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)  # (entity, type, article) -> added days
    for sign, claims in ((1, added), (-1, removed)):
        for claim in claims:
            day = claim["day"]
            if day is None:
                continue
            for entity_id in {claim["subject_id"], claim["object_id"]}:
                change[entity_id, claim["type"], day, claim["article_id"]] += sign
                if sign > 0:
                    days[entity_id, claim["type"], claim["article_id"]].add(day)
    rows: dict[TallyKey, dict[str, Any]] = {}
    for (entity_id, rel_type, day, article_id), delta in sorted(change.items()):
        if delta == 0:
            continue
        row = rows.setdefault(
            (entity_id, rel_type, day),
            {"entity_id": entity_id, "type": rel_type, "day": day, "date": _iso_day(day), "claims": 0, "articles": [],
             "deltas": [], "spread": []},
        )
        row["claims"] += delta
        row["articles"].append(article_id)
        row["deltas"].append(delta)
        if len(days[entity_id, rel_type, article_id]) > 1:
            row["spread"].append(article_id)
    return list(rows.values())


async def change_tallies_tx(
    tx: AsyncManagedTransaction, added: Iterable[ClaimFacts], removed: Iterable[ClaimFacts] = ()
) -> None:
    """Add the claims `added` to their day tallies and take the claims `removed` away, inside `tx`."""
    await write_tally_changes_tx(tx, tally_changes(added, removed))


async def write_tally_changes_tx(tx: AsyncManagedTransaction, rows: list[dict[str, Any]]) -> None:
    """Apply `tally_changes` rows to the day tallies, inside `tx`."""
    if rows:
        await tx.run(cypher.ADD_TO_DAY_TALLIES, rows=rows)


async def respread_tx(tx: AsyncManagedTransaction, claims: Iterable[ClaimFacts]) -> None:
    """List again, inside `tx`, whether each article of `claims` has claims of their entities and types on
    several days (after a change that took some of an article's claims away, or moved them)."""
    keys = {
        (entity_id, c["type"], c["article_id"])
        for c in claims if c["day"] is not None for entity_id in (c["subject_id"], c["object_id"])
    }
    if keys:
        rows = [{"entity_id": e, "type": t, "article_id": a} for e, t, a in sorted(keys)]
        await tx.run(cypher.RESPREAD_DAY_TALLIES, rows=rows)
