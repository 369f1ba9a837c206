//! Bare names and argument positions: what each argument of an operator holds (a value, a
//! token class, a case mode, a table or a format), how a bare name is read there, and the
//! messages, with suggestions, for names that are not what the position wants.

use std::fmt;

use crate::ast::{
    BuiltinTable, CaseMode, Expr, Format, FormatKind, Op, Signature, TableRef, TokenClass, Type,
};
use crate::suggest::{arity_message, closest, signature_text};

/// What an argument position holds, which decides what a bare name there means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
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
pub(super) struct ArgOf {
    pub(super) op: Op,
    pub(super) index: usize,
}

impl fmt::Display for ArgOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "argument {} of {}", self.index + 1, self.op)
    }
}

/// How many arguments `op` wants at most (for pointing at an extra one).
pub(super) fn expected_count(op: Op) -> usize {
    match op.signature() {
        Signature::Fixed(params, _) => params.len(),
        Signature::Variadic(..) => usize::MAX,
        Signature::If => 3,
        Signature::Eq(_) => 2,
    }
}

/// What each of `count` arguments of `op` is, or an arity error.
pub(super) fn argument_slots(op: Op, count: usize) -> Result<Vec<Slot>, String> {
    if let Some(message) = arity_message(op, count) {
        return Err(message);
    }
    Ok(match op.signature() {
        Signature::Fixed(params, _) => {
            let format_kind = if op == Op::Number {
                FormatKind::Number
            } else {
                FormatKind::Date
            };
            params
                .iter()
                .map(|&ty| match ty {
                    Type::Str | Type::Int | Type::Bool => Slot::Value(ty),
                    Type::Tok => Slot::Tok,
                    Type::Case => Slot::Case,
                    Type::Table => Slot::Table,
                    Type::Fmt => Slot::Fmt(format_kind),
                })
                .collect()
        }
        Signature::Variadic(ty, _) => vec![Slot::Value(ty); count],
        Signature::If => vec![Slot::Value(Type::Bool), Slot::Any, Slot::Any],
        Signature::Eq(_) => vec![Slot::Any, Slot::Any],
    })
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
pub(super) fn resolve_name(name: &str, slot: Slot, arg: Option<ArgOf>) -> Result<Expr, String> {
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
            signature_text(op)
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

pub(super) fn unknown_operator(name: &str, slot: Slot) -> String {
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
