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
WEB_STAMP := app/static/.built
WEB_SOURCES := web/package.json web/package-lock.json web/build.mjs $(shell find web/src -type f 2>/dev/null)

.PHONY: lock audit help install launcher run test test-unit eval lint bench clean tools schema node web chromium test-browser bench-render js-tests wrk bench-api bench-graph bench-abuse bench-feed bench-insights bench-home bench-bulk

help:
	@echo "make run    set up, start the embedded Neo4j, load examples/articles, serve http://127.0.0.1:8000"
	@echo "make test   the whole suite against a real Neo4j started by the tests"
	@echo "make eval   score the extractor on $(SHARED)/eval/dev and $(SHARED)/eval/train"

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

# pylock.toml (PEP 751) pins every Python package of `.[dev]` with its wheel hashes, as web/package-lock.json
# does for npm. `make lock` writes it again after a change to pyproject.toml; `make audit` checks it against
# the advisory databases (pip-audit, which needs the network: not on the offline build machine).
lock: install
	$(PY) -m pip lock '.[dev]' -o pylock.toml

audit: install
	$(PY) -m pip install -q 'pip-audit>=2.9'
	$(VENV)/bin/pip-audit --locked .

$(LAUNCHER_STAMP): $(STAMP) $(LAUNCHER_SOURCES) | tools
	$(PY) -c "from graph.launcher.launcher import build_launcher; build_launcher(force=True)"
	touch $@

launcher: $(LAUNCHER_STAMP)

# The browser assets: npm ci from the committed lockfile, then esbuild bundles web/src into app/static
# (built output, not committed): the graph views, <racegraph-view>, and GraphiQL for /graphql.
# Node.js and npm come from Debian's packages when missing.
node:
	@command -v npm >/dev/null || { \
	  echo "installing Node.js and npm from Debian's packages"; \
	  apt-get update -qq && apt-get install -y -qq nodejs npm; }

web/node_modules/.package-lock.json: web/package.json web/package-lock.json | node
	cd web && npm ci --no-audit --no-fund

$(WEB_STAMP): web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && node build.mjs
	touch $@

web: $(WEB_STAMP)

# npm packages the API conformance tests run (graphql-http audits, the graphql-ws client), from the lockfile.
JS_TESTS_STAMP := tests/js/node_modules/.package-lock.json

$(JS_TESTS_STAMP): tests/js/package-lock.json | node
	cd tests/js && npm ci --no-audit --no-fund

js-tests: $(JS_TESTS_STAMP)

# Debian's Chromium for the browser tests; Playwright drives it and never downloads a browser.
chromium:
	@test -x /usr/bin/chromium || { \
	  echo "installing Chromium from Debian's packages"; \
	  apt-get update -qq && apt-get install -y -qq chromium; }

run: install launcher web
	$(RG) serve --load examples/articles

test: install launcher web chromium js-tests
	$(PY) -m pytest

test-browser: install launcher web chromium
	$(PY) -m pytest -m browser

test-unit: install
	$(PY) -m pytest -m "not integration"

eval: install
	$(RG) eval $(SHARED)/eval/dev
	$(RG) eval $(SHARED)/eval/train

# The committed SDL; tests/app/test_schema_docs.py fails when it is stale.
schema: install
	$(PY) -c "from app.graphql.schema import SCHEMA; open('schema.graphql', 'w').write(SCHEMA.as_str() + '\n')"

lint: install
	$(VENV)/bin/ruff check app graph nlp tests bench examples
	$(VENV)/bin/mypy

bench: install launcher
	$(PY) bench/extract_speed.py

bench-render: install web chromium
	$(PY) bench/render_speed.py

# wrk, the load generator of bench/load_test.py, from Debian's packages when missing.
wrk:
	@command -v wrk >/dev/null || { \
	  echo "installing wrk from Debian's packages"; \
	  apt-get update -qq && apt-get install -y -qq wrk; }

# GraphQL latency on a synthetic 100k-entity graph, then a 60 s load on loopback (figures in BENCHMARKS.md).
# The graph is written once into data/bench-api and reused by the second script and later runs.
bench-api: install launcher wrk
	$(PY) -m bench.graphql_latency --data-dir data/bench-api
	$(PY) -m bench.load_test --data-dir data/bench-api

# Communities (cold, cached), PageRank (cold) and trends over GraphQL on bench-api's 100k-entity graph, reused
# from data/bench-api (written first when missing). Figures in BENCHMARKS.md.
bench-insights: install launcher
	$(PY) -m bench.insights --data-dir data/bench-api

# The home page in headless Chromium until its chart and blocs are drawn, on bench-api's 100k-entity graph (reused
# from data/bench-api, written first when missing): cold servers, then loads with the blocs cached (BENCHMARKS.md).
bench-home: install launcher web chromium
	$(PY) -m bench.home_ready --data-dir data/bench-api

# Write path (batched vs one transaction per claim), then end to end with growth to 100k (BENCHMARKS.md).
# Issue 13's attacks in bounded loops on loopback, then 60 s of 32 clients mixing them with the analyst mix.
bench-abuse: install launcher
	$(PY) -m bench.abuse --data-dir data/bench-abuse

# Items/s from a local feed of 1,000 pages through `watch --once`, and the share of time per stage (BENCHMARKS.md).
bench-feed: install launcher
	$(PY) -m bench.feed_ingest --items 1000

# The peer of issue 17 (@neo4j/graphql + Apollo Server, Node) from its own lockfile; never part of `make test`.
PEER_STAMP := bench/peer/node_modules/.package-lock.json
.PHONY: peer bench-peer

$(PEER_STAMP): bench/peer/package.json bench/peer/package-lock.json | node
	cd bench/peer && npm ci --no-audit --no-fund

peer: $(PEER_STAMP)

# racegraph, the peer and the Cypher floor on bench-api's graph (written first when missing), answers
# checked equal, interleaved rounds with 1 and 8 clients (BENCHMARKS.md).
bench-peer: install launcher peer
	$(PY) -m bench.peer.run --data-dir data/bench-api

bench-graph: install launcher
	$(PY) -m bench.write_speed
	$(PY) -m bench.ingest_speed --articles 10000 --workers 1,2 --grow 100000

# A first load of 10,000 pre-extracted articles through neo4j-admin import (racegraph bulk-load) against
# the transactional batched path, same rows, same graph checked (BENCHMARKS.md).
bench-bulk: install launcher
	$(PY) -m bench.bulk_load --articles 10000

clean:
	rm -rf $(VENV) graph/launcher/target .pytest_cache app/static web/node_modules
