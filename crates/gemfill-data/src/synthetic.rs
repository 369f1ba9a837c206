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

use std::collections::HashSet;
use std::path::PathBuf;

use gemfill_dsl::{
    BuiltinTable, CaseMode, Example, Expr, Format, Op, TableRef, Tables, TokenClass, Value, eval,
    tables,
};

use crate::error::LoadError;
use crate::suite::load_suite;
use crate::task::Task;

/// The version of the generator's distribution; bump it whenever tasks for a seed change.
pub const DATA_VERSION: &str = "synthetic-v1";

/// SplitMix64: tiny, fast, and fixed forever.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn in proportion to `weights`.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

const FIRST: &[&str] = &[
    "John", "Mary", "Ahmed", "Li", "Sofia", "Lars", "Priya", "Kwame", "Elena", "Diego", "Hannah",
    "Omar", "Yuki", "Chloe", "Mateo", "Ingrid", "Ravi", "Fatima", "Noah", "Zoë", "José", "Łukasz",
    "Åsa", "Chidi", "Mei", "Pierre", "Anya", "Tomás", "Greta", "Sven", "Aisha", "Bruno",
];
const LAST: &[&str] = &[
    "Smith",
    "Garcia",
    "Nguyen",
    "Okafor",
    "Müller",
    "Rossi",
    "Kowalski",
    "Tanaka",
    "Silva",
    "Johansson",
    "Patel",
    "Dubois",
    "Ivanova",
    "O'Brien",
    "Hernández",
    "Kim",
    "Novak",
    "Haddad",
    "Andersen",
    "Costa",
    "Schmidt",
    "Yamamoto",
    "Brown",
    "Lefèvre",
    "García",
    "Chen",
    "Walker",
];
const WORDS: &[&str] = &[
    "red", "apple", "river", "blue", "stone", "quick", "paper", "green", "table", "north",
    "silver", "market", "window", "orange", "garden", "bridge", "cloud", "winter", "summer",
    "coffee", "report", "budget", "final", "draft", "invoice", "order", "status", "pending",
];
const FOREIGN: &[&str] = &[
    "Москва",
    "Київ",
    "Αθήνα",
    "東京",
    "서울",
    "Zürich",
    "Kraków",
    "São",
    "Paulo",
    "Malmö",
    "Ærø",
    "İzmir",
    "Đà",
    "Nẵng",
    "Ciudad",
    "México",
    "Québec",
    "Göteborg",
];
const STREETS: &[&str] = &[
    "Main St",
    "Oak Ave",
    "Elm Street",
    "Park Rd",
    "2nd Ave",
    "Maple Dr",
    "Cedar Ln",
    "Lake Blvd",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Portland",
    "Austin",
    "Denver",
    "Boston",
    "Madison",
    "Salem",
    "Dayton",
];
const STATES: &[&str] = &[
    "IL", "OR", "TX", "CO", "MA", "WI", "NY", "CA", "WA", "FL", "OH", "GA",
];
const DOMAINS: &[&str] = &["example.com", "mail.org", "corp.net", "uni.edu", "shop.io"];

/// The kind of text an input column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    Name,
    Date(Format),
    Phone,
    Email,
    Address,
    Code,
    Text,
    Amount,
    Path,
    Foreign,
}

const DOMAINS_ALL: &[Domain] = &[
    Domain::Name,
    Domain::Date(Format::Iso),
    Domain::Date(Format::Us),
    Domain::Date(Format::Eu),
    Domain::Date(Format::Long),
    Domain::Phone,
    Domain::Email,
    Domain::Address,
    Domain::Code,
    Domain::Text,
    Domain::Amount,
    Domain::Path,
    Domain::Foreign,
];

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn random_input(rng: &mut Rng, domain: Domain) -> String {
    match domain {
        Domain::Name => {
            let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
            match rng.below(5) {
                0 => format!("{l}, {f}"),
                1 => {
                    let m = rng.pick(FIRST).chars().next().unwrap_or('A');
                    format!("{f} {m}. {l}")
                }
                2 => format!("{} {}", f.to_lowercase(), l.to_lowercase()),
                _ => format!("{f} {l}"),
            }
        }
        Domain::Date(fmt) => {
            let (y, m, d) = (rng.range(1950, 2030), rng.range(1, 12), rng.range(1, 28));
            match fmt {
                Format::Us => format!("{m:02}/{d:02}/{y}"),
                Format::Eu => format!("{d:02}/{m:02}/{y}"),
                Format::Long => format!("{} {d}, {y}", tables::month_name(m as usize - 1)),
                _ => format!("{y}-{m:02}-{d:02}"),
            }
        }
        Domain::Phone => {
            let (a, b, c) = (rng.range(200, 989), rng.range(200, 999), rng.range(0, 9999));
            match rng.below(4) {
                0 => format!("({a}) {b}-{c:04}"),
                1 => format!("{a}-{b}-{c:04}"),
                2 => format!("+1 {a} {b} {c:04}"),
                _ => format!("{a}.{b}.{c:04}"),
            }
        }
        Domain::Email => {
            let (f, l) = (
                rng.pick(FIRST).to_lowercase(),
                rng.pick(LAST).to_lowercase(),
            );
            let sep = *rng.pick(&[".", "_", ""]);
            format!("{f}{sep}{l}@{}", rng.pick(DOMAINS))
        }
        Domain::Address => format!(
            "{} {}, {}, {} {:05}",
            rng.range(1, 9999),
            rng.pick(STREETS),
            rng.pick(CITIES),
            rng.pick(STATES),
            rng.range(10000, 99999)
        ),
        Domain::Code => {
            let letters: String = (0..rng.range(2, 4))
                .map(|_| (b'A' + rng.below(26) as u8) as char)
                .collect();
            let sep = *rng.pick(&["-", "_", "/", ""]);
            match rng.below(3) {
                0 => format!("{letters}{sep}{}", rng.range(10, 99999)),
                1 => format!("{}{sep}{letters}", rng.range(1, 999)),
                _ => format!(
                    "{letters}{sep}{}{sep}{}",
                    rng.range(2000, 2030),
                    rng.range(1, 9999)
                ),
            }
        }
        Domain::Text => {
            let n = rng.range(2, 4) as usize;
            let words: Vec<String> = (0..n)
                .map(|i| {
                    let w = *rng.pick(WORDS);
                    if i == 0 && rng.chance(0.5) {
                        cap(w)
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            let text = words.join(" ");
            if rng.chance(0.2) {
                format!("  {text} ")
            } else {
                text
            }
        }
        Domain::Amount => {
            let whole = rng.range(0, 99_999);
            let cents = rng.range(0, 99);
            match rng.below(3) {
                0 => format!("{whole}.{cents:02}"),
                1 => format!("{whole}"),
                _ => format!("${whole}.{cents:02}"),
            }
        }
        Domain::Path => {
            let (a, b) = (*rng.pick(WORDS), *rng.pick(WORDS));
            let ext = *rng.pick(&["txt", "csv", "pdf", "json"]);
            match rng.below(2) {
                0 => format!("/home/{a}/{b}.{ext}"),
                _ => format!("https://www.{a}.com/{b}"),
            }
        }
        Domain::Foreign => {
            let (a, b) = (*rng.pick(FOREIGN), *rng.pick(FOREIGN));
            format!("{a} {b} {}", rng.range(1, 99))
        }
    }
}

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

struct Ctx {
    columns: usize,
    domains: Vec<Domain>,
    /// Characters occurring in the inputs (for delimiter classes and literals).
    chars: Vec<char>,
}

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

fn var(rng: &mut Rng, ctx: &Ctx) -> Expr {
    Expr::Var(rng.below(ctx.columns))
}

fn tok_class(rng: &mut Rng, ctx: &Ctx) -> TokenClass {
    if !ctx.chars.is_empty() && rng.chance(0.3) {
        return TokenClass::Delim(*rng.pick(&ctx.chars));
    }
    let named = [
        TokenClass::Word,
        TokenClass::Number,
        TokenClass::Alphanum,
        TokenClass::Caps,
        TokenClass::Proper,
        TokenClass::Lower,
        TokenClass::Digit,
        TokenClass::Char,
        TokenClass::Space,
    ];
    named[rng.weighted(&[6, 6, 3, 2, 2, 2, 1, 1, 1])].clone()
}

fn index(rng: &mut Rng) -> Expr {
    Expr::Int(*rng.pick(&[0, 0, 0, 1, 1, 2, -1, -1, -2]))
}

fn literal(rng: &mut Rng, ctx: &Ctx) -> Expr {
    if !ctx.chars.is_empty() && rng.chance(0.4) {
        return Expr::Str(rng.pick(&ctx.chars).to_string());
    }
    let lits = [
        " ", ", ", "-", ".", "/", ": ", "(", ")", "@", "#", "_", " - ", "x", "ID-", "Mr. ", "0",
    ];
    Expr::Str(rng.pick(&lits).to_string())
}

fn gen_str(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    let base = |rng: &mut Rng| {
        if in_map && rng.chance(0.7) {
            Expr::Bound
        } else {
            var(rng, ctx)
        }
    };
    if depth == 0 {
        return base(rng);
    }
    let d = depth - 1;
    // Weights per production, in the order of the match below.
    let w = [
        3,                          // var
        12,                         // token
        5,                          // sub
        10,                         // concat
        4,                          // case
        2,                          // trim
        3,                          // replace
        1,                          // replace_first
        2,                          // pad_left
        2,                          // char_at
        2,                          // to_str
        if in_map { 0 } else { 3 }, // map
        2,                          // if
        2,                          // lookup
        3,                          // date / number
    ];
    let app = Expr::App;
    match rng.weighted(&w) {
        0 => base(rng),
        1 => app(
            Op::Token,
            vec![
                sub_source(rng, ctx, d, in_map),
                Expr::Tok(tok_class(rng, ctx)),
                index(rng),
            ],
        ),
        2 => app(
            Op::Sub,
            vec![
                sub_source(rng, ctx, d, in_map),
                gen_int(rng, ctx, d.min(1), in_map),
                gen_int(rng, ctx, d.min(1), in_map),
            ],
        ),
        3 => {
            let n = 2 + rng.weighted(&[6, 4, 2]);
            let parts = (0..n)
                .map(|_| {
                    if rng.chance(0.4) {
                        literal(rng, ctx)
                    } else {
                        gen_str(rng, ctx, d.min(2), in_map)
                    }
                })
                .collect();
            app(Op::Concat, parts)
        }
        4 => app(
            Op::Case,
            vec![
                gen_str(rng, ctx, d, in_map),
                Expr::Case(*rng.pick(&CaseMode::ALL)),
            ],
        ),
        5 => app(Op::Trim, vec![gen_str(rng, ctx, d, in_map)]),
        6 | 7 => {
            let op = if rng.chance(0.75) {
                Op::Replace
            } else {
                Op::ReplaceFirst
            };
            let from = literal(rng, ctx);
            let to = literal(rng, ctx);
            app(op, vec![gen_str(rng, ctx, d, in_map), from, to])
        }
        8 => app(
            Op::PadLeft,
            vec![
                gen_str(rng, ctx, d, in_map),
                Expr::Int(rng.range(4, 12)),
                Expr::str(*rng.pick(&["0", " ", "*"])),
            ],
        ),
        9 => app(
            Op::CharAt,
            vec![sub_source(rng, ctx, d, in_map), index(rng)],
        ),
        10 => app(Op::ToStr, vec![gen_int(rng, ctx, d, in_map)]),
        11 => {
            let body = match rng.below(4) {
                0 => app(Op::CharAt, vec![Expr::Bound, Expr::Int(0)]),
                1 => app(
                    Op::Case,
                    vec![Expr::Bound, Expr::Case(*rng.pick(&CaseMode::ALL))],
                ),
                2 => app(
                    Op::Concat,
                    vec![
                        app(Op::Sub, vec![Expr::Bound, Expr::Int(0), Expr::Int(1)]),
                        literal(rng, ctx),
                    ],
                ),
                _ => gen_str(rng, ctx, 1, true),
            };
            let sep = Expr::str(*rng.pick(&["", " ", "-", ".", ", "]));
            app(
                Op::Map,
                vec![var(rng, ctx), Expr::Tok(tok_class(rng, ctx)), body, sep],
            )
        }
        12 => app(
            Op::If,
            vec![
                gen_bool(rng, ctx, in_map),
                gen_str(rng, ctx, d.min(1), in_map),
                gen_str(rng, ctx, d.min(1), in_map),
            ],
        ),
        13 => {
            let table = *rng.pick(&BuiltinTable::ALL);
            app(
                Op::Lookup,
                vec![
                    Expr::Table(TableRef::Builtin(table)),
                    gen_str(rng, ctx, d.min(1), in_map),
                ],
            )
        }
        _ => {
            let column = rng.below(ctx.columns);
            match ctx.domains[column] {
                Domain::Date(f) => {
                    let dates: Vec<Format> = Format::ALL
                        .into_iter()
                        .filter(|f| f.kind() == gemfill_dsl::FormatKind::Date)
                        .collect();
                    app(
                        Op::Date,
                        vec![
                            Expr::Var(column),
                            Expr::Fmt(f),
                            Expr::Fmt(*rng.pick(&dates)),
                        ],
                    )
                }
                _ => {
                    let numbers: Vec<Format> = Format::ALL
                        .into_iter()
                        .filter(|f| f.kind() == gemfill_dsl::FormatKind::Number)
                        .collect();
                    let arg = if rng.chance(0.5) {
                        Expr::Var(column)
                    } else {
                        app(
                            Op::Token,
                            vec![Expr::Var(column), Expr::Tok(TokenClass::Number), index(rng)],
                        )
                    };
                    app(Op::Number, vec![arg, Expr::Fmt(*rng.pick(&numbers))])
                }
            }
        }
    }
}

/// The string an extraction reads from: mostly an input column, sometimes a transformed one.
fn sub_source(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    if depth > 0 && rng.chance(0.15) {
        gen_str(rng, ctx, depth.min(1), in_map)
    } else if in_map && rng.chance(0.7) {
        Expr::Bound
    } else {
        var(rng, ctx)
    }
}

fn gen_int(rng: &mut Rng, ctx: &Ctx, depth: u32, in_map: bool) -> Expr {
    let app = Expr::App;
    let src = |rng: &mut Rng| {
        if in_map && rng.chance(0.7) {
            Expr::Bound
        } else {
            var(rng, ctx)
        }
    };
    let w = [6, 2, 3, 3, 2, 1, if depth > 0 { 2 } else { 0 }, 2];
    match rng.weighted(&w) {
        0 => Expr::Int(rng.range(-4, 8)),
        1 => app(Op::Len, vec![src(rng)]),
        2 | 3 => {
            let op = if rng.chance(0.5) { Op::Start } else { Op::End };
            app(
                op,
                vec![src(rng), Expr::Tok(tok_class(rng, ctx)), index(rng)],
            )
        }
        4 => {
            let lit = literal(rng, ctx);
            app(Op::Find, vec![src(rng), lit, index(rng)])
        }
        5 => app(
            Op::Pos,
            vec![
                src(rng),
                Expr::Tok(tok_class(rng, ctx)),
                Expr::Tok(tok_class(rng, ctx)),
                index(rng),
            ],
        ),
        6 => {
            let op = if rng.chance(0.5) { Op::Plus } else { Op::Minus };
            app(
                op,
                vec![
                    gen_int(rng, ctx, depth - 1, in_map),
                    Expr::Int(rng.range(1, 5)),
                ],
            )
        }
        _ => app(
            Op::ToInt,
            vec![app(
                Op::Token,
                vec![src(rng), Expr::Tok(TokenClass::Number), index(rng)],
            )],
        ),
    }
}

fn gen_bool(rng: &mut Rng, ctx: &Ctx, in_map: bool) -> Expr {
    let app = Expr::App;
    let s = if in_map && rng.chance(0.7) {
        Expr::Bound
    } else {
        var(rng, ctx)
    };
    match rng.below(8) {
        0 => app(Op::Contains, vec![s, literal(rng, ctx)]),
        1 => app(Op::StartsWith, vec![s, literal(rng, ctx)]),
        2 => app(Op::EndsWith, vec![s, literal(rng, ctx)]),
        3 => app(Op::Matches, vec![s, Expr::Tok(tok_class(rng, ctx))]),
        4 => app(
            Op::IsEmpty,
            vec![app(
                Op::Token,
                vec![s, Expr::Tok(tok_class(rng, ctx)), index(rng)],
            )],
        ),
        5 => app(
            Op::Eq,
            vec![app(Op::Len, vec![s]), Expr::Int(rng.range(3, 12))],
        ),
        6 => app(Op::Not, vec![app(Op::Contains, vec![s, literal(rng, ctx)])]),
        _ => app(
            Op::Eq,
            vec![app(Op::CharAt, vec![s, Expr::Int(0)]), literal(rng, ctx)],
        ),
    }
}

#[cfg(test)]
mod tests {
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
