//! A cursor over text that the date, time and duration readers share.

use chrono::FixedOffset;

use super::names;

/// A position in a text, moving forward as parts are read. Every method leaves the
/// position unchanged when it reads nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'t> {
    pub text: &'t str,
    pub at: usize,
}

impl<'t> Cursor<'t> {
    pub fn new(text: &'t str) -> Cursor<'t> {
        Cursor { text, at: 0 }
    }

    /// The text from the position on.
    pub fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Reads `c` if it is next.
    pub fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Reads `word` if it is next, in any case.
    pub fn eat_ignore_case(&mut self, word: &str) -> bool {
        let rest = self.rest().as_bytes();
        if rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes()) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// Skips white space; returns how many bytes were skipped.
    pub fn skip_spaces(&mut self) -> usize {
        let skipped = self.rest().len() - self.rest().trim_start().len();
        self.at += skipped;
        skipped
    }

    /// Reads `min..=max` ASCII digits (as many as there are, up to `max`); their text.
    pub fn digit_text(&mut self, min: usize, max: usize) -> Option<&'t str> {
        let count = self
            .rest()
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if count < min {
            return None;
        }
        let text = &self.rest()[..count];
        self.at += count;
        Some(text)
    }

    /// Reads `min..=max` ASCII digits (at most 9) as a number.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let text = self.digit_text(min, max.min(9))?;
        text.parse().ok()
    }

    /// The ASCII letters at the position, without moving.
    pub fn word(&self) -> &'t str {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        &rest[..len]
    }

    /// Reads a month name, full or abbreviated (with an optional dot after an
    /// abbreviation unless `keep_dot`): the month, 1-12.
    pub fn month_name(&mut self, keep_dot: bool) -> Option<u32> {
        let word = self.word();
        let (month, short) = names::month_of(word)?;
        self.at += word.len();
        if short && !keep_dot {
            self.eat('.');
        }
        Some(month)
    }

    /// Reads a weekday name, full or abbreviated: 0 is Monday.
    pub fn weekday_name(&mut self, keep_dot: bool) -> Option<u32> {
        let word = self.word();
        let (weekday, short) = names::weekday_of(word)?;
        self.at += word.len();
        if short && !keep_dot {
            self.eat('.');
        }
        Some(weekday)
    }

    /// Reads `AM`, `PM`, `a.m.` or `p.m.` in any case (not followed by a letter): whether
    /// it is PM.
    pub fn am_pm(&mut self) -> Option<bool> {
        let start = *self;
        for (text, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
            if self.eat_ignore_case(text) {
                if self.peek().is_some_and(char::is_alphabetic) {
                    *self = start;
                    return None;
                }
                return Some(pm);
            }
        }
        None
    }

    /// Reads a UTC offset: `Z`, `UTC`, `GMT` (optionally followed by an offset), `+02`,
    /// `+0200`, `+02:00`, `-5`.
    pub fn offset(&mut self) -> Option<FixedOffset> {
        let start = *self;
        let named = self.eat_ignore_case("utc") || self.eat_ignore_case("gmt");
        if !named && (self.eat('Z') || self.eat('z')) {
            if self.peek().is_some_and(char::is_alphabetic) {
                *self = start;
                return None;
            }
            return FixedOffset::east_opt(0);
        }
        let signed = self.signed_offset();
        match (named, signed) {
            (_, Some(offset)) => Some(offset),
            (true, None) if !self.peek().is_some_and(char::is_alphabetic) => {
                FixedOffset::east_opt(0)
            }
            _ => {
                *self = start;
                None
            }
        }
    }

    fn signed_offset(&mut self) -> Option<FixedOffset> {
        let start = *self;
        let negative = match self.peek() {
            Some('+') => false,
            Some('-' | '−') => true,
            _ => return None,
        };
        self.at += self.peek().map_or(0, char::len_utf8);
        let hours_text = self.digit_text(1, 2);
        let Some(hours_text) = hours_text else {
            *self = start;
            return None;
        };
        let hours: i32 = hours_text.parse().unwrap_or(0);
        // Minutes follow two-digit hours, with or without a colon, or one digit after a colon.
        let before_minutes = *self;
        let colon = self.eat(':');
        let minutes = match self.digits(2, 2) {
            Some(minutes) if colon || hours_text.len() == 2 => minutes as i32,
            _ => {
                *self = before_minutes;
                0
            }
        };
        let seconds = (hours * 60 + minutes) * 60;
        match FixedOffset::east_opt(if negative { -seconds } else { seconds }) {
            Some(offset) if hours <= 14 && minutes < 60 => Some(offset),
            _ => {
                *self = start;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_offsets_in_every_form() {
        let read = |text: &str| {
            let mut cursor = Cursor::new(text);
            cursor
                .offset()
                .map(|offset| (offset.local_minus_utc() / 60, cursor.at))
        };
        assert_eq!(read("Z"), Some((0, 1)));
        assert_eq!(read("+02:00"), Some((120, 6)));
        assert_eq!(read("+0200"), Some((120, 5)));
        assert_eq!(read("-05"), Some((-300, 3)));
        assert_eq!(read("-5"), Some((-300, 2)));
        assert_eq!(read("UTC"), Some((0, 3)));
        assert_eq!(read("GMT+1"), Some((60, 5)));
        assert_eq!(read("UTC+5:30"), Some((330, 8)));
        assert_eq!(read("+0530"), Some((330, 5)));
        assert_eq!(read("+25:00"), None);
        assert_eq!(read("Zulu"), None);
        assert_eq!(read("+"), None);
    }

    #[test]
    fn reads_am_pm_and_names() {
        let mut cursor = Cursor::new("p.m. Sept. 4");
        assert_eq!(cursor.am_pm(), Some(true));
        cursor.skip_spaces();
        assert_eq!(cursor.month_name(false), Some(9));
        assert_eq!(cursor.rest(), " 4");
        assert_eq!(Cursor::new("amber").am_pm(), None);
    }
}
