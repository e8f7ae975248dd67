# Diplomatic Tit-for-Tat — the two commands are `make lab` and `make test`.
# Both create .venv (if missing or stale) from the pinned requirements; only Python 3.11+ and make needed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
START  := notebooks/00-start-here.ipynb
# Keep Jupyter's own state (config, data such as the notebook trust database, runtime files, workspaces)
# inside the project. The runtime folder holds the server's token (jpserver-*-open.html is not 0600), so
# only its owner may enter it: 0700, as Jupyter itself creates it (mkdir alone would leave it 0755).
JUPYTER_ENV := JUPYTER_CONFIG_DIR=$(CURDIR)/.jupyter/config JUPYTER_DATA_DIR=$(CURDIR)/.jupyter/data \
	JUPYTER_RUNTIME_DIR=$(CURDIR)/.jupyter/runtime JUPYTERLAB_WORKSPACES_DIR=$(CURDIR)/.jupyter/workspaces \
	IPYTHONDIR=$(CURDIR)/.jupyter/ipython
JUPYTER_DIRS := mkdir -p .jupyter/config .jupyter/data .jupyter/runtime .jupyter/ipython .jupyter/workspaces \
	&& chmod 700 .jupyter/runtime
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
PYTEST_ARGS ?=

.PHONY: lab test setup setup-dev exercises site bench lint clean help report

help:
	@echo "make lab        set up .venv and open JupyterLab at $(START)"
	@echo "make test       set up .venv with the test tools and run every test"
	@echo "make exercises  regenerate the student notebooks from notebooks/solutions/"
	@echo "make site       build site/, a static offline website of the notebooks (TEACHER=1: with solutions)"
	@echo "make bench      measure speed (first figure, widgets, test suite); report in maintainers/bench/"
	@echo "make report SUBMISSIONS=folder/ [REPORT_OUT=folder/]  run a class's notebooks; results, summary, booklet"
	@echo "make clean      remove .venv and generated files"

# .venv/bin/python exists and runs Python >= 3.11, else (re)create the environment.
$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "Creating $(VENV) ..."; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); \
	fi
	@$(PIP) install -q --upgrade pip
	@touch $@

# Reinstall when a pin or the package metadata changes (the stamp is older than them).
$(VENV)/.runtime-installed: $(VENV)/.python-ok requirements.txt pyproject.toml $(wildcard lab-settings/*.json)
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	$(PY) scripts/configure_lab.py
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime-installed
setup-dev: $(VENV)/.dev-installed

lab: setup
	@$(JUPYTER_DIRS)
	$(JUPYTER_ENV) $(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/$(START)

test: setup-dev
	@$(JUPYTER_DIRS)
	$(PY) scripts/make_exercises.py --check
	$(JUPYTER_ENV) $(PY) -m pytest -n 2 --dist loadfile --nbval-lax --nbval-current-env --nbval-cell-timeout=300 \
		tests notebooks $(PYTEST_ARGS)

exercises: setup
	$(PY) scripts/make_exercises.py

# The teacher's report (helpers/report): student notebooks are code, run with your permissions.
report: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make report SUBMISSIONS=folder/ [REPORT_OUT=folder/] [REPORT_ARGS='--timeout 300']"; exit 2; }
	$(PY) -m helpers.report "$(SUBMISSIONS)" $(if $(REPORT_OUT),--out "$(REPORT_OUT)") $(REPORT_ARGS)

# The static site: every student notebook run (cached in .cache/site/) and rendered; opens from file://.
site: setup
	$(PY) -m helpers.site $(if $(TEACHER),--teacher)

lint: setup-dev
	$(VENV)/bin/ruff check helpers tests scripts notebooks maintainers

bench: setup-dev
	$(JUPYTER_ENV) $(PY) maintainers/bench/run.py

clean:
	rm -rf $(VENV) .jupyter artifacts .pytest_cache site .cache/site maintainers/bench/.floor-venv maintainers/bench/results
