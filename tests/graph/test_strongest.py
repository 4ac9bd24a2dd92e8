"""Each entity's strongest edges, kept by the write path, answer exactly as reading every edge would."""

import itertools
import math

import pytest
from neo4j import Driver

from graph import cypher, read, write
from graph.build import build_article_graph
from graph.curate import merge_entities
from graph.read import GraphReader, SubgraphFilter
from graph.write import delete_articles
from nlp.records import Kind, RelType
from tests.factories import article, entity, extraction, relation

pytestmark = pytest.mark.integration

HUB = entity("United States", Kind.COUNTRY)
COUNTRIES = [entity(name, Kind.COUNTRY) for name in ("Japan", "Australia", "India", "Canada", "Brazil", "Kenya")]
FIRMS = [entity(name, Kind.ORGANIZATION) for name in ("Acme Chips", "Borealis AI", "Cobalt Labs")]


def corpus() -> list:
    """Articles where the hub is allied with each country and restricts each firm, in varying numbers of
    articles and years, so that edges differ in claims, confidence and dates (and some tie)."""
    graphs = []
    for i, (country, firm) in enumerate(itertools.product(COUNTRIES, FIRMS)):
        if i % 4 == 3:
            continue
        partner = COUNTRIES[(COUNTRIES.index(country) + 1 + i % 2) % len(COUNTRIES)]
        text = (
            f"The United States and {country.name} signed an alliance; it restricted {firm.name}. "
            f"{country.name} also met {partner.name}. ({i})"
        )
        a = article(text, id=f"a{i}", published=f"{2020 + i % 5}-0{1 + i % 9}-15")
        rels = [
            relation(RelType.ALLIED_WITH, HUB, country, text, confidence=0.5 + (i % 3) / 10),
            relation(RelType.RESTRICTED, HUB, firm, text, confidence=0.6 + (i % 2) / 10),
            relation(RelType.MET_WITH, country, partner, text, confidence=0.7),
        ]
        graphs.append(build_article_graph(a, extraction(a, [HUB, country, firm, partner], rels)))
    return graphs


def kept(db: Driver, entity_id: str) -> dict | None:
    records, _, _ = db.execute_query(
        "MATCH (e:Entity {id: $id})-[k:STRONGEST]->(e) RETURN k {.*} AS k", id=entity_id
    )
    return records[0]["k"] if records else None


def recomputed(db: Driver, entity_id: str) -> dict | None:
    """What a fresh recomputation keeps for the entity."""
    db.execute_query(cypher.REFRESH_STRONGEST, ids=[entity_id], k=write.STRONGEST_PER_TYPE)
    return kept(db, entity_id)


def answers(on_graph, database: str, cases: list[tuple], share_room: bool = False) -> list:
    """Subgraphs and top relations for each (types, min_claims, since, per_node, max_nodes) case."""

    async def work(driver):
        reader = GraphReader(driver, database)
        out = []
        for types, min_claims, since, per_node, max_nodes in cases:
            where = SubgraphFilter(types=types, since=since, min_claims=min_claims)
            graph = await reader.subgraph(
                [await reader.entity(HUB.id)], 2, where, max_nodes=max_nodes, per_node=per_node, share_room=share_room
            )
            top = await reader.relations_of_entities([HUB.id, COUNTRIES[0].id], list(types), per_node)
            tops = [[(r.type, r.object.id) for r in rows] for rows in top]
            out.append((list(graph.nodes), list(graph.edges), tops))
        return out

    return on_graph(work)


CASES = [
    (types, min_claims, since, per_node, max_nodes)
    for types in [("ALLIED_WITH",), ("RESTRICTED",), ("ALLIED_WITH", "RESTRICTED"), ("MET_WITH",),
                  ("ALLIED_WITH", "MET_WITH")]
    for min_claims in (1, 3)
    for since in (None, "2023-01-01")
    for per_node in (1, 2, 4, 50)
    for max_nodes in (2, 3, 50)  # 2 and 3: little or no room left, so some edges lead to known entities only
]


def reference_subgraph(db: Driver, case: tuple, share_room: bool = False) -> tuple[list, list]:
    """The documented expansion, computed in Python from every edge: breadth first from the hub; each
    frontier entity follows its `per_node` strongest edges within the filters (with `share_room`, beyond
    the first hop, at most an equal share of the room left, and at least MIN_SHARE); new entities join
    in the order their edges were met until `max_nodes`; edges are kept when both ends are in."""
    types, min_claims, since, per_node, max_nodes = case
    records, _, _ = db.execute_query(
        f"MATCH (s:Entity)-[r:{cypher.AGGREGATED_TYPES}]->(o:Entity) "
        "RETURN type(r) AS type, s.id AS s, o.id AS o, r.claims AS claims, r.confidence AS confidence, "
        "r.last_seen AS last_seen"
    )
    edges = [r.data() for r in records if r["type"] in types and r["claims"] >= min_claims
             and (since is None or r["last_seen"] >= since)]
    nodes, frontier, kept = [HUB.id], [HUB.id], []
    for hop in range(2):
        room, cap = max_nodes - len(nodes), per_node
        if share_room and hop > 0 and frontier:
            cap = min(per_node, max(read.MIN_SHARE, math.ceil(room / len(frontier))))
        hits = []
        for a in frontier:
            mine = [(e, e["o"] if e["s"] == a else e["s"]) for e in edges if a in (e["s"], e["o"])]
            mine.sort(key=lambda x: (-x[0]["claims"], -x[0]["confidence"], x[1], x[0]["type"]))
            hits += mine[:cap]
        added = list(dict.fromkeys(far for _, far in hits if far not in nodes))[:room]
        kept += [(e["type"], e["s"], e["o"]) for e, far in hits if far in nodes or far in added]
        nodes += added
        frontier = added
    return nodes, list(dict.fromkeys(kept))


def test_the_kept_edges_answer_like_reading_every_edge(settings, db, write_graphs, on_graph):
    write_graphs(corpus(), batch_size=200)
    # Keep only 2 per type, so lists are cut and both paths (kept list, reading every edge) are taken.
    records, _, _ = db.execute_query("MATCH (e:Entity) RETURN e.id AS id")
    db.execute_query(cypher.REFRESH_STRONGEST, ids=[r["id"] for r in records], k=2)
    assert set(kept(db, HUB.id)["cut"]) == {"ALLIED_WITH", "RESTRICTED"}
    from_lists = answers(on_graph, settings.neo4j_database, CASES)

    db.execute_query("MATCH (e)-[k:STRONGEST]->(e) DELETE k")
    from_edges = answers(on_graph, settings.neo4j_database, CASES)

    assert from_lists == from_edges
    assert [(nodes, edges) for nodes, edges, _ in from_edges] == [reference_subgraph(db, case) for case in CASES]
    assert any(len(edges) > 2 for _, edges, _ in from_edges)  # the cases do reach past the kept two


def test_beyond_the_first_hop_nodes_can_share_the_room_left(settings, db, monkeypatch, write_graphs, on_graph):
    write_graphs(corpus(), batch_size=200)
    monkeypatch.setattr(read, "MIN_SHARE", 1)  # the corpus is small: let the shares get small too
    shared = answers(on_graph, settings.neo4j_database, CASES, share_room=True)
    assert [(nodes, edges) for nodes, edges, _ in shared] == [
        reference_subgraph(db, case, share_room=True) for case in CASES
    ]
    assert shared != answers(on_graph, settings.neo4j_database, CASES)


# The hub ends with 9 edges (6 ALLIED_WITH, 3 RESTRICTED), the other entities with fewer than 8.
@pytest.mark.parametrize(
    "per_type, cut",
    [
        (2, True),  # lists cut, updates merge into them
        (8, False),  # the hub gets its list when its ninth edge comes, nothing is cut
        (write.STRONGEST_PER_TYPE, None),  # no entity has more edges than that: no lists, reads read every edge
    ],
)
def test_writes_retractions_and_merges_keep_the_lists_current(write_graphs, on_graph, db, monkeypatch, per_type, cut):
    monkeypatch.setattr(write, "STRONGEST_PER_TYPE", per_type)

    def listed() -> set[str]:
        records, _, _ = db.execute_query("MATCH (e)-[:STRONGEST]->(e) RETURN e.id AS id")
        return {r["id"] for r in records}

    def needing_lists() -> set[str]:
        records, _, _ = db.execute_query(
            f"MATCH (e:Entity) RETURN e.id AS id, COUNT {{ (e)-[:{cypher.AGGREGATED_TYPES}]-() }} AS edges"
        )
        return {r["id"] for r in records if r["edges"] > per_type}

    graphs = corpus()
    for batch in (graphs[start : start + 4] for start in range(0, len(graphs), 4)):
        write_graphs(batch)
    before = kept(db, HUB.id)
    assert before == recomputed(db, HUB.id)
    assert listed() == needing_lists()
    if cut is None:
        assert before is None
    else:
        assert bool(before["cut"]) == cut
        assert len(before["rels"]) == len(before["types"]) == len(before["claims"]) > 0
        assert before["claims"] == sorted(before["claims"], reverse=True)

    on_graph(lambda driver: delete_articles(driver, [graphs[0].article.id, graphs[5].article.id], "neo4j"))
    after_delete = kept(db, HUB.id)
    assert after_delete == recomputed(db, HUB.id)
    assert after_delete != before or cut is None
    assert listed() >= needing_lists()  # an entity keeps its list when retraction takes it back under k

    on_graph(lambda driver: merge_entities(driver, COUNTRIES[0].id, COUNTRIES[1].id, "neo4j"))
    assert kept(db, HUB.id) == recomputed(db, HUB.id)
    assert kept(db, COUNTRIES[0].id) == recomputed(db, COUNTRIES[0].id)
    assert listed() >= needing_lists()
    assert (listed() == set()) == (cut is None)
    records, _, _ = db.execute_query("MATCH (e:Entity {id: $id}) RETURN e", id=COUNTRIES[1].id)
    assert records == []


@pytest.mark.parametrize("lists", ["cut", "none"])
def test_an_entity_with_its_relations_and_theirs_reads_as_the_three_reads_do(
    settings, db, write_graphs, on_graph, lists
):
    write_graphs(corpus(), batch_size=200)
    records, _, _ = db.execute_query("MATCH (e:Entity) RETURN e.id AS id")
    if lists == "cut":  # 2 per type: the kept lists answer small pages, every edge is read for larger ones
        db.execute_query(cypher.REFRESH_STRONGEST, ids=[r["id"] for r in records], k=2)
    else:
        db.execute_query("MATCH (e)-[k:STRONGEST]->(e) DELETE k")
    pages = [(1, 1), (2, 2), (4, 1), (2, 50), (50, 3), (3, 0)]
    type_sets = [["ALLIED_WITH"], ["MET_WITH"], ["ALLIED_WITH", "RESTRICTED"], ["ALLIED_WITH", "MET_WITH"]]

    async def work(driver):
        reader = GraphReader(driver, settings.neo4j_database)
        seen = []
        for seed in (HUB, COUNTRIES[0], FIRMS[0]):
            for types in type_sets:
                for limit, far_limit in pages:
                    one = await reader.entity_with_relations(seed.id, types, limit, far_limit)
                    (near,) = await reader.relations_of_entities([seed.id], types, limit)
                    reached = list(dict.fromkeys(r.object.id if r.subject.id == seed.id else r.subject.id
                                                 for r in near))
                    if far_limit not in (0, limit):
                        reached.append(seed.id)
                    if not far_limit:
                        reached = []
                    theirs = await reader.relations_of_entities(reached, types, far_limit)
                    assert one is not None
                    assert one.entity == await reader.entity(seed.id)
                    assert list(one.relations) == near
                    expected = {i: tuple(rows) for i, rows in zip(reached, theirs, strict=True) if rows}
                    assert one.far_relations == expected
                    seen.append((len(near), sum(map(len, theirs))))
        assert await reader.entity_with_relations("country:atlantis", ["MET_WITH"], 5, 5) is None
        return seen

    seen = on_graph(work)
    assert max(near for near, _ in seen) > 2 and max(far for _, far in seen) > 10  # past the kept two, and far
