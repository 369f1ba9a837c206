//! Grammar-constrained beam search over the decoder with its KV cache: at every step each
//! beam may only take tokens its [`GrammarState`] allows, so every finished beam is a
//! complete, well-typed program. The search is `gemfill_transformer::beam`'s skeleton;
//! `ProgramGrammar` is what this model puts into it.

use gemfill_dsl::{CheckContext, Example, Expr, Type, typecheck};
use gemfill_transformer::beam::{
    BeamOptions, CachedDecoder, Candidate, Constraint, Hypothesis, Move, beam_search as search,
};
use tch::Tensor;

use crate::grammar::GrammarState;
use crate::model::ProgramModel;
use crate::vocab::{ProgToken, ProgramVocab};

/// A finished beam.
#[derive(Clone, Debug, PartialEq)]
pub struct Beam {
    /// The program.
    pub expr: Expr,
    /// Its natural-log probability under the model (with the grammar's renormalisation).
    pub log_prob: f64,
}

/// A live beam: the tokens so far and the grammar's position after them.
#[derive(Clone)]
struct Partial {
    ids: Vec<u32>,
    state: GrammarState,
}

/// The constraint of this model's search: each beam takes only the tokens its grammar
/// state allows, scored by the model's probabilities renormalised over those tokens (masked
/// mass does not penalise a beam); its `width` best are candidates. Finished programs are
/// kept, best first, up to `width` of them; once that many are found, a candidate no better
/// than the worst of them ends the step.
struct ProgramGrammar<'a> {
    vocab: &'a ProgramVocab,
    eos: usize,
    width: usize,
    check: CheckContext,
    finished: Vec<Beam>,
}

impl Constraint for ProgramGrammar<'_> {
    type State = Partial;
    type Pending = ();

    fn expand(&self, live: &[Hypothesis<Partial>], log_probs: &Tensor) -> Vec<Candidate<()>> {
        let tokens = self.vocab.tokens();
        let rows: Vec<Vec<f32>> = Vec::<Vec<f32>>::try_from(log_probs).unwrap_or_default();
        let mut candidates = Vec::new();
        for (parent, (beam, row)) in live.iter().zip(&rows).enumerate() {
            let allowed: Vec<usize> = (0..tokens.len())
                .filter(|&t| beam.state.state.allows(&tokens[t]))
                .collect();
            let total = allowed
                .iter()
                .map(|&t| f64::from(row[t]).exp())
                .sum::<f64>()
                .max(1e-30)
                .ln();
            let mut scored: Vec<(usize, f64)> = allowed
                .iter()
                .map(|&t| (t, beam.log_prob + f64::from(row[t]) - total))
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
            candidates.extend(scored.into_iter().take(self.width).map(|(t, log_prob)| {
                let action = if t == self.eos {
                    Move::End(())
                } else {
                    Move::Extend {
                        token: t as i64,
                        pending: (),
                    }
                };
                Candidate {
                    parent,
                    log_prob,
                    action,
                }
            }));
        }
        candidates
    }

    fn extend(&self, parent: &Partial, token: i64, _: ()) -> Partial {
        let mut next = parent.clone();
        next.state.push(&self.vocab.tokens()[token as usize]);
        next.ids.push(token as u32);
        next
    }

    fn end(&mut self, parent: &Partial, _: (), log_prob: f64) {
        if let Some(expr) = self.vocab.decode(&parent.ids)
            && typecheck(&expr, &self.check).is_ok()
        {
            self.finished.push(Beam { expr, log_prob });
            self.finished
                .sort_by(|a, b| b.log_prob.total_cmp(&a.log_prob));
            self.finished.truncate(self.width);
        }
    }

    fn settled(&self, log_prob: f64, kept: usize) -> bool {
        kept >= self.width
            || (self.finished.len() >= self.width
                && self.finished.last().is_some_and(|f| f.log_prob >= log_prob))
    }

    fn satisfied(&self, _best_live: Option<f64>) -> bool {
        false
    }
}

/// Up to `width` programs returning `root` over `columns` input columns for these
/// examples, best first. `stop` is polled between steps (cancellation).
pub fn beam_search(
    model: &ProgramModel,
    examples: &[Example],
    columns: usize,
    root: Type,
    width: usize,
    stop: &dyn Fn() -> bool,
) -> Vec<Beam> {
    let _guard = tch::no_grad_guard();
    let vocab = model.programs();
    let id_of = |t: &ProgToken| i64::from(vocab.id(t).unwrap_or(0));
    let (bos, eos) = (id_of(&ProgToken::Bos), id_of(&ProgToken::Eos) as usize);
    let max_len = model.config().max_program_tokens;
    let mut constraint = ProgramGrammar {
        vocab,
        eos,
        width,
        check: CheckContext {
            num_inputs: Some(columns),
            user_tables: None,
        },
        finished: Vec::new(),
    };
    let root = Partial {
        ids: Vec::new(),
        state: GrammarState::new(root, columns, max_len),
    };
    if stop() {
        return Vec::new();
    }
    let encoded = model.encode_examples(&[examples]);
    let mut decoder = CachedDecoder::new(model.decoder(), model.prefix(&encoded));
    let first = decoder.feed(&Tensor::from_slice(&[bos]).view([1, 1]));
    // One step per token, and one more for the end of the longest program.
    let options = BeamOptions {
        width,
        max_steps: max_len + 1,
    };
    search(&mut decoder, first, root, &mut constraint, options, stop);
    constraint.finished
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelConfig;
    use gemfill_dsl::Program;

    #[test]
    fn every_finished_beam_of_an_untrained_model_parses_and_type_checks() {
        tch::manual_seed(11);
        let model = ProgramModel::new(ModelConfig::tiny(), tch::Device::Cpu).unwrap();
        let examples = vec![
            Example::new(["John Smith", "x"], "Smith, J."),
            Example::new(["Ada Lovelace", "y"], "Lovelace, A."),
        ];
        let beams = beam_search(&model, &examples, 2, Type::Str, 8, &|| false);
        assert!(!beams.is_empty());
        assert!(beams.windows(2).all(|w| w[0].log_prob >= w[1].log_prob));
        let ctx = CheckContext {
            num_inputs: Some(2),
            user_tables: None,
        };
        for b in &beams {
            let text = b.expr.to_string();
            let program = Program::parse_with(&text, &ctx)
                .unwrap_or_else(|e| panic!("{text} does not parse: {e:?}"));
            assert_eq!(program.expr(), &b.expr);
            assert!(b.log_prob <= 0.0);
        }
        // Cancellation stops the search before any beam finishes.
        assert!(beam_search(&model, &examples, 2, Type::Str, 8, &|| true).is_empty());
    }
}
