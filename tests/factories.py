"""Builders tests share: paths, articles, entities, relations, extractions, and a synthetic corpus."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import combinations
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


# A planted partition: two camps of five countries, every pair inside a camp allied, and India, the broker,
# meeting one member of each. One article per fact, dated in the first quarter of 2024 (see `camps`).
WEST = tuple(entity(n, Kind.COUNTRY) for n in ("United States", "Japan", "Australia", "Canada", "United Kingdom"))
EAST = tuple(entity(n, Kind.COUNTRY) for n in ("China", "Russia", "Iran", "North Korea", "Belarus"))
BROKER = entity("India", Kind.COUNTRY)


def fact_article(
    rel_type: RelType, subject: Entity, obj: Entity, day: str, index: int
) -> tuple[ArticleIn, Extraction]:
    """An article stating one fact dated `day` (YYYY-MM-DD), published that day; `index` keeps texts apart."""
    text = f"Report {index}: {subject.name} and {obj.name}, {rel_type.value.lower().replace('_', ' ')}."
    given = article(text, id=f"fact-{index}", published=day)
    return given, extraction(given, [subject, obj], [relation(rel_type, subject, obj, text, date=day)])


def camps() -> list[tuple[ArticleIn, Extraction]]:
    """The planted partition's 22 articles: the camps' alliances dated January to March 2024 in turn (pair
    i in month i % 3 + 1), then the broker's two meetings, with Japan and with China, in March."""
    pairs = [pair for camp in (WEST, EAST) for pair in combinations(camp, 2)]
    written = [
        fact_article(RelType.ALLIED_WITH, a, b, f"2024-{index % 3 + 1:02d}-10", index)
        for index, (a, b) in enumerate(pairs)
    ]
    return written + [
        fact_article(RelType.MET_WITH, BROKER, WEST[1], "2024-03-20", len(pairs)),
        fact_article(RelType.MET_WITH, BROKER, EAST[0], "2024-03-21", len(pairs) + 1),
    ]
