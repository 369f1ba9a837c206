"""gemfill.pandas.fill against a real server."""

import math

import pandas as pd
import pytest

import gemfill
import gemfill.pandas as gp


def people():
    return pd.DataFrame(
        {
            "first": ["John", "Ada", "Grace", "Alan", "Edsger"],
            "last": ["Smith", "Lovelace", "Hopper", "Turing", "Dijkstra"],
            "cited": ["Smith, John", "Lovelace, Ada", None, math.nan, ""],
        },
        index=["a", "b", "c", "d", "e"],
    )


def test_fill_uses_filled_cells_as_examples_and_fills_the_empty_ones(symbolic):
    frame = people()
    with symbolic.client() as client:
        result = gp.fill(frame, target="cited", inputs=["first", "last"], client=client)

    filled, program = result  # unpacks as (frame, program)
    assert program.text == 'concat(x1, ", ", x)'
    assert list(filled["cited"]) == [
        "Smith, John",
        "Lovelace, Ada",
        "Hopper, Grace",
        "Turing, Alan",
        "Dijkstra, Edsger",
    ]
    assert result.filled == ["c", "d", "e"]
    assert result.failed == {} and result.mismatched == {}
    assert result.synthesis.best is program
    # The caller's frame is untouched.
    assert frame["cited"].isna().sum() == 2 and frame.loc["e", "cited"] == ""


def test_fill_takes_an_address_and_defaults_to_the_other_columns(symbolic):
    filled, program = gp.fill(people(), target="cited", client=symbolic.addr)
    assert program.text == 'concat(x1, ", ", x)'
    assert filled.loc["c", "cited"] == "Hopper, Grace"


def test_rows_where_the_program_fails_stay_empty(symbolic):
    frame = pd.DataFrame(
        {"n": ["3", "10", "7", "abc", "5"], "twice": ["6", "20", "14", None, None]}
    )
    result = gp.fill(frame, "twice", client=symbolic.addr, mode="enumerative")
    assert result.filled == [4]
    assert list(result.failed) == [3]
    assert "is not an integer" in result.failed[3]
    assert pd.isna(result.frame["twice"][3]) and result.frame["twice"][4] == "10"


def test_string_dtype_is_kept_and_numbers_are_given_as_text(symbolic):
    frame = pd.DataFrame(
        {"n": [1, 22, 333, 4444], "label": pd.array(["#1", "#22", pd.NA, pd.NA], dtype="string")}
    )
    filled, _program = gp.fill(frame, "label", client=symbolic.addr)
    assert filled["label"].dtype == frame["label"].dtype
    assert list(filled["label"]) == ["#1", "#22", "#333", "#4444"]


def test_suggested_row_is_an_index_label(symbolic):
    frame = pd.DataFrame(
        {"name": ["John Smith", "Ada Lovelace", "x"], "first": ["John", None, None]},
        index=[10, 20, 30],
    )
    result = gp.fill(frame, "first", client=symbolic.addr, top_k=5)
    assert result.suggested_row == 30


def test_beyond_one_requests_limits_the_program_runs_over_the_rest(symbolic, monkeypatch):
    # The server takes 1000 examples and 10000 unlabeled rows per request; with the
    # limits lowered, small frames take the same path as large ones.
    monkeypatch.setattr(gp, "MAX_EXAMPLES", 2)
    monkeypatch.setattr(gp, "MAX_UNLABELED", 1)
    frame = pd.DataFrame(
        {
            "word": ["ab", "cd", "ef", "gh", "ij", "kl"],
            "upper": ["AB", "CD", "EF", "typo", None, None],
        }
    )
    result = gp.fill(frame, "upper", client=symbolic.addr)
    assert list(result.frame["upper"]) == ["AB", "CD", "EF", "typo", "IJ", "KL"]
    assert result.filled == [4, 5]
    assert result.mismatched == {3: ("typo", "GH")}


def test_clear_errors_before_any_call():
    frame = people()
    with pytest.raises(ValueError, match="no column 'nope'"):
        gp.fill(frame, "nope", client="127.0.0.1:1")
    with pytest.raises(ValueError, match="no column 'middle'"):
        gp.fill(frame, "cited", inputs=["first", "middle"], client="127.0.0.1:1")
    with pytest.raises(ValueError, match="has no filled cell"):
        gp.fill(frame.assign(cited=None), "cited", client="127.0.0.1:1")
    with pytest.raises(ValueError, match="cannot be one of its own inputs"):
        gp.fill(frame, "cited", inputs=["cited"], client="127.0.0.1:1")


def test_no_program_found(symbolic):
    # Unrelated outputs: nothing short enough to be found in a second maps one to the next.
    frame = pd.DataFrame(
        {"a": ["a", "bb", "c", "dd", "e", "f"], "b": ["q7", "zz", "x1y", "8", "oo", None]}
    )
    with pytest.raises(gp.NoProgramFound) as raised:
        gp.fill(frame, "b", client=symbolic.addr, timeout=1)
    assert raised.value.result.programs == ()
    assert "no program reproduces the 5 filled cells of 'b'" in str(raised.value)


def test_pandas_helper_is_reachable_from_the_package():
    assert gemfill.pandas.fill is gp.fill
