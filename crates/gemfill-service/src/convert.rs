//! Search results to messages.

use gemfill_dsl::{EvalError, Value};
use gemfill_search::{Mode, Phase, Progress, RankedProgram, SearchResult, StopReason};

use crate::pb;

/// One row's outcome as a message.
pub(crate) fn output(result: &Result<Value, EvalError>) -> pb::Output {
    pb::Output {
        result: Some(match result {
            Ok(value) => pb::output::Result::Value(value.to_string()),
            Err(error) => pb::output::Result::Error(error.to_string()),
        }),
    }
}

pub(crate) fn program(p: &RankedProgram) -> pb::Program {
    pb::Program {
        text: p.program.to_string(),
        score: p.score,
        unlabeled_outputs: p
            .unlabeled_outputs
            .iter()
            .map(|o| o.as_ref().map(Value::to_string).unwrap_or_default())
            .collect(),
        size: p.size as u32,
        unlabeled_results: p.unlabeled_outputs.iter().map(output).collect(),
        contradicted_examples: p.contradicted.iter().map(|&i| i as u32).collect(),
        passed_examples: p.passed as u32,
        r#type: p.program.ty().name().to_string(),
    }
}

fn stop_reason(reason: StopReason) -> pb::StopReason {
    match reason {
        StopReason::Found => pb::StopReason::Found,
        StopReason::Deadline => pb::StopReason::Deadline,
        StopReason::CandidateLimit => pb::StopReason::CandidateLimit,
        StopReason::MemoryLimit => pb::StopReason::MemoryLimit,
        StopReason::Exhausted => pb::StopReason::Exhausted,
        StopReason::Cancelled => pb::StopReason::Cancelled,
    }
}

pub(crate) fn stats(result: &SearchResult, mode: Mode) -> pb::SearchStats {
    let s = &result.stats;
    pb::SearchStats {
        stop_reason: stop_reason(result.stop_reason).into(),
        stop_message: result.stop_reason.to_string(),
        elapsed_ms: s.elapsed.as_secs_f64() * 1000.0,
        candidates: s.candidates,
        levels: s.levels,
        verified: s.verified as u64,
        proposals: s.proposals as u64,
        mode: mode.name().to_string(),
        peak_bank_bytes: s.peak_bank_bytes as u64,
    }
}

pub(crate) fn response(result: &SearchResult, mode: Mode) -> pb::SynthesizeResponse {
    pb::SynthesizeResponse {
        programs: result.programs.iter().map(program).collect(),
        disagreements: result
            .disagreements
            .iter()
            .map(|d| pb::Disagreement {
                row: d.row as u32,
                outputs: d.outputs.clone(),
            })
            .collect(),
        stats: Some(stats(result, mode)),
    }
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Proposals => "proposals",
        Phase::Enumeration => "enumeration",
        Phase::Conditional => "conditional",
        Phase::Repair => "repair",
        Phase::Noise => "noise",
        Phase::Ranking => "ranking",
    }
}

pub(crate) fn progress(p: &Progress) -> pb::Progress {
    pb::Progress {
        phase: phase_name(p.phase).to_string(),
        level: p.level,
        candidates: p.candidates,
        elapsed_ms: p.elapsed.as_secs_f64() * 1000.0,
    }
}
