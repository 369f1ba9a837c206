"""Python values to request messages, with TypeErrors that name the offending argument.

The server checks every rule and limit of the API (and answers INVALID_ARGUMENT with field
violations); this module only turns Python shapes into messages and refuses values that
have no message form (a number where a string belongs, say), so a caller never gets a
protobuf TypeError about a field it did not write.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict, Union

from ._stubs import pb

#: One row's inputs: a string (one column) or a sequence of strings (columns x0, x1, ...).
Inputs = Union[str, Sequence[str]]

#: ``{"table name": {"key": "value", ...}, ...}``: lookup tables programs use as
#: ``lookup(@name, key)``.
Tables = Mapping[str, Mapping[str, str]]


class SearchOptions(TypedDict, total=False):
    """The keyword-only options of :meth:`gemfill.Client.synthesize` and
    :meth:`gemfill.Client.synthesize_stream`."""

    #: Lookup tables the programs may use.
    tables: Tables
    #: Strings the program may need that the examples do not show (e.g. a separator).
    constants: Sequence[str]
    #: When no program passes every example, return those passing most, with the
    #: examples they contradict (:attr:`gemfill.Program.contradicted_examples`).
    noise_tolerance: bool
    #: Seed for breaking ties: the same request and seed give the same programs.
    seed: int


class Mode(str, enum.Enum):
    """Which parts of the engine a search uses (the server's default when not given)."""

    #: The model's proposals first, then enumeration guided by the model. Needs a model.
    HYBRID = "hybrid"
    #: Only the symbolic engine: enumeration, output splitting and conditionals.
    ENUMERATIVE = "enumerative"
    #: Only the model's whole-program proposals and their repairs. Needs a model.
    NEURAL = "neural"


_UINT32_MAX = 2**32 - 1
_UINT64_MAX = 2**64 - 1

_MODES = {
    Mode.HYBRID: pb.MODE_HYBRID,
    Mode.ENUMERATIVE: pb.MODE_ENUMERATIVE,
    Mode.NEURAL: pb.MODE_NEURAL,
}


def inputs(row: Inputs, where: str) -> list[str]:
    """A row's input columns as a list of strings."""
    if isinstance(row, str):
        return [row]
    if isinstance(row, (bytes, bytearray)) or not isinstance(row, Iterable):
        raise TypeError(
            f"{where}: expected a string or a sequence of strings, got {type(row).__name__}"
        )
    columns = list(row)
    for i, value in enumerate(columns):
        if not isinstance(value, str):
            raise TypeError(
                f"{where}[{i}]: expected a string, got {type(value).__name__} {value!r}"
            )
    return columns


def example_messages(pairs: Iterable) -> list[pb.Example]:
    """``[(inputs, output), ...]`` as Example messages."""
    if isinstance(pairs, (str, bytes)):
        raise TypeError("examples: expected a list of (inputs, output) pairs, got a string")
    messages = []
    for i, pair in enumerate(pairs):
        where = f"examples[{i}]"
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise TypeError(f"{where}: expected an (inputs, output) pair, got {pair!r}")
        row, out = pair
        if not isinstance(out, str):
            raise TypeError(
                f"{where}: the output must be a string, got {type(out).__name__} {out!r}"
            )
        messages.append(pb.Example(inputs=inputs(row, f"{where} inputs"), output=out))
    return messages


def row_messages(values: Iterable[Inputs] | None, name: str, first: int = 0) -> list[pb.Row]:
    """Rows of inputs as Row messages; ``first`` is the index of the first one in errors."""
    if values is None:
        return []
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name}: expected a list of rows, got a string")
    return [pb.Row(inputs=inputs(row, f"{name}[{first + i}]")) for i, row in enumerate(values)]


def table_messages(values: Tables | None) -> list[pb.Table]:
    """``{"name": {"key": "value", ...}, ...}`` as Table messages."""
    if values is None:
        return []
    if not isinstance(values, Mapping):
        raise TypeError("tables: expected a mapping of table name to {key: value} mapping")
    messages = []
    for name, entries in values.items():
        if not isinstance(name, str) or not isinstance(entries, Mapping):
            raise TypeError(f"tables[{name!r}]: expected a str name and a {{key: value}} mapping")
        for key, value in entries.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"tables[{name!r}][{key!r}]: keys and values must be strings")
        messages.append(pb.Table(name=name, entries=dict(entries)))
    return messages


def mode(value: str | Mode | None) -> pb.Mode:
    """A mode name (or :class:`Mode`) as the proto's enum value; None: the server's default."""
    if value is None:
        return pb.MODE_UNSPECIFIED
    try:
        return _MODES[Mode(value.lower() if isinstance(value, str) else value)]
    except ValueError:
        names = ", ".join(repr(m.value) for m in Mode)
        raise ValueError(f"mode: expected one of {names} or None, got {value!r}") from None


def search_milliseconds(timeout: float | None) -> int:
    """A search time in seconds as the proto's deadline_ms (0: the server's default)."""
    if timeout is None:
        return 0
    if not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"timeout: expected a positive number of seconds, got {timeout!r}")
    # Past the field's range the server could not even be told; it refuses anything over
    # its limit (60 s) with a field violation, so saturate rather than fail here.
    return min(max(1, round(timeout * 1000)), _UINT32_MAX)


def count(value: int | None, name: str, largest: int) -> int:
    """A non-negative integer option up to ``largest`` (0 and None: the server's default)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= largest:
        raise ValueError(f"{name}: expected an integer from 0 to {largest}, got {value!r}")
    return value


def options_message(
    timeout: float | None,
    search_mode: str | Mode | None,
    top_k: int | None,
    noise_tolerance: bool,
    seed: int | None,
) -> pb.SynthesisOptions:
    """The search options of a Synthesize or SuggestExample request."""
    return pb.SynthesisOptions(
        deadline_ms=search_milliseconds(timeout),
        top_k=count(top_k, "top_k", _UINT32_MAX),
        mode=mode(search_mode),
        noise_tolerance=bool(noise_tolerance),
        seed=count(seed, "seed", _UINT64_MAX),
    )


def synthesize_request(
    examples: Iterable,
    unlabeled: Iterable[Inputs] | None,
    timeout: float | None,
    search_mode: str | Mode | None,
    top_k: int | None,
    *,
    tables: Tables | None = None,
    constants: Sequence[str] | None = None,
    noise_tolerance: bool = False,
    seed: int | None = None,
) -> pb.SynthesizeRequest:
    """A SynthesizeRequest (the keyword arguments are :class:`SearchOptions`)."""
    constants = list(constants or [])
    for i, constant in enumerate(constants):
        if not isinstance(constant, str):
            raise TypeError(f"constants[{i}]: expected a string, got {constant!r}")
    return pb.SynthesizeRequest(
        examples=example_messages(examples),
        unlabeled=row_messages(unlabeled, "unlabeled"),
        tables=table_messages(tables),
        options=options_message(timeout, search_mode, top_k, noise_tolerance, seed),
        constants=constants,
    )
