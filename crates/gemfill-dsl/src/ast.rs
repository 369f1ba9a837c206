//! The typed abstract syntax of gemfill programs.
//!
//! A program is an [`Expr`] tree. Every operator is an [`Op`] applied to a list of
//! argument expressions; the operator's [`Signature`] says how many arguments it takes and
//! of which [`Type`]. Enum-like arguments (token classes, case modes, lookup tables and
//! formats) are leaves of their own type, so one table-driven parser, printer and type
//! checker cover every operator.

use std::fmt;
use std::hash::Hash;

mod user_regex;
pub use user_regex::UserRegex;

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    /// A Unicode string.
    Str,
    /// A signed 64-bit integer (positions, lengths, numbers).
    Int,
    /// A truth value (conditions of `if`).
    Bool,
    /// A token class such as `Word` or `/[A-Z]{2}/`.
    Tok,
    /// A case mode of `case`: `upper`, `lower`, `proper`, `title`.
    Case,
    /// A lookup table of `lookup`.
    Table,
    /// A date or number format of `date` and `number`.
    Fmt,
}

impl Type {
    /// The name used in the language reference and in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Type::Str => "Str",
            Type::Int => "Int",
            Type::Bool => "Bool",
            Type::Tok => "Tok",
            Type::Case => "Case",
            Type::Table => "Table",
            Type::Fmt => "Fmt",
        }
    }

    /// Whether a whole program may have this type (the value it returns per input row).
    pub fn is_value(self) -> bool {
        matches!(self, Type::Str | Type::Int | Type::Bool)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every operator of the language. Literals, variables and enum-like leaves are not
/// operators; see [`Expr`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// `concat(s, s, ...)`: two or more strings joined.
    Concat,
    /// `sub(s, i, j)`: characters `i..j`.
    Sub,
    /// `token(s, t, k)`: the k-th match of token class `t`.
    Token,
    /// `len(s)`: number of characters.
    Len,
    /// `start(s, t, k)`: where the k-th match of `t` starts.
    Start,
    /// `end(s, t, k)`: where the k-th match of `t` ends.
    End,
    /// `find(s, lit, k)`: index of the k-th occurrence of a string.
    Find,
    /// `pos(s, t1, t2, k)`: the k-th boundary between a match of `t1` and one of `t2`.
    Pos,
    /// `plus(i, j)`.
    Plus,
    /// `minus(i, j)`.
    Minus,
    /// `to_int(s)`: parse a decimal integer.
    ToInt,
    /// `to_str(i)`: print an integer in decimal.
    ToStr,
    /// `case(s, mode)`.
    Case,
    /// `replace(s, a, b)`: every occurrence of `a` replaced by `b`.
    Replace,
    /// `replace_first(s, a, b)`: the first occurrence of `a` replaced by `b`.
    ReplaceFirst,
    /// `trim(s)`: white space removed at both ends.
    Trim,
    /// `pad_left(s, n, c)`: `c` prepended until `s` is `n` characters long.
    PadLeft,
    /// `char_at(s, i)`: the i-th character as a string.
    CharAt,
    /// `map(s, t, body, sep)`: `body` evaluated with `w` bound to each match of `t`, joined by `sep`.
    Map,
    /// `if(b, then, else)`: polymorphic over Str, Int and Bool.
    If,
    /// `contains(s, lit)`.
    Contains,
    /// `starts_with(s, lit)`.
    StartsWith,
    /// `ends_with(s, lit)`.
    EndsWith,
    /// `matches(s, t)`: the whole string is one match of `t`.
    Matches,
    /// `is_empty(s)`.
    IsEmpty,
    /// `eq(a, b)`: equality of two Str or two Int values.
    Eq,
    /// `not(b)`.
    Not,
    /// `lookup(table, s)`.
    Lookup,
    /// `date(s, fmt_in, fmt_out)`.
    Date,
    /// `number(s, fmt_out)`.
    Number,
}

/// How many arguments an operator takes and of which types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signature {
    /// Exactly these argument types, returning the given type.
    Fixed(&'static [Type], Type),
    /// Two or more arguments of one type (`concat`).
    Variadic(Type, Type),
    /// `if`: a Bool then two arguments of one value type, which is also the result type.
    If,
    /// `eq`: two arguments of one of the listed types; returns Bool.
    Eq(&'static [Type]),
}

impl Op {
    /// Every operator, in the order of the language reference.
    pub const ALL: [Op; 30] = [
        Op::Concat,
        Op::Sub,
        Op::Token,
        Op::Len,
        Op::Start,
        Op::End,
        Op::Find,
        Op::Pos,
        Op::Plus,
        Op::Minus,
        Op::ToInt,
        Op::ToStr,
        Op::Case,
        Op::Replace,
        Op::ReplaceFirst,
        Op::Trim,
        Op::PadLeft,
        Op::CharAt,
        Op::Map,
        Op::If,
        Op::Contains,
        Op::StartsWith,
        Op::EndsWith,
        Op::Matches,
        Op::IsEmpty,
        Op::Eq,
        Op::Not,
        Op::Lookup,
        Op::Date,
        Op::Number,
    ];

    /// The operator's name in program text.
    pub fn name(self) -> &'static str {
        match self {
            Op::Concat => "concat",
            Op::Sub => "sub",
            Op::Token => "token",
            Op::Len => "len",
            Op::Start => "start",
            Op::End => "end",
            Op::Find => "find",
            Op::Pos => "pos",
            Op::Plus => "plus",
            Op::Minus => "minus",
            Op::ToInt => "to_int",
            Op::ToStr => "to_str",
            Op::Case => "case",
            Op::Replace => "replace",
            Op::ReplaceFirst => "replace_first",
            Op::Trim => "trim",
            Op::PadLeft => "pad_left",
            Op::CharAt => "char_at",
            Op::Map => "map",
            Op::If => "if",
            Op::Contains => "contains",
            Op::StartsWith => "starts_with",
            Op::EndsWith => "ends_with",
            Op::Matches => "matches",
            Op::IsEmpty => "is_empty",
            Op::Eq => "eq",
            Op::Not => "not",
            Op::Lookup => "lookup",
            Op::Date => "date",
            Op::Number => "number",
        }
    }

    /// The operator with this name, if any.
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.iter().copied().find(|op| op.name() == name)
    }

    /// The operator's argument and result types.
    pub fn signature(self) -> Signature {
        use Type::*;
        match self {
            Op::Concat => Signature::Variadic(Str, Str),
            Op::Sub => Signature::Fixed(&[Str, Int, Int], Str),
            Op::Token => Signature::Fixed(&[Str, Tok, Int], Str),
            Op::Len => Signature::Fixed(&[Str], Int),
            Op::Start | Op::End => Signature::Fixed(&[Str, Tok, Int], Int),
            Op::Find => Signature::Fixed(&[Str, Str, Int], Int),
            Op::Pos => Signature::Fixed(&[Str, Tok, Tok, Int], Int),
            Op::Plus | Op::Minus => Signature::Fixed(&[Int, Int], Int),
            Op::ToInt => Signature::Fixed(&[Str], Int),
            Op::ToStr => Signature::Fixed(&[Int], Str),
            Op::Case => Signature::Fixed(&[Str, Type::Case], Str),
            Op::Replace | Op::ReplaceFirst => Signature::Fixed(&[Str, Str, Str], Str),
            Op::Trim => Signature::Fixed(&[Str], Str),
            Op::PadLeft => Signature::Fixed(&[Str, Int, Str], Str),
            Op::CharAt => Signature::Fixed(&[Str, Int], Str),
            Op::Map => Signature::Fixed(&[Str, Tok, Str, Str], Str),
            Op::If => Signature::If,
            Op::Contains | Op::StartsWith | Op::EndsWith => Signature::Fixed(&[Str, Str], Bool),
            Op::Matches => Signature::Fixed(&[Str, Tok], Bool),
            Op::IsEmpty => Signature::Fixed(&[Str], Bool),
            Op::Eq => Signature::Eq(&[Str, Int]),
            Op::Not => Signature::Fixed(&[Bool], Bool),
            Op::Lookup => Signature::Fixed(&[Table, Str], Str),
            Op::Date => Signature::Fixed(&[Str, Fmt, Fmt], Str),
            Op::Number => Signature::Fixed(&[Str, Fmt], Str),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A named token class, or a single delimiter character, or a user regular expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenClass {
    /// `Number`: `[0-9]+`.
    Number,
    /// `Word`: a run of Unicode letters.
    Word,
    /// `Alphanum`: a run of Unicode letters and decimal digits.
    Alphanum,
    /// `Caps`: a run of upper-case letters.
    Caps,
    /// `Proper`: one upper-case letter followed by one or more lower-case letters.
    Proper,
    /// `Lower`: a run of lower-case letters.
    Lower,
    /// `Digit`: one decimal digit.
    Digit,
    /// `Char`: any one character.
    Char,
    /// `Space`: a run of white space.
    Space,
    /// `'c'`: one occurrence of this literal character.
    Delim(char),
    /// `/re/`: a user regular expression (syntax of the `regex` crate), compiled once.
    Regex(UserRegex),
}

impl TokenClass {
    /// The named classes, in the order of the language reference.
    pub const NAMED: [TokenClass; 9] = [
        TokenClass::Number,
        TokenClass::Word,
        TokenClass::Alphanum,
        TokenClass::Caps,
        TokenClass::Proper,
        TokenClass::Lower,
        TokenClass::Digit,
        TokenClass::Char,
        TokenClass::Space,
    ];

    /// The name of a named class (`None` for a delimiter or a regex).
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            TokenClass::Number => "Number",
            TokenClass::Word => "Word",
            TokenClass::Alphanum => "Alphanum",
            TokenClass::Caps => "Caps",
            TokenClass::Proper => "Proper",
            TokenClass::Lower => "Lower",
            TokenClass::Digit => "Digit",
            TokenClass::Char => "Char",
            TokenClass::Space => "Space",
            TokenClass::Delim(_) | TokenClass::Regex(_) => return None,
        })
    }

    /// The named class with this name, if any.
    pub fn from_name(name: &str) -> Option<TokenClass> {
        TokenClass::NAMED
            .iter()
            .find(|t| t.name() == Some(name))
            .cloned()
    }

    /// The kind of class, without a delimiter's character or a regex's pattern.
    pub fn kind(&self) -> TokenKind {
        match self {
            TokenClass::Number => TokenKind::Number,
            TokenClass::Word => TokenKind::Word,
            TokenClass::Alphanum => TokenKind::Alphanum,
            TokenClass::Caps => TokenKind::Caps,
            TokenClass::Proper => TokenKind::Proper,
            TokenClass::Lower => TokenKind::Lower,
            TokenClass::Digit => TokenKind::Digit,
            TokenClass::Char => TokenKind::Char,
            TokenClass::Space => TokenKind::Space,
            TokenClass::Delim(_) => TokenKind::Delim,
            TokenClass::Regex(_) => TokenKind::Regex,
        }
    }
}

/// A [`TokenClass`] without its data: every delimiter is one kind, every regex another.
/// What a search prices and a model predicts per class (see [`TokenClass::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// [`TokenClass::Number`].
    Number,
    /// [`TokenClass::Word`].
    Word,
    /// [`TokenClass::Alphanum`].
    Alphanum,
    /// [`TokenClass::Caps`].
    Caps,
    /// [`TokenClass::Proper`].
    Proper,
    /// [`TokenClass::Lower`].
    Lower,
    /// [`TokenClass::Digit`].
    Digit,
    /// [`TokenClass::Char`].
    Char,
    /// [`TokenClass::Space`].
    Space,
    /// Any [`TokenClass::Delim`].
    Delim,
    /// Any [`TokenClass::Regex`].
    Regex,
}

/// The case modes of `case(s, mode)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseMode {
    /// Every letter upper case.
    Upper,
    /// Every letter lower case.
    Lower,
    /// Each run of letters capitalised, the rest of it lower case (spreadsheet `PROPER`).
    Proper,
    /// The first letter of each white-space separated word upper case, the rest unchanged.
    Title,
}

impl CaseMode {
    /// Every mode.
    pub const ALL: [CaseMode; 4] = [
        CaseMode::Upper,
        CaseMode::Lower,
        CaseMode::Proper,
        CaseMode::Title,
    ];

    /// The mode's name in program text.
    pub fn name(self) -> &'static str {
        match self {
            CaseMode::Upper => "upper",
            CaseMode::Lower => "lower",
            CaseMode::Proper => "proper",
            CaseMode::Title => "title",
        }
    }

    /// The mode with this name, if any.
    pub fn from_name(name: &str) -> Option<CaseMode> {
        CaseMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The built-in lookup tables. Each table maps every common spelling of an entity
/// (case-insensitively) to one representation of it: `month_name` maps "3", "03", "mar",
/// "Mar" and "March" all to "March".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BuiltinTable {
    /// Month as a number without padding: "3".
    MonthNumber,
    /// Month as a two-digit number: "03".
    MonthPadded,
    /// Month name: "March".
    MonthName,
    /// Month abbreviation: "Mar".
    MonthAbbr,
    /// Weekday name: "Monday".
    WeekdayName,
    /// Weekday abbreviation: "Mon".
    WeekdayAbbr,
    /// US state (and DC) name: "California".
    StateName,
    /// US state (and DC) postal code: "CA".
    StateCode,
    /// Country short name: "Germany".
    CountryName,
    /// ISO 3166-1 alpha-2 code: "DE".
    CountryIso2,
    /// ISO 3166-1 alpha-3 code: "DEU".
    CountryIso3,
}

impl BuiltinTable {
    /// Every built-in table.
    pub const ALL: [BuiltinTable; 11] = [
        BuiltinTable::MonthNumber,
        BuiltinTable::MonthPadded,
        BuiltinTable::MonthName,
        BuiltinTable::MonthAbbr,
        BuiltinTable::WeekdayName,
        BuiltinTable::WeekdayAbbr,
        BuiltinTable::StateName,
        BuiltinTable::StateCode,
        BuiltinTable::CountryName,
        BuiltinTable::CountryIso2,
        BuiltinTable::CountryIso3,
    ];

    /// The table's name in program text.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinTable::MonthNumber => "month_number",
            BuiltinTable::MonthPadded => "month_padded",
            BuiltinTable::MonthName => "month_name",
            BuiltinTable::MonthAbbr => "month_abbr",
            BuiltinTable::WeekdayName => "weekday_name",
            BuiltinTable::WeekdayAbbr => "weekday_abbr",
            BuiltinTable::StateName => "state_name",
            BuiltinTable::StateCode => "state_code",
            BuiltinTable::CountryName => "country_name",
            BuiltinTable::CountryIso2 => "country_iso2",
            BuiltinTable::CountryIso3 => "country_iso3",
        }
    }

    /// The table with this name, if any.
    pub fn from_name(name: &str) -> Option<BuiltinTable> {
        BuiltinTable::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// A table argument: built in, or sent with the request and named `@name` in program text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableRef {
    /// One of the built-in tables.
    Builtin(BuiltinTable),
    /// A table supplied by the caller (see [`crate::Tables`]), by name without the `@`.
    User(String),
}

/// Whether a format reads and writes dates or numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatKind {
    /// Usable by `date`.
    Date,
    /// Usable by `number`.
    Number,
}

/// The fixed list of formats of `date(s, in, out)` and `number(s, out)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `iso`: 2024-03-15.
    Iso,
    /// `us`: 03/15/2024.
    Us,
    /// `us_short`: 3/15/2024 (no padding).
    UsShort,
    /// `eu`: 15/03/2024.
    Eu,
    /// `eu_dot`: 15.03.2024.
    EuDot,
    /// `compact`: 20240315.
    Compact,
    /// `long`: March 15, 2024.
    Long,
    /// `medium`: Mar 15, 2024.
    Medium,
    /// `day_month_year`: 15 March 2024.
    DayMonthYear,
    /// `weekday_long`: Friday, March 15, 2024.
    WeekdayLong,
    /// `int`: a whole number, rounded half away from zero: 1235.
    Int,
    /// `fixed2`: two decimals: 1234.50.
    Fixed2,
    /// `thousands`: a whole number with comma separators: 1,235.
    Thousands,
    /// `thousands2`: comma separators and two decimals: 1,234.50.
    Thousands2,
    /// `percent`: a fraction as a whole percentage: 0.125 -> 13%.
    Percent,
    /// `currency`: dollars with separators and cents: $1,234.50.
    Currency,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 16] = [
        Format::Iso,
        Format::Us,
        Format::UsShort,
        Format::Eu,
        Format::EuDot,
        Format::Compact,
        Format::Long,
        Format::Medium,
        Format::DayMonthYear,
        Format::WeekdayLong,
        Format::Int,
        Format::Fixed2,
        Format::Thousands,
        Format::Thousands2,
        Format::Percent,
        Format::Currency,
    ];

    /// The format's name in program text.
    pub fn name(self) -> &'static str {
        match self {
            Format::Iso => "iso",
            Format::Us => "us",
            Format::UsShort => "us_short",
            Format::Eu => "eu",
            Format::EuDot => "eu_dot",
            Format::Compact => "compact",
            Format::Long => "long",
            Format::Medium => "medium",
            Format::DayMonthYear => "day_month_year",
            Format::WeekdayLong => "weekday_long",
            Format::Int => "int",
            Format::Fixed2 => "fixed2",
            Format::Thousands => "thousands",
            Format::Thousands2 => "thousands2",
            Format::Percent => "percent",
            Format::Currency => "currency",
        }
    }

    /// The format with this name, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether this is a date or a number format.
    pub fn kind(self) -> FormatKind {
        match self {
            Format::Int
            | Format::Fixed2
            | Format::Thousands
            | Format::Thousands2
            | Format::Percent
            | Format::Currency => FormatKind::Number,
            _ => FormatKind::Date,
        }
    }
}

/// An expression of the language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Expr {
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `true` or `false`.
    Bool(bool),
    /// Input column `xN` (`x` is `x0`).
    Var(usize),
    /// `w`, the variable bound by `map` to the current match.
    Bound,
    /// A token class argument.
    Tok(TokenClass),
    /// A case mode argument.
    Case(CaseMode),
    /// A table argument.
    Table(TableRef),
    /// A format argument.
    Fmt(Format),
    /// An operator applied to its arguments.
    App(Op, Vec<Expr>),
}

impl Expr {
    /// Shorthand for [`Expr::App`].
    pub fn app(op: Op, args: Vec<Expr>) -> Expr {
        Expr::App(op, args)
    }

    /// Shorthand for a string literal.
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Str(s.into())
    }

    /// The number of nodes in the tree: every literal, variable, enum leaf and operator
    /// application counts one. This is the program size that ranking and reports use.
    pub fn size(&self) -> usize {
        match self {
            Expr::App(_, args) => 1 + args.iter().map(Expr::size).sum::<usize>(),
            _ => 1,
        }
    }

    /// The number of operator applications (the "operators" of a program).
    pub fn operator_count(&self) -> usize {
        match self {
            Expr::App(_, args) => 1 + args.iter().map(Expr::operator_count).sum::<usize>(),
            _ => 0,
        }
    }

    /// The children of this node.
    pub fn children(&self) -> &[Expr] {
        match self {
            Expr::App(_, args) => args,
            _ => &[],
        }
    }

    /// The highest input column this expression reads, if it reads any.
    pub fn max_var(&self) -> Option<usize> {
        match self {
            Expr::Var(i) => Some(*i),
            Expr::App(_, args) => args.iter().filter_map(Expr::max_var).max(),
            _ => None,
        }
    }
}
