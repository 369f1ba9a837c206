//! Value vectors: what a candidate sub-program computes on every row, stored compactly.
//!
//! The search never keeps a sub-program's values as [`gemfill_dsl::Value`]s. Strings are
//! interned once ([`Interner`]) and a Str vector is a list of ids; Int and Bool vectors are
//! plain numbers with a sentinel for "this row raised an error". Two candidates are
//! observationally equivalent when their vectors agree on the examples (see
//! [`Vals::key_hash`]).

use std::collections::HashMap;
use std::sync::Arc;

use gemfill_dsl::Type;

/// An interned string.
pub(crate) type StrId = u32;
/// A Str row that raised an error.
pub(crate) const STR_ERR: StrId = u32::MAX;
/// An Int row that raised an error. `i64::MIN` itself is never produced by the search's
/// constants and arithmetic overflow is an error, so the sentinel costs nothing in practice;
/// the interpreter has the last word on every reported program anyway.
pub(crate) const INT_ERR: i64 = i64::MIN;
/// A Bool row that raised an error (0 is false, 1 is true).
pub(crate) const BOOL_ERR: u8 = 2;

/// The value types a sub-program can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum VType {
    Str,
    Int,
    Bool,
}

impl VType {
    /// All value types, in index order.
    pub(crate) const ALL: [VType; 3] = [VType::Str, VType::Int, VType::Bool];

    /// A dense index (0, 1, 2).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The value type of a language type, if it is one.
    pub(crate) fn of(ty: Type) -> Option<VType> {
        match ty {
            Type::Str => Some(VType::Str),
            Type::Int => Some(VType::Int),
            Type::Bool => Some(VType::Bool),
            _ => None,
        }
    }
}

/// The string pool of one search. Ids are handed out in insertion order, which the search
/// keeps deterministic, so ids (and everything ordered by them) are reproducible.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<Arc<str>, StrId>,
    strings: Vec<Arc<str>>,
    bytes: usize,
}

impl Interner {
    /// The id of `s`, adding it if new.
    pub(crate) fn intern(&mut self, s: &str) -> StrId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.push(Arc::from(s))
    }

    /// The id of `s`, adding it if new, without copying it when it is new.
    pub(crate) fn intern_owned(&mut self, s: String) -> StrId {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        self.push(Arc::from(s))
    }

    fn push(&mut self, s: Arc<str>) -> StrId {
        let id = self.strings.len() as StrId;
        // Each string is stored once (shared by the map and the list) plus bookkeeping.
        self.bytes += s.len() + 64;
        self.strings.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    /// The id of `s` if it is interned.
    pub(crate) fn lookup(&self, s: &str) -> Option<StrId> {
        self.ids.get(s).copied()
    }

    /// The string with this id (`id` must not be [`STR_ERR`]).
    pub(crate) fn get(&self, id: StrId) -> &str {
        &self.strings[id as usize]
    }

    /// The string with this id, or `None` for an error row.
    pub(crate) fn opt(&self, id: StrId) -> Option<&str> {
        (id != STR_ERR).then(|| self.get(id))
    }

    /// An estimate of the pool's memory.
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

/// The values of one sub-program on every row (examples first, then unlabeled rows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Vals {
    Str(Box<[StrId]>),
    Int(Box<[i64]>),
    Bool(Box<[u8]>),
}

impl Vals {
    /// The value type.
    pub(crate) fn vtype(&self) -> VType {
        match self {
            Vals::Str(_) => VType::Str,
            Vals::Int(_) => VType::Int,
            Vals::Bool(_) => VType::Bool,
        }
    }

    /// Whether row `r` raised an error.
    pub(crate) fn is_err(&self, r: usize) -> bool {
        match self {
            Vals::Str(v) => v[r] == STR_ERR,
            Vals::Int(v) => v[r] == INT_ERR,
            Vals::Bool(v) => v[r] == BOOL_ERR,
        }
    }

    /// Bytes of memory held by the vector.
    pub(crate) fn bytes(&self) -> usize {
        match self {
            Vals::Str(v) => v.len() * 4,
            Vals::Int(v) => v.len() * 8,
            Vals::Bool(v) => v.len(),
        }
    }

    /// The row values as Str ids (panics on another type: callers check the type first).
    pub(crate) fn strs(&self) -> &[StrId] {
        match self {
            Vals::Str(v) => v,
            _ => panic!("not a Str vector"),
        }
    }

    /// The row values as integers (see [`Vals::strs`]).
    pub(crate) fn ints(&self) -> &[i64] {
        match self {
            Vals::Int(v) => v,
            _ => panic!("not an Int vector"),
        }
    }

    /// The row values as truth values (see [`Vals::strs`]).
    pub(crate) fn bools(&self) -> &[u8] {
        match self {
            Vals::Bool(v) => v,
            _ => panic!("not a Bool vector"),
        }
    }

    /// The observational-equivalence key: the exact values on the examples plus, for each
    /// unlabeled row, only whether it raised an error. Keeping the error pattern lets the
    /// bank hold, next to the cheapest program, a variant that also works on the unlabeled
    /// inputs, without multiplying the bank by every way programs differ there.
    pub(crate) fn key_hash(&self, n_examples: usize) -> u64 {
        let mut h = Fx::new(self.vtype() as u64);
        match self {
            Vals::Str(v) => {
                v[..n_examples].iter().for_each(|&x| h.add(x as u64));
                h.add_err_mask(v[n_examples..].iter().map(|&x| x == STR_ERR));
            }
            Vals::Int(v) => {
                v[..n_examples].iter().for_each(|&x| h.add(x as u64));
                h.add_err_mask(v[n_examples..].iter().map(|&x| x == INT_ERR));
            }
            Vals::Bool(v) => {
                v[..n_examples].iter().for_each(|&x| h.add(x as u64));
                h.add_err_mask(v[n_examples..].iter().map(|&x| x == BOOL_ERR));
            }
        }
        h.finish()
    }

    /// Whether two vectors have the same observational-equivalence key.
    pub(crate) fn same_key(&self, other: &Vals, n_examples: usize) -> bool {
        fn same<T: PartialEq + Copy>(a: &[T], b: &[T], n: usize, err: T) -> bool {
            a[..n] == b[..n]
                && a[n..]
                    .iter()
                    .zip(&b[n..])
                    .all(|(&x, &y)| (x == err) == (y == err))
        }
        match (self, other) {
            (Vals::Str(a), Vals::Str(b)) => same(a, b, n_examples, STR_ERR),
            (Vals::Int(a), Vals::Int(b)) => same(a, b, n_examples, INT_ERR),
            (Vals::Bool(a), Vals::Bool(b)) => same(a, b, n_examples, BOOL_ERR),
            _ => false,
        }
    }
}

/// A small, fast, deterministic hash (the FxHash mixing step with a final avalanche).
pub(crate) struct Fx(u64);

impl Fx {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    pub(crate) fn new(seed: u64) -> Fx {
        Fx(seed.wrapping_mul(Fx::K))
    }

    pub(crate) fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(Fx::K);
    }

    fn add_err_mask(&mut self, errs: impl Iterator<Item = bool>) {
        let mut word = 0u64;
        let mut n = 0;
        for e in errs {
            word = (word << 1) | e as u64;
            n += 1;
            if n == 64 {
                self.add(word);
                word = 0;
                n = 0;
            }
        }
        self.add(word ^ 0xA5A5);
    }

    pub(crate) fn add_str(&mut self, s: &str) {
        for chunk in s.as_bytes().chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
        self.add(s.len() as u64);
    }

    pub(crate) fn finish(&self) -> u64 {
        // splitmix64 finaliser: spreads the bits so that the hash map's buckets are even.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by a precomputed 64-bit hash.
pub(crate) type HashKeyed<V> = HashMap<u64, V, std::hash::BuildHasherDefault<PassHasher>>;

/// A set of example indices, as a bit set with a total order (so that maps keyed by masks
/// iterate deterministically).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Mask(Vec<u64>);

impl Mask {
    /// The empty set over `n` elements.
    pub(crate) fn empty(n: usize) -> Mask {
        Mask(vec![0; n.div_ceil(64).max(1)])
    }

    /// The full set `0..n`.
    pub(crate) fn full(n: usize) -> Mask {
        let mut m = Mask::empty(n);
        for i in 0..n {
            m.set(i);
        }
        m
    }

    /// Adds `i`.
    pub(crate) fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// The number of elements.
    pub(crate) fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// Whether every element of `other` is in `self`.
    pub(crate) fn contains_all(&self, other: &Mask) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| b & !a == 0)
    }

    /// The intersection.
    pub(crate) fn and(&self, other: &Mask) -> Mask {
        Mask(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }

    /// `self` without the elements of `other`.
    pub(crate) fn minus(&self, other: &Mask) -> Mask {
        Mask(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }

    /// The elements in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interner_is_stable() {
        let mut it = Interner::default();
        let a = it.intern("abc");
        let b = it.intern_owned("xyz".to_string());
        assert_eq!(it.intern("abc"), a);
        assert_eq!(it.get(b), "xyz");
        assert_eq!(it.lookup("nope"), None);
    }

    #[test]
    fn keys_ignore_unlabeled_values_but_not_errors() {
        let a = Vals::Str(vec![1, 2, 7].into());
        let b = Vals::Str(vec![1, 2, 9].into());
        let c = Vals::Str(vec![1, 2, STR_ERR].into());
        assert!(a.same_key(&b, 2));
        assert_eq!(a.key_hash(2), b.key_hash(2));
        assert!(!a.same_key(&c, 2));
        assert!(!a.same_key(&b, 3));
    }

    #[test]
    fn masks() {
        let mut m = Mask::empty(70);
        m.set(3);
        m.set(65);
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![3, 65]);
        assert!(Mask::full(70).contains_all(&m));
        assert_eq!(Mask::full(70).minus(&m).count(), 68);
    }
}
