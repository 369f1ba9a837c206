//! One test per capability of the engine: each states a task, runs the synthesizer and
//! checks what the returned programs do (on the examples and on unlabeled inputs).

mod common;

use common::{best_output, ex, rows, synth, synth_using};
use gemfill_dsl::{Tables, Type};
use gemfill_search::{Problem, StopReason, verify};

#[test]
fn concatenation_of_substrings_and_literals() {
    let problem = Problem::new(vec![
        ex(&["John Smith"], "Smith, J."),
        ex(&["Ada Lovelace"], "Lovelace, A."),
    ])
    .with_unlabeled(rows(&[&["Grace Hopper"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "Hopper, G.");
    // Every returned program passes every example (checked again here, independently).
    for p in &result.programs {
        assert!(verify(&p.program, &problem.examples, &Tables::default()).all_passed());
        assert!(p.contradicted.is_empty());
        assert_eq!(p.passed, 2);
    }
}

#[test]
fn extraction_around_delimiters() {
    let problem = Problem::new(vec![
        ex(&["938-242-504"], "242"),
        ex(&["308-916-545"], "916"),
        ex(&["623-599-749"], "599"),
    ])
    .with_unlabeled(rows(&[&["111-222-333"]]));
    let result = synth(&problem);
    assert_eq!(best_output(&result, 0), "222");
}

#[test]
fn several_input_columns() {
    let problem = Problem::new(vec![
        ex(&["Launa", "Withers"], "L. Withers"),
        ex(&["Lakenya", "Edison"], "L. Edison"),
        ex(&["Brendan", "Hage"], "B. Hage"),
    ])
    .with_unlabeled(rows(&[&["Grace", "Hopper"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "G. Hopper");
}

#[test]
fn map_builds_initials_of_any_number_of_words() {
    let problem = Problem::new(vec![
        ex(&["Nancy FreeHafer"], "N.F."),
        ex(&["Grace Brewster Hopper"], "G.B.H."),
        ex(&["Jan Kotas"], "J.K."),
    ])
    .with_unlabeled(rows(&[&["Ada King Lovelace Byron"]]));
    let result = synth_using(&problem, "map(");
    assert_eq!(best_output(&result, 0), "A.K.L.B.");
}

#[test]
fn integer_outputs() {
    let problem = Problem::new(vec![
        ex(&["Jones <60>"], "60"),
        ex(&["Smith <7>"], "7"),
        ex(&["Lee <155>"], "155"),
    ])
    .with_output_type(Type::Int)
    .with_unlabeled(rows(&[&["Kim <42>"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(result.programs[0].program.ty(), Type::Int);
    assert_eq!(best_output(&result, 0), "42");
}

#[test]
fn boolean_outputs() {
    let problem = Problem::new(vec![
        ex(&["An apple a day", "apple"], "true"),
        ex(&["An apple a day", "orange"], "false"),
        ex(&["Better the devil you know", "you know"], "true"),
        ex(&["Better the devil you know", "devils"], "false"),
    ])
    .with_output_type(Type::Bool)
    .with_unlabeled(rows(&[&["plain text", "text"], &["plain text", "z"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(result.programs[0].program.ty(), Type::Bool);
    assert_eq!(best_output(&result, 0), "true");
    assert_eq!(best_output(&result, 1), "false");
}

#[test]
fn conditional_on_a_categorical_column() {
    let problem = Problem::new(vec![
        ex(&["George Washington", "male"], "Mr. Washington"),
        ex(&["Alan Turing", "male"], "Mr. Turing"),
        ex(&["Grace Hopper", "female"], "Ms. Hopper"),
        ex(&["Ruth Porat", "female"], "Ms. Porat"),
    ])
    .with_unlabeled(rows(&[
        &["Ada Lovelace", "female"],
        &["Charles Babbage", "male"],
    ]));
    let result = synth_using(&problem, "if(");
    assert_eq!(best_output(&result, 0), "Ms. Lovelace");
    assert_eq!(best_output(&result, 1), "Mr. Babbage");
}

#[test]
fn lookup_tables() {
    let problem = Problem::new(vec![
        ex(&["CA"], "California"),
        ex(&["NY"], "New York"),
        ex(&["TX"], "Texas"),
    ])
    .with_unlabeled(rows(&[&["WA"]]));
    let result = synth_using(&problem, "lookup(");
    assert_eq!(best_output(&result, 0), "Washington");
}

#[test]
fn user_tables() {
    let tables = Tables::default().with(
        "dept",
        [("E1", "Engineering"), ("S2", "Sales"), ("M3", "Marketing")],
    );
    let problem = Problem::new(vec![ex(&["id E1"], "Engineering"), ex(&["id S2"], "Sales")])
        .with_tables(tables)
        .with_unlabeled(rows(&[&["id M3"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "Marketing");
}

#[test]
fn date_formats() {
    let problem = Problem::new(vec![
        ex(&["2024-03-15"], "March 15, 2024"),
        ex(&["2023-12-24"], "December 24, 2023"),
    ])
    .with_unlabeled(rows(&[&["2020-07-14"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "July 14, 2020");
}

#[test]
fn number_formats() {
    let problem = Problem::new(vec![ex(&["1234.5"], "$1,234.50"), ex(&["99"], "$99.00")])
        .with_unlabeled(rows(&[&["1000000"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    assert_eq!(best_output(&result, 0), "$1,000,000.00");
}

#[test]
fn case_and_replace() {
    let problem = Problem::new(vec![
        ex(&["801 456 8756"], "801-456-8756"),
        ex(&["978 456 8756"], "978-456-8756"),
    ])
    .with_unlabeled(rows(&[&["123 4567 89"]]));
    let result = synth(&problem);
    assert_eq!(best_output(&result, 0), "123-4567-89");

    let problem = Problem::new(vec![
        ex(&["  TEXT "], "text"),
        ex(&["Two words    "], "two words"),
    ])
    .with_unlabeled(rows(&[&[" MiXeD Case  "]]));
    let result = synth(&problem);
    assert_eq!(best_output(&result, 0), "mixed case");
}

#[test]
fn noise_flags_the_wrong_example() {
    let problem = Problem::new(vec![
        ex(&["Nancy FreeHafer"], "Nancy"),
        ex(&["Andrew Cencici"], "Andrew"),
        ex(&["Jan Kotas"], "Zed"),
        ex(&["Mariya Sergienko"], "Mariya"),
        ex(&["Launa Withers"], "Launa"),
        ex(&["Brendan Hage"], "Brendan"),
    ])
    .with_unlabeled(rows(&[&["Grace Hopper"]]));
    // A candidate cap keeps the test quick (the search for an exact answer is bounded
    // either way); noise mode still runs after the cap.
    let limits = gemfill_search::Limits {
        max_candidates: Some(150_000),
        ..common::limits()
    };
    let result =
        gemfill_search::Synthesizer::new(limits).run(&problem, &gemfill_search::CancelToken::new());
    assert_ne!(result.stop_reason, StopReason::Found);
    let best = &result.programs[0];
    assert_eq!(best.contradicted, vec![2]);
    assert_eq!(best.passed, 5);
    assert_eq!(best_output(&result, 0), "Grace");
}

#[test]
fn a_typo_is_flagged_rather_than_memorised() {
    // A misspelt output that a large program could still fit exactly: the small program
    // that names the typo must rank first, and the special case must not.
    let problem = Problem::new(vec![
        ex(&["Edsger Dijkstra"], "Dijkstra"),
        ex(&["Barbara Liskov"], "Liskow"),
        ex(&["Donald Ervin Knuth"], "Knuth"),
        ex(&["Frances Allen"], "Allen"),
    ])
    .with_unlabeled(rows(&[&["Tony Hoare"]]));
    let result = synth(&problem);
    let best = &result.programs[0];
    assert_eq!(best.contradicted, vec![1], "best: {}", best.program);
    assert_eq!(best_output(&result, 0), "Hoare");
}

#[test]
fn a_special_case_with_support_is_fitted_not_flagged() {
    // Two examples of each kind: a conditional, not a mistake.
    let problem = Problem::new(vec![
        ex(&["+44 20 7946 0958"], "+44 20 7946 0958"),
        ex(&["212 555 0100"], "+1 212 555 0100"),
        ex(&["+33 1 42 68 53 00"], "+33 1 42 68 53 00"),
        ex(&["415 555 0199"], "+1 415 555 0199"),
    ])
    .with_unlabeled(rows(&[&["617 555 0123"], &["+49 30 901820"]]));
    let result = synth(&problem);
    let best = &result.programs[0];
    assert!(best.contradicted.is_empty(), "best: {}", best.program);
    assert_eq!(best_output(&result, 0), "+1 617 555 0123");
    assert_eq!(best_output(&result, 1), "+49 30 901820");
}

#[test]
fn noise_off_returns_nothing_for_contradictory_examples() {
    let problem = Problem::new(vec![
        ex(&["a b"], "a"),
        ex(&["c d"], "c"),
        ex(&["a b"], "b"),
    ]);
    let limits = gemfill_search::Limits {
        noise_tolerance: false,
        max_candidates: Some(20_000),
        ..common::limits()
    };
    let result =
        gemfill_search::Synthesizer::new(limits).run(&problem, &gemfill_search::CancelToken::new());
    assert!(result.programs.is_empty());
}

#[test]
fn ranking_prefers_the_general_program() {
    // Both `sub(x, 0, find(x, "-", 0))` and a token extraction reproduce the examples; only
    // the token extraction works on an input without a dash, and it must come first.
    let problem = Problem::new(vec![ex(&["ab-cd"], "ab"), ex(&["xyz-w"], "xyz")])
        .with_unlabeled(rows(&[&["solo"], &["pq-r"]]));
    let result = synth(&problem);
    assert_eq!(result.stop_reason, StopReason::Found);
    let best = &result.programs[0];
    assert!(
        best.unlabeled_outputs.iter().all(Result::is_ok),
        "{}",
        best.program
    );
    assert_eq!(best_output(&result, 1), "pq");
    // Scores are ordered best first.
    for w in result.programs.windows(2) {
        assert!(w[0].score >= w[1].score || w[0].contradicted.len() < w[1].contradicted.len());
    }
}

#[test]
fn one_example_does_not_copy_the_output() {
    let problem =
        Problem::new(vec![ex(&["John Smith"], "John")]).with_unlabeled(rows(&[&["Grace Hopper"]]));
    let result = synth(&problem);
    assert_eq!(best_output(&result, 0), "Grace");
}

#[test]
fn disagreements_point_at_ambiguous_rows() {
    // "first word" and "text before the first space" agree on the examples and on
    // "a b", but not on "a-b c".
    let problem = Problem::new(vec![
        ex(&["John Smith"], "John"),
        ex(&["Ada Lovelace"], "Ada"),
    ])
    .with_unlabeled(rows(&[&["Grace Hopper"], &["Jean-Luc Picard"]]));
    let result = synth(&problem);
    assert!(result.programs.len() >= 2);
    assert!(result.disagreements.iter().all(|d| d.row == 1));
    for d in &result.disagreements {
        assert!(d.outputs.len() >= 2);
    }
}
