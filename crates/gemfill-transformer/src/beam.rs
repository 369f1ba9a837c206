//! Constrained beam search: the one skeleton both proposers run.
//!
//! A search keeps up to `width` live hypotheses. At each step the [`Step`] function gives
//! every live hypothesis its next-token log-probabilities; the [`Constraint`] turns them
//! into candidates (only continuations it allows, and endings where a hypothesis is
//! complete); the candidates are walked best first: endings are handed back to the
//! constraint, which keeps what it wants of them, and the best `width` continuations
//! become the next step's hypotheses. The decoder's KV cache follows the survivors, so a
//! step costs one batched forward pass of one token per hypothesis.
//!
//! What differs between the two proposers is all in the [`Constraint`]: which tokens may
//! follow (a grammar over program tokens, or a prefix parser over Gemma's subwords), how
//! scores are formed, when a step's walk may stop early ([`Constraint::settled`]) and when
//! the whole search has found enough ([`Constraint::satisfied`]).

use tch::{Kind, Tensor};

use crate::{Gemma, KvCache};

/// One live hypothesis: what the constraint knows about it, and its log-probability.
#[derive(Clone, Debug)]
pub struct Hypothesis<S> {
    /// The constraint's state (the text or tokens so far, the parser's position).
    pub state: S,
    /// Natural-log probability of the tokens taken so far.
    pub log_prob: f64,
}

/// What taking a candidate does.
#[derive(Debug)]
pub enum Move<P> {
    /// Append `token` and go on; `pending` is what the constraint worked out while
    /// expanding (handed back to [`Constraint::extend`]).
    Extend {
        /// The token fed to the decoder.
        token: i64,
        /// The constraint's own data about the move.
        pending: P,
    },
    /// End the hypothesis here (handed back to [`Constraint::end`]).
    End(P),
}

/// A way to go on from one live hypothesis.
#[derive(Debug)]
pub struct Candidate<P> {
    /// Index of the hypothesis it continues.
    pub parent: usize,
    /// The log-probability the hypothesis would have after it.
    pub log_prob: f64,
    /// What it does.
    pub action: Move<P>,
}

/// What a search looks for: which tokens may follow a hypothesis, and what to keep.
pub trait Constraint {
    /// What the constraint tracks per live hypothesis.
    type State;
    /// What it works out about a candidate while expanding, for when it is taken.
    type Pending;

    /// The candidates of every live hypothesis, given the next-token log-probabilities
    /// `[live.len(), V]` (row `r` belongs to `live[r]`), in any order.
    fn expand(
        &self,
        live: &[Hypothesis<Self::State>],
        log_probs: &Tensor,
    ) -> Vec<Candidate<Self::Pending>>;

    /// The state after `parent` takes `token`.
    fn extend(&self, parent: &Self::State, token: i64, pending: Self::Pending) -> Self::State;

    /// `parent` ends with this log-probability: keep its result if it is one.
    fn end(&mut self, parent: &Self::State, pending: Self::Pending, log_prob: f64);

    /// Whether no candidate of this log-probability or less can change the outcome, once
    /// `kept` continuations are taken: the walk over a step's candidates (best first)
    /// stops there.
    fn settled(&self, log_prob: f64, kept: usize) -> bool;

    /// Whether the search has found what it needs, given the log-probability of the best
    /// hypothesis still live (`None`: none is).
    fn satisfied(&self, best_live: Option<f64>) -> bool;
}

/// The step function: next-token log-probabilities for a batch of hypotheses.
pub trait Step {
    /// Keeps the rows `parents` of the batch (in that order, repeats allowed), appends
    /// `tokens` (one per kept row) and returns the log-probabilities of the token after
    /// them, `[rows, V]` float32.
    fn advance(&mut self, parents: &[i64], tokens: &[i64]) -> Tensor;
}

/// A decoder continuing what its KV cache holds: the step function of both proposers.
#[derive(Debug)]
pub struct CachedDecoder<'a> {
    model: &'a Gemma,
    cache: KvCache,
}

impl<'a> CachedDecoder<'a> {
    /// `model` after what `cache` holds.
    pub fn new(model: &'a Gemma, cache: KvCache) -> CachedDecoder<'a> {
        CachedDecoder { model, cache }
    }

    /// Runs `tokens` (`[B, T]` Int64) after the cache and returns the log-probabilities
    /// of the token after the last position, `[B, V]` (how a search starts).
    pub fn feed(&mut self, tokens: &Tensor) -> Tensor {
        let device = self.model.embed_tokens.ws.device();
        let logits = self
            .model
            .forward(&tokens.to_device(device), &mut self.cache);
        next_token_log_probs(&logits)
    }

    /// The cache (the prompt's, once fed).
    pub fn cache(&self) -> &KvCache {
        &self.cache
    }
}

impl Step for CachedDecoder<'_> {
    fn advance(&mut self, parents: &[i64], tokens: &[i64]) -> Tensor {
        let device = self.model.embed_tokens.ws.device();
        self.cache = self
            .cache
            .select(&Tensor::from_slice(parents).to_device(device));
        self.feed(&Tensor::from_slice(tokens).view([tokens.len() as i64, 1]))
    }
}

/// Log-probabilities of the token after the last position of logits `[B, T, V]`.
pub fn next_token_log_probs(logits: &Tensor) -> Tensor {
    logits.select(1, -1).log_softmax(-1, Kind::Float)
}

/// How wide and how long a search may go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeamOptions {
    /// Live hypotheses kept at each step.
    pub width: usize,
    /// Steps (tokens per hypothesis) at most.
    pub max_steps: usize,
}

/// The work a search did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BeamStats {
    /// Forward passes after the first.
    pub steps: usize,
    /// Tokens fed to the decoder in them (one per hypothesis and step).
    pub tokens: usize,
}

/// Runs a search from `root`, whose next-token log-probabilities `[1, V]` are `first`,
/// until no hypothesis is live, the constraint is satisfied, `max_steps` steps are done,
/// or `stop` (polled before every step) says so. Results go to the constraint.
pub fn beam_search<C: Constraint>(
    step: &mut dyn Step,
    first: Tensor,
    root: C::State,
    constraint: &mut C,
    options: BeamOptions,
    stop: &dyn Fn() -> bool,
) -> BeamStats {
    let _guard = tch::no_grad_guard();
    let mut live = vec![Hypothesis {
        state: root,
        log_prob: 0.0,
    }];
    let mut log_probs = first;
    let mut stats = BeamStats::default();
    for _ in 0..options.max_steps {
        if live.is_empty() || stop() {
            break;
        }
        let mut candidates = constraint.expand(&live, &log_probs);
        candidates.sort_by(|a, b| b.log_prob.total_cmp(&a.log_prob));
        let mut next: Vec<(i64, i64, Hypothesis<C::State>)> = Vec::new();
        for candidate in candidates {
            if constraint.settled(candidate.log_prob, next.len()) {
                break;
            }
            let parent = &live[candidate.parent].state;
            match candidate.action {
                Move::End(pending) => constraint.end(parent, pending, candidate.log_prob),
                Move::Extend { token, pending } if next.len() < options.width => {
                    let state = constraint.extend(parent, token, pending);
                    let hypothesis = Hypothesis {
                        state,
                        log_prob: candidate.log_prob,
                    };
                    next.push((candidate.parent as i64, token, hypothesis));
                }
                Move::Extend { .. } => {}
            }
        }
        if next.is_empty() || constraint.satisfied(next.first().map(|(_, _, h)| h.log_prob)) {
            break;
        }
        let parents: Vec<i64> = next.iter().map(|(parent, _, _)| *parent).collect();
        let tokens: Vec<i64> = next.iter().map(|(_, token, _)| *token).collect();
        log_probs = step.advance(&parents, &tokens);
        stats.steps += 1;
        stats.tokens += tokens.len();
        live = next.into_iter().map(|(_, _, h)| h).collect();
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy step function: the same distribution for every row, whatever was taken.
    struct Fixed(Vec<f32>);

    impl Step for Fixed {
        fn advance(&mut self, parents: &[i64], _tokens: &[i64]) -> Tensor {
            Tensor::from_slice(&self.0)
                .log_softmax(-1, Kind::Float)
                .unsqueeze(0)
                .repeat([parents.len() as i64, 1])
        }
    }

    /// Strings over tokens 0..4 of length 3 in which no token repeats the one before;
    /// token 3 ends a string.
    #[derive(Default)]
    struct NoRepeats {
        found: Vec<(Vec<i64>, f64)>,
    }

    impl Constraint for NoRepeats {
        type State = Vec<i64>;
        type Pending = ();

        fn expand(&self, live: &[Hypothesis<Vec<i64>>], log_probs: &Tensor) -> Vec<Candidate<()>> {
            let rows = Vec::<Vec<f32>>::try_from(log_probs).unwrap();
            let mut out = Vec::new();
            for (parent, (h, row)) in live.iter().zip(&rows).enumerate() {
                for (token, &lp) in row.iter().enumerate() {
                    let token = token as i64;
                    if h.state.last() == Some(&token) {
                        continue;
                    }
                    let action = if token == 3 {
                        Move::End(())
                    } else {
                        Move::Extend { token, pending: () }
                    };
                    out.push(Candidate {
                        parent,
                        log_prob: h.log_prob + f64::from(lp),
                        action,
                    });
                }
            }
            out
        }

        fn extend(&self, parent: &Vec<i64>, token: i64, _: ()) -> Vec<i64> {
            let mut ids = parent.clone();
            ids.push(token);
            ids
        }

        fn end(&mut self, parent: &Vec<i64>, _: (), log_prob: f64) {
            if parent.len() == 3 {
                self.found.push((parent.clone(), log_prob));
            }
        }

        fn settled(&self, _: f64, _: usize) -> bool {
            false
        }

        fn satisfied(&self, _: Option<f64>) -> bool {
            self.found.len() >= 2
        }
    }

    #[test]
    fn the_best_constrained_strings_end_the_search() {
        let mut step = Fixed(vec![2.0, 1.0, 0.5, 1.5]);
        let first = step.advance(&[0], &[]);
        let mut constraint = NoRepeats::default();
        let options = BeamOptions {
            width: 3,
            max_steps: 10,
        };
        let stats = beam_search(
            &mut step,
            first,
            Vec::new(),
            &mut constraint,
            options,
            &|| false,
        );
        // The walk hands every ending of the last step over, best first; the first is the
        // most likely string the constraint allows.
        let found = &constraint.found;
        assert!(found.len() >= 2, "{found:?}");
        assert_eq!(found[0].0, vec![0, 1, 0]);
        assert!(found.windows(2).all(|w| w[0].1 >= w[1].1));
        for (ids, _) in found {
            assert!(
                ids.len() == 3 && ids.windows(2).all(|w| w[0] != w[1]),
                "{ids:?}"
            );
        }
        assert_eq!(stats.steps, 3);
        assert!(stats.tokens <= 3 * 3);
        // A search told to stop takes no step.
        let mut quiet = NoRepeats::default();
        let first = step.advance(&[0], &[]);
        let stats = beam_search(&mut step, first, Vec::new(), &mut quiet, options, &|| true);
        assert_eq!((stats, quiet.found.len()), (BeamStats::default(), 0));
    }
}
