"""graph.launcher runs a real embedded Neo4j: start, reach over Bolt, restart with data kept, stop.

Read-only checks use the session's instance from conftest; tests that stop or restart Neo4j start
their own on another port and data dir, so the shared one is never touched.
"""

from __future__ import annotations

import json
import socket
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.errors import LauncherError
from graph.launcher import launcher
from graph.launcher.launcher import Neo4jInstance


@pytest.fixture
def own_data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data dir for a test's own instance, stopped afterwards even if the test fails."""
    data_dir = tmp_path / "neo4j"
    yield data_dir
    launcher.stop(data_dir)


def run_single(instance: Neo4jInstance, query: str, **params: object) -> object:
    with GraphDatabase.driver(instance.uri, auth=instance.auth) as driver:
        records, _, _ = driver.execute_query(query, params)
    return records[0][0] if records else None


@pytest.mark.integration
def test_started_instance_answers_cypher_over_bolt(neo4j_instance: Neo4jInstance) -> None:
    assert neo4j_instance.uri == f"bolt://127.0.0.1:{neo4j_instance.bolt_port}"
    assert run_single(neo4j_instance, "RETURN 1") == 1


@pytest.mark.integration
@pytest.mark.parametrize(
    "auth",
    [None, ("neo4j", "neo4j"), ("neo4j", "wrong-password"), ("neo4j", "")],
    ids=["no-credentials", "factory-password", "wrong-password", "empty-password"],
)
def test_neo4j_refuses_a_client_without_the_generated_password(
    neo4j_instance: Neo4jInstance, auth: tuple[str, str] | None
) -> None:
    # Any local process reaches 127.0.0.1; without the password it must not even read.
    with GraphDatabase.driver(neo4j_instance.uri, auth=auth) as driver, pytest.raises(AuthError):
        driver.execute_query("RETURN 1")


@pytest.mark.integration
def test_the_generated_password_is_in_the_data_dir_readable_only_by_its_owner(neo4j_instance: Neo4jInstance) -> None:
    path = neo4j_instance.data_dir / "racegraph-password"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    password = path.read_text().strip()
    assert password == neo4j_instance.password and len(password) >= 40  # 32 random bytes, URL-safe base64
    # Seeded before the first start, then removed: no second copy of the password's hash stays behind.
    assert not (neo4j_instance.data_dir / "data" / "dbms" / "auth.ini").exists()


@pytest.mark.integration
def test_status_finds_the_running_instance_from_its_pid_file(neo4j_instance: Neo4jInstance) -> None:
    assert launcher.status(neo4j_instance.data_dir) == neo4j_instance
    record = json.loads((neo4j_instance.data_dir / "neo4j.pid").read_text())
    assert record == {"pid": neo4j_instance.pid, "bolt_port": neo4j_instance.bolt_port}


@pytest.mark.integration
def test_starting_a_running_data_dir_returns_the_running_instance(neo4j_instance: Neo4jInstance) -> None:
    assert launcher.start(neo4j_instance.data_dir, bolt_port=neo4j_instance.bolt_port) == neo4j_instance


@pytest.mark.integration
def test_jvm_options_give_neo4j_the_module_access_it_needs(neo4j_instance: Neo4jInstance) -> None:
    debug_log = (neo4j_instance.data_dir / "logs" / "debug.log").read_text()
    assert "Reflection access to java.nio.DirectByteBuffer is not available" not in debug_log
    assert "Incorrect file descriptor" not in debug_log


@pytest.mark.integration
def test_a_port_in_use_is_refused_with_a_clear_message(neo4j_instance: Neo4jInstance, tmp_path: Path) -> None:
    with pytest.raises(LauncherError, match=f"port {neo4j_instance.bolt_port} .* already in use"):
        launcher.start(tmp_path / "neo4j", bolt_port=neo4j_instance.bolt_port)
    assert launcher.status(tmp_path / "neo4j") is None


@pytest.mark.integration
def test_data_survives_a_stop_and_a_second_start(own_data_dir: Path) -> None:
    port = launcher.free_port()
    first = launcher.start(own_data_dir, bolt_port=port, heap="256m", pagecache="32m")
    run_single(first, "CREATE (:LauncherProbe {name: $name})", name="kept")

    assert launcher.stop(own_data_dir) is True
    assert launcher.status(own_data_dir) is None
    assert not (own_data_dir / "neo4j.pid").exists()

    second = launcher.start(own_data_dir, bolt_port=port, heap="256m", pagecache="32m")
    assert second.pid != first.pid
    assert run_single(second, "MATCH (p:LauncherProbe) RETURN collect(p.name)") == ["kept"]


@pytest.mark.integration
def test_a_restart_reuses_the_generated_password(own_data_dir: Path) -> None:
    first = launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    password = first.password
    assert launcher.stop(own_data_dir) is True

    second = launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    assert second.password == password
    assert run_single(second, "RETURN 1") == 1
    with GraphDatabase.driver(second.uri, auth=("neo4j", "neo4j")) as driver, pytest.raises(AuthError):
        driver.execute_query("RETURN 1")


@pytest.mark.integration
def test_a_store_whose_password_file_was_replaced_is_refused_with_the_reason(own_data_dir: Path) -> None:
    launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    launcher.stop(own_data_dir)
    launcher.password_path(own_data_dir).write_text("not-the-password-of-this-store\n")

    with pytest.raises(LauncherError, match="has a password other than the one in .*racegraph-password"):
        launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    assert launcher.status(own_data_dir) is None


@pytest.mark.integration
def test_a_store_still_on_the_factory_password_is_moved_to_a_generated_one(own_data_dir: Path) -> None:
    # Stands in for a store made while the launcher ran without auth, whose neo4j user kept Neo4j's
    # factory password: seeded here with that password, then its password file is gone as it never had one.
    own_data_dir.mkdir(parents=True)
    launcher.password_path(own_data_dir).write_text("neo4j\n")
    launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    launcher.stop(own_data_dir)
    launcher.password_path(own_data_dir).unlink()

    moved = launcher.start(own_data_dir, bolt_port=launcher.free_port(), heap="256m", pagecache="32m")
    assert moved.password != "neo4j"
    assert run_single(moved, "RETURN 1") == 1
    with GraphDatabase.driver(moved.uri, auth=("neo4j", "neo4j")) as driver, pytest.raises(AuthError):
        driver.execute_query("RETURN 1")


def test_a_password_file_left_readable_by_others_is_narrowed_again(tmp_path: Path) -> None:
    path = launcher.password_path(tmp_path)
    path.write_text("kept-as-it-is\n")
    path.chmod(0o644)
    # What `start` does under the data dir's lock before the JVM reads the file.
    launcher.ensure_password(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert launcher.read_password(tmp_path) == "kept-as-it-is"


def test_reading_the_password_of_a_never_started_data_dir_says_so(tmp_path: Path) -> None:
    with pytest.raises(LauncherError, match="no racegraph-password in .*start its Neo4j once"):
        launcher.read_password(tmp_path)


@pytest.mark.integration
def test_a_jvm_that_exits_early_is_reported_with_its_log(own_data_dir: Path) -> None:
    with pytest.raises(LauncherError, match=r"(?s)exited with code 1.*--pagecache must be a size"):
        launcher.start(own_data_dir, bolt_port=launcher.free_port(), pagecache="lots")
    assert launcher.status(own_data_dir) is None


def test_stop_with_nothing_running_returns_false(tmp_path: Path) -> None:
    assert launcher.stop(tmp_path) is False
    assert launcher.stop(tmp_path / "never-created") is False


def test_a_stale_pid_file_is_removed(tmp_path: Path) -> None:
    with subprocess.Popen(["true"]) as gone:
        gone.wait()
    (tmp_path / "neo4j.pid").write_text(json.dumps({"pid": gone.pid, "bolt_port": 7687}))

    assert launcher.status(tmp_path) is None
    assert not (tmp_path / "neo4j.pid").exists()


def test_a_recycled_pid_is_not_taken_for_neo4j(tmp_path: Path) -> None:
    with subprocess.Popen(["sleep", "30"]) as other:
        try:
            (tmp_path / "neo4j.pid").write_text(json.dumps({"pid": other.pid, "bolt_port": 7687}))
            assert launcher.status(tmp_path) is None
            assert launcher.stop(tmp_path) is False
            assert other.poll() is None
        finally:
            other.kill()


def test_free_port_is_bindable_and_wait_for_port_sees_a_listener() -> None:
    port = launcher.free_port()
    assert launcher.wait_for_port(port, timeout=0.2) is False
    with socket.create_server(("127.0.0.1", port)):
        assert launcher.wait_for_port(port, timeout=5.0) is True


def test_jvm_options_are_read_one_per_line_without_comments(tmp_path: Path) -> None:
    options = tmp_path / "jvm.options"
    options.write_text("# why\n--add-opens=java.base/java.nio=ALL-UNNAMED\n\n  -Dx=1  \n")
    assert launcher.read_jvm_options(options) == ["--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dx=1"]
    assert "--add-opens=java.base/java.nio=ALL-UNNAMED" in launcher.read_jvm_options()
