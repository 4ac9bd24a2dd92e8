"""Build, start, find and stop the embedded Neo4j that the Maven project beside this file runs.

Each instance owns one data dir: its JVM writes stdout and stderr to `neo4j.log` there, and
`neo4j.pid` (JSON) records the pid and Bolt port, so any process can find or stop it later.
Authentication is on: `racegraph-password` there (mode 0600, generated on the first start) holds the
password of the `neo4j` user, which `read_password` gives to whoever may read the data dir.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from graph import cypher
from graph.errors import LauncherError

logger = logging.getLogger(__name__)

# Beside this module, never the working directory: the CLI and tests run from anywhere.
LAUNCHER_DIR: Path = Path(__file__).resolve().parent

HOST = "127.0.0.1"
MAIN_CLASS = "org.racegraph.launcher.Main"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"  # neo4j-admin, which org.neo4j:neo4j brings along
READY_PREFIX = "racegraph-neo4j ready "
JVM_OPTIONS_FILE = LAUNCHER_DIR / "jvm.options"
LOG_NAME = "neo4j.log"
PID_NAME = "neo4j.pid"
LOCK_NAME = "neo4j.lock"
PASSWORD_NAME = "racegraph-password"
USER = "neo4j"
# The password every Neo4j store starts with; a store made while the launcher ran without auth still has it.
_FACTORY_PASSWORD = "neo4j"

_TARGET_DIR = LAUNCHER_DIR / "target"
_BUILD_STAMP = _TARGET_DIR / "racegraph-build.stamp"
# The first build downloads about 120 MB of Neo4j jars from Maven Central.
_BUILD_TIMEOUT_S = 1800.0
_LOG_TAIL_LINES = 20
_POLL_S = 0.1
_KILL_WAIT_S = 10.0

# JVMs this process started. Holding their Popen objects lets `stop` reap them (a child that exited
# stays a zombie, and so looks alive, until its parent waits for it) and spares a ResourceWarning
# from Popen.__del__ for a process that is meant to outlive the call that started it.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class Neo4jInstance:
    """A launcher JVM serving Bolt for one data dir."""

    pid: int
    bolt_port: int
    data_dir: Path

    @property
    def uri(self) -> str:
        """Return the Bolt URI clients connect to."""
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def password(self) -> str:
        """Return the `neo4j` user's password, from the data dir."""
        return read_password(self.data_dir)

    @property
    def auth(self) -> tuple[str, str]:
        """Return (user, password) for a driver."""
        return USER, self.password


def password_path(data_dir: Path) -> Path:
    """Return the file holding the `neo4j` password of the instance for `data_dir`."""
    return data_dir.resolve() / PASSWORD_NAME


def read_password(data_dir: Path) -> str:
    """Return the `neo4j` password of the instance for `data_dir`.

    Raises LauncherError if it has never been started (there is no password yet) or the file is unreadable.
    """
    path = password_path(data_dir)
    try:
        password = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError as exc:
        raise LauncherError(f"no {PASSWORD_NAME} in {path.parent}: start its Neo4j once to make one") from exc
    except OSError as exc:
        raise LauncherError(f"cannot read {path}: {exc}") from exc
    if not password:
        raise LauncherError(f"{path} is empty")
    return password


def ensure_password(data_dir: Path) -> Path:
    """Create the password file of `data_dir` unless it exists; return its path. Called under the data
    dir's lock, so two starts never write two passwords."""
    path = password_path(data_dir)
    try:
        # O_EXCL with the mode given at creation: the password is never readable by others, not even
        # between creating the file and a later chmod.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Copied or restored from a backup with looser permissions: narrow them again.
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return path
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        # 256 bits from the OS's CSPRNG; URL-safe characters, so no quoting problem anywhere.
        handle.write(secrets.token_urlsafe(32) + "\n")
    return path


def build_launcher(force: bool = False) -> Path:
    """Build the Maven project unless an earlier build is newer than pom.xml and every source file.

    Returns the build directory, which holds `classes/` and `lib/` (the classpath `start` uses).
    Raises LauncherError if `java` or `mvn` is missing from PATH or the build fails.
    """
    _require_tool("java")
    _TARGET_DIR.mkdir(exist_ok=True)
    # Two processes building at once would each rewrite target/ under the other.
    with _file_lock(_TARGET_DIR / "build.lock"):
        if not force and _build_is_fresh():
            return _TARGET_DIR
        mvn = _require_tool("mvn")
        logger.info("building the Neo4j launcher in %s (the first build downloads Neo4j)", LAUNCHER_DIR)
        started = time.monotonic()
        try:
            result = subprocess.run(
                [mvn, "-q", "-B", "package", "-DskipTests"],
                cwd=LAUNCHER_DIR,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=_BUILD_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise LauncherError(
                f"mvn package did not finish within {_BUILD_TIMEOUT_S:.0f}s in {LAUNCHER_DIR}"
            ) from exc
        if result.returncode != 0:
            tail = "\n".join(result.stdout.splitlines()[-_LOG_TAIL_LINES:])
            raise LauncherError(f"mvn package failed in {LAUNCHER_DIR} (exit {result.returncode}):\n{tail}")
        _BUILD_STAMP.touch()
        logger.info("built the Neo4j launcher in %.1fs", time.monotonic() - started)
    return _TARGET_DIR


def start(
    data_dir: Path,
    bolt_port: int = 7687,
    heap: str = "512m",
    pagecache: str = "128m",
    timeout: float = 120.0,
) -> Neo4jInstance:
    """Start a detached Neo4j JVM for `data_dir` serving Bolt on 127.0.0.1:`bolt_port`.

    Returns the running instance once Bolt accepts connections. If an instance already runs for
    `data_dir`, returns that one (whatever its port) instead of starting a second. Raises
    LauncherError if the port is taken by something else, or if the JVM exits or is not ready
    within `timeout` seconds (it is then killed, and the error carries the end of its log).
    """
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(data_dir / LOCK_NAME):
        running = status(data_dir)
        if running is not None:
            return _answering(running, bolt_port, timeout)
        if not _port_is_free(bolt_port):
            raise LauncherError(f"port {bolt_port} on {HOST} is already in use by another process")
        command = _jvm_command(data_dir, bolt_port, heap, pagecache)
        started = time.monotonic()
        instance = _launch(command, data_dir, bolt_port, started + timeout)
    logger.info(
        "Neo4j pid %d ready at %s for %s in %.1fs",
        instance.pid,
        instance.uri,
        data_dir,
        time.monotonic() - started,
    )
    return instance


def _answering(running: Neo4jInstance, bolt_port: int, timeout: float) -> Neo4jInstance:
    """Return the instance already running for a data dir once it answers; raise LauncherError if it
    does not within `timeout` seconds."""
    if running.bolt_port != bolt_port:
        logger.warning(
            "Neo4j for %s already runs on port %d, not %d", running.data_dir, running.bolt_port, bolt_port
        )
    if not wait_for_port(running.bolt_port, timeout):
        raise LauncherError(f"Neo4j pid {running.pid} for {running.data_dir} is running but not answering")
    return running


def _jvm_command(data_dir: Path, bolt_port: int, heap: str, pagecache: str) -> list[str]:
    """Return the command line of the launcher JVM for `data_dir` (building the launcher if needed)."""
    classpath = _classpath(build_launcher())
    java = _require_tool("java")
    password_file = ensure_password(data_dir)
    return [
        java,
        *read_jvm_options(),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-cp",
        classpath,
        MAIN_CLASS,
        "--bolt-port",
        str(bolt_port),
        "--data-dir",
        str(data_dir),
        "--pagecache",
        pagecache,
        # The path, not the password: a command line is readable by every local user in /proc.
        "--password-file",
        str(password_file),
    ]


def _launch(command: list[str], data_dir: Path, bolt_port: int, deadline: float) -> Neo4jInstance:
    """Run `command` detached, logging to `data_dir`; return the instance once it is ready and takes
    its password. Otherwise kill it, forget it, and raise LauncherError."""
    with (data_dir / LOG_NAME).open("ab") as log:
        # Earlier runs stay in the log; only what this JVM writes counts.
        log_offset = log.tell()
        process = subprocess.Popen(
            command,
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Own session: the JVM outlives the caller and a Ctrl-C in the caller's terminal.
            start_new_session=True,
        )
    _CHILDREN[process.pid] = process
    instance = Neo4jInstance(pid=process.pid, bolt_port=bolt_port, data_dir=data_dir)
    _write_pid_file(instance)
    try:
        _wait_until_ready(process, instance, log_offset, deadline)
        _check_password(instance)
    except LauncherError:
        _kill_group(process.pid)
        process.wait()
        _CHILDREN.pop(process.pid, None)
        _pid_path(data_dir).unlink(missing_ok=True)
        raise
    return instance


def stop(data_dir: Path, timeout: float = 60.0) -> bool:
    """Stop the instance running for `data_dir`: SIGTERM, then SIGKILL after `timeout` seconds.

    Returns True if an instance was running, False if none was (a stale pid file is removed).
    """
    data_dir = data_dir.resolve()
    if not data_dir.is_dir():
        return False
    with _file_lock(data_dir / LOCK_NAME):
        running = status(data_dir)
        if running is None:
            return False
        logger.info("stopping Neo4j pid %d for %s", running.pid, data_dir)
        _signal(running.pid, signal.SIGTERM)
        if not _wait_for_exit(running.pid, timeout):
            logger.warning("Neo4j pid %d ignored SIGTERM for %.0fs; killing it", running.pid, timeout)
            _kill_group(running.pid)
            if not _wait_for_exit(running.pid, _KILL_WAIT_S):
                raise LauncherError(f"Neo4j pid {running.pid} for {data_dir} survived SIGKILL")
        _pid_path(data_dir).unlink(missing_ok=True)
    return True


def status(data_dir: Path) -> Neo4jInstance | None:
    """Return the instance running for `data_dir`, or None (removing a stale pid file)."""
    data_dir = data_dir.resolve()
    pid_path = _pid_path(data_dir)
    try:
        record = json.loads(pid_path.read_text(encoding="utf-8"))
        pid, bolt_port = int(record["pid"]), int(record["bolt_port"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        logger.warning("removing unreadable pid file %s", pid_path)
        pid_path.unlink(missing_ok=True)
        return None
    if not _is_launcher_for(pid, data_dir):
        logger.info("removing stale pid file %s (pid %d is gone)", pid_path, pid)
        pid_path.unlink(missing_ok=True)
        return None
    return Neo4jInstance(pid=pid, bolt_port=bolt_port, data_dir=data_dir)


def wait_for_port(port: int, timeout: float) -> bool:
    """Return True once 127.0.0.1:`port` accepts a TCP connection, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((HOST, port), timeout=1.0):
                return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_S)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def read_jvm_options(path: Path = JVM_OPTIONS_FILE) -> list[str]:
    """Return the JVM options in `path`, one per line, skipping blank lines and # comments."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def admin_command(heap: str, *arguments: str) -> list[str]:
    """Return the command line of `neo4j-admin <arguments>` run from the launcher's classpath (building
    the launcher if needed) with a `heap`-sized JVM heap; its NEO4J_HOME is the caller's to set."""
    return [_require_tool("java"), f"-Xmx{heap}", "-cp", _classpath(build_launcher()), ADMIN_CLASS, *arguments]


def _wait_until_ready(
    process: subprocess.Popen[bytes], instance: Neo4jInstance, log_offset: int, deadline: float
) -> None:
    log_path = instance.data_dir / LOG_NAME
    ready_line = f"{READY_PREFIX}{instance.uri}"
    while True:
        if process.poll() is not None:
            raise LauncherError(
                f"Neo4j exited with code {process.returncode} before it was ready; "
                f"end of {log_path}:\n{_log_tail(log_path, log_offset)}"
            )
        if ready_line in _read_log(log_path, log_offset).splitlines():
            # The line is printed once Bolt is bound, so this only guards against surprises.
            if wait_for_port(instance.bolt_port, max(deadline - time.monotonic(), 1.0)):
                return
        if time.monotonic() >= deadline:
            raise LauncherError(
                f"Neo4j was not ready on {instance.uri} in time; end of {log_path}:\n"
                f"{_log_tail(log_path, log_offset)}"
            )
        time.sleep(_POLL_S)


def _check_password(instance: Neo4jInstance) -> None:
    """Make sure the `neo4j` user's password is the one in the data dir, so every client can log in.

    A store first started by this launcher already has it (Main seeds it). A store made when the launcher
    ran without auth still has the factory password, which must be changed before anything else runs;
    a store whose password is neither (its password file was lost or replaced) is refused.
    """
    password = instance.password
    try:
        with GraphDatabase.driver(instance.uri, auth=(USER, password)) as driver:
            # False (not an exception) when Neo4j refuses the credentials.
            if driver.verify_authentication():
                return
    except (Neo4jError, DriverError, OSError) as exc:
        raise LauncherError(f"cannot log in to Neo4j at {instance.uri}: {exc}") from exc
    try:
        with GraphDatabase.driver(instance.uri, auth=(USER, _FACTORY_PASSWORD)) as driver:
            driver.execute_query(
                cypher.CHANGE_FACTORY_PASSWORD, old=_FACTORY_PASSWORD, new=password, database_=cypher.SYSTEM_DATABASE
            )
    except (Neo4jError, DriverError, OSError) as exc:
        raise LauncherError(
            f"the neo4j user of the store in {instance.data_dir} has a password other than the one in "
            f"{password_path(instance.data_dir)} (was that file replaced?): {exc}"
        ) from exc
    logger.warning("set the neo4j password of %s, a store made without authentication", instance.data_dir)


def _build_is_fresh() -> bool:
    if not (_BUILD_STAMP.is_file() and (_TARGET_DIR / "classes").is_dir() and (_TARGET_DIR / "lib").is_dir()):
        return False
    sources = [LAUNCHER_DIR / "pom.xml", *(LAUNCHER_DIR / "src").rglob("*")]
    newest_source = max(path.stat().st_mtime for path in sources if path.is_file())
    return _BUILD_STAMP.stat().st_mtime >= newest_source


def _classpath(target_dir: Path) -> str:
    # The JVM expands `lib/*` itself, so the command line stays short.
    return os.pathsep.join([str(target_dir / "classes"), str(target_dir / "lib" / "*")])


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise LauncherError(f"`{name}` is not on PATH; the Neo4j launcher needs Java 17+ and Maven")
    return path


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As the JVM binds: a port left in TIME_WAIT by a stopped instance is free to reuse.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def _pid_path(data_dir: Path) -> Path:
    return data_dir / PID_NAME


def _write_pid_file(instance: Neo4jInstance) -> None:
    pid_path = _pid_path(instance.data_dir)
    partial = pid_path.with_suffix(".pid.tmp")
    record = {"pid": instance.pid, "bolt_port": instance.bolt_port}
    partial.write_text(json.dumps(record), encoding="utf-8")
    # Readers never see a half-written file.
    partial.replace(pid_path)


def _is_launcher_for(pid: int, data_dir: Path) -> bool:
    """Return True if `pid` is alive and is our launcher JVM for `data_dir`, not a recycled pid."""
    if _has_exited(pid):
        return False
    try:
        args = (Path("/proc") / str(pid) / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except FileNotFoundError:
        # Without /proc (macOS) a recycled pid cannot be told apart; trust the pid file.
        return not Path("/proc/self").exists()
    except OSError:
        return False
    return MAIN_CLASS in args and str(data_dir) in args


def _has_exited(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None and child.poll() is not None:
        del _CHILDREN[pid]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    # An exited child of some other process still answers signals until its parent reaps it.
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] == "Z"


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not _has_exited(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_S)
    return True


def _signal(pid: int, signum: signal.Signals) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _kill_group(pid: int) -> None:
    # The JVM leads its own process group (start_new_session), so this reaches nothing else.
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        _signal(pid, signal.SIGKILL)


def _read_log(log_path: Path, offset: int) -> str:
    try:
        with log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""


def _log_tail(log_path: Path, offset: int) -> str:
    return "\n".join(_read_log(log_path, offset).splitlines()[-_LOG_TAIL_LINES:])


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
