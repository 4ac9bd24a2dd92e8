"""Small graphs for API and view tests, built without spaCy; the `write_graphs` fixture writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.build import build_article_graph
from graph.model import ArticleGraph
from nlp.records import Entity, Kind, Mention, Relation, RelType
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
PLAN = entity("AI Action Plan", Kind.POLICY)

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


# --- the four stories of the views: articles whose entities are highlighted where they occur ---------

ALLIES = "The United States has the support of allies such as Japan and Australia. Tokyo welcomed it."
ALLIES_SENTENCE = ALLIES.split(". ")[0] + "."
MEETING = "Jensen Huang met Japan's trade minister in Tokyo. Nvidia chief Jensen Huang said demand was strong."
PLAN_TEXT = "China announced its AI Action Plan on Saturday. The United States restricted chip sales to China."
PACT = "Japan and Australia deepened their alliance."


def mentioned(e: Entity, text: str) -> Entity:
    """The entity with a mention at each place its name occurs in `text`."""
    spans = [Mention(start=m.start(), end=m.end()) for m in re.finditer(re.escape(e.name), text)]
    return e.model_copy(update={"mentions": spans})


def claim_in(text: str, sentence: str, rel_type: RelType, subject: Entity, obj: Entity, date: str) -> Relation:
    """A relation whose evidence is `sentence`, at its place in `text`."""
    start = text.index(sentence)
    return relation(rel_type, subject, obj, sentence, start=start, end=start + len(sentence), date=date)


def view_stories() -> list[ArticleGraph]:
    """Four articles: allies (2025-01), a meeting (2025-03), a plan and a restriction (2025-07), a pact (2024-06)."""
    specs = [
        ("allies", ALLIES, "2025-01-10", [US, JAPAN, AUSTRALIA], [
            (ALLIES_SENTENCE, RelType.ALLIED_WITH, US, JAPAN, "2025-01-10"),
            (ALLIES_SENTENCE, RelType.ALLIED_WITH, US, AUSTRALIA, "2025-01-10"),
        ]),
        ("meeting", MEETING, "2025-03-05", [HUANG, JAPAN, NVIDIA], [
            ("Jensen Huang met Japan's trade minister in Tokyo.", RelType.MET_WITH, HUANG, JAPAN, "2025-03-05"),
            ("Nvidia chief Jensen Huang said demand was strong.", RelType.AFFILIATED_WITH, HUANG, NVIDIA, "2025-03"),
        ]),
        ("plan", PLAN_TEXT, "2025-07-26", [CHINA, PLAN, US], [
            ("China announced its AI Action Plan on Saturday.", RelType.ANNOUNCED, CHINA, PLAN, "2025-07-26"),
            ("The United States restricted chip sales to China.", RelType.RESTRICTED, US, CHINA, "2025-07-20"),
        ]),
        ("pact", PACT, "2024-06-01", [JAPAN, AUSTRALIA], [
            (PACT, RelType.ALLIED_WITH, JAPAN, AUSTRALIA, "2024-06-01"),
        ]),
    ]
    graphs = []
    for name, text, published, entities, claims in specs:
        a = article(
            text, id=name, title=f"The {name} story", published=published, url=f"https://news.example/{name}",
            source="Example Times",
        )
        relations = [claim_in(text, sentence, *rest) for sentence, *rest in claims]
        graphs.append(build_article_graph(a, extraction(a, [mentioned(e, text) for e in entities], relations)))
    return graphs


@dataclass(frozen=True)
class Seeded:
    """Ids of the seeded articles, by name."""

    articles: dict[str, str]

    @classmethod
    def of(cls, graphs: list[ArticleGraph]) -> Seeded:
        """The ids of `graphs`, by the name in their title ("The allies story": allies)."""
        return cls(articles={g.article.title.split()[1]: g.article.id for g in graphs if g.article.title})
