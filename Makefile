# racegraph: `make run` serves the demo, `make test` runs the whole suite against a real Neo4j.
# Every install step lives here, so a fresh machine needs nothing done by hand.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RG := $(VENV)/bin/racegraph
STAMP := $(VENV)/.installed
LAUNCHER_STAMP := graph/launcher/target/.built
LAUNCHER_SOURCES := graph/launcher/pom.xml $(shell find graph/launcher/src -name '*.java' 2>/dev/null)
SHARED ?= ../shared

.PHONY: help install launcher run test test-unit eval lint bench clean tools schema

help:
	@echo "make run    set up, start the embedded Neo4j, load examples/articles, serve http://127.0.0.1:8000"
	@echo "make test   the whole suite against a real Neo4j started by the tests"
	@echo "make eval   score the extractor on $(SHARED)/eval/dev"

# System tools: Java 17 and Maven build the Neo4j launcher. Installed from Debian when missing.
tools:
	@command -v java >/dev/null && command -v mvn >/dev/null || { \
	  echo "installing Java 17 and Maven from Debian's packages"; \
	  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven; }

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

$(LAUNCHER_STAMP): $(STAMP) $(LAUNCHER_SOURCES) | tools
	$(PY) -c "from graph.launcher.launcher import build_launcher; build_launcher(force=True)"
	touch $@

launcher: $(LAUNCHER_STAMP)

run: install launcher
	$(RG) serve --load examples/articles

test: install launcher
	$(PY) -m pytest

test-unit: install
	$(PY) -m pytest -m "not integration"

eval: install
	$(RG) eval $(SHARED)/eval/dev

# The committed SDL; tests/app/test_schema_docs.py fails when it is stale.
schema: install
	$(PY) -c "from app.graphql.schema import SCHEMA; open('schema.graphql', 'w').write(SCHEMA.as_str() + '\n')"

lint: install
	$(VENV)/bin/ruff check app graph nlp tests bench examples

bench: install launcher
	$(PY) bench/extract_speed.py

clean:
	rm -rf $(VENV) graph/launcher/target .pytest_cache
