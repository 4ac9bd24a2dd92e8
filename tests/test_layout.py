"""Rules of the code base that a test can check: import direction, where Cypher lives, the compose file, lint."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ALLOWED_IMPORTS = {"nlp": set(), "graph": {"nlp.records"}, "app": {"nlp", "graph"}}


def imports_in(path: Path) -> set[str]:
    """Every module `path` imports, wherever in the file."""
    tree = ast.parse(path.read_text())
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return found | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def our_imports(path: Path) -> set[str]:
    return {n for n in imports_in(path) if n.split(".")[0] in ALLOWED_IMPORTS}


@pytest.mark.parametrize("package", sorted(ALLOWED_IMPORTS))
def test_imports_point_one_way(package: str):
    allowed = ALLOWED_IMPORTS[package]
    backward = {
        f"{path.relative_to(REPO)} imports {name}"
        for path in (REPO / package).rglob("*.py")
        for name in our_imports(path)
        if name.split(".")[0] != package and not any(name == a or name.startswith(a + ".") for a in allowed)
    }
    assert backward == set()


CYPHER = re.compile(r"\b(MATCH|MERGE)\s*\(|\bUNWIND\s+\$|\bDETACH DELETE\b")


@pytest.mark.parametrize("package", ["app", "nlp", "graph"])
def test_cypher_lives_only_in_graph_cypher(package: str):
    queries = REPO / "graph" / "cypher"
    found = [
        str(p.relative_to(REPO)) for p in (REPO / package).rglob("*.py")
        if not p.is_relative_to(queries) and CYPHER.search(p.read_text())
    ]
    assert found == []


def test_the_cypher_package_holds_queries():
    # The rule above passes vacuously if the queries move out of the package it exempts.
    assert all(CYPHER.search(p.read_text()) for p in (REPO / "graph" / "cypher").glob("[!_]*.py")
               if p.stem not in {"edge_types", "template"})


def test_tests_share_helpers_and_fixtures_never_test_modules_or_benchmarks():
    # A test that imports another test module also collects and runs it; bench/ is not part of the package.
    crossed = {
        f"{path.relative_to(REPO)} imports {name}"
        for path in (REPO / "tests").rglob("*.py")
        for name in imports_in(path)
        if name.split(".")[0] == "bench" or name.split(".")[-1].startswith("test_") or name.endswith("conftest")
    }
    assert crossed == set()


def test_compose_runs_the_official_neo4j_image_and_the_app_with_secrets_from_the_environment():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    neo4j, app = compose["services"]["neo4j"], compose["services"]["app"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "neo4j-data:/data" in neo4j["volumes"] and "neo4j-data" in compose["volumes"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert app["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert app["environment"]["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD")
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert {"test", "interval"} <= set(neo4j["healthcheck"]) and {"test", "interval"} <= set(app["healthcheck"])
    assert (REPO / app["build"] / "Dockerfile").is_file()


def test_the_code_passes_the_linter():
    # `make lint` as part of `make test`, so a style slip fails CI rather than waiting for someone to run it.
    checked = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "app", "graph", "nlp", "tests", "bench", "examples"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_code_passes_the_type_checker():
    # mypy strict over app, graph and nlp (configured in pyproject.toml), as part of `make test` like the linter.
    checked = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("package", sorted(ALLOWED_IMPORTS))
def test_no_function_runs_over_sixty_lines(package: str):
    # a function a newcomer cannot read on one screen is one job too many (issue 14)
    long = [
        f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in sorted((REPO / package).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, long
