//! The pushdown automaton's stack: the value types an expression may have, what the
//! expression being started must be, and the open calls with the argument each is at,
//! all read off the operators' [`Signature`]s.

use crate::ast::{FormatKind, Op, Signature, Type};

/// A set of value types, as bits: Str 1, Int 2, Bool 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Values(pub(super) u8);

impl Values {
    pub(super) const ALL: Values = Values(7);

    pub(super) fn of(ty: Type) -> Values {
        Values(match ty {
            Type::Str => 1,
            Type::Int => 2,
            Type::Bool => 4,
            _ => 0,
        })
    }

    pub(super) fn has(self, ty: Type) -> bool {
        Values::of(ty).0 != 0 && self.0 & Values::of(ty).0 != 0
    }
}

/// What the expression being started must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    Value(Values),
    Tok,
    Case,
    Table,
    Fmt(FormatKind),
}

/// An open call: which argument is being read, and what the call's type must be.
#[derive(Clone, Debug)]
pub(super) struct Frame {
    pub(super) op: Op,
    /// Index of the argument being read (or just read).
    pub(super) arg: usize,
    /// Types the call may have (narrowed to one for `if` once its first branch is read).
    pub(super) want: Values,
    /// Whether the call stands inside a `map` body (so `w` is bound in its arguments).
    pub(super) in_map: bool,
    /// The type of the first branch of `if` / first operand of `eq`, once read.
    pub(super) first: Option<Type>,
}

impl Frame {
    pub(super) fn slot(&self) -> Slot {
        let i = self.arg;
        match self.op.signature() {
            Signature::Fixed(params, _) => match params.get(i).copied().unwrap_or(Type::Str) {
                Type::Tok => Slot::Tok,
                Type::Case => Slot::Case,
                Type::Table => Slot::Table,
                Type::Fmt if self.op == Op::Number => Slot::Fmt(FormatKind::Number),
                Type::Fmt => Slot::Fmt(FormatKind::Date),
                ty => Slot::Value(Values::of(ty)),
            },
            Signature::Variadic(ty, _) => Slot::Value(Values::of(ty)),
            Signature::If => match (i, self.first) {
                (0, _) => Slot::Value(Values::of(Type::Bool)),
                (1, _) | (_, None) => Slot::Value(self.want),
                (_, Some(ty)) => Slot::Value(Values::of(ty)),
            },
            Signature::Eq(allowed) => match (i, self.first) {
                (0, _) | (_, None) => {
                    Slot::Value(Values(allowed.iter().map(|&t| Values::of(t).0).sum()))
                }
                (_, Some(ty)) => Slot::Value(Values::of(ty)),
            },
        }
    }

    pub(super) fn bound(&self) -> bool {
        self.in_map || (self.op == Op::Map && self.arg == 2)
    }

    /// Whether another argument may follow the current one.
    pub(super) fn may_continue(&self) -> bool {
        match self.op.signature() {
            Signature::Fixed(params, _) => self.arg + 1 < params.len(),
            Signature::Variadic(..) => true,
            Signature::If => self.arg < 2,
            Signature::Eq(_) => self.arg < 1,
        }
    }

    /// Whether the call may close after the current argument.
    pub(super) fn may_close(&self) -> bool {
        match self.op.signature() {
            Signature::Fixed(params, _) => self.arg + 1 == params.len(),
            Signature::Variadic(..) => self.arg >= 1,
            Signature::If => self.arg == 2,
            Signature::Eq(_) => self.arg == 1,
        }
    }

    pub(super) fn result(&self) -> Type {
        match self.op.signature() {
            Signature::Fixed(_, ty) | Signature::Variadic(_, ty) => ty,
            Signature::If => self.first.unwrap_or(Type::Str),
            Signature::Eq(_) => Type::Bool,
        }
    }
}

/// The types a call of `op` may have where `want` is expected, if it fits at all.
pub(super) fn op_fits(op: Op, want: Values) -> Option<Values> {
    match op.signature() {
        Signature::Fixed(_, ty) | Signature::Variadic(_, ty) => {
            want.has(ty).then_some(Values::of(ty))
        }
        Signature::If => Some(want),
        Signature::Eq(_) => want.has(Type::Bool).then_some(Values::of(Type::Bool)),
    }
}
