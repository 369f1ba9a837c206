//! The output-splitting phase: the catalog's pieces of the outputs and the literals every
//! output shares become the atoms of the splitting graph (module `graph`), whose cheapest
//! path is a concatenation term.

use gemfill_dsl::Op;

use crate::catalog::View;
use crate::graph::{self, Atom};
use crate::progress::Stats;
use crate::seeds::common_pieces;
use crate::term::Term;
use crate::values::Mask;

/// The longest literal the graph may use.
const MAX_LITERAL_CHARS: usize = 40;

/// The cheapest concatenation producing the outputs of the examples in `subset`, with its
/// cost; `None` when there is none, the product graph grows past `max_nodes`, or `stop`
/// says so.
pub(crate) fn cheapest_concat(
    view: &View<'_>,
    subset: &Mask,
    max_nodes: usize,
    stats: &mut Stats,
    stop: &dyn Fn() -> bool,
) -> Option<(Term, u32)> {
    stats.graph_searches += 1;
    let rows: Vec<usize> = subset.iter().collect();
    let outputs: Vec<&str> = rows
        .iter()
        .map(|&r| view.targets.outputs[r].as_str())
        .collect();
    let mut pieces: Vec<Term> = Vec::new();
    let mut atoms: Vec<Atom<'_>> = Vec::new();
    for (id, m) in &view.catalog.pieces {
        if !m.contains_all(subset) {
            continue;
        }
        let e = view.terms.en.bank.get(*id);
        let v = e.vals.strs();
        atoms.push(Atom {
            cost: e.cost,
            values: rows.iter().map(|&r| view.terms.it.get(v[r])).collect(),
        });
        pieces.push(Term::Entry(*id));
    }
    // Every piece of the first output (up to the longest literal) found in all of them.
    let literals: Vec<&str> = common_pieces(&outputs, usize::MAX, MAX_LITERAL_CHARS)
        .into_iter()
        .collect();
    for c in &literals {
        atoms.push(Atom {
            cost: view.costs.str_const(c, false),
            values: vec![c; rows.len()],
        });
    }
    let path =
        graph::cheapest_concat(&outputs, &atoms, view.costs.op(Op::Concat), max_nodes, stop)?;
    let n_entries = pieces.len();
    let parts: Vec<Term> = path
        .atoms
        .iter()
        .map(|&a| {
            if a < n_entries {
                pieces[a].clone()
            } else {
                Term::Const(literals[a - n_entries].to_string())
            }
        })
        .collect();
    let term = if parts.len() == 1 {
        parts.into_iter().next()?
    } else {
        Term::Concat(parts)
    };
    Some((term, path.cost))
}
