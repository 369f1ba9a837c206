//! Splitting an expression into tokens: numbers (with a decimal point, thousands
//! separators outside parentheses, mixed numbers `1 1/2`, or in words), operators in
//! symbols or words, function names, parentheses and comparisons.

use rust_decimal::Decimal;

use crate::encodings::{is_number_word, words_to_number};
use crate::error::{Error, Result};
use crate::expressions::number::Number;

/// One token and the character position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub position: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Number(Number),
    Plus,
    Minus,
    Times,
    Divide,
    Power,
    /// `²`, `³`, "squared", "cubed".
    PowerOf(i128),
    Percent,
    Modulo,
    SquareRoot,
    Open,
    Close,
    Comma,
    Function(String),
    Compare(Comparison),
}

/// A comparison between two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let error = |position: usize, message: &str| Error::Expression {
        text: text.to_string(),
        position,
        message: message.to_string(),
    };
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut index = 0;
    let start = if chars.first() == Some(&'=') { 1 } else { 0 };
    index += start;
    while index < chars.len() {
        let c = chars[index];
        let position = index;
        let next = chars.get(index + 1).copied();
        let simple = match c {
            '+' => Some(Kind::Plus),
            '-' | '−' | '–' => Some(Kind::Minus),
            '*' if next == Some('*') => {
                index += 1;
                Some(Kind::Power)
            }
            '*' | '×' | '·' | '✕' | '@' => Some(Kind::Times),
            '/' | '÷' => Some(Kind::Divide),
            '^' => Some(Kind::Power),
            '²' => Some(Kind::PowerOf(2)),
            '³' => Some(Kind::PowerOf(3)),
            '%' => Some(Kind::Percent),
            '√' => Some(Kind::SquareRoot),
            '(' => {
                depth += 1;
                Some(Kind::Open)
            }
            ')' => {
                depth = depth.saturating_sub(1);
                Some(Kind::Close)
            }
            ',' | ';' => Some(Kind::Comma),
            '<' | '>' | '=' | '!' | '≤' | '≥' | '≠' => {
                let (comparison, width) = match (c, next) {
                    ('<', Some('=')) | ('≤', _) => {
                        (Comparison::LessOrEqual, if c == '<' { 2 } else { 1 })
                    }
                    ('>', Some('=')) | ('≥', _) => {
                        (Comparison::GreaterOrEqual, if c == '>' { 2 } else { 1 })
                    }
                    ('<', Some('>')) | ('!', Some('=')) => (Comparison::NotEqual, 2),
                    ('≠', _) => (Comparison::NotEqual, 1),
                    ('=', Some('=')) => (Comparison::Equal, 2),
                    ('=', _) => (Comparison::Equal, 1),
                    ('<', _) => (Comparison::Less, 1),
                    ('>', _) => (Comparison::Greater, 1),
                    _ => return Err(error(position, "unexpected character")),
                };
                index += width - 1;
                Some(Kind::Compare(comparison))
            }
            _ => None,
        };
        if let Some(kind) = simple {
            tokens.push(Token { kind, position });
            index += 1;
            continue;
        }
        if c.is_whitespace() || matches!(c, '$' | '€' | '£' | '¥') {
            index += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && next.is_some_and(|n| n.is_ascii_digit())) {
            let (number, end) = read_number(&chars, index, depth == 0)
                .map_err(|message| error(position, message))?;
            tokens.push(Token {
                kind: Kind::Number(number),
                position,
            });
            index = end;
            continue;
        }
        if c.is_alphabetic() {
            let mut end = index;
            while end < chars.len() && (chars[end].is_alphabetic() || chars[end] == '_') {
                end += 1;
            }
            let word: String = chars[index..end].iter().collect::<String>().to_lowercase();
            let followed_by_paren = chars[end..].iter().find(|c| !c.is_whitespace()) == Some(&'(');
            if followed_by_paren && !is_number_word(&word) {
                tokens.push(Token {
                    kind: Kind::Function(word.to_uppercase()),
                    position,
                });
                index = end;
                continue;
            }
            if is_number_word(&word) && word != "a" && word != "point" {
                let (number, words_end) =
                    read_number_words(&chars, index).map_err(|message| error(position, message))?;
                tokens.push(Token {
                    kind: Kind::Number(number),
                    position,
                });
                index = words_end;
                continue;
            }
            let kind = match word.as_str() {
                "x" | "times" => Kind::Times,
                "plus" | "add" => Kind::Plus,
                "minus" | "less" => Kind::Minus,
                "mod" | "modulo" | "remainder" => Kind::Modulo,
                "of" => Kind::Times,
                "percent" => Kind::Percent,
                "squared" => Kind::PowerOf(2),
                "cubed" => Kind::PowerOf(3),
                "sqrt" => Kind::SquareRoot,
                "multiplied" | "divided" => {
                    let after: String = chars[end..].iter().collect();
                    let Some(rest) = after.trim_start().strip_prefix("by") else {
                        return Err(error(position, "expected \"by\""));
                    };
                    end = chars.len() - rest.chars().count();
                    if word == "multiplied" {
                        Kind::Times
                    } else {
                        Kind::Divide
                    }
                }
                "over" => Kind::Divide,
                _ => return Err(error(position, "unknown word")),
            };
            tokens.push(Token { kind, position });
            index = end;
            continue;
        }
        return Err(error(position, "unexpected character"));
    }
    Ok(tokens)
}

/// A number in digits at `start`: `12`, `4.50`, `.5`, `1,250` (thousands, at the top
/// level only, where commas do not separate arguments) and a mixed number `1 1/2`.
fn read_number(
    chars: &[char],
    start: usize,
    top_level: bool,
) -> std::result::Result<(Number, usize), &'static str> {
    let digits_end = |from: usize| {
        (from..chars.len())
            .find(|&i| !chars[i].is_ascii_digit())
            .unwrap_or(chars.len())
    };
    let mut end = digits_end(start);
    let mut literal: String = chars[start..end].iter().collect();
    if top_level && end - start <= 3 {
        while chars.get(end) == Some(&',') && digits_end(end + 1) == end + 4 {
            literal.extend(&chars[end + 1..end + 4]);
            end += 4;
        }
    }
    if chars.get(end) == Some(&'.') {
        let fraction_end = digits_end(end + 1);
        literal.push('.');
        literal.extend(&chars[end + 1..fraction_end]);
        if literal == "." {
            return Err("a lone decimal point");
        }
        end = fraction_end;
    }
    let value: Decimal = literal
        .trim_end_matches('.')
        .parse()
        .map_err(|_| "a number too long to compute with")?;
    let mut number = Number::from_decimal(value);
    // A mixed number: whole part, spaces, then numerator/denominator.
    if !literal.contains('.') {
        let mut after = end;
        while chars.get(after).is_some_and(|c| *c == ' ') {
            after += 1;
        }
        let numerator_end = digits_end(after);
        if after > end && numerator_end > after && chars.get(numerator_end) == Some(&'/') {
            let denominator_end = digits_end(numerator_end + 1);
            let followed = chars
                .get(denominator_end)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.');
            if denominator_end > numerator_end + 1 && !followed {
                let parse = |from: usize, to: usize| {
                    chars[from..to]
                        .iter()
                        .collect::<String>()
                        .parse::<i128>()
                        .ok()
                };
                if let (Some(top), Some(bottom)) = (
                    parse(after, numerator_end),
                    parse(numerator_end + 1, denominator_end),
                ) && bottom != 0
                {
                    let fraction = Number::fraction(top, bottom).map_err(|_| "division by zero")?;
                    number = number
                        .add(fraction)
                        .map_err(|_| "a number too long to compute with")?;
                    end = denominator_end;
                }
            }
        }
    }
    Ok((number, end))
}

/// A number in English words starting at `start` (`twenty-one`, `one hundred five`).
fn read_number_words(
    chars: &[char],
    start: usize,
) -> std::result::Result<(Number, usize), &'static str> {
    let mut end = start;
    let mut words_end = start;
    loop {
        while end < chars.len() && (chars[end].is_whitespace() || chars[end] == '-') {
            end += 1;
        }
        let word_end = (end..chars.len())
            .find(|&i| !chars[i].is_alphabetic())
            .unwrap_or(chars.len());
        let word: String = chars[end..word_end]
            .iter()
            .collect::<String>()
            .to_lowercase();
        if word.is_empty() || !(is_number_word(&word) || word == "and") {
            break;
        }
        end = word_end;
        words_end = word_end;
    }
    let text: String = chars[start..words_end].iter().collect();
    let value = words_to_number(&text).map_err(|_| "a number in words that does not read")?;
    Ok((Number::from_decimal(value), words_end))
}
