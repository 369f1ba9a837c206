//! Every function of the crate, with every choice of its parameters, returns a value or
//! an error for any text: never a panic.

mod common;

use proptest::prelude::*;

/// Families of candidates that differ only in which units or base they take, and share
/// their code; a sample of each keeps the test fast.
const SAMPLED: &[&str] = &[
    "convert(",
    "split_quantity(",
    "to_unit(",
    "to_base(",
    "from_base(",
];

fn sample(columns: usize) -> Vec<common::Candidate> {
    let all = common::candidates(columns);
    let repetitive = |candidate: &common::Candidate| {
        SAMPLED
            .iter()
            .any(|prefix| candidate.name.starts_with(prefix))
    };
    all.into_iter()
        .enumerate()
        .filter(|(index, candidate)| !repetitive(candidate) || index % 17 == 0)
        .map(|(_, candidate)| candidate)
        .collect()
}

thread_local! {
    static ONE_COLUMN: Vec<common::Candidate> = sample(1);
    static TWO_COLUMNS: Vec<common::Candidate> = sample(2);
}

fn run_everything(inputs: &[String]) {
    let run = |candidates: &Vec<common::Candidate>| {
        for candidate in candidates {
            let _ = (candidate.apply)(inputs);
        }
    };
    if inputs.len() == 1 {
        ONE_COLUMN.with(run);
    } else {
        TWO_COLUMNS.with(run);
    }
    for candidate in common::constant_candidates(inputs) {
        let _ = (candidate.apply)(inputs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_text(text in any::<String>()) {
        run_everything(&[text]);
    }

    #[test]
    fn number_like_text(text in "[-+−0-9.,/ eE%()*^x×√²³:@=a-f]{0,24}") {
        run_everything(&[text]);
    }

    #[test]
    fn identifier_like_text(text in "[#.:/?&=%+@<>\"' 0-9A-Za-z_-]{0,40}") {
        run_everything(&[text]);
    }

    #[test]
    fn pairs_of_texts(first in "[0-9A-Za-z./:?=&]{0,24}", second in "[0-9A-Za-z./]{0,24}") {
        run_everything(&[first, second]);
    }
}

#[test]
fn extreme_inputs() {
    for text in [
        String::new(),
        "9".repeat(200),
        "(".repeat(2000),
        "-".repeat(2000),
        "√".repeat(2000),
        "1e999".to_string(),
        "1/0".to_string(),
        "0x".to_string(),
        "PT".to_string(),
        "P9999999999999999999999999999Y".to_string(),
        "\u{0}\u{FFFF}\u{10FFFF}".to_string(),
        format!("{}:{}", "9".repeat(30), "9".repeat(30)),
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/0".to_string(),
        "79228162514264337593543950335 PiB".to_string(),
        "-79228162514264337593543950335 °F".to_string(),
    ] {
        run_everything(std::slice::from_ref(&text));
    }
}
