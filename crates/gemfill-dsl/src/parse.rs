//! The parser: program text to [`Expr`].
//!
//! Parsing happens in two steps. pest, driven by the grammar in `dsl/gemfill.pest`, checks
//! the shape of the text (calls, literals, names). Then every name is resolved: the name
//! before `(` must be an operator, and a bare name in argument position is read as the
//! kind of leaf the operator expects there (a token class where `token` wants a `Tok`, a
//! format where `date` wants a `Fmt`, a variable where a value is wanted). Each error
//! carries the line and column of the text it is about and says what was expected.

use pest::Parser;
use pest::iterators::Pair;

use crate::ast::{
    BuiltinTable, CaseMode, Expr, Format, Op, Signature, TableRef, TokenClass, Type, UserRegex,
};

#[derive(pest_derive::Parser)]
#[grammar = "../../dsl/gemfill.pest"]
struct GemfillParser;

/// A place in program text: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
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
}

/// Parses program text into an expression (syntax and names; types are checked by
/// [`crate::typecheck()`]).
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    parse_with_spans(text).map(|(expr, _)| expr)
}

/// Parses program text and also returns the position of every node of the tree, in
/// pre-order (the root first, then each argument's subtree left to right), so that later
/// checks can point at the text a node came from.
pub fn parse_with_spans(text: &str) -> Result<(Expr, Vec<Position>), ParseError> {
    let mut pairs = GemfillParser::parse(Rule::program, text).map_err(syntax_error)?;
    let program = pairs
        .next()
        .expect("the program rule always yields one pair");
    let root = program
        .into_inner()
        .next()
        .expect("a program holds one expression");
    let mut positions = Vec::new();
    let expr = build(root, Expected::Value, &mut positions)?;
    Ok((expr, positions))
}

/// What kind of leaf a bare name stands for at some argument position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expected {
    Value,
    Tok,
    Case,
    Table,
    Fmt,
}

impl Expected {
    fn of(ty: Type) -> Expected {
        match ty {
            Type::Str | Type::Int | Type::Bool => Expected::Value,
            Type::Tok => Expected::Tok,
            Type::Case => Expected::Case,
            Type::Table => Expected::Table,
            Type::Fmt => Expected::Fmt,
        }
    }
}

fn position(pair: &Pair<'_, Rule>) -> Position {
    let (line, column) = pair.as_span().start_pos().line_col();
    Position { line, column }
}

fn build(
    pair: Pair<'_, Rule>,
    expected: Expected,
    positions: &mut Vec<Position>,
) -> Result<Expr, ParseError> {
    let at = position(&pair);
    positions.push(at);
    match pair.as_rule() {
        Rule::call => build_call(pair, positions),
        Rule::string => {
            let inner = pair.into_inner().next().expect("string_inner");
            Ok(Expr::Str(unescape(&inner, '"')?))
        }
        Rule::int => pair.as_str().parse::<i64>().map(Expr::Int).map_err(|_| {
            ParseError::at(
                at,
                format!(
                    "integer {} does not fit in 64 bits (the range is {} to {})",
                    pair.as_str(),
                    i64::MIN,
                    i64::MAX
                ),
            )
        }),
        Rule::delim => {
            let inner = pair.into_inner().next().expect("delim_inner");
            let text = unescape(&inner, '\'')?;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Expr::Tok(TokenClass::Delim(c))),
                _ => Err(ParseError::at(
                    at,
                    format!(
                        "a delimiter token class is exactly one character between single quotes, found '{}'",
                        inner.as_str()
                    ),
                )),
            }
        }
        Rule::regex => {
            let inner = pair.into_inner().next().expect("regex_inner");
            let source = inner.as_str().replace("\\/", "/");
            UserRegex::new(&source)
                .map(|r| Expr::Tok(TokenClass::Regex(r)))
                .map_err(|e| {
                    ParseError::at(at, format!("invalid regular expression /{source}/: {e}"))
                })
        }
        Rule::table_ref => {
            let name = pair.into_inner().next().expect("table name");
            Ok(Expr::Table(TableRef::User(name.as_str().to_string())))
        }
        Rule::name => resolve_name(pair.as_str(), expected, at),
        other => unreachable!("the grammar yields no {other:?} in expression position"),
    }
}

fn build_call(pair: Pair<'_, Rule>, positions: &mut Vec<Position>) -> Result<Expr, ParseError> {
    let at = position(&pair);
    let mut inner = pair.into_inner();
    let name = inner.next().expect("call name");
    let op = Op::from_name(name.as_str()).ok_or_else(|| {
        let suggestion = closest(name.as_str(), Op::ALL.iter().map(|op| op.name()))
            .map_or(String::new(), |s| format!("; did you mean '{s}'?"));
        ParseError::at(
            position(&name),
            format!("unknown operator '{}'{suggestion}", name.as_str()),
        )
    })?;
    let args: Vec<Pair<'_, Rule>> = inner
        .filter(|p| !matches!(p.as_rule(), Rule::open | Rule::close | Rule::comma))
        .collect();
    let expected = argument_kinds(op, args.len()).map_err(|message| ParseError::at(at, message))?;
    let mut built = Vec::with_capacity(args.len());
    for (arg, kind) in args.into_iter().zip(expected) {
        built.push(build(arg, kind, positions)?);
    }
    Ok(Expr::App(op, built))
}

/// What each argument of `op` is, given how many there are; an arity error otherwise.
fn argument_kinds(op: Op, count: usize) -> Result<Vec<Expected>, String> {
    match op.signature() {
        Signature::Fixed(params, _) => {
            if count != params.len() {
                let names: Vec<&str> = params.iter().map(|t| t.name()).collect();
                return Err(format!(
                    "{op} takes {} argument{} ({}), found {count}",
                    params.len(),
                    if params.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ));
            }
            Ok(params.iter().map(|&t| Expected::of(t)).collect())
        }
        Signature::Variadic(t, _) => {
            if count < 2 {
                return Err(format!("{op} takes two or more arguments, found {count}"));
            }
            Ok(vec![Expected::of(t); count])
        }
        Signature::If => {
            if count != 3 {
                return Err(format!(
                    "if takes 3 arguments (condition, then, else), found {count}"
                ));
            }
            Ok(vec![Expected::Value; 3])
        }
        Signature::Eq(_) => {
            if count != 2 {
                return Err(format!("{op} takes 2 arguments, found {count}"));
            }
            Ok(vec![Expected::Value; 2])
        }
    }
}

fn resolve_name(name: &str, expected: Expected, at: Position) -> Result<Expr, ParseError> {
    let unknown = |what: &str, valid: Vec<&str>| {
        let suggestion = closest(name, valid.iter().copied())
            .map_or(String::new(), |s| format!("did you mean '{s}'? "));
        ParseError::at(
            at,
            format!(
                "unknown {what} '{name}'; {suggestion}expected one of: {}",
                valid.join(", ")
            ),
        )
    };
    match expected {
        Expected::Value => match name {
            "x" => Ok(Expr::Var(0)),
            "w" => Ok(Expr::Bound),
            "true" => Ok(Expr::Bool(true)),
            "false" => Ok(Expr::Bool(false)),
            _ => match name
                .strip_prefix('x')
                .map(|digits| (digits, digits.parse::<usize>()))
            {
                Some((digits, Ok(index)))
                    if digits.bytes().all(|b| b.is_ascii_digit())
                        && (digits == "0" || !digits.starts_with('0')) =>
                {
                    Ok(Expr::Var(index))
                }
                _ => Err(ParseError::at(
                    at,
                    format!(
                        "unknown name '{name}'; a value here is a variable (x, x0, x1, ..., w), true, false, a \"string\", an integer or an operator call"
                    ),
                )),
            },
        },
        Expected::Tok => TokenClass::from_name(name).map(Expr::Tok).ok_or_else(|| {
            let mut valid: Vec<&str> = TokenClass::NAMED.iter().filter_map(|t| t.name()).collect();
            valid.extend(["'c' (a delimiter)", "/regex/"]);
            unknown("token class", valid)
        }),
        Expected::Case => CaseMode::from_name(name).map(Expr::Case).ok_or_else(|| {
            unknown(
                "case mode",
                CaseMode::ALL.iter().map(|m| m.name()).collect(),
            )
        }),
        Expected::Table => BuiltinTable::from_name(name)
            .map(|t| Expr::Table(TableRef::Builtin(t)))
            .ok_or_else(|| {
                let mut valid: Vec<&str> = BuiltinTable::ALL.iter().map(|t| t.name()).collect();
                valid.push("@name (a table sent with the request)");
                unknown("table", valid)
            }),
        Expected::Fmt => Format::from_name(name)
            .map(Expr::Fmt)
            .ok_or_else(|| unknown("format", Format::ALL.iter().map(|f| f.name()).collect())),
    }
}

/// Decodes the escapes of a string or delimiter literal, pointing at a bad one.
fn unescape(inner: &Pair<'_, Rule>, quote: char) -> Result<String, ParseError> {
    let start = position(inner);
    let raw = inner.as_str();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().enumerate().peekable();
    // A literal may span lines: track line and column to point at a bad escape.
    let (mut line, mut column) = (start.line, start.column);
    while let Some((_, c)) = chars.next() {
        let at = Position { line, column };
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, escaped)) = chars.next() else {
            return Err(ParseError::at(
                at,
                "a backslash must be followed by an escape",
            ));
        };
        column += 1;
        match escaped {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '\\' => out.push('\\'),
            c if c == quote => out.push(c),
            'u' => {
                let mut digits = String::new();
                let braced = matches!(chars.peek(), Some((_, '{')));
                if braced {
                    chars.next();
                    column += 1;
                    while let Some(&(_, d)) = chars.peek() {
                        chars.next();
                        column += 1;
                        if d == '}' {
                            break;
                        }
                        digits.push(d);
                    }
                }
                let code = (braced && (1..=6).contains(&digits.len()))
                    .then(|| u32::from_str_radix(&digits, 16).ok())
                    .flatten()
                    .and_then(char::from_u32);
                match code {
                    Some(c) => out.push(c),
                    None => {
                        return Err(ParseError::at(
                            at,
                            "bad escape: write a character code as \\u{HEX} with 1 to 6 hex digits of a valid character",
                        ));
                    }
                }
            }
            other => {
                return Err(ParseError::at(
                    at,
                    format!(
                        "unknown escape '\\{other}'; the escapes are \\{quote} \\\\ \\n \\t \\r and \\u{{HEX}}"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Turns pest's error into one that names what was expected in plain words.
fn syntax_error(error: pest::error::Error<Rule>) -> ParseError {
    let (line, column) = match error.line_col {
        pest::error::LineColLocation::Pos(at) => at,
        pest::error::LineColLocation::Span(at, _) => at,
    };
    let message = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
            words.sort();
            words.dedup();
            match words.len() {
                0 => "unexpected text".to_string(),
                1 => format!("expected {}", words[0]),
                _ => {
                    let last = words.pop().expect("two or more");
                    format!("expected {} or {last}", words.join(", "))
                }
            }
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    ParseError {
        line,
        column,
        message,
    }
}

fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::open => "'('",
        Rule::close => "')'",
        Rule::comma => "','",
        Rule::EOI => "the end of the program",
        Rule::call
        | Rule::name
        | Rule::int
        | Rule::string
        | Rule::delim
        | Rule::regex
        | Rule::table_ref
        | Rule::program => "an expression",
        Rule::string_inner | Rule::delim_inner => "a closing quote",
        Rule::regex_inner => "a regular expression",
        _ => return None,
    })
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}
