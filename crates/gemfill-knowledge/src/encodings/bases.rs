//! Whole numbers in other bases (binary, octal, hexadecimal, up to base 36) and Unix file
//! permissions between their octal and symbolic forms.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Error, Result};

const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The whole number `n` written in `base` (2 to 36), with upper-case digits and a leading
/// `-` when negative: `255`, 16 -> `FF`; `5`, 2 -> `101`.
///
/// ```
/// # use gemfill_knowledge::encodings::to_base;
/// assert_eq!(to_base(255.into(), 16).unwrap(), "FF");
/// assert_eq!(to_base((-5).into(), 2).unwrap(), "-101");
/// ```
pub fn to_base(n: Decimal, base: u32) -> Result<String> {
    check_base(base)?;
    let whole = n.normalize();
    if whole.scale() != 0 {
        return Err(Error::malformed(&n.to_string(), "a whole number"));
    }
    let value = whole
        .to_i128()
        .ok_or_else(|| Error::out_of_range(n, "the range of whole numbers"))?;
    let mut magnitude = value.unsigned_abs();
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[(magnitude % u128::from(base)) as usize]);
        magnitude /= u128::from(base);
        if magnitude == 0 {
            break;
        }
    }
    if value < 0 {
        digits.push(b'-');
    }
    digits.reverse();
    Ok(String::from_utf8_lossy(&digits).into_owned())
}

/// The whole number written in `text` in `base` (2 to 36), case-insensitive; a `0x`,
/// `0o` or `0b` prefix that agrees with the base, a sign, and `_` or spaces between digit
/// groups are allowed: `0x1F`, 16 -> 31; `1111 0000`, 2 -> 240.
///
/// ```
/// # use gemfill_knowledge::encodings::from_base;
/// assert_eq!(from_base("0x1F", 16).unwrap().to_string(), "31");
/// assert_eq!(from_base("1111_0000", 2).unwrap().to_string(), "240");
/// assert!(from_base("12", 2).is_err());
/// ```
pub fn from_base(text: &str, base: u32) -> Result<Decimal> {
    check_base(base)?;
    let trimmed = text.trim();
    let (negative, unsigned) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let prefix = match base {
        16 => ["0x", "0X"],
        8 => ["0o", "0O"],
        2 => ["0b", "0B"],
        _ => ["", ""],
    };
    let body = prefix
        .iter()
        .filter(|prefix| !prefix.is_empty())
        .find_map(|prefix| unsigned.strip_prefix(prefix))
        .unwrap_or(unsigned);
    let expected = match base {
        2 => "a binary number",
        8 => "an octal number",
        16 => "a hexadecimal number",
        _ => "a number in that base",
    };
    let malformed = || Error::malformed(text, expected);
    let separated = |c: char| c == '_' || c == ' ';
    if body.is_empty() || body.starts_with(separated) || body.ends_with(separated) {
        return Err(malformed());
    }
    let mut value: u128 = 0;
    for c in body.chars().filter(|c| !separated(*c)) {
        let digit = c.to_digit(base).ok_or_else(malformed)?;
        value = value
            .checked_mul(u128::from(base))
            .and_then(|v| v.checked_add(u128::from(digit)))
            .ok_or_else(|| Error::out_of_range(text, "the range of numbers"))?;
    }
    let number = i128::try_from(value)
        .ok()
        .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
        .ok_or_else(|| Error::out_of_range(text, "the range of numbers"))?;
    Ok(if negative { -number } else { number })
}

fn check_base(base: u32) -> Result<()> {
    if (2..=36).contains(&base) {
        Ok(())
    } else {
        Err(Error::out_of_range(base, "bases 2 to 36"))
    }
}

/// Unix permissions in octal (`755`, `0644`, `4755`) written symbolically
/// (`rwxr-xr-x`, `rw-r--r--`, `rwsr-xr-x`): setuid, setgid and sticky bits show as
/// `s`/`S` and `t`/`T`.
///
/// ```
/// # use gemfill_knowledge::encodings::permissions_symbolic;
/// assert_eq!(permissions_symbolic("755").unwrap(), "rwxr-xr-x");
/// assert_eq!(permissions_symbolic("1777").unwrap(), "rwxrwxrwt");
/// ```
pub fn permissions_symbolic(octal: &str) -> Result<String> {
    let digits: Vec<u32> = octal
        .trim()
        .chars()
        .map(|c| c.to_digit(8))
        .collect::<Option<_>>()
        .unwrap_or_default();
    if !(3..=4).contains(&digits.len()) {
        return Err(Error::malformed(octal, "octal permissions like 755"));
    }
    let special = if digits.len() == 4 { digits[0] } else { 0 };
    let classes = &digits[digits.len() - 3..];
    let mut symbolic = String::with_capacity(9);
    for (index, &bits) in classes.iter().enumerate() {
        symbolic.push(if bits & 4 != 0 { 'r' } else { '-' });
        symbolic.push(if bits & 2 != 0 { 'w' } else { '-' });
        let execute = bits & 1 != 0;
        let special_bit = special & (4 >> index) != 0;
        let (set, unset) = if index == 2 { ('t', 'T') } else { ('s', 'S') };
        symbolic.push(match (special_bit, execute) {
            (true, true) => set,
            (true, false) => unset,
            (false, true) => 'x',
            (false, false) => '-',
        });
    }
    Ok(symbolic)
}

/// Symbolic Unix permissions (`rwxr-xr-x`, or `-rwxr-xr-x` / `drwxr-xr-x` with the file
/// type first) in octal: `755`; four digits when setuid, setgid or sticky is set (`4755`).
///
/// ```
/// # use gemfill_knowledge::encodings::permissions_octal;
/// assert_eq!(permissions_octal("rw-r--r--").unwrap(), "644");
/// assert_eq!(permissions_octal("drwxr-xr-x").unwrap(), "755");
/// ```
pub fn permissions_octal(symbolic: &str) -> Result<String> {
    let chars: Vec<char> = symbolic.trim().chars().collect();
    let classes = match chars.len() {
        9 => &chars[..],
        10 => &chars[1..],
        _ => return Err(Error::malformed(symbolic, "permissions like rwxr-xr-x")),
    };
    let mut special = 0;
    let mut octal = String::new();
    for (index, class) in classes.chunks(3).enumerate() {
        let mut bits = 0;
        for (position, (&c, letter)) in class.iter().zip(['r', 'w', 'x']).enumerate() {
            let (set, unset) = if index == 2 { ('t', 'T') } else { ('s', 'S') };
            bits |= match c {
                '-' => 0,
                c if c == letter => 4 >> position,
                c if position == 2 && c == set => {
                    special |= 4 >> index;
                    1
                }
                c if position == 2 && c == unset => {
                    special |= 4 >> index;
                    0
                }
                _ => return Err(Error::malformed(symbolic, "permissions like rwxr-xr-x")),
            };
        }
        octal.push(char::from(b'0' + bits));
    }
    Ok(if special == 0 {
        octal
    } else {
        format!("{special}{octal}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_round_trip() {
        assert_eq!(to_base(4096.into(), 16).unwrap(), "1000");
        assert_eq!(to_base(0.into(), 2).unwrap(), "0");
        assert_eq!(to_base(35.into(), 36).unwrap(), "Z");
        assert_eq!(from_base("ff", 16).unwrap(), Decimal::from(255));
        assert_eq!(from_base("0b1011", 2).unwrap(), Decimal::from(11));
        assert_eq!(from_base("0o17", 8).unwrap(), Decimal::from(15));
        assert_eq!(from_base("-0x10", 16).unwrap(), Decimal::from(-16));
        for n in [0i64, 1, 7, 255, 65535, -42, 1 << 40] {
            for base in [2, 8, 10, 16, 36] {
                let text = to_base(n.into(), base).unwrap();
                assert_eq!(from_base(&text, base).unwrap(), Decimal::from(n));
            }
        }
    }

    #[test]
    fn bases_reject_what_they_cannot_read() {
        assert!(to_base(Decimal::new(15, 1), 2).is_err());
        assert!(to_base(5.into(), 1).is_err());
        assert!(to_base(5.into(), 37).is_err());
        assert!(from_base("", 16).is_err());
        assert!(from_base("0x", 16).is_err());
        assert!(from_base("G", 16).is_err());
        assert!(from_base("_1", 2).is_err());
        assert!(from_base(&"F".repeat(40), 16).is_err());
    }

    #[test]
    fn permissions_convert_both_ways() {
        for (octal, symbolic) in [
            ("755", "rwxr-xr-x"),
            ("644", "rw-r--r--"),
            ("600", "rw-------"),
            ("000", "---------"),
            ("4755", "rwsr-xr-x"),
            ("2750", "rwxr-s---"),
            ("1777", "rwxrwxrwt"),
            ("1776", "rwxrwxrwT"),
        ] {
            assert_eq!(permissions_symbolic(octal).unwrap(), symbolic);
            assert_eq!(permissions_octal(symbolic).unwrap(), octal);
        }
        assert_eq!(permissions_symbolic("0644").unwrap(), "rw-r--r--");
        assert!(permissions_symbolic("9").is_err());
        assert!(permissions_symbolic("788").is_err());
        assert!(permissions_octal("rwxr-xr-").is_err());
        assert!(permissions_octal("rwxr-xr-q").is_err());
    }
}
