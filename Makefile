# PlanejaTIC: dois comandos, `make run` e `make test` (ver README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e lint instalar bench telas

# Instala só quando pyproject.toml ou package-lock.json mudam (o segundo `make run` sobe em segundos).
$(VENV)/.instalado: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.instalado: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

instalar: $(VENV)/.instalado node_modules/.instalado

run: instalar
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input -v 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py garantir_acesso
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py carregar_referencias
	@echo "PlanejaTIC em http://$(HOST):$(PORT): entre com o usuário e a senha indicados acima (Ctrl+C para parar)."
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

lint: instalar
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium encontrado em $(CHROMIUM): a suíte inclui os testes de navegador."; \
		$(BIN)/pytest; \
	else \
		echo "AVISO: Chromium não encontrado em $(CHROMIUM); os testes de navegador (e2e) ficam de fora."; \
		$(BIN)/pytest -m "not e2e"; \
	fi

e2e: instalar
	$(BIN)/pytest -m e2e

# Uma tabela só (bench/tabela.py) com as metas da issue 19; os outros scripts de bench/ são as medidas
# detalhadas de cada área. As linhas do PostgreSQL pedem o servidor local (como em .ci/run).
bench: instalar
	@command -v wrk >/dev/null 2>&1 || echo "AVISO: wrk não encontrado: a carga fica de fora (Debian: sudo apt-get install wrk)."
	@pg_isready -q -h 127.0.0.1 2>/dev/null || echo "AVISO: PostgreSQL fora do ar: as linhas do PostgreSQL ficam de fora (pg_ctlcluster 15 main start)."
	$(PY) bench/tabela.py

# Screenshots das páginas principais (1366 e 390 px, contraste normal e alto) em docs/telas/.
telas: instalar
	$(PY) scripts/telas.py
