//! Token classes: where each class matches in a string.
//!
//! Every class yields its matches left to right, non-overlapping, each as long as possible
//! and never empty. The named classes and delimiters are scanned by hand (one pass, no
//! allocation, a byte-level fast path for ASCII); user regular expressions use the `regex`
//! crate's `find_iter`. Positions are reported both in characters (what the language's
//! indices count) and in bytes (to slice the string without a second scan).
//!
//! Class definitions (general categories as in the `regex` crate):
//! `Number` `[0-9]+`; `Word` `[\p{L}\p{M}]+`; `Alphanum` `[\p{L}\p{M}\p{Nd}]+`;
//! `Caps` `\p{Lu}+`; `Proper` `\p{Lu}\p{Ll}+`; `Lower` `\p{Ll}+`; `Digit` `[0-9]`;
//! `Char` any one character; `Space` `\s+`; `Delim(c)` the character `c`.
use std::ops::Range;

use crate::ast::TokenClass;

mod ucd;

/// A match of a token class: `[start, end)` in characters, and the matched text's byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First character of the match.
    pub start: usize,
    /// One past the last character of the match.
    pub end: usize,
    /// First byte of the match.
    pub byte_start: usize,
    /// One past the last byte of the match.
    pub byte_end: usize,
}

impl Span {
    /// The byte range of the match, to slice the string it was found in.
    pub fn bytes(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }

    /// The matched text (`s` must be the string the span was found in).
    pub fn text<'s>(&self, s: &'s str) -> &'s str {
        &s[self.bytes()]
    }

    /// The number of characters matched.
    pub fn char_len(&self) -> usize {
        self.end - self.start
    }
}

/// Every match of `t` in `s`, left to right, non-overlapping, each as long as possible.
pub fn find_all(s: &str, t: &TokenClass) -> Vec<Span> {
    iter(s, t).collect()
}

/// The matches of `t` in `s` as a lazy iterator (no allocation): prefer this to
/// [`find_all`] when only some matches are needed.
pub fn iter<'s, 't>(s: &'s str, t: &'t TokenClass) -> Tokens<'s, 't> {
    let regex = match t {
        TokenClass::Regex(re) => Some(re.regex().find_iter(s)),
        _ => None,
    };
    Tokens {
        s,
        class: t,
        byte: 0,
        chr: 0,
        regex,
    }
}

/// How many matches `t` has in `s`.
pub fn count(s: &str, t: &TokenClass) -> usize {
    iter(s, t).count()
}

/// The `k`-th match of `t` in `s`; a negative `k` counts from the last match (-1 is the
/// last). `None` when there is no such match.
pub fn nth(s: &str, t: &TokenClass, k: i64) -> Option<Span> {
    if k >= 0 {
        return iter(s, t).nth(usize::try_from(k).ok()?);
    }
    if k == -1 {
        return iter(s, t).last();
    }
    // Counting first keeps this allocation-free; the scan is linear, so two passes are
    // cheaper than collecting the spans.
    let n = count(s, t) as i64;
    let k = k + n;
    if k < 0 {
        return None;
    }
    iter(s, t).nth(k as usize)
}

/// Whether `c` is a letter (`\p{L}`).
pub fn is_letter(c: char) -> bool {
    ucd::category(c) & ucd::LETTER != 0
}

/// Whether `c` is a combining mark (`\p{M}`).
pub fn is_mark(c: char) -> bool {
    ucd::category(c) & ucd::MARK != 0
}

/// Whether `c` is a character of the class's runs or single matches, for the named classes
/// that are sets of characters (`Number`, `Word`, `Alphanum`, `Caps`, `Lower`, `Digit`,
/// `Char`, `Space`) and delimiters. `Proper` and regexes are not character sets: `None`.
pub fn class_contains(t: &TokenClass, c: char) -> Option<bool> {
    Some(match t {
        TokenClass::Number | TokenClass::Digit => c.is_ascii_digit(),
        TokenClass::Char => true,
        TokenClass::Delim(d) => c == *d,
        TokenClass::Word => ucd::category(c) & (ucd::LETTER | ucd::MARK) != 0,
        TokenClass::Alphanum => ucd::category(c) & (ucd::LETTER | ucd::MARK | ucd::ND) != 0,
        TokenClass::Caps => ucd::category(c) & ucd::LU != 0,
        TokenClass::Lower => ucd::category(c) & ucd::LL != 0,
        TokenClass::Space => ucd::category(c) & ucd::SPACE != 0,
        TokenClass::Proper | TokenClass::Regex(_) => return None,
    })
}

/// The iterator returned by [`iter`].
pub struct Tokens<'s, 't> {
    s: &'s str,
    class: &'t TokenClass,
    /// Scan position: everything before it has been reported or skipped.
    byte: usize,
    /// The character index of `byte`.
    chr: usize,
    regex: Option<regex::Matches<'t, 's>>,
}

/// The character starting at byte `b` of `s` and its length in bytes.
#[inline]
fn char_at(s: &str, b: usize) -> Option<(char, usize)> {
    let first = *s.as_bytes().get(b)?;
    if first < 0x80 {
        return Some((first as char, 1));
    }
    let c = s[b..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The number of characters in `s` (a byte count when `s` is ASCII).
#[inline]
fn char_count(s: &str) -> usize {
    s.chars().count()
}

impl Tokens<'_, '_> {
    /// Moves past every character that fails `pred`, then over the run that passes it.
    #[inline]
    fn run(&mut self, pred: impl Fn(char) -> bool, single: bool) -> Option<Span> {
        let s = self.s;
        // Skip to the first character of the class.
        loop {
            let (c, n) = char_at(s, self.byte)?;
            if pred(c) {
                break;
            }
            self.byte += n;
            self.chr += 1;
        }
        let (byte_start, start) = (self.byte, self.chr);
        loop {
            match char_at(s, self.byte) {
                Some((c, n)) if pred(c) => {
                    self.byte += n;
                    self.chr += 1;
                    if single {
                        break;
                    }
                }
                _ => break,
            }
        }
        Some(Span {
            start,
            end: self.chr,
            byte_start,
            byte_end: self.byte,
        })
    }

    /// `\p{Lu}\p{Ll}+`: an upper-case letter directly followed by lower-case ones.
    fn proper(&mut self) -> Option<Span> {
        let s = self.s;
        loop {
            let (c, n) = char_at(s, self.byte)?;
            if ucd::category(c) & ucd::LU != 0
                && let Some((d, _)) = char_at(s, self.byte + n)
                && ucd::category(d) & ucd::LL != 0
            {
                let (byte_start, start) = (self.byte, self.chr);
                self.byte += n;
                self.chr += 1;
                while let Some((d, m)) = char_at(s, self.byte) {
                    if ucd::category(d) & ucd::LL == 0 {
                        break;
                    }
                    self.byte += m;
                    self.chr += 1;
                }
                return Some(Span {
                    start,
                    end: self.chr,
                    byte_start,
                    byte_end: self.byte,
                });
            }
            self.byte += n;
            self.chr += 1;
        }
    }

    fn delim(&mut self, d: char) -> Option<Span> {
        let rest = &self.s[self.byte..];
        let at = rest.find(d)?;
        let byte_start = self.byte + at;
        let start = self.chr + char_count(&rest[..at]);
        self.byte = byte_start + d.len_utf8();
        self.chr = start + 1;
        Some(Span {
            start,
            end: self.chr,
            byte_start,
            byte_end: self.byte,
        })
    }
}

impl Iterator for Tokens<'_, '_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        if let Some(matches) = &mut self.regex {
            // Patterns that match "" are rejected when built, but some match the empty
            // string elsewhere (`\b`, `$`): token matches are never empty, so skip those.
            let m = matches.by_ref().find(|m| !m.is_empty())?;
            // Character positions follow incrementally from the previous match, so a scan
            // over all matches stays linear.
            let start = self.chr + char_count(&self.s[self.byte..m.start()]);
            let end = start + char_count(m.as_str());
            self.byte = m.end();
            self.chr = end;
            return Some(Span {
                start,
                end,
                byte_start: m.start(),
                byte_end: m.end(),
            });
        }
        match self.class {
            TokenClass::Number => self.run(|c| c.is_ascii_digit(), false),
            TokenClass::Digit => self.run(|c| c.is_ascii_digit(), true),
            TokenClass::Char => self.run(|_| true, true),
            TokenClass::Word => self.run(
                |c| {
                    if c.is_ascii() {
                        c.is_ascii_alphabetic()
                    } else {
                        ucd::category(c) & (ucd::LETTER | ucd::MARK) != 0
                    }
                },
                false,
            ),
            TokenClass::Alphanum => self.run(
                |c| {
                    if c.is_ascii() {
                        c.is_ascii_alphanumeric()
                    } else {
                        ucd::category(c) & (ucd::LETTER | ucd::MARK | ucd::ND) != 0
                    }
                },
                false,
            ),
            TokenClass::Caps => self.run(|c| ucd::category(c) & ucd::LU != 0, false),
            TokenClass::Lower => self.run(|c| ucd::category(c) & ucd::LL != 0, false),
            TokenClass::Space => self.run(|c| ucd::category(c) & ucd::SPACE != 0, false),
            TokenClass::Proper => self.proper(),
            TokenClass::Delim(d) => self.delim(*d),
            // A regex class always has `self.regex` set (see `iter`).
            TokenClass::Regex(_) => None,
        }
    }
}
