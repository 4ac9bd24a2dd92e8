"""CSV of communities: one row per entity with its community's id and label, for spreadsheets and joins."""

from __future__ import annotations

import csv
import io

from app.insights.communities import Partition

COLUMNS = ("community", "label", "entity", "name", "kind", "strength")


def write_communities_csv(partition: Partition) -> bytes:
    """Return every member of every community as UTF-8 CSV with a header row: communities largest first
    (ids as `communities` gives them), members most central first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for community in partition.communities:
        for member in community.members:
            entity = member.entity
            strength = f"{member.strength:g}"
            writer.writerow((community.id, community.label, entity.id, entity.name, entity.kind, strength))
    return buffer.getvalue().encode()
