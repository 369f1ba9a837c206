//! Short and long variants of one SyGuS task.
//!
//! The 2017-2018 PBE strings track ships several tasks in variants named after a base:
//! `phone-1` (a few examples), `phone-1_short` or `bikes_small` (the same examples with a
//! smaller grammar), `phone-1-long` (many more examples of the same function) and
//! `phone-1-long-repeat` (the long examples with repetitions). Synthesizing from a short
//! variant and testing the program on the long one's examples measures generalization.
use crate::task::Task;

/// Suffixes of the short variants, after the base name.
const SHORT_SUFFIXES: &[&str] = &["_short", "-short", "_small", "-small"];
/// Suffixes of the long variants, in order of preference.
const LONG_SUFFIXES: &[&str] = &["-long", "-long-repeat"];

/// The base name of a task that has short-variant naming: `from_2018/phone-1` for
/// `from_2018/phone-1_short`, `from_2018/bikes` for `from_2018/bikes_small`, the name itself
/// for a base task, and `None` for a long variant.
pub fn short_base_name(name: &str) -> Option<&str> {
    if LONG_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return None;
    }
    let base = SHORT_SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name);
    (!base.is_empty()).then_some(base)
}

/// The long variant of `short` among `tasks`: for a task named `B`, `B_short`, `B-short`,
/// `B_small` or `B-small`, the task `B-long`, else `B-long-repeat`. `None` when `short` is
/// itself a long variant or no such task is present.
pub fn long_sibling<'a>(tasks: &'a [Task], short: &Task) -> Option<&'a Task> {
    let base = short_base_name(&short.name)?;
    LONG_SUFFIXES.iter().find_map(|suffix| {
        let wanted = format!("{base}{suffix}");
        tasks.iter().find(|t| t.name == wanted)
    })
}

/// Every task of `tasks` that has a long sibling, paired with it, in the order of `tasks`.
pub fn short_long_pairs(tasks: &[Task]) -> Vec<(&Task, &Task)> {
    tasks
        .iter()
        .filter_map(|t| long_sibling(tasks, t).map(|long| (t, long)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemfill_dsl::Example;

    fn task(name: &str) -> Task {
        Task::new(name, vec![Example::new(["a"], "b")])
    }

    #[test]
    fn naming_convention() {
        let names = [
            "d/phone",
            "d/phone_short",
            "d/phone-long",
            "d/phone-long-repeat",
            "d/bikes_small",
            "d/bikes-long-repeat",
            "d/univ_1_short",
            "d/univ_1-long",
            "d/lonely_short",
        ];
        let tasks: Vec<Task> = names.iter().map(|n| task(n)).collect();
        let long = |n: &str| long_sibling(&tasks, &task(n)).map(|t| t.name.as_str());
        assert_eq!(long("d/phone"), Some("d/phone-long"));
        assert_eq!(long("d/phone_short"), Some("d/phone-long"));
        assert_eq!(long("d/phone-long"), None);
        assert_eq!(long("d/phone-long-repeat"), None);
        assert_eq!(long("d/bikes_small"), Some("d/bikes-long-repeat"));
        assert_eq!(long("d/univ_1_short"), Some("d/univ_1-long"));
        assert_eq!(long("d/lonely_short"), None);
        assert_eq!(short_long_pairs(&tasks).len(), 4);
    }
}
