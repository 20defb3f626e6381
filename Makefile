# The two commands a new user needs: `make run` and `make test`. Everything else is plumbing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast lint bench clean offline-kit

$(BIN)/tongxin: pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

run: $(BIN)/tongxin  ## start the app with the reference plan on SQLite (http://127.0.0.1:8000)
	$(BIN)/tongxin serve $(if $(PORT),--port $(PORT),)

test: $(BIN)/tongxin  ## every test, browser tests included (installs Chromium and CJK fonts if missing)
	bash scripts/ensure-browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/tongxin
	$(BIN)/ruff check tongxin tests bench

bench: $(BIN)/tongxin
	$(BIN)/python bench/run_all.py

offline-kit: $(BIN)/tongxin  ## dist/tongxin-offline-<version>-py311-<platform>.tar.gz: wheels + install.sh, no network needed
	bash scripts/build-offline-kit $(BIN)/python

clean:
	rm -rf $(VENV) var .pytest_cache
