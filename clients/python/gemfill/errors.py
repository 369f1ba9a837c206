"""Errors of gemfill calls, as Python exceptions.

Every failed call raises a :class:`GemfillError` subclass chosen by its gRPC status code,
carrying the code, the server's message and, for malformed requests, the
``google.rpc.BadRequest`` field violations the server attached (one per problem, so a
caller can fix them all in one round)::

    try:
        client.synthesize([("a", "A"), (["b", "c"], "B")])
    except gemfill.InvalidArgument as error:
        print(error.field_violations)
        # [FieldViolation(field='examples[1].inputs', description='...')]

=========================  ==================================================
exception                  when
=========================  ==================================================
:class:`InvalidArgument`   the request breaks a rule or limit of the API
:class:`FailedPrecondition` the mode needs a model the server did not load
:class:`Unauthenticated`   the server wants a token and got none or a wrong one
:class:`ResourceExhausted` the server is at its concurrency limit: retry later
:class:`DeadlineExceeded`  the call's deadline passed
:class:`Unavailable`       the server cannot be reached
:class:`Cancelled`         the call was cancelled
:class:`GemfillError`      any other status (the base class of all of these)
=========================  ==================================================
"""

from __future__ import annotations

from typing import NamedTuple

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


class FieldViolation(NamedTuple):
    """One problem with one field of a request: ``field`` is a path such as
    ``examples[2].inputs``; ``description`` says what is wrong and how to fix it."""

    field: str
    description: str


class GemfillError(Exception):
    """A gemfill call failed.

    Attributes:
        code: the gRPC status code (a :class:`grpc.StatusCode`).
        message: the server's explanation.
        field_violations: the offending request fields, for INVALID_ARGUMENT (empty
            otherwise).
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        field_violations: list[FieldViolation] | None = None,
    ):
        self.code = code
        self.message = message
        self.field_violations = list(field_violations or [])
        # The arguments as given, so that the exception pickles (copied to other processes).
        super().__init__(code, message, self.field_violations)

    def __str__(self) -> str:
        lines = [f"{self.code.name}: {self.message}"]
        # The server's message already spells out the first problem; list the others.
        lines += [
            f"  {v.field}: {v.description}"
            for v in self.field_violations
            if f"{v.field}: {v.description}" not in self.message
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code.name}, message={self.message!r}, "
            f"field_violations={self.field_violations!r})"
        )


class InvalidArgument(GemfillError):
    """The request breaks a rule or a limit of the API; see :attr:`field_violations`."""


class FailedPrecondition(GemfillError):
    """The server cannot do this now, e.g. a mode that needs a model it did not load."""


class Unauthenticated(GemfillError):
    """The server needs a bearer token: pass ``token=`` to :class:`gemfill.Client`."""


class ResourceExhausted(GemfillError):
    """The server is at its concurrency limit; retry with backoff."""


class DeadlineExceeded(GemfillError):
    """The call's deadline passed before the server answered."""


class Unavailable(GemfillError):
    """The server cannot be reached (not running, wrong address, or TLS mismatch)."""


class Cancelled(GemfillError):
    """The call was cancelled."""


_BY_CODE = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.CANCELLED: Cancelled,
}


def from_rpc_error(error: grpc.RpcError) -> GemfillError:
    """The :class:`GemfillError` for a failed gRPC call, with the field violations of its
    ``grpc-status-details-bin`` trailer."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    message = error.details() if hasattr(error, "details") else str(error)
    exception = _BY_CODE.get(code, GemfillError)
    return exception(code, message or "", _field_violations(error))


def _field_violations(error: grpc.RpcError) -> list[FieldViolation]:
    """The BadRequest field violations among a failed call's status details."""
    if not hasattr(error, "trailing_metadata"):
        return []
    try:
        status = rpc_status.from_call(error)
    except ValueError:
        # The details disagree with the status line: the details are not for this error.
        return []
    if status is None:
        return []
    violations = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations += [
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            ]
    return violations
