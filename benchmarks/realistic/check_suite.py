#!/usr/bin/env python3
"""Validate the format of a gemfill JSON Lines task suite (DESIGN.md section 5).

Usage:
    python3 check_suite.py [SUITE.jsonl] [--min-tasks N] [--quiet]

With no file, checks realistic.jsonl next to this script. Python 3 standard library only.

Rules (each violation is reported with its line number; the exit status is 1 if any):
  * every non-blank line is one JSON object; the file is UTF-8 and every string is in
    Unicode NFC (gemfill counts characters, so a decomposed "é" would change indices);
  * fields: "name", "examples", "tests", "tags" and "description" are required; "noise"
    is the only other field allowed (a documented extension, see README.md);
  * "name" is "category/short-description" (lower case, digits and dashes) and unique in
    the file; its category is one of the task's tags;
  * 2 to 5 examples and at least 4 held-out tests, each {"inputs": [str, ...], "output": str}
    with at least one input and the same number of inputs in every example and test;
  * "tags" is a non-empty list of distinct non-empty strings;
  * no two examples (and no two tests) share their inputs, and no test has the inputs of an
    example (a held-out test that repeats an example proves nothing);
  * a task tagged "noisy" has "noise": [i] naming exactly one example index (0-based) of a
    deliberately wrong output; a task not tagged "noisy" has no "noise" field;
  * the file has at least --min-tasks tasks (default 110).
"""
import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter

REQUIRED = ("name", "examples", "tests", "tags", "description")
OPTIONAL = ("noise",)
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_EXAMPLES, MAX_EXAMPLES, MIN_TESTS = 2, 5, 4


def strings_in(value):
    """Every string inside a JSON value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)


def check_rows(rows, what, errors):
    """Checks a list of examples or tests; returns their input tuples (None if malformed)."""
    keys = []
    if not isinstance(rows, list):
        errors.append(f'"{what}" must be a list')
        return None
    for i, row in enumerate(rows):
        label = f"{what}[{i}]"
        if not isinstance(row, dict):
            errors.append(f"{label} must be an object")
            keys.append(None)
            continue
        extra = set(row) - {"inputs", "output"}
        if extra:
            errors.append(f"{label} has unknown field(s) {sorted(extra)}")
        inputs, output = row.get("inputs"), row.get("output")
        if not isinstance(inputs, list) or not inputs or not all(isinstance(s, str) for s in inputs):
            errors.append(f'{label}: "inputs" must be a non-empty list of strings')
            keys.append(None)
            continue
        if not isinstance(output, str):
            errors.append(f'{label}: "output" must be a string')
        keys.append(tuple(inputs))
    return keys


def check_task(task, errors):
    """Appends every problem of one task to errors; returns (name, category) or None."""
    if not isinstance(task, dict):
        errors.append("a line must hold a JSON object")
        return None
    missing = [f for f in REQUIRED if f not in task]
    if missing:
        errors.append(f"missing field(s) {missing}")
    unknown = sorted(set(task) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        errors.append(f"unknown field(s) {unknown}")

    name = task.get("name")
    category = None
    if not isinstance(name, str) or not NAME_RE.match(name):
        errors.append(f'"name" must look like "category/short-description", got {name!r}')
    else:
        category = name.split("/")[0]

    desc = task.get("description")
    if "description" in task and (not isinstance(desc, str) or not desc.strip()):
        errors.append('"description" must be a non-empty string')

    tags = task.get("tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t.strip() for t in tags):
        errors.append('"tags" must be a non-empty list of non-empty strings')
        tags = []
    elif len(set(tags)) != len(tags):
        errors.append(f'"tags" repeats a tag: {tags}')
    if category and tags and category not in tags:
        errors.append(f'the category "{category}" is not among the tags {tags}')

    examples = task.get("examples", [])
    tests = task.get("tests", [])
    ex_keys = check_rows(examples, "examples", errors)
    te_keys = check_rows(tests, "tests", errors)
    if isinstance(examples, list) and not MIN_EXAMPLES <= len(examples) <= MAX_EXAMPLES:
        errors.append(f"{len(examples)} examples; expected {MIN_EXAMPLES} to {MAX_EXAMPLES}")
    if isinstance(tests, list) and len(tests) < MIN_TESTS:
        errors.append(f"{len(tests)} tests; expected at least {MIN_TESTS}")

    if ex_keys is not None and te_keys is not None:
        widths = {len(k) for k in ex_keys + te_keys if k is not None}
        if len(widths) > 1:
            errors.append(f"inconsistent column counts {sorted(widths)} across examples and tests")
        for label, keys in (("examples", ex_keys), ("tests", te_keys)):
            seen = [k for k in keys if k is not None]
            for k, n in Counter(seen).items():
                if n > 1:
                    errors.append(f"{label} repeat the inputs {list(k)}")
        shared = set(k for k in ex_keys if k is not None) & set(k for k in te_keys if k is not None)
        for k in sorted(shared):
            errors.append(f"a test repeats the inputs of an example: {list(k)}")

    noisy = "noisy" in tags
    noise = task.get("noise")
    if noisy:
        n_ex = len(examples) if isinstance(examples, list) else 0
        if not (isinstance(noise, list) and len(noise) == 1 and isinstance(noise[0], int)
                and not isinstance(noise[0], bool) and 0 <= noise[0] < n_ex):
            errors.append(f'a "noisy" task needs "noise": [i] with one example index 0..{n_ex - 1}, got {noise!r}')
    elif "noise" in task:
        errors.append('"noise" is only allowed on tasks tagged "noisy"')

    for s in strings_in(task):
        if not unicodedata.is_normalized("NFC", s):
            errors.append(f"string {s!r} is not in Unicode NFC")
    return (name, category) if isinstance(name, str) else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Validate a gemfill JSON Lines task suite.")
    ap.add_argument("suite", nargs="?", default=os.path.join(here, "realistic.jsonl"))
    ap.add_argument("--min-tasks", type=int, default=110)
    ap.add_argument("--quiet", action="store_true", help="print only errors and the verdict")
    args = ap.parse_args()

    problems = []
    names = {}
    categories = Counter()
    noisy = 0
    tasks = 0
    try:
        with open(args.suite, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        print(f"{args.suite}: cannot read: {e}")
        return 1
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        errors = []
        try:
            task = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{args.suite}:{line_no}: invalid JSON: {e}")
            continue
        tasks += 1
        result = check_task(task, errors)
        label = f"{args.suite}:{line_no}"
        if result:
            name, category = result
            label += f" ({name})"
            if name in names:
                errors.append(f"name already used on line {names[name]}")
            else:
                names[name] = line_no
            if category:
                categories[category] += 1
            if isinstance(task, dict) and "noisy" in task.get("tags", []):
                noisy += 1
        problems.extend(f"{label}: {e}" for e in errors)
    if tasks < args.min_tasks:
        problems.append(f"{args.suite}: {tasks} tasks; expected at least {args.min_tasks}")

    for p in problems:
        print(p)
    if not args.quiet:
        print(f"{tasks} tasks, {noisy} tagged noisy")
        for category, n in sorted(categories.items()):
            print(f"  {category:<14} {n}")
    print("OK" if not problems else f"FAILED: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
