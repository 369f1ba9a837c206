//! [`Term`]: a candidate answer before it becomes an [`Expr`].
//!
//! Answers are assembled from bank entries by the output-splitting graph (concatenations)
//! and the conditional builder (`if`). A term keeps
//! references into the bank so that its values on the examples can be computed without
//! materialising and re-running it; only answers that are reported become expressions.

use gemfill_dsl::{Expr, Op};

use crate::enumerate::{Cand, Enumerator};
use crate::values::{BOOL_ERR, INT_ERR, Interner, STR_ERR, Vals};

/// A candidate answer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Term {
    /// A bank entry.
    Entry(u32),
    /// A candidate that the bank refused as equivalent (on the examples) to this entry.
    Alt(Cand, u32),
    /// A string literal.
    Const(String),
    /// A concatenation of Str terms.
    Concat(Vec<Term>),
    /// `if(entry, then, else)` with a Bool bank entry as the condition.
    If(u32, Box<Term>, Box<Term>),
}

/// What turning terms into expressions and values needs.
pub(crate) struct TermCtx<'a> {
    pub(crate) en: &'a Enumerator,
    pub(crate) it: &'a Interner,
    pub(crate) bodies: &'a [Option<Expr>],
}

impl TermCtx<'_> {
    /// The expression of a term.
    pub(crate) fn expr(&self, t: &Term) -> Expr {
        match t {
            Term::Entry(id) => self.en.expr(*id, self.it, self.bodies),
            Term::Alt(c, _) => self.en.cand_expr(c, self.it, self.bodies),
            Term::Const(s) => Expr::Str(s.clone()),
            Term::Concat(parts) if parts.len() == 1 => self.expr(&parts[0]),
            Term::Concat(parts) => {
                let mut args: Vec<Expr> = Vec::new();
                for p in parts {
                    let inner = match self.expr(p) {
                        Expr::App(Op::Concat, inner) => inner,
                        e => vec![e],
                    };
                    for e in inner {
                        // Adjacent literals print as one: concat(x, ", ", y), not ",", " ".
                        match (args.last_mut(), e) {
                            (Some(Expr::Str(prev)), Expr::Str(s)) => prev.push_str(&s),
                            (_, e) => args.push(e),
                        }
                    }
                }
                if args.len() == 1 {
                    args.pop().unwrap_or(Expr::Str(String::new()))
                } else {
                    Expr::App(Op::Concat, args)
                }
            }
            Term::If(c, a, b) => Expr::App(
                Op::If,
                vec![
                    self.en.expr(*c, self.it, self.bodies),
                    self.expr(a),
                    self.expr(b),
                ],
            ),
        }
    }

    /// The printed value of a term on row `r` (`None` for an error), as compared with an
    /// example's output.
    pub(crate) fn text(&self, t: &Term, r: usize) -> Option<String> {
        match t {
            Term::Entry(id) | Term::Alt(_, id) => self.entry_text(*id, r),
            Term::Const(s) => Some(s.clone()),
            Term::Concat(parts) => {
                let mut out = String::new();
                for p in parts {
                    out.push_str(&self.text(p, r)?);
                }
                Some(out)
            }
            Term::If(c, a, b) => match self.en.bank.get(*c).vals.bools()[r] {
                BOOL_ERR => None,
                1 => self.text(a, r),
                _ => self.text(b, r),
            },
        }
    }

    /// The printed value of a bank entry on row `r`.
    pub(crate) fn entry_text(&self, id: u32, r: usize) -> Option<String> {
        match &self.en.bank.get(id).vals {
            Vals::Str(v) => (v[r] != STR_ERR).then(|| self.it.get(v[r]).to_string()),
            Vals::Int(v) => (v[r] != INT_ERR).then(|| v[r].to_string()),
            Vals::Bool(v) => (v[r] != BOOL_ERR).then(|| (v[r] == 1).to_string()),
        }
    }
}
