//! Seeds: the leaves the enumerator starts from, read off the problem.
//!
//! - string literals: `""`, the caller's hints, the punctuation of inputs and outputs,
//!   long pieces common to every output, and the values of categorical input columns
//!   (a column whose values repeat, such as "male"/"female");
//! - integer literals: -3..3, the caller's integer hints, and the output length when every
//!   output has the same length (fixed-width padding);
//! - token classes: the named classes that match somewhere in the inputs, a delimiter class
//!   per punctuation character of the inputs, and for each such character the class "a run
//!   of anything but it" (`/[^,]+/`), which splits a field list;
//! - lookup tables whose values appear in the outputs, and every user table;
//! - for `map` bodies: sample tokens to evaluate bodies on, and a few short literals.

use std::collections::BTreeSet;

use gemfill_dsl::tables::tables_with_value;
use gemfill_dsl::{BuiltinTable, TableRef, TokenClass, UserRegex, tokens};

use crate::guide::CostModel;
use crate::problem::{Subproblem, parse_int};

/// The leaves of one search.
#[derive(Clone, Debug, Default)]
pub(crate) struct Seeds {
    /// String literals and their costs.
    pub(crate) strs: Vec<(String, u32)>,
    /// Integer literals and their costs.
    pub(crate) ints: Vec<(i64, u32)>,
    /// Token classes and their costs.
    pub(crate) toks: Vec<(TokenClass, u32)>,
    /// Lookup tables and their costs.
    pub(crate) tables: Vec<(TableRef, u32)>,
    /// Literals for `map` bodies.
    pub(crate) body_strs: Vec<(String, u32)>,
    /// Strings to evaluate `map` bodies on (stand-ins for `w`).
    pub(crate) samples: Vec<String>,
}

/// Characters that separate fields rather than belong to them.
pub(crate) fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_control()
}

/// Every piece of at most `max_chars` characters of the first string's first `within_chars`
/// characters that occurs in every string, in text order.
pub(crate) fn common_pieces<'s>(
    strings: &[&'s str],
    within_chars: usize,
    max_chars: usize,
) -> BTreeSet<&'s str> {
    let Some(first) = strings.first() else {
        return BTreeSet::new();
    };
    let bounds: Vec<usize> = first
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(first.len()))
        .take(within_chars.saturating_add(1))
        .collect();
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for i in 0..bounds.len().saturating_sub(1) {
        for j in i + 1..bounds.len().min(i + max_chars + 1) {
            let piece = &first[bounds[i]..bounds[j]];
            // A piece of a missing piece is all that can still be common.
            if !strings[1..].iter().all(|s| s.contains(piece)) {
                break;
            }
            found.insert(piece);
        }
    }
    found
}

/// The longest pieces (at least 2 characters, at most 40, within the first string's first
/// 200) that occur in every string, longest first.
pub(crate) fn common_substrings(strings: &[&str], max: usize) -> Vec<String> {
    let all: Vec<&str> = common_pieces(strings, 200, 40)
        .into_iter()
        .filter(|p| p.chars().nth(1).is_some())
        .collect();
    let mut maximal: Vec<String> = all
        .iter()
        .filter(|p| !all.iter().any(|q| q.len() > p.len() && q.contains(**p)))
        .map(|p| p.to_string())
        .collect();
    maximal.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    maximal.truncate(max);
    maximal
}

/// A regex source matching a run of characters other than `c`.
pub(crate) fn not_char_class(c: char) -> String {
    let escaped = match c {
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
        | '#' | '&' | '-' | '~' => format!("\\{c}"),
        '\n' => "\\n".to_string(),
        '\t' => "\\t".to_string(),
        _ => c.to_string(),
    };
    format!("[^{escaped}]+")
}

struct Acc {
    items: Vec<(String, u32)>,
    seen: BTreeSet<String>,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            items: Vec::new(),
            seen: BTreeSet::new(),
        }
    }
    fn add(&mut self, s: &str, cost: u32) {
        if self.seen.insert(s.to_string()) {
            self.items.push((s.to_string(), cost));
        }
    }
}

/// Everything the enumerator starts from.
pub(crate) fn seeds(sub: &Subproblem<'_>, costs: &CostModel) -> Seeds {
    let problem = sub.problem;
    let examples = &sub.examples[..];
    let rows: Vec<&Vec<String>> = examples
        .iter()
        .map(|e| &e.inputs)
        .chain(problem.unlabeled.iter())
        .collect();
    let outputs: Vec<&str> = examples.iter().map(|e| e.output.as_str()).collect();
    let inputs_text: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.iter().map(String::as_str))
        .collect();

    // String literals.
    let mut strs = Acc::new();
    strs.add("", costs.str_const("", true));
    for c in &problem.constants {
        strs.add(c, costs.str_const(c, true));
    }
    let mut out_punct: Vec<char> = Vec::new();
    for o in &outputs {
        for ch in o.chars() {
            if is_punct(ch) && !out_punct.contains(&ch) {
                out_punct.push(ch);
            }
        }
    }
    for ch in out_punct.iter().take(12) {
        let s = ch.to_string();
        strs.add(&s, costs.str_const(&s, true));
    }
    let mut in_punct: Vec<char> = Vec::new();
    for s in &inputs_text {
        for ch in s.chars() {
            if is_punct(ch) && !in_punct.contains(&ch) {
                in_punct.push(ch);
            }
        }
    }
    for ch in in_punct.iter().take(12) {
        let s = ch.to_string();
        strs.add(&s, costs.str_const(&s, true));
    }
    if outputs.len() >= 2 {
        for piece in common_substrings(&outputs, 6) {
            // A piece whose words all occur in each example's inputs is probably copied
            // from them ("456-8756" from "801 456 8756"): a literal would overfit.
            let words: Vec<&str> = piece
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let copied = !words.is_empty()
                && examples
                    .iter()
                    .all(|e| words.iter().all(|w| e.inputs.iter().any(|i| i.contains(w))));
            if !copied {
                strs.add(&piece, costs.str_const(&piece, true));
            }
        }
    }
    // Outputs that repeat (TRUE/FALSE, yes/no, status labels) are the branches of a
    // conditional: as cheap as a delimiter.
    for (i, o) in outputs.iter().enumerate() {
        if !o.is_empty() && o.chars().count() <= 20 && outputs[i + 1..].contains(o) {
            strs.add(o, costs.str_const("", true));
        }
    }
    let ncols = sub.num_inputs();
    // Pieces common to every value of a column ("<COMPANY>", "https://") are what a
    // `replace` or a condition looks for.
    for col in 0..ncols {
        // Examples only: the unlabeled rows are the rest of the column, where the piece
        // may be missing (a row with nothing to replace).
        let values: Vec<&str> = examples
            .iter()
            .filter_map(|e| e.inputs.get(col).map(String::as_str))
            .collect();
        if values.len() >= 2 {
            for piece in common_substrings(&values, 3) {
                // "<COMPANY> " is common to "<COMPANY> love" and "<COMPANY> employees";
                // the token itself is "<COMPANY>".
                for p in [piece.as_str(), piece.trim()] {
                    if p.chars().count() >= 2 && !values.contains(&p) {
                        strs.add(p, costs.str_const(p, true) + 1);
                    }
                }
            }
        }
    }
    for col in 0..ncols {
        let values: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(col).map(String::as_str))
            .collect();
        let mut repeated: Vec<&str> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let short = !v.is_empty() && v.chars().count() <= 20;
            if short && !repeated.contains(v) && values[i + 1..].contains(v) {
                repeated.push(v);
            }
        }
        // Categorical values are what conditions compare a column with (`eq(x1, "male")`),
        // so they cost no more than a delimiter.
        for v in repeated.into_iter().take(6) {
            strs.add(v, costs.str_const("", true));
        }
    }

    // Integer literals.
    let mut ints: Vec<(i64, u32)> = Vec::new();
    let mut add_int = |k: i64, cost: u32| {
        if !ints.iter().any(|&(x, _)| x == k) {
            ints.push((k, cost));
        }
    };
    for k in [0, 1, -1, 2, -2, 3, -3] {
        add_int(k, costs.int_const(k));
    }
    for c in &problem.constants {
        if let Some(k) = parse_int(c) {
            add_int(k, costs.int_const(k).min(2));
        }
    }
    // Fixed-width columns (dates as 08092019, codes) are sliced at fixed positions.
    for col in 0..ncols {
        let lens: BTreeSet<usize> = rows
            .iter()
            .filter_map(|r| r.get(col).map(|v| v.chars().count()))
            .collect();
        if lens.len() == 1 {
            let l = *lens.iter().next().unwrap_or(&0) as i64;
            for k in 4..l.min(16) {
                add_int(k, costs.int_const(k));
            }
        }
    }
    let lens: BTreeSet<usize> = outputs.iter().map(|o| o.chars().count()).collect();
    if lens.len() == 1 {
        let l = *lens.iter().next().unwrap_or(&0) as i64;
        if l > 3 {
            add_int(l, costs.int_const(l));
        }
    }

    // Token classes.
    let mut toks: Vec<(TokenClass, u32)> = Vec::new();
    for t in TokenClass::NAMED {
        let present = t == TokenClass::Char
            || inputs_text
                .iter()
                .any(|s| tokens::iter(s, &t).next().is_some());
        if present {
            let c = costs.tok(&t);
            toks.push((t, c));
        }
    }
    for &ch in in_punct.iter().take(10) {
        let t = TokenClass::Delim(ch);
        let c = costs.tok(&t);
        toks.push((t, c));
    }
    for &ch in in_punct.iter().take(10) {
        if let Ok(re) = UserRegex::new(&not_char_class(ch)) {
            let t = TokenClass::Regex(re);
            let c = costs.tok(&t);
            toks.push((t, c));
        }
    }

    // Tables: user tables, and built-in tables one of whose values is a word of an output.
    let mut tables: Vec<(TableRef, u32)> = Vec::new();
    let table_cost = costs.leaf(crate::guide::LeafKind::Table);
    for name in problem.tables.names() {
        tables.push((
            TableRef::User(name.to_string()),
            table_cost.saturating_sub(1).max(1),
        ));
    }
    let mut builtin: BTreeSet<BuiltinTable> = BTreeSet::new();
    for o in &outputs {
        for word in o.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                builtin.extend(tables_with_value(word));
            }
        }
    }
    for t in BuiltinTable::ALL {
        if builtin.contains(&t) {
            tables.push((TableRef::Builtin(t), table_cost));
        }
    }

    // Map bodies.
    let mut body = Acc::new();
    for s in ["", " ", "."] {
        body.add(s, costs.str_const(s, true));
    }
    for ch in out_punct.iter().take(6) {
        let s = ch.to_string();
        body.add(&s, costs.str_const(&s, true));
    }
    let mut samples: Vec<String> = Vec::new();
    'outer: for t in [
        TokenClass::Word,
        TokenClass::Number,
        TokenClass::Alphanum,
        TokenClass::Proper,
        TokenClass::Caps,
        TokenClass::Lower,
    ] {
        for s in &inputs_text {
            for m in tokens::iter(s, &t) {
                let text = m.text(s);
                if !samples.iter().any(|x| x == text) {
                    samples.push(text.to_string());
                    if samples.len() >= 24 {
                        break 'outer;
                    }
                }
            }
        }
    }
    for s in &inputs_text {
        if let Some(c) = s.chars().find(|c| is_punct(*c)) {
            let text = c.to_string();
            if !samples.contains(&text) && samples.len() < 28 {
                samples.push(text);
            }
        }
    }
    if samples.is_empty() {
        samples.push("a".to_string());
    }

    Seeds {
        strs: strs.items,
        ints,
        toks,
        tables,
        body_strs: body.items,
        samples,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::ProductionWeights;
    use crate::problem::Problem;
    use gemfill_dsl::Example;

    #[test]
    fn common_substrings_are_maximal() {
        let got = common_substrings(&["Dr. Nancy", "Dr. Andrew", "Dr. Jan"], 4);
        assert_eq!(got, vec!["Dr. ".to_string()]);
        assert!(common_substrings(&["ab", "cd"], 4).is_empty());
    }

    #[test]
    fn seeds_read_the_problem() {
        let p = Problem::new(vec![
            Example::new(["Nancy FreeHafer", "male"], "Mr. Nancy"),
            Example::new(["Jan Kotas", "male"], "Mr. Jan"),
            Example::new(["a-b", "female"], "Ms. a"),
        ]);
        let s = seeds(
            &Subproblem::whole(&p),
            &CostModel::new(&ProductionWeights::default()),
        );
        let strs: Vec<&str> = s.strs.iter().map(|(s, _)| s.as_str()).collect();
        assert!(strs.contains(&""));
        assert!(strs.contains(&"."));
        assert!(strs.contains(&"male"), "{strs:?}");
        assert!(s.toks.iter().any(|(t, _)| *t == TokenClass::Delim('-')));
        assert!(
            s.toks
                .iter()
                .any(|(t, _)| matches!(t, TokenClass::Regex(_)))
        );
        assert!(!s.toks.iter().any(|(t, _)| *t == TokenClass::Number));
        assert!(s.samples.contains(&"Nancy".to_string()));
    }

    #[test]
    fn negated_classes_compile() {
        for c in ['-', ']', '^', '\\', '/', ' ', ',', '.'] {
            assert!(UserRegex::new(&not_char_class(c)).is_ok(), "{c}");
        }
    }
}
