//! The language's limits, in one place: how deeply programs nest and how long a string
//! evaluation may build. Text from anyone (a gRPC client, a file) meets these before it
//! can exhaust a thread's stack or the memory.

/// How deeply calls may nest in program text. Real programs stay far below this; the
/// limit keeps the recursive passes over the tree (building, checking, printing,
/// evaluating) well inside any thread's stack whatever text a client sends. The parser
/// and [`crate::prefix`] refuse deeper text.
pub const MAX_NESTING: usize = 128;

/// The deepest expression tree that [`crate::eval()`] and [`crate::typecheck()`] accept
/// (an operator nested in this many others). Above [`MAX_NESTING`], so every parsed
/// program passes; it guards the recursion against trees built in code.
pub const MAX_DEPTH: usize = 256;

/// The longest string, in characters, that evaluation may build. Operations that would
/// produce a longer one (`pad_left` with a huge width, `concat` in a `map` over a long
/// input) fail with [`crate::EvalError`] instead of exhausting memory.
pub const MAX_STRING_CHARS: usize = 1 << 20;
