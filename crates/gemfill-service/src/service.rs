//! The `gemfill.v1.Synthesizer` RPCs.

use std::sync::Arc;
use std::time::Duration;

use gemfill_dsl::{Program, Tables};
use gemfill_search::{CancelToken, Limits, Mode, Problem, Synthesizer};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

use crate::calls::{Calls, client_timeout, search_time};
use crate::convert;
use crate::factory::SynthesizerFactory;
use crate::limits::{MAX_ROWS, MAX_TRANSFORM_ROWS_PER_MESSAGE};
use crate::pb;
use crate::validate::{self, SearchOptions, Violations, invalid};

/// Response messages a streaming call may have waiting for a slow client. The producer
/// waits (Transform) or drops progress events (SynthesizeStream) beyond this, so a slow
/// reader costs the server a bounded amount of memory.
const STREAM_BUFFER: usize = 4;

/// How often (in rows) Execute checks whether its call is still wanted.
const CANCEL_CHECK_ROWS: usize = 256;

/// The service state shared by every call.
pub(crate) struct SynthesisService {
    pub(crate) factory: Arc<dyn SynthesizerFactory>,
    pub(crate) calls: Arc<Calls>,
    pub(crate) search_memory_bytes: usize,
}

impl SynthesisService {
    /// The synthesizer for a request: its mode (or the server's default) and limits, the
    /// client's deadline included.
    fn synthesizer(
        &self,
        options: &SearchOptions,
        client: Option<Duration>,
    ) -> Result<(Synthesizer, Mode), Status> {
        let mode = options.mode.unwrap_or_else(|| self.factory.default_mode());
        let limits = Limits {
            deadline: Some(search_time(options.deadline, client)),
            max_candidates: None,
            max_memory_bytes: Some(self.search_memory_bytes),
            top_k: options.top_k,
            noise_tolerance: options.noise_tolerance,
            seed: options.seed,
            // Concurrent calls keep the cores busy; one thread per search keeps a burst of
            // calls from oversubscribing them.
            threads: 1,
        };
        let synthesizer = self
            .factory
            .build(mode, limits)
            .map_err(|e| Status::failed_precondition(e.0))?;
        Ok((synthesizer, mode))
    }

    /// A `SynthesizeRequest`'s problem, checked, and the synthesizer that solves it.
    fn synthesis(
        &self,
        request: Request<pb::SynthesizeRequest>,
    ) -> Result<(Problem, Synthesizer, Mode), Status> {
        let client = client_timeout(request.metadata());
        let r = request.into_inner();
        let (problem, options) = validate::problem(
            &r.examples,
            &r.unlabeled,
            &r.tables,
            &r.constants,
            r.options.as_ref(),
        )?;
        let (synthesizer, mode) = self.synthesizer(&options, client)?;
        Ok((problem, synthesizer, mode))
    }
}

/// Runs `program` on each row; stops early (returning what it has) once `cancel` is set.
fn run_rows(
    program: &Program,
    tables: &Tables,
    rows: &[pb::Row],
    cancel: &CancelToken,
) -> Vec<pb::Output> {
    let mut outputs = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if i % CANCEL_CHECK_ROWS == 0 && cancel.is_cancelled() {
            break;
        }
        let inputs: Vec<&str> = row.inputs.iter().map(String::as_str).collect();
        outputs.push(convert::output(&program.run(&inputs, tables)));
    }
    outputs
}

#[tonic::async_trait]
impl pb::synthesizer_server::Synthesizer for SynthesisService {
    async fn synthesize(
        &self,
        request: Request<pb::SynthesizeRequest>,
    ) -> Result<Response<pb::SynthesizeResponse>, Status> {
        let (problem, synthesizer, mode) = self.synthesis(request)?;
        let permit = self.calls.admit()?;
        let result = self
            .calls
            .run_blocking(permit, CancelToken::new(), move |cancel| {
                synthesizer.run(&problem, cancel)
            })
            .await?;
        Ok(Response::new(convert::response(&result, mode)))
    }

    type SynthesizeStreamStream = ReceiverStream<Result<pb::SynthesizeEvent, Status>>;

    async fn synthesize_stream(
        &self,
        request: Request<pb::SynthesizeRequest>,
    ) -> Result<Response<Self::SynthesizeStreamStream>, Status> {
        let (problem, synthesizer, mode) = self.synthesis(request)?;
        let permit = self.calls.admit()?;
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        let calls = self.calls.clone();
        tokio::spawn(async move {
            let events = tx.clone();
            let search = calls.run_blocking(permit, CancelToken::new(), move |cancel| {
                synthesizer.run_with_progress(&problem, cancel, &mut |progress| {
                    // Intermediate events are dropped rather than queued for a slow reader;
                    // the final result is always sent.
                    if let Some(best) = &progress.best {
                        let _ = events.try_send(Ok(pb::SynthesizeEvent {
                            event: Some(pb::synthesize_event::Event::BetterProgram(
                                best.to_string(),
                            )),
                        }));
                    }
                    let _ = events.try_send(Ok(pb::SynthesizeEvent {
                        event: Some(pb::synthesize_event::Event::Progress(convert::progress(
                            &progress,
                        ))),
                    }));
                })
            });
            // A client that goes away closes the channel; dropping `search` then cancels it.
            let outcome = tokio::select! {
                result = search => Some(result),
                () = tx.closed() => None,
            };
            if let Some(result) = outcome {
                let last = result.map(|r| pb::SynthesizeEvent {
                    event: Some(pb::synthesize_event::Event::Result(convert::response(
                        &r, mode,
                    ))),
                });
                let _ = tx.send(last).await;
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn execute(
        &self,
        request: Request<pb::ExecuteRequest>,
    ) -> Result<Response<pb::ExecuteResponse>, Status> {
        let r = request.into_inner();
        let mut v = Violations::new();
        let tables = validate::tables(&mut v, "tables", &r.tables);
        validate::rows(&mut v, "rows", &r.rows, MAX_ROWS);
        v.into_result()?;
        let program = validate::program("program", &r.program, Some(&tables))?;
        let canonical_program = program.to_string();
        let permit = self.calls.admit()?;
        let outputs = self
            .calls
            .run_blocking(permit, CancelToken::new(), move |cancel| {
                run_rows(&program, &tables, &r.rows, cancel)
            })
            .await?;
        Ok(Response::new(pb::ExecuteResponse {
            outputs,
            canonical_program,
        }))
    }

    type TransformStream = ReceiverStream<Result<pb::TransformResponse, Status>>;

    async fn transform(
        &self,
        request: Request<Streaming<pb::TransformRequest>>,
    ) -> Result<Response<Self::TransformStream>, Status> {
        let permit = self.calls.admit()?;
        let mut input = request.into_inner();
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        tokio::spawn(async move {
            let _permit = permit;
            if let Err(status) = transform(&mut input, &tx).await {
                let _ = tx.send(Err(status)).await;
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn suggest_example(
        &self,
        request: Request<pb::SuggestExampleRequest>,
    ) -> Result<Response<pb::SuggestExampleResponse>, Status> {
        let client = client_timeout(request.metadata());
        let r = request.into_inner();
        if r.unlabeled.is_empty() {
            return Err(invalid(
                "unlabeled",
                "no candidate rows: send the unlabeled inputs the user could label next",
            ));
        }
        let (problem, options) = validate::problem(
            &r.examples,
            &r.unlabeled,
            &r.tables,
            &[],
            r.options.as_ref(),
        )?;
        let (synthesizer, mode) = self.synthesizer(&options, client)?;
        let permit = self.calls.admit()?;
        let result = self
            .calls
            .run_blocking(permit, CancelToken::new(), move |cancel| {
                synthesizer.run(&problem, cancel)
            })
            .await?;
        // The row where the top programs split into the most distinct answers tells them
        // apart best; the earliest such row wins ties.
        let best = result
            .disagreements
            .iter()
            .rev()
            .max_by_key(|d| d.outputs.len());
        Ok(Response::new(pb::SuggestExampleResponse {
            has_suggestion: best.is_some(),
            row: best.map_or(0, |d| d.row as u32),
            candidate_outputs: best.map(|d| d.outputs.clone()).unwrap_or_default(),
            programs: result.programs.iter().map(convert::program).collect(),
            stats: Some(convert::stats(&result, mode)),
        }))
    }

    async fn explain(
        &self,
        request: Request<pb::ExplainRequest>,
    ) -> Result<Response<pb::ExplainResponse>, Status> {
        let r = request.into_inner();
        let program = validate::program("program", &r.program, None)?;
        Ok(Response::new(pb::ExplainResponse {
            canonical_text: program.to_string(),
            description: program.explain(),
            r#type: program.ty().name().to_string(),
            num_inputs: program.num_inputs() as u32,
            size: program.expr().size() as u32,
        }))
    }
}

/// One Transform call: the program from the first message, then each message's rows in,
/// their outputs out, one message at a time. Waiting on `tx` when the client reads slowly
/// stops this loop from reading more, so HTTP/2 flow control pushes back on the sender and
/// the server holds at most [`STREAM_BUFFER`] + 1 messages of rows.
async fn transform(
    input: &mut Streaming<pb::TransformRequest>,
    tx: &mpsc::Sender<Result<pb::TransformResponse, Status>>,
) -> Result<(), Status> {
    let Some(first) = input.message().await? else {
        return Err(invalid(
            "program",
            "the stream ended before its first message: send the program in the first message",
        ));
    };
    let mut v = Violations::new();
    let tables = validate::tables(&mut v, "tables", &first.tables);
    v.into_result()?;
    let program = Arc::new(validate::program("program", &first.program, Some(&tables))?);
    let tables = Arc::new(tables);
    let mut next = Some(first);
    let mut first_row = 0u64;
    for index in 0u64.. {
        let message = match next.take() {
            Some(m) => m,
            None => match input.message().await? {
                Some(m) => m,
                None => return Ok(()),
            },
        };
        let mut v = Violations::new();
        if index > 0 && !message.program.is_empty() {
            v.add(
                format!("messages[{index}].program"),
                "the program may be set only in the first message",
            );
        }
        if index > 0 && !message.tables.is_empty() {
            v.add(
                format!("messages[{index}].tables"),
                "tables may be sent only in the first message",
            );
        }
        validate::rows(
            &mut v,
            &format!("messages[{index}].rows"),
            &message.rows,
            MAX_TRANSFORM_ROWS_PER_MESSAGE,
        );
        v.into_result()?;
        if message.rows.is_empty() {
            continue;
        }
        let rows = message.rows.len() as u64;
        let (program, tables) = (program.clone(), tables.clone());
        let outputs = tokio::task::spawn_blocking(move || {
            run_rows(&program, &tables, &message.rows, &CancelToken::new())
        })
        .await
        .map_err(|e| Status::internal(format!("the transform failed unexpectedly: {e}")))?;
        if tx
            .send(Ok(pb::TransformResponse { outputs, first_row }))
            .await
            .is_err()
        {
            // The client went away.
            return Ok(());
        }
        first_row += rows;
    }
    Ok(())
}
