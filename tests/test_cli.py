"""The `racegraph` command: clear errors and exit codes for bad input, nothing stored lost."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.settings import get_settings
from graph.launcher import launcher
from tests.invariants import graph_counts

runner = CliRunner()




def test_ingest_reports_each_bad_file_and_fails_when_nothing_could_be_read(cli_env: Path):
    (cli_env / "empty.txt").write_text("Title only\n   \n")
    (cli_env / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (cli_env / "lines.jsonl").write_text('{"id": "x"}\nnot json\n')
    result = runner.invoke(cli, ["ingest", "empty.txt", "binary.txt", "missing.txt", "lines.jsonl"])
    assert result.exit_code == 2
    assert "empty.txt: empty text" in result.output
    assert "binary.txt: binary file, not text" in result.output
    assert "missing.txt: no such file or folder" in result.output
    assert "lines.jsonl:1: text: Field required" in result.output
    assert "lines.jsonl:2: invalid JSON" in result.output


@pytest.mark.integration
def test_ingesting_a_folder_twice_stores_each_article_once(cli_env: Path, db):
    folder = Path(__file__).resolve().parents[1] / "examples" / "articles"
    first = runner.invoke(cli, ["ingest", str(folder)])
    counts = graph_counts(db)
    second = runner.invoke(cli, ["ingest", str(folder)])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert counts["articles"] == len(list(folder.glob("*.json")))
    assert counts["claims"] > 0
    assert graph_counts(db) == counts
    skipped = re.search(r"skipped as duplicate\W+(\d+)", second.output)
    assert skipped is not None and int(skipped[1]) == counts["articles"], second.output


def test_a_bad_date_is_refused_before_anything_runs(cli_env: Path):
    (cli_env / "a.txt").write_text("Title\nJapan and Australia are allies.\n")
    result = runner.invoke(cli, ["ingest", "a.txt", "--published", "26/07/2025"])
    assert result.exit_code == 2
    assert "is not a date (YYYY-MM-DD)" in result.output


def test_extract_skips_bad_lines_with_their_number_and_keeps_the_rest(cli_env: Path):
    lines = [
        json.dumps(
            {"id": "good", "text": "Japan and Australia are allies of the United States.", "published": "2025-01-02"}
        ),
        "{broken",
        json.dumps({"id": "no-text"}),
    ]
    (cli_env / "in.jsonl").write_text("\n".join(lines) + "\n")
    result = runner.invoke(cli, ["extract", "--input", "in.jsonl", "--output", "out.jsonl"])
    assert result.exit_code == 0, result.output
    assert "in.jsonl:2: invalid JSON" in result.output
    assert "in.jsonl:3: text: Field required" in result.output
    out = [json.loads(line) for line in (cli_env / "out.jsonl").read_text().splitlines()]
    assert [o["id"] for o in out] == ["good"]
    assert set(out[0]) >= {"id", "entities", "relations"}


def test_extract_and_eval_need_no_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    # A fresh clone has no embedded Neo4j yet, hence no password: scoring and extracting must not ask for one.
    for name in ("NEO4J_URI", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": "Japan and Australia are allies."}) + "\n")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps({
        "id": "a", "text": "Japan and Australia are allies.", "entities": [], "relations": [],
    }))
    try:
        extracted = runner.invoke(cli, ["extract", "--input", "in.jsonl", "--output", "out.jsonl"])
        scored = runner.invoke(cli, ["eval", "gold"])
    finally:
        get_settings.cache_clear()
    assert extracted.exit_code == 0, extracted.output
    assert json.loads((tmp_path / "out.jsonl").read_text())["id"] == "a"
    assert scored.exit_code == 0, scored.output
    assert "relations" in scored.output
    assert not (tmp_path / "data").exists()


def test_extract_of_a_missing_file_is_a_clear_error(cli_env: Path):
    result = runner.invoke(cli, ["extract", "--input", "nope.jsonl", "--output", "-"])
    assert result.exit_code == 2
    assert "nope.jsonl: no such file" in result.output


@pytest.mark.integration
def test_serve_stops_the_neo4j_it_started_when_it_is_terminated(tmp_path: Path):
    """A service manager stops `racegraph serve` with SIGTERM; the embedded Neo4j must not outlive it."""
    data_dir, port = tmp_path / "neo4j", launcher.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "RACEGRAPH_"))} | {
        "RACEGRAPH_NEO4J_DATA_DIR": str(data_dir), "RACEGRAPH_NEO4J_BOLT_PORT": str(launcher.free_port()),
        "RACEGRAPH_PORT": str(port), "RACEGRAPH_ENVIRONMENT": "test",
    }
    racegraph = Path(sys.executable).parent / "racegraph"
    server = subprocess.Popen([racegraph, "serve"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _ready(f"http://127.0.0.1:{port}/ready"):
            assert server.poll() is None and time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.5)
        assert launcher.status(data_dir) is not None
        server.send_signal(signal.SIGTERM)
        server.wait(60)
        assert launcher.status(data_dir) is None
    finally:
        server.kill()
        launcher.stop(data_dir)


def _ready(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _eval_errors(cli_env: Path, gold: dict[str, object]) -> str:
    """The output of `racegraph eval gold --errors` over the one gold article `gold`, on one line."""
    (cli_env / "gold").mkdir()
    (cli_env / "gold" / f"{gold['id']}.json").write_text(json.dumps(gold))
    result = runner.invoke(cli, ["eval", "gold", "--errors"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_eval_errors_prints_each_miss_and_false_positive_with_its_evidence(cli_env: Path):
    gold = {
        "id": "own-huang-modi",
        "published": "2025-03-03",
        "text": "Nvidia chief executive Jensen Huang met Indian Prime Minister Narendra Modi on Monday.",
        "entities": [
            {"name": "Nvidia", "kind": "Organization"},
            {"name": "Jensen Huang", "kind": "Person"},
            {"name": "Narendra Modi", "kind": "Person"},
            {"name": "India", "kind": "Country", "aliases": ["Indian"]},
        ],
        "relations": [
            {"type": "AFFILIATED_WITH", "subject": ["Jensen Huang"], "object": ["Nvidia"],
             "evidence": "Nvidia chief executive Jensen Huang"},
            {"type": "RESTRICTED", "subject": ["India"], "object": ["Nvidia"], "evidence": "met Indian Prime Minister"},
        ],
    }
    text = _eval_errors(cli_env, gold)
    assert "miss own-huang-modi: RESTRICTED India -> Nvidia [-] met Indian Prime Minister" in text
    assert "false positive own-huang-modi: MET_WITH Jensen Huang -> Narendra Modi" in text
    assert "false positive own-huang-modi: AFFILIATED_WITH Narendra Modi -> India" in text
    assert "AFFILIATED_WITH Jensen Huang -> Nvidia" not in text  # found, so no error


def test_eval_without_errors_prints_only_the_scores(cli_env: Path):
    result = runner.invoke(cli, ["eval", str(Path(__file__).parent / "data" / "gold")])
    assert result.exit_code == 0, result.output
    assert "false positive" not in result.output and "miss " not in result.output
    assert "AFFILIATED_WITH" in result.output and "entities P=" in result.output


@pytest.mark.integration
def test_a_deeply_nested_json_file_is_skipped_with_its_reason_and_the_rest_stored(cli_env: Path, db):
    (cli_env / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (cli_env / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (cli_env / "ok.txt").write_text("Allies\nJapan and Australia are close allies.\n")
    result = runner.invoke(cli, ["ingest", "deep.json", "deep.jsonl", "ok.txt"])
    assert "deep.json: JSON nested too deeply" in result.output
    assert "deep.jsonl:1: JSON nested too deeply" in result.output
    assert graph_counts(db)["articles"] == 1


def test_ingest_refuses_an_article_over_the_length_limit_or_with_a_non_http_link_and_keeps_the_rest(
    cli_env: Path, db
):
    from app.settings import Settings

    limit = Settings(_env_file=None).max_article_chars
    (cli_env / "long.txt").write_text("A long title\n" + "Japan and Australia are allies. " * (limit // 32 + 1))
    (cli_env / "links.jsonl").write_text(
        json.dumps({"id": "js", "text": "Japan and Australia are allies.", "url": "javascript:alert(1)"}) + "\n"
        + json.dumps({"id": "ok", "text": "India and Japan are allies.", "url": "https://news.example/ok"}) + "\n"
    )
    result = runner.invoke(cli, ["ingest", "long.txt", "links.jsonl"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"more than the limit of {limit} (RACEGRAPH_MAX_ARTICLE_CHARS)" in output
    assert "js: the url must start with http:// or https://" in output
    stored = db.execute_query("MATCH (a:Article) RETURN a.url AS url")[0]
    assert [r["url"] for r in stored] == ["https://news.example/ok"]


def test_eval_errors_prints_a_found_relation_with_the_wrong_date(cli_env: Path):
    gold = {
        "id": "own-talks-date",
        "published": "2025-03-07",
        "text": "Nvidia chief executive Jensen Huang met Indian Prime Minister Narendra Modi on Monday.",
        "entities": [
            {"name": "Jensen Huang", "kind": "Person"},
            {"name": "Narendra Modi", "kind": "Person"},
        ],
        "relations": [
            {"type": "MET_WITH", "subject": ["Jensen Huang"], "object": ["Narendra Modi"], "date": "2025-02-24",
             "evidence": "met Indian Prime Minister Narendra Modi on Monday"},
        ],
    }
    text = _eval_errors(cli_env, gold)
    assert "wrong date own-talks-date: MET_WITH Jensen Huang -> Narendra Modi [2025-03-03] (gold 2025-02-24)" in text
