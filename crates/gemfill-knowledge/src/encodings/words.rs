//! Numbers in English words (American style, no "and": `one hundred forty`), ordinals
//! (`21st`, `twenty-first`), cheque amounts, and words back to numbers.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// The short-scale names of the powers of 1000, up to the range of a [`Decimal`].
const SCALES: [&str; 10] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
];
const ORDINAL_ONES: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// `n` in English words: `21` -> `twenty-one`, `140` -> `one hundred forty`, `-5` ->
/// `minus five`, `3.14` -> `three point one four` (digits after the point one by one).
///
/// ```
/// # use gemfill_knowledge::encodings::number_words;
/// assert_eq!(number_words(1_250.into()).unwrap(), "one thousand two hundred fifty");
/// assert_eq!(number_words("2.05".parse().unwrap()).unwrap(), "two point zero five");
/// ```
pub fn number_words(n: Decimal) -> Result<String> {
    let mut words = if n.is_sign_negative() && !n.is_zero() {
        String::from("minus ")
    } else {
        String::new()
    };
    let magnitude = n.abs().normalize();
    words.push_str(&whole_words(
        magnitude.trunc().to_u128().unwrap_or_default(),
    ));
    let text = magnitude.to_string();
    if let Some((_, fraction)) = text.split_once('.') {
        words.push_str(" point");
        for digit in fraction.bytes() {
            words.push(' ');
            words.push_str(ONES[usize::from(digit - b'0')]);
        }
    }
    Ok(words)
}

/// The words of a whole number.
fn whole_words(mut value: u128) -> String {
    if value == 0 {
        return ONES[0].to_string();
    }
    let mut groups = Vec::new();
    for scale in SCALES {
        let group = (value % 1000) as usize;
        value /= 1000;
        if group != 0 {
            let words = below_thousand(group);
            groups.push(if scale.is_empty() {
                words
            } else {
                format!("{words} {scale}")
            });
        }
        if value == 0 {
            break;
        }
    }
    groups.reverse();
    groups.join(" ")
}

fn below_thousand(value: usize) -> String {
    let (hundreds, rest) = (value / 100, value % 100);
    let tail = match rest {
        0 => String::new(),
        1..=19 => ONES[rest].to_string(),
        _ if rest % 10 == 0 => TENS[rest / 10].to_string(),
        _ => format!("{}-{}", TENS[rest / 10], ONES[rest % 10]),
    };
    match (hundreds, tail.is_empty()) {
        (0, _) => tail,
        (_, true) => format!("{} hundred", ONES[hundreds]),
        (_, false) => format!("{} hundred {tail}", ONES[hundreds]),
    }
}

fn whole_number(n: Decimal, what: &'static str) -> Result<i128> {
    let normalized = n.normalize();
    if normalized.scale() != 0 {
        return Err(Error::malformed(&n.to_string(), what));
    }
    normalized
        .to_i128()
        .ok_or_else(|| Error::out_of_range(n, "the range of whole numbers"))
}

/// The whole number `n` with its English ordinal suffix: `1st`, `2nd`, `3rd`, `11th`,
/// `21st`, `112th`.
///
/// ```
/// # use gemfill_knowledge::encodings::ordinal_suffix;
/// assert_eq!(ordinal_suffix(23.into()).unwrap(), "23rd");
/// assert_eq!(ordinal_suffix(112.into()).unwrap(), "112th");
/// ```
pub fn ordinal_suffix(n: Decimal) -> Result<String> {
    let value = whole_number(n, "a whole number")?;
    let last_two = value.unsigned_abs() % 100;
    let suffix = match (last_two % 10, last_two) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    Ok(format!("{value}{suffix}"))
}

/// The whole number `n` as an English ordinal word: `3` -> `third`, `21` ->
/// `twenty-first`, `100` -> `one hundredth`.
///
/// ```
/// # use gemfill_knowledge::encodings::ordinal_words;
/// assert_eq!(ordinal_words(21.into()).unwrap(), "twenty-first");
/// assert_eq!(ordinal_words(12.into()).unwrap(), "twelfth");
/// ```
pub fn ordinal_words(n: Decimal) -> Result<String> {
    let value = whole_number(n, "a whole number")?;
    let cardinal = number_words(Decimal::from_i128_with_scale(value, 0))?;
    let (head, last) = match cardinal.rfind([' ', '-']) {
        Some(split) => cardinal.split_at(split + 1),
        None => ("", cardinal.as_str()),
    };
    let ordinal = match ONES.iter().position(|word| *word == last) {
        Some(index) => ORDINAL_ONES[index].to_string(),
        // twenty -> twentieth; hundred, thousand, million -> hundredth, ...
        None => match last.strip_suffix('y') {
            Some(stem) => format!("{stem}ieth"),
            None => format!("{last}th"),
        },
    };
    Ok(format!("{head}{ordinal}"))
}

/// An amount as written on a cheque: the whole part in words, then the cents as a
/// fraction of 100: `1250.75` -> `one thousand two hundred fifty and 75/100`. The amount
/// is rounded to cents (half away from zero); negative amounts are errors.
///
/// ```
/// # use gemfill_knowledge::encodings::cheque_words;
/// assert_eq!(cheque_words("85".parse().unwrap()).unwrap(), "eighty-five and 00/100");
/// ```
pub fn cheque_words(amount: Decimal) -> Result<String> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(Error::out_of_range(amount, "amounts of zero or more"));
    }
    let cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let whole = cents.trunc();
    let fraction = ((cents - whole) * Decimal::ONE_HUNDRED)
        .to_u32()
        .unwrap_or_default();
    Ok(format!("{} and {fraction:02}/100", number_words(whole)?))
}

/// The number written in English words: cardinals (`twenty-one`, `one hundred and five`,
/// `a dozen`, `minus seven`), ordinals (`twenty-first` -> 21), decimals (`three point one
/// four`) and digits with a scale word (`2.5 million`). Case, hyphens, commas and "and"
/// do not matter.
///
/// ```
/// # use gemfill_knowledge::encodings::words_to_number;
/// assert_eq!(words_to_number("One hundred and five").unwrap().to_string(), "105");
/// assert_eq!(words_to_number("2.5 million").unwrap().to_string(), "2500000");
/// assert!(words_to_number("twenty bananas").is_err());
/// ```
pub fn words_to_number(text: &str) -> Result<Decimal> {
    let lower = text.trim().to_lowercase().replace(['-', ','], " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|word| *word != "and")
        .collect();
    let malformed = || Error::malformed(text, "a number in words");
    let (negative, words) = match words.split_first() {
        Some((&("minus" | "negative"), rest)) => (true, rest),
        _ => (false, &words[..]),
    };
    if words.is_empty() {
        return Err(malformed());
    }
    let (whole_words, fraction_words) = match words.iter().position(|word| *word == "point") {
        Some(point) => (&words[..point], Some(&words[point + 1..])),
        None => (words, None),
    };
    let mut total = Decimal::ZERO;
    let mut group = Decimal::ZERO;
    let mut seen_number = false;
    for (index, word) in whole_words.iter().enumerate() {
        let overflow = || Error::out_of_range(text, "the range of numbers");
        if let Some(value) = small_number(word) {
            group = group.checked_add(value).ok_or_else(overflow)?;
        } else if let Ok(value) = word.parse::<Decimal>()
            && index == 0
        {
            group = value;
        } else if let Some(factor) = multiplier(word) {
            group = group
                .max(Decimal::ONE)
                .checked_mul(factor)
                .ok_or_else(overflow)?;
        } else if let Some(power) = scale_power(word) {
            let scale = Decimal::from_i128_with_scale(10i128.pow(power), 0);
            total = group
                .max(Decimal::ONE)
                .checked_mul(scale)
                .and_then(|v| v.checked_add(total))
                .ok_or_else(overflow)?;
            group = Decimal::ZERO;
        } else if matches!(*word, "a" | "an") && index == 0 {
            continue;
        } else {
            return Err(malformed());
        }
        seen_number = true;
    }
    if !seen_number && fraction_words.is_none() {
        return Err(malformed());
    }
    let mut value = total + group;
    if let Some(fraction_words) = fraction_words {
        if fraction_words.is_empty() || fraction_words.len() > 20 {
            return Err(malformed());
        }
        let mut digits = String::from("0.");
        for word in fraction_words {
            let digit = ONES[..10]
                .iter()
                .position(|name| name == word)
                .ok_or_else(malformed)?;
            digits.push(char::from(b'0' + digit as u8));
        }
        value += digits.parse::<Decimal>().map_err(|_| malformed())?;
    }
    let value = value.normalize();
    Ok(if negative { -value } else { value })
}

/// Whether `word` (lower case) is one of the words of a cardinal number in English:
/// `three`, `twenty`, `hundred`, `million`, or `a` (as in "a hundred") and `point`.
pub(crate) fn is_number_word(word: &str) -> bool {
    ONES.contains(&word)
        || TENS.contains(&word) && !word.is_empty()
        || SCALES.contains(&word) && !word.is_empty()
        || matches!(word, "hundred" | "dozen" | "a" | "point")
}

/// The value of a number word below a hundred, cardinal or ordinal.
fn small_number(word: &str) -> Option<Decimal> {
    let position = |names: &[&str]| names.iter().position(|name| *name == word);
    if let Some(value) = position(&ONES).or_else(|| position(&ORDINAL_ONES)) {
        return Some(Decimal::from(value));
    }
    let tens = |stem: &str| {
        TENS.iter()
            .position(|name| !name.is_empty() && *name == stem)
    };
    if let Some(value) = tens(word).or_else(|| {
        word.strip_suffix("ieth")
            .and_then(|stem| tens(&format!("{stem}y")))
    }) {
        return Some(Decimal::from(value * 10));
    }
    None
}

/// The factor of a word that multiplies the number before it within a group of three
/// digits (`five hundred`, `two dozen`).
fn multiplier(word: &str) -> Option<Decimal> {
    match word {
        "hundred" | "hundredth" => Some(Decimal::ONE_HUNDRED),
        "dozen" => Some(Decimal::from(12)),
        _ => None,
    }
}

/// The power of ten a scale word (`thousand`, `millionth`) stands for.
fn scale_power(word: &str) -> Option<u32> {
    let base = word.strip_suffix("th").unwrap_or(word);
    let base = base.strip_suffix('s').unwrap_or(base);
    SCALES
        .iter()
        .skip(1)
        .position(|scale| *scale == base)
        .map(|index| 3 * (index as u32 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: i64) -> String {
        number_words(n.into()).unwrap()
    }

    #[test]
    fn cardinals() {
        assert_eq!(words(0), "zero");
        assert_eq!(words(7), "seven");
        assert_eq!(words(21), "twenty-one");
        assert_eq!(words(140), "one hundred forty");
        assert_eq!(words(3019), "three thousand nineteen");
        assert_eq!(words(1_000_000), "one million");
        assert_eq!(words(-15), "minus fifteen");
        assert_eq!(
            words(1_234_567_890_123_456),
            "one quadrillion two hundred thirty-four trillion five hundred sixty-seven billion \
             eight hundred ninety million one hundred twenty-three thousand four hundred fifty-six"
        );
        assert!(
            number_words(Decimal::MAX)
                .unwrap()
                .starts_with("seventy-nine octillion")
        );
        assert_eq!(
            number_words("0.5".parse().unwrap()).unwrap(),
            "zero point five"
        );
    }

    #[test]
    fn ordinals() {
        for (n, suffix, word) in [
            (1, "1st", "first"),
            (2, "2nd", "second"),
            (3, "3rd", "third"),
            (11, "11th", "eleventh"),
            (12, "12th", "twelfth"),
            (13, "13th", "thirteenth"),
            (20, "20th", "twentieth"),
            (21, "21st", "twenty-first"),
            (100, "100th", "one hundredth"),
            (101, "101st", "one hundred first"),
            (112, "112th", "one hundred twelfth"),
            (1000, "1000th", "one thousandth"),
        ] {
            assert_eq!(ordinal_suffix(n.into()).unwrap(), suffix);
            assert_eq!(ordinal_words(n.into()).unwrap(), word);
            assert_eq!(words_to_number(word).unwrap(), Decimal::from(n), "{word}");
        }
        assert!(ordinal_suffix(Decimal::new(15, 1)).is_err());
    }

    #[test]
    fn words_read_back() {
        for n in [
            0i64,
            5,
            19,
            40,
            99,
            105,
            999,
            1001,
            12_345,
            7_000_000,
            1_000_000_001,
        ] {
            assert_eq!(words_to_number(&words(n)).unwrap(), Decimal::from(n), "{n}");
        }
        assert_eq!(words_to_number("a hundred").unwrap(), Decimal::from(100));
        assert_eq!(words_to_number("Twenty-One").unwrap(), Decimal::from(21));
        assert_eq!(words_to_number("minus seven").unwrap(), Decimal::from(-7));
        assert_eq!(
            words_to_number("three point one four").unwrap(),
            "3.14".parse().unwrap()
        );
        assert_eq!(words_to_number("two dozen").unwrap(), Decimal::from(24));
        for bad in ["", "and", "point", "twenty bananas", "three point", "minus"] {
            assert!(words_to_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cheque_amounts() {
        assert_eq!(
            cheque_words("1250.75".parse().unwrap()).unwrap(),
            "one thousand two hundred fifty and 75/100"
        );
        assert_eq!(
            cheque_words("3019.40".parse().unwrap()).unwrap(),
            "three thousand nineteen and 40/100"
        );
        assert_eq!(
            cheque_words("0.999".parse().unwrap()).unwrap(),
            "one and 00/100"
        );
        assert!(cheque_words((-1).into()).is_err());
    }
}
