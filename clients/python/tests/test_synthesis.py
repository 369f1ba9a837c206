"""Synthesize, SynthesizeStream and SuggestExample against a real server."""

import time

import gemfill

NAMES = [("John Smith", "SMITH"), ("Ada Lovelace", "LOVELACE")]


def test_synthesize_ranks_programs_and_runs_them_on_unlabeled_rows(client):
    result = client.synthesize(NAMES, unlabeled=["Grace Hopper", "Alan Turing"], top_k=3)

    assert isinstance(result, gemfill.SynthesisResult)
    assert 1 <= len(result.programs) <= 3
    best = result.best
    assert best is result.programs[0]
    assert [o.value for o in best.outputs] == ["HOPPER", "TURING"]
    assert all(o.ok for o in best.outputs)
    assert best.passed_examples == 2
    assert best.contradicted_examples == ()
    assert best.type == "Str" and best.size > 0
    scores = [p.score for p in result.programs]
    assert scores == sorted(scores, reverse=True)
    assert result.stats.stop_reason == "found"
    assert result.stats.mode == "enumerative"
    assert result.stats.candidates > 0
    # This server's API has no confidence field yet: nothing is made up.
    assert best.confidence is None and result.confidence is None
    assert str(best) == best.text


def test_synthesized_program_runs_the_same_through_execute(client):
    best = client.synthesize(NAMES).best
    assert [o.value for o in client.execute(best.text, ["Grace Hopper"])] == ["HOPPER"]


def test_examples_with_several_input_columns(client):
    result = client.synthesize(
        [(["John", "Smith"], "Smith, John"), (("Ada", "Lovelace"), "Lovelace, Ada")],
        unlabeled=[["Grace", "Hopper"]],
    )
    assert result.best.outputs[0].value == "Hopper, Grace"


def test_lookup_tables_and_modes(client):
    result = client.synthesize(
        [("US", "United States")],
        unlabeled=["FR"],
        tables={"countries": {"US": "United States", "FR": "France"}},
        mode=gemfill.Mode.ENUMERATIVE,
        timeout=5,
        seed=7,
    )
    assert result.best.text == "lookup(@countries, x)"
    assert result.best.outputs[0].value == "France"
    assert client.synthesize(NAMES, mode="Enumerative").stats.mode == "enumerative"


def test_disagreements_name_the_row_to_label_next(client):
    # One example cannot tell "the first word" from "the first word, title-cased": they
    # differ only on the lower-case row.
    result = client.synthesize([("John Smith", "John")], unlabeled=["Ada Lovelace", "x"], top_k=5)
    assert result.disagreements, result
    for disagreement in result.disagreements:
        assert disagreement.row in (0, 1)
        assert len(set(disagreement.outputs)) == len(disagreement.outputs) >= 2
    assert result.suggested_row == 1


def test_suggest_example_picks_the_row_that_tells_programs_apart(client):
    suggestion = client.suggest_example([("John Smith", "John")], ["Ada Lovelace", "x"], top_k=5)
    assert suggestion.row == 1
    assert len(suggestion.candidate_outputs) >= 2
    assert "x" in suggestion.candidate_outputs
    assert suggestion.programs and suggestion.stats.stop_reason == "found"


def test_suggest_example_without_disagreement(client):
    suggestion = client.suggest_example([("a", "A"), ("b", "B")], ["a"], top_k=1)
    assert suggestion.row is None
    assert suggestion.candidate_outputs == ()


def test_noise_tolerance_names_the_contradicted_example(client):
    # The same input twice with different outputs: no program (not even a conditional)
    # passes both, so one of them must be the mistake.
    examples = [
        ("John Smith", "Smith"),
        ("Ada Lovelace", "Lovelace"),
        ("Grace Hopper", "Hopper"),
        ("Grace Hopper", "Hoper"),  # a typo
    ]
    result = client.synthesize(examples, noise_tolerance=True, timeout=10)
    plain = [p for p in result.programs if p.contradicted_examples == (3,)]
    assert plain, result.programs
    assert plain[0].passed_examples == 3


def test_constants_reach_the_search(client):
    result = client.synthesize([("a", "a#")], constants=["#"], top_k=1)
    assert result.best is not None
    assert [o.value for o in client.execute(result.best.text, ["b"])] == ["b#"]


def test_synthesize_stream_reports_progress_then_the_result(client):
    events = list(client.synthesize_stream(NAMES, unlabeled=["Grace Hopper"]))

    result = events[-1]
    assert isinstance(result, gemfill.SynthesisResult)
    assert result.best.outputs[0].value == "HOPPER"
    # The server drops intermediate events rather than queue them for a slow reader, so
    # which ones arrive may vary; the result always comes, last.
    before = events[:-1]
    assert before, "no progress at all before the result"
    assert all(isinstance(e, (gemfill.Progress, gemfill.BetterProgram)) for e in before)
    for event in before:
        if isinstance(event, gemfill.Progress):
            assert event.phase in ("enumeration", "conditional", "noise", "ranking"), event
            assert event.candidates >= 0 and event.elapsed_ms >= 0
        else:
            assert client.execute(event.text, ["John Smith"])[0].ok


def test_closing_a_stream_early_returns_at_once(client):
    # A search with no answer in the language runs until its 30 s deadline unless the
    # stream is cancelled.
    started = time.monotonic()
    events = client.synthesize_stream([("abc", "1x9q"), ("de", "zz7")], timeout=30)
    assert isinstance(next(events), (gemfill.Progress, gemfill.BetterProgram))
    events.close()
    assert client.explain("x").canonical_text == "x"
    assert time.monotonic() - started < 10
