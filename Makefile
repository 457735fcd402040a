# policykg: `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-output
STORE := $(DEMO_DIR)/store

# README pictures in docs/img/ (needs Graphviz): `make pictures`
.PHONY: pictures setup docs demo test lint context bench bench-virtuoso bench-extras ingest-linearity fuzz clean

$(BIN)/policykg: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/policykg

docs: setup
	$(BIN)/python -m policykg.site.model_page docs/ontology.html

demo: setup
	rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(BIN)/policykg ingest --quiet --store $(STORE) examples/corpus
	$(BIN)/policykg curate --store $(STORE) examples/curation/corpus.csv
	$(BIN)/policykg stats --store $(STORE)
	$(BIN)/policykg eval tests/gold
	$(BIN)/policykg query citations --store $(STORE) --param doc=kst-30950-319
	$(BIN)/policykg trace kst-30950-295 --store $(STORE)
	$(BIN)/policykg trace "debat 2020-07-01" --store $(STORE)
	$(BIN)/policykg query timeline --store $(STORE) --param concept=Staatscommissie
	$(BIN)/policykg trace kst-30950-293 --store $(STORE) --format dot > $(DEMO_DIR)/trace-kst-30950-293.dot
	$(BIN)/python -m pip install --quiet -e '.[plots]'
	$(BIN)/policykg plot timeline --store $(STORE) --concept Staatscommissie --output $(DEMO_DIR)/timeline-staatscommissie.png
	@if command -v dot >/dev/null; then \
		$(BIN)/policykg plot network --store $(STORE) --dossier 30950 --output $(DEMO_DIR)/network-30950.svg && \
		$(BIN)/policykg plot network --store $(STORE) --dossier 30950 --output $(DEMO_DIR)/network-30950.png && \
		$(BIN)/policykg trace kst-30950-295 --store $(STORE) --format svg > $(DEMO_DIR)/trace-kst-30950-295.svg; \
	else echo "Graphviz not installed (apt-get install graphviz): network and trace pictures skipped"; fi
	$(BIN)/policykg validate --store $(STORE) --limit 10
	$(BIN)/policykg export --store $(STORE) --format turtle --output $(DEMO_DIR)/policykg.ttl
	$(BIN)/policykg export --store $(STORE) --format jsonld --output $(DEMO_DIR)/policykg.jsonld
	$(BIN)/policykg export --store $(STORE) --format graphml --output $(DEMO_DIR)/citations.graphml
	$(BIN)/policykg export --store $(STORE) --format gexf --output $(DEMO_DIR)/citations.gexf
	$(BIN)/policykg export --store $(STORE) --format csv --output $(DEMO_DIR)/csv
	@echo "Exports written to $(DEMO_DIR)/"

pictures: demo
	cp $(DEMO_DIR)/network-30950.png $(DEMO_DIR)/timeline-staatscommissie.png docs/img/
	$(BIN)/policykg trace kst-30950-295 --store $(STORE) --format dot | dot -Tpng > docs/img/trace-kst-30950-295.png

test: setup lint
	$(BIN)/python -m pytest -q

# ruff, and mypy through the installed layout (tests/typecheck.py)
# The JSON-LD context, generated from the ontology (run after changing ontology/policykg.ttl).
context: setup
	$(BIN)/python -m policykg.graph.jsonld

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python -m tests.typecheck

# The scale benchmark at 1,000 documents, policykg and the rdflib + pySHACL stack on the
# same documents (under two minutes); bench-virtuoso adds the same queries on a Virtuoso
# server started for the run (skipped where virtuoso-t is missing). Other sizes:
#   .venv/bin/python benchmarks/scale.py --documents 100000
BENCH = $(BIN)/python benchmarks/scale.py --documents 1000 --single-core-max 250 --plain-timeout 3
bench: setup
	$(BENCH)

bench-virtuoso: setup
	$(BENCH) --virtuoso

# The store choice and the extractor's throughput on hostile text.
bench-extras: setup
	$(BIN)/python benchmarks/store_choice.py
	$(BIN)/python benchmarks/extraction_throughput.py --megabytes 10

# Time per MB of `policykg ingest` for one text file of 1, 5, 10, 25 and 50 MB (about 5 minutes).
ingest-linearity: setup
	$(BIN)/python benchmarks/ingest_linearity.py

# Fuzz the extractor and the loaders: 1,000,000 inputs in all (about 6 minutes on 2 cores);
# fewer with `make fuzz FUZZ_INPUTS=20000`. Crashing and slowest inputs go to build/fuzz/.
FUZZ_INPUTS ?= 1000000
fuzz: setup
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python -m tests.fuzz --inputs $(FUZZ_INPUTS)

clean:
	rm -rf $(VENV) $(DEMO_DIR) *.egg-info .pytest_cache build
