//! [`Digits`]: a decimal as a digit string, for rounding and writing without overflow.

use rust_decimal::Decimal;

/// A decimal's digits as text and where its point sits: the shared view that rounding and
/// pattern writing work on, free of any overflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Digits {
    /// Whether the value is below zero (never true for zero).
    pub negative: bool,
    /// The magnitude's digits, most significant first, without leading zeros ("" is 0).
    pub digits: Vec<u8>,
    /// How many of `digits` are decimals; may be negative (trailing zeros not stored) or
    /// larger than the digit count (leading zeros after the point).
    pub scale: i32,
}

impl Digits {
    /// The digits of `value`.
    pub fn of(value: Decimal) -> Digits {
        let mantissa = value.mantissa().unsigned_abs();
        let digits: Vec<u8> = if mantissa == 0 {
            Vec::new()
        } else {
            mantissa.to_string().bytes().map(|b| b - b'0').collect()
        };
        let negative = mantissa != 0 && value.is_sign_negative();
        let mut out = Digits {
            negative,
            digits,
            scale: value.scale() as i32,
        };
        out.trim_trailing_zeros();
        out
    }

    fn trim_trailing_zeros(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.scale -= 1;
        }
        if self.digits.is_empty() {
            self.scale = 0;
            self.negative = false;
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The power of ten of the leading digit (`123.4` is 2, `0.05` is -2); 0 for zero.
    pub fn leading_exponent(&self) -> i32 {
        if self.is_zero() {
            0
        } else {
            self.digits.len() as i32 - 1 - self.scale
        }
    }

    /// The value times 10^`power` (exact).
    pub fn shifted(mut self, power: i32) -> Digits {
        self.scale -= power;
        self
    }

    /// Rounds half away from zero to `places` decimals (exact, never overflows).
    pub fn round_half_away(mut self, places: i32) -> Digits {
        let drop = self.scale - places;
        if drop <= 0 {
            return self;
        }
        let keep = self.digits.len() as i64 - drop as i64;
        if keep < 0 {
            self.digits.clear();
            self.trim_trailing_zeros();
            return self;
        }
        let keep = keep as usize;
        let round_up = self.digits.get(keep).is_some_and(|&d| d >= 5);
        self.digits.truncate(keep);
        self.scale = places;
        if round_up {
            let mut at = keep;
            loop {
                if at == 0 {
                    self.digits.insert(0, 1);
                    break;
                }
                at -= 1;
                if self.digits[at] == 9 {
                    self.digits[at] = 0;
                } else {
                    self.digits[at] += 1;
                    break;
                }
            }
        }
        self.trim_trailing_zeros();
        self
    }

    /// The integer part's digits (empty for a value below one) and the decimals padded to
    /// exactly `places` digits. Call after rounding to `places`.
    pub fn split(&self, places: usize) -> (Vec<u8>, Vec<u8>) {
        let scale = self.scale.max(0) as usize;
        let len = self.digits.len();
        let mut int: Vec<u8> = if scale >= len {
            Vec::new()
        } else {
            self.digits[..len - scale].to_vec()
        };
        if self.scale < 0 {
            int.extend(std::iter::repeat_n(0, (-self.scale) as usize));
        }
        let mut frac: Vec<u8> = std::iter::repeat_n(0, scale.saturating_sub(len)).collect();
        frac.extend_from_slice(&self.digits[len.saturating_sub(scale)..]);
        frac.resize(places.max(frac.len()), 0);
        frac.truncate(places);
        (int, frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn digits_round_and_split() {
        let digits = Digits::of(d("2.675")).round_half_away(2);
        assert_eq!(digits.split(2), (vec![2], vec![6, 8]));
        let digits = Digits::of(d("9.996")).round_half_away(2);
        assert_eq!(digits.split(2), (vec![1, 0], vec![0, 0]));
        let digits = Digits::of(d("0.004")).round_half_away(2);
        assert!(digits.is_zero());
        assert_eq!(Digits::of(d("1200")).split(0), (vec![1, 2, 0, 0], vec![]));
        assert_eq!(Digits::of(d("0.05")).leading_exponent(), -2);
        assert_eq!(Digits::of(d("123.4")).leading_exponent(), 2);
    }
}
