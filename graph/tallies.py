"""Day tallies: per entity, relation type and day, how many claims the entity takes part in and the
distinct articles reporting them, as `(:DayTally)` nodes kept in the transaction that adds, deletes or
moves the claims. An entity's trend then reads a few hundred tallies instead of every one of its claims
(a hub has about 17,000).

Every write path hands over the claims it adds and the claims it takes away, as `ClaimFacts` dicts
({type, subject_id, object_id, article_id, day}, `day` being the claim's date, else its article's); a
moved claim is taken away as it was and added as it is now. Claims without a day are not tallied (a
trend has no period for them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import cypher

ClaimFacts = dict[str, Any]
TallyKey = tuple[str, str, str]  # (entity_id, type, day)


def tally_changes(added: Iterable[ClaimFacts], removed: Iterable[ClaimFacts] = ()) -> list[dict[str, Any]]:
    """Return the ADD_TO_DAY_TALLIES rows that take the claims `removed` away from the tallies and add the
    claims `added` (a pure function): one row per touched (entity, type, day), in sorted order (the lock
    order), with each article's change in claims; changes that cancel out are left out."""
    change: Counter[tuple[str, str, str, str]] = Counter()
    for sign, claims in ((1, added), (-1, removed)):
        for claim in claims:
            day = claim["day"]
            if day is None:
                continue
            for entity_id in {claim["subject_id"], claim["object_id"]}:
                change[entity_id, claim["type"], day, claim["article_id"]] += sign
    rows: dict[TallyKey, dict[str, Any]] = {}
    for (entity_id, rel_type, day, article_id), delta in sorted(change.items()):
        if delta == 0:
            continue
        row = rows.setdefault(
            (entity_id, rel_type, day),
            {"entity_id": entity_id, "type": rel_type, "day": day, "claims": 0, "articles": [], "deltas": []},
        )
        row["claims"] += delta
        row["articles"].append(article_id)
        row["deltas"].append(delta)
    return list(rows.values())


async def change_tallies_tx(
    tx: AsyncManagedTransaction, added: Iterable[ClaimFacts], removed: Iterable[ClaimFacts] = ()
) -> None:
    """Add the claims `added` to their day tallies and take the claims `removed` away, inside `tx`."""
    rows = tally_changes(added, removed)
    if rows:
        await tx.run(cypher.ADD_TO_DAY_TALLIES, rows=rows)
