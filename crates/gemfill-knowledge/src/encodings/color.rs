//! Colours between hex (`#FF6347`, `#f63`), `rgb(255, 99, 71)`, plain `255,99,71`,
//! `hsl(9, 100%, 64%)` and CSS colour names (`tomato`).

use crate::choice::choice;
use crate::encodings::css_colors::CSS_COLORS;
use crate::error::{Error, Result};

choice! {
    /// How [`color`] writes a colour.
    pub enum ColorFormat ("colour format") {
        /// `#FF6347` (upper-case hex digits).
        Hex = "hex",
        /// `rgb(255, 99, 71)`.
        Rgb = "rgb",
        /// `255, 99, 71`.
        RgbList = "rgb list" | "list",
        /// `hsl(9, 100%, 64%)`, each rounded to a whole number.
        Hsl = "hsl",
        /// The CSS colour name (`tomato`); the first in alphabetical order when several
        /// name the colour (`aqua` before `cyan`, `gray` before `grey`); an error when none
        /// does.
        Name = "name",
    }
}

/// The colour written in `text` (hex with 3 or 6 digits and an optional `#`, `rgb(...)`,
/// three numbers 0-255 separated by commas or spaces, `hsl(...)`, or a CSS colour name in
/// any case, spaces allowed) written in `format`.
///
/// ```
/// # use gemfill_knowledge::encodings::{color, ColorFormat};
/// assert_eq!(color("0,128,255", ColorFormat::Hex).unwrap(), "#0080FF");
/// assert_eq!(color("#1e90ff", ColorFormat::Rgb).unwrap(), "rgb(30, 144, 255)");
/// assert_eq!(color("Steel Blue", ColorFormat::Hex).unwrap(), "#4682B4");
/// assert_eq!(color("#f63", ColorFormat::RgbList).unwrap(), "255, 102, 51");
/// ```
pub fn color(text: &str, format: ColorFormat) -> Result<String> {
    let [red, green, blue] = read_color(text)?;
    Ok(match format {
        ColorFormat::Hex => format!("#{red:02X}{green:02X}{blue:02X}"),
        ColorFormat::Rgb => format!("rgb({red}, {green}, {blue})"),
        ColorFormat::RgbList => format!("{red}, {green}, {blue}"),
        ColorFormat::Hsl => {
            let (hue, saturation, lightness) = to_hsl([red, green, blue]);
            format!("hsl({hue}, {saturation}%, {lightness}%)")
        }
        ColorFormat::Name => {
            let packed = u32::from(red) << 16 | u32::from(green) << 8 | u32::from(blue);
            let named = CSS_COLORS.iter().find(|(_, value)| *value == packed);
            named
                .map(|(name, _)| name.to_string())
                .ok_or_else(|| Error::missing(text, "CSS colour name"))?
        }
    })
}

fn read_color(text: &str) -> Result<[u8; 3]> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let malformed = || Error::malformed(text, "a colour");
    if let Some(hex) = lower.strip_prefix('#') {
        return hex_color(hex).ok_or_else(malformed);
    }
    if let Some(inner) = function_arguments(&lower, "rgb") {
        return rgb_numbers(inner).ok_or_else(malformed);
    }
    if let Some(inner) = function_arguments(&lower, "hsl") {
        return hsl_numbers(inner).ok_or_else(malformed);
    }
    if lower.starts_with(|c: char| c.is_ascii_digit())
        && let Some(rgb) = rgb_numbers(&lower)
    {
        return Ok(rgb);
    }
    if lower.len() == 6
        && let Some(rgb) = hex_color(&lower)
    {
        return Ok(rgb);
    }
    let key: String = lower
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .collect();
    match CSS_COLORS.binary_search_by(|(name, _)| name.cmp(&key.as_str())) {
        Ok(index) => {
            let value = CSS_COLORS[index].1;
            Ok([(value >> 16) as u8, (value >> 8) as u8, value as u8])
        }
        Err(_) if lower.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') => {
            Err(Error::not_found("colour", text))
        }
        Err(_) => Err(malformed()),
    }
}

/// The text between `name(` (or `namea(`) and `)`.
fn function_arguments<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(name)?;
    let rest = rest.strip_prefix('a').unwrap_or(rest);
    rest.trim_start().strip_prefix('(')?.strip_suffix(')')
}

fn hex_color(hex: &str) -> Option<[u8; 3]> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |index: usize| u8::from_str_radix(&hex[index..index + 1], 16).ok();
    match hex.len() {
        3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
        6 => {
            let byte = |index: usize| u8::from_str_radix(&hex[index..index + 2], 16).ok();
            Some([byte(0)?, byte(2)?, byte(4)?])
        }
        _ => None,
    }
}

/// Three (or four, the last an alpha of 1) numbers separated by commas, spaces or
/// slashes.
fn arguments(inner: &str) -> Vec<&str> {
    inner
        .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect()
}

fn rgb_numbers(inner: &str) -> Option<[u8; 3]> {
    let parts = arguments(inner);
    let opaque = match parts.get(3) {
        None => true,
        Some(alpha) => matches!(*alpha, "1" | "1.0" | "100%"),
    };
    if !(3..=4).contains(&parts.len()) || !opaque {
        return None;
    }
    let channel = |part: &str| part.parse::<u8>().ok();
    Some([channel(parts[0])?, channel(parts[1])?, channel(parts[2])?])
}

fn hsl_numbers(inner: &str) -> Option<[u8; 3]> {
    let parts = arguments(inner);
    if parts.len() != 3 {
        return None;
    }
    let hue: f64 = parts[0].trim_end_matches("deg").parse().ok()?;
    let percent = |part: &str| {
        part.strip_suffix('%')?
            .parse::<f64>()
            .ok()
            .filter(|v| (0.0..=100.0).contains(v))
    };
    let (saturation, lightness) = (percent(parts[1])? / 100.0, percent(parts[2])? / 100.0);
    if !hue.is_finite() {
        return None;
    }
    // CSS Color 4, section 7.1 (hslToRgb).
    let channel = |n: f64| {
        let k = (n + hue / 30.0).rem_euclid(12.0);
        let a = saturation * lightness.min(1.0 - lightness);
        let value = lightness - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0);
        (value * 255.0).round() as u8
    };
    Some([channel(0.0), channel(8.0), channel(4.0)])
}

fn to_hsl([red, green, blue]: [u8; 3]) -> (i64, i64, i64) {
    let (r, g, b) = (
        f64::from(red) / 255.0,
        f64::from(green) / 255.0,
        f64::from(blue) / 255.0,
    );
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let lightness = (max + min) / 2.0;
    let delta = max - min;
    if delta == 0.0 {
        return (0, 0, (lightness * 100.0).round() as i64);
    }
    let saturation = delta / (1.0 - (2.0 * lightness - 1.0).abs());
    let hue = if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    (
        hue.round() as i64 % 360,
        (saturation * 100.0).round() as i64,
        (lightness * 100.0).round() as i64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_convert_between_formats() {
        assert_eq!(color("255, 99, 71", ColorFormat::Hex).unwrap(), "#FF6347");
        assert_eq!(color("34,139,34", ColorFormat::Hex).unwrap(), "#228B22");
        assert_eq!(
            color("#FF6347", ColorFormat::Rgb).unwrap(),
            "rgb(255, 99, 71)"
        );
        assert_eq!(
            color("#008000", ColorFormat::Rgb).unwrap(),
            "rgb(0, 128, 0)"
        );
        assert_eq!(color("tomato", ColorFormat::Hex).unwrap(), "#FF6347");
        assert_eq!(color("navy", ColorFormat::Hex).unwrap(), "#000080");
        assert_eq!(color("#FF6347", ColorFormat::Name).unwrap(), "tomato");
        assert_eq!(color("#00FFFF", ColorFormat::Name).unwrap(), "aqua");
        assert_eq!(color("#808080", ColorFormat::Name).unwrap(), "gray");
        assert_eq!(
            color("rgb(255 99 71)", ColorFormat::Hex).unwrap(),
            "#FF6347"
        );
        assert_eq!(
            color("rgba(255, 99, 71, 1)", ColorFormat::Hex).unwrap(),
            "#FF6347"
        );
        assert_eq!(
            color("FF6347", ColorFormat::RgbList).unwrap(),
            "255, 99, 71"
        );
        assert_eq!(
            color("#FF6347", ColorFormat::Hsl).unwrap(),
            "hsl(9, 100%, 64%)"
        );
        assert_eq!(
            color("hsl(9, 100%, 64%)", ColorFormat::Hex).unwrap(),
            "#FF6347"
        );
        assert_eq!(color("rebeccapurple", ColorFormat::Hex).unwrap(), "#663399");
        assert_eq!(
            color("white", ColorFormat::Hsl).unwrap(),
            "hsl(0, 0%, 100%)"
        );
    }

    #[test]
    fn colours_that_cannot_be_read_are_errors() {
        for bad in [
            "",
            "#12",
            "#GGGGGG",
            "256,0,0",
            "1,2",
            "rgb(1,2)",
            "rgba(1,2,3,0.5)",
            "hsl(1,2,3)",
            "#12345678",
        ] {
            assert!(color(bad, ColorFormat::Hex).is_err(), "{bad}");
        }
        assert!(matches!(
            color("blurple", ColorFormat::Hex),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            color("#123456", ColorFormat::Name),
            Err(Error::Missing { .. })
        ));
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(CSS_COLORS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert_eq!(CSS_COLORS.len(), 148);
    }
}
