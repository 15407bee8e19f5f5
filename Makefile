# The two set-up commands of the README: `make demo` and `make test` (and `make eval`, the full
# development set over the whole corpus, which make test only samples).
# Both create ./.venv, install torch's local CPU build first (pinned in constraints.txt),
# then this project with its lower-bounded dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: demo test eval lint typecheck bench install services clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q --disable-pip-version-check -r constraints.txt
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Redis and PostgreSQL, which the replica tests start on 127.0.0.1 (needed by `make test`,
# not by `make demo`), and docker-compose, which
# checks deploy/docker-compose.yml (Debian's packages; through sudo unless run as root).
# Idempotent: apt-get runs only when one is missing. The tests fail, naming the package, if one
# is still missing.
PG_CTL := $(firstword $(wildcard /usr/lib/postgresql/*/bin/pg_ctl))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
services:
	@if ! command -v redis-server >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 \
		|| [ -z "$(PG_CTL)" ]; then \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install \
			-y -q --no-install-recommends redis-server postgresql docker-compose; \
	fi

demo: install
	$(BIN)/minutes-bot index samples/minutes
	$(BIN)/minutes-bot ask "Who is to report back on the library opening hours review?"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# Two workers (2 cores), a file's tests on one worker so module-scoped fixtures are built once;
# then the load test on its own, since another worker starving it of CPU is not what it measures.
test: lint typecheck services
	$(BIN)/pytest -q -n 2 --dist loadfile -m "not alone" --durations=25
	$(BIN)/pytest -q -m alone

# The whole development set over the whole shared corpus (../shared beside the checkout), beside
# the dense-only and BM25-only baselines: about a quarter of an hour on 2 cores, most of it indexing;
# a second run embeds only text not yet in the index. make test evaluates a subset of it (see
# tests/bot/eval/test_eval_dev_set.py); run this for every change to how answers are chosen
# and reported. Kent's minutes are indexed as text only, the copy the questions point at.
EVAL_DIR := .minutes-bot-eval
SHARED := ../shared
eval: install
	$(BIN)/minutes-bot index --data-dir $(EVAL_DIR) --no-progress $(SHARED)/seeds \
		$(SHARED)/corpus/kent-county-council/text $(SHARED)/corpus/london-ontario \
		$(SHARED)/corpus/portland
	$(BIN)/minutes-bot eval $(SHARED)/eval/dev.jsonl --data-dir $(EVAL_DIR)

# Figures beside a baseline measured in the same run (see bench/): parse speed per corpus folder,
# then retrieval latency and memory over an index of the bundled samples.
BENCH_DIR := .minutes-bot-bench
bench: install
	$(BIN)/python bench/parse_corpus.py
	$(BIN)/minutes-bot index --data-dir $(BENCH_DIR) --no-progress samples/minutes
	$(BIN)/python bench/retrieval.py --data-dir $(BENCH_DIR)

clean:
	rm -rf $(VENV) .minutes-bot $(BENCH_DIR) $(EVAL_DIR)
