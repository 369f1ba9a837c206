//! [`GrammarState`]: which program tokens may come next so that the sequence stays a prefix
//! of a well-typed program. Beam search masks every other token, so every finished beam
//! parses and type-checks.

use gemfill_dsl::{FormatKind, Op, Signature, Type};

use crate::vocab::{MAX_CONCAT, ProgToken, ProgramVocab};

/// What the next token must fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// A value of this type; `in_map` allows `w` (and forbids a nested `map`).
    Value(Type, bool),
    /// A token class, case mode or table.
    Enum(Type),
    /// A format of this kind.
    Format(FormatKind),
    /// Inside a string literal: a character or the closing token.
    Literal,
}

/// The decoding state: the stack of slots still to fill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrammarState {
    stack: Vec<Slot>,
    emitted: usize,
    max_len: usize,
    columns: usize,
}

impl GrammarState {
    /// The state before the first token of a program returning `root` (Str, Int or Bool)
    /// over `columns` input columns, at most `max_len` tokens long.
    pub fn new(root: Type, columns: usize, max_len: usize) -> GrammarState {
        GrammarState {
            stack: vec![Slot::Value(root, false)],
            emitted: 0,
            max_len,
            columns,
        }
    }

    /// Whether the program is complete (only `<eos>` may follow).
    pub fn is_complete(&self) -> bool {
        self.stack.is_empty()
    }

    /// Whether `token` may come next.
    pub fn allows(&self, token: &ProgToken) -> bool {
        let Some(&slot) = self.stack.last() else {
            return *token == ProgToken::Eos;
        };
        // Every open slot needs at least one more token; an operator adds its arguments.
        let budget = self.max_len.saturating_sub(self.emitted + 1);
        let fits = |added_slots: usize| self.stack.len() - 1 + added_slots <= budget;
        match (slot, token) {
            (Slot::Literal, ProgToken::Char(_)) => fits(1),
            (Slot::Literal, ProgToken::StrClose) => true,
            (Slot::Enum(Type::Tok), ProgToken::Tok(_))
            | (Slot::Enum(Type::Case), ProgToken::Case(_))
            | (Slot::Enum(Type::Table), ProgToken::Table(_)) => true,
            (Slot::Format(kind), ProgToken::Fmt(f)) => f.kind() == kind,
            (Slot::Value(ty, in_map), t) => match t {
                ProgToken::Var(i) => ty == Type::Str && *i < self.columns,
                ProgToken::Bound => ty == Type::Str && in_map,
                ProgToken::StrOpen => ty == Type::Str && fits(1),
                ProgToken::Int(_) => ty == Type::Int,
                ProgToken::Bool(_) => ty == Type::Bool,
                ProgToken::Concat(n) => ty == Type::Str && fits(*n),
                ProgToken::Eq(_) => ty == Type::Bool && fits(2),
                ProgToken::Op(Op::Map) if in_map => false,
                ProgToken::Op(op) => match op.signature() {
                    Signature::Fixed(params, result) => result == ty && fits(params.len()),
                    Signature::If => fits(3),
                    Signature::Variadic(..) | Signature::Eq(_) => false,
                },
                _ => false,
            },
            _ => false,
        }
    }

    /// Advances past `token` (which must be allowed).
    pub fn push(&mut self, token: &ProgToken) {
        self.emitted += 1;
        let Some(slot) = self.stack.pop() else {
            return;
        };
        let in_map = matches!(slot, Slot::Value(_, true));
        let value = |ty: Type| Slot::Value(ty, in_map);
        let args: Vec<Slot> = match token {
            ProgToken::Char(_) => vec![Slot::Literal],
            ProgToken::StrOpen => vec![Slot::Literal],
            ProgToken::Concat(n) => vec![value(Type::Str); (*n).min(MAX_CONCAT)],
            ProgToken::Eq(int) => {
                let ty = if *int { Type::Int } else { Type::Str };
                vec![value(ty), value(ty)]
            }
            ProgToken::Op(Op::Map) => vec![
                value(Type::Str),
                Slot::Enum(Type::Tok),
                Slot::Value(Type::Str, true),
                value(Type::Str),
            ],
            ProgToken::Op(op @ (Op::Date | Op::Number)) => {
                let mut v = vec![value(Type::Str)];
                let kind = if *op == Op::Date {
                    FormatKind::Date
                } else {
                    FormatKind::Number
                };
                v.extend(vec![
                    Slot::Format(kind);
                    if *op == Op::Date { 2 } else { 1 }
                ]);
                v
            }
            ProgToken::Op(op) => match op.signature() {
                Signature::Fixed(params, _) => params
                    .iter()
                    .map(|&p| {
                        if p.is_value() {
                            value(p)
                        } else {
                            Slot::Enum(p)
                        }
                    })
                    .collect(),
                Signature::If => {
                    let ty = match slot {
                        Slot::Value(ty, _) => ty,
                        _ => Type::Str,
                    };
                    vec![value(Type::Bool), value(ty), value(ty)]
                }
                Signature::Variadic(..) | Signature::Eq(_) => Vec::new(),
            },
            _ => Vec::new(),
        };
        self.stack.extend(args.into_iter().rev());
    }

    /// A boolean mask over the vocabulary: which ids may come next.
    pub fn mask(&self, vocab: &ProgramVocab) -> Vec<bool> {
        vocab.tokens().iter().map(|t| self.allows(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_real_program_is_accepted_token_by_token() {
        let vocab = ProgramVocab::new();
        for text in [
            r#"concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")"#,
            r#"if(eq(len(x1), 3), case(x, upper), map(x, Word, char_at(w, 0), ""))"#,
            r#"date(trim(x), us, iso)"#,
            r#"number(x, currency)"#,
        ] {
            let ids = vocab.encode(&gemfill_dsl::parse(text).unwrap()).unwrap();
            let mut state = GrammarState::new(Type::Str, 2, 64);
            for id in ids {
                let t = vocab.token(id).unwrap();
                assert!(state.allows(t), "{text}: {t:?} refused");
                state.push(t);
            }
            assert!(
                state.is_complete() && state.allows(&ProgToken::Eos),
                "{text}"
            );
        }
    }

    #[test]
    fn ill_typed_continuations_are_refused() {
        let vocab = ProgramVocab::new();
        let mut state = GrammarState::new(Type::Str, 1, 64);
        assert!(!state.allows(&ProgToken::Var(1)), "only one column");
        assert!(!state.allows(&ProgToken::Bound), "w outside map");
        assert!(!state.allows(&ProgToken::Op(Op::Len)), "len is an Int");
        state.push(&ProgToken::Op(Op::Date));
        state.push(&ProgToken::Var(0));
        assert!(!state.allows(&ProgToken::Fmt(gemfill_dsl::Format::Currency)));
        assert!(state.allows(&ProgToken::Fmt(gemfill_dsl::Format::Iso)));
        // A tight length budget leaves only leaves.
        let tight = GrammarState::new(Type::Str, 1, 1);
        assert!(!tight.allows(&ProgToken::Op(Op::Trim)));
        assert!(tight.allows(&ProgToken::Var(0)));
        assert_eq!(state.mask(&vocab).len(), vocab.len());
    }
}
