"""The gRPC stubs generated from proto/gemfill/v1/gemfill.proto when the package is built.

They live in ``gemfill.v1`` (the proto's own package name). Importing ``gemfill`` from a
source folder that was never built finds no stubs; say how to get them.
"""

try:
    from .v1 import gemfill_pb2 as pb
    from .v1 import gemfill_pb2_grpc as pb_grpc
except ModuleNotFoundError as error:  # pragma: no cover - only in an unbuilt source folder
    if not (error.name or "").startswith(__package__ + ".v1"):
        raise
    raise ImportError(
        "gemfill's generated gRPC stubs (gemfill.v1) are missing: this is an unbuilt source "
        "folder. Install the package, which generates them from the .proto: "
        "pip install ./clients/python (or pip install -e ./clients/python)"
    ) from error

__all__ = ["pb", "pb_grpc"]
