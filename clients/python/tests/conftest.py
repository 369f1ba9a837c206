"""Fixtures: the servers the tests call (see servers.py for how they run)."""

from collections.abc import Iterator

import pytest

import gemfill

from servers import TOKEN, Server, serve


@pytest.fixture(scope="session")
def symbolic(tmp_path_factory) -> Iterator[Server]:
    """A server without a model (fast, and independent of the model's weights)."""
    with serve(tmp_path_factory.mktemp("symbolic"), "--symbolic-only") as server:
        yield server


@pytest.fixture
def client(symbolic: Server) -> Iterator[gemfill.Client]:
    with symbolic.client() as c:
        yield c


@pytest.fixture(scope="session")
def with_token(tmp_path_factory) -> Iterator[Server]:
    """A server that wants `authorization: Bearer TOKEN`."""
    folder = tmp_path_factory.mktemp("token")
    token_file = folder / "token"
    token_file.write_text(f"  {TOKEN}\n")  # surrounding white space is ignored
    with serve(folder, "--symbolic-only", "--auth-token-file", str(token_file)) as server:
        yield server


@pytest.fixture(scope="session")
def with_model(tmp_path_factory) -> Iterator[Server]:
    """A server with its default model loaded (hybrid mode by default)."""
    with serve(tmp_path_factory.mktemp("model")) as server:
        yield server
