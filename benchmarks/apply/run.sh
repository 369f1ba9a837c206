#!/usr/bin/env bash
# The `gemfill apply` throughput benchmark of benchmarks/RESULTS.md (## apply throughput):
# generates 1M- and 10M-row CSVs (not kept in the repository), then applies one program
# with --jobs 1 and --jobs 2 side by side, recording wall time, CPU time and peak memory
# (max RSS from /usr/bin/time -v). Usage: benchmarks/apply/run.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/gemfill-apply-bench}
mkdir -p "$work"
gemfill=target/release/gemfill
[ -x "$gemfill" ] || cargo build --release -p gemfill
program='concat(token(x, Word, -1), ", ", sub(x, 0, 1), ".")'
for rows in 1000000 10000000; do
    [ -f "$work/$rows.csv" ] || python3 benchmarks/apply/generate.py "$rows" "$work/$rows.csv"
done
printf '| rows | --jobs | wall s | rows/s (wall) | user+sys s | rows per CPU-second | max RSS MiB |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
for rows in 1000000 10000000; do
    for jobs in 1 2; do
        /usr/bin/time -v "$gemfill" apply "$program" --input "$work/$rows.csv" --column name \
            --as cited --jobs "$jobs" --out "$work/out.csv" 2> "$work/time.txt"
        wall=$(grep -oP '^\d+ row\(s\) in \K[0-9.]+' "$work/time.txt")
        user=$(grep -oP 'User time \(seconds\): \K[0-9.]+' "$work/time.txt")
        sys=$(grep -oP 'System time \(seconds\): \K[0-9.]+' "$work/time.txt")
        rss=$(grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$work/time.txt")
        awk -v r="$rows" -v j="$jobs" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
            printf "| %d | %d | %.2f | %.0f | %.2f | %.0f | %.1f |\n", r, j, w, r / w, u + s, r / (u + s), m / 1024 }'
    done
done
rm -f "$work/out.csv"
