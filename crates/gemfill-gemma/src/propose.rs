//! [`GemmaProposer`]: a Gemma checkpoint as the search engine's [`Proposer`].
//!
//! The task becomes a text prompt ([`crate::prompt`]); the checkpoint continues it under
//! the language's grammar. At each step every live hypothesis looks at its next tokens in
//! descending probability and keeps those whose text, appended to the program so far, is
//! still a valid program prefix ([`gemfill_dsl::prefix`]): no scan of the 262k-token
//! vocabulary, and every finished program parses and type-checks. A hypothesis ends with
//! a token containing a newline (or `<eos>`) only when its program is complete.
//!
//! Search is a small beam (width [`DEFAULT_WIDTH`]) rather than greedy decoding with
//! alternatives: one batched forward pass per step serves every hypothesis, so four
//! beams cost little more than one on a CPU, and every hypothesis that completes along
//! the way (not only the final beam) becomes a proposal, so one search yields several
//! programs that differ where the model was unsure. The prompt is run once; the beams
//! start from copies of its KV cache. The few-shot header shared by every task is run
//! once per proposer and its cache reused for every task. The search is
//! `gemfill_transformer::beam`'s skeleton; `ProgramPrefix` is what this proposer puts
//! into it.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Instant;

use gemfill_dsl::{CheckContext, PrefixContext, PrefixParser, PrefixStatus, Program, Type};
use gemfill_search::{Interrupt, Problem, Proposal, Proposer};
use gemfill_transformer::KvCache;
use gemfill_transformer::beam::{
    BeamOptions, CachedDecoder, Candidate, Constraint, Hypothesis, Move, beam_search,
};
use tch::Tensor;

use crate::checkpoint::GemmaCheckpoint;
use crate::error::{GemmaError, Result};
use crate::prompt::{PROGRAM_CUE, PromptStyle, task_prompt};

/// Beams kept at each step.
pub const DEFAULT_WIDTH: usize = 4;

/// Tokens a program may take before its hypothesis is dropped.
pub const DEFAULT_MAX_TOKENS: usize = 96;

/// Candidate tokens looked at per hypothesis and step (best first) before giving up on it.
const CANDIDATES: i64 = 1024;

/// How much less likely (in nats) than the best finished program a live hypothesis may
/// be before the search stops once it has a beam's worth of programs (e^8: ~3000 times).
const PRUNE_NATS: f64 = 8.0;

/// Most proposals one search returns.
const MAX_PROPOSALS: usize = 16;

/// What a vocabulary entry does to a program.
#[derive(Clone, Debug)]
enum Piece {
    /// Never part of a program (control tokens, partial UTF-8 bytes).
    Skip,
    /// Ends the answer (`<eos>`, `<end_of_turn>`).
    End,
    /// Appends this text.
    Text(Box<str>),
}

/// Time and tokens spent by the proposer so far (all searches together).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DecodeStats {
    /// Searches run.
    pub searches: usize,
    /// Prompt tokens run through the model (the cached few-shot header not counted again).
    pub prompt_tokens: usize,
    /// Seconds spent on prompts.
    pub prompt_seconds: f64,
    /// Tokens decoded (one per hypothesis and step).
    pub decoded_tokens: usize,
    /// Decoding steps (batched forward passes).
    pub steps: usize,
    /// Seconds spent decoding.
    pub decode_seconds: f64,
    /// Searches in which the model failed (they gave no proposals; the first failure is
    /// kept, see [`GemmaProposer::take_first_failure`]).
    pub failures: usize,
}

impl DecodeStats {
    /// Decoded tokens per second (every hypothesis of a batched step counts).
    pub fn tokens_per_second(&self) -> f64 {
        if self.decode_seconds > 0.0 {
            self.decoded_tokens as f64 / self.decode_seconds
        } else {
            0.0
        }
    }

    /// Prompt tokens per second.
    pub fn prompt_tokens_per_second(&self) -> f64 {
        if self.prompt_seconds > 0.0 {
            self.prompt_tokens as f64 / self.prompt_seconds
        } else {
            0.0
        }
    }
}

/// The model and the few-shot header's cache, used by one search at a time.
struct State {
    checkpoint: GemmaCheckpoint,
    /// Ids of the few-shot header (`<bos>` first) and their KV cache, once computed.
    header: Option<(Vec<u32>, KvCache)>,
}

/// A Gemma checkpoint proposing programs (see the module documentation).
pub struct GemmaProposer {
    state: Mutex<State>,
    pieces: Vec<Piece>,
    style: PromptStyle,
    width: usize,
    max_tokens: usize,
    name: String,
    stats: Mutex<DecodeStats>,
    first_failure: Mutex<Option<GemmaError>>,
}

impl std::fmt::Debug for GemmaProposer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GemmaProposer")
            .field("name", &self.name)
            .field("style", &self.style)
            .field("width", &self.width)
            .field("max_tokens", &self.max_tokens)
            .finish()
    }
}

/// The text a vocabulary entry adds, from its stored spelling.
fn piece_text(piece: &str) -> Piece {
    if let Some(hex) = piece
        .strip_prefix("<0x")
        .and_then(|rest| rest.strip_suffix('>'))
    {
        // Byte-fallback tokens: an ASCII byte is its character; a byte of a longer UTF-8
        // sequence cannot be checked on its own, so programs do without it (the
        // vocabulary spells common non-ASCII characters whole).
        return match u8::from_str_radix(hex, 16) {
            Ok(byte) if byte.is_ascii() => Piece::Text((byte as char).to_string().into()),
            _ => Piece::Skip,
        };
    }
    Piece::Text(piece.replace(crate::tokenizer::SPACE_MARK, " ").into())
}

fn ids_tensor(rows: &[u32], device: tch::Device) -> Tensor {
    let ids: Vec<i64> = rows.iter().map(|&id| i64::from(id)).collect();
    Tensor::from_slice(&ids)
        .view([rows.len() as i64, 1])
        .to_device(device)
}

/// Programs finished so far, each once (with its best log-probability).
struct Finished<'a> {
    check: &'a CheckContext,
    answer: &'a [Type],
    programs: Vec<Proposal>,
}

impl Finished<'_> {
    fn len(&self) -> usize {
        self.programs.len()
    }

    fn best(&self) -> f64 {
        self.programs
            .iter()
            .map(|p| p.log_prob)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Adds a hypothesis whose text the prefix checker found complete. Parsing gives the
    /// tree, and keeps anything that somehow is not a program out of the engine.
    fn add(&mut self, text: &str, log_prob: f64) {
        let Ok(program) = Program::parse_with(text, self.check) else {
            return;
        };
        if !self.answer.contains(&program.ty()) {
            return;
        }
        let expr = program.into_expr();
        match self.programs.iter_mut().find(|p| p.expr == expr) {
            Some(known) => known.log_prob = known.log_prob.max(log_prob),
            None => self.programs.push(Proposal { expr, log_prob }),
        }
    }
}

/// A live hypothesis: the program text so far and its parser state.
#[derive(Clone)]
struct Partial {
    text: String,
    parser: PrefixParser,
}

/// The constraint of this proposer's search. Each hypothesis looks at its next tokens in
/// descending probability and keeps its `width` best continuations whose text is still a
/// valid program prefix; a token holding a newline, or an end token, ends a hypothesis
/// whose program is complete. Every program that ends is kept. The search has enough once
/// `wanted` programs are found, or a beam's worth and the best live hypothesis is far less
/// likely than the best of them.
struct ProgramPrefix<'a> {
    pieces: &'a [Piece],
    width: usize,
    wanted: usize,
    finished: Finished<'a>,
}

impl Constraint for ProgramPrefix<'_> {
    type State = Partial;
    type Pending = Partial;

    fn expand(&self, live: &[Hypothesis<Partial>], log_probs: &Tensor) -> Vec<Candidate<Partial>> {
        let k = CANDIDATES.min(log_probs.size()[1]);
        let (values, indices) = log_probs.topk(k, -1, true, true);
        let (Ok(values), Ok(indices)) = (
            Vec::<f32>::try_from(values.flatten(0, -1)),
            Vec::<i64>::try_from(indices.flatten(0, -1)),
        ) else {
            return Vec::new();
        };
        let mut candidates = Vec::new();
        for (parent, beam) in live.iter().enumerate() {
            let complete = beam.state.parser.status() == PrefixStatus::Complete;
            let mut kept = 0;
            let start = parent * k as usize;
            for (&lp, &id) in values[start..start + k as usize]
                .iter()
                .zip(&indices[start..start + k as usize])
            {
                if kept >= self.width {
                    break;
                }
                let log_prob = beam.log_prob + f64::from(lp);
                let Some(piece) = usize::try_from(id).ok().and_then(|i| self.pieces.get(i)) else {
                    continue;
                };
                let text = match piece {
                    Piece::Skip => continue,
                    Piece::End if complete => {
                        let action = Move::End(beam.state.clone());
                        candidates.push(Candidate {
                            parent,
                            log_prob,
                            action,
                        });
                        continue;
                    }
                    Piece::End => continue,
                    Piece::Text(text) => text,
                };
                let (head, ends) = match text.find('\n') {
                    Some(at) => (&text[..at], true),
                    None => (&text[..], false),
                };
                let mut parser = beam.state.parser.clone();
                if !parser.push_str(head) {
                    continue;
                }
                let next = Partial {
                    text: format!("{}{head}", beam.state.text),
                    parser,
                };
                let action = if ends {
                    if next.parser.status() != PrefixStatus::Complete {
                        continue;
                    }
                    Move::End(next)
                } else if head.trim().is_empty() && beam.state.text.ends_with(char::is_whitespace) {
                    // White space after white space changes nothing; refusing it keeps
                    // hypotheses from idling.
                    continue;
                } else {
                    kept += 1;
                    Move::Extend {
                        token: id,
                        pending: next,
                    }
                };
                candidates.push(Candidate {
                    parent,
                    log_prob,
                    action,
                });
            }
        }
        candidates
    }

    fn extend(&self, _parent: &Partial, _token: i64, next: Partial) -> Partial {
        next
    }

    fn end(&mut self, _parent: &Partial, program: Partial, log_prob: f64) {
        self.finished.add(&program.text, log_prob);
    }

    fn settled(&self, _log_prob: f64, _kept: usize) -> bool {
        false
    }

    fn satisfied(&self, best_live: Option<f64>) -> bool {
        // A hypothesis only loses probability as it grows: once a beam's worth of programs
        // is finished and the best live hypothesis is far less likely than the best of
        // them, further programs would rank last anyway.
        let best_finished = self.finished.best();
        let hopeless = best_live.is_none_or(|live| live < best_finished - PRUNE_NATS);
        self.finished.len() >= self.wanted || (self.finished.len() >= self.width && hopeless)
    }
}

impl GemmaProposer {
    /// Wraps a loaded checkpoint. `style` must match how the checkpoint was prepared:
    /// [`PromptStyle::FewShot`] for a released (base) checkpoint, [`PromptStyle::Plain`]
    /// for one fine-tuned on plain prompts.
    pub fn new(checkpoint: GemmaCheckpoint, style: PromptStyle) -> GemmaProposer {
        let tokenizer = &checkpoint.tokenizer;
        let stops = checkpoint.stop_ids();
        let special: HashSet<u32> = tokenizer
            .inner()
            .get_added_tokens_decoder()
            .iter()
            .filter(|(_, token)| token.special)
            .map(|(&id, _)| id)
            .collect();
        let unknown = tokenizer.inner().token_to_id("<unk>");
        let pieces = (0..tokenizer.vocab_size() as u32)
            .map(|id| {
                if stops.contains(&id) {
                    Piece::End
                } else if special.contains(&id) || Some(id) == unknown {
                    Piece::Skip
                } else {
                    tokenizer.piece(id).map_or(Piece::Skip, |p| piece_text(&p))
                }
            })
            .collect();
        let name = match style {
            PromptStyle::FewShot => "gemma3-270m",
            PromptStyle::Plain => "gemma3-270m-tuned",
        };
        GemmaProposer {
            state: Mutex::new(State {
                checkpoint,
                header: None,
            }),
            pieces,
            style,
            width: DEFAULT_WIDTH,
            max_tokens: DEFAULT_MAX_TOKENS,
            name: name.to_string(),
            stats: Mutex::new(DecodeStats::default()),
            first_failure: Mutex::new(None),
        }
    }

    /// Sets the beam width (at least 1).
    pub fn with_width(mut self, width: usize) -> GemmaProposer {
        self.width = width.max(1);
        self
    }

    /// Sets how many tokens a program may take (at least 1).
    pub fn with_max_tokens(mut self, max_tokens: usize) -> GemmaProposer {
        self.max_tokens = max_tokens.max(1);
        self
    }

    /// Sets the name reports show.
    pub fn with_name(mut self, name: impl Into<String>) -> GemmaProposer {
        self.name = name.into();
        self
    }

    /// Seconds the checkpoint took to load.
    pub fn load_seconds(&self) -> f64 {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .checkpoint
            .load_seconds
    }

    /// Time and tokens spent so far.
    pub fn stats(&self) -> DecodeStats {
        *self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Programs for `problem`, best first: at most `wanted` of them, each of which parses
    /// and type-checks for the problem's columns, tables and answer types. Stops early
    /// (returning what it has) once `stop` says so.
    pub fn programs(
        &self,
        problem: &Problem,
        wanted: usize,
        stop: &dyn Fn() -> bool,
    ) -> Result<Vec<Proposal>> {
        // A panic elsewhere while holding the lock leaves nothing half-done here (the
        // cache is rebuilt per search), so a poisoned lock is still usable.
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        if stop() {
            return Ok(Vec::new());
        }
        let started = Instant::now();
        let (mut decoder, first, prompt_tokens) = self.prompt(state, problem)?;
        let prompt_seconds = started.elapsed().as_secs_f64();
        let ctx = PrefixContext {
            columns: problem.num_inputs(),
            outputs: problem.answer_types(),
            user_tables: Some(problem.tables.names().map(str::to_string).collect()),
        };
        let check = CheckContext {
            num_inputs: Some(ctx.columns),
            user_tables: ctx.user_tables.clone(),
        };
        let answer = ctx.outputs.clone();
        let root = Partial {
            text: String::new(),
            parser: PrefixParser::new(std::sync::Arc::new(ctx)),
        };
        let decode_started = Instant::now();
        let mut constraint = ProgramPrefix {
            pieces: &self.pieces,
            width: self.width,
            wanted: wanted.clamp(1, MAX_PROPOSALS),
            finished: Finished {
                check: &check,
                answer: &answer,
                programs: Vec::new(),
            },
        };
        let options = BeamOptions {
            width: self.width,
            max_steps: self.max_tokens,
        };
        let done = beam_search(&mut decoder, first, root, &mut constraint, options, stop);
        let mut stats = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        stats.searches += 1;
        stats.prompt_tokens += prompt_tokens;
        stats.prompt_seconds += prompt_seconds;
        stats.steps += done.steps;
        stats.decoded_tokens += done.tokens;
        stats.decode_seconds += decode_started.elapsed().as_secs_f64();
        drop(stats);

        let mut proposals = constraint.finished.programs;
        proposals.sort_by(|a, b| b.log_prob.total_cmp(&a.log_prob));
        proposals.truncate(wanted.max(1));
        Ok(proposals)
    }

    /// Runs the prompt: the decoder with the prompt's KV cache (one row), the
    /// log-probabilities of the token after it (`[1, V]`) and how many tokens were run.
    fn prompt<'s>(
        &self,
        state: &'s mut State,
        problem: &Problem,
    ) -> Result<(CachedDecoder<'s>, Tensor, usize)> {
        let checkpoint = &state.checkpoint;
        let device = checkpoint.vars.device();
        let prompt = task_prompt(&problem.examples, self.style);
        let ids = checkpoint.tokenizer.encode(&prompt)?;
        let mut run = 0;
        if self.style == PromptStyle::FewShot && state.header.is_none() {
            let header = task_prompt(&[], self.style);
            let header = header.strip_suffix(PROGRAM_CUE).unwrap_or(&header);
            let header_ids = checkpoint.tokenizer.encode(header)?;
            let mut cache = checkpoint.model.new_cache();
            tch::no_grad(|| {
                let _ = checkpoint
                    .model
                    .forward(&ids_tensor(&header_ids, device).view([1, -1]), &mut cache);
            });
            run += header_ids.len();
            state.header = Some((header_ids, cache));
        }
        let checkpoint = &state.checkpoint;
        // The header's cache serves when the task's tokens start with the header's (the
        // header ends with a blank line, so the tokenizer cuts there).
        let (cache, start) = match &state.header {
            Some((header_ids, cache))
                if ids.len() > header_ids.len() && ids.starts_with(header_ids) =>
            {
                let first_row = Tensor::from_slice(&[0i64]).to_device(device);
                (cache.select(&first_row), header_ids.len())
            }
            _ => (checkpoint.model.new_cache(), 0),
        };
        let rest = &ids[start..];
        let mut decoder = CachedDecoder::new(&checkpoint.model, cache);
        let first = tch::no_grad(|| decoder.feed(&ids_tensor(rest, device).view([1, -1])));
        Ok((decoder, first, run + rest.len()))
    }

    /// The first model failure since the last call, if any (the count is in
    /// [`DecodeStats::failures`]).
    pub fn take_first_failure(&self) -> Option<GemmaError> {
        self.first_failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

impl Proposer for GemmaProposer {
    fn propose(&self, problem: &Problem, beam: usize, interrupt: &Interrupt) -> Vec<Proposal> {
        // The engine verifies what comes back; a failure of the model is reported as no
        // proposals (the engine's other phases still run in hybrid mode).
        match self.programs(problem, beam, &|| interrupt.is_due()) {
            Ok(proposals) => proposals,
            Err(error) => {
                self.stats
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .failures += 1;
                let mut first = self.first_failure.lock().unwrap_or_else(|e| e.into_inner());
                first.get_or_insert(error);
                Vec::new()
            }
        }
    }

    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_become_program_text() {
        assert!(matches!(piece_text("▁concat"), Piece::Text(t) if &*t == " concat"));
        assert!(matches!(piece_text("<0x0A>"), Piece::Text(t) if &*t == "\n"));
        assert!(matches!(piece_text("<0xC3>"), Piece::Skip));
        assert!(matches!(piece_text("(x,"), Piece::Text(t) if &*t == "(x,"));
    }
}
