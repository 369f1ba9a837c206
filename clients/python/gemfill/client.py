"""The gemfill client: one gRPC channel to a ``gemfill serve`` and its calls."""

from __future__ import annotations

import itertools
import queue
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import grpc

from . import _requests, results
from ._requests import Inputs, Mode, SearchOptions, Tables
from ._stubs import pb, pb_grpc
from .errors import FieldViolation, GemfillError, Unavailable, from_rpc_error

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: The server answers a search a little before its deadline; the call itself waits this
#: much longer so that the answer has time to arrive.
_ANSWER_MARGIN_SECONDS = 5.0

#: Rows per Transform message by default, and the most the server takes in one.
_TRANSFORM_BATCH = 256
_TRANSFORM_MAX_BATCH = 1000

#: Transform messages sent and not yet answered: enough to keep the server busy while the
#: caller handles outputs, few enough that only a few batches of rows are held at once.
_TRANSFORM_IN_FLIGHT = 4

#: Responses can carry up to 10000 unlabeled rows times top_k programs: past gRPC's 4 MiB.
_MAX_RECEIVE_BYTES = 64 * 1024 * 1024


class Client:
    """A connection to a gemfill server.

    Args:
        addr: ``host:port`` of the server (``gemfill serve --listen``).
        token: the bearer token, for a server started with ``--auth-token-file``.
        tls: connect with TLS (a server started with ``--tls-cert``/``--tls-key``).
        root_certificates: PEM bytes, or the path of a PEM file, of the certificate
            authority to trust instead of the system's (e.g. a self-signed server
            certificate). Implies ``tls=True``.

    The channel connects lazily, on the first call. Use the client as a context manager,
    or call :meth:`close`, to close it::

        with gemfill.Client("127.0.0.1:50051") as client:
            result = client.synthesize([("John Smith", "Smith, J.")])

    Failed calls raise :class:`gemfill.GemfillError` subclasses (see
    :mod:`gemfill.errors`).
    """

    def __init__(
        self,
        addr: str = "127.0.0.1:50051",
        token: str | None = None,
        tls: bool = False,
        *,
        root_certificates: bytes | str | Path | None = None,
    ):
        self.addr = addr
        options = [("grpc.max_receive_message_length", _MAX_RECEIVE_BYTES)]
        if tls or root_certificates is not None:
            if isinstance(root_certificates, (str, Path)):
                root_certificates = Path(root_certificates).read_bytes()
            credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
            self._channel = grpc.secure_channel(addr, credentials, options=options)
        else:
            self._channel = grpc.insecure_channel(addr, options=options)
        self._stub = pb_grpc.SynthesizerStub(self._channel)
        # Sent as plain metadata rather than call credentials: gRPC refuses call
        # credentials on a channel without TLS, and a loopback server needs none.
        self._metadata: tuple[tuple[str, str], ...] = (
            (("authorization", f"Bearer {token}"),) if token else ()
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"gemfill.Client({self.addr!r})"

    def close(self) -> None:
        """Closes the channel; calls in progress are cancelled."""
        self._channel.close()

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Waits until the channel is connected; raises :class:`gemfill.Unavailable` when
        the server cannot be reached within ``timeout`` seconds."""
        try:
            grpc.channel_ready_future(self._channel).result(timeout=timeout)
        except grpc.FutureTimeoutError:
            raise Unavailable(
                grpc.StatusCode.UNAVAILABLE,
                f"no gemfill server answered at {self.addr} within {timeout} s",
            ) from None

    def synthesize(
        self,
        examples: Iterable[tuple[Inputs, str]],
        unlabeled: Iterable[Inputs] | None = None,
        timeout: float | None = None,
        mode: str | Mode | None = None,
        top_k: int | None = None,
        **options: Unpack[SearchOptions],
    ) -> results.SynthesisResult:
        """Finds programs that map each example's inputs to its output, best first.

        Args:
            examples: ``(inputs, output)`` pairs; inputs are a string (one column) or a
                sequence of strings (columns ``x0``, ``x1``, ...), e.g.
                ``[("John Smith", "Smith, J."), (["Ada", "Lovelace"], "Lovelace, A.")]``.
            unlabeled: rows without outputs (the rest of the column). Each program is run
                on them (:attr:`gemfill.Program.outputs`); ranking prefers programs that
                work on all of them, and rows where programs disagree are reported.
            timeout: seconds the search may take (the server's default is 10, its limit
                60). The call waits a few seconds longer for the answer.
            mode: ``"hybrid"``, ``"enumerative"`` or ``"neural"`` (:class:`gemfill.Mode`);
                None: the server's default.
            top_k: how many programs to return at most (None: the server's default, 5).
            **options: keyword-only (:class:`gemfill.SearchOptions`):
                ``tables``, lookup tables the programs may use
                (``{"name": {"key": "value"}}``, for ``lookup(@name, key)``);
                ``constants``, strings the program may need that the examples do not
                show; ``noise_tolerance``, when no program passes every example, return
                those passing most with the examples they contradict; ``seed``, for
                breaking ties (the same request and seed give the same programs).

        Returns:
            A :class:`gemfill.SynthesisResult`; its ``programs`` are empty when nothing
            was found in time.
        """
        request = _requests.synthesize_request(examples, unlabeled, timeout, mode, top_k, **options)
        response = self._unary(self._stub.Synthesize, request, _call_deadline(timeout))
        return results.synthesis(response)

    def synthesize_stream(
        self,
        examples: Iterable[tuple[Inputs, str]],
        unlabeled: Iterable[Inputs] | None = None,
        timeout: float | None = None,
        mode: str | Mode | None = None,
        top_k: int | None = None,
        **options: Unpack[SearchOptions],
    ) -> Iterator[results.Progress | results.BetterProgram | results.SynthesisResult]:
        """Like :meth:`synthesize` (same arguments), but yields the search's
        :class:`gemfill.Progress` and each :class:`gemfill.BetterProgram` as they happen,
        then the :class:`gemfill.SynthesisResult` as the last item. The server drops
        intermediate events rather than queue them for a slow reader; the result always
        comes. Closing the iterator early cancels the search."""
        request = _requests.synthesize_request(examples, unlabeled, timeout, mode, top_k, **options)
        return self._events(request, _call_deadline(timeout))

    def suggest_example(
        self,
        examples: Iterable[tuple[Inputs, str]],
        unlabeled: Iterable[Inputs],
        timeout: float | None = None,
        mode: str | Mode | None = None,
        top_k: int | None = None,
        *,
        tables: Tables | None = None,
        noise_tolerance: bool = False,
        seed: int | None = None,
    ) -> results.Suggestion:
        """Which unlabeled row to label next to tell the top programs apart.

        Takes the arguments of :meth:`synthesize` but ``constants`` (``unlabeled`` is
        required here) and returns a :class:`gemfill.Suggestion`: the row index (None when
        the programs agree on every row), the distinct outputs the programs give there,
        and the programs compared.
        """
        request = pb.SuggestExampleRequest(
            examples=_requests.example_messages(examples),
            unlabeled=_requests.row_messages(unlabeled, "unlabeled"),
            tables=_requests.table_messages(tables),
            options=_requests.options_message(timeout, mode, top_k, noise_tolerance, seed),
        )
        response = self._unary(self._stub.SuggestExample, request, _call_deadline(timeout))
        return results.suggestion(response)

    def execute(
        self,
        program: str,
        rows: Iterable[Inputs],
        *,
        tables: Tables | None = None,
        timeout: float | None = None,
    ) -> list[results.Output]:
        """Runs a program on rows; returns one :class:`gemfill.Output` per row, in order
        (a value, or the error that row met). A program that does not parse or type-check
        raises :class:`gemfill.InvalidArgument`.

        ``timeout`` (seconds) bounds the call; None waits as long as it takes.
        """
        request = pb.ExecuteRequest(
            program=program,
            rows=_requests.row_messages(rows, "rows"),
            tables=_requests.table_messages(tables),
        )
        response = self._unary(self._stub.Execute, request, timeout)
        return [results.output(o) for o in response.outputs]

    def transform(
        self,
        program: str,
        rows: Iterable[Inputs],
        *,
        tables: Tables | None = None,
        batch_size: int = _TRANSFORM_BATCH,
        timeout: float | None = None,
    ) -> Iterator[results.Output]:
        """Runs a program over any number of rows, streaming: yields one
        :class:`gemfill.Output` per row, in order.

        ``rows`` may be any iterable, e.g. a generator reading a file: it is read in
        batches of ``batch_size`` rows (1 to 1000) only as the server answers, so a few
        batches are held at a time whatever its length. The rows are read in the thread
        that iterates the outputs. When reading ``rows`` raises, the outputs of the rows
        before are yielded, then the exception is raised. Closing the iterator early
        cancels the call. ``timeout`` (seconds) bounds the whole stream.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError(f"batch_size: expected an int, got {type(batch_size).__name__}")
        if not 1 <= batch_size <= _TRANSFORM_MAX_BATCH:
            raise ValueError(f"batch_size: expected 1 to {_TRANSFORM_MAX_BATCH}, got {batch_size}")
        first = pb.TransformRequest(program=program, tables=_requests.table_messages(tables))
        return self._transform(first, iter(rows), batch_size, timeout)

    def explain(self, program: str, *, timeout: float | None = None) -> results.Explanation:
        """The canonical text of a program and what it does in plain English (a
        :class:`gemfill.Explanation`)."""
        response = self._unary(self._stub.Explain, pb.ExplainRequest(program=program), timeout)
        return results.explanation(response)

    def _unary(self, method, request, timeout: float | None):
        try:
            return method(request, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    def _events(self, request: pb.SynthesizeRequest, deadline: float | None) -> Iterator:
        # The call starts on the first next(), not when the iterator is made.
        call = self._stub.SynthesizeStream(request, timeout=deadline, metadata=self._metadata)
        try:
            for event in call:
                yield results.synthesis_event(event)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        finally:
            call.cancel()

    def _transform(
        self, first: pb.TransformRequest, rows: Iterator, batch_size: int, timeout
    ) -> Iterator[results.Output]:
        # The caller's thread reads `rows` (an iterable may be tied to its thread, like a
        # database cursor) and hands batches to gRPC's sending thread through `outbox`;
        # None ends the stream.
        outbox: queue.SimpleQueue[pb.TransformRequest | None] = queue.SimpleQueue()

        def requests():
            yield first
            while (message := outbox.get()) is not None:
                yield message

        call = self._stub.Transform(requests(), timeout=timeout, metadata=self._metadata)
        sent = answered = read = 0
        exhausted = False
        failure: BaseException | None = None
        try:
            while True:
                while not exhausted and sent - answered < _TRANSFORM_IN_FLIGHT:
                    batch, failure = _read_batch(rows, read, batch_size)
                    if batch:
                        outbox.put(pb.TransformRequest(rows=batch))
                        sent += 1
                        read += len(batch)
                    if failure is not None or len(batch) < batch_size:
                        exhausted = True
                        outbox.put(None)
                response = next(call, None)
                if response is None:
                    break
                answered += 1
                for o in response.outputs:
                    yield results.output(o)
        except grpc.RpcError as error:
            raise _transform_error(from_rpc_error(error), batch_size) from None
        finally:
            outbox.put(None)
            call.cancel()
        if failure is not None:
            raise failure


def _read_batch(rows: Iterator, first: int, batch_size: int):
    """Up to ``batch_size`` rows as Row messages, and the exception reading them raised
    (None when none did): the rows read before it are still sent."""
    batch: list[pb.Row] = []
    try:
        for row in itertools.islice(rows, batch_size):
            batch.append(pb.Row(inputs=_requests.inputs(row, f"rows[{first + len(batch)}]")))
    except Exception as error:
        return batch, error
    return batch, None


_MESSAGE_ROW = re.compile(r"messages\[(\d+)\]\.rows\[(\d+)\]")


def _transform_error(error: GemfillError, batch_size: int) -> GemfillError:
    """The error with the server's ``messages[i].rows[j]`` field paths rewritten to the
    caller's ``rows[n]``: message 0 carries the program, each later one a batch."""

    def caller_row(found: re.Match[str]) -> str:
        message, row = int(found.group(1)), int(found.group(2))
        return f"rows[{(message - 1) * batch_size + row}]"

    error.message = _MESSAGE_ROW.sub(caller_row, error.message)
    error.field_violations = [
        FieldViolation(_MESSAGE_ROW.sub(caller_row, v.field), v.description)
        for v in error.field_violations
    ]
    return error


def _call_deadline(search_timeout: float | None) -> float | None:
    """The gRPC deadline of a search call: the search time plus a margin for the answer."""
    if search_timeout is None:
        return None
    return search_timeout + _ANSWER_MARGIN_SECONDS
