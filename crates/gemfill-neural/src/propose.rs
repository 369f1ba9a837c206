//! [`NeuralModel`]: a loaded [`ProgramModel`] as the search engine's [`Proposer`] and
//! [`Guide`], and [`synthesizer`], the one call that builds a [`Synthesizer`] for a
//! [`Mode`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use gemfill_dsl::{Expr, Type};
use gemfill_search::{
    Guide, Interrupt, LeafKind, Limits, Mode, Problem, ProductionWeights, Proposal, Proposer,
    Synthesizer,
};

use crate::Result;
use crate::beam::{Beam, beam_search};
use crate::model::ProgramModel;

/// The beam width used unless a caller asks for another.
pub const DEFAULT_BEAM: usize = 32;

/// Sets how many threads libtorch uses inside one operation. The CLI uses 1: this model's
/// operations are small, the search engine keeps the other cores busy, and on a shared
/// machine libtorch's threads lose much time spinning while they wait for each other
/// (measured: training ran 5x slower with 2 threads than with 1 on a loaded 2-core box).
pub fn set_torch_threads(threads: usize) {
    tch::set_num_threads(threads.max(1) as i32);
}

/// The directory of the default model shipped with the sources (`models/default`).
pub fn default_model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/default")
}

/// A trained model ready to propose and guide. Beam searches are serialised (libtorch
/// already uses every core for one) and the last one is remembered, so that the guide and
/// the proposer of one search share it.
pub struct NeuralModel {
    model: Mutex<ProgramModel>,
    last: Mutex<Option<(String, Vec<Beam>)>>,
    beam: usize,
}

impl std::fmt::Debug for NeuralModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NeuralModel")
            .field("beam", &self.beam)
            .finish()
    }
}

impl NeuralModel {
    /// Wraps a model.
    pub fn new(model: ProgramModel) -> NeuralModel {
        NeuralModel {
            model: Mutex::new(model),
            last: Mutex::new(None),
            beam: DEFAULT_BEAM,
        }
    }

    /// Loads a model directory written by `gemfill train`.
    pub fn load(dir: &Path) -> Result<NeuralModel> {
        Ok(NeuralModel::new(ProgramModel::load(dir)?))
    }

    /// Sets the beam width the guide uses (the proposer uses what the engine asks for).
    pub fn with_beam(mut self, beam: usize) -> NeuralModel {
        self.beam = beam.max(1);
        self
    }

    /// Programs for `problem`, best first (memoised for the last problem and width, unless
    /// `interrupt` cut the search short: a later caller may have more time).
    pub fn beams(&self, problem: &Problem, width: usize, interrupt: &Interrupt) -> Vec<Beam> {
        let key = format!("{width}\u{1}{:?}", problem.examples);
        if let Ok(last) = self.last.lock()
            && let Some((k, beams)) = last.as_ref()
            && *k == key
        {
            return beams.clone();
        }
        let root = match problem.output_type {
            Some(t @ (Type::Int | Type::Bool)) => t,
            _ => Type::Str,
        };
        let columns = problem.num_inputs().max(1);
        let beams = match self.model.lock() {
            Ok(model) => beam_search(&model, &problem.examples, columns, root, width, &|| {
                interrupt.is_due()
            }),
            Err(_) => Vec::new(),
        };
        if interrupt.is_due() {
            return beams;
        }
        if let Ok(mut last) = self.last.lock() {
            *last = Some((key, beams.clone()));
        }
        beams
    }
}

impl Proposer for NeuralModel {
    fn propose(&self, problem: &Problem, beam: usize, interrupt: &Interrupt) -> Vec<Proposal> {
        self.beams(problem, beam, interrupt)
            .into_iter()
            .map(|b| Proposal {
                expr: b.expr,
                log_prob: b.log_prob,
            })
            .collect()
    }

    fn name(&self) -> &str {
        "gemma-beam"
    }
}

impl Guide for NeuralModel {
    /// The expected share of the beams (weighted by probability) that uses each operator
    /// and leaf kind. A production the beams use becomes at most as costly as `-log2` of
    /// that share; the others keep their default weight, so that the model can only make
    /// productions cheaper, never hide one.
    fn production_log_probs(&self, problem: &Problem, interrupt: &Interrupt) -> ProductionWeights {
        let beams = self.beams(problem, self.beam, interrupt);
        let mut weights = ProductionWeights::default();
        if beams.is_empty() {
            return weights;
        }
        let max = beams
            .iter()
            .map(|b| b.log_prob)
            .fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = beams.iter().map(|b| (b.log_prob - max).exp()).sum();
        let mut ops: BTreeMap<gemfill_dsl::Op, f64> = BTreeMap::new();
        let mut leaves: BTreeMap<LeafKind, f64> = BTreeMap::new();
        for b in &beams {
            let share = (b.log_prob - max).exp() / total;
            let (mut used_ops, mut used_leaves) = (Vec::new(), Vec::new());
            productions(&b.expr, &mut used_ops, &mut used_leaves);
            used_ops.sort();
            used_ops.dedup();
            used_leaves.sort();
            used_leaves.dedup();
            for op in used_ops {
                *ops.entry(op).or_default() += share;
            }
            for leaf in used_leaves {
                *leaves.entry(leaf).or_default() += share;
            }
        }
        for (op, share) in ops {
            let entry = weights.ops.entry(op).or_insert(f64::NEG_INFINITY);
            *entry = entry.max(share.ln());
        }
        for (leaf, share) in leaves {
            let entry = weights.leaves.entry(leaf).or_insert(f64::NEG_INFINITY);
            *entry = entry.max(share.ln());
        }
        weights
    }
}

fn productions(e: &Expr, ops: &mut Vec<gemfill_dsl::Op>, leaves: &mut Vec<LeafKind>) {
    match e {
        Expr::App(op, args) => {
            ops.push(*op);
            args.iter().for_each(|a| productions(a, ops, leaves));
        }
        Expr::Tok(t) => leaves.push(LeafKind::Token(t.kind())),
        Expr::Case(m) => leaves.push(LeafKind::CaseMode(*m)),
        _ => {}
    }
}

/// A synthesizer for `mode`: enumerative ignores the model; neural uses only its
/// proposals; hybrid uses its proposals and its production probabilities.
pub fn synthesizer(model: &Arc<NeuralModel>, mode: Mode, limits: Limits) -> Synthesizer {
    let synth = Synthesizer::new(limits)
        .with_mode(mode)
        .with_beam(model.beam);
    match mode {
        Mode::Enumerative => synth,
        Mode::Neural => synth.with_proposer(model.clone()),
        Mode::Hybrid => synth.with_proposer(model.clone()).with_guide(model.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelConfig;
    use gemfill_dsl::Example;
    use gemfill_search::CancelToken;

    #[test]
    fn modes_decide_what_runs_and_guide_weights_only_lower_costs() {
        tch::manual_seed(5);
        let model = ProgramModel::new(ModelConfig::tiny(), tch::Device::Cpu).unwrap();
        let model = Arc::new(NeuralModel::new(model).with_beam(4));
        let problem = Problem::new(vec![Example::new(["a-b"], "b"), Example::new(["c-d"], "d")]);
        let weights = model.production_log_probs(&problem, &Interrupt::never());
        let defaults = ProductionWeights::default();
        for (op, lp) in &weights.ops {
            assert!(*lp >= defaults.ops[op], "{op} became less likely");
        }
        let cancel = CancelToken::new();
        let neural = synthesizer(&model, Mode::Neural, Limits::default()).run(&problem, &cancel);
        assert_eq!(neural.stats.candidates, 0, "neural mode never enumerates");
        assert!(neural.stats.proposals > 0);
        let enumerative =
            synthesizer(&model, Mode::Enumerative, Limits::default()).run(&problem, &cancel);
        assert_eq!(
            enumerative.stats.proposals, 0,
            "enumerative mode never asks the model"
        );
        assert!(!enumerative.programs.is_empty());
        let hybrid = synthesizer(&model, Mode::Hybrid, Limits::default()).run(&problem, &cancel);
        assert!(hybrid.stats.proposals > 0);
        assert!(
            !hybrid.programs.is_empty(),
            "enumeration covers what the model misses"
        );
    }
}
