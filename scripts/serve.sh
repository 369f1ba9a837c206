#!/usr/bin/env bash
# `make run`: start the gemfill gRPC service and show how to call it.
# Usage: scripts/serve.sh GEMFILL [extra `gemfill serve` flags...]
set -euo pipefail
gemfill=${1:-target/release/gemfill}
shift || true
listen=${GEMFILL_LISTEN:-127.0.0.1:50051}
cat <<EOF
gemfill: starting the gRPC service on $listen; Ctrl-C (or SIGTERM) stops it after
in-flight calls finish.

Call it with grpcurl (server reflection is on, so no .proto file is needed):

  grpcurl -plaintext $listen list
  grpcurl -plaintext -d '{"examples": [{"inputs": ["John Smith"], "output": "Smith, J."},
      {"inputs": ["Ada Lovelace"], "output": "Lovelace, A."}],
      "unlabeled": [{"inputs": ["Grace Hopper"]}]}' \\
    $listen gemfill.v1.Synthesizer/Synthesize
  grpcurl -plaintext -d '{"program": "case(token(x, Word, -1), upper)"}' \\
    $listen gemfill.v1.Synthesizer/Explain
  grpcurl -plaintext -d '{"service": "gemfill.v1.Synthesizer"}' $listen grpc.health.v1.Health/Check

or load-test it from another shell with the realistic task suite:

  $gemfill loadtest --target $listen --concurrency 8 --seconds 10

The API, field by field: proto/gemfill/v1/gemfill.proto. The CLI tour: make demo.

EOF
exec "$gemfill" serve --listen "$listen" "$@"
