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

use std::fmt;

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

use crate::ast::{
    BuiltinTable, CaseMode, Expr, Format, FormatKind, Op, Signature, TableRef, TokenClass, Type,
    UserRegex,
};

#[derive(pest_derive::Parser)]
#[grammar = "../../dsl/gemfill.pest"]
struct GemfillParser;

/// How deeply calls may nest. Real programs stay far below this; the limit keeps the
/// recursive passes over the tree (building, checking, printing, evaluating) well inside
/// any thread's stack whatever text a client sends.
pub const MAX_NESTING: usize = 128;

/// A place in program text: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A syntax or name error, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl ParseError {
    fn at(position: Position, message: impl Into<String>) -> ParseError {
        ParseError {
            line: position.line,
            column: position.column,
            message: message.into(),
        }
    }

    /// Where the error is.
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

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

/// Turns byte offsets into line and column. Positions are asked for mostly in increasing
/// order (pre-order follows the text), so the locator walks forward from the last answer
/// instead of rescanning from the start: locating every node of a long program stays
/// linear.
struct Locator<'a> {
    text: &'a str,
    byte: usize,
    position: Position,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            byte: 0,
            position: Position { line: 1, column: 1 },
        }
    }

    fn locate(&mut self, byte: usize) -> Position {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.position = Position { line: 1, column: 1 };
        }
        for c in self.text[self.byte..byte].chars() {
            if c == '\n' {
                self.position.line += 1;
                self.position.column = 1;
            } else {
                self.position.column += 1;
            }
        }
        self.byte = byte;
        self.position
    }
}

/// What an argument position holds, which decides what a bare name there means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// A value whose type the operator does not fix (the whole program, `if`, `eq`).
    Any,
    /// A value of this type (Str, Int or Bool).
    Value(Type),
    /// A token class.
    Tok,
    /// A case mode.
    Case,
    /// A lookup table.
    Table,
    /// A date or number format.
    Fmt(FormatKind),
}

/// Which argument of which call is being built, for messages.
#[derive(Clone, Copy, Debug)]
struct ArgOf {
    op: Op,
    index: usize,
}

impl fmt::Display for ArgOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "argument {} of {}", self.index + 1, self.op)
    }
}

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
            return Err(ParseError::at(
                at,
                format!("calls are nested too deeply (the limit is {MAX_NESTING} levels)"),
            ));
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

/// How many arguments `op` wants at most (for pointing at an extra one).
fn expected_count(op: Op) -> usize {
    match op.signature() {
        Signature::Fixed(params, _) => params.len(),
        Signature::Variadic(..) => usize::MAX,
        Signature::If => 3,
        Signature::Eq(_) => 2,
    }
}

/// What each of `count` arguments of `op` is, or an arity error.
fn argument_slots(op: Op, count: usize) -> Result<Vec<Slot>, String> {
    let arity_error = |wanted: &str| {
        format!(
            "{op} takes {wanted} ({}), found {count}",
            crate::typecheck::signature_text(op)
        )
    };
    match op.signature() {
        Signature::Fixed(params, _) => {
            if count != params.len() {
                let wanted = match params.len() {
                    1 => "1 argument".to_string(),
                    n => format!("{n} arguments"),
                };
                return Err(arity_error(&wanted));
            }
            let format_kind = if op == Op::Number {
                FormatKind::Number
            } else {
                FormatKind::Date
            };
            Ok(params
                .iter()
                .map(|&ty| match ty {
                    Type::Str | Type::Int | Type::Bool => Slot::Value(ty),
                    Type::Tok => Slot::Tok,
                    Type::Case => Slot::Case,
                    Type::Table => Slot::Table,
                    Type::Fmt => Slot::Fmt(format_kind),
                })
                .collect())
        }
        Signature::Variadic(ty, _) => {
            if count < 2 {
                return Err(arity_error("two or more arguments"));
            }
            Ok(vec![Slot::Value(ty); count])
        }
        Signature::If => {
            if count != 3 {
                return Err(arity_error("3 arguments"));
            }
            Ok(vec![Slot::Value(Type::Bool), Slot::Any, Slot::Any])
        }
        Signature::Eq(_) => {
            if count != 2 {
                return Err(arity_error("2 arguments"));
            }
            Ok(vec![Slot::Any, Slot::Any])
        }
    }
}

/// What a known name is when it is not what the position wants, for messages.
fn leaf_kind(name: &str) -> Option<&'static str> {
    if TokenClass::from_name(name).is_some() {
        Some("token class")
    } else if CaseMode::from_name(name).is_some() {
        Some("case mode")
    } else if BuiltinTable::from_name(name).is_some() {
        Some("built-in table")
    } else if let Some(format) = Format::from_name(name) {
        Some(match format.kind() {
            FormatKind::Date => "date format",
            FormatKind::Number => "number format",
        })
    } else if Op::from_name(name).is_some() {
        Some("operator")
    } else if is_variable(name) {
        Some("variable")
    } else if name == "true" || name == "false" {
        Some("truth value")
    } else {
        None
    }
}

fn is_variable(name: &str) -> bool {
    name == "w"
        || name
            .strip_prefix('x')
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads a bare name as the leaf that `slot` wants.
fn resolve_name(name: &str, slot: Slot, arg: Option<ArgOf>) -> Result<Expr, String> {
    let position = arg.map_or("here".to_string(), |arg| format!("as {arg}"));
    match slot {
        Slot::Any | Slot::Value(_) => resolve_value(name, slot, arg),
        Slot::Tok => TokenClass::from_name(name).map(Expr::Tok).ok_or_else(|| {
            let valid: Vec<&str> = TokenClass::NAMED.iter().filter_map(|t| t.name()).collect();
            unknown_leaf(
                name,
                "token class",
                &position,
                &valid,
                "a delimiter such as '-' or a regular expression such as /[0-9]{3}/",
            )
        }),
        Slot::Case => CaseMode::from_name(name).map(Expr::Case).ok_or_else(|| {
            let valid: Vec<&str> = CaseMode::ALL.iter().map(|m| m.name()).collect();
            unknown_leaf(name, "case mode", &position, &valid, "")
        }),
        Slot::Table => BuiltinTable::from_name(name)
            .map(|t| Expr::Table(TableRef::Builtin(t)))
            .ok_or_else(|| {
                let valid: Vec<&str> = BuiltinTable::ALL.iter().map(|t| t.name()).collect();
                let user = format!("a table sent with the request, written @{name}");
                unknown_leaf(name, "table", &position, &valid, &user)
            }),
        Slot::Fmt(kind) => Format::from_name(name).map(Expr::Fmt).ok_or_else(|| {
            let valid: Vec<&str> = Format::ALL
                .iter()
                .filter(|f| f.kind() == kind)
                .map(|f| f.name())
                .collect();
            let what = match kind {
                FormatKind::Date => "date format",
                FormatKind::Number => "number format",
            };
            unknown_leaf(name, what, &position, &valid, "")
        }),
    }
}

/// The message for a name that is not one of `valid` (plus `extra`, said in words).
fn unknown_leaf(name: &str, what: &str, position: &str, valid: &[&str], extra: &str) -> String {
    let mut message = match leaf_kind(name) {
        Some(kind) => format!("'{name}' is a {kind}, but a {what} is expected {position}"),
        None => format!("unknown {what} '{name}'"),
    };
    if let Some(best) = closest(name, valid.iter().copied()) {
        message.push_str(&format!(" (did you mean '{best}'?)"));
    }
    let plural = match what.strip_suffix("class") {
        Some(stem) => format!("{stem}classes"),
        None => format!("{what}s"),
    };
    message.push_str(&format!("; the {plural} are {}", valid.join(", ")));
    if !extra.is_empty() {
        message.push_str(&format!(", or {extra}"));
    }
    message
}

/// Reads a bare name where a Str, Int or Bool value is wanted.
fn resolve_value(name: &str, slot: Slot, arg: Option<ArgOf>) -> Result<Expr, String> {
    match name {
        "x" => return Ok(Expr::Var(0)),
        "w" => return Ok(Expr::Bound),
        "true" => return Ok(Expr::Bool(true)),
        "false" => return Ok(Expr::Bool(false)),
        _ => {}
    }
    if let Some(digits) = name.strip_prefix('x')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        if digits.len() > 1 && digits.starts_with('0') {
            let trimmed = digits.trim_start_matches('0');
            let canonical = if trimmed.is_empty() { "0" } else { trimmed };
            return Err(format!(
                "write the input column {name} as x{canonical}, without leading zeros"
            ));
        }
        return digits
            .parse::<usize>()
            .map(Expr::Var)
            .map_err(|_| format!("the input column number in {name} is too large"));
    }
    let wanted = match slot {
        Slot::Value(ty) => format!("a {ty} value"),
        _ => "a value (Str, Int or Bool)".to_string(),
    };
    if let Some(op) = Op::from_name(name) {
        return Err(format!(
            "'{name}' is an operator: call it with its arguments, as in {}",
            crate::typecheck::signature_text(op)
        ));
    }
    if let Some(kind) = leaf_kind(name) {
        return Err(match arg {
            Some(arg) => format!("'{name}' is a {kind}, but {arg} must be {wanted}"),
            None => format!("'{name}' is a {kind}; a program must compute {wanted}"),
        });
    }
    let suggestion = closest(name, ["x", "w", "true", "false"].into_iter())
        .map_or(String::new(), |best| format!(" (did you mean '{best}'?)"));
    Err(format!(
        "unknown name '{name}'{suggestion}; {wanted} is written as an input column (x, x0, x1, ...), w inside map, true, false, a \"string\", an integer or an operator call"
    ))
}

/// Other languages' names for gemfill operators, to suggest the right one.
const ALIASES: [(&str, &str); 22] = [
    ("length", "len"),
    ("size", "len"),
    ("substr", "sub"),
    ("substring", "sub"),
    ("slice", "sub"),
    ("mid", "sub"),
    ("add", "plus"),
    ("sum", "plus"),
    ("subtract", "minus"),
    ("parse_int", "to_int"),
    ("int", "to_int"),
    ("str", "to_str"),
    ("to_string", "to_str"),
    ("strip", "trim"),
    ("lpad", "pad_left"),
    ("index_of", "find"),
    ("indexof", "find"),
    ("equals", "eq"),
    ("join", "concat"),
    ("nth", "token"),
    ("format_date", "date"),
    ("format_number", "number"),
];

fn unknown_operator(name: &str, slot: Slot) -> String {
    if let Some(mode) = CaseMode::from_name(name) {
        return format!(
            "'{name}' is a case mode, not an operator; change case with case(..., {mode})",
            mode = mode.name()
        );
    }
    if let Some(kind) = leaf_kind(name) {
        let wanted = match slot {
            Slot::Tok => " (a token class is expected here)",
            Slot::Table => " (a table is expected here)",
            Slot::Fmt(_) => " (a format is expected here)",
            _ => "",
        };
        return format!(
            "'{name}' is a {kind}, not an operator; write it without parentheses{wanted}"
        );
    }
    let names = Op::ALL
        .iter()
        .map(|op| op.name())
        .chain(ALIASES.iter().map(|(alias, _)| *alias));
    let suggestion = closest(name, names).map(|best| {
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == best)
            .map_or(best, |(_, op)| op)
    });
    match suggestion {
        Some(best) => format!("unknown operator '{name}'; did you mean '{best}'?"),
        None => {
            let all: Vec<&str> = Op::ALL.iter().map(|op| op.name()).collect();
            format!(
                "unknown operator '{name}'; the operators are {}",
                all.join(", ")
            )
        }
    }
}

/// The candidate closest to `name` by edit distance (ignoring case), if it is close
/// enough to be a typo; ties go to the earlier candidate.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let budget = match lower.chars().count() {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    candidates
        .enumerate()
        .map(|(i, c)| (edit_distance(&lower, &c.to_lowercase()), i, c))
        .filter(|&(d, _, c)| d <= budget && d < c.chars().count())
        .min()
        .map(|(_, _, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// Decodes the escapes of a string (`quote` = `"`) or delimiter (`quote` = `'`) literal.
/// An error gives the byte offset of the bad escape's backslash within `raw`.
fn unescape(raw: &str, quote: char) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let bad = |message: String| Err((offset, message));
        let Some((_, escaped)) = chars.next() else {
            // The grammar pairs every backslash with the next character, so a lone one
            // cannot reach here; say something sensible anyway.
            return bad("a backslash must be followed by an escape".into());
        };
        match escaped {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' => out.push('\\'),
            c if c == quote => out.push(c),
            'u' => {
                if chars.next_if(|&(_, c)| c == '{').is_none() {
                    return bad(
                        "bad escape '\\u': write a character code as \\u{HEX}, with 1 to 6 hex digits between braces".into(),
                    );
                }
                let mut digits = String::new();
                while let Some((_, d)) = chars.next_if(|&(_, c)| c.is_ascii_hexdigit()) {
                    digits.push(d);
                }
                if chars.next_if(|&(_, c)| c == '}').is_none() || digits.is_empty() {
                    return bad(
                        "bad escape: a character code is written \\u{HEX}, with 1 to 6 hex digits between braces".into(),
                    );
                }
                if digits.len() > 6 {
                    return bad(format!(
                        "bad escape \\u{{{digits}}}: a character code has at most 6 hex digits"
                    ));
                }
                match u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(c) => out.push(c),
                    None => {
                        return bad(format!(
                            "bad escape \\u{{{digits}}}: that is not a Unicode character (surrogates and codes above 10FFFF are not)"
                        ));
                    }
                }
            }
            other => {
                let shown = match other {
                    c if c.is_control() || c.is_whitespace() => {
                        format!("\\u{{{:x}}}", c as u32)
                    }
                    c => c.to_string(),
                };
                let quote_name = if quote == '"' {
                    "a string"
                } else {
                    "a delimiter"
                };
                return bad(format!(
                    "unknown escape '\\{shown}' in {quote_name}; the escapes are \\{quote} \\\\ \\n \\t \\r and \\u{{HEX}}"
                ));
            }
        }
    }
    Ok(out)
}

/// The message for a regular expression that did not compile.
fn regex_message(source: &str, error: &regex::Error) -> String {
    let detail = match error {
        // The regex crate's syntax errors draw the pattern with a caret over several lines;
        // the last line says what is wrong, and the position is already that of the regex.
        regex::Error::Syntax(text) => text
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or(text)
            .trim()
            .trim_start_matches("error: ")
            .to_string(),
        regex::Error::CompiledTooBig(limit) => {
            format!("it is too large once compiled (the limit is {limit} bytes)")
        }
        other => other.to_string(),
    };
    if detail.starts_with("the regular expression") {
        detail
    } else {
        format!(
            "invalid regular expression /{}/: {detail}",
            source.replace('/', "\\/")
        )
    }
}

/// `text` as a regex that matches it literally, in slash syntax.
fn regex_escape(text: &str) -> String {
    regex::escape(text).replace('/', "\\/")
}

/// Turns pest's error into one that says in plain words what was expected, and what was
/// found instead.
fn syntax_error(
    error: &pest::error::Error<Rule>,
    text: &str,
    locator: &mut Locator<'_>,
) -> ParseError {
    let byte = match error.location {
        InputLocation::Pos(at) => at,
        InputLocation::Span((at, _)) => at,
    };
    let positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.as_slice(),
        ErrorVariant::CustomError { message } => {
            let message = if message.contains("limit reached") {
                format!("calls are nested too deeply (the limit is {MAX_NESTING} levels)")
            } else {
                message.clone()
            };
            return ParseError::at(locator.locate(byte), message);
        }
    };
    let unclosed = positives
        .iter()
        .any(|r| matches!(r, Rule::string_end | Rule::delim_end | Rule::regex_end));
    if unclosed && let Some((start, open)) = unclosed_literal(text) {
        let what = match open {
            '"' => "string",
            '\'' => "delimiter",
            _ => "regular expression",
        };
        return ParseError::at(
            locator.locate(start),
            format!(
                "this {what} is never closed: expected a closing {open} before the end of the program"
            ),
        );
    }
    if positives.contains(&Rule::regex_inner) {
        return ParseError::at(
            locator.locate(byte.saturating_sub(1)),
            "empty regular expression: a token class /.../ needs a pattern between the slashes (comments start with '#')",
        );
    }
    if positives.contains(&Rule::table_name) {
        return ParseError::at(
            locator.locate(byte),
            format!(
                "expected a table name after '@' (such as @dept, or @\"zip codes\" for a name with spaces), found {}",
                found(text, byte)
            ),
        );
    }
    let at = locator.locate(byte);
    if text[byte.min(text.len())..].is_empty() && only_blank(text) {
        return ParseError::at(at, "the program is empty: expected an expression");
    }
    // A name may always be followed by `(`: saying so next to `,` or `)` only distracts.
    let mut words: Vec<(u8, &str)> = positives
        .iter()
        .filter(|&&r| r != Rule::open || positives.len() == 1)
        .filter_map(|&r| describe(r))
        .collect();
    words.sort();
    words.dedup();
    let words: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    let expected = match words.as_slice() {
        [] => "unexpected text".to_string(),
        [one] => format!("expected {one}"),
        [rest @ .., last] => format!("expected {} or {last}", rest.join(", ")),
    };
    ParseError::at(at, format!("{expected}, found {}", found(text, byte)))
}

/// Plain words for what a rule stands for, with a rank that orders them in messages.
fn describe(rule: Rule) -> Option<(u8, &'static str)> {
    Some(match rule {
        Rule::comma => (0, "','"),
        Rule::close => (1, "')'"),
        Rule::open => (2, "'('"),
        Rule::call
        | Rule::name
        | Rule::int
        | Rule::string
        | Rule::delim
        | Rule::regex
        | Rule::table_ref
        | Rule::program => (3, "an expression"),
        Rule::EOI => (4, "the end of the program"),
        Rule::string_end => (5, "'\"'"),
        Rule::delim_end => (5, "'"),
        Rule::regex_end => (5, "'/'"),
        Rule::table_name => (6, "a table name"),
        Rule::regex_inner => (6, "a regular expression"),
        _ => return None,
    })
}

/// Describes the text at `byte` for "found ..." in messages.
fn found(text: &str, byte: usize) -> String {
    let rest = &text[byte.min(text.len())..];
    let Some(c) = rest.chars().next() else {
        return "the end of the program".into();
    };
    if c.is_ascii_alphanumeric() || c == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        return format!("'{word}'");
    }
    match c {
        '\n' => "the end of the line".into(),
        c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// Whether `text` holds nothing but white space and comments.
fn only_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim_start_matches([' ', '\t', '\r']);
        line.is_empty() || line.starts_with('#')
    })
}

/// The byte offset and opening character of the literal (`"`, `'` or `/`) still open at
/// the end of `text`, scanning with the grammar's lexical rules.
fn unclosed_literal(text: &str) -> Option<(usize, char)> {
    let mut open: Option<(usize, char)> = None;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match open {
            Some((_, close)) => {
                if c == '\\' {
                    chars.next();
                } else if c == close {
                    open = None;
                }
            }
            None => match c {
                '#' => {
                    for (_, c) in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '"' | '\'' | '/' => open = Some((at, c)),
                _ => {}
            },
        }
    }
    open
}
