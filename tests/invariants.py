"""What a graph must always agree with: counts to compare two states, a snapshot two equivalent runs must
share, and every way the graph could disagree with itself (computed here, independently of graph.write)."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from neo4j import Driver

from graph import cypher
from graph.tallies import day_of


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


def inconsistencies(driver: Driver) -> list[str]:
    """Return every way the graph disagrees with itself: a claim whose SUBJECT/OBJECT/REPORTED_IN
    edges do not match its ids, a symmetric claim stored with the larger id first, an aggregated
    edge whose figures differ from its claims (computed here, independently of graph.write), a
    pair with claims but no edge, two articles with one text. Empty when all is well."""
    problems = []
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim) "
        "WITH c, [(c)-[:SUBJECT]->(s:Entity) | s.id] AS ss, [(c)-[:OBJECT]->(o:Entity) | o.id] AS os, "
        "     [(c)-[:REPORTED_IN]->(a:Article) | a.id] AS arts "
        "WHERE ss <> [c.subject_id] OR os <> [c.object_id] OR arts <> [c.article_id] RETURN c.id AS id"
    )
    problems += [f"claim {r['id']} has edges that do not match its ids" for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim) WHERE c.type IN ['MET_WITH', 'ALLIED_WITH'] AND c.subject_id > c.object_id "
        "RETURN c.id AS id"
    )
    problems += [f"symmetric claim {r['id']} has the larger id first" for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WITH a.sha256 AS sha, count(*) AS n WHERE n > 1 RETURN sha"
    )
    problems += [f"text {r['sha']} stored {r['n']} times" for r in records]

    claims, _, _ = driver.execute_query(
        "MATCH (c:Claim) RETURN c.type AS type, c.subject_id AS s, c.object_id AS o, c.article_id AS article, "
        "coalesce(c.date, c.published) AS day, c.confidence AS confidence, c.hedged AS hedged"
    )
    expected: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in claims:
        e = expected.setdefault(
            (c["type"], c["s"], c["o"]), {"claims": 0, "articles": set(), "days": [], "doubt": 1.0, "hedged": True}
        )
        e["claims"] += 1
        e["articles"].add(c["article"])
        e["days"] += [c["day"]] if c["day"] is not None else []
        e["doubt"] *= 1.0 - c["confidence"]
        e["hedged"] = e["hedged"] and c["hedged"]
    edges, _, _ = driver.execute_query(
        "MATCH (s:Entity)-[r:ANNOUNCED|RESTRICTED|MET_WITH|ALLIED_WITH|AFFILIATED_WITH]->(o:Entity) "
        "RETURN type(r) AS type, s.id AS s, o.id AS o, r {.*} AS stats"
    )
    for edge in edges:
        key, stats = (edge["type"], edge["s"], edge["o"]), edge["stats"]
        e = expected.pop(key, None)
        if e is None:
            problems.append(f"edge {key} has no claims")
            continue
        want = {
            "claims": e["claims"], "articles": len(e["articles"]), "first_seen": min(e["days"], default=None),
            "last_seen": max(e["days"], default=None), "hedged": e["hedged"],
        }
        got = {k: stats.get(k) for k in want}
        if got != want or not math.isclose(stats["confidence"], 1.0 - e["doubt"], abs_tol=1e-9):
            problems.append(f"edge {key} says {stats}, its claims say {want} (confidence {1.0 - e['doubt']})")
    problems += [f"pair {key} has claims but no edge" for key in expected]
    return problems + tally_inconsistencies(driver)


def tally_inconsistencies(driver: Driver) -> list[str]:
    """Return every day tally (`graph.tallies`) that differs from a recount of the claims, reached through
    their SUBJECT and OBJECT edges as the trends once read them (computed here, independently of graph.write):
    its day as a date, its claims, its articles (sorted), each article's claims, their number, and those of its
    articles that report the entity and type on other days too. Empty when all agree."""
    records, _, _ = driver.execute_query(
        "MATCH (c:Claim)-[:SUBJECT|OBJECT]->(e:Entity) WITH DISTINCT c, e "
        "WHERE coalesce(c.date, c.published) IS NOT NULL "
        "RETURN e.id AS entity, c.type AS type, coalesce(c.date, c.published) AS day, c.article_id AS article"
    )
    expected: dict[tuple[str, str, str], Counter[str]] = {}
    days: dict[tuple[str, str, str], set[str]] = {}
    for r in records:
        expected.setdefault((r["entity"], r["type"], r["day"]), Counter())[r["article"]] += 1
        days.setdefault((r["entity"], r["type"], r["article"]), set()).add(r["day"])
    tallies, _, _ = driver.execute_query("MATCH (t:DayTally) RETURN t {.*} AS tally")
    problems = []
    for record in tallies:
        tally = record["tally"]
        entity_id, rel_type, day = key = (tally["entity_id"], tally["type"], tally["day"])
        articles = expected.pop(key, Counter())
        listed = sorted(articles)
        want = {"date": day_of(day), "claims": articles.total(), "articles": listed,
                "article_claims": [articles[a] for a in listed], "sources": len(listed),
                "spread": [a for a in listed if len(days[entity_id, rel_type, a]) > 1]}
        got = {k: tally.get(k) for k in want}
        got["date"] = got["date"].to_native() if got["date"] is not None else None
        if got != want:
            problems.append(f"tally {key} says {got}, the claims say {want}")
    return problems + [f"claims {key} have no tally" for key in expected]


def snapshot(driver: Driver) -> dict[str, Any]:
    """Return what two equivalent runs must agree on: counts, each article's claim ids, each edge's figures."""
    articles, _, _ = driver.execute_query(
        "MATCH (a:Article) RETURN a.id AS id, [(c:Claim)-[:REPORTED_IN]->(a) | c.id] AS claims"
    )
    edges, _, _ = driver.execute_query(
        f"MATCH (s:Entity)-[r:{cypher.AGGREGATED_TYPES}]->(o:Entity) RETURN type(r) AS type, s.id AS s, o.id AS o, "
        "r.claims AS claims, r.articles AS articles, r.first_seen AS first, r.last_seen AS last, "
        "round(r.confidence, 9) AS confidence, r.hedged AS hedged"
    )
    return {
        "counts": graph_counts(driver),
        "articles": {r["id"]: sorted(r["claims"]) for r in articles},
        "edges": sorted(tuple(r.values()) for r in edges),
    }


def stored_graph(driver: Driver) -> dict[str, list[str]]:
    """Return every node and edge with its labels or type and its properties, as sorted JSON lines, but the
    times of writing and the element ids in the strongest-edge lists: two stores built from the same
    rows (by transactions or by a bulk import) must agree on everything else, to the last bit."""
    skip = ["ingested_at", "created_at", "applied_at", "rels"]
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, [k IN keys(n) WHERE NOT k IN $skip | [k, n[k]]] AS props", skip=skip
    )
    edges, _, _ = driver.execute_query(
        "MATCH (s)-[r]->(o) RETURN type(r) AS type, coalesce(s.id, s.version) AS s, coalesce(o.id, o.version) AS o, "
        "[k IN keys(r) WHERE NOT k IN $skip | [k, r[k]]] AS props", skip=skip
    )
    return {
        "nodes": sorted(json.dumps([sorted(r["labels"]), sorted(r["props"])], default=str) for r in nodes),
        "edges": sorted(json.dumps([r["type"], r["s"], r["o"], sorted(r["props"])], default=str) for r in edges),
    }
