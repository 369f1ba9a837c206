//! Number systems and encodings: bases, Roman numerals, numbers in words, colours, and
//! the encodings of text (Base64, URLs, HTML, hex, Unicode, transliteration).
//!
//! | function | takes | example |
//! | --- | --- | --- |
//! | [`to_base`] | number, base 2-36 | 255, 16 -> `FF` |
//! | [`from_base`] | text, base 2-36 | `0x1F`, 16 -> 31; `1111 0000`, 2 -> 240 |
//! | [`permissions_symbolic`] | text | `755` -> `rwxr-xr-x`; `4755` -> `rwsr-xr-x` |
//! | [`permissions_octal`] | text | `rw-r--r--` -> `644` |
//! | [`to_roman`] | number 1-3999 | 2024 -> `MMXXIV` |
//! | [`from_roman`] | text | `MCMXC` -> 1990 (standard forms only: `IIII` is an error) |
//! | [`number_words`] | number | 21 -> `twenty-one`; 3.14 -> `three point one four` |
//! | [`ordinal_suffix`] | number | 112 -> `112th` |
//! | [`ordinal_words`] | number | 21 -> `twenty-first` |
//! | [`cheque_words`] | number | 1250.75 -> `one thousand two hundred fifty and 75/100` |
//! | [`words_to_number`] | text | `one hundred and five` -> 105; `2.5 million` -> 2500000 |
//! | [`color`] | text, [`ColorFormat`] | `0,128,255`, hex -> `#0080FF`; `tomato`, rgb -> `rgb(255, 99, 71)` |
//! | [`base64_encode`], [`base64_decode`] | text | `hello` <-> `aGVsbG8=` |
//! | [`url_encode`], [`url_decode`] | text | `New York, NY` <-> `New%20York%2C%20NY` |
//! | [`html_escape()`], [`html_unescape`] | text | `Tom & Jerry` <-> `Tom &amp; Jerry` |
//! | [`hex_encode`], [`hex_decode`] | text | `OK` <-> `4F4B` (`4F 4B` reads too) |
//! | [`remove_accents`] | text | `Crème Brûlée` -> `Creme Brulee` |
//! | [`transliterate`] | text, [`TransliterationStyle`] | `Fußgängerzone`, german -> `Fussgaengerzone` |
//! | [`slug`] | text | `Café au Lait (Iced)` -> `cafe-au-lait-iced` |
//! | [`code_point`], [`from_code_point`] | text | `é€` <-> `U+00E9 U+20AC` |
//! | [`nato`] | text | `JAX` -> `Juliett Alfa X-ray` |
//!
//! Modules: `bases`, `roman`, `words`, `color` (with the CSS colour table
//! `css_colors`), `codecs` (Base64, URL, HTML, hex), `letters` (accents,
//! transliteration, slugs, code points, NATO).

mod bases;
mod codecs;
mod color;
mod css_colors;
mod letters;
mod roman;
mod words;

pub use bases::{from_base, permissions_octal, permissions_symbolic, to_base};
pub use codecs::{
    base64_decode, base64_encode, hex_decode, hex_encode, html_escape, html_unescape, url_decode,
    url_encode,
};
pub use color::{ColorFormat, color};
pub use letters::{
    TransliterationStyle, code_point, from_code_point, nato, remove_accents, slug, transliterate,
};
pub use roman::{from_roman, to_roman};
pub(crate) use words::is_number_word;
pub use words::{cheque_words, number_words, ordinal_suffix, ordinal_words, words_to_number};
