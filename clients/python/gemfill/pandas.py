"""Flash Fill a pandas DataFrame column: :func:`fill`.

Needs pandas: ``pip install "./clients/python[pandas]"``. ::

    import pandas as pd
    import gemfill.pandas

    people = pd.DataFrame({
        "first": ["John", "Ada", "Grace"],
        "last": ["Smith", "Lovelace", "Hopper"],
        "cited": ["Smith, J.", "Lovelace, A.", None],
    })
    filled, program = gemfill.pandas.fill(people, target="cited", inputs=["first", "last"])
    # filled.cited[2] == "Hopper, G."; program.text is the program that filled it
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

try:
    import numpy as np
    import pandas as pd
except ImportError as error:  # pragma: no cover - only without the extra
    raise ImportError(
        'gemfill.pandas needs pandas: pip install "gemfill[pandas]" '
        '(from a clone: pip install "./clients/python[pandas]")'
    ) from error

from ._requests import Mode
from .client import Client
from .results import Program, SynthesisResult

#: The server's limits on one Synthesize request (see the .proto); beyond them the helper
#: synthesizes from the first rows and runs the program over the rest with Transform.
MAX_EXAMPLES = 1000
MAX_UNLABELED = 10000


class NoProgramFound(Exception):
    """No program reproduces the filled cells within the time limit; ``result`` holds
    the search's :class:`gemfill.SynthesisResult` (its stats say why it stopped)."""

    def __init__(self, message: str, result: SynthesisResult):
        super().__init__(message)
        self.result = result


@dataclass
class FillResult:
    """What :func:`fill` did. Unpacks as ``(frame, program)``.

    Attributes:
        frame: a copy of the DataFrame with the empty target cells filled.
        program: the program that filled them (``program.text``; ``program.confidence``
            when the server reports one).
        synthesis: the whole :class:`gemfill.SynthesisResult` (the other candidates).
        filled: index labels of the cells that were filled.
        failed: index label to error, for the empty cells where the program fails; they
            stay empty.
        suggested_row: index label of the empty row where the top programs disagree most,
            the one worth checking (and filling by hand) first; None when they agree.
        mismatched: index label to ``(cell, program output)`` for filled cells the program
            does not reproduce; only past :data:`MAX_EXAMPLES` filled cells, when the
            program was synthesized from the first ones and checked on the others.
    """

    frame: pd.DataFrame
    program: Program
    synthesis: SynthesisResult
    filled: list[Any] = field(default_factory=list)
    failed: dict[Any, str] = field(default_factory=dict)
    suggested_row: Any | None = None
    mismatched: dict[Any, tuple[str, str]] = field(default_factory=dict)

    def __iter__(self) -> Iterator:
        yield self.frame
        yield self.program


def fill(
    df: pd.DataFrame,
    target: str,
    inputs: str | Sequence[str] | None = None,
    client: str | Client | None = None,
    *,
    timeout: float | None = None,
    mode: str | Mode | None = None,
    top_k: int | None = None,
) -> FillResult:
    """Fills the empty cells of column ``target`` the way its filled cells show.

    The rows whose ``target`` cell is filled are the examples (their ``inputs`` cells map
    to the target cell); the rows whose cell is empty (NaN, None or ``""``) are filled
    with the best program's output. Rows where the program fails stay empty and are
    listed in :attr:`FillResult.failed`. The DataFrame itself is not changed.

    Args:
        df: the table.
        target: the column to fill.
        inputs: the input columns, in the order the program sees them (``x0``, ``x1``,
            ...); default: every column except ``target``.
        client: a :class:`gemfill.Client`, or the address of a server (a client is
            opened and closed for the call); default ``127.0.0.1:50051``.
        timeout, mode, top_k: as for :meth:`gemfill.Client.synthesize`.

    Cells are given to the program as text: ``str(value)``, and ``""`` for a missing
    input. The filled column keeps a pandas string dtype; any other dtype becomes
    ``object`` (the outputs are strings).

    Returns:
        A :class:`FillResult`; ``filled_df, program = fill(...)`` unpacks it.

    Raises:
        ValueError: a column is missing, or ``target`` has no filled cell to learn from.
        NoProgramFound: no program reproduces the filled cells.
        gemfill.GemfillError: the call failed (e.g. :class:`gemfill.Unavailable`).
    """
    input_columns = _input_columns(df, target, inputs)
    column = df[target]
    empty = (column.isna() | (column.astype(object) == "")).to_numpy(dtype=bool)
    example_positions = np.flatnonzero(~empty)
    empty_positions = np.flatnonzero(empty)
    if len(example_positions) == 0:
        raise ValueError(f"column {target!r} has no filled cell to learn from: fill a few first")

    cells = [
        [_text(value) for value in row]
        for row in df[input_columns].itertuples(index=False, name=None)
    ]
    targets = [_text(value) for value in column]
    examples = [(cells[p], targets[p]) for p in example_positions[:MAX_EXAMPLES]]
    unlabeled = [cells[p] for p in empty_positions]

    owned = not isinstance(client, Client)
    session = Client(client) if isinstance(client, str) else (client or Client())
    try:
        synthesis = session.synthesize(
            examples, unlabeled[:MAX_UNLABELED], timeout=timeout, mode=mode, top_k=top_k
        )
        program = synthesis.best
        if program is None:
            raise NoProgramFound(
                f"no program reproduces the {len(examples)} filled cells of {target!r} "
                f"({synthesis.stats.stop_message})",
                synthesis,
            )
        outputs = list(program.outputs)
        if len(unlabeled) > MAX_UNLABELED:
            outputs = list(session.transform(program.text, unlabeled))
        checked = example_positions[MAX_EXAMPLES:]
        checks = []
        if len(checked):
            checks = list(session.transform(program.text, [cells[p] for p in checked]))
    finally:
        if owned:
            session.close()

    labels = df.index
    values = column.astype(object).to_numpy(copy=True)
    result = FillResult(frame=df.copy(), program=program, synthesis=synthesis)
    for position, out in zip(empty_positions, outputs):
        if out.value is not None:
            values[position] = out.value
            result.filled.append(labels[position])
        else:
            result.failed[labels[position]] = out.error or ""
    for position, out in zip(checked, checks):
        if out.value != targets[position]:
            got = out.value if out.value is not None else f"<error: {out.error}>"
            result.mismatched[labels[position]] = (targets[position], got)
    if synthesis.suggested_row is not None:
        result.suggested_row = labels[empty_positions[synthesis.suggested_row]]

    filled_column = pd.Series(values, index=labels, name=target, dtype=object)
    if isinstance(column.dtype, pd.StringDtype):
        filled_column = filled_column.astype(column.dtype)
    result.frame[target] = filled_column
    return result


def _input_columns(df: pd.DataFrame, target: str, inputs) -> list[str]:
    """The input column names, checked against the frame."""
    if target not in df.columns:
        raise ValueError(f"no column {target!r}; the columns are {list(df.columns)!r}")
    if inputs is None:
        columns = [c for c in df.columns if c != target]
    elif isinstance(inputs, str):
        columns = [inputs]
    else:
        columns = list(inputs)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r}; the columns are {list(df.columns)!r}")
    if target in columns:
        raise ValueError(f"the target {target!r} cannot be one of its own inputs")
    if not columns:
        raise ValueError("no input column: the frame has only the target column")
    return columns


def _text(value: Any) -> str:
    """A cell as the text the program sees."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    missing = pd.isna(value)  # an array for a list-like cell, which is not missing
    if isinstance(missing, (bool, np.bool_)) and missing:
        return ""
    return str(value)
