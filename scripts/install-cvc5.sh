#!/usr/bin/env bash
# Installs cvc5, the SyGuS solver the benchmark runner compares gemfill with, from Debian's
# `cvc5` package (1.0.3 on bookworm, the version benchmarks/peer-cvc5-1.0.3.tsv was measured
# with). Idempotent: when cvc5 is already on PATH it only says where it is.
#
# Works as root, or as another user through sudo when sudo is available. `apt-get update`
# runs only when apt does not know the package yet, so a second run touches no network.
set -euo pipefail

report() {
    local bin version
    bin=$(command -v cvc5)
    # No pipe into head: under pipefail an early-closed pipe would count as a failure.
    version=$("$bin" --version 2>/dev/null) || version="version unknown"
    echo "install-cvc5: cvc5 is $bin (${version%%$'\n'*})"
}

if command -v cvc5 >/dev/null 2>&1; then
    report
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-cvc5: cvc5 is not installed and apt-get is not available here;" >&2
    echo "install-cvc5: install cvc5 1.0.3 (https://cvc5.github.io) and put it on PATH." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    # -n: fail instead of hanging on a password prompt in CI or a non-interactive shell.
    as_root=(sudo -n)
else
    echo "install-cvc5: cvc5 is not installed, this is not root and sudo is missing;" >&2
    echo "install-cvc5: as root run: apt-get install -y cvc5" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# apt-cache prints "Candidate: (none)" (or nothing) when no package list offers cvc5.
has_candidate() {
    local candidate
    candidate=$(apt-cache policy cvc5 2>/dev/null | awk '/Candidate:/ {print $2}')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

if ! has_candidate; then
    echo "install-cvc5: package cvc5 not in the apt lists; running apt-get update"
    "${as_root[@]}" apt-get update -q
    if ! has_candidate; then
        echo "install-cvc5: no apt source offers the cvc5 package (it is in Debian 12 bookworm and later)." >&2
        exit 1
    fi
fi

"${as_root[@]}" apt-get install -y -q --no-install-recommends cvc5

if ! command -v cvc5 >/dev/null 2>&1; then
    echo "install-cvc5: apt-get installed cvc5 but it is not on PATH (PATH=$PATH)." >&2
    exit 1
fi
report
