"""The scripts in examples/ work as a user runs them: over HTTP, against a real server and graph."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest

from app.settings import Settings
from tests.live_server import LiveServer, serve
from tests.seed import world

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example(name: str) -> ModuleType:
    """Import examples/NAME.py as a module, as `python examples/NAME.py` would run it."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def live(settings: Settings, driver, write_graphs) -> Iterator[LiveServer]:
    """A server over the seeded world (restrictions on China, alliances, Jensen Huang's meetings)."""
    driver.execute_query("MATCH (n) WHERE NOT n:Migration DETACH DELETE n")
    write_graphs(world())
    with serve(settings) as server:
        yield server


@pytest.fixture
def env(live: LiveServer, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    """The server's URL in RACEGRAPH_URL, as a user would export it."""
    monkeypatch.setenv("RACEGRAPH_URL", live.graphql_url)
    monkeypatch.delenv("RACEGRAPH_API_KEY", raising=False)
    return live


def test_alliance_subgraph_writes_json_and_graphml(env: LiveServer, tmp_path: Path, capsys):
    out = tmp_path / "allies"
    assert example("alliance_subgraph").main(["United States", "--depth", "2", "--out", str(out)]) == 0

    payload = json.loads(out.with_suffix(".json").read_text())
    names = {node["name"] for node in payload["nodes"]}
    assert names == {"United States", "Japan", "Australia", "India", "Quad"}
    assert {(e["source"], e["target"]) for e in payload["edges"]} == {
        ("country:japan", "country:united-states"), ("country:australia", "country:japan"),
        ("alliance:quad", "country:united-states"), ("country:india", "country:united-states"),
        ("alliance:quad", "country:india"),
    }
    assert {e["type"] for e in payload["edges"]} == {"ALLIED_WITH"}
    graph = nx.read_graphml(out.with_suffix(".graphml"))
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == len(payload["edges"]) == 5
    assert graph.nodes["country:japan"]["name"] == "Japan"
    assert capsys.readouterr().out.startswith("5 entities, 5 relations: ")


def test_restrictions_on_a_country_since_a_date(env: LiveServer, capsys):
    assert example("restrictions").main(["China", "--since", "2025-01-01", "--json"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert [(c["when"], c["by"]) for c in claims] == [("2025-04-01", "Netherlands"), ("2025-05-19", "United States")]
    assert claims[0]["evidence"] == "The Netherlands curbed shipments of lithography tools to China."
    assert claims[0]["article"]["source"] == "Atlas Dispatch"

    assert example("restrictions").main(["China"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 restrictions on China"


def test_a_persons_meetings_in_date_order(env: LiveServer, capsys):
    assert example("person_meetings").main(["Jensen Huang", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["person"] == "Jensen Huang" and found["affiliations"] == ["Nvidia"]
    assert [(m["date"], m["with"]) for m in found["meetings"]] == [
        ("2025-01-31", "Shigeru Ishiba"), ("2025-07-16", "Li Qiang"),
    ]

    assert example("person_meetings").main(["Jensen Huang", "--since", "2025-06"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Jensen Huang: Nvidia",
        "2025-07-16  met Li Qiang: Nvidia chief executive Jensen Huang met Premier Li Qiang in Beijing.",
        "            Harbor Wire https://news.example/7",
        "1 meetings; most with Li Qiang (1)",
    ]


def test_an_unknown_entity_exits_with_the_servers_message(env: LiveServer):
    with pytest.raises(SystemExit, match="racegraph: no entity with id or name 'Atlantis'"):
        example("restrictions").main(["Atlantis"])
