"""The HTML views and their JSON twins: home, the embeddable graph, the article with its evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import orjson
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from app import urls
from app.auth import Role
from app.main import create_app
from app.settings import Settings
from app.web.highlight import highlight
from graph import cypher
from nlp.records import RelType
from tests.seed import ALLIES_SENTENCE, Seeded

pytestmark = pytest.mark.integration


@pytest.fixture
def framed_client(settings: Settings, db) -> Iterator[TestClient]:
    """A client over an app that lets one dashboard origin frame its views."""
    framed = settings.model_copy(update={"frame_ancestors": ["https://dash.example.org"]})
    with TestClient(create_app(framed)) as test_client:
        yield test_client


def embedded_json(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="racegraph-data">(.*?)</script>', page, re.S)
    assert found, "the page embeds its data"
    return orjson.loads(found.group(1))


# --- every HTML view has a JSON twin -------------------------------------------------

VIEWS = {
    "home": lambda ids: "/?search=japan",
    "graph": lambda ids: "/embed/graph?seed=United+States&depth=1",
    "chart": lambda ids: "/embed/chart?kind=trend&entity=China&types=RESTRICTED",
    "article": lambda ids: f"/articles/{ids.articles['allies']}",
    "sources": lambda ids: "/sources",
}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_html_view_links_its_json_twin_in_a_header_and_in_the_page(client: TestClient, seeded: Seeded, view):
    page = client.get(VIEWS[view](seeded))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    twin = re.fullmatch(r'<([^>]+)>; rel="alternate"; type="application/json"', page.headers["link"]).group(1)
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}">' in page.text
    data = client.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert data.json()["links"]["json"] == twin


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_html_view_has_a_strict_csp_that_only_this_origin_may_frame(client: TestClient, seeded: Seeded, view):
    csp = client.get(VIEWS[view](seeded)).headers["content-security-policy"]
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_frame_ancestors_come_from_settings(framed_client: TestClient, seeded: Seeded):
    csp = framed_client.get("/embed/graph?seed=Japan").headers["content-security-policy"]
    assert "frame-ancestors 'self' https://dash.example.org" in csp


def test_settings_refuse_a_frame_ancestor_that_would_break_the_policy():
    with pytest.raises(ValueError, match="frame ancestors must be origins"):
        Settings(frame_ancestors=["https://a.example; script-src *"], _env_file=None)


def test_pages_have_no_inline_script_or_style(client: TestClient, seeded: Seeded):
    for view in VIEWS.values():
        page = client.get(view(seeded)).text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert all('src="/static/' in attrs or 'type="application/json"' in attrs for attrs, _ in scripts)
        assert all(body == "" for attrs, body in scripts if "src=" in attrs)
        assert "<style" not in page and " style=" not in page


# --- the graph view ----------------------------------------------------------------


def test_the_graph_twin_gives_the_subgraph_its_parameters_and_export_links(client: TestClient, seeded: Seeded):
    data = client.get("/embed/graph.json?seed=United+States&depth=1&theme=dark").json()
    assert sorted(n["id"] for n in data["nodes"]) == [
        "country:australia", "country:china", "country:japan", "country:united-states",
    ]
    edges = {(e["type"], e["source"], e["target"]): e for e in data["edges"]}
    assert sorted(edges) == [
        ("ALLIED_WITH", "country:australia", "country:united-states"),
        ("ALLIED_WITH", "country:japan", "country:united-states"),
        ("RESTRICTED", "country:united-states", "country:china"),
    ]
    restricted = edges[("RESTRICTED", "country:united-states", "country:china")]
    assert (restricted["claims"], restricted["articles"], restricted["first_seen"], restricted["last_seen"]) == (
        1, 1, "2025-07-20", "2025-07-20",
    )
    assert data["query"] == {
        "seed": ["United States"], "depth": 1, "types": [t.value for t in RelType], "since": None, "until": None,
        "minClaims": 1, "maxNodes": 2000, "layout": "force", "theme": "dark", "color": "kind", "size": "links",
    }
    assert data["truncated"] is False
    assert data["links"]["exports"]["graphml"] == "/api/subgraph?seed=United+States&depth=1&format=graphml"


def test_the_graph_page_embeds_the_same_data_as_its_twin(client: TestClient, seeded: Seeded):
    url = "/embed/graph?seed=country:japan&seed=China&types=ALLIED_WITH,RESTRICTED&since=2025"
    page = client.get(url)
    twin = client.get(page.headers["link"].split(">")[0][1:]).json()
    assert embedded_json(page.text) == twin
    assert {e["type"] for e in twin["edges"]} == {"ALLIED_WITH", "RESTRICTED"}
    assert all(e["last_seen"] >= "2025" for e in twin["edges"])
    assert 'src="/static/embed.js"' in page.text and 'data-worker="/static/layout-worker.js"' in page.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("depth=2", "seed is required: an entity id or name (repeat seed= for several)"),
        ("seed=Japan&depth=7", "depth: Input should be less than or equal to 3"),
        ("seed=Japan&depth=two", "depth: Input should be a valid integer, unable to parse string as an integer"),
        ("seed=Japan&minClaims=0", "minClaims: Input should be greater than or equal to 1"),
        ("seed=Japan&since=July", "since: 'July' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("seed=Japan&since=2025-03&until=2024", "since (2025-03) is after until (2024)"),
        ("seed=Japan&types=MET_WITH,HUGGED", "types: Input should be 'ANNOUNCED', 'RESTRICTED', 'MET_WITH', "
                                             "'ALLIED_WITH' or 'AFFILIATED_WITH'"),
        ("seed=Japan&layout=spiral", "layout: Input should be 'force' or 'circular'"),
        ("seed=Japan&min_claims=2", "unknown parameter min_claims; known: seed, depth, types, since, until, "
                                    "minClaims, maxNodes, layout, theme, color, size"),
    ],
)
def test_bad_parameters_are_a_400_that_says_what_is_wrong(client: TestClient, seeded: Seeded, query, message):
    twin = client.get(f"/embed/graph.json?{query}")
    assert twin.status_code == 400
    assert twin.json() == {"ok": False, "error": message, "status": 400}
    page = client.get(f"/embed/graph?{query}")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert escape(message) in page.text
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]


def test_an_unknown_seed_is_a_404_as_json_and_as_a_page(client: TestClient, seeded: Seeded):
    twin = client.get("/embed/graph.json?seed=Atlantis")
    assert twin.status_code == 404
    assert twin.json() == {"ok": False, "error": "no entity with id or name 'Atlantis'", "status": 404}
    page = client.get("/embed/graph?seed=Atlantis")
    assert page.status_code == 404 and "no entity with id or name &#39;Atlantis&#39;" in page.text


def test_the_claims_behind_an_edge_link_to_their_sentence(client: TestClient, seeded: Seeded):
    data = client.get("/api/claims?type=ALLIED_WITH&source=country:japan&target=country:united-states").json()
    [claim] = data["claims"]
    assert claim["evidence"] == ALLIES_SENTENCE
    assert claim["date"] == "2025-01-10"
    assert claim["article"]["title"] == "The allies story"
    assert claim["article"]["view"] == f"/articles/{seeded.articles['allies']}#claim-{claim['id']}"
    missing = client.get("/api/claims?type=MET_WITH&source=country:japan&target=country:united-states")
    assert missing.status_code == 404
    bad = client.get("/api/claims?type=LOVES&source=a&target=b")
    assert bad.status_code == 400 and "type must be one of ANNOUNCED" in bad.json()["error"]


def test_the_claims_behind_an_edge_are_the_graphs_maps_in_the_order_neo4j_sends_them(
    client: TestClient, seeded: Seeded, db
):
    pair = {"type": "ALLIED_WITH", "subject_id": "country:japan", "object_id": "country:united-states"}
    rows, _, _ = db.execute_query(cypher.MATCH_CLAIMS_FOR_PAIRS, pairs=[pair])
    params = {"type": "ALLIED_WITH", "source": "country:japan", "target": "country:united-states"}
    data = orjson.loads(client.get("/api/claims", params=params).content)
    assert [list(c.items())[:-1] for c in data["claims"]] == [list(r["claim"].items()) for r in rows]
    assert [list(c["article"].items())[:-1] for c in data["claims"]] == [list(r["article"].items()) for r in rows]


# --- home ---------------------------------------------------------------------------


def test_the_home_page_finds_an_entity_and_links_its_graph(client: TestClient, seeded: Seeded):
    page = client.get("/?search=japn")
    assert '<a href="/embed/graph?seed=country%3Ajapan">' in page.text
    assert page.text.count('<a href="/articles/') == 4
    found = client.get("/api/entities?search=nvidia&limit=5").json()
    assert found == {
        "search": "nvidia",
        "entities": [
            {"id": "organization:nvidia", "name": "Nvidia", "kind": "Organization",
             "graph": "/embed/graph?seed=organization%3Anvidia"},
        ],
    }
    assert client.get("/api/entities?limit=0").status_code == 400


# --- the article view -----------------------------------------------------------------


def test_the_article_highlights_entities_by_kind_and_anchors_each_claim(client: TestClient, seeded: Seeded):
    article_id = seeded.articles["plan"]
    data = client.get(f"/articles/{article_id}.json").json()
    page = client.get(f"/articles/{article_id}").text
    assert data["links"]["graphql"].startswith("/graphql?q=query+Article")
    china = '<mark class="ent kind-country" title="Country: China"><a href="/embed/graph?seed=country%3Achina">'
    assert china in page
    assert 'title="Policy: AI Action Plan"' in page
    for claim in data["claims"]:
        assert claim["anchor"] == f"claim-{claim['id']}"
        assert f'<span class="anchor" id="{claim["anchor"]}"></span>' in page
        assert f'href="#{claim["anchor"]}"' in page
        assert data["text"][claim["start"] : claim["end"]] == claim["evidence"]
    assert [c["type"] for c in data["claims"]] == ["ANNOUNCED", "RESTRICTED"]
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/articles/nope.json").json()["status"] == 404


@pytest.mark.parametrize("name", ["allies", "plan"])
def test_the_article_twin_is_the_graphs_maps_in_the_order_neo4j_sends_them(
    client: TestClient, seeded: Seeded, db, name: str
):
    # Neo4j orders a `{.*}` map as the store holds it, which differs between articles (the two here differ):
    # the twin keeps that order, byte for byte, and adds its own keys last.
    article_id = seeded.articles[name]
    [row], _, _ = db.execute_query(cypher.MATCH_ARTICLE_DETAILS, ids=[article_id])
    twin = orjson.loads(client.get(f"/articles/{article_id}.json").content)
    assert list(twin.items())[:-3] == list(row["article"].items())
    assert list(twin)[-3:] == ["entities", "claims", "links"]
    assert [list(e.items()) for e in twin["entities"]] == [list(e.items()) for e in row["entities"]]
    assert [list(c.items())[:-1] for c in twin["claims"]] == [list(c.items()) for c in row["claims"]]
    assert [list(c["subject"]) for c in twin["claims"]] == [list(c["subject"]) for c in row["claims"]]


def test_highlight_cuts_text_at_mentions_and_evidence():
    text = "Japan met China. Later, Japan left."
    japan = {"id": "country:japan", "name": "Japan", "kind": "Country", "spans": [0, 5, 24, 29, 1, 3]}
    claims = [{"anchor": "claim-a", "start": 0, "end": 16}, {"anchor": "claim-b", "start": 6, "end": 35}]
    segments = highlight(text, [japan], claims)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, bool(s.entity), s.evidence, s.anchors) for s in segments] == [
        ("Japan", True, ["claim-a"], ["claim-a"]),
        (" ", False, ["claim-a"], []),
        ("met China.", False, ["claim-a", "claim-b"], ["claim-b"]),
        (" Later, ", False, ["claim-b"], []),
        ("Japan", True, ["claim-b"], []),
        (" left.", False, ["claim-b"], []),
    ]


def test_views_and_exports_need_a_reader_key_when_anonymous_reads_are_closed(settings: Settings, seeded: Seeded):
    closed = settings.model_copy(update={"anonymous_read": False})
    with TestClient(create_app(closed)) as closed_client:
        key = closed_client.portal.call(closed_client.app.state.service.create_key, "dashboard", Role.READER)[1]
        assert closed_client.get("/embed/graph.json?seed=Japan").status_code == 401
        assert closed_client.get("/api/subgraph?seed=Japan&format=csv").status_code == 401
        page = closed_client.get("/embed/graph?seed=Japan")
        assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
        allowed = closed_client.get("/embed/graph.json?seed=Japan", headers={"X-API-Key": key})
        assert allowed.status_code == 200 and allowed.json()["nodes"][0]["id"] == "country:japan"


def test_the_article_pages_graphql_link_asks_for_the_same_article(client: TestClient, seeded: Seeded):
    article_id = seeded.articles["meeting"]
    twin = client.get(f"/articles/{article_id}.json").json()
    link = client.get(f"/articles/{article_id}").text
    assert escape(twin["links"]["graphql"]) in link
    answer = client.post("/graphql", json={"query": urls.ARTICLE_QUERY, "variables": {"id": article_id}}).json()
    article = answer["data"]["article"]
    assert (article["id"], article["title"], article["text"]) == (twin["id"], twin["title"], twin["text"])
    assert [(c["id"], c["evidence"]) for c in article["claims"]] == [(c["id"], c["evidence"]) for c in twin["claims"]]


def test_the_article_pages_graphql_link_opens_graphiql_with_the_query_filled_in(client: TestClient, seeded: Seeded):
    link = client.get(f"/articles/{seeded.articles['meeting']}.json").json()["links"]["graphql"]
    page = client.get(link, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "graphiql" in page.text.lower()
    assert parse_qs(urlsplit(link).query)["q"] == [urls.ARTICLE_QUERY]
