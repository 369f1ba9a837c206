//! SyGuS-IF `.sl` files (versions 1 and 2) of the programming-by-example tracks.
//!
//! A file declares one function with `synth-fun` and constrains it with examples,
//! `(constraint (= (f "in" ...) "out"))` (either side first). Each constraint becomes one
//! [`Example`]; the string and integer literals of the synth-fun's grammar become the
//! task's [`constants`](Task::constants). Anything else that constrains the function (a
//! logical specification over declared variables, an invariant problem) is reported as
//! [`LoadErrorKind::Unsupported`] on its line rather than guessed at.
use std::collections::HashMap;
use std::path::Path;

use gemfill_dsl::{Example, Type};

use crate::error::{LoadError, LoadErrorKind};
use crate::sexpr::{Atom, Dialect, Node, NodeKind, read_all};
use crate::task::Task;

/// Reads a SyGuS-IF file. The task is named after the file's stem (`phone-1` for
/// `.../phone-1.sl`); [`load_suite`](crate::load_suite) names it after its path in the suite
/// instead. Errors carry the path and the line.
pub fn load_sygus(path: &Path) -> Result<Task, LoadError> {
    let text = crate::text::read_text(path)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut task = parse_sygus_str(&text, &name).map_err(|e| e.in_file(path))?;
    task.source = Some(path.to_path_buf());
    Ok(task)
}

/// Parses the text of a SyGuS-IF file into a task called `name`, tagged `sygus`. The
/// dialect (v1 with `\"` escapes, or v2 with `""`) is recognized from the file.
pub fn parse_sygus_str(text: &str, name: &str) -> Result<Task, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let forms = read_forms(text)?;
    let spec = Spec::collect(&forms)?;
    let Some(fun) = spec.fun else {
        return Err(LoadError::new(
            LoadErrorKind::Malformed,
            None,
            "no synth-fun: a task file must declare the function to synthesize",
        ));
    };
    if spec.constraints.is_empty() {
        return Err(LoadError::new(
            LoadErrorKind::Malformed,
            Some(fun.line),
            format!(
                "no constraints: `{}` needs at least one (constraint (= ({} ...) ...)) example",
                fun.name, fun.name
            ),
        ));
    }
    let mut examples = Vec::with_capacity(spec.constraints.len());
    for constraint in &spec.constraints {
        examples.push(fun.example(constraint, &spec.constants)?);
    }
    let mut task = Task::new(name, examples);
    task.tags = vec!["sygus".to_string()];
    task.constants = fun.constants;
    task.output_type = fun.output;
    task.input_types = fun.params.iter().map(|(_, t)| *t).collect();
    Ok(task)
}

/// Reads the s-expressions, choosing the dialect: the two differ only inside string
/// literals, so the file is read as v2 unless its structure says v1 (or only v1 reads it).
fn read_forms(text: &str) -> Result<Vec<Node>, LoadError> {
    match read_all(text, Dialect::V2) {
        Ok(forms) => match detect_dialect(&forms) {
            Some(Dialect::V1) => read_all(text, Dialect::V1),
            _ => Ok(forms),
        },
        Err(v2_error) => match read_all(text, Dialect::V1) {
            Ok(forms) if detect_dialect(&forms) != Some(Dialect::V2) => Ok(forms),
            _ => Err(v2_error),
        },
    }
}

/// The dialect the commands reveal: v1's `set-options` and grammars given as one list of
/// `(Symbol Sort (productions))` rules, against v2's `set-option` and grammars that first
/// declare the non-terminals, `((Symbol Sort) ...)`, then list their rules.
fn detect_dialect(forms: &[Node]) -> Option<Dialect> {
    for form in forms {
        match form.head() {
            Some("set-options") => return Some(Dialect::V1),
            Some("set-option") => return Some(Dialect::V2),
            Some("synth-fun") => {
                let items = form.list().unwrap_or_default();
                match items.len() {
                    6 => return Some(Dialect::V2),
                    5 => {
                        let first = items[4].list().and_then(|l| l.first());
                        match first.and_then(Node::list).map(<[Node]>::len) {
                            Some(3) => return Some(Dialect::V1),
                            Some(2) => return Some(Dialect::V2),
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    None
}

/// A literal a constraint may use: the value as text, and its type.
type Literal = (String, Type);

/// What the commands of a file say, before constraints are turned into examples.
struct Spec<'a> {
    fun: Option<SynthFun>,
    constraints: Vec<&'a Node>,
    /// `(define-fun name () Sort literal)`: names that stand for a literal.
    constants: HashMap<String, Literal>,
}

impl<'a> Spec<'a> {
    fn collect(forms: &'a [Node]) -> Result<Spec<'a>, LoadError> {
        let mut spec = Spec {
            fun: None,
            constraints: Vec::new(),
            constants: HashMap::new(),
        };
        let mut sorts: HashMap<String, Type> = HashMap::new();
        for form in forms {
            let Some(command) = form.head() else {
                return Err(LoadError::malformed(
                    form.line,
                    format!("expected a command such as (synth-fun ...), found `{form}`"),
                ));
            };
            match command {
                // Declarations and options that cannot change the examples.
                "set-logic" | "check-synth" | "set-option" | "set-options" | "set-feature"
                | "set-info" | "declare-var" | "declare-primed-var" => {}
                "define-sort" => {
                    let items = form.list().unwrap_or_default();
                    let alias = match items {
                        [_, name, params, sort]
                            if params.list().is_some_and(<[Node]>::is_empty) =>
                        {
                            name.symbol().zip(sort_of(sort, &sorts))
                        }
                        _ => None,
                    };
                    // A sort we cannot use is harmless until a synth-fun mentions it.
                    if let Some((name, ty)) = alias {
                        sorts.insert(name.to_string(), ty);
                    }
                }
                "define-fun" => {
                    // Helper functions are irrelevant to examples, except a constant that a
                    // constraint may name instead of writing the literal.
                    if let [_, name, params, sort, body] = form.list().unwrap_or_default()
                        && params.list().is_some_and(<[Node]>::is_empty)
                        && let (Some(name), Some(ty)) = (name.symbol(), sort_of(sort, &sorts))
                        && let Some(value) = literal(body, ty, &spec.constants)
                    {
                        spec.constants.insert(name.to_string(), (value, ty));
                    }
                }
                "synth-fun" => {
                    if let Some(first) = &spec.fun {
                        return Err(LoadError::unsupported(
                            form.line,
                            format!(
                                "a second synth-fun (the first, `{}`, is on line {}): gemfill synthesizes one function per task",
                                first.name, first.line
                            ),
                        ));
                    }
                    spec.fun = Some(SynthFun::parse(form, &sorts)?);
                }
                "constraint" => spec.constraints.push(form),
                "synth-inv" | "inv-constraint" | "chc-constraint" | "assume" | "declare-fun"
                | "declare-datatype" | "declare-datatypes" | "optimize-synth"
                | "declare-oracle-fun" | "oracle-constraint" | "oracle-assume"
                | "declare-weight" => {
                    return Err(LoadError::unsupported(
                        form.line,
                        format!(
                            "`{command}` is not supported: gemfill reads programming-by-example tasks (one synth-fun constrained by input/output examples)"
                        ),
                    ));
                }
                other => {
                    return Err(LoadError::unsupported(
                        form.line,
                        format!("unknown SyGuS command `{other}`"),
                    ));
                }
            }
        }
        Ok(spec)
    }
}

/// The function to synthesize.
struct SynthFun {
    name: String,
    line: usize,
    params: Vec<(String, Type)>,
    output: Type,
    constants: Vec<String>,
}

impl SynthFun {
    fn parse(form: &Node, sorts: &HashMap<String, Type>) -> Result<SynthFun, LoadError> {
        let line = form.line;
        let items = form.list().unwrap_or_default();
        let (Some(name), Some(params)) = (
            items.get(1).and_then(Node::symbol),
            items.get(2).and_then(Node::list),
        ) else {
            return Err(LoadError::malformed(
                line,
                "synth-fun must read (synth-fun NAME ((ARG SORT) ...) SORT [GRAMMAR])",
            ));
        };
        let Some(output_sort) = items.get(3) else {
            return Err(LoadError::malformed(
                line,
                format!("synth-fun `{name}` has no result sort"),
            ));
        };
        let output = match sort_of(output_sort, sorts) {
            Some(t) => t,
            None => {
                return Err(LoadError::unsupported(
                    output_sort.line,
                    format!(
                        "synth-fun `{name}` returns `{output_sort}`; gemfill supports String, Int and Bool results"
                    ),
                ));
            }
        };
        let mut parsed = Vec::with_capacity(params.len());
        for (i, param) in params.iter().enumerate() {
            let (arg, sort) = match param.list() {
                Some([arg, sort]) => match arg.symbol() {
                    Some(arg) => (arg, sort),
                    None => return Err(bad_param(name, i, param)),
                },
                _ => return Err(bad_param(name, i, param)),
            };
            match sort_of(sort, sorts) {
                Some(t @ (Type::Str | Type::Int)) => parsed.push((arg.to_string(), t)),
                _ => {
                    return Err(LoadError::unsupported(
                        param.line,
                        format!(
                            "argument `{arg}` of synth-fun `{name}` has sort `{sort}`; gemfill supports String and Int arguments"
                        ),
                    ));
                }
            }
        }
        if parsed.is_empty() {
            return Err(LoadError::unsupported(
                line,
                format!("synth-fun `{name}` takes no arguments; gemfill needs at least one input"),
            ));
        }
        Ok(SynthFun {
            name: name.to_string(),
            line,
            params: parsed,
            output,
            constants: grammar_constants(&items[4..]),
        })
    }

    /// Turns `(constraint (= (f in...) out))` (or `(= out (f in...))`) into an example.
    fn example(
        &self,
        constraint: &Node,
        constants: &HashMap<String, Literal>,
    ) -> Result<Example, LoadError> {
        let line = constraint.line;
        let not_example = |why: &str| {
            let mut shown = constraint
                .list()
                .and_then(|l| l.get(1))
                .map_or_else(|| constraint.to_string(), Node::to_string);
            if shown.chars().count() > 100 {
                shown = shown.chars().take(97).collect::<String>() + "...";
            }
            LoadError::unsupported(
                line,
                format!(
                    "constraint is not an input/output example: {shown} ({why}); gemfill reads constraints of the form (= ({} <literal> ...) <literal>)",
                    self.name
                ),
            )
        };
        let body = match constraint.list() {
            Some([_, body]) => body,
            _ => {
                return Err(LoadError::malformed(
                    line,
                    "constraint must have exactly one argument, (constraint TERM)",
                ));
            }
        };
        let sides = match body.list() {
            Some([eq, a, b]) if eq.symbol() == Some("=") => [a, b],
            _ => {
                let why = match body.head() {
                    Some("=") => "an equation must have exactly two sides".to_string(),
                    Some(op) => format!("it applies `{op}`, not `=`"),
                    None => "it is not an equation".to_string(),
                };
                return Err(not_example(&why));
            }
        };
        let is_call = |n: &Node| n.head() == Some(self.name.as_str());
        let (call, result) = match (is_call(sides[0]), is_call(sides[1])) {
            (true, false) => (sides[0], sides[1]),
            (false, true) => (sides[1], sides[0]),
            (true, true) => return Err(not_example(&format!("both sides apply `{}`", self.name))),
            (false, false) => {
                return Err(not_example(&format!(
                    "neither side applies `{}`",
                    self.name
                )));
            }
        };
        let args = &call.list().unwrap_or_default()[1..];
        if args.len() != self.params.len() {
            return Err(LoadError::malformed(
                call.line,
                format!(
                    "`{}` takes {} but this example gives {}",
                    self.name,
                    count(self.params.len(), "argument"),
                    args.len()
                ),
            ));
        }
        let mut inputs = Vec::with_capacity(args.len());
        for (i, (arg, (param, ty))) in args.iter().zip(&self.params).enumerate() {
            match literal(arg, *ty, constants) {
                Some(value) => inputs.push(value),
                None if literal_type(arg, constants).is_some() => {
                    return Err(LoadError::malformed(
                        arg.line,
                        format!(
                            "argument {} (`{param}`) of `{}` is {} but this example gives `{arg}`",
                            i + 1,
                            self.name,
                            sort_name(*ty)
                        ),
                    ));
                }
                None => {
                    return Err(not_example(&format!(
                        "argument {} is `{arg}`, not a literal",
                        i + 1
                    )));
                }
            }
        }
        let output = match literal(result, self.output, constants) {
            Some(value) => value,
            None if literal_type(result, constants).is_some() => {
                return Err(LoadError::malformed(
                    result.line,
                    format!(
                        "`{}` returns {} but this example expects `{result}`",
                        self.name,
                        sort_name(self.output)
                    ),
                ));
            }
            None => {
                return Err(not_example(&format!(
                    "the result `{result}` is not a literal"
                )));
            }
        };
        Ok(Example { inputs, output })
    }
}

fn bad_param(fun: &str, index: usize, param: &Node) -> LoadError {
    LoadError::malformed(
        param.line,
        format!(
            "argument {} of synth-fun `{fun}` must be (NAME SORT), found `{param}`",
            index + 1
        ),
    )
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The SyGuS name of a sort, for messages.
fn sort_name(ty: Type) -> &'static str {
    match ty {
        Type::Str => "String",
        Type::Int => "Int",
        Type::Bool => "Bool",
        other => other.name(),
    }
}

/// The type a sort names (through `define-sort` aliases), when it is one we support.
fn sort_of(sort: &Node, aliases: &HashMap<String, Type>) -> Option<Type> {
    match sort.symbol()? {
        "String" => Some(Type::Str),
        "Int" => Some(Type::Int),
        "Bool" => Some(Type::Bool),
        other => aliases.get(other).copied(),
    }
}

/// The value of a literal of type `ty` as example text: a string's characters, an
/// integer's decimal form (`(- 5)` is `-5`), `true` or `false`. `None` when `node` is not
/// a literal of that type.
fn literal(node: &Node, ty: Type, constants: &HashMap<String, Literal>) -> Option<String> {
    let (value, found) = typed_literal(node, constants)?;
    (found == ty).then_some(value)
}

/// The type of `node` when it is a literal of any type.
fn literal_type(node: &Node, constants: &HashMap<String, Literal>) -> Option<Type> {
    typed_literal(node, constants).map(|(_, t)| t)
}

fn typed_literal(node: &Node, constants: &HashMap<String, Literal>) -> Option<Literal> {
    match &node.kind {
        NodeKind::Atom(Atom::Str(s)) => Some((s.clone(), Type::Str)),
        NodeKind::Atom(Atom::Int(n)) => Some((n.clone(), Type::Int)),
        NodeKind::Atom(Atom::Symbol(s)) => match s.as_str() {
            "true" | "false" => Some((s.clone(), Type::Bool)),
            name => constants.get(name).cloned(),
        },
        NodeKind::List(items) => match items.as_slice() {
            [minus, operand] if minus.symbol() == Some("-") => match &operand.kind {
                NodeKind::Atom(Atom::Int(n)) => Some((negate(n), Type::Int)),
                _ => None,
            },
            _ => None,
        },
    }
}

fn negate(n: &str) -> String {
    match n.strip_prefix('-') {
        Some(abs) => abs.to_string(),
        None if n == "0" => n.to_string(),
        None => format!("-{n}"),
    }
}

/// The string literals, then the integer literals, that the grammar's rules list as
/// productions, each once. `rest` is what follows the result sort in the synth-fun: empty
/// (no grammar), v1's rule list, or v2's non-terminal declarations and rule list.
fn grammar_constants(rest: &[Node]) -> Vec<String> {
    let Some(rules) = rest.last().and_then(Node::list) else {
        return Vec::new();
    };
    let no_constants = HashMap::new();
    let mut strings: Vec<String> = Vec::new();
    let mut ints: Vec<String> = Vec::new();
    for rule in rules {
        let Some([_, _, productions]) = rule.list() else {
            continue;
        };
        for production in productions.list().unwrap_or_default() {
            let (list, value) = match typed_literal(production, &no_constants) {
                Some((value, Type::Str)) => (&mut strings, value),
                Some((value, Type::Int)) => (&mut ints, value),
                _ => continue,
            };
            if !list.contains(&value) {
                list.push(value);
            }
        }
    }
    strings.extend(ints);
    strings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_task_with_int_argument_and_negative_literals() {
        let text = r#"
(set-logic SLIA)
(synth-fun f ((s String) (n Int)) Int
    ((Start Int) (ntString String))
    ((Start Int (n 0 1 (- 1) 1 (str.len ntString)))
     (ntString String (s "" " " "a""b"))))
(declare-var s String)
(constraint (= (f "ab" 3) 5))
(constraint (= (- 2) (f "" (- 4))))
(check-synth)
"#;
        let task = parse_sygus_str(text, "t").unwrap();
        assert_eq!(task.input_types, vec![Type::Str, Type::Int]);
        assert_eq!(task.output_type, Type::Int);
        assert_eq!(
            task.examples,
            vec![
                Example::new(["ab", "3"], "5"),
                Example::new(["", "-4"], "-2"),
            ]
        );
        assert_eq!(task.constants, vec!["", " ", "a\"b", "0", "1", "-1"]);
        assert_eq!(task.tags, vec!["sygus"]);
    }

    #[test]
    fn define_fun_constants_stand_for_literals() {
        let text = r#"
(synth-fun f ((s String)) Bool)
(define-fun greeting () String "hello")
(define-fun helper ((x String)) String (str.++ x x))
(constraint (= (f greeting) true))
(constraint (= false (f "bye")))
"#;
        let task = parse_sygus_str(text, "t").unwrap();
        assert_eq!(task.output_type, Type::Bool);
        assert_eq!(
            task.examples,
            vec![
                Example::new(["hello"], "true"),
                Example::new(["bye"], "false")
            ]
        );
    }

    #[test]
    fn type_mismatches_are_malformed() {
        let text = "(synth-fun f ((s String)) String)\n(constraint (= (f 5) \"x\"))\n";
        let err = parse_sygus_str(text, "t").unwrap_err();
        assert_eq!(err.kind, LoadErrorKind::Malformed);
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("is String"), "{err}");

        let text = "(synth-fun f ((s String)) Int)\n\n(constraint (= (f \"a\") \"x\"))\n";
        let err = parse_sygus_str(text, "t").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("returns Int"), "{err}");

        let text = "(synth-fun f ((s String)) Int)\n(constraint (= (f \"a\" \"b\") 1))\n";
        let err = parse_sygus_str(text, "t").unwrap_err();
        assert!(err.message.contains("takes 1 argument but"), "{err}");
    }

    #[test]
    fn unsupported_sorts_and_commands() {
        let err = parse_sygus_str("(synth-fun f ((b Bool)) String)", "t").unwrap_err();
        assert_eq!(err.kind, LoadErrorKind::Unsupported);
        assert!(err.message.contains("sort `Bool`"), "{err}");
        let err =
            parse_sygus_str("(synth-fun f ((x (_ BitVec 8))) (_ BitVec 8))", "t").unwrap_err();
        assert_eq!(err.kind, LoadErrorKind::Unsupported);
        let err = parse_sygus_str(
            "(synth-fun f ((x String)) String)\n(synth-inv g ((x Int)))",
            "t",
        )
        .unwrap_err();
        assert_eq!((err.kind, err.line), (LoadErrorKind::Unsupported, Some(2)));
        let err = parse_sygus_str("(set-logic SLIA)\n(check-synth)", "t").unwrap_err();
        assert!(err.message.contains("no synth-fun"), "{err}");
        let err = parse_sygus_str("(synth-fun f ((x String)) String)", "t").unwrap_err();
        assert!(err.message.contains("no constraints"), "{err}");
    }

    #[test]
    fn dialect_detection() {
        let v1_grammar = "((Start String (x \"a\\\"b\")))";
        let text = format!(
            "(synth-fun f ((x String)) String {v1_grammar})\n(constraint (= (f \"q\\\"\") \"\\\\\"))"
        );
        let task = parse_sygus_str(&text, "t").unwrap();
        assert_eq!(task.examples, vec![Example::new(["q\""], "\\")]);
        assert_eq!(task.constants, vec!["a\"b"]);

        // No grammar, but only the v1 reading balances: `"a\"` would end the v2 string early
        // and leave a quote open.
        let text = "(synth-fun f ((x String)) String)\n(constraint (= (f \"a\\\")\") \"b\"))";
        let task = parse_sygus_str(text, "t").unwrap();
        assert_eq!(task.examples, vec![Example::new(["a\")"], "b")]);
    }
}
