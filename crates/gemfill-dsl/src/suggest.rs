//! What error messages suggest: the known name closest to a misspelled one ("did you
//! mean"), and an operator's signature as a person reads it. The parser and the type
//! checker both phrase their messages with these.

use crate::ast::{Op, Signature};

/// The candidate closest to `name` by edit distance (ignoring case), if it is close
/// enough to be a typo; ties go to the earlier candidate.
///
/// ```
/// use gemfill_dsl::suggest::closest;
/// assert_eq!(closest("concatt", ["concat", "case"].into_iter()), Some("concat"));
/// assert_eq!(closest("frobnicate", ["concat", "case"].into_iter()), None);
/// ```
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let budget = match lower.chars().count() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    candidates
        .enumerate()
        .map(|(i, c)| (edit_distance(&lower, &c.to_lowercase()), i, c))
        .filter(|&(d, _, c)| d <= budget && d < c.chars().count())
        .min()
        .map(|(_, _, c)| c)
}

/// Levenshtein distance over characters: the fewest insertions, deletions and
/// substitutions that turn `a` into `b`.
///
/// ```
/// use gemfill_dsl::suggest::edit_distance;
/// assert_eq!(edit_distance("kitten", "sitting"), 3);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// An operator's signature as a person reads it: `sub(Str, Int, Int) -> Str`.
pub fn signature_text(op: Op) -> String {
    match op.signature() {
        Signature::Fixed(params, result) => {
            let params: Vec<&str> = params.iter().map(|t| t.name()).collect();
            format!("{op}({}) -> {result}", params.join(", "))
        }
        Signature::Variadic(ty, result) => format!("{op}({ty}, {ty}, ...) -> {result}"),
        Signature::If => format!("{op}(Bool, T, T) -> T where T is Str, Int or Bool"),
        Signature::Eq(allowed) => {
            let names: Vec<&str> = allowed.iter().map(|t| t.name()).collect();
            format!("{op}(T, T) -> Bool where T is {}", names.join(" or "))
        }
    }
}

/// The message for `op` called with `found` arguments when it takes another number:
/// `sub takes 3 arguments (sub(Str, Int, Int) -> Str), found 2`. `None` when `found` is
/// a number `op` takes.
pub(crate) fn arity_message(op: Op, found: usize) -> Option<String> {
    let wanted = match op.signature() {
        Signature::Fixed(params, _) if params.len() == found => return None,
        Signature::Fixed(params, _) if params.len() == 1 => "1 argument".to_string(),
        Signature::Fixed(params, _) => format!("{} arguments", params.len()),
        Signature::Variadic(..) if found >= 2 => return None,
        Signature::Variadic(..) => "two or more arguments".to_string(),
        Signature::If if found == 3 => return None,
        Signature::If => "3 arguments".to_string(),
        Signature::Eq(_) if found == 2 => return None,
        Signature::Eq(_) => "2 arguments".to_string(),
    };
    Some(format!(
        "{op} takes {wanted} ({}), found {found}",
        signature_text(op)
    ))
}
