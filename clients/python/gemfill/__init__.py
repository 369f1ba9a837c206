"""gemfill: string-transformation programs from examples, Flash Fill style.

The Python client of the gemfill service (``gemfill serve``). Show it a few inputs and the
outputs you want; it answers with ranked programs in gemfill's small language, which you
can read, keep, and run on more data::

    import gemfill

    with gemfill.Client("127.0.0.1:50051") as client:
        result = client.synthesize(
            [("John Smith", "Smith, J."), ("Ada Lovelace", "Lovelace, A.")],
            unlabeled=["Grace Hopper"],
        )
        print(result.best.text)               # concat(token(x, Word, -1), ", ", ...)
        print(result.best.outputs[0].value)   # Hopper, G.
        for out in client.transform(result.best.text, open("names.txt").read().splitlines()):
            print(out.value if out.ok else out.error)

Module map:

=======================  ===========================================================
module                   what it holds
=======================  ===========================================================
:mod:`gemfill.client`    :class:`Client`: synthesize, synthesize_stream, suggest_example,
                         execute, transform (streaming), explain
:mod:`gemfill.results`   the values calls return (:class:`SynthesisResult`,
                         :class:`Program`, :class:`Output`, ...)
:mod:`gemfill.errors`    :class:`GemfillError` and its subclasses, by gRPC status
:mod:`gemfill.pandas`    :func:`gemfill.pandas.fill`: fill the empty cells of a
                         DataFrame column (needs the ``pandas`` extra)
``gemfill.v1``           the gRPC stubs, generated from the .proto at build time
=======================  ===========================================================
"""

from importlib import metadata as _metadata

from ._requests import Mode, SearchOptions
from .client import Client
from .errors import (
    Cancelled,
    DeadlineExceeded,
    FailedPrecondition,
    FieldViolation,
    GemfillError,
    InvalidArgument,
    ResourceExhausted,
    Unauthenticated,
    Unavailable,
)
from .results import (
    BetterProgram,
    Disagreement,
    Explanation,
    Output,
    Program,
    Progress,
    SearchStats,
    Suggestion,
    SynthesisResult,
)

try:
    __version__ = _metadata.version("gemfill")
except _metadata.PackageNotFoundError:  # pragma: no cover - an unbuilt source folder
    __version__ = "0+unknown"

__all__ = [
    "BetterProgram",
    "Cancelled",
    "Client",
    "DeadlineExceeded",
    "Disagreement",
    "Explanation",
    "FailedPrecondition",
    "FieldViolation",
    "GemfillError",
    "InvalidArgument",
    "Mode",
    "Output",
    "Program",
    "Progress",
    "ResourceExhausted",
    "SearchOptions",
    "SearchStats",
    "Suggestion",
    "SynthesisResult",
    "Unauthenticated",
    "Unavailable",
]


def __getattr__(name):
    # `gemfill.pandas` without a separate import, yet pandas stays optional: it is imported
    # only when the helper is first used.
    if name == "pandas":
        import importlib

        return importlib.import_module(".pandas", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
