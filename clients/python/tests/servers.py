"""Real `gemfill serve` processes on free loopback ports, for the fixtures in conftest.py.

The server binary is $GEMFILL_BIN, else target/release/gemfill of the repository, else
target/debug/gemfill. Each server listens on 127.0.0.1:0 (the kernel picks a free port,
which the server prints), is waited for until its gRPC health check answers SERVING, and
is stopped with SIGTERM (then killed if it lingers) when its tests are done.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

import gemfill

REPO_ROOT = Path(__file__).resolve().parents[3]
#: Loading the neural model takes a few seconds; a debug build is slower.
START_TIMEOUT_SECONDS = 120.0
STOP_TIMEOUT_SECONDS = 30.0
TOKEN = "s3cret-token"


def gemfill_binary() -> Path:
    """The gemfill binary the tests run."""
    configured = os.environ.get("GEMFILL_BIN")
    if configured:
        path = Path(configured)
        if not path.is_file():
            pytest.exit(f"GEMFILL_BIN={configured} is not a file", returncode=2)
        return path
    candidates = [REPO_ROOT / "target" / p / "gemfill" for p in ("release", "debug")]
    for path in candidates:
        if path.is_file():
            return path
    pytest.exit(
        "no gemfill binary: looked for "
        + ", ".join(str(p) for p in candidates)
        + "; build one (cargo build -p gemfill) or set GEMFILL_BIN",
        returncode=2,
    )


class Server:
    """A running `gemfill serve`: its address, and clients for it."""

    def __init__(
        self, addr: str, process: subprocess.Popen, log: Path, root_cert: bytes | None = None
    ):
        self.addr = addr
        self.process = process
        self.log = log
        self.root_cert = root_cert

    def client(self, **kwargs) -> gemfill.Client:
        if self.root_cert is not None:
            kwargs.setdefault("root_certificates", self.root_cert)
        return gemfill.Client(self.addr, **kwargs)

    def channel(self) -> grpc.Channel:
        if self.root_cert is not None:
            credentials = grpc.ssl_channel_credentials(root_certificates=self.root_cert)
            return grpc.secure_channel(self.addr, credentials)
        return grpc.insecure_channel(self.addr)


@contextmanager
def serve(folder: Path, *flags: str, root_cert: bytes | None = None) -> Iterator[Server]:
    """Runs `gemfill serve --listen 127.0.0.1:0 FLAGS...` until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    stdout, stderr = folder / "serve.out", folder / "serve.err"
    command = [str(gemfill_binary()), "serve", "--listen", "127.0.0.1:0", *flags]
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        addr = _wait_for_address(process, stdout, stderr)
        server = Server(addr, process, stderr, root_cert)
        _wait_until_serving(server, stderr)
        yield server
    finally:
        _stop(process)


def _wait_for_address(process: subprocess.Popen, stdout: Path, stderr: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        found = re.search(r"listening on (\S+)", stdout.read_text())
        if found:
            return found.group(1)
        if process.poll() is not None:
            pytest.fail(f"gemfill serve exited with {process.returncode}:\n{stderr.read_text()}")
        time.sleep(0.05)
    pytest.fail(f"gemfill serve printed no address in {START_TIMEOUT_SECONDS} s")


def _wait_until_serving(server: Server, stderr: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    request = health_pb2.HealthCheckRequest(service="gemfill.v1.Synthesizer")
    with server.channel() as channel:
        health = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                if (
                    health.Check(request, timeout=1).status
                    == health_pb2.HealthCheckResponse.SERVING
                ):
                    return
            except grpc.RpcError:
                pass  # not listening yet
            if server.process.poll() is not None:
                pytest.fail(f"gemfill serve exited:\n{stderr.read_text()}")
            time.sleep(0.05)
    pytest.fail(f"gemfill serve at {server.addr} was not SERVING within {START_TIMEOUT_SECONDS} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
