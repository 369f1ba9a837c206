//! The real Gemma 3 270M checkpoint (`make gemma`) as the search engine's proposer: every proposal
//! parses and type-checks for the task's columns and answer type, the search stops when
//! told to, and the engine runs it in neural mode.

use std::sync::Arc;
use std::time::{Duration, Instant};

use gemfill_dsl::{CheckContext, Example, Program, Type};
use gemfill_gemma::prompt::PromptStyle;
use gemfill_gemma::{GemmaCheckpoint, GemmaProposer};
use gemfill_search::{CancelToken, Limits, Mode, Problem, Synthesizer};

#[path = "common/checkpoint.rs"]
mod checkpoint;

fn proposer() -> Option<GemmaProposer> {
    let path = checkpoint::gemma3_270m_or_skip()?;
    let checkpoint = GemmaCheckpoint::load_gguf(&path, tch::Device::Cpu).unwrap();
    Some(GemmaProposer::new(checkpoint, PromptStyle::FewShot))
}

fn assert_well_typed(problem: &Problem, proposals: &[gemfill_search::Proposal]) {
    let ctx = CheckContext {
        num_inputs: Some(problem.num_inputs()),
        user_tables: Some(Vec::new()),
    };
    for proposal in proposals {
        let text = proposal.expr.to_string();
        let program = Program::parse_with(&text, &ctx)
            .unwrap_or_else(|e| panic!("proposal {text} does not check: {e}"));
        assert!(
            problem.answer_types().contains(&program.ty()),
            "{text} is a {}",
            program.ty()
        );
        assert!(proposal.log_prob.is_finite() && proposal.log_prob <= 0.0);
    }
}

#[test]
fn gemma_proposes_well_typed_programs_and_stops_when_told() {
    let Some(proposer) = proposer() else {
        return;
    };
    let names = Problem::new(vec![
        Example::new(["Ada Lovelace"], "Ada"),
        Example::new(["Grace Hopper"], "Grace"),
        Example::new(["Alan Turing"], "Alan"),
    ]);
    let proposals = proposer.programs(&names, 8, &|| false).unwrap();
    assert!(!proposals.is_empty(), "no proposals");
    assert_well_typed(&names, &proposals);
    for p in &proposals {
        eprintln!("{:8.3} {}", p.log_prob, p.expr);
    }
    assert!(
        proposals.windows(2).all(|w| w[0].log_prob >= w[1].log_prob),
        "best first"
    );
    let stats = proposer.stats();
    assert!(stats.decoded_tokens > 0 && stats.tokens_per_second() > 0.0);
    eprintln!("{stats:?}, {:.1} tokens/s", stats.tokens_per_second());

    // Two columns and an Int answer: the grammar keeps every proposal an Int over x0, x1.
    let lengths = Problem::new(vec![
        Example::new(["ab", "cde"], "5"),
        Example::new(["x", "yz"], "3"),
    ])
    .with_output_type(Type::Int);
    let proposals = proposer.programs(&lengths, 4, &|| false).unwrap();
    assert_well_typed(&lengths, &proposals);

    // A stop request ends the search at once.
    let started = Instant::now();
    let none = proposer.programs(&names, 8, &|| true).unwrap();
    assert!(none.is_empty());
    assert!(started.elapsed() < Duration::from_secs(20));

    // The engine verifies the proposals in neural mode.
    let synth = Synthesizer::new(Limits {
        deadline: Some(Duration::from_secs(120)),
        ..Limits::default()
    })
    .with_mode(Mode::Neural)
    .with_beam(4)
    .with_proposer(Arc::new(proposer));
    let result = synth.run(&names, &CancelToken::new());
    assert!(result.stats.proposals > 0);
    for found in &result.programs {
        eprintln!("verified: {}", found.program);
    }
}
