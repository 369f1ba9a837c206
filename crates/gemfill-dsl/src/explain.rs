//! Plain-English descriptions of programs, for people who do not read the language.
//!
//! [`explain`] walks the tree once and describes each operator in words, nesting the
//! descriptions of its arguments. Indices read as ordinals ("the last word", "the second
//! number"), literal strings stay quoted exactly as the printer writes them, and formats
//! carry an example value so that `date(x, iso, long)` reads as "converted from a date like
//! 2024-03-15 to one like March 15, 2024".
//!
//! ```
//! use gemfill_dsl::{Program, explain};
//! let program = Program::parse(r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#).unwrap();
//! assert_eq!(
//!     explain(program.expr()),
//!     "Joins: the last word of the input; then \", \"; then the characters of the input \
//!      from position 0 up to (not including) position 1; then \".\"."
//! );
//! ```

use crate::ast::{BuiltinTable, CaseMode, Expr, Format, Op, TableRef, TokenClass};
use crate::program::Program;

/// A one-paragraph English description of what `expr` computes for each input row.
pub fn explain(expr: &Expr) -> String {
    let describer = Describer {
        single_input: expr.max_var().is_none_or(|i| i == 0),
    };
    let mut text = match expr {
        // A top-level concatenation reads better as a list than as a noun phrase.
        Expr::App(Op::Concat, parts) => {
            let parts: Vec<String> = parts.iter().map(|p| describer.describe(p)).collect();
            format!("Joins: {}", parts.join("; then "))
        }
        Expr::App(Op::If, args) if args.len() == 3 => format!(
            "If {}, returns {}; otherwise returns {}",
            describer.describe(&args[0]),
            describer.describe(&args[1]),
            describer.describe(&args[2])
        ),
        other => format!("Returns {}", describer.describe(other)),
    };
    text.push('.');
    text
}

impl Program {
    /// A plain-English description of the program (see [`explain`]).
    pub fn explain(&self) -> String {
        explain(self.expr())
    }
}

struct Describer {
    /// Whether the program reads only `x`, so that it can be called "the input".
    single_input: bool,
}

impl Describer {
    fn describe(&self, e: &Expr) -> String {
        match e {
            Expr::Str(_) => e.to_string(),
            Expr::Int(i) => i.to_string(),
            Expr::Bool(b) => b.to_string(),
            Expr::Var(0) if self.single_input => "the input".to_string(),
            Expr::Var(i) => format!("input column {} (x{i})", i + 1),
            Expr::Bound => "the current match (w)".to_string(),
            Expr::Tok(t) => token_noun(t),
            Expr::Case(c) => case_phrase(*c).to_string(),
            Expr::Table(t) => table_phrase(t),
            Expr::Fmt(f) => format_phrase(*f),
            Expr::App(op, args) => self.describe_app(*op, args),
        }
    }

    fn describe_app(&self, op: Op, args: &[Expr]) -> String {
        let d = |i: usize| args.get(i).map_or_else(String::new, |a| self.describe(a));
        let tok = |i: usize| match args.get(i) {
            Some(Expr::Tok(t)) => token_noun(t),
            Some(other) => self.describe(other),
            None => String::new(),
        };
        let nth = |i: usize| match args.get(i) {
            Some(Expr::Int(k)) => ordinal(*k),
            Some(other) => format!("({})-th", self.describe(other)),
            None => String::new(),
        };
        let position = |i: usize| match args.get(i) {
            Some(Expr::Int(k)) if *k < 0 => format!("{} characters before the end", -k),
            Some(Expr::Int(k)) => format!("position {k}"),
            Some(other) => self.describe(other),
            None => String::new(),
        };
        match op {
            Op::Concat => {
                let parts: Vec<String> = args.iter().map(|a| self.describe(a)).collect();
                format!("({})", parts.join(" followed by "))
            }
            Op::Sub => format!(
                "the characters of {} from {} up to (not including) {}",
                d(0),
                position(1),
                position(2)
            ),
            Op::Token => format!("the {} {} of {}", nth(2), tok(1), d(0)),
            Op::Len => format!("the number of characters in {}", d(0)),
            Op::Start => format!("where the {} {} of {} starts", nth(2), tok(1), d(0)),
            Op::End => format!("where the {} {} of {} ends", nth(2), tok(1), d(0)),
            Op::Find => format!(
                "the position of the {} occurrence of {} in {}",
                nth(2),
                d(1),
                d(0)
            ),
            Op::Pos => format!(
                "the {} place in {} where a {} ends and a {} begins",
                nth(3),
                d(0),
                tok(1),
                tok(2)
            ),
            Op::Plus => format!("{} plus {}", d(0), d(1)),
            Op::Minus => format!("{} minus {}", d(0), d(1)),
            Op::ToInt => format!("{} read as a whole number", d(0)),
            Op::ToStr => format!("{} written in decimal", d(0)),
            Op::Case => format!("{} in {}", d(0), d(1)),
            Op::Replace => format!("{} with every {} replaced by {}", d(0), d(1), d(2)),
            Op::ReplaceFirst => {
                format!("{} with the first {} replaced by {}", d(0), d(1), d(2))
            }
            Op::Trim => format!("{} without leading and trailing white space", d(0)),
            Op::PadLeft => format!(
                "{} padded on the left with {} to {} characters",
                d(0),
                d(2),
                d(1)
            ),
            Op::CharAt => format!("the character of {} at {}", d(0), position(1)),
            Op::Map => format!(
                "for each {} in {}: {}, joined with {}",
                tok(1),
                d(0),
                d(2),
                d(3)
            ),
            Op::If => format!("{} if {}, otherwise {}", d(1), d(0), d(2)),
            Op::Contains => format!("{} contains {}", d(0), d(1)),
            Op::StartsWith => format!("{} starts with {}", d(0), d(1)),
            Op::EndsWith => format!("{} ends with {}", d(0), d(1)),
            Op::Matches => format!("{} is exactly one {}", d(0), tok(1)),
            Op::IsEmpty => format!("{} is empty", d(0)),
            Op::Eq => format!("{} equals {}", d(0), d(1)),
            Op::Not => format!("it is not the case that {}", d(0)),
            Op::Lookup => format!("{} looked up in {}", d(1), d(0)),
            Op::Date => format!(
                "the date {} converted from {} to {}",
                d(0),
                format_phrase_of(args.get(1)),
                format_phrase_of(args.get(2))
            ),
            Op::Number => format!(
                "the number {} written {}",
                d(0),
                format_phrase_of(args.get(1))
            ),
        }
    }
}

/// "first", "second", ..., "last", "second-to-last", ... for a 0-based (negative: from the
/// end) index.
fn ordinal(k: i64) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if k >= 0 {
        match WORDS.get(k as usize) {
            Some(w) => (*w).to_string(),
            None => format!("{}th", k + 1),
        }
    } else if k == -1 {
        "last".to_string()
    } else {
        let from_end = (-k - 1) as usize;
        match WORDS.get(from_end) {
            Some(w) => format!("{w}-to-last"),
            None => format!("{}th-to-last", -k),
        }
    }
}

fn token_noun(t: &TokenClass) -> String {
    match t {
        TokenClass::Number => "number".to_string(),
        TokenClass::Word => "word".to_string(),
        TokenClass::Alphanum => "run of letters and digits".to_string(),
        TokenClass::Caps => "run of capital letters".to_string(),
        TokenClass::Proper => "capitalised word".to_string(),
        TokenClass::Lower => "run of lower-case letters".to_string(),
        TokenClass::Digit => "digit".to_string(),
        TokenClass::Char => "character".to_string(),
        TokenClass::Space => "run of white space".to_string(),
        TokenClass::Delim(_) => format!("{t} character"),
        TokenClass::Regex(_) => format!("match of the pattern {t}"),
    }
}

fn case_phrase(c: CaseMode) -> &'static str {
    match c {
        CaseMode::Upper => "upper case",
        CaseMode::Lower => "lower case",
        CaseMode::Proper => "proper case (each word capitalised, the rest lower case)",
        CaseMode::Title => "title case (each word's first letter capitalised)",
    }
}

fn table_phrase(t: &TableRef) -> String {
    match t {
        TableRef::User(name) => format!("the table @{name} sent with the request"),
        TableRef::Builtin(b) => {
            let what = match b {
                BuiltinTable::MonthNumber => "month number (3)",
                BuiltinTable::MonthPadded => "two-digit month number (03)",
                BuiltinTable::MonthName => "month name (March)",
                BuiltinTable::MonthAbbr => "month abbreviation (Mar)",
                BuiltinTable::WeekdayName => "weekday name (Monday)",
                BuiltinTable::WeekdayAbbr => "weekday abbreviation (Mon)",
                BuiltinTable::StateName => "US state name (California)",
                BuiltinTable::StateCode => "US state code (CA)",
                BuiltinTable::CountryName => "country name (Germany)",
                BuiltinTable::CountryIso2 => "two-letter country code (DE)",
                BuiltinTable::CountryIso3 => "three-letter country code (DEU)",
            };
            format!("the {what} table")
        }
    }
}

/// A format with an example of what it looks like.
fn format_phrase(f: Format) -> String {
    let sample = match f {
        Format::Iso => "2024-03-15",
        Format::Us => "03/15/2024",
        Format::UsShort => "3/15/2024",
        Format::Eu => "15/03/2024",
        Format::EuDot => "15.03.2024",
        Format::Compact => "20240315",
        Format::Long => "March 15, 2024",
        Format::Medium => "Mar 15, 2024",
        Format::DayMonthYear => "15 March 2024",
        Format::WeekdayLong => "Friday, March 15, 2024",
        Format::Int => "1235",
        Format::Fixed2 => "1234.50",
        Format::Thousands => "1,235",
        Format::Thousands2 => "1,234.50",
        Format::Percent => "13%",
        Format::Currency => "$1,234.50",
    };
    format!("the {} format (like {sample})", f.name())
}

fn format_phrase_of(arg: Option<&Expr>) -> String {
    match arg {
        Some(Expr::Fmt(f)) => format_phrase(*f),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> String {
        Program::parse(text).unwrap().explain()
    }

    #[test]
    fn indices_read_as_ordinals() {
        assert_eq!(ordinal(0), "first");
        assert_eq!(ordinal(2), "third");
        assert_eq!(ordinal(11), "12th");
        assert_eq!(ordinal(-1), "last");
        assert_eq!(ordinal(-2), "second-to-last");
        assert_eq!(ordinal(-20), "20th-to-last");
    }

    #[test]
    fn describes_common_programs() {
        assert_eq!(
            explained("case(token(x, Word, -1), upper)"),
            "Returns the last word of the input in upper case."
        );
        assert_eq!(
            explained(r#"map(x, Word, concat(sub(w, 0, 1), "."), "")"#),
            "Returns for each word in the input: (the characters of the current match (w) \
             from position 0 up to (not including) position 1 followed by \".\"), joined with \"\"."
        );
        assert_eq!(
            explained(r#"if(contains(x0, "@"), token(x1, Number, 0), "none")"#),
            "If input column 1 (x0) contains \"@\", returns the first number of input column 2 \
             (x1); otherwise returns \"none\"."
        );
        assert_eq!(
            explained("date(x, iso, long)"),
            "Returns the date the input converted from the iso format (like 2024-03-15) to \
             the long format (like March 15, 2024)."
        );
        assert_eq!(
            explained("lookup(month_name, token(x, Number, 1))"),
            "Returns the second number of the input looked up in the month name (March) table."
        );
    }

    #[test]
    fn every_operator_is_described_without_its_raw_name_leaking() {
        // One program per operator, each described by words rather than by echoing the
        // operator's name with parentheses.
        let programs = [
            r#"sub(x, 1, -1)"#,
            r#"to_str(len(x))"#,
            r#"to_str(start(x, '-', 0))"#,
            r#"to_str(end(x, Caps, 1))"#,
            r#"to_str(find(x, "a", 0))"#,
            r#"to_str(pos(x, Lower, Caps, 0))"#,
            r#"to_str(plus(to_int(x), minus(3, 1)))"#,
            r#"replace(replace_first(trim(x), "a", "b"), "c", "d")"#,
            r#"pad_left(char_at(x, 0), 4, "0")"#,
            r#"if(not(eq(x, "a")), x, "b")"#,
            r#"if(starts_with(x, "a"), x, if(ends_with(x, "a"), x, "c"))"#,
            r#"if(matches(x, /[a-z]+/), x, if(is_empty(x), "e", x))"#,
            r#"lookup(@codes, x)"#,
            r#"number(x, currency)"#,
        ];
        for text in programs {
            let english = explained(text);
            assert!(english.ends_with('.'), "{text}: {english}");
            for op in crate::ast::Op::ALL {
                assert!(
                    !english.contains(&format!("{}(", op.name())),
                    "{text}: {english}"
                );
            }
        }
    }
}
