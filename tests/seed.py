"""Small graphs for API tests, written straight through `graph.write` (no spaCy)."""

from __future__ import annotations

import asyncio

from app.settings import Settings
from graph.build import build_article_graph
from graph.connect import open_async_driver
from graph.model import ArticleGraph
from graph.write import WriteStats, write_articles
from nlp.records import Entity, Kind, Relation, RelType
from tests.factories import article, entity, extraction, relation

US = entity("United States", Kind.COUNTRY)
CHINA = entity("China", Kind.COUNTRY)
JAPAN = entity("Japan", Kind.COUNTRY)
AUSTRALIA = entity("Australia", Kind.COUNTRY)
INDIA = entity("India", Kind.COUNTRY)
NETHERLANDS = entity("Netherlands", Kind.COUNTRY)
NVIDIA = entity("Nvidia", Kind.ORGANIZATION)
HUANG = entity("Jensen Huang", Kind.PERSON)
LI_QIANG = entity("Li Qiang", Kind.PERSON)
ISHIBA = entity("Shigeru Ishiba", Kind.PERSON)
QUAD = entity("Quad", Kind.ALLIANCE)

Fact = tuple[RelType, Entity, Entity, str | None]  # type, subject, object, date


def story(number: int, sentence: str, published: str, facts: list[Fact], source: str = "Harbor Wire") -> ArticleGraph:
    """One article whose text is `sentence` and whose claims are `facts`, each with the whole text as evidence."""
    given = article(
        sentence, id=f"story-{number}", title=sentence.rstrip("."), published=published,
        url=f"https://news.example/{number}", source=source,
    )
    people = {e.id: e for _, s, o, _ in facts for e in (s, o)}
    rels: list[Relation] = [
        relation(kind, subject, obj, sentence, date=date) for kind, subject, obj, date in facts
    ]
    return build_article_graph(given, extraction(given, list(people.values()), rels))


def world() -> list[ArticleGraph]:
    """A few dated stories: alliances around the United States, restrictions on China, Huang's meetings."""
    return [
        story(1, "The United States and Japan renewed their alliance.", "2025-01-10",
              [(RelType.ALLIED_WITH, US, JAPAN, "2025-01-09")]),
        story(2, "Japan and Australia signed a security pact.", "2025-02-03",
              [(RelType.ALLIED_WITH, JAPAN, AUSTRALIA, "2025-02-01")]),
        story(3, "The United States, India, Japan and Australia met as the Quad.", "2025-03-15",
              [(RelType.ALLIED_WITH, US, QUAD, "2025-03-14"), (RelType.ALLIED_WITH, INDIA, QUAD, "2025-03-14"),
               (RelType.ALLIED_WITH, US, INDIA, "2025-03-14")]),
        story(4, "The United States restricted exports of advanced chips to China.", "2024-10-08",
              [(RelType.RESTRICTED, US, CHINA, "2024-10-07")]),
        story(5, "The Netherlands curbed shipments of lithography tools to China.", "2025-04-02",
              [(RelType.RESTRICTED, NETHERLANDS, CHINA, "2025-04-01")], source="Atlas Dispatch"),
        story(6, "The United States banned sales of AI accelerators to China.", "2025-05-20",
              [(RelType.RESTRICTED, US, CHINA, "2025-05-19")], source="Atlas Dispatch"),
        story(7, "Nvidia chief executive Jensen Huang met Premier Li Qiang in Beijing.", "2025-07-16",
              [(RelType.AFFILIATED_WITH, HUANG, NVIDIA, None), (RelType.MET_WITH, HUANG, LI_QIANG, "2025-07-16")]),
        story(8, "Jensen Huang met Prime Minister Shigeru Ishiba in Tokyo.", "2025-02-01",
              [(RelType.MET_WITH, HUANG, ISHIBA, "2025-01-31")]),
    ]


def ring(count: int) -> list[ArticleGraph]:
    """`count` organizations in a ring, one article each: org i allied with org i+1 and restricting org i+2,
    so every entity has relations, and every relation claims, for round-trip counts."""
    orgs = [entity(f"Org {i:04d}", Kind.ORGANIZATION) for i in range(count)]
    return [
        story(1000 + i, f"Org {i:04d} allied with its neighbour and restricted the next one.", "2025-06-01",
              [(RelType.ALLIED_WITH, orgs[i], orgs[(i + 1) % count], "2025-05-30"),
               (RelType.RESTRICTED, orgs[i], orgs[(i + 2) % count], "2025-05-31")])
        for i in range(count)
    ]


def write(settings: Settings, graphs: list[ArticleGraph]) -> WriteStats:
    """Write the graphs to the database in `settings` and return what was written."""

    async def go() -> WriteStats:
        driver = open_async_driver(settings.bolt_uri, settings.neo4j_user, settings.neo4j_secret())
        try:
            return await write_articles(driver, graphs, settings.neo4j_database, 50)
        finally:
            await driver.close()

    return asyncio.run(go())
