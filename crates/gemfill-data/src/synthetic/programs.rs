//! Random well-typed programs over every operator of the language, weighted towards the
//! shapes real transformations have, reading the columns of a task's inputs.

use gemfill_dsl::{BuiltinTable, CaseMode, Expr, Format, Op, TableRef, TokenClass};

use super::inputs::Domain;
use super::rng::Rng;

/// What a program is generated for: the task's input columns.
pub(super) struct Ctx {
    /// How many input columns there are.
    pub(super) columns: usize,
    /// The kind of text each column holds.
    pub(super) domains: Vec<Domain>,
    /// Characters occurring in the inputs (for delimiter classes and literals).
    pub(super) chars: Vec<char>,
}

fn var(rng: &mut Rng, ctx: &Ctx) -> Expr {
    Expr::Var(rng.below(ctx.columns))
}

fn tok_class(rng: &mut Rng, ctx: &Ctx) -> TokenClass {
    if !ctx.chars.is_empty() && rng.chance(0.3) {
        return TokenClass::Delim(*rng.pick(&ctx.chars));
    }
    let named = [
        TokenClass::Word,
        TokenClass::Number,
        TokenClass::Alphanum,
        TokenClass::Caps,
        TokenClass::Proper,
        TokenClass::Lower,
        TokenClass::Digit,
        TokenClass::Char,
        TokenClass::Space,
    ];
    named[rng.weighted(&[6, 6, 3, 2, 2, 2, 1, 1, 1])].clone()
}

fn index(rng: &mut Rng) -> Expr {
    Expr::Int(*rng.pick(&[0, 0, 0, 1, 1, 2, -1, -1, -2]))
}

fn literal(rng: &mut Rng, ctx: &Ctx) -> Expr {
    if !ctx.chars.is_empty() && rng.chance(0.4) {
        return Expr::Str(rng.pick(&ctx.chars).to_string());
    }
    let lits = [
        " ", ", ", "-", ".", "/", ": ", "(", ")", "@", "#", "_", " - ", "x", "ID-", "Mr. ", "0",
    ];
    Expr::Str(rng.pick(&lits).to_string())
}

/// A random Str-valued program at most `depth` operators deep (`in_map`: inside a `map`
/// body, where `w` is bound).
pub(super) fn gen_str(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    let base = |rng: &mut Rng| {
        if in_map && rng.chance(0.7) {
            Expr::Bound
        } else {
            var(rng, ctx)
        }
    };
    if depth == 0 {
        return base(rng);
    }
    let d = depth - 1;
    // Weights per production, in the order of the match below.
    let w = [
        3,                          // var
        12,                         // token
        5,                          // sub
        10,                         // concat
        4,                          // case
        2,                          // trim
        3,                          // replace
        1,                          // replace_first
        2,                          // pad_left
        2,                          // char_at
        2,                          // to_str
        if in_map { 0 } else { 3 }, // map
        2,                          // if
        2,                          // lookup
        3,                          // date / number
    ];
    let app = Expr::App;
    match rng.weighted(&w) {
        0 => base(rng),
        1 => app(
            Op::Token,
            vec![
                sub_source(rng, ctx, d, in_map),
                Expr::Tok(tok_class(rng, ctx)),
                index(rng),
            ],
        ),
        2 => app(
            Op::Sub,
            vec![
                sub_source(rng, ctx, d, in_map),
                gen_int(rng, ctx, d.min(1), in_map),
                gen_int(rng, ctx, d.min(1), in_map),
            ],
        ),
        3 => {
            let n = 2 + rng.weighted(&[6, 4, 2]);
            let parts = (0..n)
                .map(|_| {
                    if rng.chance(0.4) {
                        literal(rng, ctx)
                    } else {
                        gen_str(rng, ctx, d.min(2), in_map)
                    }
                })
                .collect();
            app(Op::Concat, parts)
        }
        4 => app(
            Op::Case,
            vec![
                gen_str(rng, ctx, d, in_map),
                Expr::Case(*rng.pick(&CaseMode::ALL)),
            ],
        ),
        5 => app(Op::Trim, vec![gen_str(rng, ctx, d, in_map)]),
        6 | 7 => {
            let op = if rng.chance(0.75) {
                Op::Replace
            } else {
                Op::ReplaceFirst
            };
            let from = literal(rng, ctx);
            let to = literal(rng, ctx);
            app(op, vec![gen_str(rng, ctx, d, in_map), from, to])
        }
        8 => app(
            Op::PadLeft,
            vec![
                gen_str(rng, ctx, d, in_map),
                Expr::Int(rng.range(4, 12)),
                Expr::str(*rng.pick(&["0", " ", "*"])),
            ],
        ),
        9 => app(
            Op::CharAt,
            vec![sub_source(rng, ctx, d, in_map), index(rng)],
        ),
        10 => app(Op::ToStr, vec![gen_int(rng, ctx, d, in_map)]),
        11 => {
            let body = match rng.below(4) {
                0 => app(Op::CharAt, vec![Expr::Bound, Expr::Int(0)]),
                1 => app(
                    Op::Case,
                    vec![Expr::Bound, Expr::Case(*rng.pick(&CaseMode::ALL))],
                ),
                2 => app(
                    Op::Concat,
                    vec![
                        app(Op::Sub, vec![Expr::Bound, Expr::Int(0), Expr::Int(1)]),
                        literal(rng, ctx),
                    ],
                ),
                _ => gen_str(rng, ctx, 1, true),
            };
            let sep = Expr::str(*rng.pick(&["", " ", "-", ".", ", "]));
            app(
                Op::Map,
                vec![var(rng, ctx), Expr::Tok(tok_class(rng, ctx)), body, sep],
            )
        }
        12 => app(
            Op::If,
            vec![
                gen_bool(rng, ctx, in_map),
                gen_str(rng, ctx, d.min(1), in_map),
                gen_str(rng, ctx, d.min(1), in_map),
            ],
        ),
        13 => {
            let table = *rng.pick(&BuiltinTable::ALL);
            app(
                Op::Lookup,
                vec![
                    Expr::Table(TableRef::Builtin(table)),
                    gen_str(rng, ctx, d.min(1), in_map),
                ],
            )
        }
        _ => {
            let column = rng.below(ctx.columns);
            match ctx.domains[column] {
                Domain::Date(f) => {
                    let dates: Vec<Format> = Format::ALL
                        .into_iter()
                        .filter(|f| f.kind() == gemfill_dsl::FormatKind::Date)
                        .collect();
                    app(
                        Op::Date,
                        vec![
                            Expr::Var(column),
                            Expr::Fmt(f),
                            Expr::Fmt(*rng.pick(&dates)),
                        ],
                    )
                }
                _ => {
                    let numbers: Vec<Format> = Format::ALL
                        .into_iter()
                        .filter(|f| f.kind() == gemfill_dsl::FormatKind::Number)
                        .collect();
                    let arg = if rng.chance(0.5) {
                        Expr::Var(column)
                    } else {
                        app(
                            Op::Token,
                            vec![Expr::Var(column), Expr::Tok(TokenClass::Number), index(rng)],
                        )
                    };
                    app(Op::Number, vec![arg, Expr::Fmt(*rng.pick(&numbers))])
                }
            }
        }
    }
}

/// The string an extraction reads from: mostly an input column, sometimes a transformed one.
fn sub_source(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    if depth > 0 && rng.chance(0.15) {
        gen_str(rng, ctx, depth.min(1), in_map)
    } else if in_map && rng.chance(0.7) {
        Expr::Bound
    } else {
        var(rng, ctx)
    }
}

fn gen_int(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    let app = Expr::App;
    let src = |rng: &mut Rng| {
        if in_map && rng.chance(0.7) {
            Expr::Bound
        } else {
            var(rng, ctx)
        }
    };
    let w = [6, 2, 3, 3, 2, 1, if depth > 0 { 2 } else { 0 }, 2];
    match rng.weighted(&w) {
        0 => Expr::Int(rng.range(-4, 8)),
        1 => app(Op::Len, vec![src(rng)]),
        2 | 3 => {
            let op = if rng.chance(0.5) { Op::Start } else { Op::End };
            app(
                op,
                vec![src(rng), Expr::Tok(tok_class(rng, ctx)), index(rng)],
            )
        }
        4 => {
            let lit = literal(rng, ctx);
            app(Op::Find, vec![src(rng), lit, index(rng)])
        }
        5 => app(
            Op::Pos,
            vec![
                src(rng),
                Expr::Tok(tok_class(rng, ctx)),
                Expr::Tok(tok_class(rng, ctx)),
                index(rng),
            ],
        ),
        6 => {
            let op = if rng.chance(0.5) { Op::Plus } else { Op::Minus };
            app(
                op,
                vec![
                    gen_int(rng, ctx, depth - 1, in_map),
                    Expr::Int(rng.range(1, 5)),
                ],
            )
        }
        _ => app(
            Op::ToInt,
            vec![app(
                Op::Token,
                vec![src(rng), Expr::Tok(TokenClass::Number), index(rng)],
            )],
        ),
    }
}

fn gen_bool(rng: &mut Rng, ctx: &Ctx, in_map: bool) -> Expr {
    let app = Expr::App;
    let s = if in_map && rng.chance(0.7) {
        Expr::Bound
    } else {
        var(rng, ctx)
    };
    match rng.below(8) {
        0 => app(Op::Contains, vec![s, literal(rng, ctx)]),
        1 => app(Op::StartsWith, vec![s, literal(rng, ctx)]),
        2 => app(Op::EndsWith, vec![s, literal(rng, ctx)]),
        3 => app(Op::Matches, vec![s, Expr::Tok(tok_class(rng, ctx))]),
        4 => app(
            Op::IsEmpty,
            vec![app(
                Op::Token,
                vec![s, Expr::Tok(tok_class(rng, ctx)), index(rng)],
            )],
        ),
        5 => app(
            Op::Eq,
            vec![app(Op::Len, vec![s]), Expr::Int(rng.range(3, 12))],
        ),
        6 => app(Op::Not, vec![app(Op::Contains, vec![s, literal(rng, ctx)])]),
        _ => app(
            Op::Eq,
            vec![app(Op::CharAt, vec![s, Expr::Int(0)]), literal(rng, ctx)],
        ),
    }
}
