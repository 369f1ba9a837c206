#!/usr/bin/env bash
# `make demo`: a short tour of gemfill through its command line.
set -euo pipefail
gemfill=${1:-target/release/gemfill}
show() { printf '\n$ %s\n' "$*"; "$@" || true; }

echo "gemfill: programs from input/output examples."
show "$gemfill" synth -e 'John Smith => Smith, J.' -e 'Ada Lovelace => Lovelace, A.' \
    -u 'Grace Hopper' -u 'José Álvarez' --timeout-ms 5000
show "$gemfill" synth -e '2024-03-15 => March 15, 2024' -e '1999-12-01 => December 1, 1999' \
    -u '2031-07-04' --timeout-ms 5000
show "$gemfill" run 'concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")' --input 'José Álvarez'
show "$gemfill" run 'map(x, Word, concat(sub(w, 0, 1), "."), "")' --input 'John Ronald Reuel Tolkien'
show "$gemfill" run 'concatt(x, "!")' --input 'oops'
printf '\nMore: %s --help, and the language reference in dsl/README.md.\n' "$gemfill"
