"""Execute, Transform (bidirectional streaming) and Explain against a real server."""

import itertools

import pytest

import gemfill

THIRD_WORD = "token(x, Word, 2)"


def test_execute_gives_a_value_or_an_error_per_row(client):
    outputs = client.execute(THIRD_WORD, ["a b c", "a", ("x y z w",)])

    assert outputs[0] == gemfill.Output(value="c")
    assert outputs[1].value is None and not outputs[1].ok
    assert "no match 2 of Word" in outputs[1].error
    assert outputs[2].value == "z" and outputs[2].ok


def test_execute_with_several_columns_and_tables(client):
    outputs = client.execute(
        'concat(lookup(@titles, x), " ", x1)',
        [["dr", "Who"], ["prof", "X"]],
        tables={"titles": {"dr": "Dr.", "prof": "Prof."}},
    )
    assert [o.value for o in outputs] == ["Dr. Who", "Prof. X"]


def test_empty_output_is_a_value_not_an_error(client):
    assert client.execute('replace(x, "a", "")', ["aaa"]) == [gemfill.Output(value="")]


def test_explain(client):
    explanation = client.explain("case( token(x,Word,-1) , upper)  ")
    assert explanation.canonical_text == "case(token(x, Word, -1), upper)"
    assert explanation.description == "Returns the last word of the input in upper case."
    assert explanation.type == "Str"
    assert explanation.num_inputs == 1
    assert explanation.size == 6


def test_transform_streams_outputs_in_order(client):
    rows = (f"word{i} item{i} end{i}" for i in range(2500))
    outputs = list(client.transform("token(x, Alphanum, 2)", rows, batch_size=100))
    assert [o.value for o in outputs] == [f"end{i}" for i in range(2500)]


def test_transform_yields_per_row_errors_and_multi_column_rows(client):
    outputs = list(client.transform("concat(x1, x)", [("a", "b"), ["c", "d"]]))
    assert [o.value for o in outputs] == ["ba", "dc"]
    outputs = list(client.transform(THIRD_WORD, ["a b c", "a", "x y z"], batch_size=2))
    assert [o.ok for o in outputs] == [True, False, True]


def test_transform_reads_rows_only_as_the_server_answers(client):
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"row {i}"

    stream = client.transform("case(x, upper)", endless(), batch_size=10)
    first = list(itertools.islice(stream, 50))
    stream.close()

    assert [o.value for o in first] == [f"ROW {i}" for i in range(50)]
    # Five answered batches, plus at most a few sent ahead: never the whole iterable.
    assert 50 <= pulled <= 50 + 5 * 10


def test_transform_of_no_rows_still_checks_the_program(client):
    assert list(client.transform("case(x, upper)", [])) == []
    with pytest.raises(gemfill.InvalidArgument) as raised:
        list(client.transform("case(x, uper)", []))
    assert raised.value.field_violations[0].field == "program"


def test_transform_names_the_bad_row_by_its_index_in_the_iterable(client):
    rows = ["a"] * 25 + [["c"] * 17] + ["d"] * 10
    with pytest.raises(gemfill.InvalidArgument) as raised:
        list(client.transform("x", rows, batch_size=10))
    error = raised.value
    assert [v.field for v in error.field_violations] == ["rows[25].inputs"]
    assert "rows[25].inputs: 17 input columns; at most 16" in error.message
    assert "messages[" not in str(error)


def test_transform_raises_the_iterables_error_after_the_rows_before_it(client):
    def failing():
        yield from ["a", "b", "c"]
        raise OSError("disk gone")

    stream = client.transform("case(x, upper)", failing(), batch_size=2)
    seen = []
    with pytest.raises(OSError, match="disk gone"):
        for output in stream:
            seen.append(output.value)
    assert seen == ["A", "B", "C"]


def test_transform_rejects_rows_that_are_not_strings(client):
    with pytest.raises(TypeError, match=r"rows\[1\]\[0\]: expected a string, got int 5"):
        list(client.transform("x", ["a", [5]]))


def test_transform_checks_its_batch_size(client):
    with pytest.raises(ValueError, match="batch_size"):
        client.transform("x", ["a"], batch_size=1001)
