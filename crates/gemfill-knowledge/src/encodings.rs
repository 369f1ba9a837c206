//! Number systems and encodings (docs: written at the end).

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
    TransliterationStyle, code_points, from_code_points, nato, remove_accents, slug, transliterate,
};
pub use roman::{from_roman, to_roman};
pub use words::{cheque_words, number_words, ordinal_suffix, ordinal_words, words_to_number};
