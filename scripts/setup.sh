#!/usr/bin/env bash
# Checks (and where possible installs) what building gemfill needs. Idempotent: a second
# run does nothing but check. The machine image provides the Rust toolchain (rustup).
set -euo pipefail

if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
        echo "setup: cargo is in ~/.cargo/bin but not on PATH; add it: export PATH=\"\$HOME/.cargo/bin:\$PATH\"" >&2
    else
        echo "setup: cargo not found. Install Rust with rustup (https://rustup.rs), then rerun." >&2
    fi
    exit 1
fi

need_version=1.95
have_version=$(rustc --version | awk '{print $2}')
if [ "$(printf '%s\n%s\n' "$need_version" "$have_version" | sort -V | head -n1)" != "$need_version" ]; then
    echo "setup: rustc $have_version is older than $need_version; run 'rustup update'." >&2
    exit 1
fi

for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        rustup component add "$component"
    fi
done

# `gemfill export --to python` is tested by running the exported code with python3
# (standard library only).
if ! command -v python3 >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo_if_needed=""
        [ "$(id -u)" = 0 ] || sudo_if_needed="sudo"
        $sudo_if_needed apt-get update -qq && $sudo_if_needed apt-get install -y -qq python3
    else
        echo "setup: python3 not found; install Python 3 and rerun." >&2
        exit 1
    fi
fi
