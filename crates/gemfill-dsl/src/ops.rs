//! The semantics of every operator, as plain functions over Rust values.
//!
//! The interpreter ([`crate::eval()`]) and the synthesizer (gemfill-search, which evaluates
//! candidate sub-programs on vectors of example values) both call these, so there is one
//! definition of what each operator means. Indices count characters; a negative index
//! counts from the end: an index `i < 0` is normalised to `i + n` against the relevant
//! count `n` (characters, matches or occurrences) before it is checked.
//!
//! Besides the one function per operator, a few borrowing variants (`*_range`, `*_cow`,
//! [`lookup_ref`]) return positions or borrowed text instead of a new `String`; the
//! interpreter uses them to avoid copying, and they define the same results. [`fast`]
//! has variants of the operators that can fail returning `Option`, which build no error
//! message (for the synthesizer's inner loops).
use std::borrow::Cow;
use std::ops::Range;

use crate::ast::{CaseMode, Format, FormatKind, TableRef, TokenClass};
use crate::formats;
use crate::limits::MAX_STRING_CHARS;
use crate::tables::{self, Tables};
use crate::tokens::{self, Span};
use crate::value::EvalError;

type R<T> = Result<T, EvalError>;

fn err(op: &'static str, message: impl Into<String>) -> EvalError {
    EvalError::new(op, message)
}

/// `i` normalised against a count `n`: a negative index counts from the end.
#[inline]
pub fn normalise(i: i64, n: usize) -> i64 {
    if i < 0 { i.saturating_add(n as i64) } else { i }
}

/// A string for an error message: quoted, and cut short if long (inputs may be huge).
fn quote(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((b, _)) => format!("{:?}...", &s[..b]),
        None => format!("{s:?}"),
    }
}

/// How a token class is written in program text, for error messages.
pub fn describe(t: &TokenClass) -> String {
    match t {
        TokenClass::Delim(c) => format!("{c:?}"),
        TokenClass::Regex(re) => format!("/{}/", re.source()),
        named => named.name().unwrap_or_default().to_string(),
    }
}

/// The byte offset of character `i` of `s` (`s.len()` when `i` is the character count);
/// `None` when `s` has fewer than `i` characters. Linear in `i`, and a plain byte check
/// when the first `i` bytes are ASCII.
#[inline]
pub fn byte_offset(s: &str, i: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if i <= bytes.len() && bytes[..i].is_ascii() {
        return Some(i);
    }
    let mut count = 0;
    for (b, _) in s.char_indices() {
        if count == i {
            return Some(b);
        }
        count += 1;
    }
    (count == i).then_some(s.len())
}

/// The number of characters in `s`.
#[inline]
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// An error if `s` is longer than [`MAX_STRING_CHARS`] characters.
#[inline]
pub fn check_len(op: &'static str, s: &str) -> R<()> {
    // Counting characters only when the byte length could exceed the limit keeps the
    // common case O(1).
    if s.len() > MAX_STRING_CHARS && char_count(s) > MAX_STRING_CHARS {
        return Err(too_long(op));
    }
    Ok(())
}

fn too_long(op: &'static str) -> EvalError {
    err(
        op,
        format!("the result would be longer than {MAX_STRING_CHARS} characters"),
    )
}

/// `concat(s, s, ...)`: the parts joined. Error if the result is longer than
/// [`MAX_STRING_CHARS`] characters.
pub fn concat(parts: &[&str]) -> R<String> {
    let bytes = parts.iter().map(|p| p.len()).sum::<usize>();
    if bytes > MAX_STRING_CHARS
        && parts.iter().map(|p| char_count(p)).sum::<usize>() > MAX_STRING_CHARS
    {
        return Err(too_long("concat"));
    }
    let mut out = String::with_capacity(bytes);
    for p in parts {
        out.push_str(p);
    }
    Ok(out)
}

/// The byte range of characters `i..j` of `s` (see [`sub`]).
pub fn sub_range(s: &str, i: i64, j: i64) -> R<Range<usize>> {
    fast::sub(s, i, j).ok_or_else(|| {
        err(
            "sub",
            format!(
                "range {i}..{j} is out of bounds for a string of {} characters",
                char_count(s)
            ),
        )
    })
}

/// `sub(s, i, j)`: characters `i..j` of `s`. Both indices are normalised against the
/// length; error unless `0 <= i <= j <= len(s)`.
pub fn sub(s: &str, i: i64, j: i64) -> R<String> {
    sub_range(s, i, j).map(|r| s[r].to_owned())
}

/// The `k`-th match of `t` in `s` (see [`token`]).
pub fn token_span(op: &'static str, s: &str, t: &TokenClass, k: i64) -> R<Span> {
    tokens::nth(s, t, k).ok_or_else(|| {
        err(
            op,
            format!(
                "no match {k} of {} in {} ({} matches)",
                describe(t),
                quote(s),
                tokens::count(s, t)
            ),
        )
    })
}

/// `token(s, t, k)`: the text of the `k`-th match of `t` in `s` (`k` normalised against
/// the number of matches). Error if there is no such match.
pub fn token(s: &str, t: &TokenClass, k: i64) -> R<String> {
    token_span("token", s, t, k).map(|span| span.text(s).to_owned())
}

/// `len(s)`: the number of characters.
pub fn len(s: &str) -> i64 {
    char_count(s) as i64
}

/// `start(s, t, k)`: the character index where the `k`-th match of `t` starts. Error if
/// there is no such match.
pub fn start(s: &str, t: &TokenClass, k: i64) -> R<i64> {
    token_span("start", s, t, k).map(|span| span.start as i64)
}

/// `end(s, t, k)`: the character index just after the `k`-th match of `t`. Error if there
/// is no such match.
pub fn end(s: &str, t: &TokenClass, k: i64) -> R<i64> {
    token_span("end", s, t, k).map(|span| span.end as i64)
}

/// `find(s, needle, k)`: the character index of the `k`-th non-overlapping occurrence of
/// `needle`, found left to right (`k` normalised against the number of occurrences).
/// Error if `needle` is empty or there is no such occurrence.
pub fn find(s: &str, needle: &str, k: i64) -> R<i64> {
    if needle.is_empty() {
        return Err(err("find", "the string to find is empty"));
    }
    fast::find(s, needle, k).ok_or_else(|| {
        err(
            "find",
            format!(
                "no occurrence {k} of {} in {} ({} occurrences)",
                quote(needle),
                quote(s),
                s.matches(needle).count()
            ),
        )
    })
}

/// The boundaries of `pos(s, left, right, _)` in increasing order, as character indices.
pub fn boundaries<'s, 't>(
    s: &'s str,
    left: &'t TokenClass,
    right: &'t TokenClass,
) -> impl Iterator<Item = usize> + use<'s, 't> {
    // Ends of `left` and starts of `right` both increase strictly (matches are non-empty
    // and non-overlapping), so the common positions come from one merge.
    let mut ends = tokens::iter(s, left).map(|m| m.end).peekable();
    let mut starts = tokens::iter(s, right).map(|m| m.start).peekable();
    std::iter::from_fn(move || {
        loop {
            let (a, b) = (*ends.peek()?, *starts.peek()?);
            match a.cmp(&b) {
                std::cmp::Ordering::Less => {
                    ends.next();
                }
                std::cmp::Ordering::Greater => {
                    starts.next();
                }
                std::cmp::Ordering::Equal => {
                    ends.next();
                    starts.next();
                    return Some(a);
                }
            }
        }
    })
}

/// `pos(s, left, right, k)`: the `k`-th (normalised) position `p` such that a match of
/// `left` ends at `p` and a match of `right` starts at `p`. Error if there is none.
pub fn pos(s: &str, left: &TokenClass, right: &TokenClass, k: i64) -> R<i64> {
    fast::pos(s, left, right, k).ok_or_else(|| {
        err(
            "pos",
            format!(
                "no boundary {k} between {} and {} in {} ({} boundaries)",
                describe(left),
                describe(right),
                quote(s),
                boundaries(s, left, right).count()
            ),
        )
    })
}

/// `plus(i, j)`: `i + j`. Error on overflow.
pub fn plus(i: i64, j: i64) -> R<i64> {
    i.checked_add(j)
        .ok_or_else(|| err("plus", format!("{i} + {j} overflows")))
}

/// `minus(i, j)`: `i - j`. Error on overflow.
pub fn minus(i: i64, j: i64) -> R<i64> {
    i.checked_sub(j)
        .ok_or_else(|| err("minus", format!("{i} - {j} overflows")))
}

/// `to_int(s)`: an optional sign (`+` or `-`) then one or more ASCII digits, nothing else
/// (no white space). Error if `s` is not such a number or does not fit an i64.
pub fn to_int(s: &str) -> R<i64> {
    // `i64::from_str` accepts exactly this syntax and reports overflow.
    s.parse::<i64>()
        .map_err(|_| err("to_int", format!("{} is not an integer", quote(s))))
}

/// `to_str(i)`: `i` in decimal.
pub fn to_str(i: i64) -> String {
    i.to_string()
}

/// `case(s, mode)`: `upper` and `lower` are Unicode case mappings of the whole string;
/// `proper` lower-cases everything, then upper-cases the first letter of every run of
/// letters (combining marks continue a run, anything else ends it): "o'neil-SMITH" ->
/// "O'Neil-Smith", "2nd" -> "2Nd"; `title` upper-cases the first letter of every
/// white-space separated word and leaves everything else unchanged: "mcDonald's (uk)
/// farm" -> "McDonald's (Uk) Farm".
pub fn case(s: &str, mode: CaseMode) -> String {
    match mode {
        CaseMode::Upper => s.to_uppercase(),
        CaseMode::Lower => s.to_lowercase(),
        CaseMode::Proper => proper(s),
        CaseMode::Title => title(s),
    }
}

fn proper(s: &str) -> String {
    let mut in_run = false;
    if s.is_ascii() {
        let bytes: Vec<u8> = s
            .bytes()
            .map(|b| {
                let letter = b.is_ascii_alphabetic();
                let out = if letter && !in_run {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                };
                in_run = letter;
                out
            })
            .collect();
        // Mapping ASCII bytes to ASCII bytes keeps the text valid UTF-8.
        return String::from_utf8(bytes).unwrap_or_default();
    }
    // Lower-casing the whole string first (not char by char) gets context-dependent
    // mappings such as the Greek final sigma right.
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if tokens::is_letter(c) {
            if in_run {
                out.push(c);
            } else {
                out.extend(c.to_uppercase());
            }
            in_run = true;
        } else {
            in_run = in_run && tokens::is_mark(c);
            out.push(c);
        }
    }
    out
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Whether the current word still waits for its first letter.
    let mut waiting = true;
    for c in s.chars() {
        if c.is_whitespace() {
            waiting = true;
            out.push(c);
        } else if waiting && c.is_ascii_alphabetic() {
            waiting = false;
            out.push(c.to_ascii_uppercase());
        } else if waiting && !c.is_ascii() && tokens::is_letter(c) {
            waiting = false;
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Error unless replacing `count` occurrences of `from` by `to` in `s` stays within
/// [`MAX_STRING_CHARS`]; `count` is only computed when the byte bound is exceeded.
fn check_replace(
    op: &'static str,
    s: &str,
    from: &str,
    to: &str,
    count: impl FnOnce() -> usize,
) -> R<()> {
    let worst = s
        .len()
        .saturating_add((s.len() / from.len()).saturating_mul(to.len().saturating_sub(from.len())));
    if worst <= MAX_STRING_CHARS {
        return Ok(());
    }
    let c = count() as u128;
    let chars = char_count(s) as u128 - c * char_count(from) as u128 + c * char_count(to) as u128;
    if chars > MAX_STRING_CHARS as u128 {
        return Err(too_long(op));
    }
    Ok(())
}

/// [`replace`] without copying `s` when `from` does not occur in it.
pub fn replace_cow<'s>(s: &'s str, from: &str, to: &str) -> R<Cow<'s, str>> {
    if from.is_empty() {
        return Err(err("replace", "the string to replace is empty"));
    }
    check_replace("replace", s, from, to, || s.matches(from).count())?;
    if !s.contains(from) {
        return Ok(Cow::Borrowed(s));
    }
    Ok(Cow::Owned(s.replace(from, to)))
}

/// `replace(s, from, to)`: every non-overlapping occurrence of `from` (left to right)
/// replaced by `to`. Error if `from` is empty or the result is longer than
/// [`MAX_STRING_CHARS`] characters.
pub fn replace(s: &str, from: &str, to: &str) -> R<String> {
    replace_cow(s, from, to).map(Cow::into_owned)
}

/// [`replace_first`] without copying `s` when `from` does not occur in it.
pub fn replace_first_cow<'s>(s: &'s str, from: &str, to: &str) -> R<Cow<'s, str>> {
    if from.is_empty() {
        return Err(err("replace_first", "the string to replace is empty"));
    }
    let Some(at) = s.find(from) else {
        return Ok(Cow::Borrowed(s));
    };
    check_replace("replace_first", s, from, to, || 1)?;
    let mut out = String::with_capacity(s.len() - from.len() + to.len());
    out.push_str(&s[..at]);
    out.push_str(to);
    out.push_str(&s[at + from.len()..]);
    Ok(Cow::Owned(out))
}

/// `replace_first(s, from, to)`: the first occurrence of `from` replaced by `to`. Error
/// if `from` is empty or the result is longer than [`MAX_STRING_CHARS`] characters.
pub fn replace_first(s: &str, from: &str, to: &str) -> R<String> {
    replace_first_cow(s, from, to).map(Cow::into_owned)
}

/// The byte range that [`trim`] keeps.
pub fn trim_range(s: &str) -> Range<usize> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    start..end.max(start)
}

/// `trim(s)`: Unicode white space removed at both ends.
pub fn trim(s: &str) -> String {
    s.trim().to_owned()
}

/// [`pad_left`] without copying `s` when it is already long enough.
pub fn pad_left_cow<'s>(s: &'s str, width: i64, fill: &str) -> R<Cow<'s, str>> {
    let mut chars = fill.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err(err(
            "pad_left",
            format!("the fill {} is not exactly one character", quote(fill)),
        ));
    };
    if width > MAX_STRING_CHARS as i64 {
        return Err(err(
            "pad_left",
            format!("width {width} is more than {MAX_STRING_CHARS} characters"),
        ));
    }
    let n = char_count(s);
    if width <= n as i64 {
        return Ok(Cow::Borrowed(s));
    }
    let missing = width as usize - n;
    let mut out = String::with_capacity(missing * c.len_utf8() + s.len());
    out.extend(std::iter::repeat_n(c, missing));
    out.push_str(s);
    Ok(Cow::Owned(out))
}

/// `pad_left(s, width, fill)`: `fill` (exactly one character, else an error) prepended
/// until `s` has `width` characters; `s` unchanged when it already has at least `width`.
/// Error if `width` is more than [`MAX_STRING_CHARS`].
pub fn pad_left(s: &str, width: i64, fill: &str) -> R<String> {
    pad_left_cow(s, width, fill).map(Cow::into_owned)
}

/// The byte range of character `i` of `s` (see [`char_at`]).
pub fn char_at_range(s: &str, i: i64) -> R<Range<usize>> {
    fast::char_at(s, i).ok_or_else(|| {
        err(
            "char_at",
            format!(
                "index {i} is out of bounds for a string of {} characters",
                char_count(s)
            ),
        )
    })
}

/// `char_at(s, i)`: character `i` (normalised) as a string. Error unless
/// `0 <= i < len(s)`.
pub fn char_at(s: &str, i: i64) -> R<String> {
    char_at_range(s, i).map(|r| s[r].to_owned())
}

/// `contains(s, needle)`: plain substring test (the empty string is in every string).
pub fn contains(s: &str, needle: &str) -> bool {
    s.contains(needle)
}

/// `starts_with(s, prefix)`.
pub fn starts_with(s: &str, prefix: &str) -> bool {
    s.starts_with(prefix)
}

/// `ends_with(s, suffix)`.
pub fn ends_with(s: &str, suffix: &str) -> bool {
    s.ends_with(suffix)
}

/// `matches(s, t)`: whether the matches of `t` in `s` are exactly one match covering all
/// of `s` (so never for the empty string).
pub fn matches(s: &str, t: &TokenClass) -> bool {
    // Matches are maximal and non-overlapping: a first match spanning all of `s` is the
    // only one.
    tokens::iter(s, t)
        .next()
        .is_some_and(|m| m.byte_start == 0 && m.byte_end == s.len())
}

/// `is_empty(s)`.
pub fn is_empty(s: &str) -> bool {
    s.is_empty()
}

/// [`lookup`] borrowing the value from the table.
pub fn lookup_ref<'t>(table: &TableRef, key: &str, tables: &'t Tables) -> R<&'t str> {
    match table {
        TableRef::Builtin(b) => tables::builtin_lookup(*b, key).ok_or_else(|| {
            err(
                "lookup",
                format!("{} is not a key of {}", quote(key), b.name()),
            )
        }),
        TableRef::User(name) => match tables.get(name) {
            None => Err(err("lookup", format!("there is no table @{name}"))),
            Some(t) => t
                .get(key)
                .map(String::as_str)
                .ok_or_else(|| err("lookup", format!("{} is not a key of @{name}", quote(key)))),
        },
    }
}

/// `lookup(table, key)`: a built-in table maps every common spelling of an entity
/// (case-insensitively, ignoring surrounding white space) to the table's representation
/// (see [`crate::tables`]); a user table (`@name`) needs an exact key. Error if the key or
/// the table is missing.
pub fn lookup(table: &TableRef, key: &str, tables: &Tables) -> R<String> {
    lookup_ref(table, key, tables).map(str::to_owned)
}

/// `date(s, input, output)`: `s` read as a date in format `input` and printed in format
/// `output` (see [`crate::formats`]). Error if `s` is not a date in that format (or the
/// day does not exist), or either format is not a date format.
pub fn date(s: &str, input: Format, output: Format) -> R<String> {
    for f in [input, output] {
        if f.kind() != FormatKind::Date {
            return Err(err("date", format!("{} is not a date format", f.name())));
        }
    }
    let d = formats::parse_date(s, input).ok_or_else(|| {
        err(
            "date",
            format!("{} is not a date in format {}", quote(s), input.name()),
        )
    })?;
    formats::format_date(d, output)
        .ok_or_else(|| err("date", format!("cannot print {d} as {}", output.name())))
}

/// `number(s, output)`: `s` read as a number (optional sign, optional `$`, digits with
/// optional `,` separators, optional decimals, optional trailing `%`) and printed in the
/// number format `output`, rounding half away from zero (see [`crate::formats`]). Error if
/// `s` is not such a number or `output` is not a number format.
pub fn number(s: &str, output: Format) -> R<String> {
    if output.kind() != FormatKind::Number {
        return Err(err(
            "number",
            format!("{} is not a number format", output.name()),
        ));
    }
    let n = formats::parse_number(s)
        .ok_or_else(|| err("number", format!("{} is not a number", quote(s))))?;
    formats::format_number(&n, output)
        .ok_or_else(|| err("number", format!("{} is too large to print", quote(s))))
}

/// The operators that can fail, returning `None` instead of an [`EvalError`]: no error
/// message is built, so nothing is allocated on failure. The synthesizer, which evaluates
/// many candidates that fail on some example, should prefer these; they fail exactly when
/// the functions of the same name in [`crate::ops`] do.
pub mod fast {
    use std::ops::Range;

    use super::{byte_offset, char_count, normalise};
    use crate::ast::{Format, FormatKind, TokenClass};
    use crate::formats;

    /// The byte range of [`super::sub`].
    pub fn sub(s: &str, i: i64, j: i64) -> Option<Range<usize>> {
        let n = if i < 0 || j < 0 { char_count(s) } else { 0 };
        let (ni, nj) = (normalise(i, n), normalise(j, n));
        if ni < 0 || ni > nj {
            return None;
        }
        let bi = byte_offset(s, ni as usize)?;
        let bj = bi + byte_offset(&s[bi..], (nj - ni) as usize)?;
        Some(bi..bj)
    }

    /// The byte range of [`super::char_at`].
    pub fn char_at(s: &str, i: i64) -> Option<Range<usize>> {
        let ni = if i < 0 {
            normalise(i, char_count(s))
        } else {
            i
        };
        let b = byte_offset(s, usize::try_from(ni).ok()?)?;
        let c = s[b..].chars().next()?;
        Some(b..b + c.len_utf8())
    }

    /// [`super::find`].
    pub fn find(s: &str, needle: &str, k: i64) -> Option<i64> {
        if needle.is_empty() {
            return None;
        }
        let k = if k < 0 {
            normalise(k, s.matches(needle).count())
        } else {
            k
        };
        let (b, _) = s.match_indices(needle).nth(usize::try_from(k).ok()?)?;
        Some(char_count(&s[..b]) as i64)
    }

    /// [`super::pos`].
    pub fn pos(s: &str, left: &TokenClass, right: &TokenClass, k: i64) -> Option<i64> {
        let k = if k < 0 {
            normalise(k, super::boundaries(s, left, right).count())
        } else {
            k
        };
        super::boundaries(s, left, right)
            .nth(usize::try_from(k).ok()?)
            .map(|p| p as i64)
    }

    /// [`super::to_int`].
    pub fn to_int(s: &str) -> Option<i64> {
        s.parse().ok()
    }

    /// [`super::date`].
    pub fn date(s: &str, input: Format, output: Format) -> Option<String> {
        if output.kind() != FormatKind::Date {
            return None;
        }
        formats::format_date(formats::parse_date(s, input)?, output)
    }

    /// [`super::number`].
    pub fn number(s: &str, output: Format) -> Option<String> {
        formats::format_number(&formats::parse_number(s)?, output)
    }
}
