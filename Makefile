# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench eval lint lock clean sync-shared browser

run: $(STAMP)
	$(BIN)/extract run corpus/ --out outputs/

test: $(STAMP)
	$(BIN)/python -m pytest --slow

# Debian's Chromium and its driver, for the report's browser tests (needs root; CI runs it).
browser:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium chromium-driver >/dev/null; }

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# Scores on the development gold and sets, the held-out sets and the conformance suites.
SETS := $(notdir $(wildcard tests/data/dev* tests/data/holdout*))
eval: $(STAMP)
	-$(BIN)/extract run corpus/ --out outputs/
	$(BIN)/extract eval outputs tests/data/gold
	for set in $(SETS); do \
		$(BIN)/extract run tests/data/$$set/corpus --out outputs/$$set >/dev/null; \
		echo; $(BIN)/extract eval outputs/$$set tests/data/$$set || exit 1; \
	done
	@echo
	$(BIN)/extract eval --conformance tests/data/conformance

lint: $(STAMP)
	$(BIN)/ruff check extract tests bench
	$(BIN)/ruff format --check extract tests bench

# The lock pins every package with its hashes, the spaCy model included.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

# Re-resolve the lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install -q uv
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --extra dask --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.duckdb outputs/texts

# Refresh the copies of ../shared (sample articles, gold, conformance cases, spec).
SHARED ?= ../shared
sync-shared:
	cp $(SHARED)/corpus/*.txt corpus/
	cp $(SHARED)/gold/* tests/data/gold/
	cp $(SHARED)/conformance/* tests/data/conformance/
	cp $(SHARED)/spec/OUTPUTS.md $(SHARED)/spec/CONVENTIONS.md docs/
