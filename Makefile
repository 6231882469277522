# make build: every edition in raw/ into build/<stem>/ ; make test ; make lint ; make bench ; make mutate
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test lint bench mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/python -m pipeline build raw/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr,bench]'
	$(BIN)/python bench/bench.py

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools bench
	$(BIN)/ruff format --check pipeline tests tools bench

mutate: $(STAMP)
	$(BIN)/python tools/mutate.py

clean:
	rm -rf build
