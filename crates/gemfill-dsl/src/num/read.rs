//! Reading the first number in a text ([`read_number`]); the rules are in the
//! [module docs of `num`](super).

use rust_decimal::Decimal;

use super::error::NumberError;

/// Currency symbols that may stand between the sign and the digits, longest first.
const CURRENCIES: [&str; 8] = ["R$", "CHF", "$", "€", "£", "¥", "₹", "₩"];
/// Characters that may separate groups of three digits (besides `,` and `.`).
const GROUPING_ONLY: [char; 6] = ['\'', '’', '\u{a0}', '\u{2009}', '\u{202f}', ' '];
/// The most digits of an exponent that is read (larger ones overflow anyway).
const MAX_EXPONENT_DIGITS: usize = 4;

/// How a number read from text showed its sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignShown {
    None,
    Minus,
    Plus,
    Parentheses,
}

/// A number found in a text, with how it was written (for inferring patterns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scanned<'t> {
    pub value: Decimal,
    /// Byte range of the whole number, sign, currency, percent and parentheses included.
    pub start: usize,
    pub end: usize,
    pub sign: SignShown,
    /// Whether the sign came after the currency (`$-1.50`).
    pub sign_after_currency: bool,
    /// The currency symbol and the space after it, as written.
    pub currency: Option<&'t str>,
    /// The integer digits as written, without separators.
    pub int_digits: String,
    pub grouping: Option<char>,
    pub decimal: Option<char>,
    pub frac_digits: usize,
    /// `(e or E, the sign written if any, digit count)`.
    pub exponent: Option<(char, Option<char>, usize)>,
    /// `%` or `‰` and whether a space came before it.
    pub percent: Option<(char, bool)>,
}

/// The first number in `text` (see the [module docs of `num`](super) for the grammar):
/// `"Total: 1,234.50 USD"` is 1234.50, `"(3.20)"` is -3.2, `"12.5%"` is 0.125.
pub fn read_number(text: &str) -> Result<Decimal, NumberError> {
    scan_number(text).map(|scanned| scanned.value)
}

/// The first number in `text` and how it is written.
pub(crate) fn scan_number(text: &str) -> Result<Scanned<'_>, NumberError> {
    let bytes = text.as_bytes();
    let start = (0..bytes.len()).find(|&i| {
        bytes[i].is_ascii_digit()
            || (bytes[i] == b'.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_digit()))
    });
    let Some(start) = start else {
        return Err(NumberError::NoNumber(shorten(text)));
    };
    let body = scan_body(text, start);
    let mut scanned = Scanned {
        value: Decimal::ZERO,
        start,
        end: body.end,
        sign: SignShown::None,
        sign_after_currency: false,
        currency: None,
        int_digits: body.int_digits,
        grouping: body.grouping,
        decimal: body.decimal,
        frac_digits: body.frac_digits.len(),
        exponent: None,
        percent: None,
    };
    read_prefix(text, &mut scanned);
    let rest = &text[scanned.end..];
    let exponent = read_exponent(rest);
    if let Some((_, e, sign, digits)) = exponent {
        scanned.exponent = Some((e, sign, digits));
    }
    let exponent_value = exponent.map_or(Some(0), |(value, ..)| value);
    scanned.end += exponent.map_or(0, |(_, _, sign, digits)| {
        1 + usize::from(sign.is_some()) + digits
    });
    let rest = &text[scanned.end..];
    for (spaced, skip) in [(false, ""), (true, " "), (true, "\u{a0}")] {
        if let Some(after) = rest.strip_prefix(skip)
            && let Some(mark) = after.chars().next().filter(|c| matches!(c, '%' | '‰'))
            && (!spaced || mark == '%')
        {
            scanned.percent = Some((mark, spaced));
            scanned.end += skip.len() + mark.len_utf8();
            break;
        }
    }
    if scanned.sign == SignShown::Parentheses {
        if text[scanned.end..].starts_with(')') {
            scanned.end += 1;
        } else {
            // No closing parenthesis: the number starts after the opening one.
            let digits_start = start;
            scanned.start = text[..digits_start]
                .rfind('(')
                .map_or(digits_start, |paren| paren + 1);
            if scanned.sign_after_currency {
                scanned.currency = None;
                scanned.sign_after_currency = false;
            }
            scanned.sign = SignShown::None;
        }
    }
    let magnitude = exponent_value
        .and_then(|exponent| to_decimal(&scanned.int_digits, &body.frac_digits, exponent))
        .ok_or_else(|| NumberError::OutOfRange(shorten(&text[scanned.start..scanned.end])))?;
    let divisor = match scanned.percent {
        Some(('‰', _)) => Some(Decimal::ONE_THOUSAND),
        Some(_) => Some(Decimal::ONE_HUNDRED),
        None => None,
    };
    let magnitude = match divisor {
        Some(divisor) => magnitude
            .checked_div(divisor)
            .ok_or_else(|| NumberError::OutOfRange(shorten(text)))?,
        None => magnitude,
    };
    let negative = matches!(scanned.sign, SignShown::Minus | SignShown::Parentheses);
    scanned.value = if negative { -magnitude } else { magnitude };
    Ok(scanned)
}

/// A text cut to a length fit for an error message.
pub(crate) fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    if text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        text.chars().take(MAX_CHARS).chain("…".chars()).collect()
    }
}

/// Looks before the digits at `scanned.start` for a currency symbol and a sign.
fn read_prefix<'t>(text: &'t str, scanned: &mut Scanned<'t>) {
    let mut before = &text[..scanned.start];
    if let Some((sign, rest)) = sign_before(before) {
        let currency = currency_before(rest);
        scanned.sign_after_currency = currency.is_some();
        if let Some(currency) = currency {
            scanned.currency = Some(currency);
            scanned.sign = sign;
            scanned.start = rest.len() - currency.len();
            return;
        }
        if sign_stands_alone(rest) {
            scanned.sign = sign;
            scanned.start = rest.len();
        }
        return;
    }
    if let Some(currency) = currency_before(before) {
        scanned.currency = Some(currency);
        before = &before[..before.len() - currency.len()];
        scanned.start = before.len();
    }
    if let Some((sign, rest)) = sign_before(before)
        && sign_stands_alone(rest)
    {
        scanned.sign = sign;
        scanned.start = rest.len();
    }
}

/// The sign that ends `before`, and what comes before it.
fn sign_before(before: &str) -> Option<(SignShown, &str)> {
    let last = before.chars().next_back()?;
    let sign = match last {
        '-' | '−' => SignShown::Minus,
        '+' => SignShown::Plus,
        '(' => SignShown::Parentheses,
        _ => return None,
    };
    Some((sign, &before[..before.len() - last.len_utf8()]))
}

/// A sign counts only when it does not join two words (`ID-12` is 12, not -12).
fn sign_stands_alone(before_sign: &str) -> bool {
    !before_sign
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The currency symbol (with the space after it) that ends `before`.
fn currency_before(before: &str) -> Option<&str> {
    let trimmed = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('\u{a0}'))
        .unwrap_or(before);
    let symbol = CURRENCIES
        .iter()
        .find(|symbol| trimmed.ends_with(*symbol))?;
    let rest = &trimmed[..trimmed.len() - symbol.len()];
    let word_like = symbol.chars().all(char::is_alphabetic) || *symbol == "R$";
    if word_like && rest.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some(&before[rest.len()..])
}

/// The digits part of a number, after the separator rules.
struct Body {
    end: usize,
    int_digits: String,
    frac_digits: String,
    grouping: Option<char>,
    decimal: Option<char>,
}

/// Reads digits and separators from `start` (a digit, or a `.` before digits).
fn scan_body(text: &str, start: usize) -> Body {
    // Runs of digits as byte ranges, and the separator before each run after the first.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut at = start;
    loop {
        let run_end = at + text[at..].bytes().take_while(u8::is_ascii_digit).count();
        runs.push((at, run_end));
        let Some(sep) = text[run_end..].chars().next() else {
            break;
        };
        let is_sep = matches!(sep, '.' | ',') || GROUPING_ONLY.contains(&sep);
        let next = run_end + sep.len_utf8();
        if !is_sep || !text.as_bytes().get(next).is_some_and(u8::is_ascii_digit) {
            break;
        }
        if run_end == at && !(runs.len() == 1 && sep == '.') {
            break;
        }
        seps.push(sep);
        at = next;
    }
    let digits = |(from, to): (usize, usize)| text[from..to].to_owned();
    let lens: Vec<usize> = runs.iter().map(|(from, to)| to - from).collect();
    if lens[0] == 0 {
        // ".5": only a decimal part.
        return Body {
            end: runs[1].1,
            int_digits: String::new(),
            frac_digits: digits(runs[1]),
            grouping: None,
            decimal: Some('.'),
        };
    }
    let decimal_at = decimal_separator(&seps, &lens);
    let grouping_end = decimal_at.unwrap_or(seps.len());
    let bad_group =
        (0..grouping_end).find(|&j| seps[j] != seps[0] || lens[j + 1] != 3 || lens[0] > 3);
    let (int_runs, decimal_at) = match bad_group {
        Some(j) => (j + 1, None),
        None => (grouping_end + 1, decimal_at),
    };
    let int_digits: String = runs[..int_runs].iter().map(|&run| digits(run)).collect();
    let grouping = (int_runs > 1).then(|| seps[0]);
    match decimal_at {
        Some(d) => Body {
            end: runs[d + 1].1,
            int_digits,
            frac_digits: digits(runs[d + 1]),
            grouping,
            decimal: Some(seps[d]),
        },
        None => Body {
            end: runs[int_runs - 1].1,
            int_digits,
            frac_digits: String::new(),
            grouping,
            decimal: None,
        },
    }
}

/// Which separator (by index) is the decimal one, by the rules in the module docs.
fn decimal_separator(seps: &[char], lens: &[usize]) -> Option<usize> {
    let last_at = seps.len().checked_sub(1)?;
    let last = seps[last_at];
    if !matches!(last, '.' | ',') || seps.iter().filter(|&&s| s == last).count() > 1 {
        return None;
    }
    let other = if last == '.' { ',' } else { '.' };
    if last == '.' || seps.contains(&other) {
        return Some(last_at);
    }
    let grouping_like = seps.len() == 1 && lens[1] == 3 && (1..=3).contains(&lens[0]);
    (!grouping_like).then_some(last_at)
}

/// An exponent at the start of `rest`: its value (None when too large), the letter, the
/// sign as written and the digit count.
fn read_exponent(rest: &str) -> Option<(Option<i32>, char, Option<char>, usize)> {
    let mut chars = rest.chars();
    let e = chars.next().filter(|c| matches!(c, 'e' | 'E'))?;
    let after_e = &rest[1..];
    let sign = after_e.chars().next().filter(|c| matches!(c, '+' | '-'));
    let digits_text = &after_e[usize::from(sign.is_some())..];
    let count = digits_text.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 {
        return None;
    }
    let digits = &digits_text[..count];
    let significant = digits.trim_start_matches('0');
    let value = if significant.len() > MAX_EXPONENT_DIGITS {
        None
    } else {
        let magnitude: i32 = significant.parse().unwrap_or(0);
        Some(if sign == Some('-') {
            -magnitude
        } else {
            magnitude
        })
    };
    Some((value, e, sign, count))
}

/// The exact value of `int.frac × 10^exponent`, or None when it does not fit.
fn to_decimal(int: &str, frac: &str, exponent: i32) -> Option<Decimal> {
    let all = format!("{int}{frac}");
    let trimmed_end = all.trim_end_matches('0');
    let dropped_zeros = (all.len() - trimmed_end.len()) as i32;
    let significant = trimmed_end.trim_start_matches('0');
    if significant.is_empty() {
        return Some(Decimal::ZERO);
    }
    if significant.len() > 29 {
        return None;
    }
    let mantissa: i128 = significant.parse().ok()?;
    // value = mantissa × 10^(dropped_zeros - frac.len() + exponent)
    let power = dropped_zeros - frac.len() as i32 + exponent;
    if power >= 0 {
        let scaled = Decimal::try_from_i128_with_scale(mantissa, 0).ok()?;
        (0..power).try_fold(scaled, |value, _| value.checked_mul(Decimal::TEN))
    } else {
        let scale = u32::try_from(-power).ok().filter(|&scale| scale <= 28)?;
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn read(text: &str) -> String {
        match read_number(text) {
            Ok(value) => crate::num::format_plain(value),
            Err(error) => format!("error: {error}"),
        }
    }

    #[test]
    fn reads_the_first_number_by_the_rules() {
        let table = [
            ("Total: 1,234.50 USD", "1234.5"),
            ("12 km", "12"),
            ("1,234", "1234"),
            ("1,5", "1.5"),
            ("1.234", "1.234"),
            ("1.234,56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("1.234.567", "1234567"),
            ("1,234,567.891", "1234567.891"),
            ("1'234'567.50", "1234567.5"),
            ("1’234", "1234"),
            ("1 234 567", "1234567"),
            ("1\u{a0}234,50", "1234.5"),
            ("1\u{202f}234", "1234"),
            ("5 10", "5"),
            ("2023.07.04", "2023"),
            ("2023-07-04", "2023"),
            ("1234,567", "1234.567"),
            ("1,23,456", "1"),
            ("-3.5", "-3.5"),
            ("+3.5", "3.5"),
            ("−7", "-7"),
            ("(3.20)", "-3.2"),
            ("($1,234.50)", "-1234.5"),
            ("(3.20", "3.2"),
            ("€(5", "5"),
            ("($5", "5"),
            ("-$1.50", "-1.5"),
            ("$-1.50", "-1.5"),
            ("€ 12,50", "12.5"),
            ("R$ 1.234,56", "1234.56"),
            ("CHF 1'234.50", "1234.5"),
            ("ID-123", "123"),
            ("5-3", "5"),
            (".5", "0.5"),
            ("-.25", "-0.25"),
            ("1.2E+03", "1200"),
            ("6.02e23", "602000000000000000000000"),
            ("1e-5", "0.00001"),
            ("2e", "2"),
            ("12.5%", "0.125"),
            ("12 %", "0.12"),
            ("5‰", "0.005"),
            ("007", "7"),
            ("abc", "error: 'abc' has no number in it"),
            ("", "error: '' has no number in it"),
            (
                "1e99999",
                "error: '1e99999' is too large or too precise for an exact number (at most 28 digits)",
            ),
        ];
        for (text, expected) in table {
            assert_eq!(read(text), expected, "{text:?}");
        }
    }

    #[test]
    fn scanning_records_how_the_number_is_written() {
        let scanned = scan_number("Pay ($1,234.50) now").unwrap();
        assert_eq!(scanned.value, Decimal::from_str("-1234.50").unwrap());
        assert_eq!(
            &"Pay ($1,234.50) now"[scanned.start..scanned.end],
            "($1,234.50)"
        );
        assert_eq!(scanned.sign, SignShown::Parentheses);
        assert_eq!(scanned.currency, Some("$"));
        assert_eq!(
            (scanned.grouping, scanned.decimal, scanned.frac_digits),
            (Some(','), Some('.'), 2)
        );
        let scanned = scan_number("1.2E+03").unwrap();
        assert_eq!(scanned.exponent, Some(('E', Some('+'), 2)));
    }
}
