"""Builds the gemfill package: generates its gRPC stubs from the service's .proto.

The stubs (``gemfill/v1/gemfill_pb2.py``, ``gemfill_pb2_grpc.py`` and ``.pyi``) are never
written by hand nor committed: ``grpc_tools.protoc`` (the ``grpcio-tools`` build
requirement) makes them from ``gemfill/v1/gemfill.proto`` each time the package is built,
so the client always speaks the API of the repository it is built from.

The .proto is looked for, first found wins, in:

1. ``$GEMFILL_PROTO_DIR`` (a folder holding ``gemfill/v1/gemfill.proto``);
2. ``proto/`` next to this file, where a source distribution carries its copy;
3. ``../../proto``, the repository's own folder when building from a clone.

The generated code names the grpcio and protobuf versions it needs at run time; they
become the package's dependencies, so an environment with older runtimes gets them
upgraded at install instead of failing at import.
"""

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
# The .proto's path under its include root: it is also the generated modules' package
# (`gemfill.v1`), which is why the stubs land inside this package.
PROTO = Path("gemfill", "v1", "gemfill.proto")
PROTO_DIR_VARIABLE = "GEMFILL_PROTO_DIR"


class BuildError(SystemExit):
    """A build step failed; the message says what to do (setuptools prints it as is)."""

    def __init__(self, message: str):
        super().__init__(f"error: building the gemfill package: {message}")


def proto_roots() -> list:
    """The include roots to look for the .proto in, in order of preference."""
    roots = []
    if os.environ.get(PROTO_DIR_VARIABLE):
        roots.append(Path(os.environ[PROTO_DIR_VARIABLE]))
    roots.append(HERE / "proto")
    roots.append(HERE.parent.parent / "proto")
    return roots


def find_proto_root() -> Path:
    """The first include root holding the .proto, or a BuildError listing where it looked."""
    roots = proto_roots()
    for root in roots:
        if (root / PROTO).is_file():
            return root
    tried = "\n".join(f"  {root / PROTO}" for root in roots)
    raise BuildError(
        f"cannot find the service definition {PROTO.as_posix()}; looked for:\n{tried}\n"
        "Build from a clone of the gemfill repository (pip install ./clients/python), "
        f"or set {PROTO_DIR_VARIABLE} to the folder that holds {PROTO.as_posix()}."
    )


def generate_stubs(out_dir: Path) -> dict:
    """Runs protoc on the .proto into ``out_dir``; returns the runtime versions it needs.

    The result maps ``protobuf`` and ``grpcio`` to the minimum versions the generated
    code checks for when it is imported.
    """
    try:
        from grpc_tools import protoc
    except ImportError as error:
        raise BuildError(
            "grpcio-tools is missing; it is a build requirement (pyproject.toml), so build "
            "with pip (`pip install ./clients/python`) or install grpcio-tools first"
        ) from error
    root = find_proto_root()
    # The well-known types (google/protobuf/*.proto) ship inside grpcio-tools.
    well_known = Path(protoc.__file__).resolve().parent / "_proto"
    arguments = [
        "grpc_tools.protoc",
        f"--proto_path={root}",
        f"--proto_path={well_known}",
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        str(root / PROTO),
    ]
    if protoc.main(arguments) != 0:
        raise BuildError(f"protoc failed on {root / PROTO} (its messages are above)")
    package = out_dir / PROTO.parent
    (package / "__init__.py").write_text(
        f'"""gRPC stubs generated from {PROTO.as_posix()} when the package was built."""\n'
    )
    return {
        "protobuf": read_version(
            package / "gemfill_pb2.py",
            r"ValidateProtobufRuntimeVersion\(\s*\S+,\s*(\d+),\s*(\d+),\s*(\d+),",
        ),
        "grpcio": read_version(
            package / "gemfill_pb2_grpc.py", r"GRPC_GENERATED_VERSION = '(\d+)\.(\d+)\.(\d+)'"
        ),
    }


def read_version(path: Path, pattern: str) -> str:
    """The version a generated file checks for at import, as "major.minor.patch"."""
    found = re.search(pattern, path.read_text())
    if found is None:
        raise BuildError(
            f"the generated {path.name} does not name the runtime version it needs; "
            "grpcio-tools is too old or too new for this build script (need >= 1.66)"
        )
    return ".".join(found.groups())


_stubs_dir = None
_versions = None


def stubs() -> Path:
    """The folder holding this build's generated stubs (made once per build process)."""
    global _stubs_dir, _versions
    if _stubs_dir is None:
        _stubs_dir = Path(tempfile.mkdtemp(prefix="gemfill-stubs-"))
        atexit.register(shutil.rmtree, _stubs_dir, ignore_errors=True)
        _versions = generate_stubs(_stubs_dir)
    return _stubs_dir


def requirements() -> list:
    """The run-time dependencies: at least what the generated stubs were made for."""
    stubs()
    protobuf_major = int(_versions["protobuf"].split(".")[0])
    return [
        f"grpcio>={_versions['grpcio']}",
        # The `grpc-status-details-bin` trailer, where field violations travel.
        f"grpcio-status>={_versions['grpcio']}",
        f"protobuf>={_versions['protobuf']},<{protobuf_major + 1}",
    ]


class BuildPyWithStubs(build_py):
    """build_py that adds the generated ``gemfill.v1`` package next to the sources."""

    def run(self):
        super().run()
        # An editable install imports from the source folder (gitignored there).
        package_root = HERE if self.editable_mode else Path(self.build_lib)
        shutil.copytree(stubs() / PROTO.parent, package_root / PROTO.parent, dirs_exist_ok=True)


class SdistWithProto(sdist):
    """sdist that carries the .proto, so a wheel can be built from it anywhere."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        target = Path(base_dir, "proto", PROTO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(find_proto_root() / PROTO, target)


if __name__ == "__main__":
    setup(
        install_requires=requirements(),
        cmdclass={"build_py": BuildPyWithStubs, "sdist": SdistWithProto},
    )
