"""The rows a first load of a corpus leaves, computed without a database: entities and aggregated edges
folded batch by batch exactly as `graph.write` folds them into a new graph, for `graph.bulk_import`.

Pure: nothing here touches Neo4j. A bulk load must give the graph the transactional path gives from
the same articles in the same batches, so the fold repeats its arithmetic step for step (aliases
appended batch by batch, confidence as 1 - (1 - before) * doubt per batch: the last bits of a double
depend on that order).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.build import claim_rows, entity_rows, relation_rows
from graph.model import ArticleGraph, Pair


@dataclass
class Admission:
    """Which graphs of a batch a bulk load stores, and which it leaves out."""

    kept: list[ArticleGraph] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # article ids of texts already taken
    refused: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)


@dataclass
class GraphFold:
    """Entities and aggregated edges after the batches folded so far, as MERGE_ENTITIES and
    ADD_CLAIMS_TO_RELATIONS would leave them in a new graph; the texts and URLs taken; the batches
    that wrote (each bumps the graph version once)."""

    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: dict[Pair, dict[str, Any]] = field(default_factory=dict)
    batches: int = 0
    _shas: set[str] = field(default_factory=set)
    _urls: dict[str, str] = field(default_factory=dict)  # url -> sha256 of the text taken there

    def admit(self, graphs: Iterable[ArticleGraph]) -> Admission:
        """Return which graphs to store: a text already taken is a duplicate (as on ingest); a second
        text at a taken URL is refused, since the transactional path would replace the first one, which
        a one-pass import cannot do: `racegraph ingest` of the same input afterwards does it."""
        admission = Admission()
        for graph in graphs:
            article = graph.article
            if article.sha256 in self._shas:
                admission.duplicates.append(article.id)
            elif article.url is not None and self._urls.get(article.url, article.sha256) != article.sha256:
                admission.refused.append((
                    article.id,
                    f"{article.external_id or article.id}: another text at {article.url} was loaded first; "
                    "ingest this input with `racegraph ingest` afterwards to replace it",
                ))
            else:
                self._shas.add(article.sha256)
                if article.url is not None:
                    self._urls[article.url] = article.sha256
                admission.kept.append(graph)
        return admission

    def add_batch(self, graphs: list[ArticleGraph], claims: list[dict[str, Any]]) -> None:
        """Fold one transaction's worth of new articles (`claims`: their `claim_rows`) into the entities
        and edges."""
        if not graphs:
            return
        for row in entity_rows(graphs):
            self._add_entity(row)
        for row in relation_rows(claims):
            self._add_to_relation(row)
        self.batches += 1

    def _add_entity(self, row: dict[str, Any]) -> None:
        # As MERGE_ENTITIES: name and kind from the first batch; aliases not yet held (nor the name)
        # appended in the batch's order; properties overwritten by later batches.
        entity = self.entities.get(row["id"])
        if entity is None:
            entity = {"id": row["id"], "name": row["name"], "kind": row["kind"], "aliases": [], "properties": {}}
            self.entities[row["id"]] = entity
        aliases = entity["aliases"]
        for alias in row["aliases"]:
            if alias not in aliases and alias != entity["name"]:
                aliases.append(alias)
        entity["properties"].update(row["properties"])

    def _add_to_relation(self, row: dict[str, Any]) -> None:
        # As ADD_CLAIMS_TO_RELATIONS, on an edge created with no claims; a null date never wins.
        pair = (row["type"], row["subject_id"], row["object_id"])
        edge = self.relations.setdefault(
            pair,
            {"type": pair[0], "subject_id": pair[1], "object_id": pair[2], "claims": 0, "articles": 0,
             "first_seen": None, "last_seen": None, "confidence": 0.0, "hedged": True},
        )
        edge["claims"] += row["claims"]
        edge["articles"] += row["articles"]
        if row["first_seen"] is not None and (edge["first_seen"] is None or row["first_seen"] < edge["first_seen"]):
            edge["first_seen"] = row["first_seen"]
        if row["last_seen"] is not None and (edge["last_seen"] is None or row["last_seen"] > edge["last_seen"]):
            edge["last_seen"] = row["last_seen"]
        edge["confidence"] = 1.0 - (1.0 - edge["confidence"]) * row["doubt"]
        edge["hedged"] = edge["hedged"] and row["hedged"]

    def crowded(self, limit: int) -> list[str]:
        """Return the ids (sorted) of entities with more than `limit` aggregated edges: those that keep a
        list of their strongest edges (graph.cypher.strongest)."""
        degree: Counter[str] = Counter()
        for _, subject_id, object_id in self.relations:
            degree[subject_id] += 1
            degree[object_id] += 1
        return sorted(entity_id for entity_id, count in degree.items() if count > limit)


def batch_claims(graphs: list[ArticleGraph]) -> list[dict[str, Any]]:
    """Return the CREATE_CLAIMS rows of a batch, each with its article's source as CREATE_CLAIMS stores."""
    sources = {g.article.id: g.article.source for g in graphs}
    return [{**row, "source": sources[row["article_id"]]} for row in claim_rows(graphs)]
