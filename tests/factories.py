"""Builders tests share: paths, articles, entities, relations, extractions, and a synthetic corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from nlp.records import ArticleIn, Entity, Extraction, Kind, Relation, RelType, entity_id

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed-cnbc-china-ai-action-plan.txt"
EXAMPLES = REPO / "examples" / "articles"


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


# Ranked: the first two are drawn most often (weight 1/rank), so their edges collect claims from many batches.
CORPUS_COUNTRIES = tuple(
    entity(name, Kind.COUNTRY)
    for name in ("United States", "China", "Japan", "India", "Germany", "France", "Brazil", "Canada", "Kenya", "Chile")
)
CORPUS_ITEMS = ("advanced chips", "lithography tools", "gallium", "GPU servers", "chipmaking equipment")


def corpus(count: int, seed: int) -> list[tuple[ArticleIn, Extraction]]:
    """`count` articles of two sentences, a pact and an export curb between countries, each with the
    extraction its sentences state; the texts are ones the pipeline reads too. Same count and seed, same corpus."""
    rng = random.Random(seed)
    weights = [1 / rank for rank in range(1, len(CORPUS_COUNTRIES) + 1)]

    def two() -> list[Entity]:
        first = rng.choices(CORPUS_COUNTRIES, weights)[0]
        return [first, rng.choices([c for c in CORPUS_COUNTRIES if c != first], weights[1:])[0]]

    articles = []
    for index in range(count):
        day = date(2023, 1, 1) + timedelta(days=index)  # one day each: no two texts are the same
        (a, b), (c, d) = two(), two()
        pact = f"{a.name} signed a security pact with {b.name} on {day.day} {day:%B %Y}."
        curb = f"{c.name} restricted exports of {rng.choice(CORPUS_ITEMS)} to {d.name} in {day:%B %Y}."
        text = f"{pact} {curb}"
        given = article(text, id=f"corpus-{seed}-{index}", title=pact, published=day + timedelta(days=2))
        stated = [
            relation(RelType.ALLIED_WITH, a, b, pact, end=len(pact), date=day.isoformat()),
            relation(RelType.RESTRICTED, c, d, curb, start=len(pact) + 1, end=len(text), date=f"{day:%Y-%m}"),
        ]
        articles.append((given, extraction(given, list({e.id: e for e in (a, b, c, d)}.values()), stated)))
    return articles
