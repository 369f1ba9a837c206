//! Inferring number patterns from how numbers are shown, for the synthesizer.

use super::pattern::NumberPattern;
use super::read::{Scanned, SignShown, scan_number};

/// The most patterns [`infer_patterns`] returns.
const MAX_PATTERNS: usize = 4;

/// The patterns (most specific first, at most a handful) that write each text in `shown`
/// exactly from its own value (as [`read_number`](super::read_number) reads it). Texts
/// with other digits around the number (dates, ranges) have none.
/// `["18.500", "2.000"]` gives `0.000`, `["2.5", "3", "0.75"]` gives `0.##`,
/// `["007", "042"]` gives `000`, `["$1,234.50"]` gives `$#,##0.00`, `["12.5%"]` gives
/// `0.0%`, `["1.2E+03"]` gives `0.0E+00`, `["1,234.50", "7.00", "(3.20)"]` gives
/// `#,##0.00;(#,##0.00)`. Empty when no pattern fits all of them.
pub fn infer_patterns(shown: &[&str]) -> Vec<NumberPattern> {
    let Some(scanned) = shown
        .iter()
        .map(|text| scan_number(text).ok())
        .collect::<Option<Vec<_>>>()
    else {
        return Vec::new();
    };
    let Some(first) = scanned.first() else {
        return Vec::new();
    };
    let surroundings =
        |s: &Scanned, text: &str| (text[..s.start].to_owned(), text[s.end..].to_owned());
    let (prefix, suffix) = surroundings(first, shown[0]);
    let same_shape = scanned.iter().zip(shown).all(|(s, text)| {
        surroundings(s, text) == (prefix.clone(), suffix.clone())
            && s.currency == first.currency
            && s.percent == first.percent
            && s.exponent.map(|(e, ..)| e) == first.exponent.map(|(e, ..)| e)
    });
    let groupings: Vec<char> = scanned.iter().filter_map(|s| s.grouping).collect();
    // Digits around the number mean the text is more than one number (a date, a range).
    let has_digits = |text: &str| text.bytes().any(|b| b.is_ascii_digit());
    if !same_shape
        || has_digits(&prefix)
        || has_digits(&suffix)
        || groupings.iter().any(|&g| g != groupings[0])
    {
        return Vec::new();
    }
    let decimal = scanned.iter().find_map(|s| s.decimal);
    let shape = Shape {
        int_min: scanned.iter().map(int_width).max().unwrap_or(1),
        int_places: first.exponent.map_or(1, |_| first.int_digits.len().max(1)),
        decimal: decimal.unwrap_or(if groupings.first() == Some(&'.') {
            ','
        } else {
            '.'
        }),
        frac_min: scanned.iter().map(|s| s.frac_digits).min().unwrap_or(0),
        frac_max: scanned.iter().map(|s| s.frac_digits).max().unwrap_or(0),
        exponent: first.exponent.map(|(letter, _, _)| {
            let plus = scanned
                .iter()
                .any(|s| s.exponent.is_some_and(|(_, sign, _)| sign == Some('+')));
            let digits = scanned
                .iter()
                .filter_map(|s| s.exponent.map(|(.., count)| count))
                .min()
                .unwrap_or(1);
            (letter, plus, digits)
        }),
    };
    let mut groupings_to_try = vec![groupings.first().copied()];
    if groupings.is_empty() && shape.exponent.is_none() {
        groupings_to_try.push(Some(if shape.decimal == ',' { '.' } else { ',' }));
    }
    let mut patterns: Vec<NumberPattern> = Vec::new();
    for grouping in groupings_to_try {
        let core = shape.core(grouping);
        let number = Number {
            prefix: &prefix,
            suffix: &suffix,
            core,
            first,
        };
        let signs = scanned.iter().map(|s| s.sign);
        let source = if signs.clone().any(|sign| sign == SignShown::Parentheses) {
            format!("{};{}", number.written(""), number.written("("))
        } else if signs.clone().any(|sign| sign == SignShown::Plus) {
            format!("{};{}", number.written("+"), number.written("-"))
        } else if first.sign_after_currency || scanned.iter().any(|s| s.sign_after_currency) {
            format!("{};{}", number.written(""), number.written("-"))
        } else {
            number.written("")
        };
        let Ok(pattern) = NumberPattern::parse(&source) else {
            continue;
        };
        let fits = scanned
            .iter()
            .zip(shown)
            .all(|(s, text)| pattern.format(s.value) == *text);
        if fits && !patterns.contains(&pattern) && patterns.len() < MAX_PATTERNS {
            patterns.push(pattern);
        }
    }
    patterns
}

/// How many integer digits a shown number pads to (0 for `.5`, more with leading zeros).
fn int_width(scanned: &Scanned) -> usize {
    match scanned.int_digits.len() {
        0 => 0,
        len if scanned.int_digits.starts_with('0') && scanned.exponent.is_none() => len,
        _ => 1,
    }
}

/// The numeric part of a pattern, common to the examples.
struct Shape {
    int_min: usize,
    int_places: usize,
    decimal: char,
    frac_min: usize,
    frac_max: usize,
    exponent: Option<(char, bool, usize)>,
}

impl Shape {
    /// The placeholders, separators and exponent: `#,##0.00`, `0.0E+00`.
    fn core(&self, grouping: Option<char>) -> String {
        let places = self
            .int_places
            .max(self.int_min)
            .max(if grouping.is_some() { 4 } else { 1 });
        let mut core = String::new();
        for at in 0..places {
            let from_right = places - 1 - at;
            core.push(if from_right < self.int_min { '0' } else { '#' });
            if let Some(separator) = grouping
                && from_right > 0
                && from_right.is_multiple_of(3)
            {
                core.push(separator);
            }
        }
        if self.frac_max > 0 {
            core.push(self.decimal);
            core.extend(std::iter::repeat_n('0', self.frac_min));
            core.extend(std::iter::repeat_n('#', self.frac_max - self.frac_min));
        }
        if let Some((letter, plus, digits)) = self.exponent {
            core.push(letter);
            core.push(if plus { '+' } else { '-' });
            core.extend(std::iter::repeat_n('0', digits));
        }
        core
    }
}

/// A whole pattern section around a core, for one sign style.
struct Number<'a> {
    prefix: &'a str,
    suffix: &'a str,
    core: String,
    first: &'a Scanned<'a>,
}

impl Number<'_> {
    /// The section with `sign` written where the examples write it (`(` also closes).
    fn written(&self, sign: &str) -> String {
        let currency = self.first.currency.map(quote).unwrap_or_default();
        let percent = match self.first.percent {
            Some((mark, true)) => format!(" {mark}"),
            Some((mark, false)) => mark.to_string(),
            None => String::new(),
        };
        let number = format!("{}{percent}", self.core);
        let body = match (sign, self.first.sign_after_currency) {
            ("(", _) => format!("({currency}{number})"),
            (_, true) => format!("{currency}{sign}{number}"),
            (_, false) => format!("{sign}{currency}{number}"),
        };
        format!("{}{body}{}", quote(self.prefix), quote(self.suffix))
    }
}

/// Literal text as a pattern writes it: plain where it may be, the rest in double quotes.
fn quote(text: &str) -> String {
    const PLAIN: &str = "$€£¥₹₩-+():/ ";
    let mut out = String::new();
    let mut quoted = String::new();
    let flush = |out: &mut String, quoted: &mut String| {
        if !quoted.is_empty() {
            out.push('"');
            out.push_str(quoted);
            out.push('"');
            quoted.clear();
        }
    };
    for c in text.chars() {
        if PLAIN.contains(c) || c == '"' {
            flush(&mut out, &mut quoted);
            out.push_str(if c == '"' { "\\\"" } else { "" });
            if c != '"' {
                out.push(c);
            }
        } else {
            quoted.push(c);
        }
    }
    flush(&mut out, &mut quoted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inferred(shown: &[&str]) -> Vec<String> {
        infer_patterns(shown)
            .iter()
            .map(|pattern| pattern.source().to_owned())
            .collect()
    }

    #[test]
    fn infers_the_patterns_that_write_the_examples() {
        let table: [(&[&str], &str); 15] = [
            (&["18.500", "2.000"], "0.000"),
            (&["2.5", "3", "0.75"], "0.##"),
            (&["007", "042"], "000"),
            (&["$1,234.50"], "$#,##0.00"),
            (&["12.5%"], "0.0%"),
            (&["1.2E+03"], "0.0E+00"),
            (&["1,234.50", "7.00", "(3.20)"], "#,##0.00;(#,##0.00)"),
            (&["1.234,50", "7,00"], "#.##0,00"),
            (&["1 234", "17"], "# ##0"),
            (&["+2.0", "-1.5"], "+0.0;-0.0"),
            (&["-$1.50", "$2.00"], "$0.00"),
            (&["12.5 km", "3.0 km"], "0.0 \"km\""),
            (&["USD 5", "USD 12"], "\"USD\" 0"),
            (&["5 \"x\""], "0 \\\"\"x\"\\\""),
            (&[".5", ".25"], "#.0#"),
        ];
        for (shown, expected) in table {
            let patterns = inferred(shown);
            assert_eq!(
                patterns.first().map(String::as_str),
                Some(expected),
                "{shown:?}: {patterns:?}"
            );
        }
    }

    #[test]
    fn nothing_fits_mixed_shapes() {
        assert!(inferred(&["1.5", "2.50"]).is_empty());
        assert!(inferred(&["abc"]).is_empty());
        assert!(inferred(&[]).is_empty());
        assert!(inferred(&["1,234", "1.234,5"]).is_empty());
        assert!(inferred(&["2023-07-04"]).is_empty());
        assert!(inferred(&["3 of 5"]).is_empty());
    }

    #[test]
    fn suggests_grouping_when_the_examples_cannot_tell() {
        assert_eq!(inferred(&["12.50", "3.00"]), ["0.00", "#,##0.00"]);
    }
}
