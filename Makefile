# The README's commands. `make serve` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PNI    := $(BIN)/pni
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Two server processes: twice the requests/s of one under load on 2 cores (eval/reports/bench.md).
WORKERS ?= 2
CORPUS ?= corpus
# Extra arguments for the report commands, e.g. `make eval EVAL_ARGS="--systems assistant"` or
# `make bench BENCH_ARGS=--smoke` (the tests run each README command this way, in seconds).
EVAL_ARGS ?=
BENCH_ARGS ?=
RELIABILITY_ARGS ?=
# torch first, CPU build: a bare `torch` requirement would pull several GB of CUDA packages.
TORCH  ?= torch==2.13.0
# `make test-lowest`: the lowest version pyproject.toml allows of every direct dependency, in a venv of its own.
LOWEST ?= .venv-lowest
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install install-dev browser serve ingest test test-lowest eval bench reliability lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

ingest: install
	$(PNI) ingest $(CORPUS)

serve: install
	@$(PNI) status >/dev/null 2>&1 || $(PNI) ingest $(CORPUS)
	$(PNI) serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

# The page tests drive Debian's Chromium (Playwright cannot download a browser here); the benchmark's
# smoke test drives Debian's wrk.
browser:
	@{ test -x /usr/bin/chromium && command -v wrk >/dev/null; } || { echo "installing Debian's chromium and wrk for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk >/dev/null; } \
	  || { echo "could not install chromium and wrk: run 'sudo apt-get install chromium wrk' and retry" >&2; exit 1; }

test: install-dev browser
	$(BIN)/ruff check ingest index api web eval tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Are the lower bounds in pyproject.toml true? The lowest version allowed of every direct dependency (the dev
# extra and the extras it pulls too) beside the CPU torch, then `make test`'s checks less the `model` tests.
test-lowest: $(LOWEST)/.installed
	$(LOWEST)/bin/ruff check ingest index api web eval tests
	$(LOWEST)/bin/mypy
	$(LOWEST)/bin/python -m pytest -m "not model" -q -p no:cacheprovider

# A new venv whenever pyproject.toml changes: uv keeps an installed version that meets a bound, so an old venv
# would not test the lowest ones. The installed torch is pinned, so uv cannot swap it for a CUDA build.
$(LOWEST)/.installed: pyproject.toml
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip uv
	$(LOWEST)/bin/python -m pip install --quiet $(TORCH)
	$(LOWEST)/bin/python -m pip freeze | grep '^torch==' > $(LOWEST)/torch.txt
	$(LOWEST)/bin/uv pip install --python $(LOWEST)/bin/python --resolution lowest-direct \
	  --constraint $(LOWEST)/torch.txt -e '.[dev]'
	touch $@

# Every system side by side on the gold set; writes eval/reports/latest.md and latest.png.
eval: install
	@$(PNI) status >/dev/null 2>&1 || $(PNI) ingest $(CORPUS)
	$(PNI) eval $(EVAL_ARGS)

# Start-up, query latency, load, ingest, encoding routes and FAISS at scale; writes eval/reports/bench.md.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null || { echo "installing Debian's wrk for the load test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@$(PNI) status >/dev/null 2>&1 || $(PNI) ingest $(CORPUS)
	$(BIN)/python -m eval.bench $(BENCH_ARGS)

# Sustained load, overload, long fuzz, SIGKILL during ingest, damaged index; writes eval/reports/reliability.md.
reliability: install-dev browser
	@$(PNI) status >/dev/null 2>&1 || $(PNI) ingest $(CORPUS)
	$(BIN)/python -m eval.reliability $(RELIABILITY_ARGS)

lint: install-dev
	$(BIN)/ruff check ingest index api web eval tests
	$(BIN)/ruff format --check ingest index api web eval tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache .mypy_cache .ruff_cache
