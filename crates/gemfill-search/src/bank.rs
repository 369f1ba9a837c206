//! The bank: every distinct sub-program found so far, one per value vector.
//!
//! An entry stores how it was built (its operator and the ids of its arguments, never a
//! whole tree), its cost and its values on every row. Inserting a candidate whose values
//! on the examples equal an existing entry's (observational equivalence) is refused: the
//! cheaper program, found first because enumeration goes by increasing cost, stands for
//! both. Entries are grouped by type and cost so that the enumerator can combine "all Str
//! entries of cost 3 with all Int entries of cost 2".

use gemfill_dsl::{CaseMode, Format, Op};

use crate::values::{HashKeyed, StrId, VType, Vals};

/// An argument of an operator node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Arg {
    /// A bank entry.
    Id(u32),
    /// A token class, by index into the grammar's token list.
    Tok(u16),
    /// A case mode.
    Case(CaseMode),
    /// A lookup table, by index into the grammar's table list.
    Table(u16),
    /// A format.
    Fmt(Format),
    /// A `map` body: an entry of the body bank.
    Body(u32),
}

/// How an entry was built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// Input column `xN` (in the body bank: `w`).
    Var(u16),
    /// A string literal.
    Str(StrId),
    /// An integer literal.
    Int(i64),
    /// A truth value literal.
    Bool(bool),
    /// An operator applied to arguments.
    App(Op, Box<[Arg]>),
}

/// One distinct sub-program.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) node: Node,
    pub(crate) cost: u32,
    pub(crate) vals: Vals,
}

/// The outcome of [`Bank::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inserted {
    /// A new entry with this id.
    New(u32),
    /// Refused: this existing entry has the same values.
    Duplicate(u32),
}

/// The values-vector bank with observational equivalence.
pub(crate) struct Bank {
    pub(crate) entries: Vec<Entry>,
    oe: HashKeyed<u32>,
    levels: [Vec<Vec<u32>>; 3],
    n_examples: usize,
    bytes: usize,
}

/// Estimated bytes of bookkeeping per entry besides its value vector.
const ENTRY_OVERHEAD: usize = std::mem::size_of::<Entry>() + 32;

impl Bank {
    /// An empty bank whose equivalence looks at the first `n_examples` rows.
    pub(crate) fn new(n_examples: usize) -> Bank {
        Bank {
            entries: Vec::new(),
            oe: HashKeyed::default(),
            levels: [Vec::new(), Vec::new(), Vec::new()],
            n_examples,
            bytes: 0,
        }
    }

    /// Adds a sub-program unless an equivalent one is already there.
    pub(crate) fn insert(&mut self, node: Node, cost: u32, vals: Vals) -> Inserted {
        let key = vals.key_hash(self.n_examples);
        let mut register = true;
        if let Some(&existing) = self.oe.get(&key) {
            if self.entries[existing as usize]
                .vals
                .same_key(&vals, self.n_examples)
            {
                return Inserted::Duplicate(existing);
            }
            // A 64-bit hash collision between different vectors: keep the newcomer but
            // leave the index pointing at the first one (never drop a distinct program).
            register = false;
        }
        let id = self.entries.len() as u32;
        let ty = vals.vtype();
        self.bytes += ENTRY_OVERHEAD + vals.bytes() + 16;
        if let Node::App(_, args) = &node {
            self.bytes += args.len() * std::mem::size_of::<Arg>();
        }
        self.entries.push(Entry { node, cost, vals });
        if register {
            self.oe.insert(key, id);
        }
        let levels = &mut self.levels[ty.index()];
        let c = cost as usize;
        if levels.len() <= c {
            levels.resize_with(c + 1, Vec::new);
        }
        levels[c].push(id);
        Inserted::New(id)
    }

    /// The existing entry with the same observational-equivalence key, if any.
    pub(crate) fn find(&self, vals: &Vals) -> Option<u32> {
        let key = vals.key_hash(self.n_examples);
        let &existing = self.oe.get(&key)?;
        self.entries[existing as usize]
            .vals
            .same_key(vals, self.n_examples)
            .then_some(existing)
    }

    /// The entry with this id.
    pub(crate) fn get(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The ids of the entries of type `ty` and exactly this cost, in insertion order.
    pub(crate) fn level(&self, ty: VType, cost: u32) -> &[u32] {
        self.levels[ty.index()]
            .get(cost as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Estimated memory held (excluding the string pool).
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalent_vectors_are_refused() {
        let mut bank = Bank::new(2);
        let a = bank.insert(Node::Var(0), 1, Vals::Str(vec![1, 2].into()));
        let b = bank.insert(Node::Str(5), 2, Vals::Str(vec![1, 2].into()));
        let c = bank.insert(Node::Str(6), 2, Vals::Str(vec![1, 3].into()));
        assert_eq!(a, Inserted::New(0));
        assert_eq!(b, Inserted::Duplicate(0));
        assert_eq!(c, Inserted::New(1));
        assert_eq!(bank.level(VType::Str, 2), &[1]);
        assert_eq!(bank.level(VType::Int, 2), &[] as &[u32]);
        assert!(bank.bytes() > 0);
    }
}
