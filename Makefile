# `make run` and `make test` set everything up on a fresh machine: a .venv in the repo
# root with CPU-only torch (the pinned version resolves to a local CPU build) and the
# project with its test extras. Nothing is fetched from a model hub.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install run index index-real run-real test test-fast test-real-llm lint format eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Incremental: unchanged files are skipped, so this is quick when the index is current.
# Exit code 2 means some file failed; the others are indexed and the run goes on.
index: install
	$(PY) -m assistant ingest || [ $$? -eq 2 ]

# The main job: the gradio workspace on http://127.0.0.1:7860
run: index
	$(PY) -m assistant serve

# The seeds plus the real public documents beside the checkout in one index of its own
# (the first build takes minutes on two cores; later runs only read what changed).
# `make run-real` serves it; so does `python -m assistant serve --index-dir indexes/real`.
REAL_DOCS  ?= ../shared/real-corpus/docs
REAL_INDEX ?= indexes/real
index-real: install
	$(PY) -m assistant ingest --index-dir $(REAL_INDEX) corpus $(REAL_DOCS) || [ $$? -eq 2 ]

run-real: index-real
	$(PY) -m assistant serve --index-dir $(REAL_INDEX)

# Every tier: unit (fake embedder), integration (real models, one shared index) and system
# (CLI subprocesses, browser, crash, bench, Chroma server).
test: install
	$(PY) -m pytest -q

# The fast tiers only: unit and integration, under a minute.
test-fast: install
	$(PY) -m pytest -q -m "not system"

# Generative mode against a real small model (Gemma 3 270M GGUF from the package registry)
# behind llama.cpp's OpenAI-compatible server (the prebuilt xllamacpp wheel); also part of
# `make test`. Prints what the model wrote.
test-real-llm: install
	$(PY) -m pytest -q -s tests/system/test_llm_real.py

lint: install
	$(VENV)/bin/ruff check assistant tests eval
	$(VENV)/bin/ruff format --check assistant tests eval

format: install
	$(VENV)/bin/ruff format assistant tests eval
	$(VENV)/bin/ruff check --fix assistant tests eval

eval: index
	$(PY) -m assistant eval

bench: install
	$(PY) -m assistant bench

clean:
	rm -rf indexes .pytest_cache
