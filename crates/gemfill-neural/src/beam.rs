//! Grammar-constrained beam search over the decoder with its KV cache: at every step each
//! beam may only take tokens its [`GrammarState`] allows, so every finished beam is a
//! complete, well-typed program.

use gemfill_dsl::{CheckContext, Example, Expr, Type, typecheck};
use tch::{Kind, Tensor};

use crate::grammar::GrammarState;
use crate::model::ProgramModel;
use crate::vocab::ProgToken;

/// A finished beam.
#[derive(Clone, Debug, PartialEq)]
pub struct Beam {
    /// The program.
    pub expr: Expr,
    /// Its natural-log probability under the model (with the grammar's renormalisation).
    pub log_prob: f64,
}

struct Live {
    ids: Vec<u32>,
    state: GrammarState,
    log_prob: f64,
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
    let tokens = vocab.tokens();
    let id_of = |t: &ProgToken| i64::from(vocab.id(t).unwrap_or(0));
    let (bos, eos) = (id_of(&ProgToken::Bos), id_of(&ProgToken::Eos) as usize);
    let max_len = model.config().max_program_tokens;
    let ctx = CheckContext {
        num_inputs: Some(columns),
        user_tables: None,
    };
    let encoded = model.encode_examples(&[examples]);
    let mut cache = model.prefix(&encoded);
    let mut live = vec![Live {
        ids: Vec::new(),
        state: GrammarState::new(root, columns, max_len),
        log_prob: 0.0,
    }];
    let mut finished: Vec<Beam> = Vec::new();
    let mut input = Tensor::from_slice(&[bos]).view([1, 1]);
    for _ in 0..=max_len {
        if live.is_empty() || stop() {
            break;
        }
        let logits = model.step(&input, &mut cache);
        let logp = logits.squeeze_dim(1).log_softmax(-1, Kind::Float);
        let rows: Vec<Vec<f32>> = Vec::<Vec<f32>>::try_from(&logp).unwrap_or_default();
        // Candidates (parent, token, score) among allowed tokens only, renormalised over
        // what the grammar allows so that masked mass does not penalise a beam.
        let mut candidates: Vec<(usize, usize, f64)> = Vec::new();
        for (parent, (beam, row)) in live.iter().zip(&rows).enumerate() {
            let allowed: Vec<usize> = (0..tokens.len())
                .filter(|&t| beam.state.allows(&tokens[t]))
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
            candidates.extend(scored.into_iter().take(width).map(|(t, s)| (parent, t, s)));
        }
        candidates.sort_by(|a, b| b.2.total_cmp(&a.2));
        let mut next: Vec<Live> = Vec::new();
        let mut parents: Vec<i64> = Vec::new();
        let mut inputs: Vec<i64> = Vec::new();
        for (parent, token, score) in candidates {
            if next.len() >= width {
                break;
            }
            if finished.len() >= width && finished.last().is_some_and(|f| f.log_prob >= score) {
                break;
            }
            let beam = &live[parent];
            if token == eos {
                if let Some(expr) = vocab.decode(&beam.ids)
                    && typecheck(&expr, &ctx).is_ok()
                {
                    finished.push(Beam {
                        expr,
                        log_prob: score,
                    });
                    finished.sort_by(|a, b| b.log_prob.total_cmp(&a.log_prob));
                    finished.truncate(width);
                }
                continue;
            }
            let mut state = beam.state.clone();
            state.push(&tokens[token]);
            let mut ids = beam.ids.clone();
            ids.push(token as u32);
            next.push(Live {
                ids,
                state,
                log_prob: score,
            });
            parents.push(parent as i64);
            inputs.push(token as i64);
        }
        if next.is_empty() {
            break;
        }
        cache = cache.select(&Tensor::from_slice(&parents));
        input = Tensor::from_slice(&inputs).view([-1, 1]);
        live = next;
    }
    finished
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
