//! English month and weekday names, ordinal suffixes and two-digit years.

/// Month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Monday first (ISO order).
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Abbreviations read besides the three-letter ones: (abbreviation, index).
const MONTH_ALIASES: [(&str, usize); 1] = [("sept", 8)];
const WEEKDAY_ALIASES: [(&str, usize); 4] = [("tues", 1), ("weds", 2), ("thur", 3), ("thurs", 3)];

/// The three-letter abbreviation of a name (`Jul`, `Tue`).
pub(crate) fn short(name: &'static str) -> &'static str {
    &name[..3]
}

/// The index (0-based) of the month or weekday a word names, and whether the word is an
/// abbreviation. Case does not matter.
fn lookup(word: &str, names: &[&'static str], aliases: &[(&str, usize)]) -> Option<(usize, bool)> {
    if let Some(index) = names
        .iter()
        .position(|name| name.eq_ignore_ascii_case(word))
    {
        return Some((index, false));
    }
    if let Some(index) = names
        .iter()
        .position(|name| short(name).eq_ignore_ascii_case(word))
    {
        return Some((index, true));
    }
    aliases
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(word))
        .map(|&(_, index)| (index, true))
}

/// The month (1-12) a word names in full or abbreviated, and whether it is abbreviated.
pub(crate) fn month_of(word: &str) -> Option<(u32, bool)> {
    lookup(word, &MONTHS, &MONTH_ALIASES).map(|(index, short)| (index as u32 + 1, short))
}

/// The weekday (0 = Monday) a word names in full or abbreviated, and whether it is
/// abbreviated.
pub(crate) fn weekday_of(word: &str) -> Option<(u32, bool)> {
    lookup(word, &WEEKDAYS, &WEEKDAY_ALIASES).map(|(index, short)| (index as u32, short))
}

/// The English ordinal suffix of `n`: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd.
pub(crate) fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The year a two-digit year means, as spreadsheets read it: 00-29 are 2000-2029 and
/// 30-99 are 1930-1999.
pub(crate) fn expand_two_digit_year(year: u32) -> i32 {
    if year < 30 {
        2000 + year as i32
    } else {
        1900 + year as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_suffixes() {
        assert_eq!(month_of("jul"), Some((7, true)));
        assert_eq!(month_of("JULY"), Some((7, false)));
        assert_eq!(month_of("Sept"), Some((9, true)));
        assert_eq!(month_of("Ju"), None);
        assert_eq!(weekday_of("tues"), Some((1, true)));
        assert_eq!(weekday_of("Sunday"), Some((6, false)));
        let suffixes: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .iter()
            .map(|&n| format!("{n}{}", ordinal_suffix(n)))
            .collect();
        assert_eq!(
            suffixes,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
        assert_eq!(
            (expand_two_digit_year(29), expand_two_digit_year(30)),
            (2029, 1930)
        );
    }
}
