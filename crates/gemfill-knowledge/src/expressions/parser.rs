//! Evaluating tokens by recursive descent, with the usual precedence: comparisons, then
//! `+ -`, then `* / mod of`, then unary signs, then `^` (right-associative, so `2^3^2`
//! is `2^9`, and `-2^2` is -4), then postfix `%`, `²`, `³`; parentheses and functions.

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::expressions::lexer::{Comparison, Kind, Token};
use crate::expressions::number::Number;

/// How deeply parentheses and operators may nest, so that no input exhausts the stack.
const MAX_DEPTH: usize = 64;

/// The spreadsheet functions an expression may call.
pub const FUNCTIONS: &[&str] = &[
    "SUM", "AVERAGE", "AVG", "MEAN", "MIN", "MAX", "PRODUCT", "COUNT", "MEDIAN", "ABS", "SQRT",
    "POWER", "MOD", "INT", "ROUND",
];

pub(crate) struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    next: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(text: &'a str, tokens: Vec<Token>) -> Self {
        Parser {
            text,
            tokens,
            next: 0,
            depth: 0,
        }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        let position = self
            .tokens
            .get(self.next)
            .map_or(self.text.chars().count(), |token| token.position);
        Error::Expression {
            text: self.text.to_string(),
            position,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<&Kind> {
        self.tokens.get(self.next).map(|token| &token.kind)
    }

    fn eat(&mut self, kind: &Kind) -> bool {
        if self.peek() == Some(kind) {
            self.next += 1;
            true
        } else {
            false
        }
    }

    /// The whole input as one value; anything left over is an error.
    pub(crate) fn value(&mut self) -> Result<Number> {
        let value = self.sum()?;
        self.finish()?;
        Ok(value)
    }

    /// The whole input as one comparison of two values.
    pub(crate) fn condition(&mut self) -> Result<bool> {
        let left = self.sum()?;
        let Some(Kind::Compare(comparison)) = self.peek().cloned() else {
            return Err(self.error("expected a comparison such as > or ="));
        };
        self.next += 1;
        let right = self.sum()?;
        self.finish()?;
        let order = left.compare(right)?;
        Ok(match comparison {
            Comparison::Less => order == Ordering::Less,
            Comparison::LessOrEqual => order != Ordering::Greater,
            Comparison::Greater => order == Ordering::Greater,
            Comparison::GreaterOrEqual => order != Ordering::Less,
            Comparison::Equal => order == Ordering::Equal,
            Comparison::NotEqual => order != Ordering::Equal,
        })
    }

    fn finish(&self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(Kind::Close) => Err(self.error("a closing parenthesis without an opening one")),
            Some(_) => Err(self.error("expected an operator")),
        }
    }

    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the expression nests too deeply"));
        }
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn sum(&mut self) -> Result<Number> {
        self.nested(|parser| {
            let mut value = parser.product()?;
            loop {
                if parser.eat(&Kind::Plus) {
                    value = value.add(parser.product()?)?;
                } else if parser.eat(&Kind::Minus) {
                    value = value.subtract(parser.product()?)?;
                } else {
                    return Ok(value);
                }
            }
        })
    }

    fn product(&mut self) -> Result<Number> {
        let mut value = self.unary()?;
        loop {
            if self.eat(&Kind::Times) {
                value = value.multiply(self.unary()?)?;
            } else if self.eat(&Kind::Divide) {
                value = value.divide(self.unary()?)?;
            } else if self.eat(&Kind::Modulo) {
                value = value.modulo(self.unary()?)?;
            } else {
                return Ok(value);
            }
        }
    }

    fn unary(&mut self) -> Result<Number> {
        self.nested(|parser| {
            if parser.eat(&Kind::Minus) {
                Ok(parser.unary()?.negate())
            } else if parser.eat(&Kind::Plus) {
                parser.unary()
            } else {
                parser.power()
            }
        })
    }

    fn power(&mut self) -> Result<Number> {
        let base = self.postfix()?;
        if self.eat(&Kind::Power) {
            let exponent = self.unary()?;
            return base.power(exponent);
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<Number> {
        let mut value = self.primary()?;
        loop {
            match self.peek() {
                Some(Kind::Percent) => {
                    self.next += 1;
                    value = value.divide(Number::integer(100))?;
                }
                Some(&Kind::PowerOf(exponent)) => {
                    self.next += 1;
                    value = value.power(Number::integer(exponent))?;
                }
                _ => return Ok(value),
            }
        }
    }

    fn primary(&mut self) -> Result<Number> {
        let Some(kind) = self.peek().cloned() else {
            return Err(self.error("the expression ends where a number was expected"));
        };
        self.next += 1;
        match kind {
            Kind::Number(number) => Ok(number),
            Kind::Open => {
                let value = self.sum()?;
                if !self.eat(&Kind::Close) {
                    return Err(self.error("expected a closing parenthesis"));
                }
                Ok(value)
            }
            Kind::SquareRoot => self.nested(|parser| parser.postfix()?.sqrt()),
            Kind::Function(name) => self.call(&name),
            _ => {
                self.next -= 1;
                Err(self.error("expected a number"))
            }
        }
    }

    fn call(&mut self, name: &str) -> Result<Number> {
        if !FUNCTIONS.contains(&name) {
            self.next -= 1;
            return Err(self.error(format!(
                "unknown function {name}; known: {}",
                FUNCTIONS.join(", ")
            )));
        }
        if !self.eat(&Kind::Open) {
            return Err(self.error("expected ( after the function name"));
        }
        let mut arguments = Vec::new();
        if !self.eat(&Kind::Close) {
            loop {
                arguments.push(self.sum()?);
                if self.eat(&Kind::Close) {
                    break;
                }
                if !self.eat(&Kind::Comma) {
                    return Err(self.error("expected , or )"));
                }
            }
        }
        let wrong_count =
            |parser: &Self| parser.error(format!("{name} takes a different number of arguments"));
        let fold =
            |arguments: &[Number], start: Number, step: fn(Number, Number) -> Result<Number>| {
                arguments
                    .iter()
                    .try_fold(start, |acc, value| step(acc, *value))
            };
        let extreme = |arguments: &[Number], wanted: Ordering| -> Result<Number> {
            let mut best = arguments[0];
            for value in &arguments[1..] {
                if value.compare(best)? == wanted {
                    best = *value;
                }
            }
            Ok(best)
        };
        match (name, arguments.as_slice()) {
            (_, []) => Err(wrong_count(self)),
            ("SUM", values) => fold(values, Number::integer(0), Number::add),
            ("PRODUCT", values) => fold(values, Number::integer(1), Number::multiply),
            ("AVERAGE" | "AVG" | "MEAN", values) => fold(values, Number::integer(0), Number::add)?
                .divide(Number::integer(values.len() as i128)),
            ("COUNT", values) => Ok(Number::integer(values.len() as i128)),
            ("MIN", values) => extreme(values, Ordering::Less),
            ("MAX", values) => extreme(values, Ordering::Greater),
            ("MEDIAN", values) => {
                let mut sorted = values.to_vec();
                let mut failure = None;
                sorted.sort_by(|a, b| {
                    a.compare(*b).unwrap_or_else(|error| {
                        failure = Some(error);
                        Ordering::Equal
                    })
                });
                if let Some(error) = failure {
                    return Err(error);
                }
                let middle = sorted.len() / 2;
                if sorted.len() % 2 == 1 {
                    Ok(sorted[middle])
                } else {
                    sorted[middle - 1]
                        .add(sorted[middle])?
                        .divide(Number::integer(2))
                }
            }
            ("ABS", [value]) => Ok(if value.compare(Number::integer(0))? == Ordering::Less {
                value.negate()
            } else {
                *value
            }),
            ("SQRT", [value]) => value.sqrt(),
            ("POWER", [base, exponent]) => base.power(*exponent),
            ("MOD", [value, divisor]) => value.modulo(*divisor),
            ("INT", [value]) => value.subtract(value.modulo(Number::integer(1))?),
            ("ROUND", [value]) => round(*value, 0),
            ("ROUND", [value, places]) => {
                let places = places
                    .to_integer()
                    .filter(|p| (0..=20).contains(p))
                    .ok_or_else(|| self.error("ROUND takes 0 to 20 places"))?;
                round(*value, places as u32)
            }
            _ => Err(wrong_count(self)),
        }
    }
}

/// Rounds half away from zero, as spreadsheets' ROUND.
fn round(value: Number, places: u32) -> Result<Number> {
    let rounded = value
        .to_decimal()?
        .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Ok(Number::from_decimal(rounded))
}
