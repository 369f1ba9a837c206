"""What gemfill calls return: plain, immutable Python values made from the responses.

``Synthesize`` gives a :class:`SynthesisResult` (ranked :class:`Program` objects, the
:class:`Disagreement` rows and :class:`SearchStats`); ``Execute`` and ``Transform`` give
:class:`Output` values; ``SuggestExample`` a :class:`Suggestion`; ``Explain`` an
:class:`Explanation`; ``SynthesizeStream`` :class:`Progress` and :class:`BetterProgram`
events before its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._stubs import pb


@dataclass(frozen=True)
class Output:
    """A program's result on one row: a ``value`` or, when the program cannot produce one
    there (e.g. no third word), an ``error``. Exactly one of the two is set."""

    value: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the program produced a value on this row."""
        return self.error is None


@dataclass(frozen=True)
class Program:
    """One synthesized program.

    Attributes:
        text: the canonical program text; run it with :meth:`gemfill.Client.execute` or
            :meth:`gemfill.Client.transform`.
        score: ranking score, higher is better; comparable only within one result.
        size: number of nodes in the program's syntax tree.
        type: the type of value the program returns: ``"Str"``, ``"Int"`` or ``"Bool"``.
        outputs: the program's :class:`Output` on each unlabeled row, in order.
        passed_examples: how many examples the program reproduces.
        contradicted_examples: indices of the examples it does not reproduce (suspected
            mistakes; only with ``noise_tolerance=True``, empty otherwise).
        confidence: the server's probability (0..1) that this program is right on new
            rows, or None when the server does not report one. Servers whose API has no
            ``Program.confidence`` field yet, or that leave it unset, give None.
    """

    text: str
    score: float
    size: int
    type: str
    outputs: tuple[Output, ...]
    passed_examples: int
    contradicted_examples: tuple[int, ...]
    confidence: float | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Disagreement:
    """An unlabeled row (index ``row``) where the returned programs give different
    ``outputs`` (distinct, in rank order; a failure reads ``<error: message>``)."""

    row: int
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class SearchStats:
    """How a search went.

    ``stop_reason`` is one of ``"found"``, ``"deadline"``, ``"exhausted"``,
    ``"cancelled"``, ``"memory_limit"``, ``"candidate_limit"``; ``stop_message`` says it
    in English. ``mode`` is the mode the search ran in (``"enumerative"``, ``"hybrid"``
    or ``"neural"``).
    """

    stop_reason: str
    stop_message: str
    elapsed_ms: float
    candidates: int
    levels: int
    verified: int
    proposals: int
    mode: str
    peak_bank_bytes: int


@dataclass(frozen=True)
class SynthesisResult:
    """The programs found, best first, and what to label next.

    Attributes:
        programs: the programs, best first (empty when nothing was found in time).
        disagreements: unlabeled rows where the programs disagree.
        stats: how the search went.
        confidence: the server's confidence in the answer as a whole, when it reports one
            (a response-level ``confidence`` field), else the best program's; None when the
            server reports none.
    """

    programs: tuple[Program, ...]
    disagreements: tuple[Disagreement, ...]
    stats: SearchStats
    confidence: float | None = None

    @property
    def best(self) -> Program | None:
        """The top-ranked program, or None when nothing was found."""
        return self.programs[0] if self.programs else None

    @property
    def suggested_row(self) -> int | None:
        """The unlabeled row worth labeling next: where the programs give the most
        distinct outputs (the earliest such row); None when they agree everywhere."""
        if not self.disagreements:
            return None
        return max(self.disagreements, key=lambda d: len(d.outputs)).row


@dataclass(frozen=True)
class Suggestion:
    """The unlabeled row worth labeling next (``row``, None when the programs agree on
    every row) and the distinct outputs the top programs give there."""

    row: int | None
    candidate_outputs: tuple[str, ...]
    programs: tuple[Program, ...]
    stats: SearchStats


@dataclass(frozen=True)
class Explanation:
    """A program in canonical form and in plain English."""

    canonical_text: str
    description: str
    type: str
    num_inputs: int
    size: int


@dataclass(frozen=True)
class Progress:
    """A streaming search's progress: its ``phase`` (``"enumeration"``, ``"proposals"``,
    ...), the enumeration ``level`` reached, ``candidates`` evaluated so far and the time
    since it started."""

    phase: str
    level: int
    candidates: int
    elapsed_ms: float


@dataclass(frozen=True)
class BetterProgram:
    """A streaming search found a better program (verified on the search's current
    examples, not necessarily on all of them yet)."""

    text: str


def reported_confidence(message) -> float | None:
    """The message's ``confidence`` field when its proto has one and the server set it.

    The API gains a confidence field in a later version; reading it by name keeps this
    client working against servers from before and after. A field with presence
    (``optional double`` or a ``google.protobuf.DoubleValue`` wrapper) that is unset
    reads as None; a plain proto3 scalar has no presence and is read as sent.
    """
    field = message.DESCRIPTOR.fields_by_name.get("confidence")
    if field is None:
        return None
    try:
        if not message.HasField("confidence"):
            return None
    except ValueError:
        pass  # no presence: always read
    value = message.confidence
    if field.message_type is not None:
        value = value.value
    return float(value)


def output(message: pb.Output) -> Output:
    """An Output message as an :class:`Output`."""
    if message.WhichOneof("result") == "value":
        return Output(value=message.value)
    return Output(error=message.error)


def program(message: pb.Program) -> Program:
    """A Program message as a :class:`Program`."""
    return Program(
        text=message.text,
        score=message.score,
        size=message.size,
        type=message.type,
        outputs=tuple(output(o) for o in message.unlabeled_results),
        passed_examples=message.passed_examples,
        contradicted_examples=tuple(message.contradicted_examples),
        confidence=reported_confidence(message),
    )


_STOP_REASON_PREFIX = "STOP_REASON_"


def stats(message: pb.SearchStats) -> SearchStats:
    """A SearchStats message as :class:`SearchStats`."""
    reason = pb.StopReason.Name(message.stop_reason)
    return SearchStats(
        stop_reason=reason[len(_STOP_REASON_PREFIX) :].lower(),
        stop_message=message.stop_message,
        elapsed_ms=message.elapsed_ms,
        candidates=message.candidates,
        levels=message.levels,
        verified=message.verified,
        proposals=message.proposals,
        mode=message.mode,
        peak_bank_bytes=message.peak_bank_bytes,
    )


def synthesis(message: pb.SynthesizeResponse) -> SynthesisResult:
    """A SynthesizeResponse as a :class:`SynthesisResult`."""
    programs = tuple(program(p) for p in message.programs)
    confidence = reported_confidence(message)
    if confidence is None and programs:
        confidence = programs[0].confidence
    return SynthesisResult(
        programs=programs,
        disagreements=tuple(
            Disagreement(row=d.row, outputs=tuple(d.outputs)) for d in message.disagreements
        ),
        stats=stats(message.stats),
        confidence=confidence,
    )


def suggestion(message: pb.SuggestExampleResponse) -> Suggestion:
    """A SuggestExampleResponse as a :class:`Suggestion`."""
    return Suggestion(
        row=message.row if message.has_suggestion else None,
        candidate_outputs=tuple(message.candidate_outputs),
        programs=tuple(program(p) for p in message.programs),
        stats=stats(message.stats),
    )


def explanation(message: pb.ExplainResponse) -> Explanation:
    """An ExplainResponse as an :class:`Explanation`."""
    return Explanation(
        canonical_text=message.canonical_text,
        description=message.description,
        type=message.type,
        num_inputs=message.num_inputs,
        size=message.size,
    )


def synthesis_event(message: pb.SynthesizeEvent):
    """A SynthesizeEvent as :class:`Progress`, :class:`BetterProgram` or the final
    :class:`SynthesisResult`."""
    kind = message.WhichOneof("event")
    if kind == "progress":
        p = message.progress
        return Progress(
            phase=p.phase, level=p.level, candidates=p.candidates, elapsed_ms=p.elapsed_ms
        )
    if kind == "better_program":
        return BetterProgram(text=message.better_program)
    return synthesis(message.result)
