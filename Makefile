# make build: every edition in raw/ into build/<stem>/ ; make test ; make lint ; make bench
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	@status=0; for input in raw/*; do \
		$(BIN)/python -m pipeline build "$$input" || status=$$?; \
	done; exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_pdf.py

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools bench

clean:
	rm -rf build
