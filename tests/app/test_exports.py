"""Subgraph exports over HTTP and from the CLI: json, graphml, gexf, csv and plover."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import orjson
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.exports import FORMATS
from app.exports.gexf import widen
from app.exports.plover import mapping
from nlp.records import RelType
from tests.seed import ALLIES_SENTENCE, Seeded

pytestmark = pytest.mark.integration

QUERY = "seed=United+States&depth=2"


def export(client: TestClient, fmt: str, query: str = QUERY):
    response = client.get(f"/api/subgraph?{query}&format={fmt}")
    assert response.status_code == 200, response.text
    return response


def reference(client: TestClient) -> dict:
    return export(client, "json").json()


@pytest.mark.parametrize(
    ("fmt", "media_type", "disposition"),
    [
        ("json", "application/json", 'inline; filename="racegraph-united-states.json"'),
        ("graphml", "application/graphml+xml", 'attachment; filename="racegraph-united-states.graphml"'),
        ("gexf", "application/gexf+xml", 'attachment; filename="racegraph-united-states.gexf"'),
        ("csv", "text/csv; charset=utf-8", 'attachment; filename="racegraph-united-states.csv"'),
        ("plover", "application/x-ndjson", 'attachment; filename="racegraph-united-states.jsonl"'),
    ],
)
def test_each_format_has_its_content_type_and_file_name(
    client: TestClient, seeded: Seeded, fmt, media_type, disposition
):
    response = export(client, fmt)
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == disposition


def test_every_registered_format_is_tested():
    assert sorted(FORMATS) == ["csv", "gexf", "graphml", "json", "plover"]


def test_json_is_the_graph_views_subgraph(client: TestClient, seeded: Seeded):
    data = reference(client)
    view = client.get(f"/embed/graph.json?{QUERY}").json()
    graph = ("nodes", "edges", "truncated")
    assert {k: data[k] for k in graph} == {k: view[k] for k in graph}
    assert (len(data["nodes"]), len(data["edges"])) == (6, 6)
    assert data["query"]["seed"] == ["United States"] and data["query"]["depth"] == 2


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_load_back_in_networkx_with_the_same_counts(client: TestClient, seeded: Seeded, fmt):
    data = reference(client)
    content = io.BytesIO(export(client, fmt).content)
    graph = nx.read_graphml(content, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(content)
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])
    assert {n: a["kind"] for n, a in graph.nodes(data=True)} == {n["id"]: n["kind"] for n in data["nodes"]}
    assert graph.nodes["country:china"]["label"] == "China"


def test_graphml_edges_carry_type_counts_dates_and_confidence(client: TestClient, seeded: Seeded):
    graph = nx.read_graphml(io.BytesIO(export(client, "graphml").content), force_multigraph=True)
    restricted = graph.get_edge_data("country:united-states", "country:china")["RESTRICTED"]
    assert {k: restricted[k] for k in ("type", "claims", "articles", "first_seen", "last_seen", "hedged")} == {
        "type": "RESTRICTED", "claims": 1, "articles": 1, "first_seen": "2025-07-20", "last_seen": "2025-07-20",
        "hedged": False,
    }
    assert restricted["confidence"] == pytest.approx(0.9)


def test_gexf_edges_have_dates_for_gephis_timeline(client: TestClient, seeded: Seeded):
    graph = nx.read_gexf(io.BytesIO(export(client, "gexf").content))
    [affiliated] = [a for _, _, a in graph.edges(data=True) if a["label"] == "MET_WITH"]
    assert (affiliated["relation"], affiliated["start"], affiliated["end"]) == ("MET_WITH", "2025-03-05", "2025-03-05")
    assert [widen("2024", False), widen("2024-02", True), widen("2025-03", True)] == [
        "2024-01-01", "2024-02-29", "2025-03-31",
    ]


def test_csv_has_one_row_per_edge_with_both_names(client: TestClient, seeded: Seeded):
    rows = list(csv.DictReader(io.StringIO(export(client, "csv").text)))
    assert len(rows) == len(reference(client)["edges"])
    restricted = next(r for r in rows if r["type"] == "RESTRICTED")
    assert restricted == {
        "type": "RESTRICTED", "source": "country:united-states", "source_name": "United States",
        "source_kind": "Country", "target": "country:china", "target_name": "China", "target_kind": "Country",
        "claims": "1", "articles": "1", "first_seen": "2025-07-20", "last_seen": "2025-07-20",
        "confidence": restricted["confidence"], "hedged": "false",
    }
    assert float(restricted["confidence"]) == pytest.approx(0.9)


def test_plover_has_one_event_line_per_claim_mapped_from_its_relation(client: TestClient, seeded: Seeded):
    lines = [orjson.loads(line) for line in export(client, "plover").text.splitlines()]
    assert len(lines) == sum(e["claims"] for e in reference(client)["edges"])
    by_relation = {line["relation"]: line for line in lines}
    restricted = by_relation["RESTRICTED"]
    assert {k: restricted[k] for k in ("has_event", "date", "event", "mode", "context", "cameo", "quad_code")} == {
        "has_event": True, "date": "2025-07-20", "event": ["SANCTION"], "mode": "sever", "context": ["economic"],
        "cameo": "16", "quad_code": 4,
    }
    assert [a["code"] for a in restricted["source"]] == ["USA"]
    assert [a["code"] for a in restricted["recipient"]] == ["CHN"]
    assert restricted["cite_info"]["url"] == "https://news.example/plan"
    met = by_relation["MET_WITH"]
    assert met["event"] == ["CONSULT"] and met["cameo"] == "04" and met["recipient"] == []
    assert {a["identifier_id"] for a in met["source"]} == {"person:jensen-huang", "country:japan"}
    allied = next(line for line in lines if line["event_text"] == [ALLIES_SENTENCE])
    assert allied["event"] == ["SUPPORT"] and allied["cameo"] == "05"
    announced = by_relation["ANNOUNCED"]
    assert (announced["has_event"], announced["event"], announced["cameo"]) == (False, [], "01")


def test_the_plover_mapping_covers_every_relation_type_and_says_why():
    rules = mapping()["types"]
    assert sorted(rules) == sorted(t.value for t in RelType)
    assert all(rule["why"] and ("event" in rule and "cameo" in rule and "mode" in rule) for rule in rules.values())


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        (f"{QUERY}&format=pdf", 400, "format must be one of json, graphml, gexf, csv, plover, not 'pdf'"),
        ("depth=1&format=csv", 400, "seed is required: an entity id or name (repeat seed= for several)"),
        ("seed=Japan&maxNodes=0", 400, "maxNodes: Input should be greater than or equal to 1"),
        ("seed=Atlantis&format=graphml", 404, "no entity with id or name 'Atlantis'"),
    ],
)
def test_bad_exports_say_what_is_wrong(client: TestClient, seeded: Seeded, query, status, message):
    response = client.get(f"/api/subgraph?{query}")
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": message, "status": status}




def test_the_cli_writes_the_same_export_as_the_api(client: TestClient, seeded: Seeded, cli_env: Path):
    result = CliRunner().invoke(cli, ["export", "--seed", "United States", "--format", "graphml", "-o", "g.graphml"])
    assert result.exit_code == 0, result.output
    assert (cli_env / "g.graphml").read_bytes() == export(client, "graphml").content
    bad = CliRunner().invoke(cli, ["export", "--seed", "United States", "--depth", "5"])
    assert bad.exit_code == 2 and "depth: Input should be less than or equal to 3" in bad.output


def test_parallel_edges_of_different_types_survive_graphml_and_gexf():
    from app.exports.base import ExportData
    from app.exports.gexf import write_gexf
    from app.exports.graphml import write_graphml
    from graph.read import Subgraph
    from graph.records import EdgeRecord, EntityRecord

    nodes = {i: EntityRecord(i, i.upper(), "Country") for i in ("a", "b")}
    stats = {
        "claims": 1, "articles": 1, "first_seen": "2025", "last_seen": "2025-02", "confidence": 0.5, "hedged": None,
    }
    edges = [EdgeRecord(t, "a", "b", stats) for t in ("MET_WITH", "ALLIED_WITH")]
    data = ExportData(query={}, graph=Subgraph(nodes, {e.key: e for e in edges}))
    graphml = nx.read_graphml(io.BytesIO(write_graphml(data)), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(write_gexf(data)))
    assert sorted(k for _, _, k in graphml.edges(keys=True)) == ["ALLIED_WITH", "MET_WITH"]
    assert sorted(a["relation"] for _, _, a in gexf.edges(data=True)) == ["ALLIED_WITH", "MET_WITH"]
    assert {(a["start"], a["end"]) for _, _, a in gexf.edges(data=True)} == {("2025-01-01", "2025-02-28")}
    assert all("hedged" not in a for _, _, a in graphml.edges(data=True))  # unknown is absent, not "None"
