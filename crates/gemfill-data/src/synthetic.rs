//! A seeded generator of synthetic synthesis tasks: random well-typed programs over every
//! operator of the language, run by the real interpreter on realistic random inputs (names,
//! dates, phone numbers, emails, addresses, codes, amounts, free text, non-ASCII text).
//!
//! Reproducible: the same seed gives the same tasks on every machine and build (the random
//! numbers come from SplitMix64 implemented here, not from a crate whose streams may change).
//! A task is kept only when its outputs are informative: every row evaluates without error,
//! the outputs are not all equal, no output is just an input copied, and no output is empty
//! or overly long. Pairs listed with [`Generator::exclude`] (e.g. every example of the
//! benchmark suites) are never produced.
//!
//! ```
//! use gemfill_data::synthetic::Generator;
//! let mut a = Generator::new(7);
//! let mut b = Generator::new(7);
//! let (ta, tb) = (a.task(), b.task());
//! assert_eq!(ta.task.examples, tb.task.examples);
//! assert_eq!(ta.program, tb.program);
//! ```
//!
//! The parts: [`Rng`] (the random numbers), `vocabulary` (the words inputs are made of),
//! `inputs` (realistic random inputs by kind), `programs` (random well-typed programs);
//! this module keeps the tasks whose outputs are informative and the training data built
//! from them.

mod inputs;
mod programs;
mod rng;
mod vocabulary;

use std::collections::HashSet;
use std::path::PathBuf;

use gemfill_dsl::{Example, Expr, Tables, Value, eval};

use crate::error::LoadError;
use crate::suite::load_suite;
use crate::task::Task;
use inputs::{DOMAINS_ALL, Domain, random_input};
use programs::{Ctx, gen_str};
pub use rng::Rng;

/// The version of the generator's distribution; bump it whenever tasks for a seed change.
pub const DATA_VERSION: &str = "synthetic-v1";

/// One generated task with the program that produced its outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Synthetic {
    /// The task: 4 examples and 3 held-out tests.
    pub task: Task,
    /// The program whose outputs the task holds.
    pub program: Expr,
}

/// How a program fares on a task: what the trainers' evaluations count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// It gives the output of every example.
    pub examples: bool,
    /// It gives the output of every example and every held-out test.
    pub all: bool,
}

impl Synthetic {
    /// Runs `program` on the task's examples, then on its held-out tests.
    pub fn verdict(&self, program: &Expr) -> Verdict {
        let tables = Tables::default();
        let passes = |rows: &[Example]| {
            rows.iter().all(|e| {
                eval(program, &e.input_refs(), &tables).is_ok_and(|v| v.to_string() == e.output)
            })
        };
        let examples = passes(&self.task.examples);
        Verdict {
            examples,
            all: examples && passes(&self.task.tests),
        }
    }
}

/// The seeded task generator.
#[derive(Clone, Debug)]
pub struct Generator {
    rng: Rng,
    excluded: HashSet<(Vec<String>, String)>,
    count: u64,
}

/// Examples given to the synthesizer per task.
pub const EXAMPLES: usize = 4;
/// Held-out rows per task.
pub const TESTS: usize = 3;

impl Generator {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            excluded: HashSet::new(),
            count: 0,
        }
    }

    /// Never produce a task containing one of these (inputs, output) pairs.
    pub fn exclude<I: IntoIterator<Item = Example>>(&mut self, examples: I) {
        self.excluded
            .extend(examples.into_iter().map(|e| (e.inputs, e.output)));
    }

    /// The next task (retries internally until one is informative).
    pub fn task(&mut self) -> Synthetic {
        loop {
            if let Some(t) = self.attempt() {
                self.count += 1;
                return t;
            }
        }
    }

    fn attempt(&mut self) -> Option<Synthetic> {
        let rng = &mut self.rng;
        let columns = if rng.chance(0.15) { 2 } else { 1 };
        let domains: Vec<Domain> = (0..columns).map(|_| *rng.pick(DOMAINS_ALL)).collect();
        let rows: Vec<Vec<String>> = (0..EXAMPLES + TESTS)
            .map(|_| domains.iter().map(|&d| random_input(rng, d)).collect())
            .collect();
        let mut chars: Vec<char> = rows
            .iter()
            .flatten()
            .flat_map(|s| s.chars())
            .filter(|c| !c.is_alphanumeric())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let ctx = Ctx {
            columns,
            domains,
            chars,
        };
        let program = gen_str(rng, &ctx, 3, false);
        let tables = Tables::default();
        let mut outputs = Vec::new();
        for row in &rows {
            let refs: Vec<&str> = row.iter().map(String::as_str).collect();
            match eval(&program, &refs, &tables) {
                Ok(Value::Str(s)) => outputs.push(s.to_string()),
                _ => return None,
            }
        }
        let distinct: HashSet<&String> = outputs.iter().collect();
        let informative = distinct.len() >= 3
            && outputs.iter().all(|o| {
                let n = o.chars().count();
                (1..=40).contains(&n)
            })
            && rows.iter().zip(&outputs).all(|(r, o)| !r.contains(o));
        if !informative {
            return None;
        }
        let examples: Vec<Example> = rows
            .into_iter()
            .zip(outputs)
            .map(|(inputs, output)| Example { inputs, output })
            .collect();
        if examples.iter().any(|e| {
            self.excluded
                .contains(&(e.inputs.clone(), e.output.clone()))
        }) {
            return None;
        }
        let mut task = Task::new(
            format!("synthetic/{}", self.count),
            examples[..EXAMPLES].to_vec(),
        );
        task.tests = examples[EXAMPLES..].to_vec();
        task.tags = vec!["synthetic".into()];
        Some(Synthetic { task, program })
    }
}

/// The tasks one training session draws: the fixed held-out evaluation set, and a stream
/// of training tasks that never repeats an example of it or of the benchmark suites
/// named (so that a trained model is never measured on what it was taught).
///
/// Both trainers (the small model's and the LoRA fine-tuning) build their data here, so
/// they hold out and exclude alike.
#[derive(Debug)]
pub struct TrainingData {
    /// The held-out set: the same tasks for every session with this seed.
    pub held_out: Vec<Synthetic>,
    /// The training tasks, continuing after those earlier sessions saw.
    pub generator: Generator,
    /// Rows of the excluded suites that hold no input/output example (so there was
    /// nothing to exclude); the caller reports them.
    pub skipped: Vec<LoadError>,
}

impl TrainingData {
    /// The data of a session with this `seed`, `held_out_tasks` evaluation tasks, after
    /// `tasks_seen` training tasks of earlier sessions, excluding every example of the
    /// suites at `exclude`. A suite that cannot be read is an error: training on without
    /// it could teach the benchmark's answers.
    pub fn new(
        seed: u64,
        held_out_tasks: usize,
        tasks_seen: u64,
        exclude: &[PathBuf],
    ) -> Result<TrainingData, LoadError> {
        let mut held_out_generator = Generator::new(seed.wrapping_add(HELD_OUT_SEED_OFFSET));
        let held_out: Vec<Synthetic> = (0..held_out_tasks)
            .map(|_| held_out_generator.task())
            .collect();
        let mut generator = Generator::new(seed.wrapping_add(tasks_seen));
        generator.exclude(held_out.iter().flat_map(|t| t.task.all_examples().cloned()));
        let mut skipped = Vec::new();
        for path in exclude {
            let (tasks, errors) = load_suite(path)?;
            skipped.extend(errors);
            generator.exclude(tasks.iter().flat_map(|t| t.all_examples().cloned()));
        }
        Ok(TrainingData {
            held_out,
            generator,
            skipped,
        })
    }
}

/// Added to a training seed to seed its held-out set (far from the training streams,
/// which start at the seed plus the number of tasks already seen).
const HELD_OUT_SEED_OFFSET: u64 = 1_000_003;

#[cfg(test)]
mod tests {
    use gemfill_dsl::Op;

    use super::*;

    #[test]
    fn tasks_are_reproducible_informative_and_cover_every_operator() {
        let mut g = Generator::new(42);
        let tasks: Vec<Synthetic> = (0..1500).map(|_| g.task()).collect();
        let again: Vec<Synthetic> = {
            let mut g = Generator::new(42);
            (0..20).map(|_| g.task()).collect()
        };
        assert_eq!(&tasks[..20], &again[..]);
        let mut ops = HashSet::new();
        fn collect(e: &Expr, ops: &mut HashSet<Op>) {
            if let Expr::App(op, args) = e {
                ops.insert(*op);
                args.iter().for_each(|a| collect(a, ops));
            }
        }
        let tables = Tables::default();
        for t in &tasks {
            collect(&t.program, &mut ops);
            assert_eq!(t.task.examples.len(), EXAMPLES);
            assert_eq!(t.task.tests.len(), TESTS);
            for e in t.task.all_examples() {
                let out = eval(&t.program, &e.input_refs(), &tables).unwrap();
                assert_eq!(out.to_string(), e.output);
            }
        }
        let missing: Vec<Op> = Op::ALL.into_iter().filter(|op| !ops.contains(op)).collect();
        assert!(missing.is_empty(), "operators never generated: {missing:?}");
        let non_ascii = tasks
            .iter()
            .filter(|t| t.task.examples.iter().any(|e| !e.inputs[0].is_ascii()))
            .count();
        assert!(
            non_ascii > 50,
            "only {non_ascii} tasks with non-ASCII inputs"
        );
    }

    #[test]
    fn excluded_pairs_never_appear() {
        let mut g = Generator::new(3);
        let first = g.task();
        let mut h = Generator::new(3);
        h.exclude(first.task.examples.clone());
        let other = h.task();
        assert_ne!(other.task.examples, first.task.examples);
    }

    #[test]
    fn training_data_holds_out_a_fixed_set_and_excludes_the_suites() {
        let dir =
            std::env::temp_dir().join(format!("gemfill-training-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let suite = dir.join("suite.jsonl");
        let held_out = TrainingData::new(9, 3, 0, &[]).unwrap().held_out;
        // A suite of one task from elsewhere, plus a row that is not a task.
        let elsewhere = Generator::new(12_345).task().task;
        let examples: Vec<serde_json::Value> = elsewhere
            .examples
            .iter()
            .map(|e| serde_json::json!({"inputs": e.inputs, "output": e.output}))
            .collect();
        let task = serde_json::json!({"name": "t", "examples": examples});
        std::fs::write(&suite, format!("{task}\nnot json\n")).unwrap();
        let later = TrainingData::new(9, 3, 500, &[suite]).unwrap();
        assert_eq!(later.held_out, held_out, "the held-out set does not move");
        assert_eq!(later.skipped.len(), 1, "{:?}", later.skipped);
        assert_eq!(later.skipped[0].line, Some(2));
        let pair = |e: &Example| (e.inputs.clone(), e.output.clone());
        let mut pairs: HashSet<_> = held_out
            .iter()
            .flat_map(|t| t.task.all_examples())
            .map(pair)
            .collect();
        pairs.extend(elsewhere.examples.iter().map(pair));
        assert_eq!(later.generator.excluded, pairs);
        let missing = dir.join("missing.jsonl");
        let err = TrainingData::new(9, 3, 0, &[missing]).unwrap_err();
        assert!(err.to_string().contains("missing.jsonl"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
