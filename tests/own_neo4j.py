"""A Neo4j of one test's own, which the test may stop and restart (the session's Neo4j is shared by all)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.launcher import launcher

RACEGRAPH = [sys.executable, "-c", "from app.cli import main; main()"]


@pytest.fixture
def own_neo4j(tmp_path: Path) -> Iterator[launcher.Neo4jInstance]:
    """A Neo4j of this test's own, with its address and generated password, which the test may stop and restart."""
    instance = launcher.start(tmp_path / "neo4j", bolt_port=launcher.free_port(), heap="384m", pagecache="64m")
    try:
        # Its first queries (the migrations) can take seconds on a loaded machine, longer than the ingest's
        # 3 s database timeout, so they run here first.
        env = {**os.environ, "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": instance.password}
        subprocess.run([*RACEGRAPH, "migrate"], env={**env, "RACEGRAPH_DB_TIMEOUT": "60"}, check=True, timeout=300)
        yield instance
    finally:
        launcher.stop(instance.data_dir)
        shutil.rmtree(instance.data_dir, ignore_errors=True)
