//! Date and number formats of `date(s, in, out)` and `number(s, out)`.
//!
//! Dates are [`chrono::NaiveDate`]s: reading checks that the day exists (no February 30)
//! and printing takes the weekday from the calendar. Numbers are exact decimals
//! ([`Decimal`]), never floats, so that `2.675` rounds to `2.68` as written.
//!
//! Reading a date (after trimming white space around it):
//!
//! | format | reads | prints |
//! | --- | --- | --- |
//! | `iso` | `2024-03-15`, `2024-3-5` | `2024-03-15` |
//! | `us` | `03/15/2024`, `3/15/2024` | `03/15/2024` |
//! | `us_short` | `3/15/2024`, `03/15/2024` | `3/15/2024` |
//! | `eu` | `15/03/2024`, `15/3/2024` | `15/03/2024` |
//! | `eu_dot` | `15.03.2024`, `15.3.2024` | `15.03.2024` |
//! | `compact` | `20240315` (exactly 8 digits) | `20240315` |
//! | `long` | `March 15, 2024`, `mar 15 2024`, `Sept. 5, 2024` | `March 15, 2024` |
//! | `medium` | as `long` | `Mar 15, 2024` |
//! | `day_month_year` | `15 March 2024`, `5 mar 2024` | `15 March 2024` |
//! | `weekday_long` | `Friday, March 15, 2024`, `fri march 15 2024` | `Friday, March 15, 2024` |
//!
//! Years have exactly four digits, months and days one or two; month and weekday names are
//! English, in full or abbreviated, in any case. Printed days in `long`, `medium`,
//! `day_month_year` and `weekday_long` are not padded ("March 5, 2024"). A weekday that
//! does not match the date is an error.
//!
//! Reading a number (after trimming white space around it): an optional sign (`-` or `+`),
//! an optional `$`, digits (optionally grouped by `,` in threes: `1,234,567`), an optional
//! `.` with decimals, an optional trailing `%` that divides by 100. At least one digit;
//! at most 38 digits in all. Printing rounds half away from zero:
//!
//! | format | 1234.5 | -0.125 |
//! | --- | --- | --- |
//! | `int` | `1235` | `0` |
//! | `fixed2` | `1234.50` | `-0.13` |
//! | `thousands` | `1,235` | `0` |
//! | `thousands2` | `1,234.50` | `-0.13` |
//! | `percent` | `123450%` | `-13%` |
//! | `currency` | `$1,234.50` | `-$0.13` |
//!
//! A result that rounds to zero has no minus sign.
use chrono::{Datelike, NaiveDate};

use crate::ast::{Format, FormatKind};
use crate::tables;

/// Reads `s` as a date written in `format`. `None` when `s` is not such a date, or
/// `format` is not a date format.
pub fn parse_date(s: &str, format: Format) -> Option<NaiveDate> {
    if format.kind() != FormatKind::Date {
        return None;
    }
    let mut p = Cursor::new(s.trim());
    let (year, month, day) = match format {
        Format::Iso => {
            let y = p.digits(4, 4)?;
            p.lit(b'-')?;
            let m = p.digits(1, 2)?;
            p.lit(b'-')?;
            (y, m, p.digits(1, 2)?)
        }
        Format::Us | Format::UsShort => {
            let m = p.digits(1, 2)?;
            p.lit(b'/')?;
            let d = p.digits(1, 2)?;
            p.lit(b'/')?;
            (p.digits(4, 4)?, m, d)
        }
        Format::Eu | Format::EuDot => {
            let sep = if format == Format::Eu { b'/' } else { b'.' };
            let d = p.digits(1, 2)?;
            p.lit(sep)?;
            let m = p.digits(1, 2)?;
            p.lit(sep)?;
            (p.digits(4, 4)?, m, d)
        }
        Format::Compact => {
            let y = p.fixed_digits(4)?;
            let m = p.fixed_digits(2)?;
            (y, m, p.fixed_digits(2)?)
        }
        Format::Long | Format::Medium => p.month_day_year()?,
        Format::DayMonthYear => {
            let d = p.digits(1, 2)?;
            p.space()?;
            let m = p.month()?;
            p.space()?;
            (p.digits(4, 4)?, m, d)
        }
        Format::WeekdayLong => {
            let wd = tables::weekday_from_name(p.word())?;
            p.opt(b',');
            p.opt_space();
            let (y, m, d) = p.month_day_year()?;
            let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
            p.end()?;
            return (date.weekday().num_days_from_monday() as usize == wd).then_some(date);
        }
        _ => return None,
    };
    p.end()?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Appends `date` written in `format` to `out`. Returns `false` (appending nothing) when
/// `format` is not a date format or the year does not have four digits.
pub fn write_date(out: &mut String, date: NaiveDate, format: Format) -> bool {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) || format.kind() != FormatKind::Date {
        return false;
    }
    let y = y as u32;
    let month0 = m as usize - 1;
    match format {
        Format::Iso => {
            push_digits(out, y, 4);
            out.push('-');
            push_digits(out, m, 2);
            out.push('-');
            push_digits(out, d, 2);
        }
        Format::Us | Format::UsShort => {
            let width = if format == Format::Us { 2 } else { 1 };
            push_digits(out, m, width);
            out.push('/');
            push_digits(out, d, width);
            out.push('/');
            push_digits(out, y, 4);
        }
        Format::Eu | Format::EuDot => {
            let sep = if format == Format::Eu { '/' } else { '.' };
            push_digits(out, d, 2);
            out.push(sep);
            push_digits(out, m, 2);
            out.push(sep);
            push_digits(out, y, 4);
        }
        Format::Compact => {
            push_digits(out, y, 4);
            push_digits(out, m, 2);
            push_digits(out, d, 2);
        }
        Format::Long | Format::Medium | Format::WeekdayLong => {
            if format == Format::WeekdayLong {
                out.push_str(tables::weekday_name(
                    date.weekday().num_days_from_monday() as usize
                ));
                out.push_str(", ");
            }
            out.push_str(if format == Format::Medium {
                tables::month_abbr(month0)
            } else {
                tables::month_name(month0)
            });
            out.push(' ');
            push_digits(out, d, 1);
            out.push_str(", ");
            push_digits(out, y, 4);
        }
        Format::DayMonthYear => {
            push_digits(out, d, 1);
            out.push(' ');
            out.push_str(tables::month_name(month0));
            out.push(' ');
            push_digits(out, y, 4);
        }
        _ => return false,
    }
    true
}

/// `date` written in `format` (`None` as for [`write_date`]).
pub fn format_date(date: NaiveDate, format: Format) -> Option<String> {
    let mut out = String::with_capacity(24);
    write_date(&mut out, date, format).then_some(out)
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, n: u32, width: usize) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (buf.len() - i)..width {
        out.push('0');
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// A little parser over the bytes of a date.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Cursor<'a> {
        Cursor { s, at: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.at).copied()
    }

    /// A whole run of ASCII digits of `min..=max` digits (a longer run is an error, so
    /// "20240" is not a year).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let n = self.at - start;
        if n < min || n > max {
            return None;
        }
        self.s[start..self.at].parse().ok()
    }

    /// Exactly `n` digits, even if more follow (for `compact`).
    fn fixed_digits(&mut self, n: usize) -> Option<u32> {
        let text = self.s.get(self.at..self.at + n)?;
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.at += n;
        text.parse().ok()
    }

    fn lit(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    fn opt(&mut self, b: u8) {
        if self.peek() == Some(b) {
            self.at += 1;
        }
    }

    fn opt_space(&mut self) -> usize {
        let rest = &self.s[self.at..];
        let trimmed = rest.trim_start();
        self.at += rest.len() - trimmed.len();
        rest.len() - trimmed.len()
    }

    /// One or more white-space characters.
    fn space(&mut self) -> Option<()> {
        (self.opt_space() > 0).then_some(())
    }

    /// A run of ASCII letters with an optional trailing `.` ("Sept.").
    fn word(&mut self) -> &'a str {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.at += 1;
        }
        if self.at > start {
            self.opt(b'.');
        }
        &self.s[start..self.at]
    }

    /// An English month name or abbreviation, 1-based.
    fn month(&mut self) -> Option<u32> {
        tables::month_from_name(self.word()).map(|m| m as u32 + 1)
    }

    /// `March 15, 2024` with the comma optional.
    fn month_day_year(&mut self) -> Option<(u32, u32, u32)> {
        let m = self.month()?;
        self.space()?;
        let d = self.digits(1, 2)?;
        self.opt(b',');
        self.space()?;
        Some((self.digits(4, 4)?, m, d))
    }

    fn end(&self) -> Option<()> {
        (self.at == self.s.len()).then_some(())
    }
}

/// An exact decimal number: `(-1)^negative * mantissa / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// Whether the number is below zero (a zero may carry a sign; printing drops it).
    pub negative: bool,
    /// The digits, as one integer.
    pub mantissa: u128,
    /// How many of the digits are decimals.
    pub scale: u32,
}

impl Decimal {
    /// The magnitude rounded half away from zero to `decimals` decimals, as an integer
    /// count of `10^-decimals`. `None` on overflow.
    pub fn rounded(&self, decimals: u32) -> Option<u128> {
        if self.scale > decimals {
            let Some(p) = 10u128.checked_pow(self.scale - decimals) else {
                // Every u128 is below half of 10^39: it rounds to zero.
                return Some(0);
            };
            let (q, r) = (self.mantissa / p, self.mantissa % p);
            Some(if r >= p - r { q + 1 } else { q })
        } else {
            self.mantissa
                .checked_mul(10u128.checked_pow(decimals - self.scale)?)
        }
    }
}

/// Reads a number as `number` does (see the module docs). `None` if it is not one.
pub fn parse_number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let b = s.as_bytes();
    let mut at = 0;
    let mut negative = false;
    if let Some(&sign @ (b'-' | b'+')) = b.first() {
        negative = sign == b'-';
        at += 1;
    }
    if b.get(at) == Some(&b'$') {
        at += 1;
    }
    let mut mantissa: u128 = 0;
    let push = |d: u8, mantissa: &mut u128| -> Option<()> {
        *mantissa = mantissa
            .checked_mul(10)?
            .checked_add(u128::from(d - b'0'))?;
        Some(())
    };
    // Integer part, with optional groups of three after commas.
    let mut group = 0usize;
    let mut grouped = false;
    while let Some(&c) = b.get(at) {
        if c.is_ascii_digit() {
            push(c, &mut mantissa)?;
            group += 1;
        } else if c == b',' {
            if group == 0 || (grouped && group != 3) || (!grouped && group > 3) {
                return None;
            }
            grouped = true;
            group = 0;
        } else {
            break;
        }
        at += 1;
    }
    if grouped && group != 3 {
        return None;
    }
    let int_digits = group > 0 || grouped;
    let mut scale = 0u32;
    if b.get(at) == Some(&b'.') {
        at += 1;
        while let Some(&c) = b.get(at).filter(|c| c.is_ascii_digit()) {
            push(c, &mut mantissa)?;
            scale += 1;
            at += 1;
        }
    }
    if !int_digits && scale == 0 {
        return None;
    }
    if b.get(at) == Some(&b'%') {
        scale += 2;
        at += 1;
    }
    (at == b.len()).then_some(Decimal {
        negative,
        mantissa,
        scale,
    })
}

/// Appends `n` printed in `format` to `out`. Returns `false` (appending nothing) when
/// `format` is not a number format or the number is too large to print.
pub fn write_number(out: &mut String, n: &Decimal, format: Format) -> bool {
    let decimals = match format {
        Format::Int | Format::Thousands => 0,
        Format::Fixed2 | Format::Thousands2 | Format::Currency | Format::Percent => 2,
        _ => return false,
    };
    let Some(q) = n.rounded(decimals) else {
        return false;
    };
    if n.negative && q != 0 {
        out.push('-');
    }
    if format == Format::Currency {
        out.push('$');
    }
    // Percent prints hundredths of the value as a whole number.
    let (int, frac) = match format {
        Format::Percent | Format::Int | Format::Thousands => (q, None),
        _ => (q / 100, Some(q % 100)),
    };
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    let mut v = int;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let digits = &buf[i..];
    let grouped = matches!(
        format,
        Format::Thousands | Format::Thousands2 | Format::Currency
    );
    for (k, &d) in digits.iter().enumerate() {
        if grouped && k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(d as char);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push((b'0' + (frac / 10) as u8) as char);
        out.push((b'0' + (frac % 10) as u8) as char);
    }
    if format == Format::Percent {
        out.push('%');
    }
    true
}

/// `n` printed in `format` (`None` as for [`write_number`]).
pub fn format_number(n: &Decimal, format: Format) -> Option<String> {
    let mut out = String::with_capacity(16);
    write_number(&mut out, n, format).then_some(out)
}
