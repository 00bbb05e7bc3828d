# The README's two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# A local run is a development run unless told otherwise (DJANGO_DEBUG=0 with a secret key).
export DJANGO_DEBUG ?= 1

.PHONY: run test install lint format migrations-check serve import clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# axe-core (for the accessibility check of the browser tests), when npm is on the machine.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility check will be skipped"; fi

install: $(VENV)/.installed node_modules/.installed

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_films
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	PORT=$(PORT) GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c filmsite/gunicorn.conf.py filmsite.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint migrations-check
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache
