//! The parser: program text to [`Expr`].
//!
//! Parsing happens in two steps. pest, driven by the grammar in `dsl/gemfill.pest`, checks
//! the shape of the text (calls, literals, names). Then the pest tree becomes an [`Expr`]:
//! the name before `(` must be an operator with that many arguments, escapes are decoded,
//! integers must fit in 64 bits, regular expressions must compile, and a bare name in
//! argument position is read as the kind of leaf the operator expects there (a token class
//! where `token` wants a `Tok`, a format where `date` wants a `Fmt`, a variable where a
//! value is wanted). Every error carries the line and column of the text it is about and
//! says in plain words what was expected.
//!
//! Types are not checked here (see [`crate::typecheck()`]); [`crate::Program::parse`] does
//! both.
//!
//! This module builds the tree; its parts: `grammar` (the generated pest parser),
//! `position` ([`Position`], [`ParseError`] and the byte-offset locator), `names` (what
//! each argument position holds and how a bare name is read there), `literals` (escapes,
//! regular expression messages) and `syntax` (pest's errors in plain words).

mod grammar;
mod literals;
mod names;
mod position;
mod syntax;

use pest::Parser;
use pest::iterators::Pair;

use crate::ast::{Expr, Op, TableRef, TokenClass, UserRegex};
use crate::limits::MAX_NESTING;
use grammar::{GemfillParser, Rule};
use literals::{regex_escape, regex_message, unescape};
use names::{ArgOf, Slot, argument_slots, expected_count, resolve_name, unknown_operator};
use position::Locator;
pub use position::{ParseError, Position};
use syntax::{nesting_message, syntax_error};

/// Parses program text into an expression (syntax and names; types are checked by
/// [`crate::typecheck()`]).
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    parse_with_spans(text).map(|(expr, _)| expr)
}

/// Parses program text and also returns the position of every node of the tree, in
/// pre-order (the root first, then each argument's subtree left to right; the same order
/// as [`crate::TypeError::node`]), so that later checks can point at the text a node came
/// from. A call's position is that of its operator name.
pub fn parse_with_spans(text: &str) -> Result<(Expr, Vec<Position>), ParseError> {
    let mut locator = Locator::new(text);
    let mut pairs = GemfillParser::parse(Rule::program, text)
        .map_err(|error| syntax_error(&error, text, &mut locator))?;
    let root = pairs
        .next()
        .and_then(|program| program.into_inner().next())
        .filter(|pair| pair.as_rule() != Rule::EOI)
        .ok_or_else(|| ParseError::at(locator.locate(0), "expected an expression"))?;
    let mut builder = Builder {
        locator,
        positions: Vec::new(),
    };
    let expr = builder.build(root, Slot::Any, None, 0)?;
    Ok((expr, builder.positions))
}

/// Builds an [`Expr`] from the pest tree, recording each node's position in pre-order.
struct Builder<'a> {
    locator: Locator<'a>,
    positions: Vec<Position>,
}

impl Builder<'_> {
    fn at(&mut self, pair: &Pair<'_, Rule>) -> Position {
        self.locator.locate(pair.as_span().start())
    }

    /// The one inner pair of a literal rule (every literal rule of the grammar has one).
    fn inner_of<'i>(&mut self, pair: Pair<'i, Rule>) -> Result<Pair<'i, Rule>, ParseError> {
        let start = pair.as_span().start();
        let rule = pair.as_rule();
        pair.into_inner().next().ok_or_else(|| {
            ParseError::at(
                self.locator.locate(start),
                format!("internal error: {rule:?} without its inner part"),
            )
        })
    }

    /// Builds the expression of `pair`, recording its position and its subtree's.
    fn build(
        &mut self,
        pair: Pair<'_, Rule>,
        slot: Slot,
        arg: Option<ArgOf>,
        depth: usize,
    ) -> Result<Expr, ParseError> {
        let at = self.at(&pair);
        self.positions.push(at);
        match pair.as_rule() {
            Rule::call => self.build_call(pair, slot, at, depth),
            Rule::string => self.string(pair).map(Expr::Str),
            Rule::int => pair.as_str().parse::<i64>().map(Expr::Int).map_err(|_| {
                ParseError::at(
                    at,
                    format!(
                        "the integer {} does not fit in 64 bits (integers run from {} to {})",
                        pair.as_str(),
                        i64::MIN,
                        i64::MAX
                    ),
                )
            }),
            Rule::delim => self.delim(pair, at),
            Rule::regex => {
                let inner = self.inner_of(pair)?;
                // `\/` is the only escape the language itself reads inside slashes; no
                // other pair can contain `\/` (a `\\` followed by `/` ends the regex), so
                // a plain replacement decodes exactly those pairs.
                let source = inner.as_str().replace("\\/", "/");
                UserRegex::new(&source)
                    .map(|r| Expr::Tok(TokenClass::Regex(r)))
                    .map_err(|e| ParseError::at(at, regex_message(&source, &e)))
            }
            Rule::table_ref => {
                let inner = self.inner_of(pair)?;
                let name = match inner.as_rule() {
                    Rule::string => self.string(inner)?,
                    _ => inner.as_str().to_string(),
                };
                Ok(Expr::Table(TableRef::User(name)))
            }
            Rule::name => resolve_name(pair.as_str(), slot, arg).map_err(|m| ParseError::at(at, m)),
            other => Err(ParseError::at(
                at,
                format!("internal error: unexpected {other:?} in expression position"),
            )),
        }
    }

    fn build_call(
        &mut self,
        pair: Pair<'_, Rule>,
        slot: Slot,
        at: Position,
        depth: usize,
    ) -> Result<Expr, ParseError> {
        if depth >= MAX_NESTING {
            return Err(ParseError::at(at, nesting_message()));
        }
        let mut inner = pair.into_inner();
        let Some(name) = inner.next() else {
            return Err(ParseError::at(at, "internal error: a call without a name"));
        };
        let op = Op::from_name(name.as_str())
            .ok_or_else(|| ParseError::at(at, unknown_operator(name.as_str(), slot)))?;
        let mut args = Vec::new();
        let mut close = None;
        for part in inner {
            match part.as_rule() {
                Rule::open | Rule::comma => {}
                Rule::close => close = Some(part),
                _ => args.push(part),
            }
        }
        let slots = match argument_slots(op, args.len()) {
            Ok(slots) => slots,
            Err(message) => {
                // Point at the first argument too many, or at the `)` where one is missing.
                let target = args
                    .get(expected_count(op).min(args.len()))
                    .or(close.as_ref())
                    .map(|p| p.as_span().start());
                let position = target.map_or(at, |byte| self.locator.locate(byte));
                return Err(ParseError::at(position, message));
            }
        };
        let mut built = Vec::with_capacity(args.len());
        for (index, (arg, slot)) in args.into_iter().zip(slots).enumerate() {
            built.push(self.build(arg, slot, Some(ArgOf { op, index }), depth + 1)?);
        }
        Ok(Expr::App(op, built))
    }

    /// The text of a `"..."` literal with its escapes decoded.
    fn string(&mut self, pair: Pair<'_, Rule>) -> Result<String, ParseError> {
        let inner = self.inner_of(pair)?;
        let start = inner.as_span().start();
        unescape(inner.as_str(), '"').map_err(|(offset, message)| {
            ParseError::at(self.locator.locate(start + offset), message)
        })
    }

    fn delim(&mut self, pair: Pair<'_, Rule>, at: Position) -> Result<Expr, ParseError> {
        let inner = self.inner_of(pair)?;
        let start = inner.as_span().start();
        let text = unescape(inner.as_str(), '\'').map_err(|(offset, message)| {
            ParseError::at(self.locator.locate(start + offset), message)
        })?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(Expr::Tok(TokenClass::Delim(c))),
            (None, _) => Err(ParseError::at(
                at,
                "empty delimiter: a delimiter token class is exactly one character between single quotes, as in '-'",
            )),
            (Some(_), Some(_)) => Err(ParseError::at(
                at,
                format!(
                    "a delimiter token class is exactly one character, but '{}' has {}; for a longer separator use a regular expression such as /{}/",
                    inner.as_str(),
                    text.chars().count(),
                    regex_escape(&text),
                ),
            )),
        }
    }
}
