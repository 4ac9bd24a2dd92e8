"""The server `racegraph serve` runs closes connections whose headers do not arrive in time (uvicorn alone
would hold them for ever) and serves everyone else as before."""

import http.client
import multiprocessing
import socket
import time

import pytest

from app.http_server import run_server
from app.settings import Settings
from tests.live_server import HOST, LiveServer, serve

pytestmark = pytest.mark.integration

HEALTH = b"GET /health HTTP/1.1\r\nHost: racegraph\r\n\r\n"


@pytest.fixture(scope="module")
def server(settings: Settings):
    with serve(settings.model_copy(update={"header_timeout": 0.5})) as live:
        yield live


def read_until_closed(sock: socket.socket) -> bytes:
    sock.settimeout(10)  # the deadline is 0.5 s: a socket still open after 10 s fails the test
    answer = b""
    while chunk := sock.recv(4096):
        answer += chunk
    return answer


def test_headers_that_never_end_get_408_and_the_connection_closes(server: LiveServer):
    with socket.create_connection((HOST, server.port)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: racegraph\r\n")  # never the blank line
        assert read_until_closed(sock).startswith(b"HTTP/1.1 408")


def test_headers_sent_a_byte_at_a_time_past_the_deadline_are_cut_off(server: LiveServer):
    with socket.create_connection((HOST, server.port)) as sock:
        started = time.monotonic()
        try:
            for byte in HEALTH:
                sock.sendall(bytes([byte]))
                time.sleep(0.05)  # 38 bytes: 1.9 s in all, past the 0.5 s deadline
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408")
    assert b"200 OK" not in answer
    assert time.monotonic() - started < 10


def test_a_connection_that_sends_nothing_is_closed(server: LiveServer):
    with socket.create_connection((HOST, server.port)) as sock:
        assert read_until_closed(sock).startswith(b"HTTP/1.1 408")


def test_prompt_requests_on_a_kept_alive_connection_are_served_after_the_deadline_would_have_passed(
    server: LiveServer,
):
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    sockets = set()
    for _ in range(3):
        connection.request("GET", "/health")
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b'{"ok":true}')
        sockets.add(connection.sock)
        time.sleep(0.3)  # 0.9 s in all on one connection, each request's headers prompt
    connection.close()
    assert len(sockets) == 1


def test_run_server_serves_in_a_process_of_its_own_on_a_socket_bound_before(settings: Settings):
    # How the benches run the server `racegraph serve` runs: worker processes sharing one listening socket.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    port = listener.getsockname()[1]
    served = settings.model_copy(update={"host": HOST, "port": port, "header_timeout": 0.5})
    worker = multiprocessing.get_context("spawn").Process(target=run_server, args=(served, [listener]))
    worker.start()
    listener.close()
    try:
        deadline = time.monotonic() + 120  # a fresh interpreter imports the app: a bound, not a timing
        while True:
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                connection.request("GET", "/ready")
                response = connection.getresponse()
                break
            except ConnectionRefusedError:
                assert worker.is_alive() and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status == 200  # it reached the test Neo4j with the settings it was given
        with socket.create_connection((HOST, port)) as sock:
            assert read_until_closed(sock).startswith(b"HTTP/1.1 408")  # server_config's header deadline
    finally:
        worker.terminate()
        worker.join(30)
