"""The home page's blocs survive a restart: blocs computed once are stored in Neo4j with the graph version they
were computed from, and a server started over the same graph shows them at once, without computing them again.
A new article or a retraction changes the version: the stored blocs are then not shown, and those of the new
graph are computed (and stored) as before. Over the seeded views' stories in a real Neo4j."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.dashboard import BLOCS_RECIPE, HOME_BLOCS
from app.insights import engine
from app.insights.communities import Partition, find_communities
from app.insights.network import Network
from app.main import create_app
from app.settings import Settings
from graph.insights import InsightsReader
from graph.snapshots import store_snapshot
from graph.write import delete_articles
from nlp.records import RelType
from tests.seed import INDIA, JAPAN, Seeded, story

pytestmark = pytest.mark.integration

SEEDED_BLOCS = ["Australia, United States", "Japan, Jensen Huang"]


def started(settings: Settings, budget: float) -> TestClient:
    """A server started now over the session's Neo4j, whose home page waits `budget` seconds for blocs neither
    computed nor stored for the current graph version (its warm-up is off, as in every test's settings)."""
    return TestClient(create_app(settings.model_copy(update={"home_blocs_budget": budget})))


def blocs_once_computed(settings: Settings) -> dict[str, Any]:
    """The home page's blocs on a newly started server that waits as long as they take to compute."""
    with started(settings, budget=60.0) as client:
        blocs: dict[str, Any] = client.get("/index.json").json()["blocs"]
        return blocs


def blocs_at_start(settings: Settings) -> dict[str, Any]:
    """The home page's blocs on a newly started server that waits no time for them (they are ready only when
    stored for the current graph version; otherwise a computation would go on after the answer)."""
    with started(settings, budget=0.0) as client:
        blocs: dict[str, Any] = client.get("/index.json").json()["blocs"]
        return blocs


def labels(blocs: dict[str, Any]) -> list[str]:
    return [b["label"] for b in blocs["communities"]]


@pytest.fixture
def leiden_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The Leiden runs of every server started in the test, one entry (the network's entities) per run."""
    runs: list[int] = []

    def counted(network: Network, resolution: float) -> Partition:
        runs.append(len(network.entities))
        return find_communities(network, resolution)

    monkeypatch.setattr(engine, "find_communities", counted)
    return runs


def test_blocs_computed_once_are_shown_by_the_next_server_without_computing_them(
    settings: Settings, seeded: Seeded, leiden_runs: list[int]
):
    blocs = blocs_once_computed(settings)
    assert blocs["ready"] is True and labels(blocs) == SEEDED_BLOCS
    assert leiden_runs == [4]  # the United States, Japan, Australia and Jensen Huang
    # Servers started later over the same graph show them without a Leiden run, a patient page as one that
    # waits no time, and the HTML page draws them from its own data rather than asking /api/blocs later.
    assert blocs_once_computed(settings) == blocs
    assert blocs_at_start(settings) == blocs
    with started(settings, budget=0.0) as client:
        assert "The blocs are being computed" not in client.get("/").text
        assert client.get("/api/blocs").json() == blocs
    assert leiden_runs == [4]


def write_japan_meets_india(write_graphs: Callable[..., Any], seeded: Seeded, on_graph: Any, database: str) -> None:
    write_graphs([story(91, "Japan and India met in Delhi.", "2025-08-02",
                        [(RelType.MET_WITH, JAPAN, INDIA, "2025-08-02")])])


def retract_the_meeting(write_graphs: Callable[..., Any], seeded: Seeded, on_graph: Any, database: str) -> None:
    assert on_graph(lambda driver: delete_articles(driver, [seeded.articles["meeting"]], database)) == 1


@pytest.mark.parametrize(
    ("change", "changed_blocs"),
    [
        (write_japan_meets_india, ["Japan, India, Jensen Huang", "Australia, United States"]),
        (retract_the_meeting, ["Australia, Japan, United States"]),
    ],
    ids=["a new article", "a retraction"],
)
def test_after_a_change_to_the_graph_the_stored_blocs_are_not_shown_and_the_new_ones_are_stored(
    settings: Settings, seeded: Seeded, write_graphs, on_graph, leiden_runs: list[int], change, changed_blocs
):
    assert labels(blocs_once_computed(settings)) == SEEDED_BLOCS
    change(write_graphs, seeded, on_graph, settings.neo4j_database)
    blocs = blocs_once_computed(settings)
    assert labels(blocs) == changed_blocs and len(leiden_runs) == 2  # computed again, for the new graph
    assert blocs_at_start(settings) == blocs and len(leiden_runs) == 2


def graph_version(settings: Settings, on_graph) -> int:
    version: int = on_graph(lambda driver: InsightsReader(driver, settings.neo4j_database).graph_version())
    return version


@pytest.mark.parametrize(
    ("version_offset", "recipe"),
    [(-1, BLOCS_RECIPE), (1, BLOCS_RECIPE), (0, "communities of every relation type")],
    ids=["an older version", "a newer version", "another recipe"],
)
def test_stored_blocs_of_another_graph_version_or_recipe_are_not_shown(
    settings: Settings, seeded: Seeded, on_graph, leiden_runs: list[int], version_offset: int, recipe: str
):
    version = graph_version(settings, on_graph) + version_offset
    stale = {"ready": True, "communities": [{"id": 0, "label": "Stale", "size": 1}], "links": []}
    on_graph(lambda driver: store_snapshot(driver, settings.neo4j_database, HOME_BLOCS, version, recipe, stale))
    assert labels(blocs_once_computed(settings)) == SEEDED_BLOCS and leiden_runs == [4]
