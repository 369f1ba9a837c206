"""The package build: stubs generated from the .proto, and a clear error without it."""

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
REPO_PROTO = PACKAGE.parent.parent / "proto"
SOURCES = ["pyproject.toml", "setup.py", "README.md", "gemfill"]


@pytest.fixture
def detached(tmp_path) -> Path:
    """The package's sources copied where ../../proto is not the repository's."""
    folder = tmp_path / "somewhere" / "gemfill-client"
    folder.mkdir(parents=True)
    for name in SOURCES:
        source = PACKAGE / name
        if source.is_dir():
            shutil.copytree(
                source, folder / name, ignore=shutil.ignore_patterns("v1", "__pycache__")
            )
        else:
            shutil.copy(source, folder / name)
    return folder


def build_wheel(source: Path, out: Path, proto_dir=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GEMFILL_PROTO_DIR"}
    if proto_dir is not None:
        env["GEMFILL_PROTO_DIR"] = str(proto_dir)
    command = [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps"]
    return subprocess.run(
        [*command, "--quiet", "-w", str(out), str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def wheel_contents(out: Path):
    (wheel,) = out.glob("gemfill-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        return names, archive.read(metadata).decode()


def test_without_the_proto_the_build_says_where_it_looked(detached, tmp_path):
    built = build_wheel(detached, tmp_path / "out")
    assert built.returncode != 0
    output = built.stdout + built.stderr
    assert "cannot find the service definition gemfill/v1/gemfill.proto" in output
    assert str(detached / "proto" / "gemfill" / "v1" / "gemfill.proto") in output
    assert "set GEMFILL_PROTO_DIR" in output


def test_the_wheel_carries_stubs_generated_from_the_proto(detached, tmp_path):
    built = build_wheel(detached, tmp_path / "out", proto_dir=REPO_PROTO)
    assert built.returncode == 0, built.stderr
    names, metadata = wheel_contents(tmp_path / "out")
    for stub in ["__init__.py", "gemfill_pb2.py", "gemfill_pb2.pyi", "gemfill_pb2_grpc.py"]:
        assert f"gemfill/v1/{stub}" in names
    assert "Requires-Dist: grpcio>=" in metadata
    assert "Requires-Dist: protobuf" in metadata
    assert not (detached / "gemfill" / "v1").exists()  # nothing generated into the sources


def test_an_sdist_carries_the_proto_and_builds_anywhere(detached, tmp_path):
    env = dict(os.environ, GEMFILL_PROTO_DIR=str(REPO_PROTO))
    hook = (
        "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    )
    made = subprocess.run(
        [sys.executable, "-c", hook, str(tmp_path / "dist")],
        cwd=detached,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    sdist = tmp_path / "dist" / made.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as archive:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path / "unpacked", **safe)
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    assert (unpacked / "proto" / "gemfill" / "v1" / "gemfill.proto").is_file()

    built = build_wheel(unpacked, tmp_path / "out")  # no GEMFILL_PROTO_DIR this time
    assert built.returncode == 0, built.stderr
    names, _ = wheel_contents(tmp_path / "out")
    assert "gemfill/v1/gemfill_pb2_grpc.py" in names
