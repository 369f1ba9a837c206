//! Bottom-up enumeration by cost, with observational equivalence.
//!
//! Level `c` builds every program of cost exactly `c`: for each production and each way to
//! split `c - cost(op)` among its argument slots, every combination of bank entries (and
//! enum arguments) of those costs. A candidate is evaluated on all rows at once with the
//! `gemfill_dsl::ops` functions, on the value vectors of its arguments, and kept only if
//! no cheaper entry has the same values ([`Bank::insert`]). Candidates are generated into
//! chunks; a chunk is evaluated in parallel (rayon) and inserted sequentially in
//! generation order, so results do not depend on thread timing.

use std::borrow::Cow;

use gemfill_dsl::{Expr, Op, Tables, TokenClass, Value, ops, tokens};
use rayon::prelude::*;

use crate::bank::{Arg, Bank, Inserted, Node};
use crate::grammar::{Grammar, Symmetry};
use crate::values::{BOOL_ERR, INT_ERR, Interner, STR_ERR, StrId, VType, Vals};

/// The rows values are computed on: the examples first, then unlabeled rows.
pub(crate) struct Space {
    pub(crate) n_examples: usize,
    pub(crate) n_rows: usize,
    /// Interned input values by column, then row (`STR_ERR` where a row lacks the column).
    pub(crate) inputs: Vec<Vec<StrId>>,
    /// Longest intermediate string kept (longer ones count as errors: they never help).
    pub(crate) max_str_chars: usize,
}

/// A candidate: a production and its arguments (only the first `arity` are meaningful).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub(crate) prod: u16,
    pub(crate) args: [Arg; 4],
}

/// A Str row result before interning.
enum SOut {
    Id(StrId),
    New(String),
    Err,
}

/// A candidate's values before interning.
enum NewVals {
    Str(Vec<SOut>),
    Int(Vec<i64>),
    Bool(Vec<u8>),
}

/// What one chunk of enumeration produced.
pub(crate) struct Chunk {
    /// Every candidate that evaluated without failing on all examples, with its cost and
    /// what the bank made of it.
    pub(crate) results: Vec<(Cand, u32, Inserted)>,
    /// Candidates evaluated.
    pub(crate) evaluated: u64,
    /// Whether the level is complete (the next chunk starts the next level).
    pub(crate) level_done: bool,
}

/// Where the generator is within a level.
#[derive(Default)]
struct LevelCursor {
    prod: usize,
    comps: Option<Vec<[u32; 4]>>,
    comp: usize,
    odo: [usize; 4],
    lens: [usize; 4],
    primed: bool,
}

/// One bottom-up enumeration: its bank, grammar and rows.
pub(crate) struct Enumerator {
    pub(crate) bank: Bank,
    pub(crate) grammar: Grammar,
    pub(crate) space: Space,
    /// The level being generated.
    pub(crate) level: u32,
    /// Whether `Var(0)` stands for `w` (a `map` body bank).
    bound_var: bool,
    cursor: LevelCursor,
}

/// What evaluating a candidate needs besides the enumerator.
pub(crate) struct Env<'a> {
    pub(crate) tables: &'a Tables,
    /// Materialised `map` bodies, by body-bank id.
    pub(crate) bodies: &'a [Option<Expr>],
    /// Worker threads for evaluation (`None`: the calling thread only).
    pub(crate) pool: Option<&'a rayon::ThreadPool>,
}

impl Enumerator {
    /// An enumerator with an empty bank.
    pub(crate) fn new(grammar: Grammar, space: Space, bound_var: bool) -> Enumerator {
        Enumerator {
            bank: Bank::new(space.n_examples),
            grammar,
            space,
            level: 1,
            bound_var,
            cursor: LevelCursor::default(),
        }
    }

    /// Adds the input columns (or `w`) as leaves.
    pub(crate) fn seed_vars(&mut self, cost: u32) -> Vec<(u32, Inserted)> {
        let mut out = Vec::new();
        for (col, values) in self.space.inputs.iter().enumerate() {
            let vals = Vals::Str(values.clone().into_boxed_slice());
            if (0..self.space.n_examples).all(|r| vals.is_err(r)) {
                continue;
            }
            let ins = self.bank.insert(Node::Var(col as u16), cost, vals);
            out.push((col as u32, ins));
        }
        out
    }

    /// Adds a string literal leaf.
    pub(crate) fn seed_str(&mut self, interner: &mut Interner, s: &str, cost: u32) -> Inserted {
        let id = interner.intern(s);
        let vals = Vals::Str(vec![id; self.space.n_rows].into_boxed_slice());
        self.bank.insert(Node::Str(id), cost, vals)
    }

    /// Adds an integer literal leaf.
    pub(crate) fn seed_int(&mut self, k: i64, cost: u32) -> Inserted {
        let vals = Vals::Int(vec![k; self.space.n_rows].into_boxed_slice());
        self.bank.insert(Node::Int(k), cost, vals)
    }

    /// Adds a truth-value leaf.
    pub(crate) fn seed_bool(&mut self, b: bool, cost: u32) -> Inserted {
        let vals = Vals::Bool(vec![b as u8; self.space.n_rows].into_boxed_slice());
        self.bank.insert(Node::Bool(b), cost, vals)
    }

    /// Generates, evaluates and inserts up to `max` candidates of the current level.
    pub(crate) fn next_chunk(
        &mut self,
        interner: &mut Interner,
        env: &Env<'_>,
        max: usize,
    ) -> Chunk {
        let mut buf = Vec::with_capacity(max.min(4096));
        let level_done = self.fill(&mut buf, max);
        let level = self.level;
        let evaluated = buf.len() as u64;
        let values: Vec<Option<NewVals>> = {
            let it: &Interner = interner;
            match env.pool {
                Some(pool) if buf.len() > 64 => {
                    let this = &*self;
                    pool.install(|| buf.par_iter().map(|c| this.eval(c, it, env)).collect())
                }
                _ => buf.iter().map(|c| self.eval(c, it, env)).collect(),
            }
        };
        let mut results = Vec::new();
        for (cand, nv) in buf.into_iter().zip(values) {
            if let Some(nv) = nv {
                let out = self.grammar.productions[cand.prod as usize].out;
                let node = Node::App(
                    self.grammar.productions[cand.prod as usize].op,
                    self.arity_args(&cand).into(),
                );
                let ins = self.insert_new(interner, node, level, nv, out);
                results.push((cand, level, ins));
            }
        }
        if level_done {
            self.level += 1;
            self.cursor = LevelCursor::default();
        }
        Chunk {
            results,
            evaluated,
            level_done,
        }
    }

    fn arity_args(&self, cand: &Cand) -> Vec<Arg> {
        let k = self.grammar.productions[cand.prod as usize].slots.len();
        cand.args[..k].to_vec()
    }

    fn insert_new(
        &mut self,
        interner: &mut Interner,
        node: Node,
        cost: u32,
        nv: NewVals,
        out: VType,
    ) -> Inserted {
        let ne = self.space.n_examples;
        match nv {
            NewVals::Int(v) => self.bank.insert(node, cost, Vals::Int(v.into())),
            NewVals::Bool(v) => self.bank.insert(node, cost, Vals::Bool(v.into())),
            NewVals::Str(rows) => {
                debug_assert_eq!(out, VType::Str);
                // Resolve what is already interned; a string never seen on an example row
                // proves the vector new, and otherwise a probe with placeholders for the
                // unlabeled rows (only their error pattern matters) finds duplicates
                // without interning strings that would be thrown away.
                let mut ids: Vec<StrId> = Vec::with_capacity(rows.len());
                let mut surely_new = false;
                for (r, o) in rows.iter().enumerate() {
                    let id = match o {
                        SOut::Id(id) => *id,
                        SOut::Err => STR_ERR,
                        SOut::New(s) => match interner.lookup(s) {
                            Some(id) => id,
                            None => {
                                if r < ne {
                                    surely_new = true;
                                }
                                0
                            }
                        },
                    };
                    ids.push(id);
                }
                if !surely_new {
                    let probe = Vals::Str(ids.clone().into());
                    if let Some(existing) = self.bank.find(&probe) {
                        return Inserted::Duplicate(existing);
                    }
                }
                for (r, o) in rows.into_iter().enumerate() {
                    if let SOut::New(s) = o {
                        ids[r] = interner.intern_owned(s);
                    }
                }
                self.bank.insert(node, cost, Vals::Str(ids.into()))
            }
        }
    }

    /// Fills `buf` with up to `max` candidates; true when the level is exhausted.
    fn fill(&mut self, buf: &mut Vec<Cand>, max: usize) -> bool {
        let g = &self.grammar;
        let bank = &self.bank;
        let cursor = &mut self.cursor;
        loop {
            if buf.len() >= max {
                return false;
            }
            if cursor.prod >= g.productions.len() {
                return true;
            }
            let p = &g.productions[cursor.prod];
            if cursor.comps.is_none() {
                cursor.comps = Some(compositions(g, cursor.prod, self.level));
                cursor.comp = 0;
                cursor.primed = false;
            }
            let n_comps = cursor.comps.as_ref().map_or(0, Vec::len);
            if cursor.comp >= n_comps {
                cursor.prod += 1;
                cursor.comps = None;
                continue;
            }
            let costs = cursor.comps.as_ref().map_or([0; 4], |c| c[cursor.comp]);
            let k = p.slots.len();
            if !cursor.primed {
                for (i, slot) in p.slots.iter().enumerate() {
                    cursor.lens[i] = g.domain_len(*slot, costs[i], bank);
                }
                let commutes = p.symmetry == Symmetry::CommutativeDistinct;
                if cursor.lens[..k].contains(&0) || (commutes && costs[0] > costs[1]) {
                    cursor.comp += 1;
                    continue;
                }
                cursor.odo = [0; 4];
                cursor.primed = true;
            }
            let mut args = [Arg::Id(0); 4];
            for (i, slot) in p.slots.iter().enumerate() {
                args[i] = g.domain_get(*slot, costs[i], cursor.odo[i], bank);
            }
            if !redundant(p.symmetry, &args, &costs) {
                buf.push(Cand {
                    prod: cursor.prod as u16,
                    args,
                });
            }
            // Advance the odometer, last slot fastest.
            let mut i = k;
            loop {
                if i == 0 {
                    cursor.comp += 1;
                    cursor.primed = false;
                    break;
                }
                i -= 1;
                cursor.odo[i] += 1;
                if cursor.odo[i] < cursor.lens[i] {
                    break;
                }
                cursor.odo[i] = 0;
            }
        }
    }

    fn tok(&self, a: Arg) -> &TokenClass {
        match a {
            Arg::Tok(i) => &self.grammar.toks[i as usize],
            _ => &TokenClass::Char,
        }
    }

    /// Evaluates a candidate on every row; `None` when it fails on every example.
    fn eval(&self, c: &Cand, it: &Interner, env: &Env<'_>) -> Option<NewVals> {
        let p = &self.grammar.productions[c.prod as usize];
        let a = c.args;
        let s = |i: usize, r: usize| -> Option<&str> {
            match a[i] {
                Arg::Id(id) => it.opt(self.bank.get(id).vals.strs()[r]),
                _ => None,
            }
        };
        let n = |i: usize, r: usize| -> Option<i64> {
            match a[i] {
                Arg::Id(id) => {
                    let v = self.bank.get(id).vals.ints()[r];
                    (v != INT_ERR).then_some(v)
                }
                _ => None,
            }
        };
        let b = |i: usize, r: usize| -> Option<bool> {
            match a[i] {
                Arg::Id(id) => {
                    let v = self.bank.get(id).vals.bools()[r];
                    (v != BOOL_ERR).then_some(v == 1)
                }
                _ => None,
            }
        };
        match (p.op, p.out) {
            (Op::Token, _) => {
                let t = self.tok(a[1]);
                self.strs(it, |r| {
                    let x = s(0, r)?;
                    tokens::nth(x, t, n(2, r)?).map(|m| Cow::Borrowed(m.text(x)))
                })
            }
            (Op::Sub, _) => self.strs(it, |r| {
                let x = s(0, r)?;
                ops::sub_range(x, n(1, r)?, n(2, r)?)
                    .ok()
                    .map(|rg| Cow::Borrowed(&x[rg]))
            }),
            (Op::Case, _) => {
                let Arg::Case(mode) = a[1] else { return None };
                self.strs(it, |r| Some(Cow::Owned(ops::case(s(0, r)?, mode))))
            }
            (Op::Trim, _) => self.strs(it, |r| {
                let x = s(0, r)?;
                Some(Cow::Borrowed(&x[ops::trim_range(x)]))
            }),
            (Op::CharAt, _) => self.strs(it, |r| {
                let x = s(0, r)?;
                ops::char_at_range(x, n(1, r)?)
                    .ok()
                    .map(|rg| Cow::Borrowed(&x[rg]))
            }),
            (Op::Concat, _) => self.strs(it, |r| {
                let (x, y) = (s(0, r)?, s(1, r)?);
                if x.is_empty() {
                    return Some(Cow::Borrowed(y));
                }
                if y.is_empty() {
                    return Some(Cow::Borrowed(x));
                }
                ops::concat(&[x, y]).ok().map(Cow::Owned)
            }),
            (Op::ToStr, _) => self.strs(it, |r| Some(Cow::Owned(ops::to_str(n(0, r)?)))),
            (Op::Replace, _) => {
                self.strs(it, |r| ops::replace_cow(s(0, r)?, s(1, r)?, s(2, r)?).ok())
            }
            (Op::ReplaceFirst, _) => self.strs(it, |r| {
                ops::replace_first_cow(s(0, r)?, s(1, r)?, s(2, r)?).ok()
            }),
            (Op::PadLeft, _) => {
                self.strs(it, |r| ops::pad_left_cow(s(0, r)?, n(1, r)?, s(2, r)?).ok())
            }
            (Op::Map, _) => {
                let Arg::Body(body) = a[2] else { return None };
                let body = env.bodies.get(body as usize)?.as_ref()?;
                let expr = Expr::App(
                    Op::Map,
                    vec![
                        Expr::Var(0),
                        Expr::Tok(self.tok(a[1]).clone()),
                        body.clone(),
                        Expr::Var(1),
                    ],
                );
                self.strs(it, |r| {
                    match gemfill_dsl::eval(&expr, &[s(0, r)?, s(3, r)?], env.tables) {
                        Ok(Value::Str(v)) => Some(Cow::Owned(v)),
                        _ => None,
                    }
                })
            }
            (Op::Lookup, _) => {
                let Arg::Table(t) = a[0] else { return None };
                let table = &self.grammar.tables[t as usize];
                self.strs(it, |r| {
                    ops::lookup_ref(table, s(1, r)?, env.tables)
                        .ok()
                        .map(Cow::Borrowed)
                })
            }
            (Op::Date, _) => {
                let (Arg::Fmt(f1), Arg::Fmt(f2)) = (a[1], a[2]) else {
                    return None;
                };
                if f1 == f2 {
                    return None;
                }
                self.strs(it, |r| ops::date(s(0, r)?, f1, f2).ok().map(Cow::Owned))
            }
            (Op::Number, _) => {
                let Arg::Fmt(f) = a[1] else { return None };
                self.strs(it, |r| ops::number(s(0, r)?, f).ok().map(Cow::Owned))
            }
            (Op::If, _) if self.constant_condition(a[0]) => None,
            (Op::If, VType::Str) => self.strs(it, |r| {
                if b(0, r)? { s(1, r) } else { s(2, r) }.map(Cow::Borrowed)
            }),
            (Op::Len, _) => self.ints(|r| Some(ops::len(s(0, r)?))),
            (Op::Start, _) => {
                let t = self.tok(a[1]);
                self.ints(|r| tokens::nth(s(0, r)?, t, n(2, r)?).map(|m| m.start as i64))
            }
            (Op::End, _) => {
                let t = self.tok(a[1]);
                self.ints(|r| tokens::nth(s(0, r)?, t, n(2, r)?).map(|m| m.end as i64))
            }
            (Op::Find, _) => self.ints(|r| ops::find(s(0, r)?, s(1, r)?, n(2, r)?).ok()),
            (Op::Pos, _) => {
                let (t1, t2) = (self.tok(a[1]), self.tok(a[2]));
                self.ints(|r| ops::pos(s(0, r)?, t1, t2, n(3, r)?).ok())
            }
            (Op::Plus, _) => self.ints(|r| ops::plus(n(0, r)?, n(1, r)?).ok()),
            (Op::Minus, _) => self.ints(|r| ops::minus(n(0, r)?, n(1, r)?).ok()),
            (Op::ToInt, _) => self.ints(|r| ops::to_int(s(0, r)?).ok()),
            (Op::If, VType::Int) => self.ints(|r| if b(0, r)? { n(1, r) } else { n(2, r) }),
            (Op::Contains, _) => self.bools(|r| Some(ops::contains(s(0, r)?, s(1, r)?))),
            (Op::StartsWith, _) => self.bools(|r| Some(ops::starts_with(s(0, r)?, s(1, r)?))),
            (Op::EndsWith, _) => self.bools(|r| Some(ops::ends_with(s(0, r)?, s(1, r)?))),
            (Op::Matches, _) => {
                let t = self.tok(a[1]);
                self.bools(|r| Some(ops::matches(s(0, r)?, t)))
            }
            (Op::IsEmpty, _) => self.bools(|r| Some(ops::is_empty(s(0, r)?))),
            (Op::Eq, _) => match p.slots[0] {
                crate::grammar::Slot::Val(VType::Int, _) => {
                    self.bools(|r| Some(n(0, r)? == n(1, r)?))
                }
                _ => self.bools(|r| {
                    // Interned strings are equal exactly when their ids are.
                    let (Arg::Id(x), Arg::Id(y)) = (a[0], a[1]) else {
                        return None;
                    };
                    let (x, y) = (
                        self.bank.get(x).vals.strs()[r],
                        self.bank.get(y).vals.strs()[r],
                    );
                    (x != STR_ERR && y != STR_ERR).then_some(x == y)
                }),
            },
            (Op::Not, _) => self.bools(|r| Some(!b(0, r)?)),
            (Op::If, VType::Bool) => self.bools(|r| if b(0, r)? { b(1, r) } else { b(2, r) }),
        }
    }

    /// Whether a condition has the same value on every row (then `if` is one branch).
    fn constant_condition(&self, a: Arg) -> bool {
        match a {
            Arg::Id(id) => {
                let v = self.bank.get(id).vals.bools();
                v.iter().all(|&x| x == v[0])
            }
            _ => true,
        }
    }

    fn strs<'a>(
        &self,
        it: &Interner,
        f: impl Fn(usize) -> Option<Cow<'a, str>>,
    ) -> Option<NewVals> {
        let mut out = Vec::with_capacity(self.space.n_rows);
        let mut ok = false;
        for r in 0..self.space.n_rows {
            let v = match f(r) {
                Some(s)
                    if s.len() > self.space.max_str_chars
                        && s.chars().count() > self.space.max_str_chars =>
                {
                    SOut::Err
                }
                Some(s) => match it.lookup(&s) {
                    Some(id) => SOut::Id(id),
                    None => SOut::New(s.into_owned()),
                },
                None => SOut::Err,
            };
            if r < self.space.n_examples && !matches!(v, SOut::Err) {
                ok = true;
            }
            if r + 1 == self.space.n_examples && !ok {
                return None;
            }
            out.push(v);
        }
        ok.then_some(NewVals::Str(out))
    }

    fn ints(&self, f: impl Fn(usize) -> Option<i64>) -> Option<NewVals> {
        let mut out = Vec::with_capacity(self.space.n_rows);
        let mut ok = false;
        for r in 0..self.space.n_rows {
            let v = f(r).filter(|&v| v != INT_ERR).unwrap_or(INT_ERR);
            if r < self.space.n_examples && v != INT_ERR {
                ok = true;
            }
            if r + 1 == self.space.n_examples && !ok {
                return None;
            }
            out.push(v);
        }
        ok.then_some(NewVals::Int(out))
    }

    fn bools(&self, f: impl Fn(usize) -> Option<bool>) -> Option<NewVals> {
        let mut out = Vec::with_capacity(self.space.n_rows);
        let mut ok = false;
        for r in 0..self.space.n_rows {
            let v = f(r).map_or(BOOL_ERR, |b| b as u8);
            if r < self.space.n_examples && v != BOOL_ERR {
                ok = true;
            }
            if r + 1 == self.space.n_examples && !ok {
                return None;
            }
            out.push(v);
        }
        ok.then_some(NewVals::Bool(out))
    }

    /// The expression of a bank entry.
    pub(crate) fn expr(&self, id: u32, it: &Interner, bodies: &[Option<Expr>]) -> Expr {
        match &self.bank.get(id).node {
            Node::Var(i) => {
                if self.bound_var {
                    Expr::Bound
                } else {
                    Expr::Var(*i as usize)
                }
            }
            Node::Str(s) => Expr::Str(it.get(*s).to_string()),
            Node::Int(k) => Expr::Int(*k),
            Node::Bool(b) => Expr::Bool(*b),
            Node::App(op, args) => self.app_expr(*op, args, it, bodies),
        }
    }

    /// The expression of a candidate (which may not be in the bank).
    pub(crate) fn cand_expr(&self, c: &Cand, it: &Interner, bodies: &[Option<Expr>]) -> Expr {
        let p = &self.grammar.productions[c.prod as usize];
        self.app_expr(p.op, &c.args[..p.slots.len()], it, bodies)
    }

    fn app_expr(&self, op: Op, args: &[Arg], it: &Interner, bodies: &[Option<Expr>]) -> Expr {
        let mut out = Vec::with_capacity(args.len());
        for &a in args {
            let e = match a {
                Arg::Id(id) => self.expr(id, it, bodies),
                Arg::Tok(i) => Expr::Tok(self.grammar.toks[i as usize].clone()),
                Arg::Case(m) => Expr::Case(m),
                Arg::Table(i) => Expr::Table(self.grammar.tables[i as usize].clone()),
                Arg::Fmt(f) => Expr::Fmt(f),
                Arg::Body(b) => bodies
                    .get(b as usize)
                    .cloned()
                    .flatten()
                    .unwrap_or(Expr::Bound),
            };
            // Nested binary concats print as one k-ary concat.
            match e {
                Expr::App(Op::Concat, inner) if op == Op::Concat => out.extend(inner),
                e => out.push(e),
            }
        }
        Expr::App(op, out)
    }
}

/// Whether a tuple is a redundant variant of another one.
fn redundant(sym: Symmetry, args: &[Arg; 4], costs: &[u32; 4]) -> bool {
    let id = |a: Arg| match a {
        Arg::Id(i) => i,
        _ => 0,
    };
    match sym {
        Symmetry::None => false,
        Symmetry::CommutativeDistinct => costs[0] == costs[1] && id(args[0]) >= id(args[1]),
        Symmetry::Distinct => args[0] == args[1],
        Symmetry::Branches => args[1] == args[2],
    }
}

/// Every way to give a production's slots costs that add up to `level - cost(op)`.
fn compositions(g: &Grammar, prod: usize, level: u32) -> Vec<[u32; 4]> {
    let p = &g.productions[prod];
    let mut out = Vec::new();
    if level <= p.cost {
        return out;
    }
    let budget = level - p.cost;
    let mut mins = [0u32; 4];
    let mut maxs = [0u32; 4];
    for (i, slot) in p.slots.iter().enumerate() {
        match g.min_cost(*slot) {
            Some(m) => mins[i] = m.max(1),
            None => return out,
        }
        maxs[i] = g.max_cost(*slot);
    }
    let k = p.slots.len();
    fn rec(
        i: usize,
        k: usize,
        left: u32,
        mins: &[u32; 4],
        maxs: &[u32; 4],
        cur: &mut [u32; 4],
        out: &mut Vec<[u32; 4]>,
    ) {
        if i + 1 == k {
            if left >= mins[i] && left <= maxs[i] {
                cur[i] = left;
                out.push(*cur);
            }
            return;
        }
        let rest_min: u32 = mins[i + 1..k].iter().sum();
        if left < rest_min {
            return;
        }
        let hi = maxs[i].min(left - rest_min);
        for c in mins[i]..=hi {
            cur[i] = c;
            rec(i + 1, k, left - c, mins, maxs, cur, out);
        }
    }
    if k == 0 {
        return out;
    }
    let mut cur = [0u32; 4];
    rec(0, k, budget, &mins, &maxs, &mut cur, &mut out);
    out
}
