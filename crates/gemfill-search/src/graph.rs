//! The output-splitting graph (FlashFill's DAG), intersected across examples.
//!
//! For one example, the nodes are the positions `0..=len(output)` and there is an edge
//! `i -> j` for every expression (an *atom*: a bank entry or a literal) whose value on that
//! example is `output[i..j]`; a path from 0 to the end spells the output as a
//! concatenation. A program must work on every example at once, and the same atom sits at
//! different positions in different outputs, so the search runs on the product: a node is
//! one position per example, and an atom is an edge when, for every example, its value
//! occurs exactly at that example's position (an atom whose value is empty on an example
//! leaves that position where it is). The product graph reachable from the all-zero node is
//! built with petgraph and the cheapest path to the all-ends node (A*, with costs from the
//! cost model) becomes `concat(atom, atom, ...)`.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

/// One edge label: something that produces a piece of every output.
pub(crate) struct Atom<'a> {
    /// Its cost in the cost model.
    pub(crate) cost: u32,
    /// Its value on each example of the subset (no errors).
    pub(crate) values: Vec<&'a str>,
}

/// A cheapest concatenation: atom indices in order and the total cost.
pub(crate) struct Path {
    pub(crate) atoms: Vec<usize>,
    pub(crate) cost: u32,
}

/// Byte positions where `needle` (non-empty) starts in `hay`, overlapping occurrences too.
pub(crate) fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    while start <= hay.len() {
        match hay[start..].find(needle) {
            Some(i) => {
                let p = start + i;
                out.push(p);
                start = p + hay[p..].chars().next().map_or(1, char::len_utf8);
            }
            None => break,
        }
    }
    out
}

/// Finds the cheapest way to spell every output as the same concatenation of atoms.
///
/// `concat_cost` is the cost of the `concat` node; each part also costs one more (so that
/// fewer, longer parts win ties). Gives up (`None`) when the product graph grows past
/// `max_nodes` or `stop` says so.
pub(crate) fn cheapest_concat(
    outputs: &[&str],
    atoms: &[Atom<'_>],
    concat_cost: u32,
    max_nodes: usize,
    stop: &dyn Fn() -> bool,
) -> Option<Path> {
    let m = outputs.len();
    if m == 0 {
        return None;
    }
    // occ[e][byte position] = atoms non-empty on e that occur there; empty_on[e] = atoms
    // empty on e (usable at any position of e).
    let mut occ: Vec<Vec<Vec<usize>>> = outputs
        .iter()
        .map(|o| vec![Vec::new(); o.len() + 1])
        .collect();
    let mut empty_on: Vec<Vec<usize>> = vec![Vec::new(); m];
    'atoms: for (ai, atom) in atoms.iter().enumerate() {
        if atom.values.iter().all(|v| v.is_empty()) {
            continue;
        }
        let mut found: Vec<Vec<usize>> = Vec::with_capacity(m);
        for (e, v) in atom.values.iter().enumerate() {
            if v.is_empty() {
                found.push(Vec::new());
                continue;
            }
            let ps = occurrences(outputs[e], v);
            if ps.is_empty() {
                continue 'atoms;
            }
            found.push(ps);
        }
        for (e, ps) in found.into_iter().enumerate() {
            if atom.values[e].is_empty() {
                empty_on[e].push(ai);
            } else {
                for p in ps {
                    occ[e][p].push(ai);
                }
            }
        }
    }

    let goal_state: Vec<u32> = outputs.iter().map(|o| o.len() as u32).collect();
    let start_state: Vec<u32> = vec![0; m];
    let mut graph: DiGraph<(), (u32, usize)> = DiGraph::new();
    let mut index: HashMap<Vec<u32>, NodeIndex> = HashMap::new();
    let mut states: Vec<Vec<u32>> = Vec::new();
    let start = graph.add_node(());
    index.insert(start_state.clone(), start);
    states.push(start_state);
    let mut next_to_expand = 0;
    while next_to_expand < states.len() {
        if next_to_expand % 256 == 0 && stop() {
            return None;
        }
        let state = states[next_to_expand].clone();
        let from = NodeIndex::new(next_to_expand);
        next_to_expand += 1;
        let Some(pivot) = (0..m).find(|&e| state[e] < goal_state[e]) else {
            continue;
        };
        let mut best: BTreeMap<Vec<u32>, (u32, usize)> = BTreeMap::new();
        let here = &occ[pivot][state[pivot] as usize];
        for &ai in here.iter().chain(empty_on[pivot].iter()) {
            let atom = &atoms[ai];
            let mut next = state.clone();
            let mut ok = true;
            for e in 0..m {
                let v = atom.values[e];
                let p = state[e] as usize;
                if !outputs[e][p..].starts_with(v) {
                    ok = false;
                    break;
                }
                next[e] += v.len() as u32;
            }
            if !ok || next == state {
                continue;
            }
            let c = atom.cost + 1;
            match best.get(&next) {
                Some(&(bc, _)) if bc <= c => {}
                _ => {
                    best.insert(next, (c, ai));
                }
            }
        }
        for (next, (c, ai)) in best {
            let to = match index.get(&next) {
                Some(&n) => n,
                None => {
                    if states.len() >= max_nodes {
                        return None;
                    }
                    let n = graph.add_node(());
                    index.insert(next.clone(), n);
                    states.push(next);
                    n
                }
            };
            graph.add_edge(from, to, (c, ai));
        }
    }
    let goal = *index.get(&goal_state)?;
    let (_, nodes) = petgraph::algo::astar(&graph, start, |n| n == goal, |e| e.weight().0, |_| 0)?;
    let mut parts = Vec::new();
    let mut cost = 0;
    for w in nodes.windows(2) {
        // Edges between two nodes are unique (the cheapest atom was kept).
        let edge = graph.find_edge(w[0], w[1])?;
        let (_, ai) = graph[edge];
        parts.push(ai);
        cost += atoms[ai].cost;
    }
    if parts.len() > 1 {
        cost += concat_cost + (parts.len() as u32 - 2);
    }
    Some(Path { atoms: parts, cost })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom<'a>(cost: u32, values: &[&'a str]) -> Atom<'a> {
        Atom {
            cost,
            values: values.to_vec(),
        }
    }

    #[test]
    fn finds_overlapping_occurrences() {
        assert_eq!(occurrences("aaa", "aa"), vec![0, 1]);
        assert_eq!(occurrences("é-é", "é"), vec![0, 3]);
    }

    #[test]
    fn splits_outputs_consistently() {
        // "Smith, J." and "Hopper, G.": last name, ", ", initial, ".".
        let outputs = ["Smith, J.", "Hopper, G."];
        let atoms = vec![
            atom(4, &["Smith", "Hopper"]),
            atom(3, &[", ", ", "]),
            atom(5, &["J", "G"]),
            atom(2, &[".", "."]),
            atom(1, &["S", "H"]), // fits but leads nowhere useful
        ];
        let path = cheapest_concat(&outputs, &atoms, 2, 1000, &|| false).unwrap();
        assert_eq!(path.atoms, vec![0, 1, 2, 3]);
        assert_eq!(path.cost, 4 + 3 + 5 + 2 + 2 + 2);
    }

    #[test]
    fn empty_values_keep_position() {
        let outputs = ["ab", "b"];
        let atoms = vec![atom(1, &["a", ""]), atom(1, &["b", "b"])];
        let path = cheapest_concat(&outputs, &atoms, 2, 1000, &|| false).unwrap();
        assert_eq!(path.atoms, vec![0, 1]);
    }

    #[test]
    fn no_path_without_atoms() {
        let atoms = vec![atom(1, &["a", "x"])];
        assert!(cheapest_concat(&["ab", "xy"], &atoms, 2, 1000, &|| false).is_none());
    }
}
