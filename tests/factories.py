"""Builders and helpers tests share: paths, articles, extractions and graph counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from nlp.records import ArticleIn, Entity, Extraction, Kind, Relation, RelType, entity_id

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed-cnbc-china-ai-action-plan.txt"
EXAMPLES = REPO / "examples" / "articles"


def needs_shared(path: Path) -> None:
    """Skip the calling test when `path` under ../shared is missing (it is absent on users' machines)."""
    if not path.exists():
        pytest.skip(f"{path} is not present: shared material exists only in CI and on developer machines")


def article(text: str = "Japan and Australia signed a partnership.", **fields: object) -> ArticleIn:
    """An input article with defaults for what a test does not care about."""
    return ArticleIn.model_validate({"id": "a1", "text": text, "published": "2025-01-10", **fields})


def entity(name: str, kind: Kind) -> Entity:
    return Entity(id=entity_id(kind, name), name=name, kind=kind, aliases=[name])


def relation(rel_type: RelType, subject: Entity, obj: Entity, text: str, **fields: object) -> Relation:
    """A relation whose evidence is the whole `text`."""
    values: dict[str, object] = {
        "type": rel_type, "subject": subject.name, "object": obj.name, "subject_id": subject.id,
        "object_id": obj.id, "evidence": text, "start": 0, "end": len(text), "confidence": 0.9,
    }
    return Relation.model_validate({**values, **fields})


def extraction(article_in: ArticleIn, entities: list[Entity], relations: list[Relation]) -> Extraction:
    return Extraction(id=article_in.id, entities=entities, relations=relations, extractor_version="test.v1")


def graph_counts(driver: Driver) -> dict[str, int]:
    """Node and edge counts, to compare states of the graph."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (a:Article) RETURN count(a) AS articles } "
        "CALL () { MATCH (e:Entity) RETURN count(e) AS entities } "
        "CALL () { MATCH (c:Claim) RETURN count(c) AS claims } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS edges } "
        "RETURN articles, entities, claims, edges"
    )
    return dict(records[0])
